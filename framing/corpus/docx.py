"""``.docx`` files: Nexis Uni (and Factiva) exports, read with the standard library (zipfile, ElementTree).

:func:`docx_blocks` streams the paragraphs of ``word/document.xml`` in
document order (paragraphs inside tables too), with their number. The text of
a paragraph is its ``w:t`` runs (hyperlinks, fields' shown results and
smart tags included), ``w:tab`` as a tab, ``w:br``/``w:cr`` as a line break,
``w:noBreakHyphen`` as a hyphen; deleted text (``w:delText``), field
instructions, the fallback copy of a drawing (``mc:Fallback``) and text boxes
inside a paragraph (each read as a paragraph of its own) are not part of it.
The XML is parsed as it is read, without building a tree, so a large export
is not held in memory. A document type declaration (``<!DOCTYPE``,
never in a Word file) is refused, so no entity can be expanded.

A ``.docx`` without Nexis Uni or Factiva markers is read as one article (its
paragraphs, joined by a blank line; the title from its document properties),
with a warning.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections import deque
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree as ET

from ..data import Article
from ..errors import CorpusError
from .exports import Block, read_export

__all__ = ["read_docx", "docx_blocks"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _R, _T = _W + "p", _W + "r", _W + "t"
_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_FALLBACK = _MC + "Fallback"
_MAX_XML = 2 << 30  # 2 GiB of XML: larger is not an export but a zip bomb


class _Paragraphs:
    """An expat target that collects the text of each ``w:p`` as the XML streams past (no tree is built)."""

    def __init__(self):
        self.out: deque[Block] = deque()
        self.stack: list[list[str]] = []  # the paragraphs open: a text box's sits inside another
        self.n = 0
        self.run = 0        # inside w:r (a w:tab elsewhere is a tab stop, not a character)
        self.text = False   # inside w:t
        self.fallback = 0   # inside mc:Fallback: a copy of what mc:Choice holds

    def start(self, tag, attrib):
        if tag == _P:
            self.stack.append([])
        elif tag == _R:
            self.run += 1
        elif tag == _T:
            self.text = True
        elif tag == _FALLBACK:
            self.fallback += 1
        elif self.run and self.stack and not self.fallback:
            ch = _CHARS.get(tag)
            if ch is not None:
                self.stack[-1].append(ch)

    def end(self, tag):
        if tag == _T:
            self.text = False
        elif tag == _R:
            self.run -= 1
        elif tag == _P:
            buf = self.stack.pop()
            if not self.fallback:
                self.n += 1
                self.out.append(Block("".join(buf), self.n))
        elif tag == _FALLBACK:
            self.fallback -= 1

    def data(self, text):
        if self.text and self.stack and not self.fallback:
            self.stack[-1].append(text)

    def close(self):
        return None


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
    target = _Paragraphs()
    parser = ET.XMLParser(target=target)
    with zf, _open_xml(path, zf, "word/document.xml") as fh:
        try:
            while chunk := fh.read(1 << 16):
                try:
                    parser.feed(chunk)
                finally:  # the paragraphs read before an error come first
                    while target.out:
                        yield target.out.popleft()
            parser.close()
        except ET.ParseError as e:
            line, col = e.position
            raise CorpusError(path, target.n + 1, f"word/document.xml is not well-formed XML (line {line}, "
                                                  f"column {col}) after paragraph {target.n}; the rest is not "
                                                  "read") from None
        except (zipfile.BadZipFile, zlib.error, EOFError) as e:
            raise CorpusError(path, target.n + 1, f"the archive is damaged ({e}) after paragraph {target.n}; "
                                                  "the rest is not read") from None
    while target.out:
        yield target.out.popleft()


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
