"""Tidy tables over many analyses: one row per article, per term hit, per attribution.

:func:`tables` builds the three tables in one pass over a stream of analyses
(consumed once; nothing of the analyses is kept but the rows). The group
measures of :mod:`framing.compare` and :mod:`framing.events` are computed from
these tables alone.

The lean of a group is *pooled*: the sum of its articles' lean numerators over
the sum of their denominators (see :func:`framing.analyze.lean_parts`), so the
article table keeps each article's ``lean_num`` and ``lean_den``.

Tables built from analyses carry ``DataFrame.attrs``: ``"poles"`` (the two pole
names of the first lexicon with an axis, or ``None``), ``"axis"`` (that
lexicon's name) and ``"sides"`` (every source side, in reading order).
:mod:`framing.plot` reads them to label the ends of the axis and to colour sides.
"""

from __future__ import annotations

import math
import warnings
from array import array
from collections import Counter
from typing import Any, Iterable, NamedTuple

import numpy as np
import pandas as pd

from .analyze import lean_parts
from .data import VOICES, Analysis
from .errors import EmptyGroupWarning, FramingError
from .groups import NONE_GROUP, Grouping, group_column, group_key, with_group_columns
from .lexicon import load_lexicon

__all__ = [
    "Tables", "tables", "article_table", "term_table", "attribution_table", "table_of",
    "group_value", "group_key", "term_values", "attribution_values", "article_key", "article_codes",
    "plain",
    "UNKNOWN_SIDE", "NO_SOURCE", "SCORE_PREFIX", "ARTICLE_COLUMNS", "TERM_COLUMNS", "ATTRIBUTION_COLUMNS",
    "TERM_COUNT_COLUMNS", "ATTRIBUTION_COUNT_COLUMNS",
]

UNKNOWN_SIDE = "unknown"
"""Side used for attributions whose source has no side (or no source)."""

NO_SOURCE = "(no source)"
"""Source type / kind of attributions without a source."""

SCORE_PREFIX = "score_"
"""Prefix of the article columns that hold a model's class scores (``score_<class>``; see
:func:`framing.classify.with_scores`)."""

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
    "cue_class", "content_text", "content_start", "content_end",
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

ARTICLE_FIELDS = ("id", "outlet", "title", "date", "url", "origin", "text")
"""The :class:`~framing.data.Article` fields a table can group by (others are keys of ``meta``)."""


def group_value(article, by: str):
    """The group of ``article`` under ``by`` (an :class:`~framing.data.Article` field or a key of
    its ``meta``), ``"(none)"`` when missing."""
    v = getattr(article, by) if by in ARTICLE_FIELDS else (article.meta or {}).get(by)
    return group_key(v)



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
            ``Article.meta``); missing values become ``"(none)"``. The column is
            named ``by``, or ``<by>_group`` when a table uses that name for a
            column of its own (``label``, ``source``, ``kind``, ...; see
            :func:`framing.groups.group_column`).
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
            from a table a fraction of the size (the report uses them). Their
            text columns are categorical (a small code per row).

    Returns:
        :class:`Tables` ``(articles, terms, attributions)``.

        ``articles`` has one row per article: ``id, outlet, title, date,
        n_words, lean, polarity, subjectivity, n_terms, n_attributions``, then
        the parts the group tables are pooled from: ``axis`` (the lexicon whose
        poles define the lean), ``lean_num``/``lean_den`` (from
        :func:`framing.analyze.lean_parts` over that lexicon's hits),
        ``n_loaded`` and ``n_loaded_<voice>`` (hits that echo a pole),
        ``n_named``, ``n_evaluative`` and ``n_voice_<side>`` (attributions per
        source side, ``unknown`` when the source has none); when the
        loaded-language tagger ran (``Analysis.loaded``), ``n_tagged``,
        ``n_tagged_narrator`` (its hits, and those in the outlet's own voice) and
        ``n_narrator_words``; and finally any scalar fields of ``Article.meta``.
    """
    keep = set(keep)
    keep_terms, keep_attrs = "terms" in keep, "attributions" in keep
    poles_of = _Poles(lexicons)
    gcol = group_column(by) if by else None
    extra = [gcol] if gcol and gcol not in ("id", "outlet", "date") else []
    # columns, not a dict per row: a row dict costs ~1 KB, a column entry 8 bytes
    arts = _Columns()
    keys = ["id", "outlet", "date", *extra]
    term_cols = keys + (TERM_COUNT_COLUMNS if counts else TERM_COLUMNS[3:])
    attr_cols = keys + (ATTRIBUTION_COUNT_COLUMNS if counts else ATTRIBUTION_COLUMNS[3:])
    terms, attrs = _hit_columns(counts, term_cols, attr_cols)
    art_keys: list[tuple] = []   # with counts: each article's key (id, outlet, date, by)
    sides: list[str] = []
    first_axis: tuple[str | None, tuple[str, str] | None] = (None, None)
    meta_keys: dict[str, None] = {}
    grouped = False   # whether some article has a value of ``by``
    for an in analyses:
        a = an.article
        meta_keys.update(dict.fromkeys(a.meta or ()))
        key = {"id": a.id, "outlet": a.outlet, "date": a.date}
        if by and not grouped:
            grouped = group_value(a, by) != NONE_GROUP
        if extra:
            key[gcol] = group_value(a, by)
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
        row = _article_row(an, axis, num, den, sides)
        if extra and gcol not in row:
            row[gcol] = key[gcol]
        for k, v in (a.meta or {}).items():
            if k not in row and _scalar(v):
                row[k] = v
        arts.append(row)
        if counts:
            art_keys.append(tuple(key.values()))
            key = {"_art": len(art_keys) - 1}
        _add_hits(an, key, terms if keep_terms else None, attrs if keep_attrs else None, counts)
    if by and by not in ARTICLE_FIELDS and arts.n and by not in meta_keys:
        raise FramingError(
            f"cannot group by {by!r}: no article has that field; available: "
            f"{', '.join([*ARTICLE_FIELDS[:-1], *meta_keys])}"
        )
    if by and arts.n and not grouped:
        _warn_empty_group(by, arts.n, list(meta_keys))
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
    if counts:
        for cols in (terms, attrs):
            _key_columns(cols, keys, art_keys)
    term_df = _frame(terms, term_cols, categorical=counts)
    attr_df = _frame(attrs, attr_cols, categorical=counts)
    meta = {"axis": first_axis[0], "poles": first_axis[1], "sides": tuple(sides)}
    for df in (articles, term_df, attr_df):
        df.attrs.update(meta)
    return Tables(articles, term_df, attr_df)


def _warn_empty_group(by: str, n: int, others: list[str]) -> None:
    """Say that ``by`` is empty for all ``n`` articles, naming the fields they do have."""
    hint = (f"; other fields of the records: {', '.join(others)}" if others else
            "; the records have no other fields")
    where = {"outlet": "outlet", "date": "date", "title": "title", "url": "url"}.get(by)
    how = (f" (name the column that holds the {where} with --{where}-field, Fields({where}=...) "
           "or a framing.toml [fields] table)") if where else ""
    warnings.warn(f"grouping by {by!r}, but it is empty for all {n} articles, so they are one "
                  f"group {NONE_GROUP!r}{hint}{how}", EmptyGroupWarning, stacklevel=3)


def _article_row(an: Analysis, axis, num: float, den: float, sides: list) -> dict:
    """An article's row of the article table (``sides`` gains the sides of its sources)."""
    a = an.article
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
    if an.loaded is not None:   # the tagger ran: its hits, apart from the lexicon terms
        row["n_tagged"] = len(an.loaded)
        row["n_tagged_narrator"] = sum(1 for h in an.loaded if h.voice == "narrator")
        row["n_narrator_words"] = an.n_narrator_words if an.n_narrator_words is not None else 0
    for x in an.attributions:
        side = (x.source.side if x.source else None) or UNKNOWN_SIDE
        if side not in sides:
            sides.append(side)
        row[f"n_voice_{side}"] = row.get(f"n_voice_{side}", 0) + 1
    return row


def _add_hits(an: Analysis, key: dict, terms: dict | None, attrs: dict | None, counts: bool) -> None:
    """An article's rows of the term and attribution tables (``None``: a table not kept)."""
    if counts:
        if terms is not None:
            _add_counts(terms, key, Counter(
                (h.lexicon, h.referent, h.label, h.connotation, h.echoes, h.voice)
                for h in an.terms), TERM_COUNT_COLUMNS)
        if attrs is not None:
            _add_counts(attrs, key, Counter(
                (x.kind, x.source.type if x.source else None,
                 x.source.side if x.source else None,
                 bool(x.source.named) if x.source else False, x.cue.stance)
                for x in an.attributions), ATTRIBUTION_COUNT_COLUMNS)
        return
    for h in an.terms if terms is not None else ():
        for c, v in key.items():
            terms[c].append(v)
        for c, v in zip(TERM_COLUMNS[3:], term_values(h)):
            terms[c].append(v)
    for x in an.attributions if attrs is not None else ():
        for c, v in key.items():
            attrs[c].append(v)
        for c, v in zip(ATTRIBUTION_COLUMNS[3:], attribution_values(x)):
            attrs[c].append(v)


def term_values(h) -> tuple:
    """A term hit's cells in the term table, in the order of ``TERM_COLUMNS[3:]``."""
    return (h.text, h.start, h.end, h.lexicon, h.referent, h.label, h.connotation, h.echoes,
            h.voice)


def attribution_values(x) -> tuple:
    """An attribution's cells in the attribution table, in the order of ``ATTRIBUTION_COLUMNS[3:]``."""
    s = x.source
    return (x.kind, s.text if s else None, s.start if s else None, s.end if s else None,
            s.type if s else None, s.side if s else None, bool(s.named) if s else False,
            x.cue.text, x.cue.start, x.cue.end, x.cue.stance, x.cue_class,
            x.content.text, x.content.start, x.content.end)


def _hit_columns(counts: bool, term_cols: list[str], attr_cols: list[str]) -> tuple[dict, dict]:
    """The empty columns of the term and attribution tables. With ``counts``, a row keeps its
    article's number (``_art``) and the key columns are filled in at the end
    (:func:`_key_columns`): 4 bytes a row instead of a code per key column and an index entry
    per article."""
    if counts:
        return ({"_art": array("i"), **{c: _Encoded() for c in TERM_COUNT_COLUMNS}},
                {"_art": array("i"), **{c: _Encoded() for c in ATTRIBUTION_COUNT_COLUMNS}})
    return ({c: _Encoded() for c in term_cols},
            {c: [] if c == "content_text" else _Encoded() for c in attr_cols})


def _key_columns(cols: dict, keys: list[str], art_keys: list[tuple]) -> None:
    """Replace the article numbers ``cols["_art"]`` by the key columns ``keys`` (coded as
    :class:`_Encoded` codes them row by row: each distinct value once, in order of first use)."""
    art = np.frombuffer(cols.pop("_art"), dtype=np.int32)
    if not len(art):
        return
    used = np.unique(art)          # rows come in article order: first use is ascending order
    for j, c in enumerate(keys):
        enc, code = _Encoded(), np.zeros(len(art_keys), dtype=np.int32)
        for a in used.tolist():
            code[a] = enc.code(art_keys[a][j])
        enc.codes = array("i", code[art].tobytes())
        cols[c] = enc


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
        self.codes.append(self.code(v))

    def code(self, v) -> int:
        """The code of ``v`` (a new one for a value not seen before)."""
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
        return c

    def __len__(self) -> int:
        return len(self.codes)

    def to_numpy(self) -> np.ndarray:
        vals = np.empty(len(self.values), dtype=object)
        vals[:] = self.values
        return vals[np.frombuffer(self.codes, dtype=np.int32)] if len(self.codes) else vals[:0]

    def to_categorical(self) -> pd.Categorical | None:
        """The column as a :class:`pandas.Categorical` when every value is a string or missing
        (else ``None``): a code per row, each distinct string once."""
        if not all(v is None or isinstance(v, str) for v in self.values):
            return None
        cats = [v for v in self.values if v is not None]
        remap = np.array([-1 if v is None else 0 for v in self.values], dtype=np.int32)
        remap[remap >= 0] = np.arange(len(cats), dtype=np.int32)
        codes = remap[np.frombuffer(self.codes, dtype=np.int32)]
        return pd.Categorical.from_codes(codes, categories=pd.Index(cats, dtype=object))


def _frame(cols: dict, columns: list[str], n: int | None = None, *,
           categorical: bool = False) -> pd.DataFrame:
    """A DataFrame of ``columns`` from lists or :class:`_Encoded` columns (absent columns all
    NaN), typed as ``pd.DataFrame(rows)`` types them; with ``categorical``, the text columns
    are categorical."""
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
            cat = col.to_categorical() if categorical else None
            if cat is not None:
                data[c] = cat
                continue
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
    source_type, source_side, named, cue_text, cue_start, cue_end, stance, cue_class,
    content_text, content_start, content_end``. Source columns are empty
    (``None``) and ``named`` is ``False`` when the attribution has no source.
    """
    return tables(analyses, by=by, lexicons=lexicons, keep=("attributions",)).attributions


def table_of(x, which: str, g: Grouping, lexicons=None) -> pd.DataFrame:
    """The ``which`` table (``articles``, ``terms`` or ``attributions``) of ``x``, with the
    group columns of ``g`` (:func:`framing.groups.with_group_columns`).

    ``x`` is a :class:`Tables`, a tidy table, or analyses (their table is built).
    """
    if isinstance(x, Tables):
        df = getattr(x, which)
    elif isinstance(x, pd.DataFrame):
        df = x
    else:
        df = getattr(tables(x, by=g.field, lexicons=lexicons, keep=(which,)), which)
    return with_group_columns(df, g)


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its categorical columns (from ``tables(counts=True)``) typed as the table
    of every hit types them."""
    cats = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    if not cats:
        return df
    df = df.copy(deep=False)
    for c in cats:
        df[c] = pd.Series(df[c].to_numpy(dtype=object), index=df.index, dtype=object).infer_objects()
    return df


def article_key(df: pd.DataFrame) -> pd.Series:
    """Which article each row of a term or attribution table belongs to (``id``, ``outlet``, ``date``)."""
    return pd.Series(["\x1f".join(map(str, k)) for k in zip(df["id"], df["outlet"], df["date"])],
                     index=df.index, dtype=object)


def article_codes(df: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """``pd.factorize(article_key(df))`` without a string per row: the article number of each
    row (in order of first appearance) and each article's key.

    >>> df = pd.DataFrame({"id": ["a", "b", "a"], "outlet": "x", "date": [None, "d", None]})
    >>> codes, keys = article_codes(df)
    >>> codes.tolist(), keys == article_key(df).unique().tolist()
    ([0, 1, 0], True)
    """
    n = len(df)
    combined = np.zeros(n, dtype=np.int64)
    for c in ("id", "outlet", "date"):
        codes, uniq = pd.factorize(df[c], use_na_sentinel=False)
        combined, _ = pd.factorize(combined * max(1, len(uniq)) + codes)
    first = np.full(combined.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(first, combined, np.arange(n))
    cells = [df[c].take(first).tolist() for c in ("id", "outlet", "date")]
    keys = ["\x1f".join(map(str, k)) for k in zip(*cells)]
    kcodes, kuniq = pd.factorize(np.asarray(keys, dtype=object))  # keys that print alike are one article
    return kcodes[combined], list(kuniq)
