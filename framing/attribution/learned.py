"""The learned stage: cues the rules miss, their sources and where their contents end.

Three small linear models (:class:`AttributionModel`, read from
``framing/models/attribution-polnear-v1.json``; trained on the PolNeAR train
split, see ``framing/models/README.md`` and ``bench/train_attribution_model.py``)
follow PolNeAR's guidelines:

- the **cue** model scores each word of its vocabulary ("called", "found",
  "wants", "believes", ":", ...) as a cue (:func:`cue_features`);
- the **source** model ranks the words of the cue's sentence as its source
  (:func:`source_features`); :func:`~.sources.expand_source` makes the chosen
  word a phrase;
- the **content-end** model chooses where a content running on after the cue
  ends (:func:`content_end_features`): ", encouraging ...", " and vowed ..."
  start something else.

A participle after a comma (``..., accusing ...``) counts only when an
attribution earlier in its sentence gives it a source; a relative clause
(``talks that are due to ...``) and a few non-speech senses (``claimed the lives
of``, ``denied access``) are no content. The models are plain dictionaries of
feature weights read from JSON: no pickle and no parser.

Public names for training (``bench/train_attribution_model.py``):
:class:`TokenContext`, :func:`token_context`, :func:`cue_features`,
:func:`cue_extent`, :func:`source_features`, :func:`prefix_counts`,
:func:`content_end_candidates`, :func:`content_end_features`, :class:`Linear`,
:data:`SOURCE_WINDOW`, :data:`SOURCE_WINDOW_RIGHT`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, starmap
from operator import itemgetter
from pathlib import Path
from functools import lru_cache
from typing import Iterable, Sequence

from .. import text as T
from ..errors import FramingError
from .cues import extra_features as _extra_features, extra_key as _extra_key, mark_found as _mark_found
from .ranking import (SOURCE_WINDOW, SOURCE_WINDOW_RIGHT, SourceTables as _SourceTables, _shape, kind_positions,
                      prefix_counts, source_features, source_pair_features, source_token_features)  # noqa: F401
# (the source features are read here by the training script and the tests, as the docstring says)
from .rules import find_direct, find_indirect, find_signed_and_transcripts
from .state import Found, TextIndex
from .words import AUX_CUE, BREAK_PUNCT, BREAK_WORDS, NEVER_SOURCE, PRONOUNS, QUOTE_TOKENS, SHAPES, is_word



# -- the model -----------------------------------------------------------------

@dataclass(frozen=True)
class Linear:
    """One linear model: bias, feature weights and the decision threshold on the log-odds."""

    bias: float
    weights: dict
    threshold: float
    threshold_quoted: float | None = None  # the cue model's threshold in sentences with quotation marks
    threshold_speech: float | None = None  # ... for speech and writing words in sentences without them
    by: dict | None = None  # ... per cue class there ("belief": ...), and "participle" (see candidates.add_learned)

    def score(self, feats: Iterable[str]) -> float:
        """The log-odds of a feature list (bias plus the weights, in order)."""
        w = self.weights
        z = self.bias
        for f in feats:
            z += w.get(f, 0.0)
        return z


@dataclass(frozen=True)
class AttributionModel:
    """The learned stage's weights, read from a JSON file (see ``framing/models/README.md``).

    Attributes:
        name, version: the model's identity; ``meta`` holds the rest of the file's header
            (training data, scores).
        vocab: words that may head a cue.
        continuations: ``{head: [next words]}`` kept in the cue span ("according" -> "to").
        cue, source, content_end: the three linear models (bias, feature weights, decision
            threshold on the log-odds).
    """

    name: str
    version: str
    vocab: frozenset
    continuations: dict
    cue: Linear
    source: Linear
    content_end: Linear
    meta: dict
    path: str = ""


MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
"""Where the shipped models are (``framing/models``)."""

DEFAULT_MODEL = "attribution-polnear-v1"
"""The shipped model's name (``framing/models/<name>.json``)."""


def load_model(name_or_path=DEFAULT_MODEL) -> AttributionModel:
    """Load a model by shipped name or path (JSON; checked, cached).

    Raises:
        FramingError: the file is missing or is not a model file.
    """
    if isinstance(name_or_path, AttributionModel):
        return name_or_path
    if name_or_path == DEFAULT_MODEL:  # every article asks for it: skip the path look-ups
        return _load_model(str(MODEL_DIR / f"{DEFAULT_MODEL}.json"))
    p = Path(str(name_or_path))
    if not p.suffix:
        p = MODEL_DIR / f"{name_or_path}.json"
    return _load_model(str(p.resolve()))


@lru_cache(maxsize=4)
def _load_model(path: str) -> AttributionModel:
    try:
        doc = json.loads(open(path, encoding="utf-8").read())
    except FileNotFoundError:
        raise FramingError(f"attribution model {path!r} not found") from None
    except (OSError, ValueError) as e:  # incl. an integer of more than 4300 digits
        raise FramingError(f"{path}: not a readable JSON model file ({e})") from None
    except RecursionError:
        raise FramingError(f"{path}: not a readable JSON model file (nested too deeply)") from None
    return model_from_dict(doc, path)


def model_from_dict(doc: dict, path: str = "") -> AttributionModel:
    """Build an :class:`AttributionModel` from the parsed JSON document."""
    try:
        if doc.get("format") != "framing-attribution-model":
            raise KeyError("format")
        parts = {}
        for k in ("cue", "source", "content_end"):
            m = doc[k]
            tq, ts = m.get("threshold_quoted"), m.get("threshold_speech")
            parts[k] = Linear(float(m["bias"]), {str(f): float(w) for f, w in m["weights"].items()},
                              float(m["threshold"]), None if tq is None else float(tq),
                              None if ts is None else float(ts),
                              {str(c): float(v) for c, v in m.get("threshold_by", {}).items()} or None)
        return AttributionModel(
            name=str(doc["name"]), version=str(doc["version"]), vocab=frozenset(doc["vocabulary"]),
            continuations={str(k): tuple(v) for k, v in doc.get("continuations", {}).items()},
            cue=parts["cue"], source=parts["source"], content_end=parts["content_end"],
            meta={k: v for k, v in doc.items()
                  if k not in ("cue", "source", "content_end", "vocabulary", "continuations")},
            path=path,
        )
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as e:
        raise FramingError(f"{path}: not a framing attribution model (bad or missing {e})") from None


# -- what the models read --------------------------------------------------------

_SPLIT_TITLES = frozenset({"Sens.", "Reps.", "Pres.", "Adm.", "Cmdr."})


_SPLIT_AT_RE = re.compile(r"[.'’]")


def model_tokens(text: str, toks: Sequence[tuple[int, int]], ends: Sequence[int] | None = None
                 ) -> list[tuple[int, int]]:
    """The tokens as the v1 model was trained on them: :func:`framing.text.tokens`, with the
    full stop of five titles ("Sens.", "Reps.", "Pres.", "Adm.", "Cmdr.") and of a single
    initial ("J."), and a word's final apostrophe ("officials'"), as tokens of their own.

    ``ends``: the tokens' ends, when at hand (only tokens ending at a full stop or an
    apostrophe are looked at).

    >>> from framing.text import tokens
    >>> t = "Sens. John J. Smith and the officials' aides"
    >>> [t[s:e] for s, e in model_tokens(t, tokens(t))]
    ['Sens', '.', 'John', 'J', '.', 'Smith', 'and', 'the', 'officials', "'", 'aides']
    """
    if ends is None:
        ends = [e for _, e in toks]
    split = []
    for m in _SPLIT_AT_RE.finditer(text):
        e = m.end()
        k = bisect_left(ends, e)
        if k < len(ends) and ends[k] == e:
            s = toks[k][0]
            if e - s > 1 and (text[s] != "'" if text[e - 1] != "."  # (not the mark '')
                              else e - s == 2 or text[s:e] in _SPLIT_TITLES):
                split.append(k)
    if not split:
        return list(toks)
    out: list[tuple[int, int]] = []
    prev = 0
    for k in split:
        out.extend(toks[prev:k])
        s, e = toks[k]
        out.append((s, e - 1))
        out.append((e - 1, e))
        prev = k + 1
    out.extend(toks[prev:])
    return out


class TokenContext:
    """The tokens of one text with what the learned stage reads about each.

    Attributes:
        spans: ``(start, end)`` of each token (:func:`model_tokens`).
        words, lows: the token texts, as written and lower-cased.
        sid: index of the token's sentence in ``sents``, -1 outside (skipped text).
        inq: whether the token lies inside a quotation.
        first, last: the first and last token of each sentence (by index in ``sents``).
        qpre: running count of quotation-mark tokens (``qpre[k]``: among the first ``k``).
    """

    __slots__ = ("text", "spans", "words", "lows", "sid", "inq", "sents", "first", "last", "_starts",
                 "qpre", "rc")

    def __init__(self, text: str, sents: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]],
                 toks: Sequence[tuple[int, int]] | None = None, ends: Sequence[int] | None = None):
        self.text = text
        self.sents = list(sents)
        self.spans = model_tokens(text, T.tokens(text) if toks is None else toks, ends)
        self.words = list(map(text.__getitem__, starmap(slice, self.spans)))
        # (a word already in lower case is kept, not copied: a long article has millions)
        self.lows = [lw if lw != w else w for w, lw in zip(self.words, map(str.lower, self.words))]
        n = len(self.spans)
        starts = list(map(itemgetter(0), self.spans))
        sid = [-1] * n
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for k, (ss, se) in enumerate(self.sents):
            a, b = bisect_left(starts, ss), bisect_left(starts, se)
            if b > a:
                sid[a:b] = [k] * (b - a)
                first[k], last[k] = a, b - 1
        inq = [False] * n
        for qs, qe in quotes:
            a, b = bisect_right(starts, qs), bisect_left(starts, qe)
            if b > a:
                inq[a:b] = [True] * (b - a)
        self.sid, self.inq, self.first, self.last = sid, inq, first, last
        self._starts = starts
        self.qpre = list(accumulate(map(QUOTE_TOKENS.__contains__, self.lows), initial=0))
        self.rc: list[str] | None = None  # what the rules found around each token (cues.mark_found)

    def token_range(self, s: int, e: int) -> tuple[int, int]:
        """First and last token lying within ``[s, e)``."""
        starts = self._starts
        a = bisect_right(starts, s - 1)
        b = bisect_right(starts, e - 1) - 1
        while b > a and self.spans[b][1] > e:
            b -= 1
        return a, b

    def around(self, i: int, d: int) -> str:
        """The lower-cased token ``d`` places from ``i`` in the same sentence (or a boundary mark)."""
        j = i + d
        if 0 <= j < len(self.lows) and self.sid[j] == self.sid[i]:
            return self.lows[j]
        return "<s>" if d < 0 else "</s>"


def token_context(text: str, skip: Iterable = ()) -> TokenContext:
    """The :class:`TokenContext` the learned stage reads, built as :func:`find_attributions` builds it."""
    ix = TextIndex(text, list(skip))
    ctx = TokenContext(text, ix.sents, ix.quotes, ix.all_tokens(), ix.token_ends())
    found = Found()  # what the rules find, as find_attributions runs them before this stage
    find_direct(ix, found), find_signed_and_transcripts(ix, found), find_indirect(ix, found)
    _mark_found(ctx, found)
    return ctx


def cue_window(ctx: TokenContext, i: int) -> tuple:
    """What the cue features of token ``i`` are made of: ``(w, pw, pw2, nw, nw2, first, last,
    pos, inq)`` — the word, two words either side, its sentence's first and last token, its
    place in the sentence (F/M/L) and whether it is inside a quotation (q/o). Shared by
    :func:`cue_features` and :meth:`CueModel.score`, so the two cannot drift apart."""
    w = ctx.lows[i]
    pw, pw2 = ctx.around(i, -1), ctx.around(i, -2)
    nw, nw2 = ctx.around(i, 1), ctx.around(i, 2)
    sid = ctx.sid[i]
    first, last = ctx.first.get(sid, i), ctx.last.get(sid, i)
    pos = "F" if i == first else "L" if i >= last - 1 else "M"
    inq = "q" if ctx.inq[i] else "o"
    return w, pw, pw2, nw, nw2, first, last, pos, inq


def cue_features(ctx: TokenContext, i: int) -> list[str]:
    """Features of token ``i`` as a possible cue (the learned cue model's input)."""
    w, pw, pw2, nw, nw2, first, last, pos, inq = cue_window(ctx, i)
    f = ["w=" + w, "p=" + pw, "n=" + nw, "p2=" + pw2, "n2=" + nw2, "pw=" + pw + "|" + w,
         "wn=" + w + "|" + nw, "sh=" + _shape(ctx.words[i]),
         "psh=" + (_shape(ctx.words[i - 1]) if i > first else "^"),
         "nsh=" + (_shape(ctx.words[i + 1]) if i < last else "$"),
         "q=" + inq, "wq=" + w + "|" + inq, "pos=" + pos, "wpos=" + w + "|" + pos, "suf=" + w[-2:]]
    if pw in PRONOUNS:
        f.append("ppron")
    if nw in QUOTE_TOKENS or nw2 in QUOTE_TOKENS:
        f.append("nq")
        f.append("nqw=" + w)
    if pw in QUOTE_TOKENS or pw2 in QUOTE_TOKENS:
        f.append("pq")
        f.append("pqw=" + w)
    if nw == "that":
        f.append("nthat")
    qpre = ctx.qpre  # quotation marks within six tokens of the sentence, ahead and behind
    if qpre[min(last, i + 6) + 1] > qpre[i + 1]:
        f.append("q6")
    if qpre[i] > qpre[max(first, i - 6)]:
        f.append("p6")
    if qpre[last + 1] > qpre[first]:
        f.append("sq")
    return f + cue_extra_features(ctx, i)


def cue_extra_features(ctx: TokenContext, i: int) -> list[str]:
    """The cue features that reach beyond the word itself (appended to :func:`cue_features`), so
    that a form the model never saw is scored by its kin: the word's stem (:func:`~.cues.cue_stem`:
    "reiterates" shares "reiterated"'s weight), its cue class (:func:`~.cues.cue_class`: the
    curated speech/writing/belief/evidence lists), and the class with the verb's frame (a
    that-clause, a quotation or colon after it, "by" after it, a quotation before it, a comma
    either side), with its subject (a pronoun, a capitalised name, a role noun such as
    "officials") and with the word after it (a role noun: "Opposition negotiators" is no cue,
    ", said officials" is); what the rules found around it (:func:`~.cues.mark_found`: inside a
    found content, a nested cue) and whether a clause follows, each with the class and frame."""
    return _extra_features(_extra_key(ctx, i))


_EXTRA: dict[int, tuple[dict, dict]] = {}


def _extra_weights(weights: dict, key: tuple[str, ...]) -> tuple[float, ...]:
    """The weights of :func:`_extra_features` in their order, remembered per model and key."""
    got = _EXTRA.get(id(weights))
    if got is None or got[0] is not weights:
        if len(_EXTRA) >= 8:
            _EXTRA.clear()
        got = _EXTRA[id(weights)] = (weights, {})
    memo = got[1]
    ws = memo.get(key)
    if ws is None:
        if len(memo) >= 200_000:
            memo.clear()
        ws = memo[key] = tuple(weights.get(f, 0.0) for f in _extra_features(key))
    return ws


def cue_extent(ctx: TokenContext, i: int, model: AttributionModel) -> tuple[int, int]:
    """First and last token of the cue headed by token ``i``: auxiliaries before it
    ("has said", "is expected") and a continuation word after it ("according to")."""
    lows, sids = ctx.lows, ctx.sid
    sid = sids[i]
    clo = chi = i
    while clo > 0 and sids[clo - 1] == sid and lows[clo - 1] in AUX_CUE:
        clo -= 1
    cont = model.continuations.get(lows[i], ())
    if chi + 1 < len(lows) and sids[chi + 1] == sid and lows[chi + 1] in cont:
        chi += 1
    return clo, chi


def content_end_candidates(ctx: TokenContext, a: int, b: int) -> list[int]:
    """Tokens after which a content running from token ``a`` may end (``b``, the last, always)."""
    lows, inq = ctx.lows, ctx.inq
    out = []
    for e in range(a, b):
        n1 = lows[e + 1]
        if (n1 in BREAK_PUNCT or n1 in BREAK_WORDS) and not (inq[e] and inq[e + 1]):
            out.append(e)
    out.append(b)
    return out


def content_end_window(ctx: TokenContext, a: int, e: int, b: int) -> tuple[str, str, int, int]:
    """What the content-end features of ending after token ``e`` are made of: ``(n1, n2, length,
    rest)`` -- the two words after ``e`` within the content (``</s>`` past its end), the
    content's length in tokens and the tokens left after ``e`` (``0`` at the end), both bucketed.
    Shared by :func:`content_end_features` and the content-end tables, so the two cannot drift apart."""
    lows = ctx.lows
    if e == b:
        n1 = n2 = "</s>"
    else:
        n1 = lows[e + 1]
        n2 = lows[e + 2] if e + 2 <= b else "</s>"
    n, rest = e - a + 1, b - e
    return (n1, n2, 1 if n == 1 else 2 if n == 2 else 4 if n <= 4 else 8 if n <= 8 else 16 if n <= 16 else 32,
            0 if rest == 0 else 1 if rest <= 2 else 4 if rest <= 4 else 8 if rest <= 8 else 16)


def content_end_features(ctx: TokenContext, i: int, a: int, e: int, b: int, vocab) -> list[str]:
    """Features of ending the content that starts at token ``a`` after token ``e`` (cue head ``i``,
    sentence content up to ``b``)."""
    lows, words = ctx.lows, ctx.words
    n1, n2, size, rest = content_end_window(ctx, a, e, b)
    f = ["n1=" + n1, "n2=" + n2, "n12=" + n1 + "|" + n2, "last=" + lows[e], "cue=" + lows[i],
         "cn1=" + lows[i] + "|" + n1, "len=" + str(size)]
    if e == b:
        f.append("END")
    else:
        f.append("rest=" + str(rest))
        if n2.endswith("ing"):
            f.append("n2ing=" + n1)
        if n2 in vocab:
            f.append("n2vb=" + n1)
        if n1 in vocab:
            f.append("n1vb")
        if e + 2 <= b and words[e + 2][:1].isupper():
            f.append("n2C=" + n1)
    if ctx.inq[e]:
        f.append("inq")
    return f


# -- the stage -----------------------------------------------------------------------

class _CueTables:
    """The cue model's weights looked up by the parts of a feature: :meth:`score` adds the same
    weights in the same order as ``model.cue.score(cue_features(ctx, i))``."""

    _SINGLE = ("w", "p", "n", "p2", "n2", "sh", "psh", "nsh", "q", "pos", "suf", "nqw", "pqw")

    def __init__(self, lin: Linear):
        w = lin.weights
        self.bias = lin.bias
        self.one: dict[str, dict[str, float]] = {t: {} for t in self._SINGLE}
        # two-part features, by the cue word: "pw=prev|word" -> pw[word][prev], "wn=word|next" ->
        # wn[word][next], "wq=word|q" -> wq[word][q], "wpos=word|pos" -> wpos[word][pos]
        self.pw: dict[str, dict[str, float]] = {}
        self.pair: dict[str, dict[str, dict[str, float]]] = {"wn": {}, "wq": {}, "wpos": {}}
        for f, v in w.items():
            t, sep, val = f.partition("=")
            if not sep:
                continue
            if t in self.one:
                self.one[t][val] = v
            elif t == "pw":
                prev, word = val.rsplit("|", 1)  # (a cue word has no "|")
                self.pw.setdefault(word, {})[prev] = v
            elif t in self.pair:
                word, x = val.split("|", 1)
                self.pair[t].setdefault(word, {})[x] = v
        self.flag = {f: w.get(f, 0.0) for f in ("ppron", "nq", "pq", "nthat", "q6", "p6", "sq")}

    def score(self, ctx: TokenContext, i: int, window: tuple | None = None) -> float:
        """The cue model's log-odds for token ``i`` (see :func:`cue_features`); ``window``:
        its :func:`cue_window`, when the caller has it."""
        one, flag = self.one, self.flag
        w, pw, pw2, nw, nw2, first, last, pos, inq = cue_window(ctx, i) if window is None else window
        z = self.bias
        z += one["w"].get(w, 0.0)
        z += one["p"].get(pw, 0.0)
        z += one["n"].get(nw, 0.0)
        z += one["p2"].get(pw2, 0.0)
        z += one["n2"].get(nw2, 0.0)
        z += _get2(self.pw, w, pw)
        z += _get2(self.pair["wn"], w, nw)
        words = ctx.words
        z += one["sh"].get(SHAPES[words[i][0]], 0.0)
        z += one["psh"].get(SHAPES[words[i - 1][0]] if i > first else "^", 0.0)
        z += one["nsh"].get(SHAPES[words[i + 1][0]] if i < last else "$", 0.0)
        z += one["q"].get(inq, 0.0)
        z += _get2(self.pair["wq"], w, inq)
        z += one["pos"].get(pos, 0.0)
        z += _get2(self.pair["wpos"], w, pos)
        z += one["suf"].get(w[-2:], 0.0)
        if pw in PRONOUNS:
            z += flag["ppron"]
        if nw in QUOTE_TOKENS or nw2 in QUOTE_TOKENS:
            z += flag["nq"]
            z += one["nqw"].get(w, 0.0)
        if pw in QUOTE_TOKENS or pw2 in QUOTE_TOKENS:
            z += flag["pq"]
            z += one["pqw"].get(w, 0.0)
        if nw == "that":
            z += flag["nthat"]
        qpre = ctx.qpre
        if qpre[min(last, i + 6) + 1] > qpre[i + 1]:
            z += flag["q6"]
        if qpre[i] > qpre[max(first, i - 6)]:
            z += flag["p6"]
        if qpre[last + 1] > qpre[first]:
            z += flag["sq"]
        return z


class _EndTables:
    """The content-end model's weights looked up by the parts of a feature: :meth:`score` adds
    the same weights in the same order as ``model.content_end.score(content_end_features(...))``."""

    _SINGLE = ("n1", "n2", "last", "cue", "n2ing", "n2vb", "n2C")

    def __init__(self, lin: Linear):
        w = lin.weights
        self.bias = lin.bias
        self.one: dict[str, dict[str, float]] = {t: {} for t in self._SINGLE}
        # "n12=n1|n2" -> n12[n1][n2], "cn1=cue|n1" -> cn1[cue][n1]; a token may be "|" itself, so
        # a value is filed under every way of splitting it at a "|"
        self.n12: dict[str, dict[str, float]] = {}
        self.cn1: dict[str, dict[str, float]] = {}
        self.len: dict[int, float] = {}
        self.rest: dict[int, float] = {}
        for f, v in w.items():
            t, sep, val = f.partition("=")
            if not sep:
                continue
            if t in self.one:
                self.one[t][val] = v
            elif t in ("n12", "cn1"):
                table = self.n12 if t == "n12" else self.cn1
                for k, c in enumerate(val):
                    if c == "|":
                        table.setdefault(val[:k], {})[val[k + 1:]] = v
            elif t in ("len", "rest") and val.isdigit():
                (self.len if t == "len" else self.rest)[int(val)] = v
        self.end, self.n1vb, self.inq = (w.get(f, 0.0) for f in ("END", "n1vb", "inq"))

    def score(self, ctx: TokenContext, i: int, a: int, e: int, b: int, vocab) -> float:
        """The content-end model's log-odds of ending after token ``e`` (see :func:`content_end_features`)."""
        lows, one = ctx.lows, self.one
        n1, n2, size, rest = content_end_window(ctx, a, e, b)
        cue = lows[i]
        z = self.bias
        z += one["n1"].get(n1, 0.0)
        z += one["n2"].get(n2, 0.0)
        z += _get2(self.n12, n1, n2)
        z += one["last"].get(lows[e], 0.0)
        z += one["cue"].get(cue, 0.0)
        z += _get2(self.cn1, cue, n1)
        z += self.len.get(size, 0.0)
        if e == b:
            z += self.end
        else:
            z += self.rest.get(rest, 0.0)
            if n2.endswith("ing"):
                z += one["n2ing"].get(n1, 0.0)
            if n2 in vocab:
                z += one["n2vb"].get(n1, 0.0)
            if n1 in vocab:
                z += self.n1vb
            if e + 2 <= b and ctx.words[e + 2][:1].isupper():
                z += one["n2C"].get(n1, 0.0)
        if ctx.inq[e]:
            z += self.inq
        return z


def _get2(table: dict, a: str, b: str) -> float:
    d = table.get(a)
    return d.get(b, 0.0) if d is not None else 0.0


_TABLES: dict[int, tuple[AttributionModel, _CueTables, _SourceTables, _EndTables]] = {}


def _tables(model: AttributionModel) -> tuple[_CueTables, _SourceTables, _EndTables]:
    """The cue, source and content-end tables of a model, made once."""
    got = _TABLES.get(id(model))
    if got is None or got[0] is not model:
        if len(_TABLES) >= 8:
            _TABLES.clear()
        got = _TABLES[id(model)] = (model, _CueTables(model.cue), _SourceTables(model.source),
                                    _EndTables(model.content_end))
    return got[1], got[2], got[3]


class _Ranker:
    """The source ranker's per-article state: running counts and what it reads of each token."""

    __slots__ = ("ctx", "model", "at", "vocab_at", "tables", "cand")

    def __init__(self, ctx: TokenContext, model: AttributionModel, vocab_at: list[int]):
        self.ctx, self.model, self.vocab_at = ctx, model, vocab_at
        self.at = self.cand = None
        self.tables = _tables(model)[1]

    def _token(self, j: int) -> tuple | None:
        """Token ``j`` for every pair (``None``: no source): cue-free score, shape, weights, pronoun."""
        ctx, tb = self.ctx, self.tables
        w, cw = ctx.words[j], ctx.lows[j]
        if not is_word(w) or cw in NEVER_SOURCE:
            return None
        return tb.token_score(ctx, j), SHAPES[w[0]], tb.cpd.get(cw), tb.cb.get(cw), cw in PRONOUNS

    def best(self, i: int, clo: int, chi: int) -> int:
        """The token ranked first as the source of the cue headed by ``i`` (-1: none clears the
        threshold). A pair scores ``model.source.score(source_features(...))``, weights added in
        the features' order; the running counts say where each flag starts to hold."""
        ctx, model, tb = self.ctx, self.model, self.tables
        sid = ctx.sid[i]
        lo = max(ctx.first[sid], i - SOURCE_WINDOW)
        hi = min(ctx.last[sid], i + SOURCE_WINDOW_RIGHT)
        lows = ctx.lows
        wget = model.source.weights.get
        if self.at is None:
            self.at = kind_positions(lows, self.vocab_at)
            self.cand = [False] * len(lows)   # (False: not looked at yet)
        cand = self.cand
        inq, qi = ctx.inq, ctx.inq[i]
        bias, bucket, wd, wnb, wshd, wpron = tb.bias, tb.bucket, tb.d, tb.nb, tb.shd, tb.pron
        # each side: its tokens, and where each token kind starts to lie between the cue and
        # token j (left: j before the kind's last token before clo; right: j after its first
        # token after chi), as "sign * j > bound"
        a, n = chi + 1, len(lows)
        left, right = [], []
        for at in self.at:
            k = bisect_left(at, clo)
            left.append(-at[k - 1] if k else 1)
            k = bisect_left(at, a, k)
            right.append(at[k] if k < len(at) else n)
        sides = (("L", range(lo, min(clo - 1, hi) + 1), -1, clo, left),
                 ("R", range(max(a, lo), hi + 1), 1, chi, right))
        best, bz = -1, 0.0
        for side, js, sign, edge, bounds in sides:
            by = wget("cue=" + lows[i], 0.0) + wget("cd=" + lows[i] + "|" + side, 0.0)
            flags = tb.flags[side]
            for j in js:
                if inq[j] != qi:
                    continue
                t = cand[j]
                if t is False:
                    t = cand[j] = self._token(j)
                if t is None:
                    continue
                z0, sh, cpd, cb, pron = t
                b = bucket[j - i]
                zp = bias + wd[b]
                zp += cpd.get(side, 0.0) if cpd is not None else 0.0
                n = sign * (j - edge) - 1   # tokens between the cue and token j
                zp += wnb[n if n < 6 else 6]
                zp += wshd[sh, b]
                zp += cb.get(b, 0.0) if cb is not None else 0.0
                sj = sign * j
                for bound, wf in zip(bounds, flags):
                    if sj > bound:
                        zp += wf
                if pron:
                    zp += wpron[b]
                z = z0 + by + zp
                if best < 0 or z > bz:
                    best, bz = j, z
        if best < 0 or bz < model.source.threshold:
            return -1
        return best
