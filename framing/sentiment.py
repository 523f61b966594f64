"""TextBlob's Pattern sentiment (polarity, subjectivity), without importing NLTK.

``textblob.sentiments.PatternAnalyzer`` is the one TextBlob analyser that works
offline. Importing it runs ``textblob/__init__``, which imports NLTK and SciPy:
about 3.5 s of start-up in every process (and every ``--jobs`` worker) for a
lexicon look-up that takes milliseconds. The analyser itself lives in
``textblob/_text.py``, which needs only the standard library, and its English
set-up is a few lines of ``textblob/en/__init__.py``. This module loads
``_text.py`` on its own and repeats that set-up, so the scores are TextBlob's
own, to the last digit (``tests/test_sentiment.py`` compares them with
``PatternAnalyzer`` on real sentences). Should a TextBlob release move these
files, it falls back to the normal import.
"""

from __future__ import annotations

import importlib.util
import os
import threading

__all__ = ["pattern_sentiment"]

_LOCK = threading.Lock()
_ANALYZE = None


def pattern_sentiment(text: str) -> tuple[float, float]:
    """``(polarity, subjectivity)`` of ``text``, as ``PatternAnalyzer().analyze(text)`` gives.

    >>> pol, subj = pattern_sentiment("A terrible, brutal attack.")
    >>> pol < 0 < subj
    True
    """
    global _ANALYZE
    if _ANALYZE is None:
        with _LOCK:
            if _ANALYZE is None:
                _ANALYZE = _load()
    pol, subj = _ANALYZE(text)
    return float(pol), float(subj)


def _load():
    try:
        return _standalone()
    except Exception:  # a TextBlob whose files moved: the slower, supported import
        from textblob.sentiments import PatternAnalyzer

        analyzer = PatternAnalyzer()
        return lambda text: tuple(analyzer.analyze(text))


def _standalone():
    spec = importlib.util.find_spec("textblob")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed")
    root = spec.submodule_search_locations[0]
    en = os.path.join(root, "en")
    src = importlib.util.spec_from_file_location("framing._textblob_text", os.path.join(root, "_text.py"))
    _text = importlib.util.module_from_spec(src)
    src.loader.exec_module(_text)

    class Sentiment(_text.Sentiment):  # as textblob/en/__init__.py (0.17-0.20) defines it
        def load(self, path=None):
            _text.Sentiment.load(self, path)
            if not path:
                for w, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    lexicon = _text.Lexicon(
        path=os.path.join(en, "en-lexicon.txt"),
        morphology=os.path.join(en, "en-morphology.txt"),
        context=os.path.join(en, "en-context.txt"),
        entities=os.path.join(en, "en-entities.txt"),
        language="en",
    )
    parser = _text.Parser(lexicon=lexicon, default=("NN", "NNP", "CD"), language="en")
    sentiment = Sentiment(
        path=os.path.join(en, "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=parser.find_tokens,
        language="en",
    )
    if not os.path.isfile(os.path.join(en, "en-sentiment.xml")):
        raise ImportError("textblob's en-sentiment.xml not found")
    sentiment("ok")  # load the lexicon now, under the lock
    return lambda text: tuple(sentiment(text))
