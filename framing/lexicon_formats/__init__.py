"""Read the dictionary formats researchers already own into the pack schema.

Each reader turns a file into a plain dictionary in the TOML pack schema
(``lexicons/README.md``) plus a list of warnings (entries it had to drop or
change, each with its line). :func:`framing.lexicon.load_lexicon` validates
that dictionary into the same :class:`~framing.lexicon.Lexicon` records a TOML
pack gives, and :func:`to_toml` writes it out as a pack to edit.

=================  ======================  ==========================================
format             suffixes                 structure
=================  ======================  ==========================================
``liwc``           ``.dic``                 ``%``-delimited legend of category ids, then
                                            one term per line with its category ids
``quanteda-yaml``  ``.yml``, ``.yaml``      nested keys, lists of glob/phrase patterns
``lexicoder``      ``.lc3``, ``.lcd``       ``+category`` lines, then one term per line
``csv``            ``.csv``                 ``term,category[,weight]`` rows
=================  ======================  ==========================================

Mapping, the same for every format: a top-level category becomes a referent
(its name is the id) and the category, or the nested key under it, a label.
Terms keep their wildcards: a trailing ``*`` is a glob; any other wildcard
(``*`` inside or in front, quanteda's ``?``) cannot be expressed and the
term is dropped with a warning. Imported labels set ``inflect = false``, so a
term matches as written (plus the matcher's spacing, hyphen and apostrophe
variants), as it does in the source program. A term listed under several
categories is kept under the first and reported: ``framing`` counts every
stretch of text once per pack, so import such categories into separate packs
(``--categories``) to count a term in each. Imported packs have no axis and
their labels are neutral; add an axis and echoes to the written TOML to use
them for a lean.

No dictionary is bundled: LIWC and the Lexicoder Sentiment Dictionary are
licensed separately; bring your own copy.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import LexiconError
from ..forms import FORM_SYNTAX, MAX_FORM, valid_form
from . import csvdict, lexicoder, liwc, quanteda

__all__ = ["FORMATS", "SUFFIXES", "format_for", "read", "to_toml", "categories_doc"]

SUFFIXES = {
    "liwc": (".dic",),
    "quanteda-yaml": (".yml", ".yaml"),
    "lexicoder": (".lc3", ".lcd"),
    "csv": (".csv",),
}
"""File suffixes of each import format."""

FORMATS = ("toml",) + tuple(SUFFIXES)
"""Every format :func:`framing.lexicon.load_lexicon` accepts."""


def format_for(path) -> str:
    """The format of a pack file, from its suffix.

    >>> format_for("LIWC2015.dic"), format_for("mine.toml"), format_for("d.yml")
    ('liwc', 'toml', 'quanteda-yaml')
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        return "toml"
    for fmt, sfx in SUFFIXES.items():
        if suffix in sfx:
            return fmt
    known = ", ".join([".toml"] + [s for v in SUFFIXES.values() for s in v])
    raise LexiconError(path, None, f"unknown pack suffix {suffix or '(none)'!r}; known: {known} "
                                   "(or name the format with --from)")


def read(path, fmt: str, *, categories=None) -> tuple[dict, list[str]]:
    """Read a dictionary file into the pack schema.

    Args:
        path: the file.
        fmt: one of :data:`SUFFIXES`' keys.
        categories: keep only these categories (names as in the file; for
            nested YAML, top-level keys); default all.

    Returns:
        ``(document, warnings)``.

    Raises:
        LexiconError: the file cannot be read as that format (with the line).
    """
    readers = {"liwc": liwc.read, "quanteda-yaml": quanteda.read, "lexicoder": lexicoder.read,
               "csv": csvdict.read}
    if fmt not in readers:
        raise LexiconError(path, None, f"unknown format {fmt!r}; allowed: {', '.join(readers)}")
    p = Path(path)
    entries, warnings = readers[fmt](p)
    if categories:
        wanted = list(dict.fromkeys(categories))
        have = {e[0][0] for e in entries}
        missing = [c for c in wanted if c not in have]
        if missing:
            raise LexiconError(path, None, f"no category {', '.join(map(repr, missing))}; "
                                           f"the file has: {', '.join(sorted(have)) or 'none'}")
        entries = [e for e in entries if e[0][0] in wanted]
    doc = categories_doc(entries, name=p.stem, description=f"Imported from the {fmt} dictionary {p.name}.",
                         fmt=fmt, warnings=warnings)
    warnings.sort(key=_line_key)
    return doc, warnings


def _line_key(w: str) -> int:
    return int(w[5:w.index(":")]) if w.startswith("line ") and ":" in w else 0


def _form(term: str) -> tuple[str | None, str | None]:
    """A dictionary pattern as a pack form, or ``(None, reason)``."""
    t = " ".join(str(term).split())
    if not t:
        return None, "empty term"
    if "?" in t or "*" in t.rstrip("*"):
        return None, f"wildcard inside {t!r} (only a trailing * is supported)"
    if len(t) > MAX_FORM:
        return None, f"term of {len(t)} characters (at most {MAX_FORM})"
    t = t.rstrip("*") + ("*" if t.endswith("*") else "")
    if not valid_form(t):
        return None, f"{t!r} is not a form ({FORM_SYNTAX})"
    return t, None


def categories_doc(entries, *, name: str, description: str, fmt: str, warnings: list[str]) -> dict:
    """Pack document from ``[(category_path, term, weight, line), ...]``.

    ``category_path[0]`` becomes the referent; the rest (joined with ``.``),
    or the category itself, the label; a weight becomes the label's
    connotation, and a category whose terms have different weights is split
    into ``label +1``, ``label -2``, ...

    >>> d = categories_doc([(("econ", "pos"), "boom*", None, 3), (("econ",), "GDP", None, 4)],
    ...                    name="t", description="d", fmt="csv", warnings=[])
    >>> [(r["id"], [(lb["label"], lb["forms"]) for lb in r["labels"]]) for r in d["referents"]]
    [('econ', [('pos', ['boom*']), ('econ', ['GDP'])])]
    """
    owner: dict[str, str] = {}
    refs: dict[str, dict[str, dict]] = {}
    weights: dict[tuple, set] = {}
    for path, _, weight, _ in entries:
        weights.setdefault(tuple(map(str, path)), set()).add(weight)
    for path, term, weight, line in entries:
        form, why = _form(term)
        where = f"line {line}: " if line else ""
        if form is None:
            warnings.append(f"{where}dropped: {why}")
            continue
        ref = str(path[0])
        lab = ".".join(map(str, path[1:])) or ref
        if len(weights[tuple(map(str, path))]) > 1:  # split a category whose terms differ in weight
            lab = f"{lab} {'0' if not weight else f'{weight:+d}'}"
        where_kept = ref if lab == ref else f"{ref}/{lab}"
        key = form.lower()
        if key in owner:
            if owner[key] != where_kept:
                warnings.append(f"{where}{form!r} is also in {owner[key]}; kept there only")
            continue
        owner[key] = where_kept
        lb = refs.setdefault(ref, {}).setdefault(lab, {"forms": [], "weight": weight})
        lb["forms"].append(form)
    doc: dict = {"name": name, "description": description, "version": "imported", "referents": []}
    for ref, labels in refs.items():
        r = {"id": ref, "description": f"Category {ref!r} of the source dictionary.", "labels": []}
        for lab, d in labels.items():
            entry = {"label": lab, "forms": d["forms"], "inflect": False}
            if d["weight"] is not None:
                entry["connotation"] = d["weight"]
            entry["note"] = f"Imported from {fmt} category {lab!r}."
            r["labels"].append(entry)
        doc["referents"].append(r)
    return doc


# -- writing ---------------------------------------------------------------------------

def _s(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        # a JSON string is a TOML basic string, once DEL (the one control character JSON leaves) is escaped
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_s(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {_s(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} to a pack")


def _forms_lines(key: str, forms, indent: str) -> list[str]:
    if len(_s(list(forms))) + len(key) + len(indent) < 90:
        return [f"{indent}{key} = {_s(list(forms))}"]
    out, line = [f"{indent}{key} = ["], indent + "  "
    for f in forms:
        piece = _s(f) + ", "
        if len(line) + len(piece) > 96 and line.strip():
            out.append(line.rstrip())
            line = indent + "  "
        line += piece
    if line.strip():
        out.append(line.rstrip())
    out.append(f"{indent}]")
    return out


def to_toml(doc: dict) -> str:
    """Write a pack document (the TOML schema) as TOML text, in the layout of the shipped packs.

    >>> import tomllib
    >>> d = {"name": "t", "description": "d", "referents": [{"id": "x", "labels": [
    ...     {"label": "x", "forms": ["a \\"b\\"", "c*"], "inflect": False}]}]}
    >>> tomllib.loads(to_toml(d)) == d
    True
    """
    out = []
    for k in ("name", "description", "version", "language"):
        if k in doc:
            out.append(f"{k} = {_s(doc[k])}")
    if "axis" in doc:
        out += ["", "[axis]"] + [f"{k} = {_s(v)}" for k, v in doc["axis"].items()]
    for r in doc.get("referents", []):
        out += ["", "[[referents]]"]
        out += [f"{k} = {_s(v)}" for k, v in r.items() if k != "labels"]
        for lb in r.get("labels", []):
            out += ["", "  [[referents.labels]]"]
            for k, v in lb.items():
                if k in ("forms", "exclude"):
                    out += _forms_lines(k, v, "  ")
                else:
                    out.append(f"  {k} = {_s(v)}")
    for s in doc.get("sources", []):
        out += ["", "[[sources]]"] + [f"{k} = {_s(v)}" for k, v in s.items()]
    return "\n".join(out) + "\n"
