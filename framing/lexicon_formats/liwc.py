"""LIWC ``.dic`` dictionaries.

Layout: a legend between two lines holding ``%``, one category per line as
``id<TAB or spaces>name``; then one entry per line, the term followed by the
ids of its categories, separated by tabs or spaces. A term may have several
words ("kind of") when its ids follow it. LIWC2007's conditional references
(``02/134)02/131)53``, ``<of>131/125``) are dropped with a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import LexiconError
from .files import read_text

_ID = re.compile(r"^\d+$")


def read(path: Path):
    """``([(category_path, term, weight, line), ...], warnings)`` from a ``.dic`` file."""
    warnings: list[str] = []
    lines = read_text(path, warnings).splitlines()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or lines[i].strip() != "%":
        raise LexiconError(path, f"line {i + 1}", "a LIWC dictionary starts with a line holding only %")
    legend: dict[str, str] = {}
    i += 1
    while i < len(lines) and lines[i].strip() != "%":
        line = lines[i].strip()
        if line:
            parts = line.split(None, 1)
            if len(parts) != 2 or not _ID.match(parts[0]):
                raise LexiconError(path, f"line {i + 1}", f"legend line {line!r} is not 'id name'")
            if parts[0] in legend:
                raise LexiconError(path, f"line {i + 1}", f"category id {parts[0]} defined twice")
            legend[parts[0]] = parts[1].split()[0]
        i += 1
    if i >= len(lines):
        raise LexiconError(path, None, "the legend is not closed by a second line holding only %")
    if not legend:
        raise LexiconError(path, f"line {i + 1}", "the legend defines no category")
    entries = []
    for n in range(i + 1, len(lines)):
        line = lines[n].strip()
        if not line:
            continue
        toks = line.split("\t") if "\t" in line else line.split()
        toks = [t.strip() for t in toks if t.strip()]
        if "\t" in line and len(toks) > 1 and " " in toks[0]:  # a phrase, then its ids after a tab
            term_toks, rest = [toks[0]], " ".join(toks[1:]).split()
        else:
            toks = line.split()
            k = 1
            while k < len(toks) and toks[k] not in legend:
                k += 1
            term_toks, rest = toks[:k], toks[k:]
        term = " ".join(term_toks)
        ids = []
        for t in rest:
            if t in legend:
                ids.append(t)
            else:
                warnings.append(f"line {n + 1}: {term!r}: category reference {t!r} not in the legend; ignored")
        if not ids:
            warnings.append(f"line {n + 1}: {term!r} has no category; dropped")
            continue
        for cid in ids:
            entries.append(((legend[cid],), term, None, n + 1))
    return entries, warnings
