"""Read corpora into :class:`~framing.data.Article` records, one at a time.

Accepted inputs:

- a ``.txt`` or ``.md`` file, optionally opening with YAML front matter
  (``---`` lines around ``id``, ``title``, ``outlet``, ``date``, ``url``, ...);
  the article text is everything after the front matter, exactly as decoded
  (the whole file when there is none);
- a ``.jsonl`` file, one JSON object per line;
- a ``.csv`` file with a header row, one article per row;
- a folder, searched recursively for the above, in sorted order.

A bad file or record never stops the rest: it is reported through ``on_error``
(by default a :class:`CorpusWarning`) and skipped.
"""

from __future__ import annotations

import csv
import json
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from .data import Article
from .errors import CorpusError

__all__ = ["Fields", "read_corpus", "read_file", "CorpusWarning", "SUFFIXES"]

SUFFIXES = (".txt", ".md", ".jsonl", ".csv")


class CorpusWarning(UserWarning):
    """A file or record was skipped; the message says which and why."""


@dataclass(frozen=True)
class Fields:
    """Names of the record fields that hold each piece of an article.

    >>> Fields(outlet="publisher").outlet
    'publisher'
    """

    id: str = "id"
    text: str = "text"
    title: str = "title"
    outlet: str = "outlet"
    date: str = "date"
    url: str = "url"


def _warn(err: CorpusError) -> None:
    warnings.warn(str(err), CorpusWarning, stacklevel=3)


def read_corpus(paths, *, fields: Fields | None = None,
                on_error: Callable[[CorpusError], None] | None = None) -> Iterator[Article]:
    """Stream the articles of one or more files or folders.

    Args:
        paths: a path or a list of paths (files or folders).
        fields: field names for JSONL/CSV/front matter; default :class:`Fields`.
        on_error: called with a :class:`~framing.errors.CorpusError` for each bad
            file or record, which is then skipped. Default: issue a ``CorpusWarning``.
            Pass a function that raises to stop at the first error.

    Yields:
        :class:`~framing.data.Article`, in file order.
    """
    fields = fields or Fields()
    on_error = on_error or _warn
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not files:
                on_error(CorpusError(p, None, f"folder holds no {', '.join(SUFFIXES)} files"))
            for f in files:
                yield from read_file(f, fields=fields, on_error=on_error)
        elif p.is_file():
            yield from read_file(p, fields=fields, on_error=on_error)
        else:
            on_error(CorpusError(p, None, "no such file or folder"))


def read_file(path, *, fields: Fields | None = None,
              on_error: Callable[[CorpusError], None] | None = None) -> Iterator[Article]:
    """Stream the articles of one file, chosen by its suffix (see :func:`read_corpus`)."""
    fields = fields or Fields()
    on_error = on_error or _warn
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".txt", ".md"):
            yield _read_text(path, fields)
        elif suffix == ".jsonl":
            yield from _read_jsonl(path, fields, on_error)
        elif suffix == ".csv":
            yield from _read_csv(path, fields, on_error)
        else:
            raise CorpusError(path, None, f"unsupported file type {suffix or '(none)'!r}; "
                                          f"allowed: {', '.join(SUFFIXES)}")
    except CorpusError as e:
        on_error(e)
    except OSError as e:
        on_error(CorpusError(path, None, f"cannot read: {e.strerror or e}"))


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise CorpusError(path, line, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
                                      "re-save the file as UTF-8") from None


def _str(v) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def _article(rec: dict, fields: Fields, default_id: str, origin: str, path, line) -> Article:
    text = rec.get(fields.text)
    if text is None:
        raise CorpusError(path, line, f"no {fields.text!r} field (fields present: "
                                      f"{', '.join(map(str, rec)) or 'none'}); set the text field name "
                                      "with --text-field")
    if not isinstance(text, str):
        raise CorpusError(path, line, f"field {fields.text!r} must be a string, not {type(text).__name__}")
    known = {fields.id, fields.text, fields.title, fields.outlet, fields.date, fields.url}
    rid = rec.get(fields.id)
    return Article(
        id=_str(rid) if rid not in (None, "") else default_id,
        text=text,
        title=_str(rec.get(fields.title)) or None,
        outlet=_str(rec.get(fields.outlet)) or None,
        date=_str(rec.get(fields.date)) or None,
        url=_str(rec.get(fields.url)) or None,
        origin=origin,
        meta={k: v for k, v in rec.items() if k not in known},
    )


def _read_text(path: Path, fields: Fields) -> Article:
    raw = _decode(path, path.read_bytes())
    meta: dict = {}
    text = raw
    first = raw.split("\n", 1)[0].rstrip("\r")
    if first.strip() == "---":
        rest = raw[len(raw.split("\n", 1)[0]) + 1:]
        pos, end_at = 0, None
        for ln in rest.splitlines(keepends=True):
            if ln.rstrip("\r\n").strip() in ("---", "..."):
                end_at = pos
                break
            pos += len(ln)
        if end_at is None:
            raise CorpusError(path, 1, "front matter opened with '---' is never closed")
        block = rest[:end_at]
        try:
            meta = yaml.safe_load(block) or {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            raise CorpusError(path, line, f"front matter is not valid YAML: "
                                          f"{getattr(e, 'problem', None) or e}") from None
        if not isinstance(meta, dict):
            raise CorpusError(path, 2, "front matter must be a mapping of field: value")
        closing = rest[end_at:].split("\n", 1)
        text = closing[1] if len(closing) > 1 else ""
    rec = {str(k): v for k, v in meta.items()}
    rec[fields.text] = text
    return _article(rec, fields, default_id=path.stem, origin=str(path), path=path, line=None)


def _read_jsonl(path: Path, fields: Fields, on_error) -> Iterator[Article]:
    with open(path, "rb") as fh:
        for n, bline in enumerate(fh, 1):
            if not bline.strip():
                continue
            try:
                line = bline.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                on_error(CorpusError(path, n, "not valid UTF-8"))
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                on_error(CorpusError(path, n, f"not valid JSON ({e.msg} at column {e.colno})"))
                continue
            if not isinstance(rec, dict):
                on_error(CorpusError(path, n, f"expected a JSON object, got {type(rec).__name__}"))
                continue
            try:
                yield _article(rec, fields, default_id=f"{path.stem}:{n}", origin=f"{path}:{n}",
                               path=path, line=n)
            except CorpusError as e:
                on_error(e)


def _read_csv(path: Path, fields: Fields, on_error) -> Iterator[Article]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None:
            raise CorpusError(path, 1, "empty CSV file (no header row)")
        if fields.text not in reader.fieldnames:
            raise CorpusError(path, 1, f"no {fields.text!r} column (columns: {', '.join(reader.fieldnames)}); "
                                       "set it with --text-field")
        start_line = reader.line_num + 1
        try:
            for row in reader:
                line = start_line
                start_line = reader.line_num + 1
                if None in row:
                    on_error(CorpusError(path, line, f"row has more fields than the header's {len(reader.fieldnames)}"))
                    continue
                try:
                    yield _article(row, fields, default_id=f"{path.stem}:{line}", origin=f"{path}:{line}",
                                   path=path, line=line)
                except CorpusError as e:
                    on_error(e)
        except UnicodeDecodeError:
            raise CorpusError(path, start_line, "not valid UTF-8") from None
        except csv.Error as e:
            raise CorpusError(path, reader.line_num, f"CSV error: {e}") from None


def iter_articles(items: Iterable) -> Iterator[Article]:
    """Turn strings, Articles, or paths into Articles (strings become articles with id ``text-N``)."""
    for n, x in enumerate(items, 1):
        if isinstance(x, Article):
            yield x
        elif isinstance(x, str):
            yield Article(id=f"text-{n}", text=x)
        else:
            raise TypeError(f"expected Article or str, got {type(x).__name__}")
