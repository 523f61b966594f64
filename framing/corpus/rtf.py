"""``.rtf`` files: Nexis Uni and Factiva exports (see :mod:`~framing.corpus.exports`), read without a dependency.

:func:`rtf_blocks` turns RTF into paragraphs. It reads the file through a
memory map, one token at a time, so a large export is not held in memory as
text. It keeps what a word processor shows as text: plain runs, ``\\'hh``
bytes in the document's code page (``\\ansicpg``, Windows-1252 by default;
multi-byte code pages such as 932 and 936 are decoded as such), ``\\uN``
characters (skipping their ``\\ucN`` fallback bytes; surrogate pairs joined),
``\\~`` (no-break space), ``\\tab``, ``\\line`` (a line break), quotation
marks and dashes given as control words, hyperlink text (``\\fldrslt``).
Dropped: font, colour and style tables, document information, pictures,
objects, headers and footers, field instructions, ``{\\*...}`` groups and
``\\bin`` data. ``\\par``, ``\\sect``, ``\\page`` and ``\\row`` end a
paragraph; ``\\cell`` separates table cells by a tab.
"""

from __future__ import annotations

import codecs
import mmap
import re
from pathlib import Path
from typing import Iterator

from ..data import Article
from ..errors import CorpusError, ReadWarning
from .exports import Block, read_export

__all__ = ["read_rtf", "rtf_blocks"]

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|(\r\n|\n|\r)"
                    rb"|([^\\{}\r\n]+)", re.S)
_SKIP = frozenset(b"""fonttbl colortbl stylesheet info pict object header headerl headerr headerf footer
footerl footerr footerf footnote listtable listoverridetable rsidtbl generator xmlnstbl themedata
colorschememapping latentstyles datastore fldinst nonshppict filetbl revtbl pgdsctbl mmathPr
private userprops operator title author subject keywords comment doccomm bkmkstart bkmkend
""".split())
_CHARS = {b"tab": "\t", b"emdash": "\u2014", b"endash": "\u2013", b"emspace": "\u2003",
          b"enspace": "\u2002", b"qmspace": "\u2005", b"bullet": "\u2022", b"lquote": "\u2018",
          b"rquote": "\u2019", b"ldblquote": "\u201c", b"rdblquote": "\u201d", b"line": "\n",
          b"cell": "\t", b"nestcell": "\t"}
_BREAKS = frozenset([b"par", b"sect", b"page", b"row", b"nestrow"])
_ESCAPES = {b"~": "\u00a0", b"_": "\u2011", b"{": "{", b"}": "}", b"\\": "\\", b"-": "",
            b"\n": None, b"\r": None}


def _codec(cpg: int) -> str:
    name = f"cp{cpg}"
    try:
        codecs.lookup(name)
        return name
    except LookupError:
        return "cp1252"


def rtf_blocks(path: Path, on_warning) -> Iterator[Block]:
    """The paragraphs of an RTF file, each with the line of the file where it starts.

    Raises:
        CorpusError: the file does not start with ``{\\rtf``.
    """
    with open(path, "rb") as fh:
        if not fh.read(8).lstrip().startswith(b"{\\rtf"):
            fh.seek(0)
            if not fh.read(1):
                raise CorpusError(path, None, "empty file")
            raise CorpusError(path, 1, "not an RTF file (it does not start with '{\\rtf')")
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            yield from _blocks(path, data, on_warning)


def _unicode(c: int, high: str) -> tuple[str, str]:
    """The character of ``\\uN`` (N signed 16-bit) and the high surrogate still waiting for its pair.

    >>> _unicode(8217, "")
    ('’', '')
    >>> _unicode(-10179, "")   # a high surrogate waits
    ('', '\\ud83d')
    >>> _unicode(-8704, "\\ud83d")
    ('😀', '')
    """
    c = c + 65536 if c < 0 else c
    ch = chr(c) if 0 <= c <= 0x10FFFF else "\ufffd"
    if 0xD800 <= c < 0xDC00:
        return "", ch
    if 0xDC00 <= c < 0xE000:
        ch = (high + ch).encode("utf-16", "surrogatepass").decode("utf-16") if high else "\ufffd"
    return ch, ""


def _blocks(path: Path, data, on_warning) -> Iterator[Block]:
    codec = "cp1252"
    uc = 1                 # fallback bytes after \uN
    skip_bytes = 0         # fallback bytes still to skip
    skip = False           # inside a group whose text is not shown
    stack: list[tuple[int, bool]] = []
    first_in_group = False
    out: list[str] = []
    pending = bytearray()  # \'hh bytes, decoded together (multi-byte code pages)
    high = ""              # a high surrogate waiting for its pair
    line = 1
    start = None           # the line where the paragraph's first text is
    pos, end = 0, len(data)

    def flush_bytes():
        if pending:
            out.append(bytes(pending).decode(codec, errors="replace"))
            pending.clear()

    while pos < end:
        m = _TOKEN.match(data, pos)
        if m is None:  # a lone backslash at the very end
            break
        pos = m.end()
        word, arg, hexa, esc, brace, nl, run = m.groups()
        if hexa is None and pending:
            flush_bytes()
        if nl is not None:
            line += 1
            continue
        if brace is not None:
            if brace == b"{":
                stack.append((uc, skip))
                first_in_group = True
            else:
                if stack:
                    uc, skip = stack.pop()
                first_in_group = False
            skip_bytes = 0
            continue
        was_first, first_in_group = first_in_group, False
        if word is not None:
            if word == b"bin":  # raw bytes: skip them, counting their line breaks
                n = max(0, int(arg or 0))
                line += data[pos:pos + n].count(b"\n")
                pos += n
                continue
            if skip:
                continue
            if word in _SKIP:
                skip = True
                continue
            if word == b"ansicpg" and arg:
                codec = _codec(int(arg))
            elif word == b"uc" and arg is not None:
                uc = max(0, int(arg))
            elif word == b"u" and arg is not None:
                ch, high = _unicode(int(arg), high)
                if ch:
                    out.append(ch)
                    start = start or line
                skip_bytes = uc
            elif word in _BREAKS:
                if high:
                    out.append("\ufffd")
                    high = ""
                text = "".join(out)
                out.clear()
                yield Block(text, start or line)
                start = None
            elif word in _CHARS:
                out.append(_CHARS[word])
            continue
        if esc is not None:
            if esc == b"*":
                if was_first:
                    skip = True
                continue
            if skip:
                continue
            if esc in (b"\n", b"\r"):  # a backslash before a line break is a paragraph break
                yield Block("".join(out), start or line)
                line += 1
                out.clear()
                start = None
                continue
            ch = _ESCAPES.get(esc)
            if ch is not None:
                out.append(ch)
                start = start or line
            continue
        if skip:
            continue
        if hexa is not None:
            if skip_bytes:
                skip_bytes -= 1
                continue
            pending.append(int(hexa, 16))
            start = start or line
            continue
        if run is not None:
            if skip_bytes:
                n = min(skip_bytes, len(run))
                skip_bytes -= n
                run = run[n:]
                if not run:
                    continue
            out.append(run.decode(codec, errors="replace"))
            start = start or line
    flush_bytes()
    if out:
        yield Block("".join(out), start or line)
    if stack:
        on_warning(ReadWarning(path, line, f"{len(stack)} RTF group(s) still open at the end of the file; "
                                           "it may be cut off"))


def read_rtf(path: Path, on_error, on_warning) -> Iterator[Article]:
    """Stream the articles of a Nexis Uni or Factiva RTF export (line numbers are the file's)."""
    yield from read_export(path, rtf_blocks(path, on_warning), unit="line", on_error=on_error,
                           on_warning=on_warning)
