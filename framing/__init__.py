"""framing — how news outlets frame a story.

Loaded labels for the same actors, who gets quoted and how, and how outlets
differ, from plain article files.

>>> import framing
>>> a = framing.analyze("Regime forces shelled rebel-held areas, activists said.")
>>> [(h.text, h.referent, h.voice) for h in a.terms][:2]
[('Regime forces', 'government-forces', 'indirect'), ('rebel-held', 'armed-opposition', 'indirect')]
"""

__version__ = "0.1.0"

from .analyze import analyze, analyze_many  # noqa: E402
from .corpus import Fields, read_corpus  # noqa: E402
from .data import Analysis, Article, Attribution, Cue, Source, Span, TermHit  # noqa: E402
from .errors import CorpusError, FramingError, LexiconError  # noqa: E402
from .lexicon import available_lexicons, load_lexicon  # noqa: E402


def compare(analyses_or_paths, by="outlet", lexicons=None, **kw):
    """Per-group framing profile as a pandas DataFrame (see :func:`framing.compare.compare`).

    Accepts analyses, articles, or corpus paths (which are read and analysed).
    """
    from .compare import compare as _compare

    return _compare(_analyses(analyses_or_paths, lexicons), by=by, **kw)


def report(analyses_or_paths, out_dir, by="outlet", lexicons=None, **kw):
    """Write a self-contained HTML report; returns the path of ``index.html``."""
    from .report import write_report

    lexs = load_lexicons(lexicons) if lexicons is not None or not _is_analyses(analyses_or_paths) else None
    return write_report(_analyses(analyses_or_paths, lexicons), out_dir, by=by, lexicons=lexs, **kw)


def _is_analyses(x):
    return isinstance(x, (list, tuple)) and bool(x) and all(isinstance(a, Analysis) for a in x)


def _analyses(x, lexicons):
    from pathlib import Path

    if isinstance(x, (str, Path)):
        x = [x]
    x = list(x)
    if all(isinstance(a, Analysis) for a in x):
        return x
    if all(isinstance(a, (str, Path)) for a in x) and all(Path(a).exists() for a in x):
        x = list(read_corpus(x))
    return list(analyze_many(x, lexicons))


__all__ = [
    "__version__", "analyze", "analyze_many", "read_corpus", "compare", "report", "Fields",
    "Analysis", "Article", "Attribution", "Cue", "Source", "Span", "TermHit",
    "FramingError", "CorpusError", "LexiconError", "available_lexicons", "load_lexicon",
]
