"""Decoding corpus files: byte-order marks, UTF-16 without one, UTF-8, and Windows-1252 as a fallback.

See :mod:`framing.corpus` for the encodings tried and the warnings given.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import CorpusError, ReadWarning

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
HEAD = 8192
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
CP1252_NOTE = ("read as Windows-1252 (cp1252); check accented letters and quotation marks, "
                "or re-save the file as UTF-8")


def find_bom(head: bytes) -> tuple[str, str] | None:
    for mark, codec, name in _BOMS:
        if head.startswith(mark):
            return codec, name
    return None


def utf16_without_bom(head: bytes) -> str | None:
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


def binary(path, line=None) -> CorpusError:
    return CorpusError(path, line, "binary file, not text (NUL bytes or control characters); "
                                   "only UTF-8, UTF-16 or Windows-1252 text is read")


def check_text(path: Path, text: str) -> None:
    """Refuse decoded text that is mostly not text (a binary file that decoded by accident)."""
    sample = text[:65536]
    n = len(_CONTROL.findall(sample))
    if "\x00" in sample or (n >= 3 and n > len(sample) / 100):
        raise binary(path)


def decode(path: Path, data: bytes, on_warning) -> str:
    """The text of a whole file (see the module docstring for the encodings tried)."""
    bom = find_bom(data[:4])
    if bom:
        codec, name = bom
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            raise CorpusError(path, None, f"starts with a {name} byte-order mark but is not valid "
                                          f"{name} ({e.reason} at byte {e.start})") from None
        check_text(path, text)
        return text
    if b"\x00" in data[:HEAD]:
        codec = utf16_without_bom(data[:HEAD])
        if codec is None:
            raise binary(path)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise binary(path) from None
        check_text(path, text)
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
        check_text(path, text)
        on_warning(ReadWarning(path, line, f"not valid UTF-8 ({bad}); {CP1252_NOTE}"))
        return text
    check_text(path, text)
    return text


def stream_encoding(path: Path, on_warning) -> str:
    """The codec to stream a JSONL/CSV file with, checking the whole file once in bounded memory."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
        if not head.strip():
            while (more := fh.read(1 << 20)) and not more.strip():
                pass
            if not more:
                raise CorpusError(path, None, "empty file")
        bom = find_bom(head[:4])
        if bom:
            return bom[0]
        if b"\x00" in head:
            codec = utf16_without_bom(head)
            if codec is None:
                raise binary(path)
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
    on_warning(ReadWarning(path, line, f"not valid UTF-8 ({bad}); {CP1252_NOTE}"))
    return "cp1252"
