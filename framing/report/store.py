"""What the report keeps on disk while the analyses stream past: the analyses themselves
(for the article pages) and the rows of ``terms.csv`` and ``attributions.csv``."""

from __future__ import annotations

import csv
import json
import math
import os
import tempfile
from array import array
from pathlib import Path

import pandas as pd

from ..data import Analysis, analysis_from_record, analysis_record
from ..groups import group_column
from ..tables import ATTRIBUTION_COLUMNS, TERM_COLUMNS, attribution_values, group_value, term_values

__all__ = ["Spill", "HitTables", "csv_ready"]


class HitTables:
    """``terms.csv`` and ``attributions.csv``, written a row per hit as the analyses stream past.

    The report's charts need only counts per article (``tables(counts=True)``);
    the rows with texts and offsets go straight to disk, into temporary files
    beside their final names, which :meth:`finish` puts in place.
    """

    NAMES = ("terms.csv", "attributions.csv")

    def __init__(self, directory: Path, by: str):
        col = group_column(by)   # never a column of the hit tables themselves (label, kind, ...)
        extra = [col] if col not in ("id", "outlet", "date") else []
        self.by = by if extra else None
        self.paths = [Path(directory) / n for n in self.NAMES]
        self.parts = [p.with_name(p.name + ".partial") for p in self.paths]
        self.files = [open(p, "w", encoding="utf-8", newline="") for p in self.parts]
        self.terms, self.attrs = (csv.writer(f, lineterminator="\n") for f in self.files)
        self.terms.writerow(["id", "outlet", "date", *extra] + TERM_COLUMNS[3:])
        self.attrs.writerow(["id", "outlet", "date", *extra] + ATTRIBUTION_COLUMNS[3:])

    def add(self, an: Analysis) -> None:
        a = an.article
        key = [a.id, a.outlet, a.date] + ([group_value(a, self.by)] if self.by else [])
        for h in an.terms:
            self.terms.writerow(map(_csv_cell, (*key, *term_values(h))))
        for x in an.attributions:
            self.attrs.writerow(map(_csv_cell, (*key, *attribution_values(x))))

    def finish(self) -> None:
        for f, part, path in zip(self.files, self.parts, self.paths):
            f.close()
            os.replace(part, path)

    def close(self) -> None:
        """Drop what was not finished."""
        for f, part in zip(self.files, self.parts):
            f.close()
            part.unlink(missing_ok=True)


def _csv_cell(v):
    """A cell as pandas writes it (lists joined with ';', as :func:`csv_ready` does)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, (list, tuple)):
        return ";".join(map(str, v))
    return v


class Spill:
    """Analyses written to a temporary file as they stream past, read back one at a time.

    The report needs every article twice (the tables first, then its page) but
    never all of them at once; this keeps an offset per article in memory and
    the analyses on disk (JSON, :func:`framing.data.analysis_record`).
    """

    def __init__(self):
        self.fh = tempfile.TemporaryFile()
        self.offsets = array("q")

    def add(self, an: Analysis) -> None:
        self.offsets.append(self.fh.tell())
        rec = json.dumps(analysis_record(an), ensure_ascii=False, default=str)
        self.fh.write(rec.encode("utf-8", "surrogatepass") + b"\n")

    def __len__(self) -> int:
        return len(self.offsets)

    def __getitem__(self, i: int) -> Analysis:
        self.fh.seek(self.offsets[i])
        rec = self.fh.readline().decode("utf-8", "surrogatepass")
        return analysis_from_record(json.loads(rec))

    def close(self) -> None:
        self.fh.close()


def csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    """CSV cells cannot hold lists: join them with ';'."""
    df = df.copy()
    for c in df.columns:
        if df[c].dtype == object and df[c].map(lambda v: isinstance(v, (list, tuple))).any():
            df[c] = df[c].map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return df
