"""Write a self-contained HTML report of a set of analyses.

The report is one file, ``index.html``: its charts are inline PNG images
(``data:`` URIs), its style is a short inline ``<style>`` block, and it
references nothing on the network, so it can be mailed, archived or opened
offline. Every string that comes from an article (text, title, outlet, ids) is
HTML-escaped.

It holds, in order: a summary; plain-language notes on how to read it; the
framing profile of each group (:func:`framing.compare.compare` as a table and
:func:`framing.plot.plot_lean`); label choice per referent
(:func:`~framing.compare.label_shares` / :func:`~framing.plot.plot_label_shares`);
whose voice is cited (:func:`~framing.compare.voice_shares` /
:func:`~framing.plot.plot_voice_shares`); every article with its terms and
attributions highlighted; and a provenance block.
"""

from __future__ import annotations

import base64
import html
import io
import math
import platform
import sys
import types
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from .compare import compare, group_key, label_shares, tables, voice_shares
from .plot import plot_label_shares, plot_lean, plot_voice_shares
from .data import Analysis

__all__ = ["write_report", "render_report", "highlight_html"]

_CSS = """
:root{--p0:#D55E00;--p1:#0072B2;--p0t:#b34700;--p1t:#005a8c;--grey:#767676}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1f1f1f;max-width:1120px;margin:0 auto;padding:1.2rem 1.6rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0 .3rem}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid #ddd}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
p,li{max-width:75ch}
.muted{color:var(--grey)}
.small{font-size:.85rem}
nav{font-size:.9rem;margin:.4rem 0 1rem}
nav a{margin-right:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}
.card{border:1px solid #e2e2e2;border-radius:6px;padding:.45rem .8rem;min-width:8.5rem}
.card b{display:block;font-size:1.25rem}
.notes{background:#f7f7f5;border-left:3px solid #ccc;padding:.5rem 1rem;margin:1rem 0}
.wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0 1.2rem}
caption{text-align:left;font-weight:600;font-size:.9rem;padding:.2rem 0}
th,td{padding:.25rem .45rem;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
th{background:#fafafa;font-weight:600;white-space:normal;vertical-align:bottom;line-height:1.2}
td:first-child{white-space:normal;max-width:16rem}
th:first-child,td:first-child,td.l,th.l{text-align:left}
td.neg{color:var(--p0t)}td.pos{color:var(--p1t)}
figure{margin:.6rem 0 1rem}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.85rem;color:var(--grey)}
details{margin:.25rem 0}
details>summary{cursor:pointer}
details.group>summary{font-weight:600;font-size:1rem;padding:.2rem 0}
details.group{border-top:1px solid #eee;padding:.2rem 0}
details.article{margin-left:1.1rem}
details.article>summary{font-size:.92rem}
.meta{font-size:.82rem;color:var(--grey);margin:.3rem 0}
.body{white-space:pre-wrap;font-size:.93rem;line-height:1.7;border:1px solid #eee;
 border-radius:4px;padding:.6rem .9rem;max-width:85ch;background:#fff}
.t{border-bottom:2px solid;padding:0 1px}
.t-p0{color:var(--p0t)}.t-p1{color:var(--p1t)}.t-n{color:#444;border-bottom-color:#999}
.t-g{color:#8a3b6e;border-bottom-color:#CC79A7}
.v-direct{border-bottom-style:dashed}.v-indirect{border-bottom-style:dotted}
.src{text-decoration:underline double;text-underline-offset:3px}
.cue{font-weight:700}.cue-ev{font-style:italic}
.ct-p0{background:#fbe4d6}.ct-p1{background:#dcebf7}.ct-u{background:#f1efe2}
.bp{color:#a0a0a0}
.legend{display:flex;flex-wrap:wrap;gap:.15rem 1rem;margin:.3rem 0}
.legend>b{min-width:6.5rem}
.legend span{white-space:nowrap}
.sw{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-right:.25em;border-radius:2px}
dl.prov{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.88rem}
dl.prov dt{font-weight:600}dl.prov dd{margin:0}
code{font-size:.85em;word-break:break-all}
"""

_E = html.escape


def _fmt(v, kind="num"):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float) and abs(v) < 0.005:
        v = 0.0  # no "-0.00"
    if kind == "lean":
        return f"{v:+.2f}"
    if kind == "pct":
        return f"{100 * v:.0f}%"
    if kind == "int":
        return f"{int(v):,}"
    if kind == "1":
        return f"{v:.1f}"
    return f"{v:.2f}"


def _png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", pad_inches=0.08,
                metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(n_rows: int, extra: float = 1.4, width: float = 8.0) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, max(1.6, 0.36 * n_rows + extra)), layout="constrained")
    return fig, fig.add_subplot()


def _img(uri: str, alt: str, caption: str = "") -> str:
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{uri}" alt="{_E(alt)}">{cap}</figure>'


# -- article highlighting ----------------------------------------------------------

def _side_class(side, poles) -> str:
    if poles and side == poles[0]:
        return "p0"
    if poles and side == poles[1]:
        return "p1"
    return "u" if side in (None, "unknown") else "n"


def highlight_html(analysis: Analysis, poles=None, axis: str | None = None) -> str:
    """The article text as escaped HTML, with terms, attributions and boilerplate marked.

    Spans may nest or overlap; the text is cut at every span boundary into
    segments, and each segment gets the classes of every span that covers it:
    ``t t-p0|t-p1|t-n v-<voice>`` for a term (by the pole it echoes and its
    voice; ``t-g`` instead when ``axis`` is given and the term comes from
    another lexicon, one without poles), ``ct-p0|ct-p1|ct-u`` for attributed content (by the source's side),
    ``src`` for a source, ``cue`` (``cue-ev`` when evaluative) for a cue, and
    ``bp`` for boilerplate. A ``title`` tooltip describes each segment.

    >>> from framing.data import Analysis, Article, TermHit
    >>> a = Article("x", "The regime & <rebels>.")
    >>> h = TermHit("regime", 4, 10, "lx", "gov", "regime", -2, "B")
    >>> an = Analysis(a, 4, (h,), (), (), None, {}, ("lx",))
    >>> highlight_html(an, poles=("A", "B")).split('">')[1]
    'regime</span> &amp; &lt;rebels&gt;.'
    """
    text = analysis.article.text
    n = len(text)
    spans: list[tuple[int, int, str, str]] = []  # start, end, classes, tooltip
    for s, e in analysis.boilerplate:
        spans.append((s, e, "bp", "page furniture (not scored)"))
    for x in analysis.attributions:
        src = x.source
        side = src.side if src else None
        who = (f"{src.text} ({src.type}, {side or 'side unknown'}"
               f"{', named' if src.named else ', unnamed'})" if src else "no source found")
        spans.append((x.content.start, x.content.end, f"ct-{_side_class(side, poles)}",
                      f"{x.kind} attribution to {who}"))
        if src:
            spans.append((src.start, src.end, "src", f"source: {who}"))
        ev = x.cue.stance == "evaluative"
        spans.append((x.cue.start, x.cue.end, "cue cue-ev" if ev else "cue",
                      f"cue ({x.cue.stance})"))
    for h in analysis.terms:
        side = _side_class(h.echoes, poles)
        if axis is not None and h.lexicon != axis:
            side = "g"
        cls = f"t t-{'n' if side in ('u', 'n') else side} v-{h.voice}"
        spans.append((h.start, h.end, cls,
                      f"{h.label} → {h.referent} [{h.lexicon}]; echoes {h.echoes}; "
                      f"connotation {h.connotation:+d}; voice {h.voice}"))
    spans = [(max(0, s), min(n, e), c, t) for s, e, c, t in spans if e > s]
    bounds = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(spans):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    active: set[int] = set()
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        seg = _E(text[a:b], quote=False)
        if not active:
            out.append(seg)
            continue
        order = sorted(active, key=lambda i: (spans[i][0], -spans[i][1], i))
        classes = " ".join(dict.fromkeys(c for i in order for c in spans[i][2].split()))
        tip = " | ".join(dict.fromkeys(spans[i][3] for i in order))
        out.append(f'<span class="{classes}" title="{_E(tip)}">{seg}</span>')
    return "".join(out)


# -- sections ---------------------------------------------------------------------

_COLUMN_HELP = {
    "n_articles": ("articles", "int", "number of articles"),
    "n_words": ("words", "int", "words outside page furniture"),
    "lean": ("lean", "lean", "pooled lean, -1 … +1"),
    "terms_per_1k": ("terms /1k", "1", "lexicon terms per 1,000 words"),
    "loaded_per_1k": ("loaded /1k", "1", "terms that echo a pole, per 1,000 words"),
    "loaded_narrator_share": ("loaded: own", "pct", "share of loaded terms in the outlet's own words"),
    "loaded_direct_share": ("loaded: quoted", "pct", "share of loaded terms inside quotation marks"),
    "loaded_indirect_share": ("loaded: reported", "pct", "share of loaded terms in reported speech"),
    "n_attributions": ("attributions", "int", "quotations and reported statements"),
    "named_share": ("named src", "pct", "share of attributions to a named source"),
    "evaluative_cue_share": ("evaluative cue", "pct",
                             "share of attributions with an evaluative cue (claimed, alleged…)"),
    "polarity": ("polarity", "num", "mean TextBlob polarity of the narrator's sentences"),
    "subjectivity": ("subjectivity", "num", "mean TextBlob subjectivity of the narrator's sentences"),
}


_WORD_COLUMNS = ["n_articles", "n_words", "lean", "terms_per_1k", "loaded_per_1k",
                 "loaded_narrator_share", "loaded_indirect_share", "loaded_direct_share",
                 "polarity", "subjectivity"]
_SOURCE_COLUMNS = ["n_attributions", "voice_*", "named_share", "evaluative_cue_share"]


def _compare_table(cmp: pd.DataFrame, by: str, columns: list[str], caption: str) -> str:
    cols = []
    for c in columns:
        if c.endswith("*"):
            cols += [x for x in cmp.columns if x.startswith(c[:-1])]
        elif c in cmp.columns:
            cols.append(c)
    head = [f'<th class="l">{_E(by)}</th>']
    for c in cols:
        if c.startswith("voice_"):
            name, help_ = f"voice: {c[6:]}", f"share of attributions to sources on side {c[6:]}"
        else:
            name, _, help_ = _COLUMN_HELP.get(c, (c, "num", c))
        head.append(f'<th title="{_E(help_)}">{_E(name)}</th>')
    rows = []
    for _, r in cmp.iterrows():
        cells = [f"<td>{_E(str(r[by]))}</td>"]
        for c in cols:
            kind = "pct" if c.startswith("voice_") else _COLUMN_HELP.get(c, (c, "num"))[1]
            v = r[c]
            cls = ""
            if c == "lean" and isinstance(v, float) and not math.isnan(v) and abs(v) >= 0.005:
                cls = ' class="neg"' if v < 0 else ' class="pos"'
            cells.append(f"<td{cls}>{_fmt(v, kind)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="wrap"><table><caption>{_E(caption)}</caption><thead><tr>'
            + "".join(head) + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def _legend(poles, others=()) -> str:
    p0, p1 = (poles or ("first pole", "second pole"))
    other = (f'<span><span class="t t-g">purple</span> word from {_E(", ".join(others))} '
             "(no axis)</span>") if others else ""
    return (
        '<div class="legend small"><b>Terms</b>'
        f'<span><span class="t t-p0">colour</span> echoes {_E(p0)}</span>'
        f'<span><span class="t t-p1">colour</span> echoes {_E(p1)}</span>'
        '<span><span class="t t-n">grey</span> neutral</span>' + other +
        '<span><span class="t t-n">solid</span> own words</span>'
        '<span><span class="t t-n v-indirect">dotted</span> reported speech</span>'
        '<span><span class="t t-n v-direct">dashed</span> inside a quotation</span></div>'
        '<div class="legend small"><b>Attributions</b>'
        '<span><span class="cue">bold</span> cue</span>'
        '<span><span class="cue cue-ev">bold italic</span> evaluative cue</span>'
        '<span><span class="src">double underline</span> source</span>'
        f'<span><span class="sw ct-p0"></span>said by a {_E(p0)} source</span>'
        f'<span><span class="sw ct-p1"></span>by a {_E(p1)} source</span>'
        '<span><span class="sw ct-u"></span>side unknown</span></div>'
        '<div class="legend small"><b>Other</b>'
        '<span class="bp">grey text: page furniture (tagline, caption, related links), not scored</span>'
        "</div>"
    )


OPEN_BELOW = 4
"""Reports with fewer articles than this show them unfolded."""


def _article_block(an: Analysis, poles, axis=None, open_: bool = False) -> str:
    a = an.article
    title = a.title or _first_line(a.text, an.boilerplate) or str(a.id)
    bits = [b for b in (a.date, f"lean {_fmt(an.lean, 'lean')}",
                        f"{len(an.terms)} terms", f"{len(an.attributions)} attributions") if b]
    meta = [f"id <code>{_E(str(a.id))}</code>", f"{an.n_words:,} words"]
    if a.url:
        meta.append(f"url <code>{_E(a.url)}</code>")
    if an.polarity is not None:
        meta.append(f"polarity {an.polarity:+.2f}, subjectivity {an.subjectivity:.2f}")
    return (
        f'<details class="article"{" open" if open_ else ""}><summary>'
        f"{_E(title)} <span class=\"muted small\">· {_E(' · '.join(bits))}</span></summary>"
        f'<div class="meta">{" · ".join(meta)}</div>'
        f'<div class="body">{highlight_html(an, poles, axis)}</div></details>'
    )


def _first_line(text: str, boilerplate) -> str | None:
    """The first line of ``text`` that is not page furniture, shortened to 120 characters."""
    from .text import lines, overlaps

    for s, e in lines(text):
        line = text[s:e].strip()
        if line and not overlaps(boilerplate, s, e):
            return line if len(line) <= 120 else line[:119].rstrip() + "…"
    return None


def _notes(poles, by) -> str:
    p0, p1 = (poles or ("the first pole", "the second pole"))
    return f"""<div class="notes">
<p><b>Lean.</b> Each lexicon term that names an actor is a word choice: “regime” or
“government”, “rebels” or “terrorists”. A term <i>echoes</i> a side when it is the wording that
side prefers. The lean runs from −1 (every weighted term echoes {_E(p0)}) to +1 (every one echoes
{_E(p1)}); neutral terms count in the total without pulling either way. Terms in the outlet's own
words count fully, terms in reported speech half, and terms inside quotation marks a quarter,
and strongly evaluative terms count more. A group's lean pools all of its articles' terms, so long
articles weigh more than short ones. The lean measures word choice only, against one lexicon; it is
not a verdict on accuracy.</p>
<p><b>Voices.</b> Each quotation or reported statement is credited to a source; the source's
side comes from the lexicon (an official of one side, a monitor, a wire agency…). “unknown” means
no source was found or it has no side. “Named” sources are people or organisations named in the
text, as opposed to “a military source” or “activists”.</p>
<p><b>Label shares.</b> For one actor, the share of each label among the group's mentions of
that actor, so outlets that mention an actor rarely and often are compared fairly. Small counts
(see the n next to each {_E(by)}) are noisy.</p>
</div>"""


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _summary(analyses, tabs, lexs, by, poles, axis) -> list[str]:
    art = tabs.articles
    n_groups = art[by].map(group_key).nunique() if len(art) else 0
    out = ['<h2 id="summary">Summary</h2><div class="cards">']
    for label, val in (("articles", len(analyses)), (f"{by} groups", n_groups),
                       ("words", int(art["n_words"].sum()) if len(art) else 0),
                       ("lexicon terms", len(tabs.terms)),
                       ("attributions", len(tabs.attributions))):
        out.append(f'<div class="card"><b>{val:,}</b><span class="small muted">{_E(label)}</span></div>')
    out.append("</div>")
    items = []
    for lx in lexs:
        ax_txt = (f" — axis “{_E(lx.axis_name or '')}”: {_E(lx.poles[0])} (−1) ↔ "
                  f"{_E(lx.poles[1])} (+1)" if lx.poles else " — no axis (terms counted, no lean)")
        items.append(f"<li><b>{_E(lx.name)}</b> {_E(lx.version or '')}{ax_txt}</li>")
    out.append(f"<p>Lexicons:</p><ul>{''.join(items) or '<li>none</li>'}</ul>")
    if axis:
        out.append(f"<p>The lean is measured on the axis of <b>{_E(axis)}</b>.</p>")
    out.append(_notes(poles, by))
    return out


def _profile(cmp, by, poles) -> list[str]:
    fig, ax = _figure(len(cmp))
    plot_lean(cmp, by=by, ax=ax, poles=poles)
    return [
        f'<h2 id="profile">Framing profile per {_E(by)}</h2>',
        _img(_png(fig), f"Lean per {by}", "Dots: pooled lean of each group (n = articles). "
             "Grey italic: no terms of the axis lexicon."),
        _compare_table(cmp, by, _WORD_COLUMNS, "Word choice (hover a heading for its meaning)"),
        _compare_table(cmp, by, _SOURCE_COLUMNS, "Sources (shares of attributions)"),
    ]


def _labels(tabs, lexs, by, order) -> list[str]:
    out = ['<h2 id="labels">Label choice per referent</h2>']
    ls = label_shares(tabs, by=by)
    for lx in lexs:
        sub = ls[ls["lexicon"] == lx.name] if lx.poles else ls.iloc[0:0]
        totals = sub.groupby("referent")["count"].sum().sort_values(ascending=False, kind="mergesort")
        for ref in totals.index:
            rs = sub[sub["referent"] == ref]
            if rs["label"].nunique() < 2:
                continue
            legend_rows = math.ceil(min(rs["label"].nunique(), 9) / 3)
            fig, ax = _figure(rs[by].nunique(), extra=1.3 + 0.17 * legend_rows)
            plot_label_shares(rs, ref, by=by, ax=ax, lexicon=lx.name, poles=lx.poles, order=order)
            try:
                desc = lx.referent(ref).description
            except KeyError:
                desc = ""
            out.append(f'<h3>{_E(ref)} <span class="muted small">({_E(lx.name)}, '
                       f"{_plural(int(totals[ref]), 'mention')})</span></h3>")
            if desc:
                out.append(f'<p class="small muted">{_E(desc)}</p>')
            out.append(_img(_png(fig), f"Label shares for {ref} per {by}"))
            out.append(_label_notes(lx, ref, set(rs["label"])))
    if len(out) == 1:
        out.append("<p>No referent of an axis lexicon was named with two or more different labels.</p>")
    return out


def _voices(tabs, by, poles, order) -> list[str]:
    out = ['<h2 id="voices">Whose voice: attributions by source side</h2>']
    vs = voice_shares(tabs, by=by)
    if vs.empty:
        return out + ["<p>No attributions found.</p>"]
    fig, ax = _figure(vs[by].nunique(), extra=1.3)
    plot_voice_shares(vs, by=by, ax=ax, poles=poles, order=order)
    return out + [_img(_png(fig), f"Source sides per {by}", "Share of each group's attributions "
                       "whose source is on each side (n = attributions).")]


def _articles(by_group, lexs, poles, axis) -> list[str]:
    out = ['<h2 id="articles">Articles</h2>',
           _legend(poles, [lx.name for lx in lexs if not lx.poles] if axis else []),
           '<p class="small muted">Click a heading to list its articles, and an article to read '
           "it; hover a highlighted word for details.</p>"]
    small = sum(len(v) for v in by_group.values()) < OPEN_BELOW
    for g, items in by_group.items():
        items = sorted(items, key=lambda an: (str(an.article.date or ""), str(an.article.id)))
        out.append(f'<details class="group"{" open" if small else ""}><summary>{_E(str(g))} '
                   f'<span class="muted small">({_plural(len(items), "article")})</span></summary>')
        out.extend(_article_block(an, poles, axis, open_=small) for an in items)
        out.append("</details>")
    return out


def _provenance(by_group, lexs, by, generated, version) -> list[str]:
    rows = [
        ("framing version", _E(version)),
        ("generated (UTC)", _E(generated.isoformat(timespec="seconds"))),
        ("parameters", f"by = <code>{_E(by)}</code>"),
        ("lexicons", "<br>".join(
            f"{_E(lx.name)} {_E(lx.version or '')} — sha256 <code>{_E(lx.sha256)}</code>"
            for lx in lexs) or "none"),
        (f"articles per {_E(by)}",
         ", ".join(f"{_E(str(g))}: {len(v)}" for g, v in by_group.items()) or "none"),
        ("software", _E(f"Python {platform.python_version()}, pandas {pd.__version__}, "
                        f"matplotlib {matplotlib.__version__}")),
    ]
    return (['<h2 id="provenance">Provenance</h2><dl class="prov">']
            + [f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows] + ["</dl>"])


def render_report(analyses: Iterable[Analysis], *, by: str = "outlet", lexicons=None,
                  title: str | None = None, generated: datetime | None = None) -> str:
    """The report as one HTML string (see :func:`write_report`)."""
    import framing
    from .lexicon import load_lexicon

    analyses = list(analyses)
    if lexicons is None:
        lexicons = list(dict.fromkeys(nm for an in analyses for nm in an.lexicons))
    lexs = [load_lexicon(lx) for lx in lexicons]
    tabs = tables(analyses, by=by, lexicons=lexs)
    poles, axis = tabs.articles.attrs.get("poles"), tabs.articles.attrs.get("axis")
    generated = generated or datetime.now(timezone.utc)
    version = str(getattr(framing, "__version__", "unknown"))
    title = title or f"Framing report: {_plural(len(analyses), 'article')}"
    by_group: dict = {}
    keys = tabs.articles[by].map(group_key) if len(analyses) else []
    for an, g in zip(analyses, keys):
        by_group.setdefault(g, []).append(an)
    by_group = dict(sorted(by_group.items(), key=lambda kv: str(kv[0])))

    parts = [
        f"<h1>{_E(title)}</h1>",
        f'<p class="muted small">Generated {generated.isoformat(timespec="seconds")} by '
        f"framing {_E(version)}.</p>",
        '<nav><a href="#summary">Summary</a><a href="#profile">Profiles</a>'
        '<a href="#labels">Labels</a><a href="#voices">Voices</a>'
        '<a href="#articles">Articles</a><a href="#provenance">Provenance</a></nav>',
        *_summary(analyses, tabs, lexs, by, poles, axis),
    ]
    if analyses:
        cmp = compare(tabs, by=by)
        order = list(cmp[by])
        parts += _profile(cmp, by, poles)
        parts += _labels(tabs, lexs, by, order)
        parts += _voices(tabs, by, poles, order)
    else:
        parts.append("<p>No articles.</p>")
    parts += _articles(by_group, lexs, poles, axis)
    parts += _provenance(by_group, lexs, by, generated, version)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_E(title)}</title><style>{_CSS}</style></head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def _label_notes(lx, ref: str, used: set) -> str:
    try:
        r = lx.referent(ref)
    except KeyError:
        return ""
    rows = []
    for lb in r.labels:
        if lb.label not in used:
            continue
        rows.append(f'<tr><td class="l">{_E(lb.label)}</td><td class="l">{_E(lb.echoes)}</td>'
                    f"<td>{lb.connotation:+d}</td><td class=\"l\">{_E(', '.join(lb.forms[:6]))}"
                    f"{' …' if len(lb.forms) > 6 else ''}</td><td class=\"l\">{_E(lb.note)}</td></tr>")
    if not rows:
        return ""
    return ('<details class="small"><summary>labels used</summary><div class="wrap"><table>'
            '<thead><tr><th class="l">label</th><th class="l">echoes</th><th>connotation</th>'
            '<th class="l">forms</th><th class="l">note</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div></details>")


def write_report(analyses: Iterable[Analysis], out_dir, *, by: str = "outlet", lexicons=None,
                 title: str | None = None):
    """Write ``out_dir/index.html``, a self-contained report of ``analyses``.

    Args:
        analyses: any iterable of analyses (consumed once).
        out_dir: folder to write to (created if missing).
        by: the article field or ``meta`` key to compare groups by.
        lexicons: the packs the analyses were made with (objects, names or
            paths), for the poles and the provenance block; default: load the
            packs the analyses name.
        title: the page title; default "Framing report: N articles".

    Returns:
        The :class:`pathlib.Path` of ``index.html``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "index.html"
    path.write_text(render_report(analyses, by=by, lexicons=lexicons, title=title),
                    encoding="utf-8")
    return path


class _CallableModule(types.ModuleType):
    """Lets ``framing.report(...)`` be called while ``framing.report.write_report`` stays reachable."""

    def __call__(self, analyses_or_paths, out_dir, by: str = "outlet", lexicons=None, **kw):
        """Analyse (if needed) and write ``out_dir/index.html``; returns its path (see :func:`write_report`)."""
        from .analyze import as_analyses
        from .lexicon import load_lexicons

        lexs = load_lexicons(lexicons) if lexicons is not None else None
        return write_report(as_analyses(analyses_or_paths, lexs), out_dir, by=by, lexicons=lexs, **kw)


sys.modules[__name__].__class__ = _CallableModule
