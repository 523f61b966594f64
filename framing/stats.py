"""Seeded bootstrap intervals for ratio measures pooled over articles.

Every group measure in :mod:`framing.compare` is a ratio of sums over the
group's articles: the lean is ``sum(lean_num) / sum(lean_den)``, a rate per
1,000 words is ``1000 * sum(n_terms) / sum(n_words)``, a share is ``sum(count)
/ sum(total)``. Its uncertainty comes from which articles happened to be
collected, so the interval resamples *articles*:

* **Method.** Nonparametric percentile bootstrap. Within each group, draw
  ``n`` articles with replacement from its ``n`` articles, recompute the
  pooled ratio; repeat ``n_resamples`` times; the interval is the 2.5th and
  97.5th percentiles (for ``level=0.95``) of the resampled ratios. Resamples
  whose denominator is zero are left out of the percentiles.
* **Seed.** :data:`DEFAULT_SEED` (20240601) unless given. Each group draws
  from its own stream, seeded by ``(seed, CRC-32 of the group's name)``, so a
  group's interval does not change when other groups are added or removed,
  and every measure of a group uses the same resamples.
* **Resamples.** :data:`DEFAULT_RESAMPLES` (2,000): the Monte Carlo error
  of a 95% percentile bound is then about 0.5 percentile points.
* **Small groups.** Below :data:`MIN_ARTICLES` (10) articles a group is
  flagged: a bootstrap over a handful of articles understates the uncertainty
  (it cannot see articles unlike the few it has). With a single article the
  interval is undefined (NaN).

The computation is vectorised: one draw of ``n_resamples x n`` article
indices, counted into a ``(n_resamples, n)`` matrix of article weights, and a
matrix product gives the resampled sums of every measure at once.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from .errors import FramingError

__all__ = ["DEFAULT_SEED", "DEFAULT_RESAMPLES", "MIN_ARTICLES", "LEVEL", "bootstrap_ratios",
           "group_rng", "few_articles_warning"]

DEFAULT_SEED = 20240601
"""Seed of the bootstrap unless one is given."""

DEFAULT_RESAMPLES = 2000
"""Bootstrap resamples unless told otherwise."""

MIN_ARTICLES = 10
"""Groups with fewer articles than this carry a warning."""

MAX_RESAMPLES = 1_000_000
"""The most resamples a bootstrap draws (more would only use up the memory and the time)."""

LEVEL = 0.95
"""Coverage of the intervals."""

_CHUNK = 1_000_000  # weights per chunk (resamples x articles): 8 MB of float64, and as much of draws and counts


def group_rng(seed: int, group) -> np.random.Generator:
    """The random stream of one group: seeded by ``seed`` and the CRC-32 of ``str(group)``.

    >>> group_rng(1, "sana").integers(0, 100, 3).tolist() == group_rng(1, "sana").integers(0, 100, 3).tolist()
    True
    """
    return np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(str(group).encode("utf-8"))])


def few_articles_warning(n: int, min_articles: int = MIN_ARTICLES) -> str:
    """The warning text for a group of ``n`` articles ("" when there are enough).

    >>> few_articles_warning(3)
    'only 3 articles (< 10): interval unreliable'
    >>> few_articles_warning(1)
    'only 1 article: no interval'
    >>> few_articles_warning(12)
    ''
    """
    if n < 2:
        return f"only {n} article{'s' if n != 1 else ''}: no interval"
    if n < min_articles:
        return f"only {n} articles (< {min_articles}): interval unreliable"
    return ""


def bootstrap_ratios(groups, num, den, *, n_resamples: int = DEFAULT_RESAMPLES,
                     seed: int = DEFAULT_SEED, level: float = LEVEL,
                     scale: float | np.ndarray = 1.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Percentile bootstrap intervals of pooled ratios ``scale * sum(num) / sum(den)`` per group.

    Args:
        groups: the group of each article, length ``n`` (any hashable values).
        num: numerators, shape ``(n,)`` or ``(n, k)`` for ``k`` measures.
        den: denominators, same shape as ``num`` or ``(n,)`` (shared by all measures).
        n_resamples: number of bootstrap resamples.
        seed: the seed (see :func:`group_rng`).
        level: coverage of the interval (0.95: the 2.5th and 97.5th percentiles).
        scale: multiplies the ratios (1000 for a rate per 1,000 words); a scalar
            or one value per measure.

    Returns:
        ``(lo, hi)``: two DataFrames indexed by group (in order of first
        appearance), one column per measure (0..k-1). NaN where a group has
        fewer than two articles or every resample has a zero denominator.

    Example: a group of two articles with ratios 1/1 and 3/1 pools to 2; the
    resampled ratios are 1, 2 or 3.

    >>> lo, hi = bootstrap_ratios(["a", "a"], [1.0, 3.0], [1.0, 1.0], n_resamples=200)
    >>> float(lo.loc["a", 0]), float(hi.loc["a", 0])
    (1.0, 3.0)
    """
    if not 1 <= n_resamples <= MAX_RESAMPLES:
        raise FramingError(f"n_resamples must be between 1 and {MAX_RESAMPLES:,}, got {n_resamples}")
    g = pd.Index(np.asarray(groups, dtype=object))
    num = np.asarray(num, dtype=float)
    one = num.ndim == 1
    num = num.reshape(len(g), -1)
    den = np.asarray(den, dtype=float)
    den = np.broadcast_to(den.reshape(len(g), -1), num.shape)
    k = num.shape[1]
    scale = np.broadcast_to(np.asarray(scale, dtype=float), (k,))
    q = [100 * (1 - level) / 2, 100 * (1 + level) / 2]
    codes, uniq = pd.factorize(g, sort=False)
    lo = np.full((len(uniq), k), np.nan)
    hi = np.full((len(uniq), k), np.nan)
    with _one_blas_thread():
        _fill(codes, uniq, num, den, scale, q, n_resamples, seed, lo, hi)
    idx = pd.Index(uniq, name="group")
    lo_df, hi_df = pd.DataFrame(lo, index=idx), pd.DataFrame(hi, index=idx)
    if one:
        lo_df.columns = hi_df.columns = [0]
    return lo_df, hi_df


def _one_blas_thread():
    """The products are small: BLAS threads only add contention (5x slower on a busy machine)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _fill(codes, uniq, num, den, scale, q, n_resamples, seed, lo, hi):
    for gi, name in enumerate(uniq):
        rows = np.flatnonzero(codes == gi)
        m = len(rows)
        if m < 2 or n_resamples < 1:
            continue
        rng = group_rng(seed, name)
        xn, xd = num[rows], den[rows]
        step = max(1, _CHUNK // m)
        sn, sd = [], []
        for start in range(0, n_resamples, step):
            b = min(step, n_resamples - start)
            draws = rng.integers(0, m, size=(b, m))
            draws += (np.arange(b) * m)[:, None]   # in place: one array of draws at a time
            counts = np.bincount(draws.ravel(), minlength=b * m)
            del draws
            w = counts.reshape(b, m).astype(float)
            del counts
            sn.append(w @ xn)
            sd.append(w @ xd)
        sn, sd = np.vstack(sn), np.vstack(sd)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(sd > 0, sn / sd, np.nan) * scale
        ok = ~np.all(np.isnan(r), axis=0)
        if ok.any():
            lo[gi, ok], hi[gi, ok] = np.nanpercentile(r[:, ok], q, axis=0)
