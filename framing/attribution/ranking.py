"""What the learned stage's source ranker reads: the features of a token as the source of a cue,
and the source model's weights as tables (a ``ctx`` here is a :class:`~.learned.TokenContext`).

:func:`source_features` (:func:`source_token_features` plus :func:`source_pair_features`) is
what the source model was trained on (``bench/train_attribution_model.py``);
:class:`SourceTables` adds the same weights in the same order without building the strings,
and :func:`kind_positions` says where the token kinds of :func:`prefix_counts` lie.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Sequence

from .words import PRONOUNS, QUOTE_TOKENS, SENT_STOPS, SHAPES


def _shape(w: str) -> str:
    return SHAPES[w[0]]


SOURCE_WINDOW = 20
SOURCE_WINDOW_RIGHT = 8
"""How many tokens before (20) and after (8) a cue the source ranker looks at (within its
sentence, and on the same side of any quotation mark: inside a quotation only when the cue is).
In PolNeAR's train split 98% of sources lie within 20 tokens before their cue, or 8 after."""


def _dist_bucket(d: int) -> str:
    a = -d if d < 0 else d
    b = 1 if a == 1 else 2 if a == 2 else 3 if a <= 3 else 5 if a <= 5 else 8 if a <= 8 \
        else 12 if a <= 12 else 20 if a <= 20 else 99
    return ("L" if d < 0 else "R") + str(b)


def prefix_counts(ctx, vocab) -> dict[str, list[int]]:
    """Running counts of the token kinds the source features look for between two tokens
    (``counts[kind][k]``: how many of the first ``k`` tokens are of that kind)."""
    lows = ctx.lows

    def run(test) -> list[int]:
        return list(accumulate(map(test, lows), initial=0))

    return {"comma": run(",".__eq__), "quote": ctx.qpre, "that": run("that".__eq__),
            "who": run(_WHO.__contains__), "stop": run(SENT_STOPS.__contains__),
            "paren": run(_PARENS.__contains__), "vb": run(vocab.__contains__)}


_WHO = frozenset({"who", "which"})
_PARENS = frozenset({"(", ")"})


def source_token_features(ctx, j: int) -> list[str]:
    """The features of token ``j`` as a source that do not depend on the cue."""
    lows, words = ctx.lows, ctx.words
    cw = lows[j]
    f = ["c=" + cw, "csh=" + _shape(words[j]), "cp=" + (lows[j - 1] if j > 0 else "<s>"),
         "cn=" + (lows[j + 1] if j + 1 < len(lows) else "</s>"), "cq=" + ("q" if ctx.inq[j] else "o")]
    if j + 1 < len(words) and words[j + 1][:1].isupper():
        f.append("nextC")
    if j > 0:
        pw = lows[j - 1]
        if words[j - 1][:1].isupper():
            f.append("prevC")
        if pw in ("the", "a", "an"):
            f.append("det")
        elif pw == ",":
            f.append("pcomma")
    if j + 1 < len(lows) and lows[j + 1] == ",":
        f.append("ncomma")
    if j == ctx.first.get(ctx.sid[j], -1):
        f.append("sfirst")
    return f


def source_pair_features(ctx, i: int, j: int, clo: int, chi: int,
                         counts: dict[str, list[int]], cue_feats: bool = True) -> list[str]:
    """The features of token ``j`` as the source of the cue headed by ``i`` (tokens ``clo..chi``)
    that depend on the pair. ``counts`` comes from :func:`prefix_counts`; ``cue_feats=False``
    leaves out the two that depend only on the cue and the side (``cue=``, ``cd=``), which
    the ranker adds once per side."""
    lows = ctx.lows
    cw = lows[j]
    b = _dist_bucket(j - i)
    side = b[0]
    a, z = (j + 1, clo) if j < i else (chi + 1, j)
    if z < a:
        z = a
    sh = _shape(ctx.words[j])
    f = ["d=" + b, "cpd=" + cw + "|" + side, "nb=" + str(min(z - a, 6)), "shd=" + sh + b,
         "cb=" + cw + "|" + b]
    if cue_feats:
        f.append("cue=" + lows[i])
        f.append("cd=" + lows[i] + "|" + side)
    for name, acc in counts.items():
        if acc[z] > acc[a]:
            f.append(name + (side if name != "paren" else ""))
    if cw in PRONOUNS:
        f.append("pron" + b)
    return f


def source_features(ctx, i: int, j: int, clo: int, chi: int,
                    counts: dict[str, list[int]]) -> list[str]:
    """Features of token ``j`` as the source of the cue whose head is ``i`` (the source
    model's input): :func:`source_token_features` and :func:`source_pair_features`."""
    return source_token_features(ctx, j) + source_pair_features(ctx, i, j, clo, chi, counts)


class SourceTables:
    """The source model's weights looked up by the parts of a feature, not by its string.

    :meth:`~.learned._Ranker.best` adds, for each pair, the same weights in the same order as
    ``model.source.score(source_pair_features(...))`` does (so the sums are the same
    to the last bit), without building the feature strings.
    """

    def __init__(self, lin):
        w = lin.weights
        self.bias = lin.bias
        self.bucket = {d: _dist_bucket(d) for d in range(-SOURCE_WINDOW, SOURCE_WINDOW_RIGHT + 1)}
        buckets = set(self.bucket.values())
        self.d = {b: w.get("d=" + b, 0.0) for b in buckets}
        self.nb = [w.get("nb=" + str(n), 0.0) for n in range(7)]
        self.shd = {(sh, b): w.get("shd=" + sh + b, 0.0) for sh in "CDlp" for b in buckets}
        self.pron = {b: w.get("pron" + b, 0.0) for b in buckets}
        self.flags = {side: [w.get(name + (side if name != "paren" else ""), 0.0) for name in _COUNTED]
                      for side in "LR"}
        self.cpd: dict[str, dict[str, float]] = {}  # word -> side -> weight of "cpd=word|side"
        self.cb: dict[str, dict[str, float]] = {}  # word -> bucket -> weight of "cb=word|bucket"
        # the features of one token (source_token_features): "c=word" -> c[word], ...
        self.c, self.csh, self.cp, self.cn, self.cq = {}, {}, {}, {}, {}
        single = {"c": self.c, "csh": self.csh, "cp": self.cp, "cn": self.cn, "cq": self.cq}
        for f, v in w.items():
            t, sep, val = f.partition("=")
            if not sep:
                continue
            if t in single:
                single[t][val] = v
            elif t == "cpd":
                word, side = val.rsplit("|", 1)
                self.cpd.setdefault(word, {})[side] = v
            elif t == "cb":
                word, b = val.rsplit("|", 1)
                self.cb.setdefault(word, {})[b] = v
        self.next_c, self.prev_c, self.det, self.pcomma, self.ncomma, self.sfirst = (
            w.get(f, 0.0) for f in ("nextC", "prevC", "det", "pcomma", "ncomma", "sfirst"))

    def token_score(self, ctx, j: int) -> float:
        """= the sum of the weights of ``source_token_features(ctx, j)``, added in its order."""
        lows, words = ctx.lows, ctx.words
        n = len(lows)
        z = 0.0 + self.c.get(lows[j], 0.0)
        z += self.csh.get(SHAPES[words[j][0]], 0.0)
        z += self.cp.get(lows[j - 1] if j > 0 else "<s>", 0.0)
        z += self.cn.get(lows[j + 1] if j + 1 < n else "</s>", 0.0)
        z += self.cq.get("q" if ctx.inq[j] else "o", 0.0)
        if j + 1 < n and words[j + 1][:1].isupper():
            z += self.next_c
        if j > 0:
            if words[j - 1][:1].isupper():
                z += self.prev_c
            pw = lows[j - 1]
            if pw in ("the", "a", "an"):
                z += self.det
            elif pw == ",":
                z += self.pcomma
        if j + 1 < n and lows[j + 1] == ",":
            z += self.ncomma
        if j == ctx.first.get(ctx.sid[j], -1):
            z += self.sfirst
        return z


_COUNTED = ("comma", "quote", "that", "who", "stop", "paren", "vb")
"""The token kinds of :func:`prefix_counts`, in its order."""
_KIND = {",": 0, **dict.fromkeys(QUOTE_TOKENS, 1), "that": 2, **dict.fromkeys(_WHO, 3),
         **dict.fromkeys(SENT_STOPS, 4), **dict.fromkeys(_PARENS, 5)}
"""The kinds of :data:`_COUNTED` but the last, by token (:func:`prefix_counts`' tests)."""


def kind_positions(lows: Sequence[str], vocab_at: list[int]) -> list[list[int]]:
    """Where the token kinds of :func:`prefix_counts` lie, kind by kind in :data:`_COUNTED`'s
    order: the sorted indices of the tokens of that kind (``vocab_at``: those in the vocabulary)."""
    at: list[list[int]] = [[] for _ in _COUNTED]
    for j in [j for j, w in enumerate(lows) if w in _KIND]:
        at[_KIND[lows[j]]].append(j)
    at[-1] = vocab_at
    return at
