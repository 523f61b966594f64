"""Article text as HTML, with its terms, attributions and page furniture marked.

:func:`highlight_html` cuts the text at every span boundary and gives each
piece the classes of the spans over it (styled by ``report.css``, whose
colours come from :mod:`framing.plot`); :func:`analysis_html` is one analysis
as a self-styled fragment, what Jupyter shows for an
:class:`~framing.data.Analysis`. Every offset indexes the article text as read.
"""

from __future__ import annotations

import html
from dataclasses import replace

from markupsafe import Markup

from ..data import Analysis
from ..errors import FramingError
from ..lexicon import load_lexicon
from .escape import fmt, isolate
from .render import render
from .style import inline_styles

__all__ = ["highlight_html", "analysis_html"]


def _side_class(side, poles) -> str:
    if poles and side == poles[0]:
        return "p0"
    if poles and side == poles[1]:
        return "p1"
    return "u" if side in (None, "unknown") else "n"


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
    cue, ``bp`` for boilerplate, and ``lw`` for a word the loaded-language
    tagger marks (``Analysis.loaded``; apart from the lexicon terms, which
    may cover the same words). A ``title`` tooltip describes each
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
    styles = inline_styles() if inline else {}
    spans: list[tuple[int, int, str, str]] = []  # start, end, classes, tooltip
    for s, e in analysis.boilerplate:
        spans.append((s, e, "bp", "page furniture (not scored)"))
    for x in analysis.attributions:
        src = x.source
        side = src.side if src else None
        who = (f"{isolate(src.text)} ({isolate(src.type)}, {isolate(side) if side else 'side unknown'}"
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
                      f"{isolate(h.label)} → {isolate(h.referent)} [{isolate(h.lexicon)}]; echoes {isolate(h.echoes)}; "
                      f"connotation {h.connotation:+d}; voice {h.voice}"))
    for w in analysis.loaded or ():
        spans.append((w.start, w.end, "lw", f"loaded word (tagger, score {w.score:.2f}); voice {w.voice}"))
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
        seg = html.escape(text[a:b], quote=False)
        if not active:
            out.append(seg)
            continue
        order = sorted(active, key=lambda i: (spans[i][0], -spans[i][1], i))
        classes = " ".join(dict.fromkeys(c for i in order for c in spans[i][2].split()))
        tip = " | ".join(dict.fromkeys(spans[i][3] for i in order))
        style = ""
        if inline:
            style = ' style="' + ";".join(styles[c] for c in classes.split() if c in styles) + '"'
        out.append(f'<span class="{classes}" title="{html.escape(tip)}"{style}>{seg}</span>')
    return "".join(out)


def _poles_of(lexicon_names) -> tuple[str | None, tuple[str, str] | None, list[str]]:
    """(axis lexicon, its poles, names of the packs without an axis) of an analysis's packs."""
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
        keep = (lambda s, e: e <= max_chars)
        an = replace(analysis, article=replace(a, text=a.text[:max_chars]),
                     terms=tuple(h for h in an.terms if keep(h.start, h.end)),
                     attributions=tuple(x for x in an.attributions
                                        if keep(x.content.start, x.content.end)
                                        and keep(x.cue.start, x.cue.end)
                                        and (x.source is None or keep(x.source.start, x.source.end))),
                     boilerplate=tuple((s, min(e, max_chars)) for s, e in an.boilerplate
                                       if s < max_chars),
                     loaded=None if an.loaded is None else
                     tuple(w for w in an.loaded if keep(w.start, w.end)))
    bits = [a.outlet, a.date, f"lean {fmt(analysis.lean, 'lean')}",
            f"{len(analysis.terms)} terms", f"{len(analysis.attributions)} attributions",
            f"{analysis.n_words:,} words"]
    p0, p1 = poles or ("first pole", "second pole")
    return str(render("analysis.html", title=a.title or str(a.id), bits=[b for b in bits if b],
                      p0=p0, p1=p1, others=plain if plain and axis else [],
                      tagged=analysis.loaded is not None,
                      styles={c: Markup(s) for c, s in inline_styles().items()},
                      body=Markup(highlight_html(an, poles, axis if plain else None, inline=True)),
                      cut=cut, max_chars=max_chars, n_chars=len(a.text)))
