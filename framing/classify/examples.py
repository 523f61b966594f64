"""Labelled examples: records with a text and a label (or a list of labels), read from corpus files.

A label is a string, number or boolean (one class per record: *multi-class*),
or a list of strings (any number of classes per record: *multi-label*, e.g.
frames). Labels are compared as strings; booleans become ``"true"``/``"false"``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..corpus import Fields, read_corpus
from ..errors import FramingError

__all__ = ["Examples", "read_examples", "read_span_examples", "label_str"]


def label_str(v) -> str:
    """The string form of one label: booleans lower-case, numbers as written.

    >>> [label_str(v) for v in (True, 3, 2.0, "sana")]
    ['true', '3', '2', 'sana']
    """
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


@dataclass
class Examples:
    """Labelled texts read from files.

    Attributes:
        ids, texts: one per record.
        labels: a string per record (multi-class) or a list of strings (multi-label).
        multilabel: whether labels are lists.
        sha256: hash of the input files' bytes, in order (for the model card).
        skipped: records without a usable label (not counted in ``ids``).
        words: with ``word_field``, the marked words of each record (a list
            of strings, maybe empty), else ``None``.
    """

    ids: list[str]
    texts: list[str]
    labels: list
    multilabel: bool
    sha256: str = ""
    paths: list[str] = field(default_factory=list)
    skipped: int = 0
    words: list | None = None

    def counts(self) -> dict[str, int]:
        """Records per label (a multi-label record counts once for each of its labels)."""
        out: dict[str, int] = {}
        for lab in self.labels:
            for x in (lab if self.multilabel else [lab]):
                out[x] = out.get(x, 0) + 1
        return dict(sorted(out.items()))


_ARTICLE_FIELDS = ("id", "title", "outlet", "date", "url")


def read_examples(paths, *, text_field: str = "text", label_field: str = "label",
                  id_field: str = "id", labels: Sequence[str] | None = None,
                  word_field: str | None = None, on_error: Callable | None = None) -> Examples:
    """Read labelled records.

    Args:
        paths: corpus file(s) or folder(s).
        text_field, id_field: record fields holding the text and the id.
        label_field: the field holding the label (a scalar, or a list for
            multi-label data); may be ``outlet``, ``date`` or any other field.
        labels: keep only records whose label is one of these (multi-class),
            or keep only these labels (multi-label).
        word_field: a field holding, per record, the words annotators marked
            (a list of strings; missing means none), read into
            ``Examples.words`` for :class:`~framing.classify.features.MarkedWordClassifier`.
        on_error: called with each unreadable record (see :func:`framing.read_corpus`).

    Raises:
        FramingError: when no record has a label, or scalar and list labels are mixed.
    """

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    fields = Fields(id=id_field, text=text_field)
    keep = {label_str(x) for x in labels} if labels else None
    ids, texts, labs, words = [], [], [], []
    kinds = set()
    skipped = 0
    for a in read_corpus(paths, fields=fields, on_error=on_error):
        v = getattr(a, label_field) if label_field in _ARTICLE_FIELDS else (a.meta or {}).get(label_field)
        if v is None or (isinstance(v, str) and not v.strip()) or \
                (isinstance(v, float) and np.isnan(v)):
            skipped += 1
            continue
        if isinstance(v, (list, tuple)):
            kinds.add("list")
            v = sorted({label_str(x) for x in v})
            if keep is not None:
                v = [x for x in v if x in keep]
        else:
            kinds.add("scalar")
            v = label_str(v)
            if keep is not None and v not in keep:
                continue
        ids.append(str(a.id))
        texts.append(a.text)
        labs.append(v)
        if word_field:
            words.append(_word_list((a.meta or {}).get(word_field), word_field, a.id))
    if len(kinds) > 1:
        raise FramingError(f"label field {label_field!r} holds lists in some records and single "
                           "values in others; use one or the other")
    if not ids:
        raise FramingError(f"no record in {', '.join(map(str, paths))} has a label in field "
                           f"{label_field!r}" + (f" among {sorted(keep)}" if keep else ""))
    h = hashlib.sha256()
    for p in paths:
        p = Path(p)
        for f in (sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]):
            h.update(f.read_bytes())
    return Examples(ids, texts, labs, multilabel=kinds == {"list"}, sha256=h.hexdigest(),
                    paths=[str(p) for p in paths], skipped=skipped,
                    words=words if word_field else None)


def _word_list(v, field: str, record_id) -> list[str]:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return list(v)
    raise FramingError(f"record {record_id}: field {field!r} should hold a list of words, "
                       f"got {v!r}")


def read_span_examples(labels_path, corpus, *, fields=None) -> Examples:
    """Labelled stretches of corpus articles: a JSONL of ``{id, start, end, label}``.

    Labels are shipped this way (offsets into a corpus the user has, never the
    text). Each line's span must lie inside its article.

    Raises:
        FramingError: naming the labels file, the line and the problem.
    """

    arts = {a.id: a for a in read_corpus(corpus, fields=fields)}
    ids, texts, labs = [], [], []
    for n, line in enumerate(Path(labels_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            if not isinstance(r, dict):
                raise FramingError(f"{labels_path}:{n}: expected a JSON object, not {type(r).__name__}")
            a = arts[str(r["id"])]
            s, e = int(r["start"]), int(r["end"])
            lab = r["label"]
        except (TypeError, ValueError) as err:
            if isinstance(err, json.JSONDecodeError):
                raise FramingError(f"{labels_path}:{n}: not JSON ({err})") from err
            raise FramingError(f"{labels_path}:{n}: start and end must be whole numbers ({err})") from None
        except json.JSONDecodeError as err:
            raise FramingError(f"{labels_path}:{n}: not JSON ({err})") from err
        except RecursionError:
            raise FramingError(f"{labels_path}:{n}: not readable: JSON nested too deeply") from None
        except KeyError as err:
            raise FramingError(f"{labels_path}:{n}: missing {err} (field, or no such article "
                               f"in {corpus})") from err
        if not 0 <= s < e <= len(a.text):
            raise FramingError(f"{labels_path}:{n}: span {s}-{e} outside article {a.id!r} "
                               f"({len(a.text)} characters)")
        ids.append(f"{a.id}:{s}-{e}")
        texts.append(a.text[s:e])
        labs.append(sorted(map(label_str, lab)) if isinstance(lab, list) else label_str(lab))
    return Examples(ids, texts, labs, multilabel=bool(labs) and isinstance(labs[0], list),
                    paths=[str(labels_path)])

