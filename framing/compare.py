"""Tidy tables over many analyses, and the per-group comparison built from them.

Every function here returns a :class:`pandas.DataFrame` in tidy form (one row
per article, per hit, per attribution, or per group). The tables are built in
one pass over the analyses (:func:`tables`); the group-level functions
(:func:`compare`, :func:`label_shares`, :func:`voice_shares`) accept either
analyses or the matching tidy table, so later additions (bootstrap intervals,
distinctive terms, event matching) can work from the tables alone.

The lean of a group is *pooled*: the sum of its articles' lean numerators over
the sum of their denominators (see :func:`framing.analyze.lean_parts`), so a
long article with many loaded terms weighs more than a short one with one.

Tables built from analyses carry ``DataFrame.attrs``: ``"poles"`` (the two pole
names of the first lexicon with an axis, or ``None``), ``"axis"`` (that
lexicon's name) and, for group tables, ``"by"``. :mod:`framing.plot` reads them
to label the ends of the axis and to colour sides.
"""

from __future__ import annotations

import math
import re
import sys
import types
from array import array
from collections import Counter
from typing import Any, Iterable, Mapping, NamedTuple

import numpy as np
import pandas as pd

from . import stats
from . import text as T
from .analyze import as_analyses, lean_parts
from .data import Analysis
from .errors import FramingError
from .events import find_events
from .groups import EVERY, NONE_GROUP, GroupMap, date_bucket, read_groups
from .kwic import kwic

__all__ = [
    "Tables", "tables", "article_table", "term_table", "attribution_table",
    "compare", "label_shares", "voice_shares", "source_shares", "named_shares", "cue_stances",
    "voice_split", "measure", "MEASURES", "distinctive_terms", "grouping", "Grouping",
    "event_outlets", "event_labels", "event_departures", "find_events", "kwic",
    "group_key", "NONE_GROUP", "UNKNOWN_SIDE", "NO_SOURCE",
]

UNKNOWN_SIDE = "unknown"
"""Side used for attributions whose source has no side (or no source)."""

NO_SOURCE = "(no source)"
"""Source type / kind of attributions without a source."""

VOICES = ("narrator", "direct", "indirect")

ARTICLE_COLUMNS = [
    "id", "outlet", "title", "date", "n_words", "lean", "polarity", "subjectivity",
    "n_terms", "n_attributions",
    # components the group tables are built from
    "axis", "lean_num", "lean_den", "n_loaded", "n_loaded_narrator", "n_loaded_direct",
    "n_loaded_indirect", "n_named", "n_evaluative",
]
TERM_COLUMNS = [
    "id", "outlet", "date", "text", "start", "end", "lexicon", "referent", "label",
    "connotation", "echoes", "voice",
]
ATTRIBUTION_COLUMNS = [
    "id", "outlet", "date", "kind", "source_text", "source_start", "source_end",
    "source_type", "source_side", "named", "cue_text", "cue_start", "cue_end", "stance",
    "content_text", "content_start", "content_end",
]

TERM_COUNT_COLUMNS = ["lexicon", "referent", "label", "connotation", "echoes", "voice", "count"]
ATTRIBUTION_COUNT_COLUMNS = ["kind", "source_type", "source_side", "named", "stance", "count"]
"""The columns, after the article's, of the term and attribution tables with ``counts=True``."""


class Tables(NamedTuple):
    """The three tidy tables of a set of analyses (see :func:`tables`)."""

    articles: pd.DataFrame
    terms: pd.DataFrame
    attributions: pd.DataFrame


# -- lexicon resolution --------------------------------------------------------

class _Poles:
    """Find, and cache, the axis (lexicon name and poles) that an analysis uses."""

    def __init__(self, lexicons=None):
        from .lexicon import load_lexicon

        self._load = load_lexicon
        self._by_name: dict[str, Any] = {}
        for lx in lexicons or ():
            lx = load_lexicon(lx)
            self._by_name[lx.name] = lx
        self._axis: dict[tuple[str, ...], tuple[str | None, tuple[str, str] | None]] = {}

    def axis(self, names: tuple[str, ...]) -> tuple[str | None, tuple[str, str] | None]:
        """``(lexicon name, poles)`` of the first of ``names`` with an axis."""
        if names not in self._axis:
            found: tuple[str | None, tuple[str, str] | None] = (None, None)
            for n in names:
                lx = self._by_name.get(n)
                if lx is None:
                    try:
                        lx = self._load(n)
                    except FramingError as e:
                        raise FramingError(
                            f"cannot find the poles of lexicon {n!r} used by the analyses ({e}); "
                            "pass the packs with lexicons=[...]"
                        ) from e
                    self._by_name[n] = lx
                if lx.poles:
                    found = (lx.name, tuple(lx.poles))
                    break
            self._axis[names] = found
        return self._axis[names]


# -- one pass: the tidy tables ---------------------------------------------------

_FIELDS = ("id", "outlet", "title", "date", "url", "origin", "text")


def group_value(article, by: str):
    """The group of ``article`` under ``by`` (an :class:`~framing.data.Article` field or a key of
    its ``meta``), ``"(none)"`` when missing."""
    v = getattr(article, by) if by in _FIELDS else (article.meta or {}).get(by)
    return group_key(v)


def group_key(v):
    """The group an article falls in for a grouping value: ``"(none)"`` when missing.

    >>> [group_key(v) for v in ("sana", None, "  ", float("nan"), False)]
    ['sana', '(none)', '(none)', '(none)', False]
    """
    if v is None or (isinstance(v, float) and math.isnan(v)) \
            or (isinstance(v, str) and not v.strip()):
        return NONE_GROUP
    return v


def _scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def tables(analyses: Iterable[Analysis], *, by: str | None = None, lexicons=None,
           keep: Iterable[str] = ("articles", "terms", "attributions"),
           counts: bool = False) -> Tables:
    """Build the article, term and attribution tables in one pass.

    Args:
        analyses: any iterable of :class:`framing.data.Analysis` (consumed once).
        by: an extra grouping column to add to every table when it is not
            already one (an :class:`~framing.data.Article` field or a key of
            ``Article.meta``); missing values become ``"(none)"``.
        lexicons: the packs the analyses were made with (objects, names or
            paths). Packs named by the analyses but not given here are loaded
            by name.
        keep: which of the term and attribution tables to fill; the others come
            back empty. The article table is always built. Keeping only
            ``"articles"`` holds one small row per article and nothing of the
            analyses themselves, so a stream of any length fits in memory.
        counts: instead of a row per hit and per attribution, one row per
            article and kind of hit (``lexicon, referent, label, connotation,
            echoes, voice``) or of attribution (``kind, source_type,
            source_side, named, stance``), with a ``count`` column; no texts
            or offsets. Every group table (:func:`label_shares`,
            :func:`voice_shares`, ...) takes these and gives the same figures,
            from a table a fraction of the size (the report uses them).

    Returns:
        :class:`Tables` ``(articles, terms, attributions)``.

        ``articles`` has one row per article: ``id, outlet, title, date,
        n_words, lean, polarity, subjectivity, n_terms, n_attributions``, then
        the parts the group tables are pooled from: ``axis`` (the lexicon whose
        poles define the lean), ``lean_num``/``lean_den`` (from
        :func:`framing.analyze.lean_parts` over that lexicon's hits),
        ``n_loaded`` and ``n_loaded_<voice>`` (hits that echo a pole),
        ``n_named``, ``n_evaluative`` and ``n_voice_<side>`` (attributions per
        source side, ``unknown`` when the source has none), and finally any
        scalar fields of ``Article.meta``.
    """
    keep = set(keep)
    keep_terms, keep_attrs = "terms" in keep, "attributions" in keep
    poles_of = _Poles(lexicons)
    extra = [by] if by and by not in ("id", "outlet", "date") else []
    # columns, not a dict per row: a row dict costs ~1 KB, a column entry 8 bytes
    arts = _Columns()
    keys = ["id", "outlet", "date", *extra]
    term_cols = keys + (TERM_COUNT_COLUMNS if counts else TERM_COLUMNS[3:])
    attr_cols = keys + (ATTRIBUTION_COUNT_COLUMNS if counts else ATTRIBUTION_COLUMNS[3:])
    terms = {c: _Encoded() for c in term_cols}
    attrs = {c: [] if c == "content_text" else _Encoded() for c in attr_cols}
    sides: list[str] = []
    first_axis: tuple[str | None, tuple[str, str] | None] = (None, None)
    meta_keys: dict[str, None] = {}
    for an in analyses:
        a = an.article
        meta_keys.update(dict.fromkeys(a.meta or ()))
        key = {"id": a.id, "outlet": a.outlet, "date": a.date}
        if by and by not in key:
            key[by] = group_value(a, by)
        axis, poles = poles_of.axis(tuple(an.lexicons))
        if poles and first_axis[1] is None:
            first_axis = (axis, poles)
            for p in poles:
                if p not in sides:
                    sides.append(p)
        if poles:
            num, den = lean_parts([h for h in an.terms if h.lexicon == axis], poles)
        else:
            num, den = 0.0, 0.0
        loaded = [h for h in an.terms if h.echoes != "neutral"]
        row = {
            "id": a.id, "outlet": a.outlet, "title": a.title, "date": a.date,
            "n_words": an.n_words, "lean": _num(an.lean),
            "polarity": _num(an.polarity), "subjectivity": _num(an.subjectivity),
            "n_terms": len(an.terms), "n_attributions": len(an.attributions),
            "axis": axis, "lean_num": float(num), "lean_den": float(den),
            "n_loaded": len(loaded),
            **{f"n_loaded_{v}": sum(1 for h in loaded if h.voice == v) for v in VOICES},
            "n_named": sum(1 for x in an.attributions if x.source is not None and x.source.named),
            "n_evaluative": sum(1 for x in an.attributions if x.cue.stance == "evaluative"),
        }
        for x in an.attributions:
            side = (x.source.side if x.source else None) or UNKNOWN_SIDE
            if side not in sides:
                sides.append(side)
            row[f"n_voice_{side}"] = row.get(f"n_voice_{side}", 0) + 1
        if by and by not in row:
            row[by] = key[by]
        for k, v in (a.meta or {}).items():
            if k not in row and _scalar(v):
                row[k] = v
        arts.append(row)
        if counts:
            if keep_terms:
                _add_counts(terms, key, Counter(
                    (h.lexicon, h.referent, h.label, h.connotation, h.echoes, h.voice)
                    for h in an.terms), TERM_COUNT_COLUMNS)
            if keep_attrs:
                _add_counts(attrs, key, Counter(
                    (x.kind, x.source.type if x.source else None,
                     x.source.side if x.source else None,
                     bool(x.source.named) if x.source else False, x.cue.stance)
                    for x in an.attributions), ATTRIBUTION_COUNT_COLUMNS)
            continue
        if keep_terms:
            for h in an.terms:
                for c, v in key.items():
                    terms[c].append(v)
                for c, v in zip(TERM_COLUMNS[3:], term_values(h)):
                    terms[c].append(v)
        for x in an.attributions if keep_attrs else ():
            for c, v in key.items():
                attrs[c].append(v)
            for c, v in zip(ATTRIBUTION_COLUMNS[3:], attribution_values(x)):
                attrs[c].append(v)
    if by and by not in _FIELDS and arts.n and by not in meta_keys:
        raise FramingError(
            f"cannot group by {by!r}: no article has that field; available: "
            f"{', '.join([*_FIELDS[:-1], *meta_keys])}"
        )
    if UNKNOWN_SIDE not in sides:
        sides.append(UNKNOWN_SIDE)
    # order: first pole, other sides, unknown, second pole (reads left to right)
    sides = _side_order(sides, first_axis[1])
    art_cols = ARTICLE_COLUMNS + [f"n_voice_{s}" for s in sides]
    articles = arts.frame(_union(art_cols + extra, [arts.cols]))
    for s in sides:
        articles[f"n_voice_{s}"] = articles[f"n_voice_{s}"].fillna(0).astype(int)
    for c in ("lean", "polarity", "subjectivity", "lean_num", "lean_den"):
        articles[c] = articles[c].astype(float)
    term_df = _frame(terms, term_cols)
    attr_df = _frame(attrs, attr_cols)
    meta = {"axis": first_axis[0], "poles": first_axis[1], "sides": tuple(sides)}
    for df in (articles, term_df, attr_df):
        df.attrs.update(meta)
    return Tables(articles, term_df, attr_df)


def term_values(h) -> tuple:
    """A term hit's cells in the term table, in the order of ``TERM_COLUMNS[3:]``."""
    return (h.text, h.start, h.end, h.lexicon, h.referent, h.label, h.connotation, h.echoes,
            h.voice)


def attribution_values(x) -> tuple:
    """An attribution's cells in the attribution table, in the order of ``ATTRIBUTION_COLUMNS[3:]``."""
    s = x.source
    return (x.kind, s.text if s else None, s.start if s else None, s.end if s else None,
            s.type if s else None, s.side if s else None, bool(s.named) if s else False,
            x.cue.text, x.cue.start, x.cue.end, x.cue.stance,
            x.content.text, x.content.start, x.content.end)


def _add_counts(cols: dict, key: dict, counter: Counter, names: list[str]) -> None:
    for combo, n in counter.items():
        for c, v in key.items():
            cols[c].append(v)
        for c, v in zip(names, (*combo, n)):
            cols[c].append(v)


class _Columns:
    """Rows appended as dicts whose keys may vary, stored column by column.

    A column missing from a row holds NaN there, as :class:`pandas.DataFrame`
    does for a list of dicts.
    """

    def __init__(self):
        self.cols: dict[str, list] = {}
        self.n = 0

    def append(self, row: dict) -> None:
        n = self.n
        for k, v in row.items():
            col = self.cols.get(k)
            if col is None:
                col = self.cols[k] = [math.nan] * n
            col.append(v)
        self.n = n + 1
        if len(row) < len(self.cols):
            for col in self.cols.values():
                if len(col) == n:
                    col.append(math.nan)

    def frame(self, columns: list[str]) -> pd.DataFrame:
        return _frame(self.cols, columns, self.n)


class _Encoded:
    """A column of a few distinct values, stored as 4-byte codes into its distinct values.

    A term table repeats the same ids, outlets, labels and offsets on row
    after row: a list holds a pointer and often an object per row, this
    holds 4 bytes per row and each distinct value once.
    """

    __slots__ = ("codes", "index", "values")

    def __init__(self):
        self.codes = array("i")
        self.index: dict = {}
        self.values: list = []

    def append(self, v) -> None:
        k = (type(v), v)   # 1, 1.0 and True stay apart
        try:
            c = self.index.get(k)
        except TypeError:  # unhashable (a list from a record's metadata): kept as it is
            c = None
            k = None
        if c is None:
            c = len(self.values)
            if k is not None:
                self.index[k] = c
            self.values.append(v)
        self.codes.append(c)

    def __len__(self) -> int:
        return len(self.codes)

    def to_numpy(self) -> np.ndarray:
        vals = np.empty(len(self.values), dtype=object)
        vals[:] = self.values
        return vals[np.frombuffer(self.codes, dtype=np.int32)] if len(self.codes) else vals[:0]


def _frame(cols: dict, columns: list[str], n: int | None = None) -> pd.DataFrame:
    """A DataFrame of ``columns`` from lists or :class:`_Encoded` columns (absent columns all
    NaN), typed as ``pd.DataFrame(rows)`` types them."""
    if n is None:
        n = len(next(iter(cols.values()))) if cols else 0
    if n == 0:
        return pd.DataFrame(columns=columns)
    data = {}
    for c in columns:
        col = cols.get(c)
        if col is None:
            data[c] = np.full(n, np.nan)
            continue
        if isinstance(col, _Encoded):
            col = col.to_numpy()
        # through object arrays, so that a column types as it does from row dicts
        data[c] = pd.Series(col, dtype=object).infer_objects()
    return pd.DataFrame(data, columns=columns)


def _num(x) -> float:
    return math.nan if x is None else float(x)


def _union(cols: list[str], rows: list[dict]) -> list[str]:
    out = list(dict.fromkeys(cols))
    seen = set(out)
    for r in rows:
        for k in r:
            if k not in seen:
                out.append(k)
                seen.add(k)
    return out


def _side_order(sides, poles) -> list[str]:
    if not poles:
        return [s for s in sides if s != UNKNOWN_SIDE] + [UNKNOWN_SIDE]
    mid = [s for s in sides if s not in poles and s != UNKNOWN_SIDE]
    return [poles[0], *mid, UNKNOWN_SIDE, poles[1]]


def article_table(analyses: Iterable[Analysis], *, by: str | None = None,
                  lexicons=None) -> pd.DataFrame:
    """One row per article (see :func:`tables` for the columns).

    Args:
        analyses: any iterable of analyses (consumed once).
        by, lexicons: as in :func:`tables`.
    """
    return tables(analyses, by=by, lexicons=lexicons, keep=("articles",)).articles


def term_table(analyses: Iterable[Analysis], *, by: str | None = None,
               lexicons=None) -> pd.DataFrame:
    """One row per term hit: ``id, outlet, date`` of its article, then every hit field.

    Hit fields: ``text, start, end, lexicon, referent, label, connotation,
    echoes, voice``.
    """
    return tables(analyses, by=by, lexicons=lexicons, keep=("terms",)).terms


def attribution_table(analyses: Iterable[Analysis], *, by: str | None = None,
                      lexicons=None) -> pd.DataFrame:
    """One row per attribution, flattened.

    Columns: ``id, outlet, date, kind, source_text, source_start, source_end,
    source_type, source_side, named, cue_text, cue_start, cue_end, stance,
    content_text, content_start, content_end``. Source columns are empty
    (``None``) and ``named`` is ``False`` when the attribution has no source.
    """
    return tables(analyses, by=by, lexicons=lexicons, keep=("attributions",)).attributions


# -- grouping ----------------------------------------------------------------------

class Grouping(NamedTuple):
    """How articles are grouped: see :func:`grouping`."""

    field: str
    """The article column the tables must carry (``by``, or the field a mapping maps)."""
    keys: list[str]
    """The group columns of the output: the group, then the date bucket if any."""
    groups: GroupMap | None
    every: str | None


def grouping(by: str = "outlet", every: str | None = None, groups=None) -> Grouping:
    """Resolve the grouping options shared by every group table.

    Args:
        by: the article field to group by (any :class:`~framing.data.Article`
            field or ``Article.meta`` key).
        every: ``"week"`` or ``"month"``: also split each group by date bucket
            (see :func:`framing.groups.date_bucket`).
        groups: a mapping file (path; see :mod:`framing.groups`), a
            :class:`~framing.groups.GroupMap`, or a dict ``{value of by: group}``
            (the group column is then called ``group``). Values not mapped fall
            in ``"(none)"``.

    >>> grouping("outlet", "month", {"sana": "gov"}).keys
    ['group', 'month']
    """
    if every is not None and every not in EVERY:
        raise FramingError(f"every: {every!r} is not a date bucket; use one of {', '.join(EVERY)}")
    gmap = None
    if groups is not None:
        if isinstance(groups, GroupMap):
            gmap = groups
        elif isinstance(groups, Mapping):
            gmap = GroupMap(by, "group", {str(k): str(v) for k, v in groups.items()})
        else:
            gmap = read_groups(groups)
        field, key = gmap.field, gmap.name
    else:
        field = key = by
    return Grouping(field, [key] + ([every] if every else []), gmap, every)


def _with_keys(df: pd.DataFrame, g: Grouping) -> pd.DataFrame:
    if g.field not in df.columns:
        raise FramingError(
            f"cannot group by {g.field!r}: no such column; available: "
            f"{', '.join(map(str, df.columns))}")
    df = df.copy()
    if g.groups is not None:
        vals = df[g.field]
        mapped = [g.groups.group_of(v) for v in vals]
        df[g.keys[0]] = pd.Series([m if m is not None else NONE_GROUP for m in mapped],
                                  index=df.index, dtype=object)
        df.attrs["unmapped"] = sorted({str(v) for v, m in zip(vals, mapped)
                                       if m is None and group_key(v) != NONE_GROUP})
    else:
        df[g.field] = df[g.field].map(group_key)
    if g.every:
        df[g.every] = date_bucket(df["date"], g.every).to_numpy() if len(df) else \
            pd.Series([], dtype=object)
    return df


def _table(x, which: str, g: Grouping, lexicons) -> pd.DataFrame:
    if isinstance(x, Tables):
        df = getattr(x, which)
    elif isinstance(x, pd.DataFrame):
        df = x
    else:
        df = getattr(tables(x, by=g.field, lexicons=lexicons, keep=(which,)), which)
    return _with_keys(df, g)


def _labels(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One string label per row for its group (the bootstrap streams are seeded by it)."""
    if len(keys) == 1:
        return df[keys[0]].map(str).to_numpy(dtype=object)
    return np.array([" | ".join(map(str, k)) for k in zip(*(df[c] for c in keys))], dtype=object)


def _sort_groups(out: pd.DataFrame, keys: list[str], by_value: str | None) -> pd.DataFrame:
    out = out.copy()
    sk = [f"_k{i}" for i in range(len(keys))]
    for c, k in zip(sk, keys):
        out[c] = out[k].astype(str)
    if by_value and len(keys) == 1:
        cols, asc = [by_value, sk[0]], [True, True]
    else:
        cols, asc = sk, [True] * len(sk)
    return (out.sort_values(cols, ascending=asc, na_position="last", kind="mergesort")
               .drop(columns=sk).reset_index(drop=True))


def _share(num, den):
    return num / den.where(den > 0)


class _Opts(NamedTuple):
    intervals: bool
    n_resamples: int
    seed: int
    level: float
    min_articles: int


def _opts(intervals, n_resamples, seed, level, min_articles) -> _Opts:
    if n_resamples < 1:
        raise FramingError(f"n_resamples must be >= 1, got {n_resamples}")
    if not 0 < level < 1:
        raise FramingError(f"level must be between 0 and 1, got {level}")
    return _Opts(bool(intervals), int(n_resamples), int(seed), float(level), int(min_articles))


def _attrs(out: pd.DataFrame, src: pd.DataFrame, g: Grouping, o: _Opts) -> pd.DataFrame:
    out.attrs.update({k: src.attrs.get(k) for k in ("axis", "poles", "sides")})
    out.attrs.update({
        "by": g.keys[0], "keys": list(g.keys), "every": g.every,
        "groups": g.groups.path if g.groups is not None and g.groups.path else None,
        "unmapped": src.attrs.get("unmapped", []),
        "intervals": o.intervals, "seed": o.seed, "n_resamples": o.n_resamples,
        "level": o.level, "min_articles": o.min_articles,
    })
    return out


# -- group tables ------------------------------------------------------------------

_INTERVAL_DOC = """
        every, groups: split groups by date bucket, or map a field's values to
            groups (see :func:`grouping`).
        intervals: add 95% bootstrap intervals (columns ``*_lo``, ``*_hi``).
        n_resamples, seed, level: the bootstrap (see :mod:`framing.stats`:
            percentile intervals over articles resampled within each group;
            defaults 2,000 resamples, seed 20240601, level 0.95).
        min_articles: groups with fewer articles get a ``warning``."""


def compare(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
            groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
            seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
            min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Framing profile per group: one row per value of ``by``, with bootstrap intervals.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            an article table from :func:`article_table`.
        by: the column to group by (``outlet`` by default; any article field or
            ``Article.meta`` key). Missing values are grouped as ``"(none)"``.
        lexicons: as in :func:`tables`.
        every, groups: split groups by date bucket (``"week"``/``"month"``,
            a column of that name is added), or map the values of a field to
            groups (a mapping file or dict; see :func:`grouping`).
        intervals: add bootstrap intervals: a ``<measure>_lo`` and
            ``<measure>_hi`` column after every ratio measure.
        n_resamples, seed, level: the bootstrap (see :mod:`framing.stats`:
            percentile intervals, articles resampled within each group;
            defaults 2,000 resamples, seed 20240601, level 0.95).
        min_articles: a group with fewer articles gets a ``warning``.

    Returns:
        A DataFrame with the group column(s), ``n_articles``, ``n_words``,
        ``n_no_lean`` (articles without a hit of the axis lexicon, so without
        a lean: many headlines have none),
        ``lean`` (pooled: sum of the articles' lean numerators over the sum of
        their denominators; NaN when no hit of the axis lexicon), ``terms_per_1k``
        and ``loaded_per_1k`` (hits per 1,000 words; *loaded* = echoes a pole),
        ``loaded_narrator_share``, ``loaded_direct_share``,
        ``loaded_indirect_share`` (whose voice the loaded hits are in),
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
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    art = _table(analyses, "articles", g, lexicons)
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
        *((f"voice_{s}", col(f"n_voice_{s}"), col("n_attributions"), 1.0) for s in sides),
        ("named_share", col("n_named"), col("n_attributions"), 1.0),
        ("evaluative_cue_share", col("n_evaluative"), col("n_attributions"), 1.0),
        ("polarity", np.nan_to_num(pol), (~np.isnan(pol)).astype(float), 1.0),
        ("subjectivity", np.nan_to_num(subj), (~np.isnan(subj)).astype(float), 1.0),
    ]
    names = [s[0] for s in specs]
    lo_cols = [f"{n}_lo" for n in names] if o.intervals else []
    hi_cols = [f"{n}_hi" for n in names] if o.intervals else []
    order = [*g.keys, "n_articles", "n_words", "n_no_lean"]
    for n in names:
        if n.startswith("voice_") and "n_attributions" not in order:
            order.append("n_attributions")
        order += [n] + ([f"{n}_lo", f"{n}_hi"] if o.intervals else [])
    order += ["warning", "article_ids"]
    if art.empty:
        return _attrs(pd.DataFrame(columns=order), art, g, o)

    labels = _labels(art, g.keys)
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


def _article_key(df: pd.DataFrame) -> pd.Series:
    """Which article each row of a term or attribution table belongs to."""
    return pd.Series(["\x1f".join(map(str, k)) for k in zip(df["id"], df["outlet"], df["date"])],
                     index=df.index, dtype=object)


def _category_shares(t: pd.DataFrame, category: pd.Series, order: list, keys: list[str],
                     name: str, o: _Opts, *, keep_zero: bool = True) -> pd.DataFrame:
    """Share of a group's items (hits, attributions) in each category, with intervals.

    The resampling unit is the article: only articles with at least one item
    count (``n_articles``), and each is resampled with all its items.
    """
    cols = [*keys, name, "count", "share"] + (["lo", "hi"] if o.intervals else []) \
        + ["n_articles", "warning", "article_ids"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    t = t.assign(_cat=category.to_numpy(), _art=_article_key(t).to_numpy())
    t["_grp"] = _labels(t, keys)
    if "count" in t.columns:   # a table of counts (tables(counts=True)): each row counts as many
        per_art = pd.crosstab([t["_grp"], t["_art"]], t["_cat"], values=t["count"],
                              aggfunc="sum").fillna(0)
    else:
        per_art = pd.crosstab([t["_grp"], t["_art"]], t["_cat"])
    per_art = per_art.reindex(columns=order, fill_value=0)
    grp_of_row = per_art.index.get_level_values(0).to_numpy(dtype=object)
    mat = per_art.to_numpy(dtype=float)
    tot = mat.sum(axis=1)
    codes, uniq = pd.factorize(grp_of_row, sort=False)
    sums = np.zeros((len(uniq), len(order)))
    np.add.at(sums, codes, mat)
    n_art = np.bincount(codes, minlength=len(uniq))
    if o.intervals:
        lo, hi = stats.bootstrap_ratios(grp_of_row, mat, tot, n_resamples=o.n_resamples,
                                        seed=o.seed, level=o.level)
        lo, hi = lo.reindex(uniq).to_numpy(), hi.reindex(uniq).to_numpy()
    # the ids of the articles behind each count
    id_of = dict(zip(t["_art"], t["id"]))
    art_ids = [id_of[a] for a in per_art.index.get_level_values(1)]
    used: dict[tuple[int, int], list] = {}
    for r, j in zip(*np.nonzero(mat > 0)):
        used.setdefault((codes[r], j), []).append(art_ids[r])
    key_vals = t.groupby("_grp", sort=False)[keys].first()
    rows = []
    for gi, gl in enumerate(uniq):
        total = sums[gi].sum()
        kv = key_vals.loc[gl].to_dict()
        warn = stats.few_articles_warning(int(n_art[gi]), o.min_articles)
        for j, cat in enumerate(order):
            c = sums[gi, j]
            if c == 0 and not keep_zero:
                continue
            row = {**kv, name: cat, "count": int(c), "share": c / total if total else math.nan}
            if o.intervals:
                row["lo"], row["hi"] = lo[gi, j], hi[gi, j]
            row.update(n_articles=int(n_art[gi]), warning=warn,
                       article_ids=used.get((gi, j), []))
            rows.append(row)
    return pd.DataFrame(rows, columns=cols)


def label_shares(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
                 groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
                 seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
                 min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """How often each group uses each label of a referent, with bootstrap intervals.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            a term table from :func:`term_table` (it must have a ``by`` column).
        by: the grouping column.
        every, groups, intervals, n_resamples, seed, level, min_articles: as in
            :func:`compare`. The interval of a share resamples the group's
            articles that mention the referent.

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
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    t = _table(analyses, "terms", g, lexicons)
    keys = [*g.keys, "lexicon", "referent"]
    head = [*g.keys, "lexicon", "referent", "label", "echoes", "connotation", "count", "share"]
    tail = (["lo", "hi"] if o.intervals else []) + ["n_articles", "warning", "article_ids"]
    if t.empty:
        return _attrs(pd.DataFrame(columns=head + tail), t, g, o)
    info = t.groupby(["lexicon", "referent", "label"], sort=False)[["echoes", "connotation"]].first()
    parts = []
    for _, sub in t.groupby(["lexicon", "referent"], sort=False):
        parts.append(_category_shares(sub, sub["label"], list(dict.fromkeys(sub["label"])),
                                      keys, "label", o, keep_zero=False))
    out = pd.concat(parts, ignore_index=True).join(info, on=["lexicon", "referent", "label"])
    out["_key"] = _labels(out, g.keys)
    out = (out.sort_values(["_key", "lexicon", "referent", "count", "label"],
                           ascending=[True, True, True, False, True], kind="mergesort")
              .drop(columns="_key").reset_index(drop=True))[head + tail]
    return _attrs(out, t, g, o)


def voice_shares(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
                 groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
                 seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
                 min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Whose voice each group cites: attributions per source side, with bootstrap intervals.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            an attribution table from :func:`attribution_table`.
        by: the grouping column.
        every, groups, intervals, n_resamples, seed, level, min_articles: as in
            :func:`compare`; the interval resamples the group's articles that
            have attributions.

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
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    t = _table(analyses, "attributions", g, lexicons)
    side = t["source_side"].astype(object).where(t["source_side"].notna(), UNKNOWN_SIDE)
    order = list(t.attrs.get("sides") or sorted(set(side) | {UNKNOWN_SIDE}))
    order += sorted(set(side) - set(order))
    out = _category_shares(t, side, order, g.keys, "side", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    out = _attrs(out, t, g, o)
    out.attrs["sides"] = tuple(order)
    return out


def source_shares(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
                  groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
                  seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
                  min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Attributions per source type (government/official, monitor/NGO, ...), with intervals.

    Same columns and options as :func:`voice_shares`, with ``source_type``
    instead of ``side`` (``(no source)`` for attributions without a source).
    """
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    t = _table(analyses, "attributions", g, lexicons)
    typ = t["source_type"].astype(object).where(t["source_type"].notna(), NO_SOURCE)
    order = sorted(set(typ) - {NO_SOURCE}) + ([NO_SOURCE] if NO_SOURCE in set(typ) else [])
    out = _category_shares(t, typ, order, g.keys, "source_type", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


def named_shares(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
                 groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
                 seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
                 min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Named vs anonymous sources: attributions per ``source`` kind, with intervals.

    ``source`` is ``named`` (a named person or body), ``anonymous`` (a source
    without a name: "a military source", "activists") or ``(no source)``.
    Same columns and options as :func:`voice_shares`.
    """
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    t = _table(analyses, "attributions", g, lexicons)
    has = (t["source_text"].notna() if "source_text" in t.columns
           else t["source_type"].notna() if "source_type" in t.columns   # every source has a type
           else t["named"].astype(bool))
    kind = pd.Series(np.where(t["named"].astype(bool), "named",
                              np.where(has, "anonymous", NO_SOURCE)), index=t.index)
    out = _category_shares(t, kind, ["named", "anonymous", NO_SOURCE], g.keys, "source", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


def cue_stances(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
                groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
                seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
                min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Attribution cues by stance (``neutral``: said, told; ``evaluative``: claimed, admitted).

    Same columns and options as :func:`voice_shares`, with ``stance`` instead of ``side``.
    """
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    t = _table(analyses, "attributions", g, lexicons)
    out = _category_shares(t, t["stance"].astype(object), ["neutral", "evaluative"], g.keys,
                           "stance", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


def voice_split(analyses, by: str = "outlet", *, lexicons=None, every: str | None = None,
                groups=None, intervals: bool = True, n_resamples: int = stats.DEFAULT_RESAMPLES,
                seed: int = stats.DEFAULT_SEED, level: float = stats.LEVEL,
                min_articles: int = stats.MIN_ARTICLES) -> pd.DataFrame:
    """Narrator vs quoted: whose voice the group's loaded terms are in, with intervals.

    Loaded terms are hits whose label echoes a pole. ``voice`` is
    ``narrator`` (the outlet's own words), ``direct`` (inside a quotation) or
    ``indirect`` (inside reported speech). Same columns and options as
    :func:`voice_shares`; ``n_articles`` counts the articles with a loaded term.
    """
    g = grouping(by, every, groups)
    o = _opts(intervals, n_resamples, seed, level, min_articles)
    t = _table(analyses, "terms", g, lexicons)
    t = t[t["echoes"] != "neutral"] if not t.empty else t
    out = _category_shares(t, t["voice"].astype(object), list(VOICES), g.keys, "voice", o)
    out = _sort_groups(out, g.keys, None) if not out.empty else out
    return _attrs(out, t, g, o)


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
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        if stop_words not in (None, "english"):
            raise FramingError(f"stop_words: {stop_words!r} is not one of 'english', None")
        self.grouping = grouping(by, None, groups)
        self.stop = frozenset(ENGLISH_STOP_WORDS) if stop_words == "english" else frozenset()
        self.per_group: dict[str, list] = {}   # str(group) -> [word counts, doc counts, n articles]
        self._seen_field = self.grouping.field in _FIELDS

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
            ``unit="label"`` also a :class:`Tables` or a term table.
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
    from .keyness import log_odds

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
        else:
            wc = WordCounts(by, groups=groups, stop_words=stop_words)
            wc.update(as_analyses(analyses, lexicons))
        wc.check()
        per_group = wc.per_group
        values = sorted(per_group)
    else:
        t = _table(analyses, "terms", g, lexicons)
        per: dict = {}
        weight = t["count"] if "count" in t.columns else np.ones(len(t), dtype=int)
        for k, grp_, ref, lb, w in zip(_article_key(t), t[key], t["referent"], t["label"], weight):
            slot = per.setdefault(k, [str(grp_), Counter()])
            slot[1][f"{ref}: {lb}"] += int(w)
        per_group = {}
        for grp_, c in per.values():
            _tally(per_group, grp_, c)
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
    "rates": "terms and loaded terms per 1,000 words",
    "labels": "label-choice shares per referent (label_shares()); with events: event_labels()",
    "voice": "attributions by the side of the source (voice_shares())",
    "sources": "attributions by source type (source_shares())",
    "named": "named vs anonymous sources (named_shares())",
    "cues": "attribution cues by stance: neutral vs evaluative (cue_stances())",
    "quoted": "loaded terms by voice: narrator vs quoted (voice_split())",
    "terms": "distinctive terms of a group vs the rest or another group (distinctive_terms())",
    "departures": "per outlet, mean departure from the other outlets on the same events "
                  "(event_departures())",
}
"""The measures :func:`measure` knows, with what each shows."""

_LEAN_COLS = ["lean", "lean_lo", "lean_hi"]
_RATE_COLS = ["terms_per_1k", "terms_per_1k_lo", "terms_per_1k_hi",
              "loaded_per_1k", "loaded_per_1k_lo", "loaded_per_1k_hi"]
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
          "named": named_shares, "cues": cue_stances, "quoted": voice_split}[name]
    return fn(analyses, by=by, **kw)


# -- same-event comparison ----------------------------------------------------------

def _event_tables(analyses, events, lexicons, window_days, threshold):
    """The article and term tables with an ``event`` column, and the events table."""
    from .events import find_events

    if isinstance(analyses, Tables):
        raise FramingError("event comparison needs the analyses (their texts), not Tables")
    ans = list(as_analyses(analyses, lexicons))
    ev = events if events is not None else find_events(ans, window_days=window_days,
                                                       threshold=threshold)
    if len(ev) != len(ans):
        raise FramingError(f"events has {len(ev)} rows for {len(ans)} analyses")
    tabs = tables(ans, lexicons=lexicons)
    art = tabs.articles.copy()
    art["event"] = ev["event"].to_numpy()
    art["outlet"] = art["outlet"].map(group_key)
    key_event = dict(zip(_article_key(art), art["event"]))
    terms = tabs.terms.copy()
    terms["outlet"] = terms["outlet"].map(group_key)
    terms["event"] = [key_event.get(k) for k in _article_key(tabs.terms)]
    n_out = art.groupby("event")["outlet"].transform("nunique")
    return art[n_out >= 2], terms[terms["event"].isin(set(art["event"][n_out >= 2]))], ev


def _tvd(p: dict, q: dict) -> float:
    """Total variation distance between two count dicts (as distributions)."""
    sp, sq = sum(p.values()), sum(q.values())
    keys = set(p) | set(q)
    return 0.5 * sum(abs(p.get(k, 0) / sp - q.get(k, 0) / sq) for k in keys)


def event_outlets(analyses, *, events: pd.DataFrame | None = None, lexicons=None,
                  window_days: float | None = None, threshold: float | None = None,
                  lexicon: str | None = None) -> pd.DataFrame:
    """Label choices per event and outlet, and how each outlet departs from the others.

    Articles are clustered into events with :func:`framing.events.find_events`
    (TF-IDF cosine within a date window); only events covered by at least two
    outlets are compared. Within an event the story is held fixed, so a
    difference here is a difference in telling, not in which stories were
    picked.

    Args:
        analyses: analyses, articles or corpus paths (consumed once; not :class:`Tables`,
            the texts are needed).
        events: a :func:`~framing.events.find_events` table for the same
            articles in the same order (to reuse or supply your own clustering).
        lexicons: as in :func:`tables`.
        window_days, threshold: passed to :func:`~framing.events.find_events`
            (defaults: its defaults).
        lexicon: whose labels to compare: a pack name, ``"all"``, or ``None``
            for the pack whose axis defines the lean.

    Returns:
        One row per event and outlet: ``event, event_title`` (the title of
        the event's earliest article), ``outlet, date`` (its earliest),
        ``n_articles, article_ids``, ``lean`` (pooled over the outlet's
        articles on the event), ``others_lean`` (pooled over the other
        outlets' articles on it), ``lean_departure`` (``lean - others_lean``;
        NaN when either has no axis terms), ``labels`` (the labels it used,
        ``referent: label count, ...``), ``label_departure`` (mean, over the
        referents both it and the others mention, of the total variation
        distance between its label shares and the others' pooled shares: 0 =
        same words, 1 = no label in common) and ``n_shared_referents``.
        Sorted by event date, event, then lean.
    """
    from . import events as E

    wd = E.WINDOW_DAYS if window_days is None else window_days
    th = E.THRESHOLD if threshold is None else threshold
    art, terms, ev = _event_tables(analyses, events, lexicons, wd, th)
    terms = _of_lexicon(terms, art, lexicon)
    cols = ["event", "event_title", "outlet", "date", "n_articles", "article_ids", "lean",
            "others_lean", "lean_departure", "labels", "label_departure", "n_shared_referents"]
    rows = []
    counts: dict = {}
    for r in terms.itertuples(index=False):
        d = counts.setdefault((r.event, r.outlet), {}).setdefault((r.lexicon, r.referent), {})
        d[r.label] = d.get(r.label, 0) + 1
    for event, ea in art.groupby("event", sort=False):
        ea = ea.assign(_d=ea["date"].astype(object).where(ea["date"].notna(), ""))
        first = ea.sort_values("_d", kind="mergesort").iloc[0]
        tot_num, tot_den = ea["lean_num"].sum(), ea["lean_den"].sum()
        outlets = list(dict.fromkeys(ea["outlet"]))
        for o in outlets:
            oa = ea[ea["outlet"] == o]
            num, den = oa["lean_num"].sum(), oa["lean_den"].sum()
            onum, oden = tot_num - num, tot_den - den
            lean = num / den if den else math.nan
            others = onum / oden if oden else math.nan
            mine = counts.get((event, o), {})
            theirs: dict = {}
            for o2 in outlets:
                if o2 == o:
                    continue
                for ref, d in counts.get((event, o2), {}).items():
                    t = theirs.setdefault(ref, {})
                    for lb, c in d.items():
                        t[lb] = t.get(lb, 0) + c
            shared = [ref for ref in mine if ref in theirs]
            tvd = float(np.mean([_tvd(mine[r], theirs[r]) for r in shared])) if shared else math.nan
            labels = "; ".join(
                f"{ref[1]}: " + ", ".join(f"{lb} {c}" for lb, c in
                                          sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))
                for ref, d in sorted(mine.items()))
            rows.append({
                "event": event, "event_title": first["title"], "outlet": o,
                "date": oa["_d"].min() or None, "n_articles": len(oa),
                "article_ids": list(oa["id"]), "lean": lean, "others_lean": others,
                "lean_departure": lean - others, "labels": labels,
                "label_departure": tvd, "n_shared_referents": len(shared),
                "_event_date": first["_d"],
            })
    out = pd.DataFrame(rows, columns=cols + ["_event_date"])
    if not out.empty:
        out["_e"] = out["event"].str[1:].astype(int)
        out = out.sort_values(["_event_date", "_e", "lean"], na_position="last",
                              kind="mergesort").drop(columns="_e")
    out = out.drop(columns="_event_date").reset_index(drop=True)
    out.attrs.update(window_days=ev.attrs.get("window_days", wd),
                     threshold=ev.attrs.get("threshold", th), axis=art.attrs.get("axis"),
                     poles=art.attrs.get("poles"))
    return out


def _of_lexicon(terms: pd.DataFrame, art: pd.DataFrame, lexicon: str | None) -> pd.DataFrame:
    if lexicon == "all":
        return terms
    name = lexicon or art.attrs.get("axis")
    if name is None:
        return terms
    if lexicon and not terms.empty and name not in set(terms["lexicon"]):
        raise FramingError(f"lexicon {name!r} has no hits here; used: "
                           f"{', '.join(sorted(set(terms['lexicon'])))}, or 'all'")
    return terms[terms["lexicon"] == name]


def event_labels(analyses, *, events: pd.DataFrame | None = None, lexicons=None,
                 window_days: float | None = None, threshold: float | None = None,
                 lexicon: str | None = None) -> pd.DataFrame:
    """Per event, outlet and referent: each label's share, next to the other outlets' share.

    Args: as in :func:`event_outlets`.

    Returns:
        Columns ``event, outlet, lexicon, referent, label, echoes, count, share``
        (of the outlet's hits on the referent in the event), ``others_count``
        and ``others_share`` (the same label among the other outlets' hits on
        that referent in the event; NaN share when they never mention it),
        ``article_ids`` (the outlet's articles on the event that use the
        label). Labels only the other outlets used appear with count 0, so
        a label an outlet avoids is visible.
    """
    from . import events as E

    wd = E.WINDOW_DAYS if window_days is None else window_days
    th = E.THRESHOLD if threshold is None else threshold
    art, terms, ev = _event_tables(analyses, events, lexicons, wd, th)
    terms = _of_lexicon(terms, art, lexicon)
    cols = ["event", "outlet", "lexicon", "referent", "label", "echoes", "count", "share",
            "others_count", "others_share", "article_ids"]
    if terms.empty:
        return pd.DataFrame(columns=cols)
    c = (terms.groupby(["event", "outlet", "lexicon", "referent", "label"], sort=False)
              .agg(count=("label", "size"), article_ids=("id", lambda s: list(dict.fromkeys(s))))
              .reset_index())
    echoes = terms.groupby(["lexicon", "referent", "label"])["echoes"].first()
    rows = []
    outlets_of = art.groupby("event", sort=False)["outlet"].agg(lambda s: list(dict.fromkeys(s)))
    for (event, lx, ref), sub in c.groupby(["event", "lexicon", "referent"], sort=False):
        labels = list(dict.fromkeys(sub["label"]))
        by_o = {o: dict(zip(g["label"], g["count"])) for o, g in sub.groupby("outlet", sort=False)}
        ids = {(r.outlet, r.label): r.article_ids for r in sub.itertuples()}
        for o in outlets_of[event]:
            mine = by_o.get(o)
            if not mine:
                continue
            tot = sum(mine.values())
            theirs: dict = {}
            for o2, d in by_o.items():
                if o2 != o:
                    for lb, n in d.items():
                        theirs[lb] = theirs.get(lb, 0) + n
            ttot = sum(theirs.values())
            for lb in labels:
                n, tn = mine.get(lb, 0), theirs.get(lb, 0)
                rows.append({"event": event, "outlet": o, "lexicon": lx, "referent": ref,
                             "label": lb, "echoes": echoes.get((lx, ref, lb)), "count": n,
                             "share": n / tot, "others_count": tn,
                             "others_share": tn / ttot if ttot else math.nan,
                             "article_ids": ids.get((o, lb), [])})
    out = pd.DataFrame(rows, columns=cols)
    if not out.empty:
        first_date = art.assign(_d=art["date"].astype(object).where(art["date"].notna(), "")) \
            .groupby("event")["_d"].min()
        out["_d"] = out["event"].map(first_date)
        out["_e"] = out["event"].str[1:].astype(int)
        out = out.sort_values(["_d", "_e", "lexicon", "referent", "outlet", "count", "label"],
                              ascending=[True, True, True, True, True, False, True],
                              kind="mergesort").drop(columns=["_d", "_e"]).reset_index(drop=True)
    out.attrs.update(window_days=ev.attrs.get("window_days", wd),
                     threshold=ev.attrs.get("threshold", th))
    return out


def event_departures(analyses, *, events: pd.DataFrame | None = None, lexicons=None,
                     window_days: float | None = None, threshold: float | None = None,
                     n_resamples: int = stats.DEFAULT_RESAMPLES, seed: int = stats.DEFAULT_SEED,
                     level: float = stats.LEVEL, min_events: int = stats.MIN_ARTICLES,
                     lexicon: str | None = None) -> pd.DataFrame:
    """How far each outlet departs from the other outlets on the same events, on average.

    Args:
        analyses: as in :func:`event_outlets`, or a table it returned.
        n_resamples, seed, level: the bootstrap over *events* (see :mod:`framing.stats`).
        min_events: outlets on fewer events get a ``warning``.
        events, lexicons, window_days, threshold, lexicon: as in :func:`event_outlets`.

    Returns:
        One row per outlet: ``outlet, n_events``, ``lean_departure`` (mean of
        its per-event ``lean - others_lean`` over the events where both are
        defined) with ``lean_departure_lo/_hi``, ``n_events_lean`` (those
        events), ``label_departure`` (mean total variation distance) with
        ``_lo/_hi``, ``warning`` and ``events`` (the event ids). Sorted by
        lean departure.
    """
    eo = analyses if isinstance(analyses, pd.DataFrame) else event_outlets(
        analyses, events=events, lexicons=lexicons, window_days=window_days,
        threshold=threshold, lexicon=lexicon)
    cols = ["outlet", "n_events", "lean_departure", "lean_departure_lo", "lean_departure_hi",
            "n_events_lean", "label_departure", "label_departure_lo", "label_departure_hi",
            "warning", "events"]
    if eo.empty:
        return pd.DataFrame(columns=cols)
    ld = eo["lean_departure"].to_numpy(dtype=float)
    td = eo["label_departure"].to_numpy(dtype=float)
    num = np.column_stack([np.nan_to_num(ld), np.nan_to_num(td)])
    den = np.column_stack([~np.isnan(ld), ~np.isnan(td)]).astype(float)
    grp = eo["outlet"].map(str).to_numpy(dtype=object)
    codes, uniq = pd.factorize(grp, sort=False)
    sn = np.zeros((len(uniq), 2))
    sd = np.zeros((len(uniq), 2))
    np.add.at(sn, codes, num)
    np.add.at(sd, codes, den)
    with np.errstate(divide="ignore", invalid="ignore"):
        point = np.where(sd > 0, sn / sd, np.nan)
    lo, hi = stats.bootstrap_ratios(grp, num, den, n_resamples=n_resamples, seed=seed,
                                    level=level)
    lo, hi = lo.reindex(uniq).to_numpy(), hi.reindex(uniq).to_numpy()
    n_ev = np.bincount(codes, minlength=len(uniq))
    out = pd.DataFrame({
        "outlet": eo.groupby(codes)["outlet"].first().to_numpy(), "n_events": n_ev,
        "lean_departure": point[:, 0], "lean_departure_lo": lo[:, 0],
        "lean_departure_hi": hi[:, 0], "n_events_lean": sd[:, 0].astype(int),
        "label_departure": point[:, 1], "label_departure_lo": lo[:, 1],
        "label_departure_hi": hi[:, 1],
        "warning": [stats.few_articles_warning(int(n), min_events).replace("article", "event")
                    for n in n_ev],
        "events": [list(eo["event"][codes == i]) for i in range(len(uniq))],
    }, columns=cols)
    out = out.sort_values(["lean_departure", "outlet"], na_position="last",
                          kind="mergesort").reset_index(drop=True)
    out.attrs.update({k: eo.attrs.get(k) for k in ("window_days", "threshold", "axis", "poles")})
    out.attrs.update(seed=seed, n_resamples=n_resamples, level=level)
    return out


class _CallableModule(types.ModuleType):
    """Lets ``framing.compare(...)`` be called while ``framing.compare.label_shares`` etc. stay reachable."""

    def __call__(self, analyses_or_paths, by: str = "outlet", *, lexicons=None,
                 **kw) -> pd.DataFrame:
        """Per-group framing profile of analyses, articles or corpus paths (see :func:`compare`;
        keyword arguments such as ``every``, ``groups`` or ``n_resamples`` are passed on).

        >>> import framing
        >>> framing.compare(["The regime fell.", "Rebels advanced."], by="outlet")["n_articles"].tolist()
        [2]
        """
        return compare(as_analyses(analyses_or_paths, lexicons), by=by, lexicons=lexicons, **kw)


sys.modules[__name__].__class__ = _CallableModule
