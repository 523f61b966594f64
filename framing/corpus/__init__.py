"""Read corpora into :class:`~framing.data.Article` records, one at a time.

Accepted inputs:

- a ``.txt`` or ``.md`` file, optionally opening with YAML front matter
  (``---`` lines around ``id``, ``title``, ``outlet``, ``date``, ``url``, ...);
  the article text is everything after the front matter, exactly as decoded
  (the whole file when there is none);
- a ``.jsonl`` file, one JSON object per line;
- a ``.csv`` file with a header row, one article per row;
- a ``.parquet`` file, one article per row (needs the ``parquet`` extra);
- a Nexis Uni export (``.docx`` or ``.rtf``) or a Factiva export (``.rtf`` or
  ``.html``/``.htm``): many articles per file, split on the export's own
  structure, the metadata lines kept out of the text
  (:mod:`~framing.corpus.exports`);
- a saved web page (``.html``/``.htm``): its main text, title, date and site
  name (needs the ``html`` extra, :mod:`~framing.corpus.html`);
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

One module per format: :mod:`~framing.corpus.text` (``.txt``/``.md``),
:mod:`~framing.corpus.jsonl`, :mod:`~framing.corpus.csv`,
:mod:`~framing.corpus.parquet`, :mod:`~framing.corpus.docx`,
:mod:`~framing.corpus.rtf`, :mod:`~framing.corpus.html`; shared by them,
:mod:`~framing.corpus.encoding` (decoding), :mod:`~framing.corpus.records`
(a record into an :class:`~framing.data.Article`) and
:mod:`~framing.corpus.exports` (splitting a research export into articles).
In an export, messages name the line of an RTF or HTML file, or the
paragraph of a DOCX file, where the bad document starts.
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path
from typing import Callable, Iterator

from ..data import Article
from ..errors import CorpusError, FramingError, ReadWarning
from .csv import read_csv
from .docx import read_docx
from .html import read_html
from .jsonl import read_jsonl
from .parquet import read_parquet
from .records import MAX_FIELDS, Fields
from .rtf import read_rtf
from .text import read_text

__all__ = ["Fields", "with_fields", "read_corpus", "read_file", "CorpusWarning", "SUFFIXES", "REPORT_MARKER",
           "is_report_folder", "MAX_RECORD_CHARS", "MAX_FIELDS"]

SUFFIXES = (".txt", ".md", ".jsonl", ".csv", ".parquet", ".docx", ".rtf", ".html", ".htm")


_HINTS = {".doc": "; save Word 97-2003 files as .docx", ".pdf": "; export the articles as .docx, .rtf or "
           "text instead of PDF", ".xml": "; Factiva and Nexis Uni exports are read as .rtf, .docx or .html"}


class CorpusWarning(UserWarning):
    """A file or record was skipped, or read with a caveat; the message says which and why."""


MAX_RECORD_CHARS = 5_000_000
"""Longest article text, in characters (about 800,000 words, longer than any book). A longer record
or file is skipped with its reason, before it is analysed: one article of 20 MB would
take minutes and gigabytes, and end the run if memory ran out."""

REPORT_MARKER = ".framing-report"
"""The file ``framing report`` leaves in its folder, so the folder is known as a report."""

_REPORT_LAYOUT = {"index.html", "articles", "tables", "report.pdf", REPORT_MARKER}


def is_report_folder(folder) -> bool:
    """Whether ``folder`` holds a report of ``framing report``: its marker file, or (a report
    written before the marker) ``index.html``, ``articles/`` and ``tables/`` and nothing else."""
    d = Path(folder)
    if (d / REPORT_MARKER).is_file():
        return True
    try:
        names = {x.name for x in d.iterdir()}
    except OSError:
        return False
    return {"index.html", "articles", "tables"} <= names and names <= _REPORT_LAYOUT


def _folder_files(p: Path) -> list[Path]:
    """The readable files under a folder, in name order: not hidden, not inside a report."""
    reports = {m.parent for m in p.rglob(REPORT_MARKER)}
    reports |= {i.parent for i in p.rglob("index.html") if is_report_folder(i.parent)}
    return sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in f.relative_to(p).parts)
                  and not any(r == f.parent or r in f.parents for r in reports))


def _warn(err: CorpusError) -> None:
    warnings.warn(str(err), CorpusWarning, stacklevel=3)


def with_fields(fields: Fields | None, names: dict) -> Fields:
    """``fields`` (default :class:`Fields`) with the names given as ``<field>_field`` keywords.

    >>> with_fields(None, {"text_field": "body", "outlet_field": "source"})
    Fields(id='id', text='body', title='title', outlet='source', date='date', url='url')
    """
    fields = fields or Fields()
    known = {f"{f.name}_field": f.name for f in dataclasses.fields(Fields)}
    bad = sorted(set(names) - set(known))
    if bad:
        raise TypeError(f"unexpected keyword argument {bad[0]!r}; field names are given as "
                        f"{', '.join(known)}")
    given = {known[k]: v for k, v in names.items() if v is not None}
    for k, v in given.items():
        if not isinstance(v, str) or not v:
            raise FramingError(f"{k}_field must be a field name (a non-empty string), got {v!r}")
    return dataclasses.replace(fields, **given) if given else fields


def read_corpus(paths, *, fields: Fields | None = None,
                on_error: Callable[[CorpusError], None] | None = None,
                on_warning: Callable[[ReadWarning], None] | None = None,
                **field_names: str) -> Iterator[Article]:
    """Stream the articles of one or more files or folders.

    >>> import os, tempfile
    >>> p = os.path.join(tempfile.mkdtemp(), "my.csv")
    >>> _ = open(p, "w").write("headline,body,source\\nTown shelled,The town was shelled.,alpha\\n")
    >>> [(a.title, a.outlet) for a in read_corpus(p, text_field="body", title_field="headline",
    ...                                           outlet_field="source")]
    [('Town shelled', 'alpha')]

    Args:
        paths: a path or a list of paths (files or folders).
        fields: field names for JSONL/CSV/front matter; default :class:`Fields`.
        text_field, id_field, title_field, outlet_field, date_field, url_field:
            the name of the record field (CSV column) holding each part of an
            article, instead of ``fields``.
        on_error: called with a :class:`~framing.errors.CorpusError` for each bad
            file or record, which is then skipped. Default: issue a ``CorpusWarning``.
            Pass a function that raises to stop at the first error.
        on_warning: called with a :class:`~framing.errors.ReadWarning` for each
            file or record read with a caveat (e.g. decoded as cp1252); the
            article is kept. Default: issue a ``CorpusWarning``.

    Yields:
        :class:`~framing.data.Article`, in file order.
    """
    fields = with_fields(fields, field_names)
    on_error = on_error or _warn
    on_warning = on_warning or _warn
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = _folder_files(p)  # a report written into the folder is not read back
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
    """Stream the articles of one file, chosen by its suffix (see :func:`read_corpus`).

    An article whose text is longer than :data:`MAX_RECORD_CHARS` is passed to
    ``on_error`` and skipped; a record with more than :data:`MAX_FIELDS` other
    fields keeps the first of them in ``meta``, with a warning.
    """
    fields = fields or Fields()
    on_error = on_error or _warn
    on_warning = on_warning or _warn
    path = Path(path)
    for a in _read_file(path, fields, on_error, on_warning):
        if len(a.text) > MAX_RECORD_CHARS:
            where = a.origin.rpartition(":")[2] if a.origin and a.origin != str(path) else ""
            on_error(CorpusError(path, int(where) if where.isdigit() else None,
                                 f"text of {len(a.text):,} characters; at most {MAX_RECORD_CHARS:,} "
                                 "per article (framing.corpus.MAX_RECORD_CHARS): skipped"))
            continue
        yield a


def _read_file(path: Path, fields: Fields, on_error, on_warning) -> Iterator[Article]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".txt", ".md"):
            yield read_text(path, fields, on_warning)
        elif suffix == ".jsonl":
            yield from read_jsonl(path, fields, on_error, on_warning)
        elif suffix == ".csv":
            yield from read_csv(path, fields, on_error, on_warning)
        elif suffix == ".parquet":
            yield from read_parquet(path, fields, on_error, on_warning)
        elif suffix == ".docx":
            yield from read_docx(path, on_error, on_warning)
        elif suffix == ".rtf":
            yield from read_rtf(path, on_error, on_warning)
        elif suffix in (".html", ".htm"):
            yield from read_html(path, on_error, on_warning)
        else:
            hint = _HINTS.get(suffix, "")
            raise CorpusError(path, None, f"unsupported file type {suffix or '(none)'!r}; "
                                          f"allowed: {', '.join(SUFFIXES)}{hint}")
    except CorpusError as e:
        on_error(e)
    except OSError as e:
        on_error(CorpusError(path, None, f"cannot read: {e.strerror or e}"))
