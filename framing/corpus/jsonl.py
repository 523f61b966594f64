"""``.jsonl`` files: one JSON object per line, streamed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..data import Article
from ..errors import CorpusError, ReadWarning
from .encoding import CP1252_NOTE, HEAD, find_bom, stream_encoding
from .records import Fields, article, value_problem


def _json_record(path: Path, n: int, line: str, fields: Fields, on_warning) -> Article:
    try:
        rec = json.loads(line.lstrip("\ufeff"))  # a mark left by concatenating files
    except json.JSONDecodeError as e:
        raise CorpusError(path, n, f"not valid JSON ({e.msg}, column {e.colno})") from None
    except RecursionError:
        raise CorpusError(path, n, "not readable: JSON nested too deeply") from None
    except ValueError as e:  # an integer with more digits than Python converts (4,300)
        raise CorpusError(path, n, "not readable JSON: " + value_problem(e)) from None
    if not isinstance(rec, dict):
        raise CorpusError(path, n, f"expected a JSON object, got {type(rec).__name__}")
    return article(rec, fields, default_id=f"{path.stem}:{n}", origin=f"{path}:{n}",
                   path=path, line=n, on_warning=on_warning)


def read_jsonl(path: Path, fields: Fields, on_error, on_warning) -> Iterator[Article]:
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
    bom = find_bom(head[:4])
    if not bom and b"\x00" in head:
        codec = stream_encoding(path, on_warning)  # UTF-16 without a mark, or binary (raises)
        bom = (codec, codec.upper())
    n_records = 0
    if bom:  # UTF-16/32 (or UTF-8 with a mark): decode as a stream, line by line
        n = 0
        with open(path, encoding=bom[0], newline="") as fh:
            try:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        n_records += 1
                        try:
                            yield _json_record(path, n, line, fields, on_warning)
                        except CorpusError as e:
                            on_error(e)
            except UnicodeDecodeError as e:
                raise CorpusError(path, n + 1, f"not valid {bom[1]} ({e.reason})") from None
    else:  # UTF-8 expected; a line that is not is read as cp1252
        latin, first_latin = 0, None
        with open(path, "rb") as fh:
            for n, bline in enumerate(fh, 1):
                if not bline.strip():
                    continue
                n_records += 1
                try:
                    line = bline.decode("utf-8")
                except UnicodeDecodeError as e:
                    try:
                        line = bline.decode("cp1252")
                    except UnicodeDecodeError:
                        on_error(CorpusError(path, n, f"neither UTF-8 nor Windows-1252 (byte "
                                                      f"0x{bline[e.start]:02x} at column {e.start + 1})"))
                        continue
                    latin += 1
                    first_latin = first_latin or n
                try:
                    yield _json_record(path, n, line, fields, on_warning)
                except CorpusError as e:
                    on_error(e)
        if latin:
            on_warning(ReadWarning(path, first_latin, f"{latin} line(s) not valid UTF-8, the first "
                                                      f"on this line; {CP1252_NOTE}"))
    if not n_records:
        raise CorpusError(path, None, "empty file" if not head else "empty file (only white space)")
