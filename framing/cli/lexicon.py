"""``framing lexicon``: list, show, validate, import, stats and suggest."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import printable
from ..lexicon import import_lexicon, load_lexicon, validate_lexicon
from ..lexicon_formats import to_toml
from ..writers import write_frame, write_text
from .options import add_corpus, add_output, command
from .run import EXIT_OK, EXIT_USAGE, Errors, analyses


LEXICON_HELP = "list, show, validate, import and test lexicon packs"


def add_lexicon(sub) -> None:
    lx = command(sub, "lexicon", LEXICON_HELP,
                 "framing lexicon show conflict-syria")
    lsub = lx.add_subparsers(dest="lexicon_command", metavar="ACTION", required=True)
    ll = command(lsub, "list", "list the shipped packs", "framing lexicon list")
    add_output(ll, output=False)
    ll.set_defaults(func=cmd_lexicon_list)
    ls = command(lsub, "show", "show a pack's referents, labels and forms",
                 "framing lexicon show conflict-syria --format csv")
    ls.add_argument("name", metavar="NAME|FILE")
    add_output(ls, output=False)
    ls.set_defaults(func=cmd_lexicon_show)
    lv = command(lsub, "validate", "check pack files; exit 2 if any has problems",
                 "framing lexicon validate lexicons/conflict-syria.toml")
    lv.add_argument("files", nargs="+", metavar="FILE")
    lv.set_defaults(func=cmd_lexicon_validate)
    _add_import(lsub)
    _add_stats(lsub)
    _add_suggest(lsub)


def _add_import(lsub) -> None:
    li = command(lsub, "import", "convert a LIWC, quanteda YAML, Lexicoder or CSV dictionary into a pack",
                 "framing lexicon import mydict.dic --from liwc --categories negemo -o negemo.toml",
                 description="Convert a dictionary into a TOML pack to edit (categories become "
                             "referents and labels; see lexicons/README.md). The same files also work "
                             "directly as --lexicon FILE. Dropped or changed entries are reported on "
                             "stderr.")
    li.add_argument("file", metavar="FILE")
    li.add_argument("--from", dest="from_format", choices=["liwc", "quanteda-yaml", "lexicoder", "csv"],
                    help="the file's format (default: from its suffix: .dic, .yml/.yaml, .lc3/.lcd, .csv)")
    li.add_argument("--categories", metavar="A,B",
                    help="import only these categories (top-level keys), comma-separated")
    li.add_argument("--name", help="the pack's name (default: the output file's stem, else the input's)")
    add_output(li, formats=(), what="the pack")
    li.set_defaults(func=cmd_lexicon_import)


def _add_stats(lsub) -> None:
    lst = command(lsub, "stats", "hits per label and referent on a corpus; labels that never fire; samples",
                  "framing lexicon stats conflict-syria ../shared/data/fakes/dev.jsonl --sample 120 "
                  "--sample-out sample.csv",
                  description="How a pack fires on a corpus: hits per label (by voice), the label's "
                              "share of its referent, and the labels and forms that never fire. With "
                              "--sample N, also write N random hits with context to a CSV for "
                              "precision coding by hand.")
    lst.add_argument("pack", metavar="PACK", help="pack name or file")
    add_corpus(lst, lexicon=False)
    lst.add_argument("--sample", type=int, default=0, metavar="N", help="sample N hits at random")
    lst.add_argument("--seed", type=int, default=0, help="random seed of the sample (default: 0)")
    lst.add_argument("--sample-out", metavar="FILE", help="CSV for the sample (default: PACK-sample.csv)")
    lst.add_argument("--width", type=int, default=80, help="characters of context in the sample (default: 80)")
    add_output(lst, what="the table")
    lst.set_defaults(func=cmd_lexicon_stats)


def _add_suggest(lsub) -> None:
    lsg = command(lsub, "suggest", "terms that distinguish groups (log-odds, informative prior), to grow a pack",
                  "framing lexicon suggest ../shared/data/fakes/dev.jsonl --by outlet --near armed-opposition",
                  description="Words and two-word phrases typical of each group against the rest: the "
                              "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & "
                              "Quinn 2008), ranked by z-score. --near REFERENT counts only the words "
                              "around that referent's hits (of the first --lexicon pack). in_pack shows "
                              "terms the pack already matches.")
    add_corpus(lsg)
    lsg.add_argument("--by", default="outlet", metavar="FIELD", help="group by this field (default: outlet)")
    lsg.add_argument("--near", metavar="REFERENT", help="only words near this referent's hits")
    lsg.add_argument("--window", type=int, default=5, metavar="N", help="--near: words on each side (default: 5)")
    lsg.add_argument("--ngram", type=int, choices=[1, 2], default=2, help="1: words; 2: also word pairs (default)")
    lsg.add_argument("--min-count", type=int, default=5, metavar="N", help="ignore rarer terms (default: 5)")
    lsg.add_argument("--top", type=int, default=20, metavar="N", help="terms per group (default: 20)")
    lsg.add_argument("--group", action="append", metavar="NAME", help="only these groups (repeatable)")
    add_output(lsg)
    lsg.set_defaults(func=cmd_lexicon_suggest)


def cmd_lexicon_list(args) -> int:
    from ..lexstats import packs_table

    write_frame(packs_table(), args.format)
    return EXIT_OK


def cmd_lexicon_show(args) -> int:
    from ..lexstats import labels_table

    lx = load_lexicon(args.name)
    df = labels_table(lx)
    if args.format == "table":
        if len(df):  # keep one row per line on a terminal
            df["forms"] = df["forms"].map(lambda v: v[:57] + "..." if len(v) > 60 else v)
            df["note"] = df["note"].map(lambda v: v[:67] + "..." if len(v) > 70 else v)
        axis = f"axis: {lx.axis_name or ''} ({' vs '.join(lx.poles)})" if lx.poles else "axis: none"
        print(f"{lx.name} {lx.version}: {lx.description}\n{axis}\nfile: {lx.path}\nsha256: {lx.sha256}\n")
    write_frame(df, args.format)
    return EXIT_OK


def cmd_lexicon_validate(args) -> int:
    bad = 0
    for f in args.files:
        problems = validate_lexicon(f)
        if problems:
            bad += 1
            for p in problems:
                print(f"{printable(f)}: {p}")
        else:
            warnings = load_lexicon(f).warnings  # what an import format had to drop or change
            for w in warnings:
                print(f"{printable(f)}: warning: {w}")
            print(f"{printable(f)}: ok" + (f" ({len(warnings)} warnings)" if warnings else ""))
    return EXIT_USAGE if bad else EXIT_OK


def cmd_lexicon_import(args) -> int:
    cats = [c.strip() for c in args.categories.split(",") if c.strip()] if args.categories else None
    name = args.name or (Path(args.output).stem if args.output else None)
    doc, warnings = import_lexicon(args.file, format=args.from_format, categories=cats, name=name)
    for w in warnings[:20]:
        print(f"framing: {printable(args.file)}: {w}", file=sys.stderr)
    if len(warnings) > 20:
        print(f"framing: {printable(args.file)}: ... and {len(warnings) - 20} more warnings", file=sys.stderr)
    write_text(to_toml(doc), args.output)
    n = sum(len(lb["forms"]) for r in doc["referents"] for lb in r["labels"])
    print(f"framing: imported {len(doc['referents'])} categories, {n} forms"
          + (f" into {args.output}" if args.output else ""), file=sys.stderr)
    return EXIT_OK


def cmd_lexicon_stats(args) -> int:
    from ..lexstats import lexicon_stats, sample_hits

    lx = load_lexicon(args.pack)
    args.lexicon = [lx]
    errors = Errors(args.strict)
    _, stream = analyses(args, errors)
    done = list(stream)
    df = lexicon_stats(done, lx)
    silent = df[df["hits"] == 0]
    print(f"framing: {lx.name}: {int(df['hits'].sum())} hits in {len(done)} articles; "
          f"{len(silent)} of {len(df)} labels never fire", file=sys.stderr)
    if args.sample:
        sample = sample_hits(done, lx, args.sample, seed=args.seed, width=args.width)
        out = args.sample_out or f"{lx.name}-sample.csv"
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        sample.to_csv(out, index=False)
        print(f"framing: wrote {len(sample)} sampled hits (seed {args.seed}) to {out}", file=sys.stderr)
    if args.format == "table":
        df = df.drop(columns=["never_fired"]).copy()
    write_frame(df, args.format, args.output)
    return errors.status()


def cmd_lexicon_suggest(args) -> int:
    from ..lexstats import suggest_terms

    errors = Errors(args.strict)
    lexs, stream = analyses(args, errors)
    lx = load_lexicon(args.lexicon[0]) if args.lexicon else (lexs[0] if lexs else None)
    df = suggest_terms(stream, by=args.by, lexicon=lx, near=args.near, window=args.window,
                       ngram=args.ngram, min_count=args.min_count, top=args.top,
                       groups=args.group or None)
    write_frame(df, args.format, args.output)
    return errors.status()
