"""``framing analyze``: per-article records (JSON, JSON lines, Parquet) or a summary table."""

from __future__ import annotations

from ..shards import DEFAULT_SHARD_SIZE
from ..writers import (ANALYSIS_FORMATS, check_analysis_output, check_run_options, output_lock,
                       resume_point, write_analyses)
from .options import add_corpus, add_loaded, add_model, add_output, add_quotes, command
from .run import Errors, analyses, run_options


ANALYZE_HELP = "analyse articles: terms, attributions, lean, per article"


def add_analyze(sub) -> None:
    a = command(sub, "analyze", ANALYZE_HELP,
                "framing analyze seeds/ --format json -o reports/seed.json")
    add_corpus(a)
    add_output(a, ANALYSIS_FORMATS,
               format_help="json/jsonl: full per-article records; parquet: the same records in "
                           "Parquet shards, -o names their folder (needs the parquet extra); "
                           "csv/table: one summary row per article "
                           "(default: from -o's suffix .json/.jsonl/.csv, else table)")
    a.add_argument("--shard-size", type=int, default=DEFAULT_SHARD_SIZE, metavar="N",
                   help=f"records per Parquet shard (default: {DEFAULT_SHARD_SIZE})")
    a.add_argument("--resume", action="store_true",
                   help="continue an interrupted --format jsonl or parquet -o FILE run: keep the "
                        "records already written and analyse only the rest. The output's ids must "
                        "be the input's first ids, and the options must be the first run's "
                        "(recorded in FILE.run.json beside the output). While a run "
                        "writes -o FILE it holds FILE.lock; a second run on it is refused")
    add_quotes(a)
    add_loaded(a)
    add_model(a)
    a.set_defaults(func=cmd_analyze)


def cmd_analyze(args) -> int:
    errors = Errors(args.strict)
    check_analysis_output(args.format, args.output, append=args.resume)
    with output_lock(args.output):   # OUT.lock: one run at a time writes OUT
        check_run_options(args.format, args.output, run_options(args), resume=args.resume)
        resume = resume_point(args.format, args.output) if args.resume else None
        _, stream = analyses(args, errors, resume, stop_at_end=False)
        write_analyses(stream, args.format, args.output, append=args.resume,
                       shard_size=args.shard_size, scores=bool(args.model))
    if errors.stopped is not None:  # --strict: raised only now that everything read before it is written
        raise errors.stopped
    return errors.status()
