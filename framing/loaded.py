"""Loaded language beyond closed lists: a learned tagger that scores every word in context.

Lexicon packs name what they list, and nothing else; loaded language in general
("slammed", "brutal", "so-called", "regime thugs", "draconian") is wider than any
list. :func:`find_loaded` scores every word of an article with a small linear
model (read from ``framing/models/loaded-babe-basil-v1.json``; its card is in
``framing/models/README.md``) and returns the stretches above the model's
threshold as :class:`~framing.data.LoadedHit` records, each with its offsets, a
score (a probability) and its voice (narrator, direct or indirect).

The features are the kind a reader of another outlet, or of another war, would
accept as evidence, not one corpus's conventions:

- the word itself (lower-cased), its last three and four letters and its first
  four, the parts of a hyphenated compound ("far-left" -> ``far``, ``left``);
- the word's polarity, subjectivity and intensity in TextBlob's pattern lexicon
  (public domain, PDDL; copied into the model file so that the scores never
  depend on the installed TextBlob);
- its shape (capitalised inside a sentence, all capitals, digits, length);
- the words just before and after it, and the punctuation between them (a
  quotation mark, a sentence end, a comma, a dash);
- whether it is inside a quotation, and how long that quotation is (a one- or
  two-word quotation is usually a scare quote: ``the "peace process"``).

Nothing is downloaded and no parser runs: the words are :data:`framing.text.WORD_RE`'s,
quotations :func:`framing.text.quotations`'s. Scoring is a handful of dictionary look-ups
per word (a word's own part is cached), so an 800-word article costs about a millisecond.
The tagger is separate from the lexicon packs: its hits never change a pack's
lean. :func:`evaluate_loaded` scores it (and two baselines: TextBlob's
subjectivity lexicon used as a dictionary, and the ``general-bias`` pack)
against gold spans; ``framing evaluate loaded DATA.jsonl`` prints that table.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from operator import sub
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import text as T
from .data import Analysis, LoadedHit
from .errors import CorpusError, FramingError
from .lexicon import load_lexicons
from .terms import find_terms

__all__ = ["LoadedModel", "load_model", "DEFAULT_MODEL", "MODEL_FORMAT", "find_loaded", "with_loaded",
           "narrator_words", "narrator_count", "tag_article", "spans_from_scores", "token_scores",
           "token_features", "pattern_lexicon", "subjectivity_baseline", "pack_baseline",
           "read_span_gold", "score_spans", "SpanScores", "evaluate_loaded"]

DEFAULT_MODEL = "loaded-babe-basil-v1"
"""The shipped model's name (``framing/models/<name>.json``)."""

MODEL_FORMAT = "framing-loaded-model"

# -- features --------------------------------------------------------------------

_QUOTE_CHARS = frozenset('"“”„«»‘’\'')
_END_CHARS = frozenset(".!?")
_COMMA_CHARS = frozenset(",;:")
_PAREN_CHARS = frozenset("()[]{}")
_DASH_CHARS = frozenset("-‐‑–—―")


def _gap_class(gap: str) -> str:
    """A short signature of the characters between two words: ``q`` quotation mark, ``e``
    sentence end, ``c`` comma/colon, ``p`` bracket, ``d`` dash, ``n`` line break, ``o`` other;
    ``""`` for plain spaces.

    >>> _gap_class(" "), _gap_class(', "'), _gap_class(".\\n\\n")
    ('', 'cq', 'en')
    """
    if not gap or gap == " ":
        return ""
    cats = set()
    for ch in gap[:12]:
        if ch in _QUOTE_CHARS:
            cats.add("q")
        elif ch in _END_CHARS:
            cats.add("e")
        elif ch in _COMMA_CHARS:
            cats.add("c")
        elif ch in _PAREN_CHARS:
            cats.add("p")
        elif ch in _DASH_CHARS:
            cats.add("d")
        elif ch == "\n":
            cats.add("n")
        elif not ch.isspace():
            cats.add("o")
    return "".join(sorted(cats))


def _norm(tok: str) -> str:
    return tok.lower().replace("’", "'")


def _len_bucket(n: int) -> str:
    return "1-3" if n <= 3 else "4-6" if n <= 6 else "7-9" if n <= 9 else "10+"


def _lemmas(w: str):
    """``w`` and the stems a lexicon of base forms may list it under ("slammed" -> "slam")."""
    yield w
    if len(w) > 4:
        if w.endswith(("ies", "ied")):
            yield w[:-3] + "y"
        if w.endswith(("s", "d")):
            yield w[:-1]
        if w.endswith(("es", "ed")):
            yield w[:-2]
        if w.endswith("ing"):
            yield w[:-3]
            yield w[:-3] + "e"
        if w.endswith(("ed", "ing")) and len(w) > 5:
            stem = w[:-2] if w.endswith("ed") else w[:-3]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # slammed, slamming -> slam


def _word_features(tok: str, lexicon: dict, valence: dict | None = None) -> list[tuple[str, float]]:
    """The features of a word on its own (identity, affixes, shape, lexicon values)."""
    w = _norm(tok)
    out = [("w=" + w, 1.0), ("len=" + _len_bucket(len(w)), 1.0)]
    if len(w) > 4:
        out.append(("s3=" + w[-3:], 1.0))
        out.append(("s4=" + w[-4:], 1.0))
    if len(w) > 5:
        out.append(("p4=" + w[:4], 1.0))
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1:
            out.append(("h1=" + parts[0], 1.0))
            out.append(("h2=" + parts[-1], 1.0))
    if tok[:1].isupper():
        out.append(("upper", 1.0) if len(tok) > 1 and tok.isupper() else ("cap", 1.0))
    if any(c.isdigit() for c in tok):
        out.append(("digit", 1.0))
    v = lexicon.get(w)
    if v is None and len(w) > 4 and w.endswith("s"):
        v = lexicon.get(w[:-1])
    if v is not None:
        pol, subj, inten = v
        out += [("lex", 1.0), ("lex_subj", subj), ("lex_abspol", abs(pol)),
                ("lex_neg", 1.0 if pol < 0 else 0.0), ("lex_int", inten - 1.0),
                ("lex_sb=" + str(round(subj * 4)), 1.0),
                ("lex_pb=" + str(round(pol * 4)), 1.0)]
    if valence:
        for lem in _lemmas(w):
            v = valence.get(lem)
            if v is not None:
                out += [("val", 1.0), ("val_abs", abs(v) / 4), ("val_neg", 1.0 if v < 0 else 0.0),
                        ("val_b=" + str(round(v)), 1.0)]
                break
    return [(f, x) for f, x in out if x]


def _quote_lengths_se(starts: list[int], ends: list[int], quotes) -> list[int]:
    """For each word, the number of words of the quotation it is in (0 when outside)."""
    out = [0] * len(starts)
    for qs, qe in quotes:
        i, j = bisect_left(starts, qs), bisect_left(starts, qe)
        n = j - i
        for k in range(i, j):
            if ends[k] <= qe:
                out[k] = max(out[k], n) if out[k] else n
    return out


def _quote_class(n: int) -> str:
    return "" if n == 0 else "q=1" if n == 1 else "q=2-4" if n <= 4 else "q=long"


def _context(text: str, tokens: Sequence[tuple[int, int]], quotes):
    """Per token: previous word, next word, gap class before, gap class after, quote class,
    sentence-initial flag."""
    n = len(tokens)
    qlen = _quote_lengths_se([s for s, _ in tokens], [e for _, e in tokens], quotes or ())
    words = [_norm(text[s:e]) for s, e in tokens]
    gaps = [_gap_class(text[max(0, tokens[0][0] - 12):tokens[0][0]]) if n else ""]
    for i in range(1, n):
        gaps.append(_gap_class(text[tokens[i - 1][1]:tokens[i][0]]))
    gaps.append(_gap_class(text[tokens[-1][1]:tokens[-1][1] + 12]) if n else "")
    return words, gaps, qlen


def token_features(text: str, tokens: Sequence[tuple[int, int]] | None = None,
                   quotes: Sequence[tuple[int, int]] | None = None,
                   lexicon: dict | None = None, valence: dict | None = None
                   ) -> list[list[tuple[str, float]]]:
    """The features of every word of ``text``: ``[(name, value), ...]`` per token.

    This is the definition the model is trained on (``bench/train_loaded_model.py``);
    :func:`token_scores` computes the same sum faster from tables.

    Args:
        text: the article text.
        tokens: word spans (default: :func:`framing.text.words`).
        quotes: quotation spans (default: :func:`framing.text.quotations`).
        lexicon: ``{word: (polarity, subjectivity, intensity)}`` (default: :func:`pattern_lexicon`).
        valence: ``{word: valence}`` of a second lexicon of base forms (VADER's in the
            shipped model; default: none).

    >>> f = token_features("A so-called “peace” deal.")
    >>> sorted(x for x, _ in f[2] if x.startswith(("w=", "q=", "pw=")))
    ['pw=so-called', 'q=1', 'w=peace']
    """
    tokens = T.words(text) if tokens is None else tokens
    quotes = T.quotations(text) if quotes is None else quotes
    lexicon = pattern_lexicon() if lexicon is None else lexicon
    words, gaps, qlen = _context(text, tokens, quotes)
    out = []
    n = len(tokens)
    for i, (s, e) in enumerate(tokens):
        f = _word_features(text[s:e], lexicon, valence)
        f.append(("pw=" + (words[i - 1] if i else "<s>"), 1.0))
        f.append(("nw=" + (words[i + 1] if i + 1 < n else "</s>"), 1.0))
        f.append(("pg=" + gaps[i], 1.0))
        f.append(("ng=" + gaps[i + 1], 1.0))
        if qlen[i]:
            f.append((_quote_class(qlen[i]), 1.0))
        if (i == 0 or "e" in gaps[i] or "n" in gaps[i]) and text[s:s + 1].isupper():
            f.append(("cap_init", 1.0))
        out.append(f)
    return out


# -- TextBlob's pattern lexicon ------------------------------------------------------

@lru_cache(maxsize=1)
def pattern_lexicon() -> dict:
    """TextBlob's English subjectivity lexicon: ``{word: (polarity, subjectivity, intensity)}``.

    Read from the installed TextBlob's ``en/en-sentiment.xml`` (the pattern lexicon of
    De Smedt & Daelemans, public domain under the PDDL) and averaged over a word's senses and
    parts of speech as TextBlob does; an adjective also gives its ``-ly`` adverb, as
    TextBlob's English set-up adds them. Empty when TextBlob is not installed.

    >>> lx = pattern_lexicon()
    >>> lx["brutal"][1] > 0.5, "the" in lx
    (True, False)
    """
    import importlib.util
    from xml.etree import ElementTree

    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = os.path.join(spec.submodule_search_locations[0], "en", "en-sentiment.xml")
    if not os.path.isfile(path):
        return {}
    senses: dict[str, dict[str, list]] = {}
    for w in ElementTree.parse(path).getroot().findall("word"):
        form = w.attrib.get("form")
        if not form:
            continue
        psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)),
               float(w.attrib.get("intensity", 1.0)))
        senses.setdefault(form, {}).setdefault(w.attrib.get("pos"), []).append(psi)

    def avg(rows):
        return tuple(sum(c) / len(c) for c in zip(*rows))

    out: dict[str, tuple[float, float, float]] = {}
    adverbs: dict[str, tuple[float, float, float]] = {}
    for form, by_pos in senses.items():
        per_pos = {pos: avg(rows) for pos, rows in by_pos.items()}
        out[form.lower()] = avg(list(per_pos.values()))
        if "JJ" in per_pos:
            w = form.lower()
            w = w[:-1] + "i" if w.endswith("y") else w[:-2] if w.endswith("le") else w
            adverbs[w + "ly"] = per_pos["JJ"]
    for w, v in adverbs.items():
        out.setdefault(w, v)
    return out


# -- the model ---------------------------------------------------------------------

@dataclass
class LoadedModel:
    """The tagger's weights, read from a JSON file (see ``framing/models/README.md``).

    Attributes:
        name, version: the model's identity; ``meta`` holds the rest of the file's header
            (training data, cross-validated scores).
        bias, weights: the logistic regression (log-odds).
        threshold: a word whose probability is at or above it is loaded.
        lexicon: ``{word: (polarity, subjectivity, intensity)}`` the features read.
        valence: ``{word: valence}``, the second lexicon the features read (VADER's).
    """

    name: str
    version: str
    bias: float
    weights: dict
    threshold: float
    lexicon: dict
    valence: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    path: str = ""

    def __post_init__(self):
        w = self.weights
        self._pw = {f[3:]: v for f, v in w.items() if f.startswith("pw=")}
        self._nw = {f[3:]: v for f, v in w.items() if f.startswith("nw=")}
        self._pg = {f[3:]: v for f, v in w.items() if f.startswith("pg=")}
        self._ng = {f[3:]: v for f, v in w.items() if f.startswith("ng=")}
        self._q = {k: w.get(k, 0.0) for k in ("q=1", "q=2-4", "q=long")}
        self._cap_init = w.get("cap_init", 0.0)
        self._static: dict[str, float] = {}
        self._entries: dict[str, tuple] = {}  # spelling -> (own score, as previous, as next)
        self._gaps: dict[str, tuple] = {}  # text between words -> (before weight, after weight, break)
        self._lock = threading.Lock()
        self.logit_threshold = _logit(self.threshold)

    def _entry(self, tok: str) -> tuple:
        w = _norm(tok)
        e = (self.word_score(tok), self._pw.get(w, 0.0), self._nw.get(w, 0.0))
        if len(self._entries) > 500_000:
            with self._lock:
                self._entries.clear()
        self._entries[tok] = e
        return e

    def _gap(self, gap: str) -> tuple:
        g = _gap_class(gap[:12])
        e = (self._pg.get(g, 0.0), self._ng.get(g, 0.0), "e" in g or "n" in g)
        if len(self._gaps) > 100_000:
            with self._lock:
                self._gaps.clear()
        self._gaps[gap] = e
        return e

    def word_score(self, tok: str) -> float:
        """The bias plus the weights of the word's own features (cached per spelling)."""
        v = self._static.get(tok)
        if v is None:
            w = self.weights
            v = self.bias + sum(w.get(f, 0.0) * x
                                for f, x in _word_features(tok, self.lexicon, self.valence))
            if len(self._static) > 500_000:  # a stream of junk words must not grow it for ever
                with self._lock:
                    self._static.clear()
            self._static[tok] = v
        return v

    def to_dict(self) -> dict:
        """The JSON document :func:`load_model` reads (header, weights, lexicon)."""
        return {"format": MODEL_FORMAT, "name": self.name, "version": self.version, **self.meta,
                "threshold": self.threshold, "bias": self.bias,
                "weights": dict(sorted(self.weights.items())),
                "lexicon": {k: list(v) for k, v in sorted(self.lexicon.items())},
                "valence": dict(sorted(self.valence.items()))}


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


@lru_cache(maxsize=1)
def _model_dir() -> Path:
    return Path(__file__).resolve().parent / "models"


def load_model(name_or_path=DEFAULT_MODEL) -> LoadedModel:
    """Load a tagger by shipped name or path (JSON; checked, cached).

    Raises:
        FramingError: the file is missing or is not a loaded-language model.
    """
    if isinstance(name_or_path, LoadedModel):
        return name_or_path
    if name_or_path == DEFAULT_MODEL or name_or_path is None or name_or_path == "default":
        return _load_model(str(_model_dir() / f"{DEFAULT_MODEL}.json"))
    p = Path(str(name_or_path))
    if not p.suffix:
        p = _model_dir() / f"{name_or_path}.json"
    return _load_model(str(p.resolve()))


@lru_cache(maxsize=4)
def _load_model(path: str) -> LoadedModel:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError:
        raise FramingError(f"loaded-language model {path!r} not found") from None
    except (OSError, ValueError, RecursionError) as e:  # incl. 4300+ digits, nesting too deep
        raise FramingError(f"{path}: not a readable JSON model file ({e or 'nested too deeply'})") from None
    return model_from_dict(doc, path)


def model_from_dict(doc: dict, path: str = "") -> LoadedModel:
    """Build a :class:`LoadedModel` from the parsed JSON document."""
    try:
        if doc.get("format") != MODEL_FORMAT:
            raise KeyError("format")
        return LoadedModel(
            name=str(doc["name"]), version=str(doc["version"]), bias=float(doc["bias"]),
            weights={str(f): float(w) for f, w in doc["weights"].items()},
            threshold=float(doc["threshold"]),
            lexicon={str(k): tuple(float(x) for x in v) for k, v in doc["lexicon"].items()},
            valence={str(k): float(v) for k, v in doc.get("valence", {}).items()},
            meta={k: v for k, v in doc.items() if k not in (
                "format", "name", "version", "bias", "weights", "threshold", "lexicon", "valence")},
            path=path)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as e:
        raise FramingError(f"{path}: not a framing loaded-language model (bad or missing {e})") from None


# -- scoring -----------------------------------------------------------------------

_PAIR_RE = re.compile(r"(\W*)(" + T.WORD_RE.pattern + ")", re.UNICODE)
"""Text as (gap, word) pairs: the words are exactly :data:`framing.text.WORD_RE`'s, since a
word match starts at every word character that follows a gap."""


def token_scores(text: str, model=DEFAULT_MODEL, *, tokens: Sequence[tuple[int, int]] | None = None,
                 quotes: Sequence[tuple[int, int]] | None = None) -> tuple[list, list[float]]:
    """``(tokens, log-odds)``: every word of ``text`` and the model's log-odds that it is loaded.

    The same sum as the weights times :func:`token_features`, from tables: each spelling's own
    part and its weight as a neighbour, and each stretch of text between words, are looked up
    once per model and cached.

    >>> toks, z = token_scores("Critics slammed the draconian law.")
    >>> [x >= load_model().logit_threshold for x in z]
    [False, True, False, True, False]
    """
    m = load_model(model)
    if tokens is None:
        starts, ends, words, z = _scores(text, m, quotes)
        return list(zip(starts, ends)), z
    starts, ends = [s for s, _ in tokens], [e for _, e in tokens]
    words = [text[s:e] for s, e in tokens]
    gaps = [text[ends[i - 1]:s] if i else "" for i, s in enumerate(starts)]
    return list(tokens), _sum(text, m, starts, ends, words, gaps, quotes)


def _scores(text: str, m: LoadedModel, quotes) -> tuple[list, list, list, list]:
    """``(starts, ends, words, log-odds)`` of every word of ``text``."""
    pairs = _PAIR_RE.findall(text)
    words = [w for _, w in pairs]
    gaps = [g for g, _ in pairs]
    ends = list(accumulate([len(g) + len(w) for g, w in pairs]))
    starts = list(map(sub, ends, map(len, words)))
    return starts, ends, words, _sum(text, m, starts, ends, words, gaps, quotes)


def _sum(text, m, starts, ends, words, gaps, quotes) -> list[float]:
    n = len(starts)
    if not n:
        return []
    gaps[0] = text[max(0, starts[0] - 12):starts[0]]
    gaps.append(text[ends[-1]:ends[-1] + 12])
    ent, gent = m._entries, m._gaps
    E = [ent.get(w) or m._entry(w) for w in words]
    G = [gent.get(g) or m._gap(g) for g in gaps]
    quotes = T.quotations(text) if quotes is None else quotes
    # the sum, term by term, as one pass over zipped lists (faster than indexing in a loop)
    pw = [m._pw.get("<s>", 0.0)]
    pw.extend([e[1] for e in E[:-1]])
    nw = [e[2] for e in E[1:]]
    nw.append(m._nw.get("</s>", 0.0))
    z = [a[0] + b + c + g[0] + h[1] for a, b, c, g, h in zip(E, pw, nw, G, G[1:])]
    ci = m._cap_init
    if ci:
        for i in [0] + [i for i, g in enumerate(G[1:-1], 1) if g[2]]:
            if words[i][:1].isupper():
                z[i] += ci
    if quotes:
        qw = m._q
        for i, q in enumerate(_quote_lengths_se(starts, ends, quotes)):
            if q:
                z[i] += qw[_quote_class(q)]
    return z


_JOIN_GAP = re.compile(r"[ \t\-‐‑]*")


def find_loaded(text: str, *, model=DEFAULT_MODEL, quotes: Sequence[tuple[int, int]] | None = None,
                indirect: Sequence[tuple[int, int]] = (), skip: Sequence[tuple[int, int]] = (),
                threshold: float | None = None) -> list[LoadedHit]:
    """Loaded words and phrases in ``text``: :class:`~framing.data.LoadedHit` records in text order.

    Words at or above the threshold are hits; neighbours separated only by spaces or a
    hyphen join into one phrase ("regime thugs"), whose score is its best word's.

    Args:
        text: the article text (never modified; ``text[h.start:h.end] == h.text``).
        model: a shipped name, a JSON path or a :class:`LoadedModel`.
        quotes: quotation spans (default: :func:`framing.text.quotations`); a hit inside one
            is ``direct``.
        indirect: indirectly attributed content spans (``Attribution.content`` of
            ``kind == "indirect"``); a hit inside one is ``indirect``, else ``narrator``.
        skip: spans (boilerplate, a headline) in which no hit may start.
        threshold: probability at or above which a word is loaded (default: the model's).

    >>> t = 'Critics slammed the draconian law, which the minister called "a brutal hoax".'
    >>> [(h.text, h.voice) for h in find_loaded(t)]
    [('slammed', 'narrator'), ('draconian', 'narrator'), ('brutal hoax', 'direct')]
    """
    quotes = T.quotations(text) if quotes is None else list(quotes)
    return _find(text, load_model(model), quotes, indirect, skip, threshold)[0]


def tag_article(text: str, quotes, indirect, skip, *, model=DEFAULT_MODEL,
                threshold: float | None = None) -> tuple[list[LoadedHit], int]:
    """:func:`find_loaded`'s hits and :func:`narrator_count`'s words from one pass over the
    words of ``text`` (what ``framing.analyze(..., loaded=True)`` runs)."""
    hits, starts, ends = _find(text, load_model(model), list(quotes), indirect, skip, threshold)
    return hits, _outside(starts, ends, (*quotes, *indirect, *skip))


def _find(text, m, quotes, indirect, skip, threshold) -> tuple[list[LoadedHit], list, list]:
    starts, ends, _, z = _scores(text, m, quotes)
    cut = m.logit_threshold if threshold is None else _logit(threshold)
    q, r = T.SpanSet(quotes), T.SpanSet(indirect)
    return [LoadedHit(text[s:e], s, e, round(_sigmoid(x), 4),
                      "direct" if q.covers(s, e) else "indirect" if r.covers(s, e) else "narrator")
            for s, e, x in _runs(text, starts, ends, z, cut, skip)], starts, ends


def spans_from_scores(text: str, tokens: Sequence[tuple[int, int]], z: Sequence[float], cut: float,
                      skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, float]]:
    """``(start, end, best log-odds)`` of the runs of words whose log-odds are at least ``cut``;
    words separated only by spaces or a hyphen join into one run."""
    return _runs(text, [s for s, _ in tokens], [e for _, e in tokens], z, cut, skip)


def _runs(text, starts, ends, z, cut, skip=()) -> list[tuple[int, int, float]]:
    skip_set = T.SpanSet(skip) if skip else None
    spans: list[list] = []
    for i in [i for i, x in enumerate(z) if x >= cut]:
        s, e, x = starts[i], ends[i], z[i]
        if skip_set is not None and skip_set.hits(s, e):
            continue
        if spans and _JOIN_GAP.fullmatch(text, spans[-1][1], s):
            spans[-1][1] = e
            spans[-1][2] = max(spans[-1][2], x)
        else:
            spans.append([s, e, x])
    return [(s, e, x) for s, e, x in spans]


# -- joining the analysis -----------------------------------------------------------

def with_loaded(analysis: Analysis, model=DEFAULT_MODEL, *, threshold: float | None = None) -> Analysis:
    """``analysis`` with its loaded-language hits in ``.loaded`` (and its words in the outlet's
    own voice in ``.n_narrator_words``); terms, leans and everything else unchanged.

    The hits of ``framing.analyze(..., loaded=True)``: quotations, boilerplate and reported
    speech as the analysis finds them; none in boilerplate or in an unsupported language.

    >>> from framing import analyze
    >>> a = with_loaded(analyze('Critics slammed the law, which he called "draconian".'))
    >>> [(h.text, h.voice) for h in a.loaded], a.lean == analyze(a.article).lean
    ([('slammed', 'narrator'), ('draconian', 'direct')], True)
    """
    if any(n.startswith("unsupported language") for n in analysis.notes):
        return replace(analysis, loaded=(), n_narrator_words=0)
    hits, n = tag_article(*_voices(analysis), model=model, threshold=threshold)
    return replace(analysis, loaded=tuple(hits), n_narrator_words=n)


def narrator_count(text: str, quotes: Sequence[tuple[int, int]], indirect: Sequence[tuple[int, int]],
                   skip: Sequence[tuple[int, int]] = ()) -> int:
    """Words of ``text`` that touch none of ``quotes``, ``indirect`` content and ``skip``.

    >>> narrator_count('Critics slammed the law, which he called "draconian".', [(41, 52)], [])
    7"""
    ws = T.words(text)
    return _outside([w[0] for w in ws], [w[1] for w in ws], (*quotes, *indirect, *skip))


def _outside(starts: list, ends: list, spans) -> int:
    """How many of the words ``starts[i]:ends[i]`` (in order) touch none of ``spans``."""
    inside = top = 0   # words i..j-1 touch a span (ends[i] > s, starts[j-1] < e), counted once
    for i, j in sorted((bisect_left(ends, s + 1), bisect_left(starts, e)) for s, e in spans):
        if j > max(i, top):
            inside += j - max(i, top)
            top = j
    return len(starts) - inside


def narrator_words(analysis: Analysis) -> int:
    """Words in the outlet's own voice, outside boilerplate, quotations and indirect content
    (``n_narrator_words`` when the tagger ran, else counted): a per-1,000 rate's denominator.

    >>> from framing import analyze
    >>> narrator_words(analyze('Critics slammed the law, which he called "draconian".'))
    5"""
    n = analysis.n_narrator_words
    return narrator_count(*_voices(analysis)) if n is None else n


def _voices(an: Analysis):
    """``(text, quotations, indirect content, boilerplate)`` as :func:`framing.analyze` finds them."""
    text, bp = an.article.text, list(an.boilerplate)
    return (text, [q for q in T.quotations(text) if not T.overlaps(bp, *q)],
            [(a.content.start, a.content.end) for a in an.attributions if a.kind == "indirect"], bp)


# -- baselines ---------------------------------------------------------------------

def subjectivity_baseline(text: str, *, min_subjectivity: float = 0.0) -> list[tuple[int, int]]:
    """TextBlob's subjectivity lexicon used as a dictionary: every word whose (sense-averaged)
    subjectivity is above ``min_subjectivity`` (the baseline of ``framing evaluate loaded``).

    >>> t = "A brutal attack on the town."
    >>> [t[s:e] for s, e in subjectivity_baseline(t)]
    ['brutal']
    """
    lx = pattern_lexicon()
    out = []
    for s, e in T.words(text):
        v = lx.get(_norm(text[s:e]))
        if v is not None and v[1] > min_subjectivity:
            out.append((s, e))
    return out


def pack_baseline(text: str, lexicons=("general-bias",), *, evaluative_only: bool = False
                  ) -> list[tuple[int, int]]:
    """Spans of lexicon-pack hits (``evaluative_only``: hits with a connotation or echoing a pole).

    >>> t = "Critics slammed the brutal attack."
    >>> [t[s:e] for s, e in pack_baseline(t)]
    ['slammed', 'brutal']
    """
    out = []
    for lx in load_lexicons(list(lexicons) if lexicons is not None else None):
        for h in find_terms(text, lx):
            if not evaluative_only or h.connotation != 0 or h.echoes != "neutral":
                out.append((h.start, h.end))
    return sorted(out)


# -- evaluation --------------------------------------------------------------------

@dataclass
class SpanScores:
    """Counts gathered over articles for one tagger; the properties give the figures.

    - **span recall**: gold spans overlapped by a predicted span / gold spans;
    - **span precision**: predicted spans overlapping a gold span / predicted spans;
    - **exact** span P/R: as above, but the two spans must cover the same words;
    - **token P/R/F1**: over words (:data:`framing.text.WORD_RE`); a word is gold (or
      predicted) when a gold (predicted) span overlaps it.
    """

    n_articles: int = 0
    n_gold: int = 0
    n_pred: int = 0
    gold_found: int = 0
    pred_correct: int = 0
    gold_exact: int = 0
    pred_exact: int = 0
    tok_gold: int = 0
    tok_pred: int = 0
    tok_both: int = 0
    n_words: int = 0

    def add(self, o: "SpanScores") -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @staticmethod
    def _div(a, b):
        return a / b if b else 0.0

    @property
    def span_recall(self) -> float:
        return self._div(self.gold_found, self.n_gold)

    @property
    def span_precision(self) -> float:
        return self._div(self.pred_correct, self.n_pred)

    @property
    def token_prf(self) -> tuple[float, float, float]:
        p, r = self._div(self.tok_both, self.tok_pred), self._div(self.tok_both, self.tok_gold)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self) -> dict:
        p, r, f = self.token_prf
        return {"span recall": self.span_recall, "span precision": self.span_precision,
                "exact recall": self._div(self.gold_exact, self.n_gold),
                "exact precision": self._div(self.pred_exact, self.n_pred),
                "token P": p, "token R": r, "token F1": f,
                "gold spans": self.n_gold, "predicted spans": self.n_pred,
                "predicted per 1k words": 1000 * self._div(self.n_pred, self.n_words)}


def score_spans(text: str, gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]],
                tokens: Sequence[tuple[int, int]] | None = None) -> SpanScores:
    """Counts for one article (definitions in :class:`SpanScores`).

    >>> t = "Critics slammed the so called reform."
    >>> sc = score_spans(t, [(8, 15), (20, 29)], [(8, 15), (20, 22), (30, 36)])
    >>> sc.span_recall, sc.span_precision, round(sc.token_prf[0], 2)
    (1.0, 0.6666666666666666, 0.67)
    """
    tokens = T.words(text) if tokens is None else tokens
    gold = sorted(set(gold))
    pred = sorted(set(pred))
    gset, pset = T.SpanSet(gold), T.SpanSet(pred)

    def cover(spans):
        out = []
        for s, e in spans:
            out.append(frozenset(i for i, (ts, te) in enumerate(tokens) if ts < e and s < te))
        return out

    gtok, ptok = cover(gold), cover(pred)
    pwords = set().union(*ptok) if ptok else set()
    gwords = set().union(*gtok) if gtok else set()
    gexact = {g for g in gtok if g}
    pexact = {p for p in ptok if p}
    return SpanScores(
        n_articles=1, n_gold=len(gold), n_pred=len(pred),
        gold_found=sum(1 for s, e in gold if pset.hits(s, e)),
        pred_correct=sum(1 for s, e in pred if gset.hits(s, e)),
        gold_exact=sum(1 for g in gtok if g and g in pexact),
        pred_exact=sum(1 for p in ptok if p and p in gexact),
        tok_gold=len(gwords), tok_pred=len(pwords), tok_both=len(gwords & pwords),
        n_words=len(tokens))


def read_span_gold(paths, *, text_field: str = "text", spans_field: str = "spans",
                   keep: dict | None = None,
                   on_error: Callable[[CorpusError], None] | None = None
                   ) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Gold records ``{"text": ..., "spans": [{"start": s, "end": e, ...}]}`` as ``(id, text, spans)``.

    Args:
        paths: JSONL file(s).
        keep: only spans whose fields have these values (``{"bias": "lex"}`` for BASIL's
            lexical-bias spans).
        on_error: called with a :class:`~framing.errors.CorpusError` per bad record, which is
            skipped (default: raise it).
    """
    def _raise(e):
        raise e

    on_error = on_error or _raise
    out = []
    for path in ([paths] if isinstance(paths, (str, Path)) else paths):
        try:
            fh = open(path, encoding="utf-8")
        except OSError as e:
            on_error(CorpusError(path, None, f"cannot be read ({e.strerror or e})"))
            continue
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    out.append(_gold_record(line, n, path, text_field, spans_field, keep))
                except CorpusError as e:
                    on_error(e)
    return out


def _gold_record(line, n, path, text_field, spans_field, keep):
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        raise CorpusError(path, n, f"not valid JSON ({e.msg})") from None
    except RecursionError:
        raise CorpusError(path, n, "not readable: JSON nested too deeply") from None
    if not isinstance(r, dict):
        raise CorpusError(path, n, f"expected a JSON object, not {type(r).__name__}")
    text = r.get(text_field)
    if not isinstance(text, str):
        raise CorpusError(path, n, f"no text: field {text_field!r} is missing or not a string")
    raw = r.get(spans_field)
    if not isinstance(raw, list):
        raise CorpusError(path, n, f"field {spans_field!r} must be a list of "
                                   "{\"start\": int, \"end\": int} objects")
    spans = []
    for i, sp in enumerate(raw):
        if not isinstance(sp, dict) or not all(
                isinstance(sp.get(k), int) and not isinstance(sp.get(k), bool) for k in ("start", "end")):
            raise CorpusError(path, n, f"{spans_field}[{i}] must be an object with integer "
                                       "'start' and 'end'")
        s, e = sp["start"], sp["end"]
        if not 0 <= s < e <= len(text):
            raise CorpusError(path, n, f"{spans_field}[{i}]: [{s}, {e}] is outside the text "
                                       f"(length {len(text)}) or empty")
        if keep and any(sp.get(k) != v for k, v in keep.items()):
            continue
        spans.append((s, e))
    return str(r.get("id", f"{path}:{n}")), text, spans


TAGGERS = ("model", "textblob", "general-bias", "packs-evaluative")
"""The rows of :func:`evaluate_loaded`'s table."""


def _tagger(name: str, model, threshold):
    if name == "model":
        m = load_model(model)
        return lambda t: [(h.start, h.end) for h in find_loaded(t, model=m, threshold=threshold)]
    if name == "textblob":
        return subjectivity_baseline
    if name == "general-bias":
        return pack_baseline
    if name == "packs-evaluative":
        return lambda t: pack_baseline(t, lexicons=None, evaluative_only=True)
    raise FramingError(f"tagger {name!r} unknown; available: {', '.join(TAGGERS)}")


TAGGER_NAMES = {
    "model": "loaded-language tagger ({name}, threshold {threshold:.2f})",
    "textblob": "baseline: TextBlob subjectivity lexicon (subjectivity > 0)",
    "general-bias": "baseline: general-bias pack, every hit",
    "packs-evaluative": "baseline: default packs, hits with a connotation or a pole",
}


def keep_filter(pairs: Iterable[str]) -> dict | None:
    """``FIELD=VALUE`` strings (``--keep-spans``) as the ``keep`` of :func:`evaluate_loaded`.

    >>> keep_filter(["bias=lex", "quote=false"])
    {'bias': 'lex', 'quote': False}
    """
    keep = {}
    for kv in pairs:
        k, sep, v = kv.partition("=")
        if not sep or not k:
            raise FramingError(f"--keep-spans {kv!r}: expected FIELD=VALUE, e.g. bias=lex")
        try:
            keep[k] = json.loads(v)  # true, false, numbers
        except ValueError:
            keep[k] = v
    return keep or None


def evaluate_loaded(data, *, model=DEFAULT_MODEL, threshold: float | None = None,
                    taggers: Iterable[str] = TAGGERS, keep: dict | None = None,
                    text_field: str = "text", spans_field: str = "spans",
                    on_error: Callable[[CorpusError], None] | None = None) -> list[dict]:
    """Score the tagger and the baselines against gold spans: one row per tagger.

    Args:
        data: gold JSONL path(s) (records with ``text`` and ``spans: [{start, end}]``), or
            a list of ``(id, text, spans)`` as :func:`read_span_gold` returns.
        model, threshold: the tagger (default: the shipped model at its own threshold).
        taggers: which rows (:data:`TAGGERS`).
        keep: only gold spans whose fields have these values (``{"bias": "lex"}``).

    Returns:
        ``[{"tagger": ..., "span recall": ..., "span precision": ..., "token P": ..., ...}]``,
        plus each row's ``token P / TextBlob token P`` when the TextBlob row is there.
    """
    taggers = tuple(taggers)
    given = isinstance(data, list) and (not data or isinstance(data[0], tuple))
    items = data if given else read_span_gold(data, text_field=text_field, spans_field=spans_field,
                                              keep=keep, on_error=on_error)
    if not items:
        where = ", ".join(map(str, data)) if isinstance(data, (list, tuple)) else str(data)
        raise FramingError(f"no gold records to score (read from: {where or 'nothing'})")
    rows = []
    toks = [T.words(t) for _, t, _ in items]
    for name in taggers:
        tag = _tagger(name, model, threshold)
        total = SpanScores()
        for (_, text, gold), tk in zip(items, toks):
            total.add(score_spans(text, gold, tag(text), tk))
        label = name
        if name == "model":
            m = load_model(model)
            label = TAGGER_NAMES["model"].format(
                name=m.name, threshold=m.threshold if threshold is None else threshold)
        else:
            label = TAGGER_NAMES[name]
        rows.append({"tagger": label, "articles": total.n_articles, **total.row()})
    if "textblob" in taggers:
        base = next(r["token P"] for r, n in zip(rows, taggers) if n == "textblob")
        for r in rows:
            r["token P / TextBlob's"] = r["token P"] / base if base else None
    return rows
