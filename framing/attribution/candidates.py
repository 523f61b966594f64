"""The learned stage run on one text: the words the cue model proposes (:func:`find_learned`),
and for each its source and content (:func:`add_learned`), added to what the rules found.

The models and what they read are in :mod:`.learned`; this module decides which proposals
become attributions: the thresholds per context and cue class, a participle's parent, a
quotation before or after the cue, a reported clause to the end of the sentence (where the
content-end model ends it) or the sentence before a cue-final "..., X said.".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .cues import CUE_VERBS, THAT_RE, TAIL_RE, cue_class, cue_stance, cue_stem, extra_key as _extra_key, \
    mark_found as _mark_found, skip_adv
from .learned import (AttributionModel, TokenContext, _extra_weights, _Ranker,
                      _tables, content_end_candidates, cue_extent, cue_window)
from .rules import block_after, content_to_end, continued_quote, ends_clause
from .sources import expand_source, looks_like_clause
from .state import Found, TextIndex, n_words, strip_span
from .words import BARE_OK, FINITE, NON_SPEECH, NOT_CONTENT, is_word, lw

_REL_THAT_RE = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should)\b")

_SPEECH_CLASSES = frozenset({"speech", "writing"})
"""Cue classes held to the cue model's ``threshold_speech`` outside quotations (what a
speech-quote guideline counts; beliefs and findings keep the general threshold)."""


_FORCE_SENSE = frozenset({"attack", "blast", "slam", "lash", "respond"})
"""Stems of speech words whose other sense is force ("the army attacked the town", "a car
bomb blast", "responded with air raids"): in war news that sense is common, so they keep
``threshold_speech`` in the default mode too (a cue class's lower threshold there reads
PolNeAR's US campaign news, where the speech sense dominates)."""


def find_learned(ix: TextIndex, found: Found, model: AttributionModel, speech: bool = False) -> None:
    """Cues the rules missed, proposed by the cue model, each with its source and content.

    Outside quotations a word is held to its cue class's threshold (``threshold_by``), a
    speech or writing word without one to ``threshold_speech``. ``speech``: the speech-quote
    mode (``quotes="speech"``), in which speech and writing words are held to
    ``threshold_speech`` whatever ``threshold_by`` says (a speech-quote guideline counts
    fewer of them than PolNeAR's, which the default mode follows).
    """
    ctx = TokenContext(ix.text, ix.sents, ix.quotes, ix.all_tokens(), ix.token_ends())
    _mark_found(ctx, found)
    lows, spans, sids = ctx.lows, ctx.spans, ctx.sid
    taken = found.cue_spans()
    taken_starts = [a for a, _ in taken]
    vocab, cue = model.vocab, model.cue
    qpre, first, last = ctx.qpre, ctx.first, ctx.last
    tq = cue.threshold if cue.threshold_quoted is None else cue.threshold_quoted
    ts, by = cue.threshold_speech, cue.by or {}
    cue_tables = _tables(model)[0]
    cue_ws = cue.weights
    heads: list[tuple[int, float]] = []
    vocab_at = [i for i, w in enumerate(lows) if w in vocab]
    for i in vocab_at:
        if sids[i] < 0:
            continue
        w = lows[i]
        s, e = spans[i]
        if s in found.used:
            continue  # "saying" in "quoted X as saying": the rules used it
        k = bisect_right(taken_starts, s) - 1
        if k >= 0 and taken[k][1] > s or k + 1 < len(taken) and taken[k + 1][0] < e:
            continue  # inside a cue the rules found
        win = cue_window(ctx, i)
        z = cue_tables.score(ctx, i, win)  # + the extra features: = cue.score(cue_features(ctx, i))
        for x in _extra_weights(cue_ws, _extra_key(ctx, i, win[1:5])):
            z += x
        sid = sids[i]
        if qpre[last[sid] + 1] > qpre[first[sid]]:
            ok = z >= tq
        else:
            cls = cue_class(w)
            if ts is not None and cls in _SPEECH_CLASSES:
                ok = z >= (ts if speech or cue_stem(w) in _FORCE_SENSE else by.get(cls, ts))
            else:
                ok = z >= by.get(cls, cue.threshold)
        if ok:
            if heads and i - heads[-1][0] <= 2 and sids[heads[-1][0]] == sids[i] and \
                    all(is_word(ctx.words[x]) for x in range(heads[-1][0] + 1, i)):
                if z > heads[-1][1]:  # one cue phrase: keep its strongest word
                    heads[-1] = (i, z)
                continue
            heads.append((i, z))
    ranker = _Ranker(ctx, model, vocab_at)
    for i, z in heads:
        add_learned(ix, found, ctx, model, ranker, i, z)


def add_learned(ix: TextIndex, found: Found, ctx: TokenContext, model: AttributionModel, ranker: _Ranker,
                 i: int, z: float = 0.0) -> None:
    t = ix.text
    lows, spans = ctx.lows, ctx.spans
    clo, chi = cue_extent(ctx, i, model)
    cs, ce = spans[clo][0], spans[chi][1]
    if clo > 0 and lows[clo - 1] in ("having", "let's", "let’s"):
        return  # "Having said that, ..."
    if clo == i > 0 and lows[i - 1] == "," and lows[i].endswith("ed") and i + 1 < len(lows) \
            and lows[i + 1] == "by":
        return  # "forces, supported by militias, ...": a passive participle and its agent (in
        # PolNeAR's train split 11 of 42 such words are cues)
    parent = None
    if lows[i].endswith("ing") and lows[i] != "according" and clo > 0 and lows[clo - 1] == ",":
        # ", adding ...", ", accusing ...": the participle shares the source of an
        # attribution earlier in its sentence; without one it is no attribution here
        ss = ix.sents[ctx.sid[i]][0]
        parent = found.last_in(ss, cs)
        if parent is None and z < (model.cue.by or {}).get("participle", 1e9):
            return  # (unless the cue model is sure enough: then its source is ranked as any)
    src = None
    if parent is None:
        j = ranker.best(i, clo, chi)
        src = None if j < 0 else expand_source(ix, ctx, j, clo, chi)
    got = _learned_content(ix, found, ctx, model, i, clo, chi, src)
    if got is None:
        return
    kind, content = got
    cw = t[content[0]:content[1]].split()
    if not cw:
        return
    if kind == "direct" and found.direct_overlaps(*content):
        return  # a quotation is credited once
    first = lw(cw[0])
    objects = NON_SPEECH.get(CUE_VERBS.get(lows[i], ("", ""))[0])
    if objects and kind == "indirect" and " ".join(cw[:2]).lower().startswith(objects):
        return  # "has claimed the lives of", "denied access to"
    if kind == "indirect" and (
            first == "by" and clo < i  # a passive's agent: "were rejected by the court"
            or first in NOT_CONTENT and CUE_VERBS.get(lows[i], ("", ""))[0] in BARE_OK
            and not looks_like_clause(ix, *content)  # ("say it underscores ..." is a clause)
            or n_words(t, *content, 2) < 2
            or content[0] >= ce and cue_stem(lows[i]) == lows[i] and _noun_before_verb(cw)):
        return
    found.add(ix, kind, src, src, (cs, ce), cue_stance(ctx.words[i]), content, parent=parent)


_PLACE_PREPS = frozenset({"in", "at", "on", "near", "outside", "inside", "during", "after", "before", "since",
                          "amid", "following"})


def _noun_before_verb(words: list[str]) -> bool:
    """Whether a content after a cue word opens with a place or time and then the verb of its
    own clause ("blast *in Homs has claimed* ...", "attack *on the base was* ..."): a cue word
    in its bare form (a noun's too) is then a noun heading the subject, no cue (asked only of
    those: "said after the convention he would ..." is a cue). ``words``: the content split
    on spaces.

    >>> _noun_before_verb("in Homs has claimed the lives".split()), _noun_before_verb("in Homs".split())
    (True, False)
    >>> _noun_before_verb("at least twelve people were killed".split())
    False
    """
    if not words or lw(words[0]) not in _PLACE_PREPS or len(words) > 1 and lw(words[1]) in ("least", "most"):
        return False  # ("at least twelve people were killed" is a clause)
    for w in words[1:7]:
        if w.endswith((",", ";", ":")):
            return False
        if lw(w) in FINITE:
            return True
    return False


def _learned_content(ix: TextIndex, found: Found, ctx: TokenContext, model: AttributionModel, i: int,
                     clo: int, chi: int, src) -> tuple[str, tuple[int, int]] | None:
    t = ix.text
    sid = ctx.sid[clo]
    ss, se = ix.sents[sid]
    cs, ce = ctx.spans[clo][0], ctx.spans[chi][1]
    after = ce
    if src is not None and src[0] >= ce and n_words(t, ce, src[0], 3) <= 2:
        after = src[1]  # "..., said Smith"
    after = skip_adv(t, after, se)
    block = block_after(ix, after)
    if block is not None:  # "X added:" and, as the next paragraph, what X added
        return "indirect", block
    # a quotation right after the cue: X said: “...”
    q = ix.quote_starting(after, len(t))
    if q is not None:
        return "direct", ix.quote_inner(*q)
    # a quotation right before the source or cue, which it ends or which goes
    # on after it: “...,” X said. / “...?” X asked, “...”
    left = min(cs, src[0]) if src is not None and src[0] < cs else cs
    q = ix.quote_ending(left)
    tail = bool(TAIL_RE.fullmatch(t, after, se)) or ends_clause(t, after, se)
    if q is not None:
        q2 = continued_quote(ix, max(ce, src[1] if src is not None else ce))
        if tail or q2 is not None or t[q[0]:q[1]].rstrip("”\"' ").endswith((",", "?", "!")):
            qs, qe = ix.quote_inner(*q)
            if q2 is not None:
                qe = ix.quote_inner(*q2)[1]
            return "direct", (qs, qe)
    # reported content after the cue, to the end of the sentence
    if not tail:
        m = THAT_RE.match(t, after, se)
        if m:
            if _REL_THAT_RE.match(t, m.end(), se):
                return None  # "talks that are due to ...": a relative clause, not content
            after = m.end()
        content = content_to_end(ix, after, se)
        if n_words(t, *content, 1) >= 1:
            return "indirect", _learned_end(ix, ctx, model, i, content)
    # or before it: "..., X said."
    content = strip_span(t, ss, left, " \t\r\n,;:—–-")
    if n_words(t, *content, 2) >= 2:
        return "indirect", content
    return None


def _learned_end(ix: TextIndex, ctx: TokenContext, model: AttributionModel, i: int,
                 content: tuple[int, int]) -> tuple[int, int]:
    """Where a content running to the end of its sentence really ends (", encouraging ...",
    " and vowed ..." start something else), as the content-end model ranks the breaks."""
    a, b = ctx.token_range(*content)
    if b - a < 2:
        return content
    best, bz = b, None
    score, vocab = _tables(model)[2].score, model.vocab  # (= model.content_end.score(content_end_features(...)))
    for e in content_end_candidates(ctx, a, b):
        z = score(ctx, i, a, e, b, vocab)
        if bz is None or z > bz:
            best, bz = e, z
    if best == b:
        return content
    return strip_span(ix.text, content[0], ctx.spans[best][1])
