"""Records (a mapping of field: value) into :class:`~framing.data.Article`, shared by every reader."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from itertools import islice

from ..data import Article
from ..errors import CorpusError, ReadWarning


@dataclass(frozen=True)
class Fields:
    """Names of the record fields that hold each piece of an article.

    >>> Fields(outlet="publisher").outlet
    'publisher'
    """

    id: str = "id"
    text: str = "text"
    title: str = "title"
    outlet: str = "outlet"
    date: str = "date"
    url: str = "url"


TEXT_FIELD_HINT = ("name the text field: --text-field NAME on the command line, "
                   "text_field=NAME in Python, or text in a framing.toml [fields] table")
"""How to name the field that holds the text, said where it is missing (every reader)."""

_SURROGATE = re.compile(r"[\ud800-\udfff]")


MAX_FIELDS = 1000
"""Most fields a record keeps in ``Article.meta`` besides its article fields."""


def _str(v) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def article(rec: dict, fields: Fields, default_id: str, origin: str, path, line,
            on_warning) -> Article:
    """The article of one record; its fields are looked up by the names in ``fields``, the rest go to ``meta``."""
    text = rec.get(fields.text)
    if text is None:
        raise CorpusError(path, line, f"no {fields.text!r} field (fields present: "
                                      f"{', '.join(map(str, rec)) or 'none'}); {TEXT_FIELD_HINT}")
    if not isinstance(text, str):
        raise CorpusError(path, line, f"field {fields.text!r} must be a string, not {type(text).__name__}")
    known = {fields.id, fields.text, fields.title, fields.outlet, fields.date, fields.url}
    rid = rec.get(fields.id)
    values = {
        "id": _str(rid) if rid not in (None, "") else default_id,
        "text": text,
        "title": _str(rec.get(fields.title)) or None,
        "outlet": _str(rec.get(fields.outlet)) or None,
        "date": _str(rec.get(fields.date)) or None,
        "url": _str(rec.get(fields.url)) or None,
    }
    for k, v in values.items():
        # JSON escapes can encode half a surrogate pair, which no output encoding accepts;
        # one replacement character for one code point keeps every offset
        if v is not None and _SURROGATE.search(v):
            n = len(_SURROGATE.findall(v))
            values[k] = _SURROGATE.sub("\ufffd", v)
            on_warning(ReadWarning(path, line, f"field {getattr(fields, k)!r}: {n} unpaired surrogate(s) "
                                               "replaced by U+FFFD (offsets unchanged)"))
    meta = {k: v for k, v in rec.items() if k not in known}
    if len(meta) > MAX_FIELDS:  # a record a million columns wide costs no more than its text
        on_warning(ReadWarning(path, line, f"{len(meta):,} fields besides the article's; only the first "
                                           f"{MAX_FIELDS:,} are kept (framing.corpus.MAX_FIELDS)"))
        meta = dict(islice(meta.items(), MAX_FIELDS))
    return Article(**values, origin=origin, meta=meta)


def value_problem(e: ValueError) -> str:
    if "integer string conversion" in str(e):
        return f"a number with more than {sys.get_int_max_str_digits():,} digits"
    return str(e)
