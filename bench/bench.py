"""Benchmark the full default analysis end to end, as users run it.

Each configuration runs, in a fresh subprocess, what ``framing analyze CORPUS
--format jsonl -o FILE --jobs N`` runs: stream the corpus from disk through the
engine (the default packs, all stages) and write one JSON record per article.
It reports the median articles/s, words/s and MB/s over several runs (time from
the first read to the last write; interpreter start-up and imports are timed
separately), and the peak memory: proportional set size (PSS, shared pages
counted once) summed over the process and its workers, sampled every 50 ms.

Usage::

    python bench/bench.py                       # FA-KES dev, PolNeAR dev and train, --jobs 1 and 2
    python bench/bench.py --scaling 1000 10000 100000   # replicated FA-KES dev, streamed
    python bench/bench.py --repeat 5 --jobs 1
    python bench/bench.py --corpora polnear-train --jobs 1 --loaded both   # the tagger's cost (A/B)

The corpora are read from ../shared/data (not part of the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CORPORA = {
    "fakes-dev": (DATA / "fakes" / "dev.jsonl", []),
    "polnear-dev": (DATA / "polnear" / "dev.jsonl", ["--outlet-field", "publisher"]),
    # 84 dev articles take under a second: the 840 train articles give a steadier figure
    "polnear-train": (DATA / "polnear" / "train.jsonl", ["--outlet-field", "publisher"]),
}


def corpus_size(path: Path) -> tuple[int, int, int]:
    """Articles, words and UTF-8 bytes of text in a JSONL corpus."""
    n = words = size = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            n += 1
            words += len(t.split())
            size += len(t.encode("utf-8"))
    return n, words, size


def child(path: str, jobs: int, extra: list[str], loaded: bool = False) -> None:
    """In the measured process: stream the corpus through the engine into a JSONL file.

    Prints the seconds spent from the first read to the last write, after a
    warm-up on the first article, which leaves out interpreter start-up, imports
    and loading the model and packs (start-up is reported separately).
    """
    from framing.corpus import Fields, read_corpus
    from framing.engine import run

    from framing.analyze import analyze

    fields = Fields(outlet=extra[1]) if extra[:1] == ["--outlet-field"] else Fields()
    # one-time set-up (lazy imports, the attribution model, compiling the packs) is
    # paid once per process whatever the corpus size: pay it before the clock starts
    analyze(next(iter(read_corpus(path, fields=fields))), loaded=loaded)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as out:
        t0 = time.perf_counter()
        for a in run(read_corpus(path, fields=fields), jobs=jobs, loaded=loaded):
            out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
        print(time.perf_counter() - t0)


def _tree_pss(ps: psutil.Process) -> int:
    total = 0
    for p in [ps, *ps.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss  # proportional: shared pages counted once
        except psutil.Error:
            pass
    return total


def run_once(path: Path, extra: list[str], jobs: int, loaded: bool = False) -> tuple[float, int]:
    """Seconds of analysis and peak memory (PSS summed over the process and its workers)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import bench; "
            f"bench.child({str(path)!r}, {jobs}, {extra!r}, {loaded!r})")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_pss(ps))
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark run failed:\n{err.decode()}")
    return float(out.decode().split()[-1]), peak


def startup() -> float:
    """Seconds for ``framing --version``-like start-up: interpreter plus imports of the analysis path."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import framing.cli, framing.engine, framing.sentiment; "
                    "framing.sentiment.pattern_sentiment('ok')"], check=True)
    return time.perf_counter() - t0


def bench(name: str, path: Path, extra: list[str], jobs: int, repeat: int,
          loaded: bool = False) -> dict:
    n, words, size = corpus_size(path)
    runs = [run_once(path, extra, jobs, loaded) for _ in range(repeat)]
    return _row(name, n, words, size, jobs, runs)


def _row(name, n, words, size, jobs, runs, tagger=None) -> dict:
    secs = statistics.median(r[0] for r in runs)
    return {"corpus": name + ("" if tagger is None else f" (tagger {tagger})"),
            "articles": n, "jobs": jobs, "seconds": secs,
            "articles/s": n / secs, "words/s": words / secs, "MB/s": size / 1e6 / secs,
            "peak MB": max(r[1] for r in runs) / 1e6}


def replicate(src: Path, n: int, dest: Path) -> Path:
    """Write ``n`` articles to ``dest`` by cycling through ``src`` (ids made unique)."""
    recs = [json.loads(line) for line in open(src, encoding="utf-8")]
    with open(dest, "w", encoding="utf-8") as fh:
        for i in range(n):
            r = dict(recs[i % len(recs)])
            r["id"] = f"{r['id']}-{i}"
            fh.write(json.dumps(r) + "\n")
    return dest


def show(rows: list[dict]) -> None:
    cols = ["corpus", "articles", "jobs", "seconds", "articles/s", "words/s", "MB/s", "peak MB"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        cells = [f"{r[c]:,.2f}" if isinstance(r[c], float) else f"{r[c]:,}" if isinstance(r[c], int)
                 else str(r[c]) for c in cols]
        print("| " + " | ".join(cells) + " |", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per configuration (median reported)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpora", nargs="+", choices=list(CORPORA), default=list(CORPORA),
                    help="which corpora to time (default: all)")
    ap.add_argument("--loaded", choices=["off", "on", "both"], default="off",
                    help="run the loaded-language tagger (--loaded); both: off and on, runs "
                         "interleaved so that load on the machine hits both alike")
    ap.add_argument("--scaling", type=int, nargs="*", metavar="N",
                    help="replicated FA-KES dev corpora of these sizes (one run each)")
    args = ap.parse_args(argv)
    missing = [str(p) for p, _ in CORPORA.values() if not p.exists()]
    if missing:
        print(f"corpora not found: {', '.join(missing)} (../shared/data is only on developer machines)")
        return 1
    rows = []
    if args.scaling:
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.scaling:
                path = replicate(CORPORA["fakes-dev"][0], n, Path(tmp) / f"fakes-{n}.jsonl")
                for jobs in args.jobs:
                    rows.append(bench(f"fakes x{n}", path, [], jobs, 1))
                    show(rows[-1:]) if len(rows) == 1 else print("| " + " | ".join(
                        f"{v:,.2f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)
                        for v in rows[-1].values()) + " |", flush=True)
                path.unlink()
        return 0
    for name in args.corpora:
        path, extra = CORPORA[name]
        for jobs in args.jobs:
            if args.loaded == "both":
                n, words, size = corpus_size(path)
                off, on = [], []
                for _ in range(args.repeat):
                    off.append(run_once(path, extra, jobs, False))
                    on.append(run_once(path, extra, jobs, True))
                rows += [_row(name, n, words, size, jobs, off, "off"),
                         _row(name, n, words, size, jobs, on, "on")]
            else:
                rows.append(bench(name, path, extra, jobs, args.repeat, args.loaded == "on"))
    show(rows)
    print(f"\nstart-up (interpreter + imports), median of {args.repeat}: "
          f"{statistics.median(startup() for _ in range(args.repeat)):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
