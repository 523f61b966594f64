"""``.docx`` files: Nexis Uni (and Factiva) exports, read with the standard library (zipfile, ElementTree).

:func:`docx_blocks` streams the paragraphs of ``word/document.xml`` in
document order (paragraphs inside tables too), with their number. The text of
a paragraph is its ``w:t`` runs (hyperlinks, fields' shown results and
smart tags included), ``w:tab`` as a tab, ``w:br``/``w:cr`` as a line break,
``w:noBreakHyphen`` as a hyphen; deleted text (``w:delText``), field
instructions, the fallback copy of a drawing (``mc:Fallback``) and text boxes
inside a paragraph (each read as a paragraph of its own) are not part of it.
The XML is parsed as it is read and each paragraph is let go once read, so a
large export is not held in memory. A document type declaration (``<!DOCTYPE``,
never in a Word file) is refused, so no entity can be expanded.

A ``.docx`` without Nexis Uni or Factiva markers is read as one article (its
paragraphs, joined by a blank line; the title from its document properties),
with a warning.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree as ET

from ..data import Article
from ..errors import CorpusError
from .exports import Block, read_export

__all__ = ["read_docx", "docx_blocks"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _T, _TAB, _BR, _CR, _NBH = (_W + x for x in ("p", "t", "tab", "br", "cr", "noBreakHyphen"))
_TXBX, _FALLBACK, _BODY = _W + "txbxContent", _MC + "Fallback", _W + "body"
_MAX_XML = 2 << 30  # 2 GiB of XML: larger is not an export but a zip bomb


def _paragraph_text(p) -> str:
    out = []

    def walk(el):
        for ch in el:
            tag = ch.tag
            if tag == _T:
                out.append(ch.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            elif tag == _NBH:
                out.append("-")
            elif tag in (_TXBX, _FALLBACK, _P):
                continue  # a text box's paragraphs are read on their own; the fallback is a copy
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def _open_xml(path: Path, zf: zipfile.ZipFile, name: str):
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise CorpusError(path, None, f"not a Word document: the archive has no {name}") from None
    if info.file_size > _MAX_XML:
        raise CorpusError(path, None, f"{name} unpacks to {info.file_size:,} bytes; refused (over 2 GiB)")
    with zf.open(info) as fh:
        head = fh.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise CorpusError(path, None, f"{name} declares a document type (<!DOCTYPE); refused")
    return zf.open(info)


def _events(fh, size: int = 1 << 16):
    """(event, element) pairs of an XML stream; on an error, the events before it come first."""
    parser = ET.XMLPullParser(events=("start", "end"))
    while chunk := fh.read(size):
        parser.feed(chunk)
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def docx_blocks(path: Path) -> Iterator[Block]:
    """The paragraphs of a DOCX file, numbered from 1 in document order.

    Raises:
        CorpusError: not a ZIP archive, no ``word/document.xml``, or XML that is
            not well-formed (articles read before the bad spot are kept).
    """
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise CorpusError(path, None, "not a DOCX file (not a ZIP archive); save it from Word as .docx") from None
    n = 0
    with zf:
        with _open_xml(path, zf, "word/document.xml") as fh:
            body, body_level = None, -1
            level = 0     # elements open
            fallback = 0  # inside mc:Fallback, a copy of what mc:Choice holds: not read twice
            try:
                for event, el in _events(fh):
                    if event == "start":
                        level += 1
                        if el.tag == _BODY:
                            body, body_level = el, level
                        elif el.tag == _FALLBACK:
                            fallback += 1
                        continue
                    if el.tag == _FALLBACK:
                        fallback -= 1
                    elif el.tag == _P:
                        if not fallback:
                            n += 1
                            yield Block(_paragraph_text(el), n)
                    if level == body_level + 1:
                        body.remove(el)  # a top-level paragraph or table, read: let it go
                    level -= 1
            except ET.ParseError as e:
                line, col = e.position
                raise CorpusError(path, n + 1, f"word/document.xml is not well-formed XML (line {line}, "
                                               f"column {col}) after paragraph {n}; the rest is not read") from None
            except (zipfile.BadZipFile, zlib.error, EOFError) as e:
                raise CorpusError(path, n + 1, f"the archive is damaged ({e}) after paragraph {n}; "
                                               "the rest is not read") from None


def _core_title(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf, _open_xml(path, zf, "docProps/core.xml") as fh:
            root = ET.parse(fh).getroot()
    except (CorpusError, ET.ParseError, zipfile.BadZipFile, OSError):
        return None
    el = root.find("{http://purl.org/dc/elements/1.1/}title")
    t = re.sub(r"\s+", " ", el.text or "").strip() if el is not None else ""
    return t or None


def read_docx(path: Path, on_error, on_warning) -> Iterator[Article]:
    """Stream the articles of a Nexis Uni (or Factiva) DOCX export; problems name the paragraph."""
    yield from read_export(path, docx_blocks(path), unit="paragraph", on_error=on_error,
                           on_warning=on_warning, whole_title=lambda: _core_title(path))
