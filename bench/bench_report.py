"""Peak memory and time of ``framing report`` on FA-KES dev replicated to larger sizes.

Each size is one run of the command line, as a user runs it
(``framing report CORPUS --by outlet -o DIR --jobs 1``), under GNU
``/usr/bin/time -v``: the peak is the maximum resident set size of the largest
process. The corpora cycle through FA-KES dev with new ids (as
``bench/bench.py --scaling`` makes them).

Usage::

    python bench/bench_report.py                          # 1,000 10,000 30,000 100,000 articles
    python bench/bench_report.py 1000 10000 --framing /work/baseline/.venv/bin/framing   # before

``--framing`` runs another installation's command (a baseline) on the same corpora.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CORPORA, replicate  # noqa: E402


def run(framing: list[str], corpus: Path, out: Path) -> tuple[float, float, int]:
    """(peak MB, seconds, exit status) of one report."""
    cmd = ["/usr/bin/time", "-v", *framing, "report", str(corpus), "--by", "outlet", "-o", str(out),
           "--jobs", "1"]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", p.stderr)
    secs = 0.0
    if wall:
        for part in wall.group(1).split(":"):
            secs = secs * 60 + float(part)
    if p.returncode != 0:
        print(p.stderr[-2000:], file=sys.stderr)
    return (int(peak.group(1)) / 1024 if peak else float("nan")), secs, p.returncode


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", type=int, nargs="*", default=[1000, 10000, 30000, 100000])
    ap.add_argument("--framing", default=None,
                    help="the framing command to run (default: this Python's framing)")
    args = ap.parse_args(argv)
    src = CORPORA["fakes-dev"][0]
    if not src.exists():
        print(f"corpus not found: {src} (../shared/data is only on developer machines)")
        return 1
    if not Path("/usr/bin/time").exists():
        print("GNU time (/usr/bin/time) is needed: apt-get install time")
        return 1
    framing = [args.framing] if args.framing else [sys.executable, "-m", "framing"]
    print("| articles | peak MB | seconds | MB per 1,000 articles above 1,000 |")
    print("|---:|---:|---:|---:|", flush=True)
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = replicate(src, n, Path(tmp) / f"fakes-{n}.jsonl")
            out = Path(tmp) / f"report-{n}"
            peak, secs, code = run(framing, corpus, out)
            first = first or (n, peak)
            slope = (peak - first[1]) / (n - first[0]) * 1000 if n != first[0] else float("nan")
            print(f"| {n:,} | {peak:,.0f} | {secs:,.0f} | {slope:.1f} |"
                  + ("" if code == 0 else f" (exit {code})"), flush=True)
            corpus.unlink()
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
