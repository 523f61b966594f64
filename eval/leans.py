"""Shared helpers of the lean evaluations (eval/fignews_lean.py, eval/fakes_camps.py, eval/web_camps.py).

    >>> auc([-1, -0.5, 0], [0, 0.5])
    0.9166666666666666
    >>> [round(x, 3) for x in wilson(95, 100)]
    [0.888, 0.978]
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
BEFORE = "99e9501"
"""The commit before issue #21: its packs are the 'old pack' baseline."""


def auc(neg, pos) -> float:
    """P(a positive scores above a negative), ties counting one half (Mann-Whitney)."""
    neg, pos = sorted(neg), list(pos)
    if not neg or not pos:
        return float("nan")
    import bisect
    total = 0.0
    for p in pos:
        lo = bisect.bisect_left(neg, p)
        hi = bisect.bisect_right(neg, p)
        total += lo + 0.5 * (hi - lo)
    return total / (len(neg) * len(pos))


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval of a proportion k/n."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def median(xs):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


def old_pack(name: str) -> Path:
    """The pack ``name`` as it was at :data:`BEFORE` (written to a temporary file)."""
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{BEFORE}:lexicons/{name}.toml"],
                          check=True, capture_output=True, text=True).stdout
    d = Path(tempfile.mkdtemp(prefix="framing-old-pack-"))
    p = d / f"{name}.toml"
    p.write_text(text, encoding="utf-8")
    return p


def keyword_lean(text: str, minus: tuple[str, ...], plus: tuple[str, ...]) -> float | None:
    """The plain baseline: (plus-list hits - minus-list hits) / all hits, by lower-case substring."""
    t = text.lower()
    m = sum(t.count(w) for w in minus)
    p = sum(t.count(w) for w in plus)
    return (p - m) / (p + m) if p + m else None


def need(path: Path) -> Path:
    if not path.exists():
        print(f"{path} not found (the evaluation corpora live in ../shared/data)", file=sys.stderr)
        raise SystemExit(2)
    return path
