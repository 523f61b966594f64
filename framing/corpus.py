"""Read corpora into :class:`~framing.data.Article` records, one at a time.

Accepted inputs:

- a ``.txt`` or ``.md`` file, optionally opening with YAML front matter
  (``---`` lines around ``id``, ``title``, ``outlet``, ``date``, ``url``, ...);
  the article text is everything after the front matter, exactly as decoded
  (the whole file when there is none);
- a ``.jsonl`` file, one JSON object per line;
- a ``.csv`` file with a header row, one article per row;
- a folder, searched recursively for the above, in sorted order (hidden files
  and folders, and symbolic links to folders, are not followed).

Encodings: UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with a
byte-order mark, and UTF-16 without one (detected from its NUL bytes, with a
warning). A file, or a JSONL line, that is not valid UTF-8 is read as
Windows-1252 (cp1252), with a warning naming the first bad byte's line. Offsets
index the text as decoded, without the byte-order mark.

A bad file or record never stops the rest: it is reported through ``on_error``
(by default a :class:`CorpusWarning`) and skipped. A file or record that was
read with a caveat (a guessed encoding, repaired surrogates, a CSV without
rows) is reported through ``on_warning`` and kept. Refused outright: empty
files, binary files (NUL bytes or many control characters), front matter with
YAML tags (``!!python/object``) or aliases, JSON nested too deeply.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from .data import Article
from .errors import CorpusError, ReadWarning

__all__ = ["Fields", "read_corpus", "read_file", "CorpusWarning", "SUFFIXES"]

SUFFIXES = (".txt", ".md", ".jsonl", ".csv")


class CorpusWarning(UserWarning):
    """A file or record was skipped, or read with a caveat; the message says which and why."""


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
                on_error: Callable[[CorpusError], None] | None = None,
                on_warning: Callable[[ReadWarning], None] | None = None) -> Iterator[Article]:
    """Stream the articles of one or more files or folders.

    Args:
        paths: a path or a list of paths (files or folders).
        fields: field names for JSONL/CSV/front matter; default :class:`Fields`.
        on_error: called with a :class:`~framing.errors.CorpusError` for each bad
            file or record, which is then skipped. Default: issue a ``CorpusWarning``.
            Pass a function that raises to stop at the first error.
        on_warning: called with a :class:`~framing.errors.ReadWarning` for each
            file or record read with a caveat (e.g. decoded as cp1252); the
            article is kept. Default: issue a ``CorpusWarning``.

    Yields:
        :class:`~framing.data.Article`, in file order.
    """
    fields = fields or Fields()
    on_error = on_error or _warn
    on_warning = on_warning or _warn
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
                yield from read_file(f, fields=fields, on_error=on_error, on_warning=on_warning)
        elif p.is_file():
            yield from read_file(p, fields=fields, on_error=on_error, on_warning=on_warning)
        elif p.exists():
            on_error(CorpusError(p, None, "not a regular file or folder"))
        else:
            on_error(CorpusError(p, None, "no such file or folder"))


def read_file(path, *, fields: Fields | None = None,
              on_error: Callable[[CorpusError], None] | None = None,
              on_warning: Callable[[ReadWarning], None] | None = None) -> Iterator[Article]:
    """Stream the articles of one file, chosen by its suffix (see :func:`read_corpus`)."""
    fields = fields or Fields()
    on_error = on_error or _warn
    on_warning = on_warning or _warn
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".txt", ".md"):
            yield _read_text(path, fields, on_warning)
        elif suffix == ".jsonl":
            yield from _read_jsonl(path, fields, on_error, on_warning)
        elif suffix == ".csv":
            yield from _read_csv(path, fields, on_error, on_warning)
        else:
            raise CorpusError(path, None, f"unsupported file type {suffix or '(none)'!r}; "
                                          f"allowed: {', '.join(SUFFIXES)}")
    except CorpusError as e:
        on_error(e)
    except OSError as e:
        on_error(CorpusError(path, None, f"cannot read: {e.strerror or e}"))


# -- encodings -------------------------------------------------------------------

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_HEAD = 8192
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CP1252_NOTE = ("read as Windows-1252 (cp1252); check accented letters and quotation marks, "
                "or re-save the file as UTF-8")


def _bom(head: bytes) -> tuple[str, str] | None:
    for mark, codec, name in _BOMS:
        if head.startswith(mark):
            return codec, name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` looks like mostly-ASCII UTF-16 (every other byte NUL)."""
    n = len(head) // 2 * 2
    if n < 16:  # too little to tell
        return None
    even, odd = head[0:n:2], head[1:n:2]
    ze, zo = even.count(0) / len(even), odd.count(0) / len(odd)
    if zo > 0.3 and ze < 0.05:
        return "utf-16-le"
    if ze > 0.3 and zo < 0.05:
        return "utf-16-be"
    return None


def _binary(path, line=None) -> CorpusError:
    return CorpusError(path, line, "binary file, not text (NUL bytes or control characters); "
                                   "only UTF-8, UTF-16 or Windows-1252 text is read")


def _check_text(path: Path, text: str) -> None:
    """Refuse decoded text that is mostly not text (a binary file that decoded by accident)."""
    sample = text[:65536]
    n = len(_CONTROL.findall(sample))
    if "\x00" in sample or (n >= 3 and n > len(sample) / 100):
        raise _binary(path)


def _decode(path: Path, data: bytes, on_warning) -> str:
    """The text of a whole file (see the module docstring for the encodings tried)."""
    bom = _bom(data[:4])
    if bom:
        codec, name = bom
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            raise CorpusError(path, None, f"starts with a {name} byte-order mark but is not valid "
                                          f"{name} ({e.reason} at byte {e.start})") from None
        _check_text(path, text)
        return text
    if b"\x00" in data[:_HEAD]:
        codec = _utf16_without_bom(data[:_HEAD])
        if codec is None:
            raise _binary(path)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise _binary(path) from None
        _check_text(path, text)
        on_warning(ReadWarning(path, None, f"no byte-order mark; detected and read as {codec.upper()}"))
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        bad = f"byte 0x{data[e.start]:02x} at offset {e.start}"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise CorpusError(path, line, f"neither UTF-8 nor Windows-1252 ({bad}); "
                                          "re-save the file as UTF-8") from None
        _check_text(path, text)
        on_warning(ReadWarning(path, line, f"not valid UTF-8 ({bad}); {_CP1252_NOTE}"))
        return text
    _check_text(path, text)
    return text


def _stream_encoding(path: Path, on_warning) -> str:
    """The codec to stream a JSONL/CSV file with, checking the whole file once in bounded memory."""
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
        if not head.strip():
            while (more := fh.read(1 << 20)) and not more.strip():
                pass
            if not more:
                raise CorpusError(path, None, "empty file")
        bom = _bom(head[:4])
        if bom:
            return bom[0]
        if b"\x00" in head:
            codec = _utf16_without_bom(head)
            if codec is None:
                raise _binary(path)
            on_warning(ReadWarning(path, None, f"no byte-order mark; detected and read as {codec.upper()}"))
            return codec
        # one pass to check the whole file is UTF-8, chunk by chunk
        fh.seek(0)
        dec = codecs.getincrementaldecoder("utf-8")()
        offset = lines = 0
        while chunk := fh.read(1 << 20):
            held = dec.getstate()[0]
            try:
                dec.decode(chunk)
            except UnicodeDecodeError as e:
                buf = held + chunk
                pos = offset - len(held) + e.start
                line = lines + buf.count(b"\n", 0, e.start) + 1
                bad = f"byte 0x{buf[e.start]:02x} at offset {pos}"
                break
            offset += len(chunk)
            lines += chunk.count(b"\n")
        else:
            try:
                dec.decode(b"", final=True)
                return "utf-8"
            except UnicodeDecodeError:  # truncated last character
                line, bad = lines + 1, "truncated character at the end"
        fh.seek(0)
        while chunk := fh.read(1 << 20):
            if _CP1252_UNDEFINED.search(chunk):
                raise CorpusError(path, line, f"neither UTF-8 nor Windows-1252 ({bad}); "
                                              "re-save the file as UTF-8")
    on_warning(ReadWarning(path, line, f"not valid UTF-8 ({bad}); {_CP1252_NOTE}"))
    return "cp1252"


# -- records ---------------------------------------------------------------------------

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _str(v) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def _article(rec: dict, fields: Fields, default_id: str, origin: str, path, line,
             on_warning) -> Article:
    text = rec.get(fields.text)
    if text is None:
        raise CorpusError(path, line, f"no {fields.text!r} field (fields present: "
                                      f"{', '.join(map(str, rec)) or 'none'}); set the text field name "
                                      "with --text-field")
    if not isinstance(text, str):
        raise CorpusError(path, line, f"field {fields.text!r} must be a string, not {type(text).__name__}")
    known = {fields.id, fields.text, fields.title, fields.outlet, fields.date, fields.url}
    rid = rec.get(fields.id)
    values = {
        "id": _str(rid) if rid not in (None, "") else default_id,
        "text": text,
        "title": _str(rec.get(fields.title)) or None,
        "outlet": _str(rec.get(fields.outlet)) or None,
        "date": _str(rec.get(fields.date)) or None,
        "url": _str(rec.get(fields.url)) or None,
    }
    for k, v in values.items():
        # JSON escapes can encode half a surrogate pair, which no output encoding accepts;
        # one replacement character for one code point keeps every offset
        if v is not None and _SURROGATE.search(v):
            n = len(_SURROGATE.findall(v))
            values[k] = _SURROGATE.sub("\ufffd", v)
            on_warning(ReadWarning(path, line, f"field {getattr(fields, k)!r}: {n} unpaired surrogate(s) "
                                               "replaced by U+FFFD (offsets unchanged)"))
    return Article(**values, origin=origin, meta={k: v for k, v in rec.items() if k not in known})


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that also refuses aliases (``*name``): no "billion laughs" expansion."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            ev = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"YAML aliases (*{ev.anchor}) are not allowed", ev.start_mark)
        return super().compose_node(parent, index)


_TAG_RE = re.compile(r"tag '([^']*)'")


def _value_problem(e: ValueError) -> str:
    if "integer string conversion" in str(e):
        return f"a number with more than {sys.get_int_max_str_digits():,} digits"
    return str(e)


def _front_matter(path: Path, block: str) -> dict:
    try:
        meta = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.constructor.ConstructorError as e:
        mark = e.problem_mark
        tag = _TAG_RE.search(str(e.problem))
        raise CorpusError(path, mark.line + 2 if mark else 1,
                          f"front matter uses a YAML tag that is not allowed "
                          f"({tag.group(1) if tag else e.problem}); only plain values are read "
                          "(text, numbers, dates, lists, mappings)") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        what = "front matter: " if problem.startswith("YAML aliases") else "front matter is not valid YAML: "
        raise CorpusError(path, mark.line + 2 if mark is not None else 1, what + problem) from None
    except RecursionError:
        raise CorpusError(path, 2, "front matter is nested too deeply") from None
    except ValueError as e:  # e.g. an integer too long to convert
        raise CorpusError(path, 2, "front matter has a value that cannot be read: " + _value_problem(e)) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise CorpusError(path, 2, "front matter must be a mapping of field: value")
    return meta


def _read_text(path: Path, fields: Fields, on_warning) -> Article:
    data = path.read_bytes()
    raw = _decode(path, data, on_warning)
    if not raw.strip():
        raise CorpusError(path, None, "empty file" if not data else "empty file (only white space)")
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
        meta = _front_matter(path, rest[:end_at])
        closing = rest[end_at:].split("\n", 1)
        text = closing[1] if len(closing) > 1 else ""
    rec = {str(k): v for k, v in meta.items()}
    rec[fields.text] = text
    return _article(rec, fields, default_id=path.stem, origin=str(path), path=path, line=None,
                    on_warning=on_warning)


def _json_record(path: Path, n: int, line: str, fields: Fields, on_warning) -> Article:
    try:
        rec = json.loads(line.lstrip("\ufeff"))  # a mark left by concatenating files
    except json.JSONDecodeError as e:
        raise CorpusError(path, n, f"not valid JSON ({e.msg}, column {e.colno})") from None
    except RecursionError:
        raise CorpusError(path, n, "not readable: JSON nested too deeply") from None
    except ValueError as e:  # an integer with more digits than Python converts (4,300)
        raise CorpusError(path, n, "not readable JSON: " + _value_problem(e)) from None
    if not isinstance(rec, dict):
        raise CorpusError(path, n, f"expected a JSON object, got {type(rec).__name__}")
    return _article(rec, fields, default_id=f"{path.stem}:{n}", origin=f"{path}:{n}",
                    path=path, line=n, on_warning=on_warning)


def _read_jsonl(path: Path, fields: Fields, on_error, on_warning) -> Iterator[Article]:
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    bom = _bom(head[:4])
    if not bom and b"\x00" in head:
        codec = _stream_encoding(path, on_warning)  # UTF-16 without a mark, or binary (raises)
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
                                                      f"on this line; {_CP1252_NOTE}"))
    if not n_records:
        raise CorpusError(path, None, "empty file" if not head else "empty file (only white space)")


def _read_csv(path: Path, fields: Fields, on_error, on_warning) -> Iterator[Article]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # huge articles are fine
    codec = _stream_encoding(path, on_warning)
    header = None
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
                                                   f"{', '.join(header)}); set it with --text-field")
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
                    rec = dict(zip(header, row))
                    try:
                        yield _article(rec, fields, default_id=f"{path.stem}:{line}",
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


def iter_articles(items: Iterable) -> Iterator[Article]:
    """Turn strings, Articles, or paths into Articles (strings become articles with id ``text-N``)."""
    for n, x in enumerate(items, 1):
        if isinstance(x, Article):
            yield x
        elif isinstance(x, str):
            yield Article(id=f"text-{n}", text=x)
        else:
            raise TypeError(f"expected Article or str, got {type(x).__name__}")
