"""The ``framing`` command: thin subcommands over the Python API.

Exit status: 0 when every input was read and the command succeeded; 1 when
some files or records could not be read (each is reported on stderr with its
path, line and problem, and everything else is still processed and written;
with ``--strict`` the run stops at the first one, after ``analyze`` has written
every article read before it); 2 for a usage error (bad option, unknown
lexicon, invalid pack, unwritable output). Inputs read with a caveat (a
guessed encoding) are reported as warnings and do not change the status. No
traceback is shown for these errors unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

from . import __version__
from .errors import CorpusError, FramingError
from .shards import DEFAULT_SHARD_SIZE

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

_MEASURES = {  # mirrors framing.compare.MEASURES (kept here so --help does not import pandas)
    "profile": "every measure per group (with --events: per event and outlet)",
    "lean": "the lean per group",
    "rates": "terms and loaded terms per 1,000 words",
    "labels": "label shares per referent (with --events: per event)",
    "voice": "attributions by the side of the source",
    "sources": "attributions by source type",
    "named": "named vs anonymous sources",
    "cues": "cues by stance, neutral vs evaluative",
    "quoted": "loaded terms by voice, narrator vs quoted",
    "terms": "distinctive terms of --group vs --vs or the rest",
    "departures": "per outlet, mean departure from the others on the same events",
}


class _Stopped(FramingError):
    """``--strict``: an input could not be read, so the run stops."""


class _Errors:
    """Collects unreadable inputs: prints each on stderr and remembers that one happened.

    With ``strict`` (``--strict``) the first one stops the run. Warnings (inputs
    read with a caveat) are printed and counted apart.
    """

    strict = False

    def __init__(self):
        self.count = 0
        self.warnings = 0
        self.stopped: _Stopped | None = None

    def __call__(self, err: CorpusError):
        self.count += 1
        if self.strict:
            raise _Stopped(f"{err} (stopped: --strict)")
        print(f"framing: skipped {err}", file=sys.stderr)

    def warn(self, w: CorpusError):
        self.warnings += 1
        print(f"framing: warning: {w}", file=sys.stderr)


# -- output ------------------------------------------------------------------

def _write(text: str, out: str | None):
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _json_default(x):
    if isinstance(x, float) and math.isnan(x):
        return None
    return str(x)


def _emit_frame(df, fmt: str, out: str | None):
    """Print a DataFrame as table, csv, json (list of objects) or jsonl."""
    if fmt == "csv":
        _write(df.to_csv(index=False), out)
    elif fmt in ("json", "jsonl"):
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        if fmt == "json":
            _write(json.dumps(records, indent=2, ensure_ascii=False) + "\n", out)
        else:
            _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), out)
    else:
        _write(_table(df) + "\n", out)


def _table(df) -> str:
    if df.empty:
        return "(no rows)"
    return df.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="-")


# -- shared options ----------------------------------------------------------

def _add_corpus_opts(p, lexicon: bool = True):
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files (.txt/.md with optional front matter, .jsonl, .csv) or folders")
    for f in ("text", "id", "title", "outlet", "date", "url"):
        p.add_argument(f"--{f}-field", default=f, metavar="NAME",
                       help=f"record field holding the {f} (default: {f})")
    if lexicon:
        p.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                       help="lexicon pack by shipped name or path (.toml, or a LIWC .dic, quanteda "
                            ".yml/.yaml, Lexicoder .lc3/.lcd or CSV dictionary); repeat for several "
                            "(default: conflict-syria and general-bias)")
    # also accepted after the command; SUPPRESS keeps a top-level --strict/--debug from being reset
    p.add_argument("--strict", action="store_true", default=argparse.SUPPRESS,
                   help="stop at the first file or record that cannot be read (exit status 1)")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks for errors")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; corpora smaller than one batch "
                        "run in-process)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or an existing Dask cluster (needs --scheduler and the "
                        "'dask' extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786")


def _fields(args):
    from .corpus import Fields

    return Fields(id=args.id_field, text=args.text_field, title=args.title_field,
                  outlet=args.outlet_field, date=args.date_field, url=args.url_field)


def _analyses(args, errors, resume: tuple[int, str] | None = None, *, stop_at_end: bool = True):
    """The packs, and the analyses of the inputs, streamed.

    With ``--strict`` the stream ends at the first unreadable input; with
    ``stop_at_end`` it then raises that error, otherwise the caller finds it in
    ``errors.stopped`` (and raises it once its output is written).
    """
    from .corpus import read_corpus
    from .engine import run
    from .lexicon import load_lexicons

    lexs = load_lexicons(args.lexicon)
    arts = _until_stopped(read_corpus(args.paths, fields=_fields(args), on_error=errors,
                                      on_warning=errors.warn), errors)
    if resume:
        arts = _skip_done(arts, *resume)
    if getattr(args, "model", None):  # classifier scores become score_<class> fields of each article
        from .classify import Model, with_scores

        arts = with_scores(arts, Model.load(args.model))
    analyses = _print_notes(_progress(run(arts, lexs, jobs=args.jobs, engine=args.engine,
                                          scheduler=args.scheduler)))
    return lexs, (_then_stop(analyses, errors) if stop_at_end else analyses)


def _until_stopped(arts, errors):
    """``--strict``: end the article stream at the first unreadable input, keeping the error.

    Raised inside the reader, the error would also unwind the engine and drop the
    articles it holds (a batch being filled, batches in flight); ended here, every
    article read before the bad input is analysed, and :func:`_then_stop` raises
    the error once their analyses have been used.
    """
    try:
        yield from arts
    except _Stopped as e:
        errors.stopped = e


def _then_stop(analyses, errors):
    """Pass analyses on; then raise the ``--strict`` error, if the input stream was stopped."""
    yield from analyses
    if errors.stopped is not None:
        raise errors.stopped


def _progress(analyses):
    """A progress bar on stderr for long runs: only on a terminal, and only after 2 seconds."""
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return analyses
    return tqdm(analyses, desc="analysing", unit=" articles", file=sys.stderr, delay=2.0,
                disable=None, leave=False)


def _print_notes(analyses):
    """Pass analyses on, printing each one's notes (e.g. an unsupported language) on stderr."""
    for an in analyses:
        for note in an.notes:
            print(f"framing: note: {an.article.origin or an.article.id}: {note}", file=sys.stderr)
        yield an


def _skip_done(arts, n_done: int, last_id: str):
    """Skip the first ``n_done`` articles, checking the last one is the last one written."""
    for i, a in enumerate(arts):
        if i < n_done - 1:
            continue
        if i == n_done - 1:
            if a.id != last_id:
                raise FramingError(
                    f"cannot resume: record {n_done} of the output has id {last_id!r} but input "
                    f"article {n_done} has id {a.id!r}; the inputs or options differ from the first run")
            continue
        yield a


def _resume_point(path) -> tuple[int, str] | None:
    """Complete records already in a JSONL output, and the id of the last one.

    A partly written last line (a crash mid-write) is cut off so the run can append.
    """
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return None
    n, good_end, last = 0, 0, None
    with open(p, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                last = json.loads(line)["id"]
            except (ValueError, KeyError, TypeError, RecursionError):  # (nested too deeply)
                raise FramingError(f"{p}:{n + 1}: cannot resume: not a framing JSONL record") from None
            n += 1
            good_end += len(line)
    if good_end < p.stat().st_size:
        with open(p, "r+b") as fh:
            fh.truncate(good_end)
    return (n, last) if n else None


def _parser_with_example(sub, name, help, example, description=None):
    return sub.add_parser(
        name, help=help, description=description or help,
        epilog=f"Example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )


# -- commands ----------------------------------------------------------------

_ANALYZE_TABLE_COLUMNS = ("id", "outlet", "date", "n_words", "lean", "n_terms", "n_loaded",
                          "n_attributions", "polarity", "subjectivity")


def _records(analyses, args):
    """The per-article JSON records of ``analyze`` (with ``score_<class>`` fields under --model)."""
    if getattr(args, "model", None):
        from .classify import article_scores
    for a in analyses:
        rec = a.to_dict()
        if getattr(args, "model", None):
            rec.update(article_scores(a))
        yield rec


def cmd_analyze(args) -> int:
    from .compare import tables

    errors = _Errors()
    resume = None
    if args.format == "parquet" and not args.output:
        raise FramingError("--format parquet needs -o DIR (the folder for the shards)")
    if args.resume:
        if args.format not in ("jsonl", "parquet") or not args.output:
            raise FramingError("--resume needs --format jsonl or parquet and -o FILE "
                               "(the output of the run to continue)")
        if args.format == "parquet":
            from .shards import resume_point

            resume = resume_point(args.output)
        else:
            resume = _resume_point(args.output)
    _, analyses = _analyses(args, errors, resume, stop_at_end=False)
    if args.format == "parquet":
        from .shards import ShardWriter

        # whole shards only on disk; Ctrl-C or an error writes the records held as a last shard
        writer = ShardWriter(args.output, args.shard_size, resume=bool(args.resume))
        try:
            for rec in _records(analyses, args):
                writer.write(rec)
        finally:
            writer.close()
    elif args.format in ("json", "jsonl"):
        # stream: each article is written (and flushed) as soon as it is analysed
        if args.output:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if resume else "w"
        fh = open(args.output, mode, encoding="utf-8") if args.output else sys.stdout
        try:
            n = 0
            for rec in _records(analyses, args):
                if args.format == "jsonl":
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    fh.flush()
                else:
                    d = json.dumps(rec, ensure_ascii=False, indent=2)
                    fh.write(("[\n" if n == 0 else ",\n") + d)
                n += 1
            if args.format == "json":
                fh.write("\n]\n" if n else "[]\n")
        finally:
            if args.output:
                fh.close()
    else:
        df = tables(analyses, keep=("articles",)).articles   # a row per article, no analysis kept
        if args.format == "table":  # the terminal gets the summary; csv keeps every column
            df = df[[c for c in _ANALYZE_TABLE_COLUMNS if c in df.columns]
                    + [c for c in df.columns if c.startswith("score_")]]
        _emit_frame(df, args.format, args.output)
    if errors.stopped is not None:  # --strict: raised only now that everything read before it is written
        raise errors.stopped
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_compare(args) -> int:
    from .compare import measure

    if (args.events or args.measure in ("terms", "departures")) and args.every:
        raise FramingError("--every is not used with --events or --measure terms/departures")
    if (args.events or args.measure == "departures") and args.groups:
        raise FramingError("--groups is not used with --events (events compare outlets)")
    errors = _Errors()
    lexs, analyses = _analyses(args, errors)
    kw = {"lexicons": lexs}
    if args.events or args.measure == "departures":
        kw.update(window_days=args.window, threshold=args.threshold)
        if args.measure == "departures":
            kw.update(n_resamples=args.resamples, seed=args.seed)
    elif args.measure == "terms":
        kw.update(groups=args.groups, unit=args.unit)
    else:
        kw.update(every=args.every, groups=args.groups, intervals=not args.no_intervals,
                  n_resamples=args.resamples, seed=args.seed, min_articles=args.min_articles)
    scored = []   # the stream is consumed once: the scores are kept on the way, not the analyses
    with_scores = getattr(args, "model", None) and args.measure == "profile" \
        and not (args.events or args.groups)
    if with_scores:
        from .classify.train import collect_scores, mean_scores  # mean score per group, as columns

        analyses = collect_scores(analyses, args.by, scored)
    df = measure(analyses, args.measure, by=args.by, events=args.events,
                 group=args.group, vs=args.vs, **kw)
    if with_scores:
        sc = mean_scores(scored, args.by)
        if args.by in df.columns and len(sc.columns) > 1:
            df = df.merge(sc, on=args.by, how="left")
    _compare_notes(df, args)
    if args.measure == "terms" and args.top:
        df = _top_terms(df, args.top)
    if args.format == "table":
        df = _with_intervals(df)
    elif args.format == "csv":
        df = _joined_lists(df)
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def _top_terms(df, n: int):
    """The ``n`` most distinctive terms of each side (by z), most typical of the first group first."""
    import pandas as pd

    if len(df) <= 2 * n:
        return df
    out = pd.concat([df.head(n), df.tail(n)[::-1]]).reset_index(drop=True)
    out.attrs.update(df.attrs)
    return out


def _compare_notes(df, args):
    """Say on stderr what the numbers rest on: small groups, unmapped outlets, the bootstrap."""
    a = df.attrs
    if "warning" in df.columns:
        keys = a.get("keys") or [c for c in df.columns[:1]]
        small = df[df["warning"].astype(bool)]
        if len(small):
            names = sorted({" | ".join(str(r[k]) for k in keys if k in small.columns)
                            for _, r in small.iterrows()})
            what = "events" if args.measure == "departures" else "articles"
            print(f"framing: note: {len(names)} group(s) with fewer than "
                  f"{args.min_articles} {what}, intervals unreliable: "
                  f"{', '.join(names[:12])}{' ...' if len(names) > 12 else ''}", file=sys.stderr)
    if a.get("unmapped"):
        print(f"framing: note: not in {args.groups}, grouped as (none): "
              f"{', '.join(a['unmapped'])}", file=sys.stderr)
    if a.get("intervals"):
        print(f"framing: note: {int(a['level'] * 100)}% bootstrap intervals over articles "
              f"({a['n_resamples']} resamples, seed {a['seed']})", file=sys.stderr)
    if "group_a" in a:
        print(f"framing: note: z > 0: typical of {a['group_a']} ({a['n_articles_a']} articles); "
              f"z < 0: typical of {a['group_b']} ({a['n_articles_b']} articles)", file=sys.stderr)
    if "window_days" in a and a.get("window_days") is not None:
        print(f"framing: note: events: TF-IDF cosine >= {a['threshold']} within "
              f"{a['window_days']} days, events covered by 2+ outlets", file=sys.stderr)


def _joined_lists(df):
    """CSV cells cannot hold lists: join id lists with ';'."""
    df = df.copy()
    for c in df.columns:
        if df[c].map(lambda v: isinstance(v, list)).any():
            df[c] = df[c].map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
    return df


def _with_intervals(df, width: int = 70):
    """For the terminal: ``value [lo, hi]`` in one column, id lists dropped, long text cut."""
    import math

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


def cmd_kwic(args) -> int:
    from .kwic import kwic

    if args.label is None and args.referent is None:
        if len(args.paths) < 2:
            raise FramingError("kwic: give PATH... TERM, or PATH... with --label or --referent")
        *args.paths, term = args.paths
    else:
        term = None
    errors = _Errors()
    _, analyses = _analyses(args, errors)
    df = kwic(analyses, term, label=args.label, referent=args.referent, lexicon=args.in_lexicon,
              width=args.width)
    if args.format == "table":
        df = df[["outlet", "date", "voice", "left", "match", "right"]].copy()
        df["left"] = df["left"].map(lambda v: v.rjust(args.width))   # the match lines up
        w = int(df["match"].str.len().max()) if len(df) else 0
        df["match"] = df["match"].map(lambda v: v.ljust(w))
        df["right"] = df["right"].map(lambda v: v.ljust(args.width))
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_report(args) -> int:
    from .report import write_report

    errors = _Errors()
    lexs, analyses = _analyses(args, errors)
    path = write_report(analyses, args.output, by=args.by, lexicons=lexs, pdf=args.pdf,
                        max_articles=args.max_articles, model=getattr(args, "model", None))   # _analyses shows the progress bar
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_download_fakes(args) -> int:
    from .datasets import FAKES_FIELDS, fetch_fakes

    path = fetch_fakes(args.output)
    opts = " ".join(f"--{k}-field {v}" for k, v in FAKES_FIELDS.items() if k != v)
    print(f"wrote {path}\nread it with: framing report {path} {opts} -o reports/fakes",
          file=sys.stderr)
    return EXIT_OK


def cmd_lexicon_list(args) -> int:
    import pandas as pd

    from .lexicon import available_lexicons, load_lexicon

    rows = []
    for name in available_lexicons():
        lx = load_lexicon(name)
        rows.append({"name": lx.name, "axis": " vs ".join(lx.poles) if lx.poles else "",
                     "referents": len(lx.referents),
                     "labels": sum(len(r.labels) for r in lx.referents),
                     "forms": lx.n_forms(), "description": lx.description})
    _emit_frame(pd.DataFrame(rows), args.format, None)
    return EXIT_OK


def cmd_lexicon_show(args) -> int:
    import pandas as pd

    from .lexicon import load_lexicon

    lx = load_lexicon(args.name)
    rows = [{"referent": r.id, "side": r.side or "", "label": lb.label, "connotation": lb.connotation,
             "echoes": lb.echoes, "forms": "; ".join(lb.forms), "note": lb.note}
            for r in lx.referents for lb in r.labels]
    if args.format == "table":
        for r in rows:  # keep one row per line on a terminal
            if len(r["forms"]) > 60:
                r["forms"] = r["forms"][:57] + "..."
            if len(r["note"]) > 70:
                r["note"] = r["note"][:67] + "..."
        axis = f"axis: {lx.axis_name or ''} ({' vs '.join(lx.poles)})" if lx.poles else "axis: none"
        print(f"{lx.name} {lx.version}: {lx.description}\n{axis}\nfile: {lx.path}\nsha256: {lx.sha256}\n")
    _emit_frame(pd.DataFrame(rows), args.format, None)
    return EXIT_OK


def cmd_lexicon_validate(args) -> int:
    from .lexicon import load_lexicon, validate_lexicon

    bad = 0
    for f in args.files:
        problems = validate_lexicon(f)
        if problems:
            bad += 1
            for p in problems:
                print(f"{f}: {p}")
        else:
            warnings = load_lexicon(f).warnings  # what an import format had to drop or change
            for w in warnings:
                print(f"{f}: warning: {w}")
            print(f"{f}: ok" + (f" ({len(warnings)} warnings)" if warnings else ""))
    return EXIT_USAGE if bad else EXIT_OK


def cmd_lexicon_import(args) -> int:
    from .lexicon import import_lexicon
    from .lexicon_formats import to_toml

    cats = [c.strip() for c in args.categories.split(",") if c.strip()] if args.categories else None
    name = args.name or (Path(args.output).stem if args.output else None)
    doc, warnings = import_lexicon(args.file, format=args.from_format, categories=cats, name=name)
    for w in warnings[:20]:
        print(f"framing: {args.file}: {w}", file=sys.stderr)
    if len(warnings) > 20:
        print(f"framing: {args.file}: ... and {len(warnings) - 20} more warnings", file=sys.stderr)
    _write(to_toml(doc), args.output)
    n = sum(len(lb["forms"]) for r in doc["referents"] for lb in r["labels"])
    print(f"framing: imported {len(doc['referents'])} categories, {n} forms"
          + (f" into {args.output}" if args.output else ""), file=sys.stderr)
    return EXIT_OK


def cmd_lexicon_stats(args) -> int:
    from .lexicon import load_lexicon
    from .lexstats import lexicon_stats, sample_hits

    lx = load_lexicon(args.pack)
    args.lexicon = [lx]
    errors = _Errors()
    _, analyses = _analyses(args, errors)
    analyses = list(analyses)
    df = lexicon_stats(analyses, lx)
    silent = df[df["hits"] == 0]
    print(f"framing: {lx.name}: {int(df['hits'].sum())} hits in {len(analyses)} articles; "
          f"{len(silent)} of {len(df)} labels never fire", file=sys.stderr)
    if args.sample:
        sample = sample_hits(analyses, lx, args.sample, seed=args.seed, width=args.width)
        out = args.sample_out or f"{lx.name}-sample.csv"
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        sample.to_csv(out, index=False)
        print(f"framing: wrote {len(sample)} sampled hits (seed {args.seed}) to {out}", file=sys.stderr)
    if args.format == "table":
        df = df.drop(columns=["never_fired"]).copy()
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_lexicon_suggest(args) -> int:
    from .lexicon import load_lexicon
    from .lexstats import suggest_terms

    errors = _Errors()
    lexs, analyses = _analyses(args, errors)
    lx = load_lexicon(args.lexicon[0]) if args.lexicon else (lexs[0] if lexs else None)
    df = suggest_terms(analyses, by=args.by, lexicon=lx, near=args.near, window=args.window,
                       ngram=args.ngram, min_count=args.min_count, top=args.top,
                       groups=args.group or None)
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_evaluate_attribution(args) -> int:
    import pandas as pd

    from .corpus import Fields
    from .evaluate import evaluate_attribution

    errors = _Errors()
    fields = Fields(id=args.id_field, text=args.text_field, title=args.title_field,
                    outlet=args.outlet_field)
    model = None if args.model.lower() == "none" else args.model
    scores = evaluate_attribution(args.data, lexicons=args.lexicon, model=model, repeat=args.repeat,
                                  fields=fields, on_error=errors)
    rows = scores.rows()
    if args.format == "table":  # counts as integers, scores with three decimals
        rows = [{"metric": r["metric"], "value": f"{r['value']:.3f}" if isinstance(r["value"], float)
                 else str(r["value"])} for r in rows]
    _emit_frame(pd.DataFrame(rows, dtype=object), args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_evaluate_loaded(args) -> int:
    import pandas as pd

    from .loaded import evaluate_loaded

    errors = _Errors()
    keep = {}
    for kv in args.keep_spans or []:
        k, sep, v = kv.partition("=")
        if not sep or not k:
            raise FramingError(f"--keep-spans {kv!r}: expected FIELD=VALUE, e.g. bias=lex")
        try:
            keep[k] = json.loads(v)  # true, false, numbers
        except ValueError:
            keep[k] = v
    rows = evaluate_loaded(args.data, model=args.model, threshold=args.threshold, keep=keep or None,
                           text_field=args.text_field, spans_field=args.spans_field, on_error=errors)
    df = pd.DataFrame(rows)
    if args.format == "table":
        df = df.map(lambda v: f"{v:.3f}" if isinstance(v, float) else v)
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def _emit_metrics(m: dict, fmt: str, out: str | None, title: str):
    """Classifier metrics: a summary, a per-class table and the confusion matrix (or JSON)."""
    import pandas as pd

    if fmt in ("json", "jsonl"):
        _write(json.dumps(m, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n", out)
        return
    per = pd.DataFrame(m["per_class"])
    if fmt == "csv":
        _write(per.to_csv(index=False), out)
        return
    head = [f"{title}: {m['n']} records"]
    if "macro_f1_folds" in m:
        head.append(f"macro-F1 {m['macro_f1']:.3f} (sd {m['macro_f1_sd']:.3f} over {m['folds']} "
                    f"folds: {', '.join(f'{x:.3f}' for x in m['macro_f1_folds'])})")
    else:
        head.append(f"macro-F1 {m['macro_f1']:.3f}")
    for k in ("accuracy", "micro_f1", "exact_match"):
        if k in m:
            head.append(f"{k.replace('_', '-')} {m[k]:.3f}")
    parts = ["\n".join(head), _table(per)]
    if "confusion" in m:
        c = m["confusion"]
        cm = pd.DataFrame(c["matrix"], index=c["labels"], columns=c["labels"])
        cm.index.name = "gold \\ predicted"
        parts.append(cm.to_string())
    _write("\n\n".join(parts) + "\n", out)


def cmd_train(args) -> int:
    from .classify import train_files

    errors = _Errors()
    labels = [x for x in args.labels.split(",") if x] if args.labels else None
    model, metrics = train_files(
        args.paths, args.output, text_field=args.text_field, label_field=args.label_field,
        id_field=args.id_field, labels=labels, seed_lexicon=args.seed_lexicon,
        features=args.features, lexicon=args.lexicon, embeddings=args.embeddings,
        word_field=args.word_field, folds=args.folds, random_state=args.seed, cv=not args.no_cv, on_error=errors)
    if metrics:
        _emit_metrics(metrics, args.format, None, "cross-validation" + (
            " against the seed-term labels (agreement with the seeds, not accuracy)"
            if args.seed_lexicon else ""))
    from .classify import card_path

    print(f"wrote {args.output} and {card_path(args.output)} "
          f"({model.card['training_data']['n_records']} records, classes: "
          f"{', '.join(model.classes)})", file=sys.stderr)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_classify(args) -> int:
    from .classify import Model, predict
    from .corpus import Fields, read_corpus

    errors = _Errors()
    model = Model.load(args.model)
    arts = list(read_corpus(args.paths, fields=Fields(id=args.id_field, text=args.text_field),
                            on_error=errors, on_warning=errors.warn))
    df = predict(model, [a.id for a in arts], [a.text for a in arts], threshold=args.threshold)
    if args.format == "csv":
        df = df.assign(**{c: df[c].map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
                          for c in ("label", "score")})
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_evaluate_model(args) -> int:
    from .classify import Model, evaluate, read_examples

    errors = _Errors()
    model = Model.load(args.model)
    td = model.card.get("training_data", {})
    label_field = args.label_field or td.get("label_field") or "label"
    if label_field.startswith("("):  # a weakly supervised model: no label field of its own
        raise FramingError(f"{args.model} was trained on seed terms; give the gold labels' field "
                           "with --label-field")
    labels = [x for x in args.labels.split(",") if x] if args.labels else None
    ex = read_examples(args.data, text_field=args.text_field or td.get("text_field") or "text",
                       label_field=label_field, id_field=args.id_field, labels=labels,
                       on_error=errors)
    _emit_metrics(evaluate(model, ex), args.format, args.output, f"{args.model} on {', '.join(args.data)}")
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_explain(args) -> int:
    from .classify import Model, explain

    model = Model.load(args.model)
    df = explain(model, top=args.top)
    if args.format == "table":
        c = model.card
        cv = (c.get("metrics") or {}).get("cross_validation") or {}
        print(f"{args.model}: {c.get('task')} over {', '.join(model.classes)}; trained "
              f"{c.get('created')} on {c.get('training_data', {}).get('n_records')} records"
              + (f"; cross-validated macro-F1 {cv['macro_f1']:.3f}" if cv else "") + "\n")
    _emit_frame(df, args.format, args.output)
    return EXIT_OK


# -- parser ------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``framing`` command."""
    p = argparse.ArgumentParser(
        prog="framing",
        description="How news outlets frame a story: loaded terms, who is quoted, and how outlets differ.",
        epilog="Example: framing report seeds/ --by outlet -o reports/seed",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first file or record that cannot be read (exit status 1) "
                        "instead of skipping it")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    a = _parser_with_example(sub, "analyze", "analyse articles: terms, attributions, lean, per article",
                             "framing analyze seeds/ --format json -o reports/seed.json")
    _add_corpus_opts(a)
    a.add_argument("--format", choices=["json", "jsonl", "parquet", "csv", "table"], default="table",
                   help="json/jsonl: full per-article records; parquet: the same records in "
                        "Parquet shards, -o names their folder (needs the parquet extra); "
                        "csv/table: one summary row per article "
                        "(default: from -o's suffix .json/.jsonl/.csv, else table)")
    a.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    a.add_argument("--shard-size", type=int, default=DEFAULT_SHARD_SIZE, metavar="N",
                   help=f"records per Parquet shard (default: {DEFAULT_SHARD_SIZE})")
    a.add_argument("--resume", action="store_true",
                   help="continue an interrupted --format jsonl or parquet -o FILE run: keep the "
                        "records already written and analyse only the rest")
    a.add_argument("--model", metavar="MODEL",
                   help="also score each article with a trained classifier (framing train): one "
                        "score_<class> column per class")
    a.set_defaults(func=cmd_analyze)

    c = _parser_with_example(sub, "compare", "compare groups of articles (outlets) side by side",
                             "framing compare ../shared/data/fakes/dev.jsonl --by outlet --measure lean")
    _add_corpus_opts(c)
    c.add_argument("--by", default="outlet", metavar="FIELD",
                   help="group by this article field: outlet, date, id, title, or a field kept from "
                        "the records (default: outlet)")
    c.add_argument("--measure", default="profile", choices=list(_MEASURES),
                   help="what to compare (default: profile): " + "; ".join(
                       f"{k}: {v.split(' (')[0]}" for k, v in _MEASURES.items()))
    c.add_argument("--every", choices=["week", "month"],
                   help="also split each group by week or month (rates over time)")
    c.add_argument("--groups", metavar="CSV",
                   help="map outlets (or another field) to groups: a CSV with a header such as "
                        "'outlet,camp' and one mapping per row")
    c.add_argument("--events", action="store_true",
                   help="compare label choices within same-event clusters (TF-IDF cosine within a "
                        "date window): per event and outlet, with each outlet's departure from "
                        "the others")
    c.add_argument("--window", type=float, default=None, metavar="DAYS",
                   help="--events: largest date difference within an event (default: 3)")
    c.add_argument("--threshold", type=float, default=None, metavar="COS",
                   help="--events: smallest TF-IDF cosine within an event (default: 0.2)")
    c.add_argument("--group", metavar="NAME", help="--measure terms: the group to describe")
    c.add_argument("--vs", metavar="NAME",
                   help="--measure terms: the group to set it against (default: all others)")
    c.add_argument("--unit", choices=["word", "label"], default="word",
                   help="--measure terms: words of the text, or lexicon labels (default: word)")
    c.add_argument("--top", type=int, default=10, metavar="N",
                   help="--measure terms: the N most distinctive terms of each side "
                        "(default: 10; 0 for all)")
    c.add_argument("--resamples", type=int, default=2000, metavar="N",
                   help="bootstrap resamples for the 95%% intervals (default: 2000)")
    c.add_argument("--seed", type=int, default=20240601, help="bootstrap seed (default: 20240601)")
    c.add_argument("--min-articles", type=int, default=10, metavar="N",
                   help="warn about groups with fewer articles (default: 10)")
    c.add_argument("--no-intervals", action="store_true", help="skip the bootstrap")
    c.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table",
                   help="table: values with [low, high] intervals; csv/json: every column, "
                        "with the article ids behind each row")
    c.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    c.add_argument("--model", metavar="MODEL",
                   help="also score each article with a trained classifier (framing train): one "
                        "score_<class> column per class (--measure profile: the mean per group)")
    c.set_defaults(func=cmd_compare)

    k = _parser_with_example(
        sub, "kwic", "keyword in context: each occurrence of a word, label or referent",
        "framing kwic ../shared/data/fakes/dev.jsonl --label regime --format csv -o regime.csv",
        description="Keyword in context: every occurrence of a word or phrase (the last "
                    "PATH argument), or the hits of a lexicon label or referent, with outlet, "
                    "date and voice (narrator, direct quotation, indirect speech).")
    _add_corpus_opts(k)
    k.add_argument("--label", help="hits of this lexicon label (e.g. regime) instead of a word")
    k.add_argument("--referent", help="hits of every label of this referent "
                                      "(e.g. syrian-government)")
    k.add_argument("--in-lexicon", metavar="NAME", help="only hits of this pack")
    k.add_argument("--width", type=int, default=40, help="characters of context (default: 40)")
    k.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table",
                   help="table: outlet, date, voice and the line; csv/json add id, offsets, "
                        "lexicon, referent and label")
    k.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    k.set_defaults(func=cmd_kwic)

    r = _parser_with_example(sub, "report", "write a self-contained HTML report (DIR/index.html)",
                             "framing report seeds/ --by outlet -o reports/seed",
                             description="Write DIR/index.html (summary, charts, notes, provenance), "
                                         "DIR/articles/NNNN.html (one page per article, terms and "
                                         "attributions highlighted) and DIR/tables/*.csv.")
    _add_corpus_opts(r)
    r.add_argument("--by", default="outlet", metavar="FIELD", help="group by this field (default: outlet)")
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write index.html into")
    r.add_argument("--pdf", action="store_true",
                   help="also write DIR/report.pdf: summary, charts and profile table (matplotlib)")
    r.add_argument("--max-articles", type=int, default=None, metavar="N",
                   help="write article pages for at most N articles per group (default: all)")
    r.add_argument("--model", metavar="MODEL",
                   help="also score each article with a trained classifier (framing train): one "
                        "score_<class> column per class in tables/articles.csv")
    r.set_defaults(func=cmd_report)

    lx = _parser_with_example(sub, "lexicon", "list, show, validate, import and test lexicon packs",
                              "framing lexicon show conflict-syria")
    lsub = lx.add_subparsers(dest="lexicon_command", metavar="ACTION", required=True)
    ll = _parser_with_example(lsub, "list", "list the shipped packs", "framing lexicon list")
    ll.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    ll.set_defaults(func=cmd_lexicon_list)
    ls = _parser_with_example(lsub, "show", "show a pack's referents, labels and forms",
                              "framing lexicon show conflict-syria --format csv")
    ls.add_argument("name", metavar="NAME|FILE")
    ls.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    ls.set_defaults(func=cmd_lexicon_show)
    lv = _parser_with_example(lsub, "validate", "check pack files; exit 2 if any has problems",
                              "framing lexicon validate lexicons/conflict-syria.toml")
    lv.add_argument("files", nargs="+", metavar="FILE")
    lv.set_defaults(func=cmd_lexicon_validate)
    li = _parser_with_example(
        lsub, "import", "convert a LIWC, quanteda YAML, Lexicoder or CSV dictionary into a pack",
        "framing lexicon import mydict.dic --from liwc --categories negemo -o negemo.toml",
        description="Convert a dictionary into a TOML pack to edit (categories become referents "
                    "and labels; see lexicons/README.md). The same files also work directly as "
                    "--lexicon FILE. Dropped or changed entries are reported on stderr.")
    li.add_argument("file", metavar="FILE")
    li.add_argument("--from", dest="from_format", choices=["liwc", "quanteda-yaml", "lexicoder", "csv"],
                    help="the file's format (default: from its suffix: .dic, .yml/.yaml, .lc3/.lcd, .csv)")
    li.add_argument("--categories", metavar="A,B",
                    help="import only these categories (top-level keys), comma-separated")
    li.add_argument("--name", help="the pack's name (default: the output file's stem, else the input's)")
    li.add_argument("-o", "--output", metavar="FILE", help="write the pack here instead of standard output")
    li.set_defaults(func=cmd_lexicon_import)
    lst = _parser_with_example(
        lsub, "stats", "hits per label and referent on a corpus; labels that never fire; samples",
        "framing lexicon stats conflict-syria ../shared/data/fakes/dev.jsonl --sample 120 "
        "--sample-out sample.csv",
        description="How a pack fires on a corpus: hits per label (by voice), the label's share "
                    "of its referent, and the labels and forms that never fire. With --sample N, "
                    "also write N random hits with context to a CSV for precision coding by hand.")
    lst.add_argument("pack", metavar="PACK", help="pack name or file")
    _add_corpus_opts(lst, lexicon=False)
    lst.add_argument("--sample", type=int, default=0, metavar="N", help="sample N hits at random")
    lst.add_argument("--seed", type=int, default=0, help="random seed of the sample (default: 0)")
    lst.add_argument("--sample-out", metavar="FILE", help="CSV for the sample (default: PACK-sample.csv)")
    lst.add_argument("--width", type=int, default=80, help="characters of context in the sample (default: 80)")
    lst.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    lst.add_argument("-o", "--output", metavar="FILE", help="write the table here instead of standard output")
    lst.set_defaults(func=cmd_lexicon_stats)
    lsg = _parser_with_example(
        lsub, "suggest", "terms that distinguish groups (log-odds, informative prior), to grow a pack",
        "framing lexicon suggest ../shared/data/fakes/dev.jsonl --by outlet --near armed-opposition",
        description="Words and two-word phrases typical of each group against the rest: the "
                    "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn "
                    "2008), ranked by z-score. --near REFERENT counts only the words around that "
                    "referent's hits (of the first --lexicon pack). in_pack shows terms the pack "
                    "already matches.")
    _add_corpus_opts(lsg)
    lsg.add_argument("--by", default="outlet", metavar="FIELD", help="group by this field (default: outlet)")
    lsg.add_argument("--near", metavar="REFERENT", help="only words near this referent's hits")
    lsg.add_argument("--window", type=int, default=5, metavar="N", help="--near: words on each side (default: 5)")
    lsg.add_argument("--ngram", type=int, choices=[1, 2], default=2, help="1: words; 2: also word pairs (default)")
    lsg.add_argument("--min-count", type=int, default=5, metavar="N", help="ignore rarer terms (default: 5)")
    lsg.add_argument("--top", type=int, default=20, metavar="N", help="terms per group (default: 20)")
    lsg.add_argument("--group", action="append", metavar="NAME", help="only these groups (repeatable)")
    lsg.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    lsg.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    lsg.set_defaults(func=cmd_lexicon_suggest)

    ev = _parser_with_example(sub, "evaluate", "score framing against gold annotations, or a model "
                                               "against labelled data (evaluate MODEL DATA)",
                              "framing evaluate attribution ../shared/data/polnear/dev.jsonl")
    esub = ev.add_subparsers(dest="evaluate_command", metavar="WHAT", required=True)
    ea = _parser_with_example(
        esub, "attribution", "score attributions against gold cue/source/content spans (PolNeAR format)",
        "framing evaluate attribution ../shared/data/polnear/dev.jsonl --repeat 3",
        description="Run the attribution finder over gold articles (JSONL: text plus 'attributions' "
                    "with source/cue/content lists of [start, end] pairs, as in PolNeAR) and print "
                    "cue P/R/F1, source accuracy, end-to-end P/R/F1, content token F1, direct and "
                    "indirect recall, exact-match F1, and articles per second. The definitions are "
                    "in framing/evaluate.py.")
    ea.add_argument("data", nargs="+", metavar="DATA.jsonl", help="gold file(s)")
    for f, default in (("text", "text"), ("id", "id"), ("title", "title"), ("outlet", "publisher")):
        ea.add_argument(f"--{f}-field", default=default, metavar="NAME",
                        help=f"record field holding the {f} (default: {default})")
    ea.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                    help="lexicon pack(s) for source profiles (default: conflict-syria and general-bias)")
    ea.add_argument("--model", default="default", metavar="NAME|FILE|none",
                    help="the learned stage's model: a shipped name, a JSON file, or 'none' for the "
                         "rules alone (default: the shipped model)")
    ea.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="time N runs and report the median articles/s (default: 1)")
    ea.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    ea.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    ea.set_defaults(func=cmd_evaluate_attribution)
    el = _parser_with_example(
        esub, "loaded", "score the loaded-language tagger against gold spans, beside baselines",
        "framing evaluate loaded ../shared/data/basil/dev.jsonl --keep-spans bias=lex",
        description="Tag loaded words in gold records (JSONL: text plus 'spans': [{start, end}]) and "
                    "print span recall and precision (overlap and exact), token P/R/F1 and spans per "
                    "1,000 words for the tagger, TextBlob's subjectivity lexicon used as a dictionary, "
                    "the general-bias pack and the default packs' evaluative hits. The definitions "
                    "are in framing/loaded.py.")
    el.add_argument("data", nargs="+", metavar="DATA.jsonl", help="gold file(s)")
    el.add_argument("--model", default="default", metavar="NAME|FILE",
                    help="the tagger's model: a shipped name or a JSON file (default: the shipped one)")
    el.add_argument("--threshold", type=float, metavar="P",
                    help="probability at or above which a word is loaded (default: the model's)")
    el.add_argument("--keep-spans", action="append", metavar="FIELD=VALUE",
                    help="score only gold spans with this field value, e.g. bias=lex (repeatable)")
    el.add_argument("--text-field", default="text", metavar="NAME", help="default: text")
    el.add_argument("--spans-field", default="spans", metavar="NAME", help="default: spans")
    el.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    el.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    el.set_defaults(func=cmd_evaluate_loaded)
    em = _parser_with_example(
        esub, "model", "score a trained classifier against labelled records",
        "framing evaluate models/babe.npz heldout.jsonl",
        description="Score MODEL on labelled records it was not trained on: macro-F1, accuracy, "
                    "per-class precision/recall/F1 and the confusion matrix. 'framing evaluate "
                    "MODEL DATA' is short for 'framing evaluate model MODEL DATA'.")
    em.add_argument("model", metavar="MODEL")
    em.add_argument("data", nargs="+", metavar="DATA")
    em.add_argument("--text-field", metavar="NAME", help="default: the one the model was trained with")
    em.add_argument("--label-field", metavar="NAME", help="default: the one the model was trained with")
    em.add_argument("--id-field", default="id", metavar="NAME", help="default: id")
    em.add_argument("--labels", metavar="A,B,...",
                    help="score only records with these labels (gold labels the model never saw "
                         "otherwise count as misses)")
    em.add_argument("--format", choices=["table", "csv", "json"], default="table")
    em.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    em.set_defaults(func=cmd_evaluate_model)

    tr = _parser_with_example(
        sub, "train", "train a text classifier on labelled records and save it with its model card",
        "framing train ../shared/data/babe/train.jsonl --label-field biased -o models/babe.npz",
        description="Train a classifier on labelled records (a label per record, or a list of "
                    "labels for multi-label data), print 5-fold cross-validated macro-F1, per-class "
                    "scores and the confusion matrix, then fit on all records and write MODEL (.npz, "
                    "no pickle) and MODEL's card (.card.json: data hash, parameters, metrics, "
                    "versions, date). With --seed-lexicon the records need no labels: sentences are "
                    "labelled by a frame pack's seed terms (weak supervision).")
    tr.add_argument("paths", nargs="+", metavar="DATA", help="labelled files (.jsonl, .csv, ...) or folders")
    tr.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text (default: text)")
    tr.add_argument("--label-field", default="label", metavar="NAME",
                    help="field holding the label, or a list of labels (default: label)")
    tr.add_argument("--id-field", default="id", metavar="NAME", help="field holding the id (default: id)")
    tr.add_argument("--labels", metavar="A,B,...", help="train only on records with these labels "
                                                        "(e.g. --label-field outlet --labels sana,etilaf)")
    tr.add_argument("--seed-lexicon", metavar="NAME|FILE",
                    help="weak supervision: label sentences by this frame pack's seed terms "
                         "(e.g. frames-conflict) instead of a label field")
    tr.add_argument("--features", choices=["framing", "tfidf"], default="framing",
                    help="framing: word and character n-grams plus lexicon, subjectivity and "
                         "attribution features (default); tfidf: word n-grams only")
    tr.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                    help="pack(s) whose hits are features (default: general-bias)")
    tr.add_argument("--embeddings", action="store_true",
                    help="add sentence embeddings (needs the 'embeddings' extra)")
    tr.add_argument("--word-field", metavar="NAME",
                    help="field listing the words annotators marked in each record (e.g. "
                         "biased_words): adds a part that learns from them (needs the "
                         "'embeddings' extra)")
    tr.add_argument("--folds", type=int, default=5, help="cross-validation folds (default: 5)")
    tr.add_argument("--seed", type=int, default=0, help="random seed of folds and models (default: 0)")
    tr.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    tr.add_argument("--format", choices=["table", "csv", "json"], default="table",
                    help="how to print the metrics (default: table)")
    tr.add_argument("-o", "--output", required=True, metavar="MODEL", help="model file to write (.npz)")
    tr.set_defaults(func=cmd_train)

    cl = _parser_with_example(
        sub, "classify", "label records with a trained model: {id, label, score} per record",
        "framing classify models/babe.npz sentences.jsonl --format jsonl",
        description="Apply a model to records: the predicted label and its probability, keeping "
                    "the input ids. A multi-label model gives every label scoring at least "
                    "--threshold.")
    cl.add_argument("model", metavar="MODEL")
    cl.add_argument("paths", nargs="+", metavar="DATA")
    cl.add_argument("--text-field", default="text", metavar="NAME", help="default: text")
    cl.add_argument("--id-field", default="id", metavar="NAME", help="default: id")
    cl.add_argument("--threshold", type=float, default=0.5, help="multi-label cut-off (default: 0.5)")
    cl.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    cl.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    cl.set_defaults(func=cmd_classify)

    xp = _parser_with_example(
        sub, "explain", "list the features with the largest weights toward each class of a model",
        "framing explain models/sana-etilaf.npz --top 10")
    xp.add_argument("model", metavar="MODEL")
    xp.add_argument("--top", type=int, default=15, metavar="N", help="features per class and part (default: 15)")
    xp.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    xp.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    xp.set_defaults(func=cmd_explain)

    dl = _parser_with_example(sub, "download", "download a public corpus (needs the network)",
                              "framing download fakes -o data/")
    dsub = dl.add_subparsers(dest="download_command", metavar="CORPUS", required=True)
    df = _parser_with_example(
        dsub, "fakes", "FA-KES (804 articles, 15 outlets, Syrian war; CC BY 4.0) from Zenodo",
        "framing download fakes -o data/",
        description="Download FA-KES-Dataset.csv from its Zenodo record "
                    "(doi:10.5281/zenodo.2607278), check its MD5 against the record's, and print "
                    "the command that reads it.")
    df.add_argument("-o", "--output", default=".", metavar="DIR",
                    help="folder to write FA-KES-Dataset.csv into (default: here)")
    df.set_defaults(func=cmd_download_fakes)
    return p


def _evaluate_shorthand(argv: list[str]) -> list[str]:
    """``framing evaluate MODEL DATA`` means ``framing evaluate model MODEL DATA``.

    >>> _evaluate_shorthand(["evaluate", "m.npz", "d.jsonl"])
    ['evaluate', 'model', 'm.npz', 'd.jsonl']
    >>> _evaluate_shorthand(["--debug", "evaluate", "attribution", "d.jsonl"])
    ['--debug', 'evaluate', 'attribution', 'd.jsonl']
    """
    i = next((k for k, a in enumerate(argv) if not a.startswith("-")), None)
    if i is not None and argv[i] == "evaluate" and i + 1 < len(argv):
        nxt = argv[i + 1]
        if not nxt.startswith("-") and nxt not in ("attribution", "loaded", "model"):
            return argv[:i + 1] + ["model"] + argv[i + 1:]
    return argv


_SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def _format_from_suffix(parser, args, argv) -> None:
    """``-o out.jsonl`` without ``--format`` writes JSON lines, not a text table: the
    format follows the output file's suffix when it is not given."""
    out = getattr(args, "output", None)
    if not hasattr(args, "format") or not out or any(
            t == "--format" or t.startswith("--format=") for t in argv):
        return
    fmt = _SUFFIX_FORMATS.get(Path(str(out)).suffix.lower())
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    choices = next((a.choices for a in sub.choices[args.command]._actions if "--format" in a.option_strings), ())
    if fmt and fmt in (choices or ()):
        args.format = fmt


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    argv = _evaluate_shorthand(sys.argv[1:] if argv is None else list(argv))
    args = parser.parse_args(argv)
    _format_from_suffix(parser, args, argv)
    _Errors.strict = args.strict
    try:
        return args.func(args)
    except _Stopped as e:
        if args.debug:
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return EXIT_PARTIAL
    except FramingError as e:
        if args.debug:
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:  # e.g. an output file that cannot be written
        if args.debug or not e.filename:
            raise
        print(f"framing: error: {e.filename}: {e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
