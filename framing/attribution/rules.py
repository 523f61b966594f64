"""The rules: direct speech, signed quotations and transcripts, indirect speech.

Each stage is ``stage(ix, found)``: it reads the :class:`~.state.TextIndex` and
adds to :class:`~.state.Found`. The speaker of each is chosen in :mod:`.sources`.

- **direct** speech (:func:`find_direct`): a quotation attached to a cue after
  it (``“...,” the military source said``; inverted ``“...” said Rami Abdel
  Rahman``) or before it (``He said: “...”``). A quotation interrupted by its
  cue (``“A,” he said, “B.”``), or going on in the next sentence or in the next
  paragraphs made only of a quotation (``“A,” he said. “B.”``), is one
  attribution whose content spans all parts (:func:`continued_quote`). A
  quotation in the middle of a sentence (a scare quote, a partial quote) is not
  direct speech on its own: it is part of the content around it.
- two layout conventions (:func:`find_signed_and_transcripts`): a quotation
  signed with a dash and a name (``“...” ― Sonya Herridge``) and a transcript
  line (``PENCE: Well, ...``).
- **indirect** speech (:func:`find_indirect`): ``X said (that) ...``, ``X told
  Reuters (that) ...``, ``... , X said.``, ``..., said X.``, ``according to
  X``, ``X reported``, ``it was reported that ...`` (passive: no source), ``Sana
  quoted X as saying ...``, and the participle ``..., adding that ...`` (a
  second attribution with the same source), also ``... and added that ...``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .cues import CUE_VERBS, TAIL_RE, after_cue, cue_at, cue_scan
from .sources import (according_source, looks_like_clause, quoted_source, source_before, speaker_after_cue,
                      speaker_after_quote, subject)
from .state import Found, TextIndex, n_words, strip_span
from .words import BARE_OK, NOT_CONTENT, NOUN_FORMS, PREPS, lw

_SIGNED_RE = re.compile(
    r"[^\S\n]*([―—–]|--?)[^\S\n]*"  # a dash, then a name of up to five words ending the line
    r"([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})[^\S\n]*\.?[^\S\n]*(?=\n|$)")
_TRANSCRIPT_RE = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})(:)[^\S\n]+(?=\S)")
_CONT_GAP_RE = re.compile(r"[^\S\n]*[,.:;]?[^\S\n]*")
_SPACE_RE = re.compile(r"\s*")
_MAX_CONTINUED_PARAGRAPHS = 3
_SENT_END_RE = re.compile(r"[.!?](?=\s+[\"“A-Z]|\s*$)")
_OWN_CUE_WINDOW_RE = re.compile(r"[^.!?\n]{0,80}")
_ENDS_SENTENCE_RE = re.compile(r"[\s.!?;,)]*(?:$|[A-Z“\"])")
_PRE_QUOTE_RE = re.compile(r"[\s,:]*$")


# -- direct speech ----------------------------------------------------------------

def find_direct(ix: TextIndex, found: Found) -> None:
    """Quotations attached to a cue after them, else before them (with their continuations)."""
    t = ix.text
    consumed: set[tuple[int, int]] = set()
    for qs, qe in ix.quotes:
        if (qs, qe) in consumed:
            continue
        cs, ce = ix.quote_inner(qs, qe)
        if n_words(t, cs, ce, 2) < 2:
            continue
        if attach_after(ix, found, qs, qe, (cs, ce)):
            r = found.recs[-1]
            ends = [r.cue[1]] + [x[1] for x in (r.src, r.prof) if x is not None]
            q2 = continued_quote(ix, max(ends))
            if q2 is not None:
                found.set_content(r, (r.content[0], ix.quote_inner(*q2)[1]))
                # every quotation up to the last part is a part of this one (“A,” he said,
                # “B.” / “C.”: “B.” is not attributed again)
                consumed.update(ix.quotes[bisect_left(ix.quote_starts, qe):bisect_right(ix.quote_starts, q2[0])])
            continue
        attach_before(ix, found, qs, qe, (cs, ce))


def continued_quote(ix: TextIndex, pos: int) -> tuple[int, int] | None:
    """The last quotation that carries on the speech whose cue phrase ends at ``pos``.

    A quotation carries on when it follows the cue phrase (“A,” he said, “B.”),
    opens the next sentence of the paragraph (“A,” he said. “B.”), or, when
    the cue's sentence ends its paragraph, fills the next paragraphs by itself;
    but not when a cue of its own follows it (“B,” he added.).
    """
    t = ix.text
    ps, pe = ix.para_at(pos)
    m = _CONT_GAP_RE.match(t, pos, pe)
    q = ix.quote_at(m.end() if m else pos)
    if q is None:
        sent = ix.sentence_at(pos)
        send = sent[1] if sent else pe
        if send < pe:
            q = ix.quote_at(_SPACE_RE.match(t, send, pe).end())
        else:
            q = ix.paragraph_quote(pe)
    if q is None or _has_own_cue(ix, q):
        return None
    for _ in range(_MAX_CONTINUED_PARAGRAPHS):
        if ix.para_at(q[1] - 1)[1] > q[1] + 2:
            break  # the quotation does not end its paragraph
        nxt = ix.paragraph_quote(ix.para_at(q[1] - 1)[1])
        if nxt is None or _has_own_cue(ix, nxt):
            break
        q = nxt
    return q


def _has_own_cue(ix: TextIndex, q: tuple[int, int]) -> bool:
    """A cue follows the quotation in its sentence (“B,” he added.)."""
    t = ix.text
    if t[q[0]:q[1]].rstrip("”\"' ").endswith(","):
        return True
    pe = ix.para_at(q[1] - 1)[1]
    m = _OWN_CUE_WINDOW_RE.match(t, q[1], pe)
    if not m:
        return False
    rx, ct = cue_scan(ix)
    return rx.search(ct, q[1], m.end()) is not None


def _quote_starts_clause(ix: TextIndex, qs: int) -> bool:
    """The quotation opens its sentence/paragraph (or follows a colon)."""
    ps, _ = ix.para_at(qs)
    before = ix.text[ps:qs]
    if not before.strip():
        return True
    before = before.rstrip()
    return before.endswith((":", ".", "!", "?", "”", '"', "—"))


def attach_after(ix: TextIndex, found: Found, qs: int, qe: int, content: tuple[int, int]) -> bool:
    """A quotation opening its clause, whose cue follows it in its sentence (“...,” X said)."""
    t = ix.text
    if not _quote_starts_clause(ix, qs):
        return False
    ps, pe = ix.para_at(qe - 1)
    # the stretch after the quotation up to the end of its sentence
    m_end = _SENT_END_RE.search(t, qe, pe)
    send = m_end.end() if m_end else pe
    rx, ct = cue_scan(ix)
    for m in rx.finditer(ct, qe, send):
        cue = cue_at(t, m)
        if cue is None:
            continue
        lemma, stance, cs, ce = cue
        if lemma == "according to" or t[cs:ce].lower().endswith("ing"):
            return False
        bs, be = strip_span(t, qe, cs, " \t\r\n,")
        if any(c in t[bs:be] for c in "“”\"") or n_words(t, bs, be, 31) > 30:
            return False
        cue_end, after, _ = after_cue(ix, lemma, ce, send)
        if after < 0:
            return False
        got = speaker_after_quote(ix, content, bs, be, after, send)
        if got is None:
            return False
        src, prof = got
        found.add(ix, "direct", src, prof, (cs, cue_end), stance, content)
        return True
    return False


def attach_before(ix: TextIndex, found: Found, qs: int, qe: int, content: tuple[int, int]) -> bool:
    """A quotation ending its sentence, after its cue (He said: “...”)."""
    t = ix.text
    ps, pe = ix.para_at(qs)
    sent = ix.sentence_at(qs)
    lo = sent[0] if sent and sent[0] < qs else ps
    if lo == qs:
        prev = ix.sentence_at(max(ps, qs - 2))
        lo = prev[0] if prev and prev[0] >= ps else ps
    # the quotation must end its sentence
    after = t[qe:ix.para_at(qe - 1)[1]]
    if not _ENDS_SENTENCE_RE.match(after):
        return False
    mm = _PRE_QUOTE_RE.search(t, lo, qs)
    pre_end = mm.start() if mm else qs
    sep = t[pre_end:qs]
    if "\n" in sep and ":" not in sep:
        return False
    rx, ct = cue_scan(ix)
    cands = list(rx.finditer(ct, lo, pre_end))
    if not cands:
        return False
    cue = cue_at(t, cands[-1])
    if cue is None:
        return False
    lemma, stance, cs, ce = cue
    if lemma == "according to":
        return False
    cue_end, after_pos, that = after_cue(ix, lemma, ce, pre_end)
    if after_pos < 0:
        return False
    if t[after_pos:pre_end].strip():
        return False
    src, prof, parent = source_before(ix, found, lo, cs)
    if src is None and parent is None:
        if not t[cs:ce].lower().endswith("ing"):
            return False
        parent = found.last_in(lo, cs)
        if parent is None:
            return False
    found.add(ix, "direct", src, prof, (cs, cue_end), stance, content, parent=parent)
    return True


def find_signed_and_transcripts(ix: TextIndex, found: Found) -> None:
    """Two layout conventions: a quotation signed with a dash and a name
    (“...” ― Sonya Herridge) and a transcript line (PENCE: Well, look, ...)."""
    t = ix.text
    for qs, qe in ix.quotes:
        pe = ix.para_at(qe - 1)[1]
        m = _SIGNED_RE.match(t, qe, pe)
        if not m or ix.in_skip(qs, qe):
            continue
        content = ix.quote_inner(qs, qe)
        if n_words(t, *content, 3) >= 3 and m.start(1) not in found.used:
            found.add(ix, "direct", m.span(2), m.span(2), m.span(1), "neutral", content)
    for ps, pe in ix.paras:
        m = _TRANSCRIPT_RE.match(t, ps, pe)
        if not m or ix.in_skip(ps, pe) or m.start(2) in found.used:
            continue
        content = strip_span(t, m.end(), pe, " \t\r\n\"”'")
        if n_words(t, *content, 2) >= 2:
            found.add(ix, "direct", m.span(1), m.span(1), m.span(2), "neutral", content)


# -- indirect speech ------------------------------------------------------------

_AS_SAYING_RE = re.compile(r"\s+[^,.;:]{1,120}?\s+as\s+(?:saying|telling)\b")
_PREP_START_RE = re.compile(r"\s*(?!at\s+(?:least|most)\b)(?:" + "|".join(sorted(PREPS)) + r")\b")
_ABOUT_OF_TO_RE = re.compile(r"\s*(?:about|of|to)\b")
_PASSIVE_THAT_RE = re.compile(r"\s*(?:also\s+)?that\b")
_TO_RE = re.compile(r"to\s")
_ADJUNCT_TAIL_RE = re.compile(
    r"(?:\s+(?:on|in|at|during|after|before|following|outside|inside|near)\s+[^,;:“”\"]{0,50}?"
    r"|\s+(?:several|a\s+few|two|three|\d+|many)\s+(?:hours?|days?|weeks?|months?|years?)\s+"
    r"(?:after|before|later|ago)\b[^,;:“”\"]{0,50}?)?"
    r"\s*,\s*(?:as(?!\s+well)|while|whereas|because|since|though|although|even\s+as|even\s+though|"
    r"adding|saying|noting|explaining|arguing|insisting|warning|stressing)\b")
"""What follows a cue that ends its clause: a time or place, then a comma and a subordinate
clause or a speech participle ("..., lawmakers said Friday, as they ...", "..., she said
several months after her release, because ...", "..., the envoy said, adding that ..."); the
content is then before the cue (not after a comma and "and": "X, the agency said, and Y" is
one content either side)."""
_QUOTED_END_RE = re.compile(r"\s*(?:by\s+[^.;]*)?[.;!?]?\s*[”\"]?\s*$")


def find_indirect(ix: TextIndex, found: Found) -> None:
    """Every cue outside quotations and not yet used, read as indirect speech where it fits."""
    t = ix.text
    rx, ct = cue_scan(ix)
    for ss, se in ix.sents:
        for m in rx.finditer(ct, ss, se):
            if m.start() in found.used or ix.in_quote(m.start(), m.end()):
                continue
            cue = cue_at(t, m)
            if cue is None:
                continue
            _indirect_one(ix, found, cue, ss, se)


_COLON_LINE_END_RE = re.compile(r"[^\S\n]*:[^\S\n]*\n\s*")


def block_after(ix: TextIndex, pos: int) -> tuple[int, int] | None:
    """The paragraph after a cue that ends its line with a colon, as web pages print a block
    quotation without quotation marks ("The governor added:" and, as the next paragraph,
    what he added): its span without the final full stop, or ``None`` (no colon at the line's
    end; the paragraph opens with a quotation mark, which the direct rules read, or lies in
    skipped text, or has fewer than three words).

    >>> t = "The governor added:\\n\\nIt is typical of them. They never stop.\\n\\nMore news."
    >>> ix = TextIndex(t, [])
    >>> s, e = block_after(ix, 18); t[s:e]
    'It is typical of them. They never stop'
    >>> block_after(ix, 3) is None
    True
    """
    t = ix.text
    m = _COLON_LINE_END_RE.match(t, pos)
    if m is None or m.end() >= len(t) or t[m.end()] in QUOTE_OPENERS:
        return None
    ps, pe = ix.para_at(m.end())
    if ps != m.end() or ix.in_skip(ps, pe):
        return None
    content = content_to_end(ix, ps, pe)
    return content if n_words(t, *content, 3) >= 3 else None


QUOTE_OPENERS = "\"“‘'«„"
"""Characters that open a quotation."""


def ends_clause(t: str, pos: int, se: int) -> bool:
    """Whether the cue before ``pos`` ends its clause (:data:`_ADJUNCT_TAIL_RE`).

    >>> t = "The truce holds, the envoy said, adding that talks resume."
    >>> ends_clause(t, t.index(",", 20), len(t)), ends_clause(t, t.index("adding") - 1, len(t))
    (True, False)
    >>> t = "She said, as expected, that the vote failed."
    >>> ends_clause(t, t.index(","), len(t))
    False
    """
    m = _ADJUNCT_TAIL_RE.match(t, pos, se)
    return m is not None and not _THAT_SOON_RE.match(t, m.end(), se)  # ("said, as expected, that")


_THAT_SOON_RE = re.compile(r"[^,;:.“”\"]{0,40},\s*that\b")


def content_to_end(ix: TextIndex, s: int, se: int) -> tuple[int, int]:
    """A content from ``s`` to the end of the sentence (or of a quotation it opens), without
    the final full stop (a closing quotation mark is kept)."""
    t = ix.text
    e = se
    q = ix.quote_covering(max(s, e - 1), e)
    if q and q[1] > e:
        e = q[1]
    s, e = strip_span(t, s, e)
    while e > s and t[e - 1] in ".;!?" and not (t[e - 1] in "!?" and ix.in_quote(e - 1, e)):
        e -= 1
    return strip_span(t, s, e)


def _indirect_one(ix: TextIndex, found: Found, cue, ss: int, se: int) -> None:
    t = ix.text
    lemma, stance, cs, ce = cue
    word = t[cs:ce].lower()
    if lemma == "according to":
        return _according(ix, found, cs, ce, ss, se, stance)
    if lemma == "quote" or (lemma == "report" and _AS_SAYING_RE.match(t, ce, se)):
        return _quoted(ix, found, cs, ce, ss, se, stance)
    prev_tok = t[max(ss, cs - 30):cs].split()
    pw = prev_tok[-1].lower() if prev_tok else ""
    # passive: "it was reported that ..." (no source); "X is said to ..." is no attribution
    if pw in ("was", "were", "is", "are", "been", "be", "being"):
        if not word.endswith("ing"):  # (progressive: "The White House is saying that")
            mp = _PASSIVE_THAT_RE.match(t, ce, se)
            if mp and len(prev_tok) >= 2 and prev_tok[-2].lower() in ("it", "this", "has", "had", "have"):
                content = content_to_end(ix, mp.end(), se)
                if n_words(t, *content, 2) >= 2:
                    found.add(ix, "indirect", None, None, (cs, ce), stance, content)
            return
    if word.endswith("ing") and word in CUE_VERBS:
        return _participle(ix, found, cue, ss, se)
    cue_end, pos, that = after_cue(ix, lemma, ce, se)
    if pos < 0:
        return
    rest = t[pos:se]
    # 1. cue-final: "..., a war monitor reported." / "... the Observatory said on Sunday." /
    # "..., the envoy said, adding that ..."
    if TAIL_RE.fullmatch(t, pos, se) or not that and (
            _PREP_START_RE.match(rest) and not _ABOUT_OF_TO_RE.match(rest) or ends_clause(t, pos, se)):
        if not that:
            _cue_final(ix, found, stance, cs, cue_end, ss)
        return
    # 2. inverted: "..., said Rami Abdel Rahman, head of the Observatory."
    before = t[ss:cs].rstrip()
    got = None  # source_before(...), once asked (_inverted changes ``found`` only when it succeeds)
    if not that and lemma != "tell" and (
            before.endswith((",", "”", '"', "’", "'")) or (got := source_before(ix, found, ss, cs))[0] is None):
        if _inverted(ix, found, stance, cs, ce, ss, se):
            return
    # 3. "X said (that) CONTENT"
    src, prof, parent = got or source_before(ix, found, ss, cs)
    if src is None and parent is None:
        return
    block = block_after(ix, pos)
    if block is not None:  # "The governor added:" and, as the next paragraph, what he added
        found.add(ix, "indirect", src, prof, (cs, cue_end), stance, block, parent=parent)
        return
    if rest.lstrip().startswith(":"):
        pos = t.index(":", pos) + 1
    content = content_to_end(ix, pos, se)
    if n_words(t, *content, 2) < 2:
        return
    if not that and (lemma not in BARE_OK or word in NOUN_FORMS or
                     lw(t[content[0]:content[1]].split()[0]) in NOT_CONTENT) \
            and not looks_like_clause(ix, *content):
        return
    if _TO_RE.match(t[content[0]:content[1]]):
        return  # "told his advisers to ...": an order, not reported content
    first_w = lw(t[content[0]:content[1]].split()[0])
    if not that and first_w.endswith("ing") and (first_w in CUE_VERBS or not looks_like_clause(ix, *content)):
        return  # "he said, referring to the truce"
    found.add(ix, "indirect", src, prof, (cs, cue_end), stance, content, parent=parent)


def _cue_final(ix: TextIndex, found: Found, stance, cs, cue_end, ss) -> None:
    """ "..., a war monitor reported.": the content is the sentence before the source."""
    t = ix.text
    src, prof, parent = source_before(ix, found, ss, cs)
    if src is None:
        return
    ce0 = src[0]
    if prof and prof[0] < ce0:
        ce0 = prof[0]
    content = strip_span(t, ss, ce0, " \t\r\n,;:—–-")
    if n_words(t, *content, 3) < 3:
        return
    kind = "indirect"
    inner = ix.full_quote(content)
    if inner is not None:
        kind, content = "direct", inner
    found.add(ix, kind, src, prof, (cs, cue_end), stance, content)


def _inverted(ix: TextIndex, found: Found, stance, cs, ce, ss, se) -> bool:
    """ "..., said Rami Abdel Rahman, head of the Observatory.": the content is the sentence
    before the cue."""
    t = ix.text
    got = speaker_after_cue(ix, ss, cs, ce, se)
    if got is None:
        return False
    src, prof = got
    content = strip_span(t, ss, cs, " \t\r\n,;:—–-")
    if n_words(t, *content, 3) < 3:
        return False
    found.add(ix, "indirect", src, prof, (cs, ce), stance, content)
    return True


def _participle(ix: TextIndex, found: Found, cue, ss, se) -> None:
    """ "..., adding that ..." / "..., saying ...": a second attribution with the same source."""
    t = ix.text
    lemma, stance, cs, ce = cue
    before = t[ss:cs].rstrip()
    after = t[ce:se]
    if not (before.endswith(",") or re.match(r"\s*(?:that\b|:)", after)):
        return
    cue_end, pos, that = after_cue(ix, lemma, ce, se)
    if pos < 0:
        return
    if t[pos:se].lstrip().startswith(":"):
        pos = t.index(":", pos) + 1
    content = content_to_end(ix, pos, se)
    if n_words(t, *content, 2) < 2:
        return
    parent = found.last_in(ss, cs)
    src = prof = None
    if parent is None:
        np = subject(ix, ss, cs)
        if np is None or lw(t[np[0]:np[1]]) in ("it's", "it’s", "there"):
            return
        src = prof = np
    kind = "indirect"
    inner = ix.full_quote(content, slack=1)
    if inner is not None:
        kind, content = "direct", inner
    found.add(ix, kind, src, prof, (cs, cue_end), stance, content, parent=parent)


def _according(ix: TextIndex, found: Found, cs, ce, ss, se, stance) -> None:
    """ "according to X": the content is the sentence before it, else after the source."""
    t = ix.text
    src = according_source(ix, ce, ss, se)
    if src is None:
        return
    before = strip_span(t, ss, cs, " \t\r\n,;:—–-")
    if n_words(t, *before, 3) >= 3:
        content = before
    else:
        content = content_to_end(ix, src[1], se)
    if n_words(t, *content, 3) < 3:
        return
    found.add(ix, "indirect", src, src, (cs, ce), stance, content)


def _quoted(ix: TextIndex, found: Found, cs, ce, ss, se, stance) -> None:
    """ "Sana quoted a military source as saying ..." / "X was quoted as saying ..." """
    t = ix.text
    got = quoted_source(ix, cs, ce, ss, se)
    if got is None:
        return
    src, sayer = got
    found.used.add(sayer)
    if _QUOTED_END_RE.match(t, sayer + 6, se):
        # "..." the Russian military was quoted as saying by local media.
        content = strip_span(t, ss, src[0], " \t\r\n,;:—–-")
    else:
        cue_end, pos, that = after_cue(ix, "say", sayer + len("saying"), se)
        content = content_to_end(ix, pos, se)
    if n_words(t, *content, 2) < 2:
        return
    kind = "indirect"
    inner = ix.full_quote(content, slack=1)
    if inner is not None:
        kind, content = "direct", inner
    found.add(ix, kind, src, src, (cs, ce), stance, content)
