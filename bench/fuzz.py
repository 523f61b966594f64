"""Fuzz the readers, the matcher and the analysis with many random hypothesis examples.

    python bench/fuzz.py                   # 2,000 random examples per property
    python bench/fuzz.py --examples 20000  # longer

The properties are those of ``tests/test_properties.py`` (spans slice the
text, analysis never raises on any Unicode, JSON round-trips, readers read or
report every line of any bytes). The test suite runs the same properties on a
fixed, derandomised set of 60 examples each, so CI stays fast and repeatable;
this script draws fresh random examples every run and prints a reproduction
blob for any failure.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=2000, help="random examples per property (default 2000)")
    a = ap.parse_args()
    os.environ["FRAMING_FUZZ_EXAMPLES"] = str(a.examples)
    os.environ["FRAMING_FUZZ_RANDOM"] = "1"
    import pytest

    t = time.perf_counter()
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-k", "not byte_identical",
                        str(ROOT / "tests" / "test_properties.py")])
    print(f"fuzz: {a.examples} examples per property, {time.perf_counter() - t:.0f} s, "
          f"{'no failure' if code == 0 else 'FAILURES above'}")
    sys.exit(int(code))
