"""The ``framing`` command: thin subcommands over the Python API.

Exit status: 0 when every input was read and the command succeeded; 1 when
some files or records could not be read (each is reported on stderr with its
path, line and problem, and everything else is still processed and written);
2 for a usage error (bad option, unknown lexicon, invalid pack).
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

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class _Errors:
    """Collects unreadable inputs: prints each on stderr and remembers that one happened."""

    def __init__(self):
        self.count = 0

    def __call__(self, err: CorpusError):
        self.count += 1
        print(f"framing: skipped {err}", file=sys.stderr)


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

def _add_corpus_opts(p):
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files (.txt/.md with optional front matter, .jsonl, .csv) or folders")
    for f in ("text", "id", "title", "outlet", "date", "url"):
        p.add_argument(f"--{f}-field", default=f, metavar="NAME",
                       help=f"record field holding the {f} (default: {f})")
    p.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                   help="lexicon pack by shipped name or path; repeat for several "
                        "(default: conflict-syria and general-bias)")
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


def _analyses(args, errors, resume: tuple[int, str] | None = None):
    from .corpus import read_corpus
    from .engine import run
    from .lexicon import load_lexicons

    lexs = load_lexicons(args.lexicon)
    arts = read_corpus(args.paths, fields=_fields(args), on_error=errors)
    if resume:
        arts = _skip_done(arts, *resume)
    return lexs, run(arts, lexs, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)


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
            except (ValueError, KeyError, TypeError):
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


def cmd_analyze(args) -> int:
    from .compare import article_table

    errors = _Errors()
    resume = None
    if args.resume:
        if args.format != "jsonl" or not args.output:
            raise FramingError("--resume needs --format jsonl and -o FILE (the output of the run to continue)")
        resume = _resume_point(args.output)
    _, analyses = _analyses(args, errors, resume)
    if args.format in ("json", "jsonl"):
        # stream: each article is written (and flushed) as soon as it is analysed
        if args.output:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if resume else "w"
        fh = open(args.output, mode, encoding="utf-8") if args.output else sys.stdout
        try:
            n = 0
            for a in analyses:
                if args.format == "jsonl":
                    fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
                    fh.flush()
                else:
                    d = json.dumps(a.to_dict(), ensure_ascii=False, indent=2)
                    fh.write(("[\n" if n == 0 else ",\n") + d)
                n += 1
            if args.format == "json":
                fh.write("\n]\n" if n else "[]\n")
        finally:
            if args.output:
                fh.close()
    else:
        df = article_table(list(analyses))
        if args.format == "table":  # the terminal gets the summary; csv keeps every column
            df = df[[c for c in _ANALYZE_TABLE_COLUMNS if c in df.columns]]
        _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_compare(args) -> int:
    from .compare import compare

    errors = _Errors()
    _, analyses = _analyses(args, errors)
    df = compare(analyses, by=args.by)
    _emit_frame(df, args.format, args.output)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_report(args) -> int:
    from .report import write_report

    errors = _Errors()
    lexs, analyses = _analyses(args, errors)
    path = write_report(list(analyses), args.output, by=args.by, lexicons=lexs)
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_PARTIAL if errors.count else EXIT_OK


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
    from .lexicon import validate_lexicon

    bad = 0
    for f in args.files:
        problems = validate_lexicon(f)
        if problems:
            bad += 1
            for p in problems:
                print(f"{f}: {p}")
        else:
            print(f"{f}: ok")
    return EXIT_USAGE if bad else EXIT_OK


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
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    a = _parser_with_example(sub, "analyze", "analyse articles: terms, attributions, lean, per article",
                             "framing analyze seeds/ --format json -o reports/seed.json")
    _add_corpus_opts(a)
    a.add_argument("--format", choices=["json", "jsonl", "csv", "table"], default="table",
                   help="json/jsonl: full per-article records; csv/table: one summary row per article "
                        "(default: table)")
    a.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    a.add_argument("--resume", action="store_true",
                   help="continue an interrupted --format jsonl -o FILE run: keep the records already "
                        "written and analyse only the rest")
    a.set_defaults(func=cmd_analyze)

    c = _parser_with_example(sub, "compare", "compare groups of articles (outlets) side by side",
                             "framing compare ../shared/data/fakes/dev.jsonl --by outlet --format table")
    _add_corpus_opts(c)
    c.add_argument("--by", default="outlet", metavar="FIELD",
                   help="group by this article field: outlet, date, id, title, or a field kept from "
                        "the records (default: outlet)")
    c.add_argument("--format", choices=["table", "csv", "json", "jsonl"], default="table")
    c.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    c.set_defaults(func=cmd_compare)

    r = _parser_with_example(sub, "report", "write a self-contained HTML report (DIR/index.html)",
                             "framing report seeds/ --by outlet -o reports/seed")
    _add_corpus_opts(r)
    r.add_argument("--by", default="outlet", metavar="FIELD", help="group by this field (default: outlet)")
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write index.html into")
    r.set_defaults(func=cmd_report)

    lx = _parser_with_example(sub, "lexicon", "list, show and validate lexicon packs",
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
    return p


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FramingError as e:
        if args.debug:
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
