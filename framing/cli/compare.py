"""``framing compare``: one measure per group of articles (or per event), with intervals."""

from __future__ import annotations

import sys

from ..errors import FramingError
from ..writers import joined_lists, with_intervals, write_frame
from .options import add_corpus, add_loaded, add_model, add_output, add_quotes, command
from .run import Errors, analyses


COMPARE_HELP = "compare groups of articles (outlets) side by side"


def add_compare(sub) -> None:
    from ..compare import MEASURES   # the measures and what each shows: compare's one list

    c = command(sub, "compare", COMPARE_HELP,
                "framing compare ../shared/data/fakes/dev.jsonl --by outlet --measure lean")
    add_corpus(c)
    c.add_argument("--by", default="outlet", metavar="FIELD",
                   help="group by this article field: outlet, date, id, title, or a field kept from "
                        "the records (default: outlet)")
    c.add_argument("--measure", default="profile", choices=list(MEASURES),
                   help="what to compare (default: profile): " + "; ".join(
                       f"{k}: {v.split(' (')[0]}" for k, v in MEASURES.items()))
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
    c.add_argument("--categories", choices=["referent", "label"], default="referent",
                   help="--measure categories: count top-level categories (referent; quanteda's "
                        "levels = 1) or every category and nested key (label) (default: referent)")
    c.add_argument("--resamples", type=int, default=2000, metavar="N",
                   help="bootstrap resamples for the 95%% intervals (default: 2000)")
    c.add_argument("--seed", type=int, default=20240601, help="bootstrap seed (default: 20240601)")
    c.add_argument("--min-articles", type=int, default=10, metavar="N",
                   help="warn about groups with fewer articles (default: 10)")
    c.add_argument("--no-intervals", action="store_true", help="skip the bootstrap")
    add_output(c, format_help="table: values with [low, high] intervals; csv/json: every column, "
                              "with the article ids behind each row")
    add_quotes(c)
    add_loaded(c)
    add_model(c, " (--measure profile: the mean per group)")
    c.set_defaults(func=cmd_compare)


def cmd_compare(args) -> int:
    from ..compare import measure

    events = args.events or args.measure == "departures"
    if (events or args.measure == "terms") and args.every:
        raise FramingError("--every is not used with --events or --measure terms/departures")
    if events and args.groups:
        raise FramingError("--groups is not used with --events (events compare outlets)")
    errors = Errors(args.strict)
    lexs, stream = analyses(args, errors)
    scored = []   # the stream is consumed once: the scores are kept on the way, not the analyses
    with_scores = args.model and args.measure == "profile" and not (args.events or args.groups)
    if with_scores:
        from ..classify.train import collect_scores

        stream = collect_scores(stream, args.by, scored)
    df = measure(stream, args.measure, by=args.by, events=args.events, group=args.group,
                 vs=args.vs, lexicons=lexs, **_measure_options(args, events))
    if with_scores:
        df = _with_mean_scores(df, scored, args.by)
    _print_notes(df, args)
    if args.measure == "terms" and args.top:
        df = _top_terms(df, args.top)
    if args.format == "table":
        df = with_intervals(df)
    elif args.format == "csv":
        df = joined_lists(df)
    write_frame(df, args.format, args.output)
    return errors.status()


def _measure_options(args, events: bool) -> dict:
    """The options of ``compare.measure`` that this measure takes."""
    if events:
        kw = {"window_days": args.window, "threshold": args.threshold}
        if args.measure == "departures":
            kw.update(n_resamples=args.resamples, seed=args.seed)
        return kw
    if args.measure == "terms":
        return {"groups": args.groups, "unit": args.unit}
    kw = {"every": args.every, "groups": args.groups, "intervals": not args.no_intervals,
          "n_resamples": args.resamples, "seed": args.seed, "min_articles": args.min_articles}
    if args.measure == "categories":
        kw["categories"] = args.categories
    return kw


def _with_mean_scores(df, scored: list, by: str):
    """The profile with the mean classifier score per group as columns."""
    from ..classify.train import mean_scores

    sc = mean_scores(scored, by)
    if by in df.columns and len(sc.columns) > 1:
        df = df.merge(sc, on=by, how="left")
    return df


def _top_terms(df, n: int):
    """The ``n`` most distinctive terms of each side (by z), most typical of the first group first."""
    import pandas as pd

    if len(df) <= 2 * n:
        return df
    out = pd.concat([df.head(n), df.tail(n)[::-1]]).reset_index(drop=True)
    out.attrs.update(df.attrs)
    return out


def _print_notes(df, args) -> None:
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
