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

        assessments = _fast_assessments(_text)

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


def _fast_assessments(_text):
    """Pattern's ``Sentiment.assessments`` (``textblob/_text.py``; Pattern, BSD licence), the
    same steps in the same order on a loaded lexicon: it looks words up in the dictionary
    directly (not through ``lazydict``'s per-call loading check) and finds an emoticon in one
    look-up (not a scan of every emoticon set for every short non-word token). The scores are
    the same to the last digit (``tests/test_sentiment.py``)."""
    emoticons: dict[str, float] = {}
    for (_type, p), faces in _text.EMOTICONS.items():   # the first set in order wins
        for face in faces:
            emoticons.setdefault(face.lower(), p)
    punctuation, mood, irony = _text.PUNCTUATION, _text.MOOD, _text.IRONY
    lookup = dict.get

    def assessments(self, words=None, negation=True):
        if words is None:
            words = []
        if dict.__len__(self) == 0:
            self.load()
        a = []   # [words, polarity, subjectivity, intensity, negated, label]
        m = None  # preceding modifier
        n = None  # preceding negation
        modifiers, negations, label_of = self.modifiers, self.negations, self.labeler.get
        for w, pos in words:
            if w is None:
                continue
            entry = lookup(self, w)
            if entry is not None and pos in entry:
                p, s, i = entry[pos]
                if m is None:
                    a.append([[w], p, s, i, 1, label_of(w)])
                if m is not None:
                    last = a[-1]
                    last[0].append(w)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                    last[5] = label_of(w)
                if n is not None:
                    last = a[-1]
                    last[0].insert(0, n)
                    last[3] = 1.0 / last[3]
                    last[4] = -1
                m = None
                n = None
                if pos and pos in modifiers or any(map(entry.__contains__, modifiers)):
                    m = (w, pos)
                if negation and w in negations:
                    n = w
            else:
                if negation and w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and (pos in modifiers or self.modifier(m[0])):
                    a[-1][0].append(n)
                    a[-1][4] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1][0].append("!")
                    a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
                if w == "(!)":
                    a.append([[w], 0.0, 1.0, 1.0, 1, irony])
                if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                    p = emoticons.get(w)
                    if p is not None:
                        a.append([[w], p, 1.0, 1.0, 1, mood])
        return [(w, p * -0.5 if n < 0 else p, s, x) for w, p, s, i, n, x in a]

    return assessments

