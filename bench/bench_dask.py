"""Time ``framing analyze --engine dask`` on a local Dask cluster against the local engine.

    python bench/bench_dask.py [CORPUS.jsonl] [--workers 2] [--repeat 3]

Starts a scheduler and ``--workers`` single-threaded worker processes with the
``dask`` command line (as one would on a real cluster), then runs, through the
``framing`` command line: the local engine with ``--jobs 1`` and ``--jobs N``,
and the Dask engine, first on fresh workers (they compile the packs and load
the model on their first batch) and then ``--repeat`` times on warm ones. It
prints the wall time of each command (interpreter start-up included, as users
see it), the median for the repeated runs, and whether every output file is
byte-identical to the ``--jobs 1`` one. CORPUS defaults to FA-KES dev.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _timed(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t0


def _wait_for_workers(address: str, n: int, timeout: float = 60) -> None:
    from distributed import Client

    with Client(address, timeout="20s") as c:
        c.wait_for_workers(n, timeout=timeout)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/data/fakes/dev.jsonl"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not Path(args.corpus).is_file():
        sys.exit(f"bench_dask: corpus not found: {args.corpus}")
    if shutil.which("dask") is None:
        sys.exit("bench_dask: the dask command is missing: pip install -e \".[dask]\"")
    n = sum(1 for line in open(args.corpus, encoding="utf-8") if line.strip())
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp(prefix="framing-dask-"))
    procs = []
    try:
        procs.append(subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(2)
        procs.append(subprocess.Popen(["dask", "worker", address, "--nworkers", str(args.workers),
                                       "--nthreads", "1", "--no-dashboard"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for_workers(address, args.workers)
        base = ["framing", "analyze", args.corpus, "--format", "jsonl"]
        rows = []

        def run(name, extra, out):
            secs = _timed(base + extra + ["-o", str(tmp / out)])
            same = filecmp.cmp(tmp / "local-1.jsonl", tmp / out, shallow=False) if name != "local --jobs 1" else True
            rows.append((name, secs, same))

        run("local --jobs 1", ["--jobs", "1"], "local-1.jsonl")
        run(f"local --jobs {args.workers}", ["--jobs", str(args.workers)], "local-n.jsonl")
        run("dask, fresh workers", ["--engine", "dask", "--scheduler", address], "dask-cold.jsonl")
        warm = [_timed(base + ["--engine", "dask", "--scheduler", address, "-o", str(tmp / f"dask-{k}.jsonl")])
                for k in range(args.repeat)]
        same = all(filecmp.cmp(tmp / "local-1.jsonl", tmp / f"dask-{k}.jsonl", shallow=False)
                   for k in range(args.repeat))
        rows.append((f"dask, warm workers (median of {args.repeat})", statistics.median(warm), same))
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"corpus: {args.corpus} ({n} articles); Dask cluster: 1 scheduler, {args.workers} worker "
          f"processes x 1 thread on this machine")
    print("| run | seconds | articles/s | output identical to --jobs 1 |")
    print("|---|---|---|---|")
    for name, secs, same in rows:
        print(f"| {name} | {secs:.2f} | {n / secs:.1f} | {'yes' if same else 'NO'} |")
    return 0 if all(r[2] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
