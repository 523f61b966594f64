"""Speed of the export readers on large synthetic exports (Nexis Uni DOCX/RTF, Factiva RTF/HTML).

Writes one export of N articles per format (the invented articles of
``tests/export_files.py``, repeated with numbered titles and ids), reads each
with :func:`framing.read_corpus` several times in a fresh process and prints the
median time, articles per second, MB of text read per second (for DOCX: the
unpacked ``word/document.xml``) and the peak memory (maximum resident set size)
of the reading process (``VmHWM``), beside that of a process that only imports framing.

Usage::

    python bench/bench_readers.py              # 5,000 articles per file, 3 runs
    python bench/bench_readers.py --n 20000 --runs 5
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import subprocess
import zipfile
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import export_files as X  # noqa: E402

# peak memory: VmHWM of the process itself (ru_maxrss would count the parent's memory at the fork)
_PEAK = "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024"
_CHILD = f"""
import json, sys, time
import framing
t = time.perf_counter()
n = sum(1 for _ in framing.read_corpus(sys.argv[1], on_error=lambda e: sys.exit(str(e))))
secs = time.perf_counter() - t
print(json.dumps({{"n": n, "secs": secs, "rss_mb": {_PEAK}}}))
"""


def docs(n: int) -> list:
    out = []
    for i in range(n):
        d = X.DOCS[i % len(X.DOCS)]
        out.append(dataclasses.replace(d, title=f"{d.title} ({i + 1})", an=f"{d.an[:-6]}{i:06d}"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="articles per export (default: 5000)")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    ds = docs(a.n)
    with tempfile.TemporaryDirectory(prefix="bench-readers-") as tmp:
        tmp = Path(tmp)
        files = {
            "Nexis Uni DOCX": X.write_nexis_docx(tmp / "nexis.docx", ds),
            "Nexis Uni RTF": tmp / "nexis.rtf",
            "Factiva RTF": tmp / "factiva.rtf",
            "Factiva RTF (coded)": tmp / "factiva-coded.rtf",
            "Factiva HTML": tmp / "factiva.html",
        }
        files["Nexis Uni RTF"].write_text(X.nexis_rtf(ds), encoding="ascii")
        files["Factiva RTF"].write_text(X.factiva_rtf(ds), encoding="ascii")
        files["Factiva RTF (coded)"].write_text(X.factiva_rtf(ds, coded=True), encoding="ascii")
        files["Factiva HTML"].write_text(X.factiva_html(ds), encoding="utf-8")
        print(f"{'export':22} {'MB':>7} {'articles':>8} {'median s':>9} {'articles/s':>11} {'MB/s':>6} "
              f"{'peak RSS MB':>11}")
        for name, path in files.items():
            runs = []
            for _ in range(a.runs):
                out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                                     check=True)
                runs.append(json.loads(out.stdout))
            secs = statistics.median(r["secs"] for r in runs)
            if path.suffix == ".docx":
                with zipfile.ZipFile(path) as zf:
                    mb = zf.getinfo("word/document.xml").file_size / 1e6
            else:
                mb = path.stat().st_size / 1e6
            n = runs[0]["n"]
            rss = max(r["rss_mb"] for r in runs)
            print(f"{name:22} {mb:7.1f} {n:8d} {secs:9.2f} {n / secs:11.0f} {mb / secs:6.1f} {rss:11.0f}")
        out = subprocess.run([sys.executable, "-c", f"import framing; print({_PEAK})"], capture_output=True,
                             text=True, check=True)
        print(f"{'(import framing only)':22} {'':7} {'':8} {'':9} {'':11} {'':6} {float(out.stdout):11.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
