"""Adversarial runs (issue #16): each ends with one clear line, the documented exit
status, in bounded time and memory, with no input or user file lost.

``ATTACKS`` lists them, each a function ``attack(tmp) -> (what happened, as expected)``
whose first docstring line names the attack; ``bench/hostile.py`` prints the same
list as a table. Every text here was written for these tests.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.cli import main

EN = ("The regime shelled the town on Tuesday, activists said.\n"
      "\u201cWe will not leave,\u201d a resident told reporters.\n")


def cli(*argv) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def one_line(code: int, err: str, want_code: int = 2, *needles: str) -> tuple[str, bool]:
    """The verdict on a refusal: ``want_code``, one stderr line holding every needle, no traceback."""
    lines = [x for x in err.splitlines() if x.strip()]
    said = f"exit {code}: " + (" / ".join(lines)[:160] or "(nothing said)")
    ok = code == want_code and len(lines) == 1 and "Traceback" not in err and all(n in err for n in needles)
    return said, ok


def corpus(tmp: Path, n: int = 3, name: str = "c.jsonl") -> Path:
    p = tmp / name
    p.write_text("".join(json.dumps({"id": f"a{i}", "outlet": "X" if i % 2 else "Y", "text": EN})
                         + "\n" for i in range(n)), encoding="utf-8")
    return p


# -- 2: -o equal to the input ---------------------------------------------------------

def attack_output_is_input(tmp: Path):
    """2. analyze c.jsonl -o c.jsonl (and --resume, and a symlink to it)"""
    c = corpus(tmp)
    before = c.read_bytes()
    (tmp / "link.jsonl").symlink_to(c)
    said, ok = [], True
    for argv in (["-o", c], ["-o", c, "--resume"], ["-o", tmp / "link.jsonl"], ["--format", "jsonl", "-o", c]):
        code, _, err = cli("analyze", c, *argv)
        s, good = one_line(code, err, 2, "is also an input")
        said.append(s)
        ok = ok and good and c.read_bytes() == before
    return said[0] + f" (x{len(said)}; input kept: {c.read_bytes() == before})", ok


# -- 11: control characters in printed paths ------------------------------------------

def attack_forged_path(tmp: Path):
    """11. a file named 'nl\\nframing: skipped forged.txt: injected\\n.txt'"""
    d = tmp / "in"
    d.mkdir()
    (d / "nl\nframing: skipped forged.txt: injected\n.txt").write_bytes(b"")
    (d / "good.txt").write_text(EN, encoding="utf-8")
    code, out, err = cli("analyze", d, "--format", "jsonl")
    forged = any(x.startswith("framing: skipped forged.txt") for x in err.splitlines())
    said, ok = one_line(code, err, 1, "\\nframing: skipped forged.txt: injected\\n.txt: empty file")
    return said, ok and not forged and len(out.splitlines()) == 1


# -- 1, 3: every lexicon form through the same checks, in linear time ------------------

def run_cli(argv, timeout: float = 60.0, **kw) -> tuple[int | None, str, str, float]:
    """Run ``python -m framing ARGV`` in a child: (exit status or None on timeout, stdout, stderr, seconds)."""
    t = time.perf_counter()
    try:
        kw.setdefault("stdout", subprocess.PIPE)
        r = subprocess.run([sys.executable, "-m", "framing", *map(str, argv)], stderr=subprocess.PIPE,
                           text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return None, "", f"(still running after {timeout:.0f} s)", time.perf_counter() - t
    return r.returncode, r.stdout, r.stderr, time.perf_counter() - t


def pack_text(label_form: str = "regime", source_form: str | None = None) -> str:
    src = (f'[[sources]]\nforms = ["{source_form}"]\ntype = "official"\n' if source_form is not None else "")
    return (f'name = "p"\ndescription = "d"\n[[referents]]\nid = "r"\n[[referents.labels]]\n'
            f'label = "x"\nforms = ["{label_form}"]\n' + src)


def attack_source_form_redos(tmp: Path):
    """1. a [[sources]] form alternating - and \u2013 40 times (hung analyze); (a+)+$; 100k characters"""
    said, ok = [], True
    for name, form in (("dashes", "a" + "-\u2013" * 40 + "b"), ("nested", "(a+)+$ <x>"),
                       ("long", "a" * 100_000)):
        p = tmp / f"{name}.toml"
        p.write_text(pack_text(source_form=form), encoding="utf-8")
        code, out, _ = cli("lexicon", "validate", p)
        ok = ok and code == 2 and "sources[0].forms" in out
        c = corpus(tmp, 1, f"{name}.jsonl")
        c.write_text(json.dumps({"id": "x", "text": "a" + "-\u2013" * 30 + "c said."}) + "\n", encoding="utf-8")
        code, _, err, secs = run_cli(["analyze", c, "--lexicon", p, "--format", "jsonl"], timeout=60)
        # an invalid pack is refused with its problems listed, one per line
        good = code == 2 and "Traceback" not in err and "sources[0].forms" in err
        said.append(f"{name}: exit {code}: {err.splitlines()[-1].strip()[:70] if err else ''} in {secs:.1f} s")
        ok = ok and good
    return "; ".join(said), ok


def attack_long_form_validate(tmp: Path):
    """3. lexicon validate of a pack whose form is 100k characters (was 81 s)"""
    p = tmp / "long.toml"
    p.write_text(pack_text(label_form="a" * 100_000), encoding="utf-8")
    t = time.perf_counter()
    code, out, _ = cli("lexicon", "validate", p)
    secs = time.perf_counter() - t
    return (f"exit {code}: {out.strip()[:120]} in {secs:.2f} s",
            code == 2 and "form of 100000 characters" in out and "line 7" in out and secs < 5)


# -- 10: lexicon import of a category holding a control character ---------------------

def attack_import_control_chars(tmp: Path):
    """10. lexicon import of .dic/.lc3/.csv whose category holds DEL"""
    files = {"d.dic": "%\n1\tcat\x7fone\n%\nregime*\t1\n",
             "d.lc3": "+cat\x7fone\nregime*\n",
             "d.csv": "category,term\ncat\x7fone,regime\n"}
    said, ok = [], True
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
        out = tmp / (name + ".toml")
        code, _, err = cli("lexicon", "import", tmp / name, "-o", out)
        code2, lout, lerr = cli("lexicon", "validate", out)
        said.append(f"{name}: import exit {code}, validate exit {code2}")
        ok = ok and code == 0 and code2 == 0 and "Traceback" not in err + lerr
    return "; ".join(said), ok


# -- 5: crafted model files ------------------------------------------------------------

def tiny_model(tmp: Path) -> Path:
    """A real classifier (word TF-IDF + logistic regression) saved with its card."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from framing.classify.persist import save_model

    texts = ["Regime forces shelled the town.", "Rebels captured two villages.",
             "The regime bombed a market.", "Rebel fighters seized the road."]
    m = Pipeline([("f", TfidfVectorizer()), ("c", LogisticRegression())]).fit(texts, ["r", "o", "r", "o"])
    return save_model(m, tmp / "m.npz", {"classes": ["o", "r"], "task": "binary"})


def recraft(path: Path, spec_edit=None, extra: dict | None = None, raw_spec: str | None = None) -> None:
    """Rewrite a model file (its spec edited, members added) and update its card's hash, as an
    attacker who can write both files would."""
    import hashlib
    import zipfile

    import numpy as np

    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    spec = json.loads(str(arrays.pop("__spec__")))
    if spec_edit:
        spec_edit(spec)
    text = raw_spec if raw_spec is not None else json.dumps(spec)
    np.savez_compressed(path, __spec__=np.array(text), **arrays)
    for name, size in (extra or {}).items():  # an unused member of `size` zero bytes, streamed
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            with zf.open(name, "w", force_zip64=True) as fh:
                fh.write(np.lib.format.magic(1, 0))
                hdr = repr({"descr": "|u1", "fortran_order": False, "shape": (size,)}).encode()
                fh.write(len(hdr + b"\n").to_bytes(2, "little") + hdr + b"\n")
                chunk = bytes(1 << 24)
                for i in range(0, size, len(chunk)):
                    fh.write(chunk[:min(len(chunk), size - i)])
    card = path.with_name(path.stem + ".card.json")
    doc = json.loads(card.read_text(encoding="utf-8"))
    doc["model_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    card.write_text(json.dumps(doc), encoding="utf-8")


def _set_pattern(spec, pattern="(a|aa)+$"):
    def walk(v):
        if isinstance(v, dict):
            if v.get("__estimator__", "").endswith("TfidfVectorizer"):
                v["params"]["token_pattern"] = pattern
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(spec)


def _deep(spec, depth=700):
    v: object = 1
    for _ in range(depth):
        v = [v]
    spec["model"]["params"]["memory"] = v


def attack_crafted_models(tmp: Path, big: int = 3 << 30):
    """5. crafted model files: a 3 GB unused member, token_pattern (a|aa)+$, nesting 700 deep, 5,000 digits"""
    c = corpus(tmp, 2)
    c.write_text(json.dumps({"id": "x", "text": "a" * 40 + "b"}) + "\n", encoding="utf-8")
    said, ok = [], True
    crafts = {
        "3 GB member": ("arrays unpack to", dict(extra={"pad.npy": big})),
        "(a|aa)+$": ("backtracks without end", dict(spec_edit=_set_pattern)),
        "700 deep": ("refusing to load", dict(spec_edit=_deep)),
        "5,000 digits": ("no readable model spec", dict(raw_spec='{"format": "framing-model/1", "model": '
                                                          + "9" * 5000 + "}")),
    }
    for name, (needle, kw) in crafts.items():
        d = tmp / name.replace(" ", "_").replace("$", "").replace("|", "").replace("(", "").replace(")", "")
        d.mkdir()
        m = tiny_model(d)
        recraft(m, **kw)
        t = time.perf_counter()
        code, _, err = cli("classify", m, c)
        secs = time.perf_counter() - t
        s, good = one_line(code, err, 2, needle)
        said.append(f"{name}: {s[:90]} ({secs:.1f} s)")
        ok = ok and good
    return "; ".join(said), ok


# -- 6: write errors and cluster failures ----------------------------------------------

def attack_write_errors(tmp: Path):
    """6. -o /dev/full and a full standard output (analyze, compare, report, kwic)"""
    if not Path("/dev/full").exists():
        return "no /dev/full here", True
    c = corpus(tmp, 4)
    runs = {"analyze > /dev/full": (["analyze", c], True),
            "analyze -o /dev/full": (["analyze", c, "--format", "jsonl", "-o", "/dev/full"], False),
            "compare -o /dev/full": (["compare", c, "-o", "/dev/full"], False),
            "compare > /dev/full": (["compare", c, "--format", "csv"], True),
            "report -o /dev/full": (["report", c, "-o", "/dev/full"], False),
            "kwic > /dev/full": (["kwic", c, "regime"], True)}
    said, ok = [], True
    for name, (argv, to_full) in runs.items():
        with open("/dev/full", "w") as full:
            code, _, err, _ = run_cli(argv, timeout=120, **({"stdout": full} if to_full else {}))
        errs = [x for x in err.splitlines() if x.startswith("framing: error")]
        good = code == 2 and len(errs) == 1 and "Traceback" not in err and "Exception ignored" not in err
        said.append(f"{name}: exit {code} {errs[0][15:70] if errs else err[-80:]!r}")
        ok = ok and good
    return "; ".join(said), ok


def _silent_server(kind: str):
    """A local port that accepts connections and says nothing, or answers as an HTTP server."""
    import http.server
    import socket
    import threading

    if kind == "http":
        class Quiet(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        return srv.server_address[1], srv.shutdown
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                pass

    threading.Thread(target=accept, daemon=True).start()
    return sock.getsockname()[1], lambda: (stop.set(), sock.close(), [h.close() for h in held])


def attack_bad_scheduler(tmp: Path):
    """6. --scheduler bogus://x, a silent TCP listener, an HTTP server: one line, bounded wait"""
    pytest.importorskip("distributed")
    from framing import engine

    c = corpus(tmp, 2)
    said, ok = [], True
    for name in ("bogus", "silent", "http"):
        stop = None
        if name == "bogus":
            addr = "bogus://x"
        else:
            port, stop = _silent_server(name)
            addr = f"tcp://127.0.0.1:{port}"
        t = time.perf_counter()
        try:
            code, _, err = cli("analyze", c, "--engine", "dask", "--scheduler", addr)
        finally:
            if stop:
                stop()
        secs = time.perf_counter() - t
        s, good = one_line(code, err, 2, "scheduler")
        said.append(f"{name}: {s[:100]} ({secs:.0f} s)")
        ok = ok and good and secs < engine.CONNECT_TIMEOUT + 30
    return "; ".join(said), ok


def attack_dask_task_cancelled(tmp: Path):
    """6. a Dask worker killed mid-run (its futures cancelled): one line, exit 2"""
    distributed = pytest.importorskip("distributed")
    from framing.engine import run

    class Cancelled:
        def result(self):
            raise distributed.client.FutureCancelledError("x", reason="worker killed")

    class Lost(distributed.Client):  # a client whose worker died: every future is cancelled
        def __init__(self):
            pass

        def nthreads(self):
            return {"w": 1}

        def scatter(self, data, broadcast=False):
            return data

        def submit(self, *a, **k):
            return Cancelled()

        def __repr__(self):
            return "tcp://lost:8786"

        def __del__(self):
            pass

    from framing.data import Article
    from framing.errors import FramingError

    try:
        list(run([Article(id=str(i), text=EN) for i in range(40)], engine="dask", scheduler=Lost()))
    except FramingError as e:
        return f"FramingError: {e}"[:160], "FutureCancelledError" in str(e) and "\n" not in str(e)
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"[:160], False
    return "no error", False


# -- 7: report --by a list field; dates mixing date and datetime ------------------------

def attack_report_odd_groups(tmp: Path):
    """7. report --by a field holding a list; front matter mixing a date and a datetime"""
    c = tmp / "l.jsonl"
    c.write_text("".join(json.dumps({"id": f"a{i}", "camp": ["a", "b"] if i % 2 else "c", "text": EN}) + "\n"
                         for i in range(6)), encoding="utf-8")
    code, _, err = cli("report", c, "--by", "camp", "-o", tmp / "r1")
    said = [f"list: exit {code}"]
    ok = code == 0 and "Traceback" not in err and "a;b" in (tmp / "r1" / "index.html").read_text(encoding="utf-8")
    d = tmp / "md"
    d.mkdir()
    for i in range(12):
        (d / f"a{i}.md").write_text(f"---\ndate: 2024-01-{i + 1:02d}\npub: 2024-01-{i + 1:02d}\noutlet: A\n---\n{EN}",
                                    encoding="utf-8")
        (d / f"b{i}.md").write_text(f"---\ndate: 2024-02-{i + 1:02d} 10:00:00\npub: 2024-02-{i + 1:02d}T10:00:00\n"
                                    f"outlet: B\n---\n{EN}", encoding="utf-8")
    for by in ("outlet", "pub", "date"):
        code, _, err = cli("report", d, "--by", by, "-o", tmp / f"r_{by}")
        said.append(f"dates --by {by}: exit {code}")
        ok = ok and code == 0 and "Traceback" not in err
    return "; ".join(said), ok


# -- 12: workers stop with their parent; the report's folder ----------------------------

def _children(pid: int) -> list[int]:
    out = []
    for t in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in (t / "children").read_text().split()]
    return out


def attack_sigterm_workers(tmp: Path):
    """12. kill -TERM of the main process during --jobs 2: the workers end too"""
    import signal

    if not Path("/proc/self/task").exists():
        return "no /proc here", True
    c = corpus(tmp, 3000)
    out = tmp / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "framing", "analyze", str(c), "--jobs", "2",
                             "--format", "jsonl", "-o", str(out)], stderr=subprocess.PIPE)
    workers: list[int] = []
    t = time.time()
    while time.time() - t < 60 and (len(workers) < 2 or not out.exists() or out.stat().st_size == 0):
        workers = _children(proc.pid)
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    t = time.time()
    while time.time() - t < 10 and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if Path(f"/proc/{w}").exists()]
    for w in left:  # do not leave them behind if the fix failed
        with contextlib.suppress(OSError):
            os.kill(w, signal.SIGKILL)
    return (f"main exit {proc.returncode}; {len(workers)} workers seen, {len(left)} still running "
            f"after {time.time() - t:.1f} s", len(workers) == 2 and not left)


def attack_report_folder(tmp: Path):
    """12. a report into a folder of the user's files; into its own input folder, read twice"""
    user = tmp / "site"
    (user / "articles").mkdir(parents=True)
    (user / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    (user / "articles" / "0001.html").write_text("<p>my article</p>", encoding="utf-8")
    c = corpus(tmp, 4)
    code, _, err = cli("report", c, "-o", user)
    said, ok = one_line(code, err, 2, "--force")
    ok = ok and (user / "articles" / "0001.html").read_text(encoding="utf-8") == "<p>my article</p>"
    code2, _, _ = cli("report", c, "-o", user, "--force")
    ok = ok and code2 == 0
    again, _, _ = cli("report", c, "-o", user)  # now a report: replaced without --force
    ok = ok and again == 0
    d = tmp / "corpus"
    d.mkdir()
    c.rename(d / "c.jsonl")
    runs = []
    for _ in range(2):
        cli("report", d, "-o", d / "report")
        code3, out3, _ = cli("analyze", d, "--format", "jsonl")
        runs.append(len(out3.splitlines()))
    ok = ok and runs == [4, 4]
    return f"{said}; --force exit {code2}; report in its input folder: articles read {runs}", ok


# -- 4: one run at a time on an output; its ids must be the input's ---------------------

def attack_two_resumes(tmp: Path):
    """4. two --resume runs on one JSONL at once; an output holding more records than the input"""
    c = corpus(tmp, 400)
    out = tmp / "out.jsonl"
    argv = [sys.executable, "-m", "framing", "analyze", str(c), "--format", "jsonl", "-o", str(out),
            "--resume", "--jobs", "1"]
    procs = [subprocess.Popen(argv, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    codes = sorted(p.returncode for p in procs)
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    refused = [e for e in errs if "being written by another run" in e]
    ok = codes == [0, 2] and len(refused) == 1 and ids == [f"a{i}" for i in range(400)]
    said = f"exits {codes}, {len(ids)} records, {len(ids) - len(set(ids))} duplicates"
    # an output holding more records than the input
    small = corpus(tmp, 3, "small.jsonl")
    code, _, err = cli("analyze", small, "--format", "jsonl", "-o", out, "--resume")
    s, good = one_line(code, err, 2, "cannot resume")
    return f"{said}; {s}", ok and good


# -- 8: --resume checks what it keeps ----------------------------------------------------

def attack_damaged_resume(tmp: Path):
    """8. resume over a replaced JSONL record, a damaged Parquet shard, a different --model"""
    c = corpus(tmp, 6)
    out = tmp / "out.jsonl"
    cli("analyze", c, "--format", "jsonl", "-o", out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:2] + [lines[4]] + lines[3:4]), encoding="utf-8")  # a2 replaced by a4
    code, _, err = cli("analyze", c, "--format", "jsonl", "-o", out, "--resume")
    said = [one_line(code, err, 2, "record 3 of the output has id 'a4'")]
    pytest.importorskip("pyarrow")
    pq = tmp / "pq"
    cli("analyze", c, "--format", "parquet", "-o", pq, "--shard-size", "3")
    shard = sorted(pq.glob("*.parquet"))[0]
    data = bytearray(shard.read_bytes())
    mid = len(data) // 2
    data[mid - 200:mid + 200] = bytes(400)
    shard.write_bytes(bytes(data))
    code, _, err = cli("analyze", c, "--format", "parquet", "-o", pq, "--resume")
    said.append(one_line(code, err, 2, "not a readable Parquet shard"))
    model = tiny_model(tmp)
    out2 = tmp / "scored.jsonl"
    cli("analyze", c, "--format", "jsonl", "-o", out2, "--model", model)
    out2.write_text("".join(out2.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8")
    code, _, err = cli("analyze", c, "--format", "jsonl", "-o", out2, "--resume")   # no --model
    said.append(one_line(code, err, 2, "model was"))
    return " // ".join(f"{x[:130]} ({'ok' if good else 'NOT OK'})" for x, good in said), all(g for _, g in said)


# -- 9: the size guards ------------------------------------------------------------------

# The peak is this process's own (VmHWM, reset by exec), not ru_maxrss, which after fork and
# exec still counts the pages of the parent that started it (the bench holding its inputs).
_MEASURED = ("import json, re, resource, sys, time\nfrom framing.cli import main\nt = time.perf_counter()\n"
             "code = main(sys.argv[2:])\ns = time.perf_counter() - t\n"
             "try:\n    kb = int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))\n"
             "except (OSError, AttributeError):\n    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
             "open(sys.argv[1], 'w').write(json.dumps({'s': s, 'rss_mb': kb / 1024}))\nsys.exit(code)\n")


def measured(tmp: Path, argv) -> tuple[int, str, float, float]:
    """Run the command line in a child: (exit status, stderr, seconds, peak RSS in MB)."""
    fig = tmp / "fig.json"
    fig.unlink(missing_ok=True)
    r = subprocess.run([sys.executable, "-c", _MEASURED, str(fig), *map(str, argv)], capture_output=True,
                       text=True, timeout=600)
    f = json.loads(fig.read_text()) if fig.exists() else {"s": float("nan"), "rss_mb": float("nan")}
    return r.returncode, r.stderr, f["s"], f["rss_mb"]


def size_inputs(tmp: Path, mb: float = 20, columns: int = 1_000_000) -> tuple[Path, Path]:
    """A JSONL file whose first record is ``mb`` MB of text, then 20 good ones; a CSV of 5 rows
    and ``columns`` columns."""
    sent = ["Regime forces shelled rebel-held areas near the town on Tuesday, activists said.",
            "Officials insisted the operation targeted militants only."]
    big = " ".join(sent[i % 2] for i in range(int(mb * 1e6 / 70)))
    j = tmp / "big.jsonl"
    with open(j, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "big", "text": big}) + "\n")
        fh.writelines(json.dumps({"id": f"g{i}", "text": EN}) + "\n" for i in range(20))
    c = tmp / "wide.csv"
    with open(c, "w", encoding="utf-8") as fh:
        fh.write("id,outlet,text," + ",".join(f"c{i}" for i in range(columns)) + "\n")
        for r in range(5):
            fh.write(f"r{r},{'AB'[r % 2]},The regime shelled the town.," + ",".join("x" * columns) + "\n")
    return j, c


def attack_size_guards(tmp: Path, mb: float = 20, columns: int = 1_000_000):
    """9. a 20 MB JSONL record then 20 good ones; a 5-row x 1M-column CSV (--format csv, report)"""
    j, c = size_inputs(tmp, mb, columns)
    said, ok = [], True
    code, err, secs, rss = measured(tmp, ["analyze", j, "--format", "jsonl", "-o", tmp / "j.jsonl"])
    n = len((tmp / "j.jsonl").read_text(encoding="utf-8").splitlines())
    said.append(f"{mb:g} MB record: exit {code}, {n} written, {secs:.1f} s, {rss:.0f} MB peak")
    ok = ok and code == 1 and n == 20 and "MAX_RECORD_CHARS" in err and "Traceback" not in err
    for argv in (["analyze", c, "--format", "csv", "-o", tmp / "w.csv"], ["report", c, "-o", tmp / "wr"]):
        code, err, secs, rss = measured(tmp, argv)
        said.append(f"{columns:,}-column CSV, {argv[0]}: exit {code}, {secs:.1f} s, {rss:.0f} MB peak")
        ok = ok and code == 0 and "MAX_FIELDS" in err and "Traceback" not in err and rss < 1500
    return "; ".join(said), ok


ATTACKS = [attack_output_is_input, attack_forged_path, attack_source_form_redos, attack_long_form_validate,
           attack_import_control_chars, attack_crafted_models, attack_write_errors, attack_bad_scheduler,
           attack_dask_task_cancelled, attack_report_odd_groups, attack_sigterm_workers, attack_report_folder,
           attack_two_resumes, attack_damaged_resume, attack_size_guards]


SLOW = {attack_crafted_models, attack_bad_scheduler, attack_size_guards}
"""Attacks whose full size the tests run scaled down (``python bench/hostile.py`` runs them in full)."""


@pytest.mark.parametrize("attack", [a for a in ATTACKS if a not in SLOW], ids=lambda f: f.__name__)
def test_attack(attack, tmp_path):
    said, ok = attack(tmp_path)
    assert ok, said


def test_crafted_models_scaled_down(tmp_path, monkeypatch):
    from framing.classify import persist

    monkeypatch.setattr(persist, "MAX_MODEL_BYTES", 1 << 20)   # a 2 MB member stands for 3 GB
    said, ok = attack_crafted_models(tmp_path, big=2 << 20)
    assert ok, said


def test_bad_schedulers_scaled_down(tmp_path, monkeypatch):
    from framing import engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)   # the wait is bounded: 1 s stands for 10 s
    said, ok = attack_bad_scheduler(tmp_path)
    assert ok, said


def test_size_guards_scaled_down(tmp_path, monkeypatch):
    # 6 MB stands for 20 MB (over MAX_RECORD_CHARS either way), 20,000 columns for a million
    said, ok = attack_size_guards(tmp_path, mb=6, columns=20_000)
    assert ok, said
