"""``framing validate``: a coding sheet of sampled hits; precision and agreement of coded sheets."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from ..lexicon import load_lexicon
from ..writers import write_frame, write_text
from .options import add_corpus, command
from .run import EXIT_OK, EXIT_PARTIAL, Errors, analyses


VALIDATE_HELP = "validate a pack by hand: a coding sheet of sampled hits; precision and agreement"


def add_validate(sub) -> None:
    vd = command(sub, "validate", VALIDATE_HELP,
                 "framing validate sample conflict-syria corpus.jsonl --n 200 --seed 1 -o sheet.csv")
    vsub = vd.add_subparsers(dest="validate_command", metavar="ACTION", required=True)
    vs = command(
        vsub, "sample", "a coding sheet of randomly sampled hits, with coding instructions",
        "framing validate sample conflict-syria corpus.jsonl --n 200 --seed 1 --by label -o sheet.csv",
        description="Sample a pack's hits at random (seeded; with --by, up to N per stratum) and write "
                    "a coding sheet: one row per hit with its sentence, empty coder_* columns, and "
                    "SHEET.instructions.md beside it (the question to answer, the codes, the rules).")
    vs.add_argument("pack", metavar="PACK", help="pack name or file")
    add_corpus(vs, lexicon=False)
    vs.add_argument("--n", type=int, required=True, metavar="N",
                    help="hits to sample (with --by: per stratum)")
    vs.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    vs.add_argument("--by", choices=["label", "referent", "outlet"],
                    help="stratify: sample up to N hits of each label, referent or outlet")
    vs.add_argument("--coders", type=int, default=2, metavar="K", help="coder columns (default: 2)")
    vs.add_argument("--width", type=int, default=200, metavar="N",
                    help="at most N characters of the sentence on each side of the hit (default: 200; "
                         "0: the whole sentence)")
    vs.add_argument("-o", "--output", required=True, metavar="SHEET.csv", help="the coding sheet (CSV)")
    vs.set_defaults(func=cmd_validate_sample)
    vc = command(
        vsub, "score", "precision per label (95% Wilson intervals) and Krippendorff's alpha of a coded sheet",
        "framing validate score sheet.csv --format json",
        description="Read the coder columns of a coded sheet (coder_*: 1/0, yes/no, true/false, "
                    "correct/wrong; empty = not coded; a 'final' column is scored but not in the "
                    "agreement) and print the precision per label and overall for each coder, with "
                    "95% Wilson intervals, and Krippendorff's alpha (nominal) between the coders.")
    vc.add_argument("sheet", metavar="SHEET.csv")
    vc.add_argument("--format", choices=["table", "csv", "json"], default="table",
                    help="table (and the alpha line), csv (the precision table; alpha on stderr), or "
                         "json (both)")
    vc.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    vc.set_defaults(func=cmd_validate_score)


def cmd_validate_sample(args) -> int:
    from ..validate import coding_instructions, sample_sheet

    lx = load_lexicon(args.pack)
    args.lexicon = [lx]
    errors = Errors(args.strict)
    _, stream = analyses(args, errors)
    sheet = sample_sheet(stream, lx, args.n, seed=args.seed, by=args.by,
                         coders=args.coders, width=args.width or None)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(out, index=False)
    guide = out.with_name(out.stem + ".instructions.md")
    guide.write_text(coding_instructions(sheet, lx, sheet_name=out.name, seed=args.seed, by=args.by,
                                         sources=args.paths), encoding="utf-8")
    strata = f" in {sheet['stratum'].nunique()} strata by {args.by}" if args.by else ""
    print(f"framing: wrote {len(sheet)} hits{strata} (seed {args.seed}) to {out}; coding instructions "
          f"in {guide}", file=sys.stderr)
    return EXIT_PARTIAL if errors.count else EXIT_OK


def cmd_validate_score(args) -> int:
    from ..validate import score_sheet

    res = score_sheet(args.sheet)
    table, agree = res["precision"], res["agreement"]
    if args.format == "json":
        doc = {"sheet": args.sheet, "precision": json.loads(table.to_json(orient="records")),
               "agreement": {k: (None if isinstance(v, float) and math.isnan(v) else v)
                             for k, v in agree.items()}}
        write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", args.output)
        return EXIT_OK
    write_frame(table, args.format, args.output)
    if len(agree["coders"]) >= 2:
        a = agree["alpha"]
        line = (f"Krippendorff's alpha (nominal), {', '.join(agree['coders'])}: "
                + ("undefined (no disagreement possible)" if math.isnan(a) else f"{a:.3f}")
                + f" over {agree['units']} rows coded by two or more coders"
                + ("" if math.isnan(agree["percent_agreement"]) else
                   f"; they agree on {agree['percent_agreement']:.1%} of them"))
        print(line, file=sys.stderr if args.format == "csv" else sys.stdout)
    return EXIT_OK
