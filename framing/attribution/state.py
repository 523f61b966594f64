"""What the stages share, passed explicitly: the text they read and the attributions found so far.

- :class:`TextIndex` (read-only): the article text, the spans to skip, its
  sentences, paragraphs, quotations and tokens, with binary-search look-ups.
- :class:`Found`: the attributions found so far (:class:`Rec`), in the order
  found and by cue start, the cue starts already used, and the direct contents.

Each stage is a function ``stage(ix, found, ...)``; nothing is kept between
articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from .. import text as T
from ..data import Source

def strip_span(text: str, s: int, e: int, chars: str = " \t\r\n,;:") -> tuple[int, int]:
    """``(s, e)`` without the spaces and ``chars`` at either end."""
    while s < e and (text[s] in chars or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in chars or text[e - 1].isspace()):
        e -= 1
    return s, e


def n_words(text: str, s: int, e: int, most: int | None = None) -> int:
    """How many words (:data:`framing.text.WORD_RE`) lie in ``text[s:e]``, counting no further
    than ``most`` when given (for a comparison with a small number: ``n_words(t, s, e, 3) < 3``
    reads three words at most, not a whole sentence).

    >>> t = "Rebels said the town fell."
    >>> n_words(t, 0, len(t)), n_words(t, 0, len(t), 2), n_words(t, 0, len(t), 9)
    (5, 2, 5)
    """
    if most is None:
        return len(T.WORD_RE.findall(text, s, e))
    n = 0
    for _ in T.WORD_RE.finditer(text, s, e):
        n += 1
        if n >= most:
            break
    return n


class TextIndex:
    """One article's text and where its sentences, paragraphs, quotations and tokens lie.

    Sentences and quotations inside the ``skip`` spans are left out. Every
    question is a binary search over sorted starts.
    """

    def __init__(self, text: str, skip):
        self.text = text
        self.skip = sorted((int(s[0]), int(s[1])) for s in skip)
        self._skip_set = T.SpanSet(self.skip)
        self.quotes = [q for q in T.quotations(text) if not self.in_skip(*q)]
        self.quote_starts = [q[0] for q in self.quotes]
        # the furthest end among the quotations so far (in start order): with it, the
        # quotation questions below are binary searches, not scans of every quotation
        self._quote_reach = list(accumulate((q[1] for q in self.quotes), max))
        self.sents = [s for s in T.sentences(text) if not self.in_skip(*s)]
        self.sent_starts = [s for s, _ in self.sents]
        self.paras = T.paragraphs(text)
        self.para_starts = [s for s, _ in self.paras]
        self.cue_scan = None  # the regex and the text cue words are found in (cues.cue_scan), on first use
        self._toks: list[tuple[int, int]] | None = None  # every token, made on first use
        self._tok_starts: list[int] = []
        self._tok_ends: list[int] = []

    # tokens -------------------------------------------------------------------
    def all_tokens(self) -> list[tuple[int, int]]:
        """Every token of the text (:func:`framing.text.tokens`), made once."""
        if self._toks is None:
            self._toks = T.tokens(self.text)
            self._tok_starts = list(map(itemgetter(0), self._toks))
            self._tok_ends = list(map(itemgetter(1), self._toks))
        return self._toks

    def token_ends(self) -> list[int]:
        """The ends of :meth:`all_tokens`, in order."""
        self.all_tokens()
        return self._tok_ends

    def tokens(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The tokens of ``text[lo:hi]``, exactly as :func:`framing.text.tokens` gives them for
        that stretch: a slice of :meth:`all_tokens`, unless a token crosses ``lo`` or ``hi``
        or the last one depends on what follows ``hi`` (:meth:`_looks_ahead`), when the
        stretch is tokenised alone."""
        if self._toks is None:
            self.all_tokens()
        starts, ends = self._tok_starts, self._tok_ends
        a = bisect_left(starts, lo)
        b = bisect_left(starts, hi, a)
        if a and ends[a - 1] > lo or b > a and (ends[b - 1] > hi or self._looks_ahead(b - 1)):
            return T.tokens(self.text, lo, hi)
        return self._toks[a:b]

    def _looks_ahead(self, k: int) -> bool:
        """Whether token ``k`` may be another token when the text ends after it: an initial
        ("J." before a name) or an apostrophe that a word before it would take ("s'" + "’")."""
        n = self._tok_ends[k] - self._tok_starts[k]
        last = self.text[self._tok_ends[k] - 1]
        return n == 2 and last == "." or n == 1 and last in "'’"

    # spans --------------------------------------------------------------------
    def in_skip(self, s: int, e: int) -> bool:
        return self._skip_set.hits(s, e)

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos < self.sents[i][1] + 1:
            return self.sents[i]
        return None

    def para_at(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.para_starts, pos) - 1)
        return self.paras[i]

    # quotations ---------------------------------------------------------------
    def in_quote(self, s: int, e: int) -> bool:
        """Whether a quotation opening before ``s`` runs to ``e`` or beyond."""
        k = bisect_left(self.quote_starts, s) - 1
        return k >= 0 and self._quote_reach[k] >= e

    def quote_covering(self, s: int, e: int) -> tuple[int, int] | None:
        """The first quotation (in start order) that covers ``s..e``."""
        k = bisect_right(self.quote_starts, s)  # the quotations opening at s or before
        j = bisect_left(self._quote_reach, e, 0, k)  # the first of them reaching e
        return self.quotes[j] if j < k else None

    def quote_inner(self, qs: int, qe: int) -> tuple[int, int]:
        """A quotation without its marks and without a trailing comma."""
        t = self.text
        s, e = qs, qe
        if t.startswith("''", s):
            s += 2
        elif s < e and t[s] in "“„«‘\"'":
            s += 1
        if e - 2 >= s and t[e - 2:e] == "''":
            e -= 2
        elif e > s and t[e - 1] in "”»’\"'":
            e -= 1
        return strip_span(t, s, e, " \t\r\n,")

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation that opens at ``pos``."""
        i = bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] == pos:
            return self.quotes[i]
        return None

    def paragraph_quote(self, after: int) -> tuple[int, int] | None:
        """The quotation that makes up the whole paragraph after position ``after``."""
        i = bisect_right(self.para_starts, after)
        if i >= len(self.paras):
            return None
        ps, pe = self.paras[i]
        q = self.quote_at(ps)
        if q is None or q[1] < pe - 2:
            return None
        return q

    def quote_starting(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The quotation that opens at ``lo`` after spaces, commas or a colon."""
        m = _LEAD_RE.match(self.text, lo, hi)
        pos = m.end() if m else lo
        k = bisect_left(self.quote_starts, pos)
        if k < len(self.quotes) and self.quotes[k][0] == pos:
            return self.quotes[k]
        return None

    def quote_ending(self, hi: int) -> tuple[int, int] | None:
        """The quotation that closes at ``hi`` before spaces and commas."""
        t = self.text
        k = hi
        while k > 0 and (t[k - 1].isspace() or t[k - 1] == ","):
            k -= 1
        # from the last quotation opening at k or before (any later one ends after k)
        for j in range(bisect_right(self.quote_starts, k) - 1, -1, -1):
            qs, qe = self.quotes[j]
            if qe == k:
                return qs, qe
            if qe < k:
                break
        return None

    def quote_parts(self, s: int, e: int) -> list[tuple[int, int]]:
        """The quoted stretches of a direct content ``s..e``, in order, without their marks.

        Each outermost quotation within the content is a part; one that runs over a
        paragraph break (the newspaper convention: the next paragraph reopens the
        quotation) is a part per paragraph. A content with no quotation in it (a
        transcript line) is its own single part.
        """
        t = self.text
        out: list[tuple[int, int]] = []
        reach = -1
        k = bisect_left(self.quote_starts, s - 1)
        while k < len(self.quotes) and self.quotes[k][0] < e:
            qs, qe = self.quotes[k]
            k += 1
            if qe <= reach or qe > e + 2:
                continue  # nested in a part already taken, or running past the content
            reach = qe
            a, b = self.quote_inner(qs, qe)
            a, b = max(a, s), min(b, e)
            i = bisect_right(self.para_starts, a) - 1
            while i + 1 < len(self.paras) and self.paras[i + 1][0] < b:
                pa, pb = strip_span(t, a, self.paras[i][1], " \t\r\n,“”\"'")
                if pb > pa:
                    out.append((pa, pb))
                a = self.paras[i + 1][0]
                i += 1
            pa, pb = strip_span(t, a, b, " \t\r\n,“„«\"")
            if pb > pa:
                out.append((pa, pb))
        return out or [(s, e)]

    def full_quote(self, content: tuple[int, int], slack: int = 0) -> tuple[int, int] | None:
        """The inside of the quotation that a content span is, or ``None``.

        A content is the whole quotation when a quotation covers it and opens at
        most one character before it (its mark) and ends at most ``slack``
        characters before the content's end.
        """
        q = self.quote_covering(*content)
        if q and self.quote_inner(*q)[0] <= content[0] + 1 and q[1] >= content[1] - slack:
            return self.quote_inner(*q)
        return None


_LEAD_RE = re.compile(r"[\s,:]*")


@dataclass
class Rec:
    """An attribution found, before its source is profiled (spans are ``(start, end)``)."""

    kind: str
    src: tuple[int, int] | None  # the source phrase
    prof: tuple[int, int] | None  # what the profile reads (source + appositive)
    cue: tuple[int, int]
    stance: str
    content: tuple[int, int]
    parent: "Rec | None" = None  # "adding": the attribution whose source it shares
    source: Source | None = None


class Found:
    """The attributions found so far, by the order found and by cue start.

    Attributes:
        recs: the :class:`Rec` records, in the order found.
        used: cue starts already used (a later stage does not take them again).
    """

    def __init__(self):
        self.recs: list[Rec] = []
        self.used: set[int] = set()
        self._cue_starts: list[int] = []  # the recs' cue starts, sorted, and the recs in that order
        self._by_cue: list[Rec] = []
        self._direct: list[tuple[int, int]] = []  # direct contents, sorted, and their longest
        self._direct_len = 0

    def add(self, ix: TextIndex, kind, src, prof, cue, stance, content, parent: Rec | None = None) -> None:
        """Record an attribution (none with a cue in the skipped text).

        An indirect content that is a whole quotation becomes direct; with a
        ``parent`` (", adding that ...", " and added ...") the source is the
        parent's, and the parent's content stops before this cue.
        """
        t = ix.text
        if ix.in_skip(*cue):
            return
        if kind == "indirect":
            inner = ix.full_quote(content)
            if inner is not None:
                kind, content = "direct", inner
        if parent is not None:
            ps, pe = parent.content
            if ps < cue[0] <= pe + 1:
                cut = cue[0]
                m = _PARENT_END_RE.search(t, ps, cut)
                if m:
                    cut = m.start()
                self.set_content(parent, strip_span(t, ps, cut))
            src, prof = parent.src, parent.prof
        self.used.add(cue[0])
        rec = Rec(kind, src, prof, cue, stance, content, parent)
        self.recs.append(rec)
        k = bisect_right(self._cue_starts, cue[0])  # after equal starts: found order kept
        self._cue_starts.insert(k, cue[0])
        self._by_cue.insert(k, rec)
        if kind == "direct":
            insort(self._direct, content)
            self._direct_len = max(self._direct_len, content[1] - content[0])

    def set_content(self, rec: Rec, content: tuple[int, int]) -> None:
        """Change a record's content (keeping the index of direct contents true)."""
        if rec.kind == "direct":
            k = bisect_left(self._direct, rec.content)
            del self._direct[k]
            insort(self._direct, content)
            self._direct_len = max(self._direct_len, content[1] - content[0])
        rec.content = content

    def last_in(self, lo: int, hi: int) -> Rec | None:
        """The attribution whose cue starts last in ``[lo, hi)`` (the first found, on a tie)."""
        k = bisect_left(self._cue_starts, hi) - 1
        if k < 0 or self._cue_starts[k] < lo:
            return None
        return self._by_cue[bisect_left(self._cue_starts, self._cue_starts[k])]

    def direct_overlaps(self, s: int, e: int) -> bool:
        """Whether a direct attribution's content overlaps ``s..e``."""
        d = self._direct
        k = bisect_left(d, (e,)) - 1  # contents opening before e
        while k >= 0 and d[k][0] >= s - self._direct_len:
            if d[k][1] > s:
                return True
            k -= 1
        return False

    def cue_spans(self) -> list[tuple[int, int]]:
        """The cue spans found so far, sorted."""
        return sorted(r.cue for r in self.recs)


_PARENT_END_RE = re.compile(r"(?:[\s,;]*(?:and|but)?)*\s*$")
