"""Measures per group, with bootstrap intervals: the framing profile and the share tables.

Each function takes analyses (consumed once), a :class:`~framing.tables.Tables`
or the matching tidy table (:mod:`framing.tables`), and returns one tidy
:class:`pandas.DataFrame` with a row per group (and category), an interval per
ratio (:mod:`framing.stats`) and the ids of the articles behind each row.
How groups are formed and how the intervals are drawn is one :class:`Options`
(``every``, ``groups``, ``intervals``, ``n_resamples``, ``seed``, ``level``,
``min_articles``), given as keywords or as ``options=``.

:func:`measure` picks a measure by name (:data:`MEASURES`: the command line's
``compare --measure``). The tables (:mod:`framing.tables`), same-event
comparisons (:mod:`framing.events`) and :func:`~framing.kwic.kwic` are
reachable from here too, as the README documents (``framing.compare.term_table``).

``framing.compare(x, by="outlet")`` (the module called) is :func:`compare` on
analyses, articles or corpus paths.
"""

from __future__ import annotations

import dataclasses
import math
import re
import sys
import types
from collections import Counter
from typing import Any, Iterable

import numpy as np
import pandas as pd

from . import stats
from . import text as T
from .analyze import as_analyses
from .categories import category_table
from .data import VOICES, Analysis
from .errors import FramingError
from .events import event_departures, event_labels, event_outlets, find_events
from .groups import (NONE_GROUP, Grouping, group_column, group_key, group_labels, grouping,
                     source_column)
from .keyness import log_odds
from .kwic import kwic
from .tables import (ARTICLE_FIELDS, NO_SOURCE, SCORE_PREFIX, UNKNOWN_SIDE, Tables, article_codes,
                     article_table, attribution_table, group_value, plain, table_of, tables, term_table)

__all__ = [
    "Tables", "tables", "article_table", "term_table", "attribution_table",
    "compare", "label_shares", "voice_shares", "source_shares", "named_shares", "cue_stances",
    "voice_split", "score_columns", "score_means", "measure", "MEASURES", "Options",
    "distinctive_terms", "WordCounts", "LabelCounts",
    "grouping", "Grouping", "event_outlets", "event_labels", "event_departures", "find_events",
    "kwic", "group_key", "group_value", "NONE_GROUP", "UNKNOWN_SIDE", "NO_SOURCE",
]


# -- options ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Options:
    """How a group measure groups articles and draws its intervals.

    Args:
        every: ``"week"`` or ``"month"``: also split each group by date bucket
            (a column of that name is added; see :func:`framing.groups.date_bucket`).
        groups: map the values of a field to groups: a mapping file, a
            :class:`~framing.groups.GroupMap` or a dict (see :func:`grouping`).
        intervals: add bootstrap intervals (``<measure>_lo``/``_hi``, or ``lo``/``hi``).
        n_resamples, seed, level: the bootstrap (see :mod:`framing.stats`:
            percentile intervals, articles resampled within each group;
            defaults 2,000 resamples, seed 20240601, level 0.95).
        min_articles: a group with fewer articles gets a ``warning``.

    >>> Options(n_resamples=500).seed
    20240601
    >>> Options(level=1.5)
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: level must be between 0 and 1, got 1.5
    """

    every: str | None = None
    groups: Any = None
    intervals: bool = True
    n_resamples: int = stats.DEFAULT_RESAMPLES
    seed: int = stats.DEFAULT_SEED
    level: float = stats.LEVEL
    min_articles: int = stats.MIN_ARTICLES

    def __post_init__(self):
        if not 1 <= self.n_resamples <= stats.MAX_RESAMPLES:
            raise FramingError(f"n_resamples must be between 1 and {stats.MAX_RESAMPLES:,}, "
                               f"got {self.n_resamples}")
        if not 0 < self.level < 1:
            raise FramingError(f"level must be between 0 and 1, got {self.level}")
        for name, kind in (("intervals", bool), ("n_resamples", int), ("seed", int),
                           ("level", float), ("min_articles", int)):
            object.__setattr__(self, name, kind(getattr(self, name)))


_OPTION_NAMES = frozenset(f.name for f in dataclasses.fields(Options))


def _options(fn: str, options: Options | None, kw: dict) -> Options:
    """The :class:`Options` of a call: ``options=`` and/or its fields as keywords."""
    bad = sorted(set(kw) - _OPTION_NAMES)
    if bad:
        raise TypeError(f"{fn}() got an unexpected keyword argument {bad[0]!r}")
    if options is None:
        return Options(**kw)
    return dataclasses.replace(options, **kw) if kw else options


def _prepare(x, which: str, by: str, lexicons, fn: str, options, kw):
    """(table with group columns, grouping, options) of one call of a group measure."""
    o = _options(fn, options, kw)
    g = grouping(by, o.every, o.groups)
    return table_of(x, which, g, lexicons), g, o


def _sort_groups(out: pd.DataFrame, keys: list[str], by_value: str | None) -> pd.DataFrame:
    """``out`` sorted by its group columns (as strings), or by ``by_value`` then group.

    The sort keys live in a frame of their own, so no name of theirs can meet a column of ``out``.
    """
    sk = pd.DataFrame({i: out[k].astype(str).to_numpy() for i, k in enumerate(keys)},
                      index=range(len(out)))
    if by_value and len(keys) == 1:
        sk.insert(0, "v", out[by_value].to_numpy())
    order = sk.sort_values(list(sk.columns), na_position="last", kind="mergesort").index
    return out.iloc[np.asarray(order)].reset_index(drop=True)


def _attrs(out: pd.DataFrame, src: pd.DataFrame, g: Grouping, o: Options) -> pd.DataFrame:
    out.attrs.update({k: src.attrs.get(k) for k in ("axis", "poles", "sides")})
    out.attrs.update({
        "by": g.keys[0], "keys": list(g.keys), "field": g.field, "every": g.every,
        "groups": g.groups.path if g.groups is not None and g.groups.path else None,
        "unmapped": src.attrs.get("unmapped", []),
        "intervals": o.intervals, "seed": o.seed, "n_resamples": o.n_resamples,
        "level": o.level, "min_articles": o.min_articles,
    })
    return out


# -- the profile -----------------------------------------------------------------------

def compare(analyses, by: str = "outlet", *, lexicons=None,
            options: Options | None = None, **kw) -> pd.DataFrame:
    """Framing profile per group: one row per value of ``by``, with bootstrap intervals.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            an article table from :func:`article_table`.
        by: the column to group by (``outlet`` by default; any article field or
            ``Article.meta`` key). Missing values are grouped as ``"(none)"``.
        lexicons: as in :func:`~framing.tables.tables`.
        options, **kw: an :class:`Options`, or its fields as keywords
            (``every``, ``groups``, ``intervals``, ``n_resamples``, ``seed``,
            ``level``, ``min_articles``). With ``intervals`` (the default) a
            ``<measure>_lo`` and ``<measure>_hi`` column follow every ratio.

    Returns:
        A DataFrame with the group column(s), ``n_articles``, ``n_words``,
        ``n_no_lean`` (articles without a hit of the axis lexicon, so without
        a lean: many headlines have none),
        ``lean`` (pooled: sum of the articles' lean numerators over the sum of
        their denominators; NaN when no hit of the axis lexicon), ``terms_per_1k``
        and ``loaded_per_1k`` (hits per 1,000 words; *loaded* = echoes a pole),
        ``loaded_narrator_share``, ``loaded_direct_share``, ``loaded_indirect_share`` (whose
        voice the loaded hits are in), ``tagged_per_1k_narrator`` (when the loaded-language
        tagger ran: its hits in the outlet's own voice per 1,000 words in that voice),
        ``n_attributions``, ``voice_<side>`` (share of attributions per source
        side: one column per pole, ``unknown`` and any other side),
        ``named_share`` (attributions to a named source),
        ``evaluative_cue_share`` (attributions with an evaluative cue such as
        "claimed"), ``polarity``/``subjectivity`` (means over the articles that
        have one), each ratio followed by ``_lo``/``_hi`` when ``intervals``;
        then ``warning`` (empty, or why the intervals are unreliable) and
        ``article_ids`` (the list of the group's article ids). Shares are NaN
        when their denominator is zero. Rows are sorted by lean (NaN last), then
        by group; with ``every``, by group then date.
    """
    art, g, o = _prepare(analyses, "articles", by, lexicons, "compare", options, kw)
    sides = list(art.attrs.get("sides") or
                 [c[len("n_voice_"):] for c in art.columns if c.startswith("n_voice_")])

    def col(c):
        return art[c].to_numpy(dtype=float) if c in art.columns else np.zeros(len(art))

    pol, subj = col("polarity"), col("subjectivity")
    specs = [
        ("lean", col("lean_num"), col("lean_den"), 1.0),
        ("terms_per_1k", col("n_terms"), col("n_words"), 1000.0),
        ("loaded_per_1k", col("n_loaded"), col("n_words"), 1000.0),
        *((f"loaded_{v}_share", col(f"n_loaded_{v}"), col("n_loaded"), 1.0) for v in VOICES),
        *([("tagged_per_1k_narrator", np.nan_to_num(col("n_tagged_narrator")),
            np.nan_to_num(col("n_narrator_words")), 1000.0)] * ("n_narrator_words" in art.columns)),
        *((f"voice_{s}", col(f"n_voice_{s}"), col("n_attributions"), 1.0) for s in sides),
        ("named_share", col("n_named"), col("n_attributions"), 1.0),
        ("evaluative_cue_share", col("n_evaluative"), col("n_attributions"), 1.0),
        ("polarity", np.nan_to_num(pol), (~np.isnan(pol)).astype(float), 1.0),
        ("subjectivity", np.nan_to_num(subj), (~np.isnan(subj)).astype(float), 1.0),
    ]
    names = [s[0] for s in specs]
    order = [*g.keys, "n_articles", "n_words", "n_no_lean"]
    for n in names:
        if n.startswith("voice_") and "n_attributions" not in order:
            order.append("n_attributions")
        order += [n] + ([f"{n}_lo", f"{n}_hi"] if o.intervals else [])
    order += ["warning", "article_ids"]
    if art.empty:
        return _attrs(pd.DataFrame(columns=order), art, g, o)

    labels = group_labels(art, g.keys)
    codes, uniq = pd.factorize(labels, sort=False)
    num = np.column_stack([s[1] for s in specs])
    den = np.column_stack([s[2] for s in specs])
    scale = np.array([s[3] for s in specs])
    sn = np.zeros((len(uniq), len(specs)))
    sd = np.zeros((len(uniq), len(specs)))
    np.add.at(sn, codes, num)
    np.add.at(sd, codes, den)
    with np.errstate(divide="ignore", invalid="ignore"):
        point = np.where(sd > 0, sn / sd, np.nan) * scale
    first = art.groupby(codes, sort=True)[g.keys].first()
    out = first.reset_index(drop=True)
    counts = np.bincount(codes, minlength=len(uniq))
    out["n_articles"] = counts
    out["n_no_lean"] = np.bincount(codes, weights=(col("lean_den") == 0), minlength=len(uniq)).astype(int)
    out["n_words"] = np.bincount(codes, weights=col("n_words"), minlength=len(uniq)).astype(int)
    out["n_attributions"] = np.bincount(codes, weights=col("n_attributions"),
                                        minlength=len(uniq)).astype(int)
    for j, n in enumerate(names):
        out[n] = point[:, j]
    if o.intervals:
        lo, hi = stats.bootstrap_ratios(labels, num, den, n_resamples=o.n_resamples,
                                        seed=o.seed, level=o.level, scale=scale)
        lo, hi = lo.reindex(uniq).to_numpy(), hi.reindex(uniq).to_numpy()
        for j, n in enumerate(names):
            out[f"{n}_lo"], out[f"{n}_hi"] = lo[:, j], hi[:, j]
    out["warning"] = [stats.few_articles_warning(int(c), o.min_articles) for c in counts]
    ids = art["id"].tolist()
    members: list[list] = [[] for _ in uniq]
    for c, i in zip(codes, ids):
        members[c].append(i)
    out["article_ids"] = members
    out = _sort_groups(out[order], g.keys, None if g.every else "lean")
    return _attrs(out, art, g, o)


def _category_shares(t: pd.DataFrame, category: pd.Series, order: list, keys: list[str],
                     name: str, o: Options, *, keep_zero: bool = True) -> pd.DataFrame:
    """Share of a group's items (hits, attributions) in each category, with intervals.

    The resampling unit is the article: only articles with at least one item
    count (``n_articles``), and each is resampled with all its items, in the
    order of their keys (:func:`~framing.tables.article_key`) within the group.
    Articles and groups are numbered, not spelled out per row, so the
    cross-tabulation costs a few integers per item.
    """
    cols = [*keys, name, "count", "share"] + (["lo", "hi"] if o.intervals else []) \
        + ["n_articles", "warning", "article_ids"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    grp = group_labels(t, keys)
    art, art_keys = article_codes(t)
    cat = pd.Index(order, dtype=object).get_indexer(category.astype(object))
    has = category.notna().to_numpy()       # an item without a category counts nowhere
    weight = t["count"].to_numpy(dtype=float) if "count" in t.columns else np.ones(len(t))
    # (group, article) pairs in the order of their names, as a cross-tabulation sorts them
    g_codes, g_names = pd.factorize(grp[has])
    g_rank = _ranks(np.asarray(g_names, dtype=object))
    a_rank = _ranks(np.asarray(art_keys, dtype=object))
    pair_key = g_rank[g_codes] * len(art_keys) + a_rank[art[has]]
    pairs, pair_of = np.unique(pair_key, return_inverse=True)
    mat = np.zeros((len(pairs), len(order)))
    inside = cat[has] >= 0
    np.add.at(mat, (pair_of[inside], cat[has][inside]), weight[has][inside])
    by_rank = np.empty(len(g_names), dtype=object)
    by_rank[g_rank] = g_names
    grp_of_row = by_rank[pairs // len(art_keys)]
    art_of_row = np.argsort(a_rank)[pairs % len(art_keys)]
    tot = mat.sum(axis=1)
    codes, uniq = pd.factorize(grp_of_row, sort=False)
    sums = np.zeros((len(uniq), len(order)))
    np.add.at(sums, codes, mat)
    n_art = np.bincount(codes, minlength=len(uniq))
    if o.intervals:
        lo, hi = stats.bootstrap_ratios(grp_of_row, mat, tot, n_resamples=o.n_resamples,
                                        seed=o.seed, level=o.level)
        lo, hi = lo.reindex(uniq).to_numpy(), hi.reindex(uniq).to_numpy()
    # the ids of the articles behind each count (an article's id: on its last row)
    last = np.zeros(len(art_keys), dtype=np.int64)
    np.maximum.at(last, art, np.arange(len(t)))
    art_ids = t["id"].take(last[art_of_row]).tolist()
    used: dict[tuple[int, int], list] = {}
    for r, j in zip(*np.nonzero(mat > 0)):
        used.setdefault((codes[r], j), []).append(art_ids[r])
    key_vals = t[keys].groupby(grp, sort=False).first()
    rows = []
    for gi, gl in enumerate(uniq):
        total = sums[gi].sum()
        kv = key_vals.loc[gl].to_dict()
        warn = stats.few_articles_warning(int(n_art[gi]), o.min_articles)
        for j, c_name in enumerate(order):
            c = sums[gi, j]
            if c == 0 and not keep_zero:
                continue
            row = {**kv, name: c_name, "count": int(c), "share": c / total if total else math.nan}
            if o.intervals:
                row["lo"], row["hi"] = lo[gi, j], hi[gi, j]
            row.update(n_articles=int(n_art[gi]), warning=warn,
                       article_ids=used.get((gi, j), []))
            rows.append(row)
    return pd.DataFrame(rows, columns=cols)


def _ranks(names: np.ndarray) -> np.ndarray:
    """The rank of each name in sorted order (names are distinct)."""
    out = np.empty(len(names), dtype=np.int64)
    out[np.argsort(names, kind="stable")] = np.arange(len(names))
    return out


def label_shares(analyses, by: str = "outlet", *, lexicons=None,
                 options: Options | None = None, **kw) -> pd.DataFrame:
    """How often each group uses each label of a referent, with bootstrap intervals.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            a term table from :func:`term_table` (it must have a ``by`` column).
        by: the grouping column.
        lexicons, options, **kw: as in :func:`compare`. The interval of a
            share resamples the group's articles that mention the referent.

    Returns:
        Columns ``<by>, lexicon, referent, label, echoes, connotation, count,
        share`` (the label's share of the group's hits on that referent, so
        shares sum to 1 within group × lexicon × referent), then ``lo, hi``
        (with ``intervals``), ``n_articles`` (the group's articles that mention
        the referent), ``warning`` and ``article_ids`` (the articles that use
        the label). Only labels a group used appear. Sorted by group, lexicon,
        referent, then count (most used first).

    Example:

    >>> terms = pd.DataFrame({
    ...     "id": ["1", "1", "2", "3"], "outlet": ["a", "a", "a", "b"], "date": None,
    ...     "lexicon": ["x"] * 4, "referent": ["gov"] * 4,
    ...     "label": ["regime", "regime", "government", "government"],
    ...     "echoes": ["opp", "opp", "neutral", "neutral"], "connotation": [-2, -2, 0, 0]})
    >>> for r in label_shares(terms).itertuples():
    ...     print(r.outlet, r.label, r.count, round(r.share, 3), r.n_articles, r.article_ids)
    a regime 2 0.667 2 ['1']
    a government 1 0.333 2 ['2']
    b government 1 1.0 1 ['3']
    """
    t, g, o = _prepare(analyses, "terms", by, lexicons, "label_shares", options, kw)
    keys = [*g.keys, "lexicon", "referent"]
    head = [*g.keys, "lexicon", "referent", "label", "echoes", "connotation", "count", "share"]
    tail = (["lo", "hi"] if o.intervals else []) + ["n_articles", "warning", "article_ids"]
    if t.empty:
        return _attrs(pd.DataFrame(columns=head + tail), t, g, o)
    info = t.groupby(["lexicon", "referent", "label"], sort=False)[["echoes", "connotation"]].first()
    info = plain(info.reset_index()).set_index(["lexicon", "referent", "label"])
    parts = []
    for _, sub in t.groupby(["lexicon", "referent"], sort=False):
        parts.append(_category_shares(sub, sub["label"], list(dict.fromkeys(sub["label"])),
                                      keys, "label", o, keep_zero=False))
    out = pd.concat(parts, ignore_index=True).join(info, on=["lexicon", "referent", "label"])
    sk = pd.DataFrame({"g": group_labels(out, g.keys), "x": out["lexicon"].to_numpy(),
                       "r": out["referent"].to_numpy(), "n": out["count"].to_numpy(),
                       "l": out["label"].to_numpy()})   # sort keys apart: no name meets a user's
    order = sk.sort_values(["g", "x", "r", "n", "l"], ascending=[True, True, True, False, True],
                           kind="mergesort").index
    out = out.iloc[np.asarray(order)].reset_index(drop=True)[head + tail]
    return _attrs(out, t, g, o)


def voice_shares(analyses, by: str = "outlet", *, lexicons=None,
                 options: Options | None = None, **kw) -> pd.DataFrame:
    """Whose voice each group cites: attributions per source side, with bootstrap intervals.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            an attribution table from :func:`attribution_table`.
        by: the grouping column.
        lexicons, options, **kw: as in :func:`compare`; the interval resamples
            the group's articles that have attributions.

    Returns:
        Columns ``<by>, side, count, share``: one row per group and side
        (``unknown`` for sources without a side, or attributions without a
        source), zero counts included for sides another group uses; ``share``
        sums to 1 within a group. Then ``lo, hi`` (with ``intervals``),
        ``n_articles`` (articles with attributions), ``warning`` and
        ``article_ids`` (articles citing that side). Groups without
        attributions do not appear.

    Example:

    >>> attrs = pd.DataFrame({"id": ["1", "1", "2", "3"], "outlet": ["a", "a", "a", "b"],
    ...                       "date": None, "source_side": ["gov", None, "gov", "opp"]})
    >>> for r in voice_shares(attrs).itertuples():
    ...     print(r.outlet, r.side, r.count, round(r.share, 3))
    a gov 2 0.667
    a opp 0 0.0
    a unknown 1 0.333
    b gov 0 0.0
    b opp 1 1.0
    b unknown 0 0.0
    """
    t, g, o = _prepare(analyses, "attributions", by, lexicons, "voice_shares", options, kw)
    side = t["source_side"].astype(object).where(t["source_side"].notna(), UNKNOWN_SIDE)
    order = list(t.attrs.get("sides") or sorted(set(side) | {UNKNOWN_SIDE}))
    order += sorted(set(side) - set(order))
    out = _category_shares(t, side, order, g.keys, "side", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    out = _attrs(out, t, g, o)
    out.attrs["sides"] = tuple(order)
    return out


def source_shares(analyses, by: str = "outlet", *, lexicons=None,
                  options: Options | None = None, **kw) -> pd.DataFrame:
    """Attributions per source type (government/official, monitor/NGO, ...), with intervals.

    Same columns and options as :func:`voice_shares`, with ``source_type``
    instead of ``side`` (``(no source)`` for attributions without a source).
    """
    t, g, o = _prepare(analyses, "attributions", by, lexicons, "source_shares", options, kw)
    typ = t["source_type"].astype(object).where(t["source_type"].notna(), NO_SOURCE)
    order = sorted(set(typ) - {NO_SOURCE}) + ([NO_SOURCE] if NO_SOURCE in set(typ) else [])
    out = _category_shares(t, typ, order, g.keys, "source_type", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


def named_shares(analyses, by: str = "outlet", *, lexicons=None,
                 options: Options | None = None, **kw) -> pd.DataFrame:
    """Named vs anonymous sources: attributions per ``source`` kind, with intervals.

    ``source`` is ``named`` (a named person or body), ``anonymous`` (a source
    without a name: "a military source", "activists") or ``(no source)``.
    Same columns and options as :func:`voice_shares`.
    """
    t, g, o = _prepare(analyses, "attributions", by, lexicons, "named_shares", options, kw)
    has = (t["source_text"].notna() if "source_text" in t.columns
           else t["source_type"].notna() if "source_type" in t.columns   # every source has a type
           else t["named"].astype(bool))
    kind = pd.Series(np.where(t["named"].astype(bool), "named",
                              np.where(has, "anonymous", NO_SOURCE)), index=t.index)
    out = _category_shares(t, kind, ["named", "anonymous", NO_SOURCE], g.keys, "source", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


def cue_stances(analyses, by: str = "outlet", *, lexicons=None,
                options: Options | None = None, **kw) -> pd.DataFrame:
    """Attribution cues by stance (``neutral``: said, told; ``evaluative``: claimed, admitted).

    Same columns and options as :func:`voice_shares`, with ``stance`` instead of ``side``.
    """
    t, g, o = _prepare(analyses, "attributions", by, lexicons, "cue_stances", options, kw)
    out = _category_shares(t, t["stance"].astype(object), ["neutral", "evaluative"], g.keys,
                           "stance", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


def voice_split(analyses, by: str = "outlet", *, lexicons=None,
                options: Options | None = None, **kw) -> pd.DataFrame:
    """Narrator vs quoted: whose voice the group's loaded terms are in, with intervals.

    Loaded terms are hits whose label echoes a pole. ``voice`` is
    ``narrator`` (the outlet's own words), ``direct`` (inside a quotation) or
    ``indirect`` (inside reported speech). Same columns and options as
    :func:`voice_shares`; ``n_articles`` counts the articles with a loaded term.
    """
    t, g, o = _prepare(analyses, "terms", by, lexicons, "voice_split", options, kw)
    t = t[t["echoes"] != "neutral"] if not t.empty else t
    out = _category_shares(t, t["voice"].astype(object), list(VOICES), g.keys, "voice", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


# -- classifier scores -------------------------------------------------------------------

def score_columns(articles: pd.DataFrame, classes=None) -> list[str]:
    """The ``score_<class>`` columns of an article table that hold probabilities.

    A column counts when it is numeric (not boolean), has a value, and every
    value lies in 0 … 1, so a corpus field such as ``score_quality: 7`` is not
    taken for a classifier's probability. With ``classes`` (a model's), only
    that model's columns, in its class order.

    >>> df = pd.DataFrame({"id": ["a"], "score_x": [0.25], "score_n": [7], "score_b": [True]})
    >>> score_columns(df), score_columns(df, ["y", "x"])
    (['score_x'], ['score_x'])
    """
    if classes is not None:
        cols = [f"{SCORE_PREFIX}{c}" for c in classes]
    else:
        cols = [c for c in articles.columns
                if isinstance(c, str) and c.startswith(SCORE_PREFIX) and c != SCORE_PREFIX]
    out = []
    for c in cols:
        if c not in articles.columns:
            continue
        v = articles[c]
        if not pd.api.types.is_numeric_dtype(v) or pd.api.types.is_bool_dtype(v):
            continue
        v = v.dropna()
        if len(v) and ((v >= 0) & (v <= 1)).all():
            out.append(c)
    return out


def score_means(articles: pd.DataFrame, by: str = "outlet", *, columns=None,
                options: Options | None = None, **kw) -> pd.DataFrame:
    """Mean classifier score per group and class, with bootstrap intervals.

    A group's mean is over its articles with a score (pandas' compensated
    sum, so the mean does not depend on how the articles are split), and its
    interval resamples the group's articles
    (:func:`framing.stats.bootstrap_ratios`), as :func:`compare` does for the
    mean polarity, with the same per-group seed.

    Args:
        articles: an article table (:func:`~framing.tables.article_table`) whose
            articles were scored (:func:`framing.classify.with_scores`).
        by: the grouping column; missing values are grouped as ``"(none)"``.
        columns: the score columns (default :func:`score_columns`).
        options, **kw: ``intervals``, ``n_resamples``, ``seed``, ``level``,
            ``min_articles`` as in :func:`compare`.

    Returns:
        One row per group, in order of first appearance: ``<by>`` (named as
        :func:`~framing.groups.group_column` names it),
        ``n_articles`` (articles with a score), each score column followed by
        ``_lo``/``_hi`` (with ``intervals``), ``warning`` and ``article_ids``
        (the scored articles).
    """
    o = _options("score_means", options, kw)
    cols = score_columns(articles) if columns is None else list(columns)
    src, key = source_column(articles, by), group_column(by)
    if src is None:
        raise FramingError(f"cannot group by {by!r}: no such column; available: "
                           f"{', '.join(map(str, articles.columns))}")
    keys = articles[src].map(group_key)
    labels = keys.map(str).to_numpy(dtype=object)   # as compare's bootstrap
    scores = articles[cols].to_numpy(dtype=float)
    have = ~np.isnan(scores)
    num, den = np.where(have, scores, 0.0), have.astype(float)
    if o.intervals:
        lo, hi = stats.bootstrap_ratios(labels, num, den, n_resamples=o.n_resamples,
                                        seed=o.seed, level=o.level)
    ids = (articles["id"] if "id" in articles.columns else pd.Series([None] * len(articles))
           ).to_numpy(dtype=object)
    first = dict(zip(labels[::-1], keys.tolist()[::-1]))   # a group's value: on its first row
    means = pd.DataFrame(scores, columns=cols).groupby(labels, sort=False).mean()  # NaN skipped
    rows = []
    for g in dict.fromkeys(labels):
        rows_g = labels == g
        scored = rows_g & have.any(axis=1)
        n = int(scored.sum())
        row = {key: first[g], "n_articles": n}
        for j, c in enumerate(cols):
            row[c] = means.loc[g, c]
            if o.intervals:
                row[f"{c}_lo"] = lo.loc[g, j] if g in lo.index else math.nan
                row[f"{c}_hi"] = hi.loc[g, j] if g in hi.index else math.nan
        row["warning"] = stats.few_articles_warning(n, o.min_articles)
        row["article_ids"] = ids[scored].tolist()
        rows.append(row)
    bounds = (lambda c: (c, f"{c}_lo", f"{c}_hi")) if o.intervals else (lambda c: (c,))
    return pd.DataFrame(rows, columns=[key, "n_articles", *(x for c in cols for x in bounds(c)),
                                       "warning", "article_ids"])


# -- distinctive terms ----------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_POSSESSIVE = re.compile(r"['’]s$")


def _word_counts(an: Analysis, stop: frozenset) -> Counter:
    text = an.article.text
    if an.boilerplate:
        chars = list(text)
        for s, e in an.boilerplate:
            chars[s:e] = " " * (e - s)
        text = "".join(chars)
    out: Counter = Counter()
    for m in T.WORD_RE.finditer(text):
        w = _POSSESSIVE.sub("", m.group().lower())
        if w and _LETTER.search(w) and w not in stop:
            out[w] += 1
    return out


def _tally(per_group: dict, group: str, counts: Counter) -> None:
    """Add one article's counts to its group: ``[term counts, document counts, n articles]``."""
    slot = per_group.setdefault(group, [Counter(), Counter(), 0])
    slot[0].update(counts)
    slot[1].update(counts.keys())
    slot[2] += 1


class WordCounts:
    """Word counts per group, added one analysis at a time (no article is kept): what
    :func:`distinctive_terms` with ``unit="word"`` counts, for a stream that something else
    consumes too (the report).

    >>> from framing.analyze import analyze
    >>> from framing.data import Article
    >>> wc = WordCounts("outlet")
    >>> wc.add(analyze(Article("1", "Rebels shelled the town; the rebels' guns.", outlet="a")))
    >>> wc.per_group["a"][0]["rebels"], wc.per_group["a"][1]["rebels"], wc.per_group["a"][2]
    (2, 1, 1)
    """

    def __init__(self, by: str = "outlet", *, groups=None, stop_words: str | None = "english"):
        if stop_words not in (None, "english"):
            raise FramingError(f"stop_words: {stop_words!r} is not one of 'english', None")
        self.grouping = grouping(by, None, groups)
        self.stop = T.english_stop_words() if stop_words == "english" else frozenset()
        self.per_group: dict[str, list] = {}   # str(group) -> [word counts, doc counts, n articles]
        self._seen_field = self.grouping.field in ARTICLE_FIELDS

    def add(self, an: Analysis) -> None:
        g = self.grouping
        a = an.article
        self._seen_field = self._seen_field or g.field in (a.meta or {})
        v = group_value(a, g.field)
        if g.groups is not None:
            v = g.groups.group_of(v)
            v = NONE_GROUP if v is None else v
        _tally(self.per_group, str(v), _word_counts(an, self.stop))

    def update(self, analyses: Iterable[Analysis]) -> "WordCounts":
        for an in analyses:
            self.add(an)
        return self

    def check(self) -> None:
        """Refuse a grouping field that no article had."""
        if self.per_group and not self._seen_field:
            raise FramingError(f"cannot group by {self.grouping.field!r}: no article has that field")


class LabelCounts:
    """Lexicon labels per group (``referent: label``, counted per hit): what
    :func:`distinctive_terms` with ``unit="label"`` counts, made once for many calls.

    Args:
        x: analyses, a :class:`~framing.tables.Tables` or a term table.
        by, groups, lexicons: as in :func:`distinctive_terms`.

    ``per_group`` maps each group (as a string) to ``[label counts, article
    counts, n articles]``. The term table is read article by article; only
    one article's labels are held at a time.
    """

    def __init__(self, x, by: str = "outlet", *, groups=None, lexicons=None):
        g = grouping(by, None, groups)
        t = table_of(x, "terms", g, lexicons)
        self.per_group: dict[str, list] = {}
        if t.empty:
            return
        art, _ = article_codes(t)
        rows = np.argsort(art, kind="stable")   # article by article, in order of first appearance
        weight = t["count"].to_numpy() if "count" in t.columns else np.ones(len(t), dtype=int)
        cells = (art[rows], t[g.keys[0]].take(rows).tolist(), t["referent"].take(rows).tolist(),
                 t["label"].take(rows).tolist(), weight[rows].tolist())
        current, group_, counts = -1, None, Counter()
        for a, grp_, ref, lb, w in zip(*cells):
            if a != current:
                if current >= 0:
                    _tally(self.per_group, group_, counts)
                current, group_, counts = a, str(grp_), Counter()
            counts[f"{ref}: {lb}"] += int(w)
        _tally(self.per_group, group_, counts)


def distinctive_terms(analyses, group, vs=None, *, by: str = "outlet", groups=None,
                      unit: str = "word", lexicons=None, prior=None,
                      prior_size: float | None = None, stop_words: str | None = "english",
                      min_count: int = 1) -> pd.DataFrame:
    """Terms typical of one group against the rest, or against another group.

    The log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
    Quinn 2008; :func:`framing.keyness.log_odds`): ``z > 0`` means typical of
    ``group``, ``z < 0`` typical of the other side.

    Args:
        analyses: analyses, articles or corpus paths (consumed once); with
            ``unit="label"`` also a :class:`Tables` or a term table; or the
            counts, made once for several calls: a :class:`WordCounts` or a
            :class:`LabelCounts`.
        group: the group value (e.g. ``"sana"``).
        vs: the other group, or ``None`` for every other article.
        by, groups: how articles are grouped (as in :func:`compare`).
        unit: ``"word"`` (lower-cased words of the text outside boilerplate;
            a possessive ``'s`` is dropped; words without a letter are
            skipped) or ``"label"`` (lexicon labels, counted per hit, named
            ``referent: label`` since labels such as "names" recur across referents).
        lexicons: as in :func:`tables`.
        prior, prior_size: passed to :func:`~framing.keyness.log_odds`
            (default: the pooled counts of both sides).
        stop_words: ``"english"`` (scikit-learn's list) or ``None`` to keep all
            words (``unit="word"`` only).
        min_count: drop terms used fewer times than this on both sides together.

    Returns:
        The :func:`~framing.keyness.log_odds` columns (``term, count_a,
        count_b, prior, delta, se, z``) plus ``docs_a``/``docs_b`` (articles
        using the term on each side), sorted by ``z`` (most typical of
        ``group`` first). ``attrs`` records ``group_a``, ``group_b``
        (``"(rest)"`` for the rest), ``n_articles_a``/``n_articles_b``,
        ``unit`` and ``by``.

    Raises:
        FramingError: an unknown group (the message lists the groups), or
            ``unit="word"`` without the texts.
    """
    if unit not in ("word", "label"):
        raise FramingError(f"unit: {unit!r} is not one of word, label")
    g = grouping(by, None, groups)
    key = g.keys[0]
    if unit == "word":
        if isinstance(analyses, (Tables, pd.DataFrame)):
            raise FramingError("distinctive words need the texts: pass analyses, not tables "
                               "(or use unit='label')")
        if isinstance(analyses, WordCounts):
            wc = analyses
        elif isinstance(analyses, LabelCounts):
            raise FramingError("distinctive words need word counts, not LabelCounts (use unit='label')")
        else:
            wc = WordCounts(by, groups=groups, stop_words=stop_words)
            wc.update(as_analyses(analyses, lexicons))
        wc.check()
        per_group = wc.per_group
        values = sorted(per_group)
    else:
        lc = analyses if isinstance(analyses, LabelCounts) else LabelCounts(analyses, by, groups=groups,
                                                                           lexicons=lexicons)
        per_group = lc.per_group
        values = sorted(per_group)
    want = [str(group)] + ([str(vs)] if vs is not None else [])
    for w in want:
        if w not in values:
            raise FramingError(f"no group {w!r} in {key!r}; groups: {', '.join(values)}")
    if vs is not None and str(vs) == str(group):
        raise FramingError(f"compare {group!r} with another group, not itself")
    ca, cb, da, db = Counter(), Counter(), Counter(), Counter()
    n_a = n_b = 0
    for v, (words, docs, n) in per_group.items():
        if v == str(group):
            ca.update(words)
            da.update(docs)
            n_a += n
        elif vs is None or v == str(vs):
            cb.update(words)
            db.update(docs)
            n_b += n
    out = log_odds(ca, cb, prior, prior_size=prior_size)
    out["docs_a"] = out["term"].map(lambda w: da.get(w, 0)).astype(int)
    out["docs_b"] = out["term"].map(lambda w: db.get(w, 0)).astype(int)
    if min_count > 1:
        out = out[out["count_a"] + out["count_b"] >= min_count].reset_index(drop=True)
    out.attrs.update(group_a=str(group), group_b=str(vs) if vs is not None else "(rest)",
                     n_articles_a=n_a, n_articles_b=n_b, unit=unit,
                     by=key)
    return out


# -- one entry point -------------------------------------------------------------------

MEASURES = {
    "profile": "every measure, one row per group (compare()); with events: event_outlets()",
    "lean": "the lean per group",
    "rates": "terms and loaded terms per 1,000 words (with --loaded, the tagger's too)",
    "labels": "label-choice shares per referent (label_shares()); with events: event_labels()",
    "voice": "attributions by the side of the source (voice_shares())",
    "sources": "attributions by source type (source_shares())",
    "named": "named vs anonymous sources (named_shares())",
    "cues": "attribution cues by stance: neutral vs evaluative (cue_stances())",
    "quoted": "loaded terms by voice: narrator vs quoted (voice_split())",
    "categories": "each category of a dictionary per 1,000 words (category_table())",
    "terms": "distinctive terms of a group vs the rest or another group (distinctive_terms())",
    "departures": "per outlet, mean departure from the other outlets on the same events "
                  "(event_departures())",
}
"""The measures :func:`measure` knows, with what each shows."""

_LEAN_COLS = ["lean", "lean_lo", "lean_hi"]
_RATE_COLS = [f"{m}{x}" for m in ("terms_per_1k", "loaded_per_1k", "tagged_per_1k_narrator")
              for x in ("", "_lo", "_hi")]
_EVENT_KW = ("lexicons", "window_days", "threshold", "lexicon")


def measure(analyses, name: str = "profile", by: str = "outlet", *, events: bool = False,
            group=None, vs=None, **kw) -> pd.DataFrame:
    """One measure by name (see :data:`MEASURES`): the command line's ``compare --measure``.

    Args:
        analyses: as in :func:`compare` (analyses, not tables, for ``terms``
            with words and for ``events``).
        name: a key of :data:`MEASURES`.
        by: the grouping column.
        events: compare within same-event clusters: ``profile`` gives
            :func:`event_outlets`, ``labels`` :func:`event_labels`,
            ``departures`` :func:`event_departures`.
        group, vs: the groups of ``terms``.
        **kw: passed on to the function (e.g. ``lexicons, every, groups,
            n_resamples, seed, min_articles``; ``window_days, threshold`` with
            ``events``; ``unit, prior`` with ``terms``).

    Returns:
        That function's table; ``lean`` and ``rates`` are the matching
        columns of :func:`compare` (group columns, ``n_articles``,
        ``n_words``, the measure and its interval, ``warning``,
        ``article_ids``).
    """
    if name not in MEASURES:
        raise FramingError(f"unknown measure {name!r}; choose from {', '.join(MEASURES)}")
    if events or name == "departures":
        fn = {"profile": event_outlets, "labels": event_labels,
              "departures": event_departures}.get(name)
        if fn is None:
            raise FramingError(f"measure {name!r} is not available for events; choose from "
                               "profile, labels, departures")
        bad = sorted(set(kw) - set(_EVENT_KW) - ({"n_resamples", "seed", "level"}
                                                  if name == "departures" else set()))
        if bad:
            raise FramingError(f"{', '.join(bad)}: not used when comparing within events")
        return fn(analyses, **kw)
    if name == "terms":
        if group is None:
            raise FramingError("measure 'terms' needs a group (and optionally vs)")
        allowed = {"groups", "unit", "lexicons", "prior", "prior_size", "stop_words", "min_count"}
        return distinctive_terms(analyses, group, vs, by=by,
                                 **{k: v for k, v in kw.items() if k in allowed})
    if name in ("profile", "lean", "rates"):
        df = compare(analyses, by=by, **kw)
        if name == "profile":
            return df
        keep = _LEAN_COLS if name == "lean" else _RATE_COLS
        cols = [*df.attrs["keys"], "n_articles", "n_words",
                *(c for c in keep if c in df.columns), "warning", "article_ids"]
        out = df[cols].copy()
        out.attrs.update(df.attrs)
        return out
    fn = {"labels": label_shares, "voice": voice_shares, "sources": source_shares,
          "named": named_shares, "cues": cue_stances, "quoted": voice_split,
          "categories": category_table}[name]
    return fn(analyses, by=by, **kw)


class _CallableModule(types.ModuleType):
    """Lets ``framing.compare(...)`` be called while ``framing.compare.label_shares`` etc. stay reachable."""

    def __call__(self, analyses_or_paths, by: str = "outlet", *, lexicons=None, quotes: str | None = None,
                 **kw) -> pd.DataFrame:
        """Per-group framing profile of analyses, articles or corpus paths (see :func:`compare`;
        keyword arguments such as ``every``, ``groups`` or ``n_resamples`` are passed on;
        ``quotes="speech"`` analyses in the speech-quote mode, see :func:`framing.analyze`).

        >>> import framing
        >>> framing.compare(["The regime fell.", "Rebels advanced."], by="outlet")["n_articles"].tolist()
        [2]
        """
        return compare(as_analyses(analyses_or_paths, lexicons, quotes), by=by, lexicons=lexicons, **kw)


sys.modules[__name__].__class__ = _CallableModule
