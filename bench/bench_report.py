"""Peak memory and time of a report of FA-KES dev replicated to larger sizes.

Each size is one process under GNU ``/usr/bin/time -v``: the peak is the
maximum resident set size of the largest process. The corpora cycle through
FA-KES dev with new ids (as ``bench/bench.py --scaling`` makes them).

Two ways to run:

* default: the command line, as a user runs it
  (``framing report CORPUS --by outlet -o DIR --jobs 1``): analysis included.
* ``--cached``: FA-KES dev is analysed once; each process then streams the
  replicated analyses (new ids, read back from JSON records) into
  ``framing.report.write_report``. What grows with the corpus is the same as
  in the command line; the time is the report's own (the analysis of
  100,000 articles takes most of an hour on a busy machine).

Usage::

    python bench/bench_report.py                          # 1,000 10,000 30,000 100,000 articles
    python bench/bench_report.py --cached 1000 100000
    python bench/bench_report.py --python /work/baseline/.venv/bin/python    # another installation

``--python`` runs another installation's framing (a baseline) on the same corpora.
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

_ANALYSE = """
import json, sys
import framing
from framing.data import analysis_record
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    for an in framing.analyze_many(framing.read_corpus(sys.argv[1])):
        fh.write(json.dumps(analysis_record(an), ensure_ascii=False, default=str) + "\\n")
"""

_REPORT = """
import dataclasses, json, sys
from framing.data import analysis_from_record
from framing.report import write_report
recs = [line for line in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[2])

def stream():
    for i in range(n):
        an = analysis_from_record(json.loads(recs[i % len(recs)]))
        a = an.article
        yield dataclasses.replace(an, article=dataclasses.replace(a, id=f"{a.id}-{i}"))

write_report(stream(), sys.argv[3], by="outlet")
"""


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """(peak MB, seconds, exit status) of one command under GNU time."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env)
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
    ap.add_argument("--python", default=sys.executable,
                    help="the Python whose framing is measured (default: this one)")
    ap.add_argument("--cached", action="store_true",
                    help="analyse FA-KES dev once and stream replicated analyses into the report")
    args = ap.parse_args(argv)
    src = CORPORA["fakes-dev"][0]
    if not src.exists():
        print(f"corpus not found: {src} (../shared/data is only on developer machines)")
        return 1
    if not Path("/usr/bin/time").exists():
        print("GNU time (/usr/bin/time) is needed: apt-get install time")
        return 1
    print(f"{'analyses read back' if args.cached else 'framing report'} with {args.python}")
    print("| articles | peak MB | seconds | MB per 1,000 articles above the first size |")
    print("|---:|---:|---:|---:|", flush=True)
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "analyses.jsonl"
        if args.cached:
            subprocess.run([args.python, "-c", _ANALYSE, str(src), str(cache)], check=True)
        for n in args.sizes:
            out = Path(tmp) / f"report-{n}"
            if args.cached:
                peak, secs, code = timed([args.python, "-c", _REPORT, str(cache), str(n), str(out)])
            else:
                corpus = replicate(src, n, Path(tmp) / f"fakes-{n}.jsonl")
                peak, secs, code = timed([args.python, "-m", "framing", "report", str(corpus),
                                          "--by", "outlet", "-o", str(out), "--jobs", "1"])
                corpus.unlink()
            first = first or (n, peak)
            slope = (peak - first[1]) / (n - first[0]) * 1000 if n != first[0] else float("nan")
            print(f"| {n:,} | {peak:,.0f} | {secs:,.0f} | {slope:.1f} |"
                  + ("" if code == 0 else f" (exit {code})"), flush=True)
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
