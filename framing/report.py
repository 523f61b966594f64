"""Write a self-contained HTML report of a set of analyses.

``write_report(analyses, DIR)`` writes:

* ``DIR/index.html`` — the report: a summary; plain-language notes; the
  framing profile of each group as small multiples
  (:func:`framing.plot.plot_profile`) and as a lean dot plot with intervals
  (:func:`~framing.plot.plot_lean`), with tables; label choice per referent
  (:func:`~framing.compare.label_shares` / :func:`~framing.plot.plot_label_shares`);
  whose voices are cited, by side, source type and named/anonymous
  (``voice_shares``, ``source_shares``, ``named_shares``); cue stance
  (``cue_stances``); whose voice loaded terms are in (``voice_split``);
  distinctive words and labels (log-odds, ``distinctive_terms``); the lean
  over time when the articles have dates; the mean classifier score per
  group when the articles carry ``score_<class>`` fields
  (:func:`framing.classify.with_scores`); the list of articles; the tables
  beside the page; and a provenance block. Every chart is drawn by the
  :mod:`framing.plot` function for its :mod:`framing.compare` table.
* ``DIR/articles/NNNN.html`` — one page per article (numbered in the
  report's order, so no file name comes from article data), with its terms
  highlighted by the side they echo and the voice they are in, its
  attributions tinted by the source's side, and both listed in tables (and
  its classifier scores, when it has them).
* ``DIR/tables/*.csv`` — every table the page is drawn from.
* ``DIR/report.pdf`` — with ``pdf=True``: the summary, the charts and the
  profile table, drawn with matplotlib's PDF backend (no browser needed).

The pages are self-contained: charts are inline PNG images (``data:`` URIs),
the style is a short inline ``<style>`` block, there is no script, and nothing
is fetched from the network, so a report can be mailed, archived or opened
offline. Every string that comes from an article, a lexicon or a model card
(text, titles, outlets, ids, notes, class names) is HTML-escaped, and one that
holds right-to-left text or a bidi control (U+202E …) is isolated in ``<bdi>``
(FSI … PDI in attributes and the ``<title>``), so it cannot reorder the report
text around it.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import math
import os
import platform
import re
import sys
import tempfile
import types
import unicodedata
from array import array
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import plot as P
from . import stats
from .compare import (WordCounts, compare, cue_stances, distinctive_terms, label_shares,
                      named_shares, source_shares, voice_shares, voice_split)
from .groups import group_key
from .tables import (ATTRIBUTION_COLUMNS, TERM_COLUMNS, attribution_values, group_value, tables,
                     term_values)
from .data import Analysis, analysis_from_record, analysis_record
from .errors import FramingError

__all__ = ["write_report", "render_report", "highlight_html", "analysis_html", "OPEN_BELOW",
           "MAX_LABEL_CHARTS"]

_POLE_HEX = P.POLE_COLORS
_CSS = """
:root{--p0:%s;--p1:%s;--p0t:#b34700;--p1t:#005a8c;--grey:#6b6b6b}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1f1f1f;max-width:1180px;margin:0 auto;padding:1.2rem 1.6rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0 .3rem}
h2{font-size:1.25rem;margin:2.4rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid #ddd}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
p,li{max-width:80ch}
a{color:#005a8c}
.muted{color:var(--grey)}
.small{font-size:.85rem}
nav{font-size:.9rem;margin:.4rem 0 1rem;line-height:1.9}
nav a{margin-right:.9rem;white-space:nowrap}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}
.card{border:1px solid #e2e2e2;border-radius:6px;padding:.45rem .8rem;min-width:8.5rem}
.card b{display:block;font-size:1.25rem}
.notes{background:#f7f7f5;border-left:3px solid #ccc;padding:.5rem 1rem;margin:1rem 0}
.note{font-size:.88rem;color:#333;background:#f7f7f5;border-left:3px solid #d5d5d5;
 padding:.35rem .8rem;margin:.2rem 0 1.2rem;max-width:90ch}
.note b{font-weight:600}
.warn{border-left-color:#E69F00}
.wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0 1.2rem}
caption{text-align:left;font-weight:600;font-size:.9rem;padding:.2rem 0}
th,td{padding:.25rem .45rem;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
th{background:#fafafa;font-weight:600;white-space:normal;vertical-align:bottom;line-height:1.2}
td:first-child{white-space:normal;max-width:16rem}
th:first-child,td:first-child,td.l,th.l{text-align:left}
td.w{white-space:normal;text-align:left;max-width:38rem}
td.neg{color:var(--p0t)}td.pos{color:var(--p1t)}
.ci{color:#8a8a8a;font-size:.78rem}
figure{margin:.6rem 0 .4rem}
figure img{max-width:100%%;height:auto;display:block}
figcaption{font-size:.85rem;color:var(--grey)}
details{margin:.25rem 0}
details>summary{cursor:pointer}
details.group>summary{font-weight:600;font-size:1rem;padding:.2rem 0}
details.group{border-top:1px solid #eee;padding:.2rem 0}
details.article{margin-left:1.1rem}
details.article>summary{font-size:.92rem}
.meta{font-size:.82rem;color:var(--grey);margin:.3rem 0}
.body{white-space:pre-wrap;font-size:.95rem;line-height:1.75;border:1px solid #eee;
 border-radius:4px;padding:.6rem .9rem;max-width:88ch;background:#fff}
.t{border-bottom:2px solid;padding:0 1px}
.t-p0{color:var(--p0t);border-bottom-color:var(--p0)}.t-p1{color:var(--p1t);border-bottom-color:var(--p1)}
.t-n{color:#444;border-bottom-color:#999}
.t-g{color:#8a3b6e;border-bottom-color:#CC79A7}
.v-direct{border-bottom-style:dashed}.v-indirect{border-bottom-style:dotted}
.src{text-decoration:underline double;text-underline-offset:3px}
.cue{font-weight:700}.cue-ev{font-style:italic}
.ct-p0{background:#fbe4d6}.ct-p1{background:#dcebf7}.ct-u{background:#f1efe2}.ct-n{background:#e6f2ec}
.bp{color:#a0a0a0}
.legend{display:flex;flex-wrap:wrap;gap:.15rem 1rem;margin:.3rem 0}
.legend>b{min-width:6.5rem}
.legend span{white-space:nowrap}
.sw{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-right:.25em;border-radius:2px}
dl.prov{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.88rem}
dl.prov dt{font-weight:600}dl.prov dd{margin:0}
code{font-size:.85em;word-break:break-all}
.pager{font-size:.9rem;margin:.6rem 0;display:flex;gap:1.2rem;flex-wrap:wrap}
table.list td:nth-child(2){white-space:normal;text-align:left;max-width:44rem}
""" % _POLE_HEX

_E = html.escape

# Bidirectional classes that can reorder the text around a string: right-to-left letters and
# digits, and the explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_RTL_CLASSES = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"   # LRE, RLE, LRO, RLO: closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"          # LRI, RLI, FSI: closed by PDI (U+2069)
_PARAGRAPH = re.compile("[\n\r\x1c-\x1e\x85\u2029]")


def _bidi(s: str) -> bool:
    """Whether ``s`` holds a character that can reorder the left-to-right text around it."""
    return not s.isascii() and any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in s)


def _T(s) -> str:
    r"""A string from an article or a lexicon, escaped for element content and bidi-isolated.

    A title, outlet or term holding right-to-left text or a control such as
    U+202E (right-to-left override) is wrapped in ``<bdi>``, so it cannot
    reorder the report text around it. Strings without such characters are
    only escaped: in the report's left-to-right text they cannot reorder
    anything, so the ``<bdi>`` would change nothing.

    >>> _T("SANA"), _T("a\u202eb <c>")
    ('SANA', '<bdi>a\u202eb &lt;c&gt;</bdi>')
    """
    s = str(s)
    return f"<bdi>{_E(s)}</bdi>" if _bidi(s) else _E(s)


def _iso(s) -> str:
    r"""``s`` isolated as plain text, for attribute values and ``<title>`` (which hold no elements).

    The text is wrapped in FSI … PDI (U+2068 … U+2069), the plain-text
    equivalent of ``<bdi>``, after balancing its own controls: a closing PDF or
    PDI with no opener inside the string is dropped (it would close the
    wrapper), openers left open are closed, and line breaks, which would end
    the isolation, become spaces. Not escaped; strings without right-to-left
    text or controls are returned as they are.

    >>> _iso("x\u2069\u202ey") == "\u2068x\u202ey\u202c\u2069"
    True
    """
    s = str(s)
    if not _bidi(s):
        return s
    out: list[str] = []
    open_: list[str] = []  # the closer each open embedding or isolate needs
    for c in _PARAGRAPH.sub(" ", s):
        if c in _EMBEDDINGS:
            open_.append("\u202c")
        elif c in _ISOLATES:
            open_.append("\u2069")
        elif c == "\u202c":
            if not open_ or open_[-1] != "\u202c":  # no embedding open inside the innermost isolate
                continue
            open_.pop()
        elif c == "\u2069":
            if "\u2069" not in open_:
                continue
            while open_.pop() != "\u2069":  # a PDI also closes the embeddings opened after its isolate
                pass
        out.append(c)
    return "\u2068" + "".join(out) + "".join(reversed(open_)) + "\u2069"


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


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


_MAX_LABEL = 80


def _short(label: str) -> str:
    if not label.isprintable():  # control characters have no glyph: one space each (a line
        # break stays: chart titles are wrapped to their panel; never two in a row)
        label = re.sub(r"\n{2,}", "\n", re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", " ", label))
    return label if len(label) <= _MAX_LABEL else label[:_MAX_LABEL - 1] + "…"


def _safe_texts(fig: Figure) -> None:
    """Make every label of ``fig`` plain text, at most 80 characters.

    Labels are outlet names and lexicon strings: "$" is a dollar sign, never
    TeX (an outlet called "$\\bad$" must not break the report), and a label is
    cut at 80 characters (a 10,000-character outlet name would make an image
    too large to save).
    """
    for t in fig.findobj(matplotlib.text.Text):
        t.set_parse_math(False)
        t.set_text(_short(t.get_text()))
    for ax in fig.axes:  # tick labels are made from their formatter at draw time
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, matplotlib.ticker.FixedFormatter):
                fmt.seq = [_short(str(x)) for x in fmt.seq]
            elif isinstance(fmt, matplotlib.ticker.FuncFormatter):  # set_ticks(..., labels)
                fmt.func = lambda x, pos=None, f=fmt.func: _short(str(f(x, pos)))


def _png(fig: Figure) -> str:
    """The figure as a ``data:`` URI of a 128-colour PNG (a third of the size of a full-colour one)."""
    from PIL import Image

    buf = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False}):
        _safe_texts(fig)
        fig.savefig(buf, format="png", dpi=110, pil_kwargs={"compress_level": 1})
    im = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    small = im.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    pal = small.getpalette() or []
    for k in range(0, len(pal) - 2, 3):   # the octree averages white with near-whites: snap back
        if min(pal[k:k + 3]) >= 248:
            pal[k:k + 3] = [255, 255, 255]
    small.putpalette(pal)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=6)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _figure(n_rows: int, extra: float = 1.4, width: float = 8.0) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, max(1.6, 0.36 * n_rows + extra)), layout="constrained")
    return fig, fig.add_subplot()


def _img(uri: str, alt: str, caption: str = "") -> str:
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{uri}" alt="{_E(alt)}">{cap}</figure>'


def _note(what: str, read: str, caveat: str = "") -> str:
    """A plain-language note under a chart: what it shows, how to read it, what it does not say."""
    out = f'<p class="note"><b>What it shows.</b> {what} <b>How to read it.</b> {read}'
    if caveat:
        out += f" <b>Caveat.</b> {caveat}"
    return out + "</p>"


# -- article highlighting ----------------------------------------------------------

def _side_class(side, poles) -> str:
    if poles and side == poles[0]:
        return "p0"
    if poles and side == poles[1]:
        return "p1"
    return "u" if side in (None, "unknown") else "n"


# inline styles for the classes, for notebooks (where a page's <style> may not apply)
_INLINE = {
    "t": "border-bottom:2px solid;padding:0 1px",
    "t-p0": f"color:#b34700;border-bottom-color:{_POLE_HEX[0]}",
    "t-p1": f"color:#005a8c;border-bottom-color:{_POLE_HEX[1]}",
    "t-n": "color:#444;border-bottom-color:#999",
    "t-g": "color:#8a3b6e;border-bottom-color:#CC79A7",
    "v-direct": "border-bottom-style:dashed",
    "v-indirect": "border-bottom-style:dotted",
    "src": "text-decoration:underline double;text-underline-offset:3px",
    "cue": "font-weight:700",
    "cue-ev": "font-style:italic",
    "ct-p0": "background:#fbe4d6",
    "ct-p1": "background:#dcebf7",
    "ct-u": "background:#f1efe2",
    "ct-n": "background:#e6f2ec",
    "bp": "color:#a0a0a0",
}


def highlight_html(analysis: Analysis, poles=None, axis: str | None = None, *,
                   inline: bool = False) -> str:
    """The article text as escaped HTML, with terms, attributions and boilerplate marked.

    Spans may nest or overlap; the text is cut at every span boundary into
    segments, and each segment gets the classes of every span that covers it:
    ``t t-p0|t-p1|t-n v-<voice>`` for a term (by the pole it echoes and its
    voice; ``t-g`` instead when ``axis`` is given and the term comes from
    another lexicon, one without poles), ``ct-p0|ct-p1|ct-n|ct-u`` for
    attributed content (by the source's side: a pole, another side, or
    unknown), ``src`` for a source, ``cue`` (``cue-ev`` when evaluative) for a
    cue, and ``bp`` for boilerplate. A ``title`` tooltip describes each
    segment. With ``inline``, each segment also carries the matching
    ``style`` attribute, for places without the report's style sheet.

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
        who = (f"{_iso(src.text)} ({_iso(src.type)}, {_iso(side) if side else 'side unknown'}"
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
                      f"{_iso(h.label)} → {_iso(h.referent)} [{_iso(h.lexicon)}]; echoes {_iso(h.echoes)}; "
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
        style = ""
        if inline:
            style = ' style="' + ";".join(_INLINE[c] for c in classes.split() if c in _INLINE) + '"'
        out.append(f'<span class="{classes}" title="{_E(tip)}"{style}>{seg}</span>')
    return "".join(out)


def _poles_of(lexicon_names) -> tuple[str | None, tuple[str, str] | None, list[str]]:
    """(axis lexicon, its poles, names of the packs without an axis) of an analysis's packs."""
    from .lexicon import load_lexicon

    axis, poles, plain = None, None, []
    for name in lexicon_names:
        try:
            lx = load_lexicon(name)
        except FramingError:
            continue
        if lx.poles and axis is None:
            axis, poles = lx.name, tuple(lx.poles)
        elif not lx.poles:
            plain.append(lx.name)
    return axis, poles, plain


def analysis_html(analysis: Analysis, *, max_chars: int | None = 20_000) -> str:
    """One analysis as a self-styled HTML fragment: a header line, a legend and the highlighted text.

    This is what Jupyter shows for an :class:`~framing.data.Analysis`
    (``Analysis._repr_html_``). Styles are inline, so the colours survive
    notebook viewers that drop ``<style>`` blocks. Texts longer than
    ``max_chars`` are shown up to that point (the analysis is not changed).
    """
    a = analysis.article
    axis, poles, plain = _poles_of(analysis.lexicons)
    an = analysis
    cut = max_chars is not None and len(a.text) > max_chars
    if cut:
        from dataclasses import replace

        text = a.text[:max_chars]
        keep = (lambda s, e: e <= max_chars)
        an = replace(analysis, article=replace(a, text=text),
                     terms=tuple(h for h in an.terms if keep(h.start, h.end)),
                     attributions=tuple(x for x in an.attributions
                                        if keep(x.content.start, x.content.end)
                                        and keep(x.cue.start, x.cue.end)
                                        and (x.source is None or keep(x.source.start, x.source.end))),
                     boilerplate=tuple((s, min(e, max_chars)) for s, e in an.boilerplate
                                       if s < max_chars))
    bits = [a.outlet, a.date, f"lean {_fmt(analysis.lean, 'lean')}",
            f"{len(analysis.terms)} terms", f"{len(analysis.attributions)} attributions",
            f"{analysis.n_words:,} words"]
    head = (f'<div style="font-weight:600">{_T(a.title or str(a.id))}</div>'
            f'<div style="color:#6b6b6b;font-size:.85em">'
            f"{' · '.join(_T(b) for b in bits if b)}</div>")
    p0, p1 = poles or ("first pole", "second pole")
    sw = (lambda cls, txt: f'<span class="{cls}" style="'
          + ";".join(_INLINE[c] for c in cls.split()) + f'">{txt}</span>')
    legend = (f'<div style="font-size:.8em;color:#444;margin:.3em 0">'
              f"{sw('t t-p0', 'echoes ' + _T(p0))} · {sw('t t-p1', 'echoes ' + _T(p1))} · "
              f"{sw('t t-n', 'neutral')} · solid own words, {sw('t t-n v-indirect', 'dotted')} "
              f"reported, {sw('t t-n v-direct', 'dashed')} quoted · {sw('cue', 'cue')} · "
              f"{sw('src', 'source')} · {sw('ct-p0', 'said by ' + _T(p0))} · "
              f"{sw('ct-p1', 'said by ' + _T(p1))} · {sw('ct-u', 'side unknown')}"
              + (f" · {sw('t t-g', 'word from ' + ', '.join(map(_T, plain)))}" if plain and axis else "")
              + "</div>")
    body = highlight_html(an, poles, axis if plain else None, inline=True)
    more = (f'<div style="color:#6b6b6b;font-size:.8em">… shown up to character {max_chars:,} of '
            f"{len(a.text):,}</div>" if cut else "")
    return (f'<div class="framing-analysis" style="font-family:system-ui,sans-serif">{head}{legend}'
            f'<div style="white-space:pre-wrap;line-height:1.7;border:1px solid #eee;'
            f'padding:.5em .8em;max-width:88ch">{body}</div>{more}</div>')


# -- tables in HTML --------------------------------------------------------------------

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
    """An HTML table of compare columns; the lean shows its interval, the others in a tooltip."""
    cols = []
    for c in columns:
        if c.endswith("*"):
            cols += [x for x in cmp.columns if x.startswith(c[:-1])
                     and not x.endswith(("_lo", "_hi"))]
        elif c in cmp.columns:
            cols.append(c)
    head = [f'<th class="l">{_T(by)}</th>']
    for c in cols:
        if c.startswith("voice_"):
            name, help_ = f"voice: {_T(c[6:])}", f"share of attributions to sources on side {_iso(c[6:])}"
        else:
            name, _, help_ = _COLUMN_HELP.get(c, (c, "num", c))
            name = _E(name)
        head.append(f'<th title="{_E(help_)}">{name}</th>')
    rows = []
    for _, r in cmp.iterrows():
        flag = "&nbsp;†" if str(r.get("warning", "") or "") else ""
        cells = [f"<td>{_T(str(r[by]))}{flag}</td>"]
        for c in cols:
            kind = "pct" if c.startswith("voice_") else _COLUMN_HELP.get(c, (c, "num"))[1]
            v = r[c]
            attrs = ""
            if c == "lean" and isinstance(v, float) and not math.isnan(v) and abs(v) >= 0.005:
                attrs = ' class="neg"' if v < 0 else ' class="pos"'
            cell = _fmt(v, kind)
            lo, hi = r.get(f"{c}_lo"), r.get(f"{c}_hi")
            if not _nan(lo) and not _nan(hi) and not _nan(v):
                if c == "lean":
                    cell += f' <span class="ci">[{_fmt(lo, kind)}, {_fmt(hi, kind)}]</span>'
                else:
                    attrs += f' title="95% interval {_fmt(lo, kind)} to {_fmt(hi, kind)}"'
            cells.append(f"<td{attrs}>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="wrap"><table><caption>{_E(caption)}</caption><thead><tr>'
            + "".join(head) + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def _legend(poles, others=()) -> str:
    p0, p1 = (poles or ("first pole", "second pole"))
    other = (f'<span><span class="t t-g">purple</span> word from {", ".join(map(_T, others))} '
             "(no axis)</span>") if others else ""
    return (
        '<div class="legend small"><b>Terms</b>'
        f'<span><span class="t t-p0">colour</span> echoes {_T(p0)}</span>'
        f'<span><span class="t t-p1">colour</span> echoes {_T(p1)}</span>'
        '<span><span class="t t-n">grey</span> neutral</span>' + other +
        '<span><span class="t t-n">solid</span> own words</span>'
        '<span><span class="t t-n v-indirect">dotted</span> reported speech</span>'
        '<span><span class="t t-n v-direct">dashed</span> inside a quotation</span></div>'
        '<div class="legend small"><b>Attributions</b>'
        '<span><span class="cue">bold</span> cue</span>'
        '<span><span class="cue cue-ev">bold italic</span> evaluative cue</span>'
        '<span><span class="src">double underline</span> source</span>'
        f'<span><span class="sw ct-p0"></span>said by a {_T(p0)} source</span>'
        f'<span><span class="sw ct-p1"></span>by a {_T(p1)} source</span>'
        '<span><span class="sw ct-n"></span>by a source on another side</span>'
        '<span><span class="sw ct-u"></span>side unknown</span></div>'
        '<div class="legend small"><b>Other</b>'
        '<span class="bp">grey text: page furniture (tagline, caption, related links), not scored</span>'
        "</div>"
    )


OPEN_BELOW = 4
"""Reports with fewer articles than this also show them, highlighted, on the index page."""

MAX_LABEL_CHARTS = 6
"""Label-choice charts drawn (for the most mentioned referents); the rest are listed."""


def _title_of(an: Analysis) -> str:
    a = an.article
    return a.title or _first_line(a.text, an.boilerplate) or str(a.id)


def _first_line(text: str, boilerplate) -> str | None:
    """The first line of ``text`` that is not page furniture, shortened to 120 characters."""
    from .text import lines, overlaps

    for s, e in lines(text):
        line = text[s:e].strip()
        if line and not overlaps(boilerplate, s, e):
            return line if len(line) <= 120 else line[:119].rstrip() + "…"
    return None


def _article_block(an: Analysis, poles, axis=None, open_: bool = False, href: str = "") -> str:
    """An article folded into the index (small reports): summary line, metadata, highlighted text."""
    a = an.article
    bits = [b for b in (a.date, f"lean {_fmt(an.lean, 'lean')}",
                        f"{len(an.terms)} terms", f"{len(an.attributions)} attributions") if b]
    link = f' · <a href="{href}">page</a>' if href else ""
    return (
        f'<details class="article"{" open" if open_ else ""}><summary>'
        f"{_T(_title_of(an))} <span class=\"muted small\">· {' · '.join(map(_T, bits))}</span>"
        f"</summary><div class=\"meta\">{' · '.join(_meta(an))}{link}</div>{_notes_of(an)}"
        f'<div class="body">{highlight_html(an, poles, axis)}</div></details>'
    )


def _meta(an: Analysis) -> list[str]:
    a = an.article
    meta = [f"id <code>{_T(str(a.id))}</code>", f"{an.n_words:,} words"]
    if a.url:
        meta.append(f"url <code>{_T(a.url)}</code>")
    if an.polarity is not None:
        meta.append(f"polarity {an.polarity:+.2f}, subjectivity {an.subjectivity:.2f}")
    return meta


def _notes_of(an: Analysis) -> str:
    return "".join(f'<div class="meta">note: {_T(n)}</div>' for n in getattr(an, "notes", ()))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _now() -> datetime:
    """The time of generation; ``SOURCE_DATE_EPOCH`` (seconds) pins it, for byte-identical reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    """CSV cells cannot hold lists: join them with ';'."""
    df = df.copy()
    for c in df.columns:
        if df[c].dtype == object and df[c].map(lambda v: isinstance(v, (list, tuple))).any():
            df[c] = df[c].map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return df


_SCORE_PREFIX = "score_"   # framing.classify.SCORE_PREFIX (not imported: scikit-learn is slow to load)


def _score_columns(art: pd.DataFrame, classes=None) -> list[str]:
    """The ``score_<class>`` columns of the article table that hold probabilities.

    A column counts when it is numeric (not boolean), has a value, and every
    value lies in 0 … 1, so a corpus field such as ``score_quality: 7`` is not
    shown as a classifier's probability. With ``classes`` (the model's), only
    that model's columns, in its class order.

    >>> df = pd.DataFrame({"id": ["a"], "score_x": [0.25], "score_n": [7], "score_b": [True]})
    >>> _score_columns(df), _score_columns(df, ["y", "x"])
    (['score_x'], ['score_x'])
    """
    if classes is not None:
        cols = [f"{_SCORE_PREFIX}{c}" for c in classes]
    else:
        cols = [c for c in art.columns
                if isinstance(c, str) and c.startswith(_SCORE_PREFIX) and c != _SCORE_PREFIX]
    out = []
    for c in cols:
        if c not in art.columns:
            continue
        v = art[c]
        if not pd.api.types.is_numeric_dtype(v) or pd.api.types.is_bool_dtype(v):
            continue
        v = v.dropna()
        if len(v) and ((v >= 0) & (v <= 1)).all():
            out.append(c)
    return out


def _model_info(model) -> dict | None:
    """What the report says about the classifier: file name and the facts on its card.

    ``model`` is a model file's path (its card is read beside it, see
    :func:`framing.classify.read_card`) or a :class:`framing.classify.Model`.
    Card values are checked for type: a card is a user's file like any other.
    """
    if model is None:
        return None
    card = getattr(model, "card", None)
    if isinstance(card, dict):
        file = card.get("model_file")
    else:
        from .classify.persist import read_card

        card, file = read_card(model), Path(model).name

    def part(d, key) -> dict:
        return d[key] if isinstance(d.get(key), dict) else {}

    cv, data = part(part(card, "metrics"), "cross_validation"), part(card, "training_data")

    def num(v):
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) \
            and math.isfinite(v) else None

    classes = card.get("classes")
    return {
        "file": str(file) if file else None,
        "name": str(card["name"]) if isinstance(card.get("name"), str) and card["name"] else None,
        "classes": [str(c) for c in classes] if isinstance(classes, list) else None,
        "unit": card.get("unit") if isinstance(card.get("unit"), str) else None,
        "macro_f1": num(cv.get("macro_f1")),
        "folds": int(cv["folds"]) if num(cv.get("folds")) else None,
        "n_records": int(data["n_records"]) if num(data.get("n_records")) else None,
        "sha256": str(card["model_sha256"]) if isinstance(card.get("model_sha256"), str) else None,
        "created": str(card["created"]) if isinstance(card.get("created"), str) else None,
    }


def _progress(it, enabled: bool, desc: str):
    """``it`` with a progress bar (tqdm.auto: a widget in notebooks with ipywidgets, else text on stderr)."""
    if not enabled:
        return it
    import warnings

    with warnings.catch_warnings():  # no ipywidgets: tqdm.auto warns, then draws text bars
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm
    return tqdm(it, desc=desc, unit=" articles", file=sys.stderr, delay=1.0, leave=False)


# -- the report --------------------------------------------------------------------------

_TABLE_DOCS = {
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
    "classifier_scores.csv": "mean classifier score per group and class, with 95% intervals "
                             "(the articles' score_<class> fields)",
    "articles.csv": "one row per article (article_table)",
    "terms.csv": "one row per term hit, with offsets (term_table)",
    "attributions.csv": "one row per attribution, with offsets (attribution_table)",
}


class _HitTables:
    """``terms.csv`` and ``attributions.csv``, written a row per hit as the analyses stream past.

    The report's charts need only counts per article (``tables(counts=True)``);
    the rows with texts and offsets go straight to disk, into temporary files
    beside their final names, which :meth:`finish` puts in place.
    """

    NAMES = ("terms.csv", "attributions.csv")

    def __init__(self, directory: Path, by: str):
        extra = [by] if by not in ("id", "outlet", "date") else []
        self.by = by if extra else None
        self.paths = [Path(directory) / n for n in self.NAMES]
        self.parts = [p.with_name(p.name + ".partial") for p in self.paths]
        self.files = [open(p, "w", encoding="utf-8", newline="") for p in self.parts]
        self.terms, self.attrs = (csv.writer(f, lineterminator="\n") for f in self.files)
        self.terms.writerow(["id", "outlet", "date", *extra] + TERM_COLUMNS[3:])
        self.attrs.writerow(["id", "outlet", "date", *extra] + ATTRIBUTION_COLUMNS[3:])

    def add(self, an: Analysis) -> None:
        a = an.article
        key = [a.id, a.outlet, a.date] + ([group_value(a, self.by)] if self.by else [])
        for h in an.terms:
            self.terms.writerow(map(_csv_cell, (*key, *term_values(h))))
        for x in an.attributions:
            self.attrs.writerow(map(_csv_cell, (*key, *attribution_values(x))))

    def finish(self) -> None:
        for f, part, path in zip(self.files, self.parts, self.paths):
            f.close()
            os.replace(part, path)

    def close(self) -> None:
        """Drop what was not finished."""
        for f, part in zip(self.files, self.parts):
            f.close()
            part.unlink(missing_ok=True)


def _csv_cell(v):
    """A cell as pandas writes it (lists joined with ';', as :func:`_csv_ready` does)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, (list, tuple)):
        return ";".join(map(str, v))
    return v


class _Spill:
    """Analyses written to a temporary file as they stream past, read back one at a time.

    The report needs every article twice (the tables first, then its page) but
    never all of them at once; this keeps an offset per article in memory and
    the analyses on disk (JSON, :func:`framing.data.analysis_record`).
    """

    def __init__(self):
        self.fh = tempfile.TemporaryFile()
        self.offsets = array("q")

    def add(self, an: Analysis) -> None:
        self.offsets.append(self.fh.tell())
        rec = json.dumps(analysis_record(an), ensure_ascii=False, default=str)
        self.fh.write(rec.encode("utf-8", "surrogatepass") + b"\n")

    def __len__(self) -> int:
        return len(self.offsets)

    def __getitem__(self, i: int) -> Analysis:
        self.fh.seek(self.offsets[i])
        rec = self.fh.readline().decode("utf-8", "surrogatepass")
        return analysis_from_record(json.loads(rec))

    def close(self) -> None:
        self.fh.close()


def _date_id(date, id_) -> tuple[str, str]:
    """The order of articles within a group: by date (missing first), then id."""
    return ("" if date is None or date != date else str(date)), str(id_)


class _Report:
    """Everything the pages are made of, computed in one pass over the analyses.

    The analyses stream through once: the tables, the word counts and the
    titles are built on the way, and each analysis goes to a temporary file
    (:class:`_Spill`) from which its page is written later, so memory holds
    the tables, not the articles.
    """

    def __init__(self, analyses, by, lexicons, title, generated, max_articles=None, model=None,
                 tables_dir=None):
        import framing
        from .lexicon import load_lexicon

        self.by = by
        self.spill = _Spill()
        self.hits = _HitTables(tables_dir, by) if tables_dir is not None else None
        self.words = WordCounts(by)
        self.titles: list[str] = []
        names: dict[str, None] = {}

        def tee(stream):
            for an in stream:
                names.update(dict.fromkeys(an.lexicons))
                self.words.add(an)
                self.titles.append(_title_of(an))
                self.spill.add(an)
                if self.hits is not None:
                    self.hits.add(an)
                yield an

        lexs = [load_lexicon(lx) for lx in lexicons] if lexicons is not None else None
        try:
            self.tabs = tables(tee(analyses), by=by, lexicons=lexs, counts=True)
        except BaseException:
            self.close()
            raise
        self.n_terms = int(self.tabs.terms["count"].sum()) if len(self.tabs.terms) else 0
        self.n_attributions = (int(self.tabs.attributions["count"].sum())
                               if len(self.tabs.attributions) else 0)
        self.lexs = lexs if lexs is not None else [load_lexicon(nm) for nm in names]
        self.n = len(self.spill)
        art = self.tabs.articles
        self.poles, self.axis = art.attrs.get("poles"), art.attrs.get("axis")
        self.plain = [lx.name for lx in self.lexs if not lx.poles] if self.axis else []
        self.model = model   # from _model_info
        self.score_cols = _score_columns(art, self.model and self.model["classes"])
        self.generated = generated or _now()
        self.version = str(getattr(framing, "__version__", "unknown"))
        self.title = title or f"Framing report: {_plural(self.n, 'article')}"
        self.max_articles = max_articles
        self.figures: list[tuple[str, Figure]] = []   # (title, figure), for the PDF
        self.csv: dict[str, pd.DataFrame] = {"articles.csv": art}   # + terms, attributions: _HitTables
        # groups, and the order of articles (by group, then date and id), as article numbers
        by_group: dict = {}
        keys = art[by].map(group_key) if self.n else []
        for i, g in enumerate(keys):
            by_group.setdefault(g, []).append(i)
        dates, ids = art["date"].tolist(), art["id"].tolist()
        self.by_group = {g: sorted(v, key=lambda i: _date_id(dates[i], ids[i]))
                         for g, v in sorted(by_group.items(), key=lambda kv: str(kv[0]))}
        self.pages: list[int] = []        # articles with a page, in page order
        for g, items in self.by_group.items():
            self.pages += items[:max_articles] if max_articles is not None else items
        self.page_no = {a: i + 1 for i, a in enumerate(self.pages)}
        self.width = max(4, len(str(len(self.pages))))

    def close(self) -> None:
        self.spill.close()
        if self.hits is not None:
            self.hits.close()

    def href(self, i: int, prefix: str = "articles/") -> str | None:
        """The page of article number ``i`` (in the order read), or None when it has none."""
        p = self.page_no.get(i)
        return None if p is None else f"{prefix}{p:0{self.width}d}.html"

    def chart(self, title: str, fig: Figure) -> str:
        self.figures.append((title, fig))
        return _png(fig)

    # -- sections ----------------------------------------------------------------
    def index(self) -> str:
        parts = [
            f"<h1>{_T(self.title)}</h1>",
            f'<p class="muted small">Generated {self.generated.isoformat(timespec="seconds")} by '
            f"framing {_E(self.version)}.</p>",
        ]
        if self.n:
            self.cmp = compare(self.tabs, by=self.by)
            self.csv["compare.csv"] = self.cmp
            self.order = list(self.cmp[self.by])
        body = self._summary()
        if self.n:
            body += self._profile()
            body += self._scores()
            body += self._labels()
            body += self._voices()
            body += self._cues()
            body += self._distinctive()
            body += self._over_time()
        else:
            body.append("<p>No articles.</p>")
        body += self._articles()
        body += self._tables()
        body += self._provenance()
        nav = [("summary", "Summary")]
        for anchor, name in (("profile", "Profiles"), ("scores", "Classifier scores"),
                             ("labels", "Labels"), ("voices", "Voices"),
                             ("cues", "Cues"), ("quoted", "Own words"),
                             ("distinctive", "Distinctive terms"), ("time", "Over time")):
            if f'id="{anchor}"' in "".join(body):
                nav.append((anchor, name))
        nav += [("articles", "Articles"), ("tables", "Tables"), ("provenance", "Provenance")]
        parts.append("<nav>" + "".join(f'<a href="#{a}">{n}</a>' for a, n in nav) + "</nav>")
        return _page(_iso(self.title), parts + body)

    def _summary(self) -> list[str]:
        art, by = self.tabs.articles, self.by
        n_groups = len(self.by_group)
        out = ['<h2 id="summary">Summary</h2><div class="cards">']
        cards = [("articles", f"{self.n:,}"), (f"{_T(by)} groups", f"{n_groups:,}"),
                 ("words", f"{int(art['n_words'].sum()) if len(art) else 0:,}"),
                 ("lexicon terms", f"{self.n_terms:,}"),
                 ("attributions", f"{self.n_attributions:,}")]
        dates = sorted(str(d) for d in art["date"] if isinstance(d, str) and d.strip()) \
            if len(art) else []
        if dates:
            cards.append(("dates", f"{_T(dates[0][:10])} – {_T(dates[-1][:10])}"))
        for label, val in cards:  # both already HTML
            out.append(f'<div class="card"><b>{val}</b><span class="small muted">'
                       f"{label}</span></div>")
        out.append("</div>")
        if self.n and self.poles:
            out.append(self._findings())
        items = []
        for lx in self.lexs:
            ax_txt = (f" — axis “{_T(lx.axis_name or '')}”: {_T(lx.poles[0])} (−1) ↔ "
                      f"{_T(lx.poles[1])} (+1)" if lx.poles else " — no axis (terms counted, no lean)")
            items.append(f"<li><b>{_T(lx.name)}</b> {_T(lx.version or '')}{ax_txt}</li>")
        out.append(f"<p>Lexicons:</p><ul>{''.join(items) or '<li>none</li>'}</ul>")
        if self.axis:
            out.append(f"<p>The lean is measured on the axis of <b>{_T(self.axis)}</b>.</p>")
        out.append(_general_notes(self.poles, by))
        return out

    def _findings(self) -> str:
        """A few sentences: the groups at either end of the lean, and the groups too small to trust."""
        cmp = self.cmp
        by, p0, p1 = self.by, *self.poles
        ok = cmp[cmp["lean"].notna() & (cmp["warning"].astype(str) == "")]
        lines = []

        def one(r):
            ci = (f" [{_fmt(r['lean_lo'], 'lean')}, {_fmt(r['lean_hi'], 'lean')}]"
                  if "lean_lo" in r and not _nan(r["lean_lo"]) else "")
            return (f"<b>{_T(str(r[by]))}</b> (lean {_fmt(r['lean'], 'lean')}{ci}, "
                    f"{_plural(int(r['n_articles']), 'article')})")

        if len(ok) >= 2:
            first, last = ok.iloc[0], ok.iloc[-1]
            lines.append(f"Closest to the wording of {_T(p0)}: {one(first)}; closest to "
                         f"{_T(p1)}: {one(last)}.")
            if "lean_hi" in ok and not _nan(first["lean_hi"]) and not _nan(last["lean_lo"]):
                apart = first["lean_hi"] < last["lean_lo"]
                lines.append("Their 95% intervals do not overlap." if apart else
                             "Their 95% intervals overlap: the difference may be chance.")
        elif len(ok) == 1:
            lines.append(f"One group with enough articles: {one(ok.iloc[0])}.")
        small = cmp[cmp["warning"].astype(str) != ""]
        if len(small):
            lines.append(
                f"{_plural(len(small), 'group')} with fewer than {stats.MIN_ARTICLES} articles "
                f"(marked †; their intervals are unreliable): "
                + ", ".join(_T(str(g)) for g in small[by]) + ".")
        return "<p>" + " ".join(lines) + "</p>" if lines else ""

    def _profile(self) -> list[str]:
        cmp, by = self.cmp, self.by
        out = [f'<h2 id="profile">Framing profile per {_T(by)}</h2>']
        try:
            fig = Figure(figsize=(12.5, 0.3 * len(cmp) + 1.3), layout="constrained")
            P.plot_profile(cmp, by=by, fig=fig, poles=self.poles)
            out.append(_img(self.chart(f"Profile per {by}", fig), f"Framing profile per {_iso(by)}"))
            out.append(_note(
                "Each panel is one measure; each row one group, in the same order in every panel "
                "(by lean). Dots are the group's value, grey bars its 95% bootstrap interval "
                "over articles.",
                "Read a row across to see a group's profile, a panel down to compare groups. "
                "Loaded terms are lexicon labels that echo one side's wording; "
                "“own words” is the share of them outside quotations and reported speech; "
                "attributions are quotations and reported statements, by the side of the source, "
                "named or not, and with an evaluative cue (“claimed”, “admitted”) or not.",
                "A wide bar means few articles or articles that disagree; † marks groups with fewer "
                f"than {stats.MIN_ARTICLES} articles."))
        except ValueError:
            pass
        fig, ax = _figure(len(cmp))
        P.plot_lean(cmp, by=by, ax=ax, poles=self.poles)
        out.append(_img(self.chart(f"Lean per {by}", fig), f"Lean per {_iso(by)}"))
        out.append(_note(
            "The lean of each group: the balance of the loaded words it uses, from −1 (all echo "
            f"{_T(self.poles[0]) if self.poles else 'the first pole'}) to +1 (all echo "
            f"{_T(self.poles[1]) if self.poles else 'the second pole'}), pooled over the group's "
            "articles (n = articles).",
            "The dot is the lean, the black bar its 95% bootstrap interval over articles. Two "
            "groups whose bars do not overlap differ by more than the luck of which articles were "
            "collected.",
            "The lean measures word choice against one lexicon, not accuracy or intent; groups "
            "that cover different stories can differ for that reason alone (compare within the "
            "same events with <code>framing compare --events</code>)."))
        out.append(_compare_table(cmp, by, _WORD_COLUMNS,
                                  "Word choice (hover a heading for its meaning, a value for its "
                                  "interval)"))
        out.append(_compare_table(cmp, by, _SOURCE_COLUMNS, "Sources (shares of attributions)"))
        return out

    def _score_table(self) -> pd.DataFrame:
        """Mean score per group and class, with bootstrap intervals, in the order of the profile.

        A group's mean is the sum of its articles' scores over the number of
        articles with a score, and its interval resamples the group's articles
        (:func:`framing.stats.bootstrap_ratios`), as :func:`framing.compare.compare`
        does for the mean polarity, with the same per-group seed.
        """
        art, by, cols = self.tabs.articles, self.by, self.score_cols
        labels = art[by].map(group_key).map(str).to_numpy(dtype=object)  # as compare's bootstrap
        scores = art[cols].to_numpy(dtype=float)
        have = ~np.isnan(scores)
        num, den = np.where(have, scores, 0.0), have.astype(float)
        lo, hi = stats.bootstrap_ratios(labels, num, den)
        ids = art["id"].to_numpy(dtype=object)
        rows = []
        for g in self.order:
            rows_g = labels == str(g)
            scored = rows_g & have.any(axis=1)
            n = int(scored.sum())
            row = {by: g, "n_articles": n}
            for j, c in enumerate(cols):
                d = den[rows_g, j].sum()
                row[c] = num[rows_g, j].sum() / d if d else math.nan
                row[f"{c}_lo"] = lo.loc[str(g), j] if str(g) in lo.index else math.nan
                row[f"{c}_hi"] = hi.loc[str(g), j] if str(g) in hi.index else math.nan
            row["warning"] = stats.few_articles_warning(n)
            row["article_ids"] = ids[scored].tolist()
            rows.append(row)
        return pd.DataFrame(rows, columns=[by, "n_articles",
                                           *(x for c in cols for x in (c, f"{c}_lo", f"{c}_hi")),
                                           "warning", "article_ids"])

    def _model_line(self) -> str:
        """One sentence naming the model and its cross-validated macro-F1 (from its card)."""
        m = self.model
        if m is None:
            return ("The articles carry scores from a classifier (their <code>score_&lt;class&gt;"
                    "</code> fields); the report was not told which model made them.")
        facts = []
        if m["name"] and m["name"] != Path(m["file"] or "").stem:
            facts.append(f"named “{_T(m['name'])}”")
        if m["n_records"]:
            facts.append(f"trained on {_plural(m['n_records'], 'labelled record')}")
        if m["macro_f1"] is not None:
            facts.append(f"cross-validated macro-F1 <b>{m['macro_f1']:.2f}</b>"
                         + (f" over {m['folds']} folds" if m["folds"] else ""))
        else:
            facts.append("no cross-validated score on its card")
        file = f"<code>{_T(m['file'])}</code>" if m["file"] else "(file name not on its card)"
        return f"Each article was scored by the classifier {file} ({'; '.join(facts)})."

    def _scores(self) -> list[str]:
        """The mean classifier score per group and class, when the articles were scored."""
        cols, by = self.score_cols, self.by
        if not cols and self.model is None:
            return []
        out = ['<h2 id="scores">Classifier scores</h2>', f"<p>{self._model_line()}</p>"]
        if not cols:
            return out + ["<p>No article carries a score from this model (score the articles "
                          "with <code>framing.classify.with_scores</code>, or run "
                          "<code>framing report --model</code>).</p>"]
        sc = self._score_table()
        self.csv["classifier_scores.csv"] = sc
        sentences = self.model is not None and self.model["unit"] == "sentence"
        out.append(
            "<p>A class's score is the model's probability that an article belongs to that class"
            + (" (this model was trained on sentences, so an article's probability is the mean "
               "over its sentences)" if sentences else "")
            + ", averaged over the group's articles.</p>")
        head = [f'<th class="l">{_T(by)}</th>', '<th title="articles with a score">articles</th>']
        for c in cols:
            cls = c[len(_SCORE_PREFIX):]
            head.append(f'<th title="mean score for class {_E(_iso(cls))}, with its 95% interval">'
                        f"{_T(cls)}</th>")
        rows = []
        for _, r in sc.iterrows():
            warn = str(r["warning"] or "")
            flag = f'&nbsp;<span title="{_E(warn)}">†</span>' if warn else ""
            cells = [f"<td>{_T(str(r[by]))}{flag}</td>", f"<td>{_fmt(r['n_articles'], 'int')}</td>"]
            for c in cols:
                cell = _fmt(r[c])
                if not _nan(r[c]) and not _nan(r[f"{c}_lo"]) and not _nan(r[f"{c}_hi"]):
                    cell += f' <span class="ci">[{_fmt(r[f"{c}_lo"])}, {_fmt(r[f"{c}_hi"])}]</span>'
                cells.append(f"<td>{cell}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        out.append(f'<div class="wrap"><table class="scores"><caption>Mean score per {_T(by)} '
                   "(95% interval in brackets)</caption><thead><tr>" + "".join(head)
                   + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")
        out.append(_note(
            "For each group (row) and class (column), the mean of the model's probabilities over "
            "the group's articles; “articles” counts the articles with a score.",
            "Grey brackets are the 95% bootstrap interval over articles: groups whose intervals "
            "do not overlap differ by more than the luck of which articles were collected. Each "
            "article's scores are on its page and in "
            '<a href="tables/articles.csv">tables/articles.csv</a>.',
            "The model learned its classes from other texts, and its macro-F1 says how well it "
            "did on those, not on these articles; a mean probability is not a share of articles "
            f"in the class. † marks groups with fewer than {stats.MIN_ARTICLES} articles."))
        return out

    def _labels(self) -> list[str]:
        by = self.by
        out = ['<h2 id="labels">Label choice per referent</h2>']
        axis_names = [lx.name for lx in self.lexs if lx.poles]
        terms = self.tabs.terms
        ls = label_shares(terms[terms["lexicon"].isin(axis_names)], by=by)  # charted packs only
        self.csv["label_shares.csv"] = ls
        charts, listed = [], []
        for lx in self.lexs:
            sub = ls[ls["lexicon"] == lx.name] if lx.poles and len(ls) else ls.iloc[0:0]
            totals = sub.groupby("referent")["count"].sum().sort_values(ascending=False,
                                                                         kind="mergesort")
            for ref in totals.index:
                rs = sub[sub["referent"] == ref]
                if rs["label"].nunique() < 2:
                    continue
                (charts if len(charts) < MAX_LABEL_CHARTS else listed).append((lx, ref, rs,
                                                                              int(totals[ref])))
        if not charts:
            return out + ["<p>No referent of an axis lexicon was named with two or more "
                          "different labels.</p>"]
        out.append(_note(
            "For one actor (a <i>referent</i>), which labels each group uses: shares of the "
            "group's mentions of that actor, so a group that mentions it rarely and one that "
            "mentions it often are compared fairly. Labels echoing "
            f"{_T(self.poles[0]) if self.poles else 'the first pole'} are vermillion, on the left; "
            "neutral ones grey; those echoing "
            f"{_T(self.poles[1]) if self.poles else 'the second pole'} blue, on the right.",
            "Each bar is one group (n = mentions). The thin black whisker under a segment is the "
            "95% interval of that label's share, drawn from the segment's left edge.",
            "Shares from a handful of mentions are noisy; † marks groups with fewer than "
            f"{stats.MIN_ARTICLES} articles that mention the actor. Open “labels used” for each "
            "label's wording and note in the lexicon."))
        for lx, ref, rs, total in charts:
            legend_rows = math.ceil(min(rs["label"].nunique(), 9) / 3)
            fig, ax = _figure(rs[by].nunique(), extra=1.3 + 0.17 * legend_rows)
            P.plot_label_shares(rs, ref, by=by, ax=ax, lexicon=lx.name, poles=lx.poles,
                                order=self.order)
            try:
                desc = lx.referent(ref).description
            except KeyError:
                desc = ""
            out.append(f'<h3>{_T(ref)} <span class="muted small">({_T(lx.name)}, '
                       f"{_plural(total, 'mention')})</span></h3>")
            if desc:
                out.append(f'<p class="small muted">{_T(desc)}</p>')
            out.append(_img(self.chart(f"Labels for {ref}", fig),
                            f"Label shares for {_iso(ref)} per {_iso(by)}"))
            out.append(_label_notes(lx, ref, set(rs["label"])))
        if listed:
            rows = "".join(
                f'<tr><td class="l">{_T(ref)}</td><td class="l">{_T(lx.name)}</td>'
                f"<td>{total:,}</td><td class=\"w\">"
                f"{', '.join(f'{_T(lb)} {c}' for lb, c in rs.groupby('label')['count'].sum().sort_values(ascending=False).items())}"
                "</td></tr>" for lx, ref, rs, total in listed)
            out.append(f'<details class="small"><summary>{len(listed)} more referents with two or '
                       "more labels (all groups pooled; per group in "
                       '<a href="tables/label_shares.csv">tables/label_shares.csv</a>)</summary>'
                       '<div class="wrap"><table><thead><tr><th class="l">referent</th>'
                       '<th class="l">lexicon</th><th>mentions</th><th class="l">labels (count)</th>'
                       f"</tr></thead><tbody>{rows}</tbody></table></div></details>")
        return out

    def _share_chart(self, table, plot_fn, title, alt, **kw) -> str:
        fig, ax = _figure(table[self.by].nunique(), extra=1.5)
        plot_fn(table, by=self.by, ax=ax, order=self.order, **kw)
        return _img(self.chart(title, fig), alt)

    def _voices(self) -> list[str]:
        by = self.by
        out = ['<h2 id="voices">Whose voice: who is quoted and cited</h2>']
        vs = voice_shares(self.tabs, by=by)
        ss = source_shares(self.tabs, by=by)
        ns = named_shares(self.tabs, by=by)
        self.csv.update({"voice_shares.csv": vs, "source_shares.csv": ss,
                         "named_shares.csv": ns})
        if vs.empty:
            return out + ["<p>No attributions found.</p>"]
        p0, p1 = (self.poles or ("the first pole", "the second pole"))
        out.append("<h3>By the side of the source</h3>")
        out.append(self._share_chart(vs, P.plot_voice_shares, f"Source sides per {by}",
                                     f"Source sides per {_iso(by)}", poles=self.poles))
        out.append(_note(
            "Each quotation or reported statement is credited to a source; this is the share "
            f"of each group's attributions whose source is on the side of {_T(p0)} (vermillion), "
            f"of {_T(p1)} (blue), or unknown (grey: no source found, or a source without a side, "
            "such as a wire agency).",
            "Bars are groups (n = attributions); whiskers are 95% intervals of each share.",
            "Sides come from the lexicon's list of actors; a source the lexicon does not know "
            "counts as unknown."))
        out.append("<h3>By the type of source</h3>")
        out.append(self._share_chart(ss, P.plot_source_shares, f"Source types per {by}",
                                     f"Source types per {_iso(by)}"))
        out.append(_note(
            "The same attributions by the type of source: officials, the military, opposition "
            "politicians, armed groups, monitors and NGOs, international bodies, foreign "
            "governments, media, anonymous sources.",
            "Colours are fixed per type in every chart; wide segments carry their name.",
            "Types are assigned by rules from the words naming the source."))
        out.append("<h3>Named or anonymous</h3>")
        out.append(self._share_chart(ns, P.plot_named_shares, f"Named sources per {by}",
                                     f"Named and anonymous sources per {_iso(by)}"))
        out.append(_note(
            "Whether the source is named (a person or organisation by name) or anonymous "
            "(“a military source”, “activists”), or no source was found.",
            "Bars are groups (n = attributions); whiskers are 95% intervals.",
            "An anonymous source is not a false one; the share says how checkable the reporting is."))
        return out

    def _cues(self) -> list[str]:
        by = self.by
        out = []
        cs = cue_stances(self.tabs, by=by)
        self.csv["cue_stances.csv"] = cs
        if not cs.empty:
            out += ['<h2 id="cues">Cue stance: “said” or “claimed”</h2>',
                    self._share_chart(cs, P.plot_cue_stances, f"Cue stance per {by}",
                                      f"Cue stance per {_iso(by)}"),
                    _note("The verb or phrase that introduces a statement: neutral (said, told, "
                          "added, reported) or evaluative (claimed, alleged, admitted, insisted, "
                          "boasted…), which casts doubt or colour on what follows.",
                          "Bars are groups (n = attributions); whiskers are 95% intervals.",
                          "An evaluative cue can be accurate (“admitted” after a denial); compare "
                          "groups, and read the articles.")]
        sp = voice_split(self.tabs, by=by)
        self.csv["voice_split.csv"] = sp
        if not sp.empty:
            out += ['<h2 id="quoted">Own words or quoted: whose voice the loaded terms are in</h2>',
                    self._share_chart(sp, P.plot_voice_split, f"Voice of loaded terms per {by}",
                                      f"Voice of loaded terms per {_iso(by)}"),
                    _note("Where a group's loaded terms sit: in its own narration, in reported "
                          "speech (“officials said rebels …”), or inside quotation marks.",
                          "Bars are groups (n = loaded terms); whiskers are 95% intervals. A high "
                          "“narrator” share means the outlet uses the loaded words itself.",
                          "Quoting a loaded word is a choice too, but a weaker one: the lean "
                          "counts quoted words a quarter and reported ones half.")]
        return out

    def _distinctive(self) -> list[str]:
        by, cmp = self.by, self.cmp
        out = []
        ok = cmp[cmp["n_articles"] >= stats.MIN_ARTICLES]
        if len(ok) < 2:
            ok = cmp[cmp["n_articles"] >= 2]
        groups = [g for g in ok[by]]
        if len(groups) < 2:
            return out
        out.append('<h2 id="distinctive">Distinctive terms</h2>')
        with_lean = ok[ok["lean"].notna()]
        if self.poles and len(with_lean) >= 2:
            a, b = with_lean.iloc[-1][by], with_lean.iloc[0][by]   # second pole end, first pole end
            why = (f"the two groups at the ends of the lean: <b>{_T(str(a))}</b> (closest to "
                   f"{_T(self.poles[1])}) and <b>{_T(str(b))}</b> (closest to {_T(self.poles[0])})")
            colors = (P.POLE_COLORS[1], P.POLE_COLORS[0])
        else:
            big = ok.sort_values("n_articles", ascending=False, kind="mergesort")
            a, b = big.iloc[0][by], big.iloc[1][by]
            why = f"the two largest groups, <b>{_T(str(a))}</b> and <b>{_T(str(b))}</b>"
            colors = None
        try:
            dw = distinctive_terms(self.words, a, b, by=by, lexicons=self.lexs, min_count=3)
        except FramingError:
            dw = pd.DataFrame()
        if len(dw):
            self.csv["distinctive_words.csv"] = dw
            fig = Figure(figsize=(7.5, 0.2 * 24 + 1.1), layout="constrained")
            P.plot_distinctive_terms(dw, n=12, ax=fig.add_subplot(), colors=colors)
            out.append(f"<h3>Words: {_T(str(a))} vs {_T(str(b))}</h3>")
            out.append(_img(self.chart(f"Distinctive words {a} vs {b}", fig),
                            f"Distinctive words of {_iso(a)} against {_iso(b)}"))
            out.append(_note(
                f"The words most typical of each of {why}: the log-odds ratio with an "
                "informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), as a z-score.",
                "Bars to the right are typical of the first group, to the left of the second; "
                "the numbers are the word's counts in each (first : second). |z| &gt; 2 is "
                "unlikely to be chance.",
                "Distinctive words show what a group writes about as much as how: they mix topic "
                "and framing. English stop words are left out; words used fewer than 3 times in "
                "both groups together are dropped."))
        rows = []
        frames = []
        for g in groups:
            try:
                dl = distinctive_terms(self.tabs, g, by=by, unit="label")
            except FramingError:
                continue
            dl = dl.assign(**{by: g})
            frames.append(dl)
            top = dl[(dl["z"] > 2) & (dl["count_a"] >= 3)].head(5)
            cells = ", ".join(_label_z(t, z) for t, z in zip(top["term"], top["z"]))
            rows.append(f"<tr><td>{_T(str(g))}</td><td class=\"w\">{cells or '–'}</td></tr>")
        if frames:
            self.csv["distinctive_labels.csv"] = pd.concat(frames, ignore_index=True)
            out.append(f"<h3>Labels typical of each {_T(by)}</h3>")
            out.append('<div class="wrap"><table><thead><tr><th class="l">' + _T(by) +
                       '</th><th class="l">labels used more than by the other groups '
                       "(referent, z)</th></tr></thead><tbody>" + "".join(rows) +
                       "</tbody></table></div>")
            out.append(_note(
                "For each group with enough articles, the lexicon labels it uses more than all "
                "the other groups together (log-odds z &gt; 2, used at least 3 times).",
                "Labels are counted per mention. Each group is compared with the rest, so one "
                "group's list does not depend on which other group you compare it with.",
                "A label can be typical of a group because that group covers its referent more; "
                "the label-choice charts above control for that."))
        return out

    def _over_time(self) -> list[str]:
        art, by = self.tabs.articles, self.by
        from .groups import date_bucket

        if not len(art):
            return []
        months = date_bucket(art["date"], "month")
        dated = months[months != "(none)"]
        if len(dated) < max(3, 0.5 * len(art)) or dated.nunique() < 2:
            return []
        every = "month"
        if dated.nunique() < 4:
            weeks = date_bucket(art["date"], "week")
            if weeks[weeks != "(none)"].nunique() >= 3:
                every = "week"
        out = ['<h2 id="time">Over time</h2>']
        pooled = art.assign(_all="all articles")
        pooled.attrs.update(art.attrs)
        ot_all = compare(pooled, by="_all", every=every)
        ot = compare(self.tabs, by=by, every=every)
        self.csv["over_time.csv"] = ot
        if self.axis and ot_all["lean"].notna().any():
            fig = Figure(figsize=(9, 2.4), layout="constrained")
            P.plot_over_time(ot_all, "lean", by="_all", fig=fig, ncols=1, poles=self.poles)
            out.append(_img(self.chart("Lean over time", fig), f"Lean per {every}, all articles"))
            groups = ot[ot[every] != "(none)"].groupby(by)[every].nunique()
            multi = [g for g in self.order if groups.get(g, 0) >= 2]
            if multi:
                ncols = 4 if len(multi) > 6 else 3
                fig = Figure(figsize=(11, 1.75 * math.ceil(min(len(multi), 16) / ncols) + 0.5),
                             layout="constrained")
                P.plot_over_time(ot[ot[by].isin(multi)], "lean", by=by, fig=fig, ncols=ncols,
                                 poles=self.poles)
                out.append(_img(self.chart(f"Lean over time per {by}", fig),
                                f"Lean per {every} for each {_iso(by)}"))
            out.append(_note(
                f"The lean per {every}: first for all articles together, then for each {_T(by)} "
                f"with articles in two or more {every}s (at most 16, the largest).",
                "Dot size is the number of articles in the bucket; grey bars are 95% intervals. "
                "The panels share their axes, so heights compare across groups.",
                "Buckets with one or two articles swing widely; look for runs of dots, not "
                "single ones. The line for all articles also moves when the mix of "
                f"{_T(by)}s collected changes from {every} to {every}. Articles without a "
                "readable date are left out."))
        return out

    def _articles(self) -> list[str]:
        out = ['<h2 id="articles">Articles</h2>']
        n_all = sum(len(v) for v in self.by_group.values())
        small = n_all < OPEN_BELOW
        if small:
            out.append(_legend(self.poles, self.plain))
        if self.max_articles is not None and len(self.pages) < n_all:
            out.append(f'<p class="small note warn">Pages were written for the first '
                       f"{self.max_articles:,} articles of each {_T(self.by)} (by date); all "
                       f"{n_all:,} are in <a href=\"tables/articles.csv\">tables/articles.csv</a>.</p>")
        out.append('<p class="small muted">Open a group to list its articles; each title opens '
                   "the article's page, with its terms and attributions highlighted.</p>")
        art = self.tabs.articles
        dates, leans = art["date"].tolist(), art["lean"].tolist()
        n_terms, n_attrs = art["n_terms"].tolist(), art["n_attributions"].tolist()
        for g, items in self.by_group.items():
            out.append(f'<details class="group"{" open" if small else ""}><summary>{_T(str(g))} '
                       f'<span class="muted small">({_plural(len(items), "article")})</span></summary>')
            if small:
                out.extend(_article_block(self.spill[i], self.poles,
                                          self.axis if self.plain else None,
                                          open_=True, href=self.href(i) or "")
                           for i in items)
            else:
                rows = []
                shown = [i for i in items if self.href(i)]
                for i in shown:
                    d, lean = dates[i], leans[i]
                    rows.append(
                        f"<tr><td>{_T(_date_id(d, '')[0])}</td><td><a href=\"{self.href(i)}\">"
                        f"{_T(self.titles[i])}</a></td><td{_lean_cls(lean)}>"
                        f"{_fmt(lean, 'lean')}</td><td>{n_terms[i]}</td>"
                        f"<td>{n_attrs[i]}</td></tr>")
                out.append('<div class="wrap"><table class="list"><thead><tr><th class="l">date</th>'
                           '<th class="l">title</th><th>lean</th><th>terms</th>'
                           "<th>attributions</th></tr></thead><tbody>" + "".join(rows)
                           + "</tbody></table></div>")
                if len(shown) < len(items):
                    out.append(f'<p class="small muted">… and {len(items) - len(shown):,} more '
                               "without a page.</p>")
            out.append("</details>")
        return out

    def _tables(self) -> list[str]:
        items = "".join(f'<li><a href="tables/{name}">{name}</a> — {_E(_TABLE_DOCS.get(name, ""))}</li>'
                        for name in sorted([*self.csv, *_HitTables.NAMES],
                                           key=lambda n: list(_TABLE_DOCS).index(n)
                                           if n in _TABLE_DOCS else 99))
        return ['<h2 id="tables">Tables</h2>',
                "<p>Every chart and table above is drawn from a table saved beside this page, "
                "as CSV (lists of article ids joined with “;”). Each group row keeps the ids "
                "of the articles behind it, so every number traces back to articles and, through "
                "<code>terms.csv</code> and <code>attributions.csv</code>, to character offsets "
                "in their text.</p>",
                f"<ul class=\"small\">{items}</ul>"]

    def _provenance(self) -> list[str]:
        by = self.by
        rows = [
            ("framing version", _E(self.version)),
            ("generated (UTC)", _E(self.generated.isoformat(timespec="seconds"))),
            ("parameters", f"by = <code>{_T(by)}</code>; intervals: "
                           f"{int(stats.LEVEL * 100)}% percentile bootstrap over articles, "
                           f"{stats.DEFAULT_RESAMPLES} resamples, seed {stats.DEFAULT_SEED}; "
                           f"groups under {stats.MIN_ARTICLES} articles flagged; at most "
                           f"{MAX_LABEL_CHARTS} label charts"
                           + (f"; article pages: first {self.max_articles} per group"
                              if self.max_articles is not None else "")),
            ("lexicons", "<br>".join(
                f"{_T(lx.name)} {_T(lx.version or '')} — sha256 <code>{_E(lx.sha256)}</code>"
                for lx in self.lexs) or "none"),
            *([("classifier", self._model_provenance())] if self.score_cols or self.model else []),
            (f"articles per {_T(by)}",
             ", ".join(f"{_T(str(g))}: {len(v)}" for g, v in self.by_group.items()) or "none"),
            ("software", _E(f"Python {platform.python_version()}, pandas {pd.__version__}, "
                            f"matplotlib {matplotlib.__version__}")),
        ]
        return (['<h2 id="provenance">Provenance</h2><dl class="prov">']
                + [f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows] + ["</dl>"])

    def _model_provenance(self) -> str:
        m = self.model
        if m is None:
            return ("score_&lt;class&gt; fields of the articles: "
                    + ", ".join(_T(c[len(_SCORE_PREFIX):]) for c in self.score_cols)
                    + " (model not given to the report)")
        bits = [f"<code>{_T(m['file'] or 'model file not named on its card')}</code>"]
        if m["sha256"]:
            bits.append(f"sha256 <code>{_E(m['sha256'])}</code>")
        if m["created"]:
            bits.append(f"trained {_T(m['created'])}")
        if m["classes"]:
            bits.append("classes " + ", ".join(map(_T, m["classes"])))
        return "; ".join(bits)

    # -- article pages ------------------------------------------------------------
    def article_page(self, i: int) -> str:
        an = self.spill[self.pages[i]]
        a = an.article
        title = _title_of(an)
        prev_ = self.href(self.pages[i - 1], "") if i > 0 else None
        next_ = self.href(self.pages[i + 1], "") if i + 1 < len(self.pages) else None
        g = group_key(getattr(a, self.by, None) if self.by in ("outlet", "date", "id", "title", "url")
                      else (a.meta or {}).get(self.by))
        pager = ('<div class="pager"><a href="../index.html#articles">↑ all articles</a>'
                 + (f'<a href="{prev_}">← previous</a>' if prev_ else "")
                 + (f'<a href="{next_}">next →</a>' if next_ else "")
                 + f'<span class="muted">{i + 1:,} of {len(self.pages):,}</span></div>')
        bits = [f"{_T(self.by)}: <b>{_T(str(g))}</b>"]
        if a.date:
            bits.append(_T(str(a.date)))
        bits.append(f"lean <b>{_fmt(an.lean, 'lean')}</b>")
        bits.append(f"{_plural(len(an.terms), 'term')}, {_plural(len(an.attributions), 'attribution')}")
        parts = [pager, f"<h1>{_T(title)}</h1>", f'<div class="meta">{" · ".join(bits)}</div>',
                 f'<div class="meta">{" · ".join(_meta(an))}</div>', self._article_scores(an),
                 _notes_of(an),
                 _legend(self.poles, self.plain),
                 f'<div class="body">{highlight_html(an, self.poles, self.axis if self.plain else None)}</div>',
                 _terms_table(an), _attributions_table(an), pager]
        return _page(f"{_iso(title)} — {_iso(self.title)}", parts)

    def _article_scores(self, an: Analysis) -> str:
        """The article's classifier scores, one per class, as a line under its metadata."""
        if not self.score_cols:
            return ""
        meta = an.article.meta or {}
        vals = []
        for c in self.score_cols:
            v = meta.get(c)
            v = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan
            vals.append(f"{_T(c[len(_SCORE_PREFIX):])} <b>{_fmt(v)}</b>")
        model = f" <code>{_T(self.model['file'])}</code>" if self.model and self.model["file"] else ""
        return (f'<div class="meta scores">classifier{model}, probability of each class: '
                + " · ".join(vals) + "</div>")

    # -- PDF -----------------------------------------------------------------------
    def pdf(self, path: Path) -> None:
        from matplotlib.backends.backend_pdf import PdfPages

        with PdfPages(path, metadata={"Title": self.title, "Creator": f"framing {self.version}"}) as pdf, \
                matplotlib.rc_context({"text.parse_math": False}):
            pdf.savefig(self._pdf_summary())
            for title, fig in self.figures:
                fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
                _safe_texts(fig)   # the title holds group names
                pdf.savefig(fig)
            if self.n:
                for fig in self._pdf_tables():
                    pdf.savefig(fig)

    def _pdf_summary(self) -> Figure:
        import textwrap

        fig = Figure(figsize=(8.27, 11.69))
        art = self.tabs.articles
        name = P._name  # group names cut at 40 characters
        lines = [f"Generated {self.generated.isoformat(timespec='seconds')} by framing {self.version}",
                 f"{self.n:,} articles in {len(self.by_group):,} {name(self.by)} groups; "
                 f"{int(art['n_words'].sum()) if len(art) else 0:,} words; "
                 f"{self.n_terms:,} lexicon terms; {self.n_attributions:,} "
                 "attributions", ""]
        for lx in self.lexs:
            lines.append(f"Lexicon {name(lx.name)} {name(lx.version or '')}: sha256 {lx.sha256}"
                         + (f"; axis {name(lx.poles[0])} (−1) ↔ {name(lx.poles[1])} (+1)"
                            if lx.poles else ""))
        lines += ["", f"Intervals: {int(stats.LEVEL * 100)}% percentile bootstrap over articles, "
                      f"{stats.DEFAULT_RESAMPLES} resamples, seed {stats.DEFAULT_SEED}. Groups with "
                      f"fewer than {stats.MIN_ARTICLES} articles are marked †.", "",
                  f"Articles per {name(self.by)}: "
                  + ", ".join(f"{name(g)}: {len(v)}" for g, v in self.by_group.items()), "",
                  "The HTML report (index.html) has the notes on each measure, the article pages "
                  "and the tables."]
        fig.text(0.07, 0.95, textwrap.shorten(self.title, 70, placeholder="…"), fontsize=14,
                 fontweight="bold", va="top", parse_math=False)
        y = 0.91
        for line in lines:
            for part in textwrap.wrap(line, 100) or [""]:
                if y < 0.05:
                    break
                fig.text(0.07, y, part, fontsize=8.5, va="top", parse_math=False)
                y -= 0.02
        return fig

    def _pdf_tables(self) -> list[Figure]:
        cmp, by = self.cmp, self.by
        cols = [("n_articles", "articles", "int"), ("lean", "lean", "lean"),
                ("loaded_per_1k", "loaded/1k", "1"), ("loaded_narrator_share", "own words", "pct"),
                ("named_share", "named", "pct"), ("evaluative_cue_share", "evaluative", "pct")]
        cols = [c for c in cols if c[0] in cmp.columns]
        out = []
        per_page = 40
        for k in range(0, len(cmp), per_page):
            chunk = cmp.iloc[k:k + per_page]
            fig = Figure(figsize=(8.27, 11.69))
            ax = fig.add_axes((0.05, 0.05, 0.9, 0.88))
            ax.axis("off")
            cells = []
            for _, r in chunk.iterrows():
                row = [_short(str(r[by]))[:40] + (" †" if str(r.get("warning", "") or "") else "")]
                for c, _, kind in cols:
                    s = _fmt(r[c], kind)
                    if f"{c}_lo" in cmp.columns and not _nan(r[f"{c}_lo"]) and kind != "int":
                        s += f" [{_fmt(r[f'{c}_lo'], kind)}, {_fmt(r[f'{c}_hi'], kind)}]"
                    row.append(s)
                cells.append(row)
            tab = ax.table(cellText=cells, colLabels=[by] + [c[1] for c in cols], loc="upper center",
                           cellLoc="right", colLoc="right")
            tab.auto_set_font_size(False)
            tab.set_fontsize(7)
            tab.auto_set_column_width(list(range(len(cols) + 1)))
            fig.text(0.05, 0.96, f"Profile per {by} (95% intervals in brackets)", fontsize=11,
                     fontweight="bold")
            _safe_texts(fig)
            out.append(fig)
        return out


def _label_z(term: str, z: float) -> str:
    """``referent: label`` as the label, then referent and z in grey."""
    ref, _, label = term.partition(": ")
    return f'{_T(label)} <span class="ci">({_T(ref)}, z {z:.1f})</span>'


def _lean_cls(v) -> str:
    if _nan(v) or abs(v) < 0.005:
        return ""
    return ' class="neg"' if v < 0 else ' class="pos"'


def _terms_table(an: Analysis) -> str:
    if not an.terms:
        return "<h2>Terms</h2><p>No lexicon terms.</p>"
    rows = "".join(
        f'<tr><td class="l">{_T(h.text)}</td><td class="l">{_T(h.referent)}</td>'
        f'<td class="l">{_T(h.label)}</td><td class="l">{_T(h.echoes)}</td>'
        f"<td>{h.connotation:+d}</td><td class=\"l\">{_T(h.voice)}</td>"
        f'<td class="l">{_T(h.lexicon)}</td><td>{h.start}–{h.end}</td></tr>' for h in an.terms)
    return ("<h2>Terms</h2><div class=\"wrap\"><table><thead><tr><th class=\"l\">text</th>"
            '<th class="l">referent</th><th class="l">label</th><th class="l">echoes</th>'
            '<th>connotation</th><th class="l">voice</th><th class="l">lexicon</th>'
            f"<th>offsets</th></tr></thead><tbody>{rows}</tbody></table></div>")


def _attributions_table(an: Analysis) -> str:
    if not an.attributions:
        return "<h2>Attributions</h2><p>No attributions found.</p>"
    rows = []
    for x in an.attributions:
        s = x.source
        content = x.content.text if len(x.content.text) <= 200 else x.content.text[:199] + "…"
        rows.append(
            f'<tr><td class="l">{_T(x.kind)}</td><td class="l">{_T(s.text) if s else "–"}</td>'
            f'<td class="l">{_T(s.type) if s else "–"}</td>'
            f'<td class="l">{_T(s.side or "unknown") if s else "–"}</td>'
            f'<td class="l">{("named" if s.named else "anonymous") if s else "–"}</td>'
            f'<td class="l">{_T(x.cue.text)}</td><td class="l">{_T(x.cue.stance)}</td>'
            f'<td class="w">{_T(content)}</td></tr>')
    return ('<h2>Attributions</h2><div class="wrap"><table><thead><tr><th class="l">kind</th>'
            '<th class="l">source</th><th class="l">type</th><th class="l">side</th>'
            '<th class="l">named</th><th class="l">cue</th><th class="l">stance</th>'
            f'<th class="l">content</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _page(title: str, parts: list[str]) -> str:
    """A whole page; ``title`` is plain text, its parts from articles already isolated (:func:`_iso`)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_E(title)}</title><style>{_CSS}</style></head><body>\n"
            + "\n".join(p for p in parts if p) + "\n</body></html>\n")


def _general_notes(poles, by) -> str:
    p0, p1 = (poles or ("the first pole", "the second pole"))
    return f"""<div class="notes">
<p><b>How to read this report.</b> Each lexicon term that names an actor is a word choice:
“regime” or “government”, “rebels” or “terrorists”. A term <i>echoes</i> a side when it is the
wording that side prefers. The <b>lean</b> runs from −1 (every weighted term echoes {_T(p0)}) to
+1 (every one echoes {_T(p1)}); neutral terms count in the total without pulling either way.
Terms in the outlet's own words count fully, terms in reported speech half, and terms inside
quotation marks a quarter, and strongly evaluative terms count more. A group's lean pools all of
its articles' terms, so long articles weigh more than short ones.</p>
<p><b>Voices.</b> Each quotation or reported statement is credited to a source with a type, a
side (from the lexicon) and named or not; its cue (“said”, “claimed”) is neutral or evaluative.</p>
<p><b>Uncertainty.</b> Every value per {_T(by)} comes with a 95% interval from resampling the
group's articles: if the articles had been a different sample of the same kind, the value would
usually fall inside. Groups with few articles (marked †) get intervals that are too narrow to
trust.</p>
<p><b>What this is not.</b> These are measures of wording and sourcing against one lexicon. They
do not say which outlet is accurate, and outlets that cover different stories can differ for
that reason alone.</p>
</div>"""


def _label_notes(lx, ref: str, used: set) -> str:
    try:
        r = lx.referent(ref)
    except KeyError:
        return ""
    rows = []
    for lb in r.labels:
        if lb.label not in used:
            continue
        rows.append(f'<tr><td class="l">{_T(lb.label)}</td><td class="l">{_T(lb.echoes)}</td>'
                    f"<td>{lb.connotation:+d}</td><td class=\"l\">{', '.join(map(_T, lb.forms[:6]))}"
                    f"{' …' if len(lb.forms) > 6 else ''}</td><td class=\"w\">{_T(lb.note)}</td></tr>")
    if not rows:
        return ""
    return ('<details class="small"><summary>labels used</summary><div class="wrap"><table>'
            '<thead><tr><th class="l">label</th><th class="l">echoes</th><th>connotation</th>'
            '<th class="l">forms</th><th class="l">note</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div></details>")


# -- entry points ---------------------------------------------------------------------------

def render_report(analyses: Iterable[Analysis], *, by: str = "outlet", lexicons=None,
                  title: str | None = None, generated: datetime | None = None,
                  model=None) -> str:
    """The report's index page as one HTML string (see :func:`write_report`).

    Its article links point at ``articles/NNNN.html``, which only
    :func:`write_report` writes.
    """
    info = _model_info(model)
    rep = _Report(analyses, by, lexicons, title, generated, model=info)
    try:
        return rep.index()
    finally:
        rep.close()


_PAGE_NAME = re.compile(r"\d{4,}\.html")


def write_report(analyses: Iterable[Analysis], out_dir, *, by: str = "outlet", lexicons=None,
                 title: str | None = None, pdf: bool = False, max_articles: int | None = None,
                 progress: bool = False, model=None):
    """Write ``out_dir/index.html``, a page per article, the tables, and optionally a PDF.

    Args:
        analyses: any iterable of analyses (consumed once).
        out_dir: folder to write to (created if missing). Article pages from
            an earlier report in the same folder are replaced.
        by: the article field or ``meta`` key to compare groups by.
        lexicons: the packs the analyses were made with (objects, names or
            paths), for the poles and the provenance block; default: load the
            packs the analyses name.
        title: the page title; default "Framing report: N articles".
        pdf: also write ``out_dir/report.pdf`` (summary, charts, profile table;
            matplotlib's PDF backend, no browser needed).
        max_articles: write pages for at most this many articles per group
            (the earliest); every article stays in ``tables/articles.csv``.
        progress: show a progress bar (tqdm) while the analyses are read and
            the pages written.
        model: the classifier the articles were scored with
            (:func:`framing.classify.with_scores`): its file's path or a
            :class:`framing.classify.Model`. The report names it and gives
            the cross-validated macro-F1 on its card. Articles with
            ``score_<class>`` fields get a "Classifier scores" section either
            way (mean per group with 95% intervals, ``tables/classifier_scores.csv``)
            and their scores on their pages.

    Returns:
        The :class:`pathlib.Path` of ``index.html``.

    Layout: ``index.html``; ``articles/0001.html`` … (numbered in the order
    of the index, by group, date and id — never named from article data);
    ``tables/*.csv``; ``report.pdf`` with ``pdf``.
    """
    if max_articles is not None and max_articles < 0:
        raise FramingError(f"max_articles must be 0 or more, not {max_articles}")
    info = _model_info(model)   # a missing or bad card fails before the analyses are run
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "articles").mkdir(exist_ok=True)
        (out / "tables").mkdir(exist_ok=True)
    except OSError as e:
        raise FramingError(f"cannot write the report to {out}: {e.strerror or e}") from None
    rep = _Report(_progress(analyses, progress, "analysing"), by, lexicons, title, None,
                  max_articles, info, tables_dir=out / "tables")
    try:
        index = rep.index()
        for old in (out / "articles").iterdir():
            if _PAGE_NAME.fullmatch(old.name) and old.is_file():
                old.unlink()
        pages = range(len(rep.pages))
        for i in _progress(pages, progress and len(rep.pages) > 200, "writing pages"):
            (out / rep.href(rep.pages[i])).write_text(rep.article_page(i), encoding="utf-8")
        rep.hits.finish()
    finally:
        rep.close()
    for name, df in rep.csv.items():
        _csv_ready(df).to_csv(out / "tables" / name, index=False)
    if pdf:
        rep.pdf(out / "report.pdf")
    path = out / "index.html"
    path.write_text(index, encoding="utf-8")
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
