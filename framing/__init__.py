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


# ``framing.compare`` and ``framing.report`` are modules that can be called:
# ``framing.compare(paths_or_analyses, by="outlet")`` returns a DataFrame and
# ``framing.compare.label_shares(...)`` etc. give the tidy tables;
# ``framing.report(paths_or_analyses, "out/")`` writes ``out/index.html``.
from . import compare, plot, report  # noqa: E402

__all__ = [
    "__version__", "analyze", "analyze_many", "read_corpus", "compare", "report", "Fields",
    "Analysis", "Article", "Attribution", "Cue", "Source", "Span", "TermHit",
    "FramingError", "CorpusError", "LexiconError", "available_lexicons", "load_lexicon",
]
