"""``.txt`` and ``.md`` files: one article each, optionally opening with YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..data import Article
from ..errors import CorpusError
from .encoding import decode
from .records import Fields, article, value_problem


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that also refuses aliases (``*name``): no "billion laughs" expansion."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            ev = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"YAML aliases (*{ev.anchor}) are not allowed", ev.start_mark)
        return super().compose_node(parent, index)


_TAG_RE = re.compile(r"tag '([^']*)'")


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
        raise CorpusError(path, 2, "front matter has a value that cannot be read: " + value_problem(e)) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise CorpusError(path, 2, "front matter must be a mapping of field: value")
    return meta


def read_text(path: Path, fields: Fields, on_warning) -> Article:
    data = path.read_bytes()
    raw = decode(path, data, on_warning)
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
    return article(rec, fields, default_id=path.stem, origin=str(path), path=path, line=None,
                   on_warning=on_warning)
