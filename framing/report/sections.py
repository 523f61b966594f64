"""The sections of the report's index page, one function each.

A section function reads the :class:`~framing.report.build.Corpus` and the
:class:`~framing.report.build.ReportTables` (built once, before any section),
draws its charts with :mod:`framing.plot` and fills its template; it returns a
:class:`Section` (its HTML, and the charts it drew, for the PDF) and changes
nothing else. A section with nothing to show returns an empty one.
"""

from __future__ import annotations

import math
import platform
from pathlib import Path
from typing import NamedTuple

import matplotlib
import pandas as pd
from markupsafe import Markup

from .. import plot as P
from .. import stats
from ..groups import NONE_GROUP, date_bucket
from ..tables import SCORE_PREFIX
from . import escape as E
from .build import Corpus, ReportTables
from .figures import figure, png
from .highlight import highlight_html
from .render import Stream, render
from .store import HitTables

__all__ = ["Section", "SECTIONS", "MAX_LABEL_CHARTS", "OPEN_BELOW", "TABLE_DOCS"]

OPEN_BELOW = 4
"""Reports with fewer articles than this also show them, highlighted, on the index page."""

MAX_LABEL_CHARTS = 6
"""Label-choice charts drawn (for the most mentioned referents); the rest are listed."""

TABLE_DOCS = {
    "compare.csv": "one row per group: every measure with its 95% interval (framing.compare.compare)",
    "label_shares.csv": "label choice per group and referent, lexicons with an axis (label_shares)",
    "voice_shares.csv": "attributions by the source's side (voice_shares)",
    "source_shares.csv": "attributions by source type (source_shares)",
    "named_shares.csv": "named vs anonymous sources (named_shares)",
    "cue_stances.csv": "neutral vs evaluative cues (cue_stances)",
    "voice_split.csv": "loaded terms by voice: own words, reported, quoted (voice_split)",
    "distinctive_words.csv": "words typical of one end of the lean against the other (distinctive_terms)",
    "distinctive_labels.csv": "labels typical of each group against the rest (distinctive_terms, unit=label)",
    "over_time.csv": "the profile per group and date bucket (compare with every=)",
    "categories.csv": "each category of an imported dictionary per 1,000 words per group, with "
                      "95% intervals (category_table; compare --measure categories)",
    "classifier_scores.csv": "mean classifier score per group and class, with 95% intervals "
                             "(the articles' score_<class> fields)",
    "articles.csv": "one row per article (article_table)",
    "terms.csv": "one row per term hit, with offsets (term_table)",
    "attributions.csv": "one row per attribution, with offsets (attribution_table)",
}
"""What each file in ``tables/`` holds, in the order the page lists them."""


class Section(NamedTuple):
    """A section of the index page: its HTML and the charts drawn for it, as (title, figure)."""

    html: Markup
    figures: list


_NONE = Section(Markup(""), [])


def _poles(c: Corpus, default=("the first pole", "the second pole")) -> tuple:
    return tuple(c.poles) if c.poles else default


def summary(c: Corpus, t: ReportTables) -> Section:
    """Cards (articles, groups, words, terms, attributions, dates), findings and how to read."""
    art = c.tabs.articles
    dates = sorted(str(d) for d in art["date"] if isinstance(d, str) and d.strip()) if len(art) else []
    notes_p0, notes_p1 = _poles(c)
    return Section(render(
        "summary.html", by=c.by, n=c.n, n_groups=len(c.by_group),
        n_words=int(art["n_words"].sum()) if len(art) else 0, n_terms=c.n_terms,
        n_attributions=c.n_attributions, dates=(dates[0][:10], dates[-1][:10]) if dates else None,
        findings=_findings(c, t.compare) if c.n and c.poles else [],
        p0=c.poles[0] if c.poles else None, p1=c.poles[1] if c.poles else None,
        min_articles=stats.MIN_ARTICLES, lexicons=c.lexs, axis=c.axis,
        notes_p0=notes_p0, notes_p1=notes_p1), [])


def _findings(c: Corpus, cmp: pd.DataFrame) -> list[dict]:
    """The groups at either end of the lean, whether their intervals overlap, the small groups."""
    ok = cmp[cmp["lean"].notna() & (cmp["warning"].astype(str) == "")]

    def one(r) -> dict:
        return {"name": str(r[c.key]), "lean": r["lean"], "n": int(r["n_articles"]),
                "ci": "lean_lo" in r and not E.isnan(r["lean_lo"]),
                "lo": r.get("lean_lo"), "hi": r.get("lean_hi")}

    out = []
    if len(ok) >= 2:
        first, last = ok.iloc[0], ok.iloc[-1]
        out.append({"kind": "ends", "first": one(first), "last": one(last)})
        if "lean_hi" in ok and not E.isnan(first["lean_hi"]) and not E.isnan(last["lean_lo"]):
            out.append({"kind": "apart" if first["lean_hi"] < last["lean_lo"] else "overlap"})
    elif len(ok) == 1:
        out.append({"kind": "one", "first": one(ok.iloc[0])})
    small = cmp[cmp["warning"].astype(str) != ""]
    if len(small):
        out.append({"kind": "small", "groups": [str(g) for g in small[c.key]]})
    return out


# -- the profile -------------------------------------------------------------------------

_COLUMN_HELP = {
    "n_articles": ("articles", "int", "number of articles"),
    "n_words": ("words", "int", "words outside page furniture"),
    "lean": ("lean", "lean", "pooled lean, -1 … +1"),
    "terms_per_1k": ("terms /1k", "1", "lexicon terms per 1,000 words"),
    "loaded_per_1k": ("loaded /1k", "1", "terms that echo a pole, per 1,000 words"),
    "loaded_narrator_share": ("loaded: own", "pct", "share of loaded terms in the outlet's own words"),
    "loaded_direct_share": ("loaded: quoted", "pct", "share of loaded terms inside quotation marks"),
    "loaded_indirect_share": ("loaded: reported", "pct", "share of loaded terms in reported speech"),
    "tagged_per_1k_narrator": ("tagged /1k own", "1", "words the loaded-language tagger marks in the "
                               "outlet's own voice, per 1,000 words in that voice (not lexicon terms)"),
    "n_attributions": ("attributions", "int", "quotations and reported statements"),
    "named_share": ("named src", "pct", "share of attributions to a named source"),
    "evaluative_cue_share": ("evaluative cue", "pct",
                             "share of attributions with an evaluative cue (claimed, alleged…)"),
    "polarity": ("polarity", "num", "mean TextBlob polarity of the narrator's sentences"),
    "subjectivity": ("subjectivity", "num", "mean TextBlob subjectivity of the narrator's sentences"),
}

_WORD_COLUMNS = ["n_articles", "n_words", "lean", "terms_per_1k", "loaded_per_1k",
                 "loaded_narrator_share", "loaded_indirect_share", "loaded_direct_share",
                 "tagged_per_1k_narrator", "polarity", "subjectivity"]
_SOURCE_COLUMNS = ["n_attributions", "voice_*", "named_share", "evaluative_cue_share"]


def _compare_rows(cmp: pd.DataFrame, by: str, columns: list[str]) -> dict:
    """The head and rows of an HTML table of ``compare`` columns (``voice_*``: every side)."""
    cols = []
    for col in columns:
        if col.endswith("*"):
            cols += [x for x in cmp.columns if x.startswith(col[:-1]) and not x.endswith(("_lo", "_hi"))]
        elif col in cmp.columns:
            cols.append(col)
    head, kinds = [], []
    for col in cols:
        if col.startswith("voice_"):
            head.append((Markup("voice: " + E.text(col[6:])),
                         f"share of attributions to sources on side {E.isolate(col[6:])}"))
            kinds.append("pct")
        else:
            name, kind, help_ = _COLUMN_HELP.get(col, (col, "num", col))
            head.append((name, help_))
            kinds.append(kind)
    rows = []
    for _, r in cmp.iterrows():
        cells = []
        for col, kind in zip(cols, kinds):
            v, lo, hi = r[col], r.get(f"{col}_lo"), r.get(f"{col}_hi")
            cell = {"value": E.fmt(v, kind), "cls": "", "ci": "", "tip": ""}
            if col == "lean" and isinstance(v, float) and not math.isnan(v) and abs(v) >= 0.005:
                cell["cls"] = "neg" if v < 0 else "pos"
            if not E.isnan(lo) and not E.isnan(hi) and not E.isnan(v):
                if col == "lean":
                    cell["ci"] = f"{E.fmt(lo, kind)}, {E.fmt(hi, kind)}"
                else:
                    cell["tip"] = f"{E.fmt(lo, kind)} to {E.fmt(hi, kind)}"
            cells.append(cell)
        rows.append((str(r[by]), bool(str(r.get("warning", "") or "")), cells))
    return {"head": head, "rows": rows}


def profile(c: Corpus, t: ReportTables) -> Section:
    """The profile of each group: small multiples, the lean with intervals, and two tables."""
    cmp, by = t.compare, c.by
    figures = []
    profile_uri = None
    try:
        fig = matplotlib.figure.Figure(figsize=(12.5, 0.3 * len(cmp) + 1.3), layout="constrained")
        P.plot_profile(cmp, by=c.key, fig=fig, poles=c.poles)
        figures.append((f"Profile per {by}", fig))
        profile_uri = png(fig)
    except ValueError:
        pass
    fig, ax = figure(len(cmp))
    P.plot_lean(cmp, by=c.key, ax=ax, poles=c.poles)
    figures.append((f"Lean per {by}", fig))
    p0, p1 = _poles(c)
    no_lean = [(str(r[c.key]), int(r["n_no_lean"]), int(r["n_articles"])) for _, r in cmp.iterrows()]
    return Section(render("profile.html", by=by, profile_uri=Markup(profile_uri or ""),
                          lean_uri=Markup(png(fig)), p0=p0, p1=p1, axis=c.axis, no_lean=no_lean,
                          tagged="tagged_per_1k_narrator" in cmp.columns,
                          min_articles=stats.MIN_ARTICLES,
                          words=_compare_rows(cmp, c.key, _WORD_COLUMNS),
                          sources=_compare_rows(cmp, c.key, _SOURCE_COLUMNS)), figures)


def scores(c: Corpus, t: ReportTables) -> Section:
    """The mean classifier score per group and class, when the articles were scored."""
    cols, m = c.score_cols, c.model
    if not cols and m is None:
        return _NONE
    facts = []
    if m is not None:
        if m["name"] and m["name"] != _stem(m["file"]):
            facts.append(("named", m["name"], None))
        if m["n_records"]:
            facts.append(("trained", m["n_records"], None))
        facts.append(("f1", m["macro_f1"], m["folds"]) if m["macro_f1"] is not None
                     else ("no f1", None, None))
    rows = []
    if t.scores is not None:
        for _, r in t.scores.iterrows():
            cells = []
            for col in cols:
                ok = not E.isnan(r[col]) and not E.isnan(r[f"{col}_lo"]) and not E.isnan(r[f"{col}_hi"])
                cells.append((r[col], r[f"{col}_lo"] if ok else None, r[f"{col}_hi"] if ok else None))
            rows.append({"group": str(r[c.key]), "warning": str(r["warning"] or ""),
                         "n": r["n_articles"], "cells": cells})
    return Section(render("scores.html", by=c.by, model=m, facts=facts, columns=cols,
                          classes=[col[len(SCORE_PREFIX):] for col in cols], rows=rows,
                          sentences=m is not None and m["unit"] == "sentence",
                          min_articles=stats.MIN_ARTICLES), [])


def _stem(file) -> str:
    return Path(file or "").stem


# -- labels, voices, cues ----------------------------------------------------------------

def labels(c: Corpus, t: ReportTables) -> Section:
    """Label choice per referent: a chart for each of the most mentioned, the rest listed."""
    by, ls = c.by, t.label_shares
    charts, listed = [], []
    for lx in c.lexs:
        sub = ls[ls["lexicon"] == lx.name] if lx.poles and len(ls) else ls.iloc[0:0]
        totals = sub.groupby("referent")["count"].sum().sort_values(ascending=False, kind="mergesort")
        for ref in totals.index:
            rs = sub[sub["referent"] == ref]
            if rs["label"].nunique() < 2:
                continue
            (charts if len(charts) < MAX_LABEL_CHARTS else listed).append((lx, ref, rs, int(totals[ref])))
    figures, shown = [], []
    for lx, ref, rs, total in charts:
        legend_rows = math.ceil(min(rs["label"].nunique(), 9) / 3)
        fig, ax = figure(rs[c.key].nunique(), extra=1.3 + 0.17 * legend_rows)
        P.plot_label_shares(rs, ref, by=c.key, ax=ax, lexicon=lx.name, poles=lx.poles, order=t.order)
        figures.append((f"Labels for {ref}", fig))
        try:
            r = lx.referent(ref)
        except KeyError:
            r = None
        used = set(rs["label"])
        shown.append({"referent": ref, "lexicon": lx.name, "total": total, "uri": Markup(png(fig)),
                      "description": r.description if r is not None else "",
                      "labels": [lb for lb in r.labels if lb.label in used] if r is not None else []})
    listed_rows = [{"referent": ref, "lexicon": lx.name, "total": total,
                    "counts": list(rs.groupby("label")["count"].sum()
                                   .sort_values(ascending=False).items())}
                   for lx, ref, rs, total in listed]
    p0, p1 = _poles(c)
    return Section(render("labels.html", by=by, charts=shown, listed=listed_rows, p0=p0, p1=p1,
                          min_articles=stats.MIN_ARTICLES), figures)


def _share_chart(c: Corpus, t: ReportTables, table, plot_fn, title: str, **kw):
    fig, ax = figure(table[c.key].nunique(), extra=1.5)
    plot_fn(table, by=c.key, ax=ax, order=t.order, **kw)
    return (title, fig), Markup(png(fig))


def voices(c: Corpus, t: ReportTables) -> Section:
    """Whose voices are cited: by the side of the source, its type, named or anonymous."""
    by, p0, p1 = c.by, *_poles(c)
    if t.voice_shares.empty:
        return Section(render("voices.html", by=by, uris=None, p0=p0, p1=p1), [])
    sides, sides_uri = _share_chart(c, t, t.voice_shares, P.plot_voice_shares,
                                    f"Source sides per {by}", poles=c.poles)
    types, types_uri = _share_chart(c, t, t.source_shares, P.plot_source_shares,
                                    f"Source types per {by}")
    named, named_uri = _share_chart(c, t, t.named_shares, P.plot_named_shares,
                                    f"Named sources per {by}")
    return Section(render("voices.html", by=by, p0=p0, p1=p1,
                          uris={"sides": sides_uri, "types": types_uri, "named": named_uri}),
                   [sides, types, named])


def cues(c: Corpus, t: ReportTables) -> Section:
    """Cue stance per group: neutral or evaluative."""
    if t.cue_stances.empty:
        return _NONE
    chart, uri = _share_chart(c, t, t.cue_stances, P.plot_cue_stances, f"Cue stance per {c.by}")
    return Section(render("cues.html", by=c.by, uri=uri), [chart])


def quoted(c: Corpus, t: ReportTables) -> Section:
    """Whose voice the loaded terms are in: the outlet's own, reported, quoted."""
    if t.voice_split.empty:
        return _NONE
    chart, uri = _share_chart(c, t, t.voice_split, P.plot_voice_split,
                              f"Voice of loaded terms per {c.by}")
    return Section(render("quoted.html", by=c.by, uri=uri), [chart])


def categories(c: Corpus, t: ReportTables) -> Section:
    """Per-category rates of each imported dictionary: groups down, categories across."""
    ct = t.categories
    if ct is None or ct.empty:
        return _NONE
    packs = []
    for lx_name, sub in ct.groupby("lexicon", sort=False):
        cats = list(dict.fromkeys(sub["category"]))
        rows = []
        for g in t.order:
            rg = sub[sub[c.key].map(str) == str(g)]
            if rg.empty:
                continue
            cells = []
            for cat in cats:
                r = rg[rg["category"] == cat].iloc[0]
                ci = "" if E.isnan(r.get("rate_per_1k_lo")) else \
                    f"{E.fmt(r['rate_per_1k_lo'], '1')} to {E.fmt(r['rate_per_1k_hi'], '1')}"
                cells.append({"value": E.fmt(r["rate_per_1k"], "1"), "hits": int(r["hits"]), "ci": ci})
            rows.append({"group": str(g), "warning": bool(str(rg["warning"].iloc[0] or "")),
                         "n": int(rg["n_articles"].iloc[0]), "cells": cells})
        packs.append({"name": str(lx_name), "categories": cats, "rows": rows})
    return Section(render("categories.html", by=c.by, packs=packs, min_articles=stats.MIN_ARTICLES), [])


# -- distinctive terms, over time --------------------------------------------------------

def distinctive(c: Corpus, t: ReportTables) -> Section:
    """Words typical of two groups (the ends of the lean), labels typical of each group."""
    d = t.distinctive
    if d is None:
        return _NONE
    figures, words_uri = [], None
    if len(d.words):
        fig = matplotlib.figure.Figure(figsize=(7.5, 0.2 * 24 + 1.1), layout="constrained")
        P.plot_distinctive_terms(d.words, n=12, ax=fig.add_subplot())   # its colours: plot.py
        figures.append((f"Distinctive words {d.a} vs {d.b}", fig))
        words_uri = Markup(png(fig))
    top = [(str(g), [(term, z) for term, z in zip(*_top_labels(dl))]) for g, dl in d.labels]
    return Section(render("distinctive.html", by=c.by, a=str(d.a), b=str(d.b), by_lean=d.by_lean,
                          p0=c.poles[0] if c.poles else None, p1=c.poles[1] if c.poles else None,
                          words_uri=words_uri, labels=top), figures)


def _top_labels(dl: pd.DataFrame):
    top = dl[(dl["z"] > 2) & (dl["count_a"] >= 3)].head(5)
    return top["term"].tolist(), top["z"].tolist()


def over_time(c: Corpus, t: ReportTables) -> Section:
    """The lean per month (or week): all articles, then each group with two or more buckets."""
    ot = t.over_time
    if ot is None:
        if not c.n:
            return _NONE
        months = date_bucket(c.tabs.articles["date"], "month")
        dated = months[months != NONE_GROUP]
        why = (f"Left out: {dated.nunique()} month{'s' if dated.nunique() != 1 else ''} with dated "
               f"articles ({len(dated)} of {c.n} articles have a readable date); a series needs "
               "two months or more, and half the articles dated.")
        return Section(render("over_time.html", by=c.by, every="month", pooled_uri=None,
                              skipped=why), [])
    by, every = c.by, ot.every
    if not (c.axis and ot.pooled["lean"].notna().any()):
        return Section(render("over_time.html", by=by, every=every, pooled_uri=None,
                              skipped="Left out: no article has a term of a pack with an axis, "
                                      "so there is no lean to follow."), [])
    fig = matplotlib.figure.Figure(figsize=(9, 2.4), layout="constrained")
    P.plot_over_time(ot.pooled, "lean", by="_all", fig=fig, ncols=1, poles=c.poles)
    figures = [("Lean over time", fig)]
    pooled_uri = Markup(png(fig))
    per = ot.per_group
    buckets = per[per[every] != "(none)"].groupby(c.key)[every].nunique()
    multi = [g for g in t.order if buckets.get(g, 0) >= 2]
    groups_uri = None
    if multi:
        ncols = 4 if len(multi) > 6 else 3
        fig = matplotlib.figure.Figure(figsize=(11, 1.75 * math.ceil(min(len(multi), 16) / ncols) + 0.5),
                                       layout="constrained")
        P.plot_over_time(per[per[c.key].isin(multi)], "lean", by=c.key, fig=fig, ncols=ncols, poles=c.poles)
        figures.append((f"Lean over time per {by}", fig))
        groups_uri = Markup(png(fig))
    return Section(render("over_time.html", by=by, every=every, pooled_uri=pooled_uri,
                          groups_uri=groups_uri), figures)


# -- articles, tables, provenance --------------------------------------------------------

def articles(c: Corpus, t: ReportTables) -> Section:
    """The articles of each group: a table of links (or, in a small report, the articles)."""
    n_all = sum(len(v) for v in c.by_group.values())
    small = n_all < OPEN_BELOW
    axis = c.axis if c.plain else None
    art = c.tabs.articles
    dates, leans = art["date"].tolist(), art["lean"].tolist()
    n_terms, n_attrs = art["n_terms"].tolist(), art["n_attributions"].tolist()
    groups = []
    for g, items in c.by_group.items():
        group = {"name": str(g), "n": len(items), "blocks": [], "rows": [], "more": 0}
        if small:
            for i in items:
                an = c.spill[i]
                bits = [b for b in (an.article.date, f"lean {E.fmt(an.lean, 'lean')}",
                                    f"{len(an.terms)} terms", f"{len(an.attributions)} attributions") if b]
                group["blocks"].append({"an": an, "title": E.title_of(an), "bits": bits,
                                        "href": c.href(i) or "",
                                        "body": Markup(highlight_html(an, c.poles, axis))})
        else:
            group["rows"] = _Rows(c, items, dates, leans, n_terms, n_attrs)
            group["more"] = len(items) - sum(1 for i in items if c.href(i))
        groups.append(group)
    p0, p1 = _poles(c, ("first pole", "second pole"))
    context = dict(by=c.by, small=small, p0=p0, p1=p1, others=c.plain,
                   tagged="n_narrator_words" in art.columns,
                   cut=c.max_articles is not None and len(c.pages) < n_all,
                   max_articles=c.max_articles, n_all=n_all, groups=groups)
    # a large list is written piece by piece (a row of 100,000 costs no memory until written)
    return Section(render("articles.html", **context) if small else Stream("articles.html", **context), [])


class _Rows:
    """The rows of a group's article list, made as they are written (iterable more than once)."""

    def __init__(self, c: Corpus, items, dates, leans, n_terms, n_attrs):
        self.c, self.items, self.cols = c, items, (dates, leans, n_terms, n_attrs)

    def __iter__(self):
        c, (dates, leans, n_terms, n_attrs) = self.c, self.cols
        for i in self.items:
            href = c.href(i)
            if href:
                yield {"date": E.date_id(dates[i], "")[0], "href": href, "title": c.titles[i],
                       "lean": leans[i], "lean_cls": Markup(_lean_cls(leans[i])),
                       "n_terms": n_terms[i], "n_attributions": n_attrs[i]}


def _lean_cls(v) -> str:
    if E.isnan(v) or abs(v) < 0.005:
        return ""
    return ' class="neg"' if v < 0 else ' class="pos"'


def tables_list(c: Corpus, t: ReportTables) -> Section:
    """The CSV files beside the page, with what each holds."""
    names = sorted([*t.csv_names(), *HitTables.NAMES],
                   key=lambda n: list(TABLE_DOCS).index(n) if n in TABLE_DOCS else 99)
    return Section(render("tables.html", tables=[(n, TABLE_DOCS.get(n, "")) for n in names]), [])


def provenance(c: Corpus, t: ReportTables) -> Section:
    """Version, time, parameters, lexicons with their SHA-256, the classifier, articles per group."""
    return Section(render(
        "provenance.html", version=c.version, generated=c.generated.isoformat(timespec="seconds"),
        by=c.by, level=int(stats.LEVEL * 100), resamples=stats.DEFAULT_RESAMPLES,
        seed=stats.DEFAULT_SEED, min_articles=stats.MIN_ARTICLES, max_label_charts=MAX_LABEL_CHARTS,
        max_articles=c.max_articles, quotes=c.quotes, lexicons=c.lexs, classifier=bool(c.score_cols or c.model),
        model=c.model, classes=[col[len(SCORE_PREFIX):] for col in c.score_cols],
        per_group=[(str(g), len(v)) for g, v in c.by_group.items()],
        software=f"Python {platform.python_version()}, pandas {pd.__version__}, "
                 f"matplotlib {matplotlib.__version__}"), [])


SECTIONS = (summary, profile, scores, labels, categories, voices, cues, quoted, distinctive, over_time)
"""The sections of a report with articles, in page order (then articles, tables, provenance)."""
