"""What to group articles by: a field, a date bucket, or a mapping file (outlet -> camp).

A mapping file is a CSV whose header names the field to map and the new
group column, one mapping per row::

    outlet,camp
    sana,pro-government
    etilaf,opposition
    # a comment line, and blank lines, are skipped

Matching is exact after stripping spaces and ignoring case. Values not in the
file fall in the group ``"(none)"``. A bad row (too few cells, an empty
value, a value mapped twice to different groups) is reported with its line
number; all bad rows are reported at once and nothing is grouped until the
file is fixed.
"""

from __future__ import annotations

import csv
import io
import datetime as _dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, NamedTuple

import numpy as np
import pandas as pd

from .errors import FramingError

__all__ = ["GroupMap", "GroupsError", "read_groups", "date_bucket", "EVERY", "NONE_GROUP",
           "group_key", "Grouping", "grouping", "with_group_columns", "group_labels",
           "group_column", "source_column", "check_field", "RESERVED_COLUMNS"]

NONE_GROUP = "(none)"
"""Group value used when an article has no value (or an unmapped one) for the grouping."""

EVERY = ("week", "month")
"""The date buckets: ``week`` (labelled by its Monday, ``YYYY-MM-DD``) and ``month`` (``YYYY-MM``)."""


ARTICLE_KEYS = ("id", "outlet", "title", "date", "url", "origin")
"""Article fields that hold the same value in every table that has them, so a table's own
column of that name is the group column too."""

RESERVED_COLUMNS = frozenset({
    # the tidy tables (framing.tables)
    "text", "n_words", "lean", "polarity", "subjectivity", "n_terms", "n_attributions", "axis",
    "lean_num", "lean_den", "n_loaded", "n_loaded_narrator", "n_loaded_direct",
    "n_loaded_indirect", "n_named", "n_evaluative", "start", "end", "lexicon", "referent",
    "label", "connotation", "echoes", "voice", "kind", "source_text", "source_start",
    "source_end", "source_type", "source_side", "named", "cue_text", "cue_start", "cue_end",
    "stance", "content_text", "content_start", "content_end", "count", "cue_class",
    "n_tagged", "n_tagged_narrator", "n_narrator_words",
    # the group measures (framing.compare)
    "n_articles", "n_no_lean", "terms_per_1k", "loaded_per_1k", "loaded_narrator_share",
    "loaded_direct_share", "loaded_indirect_share", "named_share", "evaluative_cue_share",
    "warning", "article_ids", "share", "lo", "hi", "side", "source", "week", "month",
    "tagged_per_1k_narrator",
    # the dictionary categories (framing.categories)
    "category", "hits", "rate_per_1k", "rate_per_1k_lo", "rate_per_1k_hi",
})
"""Column names the tables and group measures use for themselves (with the bootstrap bounds
``<name>_lo``/``<name>_hi`` of each, and the prefixes :data:`RESERVED_PREFIXES`)."""

RESERVED_PREFIXES = ("n_voice_", "voice_", "score_")


def _reserved(name: str) -> bool:
    base = name[:-3] if name.endswith(("_lo", "_hi")) else name
    return name in RESERVED_COLUMNS or base in RESERVED_COLUMNS or name.startswith(RESERVED_PREFIXES)


def group_column(name: str, taken=()) -> str:
    """The column that holds the groups of the field ``name`` in the tables and measures.

    ``name`` itself, unless a table or measure uses that name for a column of its own
    (``label``, ``source``, ``side``, ``count``, ...; see :data:`RESERVED_COLUMNS`) or it is in
    ``taken``: then ``<name>_group``, so that a corpus field of any name can be a group.

    >>> group_column("outlet"), group_column("source"), group_column("label")
    ('outlet', 'source_group', 'label_group')
    """
    name = str(name)
    if name in ARTICLE_KEYS and name not in taken:
        return name
    for col in (name, f"{name}_group", f"group_{name}", f"group_{name}_group"):
        if not _reserved(col) and col not in taken:
            return col
    i = 2
    while f"group_{name}_{i}" in taken:
        i += 1
    return f"group_{name}_{i}"


class GroupsError(FramingError):
    """A mapping file is missing or has bad rows; the message lists each as ``path:line: problem``."""

    def __init__(self, path, problems: list[tuple[int | None, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}:{ln}: {p}" if ln else f"{self.path}: {p}" for ln, p in problems]
        head = f"{len(problems)} bad row{'s' if len(problems) != 1 else ''} in group file" \
            if len(problems) > 1 else "bad group file"
        super().__init__(head + "\n  " + "\n  ".join(lines) if len(lines) > 1 else lines[0])


@dataclass(frozen=True)
class GroupMap:
    """A mapping from the values of one field to groups.

    Args:
        field: the article field whose values are mapped (e.g. ``outlet``).
        name: the name of the new group column (e.g. ``camp``).
        mapping: ``{value: group}``; keys are matched stripped and case-folded.
        path: the file it was read from, if any.
    """

    field: str
    name: str
    mapping: Mapping[str, str]
    path: str | None = None
    _folded: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        self._folded.update({_fold(k): v for k, v in self.mapping.items()})

    def group_of(self, value) -> str | None:
        """The group of a field value, or ``None`` when it is not mapped.

        >>> GroupMap("outlet", "camp", {"SANA": "gov"}).group_of(" sana ")
        'gov'
        """
        if value is None or (isinstance(value, float) and value != value):
            return None
        return self._folded.get(_fold(value))


def _fold(v) -> str:
    return str(v).strip().casefold()


def read_groups(path) -> GroupMap:
    """Read a mapping file (see the module docstring).

    Raises:
        GroupsError: the file is missing, has no usable header, or has bad rows
            (each named with its line number).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "camps.csv")
    >>> _ = open(p, "w").write("outlet,camp\\nsana,gov\\n\\netilaf,opp\\n")
    >>> g = read_groups(p)
    >>> g.field, g.name, dict(g.mapping)
    ('outlet', 'camp', {'sana': 'gov', 'etilaf': 'opp'})
    """
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise GroupsError(path, [(None, "no such file")]) from None
    except UnicodeDecodeError as e:
        raise GroupsError(path, [(None, f"not UTF-8 ({e.reason} at byte {e.start})")]) from None
    except OSError as e:
        raise GroupsError(path, [(None, e.strerror or str(e))]) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = None
    problems: list[tuple[int | None, str]] = []
    mapping: dict[str, str] = {}              # value as first written -> group
    seen: dict[str, tuple[str, int]] = {}     # folded value -> (as first written, line)
    for row in rows:
        ln = rows.line_num
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if header is None:
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise GroupsError(path, [(ln, "the header must name the field to map and the "
                                              f"group column, e.g. 'outlet,camp'; got {row!r}")])
            header = cells[:2]
            continue
        if len(cells) < 2:
            problems.append((ln, f"expected 2 cells ({header[0]},{header[1]}), got {len(cells)}"))
            continue
        key, grp = cells[0], cells[1]
        if not key or not grp:
            problems.append((ln, f"empty {header[0] if not key else header[1]}"))
            continue
        k = _fold(key)
        if k in seen:
            first, first_ln = seen[k]
            if _fold(mapping[first]) != _fold(grp):
                problems.append((ln, f"{key!r} is already mapped to {mapping[first]!r} on line "
                                     f"{first_ln}; here to {grp!r}"))
            continue
        seen[k] = (key, ln)
        mapping[key] = grp
    if header is None:
        raise GroupsError(path, [(None, "empty file: expected a header such as 'outlet,camp'")])
    if problems:
        raise GroupsError(path, problems)
    return GroupMap(header[0], header[1], mapping, str(path))


def date_bucket(dates, every: str) -> pd.Series:
    """The week or month of each date, as a sortable string; ``"(none)"`` when unreadable.

    Weeks are labelled by their Monday (``YYYY-MM-DD``), months as ``YYYY-MM``.

    >>> date_bucket(["2017-04-16", "2017-04-17", "16 April 2017", None, "soon"], "week").tolist()
    ['2017-04-10', '2017-04-17', '2017-04-10', '(none)', '(none)']
    >>> date_bucket(["2017-04-16"], "month").tolist()
    ['2017-04']
    """
    if every not in EVERY:
        raise FramingError(f"every: {every!r} is not a date bucket; use one of {', '.join(EVERY)}")
    s = pd.Series(list(dates), dtype=object)
    d = pd.to_datetime(s.where(s.map(lambda v: isinstance(v, str) and bool(v.strip())), None),
                       errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    if every == "month":
        out = d.dt.strftime("%Y-%m")
    else:
        out = (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    return out.where(d.notna(), NONE_GROUP).astype(object)


def group_key(v):
    """The group an article falls in for a grouping value: ``"(none)"`` when missing.

    A date or datetime is its ISO text (front matter may mix the two, which cannot be sorted).

    >>> [group_key(v) for v in ("sana", None, "  ", float("nan"), False)]
    ['sana', '(none)', '(none)', '(none)', False]
    """
    if v is None or (isinstance(v, float) and math.isnan(v)) \
            or (isinstance(v, str) and not v.strip()):
        return NONE_GROUP
    if isinstance(v, _dt.date):  # a date and a datetime (front matter) cannot be sorted together
        return v.isoformat(sep=" ") if isinstance(v, _dt.datetime) else v.isoformat()
    return v


def hashable_group(v):
    """:func:`group_key`, and a list (``"camp": ["a", "b"]`` in a record) as one group, its
    items joined with ``;`` as in CSV cells (a table: its JSON text), for the places that
    need a group to be a dictionary key (the report's pages and charts).

    >>> hashable_group(["a", "b"]), hashable_group([])
    ('a;b', '(none)')
    """
    v = group_key(v)
    if isinstance(v, (list, tuple)):
        return ";".join(map(str, v)) if v else NONE_GROUP
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
    return v


class Grouping(NamedTuple):
    """How articles are grouped: see :func:`grouping`."""

    field: str
    """The article field the tables must carry (``by``, or the field a mapping maps)."""
    keys: list[str]
    """The group columns of the output: the group (its name from :func:`group_column`), then
    the date bucket if any."""
    groups: GroupMap | None
    every: str | None


def check_field(by) -> str:
    """``by`` if it can name a field to group by (a non-empty string), else a :class:`FramingError`.

    >>> check_field("outlet")
    'outlet'
    """
    if not isinstance(by, str) or not by.strip():
        raise FramingError(f"by: the field to group by must be a name, got {by!r}")
    return by


def grouping(by: str = "outlet", every: str | None = None, groups=None) -> Grouping:
    """Resolve the grouping options shared by every group table.

    Args:
        by: the article field to group by (any :class:`~framing.data.Article`
            field or ``Article.meta`` key).
        every: ``"week"`` or ``"month"``: also split each group by date bucket
            (see :func:`date_bucket`).
        groups: a mapping file (path; see the module docstring), a
            :class:`GroupMap`, or a dict ``{value of by: group}`` (the group
            column is then called ``group``). Values not mapped fall in
            ``"(none)"``.

    >>> grouping("outlet", "month", {"sana": "gov"}).keys
    ['group', 'month']
    >>> grouping("source").keys
    ['source_group']
    """
    check_field(by)
    if every is not None and every not in EVERY:
        raise FramingError(f"every: {every!r} is not a date bucket; use one of {', '.join(EVERY)}")
    gmap = None
    if groups is not None:
        if isinstance(groups, GroupMap):
            gmap = groups
        elif isinstance(groups, Mapping):
            gmap = GroupMap(by, "group", {str(k): str(v) for k, v in groups.items()})
        else:
            gmap = read_groups(groups)
        field_, key = gmap.field, gmap.name
    else:
        field_ = key = by
    key = group_column(key, {every} if every else ())
    return Grouping(field_, [key] + ([every] if every else []), gmap, every)


def source_column(df: pd.DataFrame, field_: str) -> str | None:
    """The column of ``df`` that holds the values of the article field ``field_``: the group
    column the tables add (:func:`group_column`), else a column of that name; ``None`` if neither."""
    col = group_column(field_)
    if col in df.columns:
        return col
    return field_ if field_ in df.columns else None


def with_group_columns(df: pd.DataFrame, g: Grouping) -> pd.DataFrame:
    """A copy of a tidy table with the group columns of ``g`` (the mapped group, the date bucket).

    Missing values of the grouping field become ``"(none)"``; with a mapping,
    the values it does not map are listed in ``attrs["unmapped"]``.
    """
    src = source_column(df, g.field)
    if src is None:
        raise FramingError(
            f"cannot group by {g.field!r}: no such column; available: "
            f"{', '.join(map(str, df.columns))}")
    df = df.copy(deep=False)   # copy on write: the columns replaced below are new
    if g.groups is not None:
        vals = df[src]
        mapped = [g.groups.group_of(v) for v in vals]
        df[g.keys[0]] = pd.Series([m if m is not None else NONE_GROUP for m in mapped],
                                  index=df.index, dtype=object)
        df.attrs["unmapped"] = sorted({str(v) for v, m in zip(vals, mapped)
                                       if m is None and group_key(v) != NONE_GROUP})
    else:
        df[g.keys[0]] = df[src].map(group_key)
    if g.every:
        df[g.every] = date_bucket(df["date"], g.every).to_numpy() if len(df) else \
            pd.Series([], dtype=object)
    return df


def group_labels(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One string label per row for its group (the bootstrap streams are seeded by it).

    >>> group_labels(pd.DataFrame({"outlet": ["a", "b"], "month": ["2017-01", "2017-02"]}),
    ...              ["outlet", "month"]).tolist()
    ['a | 2017-01', 'b | 2017-02']
    """
    if not len(df):
        return np.array([], dtype=object)
    coded = [_label_codes(df[c], mapped=len(keys) == 1) for c in keys]
    if any(x is None for x in coded):   # values that compare equal but print apart (1, 1.0, True)
        if len(keys) == 1:
            return df[keys[0]].map(str).to_numpy(dtype=object)
        return np.array([" | ".join(map(str, k)) for k in zip(*(df[c] for c in keys))], dtype=object)
    # each distinct combination is spelled out once; the rows share its string
    combined = np.zeros(len(df), dtype=np.int64)
    for codes, labels in coded:
        combined, _ = pd.factorize(combined * len(labels) + codes)
    first = np.full(combined.max() + 1, len(df), dtype=np.int64)
    np.minimum.at(first, combined, np.arange(len(df)))
    spelled = np.empty(len(first), dtype=object)
    spelled[:] = [" | ".join(labels[codes[r]] for codes, labels in coded) for r in first.tolist()]
    return spelled[combined]


def _label_codes(col: pd.Series, *, mapped: bool) -> tuple[np.ndarray, list[str]] | None:
    """A code per row and the string of each code, as ``col.map(str)`` (``mapped``) or
    ``str(v)`` of each value spells them; ``None`` when values that are equal may print apart."""
    codes, uniq = pd.factorize(col)               # a missing value: -1, spelled row by row
    labels = list(np.asarray(uniq, dtype=object))
    if not all(type(v) is str for v in labels):
        return None
    codes = codes.astype(np.int64, copy=False)
    na = codes < 0
    if na.any():
        rest = col[na].map(str) if mapped else pd.Series([str(v) for v in col[na]], dtype=object)
        na_codes, na_labels = pd.factorize(rest.to_numpy(dtype=object))
        codes[na] = len(labels) + na_codes
        labels += list(na_labels)
    return codes, labels
