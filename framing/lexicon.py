"""Load and validate lexicon packs (TOML files; the schema is in ``lexicons/README.md``).

A pack is found by name among the shipped packs (``conflict-syria``) or by
path (``./mine.toml``). Precedence: an argument that names an existing file,
or ends in ``.toml``, is a path; otherwise it is looked up among the shipped
packs.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .data import SOURCE_TYPES
from .errors import LexiconError

__all__ = [
    "Label", "Referent", "SourceEntry", "Lexicon",
    "available_lexicons", "load_lexicon", "load_lexicons", "validate_lexicon", "lexicon_dir",
]

DEFAULT_LEXICONS = ("conflict-syria", "general-bias")
"""Packs used when none are named."""

_TOP_FIELDS = {"name", "description", "version", "language", "axis", "referents", "sources"}
_AXIS_FIELDS = {"name", "poles", "description"}
_REFERENT_FIELDS = {"id", "description", "side", "source_type", "labels"}
_LABEL_FIELDS = {"label", "forms", "connotation", "echoes", "exclude", "inflect",
                 "case_sensitive", "note"}
_SOURCE_FIELDS = {"forms", "type", "side", "named", "note"}
_FORM_RE = re.compile(r"^[\w'’.\-&/ ]+\*?$", re.UNICODE)


@dataclass(frozen=True)
class Label:
    """One way of naming a referent, with its evaluation and the side it echoes."""

    label: str
    forms: tuple[str, ...]
    connotation: int = 0
    echoes: str = "neutral"
    exclude: tuple[str, ...] = ()
    inflect: bool = True
    case_sensitive: bool = False
    note: str = ""


@dataclass(frozen=True)
class Referent:
    """An actor or thing that outlets name with different labels."""

    id: str
    description: str = ""
    side: str | None = None
    source_type: str | None = None
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class SourceEntry:
    """A known source (agency, monitor, outlet) with its type and side."""

    forms: tuple[str, ...]
    type: str
    side: str | None = None
    named: bool = True
    note: str = ""


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A validated lexicon pack.

    Attributes:
        name, description, version: from the file.
        axis_name: the axis's name, or ``None`` when the pack has no axis.
        poles: the two pole names (first = negative lean), or ``None``.
        referents: the referents with their labels.
        sources: the source gazetteer.
        path: where it was loaded from; sha256: hash of the file bytes.
    """

    name: str
    description: str
    version: str
    axis_name: str | None
    poles: tuple[str, str] | None
    referents: tuple[Referent, ...]
    sources: tuple[SourceEntry, ...]
    path: str
    sha256: str

    def referent(self, id: str) -> Referent:
        """The referent with this id (``KeyError`` if absent)."""
        for r in self.referents:
            if r.id == id:
                return r
        raise KeyError(id)

    def n_forms(self) -> int:
        """Number of surface forms over all labels."""
        return sum(len(lb.forms) for r in self.referents for lb in r.labels)

    def __hash__(self):
        return hash((self.name, self.sha256))

    def __eq__(self, other):
        return isinstance(other, Lexicon) and (self.name, self.sha256) == (other.name, other.sha256)

    def __repr__(self):
        return f"Lexicon({self.name!r}, referents={len(self.referents)}, forms={self.n_forms()})"


def lexicon_dir() -> Path:
    """The folder holding the shipped packs (in a checkout or an installed wheel)."""
    here = Path(__file__).resolve().parent
    installed = here / "lexicons"  # a wheel puts the packs inside the package
    return installed if installed.is_dir() else here.parent / "lexicons"


def available_lexicons() -> list[str]:
    """Names of the shipped packs.

    >>> "conflict-syria" in available_lexicons()
    True
    """
    return sorted(p.stem for p in lexicon_dir().glob("*.toml"))


def _resolve(name_or_path) -> Path:
    s = str(name_or_path)
    p = Path(s)
    if p.is_file() or s.endswith(".toml") or "/" in s or "\\" in s:
        if not p.is_file():
            raise LexiconError(s, None, "file not found")
        return p
    cand = lexicon_dir() / f"{s}.toml"
    if cand.is_file():
        return cand
    raise LexiconError(
        s, None, f"lexicon {s!r} not found; available: {', '.join(available_lexicons())}"
    )


def load_lexicon(name_or_path) -> Lexicon:
    """Load and validate a pack by shipped name or by path.

    Raises:
        LexiconError: naming the file, the key path and the problem.

    >>> lx = load_lexicon("conflict-syria")
    >>> lx.poles
    ('pro-government', 'pro-opposition')
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    path = _resolve(name_or_path)
    return _load_path(str(path.resolve()), path.stat().st_mtime_ns)


def load_lexicons(names=None) -> tuple[Lexicon, ...]:
    """Load several packs; ``None`` means :data:`DEFAULT_LEXICONS`."""
    if names is None:
        names = DEFAULT_LEXICONS
    elif isinstance(names, (str, Path, Lexicon)):
        names = [names]
    return tuple(load_lexicon(n) for n in names)


@lru_cache(maxsize=64)
def _load_path(path: str, _mtime: int) -> Lexicon:
    lx, problems = _parse(Path(path))
    if problems:
        raise LexiconError(path, None, "invalid pack:\n  " + "\n  ".join(problems))
    return lx


def validate_lexicon(path) -> list[str]:
    """Problems found in a pack file, as ``"key.path: problem"`` strings (empty when valid)."""
    p = Path(path)
    if not p.is_file():
        return [f"{path}: file not found"]
    return _parse(p)[1]


def _parse(path: Path) -> tuple[Lexicon | None, list[str]]:
    raw = path.read_bytes()
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        return None, [f"not UTF-8 text ({e.reason} at byte {e.start})"]
    except tomllib.TOMLDecodeError as e:
        return None, [f"TOML syntax error: {e}"]
    problems: list[str] = []

    def unknown(d, allowed, where):
        for k in d:
            if k not in allowed:
                problems.append(f"{where}: unknown field {k!r}; allowed: {', '.join(sorted(allowed))}")

    unknown(doc, _TOP_FIELDS, "top level")
    name = doc.get("name")
    if not isinstance(name, str) or not name:
        problems.append("name: required string")
        name = path.stem
    desc = doc.get("description", "")
    if not isinstance(desc, str) or not desc:
        problems.append("description: required string")
    poles = None
    axis_name = None
    if "axis" in doc:
        axis = doc["axis"]
        if not isinstance(axis, dict):
            problems.append("axis: must be a table")
        else:
            unknown(axis, _AXIS_FIELDS, "axis")
            axis_name = axis.get("name")
            p = axis.get("poles")
            if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p)
                    and p[0] != p[1]):
                problems.append("axis.poles: must be two different pole names")
            else:
                poles = (p[0], p[1])
    allowed_echoes = {"neutral", *(poles or ())}
    referents = []
    owner: dict[str, str] = {}
    seen_ids = set()
    for i, r in enumerate(doc.get("referents", [])):
        where = f"referents[{i}]"
        if not isinstance(r, dict):
            problems.append(f"{where}: must be a table")
            continue
        unknown(r, _REFERENT_FIELDS, where)
        rid = r.get("id")
        if not isinstance(rid, str) or not rid:
            problems.append(f"{where}.id: required string")
            rid = f"referent-{i}"
        elif rid in seen_ids:
            problems.append(f"{where}.id: duplicate referent id {rid!r}")
        seen_ids.add(rid)
        where = f"referents[{rid}]"
        side = r.get("side")
        if side is not None and side not in (poles or ()):
            problems.append(f"{where}.side: {side!r} is not a pole; allowed: {', '.join(poles or ())}")
        st = r.get("source_type")
        if st is not None and st not in SOURCE_TYPES:
            problems.append(f"{where}.source_type: {st!r} not one of: {', '.join(SOURCE_TYPES)}")
        labels = []
        seen_labels = set()
        for j, lb in enumerate(r.get("labels", [])):
            lw = f"{where}.labels[{j}]"
            if not isinstance(lb, dict):
                problems.append(f"{lw}: must be a table")
                continue
            unknown(lb, _LABEL_FIELDS, lw)
            lname = lb.get("label")
            if not isinstance(lname, str) or not lname:
                problems.append(f"{lw}.label: required string")
                lname = f"label-{j}"
            elif lname in seen_labels:
                problems.append(f"{lw}.label: duplicate label {lname!r} in referent {rid!r}")
            seen_labels.add(lname)
            lw = f"{where}.labels[{lname}]"
            forms = lb.get("forms")
            if not (isinstance(forms, list) and forms and all(isinstance(f, str) for f in forms)):
                problems.append(f"{lw}.forms: required non-empty list of strings")
                forms = []
            case = bool(lb.get("case_sensitive", False))
            for f in forms:
                if not f.strip() or not _FORM_RE.match(f.strip()) or f.strip() == "*":
                    problems.append(f"{lw}.forms: bad pattern {f!r} (words, spaces, - ' . & / and a trailing * only)")
                    continue
                key = f.strip() if case else f.strip().lower()
                key = " ".join(key.split())
                prev = owner.get(key)
                if prev and prev != f"{rid}/{lname}":
                    problems.append(f"{lw}.forms: {f!r} is also claimed by {prev}")
                owner[key] = f"{rid}/{lname}"
            conn = lb.get("connotation", 0)
            if not isinstance(conn, int) or isinstance(conn, bool) or not -2 <= conn <= 2:
                problems.append(f"{lw}.connotation: {conn!r} out of range; allowed: integer -2..+2")
                conn = 0
            echoes = lb.get("echoes", "neutral")
            if echoes not in allowed_echoes:
                problems.append(f"{lw}.echoes: {echoes!r} not allowed; allowed: {', '.join(sorted(allowed_echoes))}")
            excl = lb.get("exclude", [])
            if not (isinstance(excl, list) and all(isinstance(x, str) for x in excl)):
                problems.append(f"{lw}.exclude: must be a list of phrases")
                excl = []
            for x in excl:
                if forms and not _exclusion_can_match(x, forms, case):
                    problems.append(f"{lw}.exclude: {x!r} contains none of the label's forms as a whole word (forms never match inside hyphenated compounds), so it can never match")
            for flag in ("inflect", "case_sensitive"):
                if flag in lb and not isinstance(lb[flag], bool):
                    problems.append(f"{lw}.{flag}: must be true or false")
            note = lb.get("note", "")
            labels.append(Label(
                label=lname, forms=tuple(" ".join(f.split()) for f in forms), connotation=conn,
                echoes=echoes if echoes in allowed_echoes else "neutral",
                exclude=tuple(excl), inflect=bool(lb.get("inflect", True)),
                case_sensitive=case, note=note if isinstance(note, str) else "",
            ))
        if not labels:
            problems.append(f"{where}.labels: at least one label is required")
        referents.append(Referent(
            id=rid, description=r.get("description", "") or "", side=side,
            source_type=st, labels=tuple(labels),
        ))
    sources = []
    for i, s in enumerate(doc.get("sources", [])):
        where = f"sources[{i}]"
        if not isinstance(s, dict):
            problems.append(f"{where}: must be a table")
            continue
        unknown(s, _SOURCE_FIELDS, where)
        forms = s.get("forms")
        if not (isinstance(forms, list) and forms and all(isinstance(f, str) and f.strip() for f in forms)):
            problems.append(f"{where}.forms: required non-empty list of strings")
            forms = []
        st = s.get("type")
        if st not in SOURCE_TYPES:
            problems.append(f"{where}.type: {st!r} not one of: {', '.join(SOURCE_TYPES)}")
        side = s.get("side")
        if side is not None and side not in (poles or ()):
            problems.append(f"{where}.side: {side!r} is not a pole; allowed: {', '.join(poles or ())}")
        sources.append(SourceEntry(
            forms=tuple(" ".join(f.split()) for f in forms), type=st if st in SOURCE_TYPES else "other",
            side=side, named=bool(s.get("named", True)), note=s.get("note", "") or "",
        ))
    if not referents and not sources:
        problems.append("referents: a pack needs at least one referent")
    lx = Lexicon(
        name=name, description=desc if isinstance(desc, str) else "",
        version=str(doc.get("version", "")), axis_name=axis_name, poles=poles,
        referents=tuple(referents), sources=tuple(sources), path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    return lx, problems


def _exclusion_can_match(phrase: str, forms, case: bool) -> bool:
    from .terms import bounded  # local: terms imports this module

    flags = 0 if case else re.IGNORECASE
    return any(re.search(bounded(f), phrase, flags) for f in forms)
