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
import sys
import types
from typing import Any, Iterable, NamedTuple

import pandas as pd

from .analyze import as_analyses, lean_parts
from .data import Analysis
from .errors import FramingError

__all__ = [
    "Tables", "tables", "article_table", "term_table", "attribution_table",
    "compare", "label_shares", "voice_shares", "group_key", "NONE_GROUP", "UNKNOWN_SIDE",
]

NONE_GROUP = "(none)"
"""Group value used when an article has no value for the grouping column."""

UNKNOWN_SIDE = "unknown"
"""Side used for attributions whose source has no side (or no source)."""

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


def _group_value(article, by: str):
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


def tables(analyses: Iterable[Analysis], *, by: str | None = None, lexicons=None) -> Tables:
    """Build the article, term and attribution tables in one pass.

    Args:
        analyses: any iterable of :class:`framing.data.Analysis` (consumed once).
        by: an extra grouping column to add to every table when it is not
            already one (an :class:`~framing.data.Article` field or a key of
            ``Article.meta``); missing values become ``"(none)"``.
        lexicons: the packs the analyses were made with (objects, names or
            paths). Packs named by the analyses but not given here are loaded
            by name.

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
    poles_of = _Poles(lexicons)
    arts: list[dict] = []
    terms: list[dict] = []
    attrs: list[dict] = []
    sides: list[str] = []
    first_axis: tuple[str | None, tuple[str, str] | None] = (None, None)
    meta_keys: dict[str, None] = {}
    for an in analyses:
        a = an.article
        meta_keys.update(dict.fromkeys(a.meta or ()))
        key = {"id": a.id, "outlet": a.outlet, "date": a.date}
        if by and by not in key:
            key[by] = _group_value(a, by)
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
        for h in an.terms:
            terms.append({**key, **h.to_dict()})
        for x in an.attributions:
            s = x.source
            attrs.append({
                **key, "kind": x.kind,
                "source_text": s.text if s else None,
                "source_start": s.start if s else None,
                "source_end": s.end if s else None,
                "source_type": s.type if s else None,
                "source_side": s.side if s else None,
                "named": bool(s.named) if s else False,
                "cue_text": x.cue.text, "cue_start": x.cue.start, "cue_end": x.cue.end,
                "stance": x.cue.stance,
                "content_text": x.content.text, "content_start": x.content.start,
                "content_end": x.content.end,
            })
    if by and by not in _FIELDS and arts and by not in meta_keys:
        raise FramingError(
            f"cannot group by {by!r}: no article has that field; available: "
            f"{', '.join([*_FIELDS[:-1], *meta_keys])}"
        )
    if UNKNOWN_SIDE not in sides:
        sides.append(UNKNOWN_SIDE)
    # order: first pole, other sides, unknown, second pole (reads left to right)
    sides = _side_order(sides, first_axis[1])
    extra = [by] if by and by not in ("id", "outlet", "date") else []
    art_cols = ARTICLE_COLUMNS + [f"n_voice_{s}" for s in sides]
    articles = pd.DataFrame(arts, columns=_union(art_cols + extra, arts))
    for s in sides:
        articles[f"n_voice_{s}"] = articles[f"n_voice_{s}"].fillna(0).astype(int)
    for c in ("lean", "polarity", "subjectivity", "lean_num", "lean_den"):
        articles[c] = articles[c].astype(float)
    term_df = pd.DataFrame(terms, columns=["id", "outlet", "date", *extra] + TERM_COLUMNS[3:])
    attr_df = pd.DataFrame(attrs,
                           columns=["id", "outlet", "date", *extra] + ATTRIBUTION_COLUMNS[3:])
    meta = {"axis": first_axis[0], "poles": first_axis[1], "sides": tuple(sides)}
    for df in (articles, term_df, attr_df):
        df.attrs.update(meta)
    return Tables(articles, term_df, attr_df)


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
    return tables(analyses, by=by, lexicons=lexicons).articles


def term_table(analyses: Iterable[Analysis], *, by: str | None = None,
               lexicons=None) -> pd.DataFrame:
    """One row per term hit: ``id, outlet, date`` of its article, then every hit field.

    Hit fields: ``text, start, end, lexicon, referent, label, connotation,
    echoes, voice``.
    """
    return tables(analyses, by=by, lexicons=lexicons).terms


def attribution_table(analyses: Iterable[Analysis], *, by: str | None = None,
                      lexicons=None) -> pd.DataFrame:
    """One row per attribution, flattened.

    Columns: ``id, outlet, date, kind, source_text, source_start, source_end,
    source_type, source_side, named, cue_text, cue_start, cue_end, stance,
    content_text, content_start, content_end``. Source columns are empty
    (``None``) and ``named`` is ``False`` when the attribution has no source.
    """
    return tables(analyses, by=by, lexicons=lexicons).attributions


# -- group tables ------------------------------------------------------------------

def _table(x, which: str, by: str, lexicons) -> pd.DataFrame:
    if isinstance(x, Tables):
        df = getattr(x, which)
    elif isinstance(x, pd.DataFrame):
        df = x
    else:
        df = getattr(tables(x, by=by, lexicons=lexicons), which)
    if by not in df.columns:
        raise FramingError(
            f"cannot group by {by!r}: no such column; available: {', '.join(map(str, df.columns))}"
        )
    df = df.copy()
    df[by] = df[by].map(group_key)
    return df


def _share(num, den):
    return num / den.where(den > 0)


def compare(analyses, by: str = "outlet", *, lexicons=None) -> pd.DataFrame:
    """Framing profile per group: one row per value of ``by``.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            an article table from :func:`article_table`.
        by: the column to group by (``outlet`` by default; any article field or
            ``Article.meta`` key). Missing values are grouped as ``"(none)"``.
        lexicons: as in :func:`tables`.

    Returns:
        A DataFrame with columns ``<by>``, ``n_articles``, ``n_words``,
        ``lean`` (pooled: sum of the articles' lean numerators over the sum of
        their denominators; NaN when no hit of the axis lexicon), ``terms_per_1k``
        and ``loaded_per_1k`` (hits per 1,000 words; *loaded* = echoes a pole),
        ``loaded_narrator_share``, ``loaded_direct_share``,
        ``loaded_indirect_share`` (whose voice the loaded hits are in),
        ``n_attributions``, ``voice_<side>`` (share of attributions per source
        side: one column per pole, ``unknown`` and any other side),
        ``named_share`` (attributions to a named source),
        ``evaluative_cue_share`` (attributions with an evaluative cue such as
        "claimed"), and ``polarity``/``subjectivity`` (means over articles).
        Shares are NaN when their denominator is zero. Rows are sorted by lean
        (NaN last), then by group.
    """
    art = _table(analyses, "articles", by, lexicons)
    sides = list(art.attrs.get("sides") or
                 [c[len("n_voice_"):] for c in art.columns if c.startswith("n_voice_")])
    count_cols = ["n_words", "n_terms", "n_loaded", "lean_num", "lean_den", "n_attributions",
                  "n_named", "n_evaluative", *(f"n_loaded_{v}" for v in VOICES),
                  *(f"n_voice_{s}" for s in sides)]
    g = art.groupby(by, sort=False, dropna=False)
    sums = g[count_cols].sum()
    means = g[["polarity", "subjectivity"]].mean()
    out = pd.DataFrame({
        "n_articles": g.size(),
        "n_words": sums["n_words"].astype(int),
        "lean": _share(sums["lean_num"], sums["lean_den"]),
        "terms_per_1k": _share(1000 * sums["n_terms"], sums["n_words"]),
        "loaded_per_1k": _share(1000 * sums["n_loaded"], sums["n_words"]),
        **{f"loaded_{v}_share": _share(sums[f"n_loaded_{v}"], sums["n_loaded"]) for v in VOICES},
        "n_attributions": sums["n_attributions"].astype(int),
        **{f"voice_{s}": _share(sums[f"n_voice_{s}"], sums["n_attributions"]) for s in sides},
        "named_share": _share(sums["n_named"], sums["n_attributions"]),
        "evaluative_cue_share": _share(sums["n_evaluative"], sums["n_attributions"]),
        "polarity": means["polarity"],
        "subjectivity": means["subjectivity"],
    })
    out.index.name = by
    out = out.reset_index()
    out["_key"] = out[by].astype(str)
    out = out.sort_values(["lean", "_key"], na_position="last", kind="mergesort")
    out = out.drop(columns="_key").reset_index(drop=True)
    out.attrs.update({k: art.attrs.get(k) for k in ("axis", "poles", "sides")})
    out.attrs["by"] = by
    return out


def label_shares(analyses, by: str = "outlet", *, lexicons=None) -> pd.DataFrame:
    """How often each group uses each label of a referent.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            a term table from :func:`term_table` (it must have a ``by`` column).
        by: the grouping column.

    Returns:
        Columns ``<by>, lexicon, referent, label, echoes, connotation, count,
        share``: ``share`` is the label's share of the group's hits on that
        referent (so shares sum to 1 within group × lexicon × referent). Only
        labels a group used appear. Sorted by group, lexicon, referent, then
        count (most used first).

    Example:

    >>> terms = pd.DataFrame({
    ...     "outlet": ["a", "a", "a", "b"], "lexicon": ["x"] * 4,
    ...     "referent": ["gov"] * 4, "label": ["regime", "regime", "government", "government"],
    ...     "echoes": ["opp", "opp", "neutral", "neutral"], "connotation": [-2, -2, 0, 0]})
    >>> for r in label_shares(terms).itertuples():
    ...     print(r.outlet, r.label, r.count, round(r.share, 3))
    a regime 2 0.667
    a government 1 0.333
    b government 1 1.0
    """
    t = _table(analyses, "terms", by, lexicons)
    keys = [by, "lexicon", "referent", "label"]
    cols = keys + ["echoes", "connotation", "count", "share"]
    if t.empty:
        out = pd.DataFrame(columns=cols)
    else:
        out = (t.groupby(keys, sort=False)
                .agg(echoes=("echoes", "first"), connotation=("connotation", "first"),
                     count=("label", "size"))
                .reset_index())
        tot = out.groupby([by, "lexicon", "referent"])["count"].transform("sum")
        out["share"] = out["count"] / tot
        out["_key"] = out[by].astype(str)
        out = (out.sort_values(["_key", "lexicon", "referent", "count", "label"],
                               ascending=[True, True, True, False, True], kind="mergesort")
                  .drop(columns="_key").reset_index(drop=True))[cols]
    out.attrs.update({k: t.attrs.get(k) for k in ("axis", "poles", "sides")})
    out.attrs["by"] = by
    return out


def voice_shares(analyses, by: str = "outlet", *, lexicons=None) -> pd.DataFrame:
    """Whose voice each group cites: attributions per source side.

    Args:
        analyses: an iterable of analyses (consumed once), a :class:`Tables`, or
            an attribution table from :func:`attribution_table`.
        by: the grouping column.

    Returns:
        Columns ``<by>, side, count, share``: one row per group and side
        (``unknown`` for sources without a side, or attributions without a
        source), zero counts included for sides another group uses; ``share``
        sums to 1 within a group. Groups without attributions do not appear.

    Example:

    >>> attrs = pd.DataFrame({"outlet": ["a", "a", "a", "b"],
    ...                       "source_side": ["gov", None, "gov", "opp"]})
    >>> for r in voice_shares(attrs).itertuples():
    ...     print(r.outlet, r.side, r.count, round(r.share, 3))
    a gov 2 0.667
    a opp 0 0.0
    a unknown 1 0.333
    b gov 0 0.0
    b opp 1 1.0
    b unknown 0 0.0
    """
    t = _table(analyses, "attributions", by, lexicons)
    side = t["source_side"].where(t["source_side"].notna(), UNKNOWN_SIDE)
    order = list(t.attrs.get("sides") or sorted(set(side) | {UNKNOWN_SIDE}))
    order += sorted(set(side) - set(order))
    cols = [by, "side", "count", "share"]
    if t.empty:
        out = pd.DataFrame(columns=cols)
    else:
        counts = pd.crosstab(t[by], side).reindex(columns=order, fill_value=0)
        counts.columns.name = "side"
        groups = sorted(counts.index, key=str)
        counts = counts.reindex(groups)
        out = counts.stack().rename("count").reset_index()
        out.columns = [by, "side", "count"]
        out["count"] = out["count"].astype(int)
        out["share"] = out["count"] / out.groupby(by)["count"].transform("sum")
    out.attrs.update({k: t.attrs.get(k) for k in ("axis", "poles", "sides")})
    out.attrs["sides"] = tuple(order)
    out.attrs["by"] = by
    return out


class _CallableModule(types.ModuleType):
    """Lets ``framing.compare(...)`` be called while ``framing.compare.label_shares`` etc. stay reachable."""

    def __call__(self, analyses_or_paths, by: str = "outlet", *, lexicons=None) -> pd.DataFrame:
        """Per-group framing profile of analyses, articles or corpus paths (see :func:`compare`).

        >>> import framing
        >>> framing.compare(["The regime fell.", "Rebels advanced."], by="outlet")["n_articles"].tolist()
        [2]
        """
        return compare(as_analyses(analyses_or_paths, lexicons), by=by, lexicons=lexicons)


sys.modules[__name__].__class__ = _CallableModule
