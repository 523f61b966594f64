"""Run every hostile input through the command line and say what happened to each.

    python bench/hostile.py              # each input of tests/test_hostile.py, then all at once,
                                         # then each attack of tests/test_attacks.py (issue #16)
    python bench/hostile.py --attacks    # the attacks only (a few minutes: 3 GB model member,
                                         # 20 MB record, 1M-column CSV, silent schedulers)
    python bench/hostile.py --big 0.4    # time and peak memory for one article of 0.4 MB
    python bench/hostile.py --redos      # time one match of each pathological lexicon form

The inputs are the ``CASES`` of ``tests/test_hostile.py`` (one list, so the
tests and this table cannot drift apart). For each one the table shows the
exit status of ``framing analyze FILE --format jsonl``, the articles written,
and what was said on stderr; "as expected" checks the written ids and the
reported lines against the test's expectations, so "nothing lost" is checked,
not claimed. The big article is made of sentences written for this script.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cases():
    spec = importlib.util.spec_from_file_location("test_hostile", ROOT / "tests" / "test_hostile.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.CASES


def _attacks():
    spec = importlib.util.spec_from_file_location("test_attacks", ROOT / "tests" / "test_attacks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.ATTACKS


def attacks() -> int:
    """Each attack of ``tests/test_attacks.py`` at full size: what happened, and whether that is
    what the issue asks (one clear line, the documented exit status, bounded time and memory,
    nothing lost)."""
    import warnings

    warnings.simplefilter("ignore")
    bad = 0
    print("| attack | what happened | as expected | seconds |\n|---|---|---|---|")
    for attack in _attacks():
        name = (attack.__doc__ or attack.__name__).strip().splitlines()[0]
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            try:
                said, ok = attack(Path(tmp))
            except Exception as e:  # noqa: BLE001 - a crash is a finding, shown in the table
                said, ok = f"{type(e).__name__}: {e}", False
            secs = time.perf_counter() - t
        bad += not ok
        said = said.replace(tmp, "TMP").replace("|", "/").replace("\n", " ")
        print(f"| {name.replace('|', '/')} | {said[:400]} | {'yes' if ok else 'NO'} | {secs:.1f} |", flush=True)
    print("every attack ended as expected" if not bad else f"{bad} attacks did not end as expected")
    return 1 if bad else 0


def _run(argv):
    from framing.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def table() -> int:
    cases = _cases()
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("| input | exit | articles | stderr | as expected |\n|---|---|---|---|---|")
        for name, fname, data, ids, errors, warns in cases:
            d = tmp / fname.replace(".", "_")
            d.mkdir()
            (d / fname).write_bytes(data)
            out = d / "out.jsonl"
            code, err = _run(["analyze", str(d / fname), "--format", "jsonl", "-o", str(out)])
            got = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
            msgs = [m.replace(str(d / fname), fname) for m in err.splitlines()
                    if m.startswith(("framing: skipped", "framing: warning", "framing: note"))]
            ok = (got == ids and len([m for m in msgs if "skipped" in m]) == len(errors)
                  and len([m for m in msgs if "warning" in m]) == len(warns)
                  and all(t in err for _, t in errors + warns)
                  and code == (1 if errors else 0) and "Traceback" not in err)
            bad += not ok
            said = "<br>".join(re.sub(r"^framing: ", "", m)[:150] for m in msgs) or "–"
            print(f"| {name} | {code} | {len(got)} | {said.replace('|', '/')} | {'yes' if ok else 'NO'} |")
        # everything at once: one folder, one run
        every = tmp / "all"
        every.mkdir()
        for _, fname, data, *_ in cases:
            (every / fname).write_bytes(data)
        out = tmp / "all.jsonl"
        t = time.perf_counter()
        code, err = _run(["analyze", str(every), "--format", "jsonl", "-o", str(out)])
        secs = time.perf_counter() - t
        n_out = len(out.read_text(encoding="utf-8").splitlines())
        want = sum(len(c[3]) for c in cases)
        n_err, n_warn = err.count("framing: skipped"), err.count("framing: warning")
        print(f"\nall {len(cases)} inputs in one folder: exit {code}, {n_out} articles written "
              f"(expected {want}), {n_err} skipped (expected {sum(len(c[4]) for c in cases)}), "
              f"{n_warn} warnings (expected {sum(len(c[5]) for c in cases)}), {secs:.1f} s")
        bad += n_out != want
    print("nothing lost: every input read or reported as expected" if not bad else f"{bad} mismatches")
    return 1 if bad else 0


SENTENCES = [
    "Regime forces shelled rebel-held areas near the town on Tuesday, activists said.",
    '"We will not leave our homes," a resident told reporters.',
    "The government said terrorists had attacked a checkpoint, according to state media.",
    "Opposition fighters claimed they had captured two villages.",
    "The Syrian Observatory for Human Rights reported that 12 civilians were killed.",
    "Officials insisted the operation targeted militants only.",
    "Aid groups warned of a worsening humanitarian crisis in the province.",
    "\u201cThe shelling has not stopped since dawn,\u201d said Ahmad, a local activist.",
]


def big_article(mb: float, path: Path) -> None:
    rnd, out, size = random.Random(9), [], 0
    while size < mb * 1e6:
        p = " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 6)))
        out.append(p)
        size += len(p) + 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _big_child(path: str, analyse: bool) -> None:
    import resource

    import framing
    import framing.corpus

    framing.corpus.MAX_RECORD_CHARS = float("inf")   # the size limit lifted: time the analysis itself
    t = time.perf_counter()
    (a,) = framing.read_corpus(path)
    read = time.perf_counter() - t
    secs = None
    if analyse:
        t = time.perf_counter()
        framing.analyze(a)
        secs = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"read_s": round(read, 2), "analyze_s": secs and round(secs, 1), "peak_rss_mb": round(rss)}))


def big(mb: float, analyse: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "big.txt"
        big_article(mb, p)
        r = subprocess.run([sys.executable, __file__, "--_child", str(p)] + ([] if analyse else ["--read-only"]),
                           capture_output=True, text=True)
        if r.returncode:
            print(r.stderr[-2000:])
            return 1
        print(f"{mb} MB article ({p.stat().st_size:,} bytes): {r.stdout.strip()}")
    return 0


def redos(cap: float = 20.0) -> int:
    cases = {
        "spaced hyphens 'a - - - - - - - - - - - - b'": ("a - - - - - - - - - - - - b", lambda n: "a" + " " * n + "c"),
        "40 hyphens": ("a" + "-" * 40 + "b", lambda n: "a" + "-" * n + "c"),
        "40 apostrophes": ("a" + "'" * 40 + "b", lambda n: "a" + "'" * n + "c"),
        "glob after separators 'a - - - - - - b*'": ("a - - - - - - b*", lambda n: "a" + " -" * (n // 2) + "c"),
        "typo 'al - - Nusra'": ("al - - Nusra", lambda n: "al" + " " * n + "x"),
    }
    code = ("import sys, time, framing\nfrom framing.terms import find_terms\n"
            "lx = framing.load_lexicon(sys.argv[1])\nt = time.perf_counter()\n"
            "find_terms(sys.argv[2], lx)\nprint(round(time.perf_counter() - t, 3))\n")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (form, text) in cases.items():
            p = Path(tmp) / "p.toml"
            p.write_text(f'name = "p"\ndescription = "d"\n[[referents]]\nid = "r"\n[[referents.labels]]\n'
                         f'label = "x"\nforms = ["{form}"]\n', encoding="utf-8")
            row = []
            for n in (8, 12, 16, 20, 24, 40, 1000, 2000):
                try:
                    r = subprocess.run([sys.executable, "-c", code, str(p), text(n)], capture_output=True,
                                       text=True, timeout=cap)
                except subprocess.TimeoutExpired:
                    row.append(f"{n}: >{cap:.0f} s")
                    break
                if r.returncode:
                    row.append(f"{n}: {r.stderr.strip().splitlines()[-1][:80]}")
                    break
                row.append(f"{n}: {r.stdout.strip()} s")
            print(f"{name:45s} run length -> one match: {', '.join(row)}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", type=float, metavar="MB", help="time and memory for one article of MB megabytes")
    ap.add_argument("--read-only", action="store_true", help="with --big: read it, do not analyse")
    ap.add_argument("--redos", action="store_true", help="time the pathological lexicon forms")
    ap.add_argument("--attacks", action="store_true", help="the adversarial runs of issue #16 only")
    ap.add_argument("--_child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._child:
        _big_child(a._child, not a.read_only)
        sys.exit(0)
    if a.big:
        sys.exit(big(a.big, not a.read_only))
    if a.redos:
        sys.exit(redos())
    if a.attacks:
        sys.exit(attacks())
    code = table()
    print()
    sys.exit(attacks() or code)
