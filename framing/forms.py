"""The form syntax of lexicon packs: what a form may be, and the regular expression it stands for.

A form is one or more words made of letters, digits, ``_``, apostrophes,
``.``, ``-``, ``&``, ``/`` and spaces, optionally ending in ``*``, at most
:data:`MAX_FORM` characters (:func:`valid_form`). It is never a regular
expression: :func:`form_regex` turns it into one, the same way for the matcher
(:mod:`framing.terms`), for the pack checks (:mod:`framing.lexicon`) and for
the import formats (:mod:`framing.lexicon_formats`). The rules, for users, are
in ``lexicons/README.md`` (*Forms*, *Inflection*):

- a space matches any run of spaces, line breaks or hyphens; a hyphen a hyphen
  or dash, a space or nothing; an apostrophe a straight or curly one, or none;
- with ``inflect`` the last word also matches its plural and possessive;
- a trailing ``*`` matches any word ending;
- a form never matches inside a longer word or hyphenated compound
  (:data:`LEFT`, :data:`RIGHT`);
- compatibility characters match their plain form (:func:`fold`, one character
  for one, so offsets never move).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_FORM", "FORM_SYNTAX", "valid_form", "can_match", "fold", "form_tokens",
           "form_regex", "bounded", "LEFT", "RIGHT"]

MAX_FORM = 200
"""Longest form or phrase, in characters (longer ones are refused, never compiled)."""

FORM_SYNTAX = "words, spaces, - ' . & / and a trailing * only"
"""What a form may contain, as the checks say it."""

_FORM_RE = re.compile(r"^[\w'’.\-&/ ]+\*?$", re.UNICODE)

_SPACE = r"[\s\-‐‑]+"
_HYPHEN = r"[\s\-‐‑–]?"
_APOS = r"['’‘`]?"
_SUFFIX = r"(?:['’]s|(?:e?s)['’]?)?"  # plural -s/-es, possessive 's, s', FA-KES's stripped "Assads"
LEFT = r"(?<![\w\-‐‑])(?<!\w['’])"
"""Where a hit may start: not after a letter, digit or hyphen, nor an apostrophe inside a word."""
RIGHT = r"(?![\w]|[\-‐‑]\w)"
"""Where a hit may end: not before a letter or digit, nor a hyphen and a letter."""


def valid_form(f: str) -> bool:
    """Whether ``f`` is a form (:data:`FORM_SYNTAX`; the length is checked apart, :data:`MAX_FORM`).

    >>> valid_form("Assad's forces"), valid_form("terror*"), valid_form("*"), valid_form("a|b")
    (True, True, False, False)
    """
    s = f.strip()
    return bool(s) and s != "*" and _FORM_RE.match(s) is not None and any(c.isalnum() for c in s)


def can_match(phrase: str, forms, case: bool, inflect: bool = True) -> bool:
    """Whether one of ``forms`` occurs in ``phrase`` as a whole word (an ``exclude``
    phrase without one can never apply).

    >>> can_match("sanctions regime", ["regime"], case=False), can_match("regimes", ["reg"], case=False)
    (True, False)
    """
    flags = 0 if case else re.IGNORECASE
    return any(re.search(bounded(f, inflect=inflect), phrase, flags) for f in forms)


# -- compatibility folding (length-preserving) ------------------------------------

def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x00A0, 0x024F), (0x2000, 0x206F), (0x2100, 0x214F), (0x3000, 0x3000),
              (0xFF01, 0xFF5E), (0x1D400, 0x1D7FF)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if len(n) == 1 and n != c and len(n.lower()) == 1:
                table[cp] = n
    table.update({ord(c): "'" for c in "’‘ʼ′"})
    table.update({ord(c): "-" for c in "‐‑"})
    table[0x0130] = "I"  # "İ".lower() is two characters; keep the length
    return table


_FOLD = _fold_table()
_FOLD_CHARS = frozenset(chr(c) for c in _FOLD)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ONE_STEP = not any(v in _FOLD_CHARS for v in _FOLD.values())
"""No character folds into another folded character, so replacing them one by one is one step."""


def fold(text: str) -> str:
    """The text with compatibility characters replaced one-for-one (same length).

    Fullwidth and mathematical letters become plain letters, typographic
    apostrophes a straight one, non-breaking hyphens a hyphen, and odd spaces a
    space; a character whose compatibility form is longer than one character
    (the ligature ``ﬁ``) is left alone, so every offset stays valid.

    >>> fold("Ｒｅｇｉｍｅ’s forces")
    "Regime's forces"
    >>> len(fold("ﬁghters")) == len("ﬁghters")
    True
    """
    if text.isascii():
        return text
    present = _FOLD_CHARS.intersection(_NON_ASCII.findall(text))
    if not present:
        return text
    if _ONE_STEP:   # a few distinct characters to replace: one fast pass each
        for c in present:
            text = text.replace(c, _FOLD[ord(c)])
        return text
    return text.translate(_FOLD)


# -- forms to regular expressions -------------------------------------------------

_SEPARATED = re.compile(r"([ \-‐‑'’]+)|(.)", re.S)


def form_tokens(form: str, *, inflect: bool = True, lower: bool = False) -> list[str]:
    """Regular-expression pieces for a form, one per character (plus the inflection).

    A run of separators (spaces, hyphens, apostrophes) becomes one piece, so no two
    optional or repeated pieces ever follow each other: "al - - Nusra" is "al Nusra",
    not a pattern that backtracks without end on a long run of spaces.
    """
    form = " ".join(fold(form).split())
    glob = form.endswith("*")
    if glob:
        form = form[:-1]
    out = []
    for run in _SEPARATED.finditer(form):
        sep = run.group(1)
        if sep:
            if " " in sep:
                out.append(_SPACE)
            elif any(c in "-‐‑" for c in sep):
                out.append(_HYPHEN)
            else:
                out.append(_APOS)
        else:
            ch = run.group(2)
            out.append(re.escape(ch.lower() if lower else ch))
    if glob:
        out.append(r"\w*")
    elif inflect and form and form[-1].isalpha():
        if len(form) > 2 and form[-1] in "yY" and form[-2].lower() not in "aeiou":
            out[-1] = "(?:y|ies)" if lower or form[-1] == "y" else "(?:Y|IES)"
        out.append(_SUFFIX)
    return out


def form_regex(form: str, *, inflect: bool = True) -> str:
    """Regular expression (without boundaries) for one surface form.

    >>> bool(re.fullmatch(form_regex("Assad regime"), "Assad-regime's"))
    True
    >>> bool(re.fullmatch(form_regex("Syria's"), "Syrias"))
    True
    """
    return "".join(form_tokens(form, inflect=inflect))


def bounded(form: str, *, inflect: bool = True) -> str:
    """:func:`form_regex` with the word boundaries the matcher uses."""
    return LEFT + "(?:" + form_regex(form, inflect=inflect) + ")" + RIGHT
