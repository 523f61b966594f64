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

The package, in the order of the work:

=====================  ==========================================================
``build``              one pass over the analyses; every table, built once
``sections``           one function per section of the index: (html, figures)
``pages``              the index and article pages; :func:`write_report`
``highlight``          an article's text with its terms and attributions marked
``render``             the Jinja2 templates (``templates/``) and escaping
``style``              ``report.css``, its side colours from :mod:`framing.plot`
``figures``, ``pdf``   charts as PNG ``data:`` URIs; ``report.pdf``
``store``              what is kept on disk while the analyses stream past
=====================  ==========================================================

``framing.report(x, DIR)`` (the module called) analyses ``x`` if needed and
calls :func:`write_report`.
"""

from __future__ import annotations

import sys
import types

from ..analyze import as_analyses
from ..lexicon import load_lexicons
from .highlight import analysis_html, highlight_html
from .pages import render_report, write_report
from .sections import MAX_LABEL_CHARTS, OPEN_BELOW

__all__ = ["write_report", "render_report", "highlight_html", "analysis_html", "OPEN_BELOW",
           "MAX_LABEL_CHARTS"]


class _CallableModule(types.ModuleType):
    """Lets ``framing.report(...)`` be called while ``framing.report.write_report`` stays reachable."""

    def __call__(self, analyses_or_paths, out_dir, by: str = "outlet", lexicons=None,
                 quotes: str | None = None, **kw):
        """Analyse (if needed; ``quotes`` as in :func:`framing.analyze`) and write
        ``out_dir/index.html``; returns its path (see :func:`write_report`)."""
        lexs = load_lexicons(lexicons) if lexicons is not None else None
        return write_report(as_analyses(analyses_or_paths, lexs, quotes), out_dir, by=by, lexicons=lexs,
                            **kw)


sys.modules[__name__].__class__ = _CallableModule
