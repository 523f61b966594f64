"""framing — how news outlets frame a story.

Loaded labels for the same actors, who gets quoted and how, and how outlets
differ, from plain article files.

>>> import framing
>>> a = framing.analyze("Regime forces shelled rebel-held areas, activists said.")
>>> [(h.text, h.referent, h.voice) for h in a.terms][:2]
[('Regime forces', 'government-forces', 'indirect'), ('rebel-held', 'armed-opposition', 'indirect')]
"""

__version__ = "0.1.0"

from . import datasets  # noqa: E402  (light: the demo corpus is built on call)
from .analyze import analyze, analyze_many  # noqa: E402
from .corpus import Fields, read_corpus  # noqa: E402
from .data import Analysis, Article, Attribution, Cue, Source, Span, TermHit  # noqa: E402
from .errors import CorpusError, FramingError, LexiconError, ReadWarning  # noqa: E402
from .lexicon import available_lexicons, load_lexicon  # noqa: E402


# ``framing.compare`` and ``framing.report`` are modules that can be called:
# ``framing.compare(paths_or_analyses, by="outlet")`` returns a DataFrame and
# ``framing.compare.label_shares(...)`` etc. give the tidy tables;
# ``framing.report(paths_or_analyses, "out/")`` writes ``out/index.html``.
# They (and ``framing.plot``) import pandas and matplotlib, a second of start-up
# that analysis alone (and every ``--jobs`` worker) does not need: they are
# imported on first use.
_LAZY = ("compare", "plot", "report")


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


def _analysis_html(self) -> str:
    """Jupyter shows an :class:`Analysis` as its article with terms and attributions
    highlighted (:func:`framing.report.analysis_html`, imported on first display)."""
    from .report import analysis_html

    return analysis_html(self)


# attached here, at the top of the package: data.py, which every module imports, imports none of them
Analysis._repr_html_ = _analysis_html


__all__ = [
    "__version__", "analyze", "analyze_many", "read_corpus", "compare", "report", "Fields", "datasets",
    "Analysis", "Article", "Attribution", "Cue", "Source", "Span", "TermHit",
    "FramingError", "CorpusError", "ReadWarning", "LexiconError", "available_lexicons", "load_lexicon",
]

