"""Sentences, words, paragraphs, quotations and boilerplate, as offsets into the original text.

Nothing here changes the text or depends on downloaded data: the splitters are
regular expressions, and every function returns ``(start, end)`` pairs that
index the string it was given.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import threading
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Iterable

WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
"""A word: letters/digits, with inner hyphens, apostrophes or dots ("al-Assad", "U.S")."""

TOKEN_RE = re.compile(
    # ((?=[A-Z]) only spares the engine trying every title where no capital letter stands)
    r"(?=[A-Z])(?:(?:Mr|Mrs|Ms|Dr|Gov|Sen|Sens|Rep|Reps|Gen|Lt|Col|Maj|Capt|Sgt|Prof|Rev|St|Jr|Sr|Pres|Adm|Cmdr)\."
    r"|(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z]))|''|--"
    r"|\w+(?:[-'’.]\w+)*(?:['’](?!['’]))?|[^\w\s]",
    re.UNICODE,
)
"""A token: a title with its full stop ("Sen.", "Gen."), initials ("U.S.", "J." before a
name), the doubled-apostrophe quotation mark ``''`` or a double dash, a word as
:data:`WORD_RE` has it with a possessive apostrophe ("officials'"), or one other
non-space character. The one tokenizer of the package (see :func:`tokens`)."""
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "sen", "rep",
    "gov", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n",
    "u.k", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "pres", "gens", "sens", "reps", "rev",
}
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans in ``text[start:end]`` (offsets into ``text``).

    >>> t = "Assad's forces shelled al-Bab."
    >>> [t[s:e] for s, e in words(t)]
    ["Assad's", 'forces', 'shelled', 'al-Bab']
    """
    end = len(text) if end is None else end
    return [m.span() for m in WORD_RE.finditer(text, start, end)]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans in ``text[start:end]`` (offsets into ``text``), as :data:`TOKEN_RE` has them.

    >>> t = "Sen. John J. Smith's aides ''denied'' the officials' claims -- twice."
    >>> [t[s:e] for s, e in tokens(t)]  # doctest: +NORMALIZE_WHITESPACE
    ['Sen.', 'John', 'J.', "Smith's", 'aides', "''", 'denied', "''", 'the', "officials'", 'claims',
     '--', 'twice', '.']
    """
    if start == 0 and end is None:  # the whole text: kept with its sentences, when they are kept
        memo = getattr(_local, "memo", None)
        if memo is not None and memo.text is text:
            if memo.tokens is None:
                memo.tokens = list(map(_SPAN, TOKEN_RE.finditer(text)))
            return list(memo.tokens)
    end = len(text) if end is None else end
    return list(map(_SPAN, TOKEN_RE.finditer(text, start, end)))


_SPAN = re.Match.span


def count_words(text: str) -> int:
    """Number of words in ``text``, as :func:`words` counts them.

    When the text's :func:`tokens` are at hand (the attribution stage made them), they are
    counted instead of matching the text again: every token that starts with a word character
    holds one word, but a title or initials followed by a word character ("Mr.Smith",
    "U.S.Army"), which the word that follows continues.

    >>> t = "Mr.Smith and Sen. Jones' U.S.-led al-Bab talks -- ''twice''."
    >>> count_words(t), len(WORD_RE.findall(t))
    (9, 9)
    >>> _ = sentences(t); _ = tokens(t); count_words(t)  # (now counted on the tokens)
    9
    """
    memo = getattr(_local, "memo", None)
    if memo is None or memo.text is not text or memo.tokens is None:
        return len(WORD_RE.findall(text))  # (no group in WORD_RE: one item per word)
    n, size = 0, len(text)
    for s, e in memo.tokens:
        c = text[s]
        if c.isalnum() or c == "_":  # (what \w matches)
            n += 1
            if text[e - 1] == "." and e < size and (text[e].isalnum() or text[e] == "_"):
                n -= 1
    return n


_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def find_title_line(text: str, title: str | None, spans: list[tuple[int, int]] | None = None) -> int | None:
    """Index of the first line of ``text`` (``spans``: its :func:`lines`) that reads as ``title``,
    spaces and case aside (``None``: no such line).

    >>> find_title_line("Rebels  advance\\nRebels advance on Idlib\\n", "rebels advance ON idlib ")
    1
    """
    if not title:
        return None
    want = " ".join(title.split()).lower()
    for i, (s, e) in enumerate(lines(text) if spans is None else spans):
        c = text[s:s + 1]
        if want and (s >= e or not c.isspace() and not want.startswith(c.lower())):
            continue  # (a line that cannot read as the title: its first letter differs)
        if " ".join(text[s:e].split()).lower() == want:
            return i
    return None


def lines(text: str) -> list[tuple[int, int]]:
    """Spans of each line, without its line break.

    >>> lines("a\\nbc\\r\\n\\rd"), lines("a\\n\\nbc")
    ([(0, 1), (2, 4), (6, 6), (7, 8)], [(0, 1), (2, 2), (3, 5)])
    """
    out, pos = [], 0
    if "\r" not in text:  # (the usual case: one kind of break, found by str.split)
        for seg in text.split("\n"):
            end = pos + len(seg)
            out.append((pos, end))
            pos = end + 1
        return out
    for m in _LINE_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of non-blank lines, stripped of surrounding spaces.

    A single line break also separates paragraphs when the text uses one line
    per paragraph (as most scraped news does).
    """
    memo = _memo(text)
    if memo.paragraphs is None:
        memo.paragraphs = _paragraphs(text)
    return list(memo.paragraphs)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for s, e in lines(text):
        seg = text[s:e]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            out.append((s + lead, e - trail))
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]``; sentences never cross a paragraph.

    A full stop after a known abbreviation ("Gen.", "U.S.") or a single capital
    initial does not end a sentence.

    >>> t = "Gen. Smith said so. Rebels denied it."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Gen. Smith said so.', 'Rebels denied it.']
    """
    if start == 0 and end is None:
        memo = _memo(text)
        if memo.sentences is None:
            memo.sentences = _sentences(text, 0, len(text))
        return list(memo.sentences)
    return _sentences(text, start, len(text) if end is None else end)


def _last_token(text: str, lo: int, hi: int) -> str | None:
    r"""What ``re.search(r"(\w+(?:\.\w+)*)$", text[lo:hi])`` finds (``None``: nothing): the word,
    or dotted word ("U.S"), that ends ``text[lo:hi]`` (or ends before its final line break),
    found by stepping back from its end (a regex tries every start in the stretch)."""
    e = hi - 1 if hi > lo and text[hi - 1] == "\n" else hi
    k = e - 1
    if k < lo or not (text[k].isalnum() or text[k] == "_"):
        return None
    while k > lo:
        c = text[k - 1]
        if c.isalnum() or c == "_":
            k -= 1
        elif c == "." and k - 2 >= lo and (text[k - 2].isalnum() or text[k - 2] == "_"):
            k -= 2
        else:
            break
    return text[k:e]


_NEXT_CHAR = re.compile(r"\s+(\S)")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for ps, pe in paragraphs(text):
        if pe <= start or ps >= end:
            continue
        ps, pe = max(ps, start), min(pe, end)
        s = ps
        for m in _SENT_END.finditer(text, ps, pe):
            g = m.group()
            if g[0] == "." and len(g.rstrip("\"'”’)]")) == 1:
                tok = _last_token(text, s, m.start())  # the token before the full stop
                if tok is not None:
                    tok = tok.lower()
                    if tok in _ABBREV or (len(tok) == 1 and tok.isalpha()):
                        continue
            # the next sentence must start with an upper-case letter, digit or quote
            nxt = _NEXT_CHAR.match(text, m.end(), pe)
            if nxt and not (nxt.group(1).isupper() or nxt.group(1).isdigit()
                            or nxt.group(1) in "\"“‘'(["):
                continue
            e = m.end()
            a, b = _strip(text, s, e)
            if a < b:  # (not only spaces)
                out.append((a, b))
            s = e
        a, b = _strip(text, s, pe)
        if a < b:
            out.append((a, b))
    return out


class _Memo:
    """Sentences, quotations and paragraphs of the last text seen by this thread: analysis
    and attribution both need them for the same article."""

    __slots__ = ("text", "sentences", "quotations", "paragraphs", "tokens")

    def __init__(self, text: str):
        self.text = text
        self.tokens = None
        self.sentences = None
        self.quotations = None
        self.paragraphs = None


_local = threading.local()


def _memo(text: str) -> _Memo:
    m = getattr(_local, "memo", None)
    if m is None or m.text is not text:
        m = _local.memo = _Memo(text)
    return m


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quotations, quotation marks included.

    Curly quotes pair by direction; straight double quotes pair in order within a
    paragraph, and so do doubled apostrophes (``''``, the New York Times's
    quotation mark in plain-text archives); a closing mark that opens a
    paragraph before a word (a common typo) opens a quotation. A quotation left open at the end of a paragraph continues when
    the next paragraph opens with a quotation mark (the newspaper convention
    for a quote spanning paragraphs); otherwise it is closed at the paragraph
    end. Single quotes are treated as quotations only when they open after a
    space and close before a space or punctuation (so apostrophes are not).

    >>> t = 'He said: “We will win.” Then left.'
    >>> [t[s:e] for s, e in quotations(t)]
    ['“We will win.”']
    """
    memo = _memo(text)
    if memo.quotations is None:
        memo.quotations = _quotations(text)
    return list(memo.quotations)


_QUOTE_MARK = re.compile(r"''|[“„«\"”»]")  # the marks that can open or close a quotation


def _quotations(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    paras = paragraphs(text)
    open_at: int | None = None
    for i, (ps, pe) in enumerate(paras):
        pos = ps
        if open_at is not None and not _opens_quote(text, ps):
            # previous quote was left open and this paragraph does not continue it
            out.append((open_at, paras[i - 1][1]))
            open_at = None
        elif open_at is not None:
            pos = ps + (2 if text.startswith("''", ps) else 1)  # the opening mark of a continued quotation
        for m in _QUOTE_MARK.finditer(text, pos, pe):  # only quotation marks matter
            pos = m.start()
            ch = text[pos]
            doubled = m.end() - pos == 2
            if open_at is None:
                if ch in "“„«" or ch == '"' or doubled or (
                        ch == "”" and pos == ps and pos + 1 < pe and text[pos + 1].isalnum()):
                    open_at = pos  # (a paragraph opening with a closing mark: a typo for “)
            else:
                if ch in "”»" or ch == '"' or doubled:
                    out.append((open_at, pos + (2 if doubled else 1)))
                    open_at = None
        if open_at is not None and i + 1 < len(paras):
            if _opens_quote(text, paras[i + 1][0]):
                continue
        if open_at is not None:
            out.append((open_at, pe))
            open_at = None
    out.extend(_single_quotations(text))
    return sorted(out)


def _opens_quote(text: str, pos: int) -> bool:
    return text[pos] in "\"“" or text.startswith("''", pos)


_SINGLE_RE = re.compile(r"(?:(?<=\s)|^)[‘'](?=\w)([^‘’'\n]{2,300}?)(?<=[\w.,!?])[’'](?=[\s.,;:!?)]|$)")


_SINGLE_MARK = re.compile(r"[‘']")


def _single_quotations(text: str) -> list[tuple[int, int]]:
    """What ``_SINGLE_RE.finditer(text)`` finds, trying the regex only where a single quote
    opens (after a space or at the start, before a word character) instead of everywhere."""
    out: list[tuple[int, int]] = []
    end = 0
    for mark in _SINGLE_MARK.finditer(text):
        p = mark.start()
        if p < end or p and not text[p - 1].isspace():
            continue
        m = _SINGLE_RE.match(text, p)
        if m is not None:
            out.append(m.span())
            end = m.end()
    return out


class SpanSet:
    """Many spans, merged and sorted, for fast ``covers``/``hits`` tests (O(log n) each).

    Use it instead of :func:`inside`/:func:`overlaps` when testing many
    stretches against many spans, which would otherwise cost their product.

    >>> ss = SpanSet([(10, 20), (15, 30), (40, 50)])
    >>> ss.covers(12, 28), ss.covers(25, 45), ss.hits(30, 40), ss.hits(29, 31)
    (True, False, False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __bool__(self):
        return bool(self.starts)

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies within the union of the spans."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]

    def hits(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps one of the spans."""
        i = bisect_left(self.ends, start + 1)
        return i < len(self.starts) and self.starts[i] < end


def inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of ``spans``."""
    return any(s < end and start < e for s, e in spans)


# -- boilerplate -------------------------------------------------------------

_READ_RE = re.compile(
    r"^\s*(?:read|read more|also read|see also|related|recommended|more|watch)\s*:\s*\S",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(r"\[[^\[\]\n]{2,120}\]\s*$")
_DATELINE_RE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"(?:\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:am|pm)?)?\s*$",
    re.IGNORECASE,
)


def boilerplate(text: str, title: str | None = None,
                taglines: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """Spans of lines that are page furniture rather than reporting.

    Returns ``(start, end, kind)`` triples, ``kind`` one of ``tagline``,
    ``caption``, ``related`` and ``dateline``:

    - ``tagline``: a known outlet tagline (``taglines``), or a short line without
      final punctuation above the title line when ``title`` occurs as a line;
    - ``caption``: a line ending in a bracketed photo credit ("... [Name/Agency]");
    - ``related``: "Read: ...", "Read more: ..." and similar related-link lines;
    - ``dateline``: a line holding only a publication date and time.

    >>> t = "Tagline here\\nTitle\\nBody text. Read on.\\nRead: Another story"
    >>> [(t[s:e], k) for s, e, k in boilerplate(t, title="Title")]
    [('Tagline here', 'tagline'), ('Read: Another story', 'related')]
    """
    out = []
    tags = {t.strip().lower() for t in taglines if t.strip()}
    ls = lines(text)
    title_line = find_title_line(text, title, ls)
    for i, (s, e) in enumerate(ls):
        s, e = _strip(text, s, e)
        seg = text[s:e]
        if not seg:
            continue
        kind = None
        if seg.lower() in tags:
            kind = "tagline"
        elif title_line is not None and i < title_line and len(seg.split()) <= 12 \
                and not seg.endswith((".", "!", "?")):
            kind = "tagline"
        elif _READ_RE.match(seg):
            kind = "related"
        elif _CAPTION_RE.search(seg) and len(seg.split()) <= 60:
            kind = "caption"
        elif _DATELINE_RE.match(seg):
            kind = "dateline"
        if kind:
            out.append((s, e, kind))
    return out


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset:
    """scikit-learn's English stop words (``ENGLISH_STOP_WORDS``, the Glasgow IR group's list).

    Read from scikit-learn's source file rather than imported: importing the
    list imports scikit-learn and SciPy, some 70 MB of memory that a report
    of 100,000 articles would carry for a list of 318 words. Falls back to
    the import when the file is not where scikit-learn keeps it.

    >>> {"the", "and", "whereas"} <= english_stop_words(), "regime" in english_stop_words()
    (True, False)
    """
    spec = importlib.util.find_spec("sklearn")
    try:
        path = Path(next(iter(spec.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        node = next(n.value for n in tree.body if isinstance(n, ast.Assign)
                    and any(getattr(t, "id", None) == "ENGLISH_STOP_WORDS" for t in n.targets))
        words = frozenset(ast.literal_eval(node.args[0]))
        if len(words) > 300:
            return words
    except (OSError, SyntaxError, ValueError, StopIteration, AttributeError, TypeError):
        pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)
