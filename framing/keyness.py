"""Distinctive terms: the log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict", *Political
Analysis* 16(4), 372-403, section 3.5 (equations 16, 19, 20).

For a term *w* with counts :math:`y_a, y_b` in two groups of sizes
:math:`n_a, n_b` (total counts over all terms), and a prior
:math:`\\alpha_w` with :math:`\\alpha_0 = \\sum_w \\alpha_w`::

    delta_w = log((y_a + a_w) / (n_a + a_0 - y_a - a_w))
            - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
    var_w   = 1 / (y_a + a_w) + 1 / (y_b + a_w)
    z_w     = delta_w / sqrt(var_w)

A positive ``delta``/``z`` means the term is more typical of group *a*. The
prior shrinks the log-odds of rare terms toward zero, so a word used twice by
one outlet and never by the other does not top the list; ``z`` accounts for
how much evidence there is, and is what to rank by (``|z| > 1.96`` is the
conventional 95% threshold for a single term; with thousands of terms, expect
many such by chance).

This module depends on nothing else in :mod:`framing`; it takes plain counts.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .errors import FramingError

__all__ = ["log_odds", "KEYNESS_COLUMNS"]

KEYNESS_COLUMNS = ["term", "count_a", "count_b", "prior", "delta", "se", "z"]


def _series(x, what: str) -> pd.Series:
    if isinstance(x, pd.Series):
        s = x
    elif isinstance(x, Mapping):
        s = pd.Series(dict(x), dtype=float)
    else:
        raise FramingError(f"{what} must be a mapping of term -> count (dict, Counter or "
                           f"pandas Series), not {type(x).__name__}")
    s = s.astype(float)
    if s.index.has_duplicates:
        s = s.groupby(level=0).sum()
    if (s < 0).any() or not np.isfinite(s.to_numpy()).all():
        bad = s[(s < 0) | ~np.isfinite(s)].index[0]
        raise FramingError(f"{what}: count of {bad!r} is {s[bad]!r}; counts must be finite and >= 0")
    return s


def log_odds(counts_a, counts_b, prior=None, *, prior_size: float | None = None) -> pd.DataFrame:
    """Log-odds ratio of each term between two groups, with an informative Dirichlet prior.

    Args:
        counts_a: term -> count in group *a* (dict, :class:`collections.Counter`
            or :class:`pandas.Series`).
        counts_b: term -> count in group *b*.
        prior: where the Dirichlet prior :math:`\\alpha_w` comes from.
            ``None`` (default): the *informative* prior of Monroe et al., from
            the pooled counts of both groups (:math:`\\alpha_w = y_{a,w} +
            y_{b,w}`, so :math:`\\alpha_0 = n_a + n_b`). A mapping: background
            counts (e.g. a larger reference corpus); it must give every term
            of either group a positive count. A number: a uniform
            (uninformative) prior, :math:`\\alpha_w` = that number for every
            term of either group.
        prior_size: rescale the prior so that :math:`\\alpha_0` equals this
            (keeping each term's share); smaller means less shrinkage. Default:
            leave it as described above.

    Returns:
        A DataFrame with columns ``term, count_a, count_b, prior`` (the
        :math:`\\alpha_w` used), ``delta`` (the smoothed log-odds ratio, natural
        log), ``se`` (its approximate standard error) and ``z`` (``delta / se``),
        one row per term used by either group, sorted by ``z`` from most typical
        of *a* to most typical of *b* (ties by term). Terms with a zero count in
        both groups are dropped.

    Raises:
        FramingError: negative or non-finite counts; a background prior that
            has no (or a zero) count for a term of either group; a non-positive
            uniform prior or ``prior_size``.

    Example (the worked example of ``tests/test_keyness.py``):

    >>> t = log_odds({"x": 2, "y": 1}, {"x": 1, "y": 2})
    >>> [(r.term, round(r.delta, 4), round(r.z, 4)) for r in t.itertuples()]
    [('x', 0.4463, 0.6653), ('y', -0.4463, -0.6653)]
    """
    a = _series(counts_a, "counts_a")
    b = _series(counts_b, "counts_b")
    terms = a.index.union(b.index)
    ya = a.reindex(terms, fill_value=0.0).to_numpy()
    yb = b.reindex(terms, fill_value=0.0).to_numpy()
    used = (ya + yb) > 0
    terms, ya, yb = terms[used], ya[used], yb[used]
    n_a, n_b = float(a.sum()), float(b.sum())

    if prior is None:
        alpha = ya + yb
        a0 = n_a + n_b
    elif isinstance(prior, (int, float, np.integer, np.floating)) and not isinstance(prior, bool):
        if not prior > 0:
            raise FramingError(f"prior: a uniform prior must be > 0, got {prior!r}")
        alpha = np.full(len(terms), float(prior))
        a0 = float(prior) * len(terms)
    else:
        bg = _series(prior, "prior")
        alpha = bg.reindex(terms, fill_value=0.0).to_numpy()
        if len(terms) and (alpha <= 0).any():
            missing = [str(t) for t in terms[alpha <= 0][:3]]
            n = int((alpha <= 0).sum())
            raise FramingError(
                f"prior: the background has no count for {n} term(s) used by the groups "
                f"(e.g. {', '.join(map(repr, missing))}); use a background that covers both "
                "groups, None for the pooled counts, or a number for a uniform prior")
        a0 = float(bg.sum())
    if prior_size is not None:
        if not prior_size > 0:
            raise FramingError(f"prior_size must be > 0, got {prior_size!r}")
        if a0 > 0:
            alpha = alpha * (prior_size / a0)
        a0 = float(prior_size)

    with np.errstate(divide="ignore", invalid="ignore"):
        la = np.log(ya + alpha) - np.log(n_a + a0 - ya - alpha)
        lb = np.log(yb + alpha) - np.log(n_b + a0 - yb - alpha)
        delta = la - lb
        se = np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
        z = delta / se
    out = pd.DataFrame({"term": list(terms), "count_a": ya, "count_b": yb, "prior": alpha,
                        "delta": delta, "se": se, "z": z}, columns=KEYNESS_COLUMNS)
    for c in ("count_a", "count_b"):
        if np.all(np.mod(out[c], 1) == 0):
            out[c] = out[c].astype(int)
    out["_t"] = out["term"].astype(str)
    out = (out.sort_values(["z", "_t"], ascending=[False, True], kind="mergesort")
              .drop(columns="_t").reset_index(drop=True))
    return out
