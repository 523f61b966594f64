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
import re
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
        tokenizer=_fast_find_tokens(_text),
        language="en",
    )
    if not os.path.isfile(os.path.join(en, "en-sentiment.xml")):
        raise ImportError("textblob's en-sentiment.xml not found")
    sentiment("ok")  # load the lexicon now, under the lock
    return lambda text: tuple(sentiment(text))


def _fast_find_tokens(_text):
    """Pattern's ``find_tokens`` (``textblob/_text.py``; Pattern, BSD licence) as
    ``Parser.find_tokens`` calls it, the same sentences to the last character, with less work:
    the contraction patterns are plain strings (``str.replace``, not ``re.sub``); collapsing
    whitespace and ``TOKEN.findall`` give what ``str.split`` gives; a token with no punctuation
    at either end skips the splitting loops; the sentence loop jumps from one sentence-ending
    token to the next; and the sarcasm and emoticon passes run only on a text where they can
    change something (``"("`` for ``(!)``; an emoticon's two characters with a space between,
    the only way its pass rewrites a text). ``tests/test_sentiment.py`` compares both."""
    punct = tuple(_text.PUNCTUATION.replace(".", ""))
    lead, trail = frozenset(punct), frozenset(punct + (".",))
    abbreviations, replace = _text.ABBREVIATIONS, _text.replacements
    abbr1, abbr2, abbr3 = _text.RE_ABBR1.match, _text.RE_ABBR2.match, _text.RE_ABBR3.match
    if any(re.escape(a) != a for a in replace):
        raise ImportError("Pattern's contractions are no longer plain strings")
    linebreak = re.compile(r"\n{2,}")
    eos = _text.EOS
    ends = frozenset(("...", ".", "!", "?", eos))
    trails = frozenset(("'", '"', "”", "’", "...", ".", "!", "?", ")", eos))
    sarcasm, emoticons = _text.RE_SARCASM, _text.RE_EMOTICONS
    spaced = re.compile("|".join(sorted({re.escape(e[k] + " " + e[k + 1]) for faces in _text.EMOTICONS.values()
                                         for e in faces for k in range(len(e) - 1)})))

    def find_tokens(string, **kwargs):
        if kwargs:
            return _text.find_tokens(str(string), **kwargs)
        string = str(string)
        for a, b in replace.items():
            string = string.replace(a, b)
        string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ")
                  .replace("’", " ’ ").replace("'", " ' ").replace('"', ' " '))
        string = linebreak.sub(" %s " % eos, string.replace("\r\n", "\n"))
        tokens = []
        append = tokens.append
        for t in string.split():
            if t[0] not in lead and t[-1] not in trail:
                append(t)
                continue
            tail = []
            while t.startswith(punct) and t not in replace:
                append(t[0])
                t = t[1:]
            while t.endswith(punct + (".",)) and t not in replace:
                if t.endswith(punct):
                    tail.append(t[-1])
                    t = t[:-1]
                if t.endswith("..."):
                    tail.append("...")
                    t = t[:-3].rstrip(".")
                if t.endswith("."):
                    if t in abbreviations or abbr1(t) is not None or abbr2(t) is not None \
                            or abbr3(t) is not None:
                        break
                    tail.append(t[-1])
                    t = t[:-1]
            if t != "":
                append(t)
            tokens.extend(reversed(tail))
        sentences, i, j, n = [[]], 0, 0, len(tokens)
        for k in [k for k, t in enumerate(tokens) if t in ends]:
            if k < j:
                continue  # taken into the last sentence's trail
            j = k
            while j < n and tokens[j] in trails:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break  # balanced quotes
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != eos)
            sentences.append([])
            i = j
        sentences[-1].extend(tokens[i:])
        out = [" ".join(s) for s in sentences if len(s) > 0]
        if any("(" in s for s in out):
            out = [sarcasm.sub("(!)", s) for s in out]
        if any(spaced.search(s) for s in out):
            out = [emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in out]
        return out

    return find_tokens


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

