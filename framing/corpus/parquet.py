"""``.parquet`` files: one article per row, columns named like JSONL fields, streamed by record batch.

Needs pyarrow (the ``parquet`` extra). Rows are numbered from 1 in file
order; a row's number stands where other readers give a line (``path:row``
in messages, ``stem:row`` as the default id). Values that are not text
(dates, numbers) are turned into text for ``id``, ``title``, ``outlet``,
``date`` and ``url``, and kept as they are in ``meta``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..data import Article
from ..errors import CorpusError
from .records import TEXT_FIELD_HINT, Fields, article

__all__ = ["read_parquet", "PARQUET_EXTRA"]

PARQUET_EXTRA = "pip install 'framing[parquet]'"
_BATCH = 1024


def read_parquet(path: Path, fields: Fields, on_error, on_warning) -> Iterator[Article]:
    """Stream the rows of a Parquet file as articles (a bad row is reported and skipped)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError(path, None, f"reading Parquet needs the 'parquet' extra: {PARQUET_EXTRA}") from None
    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, ValueError) as e:
        raise CorpusError(path, None, f"not a readable Parquet file ({str(e).splitlines()[0]})") from None
    names = pf.schema_arrow.names
    if fields.text not in names:
        raise CorpusError(path, None, f"no {fields.text!r} column (columns: {', '.join(names)}); "
                                      f"{TEXT_FIELD_HINT}")
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=_BATCH):
            for rec in batch.to_pylist():
                n += 1
                try:
                    yield article(rec, fields, default_id=f"{path.stem}:{n}", origin=f"{path}:{n}",
                                  path=path, line=n, on_warning=on_warning)
                except CorpusError as e:
                    on_error(e)
    except (pa.ArrowException, ValueError, OSError) as e:
        raise CorpusError(path, n + 1, f"cannot read the rest of the file ({str(e).splitlines()[0]})") from None
