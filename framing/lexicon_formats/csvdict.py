"""CSV dictionaries: one row per term, ``term,category[,weight]``.

A header row is recognised when its first cell is ``term``, ``word`` or
``pattern`` (then the columns are found by name: ``term``/``word``/``pattern``,
``category``/``label``/``key``, ``weight``/``connotation``). ``weight``, when
given, is the label's connotation: an integer from -2 to +2.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import LexiconError
from .files import read_text

_TERM = ("term", "word", "pattern")
_CAT = ("category", "label", "key")
_WEIGHT = ("weight", "connotation")


def read(path: Path):
    """``([(category_path, term, weight, line), ...], warnings)`` from a CSV file."""
    warnings: list[str] = []
    text = read_text(path, warnings)
    reader = csv.reader(text.splitlines())
    try:
        rows = list(reader)
    except csv.Error as e:  # e.g. a field longer than the csv module's limit (128 KiB by default)
        raise LexiconError(path, f"line {reader.line_num}", f"not readable as CSV: {e}") from None
    cols = (0, 1, 2)
    first = 0
    if rows and rows[0] and rows[0][0].strip().lower() in _TERM:
        head = [c.strip().lower() for c in rows[0]]

        def col(names, required):
            for n in names:
                if n in head:
                    return head.index(n)
            if required:
                raise LexiconError(path, "line 1", f"header has no {names[0]!r} column "
                                                   f"(one of: {', '.join(names)})")
            return None

        cols = (col(_TERM, True), col(_CAT, True), col(_WEIGHT, False))
        first = 1
    entries = []
    for n, row in enumerate(rows[first:], first + 1):
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) <= max(c for c in cols[:2]):
            raise LexiconError(path, f"line {n}", f"expected term,category[,weight]; got {len(row)} column(s)")
        term, cat = row[cols[0]].strip(), row[cols[1]].strip()
        if not cat:
            raise LexiconError(path, f"line {n}", f"term {term!r} has no category")
        weight = None
        wc = cols[2]
        if wc is not None and wc < len(row) and row[wc].strip():
            w = row[wc].strip()
            try:
                weight = int(w)
            except ValueError:
                weight = None
            if weight is None or not -2 <= weight <= 2:
                raise LexiconError(path, f"line {n}", f"weight {w!r} is not an integer from -2 to +2 "
                                                      "(it becomes the label's connotation)")
        entries.append(((cat,), term, weight, n))
    if not entries:
        raise LexiconError(path, None, "no term rows")
    return entries, warnings
