"""quanteda YAML dictionaries.

Layout: a mapping of keys to lists of patterns, possibly nested::

    economy:
      positive: [growth, boom*, "job creation"]
      negative: [recession, "job losses"]
    taxes: [tax*, levy]

A key's list may also be a single string. quanteda reads ``*`` and ``?`` as
globs; only a trailing ``*`` has a pack equivalent. The file is read with
PyYAML's safe loader (no tags, no code).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import LexiconError
from .files import read_text

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists read; deeper is refused before it can exhaust the stack."""


def _loader(text: str):
    """A ``yaml.SafeLoader`` over ``text`` that refuses nesting deeper than :data:`MAX_DEPTH`.

    PyYAML builds nodes recursively, so a file nested thousands deep would
    otherwise end in a ``RecursionError``.
    """
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            if self.depth >= MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested too deeply (more than {MAX_DEPTH} levels of mappings and lists)",
                    self.peek_event().start_mark)
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return Loader(text)


def read(path: Path):
    """``([(category_path, term, weight, line), ...], warnings)`` from a YAML dictionary."""
    import yaml

    warnings: list[str] = []
    text = read_text(path, warnings)
    loader = _loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        prefix = "" if problem.startswith("nested too deeply") else "YAML syntax error: "
        raise LexiconError(path, where, prefix + problem) from None
    except RecursionError:  # a backstop: MAX_DEPTH keeps the composer far from the limit
        raise LexiconError(path, None, "nested too deeply") from None
    finally:
        loader.dispose()
    if root is None or not isinstance(root, yaml.MappingNode):
        raise LexiconError(path, None, "a quanteda dictionary is a mapping of keys to lists of patterns")
    entries: list = []
    seen: set[int] = set()

    def walk(node, keys, at=None):
        line = node.start_mark.line + 1
        if id(node) in seen:  # an alias: expanding them could multiply the work without end
            raise LexiconError(path, f"line {at or line}", "YAML aliases (&anchor / *alias) are not supported")
        seen.add(id(node))
        if len(keys) > 20:
            raise LexiconError(path, f"line {line}", "keys nested more than 20 deep")
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode) or not str(k.value).strip():
                    raise LexiconError(path, f"line {k.start_mark.line + 1}", "keys must be non-empty names")
                walk(v, keys + (str(k.value).strip(),), k.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.ScalarNode):
                    entries.append((keys, item.value, None, item.start_mark.line + 1))
                elif isinstance(item, yaml.MappingNode):
                    walk(item, keys, item.start_mark.line + 1)
                else:
                    raise LexiconError(path, f"line {item.start_mark.line + 1}",
                                       f"under {'.'.join(keys)}: a pattern must be a string")
        elif isinstance(node, yaml.ScalarNode):
            if not keys:
                raise LexiconError(path, f"line {line}", "a top-level value needs a key")
            entries.append((keys, node.value, None, line))

    walk(root, ())
    if not entries:
        raise LexiconError(path, None, "no patterns found")
    return entries, warnings
