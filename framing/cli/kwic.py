"""``framing kwic``: keyword in context."""

from __future__ import annotations

from ..errors import FramingError
from ..writers import write_frame
from .options import add_corpus, add_output, command
from .run import Errors, analyses


KWIC_HELP = "keyword in context: each occurrence of a word, label or referent"


def add_kwic(sub) -> None:
    k = command(sub, "kwic", KWIC_HELP,
                "framing kwic ../shared/data/fakes/dev.jsonl --label regime --format csv -o regime.csv",
                description="Keyword in context: every occurrence of a word or phrase (TERM: the "
                            "last argument that is not an option, anywhere on the line, or --term), "
                            "or the hits of a lexicon label or referent, with outlet, date and voice "
                            "(narrator, direct quotation, indirect speech).")
    k.usage = ("framing kwic [-h] [options] PATH [PATH ...] TERM\n"
               "       framing kwic [-h] [options] PATH [PATH ...] "
               "(--term TERM | --label LABEL | --referent REFERENT)")
    add_corpus(k)
    k.add_argument("--term", help="the word or phrase to find (instead of the last argument)")
    k.add_argument("--label", help="hits of this lexicon label (e.g. regime) instead of a word")
    k.add_argument("--referent", help="hits of every label of this referent "
                                      "(e.g. syrian-government)")
    k.add_argument("--in-lexicon", metavar="NAME", help="only hits of this pack")
    k.add_argument("--width", type=int, default=40, help="characters of context (default: 40)")
    add_output(k, format_help="table: outlet, date, voice and the line; csv/json add id, offsets, "
                              "lexicon, referent and label")
    k.set_defaults(func=cmd_kwic)


def cmd_kwic(args) -> int:
    from ..kwic import aligned, kwic

    if args.term is not None:
        term = args.term
    elif args.label is None and args.referent is None:
        if len(args.paths) < 2:
            raise FramingError("kwic: give PATH... TERM, or PATH... with --term, --label or "
                               "--referent")
        *args.paths, term = args.paths
    else:
        term = None
    errors = Errors(args.strict)
    _, stream = analyses(args, errors)
    df = kwic(stream, term, label=args.label, referent=args.referent, lexicon=args.in_lexicon,
              width=args.width)
    if args.format == "table":
        df = aligned(df, args.width)
    write_frame(df, args.format, args.output)
    return errors.status()
