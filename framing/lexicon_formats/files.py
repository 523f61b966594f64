"""Reading a dictionary file's text, the same way for every import format."""

from __future__ import annotations

from pathlib import Path


def read_text(path: Path, warnings: list[str]) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252 with a warning."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        warnings.append(f"not UTF-8 (byte {e.start}); read as Windows-1252")
        return raw.decode("cp1252", errors="replace")
