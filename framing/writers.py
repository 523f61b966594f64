"""Write analyses and tables as JSON lines, JSON, CSV, a text table or Parquet shards.

What the command line prints, as library functions:

- :func:`write_analyses`: the per-article records of ``framing analyze``
  (:meth:`~framing.data.Analysis.to_dict`), streamed as JSON lines or a JSON
  array, into Parquet shards (:mod:`framing.shards`), or as one summary row
  per article (CSV or a text table);
- :func:`write_frame`: any table as a text table, CSV, JSON (a list of
  objects) or JSON lines;
- :func:`metrics_text`: a classifier's metrics;
- :func:`resume_point` and :func:`skip_written`: continue an interrupted run.

``out=None`` writes to standard output. pandas is imported only by the
functions that build a table.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: no lock
    fcntl = None

from .data import Analysis, Article
from .errors import FramingError, printable
from . import shards
from .shards import DEFAULT_SHARD_SIZE, ShardWriter, Written

__all__ = ["FRAME_FORMATS", "METRICS_FORMATS", "ANALYSIS_FORMATS", "SUFFIX_FORMATS",
           "SUMMARY_COLUMNS", "write_text", "table_text", "write_frame", "with_intervals",
           "joined_lists", "analysis_records", "check_analysis_output", "write_analyses",
           "resume_point", "jsonl_resume_point", "skip_written", "metrics_text", "output_lock",
           "check_run_options"]

FRAME_FORMATS = ("table", "csv", "json", "jsonl")
"""How a table can be written (:func:`write_frame`)."""
METRICS_FORMATS = ("table", "csv", "json")
"""How a classifier's metrics can be written (:func:`metrics_text`)."""
ANALYSIS_FORMATS = ("json", "jsonl", "parquet", "csv", "table")
"""How analyses can be written (:func:`write_analyses`)."""
SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
"""The format an output file's suffix names."""

SUMMARY_COLUMNS = ("id", "outlet", "date", "n_words", "lean", "n_terms", "n_loaded", "n_tagged",
                   "n_attributions", "polarity", "subjectivity")
"""The columns of the per-article text table (CSV keeps every column of the article table);
``n_tagged`` (the loaded-language tagger's hits) only when it ran."""


def write_text(text: str, out: str | None = None) -> None:
    """Write ``text`` to the file ``out`` (making its folder), or to standard output."""
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def table_text(df) -> str:
    """A DataFrame as a text table: no index, three decimals, ``-`` for missing values."""
    if df.empty:
        return "(no rows)"
    return df.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="-")


def write_frame(df, fmt: str = "table", out: str | None = None) -> None:
    """Write a DataFrame as ``table``, ``csv``, ``json`` (a list of objects) or ``jsonl``."""
    if fmt == "csv":
        write_text(df.to_csv(index=False), out)
    elif fmt in ("json", "jsonl"):
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        if fmt == "json":
            write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", out)
        else:
            write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), out)
    else:
        write_text(table_text(df) + "\n", out)


def with_intervals(df, width: int = 70):
    """For a text table: ``value [lo, hi]`` in one column, id lists dropped, long text cut.

    A column ``x`` with ``x_lo`` and ``x_hi`` beside it (or ``share`` with ``lo``
    and ``hi``) becomes one column of strings.
    """
    out = df.copy()

    def fmt(v, lo, hi):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "-"
        if lo is None or (isinstance(lo, float) and math.isnan(lo)):
            return f"{v:.3f}"
        return f"{v:.3f} [{lo:.3f}, {hi:.3f}]"

    for c in list(out.columns):
        lo_c, hi_c = (f"{c}_lo", f"{c}_hi") if f"{c}_lo" in out.columns else \
            ("lo", "hi") if c == "share" and "lo" in out.columns else (None, None)
        if lo_c and hi_c in out.columns:
            out[c] = [fmt(v, lo, hi) for v, lo, hi in zip(out[c], out[lo_c], out[hi_c])]
            out = out.drop(columns=[lo_c, hi_c])
    for c in ("article_ids", "events"):
        if c in out.columns:
            out = out.drop(columns=c)
    for c in out.columns:
        out[c] = out[c].map(
            lambda v: v[:width - 1] + "…" if isinstance(v, str) and len(v) > width else v)
    return out


def joined_lists(df):
    """For CSV, whose cells cannot hold lists: list cells joined with ``;``."""
    df = df.copy()
    for c in df.columns:
        if df[c].map(lambda v: isinstance(v, list)).any():
            df[c] = df[c].map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
    return df


# -- analyses ----------------------------------------------------------------------

def analysis_records(analyses: Iterable[Analysis], *, scores: bool = False) -> Iterator[dict]:
    """The per-article records (:meth:`~framing.data.Analysis.to_dict`), with the
    ``score_<class>`` fields of a classifier (:func:`framing.classify.with_scores`)
    when ``scores``."""
    if scores:
        from .classify import article_scores
    for a in analyses:
        rec = a.to_dict()
        if scores:
            rec.update(article_scores(a))
        yield rec


def check_analysis_output(fmt: str, out: str | None, *, append: bool = False) -> None:
    """Raise before any work when analyses cannot be written as asked.

    Raises:
        FramingError: ``parquet`` without a folder, or ``append`` to anything but a
            JSON-lines file or a Parquet folder.
    """
    if fmt == "parquet" and not out:
        raise FramingError("--format parquet needs -o DIR (the folder for the shards)")
    if append and (fmt not in ("jsonl", "parquet") or not out):
        raise FramingError("--resume needs --format jsonl or parquet and -o FILE "
                           "(the output of the run to continue)")


def write_analyses(analyses: Iterable[Analysis], fmt: str = "jsonl", out: str | None = None, *,
                   append: bool = False, shard_size: int = DEFAULT_SHARD_SIZE,
                   scores: bool = False) -> None:
    """Write analyses as they stream by, holding none of them longer than needed.

    Args:
        analyses: the analyses, in the order to write them.
        fmt: ``jsonl`` (one record per line, each flushed as soon as it is
            written), ``json`` (an array of the same records), ``parquet``
            (shards of ``shard_size`` records in the folder ``out``, see
            :mod:`framing.shards`), ``csv`` (every column of the article
            table) or ``table`` (its :data:`SUMMARY_COLUMNS` and scores).
        out: the file (the folder for ``parquet``); ``None``: standard output.
        append: continue a run: add to the JSON lines or shards already in ``out``.
        scores: add the classifier scores of the articles (``score_<class>``).

    Raises:
        FramingError: see :func:`check_analysis_output`.
    """
    check_analysis_output(fmt, out, append=append)
    if fmt == "parquet":
        # whole shards only on disk; Ctrl-C or an error writes the records held as a last shard
        writer = ShardWriter(out, shard_size, resume=append)
        try:
            for rec in analysis_records(analyses, scores=scores):
                writer.write(rec)
        finally:
            writer.close()
    elif fmt in ("json", "jsonl"):
        _write_json_records(analysis_records(analyses, scores=scores), fmt, out, append)
    else:
        from .compare import tables

        df = tables(analyses, keep=("articles",)).articles   # a row per article, no analysis kept
        if fmt == "table":  # the terminal gets the summary; csv keeps every column
            df = df[[c for c in SUMMARY_COLUMNS if c in df.columns]
                    + [c for c in df.columns if c.startswith("score_")]]
        write_frame(df, fmt, out)


def _write_json_records(records: Iterable[dict], fmt: str, out: str | None, append: bool) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    fh = open(out, "a" if append else "w", encoding="utf-8") if out else sys.stdout
    try:
        n = 0
        for rec in records:
            if fmt == "jsonl":
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                fh.flush()
            else:
                d = json.dumps(rec, ensure_ascii=False, indent=2)
                fh.write(("[\n" if n == 0 else ",\n") + d)
            n += 1
        if fmt == "json":
            fh.write("\n]\n" if n else "[]\n")
    finally:
        if out:
            fh.close()


@contextlib.contextmanager
def output_lock(out):
    """Hold ``OUT.lock`` beside the output while it is written, so that two runs (two
    ``--resume`` of one output) cannot interleave their records.

    The lock is an advisory ``flock`` on the file: it ends with the process however the
    process ends (a killed run leaves no lock that would block ``--resume``).

    Raises:
        FramingError: another run holds the lock.
    """
    if not out or fcntl is None:
        yield
        return
    lock = Path(str(out).rstrip("/\\") + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fh = open(lock, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not lock.exists() or os.stat(lock).st_ino != os.fstat(fh.fileno()).st_ino:
            raise BlockingIOError   # removed by the run that just ended: another run may start
    except BlockingIOError:
        fh.close()
        raise FramingError(f"{printable(out)} is being written by another run (it holds "
                           f"{printable(lock)}); wait for that run to end") from None
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        fh.close()


def run_options_path(fmt: str, out) -> Path:
    """Where the options of a run are recorded: ``OUT.run.json`` beside the JSON-lines file
    or the Parquet folder."""
    return Path(str(out).rstrip("/\\") + ".run.json")


def check_run_options(fmt: str, out, options: dict, *, resume: bool) -> None:
    """Record the options that shape a run's records beside its output; with ``resume``,
    refuse to continue with different ones (a different ``--model``, pack, field).

    Raises:
        FramingError: naming each option that differs from the first run's.
    """
    if fmt not in ("jsonl", "parquet") or not out or (fmt == "parquet" and Path(out).is_file()):
        return   # (a file where the shards' folder should be is the writer's to refuse)
    p = run_options_path(fmt, out)
    if resume and p.is_file():
        try:
            before = json.loads(p.read_text(encoding="utf-8"))
        except (ValueError, OSError, RecursionError):
            raise FramingError(f"{printable(p)}: cannot resume: the options of the first run are "
                               "unreadable") from None
        diff = [k for k in sorted(set(before) | set(options)) if before.get(k) != options.get(k)]
        if diff:
            raise FramingError("cannot resume: " + "; ".join(
                f"{k} was {before.get(k)!r}, now {options.get(k)!r}" for k in diff)
                + f" (recorded in {printable(p)}); run with the first run's options")
        return
    if resume and resume_point(fmt, out) is not None:
        return   # an output from before the options were recorded: nothing to compare
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(options, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def resume_point(fmt: str, out) -> tuple[int, str] | None:
    """Records already written to ``out`` in ``fmt`` (``jsonl`` or ``parquet``), and the
    id of the last one; ``None`` when there are none (see :func:`skip_written`)."""
    return shards.resume_point(out) if fmt == "parquet" else jsonl_resume_point(out)


def jsonl_resume_point(path) -> tuple[int, str] | None:
    """Complete records already in a JSON-lines output, and the id of the last one.

    A partly written last line (a crash mid-write) is cut off so the run can append.

    Raises:
        FramingError: a line is not a ``framing`` record (naming the file and line).
    """
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return None
    n, good_end, ids = 0, 0, []
    with open(p, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                ids.append(json.loads(line)["id"])
            except (ValueError, KeyError, TypeError, RecursionError):  # (nested too deeply)
                raise FramingError(f"{p}:{n + 1}: cannot resume: not a framing JSONL record") from None
            n += 1
            good_end += len(line)
    if good_end < p.stat().st_size:
        with open(p, "r+b") as fh:
            fh.truncate(good_end)
    return Written(ids) if n else None


def skip_written(articles: Iterable[Article], n_done: int, last_id: str,
                 ids: list | None = None) -> Iterator[Article]:
    """Skip the first ``n_done`` articles, checking that the last of them is ``last_id``
    and, with ``ids`` (every id of the output), that the output's ids are the input's
    first ids in order: no record duplicated, replaced or missing, none more than the input.

    Raises:
        FramingError: the inputs differ from those of the run being continued, or the
            output was changed since.
    """
    i = -1
    for i, a in enumerate(articles):
        if i < n_done:
            want = ids[i] if ids is not None else (last_id if i == n_done - 1 else a.id)
            if a.id != want:
                raise FramingError(
                    f"cannot resume: record {i + 1} of the output has id {want!r} but input "
                    f"article {i + 1} has id {a.id!r}; the inputs or options differ from the first "
                    "run, or the output was changed")
            continue
        yield a
    if i + 1 < n_done:
        raise FramingError(f"cannot resume: the output holds {n_done} records but the input only "
                           f"{i + 1} articles; it is not the output of these inputs")


# -- classifier metrics ---------------------------------------------------------------

def metrics_text(m: dict, fmt: str = "table", title: str = "") -> str:
    """A classifier's metrics (:func:`framing.classify.evaluate`, cross-validation):
    ``json``/``jsonl`` as is, ``csv`` the per-class table, ``table`` a summary, the
    per-class table and the confusion matrix."""
    import pandas as pd

    if fmt in ("json", "jsonl"):
        return json.dumps(m, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n"
    per = pd.DataFrame(m["per_class"])
    if fmt == "csv":
        return per.to_csv(index=False)
    head = [f"{title}: {m['n']} records"]
    if "macro_f1_folds" in m:
        head.append(f"macro-F1 {m['macro_f1']:.3f} (sd {m['macro_f1_sd']:.3f} over {m['folds']} "
                    f"folds: {', '.join(f'{x:.3f}' for x in m['macro_f1_folds'])})")
    else:
        head.append(f"macro-F1 {m['macro_f1']:.3f}")
    for k in ("accuracy", "micro_f1", "micro_precision", "micro_recall", "exact_match"):
        if k in m:
            head.append(f"{k.replace('_', '-')} {m[k]:.3f}")
    if "label_cardinality" in m:
        head.append("labels per record: gold {gold}, predicted {predicted}".format(**m["label_cardinality"]))
    parts = ["\n".join(head), table_text(per)]
    if m.get("selection"):  # framing train: every candidate's cross-validated score
        sel = pd.DataFrame(m["selection"])
        sel = sel.assign(parts=sel["parts"].map(", ".join),
                         folds=sel["folds"].map(lambda f: " ".join(f"{x:.3f}" for x in f)),
                         chosen=sel["chosen"].map({True: "<- shipped", False: ""}))
        parts.insert(0, "candidates (mean cross-validated score over the folds):\n"
                     + table_text(sel.drop(columns=["about"])))
    if "confusion" in m:
        c = m["confusion"]
        cm = pd.DataFrame(c["matrix"], index=c["labels"], columns=c["labels"])
        cm.index.name = "gold \\ predicted"
        parts.append(cm.to_string())
    return "\n\n".join(parts) + "\n"
