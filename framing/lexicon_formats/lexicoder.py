"""Lexicoder dictionaries (``.lc3``; ``.lcd`` read the same way).

Layout: a line ``+category`` opens a category; every following non-empty line
is one term (words separated by spaces, a trailing ``*`` as wildcard) until
the next ``+`` line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import LexiconError
from .files import read_text


def read(path: Path):
    """``([(category_path, term, weight, line), ...], warnings)`` from a Lexicoder file."""
    warnings: list[str] = []
    text = read_text(path, warnings)
    if text.lstrip().startswith("<"):
        raise LexiconError(path, "line 1", "this is XML (a Yoshikoder dictionary?), not a Lexicoder "
                                           "+category file; export it as .lc3 or CSV")
    entries = []
    cat = None
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        if s.startswith("+"):
            cat = s[1:].strip()
            if not cat:
                raise LexiconError(path, f"line {n}", "a '+' line must name a category")
            continue
        if cat is None:
            raise LexiconError(path, f"line {n}", f"term {s!r} before the first +category line")
        entries.append(((cat,), s, None, n))
    if cat is None:
        raise LexiconError(path, None, "no +category line: not a Lexicoder dictionary")
    return entries, warnings
