"""Keyword in context: every occurrence of a word, label or referent, with outlet, date and voice.

A number in a comparison table is only as good as the sentences behind it;
:func:`kwic` lists them. ``start``/``end`` index the article text exactly as
read (``text[start:end] == match``); ``left`` and ``right`` are display copies
of the surrounding text with runs of whitespace (line breaks included)
shown as one space.
"""

from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from . import text as T
from .data import Analysis
from .errors import FramingError

__all__ = ["kwic", "aligned", "KWIC_COLUMNS"]

KWIC_COLUMNS = ["id", "outlet", "date", "start", "end", "left", "match", "right", "voice",
                "lexicon", "referent", "label"]

_WS = re.compile(r"\s+")


def _phrase_regex(term: str) -> re.Pattern:
    words = term.split()
    if not words:
        raise FramingError("kwic: the search term is empty")
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _voice_spans(an: Analysis):
    text = an.article.text
    bp = list(an.boilerplate)
    quotes = [q for q in T.quotations(text) if not T.overlaps(bp, *q)]
    indirect = [(a.content.start, a.content.end) for a in an.attributions if a.kind == "indirect"]
    return quotes, indirect


def _voice(s: int, e: int, quotes, indirect) -> str:
    if any(a <= s and e <= b for a, b in quotes):
        return "direct"
    if any(a <= s and e <= b for a, b in indirect):
        return "indirect"
    return "narrator"


def _context(text: str, s: int, e: int, width: int) -> tuple[str, str]:
    left = _WS.sub(" ", text[max(0, s - width):s])
    right = _WS.sub(" ", text[e:e + width])
    return left, right


def kwic(analyses: Iterable[Analysis], term: str | None = None, *, label: str | None = None,
         referent: str | None = None, lexicon: str | None = None,
         width: int = 40) -> pd.DataFrame:
    """Keyword-in-context lines for a word or phrase, a lexicon label, or a referent.

    Give exactly one of ``term``, ``label`` or ``referent``.

    Args:
        analyses: analyses from :func:`framing.analyze` (an iterable, consumed once).
        term: a word or phrase, matched case-insensitively as whole words
            (any whitespace between its words), outside boilerplate.
        label: a lexicon label (e.g. ``regime``): its hits as
            :func:`framing.analyze` found them.
        referent: a referent id (e.g. ``syrian-government``): hits of all its labels.
        lexicon: only hits of this pack (with ``label`` or ``referent``).
        width: characters of context on each side.

    Returns:
        One row per occurrence, in article then text order: ``id, outlet,
        date, start, end, left, match, right, voice`` (``narrator``,
        ``direct`` inside a quotation, ``indirect`` inside reported speech, as
        for term hits), ``lexicon, referent, label`` (of the term hit at that
        span; empty for a free-text match that is not a hit).

    Example:

    >>> import framing
    >>> an = framing.analyze("The regime shelled Douma. “The regime lies,” a rebel said.")
    >>> kwic([an], "regime")[["match", "voice", "referent"]].values.tolist()
    [['regime', 'narrator', 'syrian-government'], ['regime', 'direct', 'syrian-government']]
    """
    given = [x for x in (term, label, referent) if x is not None]
    if len(given) != 1:
        raise FramingError("kwic: give exactly one of a term, --label or --referent")
    if width < 0:
        raise FramingError(f"kwic: width must be >= 0, got {width}")
    rx = _phrase_regex(term) if term is not None else None
    want = (label or referent or "").strip().casefold()
    rows = []
    for an in analyses:
        a = an.article
        text = a.text
        base = {"id": a.id, "outlet": a.outlet, "date": a.date}
        hits = [h for h in an.terms if lexicon is None or h.lexicon == lexicon]
        if rx is None:
            key = (lambda h: h.label) if label is not None else (lambda h: h.referent)
            for h in hits:
                if key(h).casefold() == want:
                    left, right = _context(text, h.start, h.end, width)
                    rows.append({**base, "start": h.start, "end": h.end, "left": left,
                                 "match": text[h.start:h.end], "right": right, "voice": h.voice,
                                 "lexicon": h.lexicon, "referent": h.referent, "label": h.label})
            continue
        quotes, indirect = _voice_spans(an)
        at = {(h.start, h.end): h for h in hits}
        bp = list(an.boilerplate)
        for m in rx.finditer(text):
            s, e = m.span()
            if T.overlaps(bp, s, e):
                continue
            h = at.get((s, e))
            left, right = _context(text, s, e, width)
            rows.append({**base, "start": s, "end": e, "left": left, "match": text[s:e],
                         "right": right, "voice": h.voice if h else _voice(s, e, quotes, indirect),
                         "lexicon": h.lexicon if h else "", "referent": h.referent if h else "",
                         "label": h.label if h else ""})
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def aligned(lines: pd.DataFrame, width: int = 40) -> pd.DataFrame:
    """Keyword-in-context lines for a text table: ``outlet, date, voice, left, match,
    right``, padded so that the matches stand one under another.

    >>> import framing
    >>> t = aligned(kwic([framing.analyze("The regime shelled Douma.")], "regime", width=8), width=8)
    >>> t[["left", "match", "right"]].values.tolist()
    [['    The ', 'regime', ' shelled']]
    """
    df = lines[["outlet", "date", "voice", "left", "match", "right"]].copy()
    df["left"] = df["left"].map(lambda v: v.rjust(width))   # the match lines up
    w = int(df["match"].str.len().max()) if len(df) else 0
    df["match"] = df["match"].map(lambda v: v.ljust(w))
    df["right"] = df["right"].map(lambda v: v.ljust(width))
    return df
