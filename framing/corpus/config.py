"""``framing.toml``: a corpus's field names and defaults, written once for every command.

A researcher whose CSV calls its columns ``headline, body, source, published``
writes them down once, in ``framing.toml`` in the working folder (or a file
given with ``--config FILE``)::

    # framing.toml
    lexicon = ["conflict-syria", "general-bias"]   # or one name: lexicon = "conflict-syria"
    by = "source"                                  # what compare and report group by

    [fields]
    text = "body"
    title = "headline"
    outlet = "source"
    date = "published"

Every key is optional; the ``[fields]`` keys are the :class:`~framing.corpus.Fields`
names (``text, title, outlet, date, url, id``). Options given on the command
line win over the file. An unknown key or a value of the wrong type is an error
naming the file and the line.

>>> import os, tempfile
>>> p = os.path.join(tempfile.mkdtemp(), "framing.toml")
>>> _ = open(p, "w").write('by = "source"\\n[fields]\\ntext = "body"\\n')
>>> c = read_config(p)
>>> c.fields.text, c.fields.outlet, c.by, c.lexicon
('body', 'outlet', 'source', None)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FramingError
from .records import Fields

__all__ = ["Config", "read_config", "find_config", "CONFIG_NAME"]

CONFIG_NAME = "framing.toml"
"""The file looked for in the working folder."""

FIELD_KEYS = ("text", "title", "outlet", "date", "url", "id")
TOP_KEYS = ("fields", "lexicon", "by")


@dataclass(frozen=True)
class Config:
    """What a ``framing.toml`` says: field names, and defaults for ``--lexicon`` and ``--by``."""

    fields: Fields = field(default_factory=Fields)
    given_fields: tuple[str, ...] = ()
    """The ``[fields]`` keys the file sets."""
    lexicon: tuple[str, ...] | None = None
    by: str | None = None
    path: str | None = None


def _line(text: str, table: str | None, key: str) -> int | None:
    """The line where ``key`` is set (inside ``[table]``, or at the top when ``table`` is None)."""
    current = None
    for n, ln in enumerate(text.splitlines(), 1):
        s = ln.strip()
        m = re.match(r"^\[\s*([^\]]+?)\s*\]", s)
        if m:
            current = m.group(1).strip().strip('"')
            if table is None and current == key:
                return n
            continue
        if current == table and re.match(rf'^["\']?{re.escape(key)}["\']?\s*=', s):
            return n
    return None


def read_config(path) -> Config:
    """Read a ``framing.toml`` (see the module docstring).

    Raises:
        FramingError: the file cannot be read, is not TOML, or has an unknown key or
            a bad value (``path:line: problem``).
    """
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise FramingError(f"{path}: no such config file") from None
    except UnicodeDecodeError as e:
        raise FramingError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise FramingError(f"{path}: {e.strerror or e}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise FramingError(f"{path}: not valid TOML: {e}") from None

    def bad(table, key, problem):
        n = _line(text, table, key)
        return FramingError(f"{path}:{n}: {problem}" if n else f"{path}: {problem}")

    for k in data:
        if k not in TOP_KEYS:
            raise bad(None, k, f"unknown key {k!r}; allowed: {', '.join(TOP_KEYS)} "
                               f"([fields]: {', '.join(FIELD_KEYS)})")
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise bad(None, "fields", "'fields' must be a table: [fields] then text = \"body\" ...")
    for k, v in fields.items():
        if k not in FIELD_KEYS:
            raise bad("fields", k, f"unknown field {k!r} in [fields]; allowed: {', '.join(FIELD_KEYS)}")
        if not isinstance(v, str) or not v.strip():
            raise bad("fields", k, f"[fields] {k} must be a column name (a non-empty string), got {v!r}")
    lexicon = data.get("lexicon")
    if lexicon is not None:
        lexicon = [lexicon] if isinstance(lexicon, str) else lexicon
        if not isinstance(lexicon, list) or not lexicon or not all(
                isinstance(x, str) and x.strip() for x in lexicon):
            raise bad(None, "lexicon", "lexicon must be a pack name or path, or a list of them")
        lexicon = tuple(lexicon)
    by = data.get("by")
    if by is not None and (not isinstance(by, str) or not by.strip()):
        raise bad(None, "by", f"by must be a field name (a non-empty string), got {by!r}")
    return Config(Fields(**fields), tuple(fields), lexicon, by, str(path))


def find_config(path=None, folder=".") -> Config | None:
    """The config of ``path`` (``--config``), else ``framing.toml`` in ``folder`` if there is one."""
    if path is not None:
        return read_config(path)
    p = Path(folder) / CONFIG_NAME
    return read_config(p) if p.is_file() else None
