"""Per-category rates of a dictionary per group: quanteda's ``dfm_lookup`` then ``dfm_group``, with intervals.

:func:`category_table` is ``framing compare --measure categories`` (and the
report's table for imported dictionaries): the same rates from the tidy tables,
grouped like every measure of :mod:`framing.compare` (``every``, ``groups``)
and laid out like them (``rate_per_1k`` with ``_lo``/``_hi``, ``article_ids``).
:func:`category_rates` is the same figure straight from analyses.

An imported dictionary (LIWC ``.dic``, quanteda YAML, Lexicoder, CSV; see
:mod:`framing.lexicon_formats`) becomes a pack whose top-level categories are
referents and whose categories or nested keys are labels. Its label shares are
not what such a dictionary is for: researchers count each category's words
per group of articles. :func:`category_rates` gives that table: for each group
and category, the hits per 1,000 words (``1000 * sum(hits) / sum(words)``
over the group's articles, as a weighted ``dfm_group`` then ``dfm_weight``
would), with a percentile bootstrap interval over articles
(:func:`framing.stats.bootstrap_ratios`: same seed, resamples and small-group
warning as every measure of :mod:`framing.compare`).

Words are the analysis's ``n_words`` (the words outside boilerplate, as the
other rates count them); a stretch of text is counted once per pack, under the
first category that lists it (see :mod:`framing.lexicon_formats`).
"""

from __future__ import annotations

from typing import Callable, Iterable

import numpy as np
import pandas as pd

from . import stats
from .data import Analysis
from .errors import FramingError
from .groups import group_labels, grouping, with_group_columns
from .lexicon import Lexicon, load_lexicon
from .tables import Tables, tables

__all__ = ["category_rates", "category_table", "categorised", "CATEGORY_COLUMNS", "LEVELS"]

CATEGORY_COLUMNS = ["group", "category", "articles", "words", "hits", "rate", "ci_low", "ci_high", "warning"]
"""Columns of :func:`category_rates`."""

LEVELS = ("referent", "label")
"""``referent``: top-level categories (quanteda's ``levels = 1``); ``label``: every category or nested key."""

_FIELDS = ("id", "outlet", "title", "date", "url", "origin")


def _group(article, by: str):
    v = getattr(article, by) if by in _FIELDS else (article.meta or {}).get(by)
    if v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and v != v):
        return "(none)"
    return v


def _categories(lexicon: Lexicon, level: str) -> list[str]:
    if level == "referent":
        return [r.id for r in lexicon.referents]
    return [_label_key(r.id, lb.label) for r in lexicon.referents for lb in r.labels]


def _label_key(referent: str, label: str) -> str:
    return referent if label == referent else f"{referent}.{label}"


def category_rates(analyses: Iterable[Analysis], lexicon: Lexicon, by: str = "outlet", *,
                   group_of: Callable | None = None, level: str = "referent",
                   n_resamples: int = stats.DEFAULT_RESAMPLES, seed: int = stats.DEFAULT_SEED,
                   level_ci: float = stats.LEVEL, min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Each category's hits per 1,000 words in each group, with bootstrap intervals over articles.

    Args:
        analyses: analyses run with ``lexicon`` (an iterable, consumed once).
        lexicon: the dictionary, as a pack.
        by: the article field (or ``meta`` key) that names the group; ``(none)``
            when missing.
        group_of: instead of ``by``, a function of the article that returns its group.
        level: ``"referent"`` (top-level categories) or ``"label"`` (each category
            or nested key, named ``top.nested`` when they differ).
        n_resamples, seed, level_ci, min_articles: the bootstrap (see :mod:`framing.stats`).

    Returns:
        One row per group and category (groups in order of first appearance,
        categories in the dictionary's order, every category even without hits):
        :data:`CATEGORY_COLUMNS`; ``rate`` is hits per 1,000 words, ``ci_low``/
        ``ci_high`` its interval, ``warning`` flags groups with few articles.

    Raises:
        FramingError: an unknown ``level``.

    >>> from framing.analyze import analyze
    >>> from framing.data import Article
    >>> from framing.lexicon import lexicon_from_dict
    >>> lx = lexicon_from_dict({"name": "d", "description": "two categories", "version": "1",
    ...     "referents": [{"id": "war", "labels": [{"label": "war", "forms": ["shelling", "attack"]}]},
    ...     {"id": "aid", "labels": [{"label": "aid", "forms": ["convoy"]}]}]})
    >>> ans = [analyze(Article("a", "Shelling hit the town. A convoy waited.", outlet="x"), [lx])]
    >>> category_rates(ans, lx)[["group", "category", "hits", "words", "rate"]].values.tolist()
    [['x', 'war', 1, 7, 142.85714285714286], ['x', 'aid', 1, 7, 142.85714285714286]]
    """
    if level not in LEVELS:
        raise FramingError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    cats = _categories(lexicon, level)
    index = {c: i for i, c in enumerate(cats)}
    groups, words, counts = [], [], []
    for an in analyses:
        row = np.zeros(len(cats))
        for h in an.terms:
            if h.lexicon != lexicon.name:
                continue
            key = h.referent if level == "referent" else _label_key(h.referent, h.label)
            i = index.get(key)
            if i is not None:
                row[i] += 1
        groups.append(group_of(an.article) if group_of else _group(an.article, by))
        words.append(float(an.n_words))
        counts.append(row)
    if not groups:
        return pd.DataFrame(columns=CATEGORY_COLUMNS)
    num = np.vstack(counts)
    den = np.asarray(words)
    lo, hi = stats.bootstrap_ratios(groups, num, den, n_resamples=n_resamples, seed=seed, level=level_ci,
                                    scale=1000.0)
    codes, uniq = pd.factorize(pd.Index(np.asarray(groups, dtype=object)), sort=False)
    rows = []
    for gi, g in enumerate(uniq):
        sel = codes == gi
        n_art = int(sel.sum())
        w = float(den[sel].sum())
        hits = num[sel].sum(axis=0)
        warn = stats.few_articles_warning(n_art, min_articles)
        for ci, c in enumerate(cats):
            rows.append({"group": g, "category": c, "articles": n_art, "words": int(w), "hits": int(hits[ci]),
                         "rate": 1000.0 * hits[ci] / w if w else float("nan"),
                         "ci_low": float(lo.iloc[gi, ci]), "ci_high": float(hi.iloc[gi, ci]), "warning": warn})
    return pd.DataFrame(rows, columns=CATEGORY_COLUMNS)


def categorised(lexicons) -> list[Lexicon]:
    """The packs among ``lexicons`` that are imported dictionaries (LIWC, quanteda, Lexicoder,
    CSV): their top-level categories are what researchers count, not label shares."""
    return [lx for lx in (load_lexicon(x) for x in lexicons or ()) if lx.format != "toml"]


def _article_keys(df: pd.DataFrame) -> list[tuple]:
    """Which article each row is (id, outlet, date; a missing value, None or NaN, as ``""``)."""
    def norm(col):
        return ["" if v is None or v != v else str(v) for v in df[col].astype(object)]
    return list(zip(norm("id"), norm("outlet"), norm("date")))


TABLE_COLUMNS = ["lexicon", "category", "n_articles", "n_words", "hits", "rate_per_1k",
                 "rate_per_1k_lo", "rate_per_1k_hi", "warning", "article_ids"]


def category_table(x, by: str = "outlet", *, lexicons=None, categories: str = "referent",
                   every: str | None = None, groups=None, intervals: bool = True,
                   n_resamples: int = stats.DEFAULT_RESAMPLES, seed: int = stats.DEFAULT_SEED,
                   level: float = stats.LEVEL, min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Each category's hits per 1,000 words per group and pack, with bootstrap intervals.

    Args:
        x: analyses (consumed once) or a :class:`~framing.tables.Tables` (counted or not).
        by, every, groups: grouping, as in :func:`framing.compare.compare`.
        lexicons: the packs to count (objects, names or paths; every category is listed,
            with or without hits); ``None``: every pack with a hit.
        categories: ``"referent"`` (top-level categories) or ``"label"`` (every category or
            nested key, ``top.nested``).
        intervals, n_resamples, seed, level, min_articles: the bootstrap, as for every measure
            of :mod:`framing.compare` (``level`` is the coverage, 0.95).

    Returns:
        One row per group, pack and category: the group column(s), then ``lexicon,
        category, n_articles, n_words, hits, rate_per_1k`` (``1000 * hits / words`` pooled
        over the group's articles), ``rate_per_1k_lo``/``_hi`` (with ``intervals``),
        ``warning`` (few articles) and ``article_ids`` (the articles with a hit of the
        category). Groups in order of first appearance, categories in the pack's order.

    >>> from framing.analyze import analyze
    >>> from framing.data import Article
    >>> from framing.lexicon import lexicon_from_dict
    >>> lx = lexicon_from_dict({"name": "d", "description": "two categories", "version": "1",
    ...     "referents": [{"id": "war", "labels": [{"label": "war", "forms": ["shelling", "attack"]}]},
    ...     {"id": "aid", "labels": [{"label": "aid", "forms": ["convoy"]}]}]})
    >>> ans = [analyze(Article("a", "Shelling hit the town. A convoy waited.", outlet="x"), [lx])]
    >>> t = category_table(ans, lexicons=[lx])
    >>> t[["outlet", "category", "hits", "n_words"]].values.tolist(), round(float(t["rate_per_1k"][0]), 1)
    ([['x', 'war', 1, 7], ['x', 'aid', 1, 7]], 142.9)
    """
    if categories not in LEVELS:
        raise FramingError(f"categories must be one of {', '.join(LEVELS)}, got {categories!r}")
    g = grouping(by, every, groups)
    lexs = [load_lexicon(lx) for lx in lexicons] if lexicons is not None else None
    tabs = x if isinstance(x, Tables) else tables(x, by=g.field, lexicons=lexs,
                                                  keep=("terms",), counts=True)
    art = with_group_columns(tabs.articles, g)
    terms = tabs.terms
    if lexs is None:
        lexs = [load_lexicon(n) for n in dict.fromkeys(terms["lexicon"].astype(object))] if len(terms) else []
    cats = [(lx.name, c) for lx in lexs for c in _categories(lx, categories)]
    cols = [*g.keys, *(c for c in TABLE_COLUMNS if intervals or not c.startswith("rate_per_1k_"))]
    if not len(art) or not cats:
        return pd.DataFrame(columns=cols)
    num = np.zeros((len(art), len(cats)))
    if len(terms):
        index = {k: i for i, k in enumerate(cats)}
        row_of = {k: i for i, k in enumerate(_article_keys(tabs.articles))}  # before regrouping
        key = terms["referent"].astype(object) if categories == "referent" else pd.Series(
            [_label_key(r, lb) for r, lb in zip(terms["referent"], terms["label"])], index=terms.index)
        weight = terms["count"] if "count" in terms.columns else pd.Series(1, index=terms.index)
        for ak, lx, k, w in zip(_article_keys(terms), terms["lexicon"], key, weight):
            j = index.get((lx, k))
            if j is not None:
                num[row_of[ak], j] += w
    den = art["n_words"].to_numpy(dtype=float)
    labels = group_labels(art, g.keys)
    codes, uniq = pd.factorize(labels, sort=False)
    if intervals:
        lo, hi = stats.bootstrap_ratios(labels, num, den, n_resamples=n_resamples, seed=seed,
                                        level=level, scale=1000.0)
        lo, hi = lo.reindex(uniq).to_numpy(), hi.reindex(uniq).to_numpy()
    first = art.groupby(codes, sort=True)[g.keys].first()
    ids = art["id"].to_numpy(dtype=object)
    rows = []
    for gi in range(len(uniq)):
        sel = codes == gi
        words = float(den[sel].sum())
        hits = num[sel].sum(axis=0)
        warn = stats.few_articles_warning(int(sel.sum()), min_articles)
        keys = first.iloc[gi].to_dict()
        for j, (lxname, c) in enumerate(cats):
            row = {**keys, "lexicon": lxname, "category": c, "n_articles": int(sel.sum()),
                   "n_words": int(words), "hits": int(hits[j]),
                   "rate_per_1k": 1000.0 * hits[j] / words if words else float("nan")}
            if intervals:
                row["rate_per_1k_lo"], row["rate_per_1k_hi"] = lo[gi, j], hi[gi, j]
            row.update(warning=warn, article_ids=ids[sel & (num[:, j] > 0)].tolist())
            rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update({"by": g.keys[0], "keys": list(g.keys), "every": g.every, "level": level,
                      "intervals": intervals, "seed": seed, "n_resamples": n_resamples,
                      "min_articles": min_articles, "unmapped": art.attrs.get("unmapped", [])})
    return out
