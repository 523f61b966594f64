"""Source profiles: the type, side and name of each source, and what a pronoun stands for.

:func:`profile_all` turns the records found into :class:`~framing.data.Attribution`
records, in cue order. Each source gets a :class:`~framing.data.Source` profile:

``type`` comes from, in order, a ``[[sources]]`` gazetteer entry of a lexicon
found in the source ("state media" -> media/wire), a repeated mention of an
earlier source (a pronoun takes the profile of the most recent *compatible*
source: ``he`` / ``she`` a person, ``it`` an organisation, ``they`` a group or
organisation; ``who`` the noun phrase before it; ``Its spokesman`` the
organisation ``its`` stands for; a definite description ``the military source``
/ ``The Army of Dignity commander`` the earlier source with the same head noun
that shares most words with it; a bare name ``Abdel Rahman`` an earlier source
ending in it), then the shipped source gazetteer ``lexicons/sources.toml``
(roles, titles, agencies, countries: :func:`~.sources.role_type`), a lexicon
referent's ``source_type``, else ``other``. ``side`` comes from the gazetteer
entry, else from a lexicon referent named in the source (``A Syrian regime
military source`` names the Syrian government -> ``pro-government``), else the
earlier mention, else ``None``. ``named`` is ``True`` for a name or an
organisation (``The Observatory``, ``Reuters``, ``Rami Abdel Rahman``) and
``False`` for descriptions (``a military source``, ``officials``, ``state
media``). A pronoun source that stands for a named source carries it as
``resolved``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Sequence

from ..data import Attribution, Cue, Source, Span
from ..terms import find_sources, find_terms
from .cues import cue_class
from .sources import np_back, role_type
from .state import Found, TextIndex, strip_span
from .words import (CAP_STOP, DEMONYMS, DETS, GROUP_WORDS, INDEF, NAME_LINK, NOUNISH, ORG_HEADS, ORG_WORDS, PERSON_WORDS,
                    PREPS, SPEAKER_PRONOUNS, hyphen_mod, is_cap, is_word, lw)

ANTECEDENT_REACH = 100
"""How many earlier sources with the same head noun a definite description ("the
official") is compared with: in any real article, all of them."""

_CORE_END_RE = re.compile(
    r",|\(|\s(?:identified|who|which|named|known|speaking|quoted)\b"
    r"|(?<=[a-z])\s+(?:at|for|of|in|with|from)\s(?=(?:the\s+)?[A-Z])")
"""Where the core of a source phrase ends: before an appositive, a participle, a
parenthesis, or a preposition after a lower-case head ("A source at Aleppo Police
Command", "a spokesman for the Civil Defence"; "Army of Dignity" stays whole)."""

_MERGE_GAP = 0
"""Source phrases closer than this (characters) are searched for lexicon hits in one stretch
(the gazetteer's patterns cost more per character than per call: keep it small)."""

_RELATIVE_GAP_RE = re.compile(r"[\s,]*$")


class _Hits:
    """Lexicon hits ``(start, end, value)`` of an article, in the order found, and which
    lie within a stretch (a binary search, not a scan of every hit)."""

    def __init__(self, hits: list):
        self.hits = hits
        self.order = sorted(range(len(hits)), key=lambda k: hits[k][0])
        self.starts = [hits[k][0] for k in self.order]

    def within(self, lo: int, hi: int) -> list:
        a, b = bisect_left(self.starts, lo), bisect_right(self.starts, hi)
        return [self.hits[k] for k in sorted(self.order[a:b]) if self.hits[k][1] <= hi]


def core_end(text: str, s: int, e: int) -> int:
    """End of the core of a source phrase: before an appositive, a participle or a
    parenthesis ("an FSA commander" in "an FSA commander identified as ...")."""
    m = _CORE_END_RE.search(text, s, e)
    return strip_span(text, s, m.start())[1] if m and m.start() > s else e


class Seen:
    """The sources profiled so far in an article, indexed (on demand) by kind, name and head noun:
    what a pronoun, a bare name or a definite description can stand for."""

    def __init__(self, ix: TextIndex):
        self.ix = ix
        self.sources: list[Source] = []
        self._n_heads = self._n_kinds = self._n_names = 0
        self._by_head: dict[str, list[tuple[Source, set]]] = {}
        self._kind_last: dict[str, tuple[int, Source]] = {}
        self._name_last: dict[str, Source] = {}

    def append(self, src: Source) -> None:
        self.sources.append(src)

    def mention_kind(self, src: Source) -> str:
        """What a source mention is, for pronoun agreement: ``person``, ``org``, ``group``
        (a plural), ``pron:<pronoun>`` or ``other``."""
        t = self.ix.text
        ws = [t[a:b] for a, b in self.ix.tokens(src.start, core_end(t, src.start, src.end))
              if is_word(t[a:b])]
        if not ws:
            return "other"
        head, lh = ws[-1], lw(ws[-1])
        if lh in SPEAKER_PRONOUNS:
            return "pron:" + ("he" if lh in ("he", "she") else lh)
        if lh in ORG_WORDS or (head.isupper() and len(head) > 1):
            return "org"
        if lh in GROUP_WORDS or lh.endswith("s") and not lh.endswith("ss") and (
                not is_cap(head) or lh in NOUNISH or lh[:-1] in NOUNISH):
            return "group"
        if is_cap(head) or lh in PERSON_WORDS:
            return "person"
        return "other"

    def pronoun_antecedent(self, pronoun: str) -> Source | None:
        """The most recent earlier source a pronoun can stand for."""
        want = {"he": ("person",), "she": ("person",), "it": ("org", "other"),
                "they": ("group", "org"), "we": ("group", "org")}.get(pronoun, ())
        key = "pron:" + ("he" if pronoun in ("he", "she") else pronoun)
        seen = self.sources
        for k in range(self._n_kinds, len(seen)):
            self._kind_last[self.mention_kind(seen[k])] = (k, seen[k])
        self._n_kinds = len(seen)
        found = [self._kind_last[x] for x in (*want, key) if x in self._kind_last]
        return max(found, key=lambda kc: kc[0])[1] if found else None

    def same_name(self, s: int, e: int) -> Source | None:
        """An earlier source ending in the same capitalised name ("Abdel Rahman" ->
        "Observatory director Rami Abdel Rahman")."""
        t = self.ix.text
        ws = [t[a:b] for a, b in self.ix.tokens(s, e) if is_word(t[a:b])]
        if not ws or not is_cap(ws[-1]) or lw(ws[-1]) in NOUNISH:
            return None
        for cand in self.sources[self._n_names:]:
            if cand.named:
                for a, b in self.ix.tokens(cand.start, cand.end):
                    self._name_last[t[a:b]] = cand
        self._n_names = len(self.sources)
        return self._name_last.get(ws[-1])

    def antecedent(self, words: list[str]) -> Source | None:
        """The earlier source with the same head noun sharing most words (the latest on
        a tie), among the last :data:`ANTECEDENT_REACH` sources with that head."""
        t = self.ix.text
        for cand in self.sources[self._n_heads:]:
            cw = [lw(t[a:b]) for a, b in self.ix.tokens(cand.start, cand.end)]
            heads = {cw[-1]} if cw else set()
            for i, w in enumerate(cw):
                if w in ("identified", "who", ",", "of", "for", "from", "in", "at", "with") and i > 0:
                    heads.add(cw[i - 1])
                    break
            for h in heads:
                self._by_head.setdefault(h, []).append((cand, set(cw)))
        self._n_heads = len(self.sources)
        content = {w for w in words if w not in DETS and w not in NAME_LINK}
        best, best_score = None, 0
        for cand, cw in self._by_head.get(words[-1], [])[-ANTECEDENT_REACH:]:
            score = len(content & cw)
            if score >= best_score:
                best, best_score = cand, score
        return best


def profile_all(ix: TextIndex, found: Found, lexicons: Sequence) -> list[Attribution]:
    """The attributions found, in cue order, each source with its profile."""
    t = ix.text
    recs = sorted(found.recs, key=lambda r: (r.cue[0], r.cue[1]))
    gaz, refs = (_Hits(x) for x in _lexicon_hits(ix, recs, lexicons))
    seen = Seen(ix)
    out = []
    for r in recs:
        src = None
        if r.parent is not None and r.parent.source is not None:
            src = r.parent.source
        elif r.src is not None:
            src = profile(ix, r.src, r.prof or r.src, gaz, refs, seen)
            seen.append(src)
        r.source = src
        cs, ce = strip_span(t, *r.content)
        if ce <= cs:
            continue
        sent = ix.sentence_at(r.cue[0])
        lo, hi = (max(sent[0], r.cue[0] - 120), min(sent[1], r.cue[1] + 120)) if sent else r.cue
        out.append(Attribution(
            kind=r.kind,
            source=src,
            cue=Cue(text=t[r.cue[0]:r.cue[1]], start=r.cue[0], end=r.cue[1], stance=r.stance),
            content=Span(start=cs, end=ce, text=t[cs:ce]),
            cue_class=cue_class(t[r.cue[0]:r.cue[1]], t[r.src[0]:r.src[1]] if r.src else None, t[lo:hi],
                                r.kind == "direct"),
            parts=tuple(Span(a, b, t[a:b]) for a, b in ix.quote_parts(cs, ce)) if r.kind == "direct" else (),
        ))
    return out


def _lexicon_hits(ix: TextIndex, recs, lexicons) -> tuple[list, list]:
    """Gazetteer and referent hits inside the source phrases (searched there only:
    matching a whole pack against the whole article is the slow part)."""
    if not lexicons:
        return [], []
    spans = sorted({r.prof or r.src for r in recs if r.src is not None})
    # search the phrases (overlapping ones merged), keep the hits inside a phrase
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + _MERGE_GAP:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in spans]
    ends = list(accumulate((b for _, b in spans), max))

    def in_phrase(hs: int, he: int) -> bool:
        k = bisect_right(starts, hs) - 1
        return k >= 0 and ends[k] >= he

    gaz, refs = [], []
    for lx in lexicons:
        useful = {r.id: r for r in lx.referents if r.side or r.source_type}
        for a, b in merged:
            if lx.sources:
                gaz.extend(g for g in find_sources(ix.text, lx, a, b) if in_phrase(g[0], g[1]))
            if useful:
                for h in find_terms(ix.text, lx, a, b):
                    ref = useful.get(h.referent)
                    if ref is not None and in_phrase(h.start, h.end):
                        refs.append((h.start, h.end, ref))
    return gaz, refs


def profile(ix: TextIndex, src, prof, gaz: _Hits, refs: _Hits, seen: Seen) -> Source:
    """The profile of the source phrase ``src`` (``prof``: the phrase with its appositive)."""
    t = ix.text
    s, e = src
    ps, pe = prof
    phrase = t[s:e]
    words = [lw(t[a:b]) for a, b in ix.tokens(s, e)]
    first = words[0] if words else ""
    # 1. a pronoun stands for the most recent compatible source ("he" for a person,
    # "it" for an organisation, "they" for a group); "who" for the phrase before it
    if len(words) == 1 and first in ("who", "which"):
        np = _relative_antecedent(ix, s)
        if np is not None:
            ante = profile(ix, np, np, gaz, refs, seen)
            return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                          named=ante.named, resolved=Span(np[0], np[1], t[np[0]:np[1]]))
    if len(words) == 1 and first in SPEAKER_PRONOUNS:
        ante = seen.pronoun_antecedent(first)
        if ante is None:
            return Source(text=phrase, start=s, end=e, type="other", side=None, named=False)
        if lw(ante.text) in SPEAKER_PRONOUNS:
            resolved = ante.resolved
        else:
            resolved = Span(ante.start, ante.end, ante.text) if ante.named else None
        return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                      named=ante.named, resolved=resolved)
    # 2. a gazetteer entry in the source's core phrase (else in the rest of the
    # source, else in its appositive); the entry's ``named`` holds only when the
    # entry is the head ("The Army of Dignity commander" is no name)
    cend = core_end(t, s, e)
    for lo, hi in ((s, cend), (s, e), (ps, pe)):
        hits = gaz.within(lo, hi)
        if hits:
            gs, ge, entry = hits[-1] if lo == s else hits[0]
            is_head = (lo, hi) == (s, cend) and not t[ge:cend].strip(" )")
            return Source(text=phrase, start=s, end=e, type=entry.type, side=entry.side,
                          named=bool(entry.named) if is_head else named(ix, s, e))
    # 3. "Its spokesman", "their commander": the organisation a possessive stands for
    if first in ("its", "their") and len(words) > 1:
        ante = seen.pronoun_antecedent("it" if first == "its" else "they")
        if ante is not None:
            return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                          named=named(ix, s, e))
    # 3. a definite description repeats an earlier source with the same head noun
    if first in ("the", "this", "that", "these", "those") and len(words) > 1:
        ante = seen.antecedent(words)
        if ante is not None:
            return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                          named=ante.named)
    # 4. role words, then lexicon referents, then an earlier mention of the same name
    typ = role_type(t[ps:pe])
    side = None
    in_src = refs.within(s, e)
    in_prof = refs.within(ps, pe)
    for cand in (in_src[::-1], in_prof):
        for _, _, ref in cand:
            if ref.side:
                side = ref.side
                break
        if side:
            break
    if typ == "other":
        for _, _, ref in in_src[::-1] + in_prof:
            if ref.source_type:
                typ = ref.source_type
                break
    is_named = named(ix, s, e)
    if is_named and (typ == "other" or side is None):
        ante = seen.same_name(s, e)
        if ante is not None:
            typ = ante.type if typ == "other" else typ
            side = side or ante.side
    return Source(text=phrase, start=s, end=e, type=typ, side=side, named=is_named)


def _relative_antecedent(ix: TextIndex, s: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun at ``s`` refers to ("Clinton, who said")."""
    t = ix.text
    sent = ix.sentence_at(s)
    lo = sent[0] if sent else ix.para_at(s)[0]
    m = _RELATIVE_GAP_RE.search(t, lo, s)
    hi = m.start() if m else s
    if hi <= lo:
        return None
    return np_back(ix, lo, hi)


def named(ix: TextIndex, s: int, e: int) -> bool:
    """Whether the source phrase ``text[s:e]`` names someone (a name or an organisation)."""
    t = ix.text
    toks = ix.tokens(s, e)
    words = [t[a:b] for a, b in toks]
    if not words or lw(words[0]) in INDEF:
        return False
    if words[-1] == ")" and "(" in words:
        words = words[:len(words) - 1 - words[::-1].index("(")] or words
    core = []  # the phrase before an appositive or a participle
    for w in words:
        if w == "," or (core and w in ("identified", "who", "which", "named", "known")):
            break
        # "ministers in New York", "head of the Observatory": the head is before the
        # preposition (but "Army of Dignity" is one name)
        if core and w in PREPS and core[-1].islower():
            break
        core.append(w)
    head, lh = core[-1], lw(core[-1])
    if is_cap(head) and lh not in DEMONYMS:
        # capitalised only because it opens the sentence ("Rebels said", "Officials said")
        sent = ix.sentence_at(s)
        if len(core) == 1 and sent and sent[0] == s and lh in NOUNISH and lh != "observatory":
            return False
        return True
    if lh in ORG_HEADS:
        # "the Syrian Observatory for Human Rights monitoring group", "the AFP news agency",
        # "SANA news agency" (but not "the Britain-based group")
        mods = core[1:-1] if lw(core[0]) in DETS else core[:-1]
        return any(is_cap(w) and lw(w) not in DEMONYMS and lw(w) not in CAP_STOP
                   and not hyphen_mod(w) for w in mods)
    return False
