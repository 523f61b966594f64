"""Find lexicon labels in text: ``find_terms(text, lexicon) -> list[TermHit]``.

Matching rules (documented for users in ``lexicons/README.md``):

- case-insensitive unless a label says ``case_sensitive = true``;
- a space in a form matches any run of spaces, line breaks or hyphens, and a
  hyphen matches a hyphen variant, a space or nothing ("al-Nusra" = "al Nusra");
- an apostrophe matches a straight or curly apostrophe or none ("Syria's", "Syrias");
- with ``inflect`` (the default) a form also matches its plural and possessive
  ("rebel" -> "rebels", "rebel's", "rebels'");
- a trailing ``*`` matches any word ending ("terror*");
- a form never matches inside a longer word or hyphenated compound
  ("government" does not fire in "pro-government" unless that is a form itself);
- a hit inside one of the label's ``exclude`` phrases is dropped;
- where hits overlap, the longest wins (then the earliest); no span counts twice.

The text is never changed: every hit's ``start:end`` slices the original string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .data import TermHit
from .lexicon import Lexicon, SourceEntry

__all__ = ["find_terms", "find_sources", "assign_voice", "form_regex", "bounded"]

_SPACE = r"[\s\-‐‑]+"
_HYPHEN = r"[\s\-‐‑–]?"
_APOS = r"['’‘`]?"
_LEFT = r"(?<![\w\-‐‑'’])"
_RIGHT = r"(?![\w]|[\-‐‑]\w)"


def form_regex(form: str, *, inflect: bool = True) -> str:
    """Regular expression (without boundaries) for one surface form.

    >>> bool(re.fullmatch(form_regex("Assad regime"), "Assad-regime's"))
    True
    >>> bool(re.fullmatch(form_regex("Syria's"), "Syrias"))
    True
    """
    form = " ".join(form.split())
    glob = form.endswith("*")
    if glob:
        form = form[:-1]
    out = []
    for ch in form:
        if ch == " ":
            out.append(_SPACE)
        elif ch in "-‐‑":
            out.append(_HYPHEN)
        elif ch in "'’":
            out.append(_APOS)
        else:
            out.append(re.escape(ch))
    rx = "".join(out)
    if glob:
        return rx + r"\w*"
    if inflect and form and form[-1].isalpha():
        if len(form) > 2 and form[-1] in "yY" and form[-2].lower() not in "aeiou":
            rx = rx[:-1] + r"(?:y|ies)"
        # plural -s/-es, possessive 's/’s/s', and FA-KES's stripped possessive ("Assads")
        rx += r"(?:['’]s|(?:e?s)['’]?)?"
    return rx


def bounded(form: str, *, inflect: bool = True) -> str:
    """:func:`form_regex` with the word boundaries the matcher uses."""
    return _LEFT + "(?:" + form_regex(form, inflect=inflect) + ")" + _RIGHT


@dataclass(frozen=True)
class _Entry:
    referent: str
    label: str
    connotation: int
    echoes: str
    exclude: re.Pattern | None


@dataclass(frozen=True)
class _Matcher:
    """Forms indexed by their first one or two characters (lower-cased).

    Instead of scanning the whole text once per label, the matcher visits each
    word start once, looks up the forms that can begin there, and tries only
    those, anchored at that position.
    """

    index: dict  # key -> tuple[(anchored regex, _Entry), ...]
    key_lengths: tuple[int, ...]


_WORD_START = re.compile(_LEFT + r"\w")


def _key(form: str) -> str:
    f = form.lower()
    return f[:2] if len(f) >= 2 and f[0].isalnum() and f[1].isalnum() else f[:1]


@lru_cache(maxsize=64)
def _compiled(lexicon: Lexicon) -> _Matcher:
    groups: dict[tuple[str, int], list[str]] = {}
    entries: list[tuple[_Entry, int]] = []
    for ref in lexicon.referents:
        for lb in ref.labels:
            flags = 0 if lb.case_sensitive else re.IGNORECASE
            ex = None
            if lb.exclude:
                ex_alts = sorted({form_regex(x, inflect=True) for x in lb.exclude}, key=len, reverse=True)
                ex = re.compile(_LEFT + "(?:" + "|".join(ex_alts) + ")" + _RIGHT, flags)
            i = len(entries)
            entries.append((_Entry(ref.id, lb.label, lb.connotation, lb.echoes, ex), flags))
            for f in lb.forms:
                groups.setdefault((_key(f), i), []).append(form_regex(f, inflect=lb.inflect))
    index: dict[str, list] = {}
    for (key, i), alts in groups.items():
        ent, flags = entries[i]
        alts = sorted(set(alts), key=len, reverse=True)
        rx = re.compile("(?:" + "|".join(alts) + ")" + _RIGHT, flags)
        index.setdefault(key, []).append((rx, ent))
    lengths = tuple(sorted({len(k) for k in index}, reverse=True))
    return _Matcher({k: tuple(v) for k, v in index.items()}, lengths)


def _resolve_overlaps(cands):
    """Keep the longest candidates (then earliest), dropping any that overlap a kept one."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for c in cands:
        s, e = c[0], c[1]
        if any(ts < e and s < te for ts, te in taken):
            continue
        taken.append((s, e))
        kept.append(c)
    kept.sort(key=lambda c: c[0])
    return kept


def find_terms(text: str, lexicon: Lexicon, start: int = 0, end: int | None = None, *,
               skip: Sequence[tuple[int, int]] = ()) -> list[TermHit]:
    """All label hits of ``lexicon`` in ``text[start:end]``, in text order, voice ``narrator``.

    Args:
        text: the article text (never modified).
        lexicon: a loaded :class:`~framing.lexicon.Lexicon`.
        start, end: the stretch to search; offsets stay relative to ``text``.
        skip: spans (e.g. boilerplate) in which nothing is reported.

    >>> from framing.lexicon import load_lexicon
    >>> t = "Regime forces shelled rebel-held areas."
    >>> [(h.text, h.referent) for h in find_terms(t, load_lexicon("conflict-syria"))]
    [('Regime forces', 'government-forces'), ('rebel-held', 'armed-opposition')]
    """
    end = len(text) if end is None else end
    m = _compiled(lexicon)
    index, lengths = m.index, m.key_lengths
    cands = []
    for w in _WORD_START.finditer(text, start, end):
        p = w.start()
        for n in lengths:
            group = index.get(text[p:p + n].lower())
            if group is None:
                continue
            for rx, ent in group:
                mt = rx.match(text, p, end)
                if mt is not None:
                    cands.append((p, mt.end(), ent))
    if not cands:
        return []
    if skip:
        cands = [c for c in cands if not any(ks <= c[0] < ke for ks, ke in skip)]
    excluded = {}
    kept = []
    for c in cands:
        ent = c[2]
        if ent.exclude is not None:
            ex = excluded.get(id(ent))
            if ex is None:
                ex = excluded[id(ent)] = [x.span() for x in ent.exclude.finditer(
                    text, max(0, start - 200), min(len(text), end + 200))]
            if any(xs <= c[0] and c[1] <= xe for xs, xe in ex):
                continue
        kept.append(c)
    return [
        TermHit(text=text[s:e], start=s, end=e, lexicon=lexicon.name, referent=ent.referent,
                label=ent.label, connotation=ent.connotation, echoes=ent.echoes)
        for s, e, ent in _resolve_overlaps(kept)
    ]


@lru_cache(maxsize=64)
def _compiled_sources(lexicon: Lexicon) -> tuple[tuple[re.Pattern, SourceEntry], ...]:
    out = []
    for src in lexicon.sources:
        alts = sorted({form_regex(f, inflect=False) for f in src.forms}, key=len, reverse=True)
        out.append((re.compile(_LEFT + "(?:" + "|".join(alts) + ")" + _RIGHT, re.IGNORECASE), src))
    return tuple(out)


def find_sources(text: str, lexicon: Lexicon, start: int = 0,
                 end: int | None = None) -> list[tuple[int, int, SourceEntry]]:
    """Mentions of the pack's known sources (``[[sources]]``) in ``text[start:end]``, longest first wins."""
    end = len(text) if end is None else end
    cands = [(m.start(), m.end(), src)
             for rx, src in _compiled_sources(lexicon) for m in rx.finditer(text, start, end)]
    return [(s, e, src) for s, e, src in _resolve_overlaps(cands)]


def assign_voice(hits: Iterable[TermHit], quotations: Sequence[tuple[int, int]],
                 indirect: Sequence[tuple[int, int]]) -> list[TermHit]:
    """Set each hit's voice: ``direct`` inside a quotation, ``indirect`` inside
    indirectly attributed content, else ``narrator``."""
    out = []
    for h in hits:
        if any(s <= h.start and h.end <= e for s, e in quotations):
            v = "direct"
        elif any(s <= h.start and h.end <= e for s, e in indirect):
            v = "indirect"
        else:
            v = "narrator"
        out.append(h if h.voice == v else _replace_voice(h, v))
    return out


def _replace_voice(h: TermHit, voice: str) -> TermHit:
    from dataclasses import replace

    return replace(h, voice=voice)
