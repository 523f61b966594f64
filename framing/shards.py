"""Parquet shards of the per-article records: ``framing analyze --format parquet -o DIR``.

The same record as a line of ``--format jsonl`` (:meth:`framing.data.Analysis.to_dict`,
plus ``score_<class>`` columns with ``--model``), written to ``DIR/part-00000.parquet``,
``part-00001.parquet``, ... with a fixed, typed schema: terms and attributions are lists
of structs, ``leans`` and ``voice_share`` are maps. Each shard is written to a
``.partial`` file and renamed when complete, so a shard on disk is always whole;
an interrupted run (Ctrl-C writes the records it holds as a last, smaller shard)
continues with ``--resume``. Read them back with ``pandas.read_parquet(DIR)``.

Needs pyarrow: ``pip install "framing[parquet]"``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import FramingError

DEFAULT_SHARD_SIZE = 1000
"""Records per shard: at most this many are redone after a hard crash (kill -9)."""

_PART = re.compile(r"part-(\d{5,})\.parquet")


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise FramingError('--format parquet needs pyarrow: pip install "framing[parquet]"') from None
    return pa, pq


def schema(score_columns=(), *, loaded: bool = False):
    """The pyarrow schema of a shard (``score_columns``: the ``score_<class>`` names of a model;
    ``loaded``: the records carry the loaded-language tagger's fields, ``--loaded``)."""
    pa, _ = _pa()
    s, i, f = pa.string(), pa.int64(), pa.float64()
    span = pa.struct([("text", s), ("start", i), ("end", i)])
    return pa.schema([
        ("id", s), ("outlet", s), ("title", s), ("date", s), ("url", s), ("n_words", i),
        ("lexicons", pa.list_(s)), ("lean", f), ("leans", pa.map_(s, f)),
        ("rates", pa.struct([("terms_per_1k", f), ("loaded_per_1k", f)])),
        ("label_counts", pa.list_(pa.struct([("lexicon", s), ("referent", s), ("label", s),
                                              ("count", i)]))),
        ("voice_share", pa.map_(s, f)), ("polarity", f), ("subjectivity", f),
        ("terms", pa.list_(pa.struct([
            ("text", s), ("start", i), ("end", i), ("lexicon", s), ("referent", s),
            ("label", s), ("connotation", i), ("echoes", s), ("voice", s)]))),
        ("attributions", pa.list_(pa.struct([
            ("kind", s),
            ("source", pa.struct([("text", s), ("start", i), ("end", i), ("type", s),
                                  ("side", s), ("named", pa.bool_()), ("resolved", span)])),
            ("cue", pa.struct([("text", s), ("start", i), ("end", i), ("stance", s)])),
            ("cue_class", s), ("content", span), ("parts", pa.list_(span))]))),
        ("boilerplate", pa.list_(pa.list_(i))), ("notes", pa.list_(s)),
        *(() if not loaded else (
            ("n_narrator_words", i), ("tagged_per_1k_narrator", f),
            ("loaded", pa.list_(pa.struct([("kind", s), ("text", s), ("start", i), ("end", i),
                                           ("score", f), ("voice", s)]))))),
        *((c, f) for c in score_columns),
    ])


def _shards(directory: Path) -> list[Path]:
    return sorted((p for p in directory.iterdir() if _PART.fullmatch(p.name)),
                  key=lambda p: int(_PART.fullmatch(p.name).group(1)))


class ShardWriter:
    """Write records to numbered Parquet shards of ``shard_size`` records each.

    Args:
        directory: created if missing. Without ``resume``, shards of an earlier run
            there are removed first.
        shard_size: records per shard.
        resume: keep the shards already there and number the new ones after them.
    """

    def __init__(self, directory, shard_size: int = DEFAULT_SHARD_SIZE, *, resume: bool = False):
        self.pa, self.pq = _pa()
        if shard_size < 1:
            raise FramingError(f"--shard-size must be 1 or more, not {shard_size}")
        self.dir = Path(directory)
        if self.dir.exists() and not self.dir.is_dir():
            raise FramingError(f"{self.dir}: --format parquet writes a folder of shards; "
                               "this is a file")
        self.dir.mkdir(parents=True, exist_ok=True)
        for p in self.dir.glob("part-*.parquet.partial"):
            p.unlink()
        done = _shards(self.dir)
        if not resume:
            for p in done:
                p.unlink()
            done = []
        self.next = int(_PART.fullmatch(done[-1].name).group(1)) + 1 if done else 0
        self.size = shard_size
        self.rows: list[dict] = []
        self.schema = None

    def write(self, rec: dict) -> None:
        self.rows.append(rec)
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write the records held as one shard (nothing when there are none)."""
        if not self.rows:
            return
        if self.schema is None:
            self.schema = schema([k for k in self.rows[0] if k.startswith("score_")],
                                 loaded="loaded" in self.rows[0])
        table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
        path = self.dir / f"part-{self.next:05d}.parquet"
        part = path.with_name(path.name + ".partial")
        self.pq.write_table(table, part)
        os.replace(part, path)
        self.next += 1
        self.rows = []

    def close(self) -> None:
        self.flush()


def resume_point(directory) -> tuple[int, str] | None:
    """Records in the complete shards of ``directory``, and the id of the last one; the
    ids of all of them are in the ``ids`` attribute of the result.

    Every shard is read whole (not only its footer), so a shard damaged in the middle
    is found before the run continues.

    Raises:
        FramingError: a shard that cannot be read, naming it.
    """
    _, pq = _pa()
    d = Path(directory)
    if not d.is_dir():
        return None
    ids: list = []
    for p in _shards(d):
        try:
            ids += pq.read_table(p).column("id").to_pylist()
        except Exception as e:  # noqa: BLE001 - pyarrow raises several kinds for a broken file
            why = " ".join(str(e).split())   # pyarrow's messages may run over several lines
            raise FramingError(f"{p}: cannot resume: not a readable Parquet shard ({why})") from None
    return Written(ids) if ids else None


class Written(tuple):
    """``(number of records, id of the last)`` of an output to continue, with every id in
    ``ids`` (for :func:`framing.writers.skip_written`)."""

    ids: list

    def __new__(cls, ids: list):
        t = super().__new__(cls, (len(ids), ids[-1]))
        t.ids = ids
        return t
