"""``framing evaluate``: attributions against gold spans; ``evaluate model`` is in :mod:`.classify`."""

from __future__ import annotations

from ..evaluate import evaluate_attribution
from ..loaded import evaluate_loaded, keep_filter
from ..writers import write_frame
from .classify import add_evaluate_model
from .options import add_fields, add_output, add_quotes, command, fields
from .run import Errors


EVALUATE_HELP = ("score framing against gold annotations, or a model against labelled data "
                 "(evaluate MODEL DATA)")


def add_evaluate(sub) -> None:
    ev = command(sub, "evaluate", EVALUATE_HELP,
                 "framing evaluate attribution ../shared/data/polnear/dev.jsonl")
    esub = ev.add_subparsers(dest="evaluate_command", metavar="WHAT", required=True)
    ea = command(
        esub, "attribution", "score attributions against gold cue/source/content spans (PolNeAR format)",
        "framing evaluate attribution ../shared/data/polnear/dev.jsonl --repeat 3",
        description="Run the attribution finder over gold articles (JSONL: text plus 'attributions' "
                    "with source/cue/content lists of [start, end] pairs, as in PolNeAR) and print "
                    "cue P/R/F1, source accuracy, end-to-end P/R/F1, content token F1, direct and "
                    "indirect recall, exact-match F1, and articles per second. The definitions are "
                    "in framing/evaluate.py.")
    ea.add_argument("data", nargs="+", metavar="DATA.jsonl", help="gold file(s)")
    add_fields(ea, {"text": "text", "id": "id", "title": "title", "outlet": "publisher"})
    ea.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                    help="lexicon pack(s) for source profiles (default: conflict-syria and general-bias)")
    ea.add_argument("--model", default="default", metavar="NAME|FILE|none",
                    help="the learned stage's model: a shipped name, a JSON file, or 'none' for the "
                         "rules alone (default: the shipped model)")
    ea.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="time N runs and report the median articles/s (default: 1)")
    add_quotes(ea, "score only the predictions of these cue classes: all, or speech (speech, writing, "
                   "according-to; the gold is scored whole) (default: all)")
    ea.add_argument("--split-parts", action="store_true",
                    help="also score quotes with each quoted part apart (“A,” he said. “B.” is two "
                         "quotes): quote P/R/F1 when 30%% of a gold quote's characters are covered, "
                         "and speaker accuracy")
    add_output(ea)
    ea.set_defaults(func=cmd_evaluate_attribution)
    _add_evaluate_loaded(esub)
    add_evaluate_model(esub)


def _add_evaluate_loaded(esub) -> None:
    el = command(
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
    add_output(el)
    el.set_defaults(func=cmd_evaluate_loaded)


def cmd_evaluate_attribution(args) -> int:
    import pandas as pd

    errors = Errors(args.strict)
    model = None if args.model.lower() == "none" else args.model
    scores = evaluate_attribution(args.data, lexicons=args.lexicon, model=model, repeat=args.repeat,
                                  quotes=args.quotes, split_parts=args.split_parts, fields=fields(args),
                                  on_error=errors)
    rows = scores.rows()
    if args.format == "table":  # counts as integers, scores with three decimals
        rows = [{"metric": r["metric"], "value": f"{r['value']:.3f}" if isinstance(r["value"], float)
                 else str(r["value"])} for r in rows]
    write_frame(pd.DataFrame(rows, dtype=object), args.format, args.output)
    return errors.status()


def cmd_evaluate_loaded(args) -> int:
    import pandas as pd

    errors = Errors(args.strict)
    rows = evaluate_loaded(args.data, model=args.model, threshold=args.threshold,
                           keep=keep_filter(args.keep_spans or []), text_field=args.text_field,
                           spans_field=args.spans_field, on_error=errors)
    df = pd.DataFrame(rows)
    if args.format == "table":
        df = df.map(lambda v: f"{v:.3f}" if isinstance(v, float) else v)
    write_frame(df, args.format, args.output)
    return errors.status()
