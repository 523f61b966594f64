"""``.csv`` files with a header row: one article per row, streamed."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Iterator

from ..data import Article
from ..errors import CorpusError, ReadWarning
from .encoding import stream_encoding
from .records import MAX_FIELDS, TEXT_FIELD_HINT, Fields, article


def read_csv(path: Path, fields: Fields, on_error, on_warning) -> Iterator[Article]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # huge articles are fine
    codec = stream_encoding(path, on_warning)
    header = keep = None
    skip = 0  # physical lines already consumed before a restart
    n_rows = 0
    while True:
        with open(path, encoding=codec, newline="") as fh:
            it = iter(fh)
            for _ in range(skip):
                next(it, None)
            reader = csv.reader(it, strict=True)
            try:
                if header is None:
                    header = next(reader, None)
                    if header is None or not any(h.strip() for h in header):
                        raise CorpusError(path, 1, "no header row")
                    if fields.text not in header:
                        raise CorpusError(path, 1, f"no {fields.text!r} column (columns: "
                                                   f"{', '.join(header)}); {TEXT_FIELD_HINT}")
                start = skip + reader.line_num + 1
                restart = None
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error as e:
                        if "unexpected end of data" in str(e):
                            # a quotation mark opened on this row is never closed: report the row
                            # and read on from the next line, so the rest of the file is not lost
                            on_error(CorpusError(path, start, "a quoted field opened on this row is "
                                                              "never closed; row skipped"))
                            restart = start
                            break
                        on_error(CorpusError(path, start, f"malformed CSV row: {e}"))
                        start = skip + reader.line_num + 1
                        continue
                    line, start = start, skip + reader.line_num + 1
                    if not row:
                        continue
                    n_rows += 1
                    if len(row) > len(header):
                        on_error(CorpusError(path, line, f"row has {len(row)} fields, more than the "
                                                         f"header's {len(header)}"))
                        continue
                    if len(row) < len(header):
                        missing = header[len(row):]
                        if fields.text in missing:
                            on_error(CorpusError(path, line, f"row has {len(row)} fields, fewer than the "
                                                             f"header's {len(header)}: no {fields.text!r}"))
                            continue
                        on_warning(ReadWarning(path, line, f"row has {len(row)} fields, fewer than "
                                                           f"the header's {len(header)}; missing: "
                                                           f"{', '.join(missing)}"))
                    if keep is None:  # the columns a record keeps: wide files cost their text only
                        keep = _kept_columns(header, fields)
                        if len(keep) < len(header):
                            on_warning(ReadWarning(path, 1, f"{len(header):,} columns; each article keeps "
                                                            f"its fields and the first {MAX_FIELDS:,} others "
                                                            "(framing.corpus.MAX_FIELDS)"))
                    rec = ({header[i]: row[i] for i in keep if i < len(row)} if len(keep) < len(header)
                           else dict(zip(header, row)))
                    try:
                        yield article(rec, fields, default_id=f"{path.stem}:{line}",
                                      origin=f"{path}:{line}", path=path, line=line,
                                      on_warning=on_warning)
                    except CorpusError as e:
                        on_error(e)
            except UnicodeDecodeError as e:
                raise CorpusError(path, start if header else 1, f"not valid {codec} ({e.reason})") from None
            except csv.Error as e:
                raise CorpusError(path, 1, f"malformed CSV header: {e}") from None
        if restart is None:
            break
        skip = restart
    if not n_rows:
        on_warning(ReadWarning(path, None, "no rows below the header"))


def _kept_columns(header: list[str], fields: Fields) -> list[int]:
    """The columns a record keeps: the article's fields, and the first :data:`MAX_FIELDS` others."""
    known = {fields.id, fields.text, fields.title, fields.outlet, fields.date, fields.url}
    out, others = [], 0
    for i, h in enumerate(header):
        if h in known:
            out.append(i)
        elif others < MAX_FIELDS:
            out.append(i)
            others += 1
    return out
