"""Load and validate lexicon packs (TOML files; the schema is in ``lexicons/README.md``).

A pack is found by name among the shipped packs (``conflict-syria``) or by
path (``./mine.toml``). Precedence: an argument that names an existing file,
ends in a pack suffix (``.toml``, or an import format's ``.dic``, ``.yml``,
``.yaml``, ``.lc3``, ``.lcd``, ``.csv``) or contains a path separator is a
path; anything else is looked up among the shipped packs. A path in an import
format (LIWC, quanteda YAML, Lexicoder, CSV; see :mod:`framing.lexicon_formats`)
is converted on the fly into the same records a TOML pack gives.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import lexicon_formats as formats
from .data import SOURCE_TYPES
from .errors import LexiconError
from .forms import FORM_SYNTAX, MAX_FORM, can_match, valid_form

__all__ = [
    "Label", "ContextRule", "Referent", "SourceEntry", "Lexicon", "Problem",
    "available_lexicons", "load_lexicon", "load_lexicons", "validate_lexicon", "lexicon_problems",
    "lexicon_from_dict", "import_lexicon", "lexicon_dir",
]

DEFAULT_LEXICONS = ("conflict-syria", "general-bias")
"""Packs used when none are named."""

_TOP_FIELDS = {"name", "description", "version", "language", "axis", "referents", "sources"}
_AXIS_FIELDS = {"name", "poles", "description"}
_REFERENT_FIELDS = {"id", "description", "side", "source_type", "labels"}
_LABEL_FIELDS = {"label", "forms", "connotation", "echoes", "exclude", "exclude_context", "inflect",
                 "case_sensitive", "note"}
_CONTEXT_FIELDS = {"before", "after", "window"}
_SOURCE_FIELDS = {"forms", "type", "side", "named", "note"}
MAX_WINDOW = 10
"""Largest ``exclude_context`` window, in words."""


@dataclass(frozen=True)
class ContextRule:
    """Drop a hit when one of ``before`` occurs within ``window`` words before it, or
    one of ``after`` within ``window`` words after it (never across a sentence end)."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    window: int = 3


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
    exclude_context: tuple[ContextRule, ...] = ()


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
        format: ``toml``, or the import format the file was read from.
        warnings: what an import dropped or changed (empty for TOML packs).
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
    format: str = "toml"
    warnings: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class Problem:
    """One validation problem: the line (when known), the key path and what is wrong."""

    line: int | None
    where: str
    problem: str

    def __str__(self):
        loc = f"line {self.line}: " if self.line else ""
        return f"{loc}{self.where}: {self.problem}" if self.where else f"{loc}{self.problem}"


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


_PACK_SUFFIXES = (".toml",) + tuple(s for sfx in formats.SUFFIXES.values() for s in sfx)


def _resolve(name_or_path) -> Path:
    s = str(name_or_path)
    p = Path(s)
    if p.is_file() or s.lower().endswith(_PACK_SUFFIXES) or "/" in s or "\\" in s:
        if not p.is_file():
            raise LexiconError(s, None, "file not found")
        return p
    cand = lexicon_dir() / f"{s}.toml"
    if cand.is_file():
        return cand
    raise LexiconError(
        s, None, f"lexicon {s!r} not found; available: {', '.join(available_lexicons())}"
    )


def load_lexicon(name_or_path, *, format: str | None = None) -> Lexicon:
    """Load and validate a pack by shipped name or by path.

    Args:
        name_or_path: a shipped pack's name, a path, or a :class:`Lexicon` (returned as is).
        format: ``toml`` or an import format (``liwc``, ``quanteda-yaml``,
            ``lexicoder``, ``csv``); default: from the file's suffix.

    Raises:
        LexiconError: naming the file, the line or key path, and the problem.

    >>> lx = load_lexicon("conflict-syria")
    >>> lx.poles
    ('pro-government', 'pro-opposition')
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    path = _resolve(name_or_path)
    fmt = format or formats.format_for(path)
    return _load_path(str(path.resolve()), path.stat().st_mtime_ns, fmt)


def load_lexicons(names=None) -> tuple[Lexicon, ...]:
    """Load several packs; ``None`` means :data:`DEFAULT_LEXICONS`."""
    if names is None:
        names = DEFAULT_LEXICONS
    elif isinstance(names, (str, Path, Lexicon)):
        names = [names]
    return tuple(load_lexicon(n) for n in names)


@lru_cache(maxsize=64)
def _load_path(path: str, _mtime: int, fmt: str) -> Lexicon:
    lx, problems = _parse(Path(path), fmt)
    if problems:
        raise LexiconError(path, None, "invalid pack:\n  " + "\n  ".join(map(str, problems)))
    return lx


def lexicon_problems(path, *, format: str | None = None) -> list[Problem]:
    """Problems found in a pack file (empty when valid), each with its line where known."""
    p = Path(path)
    if not p.is_file():
        return [Problem(None, "", "file not found")]
    try:
        fmt = format or formats.format_for(p)
    except LexiconError as e:
        return [Problem(None, "", e.problem)]
    return _parse(p, fmt)[1]


def validate_lexicon(path, *, format: str | None = None) -> list[str]:
    """Problems found in a pack file, as ``"line N: key.path: problem"`` strings (empty when valid).

    >>> validate_lexicon(lexicon_dir() / "conflict-syria.toml")
    []
    """
    return [str(p) for p in lexicon_problems(path, format=format)]


def lexicon_from_dict(doc: dict, *, path: str = "<dict>", sha256: str = "") -> Lexicon:
    """Build a validated :class:`Lexicon` from a dictionary in the TOML schema.

    Raises:
        LexiconError: listing every problem.

    >>> lx = lexicon_from_dict({"name": "t", "description": "d", "referents": [
    ...     {"id": "x", "labels": [{"label": "x", "forms": ["thing"]}]}]})
    >>> lx.n_forms()
    1
    """
    lx, problems = _build(doc, path=path, sha256=sha256 or hashlib.sha256(repr(doc).encode()).hexdigest())
    if problems:
        raise LexiconError(path, None, "invalid pack:\n  " + "\n  ".join(map(str, problems)))
    return lx


def import_lexicon(path, *, format: str | None = None, categories=None,
                   name: str | None = None) -> tuple[dict, list[str]]:
    """Read a LIWC, quanteda YAML, Lexicoder or CSV dictionary into a pack document.

    Args:
        path: the dictionary file.
        format: ``liwc``, ``quanteda-yaml``, ``lexicoder`` or ``csv``; default from the suffix.
        categories: keep only these categories (top-level keys).
        name: the pack's name (default: the file's stem).

    Returns:
        ``(document, warnings)``: the document follows the TOML schema and is
        valid (write it with :func:`framing.lexicon_formats.to_toml`); the
        warnings name the lines of entries that were dropped or changed.

    Raises:
        LexiconError: the file cannot be read as that format, or the result is not a valid pack.
    """
    p = Path(path)
    if not p.is_file():
        raise LexiconError(path, None, "file not found")
    fmt = format or formats.format_for(p)
    if fmt == "toml":
        raise LexiconError(path, None, "already a TOML pack; nothing to import")
    doc, warnings = formats.read(p, fmt, categories=categories)
    if name:
        doc["name"] = name
    _, problems = _build(doc, path=str(p), sha256="")
    if problems:
        raise LexiconError(path, None, "the imported pack is invalid:\n  "
                           + "\n  ".join(str(Problem(None, w, m)) for _, w, m in problems))
    return doc, warnings


def _parse(path: Path, fmt: str) -> tuple[Lexicon | None, list[Problem]]:
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if fmt != "toml":
        try:
            doc, warnings = formats.read(path, fmt)
        except LexiconError as e:
            return None, [Problem(None, e.where or "", e.problem)]
        lx, problems = _build(doc, path=str(path), sha256=sha, fmt=fmt)
        if lx is not None:
            lx = _with(lx, warnings=tuple(warnings))
        return lx, [Problem(None, where, msg) for _, where, msg in problems]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return None, [Problem(None, "", f"not UTF-8 text ({e.reason} at byte {e.start})")]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column \d+\)", str(e))
        return None, [Problem(int(m.group(1)) if m else None, "", f"TOML syntax error: {e}")]
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        return None, [Problem(_deepest_line(text), "", "arrays or inline tables nested too deeply "
                                                       "(a pack needs at most a few levels)")]
    lx, problems = _build(doc, path=str(path), sha256=sha, fmt="toml")
    if problems:
        lines = _toml_lines(text)
        problems = [Problem(_line_of(lines, loc), where, msg) for loc, where, msg in problems]
    return lx, [p if isinstance(p, Problem) else Problem(None, p[1], p[2]) for p in problems]


def _with(lx: Lexicon, **kw) -> Lexicon:
    from dataclasses import replace

    return replace(lx, **kw)


# -- building and checking ------------------------------------------------------------

def _build(doc: dict, *, path: str, sha256: str, fmt: str = "toml"):
    """Check a document in the TOML schema and build the Lexicon.

    Returns ``(lexicon, problems)``; each problem is ``(location, where, message)``
    where location is a key path tuple used to find the line.
    """
    if not isinstance(doc, dict):
        return None, [((), "", "a pack must be a table of fields")]
    c = _Check()
    c.unknown(doc, _TOP_FIELDS, (), "top level")
    name = doc.get("name")
    if not isinstance(name, str) or not name:
        c.bad(("name",), "name", "required string")
        name = Path(path).stem
    desc = doc.get("description", "")
    if not isinstance(desc, str) or not desc:
        c.bad(("description",), "description", "required string")
    axis_name = c.axis(doc["axis"]) if "axis" in doc else None
    referents = [x for i, r in enumerate(c.array(doc, "referents", "[[referents]]"))
                 if (x := c.referent(r, i)) is not None]
    sources = [x for i, s in enumerate(c.array(doc, "sources", "[[sources]]"))
               if (x := c.source(s, i)) is not None]
    if not referents and not sources:
        c.bad(("referents",), "referents", "a pack needs at least one referent")
    lx = Lexicon(
        name=name, description=desc if isinstance(desc, str) else "",
        version=str(doc.get("version", "")), axis_name=axis_name if isinstance(axis_name, str) else None,
        poles=c.poles, referents=tuple(referents), sources=tuple(sources), path=str(path),
        sha256=sha256, format=fmt,
    )
    return lx, c.problems


class _Check:
    """The problems of one pack document, found part by part, in document order.

    Also holds what later parts are checked against: the axis's poles, and which
    label owns each form (a form may belong to one label only).
    """

    def __init__(self):
        self.problems: list = []
        self.poles: tuple[str, str] | None = None
        self.owner: dict[str, str] = {}
        self.seen_ids: set = set()

    def bad(self, loc: tuple, where: str, msg: str):
        self.problems.append((loc, where, msg))

    def unknown(self, d, allowed, loc, where):
        for k in d:
            if k not in allowed:
                self.bad(loc + (k,), where, f"unknown field {k!r}; allowed: {', '.join(sorted(allowed))}")

    def array(self, doc: dict, key: str, header: str) -> list:
        items = doc.get(key, [])
        if not isinstance(items, list):
            self.bad((key,), key, f"must be an array of tables ({header})")
            return []
        return items

    def side(self, value, loc, where):
        if value is not None and value not in (self.poles or ()):
            self.bad(loc + ("side",), f"{where}.side",
                     f"{value!r} is not a pole; allowed: "
                     f"{', '.join(self.poles or ()) or 'none (the pack has no axis)'}")
        return value if value in (self.poles or ()) else None

    def axis(self, axis):
        """Check the axis, setting :attr:`poles`; its name."""
        if not isinstance(axis, dict):
            self.bad(("axis",), "axis", "must be a table")
            return None
        self.unknown(axis, _AXIS_FIELDS, ("axis",), "axis")
        p = axis.get("poles")
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p)
                and p[0] != p[1]):
            self.bad(("axis", "poles"), "axis.poles", "must be two different pole names")
        else:
            self.poles = (p[0], p[1])
        return axis.get("name")

    def referent(self, r, i: int) -> Referent | None:
        loc = ("referents", i)
        where = f"referents[{i}]"
        if not isinstance(r, dict):
            self.bad(loc, where, "must be a table")
            return None
        rid = r.get("id")
        if not isinstance(rid, str) or not rid:
            self.bad(loc + ("id",), f"{where}.id", "required string")
            rid = f"referent-{i}"
        elif rid in self.seen_ids:
            self.bad(loc + ("id",), f"{where}.id", f"duplicate referent id {rid!r}")
        self.seen_ids.add(rid)
        where = f"referents[{rid}]"
        self.unknown(r, _REFERENT_FIELDS, loc, where)
        side = self.side(r.get("side"), loc, where)
        st = r.get("source_type")
        if st is not None and st not in SOURCE_TYPES:
            self.bad(loc + ("source_type",), f"{where}.source_type",
                     f"{st!r} not one of: {', '.join(SOURCE_TYPES)}")
        labels = []
        seen_labels: set = set()
        lbs = r.get("labels", [])
        if not isinstance(lbs, list):
            self.bad(loc + ("labels",), f"{where}.labels", "must be an array of tables ([[referents.labels]])")
            lbs = []
        for j, lb in enumerate(lbs):
            label = self.label(lb, loc + ("labels", j), where, j, rid, seen_labels)
            if label is not None:
                labels.append(label)
        if not labels:
            self.bad(loc + ("labels",), f"{where}.labels", "at least one label is required")
        desc_r = r.get("description", "")
        return Referent(id=rid, description=desc_r if isinstance(desc_r, str) else "", side=side,
                        source_type=st if st in SOURCE_TYPES else None, labels=tuple(labels))

    def label(self, lb, lloc: tuple, where: str, j: int, rid: str, seen_labels: set) -> Label | None:
        lw = f"{where}.labels[{j}]"
        if not isinstance(lb, dict):
            self.bad(lloc, lw, "must be a table")
            return None
        lname = lb.get("label")
        if not isinstance(lname, str) or not lname:
            self.bad(lloc + ("label",), f"{lw}.label", "required string")
            lname = f"label-{j}"
        elif lname in seen_labels:
            self.bad(lloc + ("label",), f"{lw}.label", f"duplicate label {lname!r} in referent {rid!r}")
        seen_labels.add(lname)
        lw = f"{where}.labels[{lname}]"
        self.unknown(lb, _LABEL_FIELDS, lloc, lw)
        case = lb.get("case_sensitive", False) is True
        good_forms = self.forms(lb.get("forms"), lloc, lw, case, f"{rid}/{lname}")
        conn = lb.get("connotation", 0)
        if not isinstance(conn, int) or isinstance(conn, bool) or not -2 <= conn <= 2:
            self.bad(lloc + ("connotation",), f"{lw}.connotation",
                     f"{conn!r} out of range; allowed: integer -2..+2")
            conn = 0
        allowed_echoes = {"neutral", *(self.poles or ())}
        echoes = lb.get("echoes", "neutral")
        if echoes not in allowed_echoes:
            self.bad(lloc + ("echoes",), f"{lw}.echoes",
                     f"{echoes!r} not allowed; allowed: {', '.join(sorted(allowed_echoes))}")
        inflect = lb.get("inflect", True) is not False
        good_excl = self.exclusions(lb.get("exclude", []), lloc, lw, good_forms, case, inflect)
        rules = _context_rules(lb.get("exclude_context"), lloc + ("exclude_context",),
                               f"{lw}.exclude_context", self.bad)
        for flag in ("inflect", "case_sensitive"):
            if flag in lb and not isinstance(lb[flag], bool):
                self.bad(lloc + (flag,), f"{lw}.{flag}", "must be true or false")
        note = lb.get("note", "")
        if not isinstance(note, str):
            self.bad(lloc + ("note",), f"{lw}.note", "must be a string")
        return Label(
            label=lname, forms=tuple(" ".join(f.split()) for f in good_forms), connotation=conn,
            echoes=echoes if echoes in allowed_echoes else "neutral",
            exclude=tuple(good_excl), inflect=inflect,
            case_sensitive=case, note=note if isinstance(note, str) else "",
            exclude_context=rules,
        )

    def forms(self, forms, lloc: tuple, lw: str, case: bool, label: str) -> list[str]:
        """The valid forms of a label; each is claimed for ``label`` (``referent/label``)."""
        if not (isinstance(forms, list) and forms and all(isinstance(f, str) for f in forms)):
            self.bad(lloc + ("forms",), f"{lw}.forms", "required non-empty list of strings")
            return []
        good = []
        for f in forms:
            if not self.form_ok(f, lloc, f"{lw}.forms"):
                continue
            good.append(f)
            key = " ".join((f.strip() if case else f.strip().lower()).split())
            prev = self.owner.get(key)
            if prev and prev != label:
                self.bad(lloc + ("forms", f), f"{lw}.forms", f"{f!r} is also claimed by {prev}")
            self.owner[key] = label
        return good

    def form_ok(self, f: str, loc: tuple, where: str) -> bool:
        """Whether ``f`` is a form (:data:`~framing.forms.MAX_FORM`, :func:`~framing.forms.valid_form`);
        every form of a pack, wherever it sits, goes through this check."""
        if len(f) > MAX_FORM:
            self.bad(loc + ("forms", f), where,
                     f"form of {len(f)} characters starting {f[:30]!r}; at most {MAX_FORM}")
            return False
        if not valid_form(f):
            self.bad(loc + ("forms", f), where, f"bad pattern {f[:60]!r} ({FORM_SYNTAX})")
            return False
        return True

    def exclusions(self, excl, lloc: tuple, lw: str, forms: list[str], case: bool,
                   inflect: bool) -> list[str]:
        """The valid ``exclude`` phrases of a label: each must contain one of its ``forms``."""
        if not (isinstance(excl, list) and all(isinstance(x, str) for x in excl)):
            self.bad(lloc + ("exclude",), f"{lw}.exclude", "must be a list of phrases")
            return []
        good = []
        for x in excl:
            if len(x) > MAX_FORM:
                self.bad(lloc + ("exclude", x), f"{lw}.exclude",
                         f"phrase of {len(x)} characters starting {x[:30]!r}; at most {MAX_FORM}")
            elif not valid_form(x):
                self.bad(lloc + ("exclude", x), f"{lw}.exclude", f"bad pattern {x!r} (same syntax as forms)")
            elif forms and not can_match(x, forms, case, inflect):
                self.bad(lloc + ("exclude", x), f"{lw}.exclude",
                         f"{x!r} contains none of the label's forms as a whole word (forms never "
                         "match inside hyphenated compounds), so it can never match")
            else:
                good.append(x)
        return good

    def source(self, s, i: int) -> SourceEntry | None:
        loc = ("sources", i)
        where = f"sources[{i}]"
        if not isinstance(s, dict):
            self.bad(loc, where, "must be a table")
            return None
        self.unknown(s, _SOURCE_FIELDS, loc, where)
        forms = s.get("forms")
        if not (isinstance(forms, list) and forms and all(isinstance(f, str) and f.strip() for f in forms)):
            self.bad(loc + ("forms",), f"{where}.forms", "required non-empty list of strings")
            forms = []
        forms = [f for f in forms if self.form_ok(f, loc, f"{where}.forms")]  # the same checks as labels'
        st = s.get("type")
        if st not in SOURCE_TYPES:
            self.bad(loc + ("type",), f"{where}.type", f"{st!r} not one of: {', '.join(SOURCE_TYPES)}")
        side = self.side(s.get("side"), loc, where)
        return SourceEntry(
            forms=tuple(" ".join(f.split()) for f in forms), type=st if st in SOURCE_TYPES else "other",
            side=side, named=bool(s.get("named", True)), note=s.get("note", "") or "",
        )


def _context_rules(value, loc, where, bad) -> tuple[ContextRule, ...]:
    """Check ``exclude_context`` (a table or an array of tables) and build its rules."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    rules = []
    for k, item in enumerate(items):
        iloc = loc + ((k,) if isinstance(value, list) else ())
        iw = f"{where}[{k}]" if isinstance(value, list) else where
        if not isinstance(item, dict):
            bad(iloc, iw, "must be a table like {before = [\"sanctions\"], window = 3}")
            continue
        for key in item:
            if key not in _CONTEXT_FIELDS:
                bad(iloc + (key,), iw, f"unknown field {key!r}; allowed: {', '.join(sorted(_CONTEXT_FIELDS))}")
        words = {}
        for side in ("before", "after"):
            v = item.get(side, [])
            if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                bad(iloc + (side,), f"{iw}.{side}", "must be a list of words or phrases")
                v = []
            good = []
            for x in v:
                if len(x) > MAX_FORM:
                    bad(iloc + (side, x), f"{iw}.{side}",
                        f"phrase of {len(x)} characters starting {x[:30]!r}; at most {MAX_FORM}")
                elif valid_form(x):
                    good.append(" ".join(x.split()))
                else:
                    bad(iloc + (side, x), f"{iw}.{side}", f"bad pattern {x!r} (same syntax as forms)")
            words[side] = tuple(good)
        if not item.get("before") and not item.get("after"):
            bad(iloc, iw, "needs a non-empty 'before' or 'after' list, otherwise it can never match")
        window = item.get("window", 3)
        if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= MAX_WINDOW:
            bad(iloc + ("window",), f"{iw}.window",
                f"{window!r} out of range; allowed: integer 1..{MAX_WINDOW} (words)")
            window = 3
        if words["before"] or words["after"]:
            rules.append(ContextRule(before=words["before"], after=words["after"], window=window))
    return tuple(rules)


# -- line numbers ------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"']+(?: +[A-Za-z0-9_.\-\"']+)*)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_INLINE_KEY = re.compile(r"(?<![A-Za-z_])([A-Za-z_]+)\s*=")  # starts at a word's start only: linear


def _toml_lines(text: str) -> dict[tuple, int]:
    """Map key paths of a pack to the line they are written on (1-based).

    Paths look like ``("referents", 2, "labels", 0, "forms", "regime")``: table
    headers, keys, and each string inside an array value. Good enough for the
    layout packs use (one header per table, arrays possibly over several lines).
    """
    out: dict[tuple, int] = {}
    counters: dict[str, int] = {}
    path: tuple = ()
    lines = text.splitlines()
    key_path: tuple | None = None
    depth = 0
    for n, line in enumerate(lines, 1):
        if depth > 0 and key_path is not None:  # inside a multi-line array
            code = _strip_comment(line)
            for m in _STRING.finditer(code):
                out.setdefault(key_path + (_unquote(m.group()),), n)
            depth += _bracket_delta(code)
            if depth <= 0:
                key_path = None
            continue
        h = _HEADER.match(line)
        if h:
            name = h.group(2).replace(" ", "")
            if h.group(1) == "[[":
                if name == "referents":
                    counters["referents"] = counters.get("referents", -1) + 1
                    counters["labels"] = -1
                    path = ("referents", counters["referents"])
                elif name == "referents.labels":
                    counters["labels"] = counters.get("labels", -1) + 1
                    path = ("referents", counters.get("referents", 0), "labels", counters["labels"])
                else:
                    counters[name] = counters.get(name, -1) + 1
                    path = (name, counters[name])
            else:
                path = tuple(name.split("."))
            out.setdefault(path, n)
            continue
        k = _KEY.match(line)
        if k:
            key = k.group(1).strip('"')
            kp = path + (key,)
            out.setdefault(kp, n)
            rest = _strip_comment(line[k.end():])
            for m in _STRING.finditer(rest):
                out.setdefault(kp + (_unquote(m.group()),), n)
            # one level of inline table: exclude_context = {before = [...], window = 3}
            for m in _INLINE_KEY.finditer(_STRING.sub('""', rest)):
                out.setdefault(kp + (m.group(1),), n)
            depth = _bracket_delta(rest)
            key_path = kp if depth > 0 else None
    return out


def _strip_comment(code: str) -> str:
    out, q = [], None
    i = 0
    while i < len(code):
        c = code[i]
        if q:
            if c == "\\" and q == '"':
                out.append(code[i:i + 2])
                i += 2
                continue
            if c == q:
                q = None
        elif c in "\"'":
            q = c
        elif c == "#":
            break
        out.append(c)
        i += 1
    return "".join(out)


def _deepest_line(text: str) -> int | None:
    """The line where ``[`` / ``{`` nesting is deepest (a best guess: multi-line strings are not followed)."""
    depth, best, at = 0, 0, None
    for n, line in enumerate(text.splitlines(), 1):
        for c in _STRING.sub("", _strip_comment(line)):
            if c in "[{":
                depth += 1
                if depth > best:
                    best, at = depth, n
            elif c in "]}":
                depth -= 1
    return at


def _bracket_delta(code: str) -> int:
    code = _STRING.sub("", code)
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")


def _unquote(lit: str) -> str:
    if lit.startswith("'"):
        return lit[1:-1]
    try:
        return tomllib.loads("x = " + lit)["x"]
    except tomllib.TOMLDecodeError:
        return lit[1:-1]


def _line_of(lines: dict[tuple, int], loc: tuple) -> int | None:
    """The line of the most specific part of ``loc`` that was found."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        # a string element may sit under a numbered inline array: drop it and retry
        loc = loc[:-1]
    return None
