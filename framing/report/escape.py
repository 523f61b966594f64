"""Strings from articles, lexicons and models made safe for the report's HTML, and numbers.

:func:`text` escapes and bidi-isolates element content (every ``{{ value }}`` of
the report's templates goes through it), :func:`isolate` does the same for
attribute values and ``<title>``; :func:`fmt` writes the numbers.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata

from ..data import Analysis
from ..text import lines, overlaps

__all__ = ["text", "isolate", "fmt", "isnan", "short", "plural", "title_of", "date_id"]

_E = html.escape

# Bidirectional classes that can reorder the text around a string: right-to-left letters and
# digits, and the explicit embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_RTL_CLASSES = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"   # LRE, RLE, LRO, RLO: closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"          # LRI, RLI, FSI: closed by PDI (U+2069)
_PARAGRAPH = re.compile("[\n\r\x1c-\x1e\x85\u2029]")


def _bidi(s: str) -> bool:
    """Whether ``s`` holds a character that can reorder the left-to-right text around it."""
    return not s.isascii() and any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in s)


def text(s) -> str:
    r"""A string from an article or a lexicon, escaped for element content and bidi-isolated.

    A title, outlet or term holding right-to-left text or a control such as
    U+202E (right-to-left override) is wrapped in ``<bdi>``, so it cannot
    reorder the report text around it. Strings without such characters are
    only escaped: in the report's left-to-right text they cannot reorder
    anything, so the ``<bdi>`` would change nothing.

    >>> text("SANA"), text("a\u202eb <c>")
    ('SANA', '<bdi>a\u202eb &lt;c&gt;</bdi>')
    """
    s = str(s)
    return f"<bdi>{_E(s)}</bdi>" if _bidi(s) else _E(s)


def isolate(s) -> str:
    r"""``s`` isolated as plain text, for attribute values and ``<title>`` (which hold no elements).

    The text is wrapped in FSI … PDI (U+2068 … U+2069), the plain-text
    equivalent of ``<bdi>``, after balancing its own controls: a closing PDF or
    PDI with no opener inside the string is dropped (it would close the
    wrapper), openers left open are closed, and line breaks, which would end
    the isolation, become spaces. Not escaped; strings without right-to-left
    text or controls are returned as they are.

    >>> isolate("x\u2069\u202ey") == "\u2068x\u202ey\u202c\u2069"
    True
    """
    s = str(s)
    if not _bidi(s):
        return s
    out: list[str] = []
    open_: list[str] = []  # the closer each open embedding or isolate needs
    for c in _PARAGRAPH.sub(" ", s):
        if c in _EMBEDDINGS:
            open_.append("\u202c")
        elif c in _ISOLATES:
            open_.append("\u2069")
        elif c == "\u202c":
            if not open_ or open_[-1] != "\u202c":  # no embedding open inside the innermost isolate
                continue
            open_.pop()
        elif c == "\u2069":
            if "\u2069" not in open_:
                continue
            while open_.pop() != "\u2069":  # a PDI also closes the embeddings opened after its isolate
                pass
        out.append(c)
    return "\u2068" + "".join(out) + "".join(reversed(open_)) + "\u2069"


def fmt(v, kind: str = "num") -> str:
    """A number as the report writes it: ``lean`` signed, ``pct`` a percentage, ``int`` with
    thousands separators, ``1`` one decimal, else two; "–" when missing.

    >>> fmt(-0.001, "lean"), fmt(0.256, "pct"), fmt(1234.0, "int"), fmt(float("nan"))
    ('+0.00', '26%', '1,234', '–')
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float) and abs(v) < 0.005:
        v = 0.0  # no "-0.00"
    if kind == "lean":
        return f"{v:+.2f}"
    if kind == "pct":
        return f"{100 * v:.0f}%"
    if kind == "int":
        return f"{int(v):,}"
    if kind == "1":
        return f"{v:.1f}"
    return f"{v:.2f}"


def isnan(v) -> bool:
    """Missing: ``None`` or NaN."""
    return v is None or (isinstance(v, float) and math.isnan(v))


_MAX_LABEL = 80


def short(label: str) -> str:
    """A chart label as plain text of at most 80 characters."""
    if not label.isprintable():  # control characters have no glyph: one space each (a line
        # break stays: chart titles are wrapped to their panel; never two in a row)
        label = re.sub(r"\n{2,}", "\n", re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", " ", label))
    return label if len(label) <= _MAX_LABEL else label[:_MAX_LABEL - 1] + "…"


def plural(n: int, word: str) -> str:
    """``n`` and the word, in the plural unless ``n`` is 1.

    >>> plural(1, "article"), plural(1200, "article")
    ('1 article', '1,200 articles')
    """
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def title_of(an: Analysis) -> str:
    """The title shown for an article: its title, else its first line of text, else its id."""
    a = an.article
    return a.title or _first_line(a.text, an.boilerplate) or str(a.id)


def _first_line(text: str, boilerplate) -> str | None:
    """The first line of ``text`` that is not page furniture, shortened to 120 characters."""
    for s, e in lines(text):
        line = text[s:e].strip()
        if line and not overlaps(boilerplate, s, e):
            return line if len(line) <= 120 else line[:119].rstrip() + "…"
    return None


def date_id(date, id_) -> tuple[str, str]:
    """The order of articles within a group: by date (missing first), then id."""
    return ("" if date is None or date != date else str(date)), str(id_)
