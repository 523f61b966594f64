"""Multi-label frames at article length: narrative_frames (427 climate articles, 5 frames), 5-fold CV.

For each fold seed, ``framing train``'s model selection
(:func:`framing.classify.select_model`) cross-validates every candidate on the
same folds (shuffled K-fold, seeded) and the script prints their micro- and
macro-F1 side by side: the balanced TF-IDF baselines (one-vs-rest logistic
regression with balanced class weights, threshold 0.5) and the framing stack
(n-grams, lexicon rates, chunked sentence embeddings, per-label thresholds
tuned inside the training folds), and the margin of the chosen model over the
best baseline. Then the means over the seeds, and per-label scores of the
framing stack.

    python eval/frames_cv.py                         # seeds 0 1 2, --optimise micro
    python eval/frames_cv.py --optimise macro --seeds 0
    python eval/frames_cv.py --no-embeddings
    python eval/frames_cv.py --held-out              # select on 80%, score the fixed 20%

``--held-out`` instead selects on the 80% of articles outside eval/splits.py's
held-out 20% and scores the chosen model and the baselines on that 20% once.
``--cache DIR`` keeps the article embeddings between runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
DATA = ROOT.parent / "shared" / "data" / "narrative_frames" / "all.jsonl"


def _subset(ex, keep):
    from framing.classify import Examples

    idx = [k for k, m in enumerate(keep) if m]
    return Examples([ex.ids[k] for k in idx], [ex.texts[k] for k in idx],
                    [ex.labels[k] for k in idx], True, paths=ex.paths, sha256=ex.sha256)


def held_out(ex, args) -> int:
    from splits import is_held_out

    from framing.classify import candidate_model, evaluate, train

    keep = [not is_held_out(i) for i in ex.ids]
    dev, held = _subset(ex, keep), _subset(ex, [not k for k in keep])
    print(f"dev {len(dev.ids)} articles (selection by 5-fold CV), held out {len(held.ids)}")
    model, m = train(dev, folds=args.folds, random_state=args.seeds[0], optimise=args.optimise,
                     embeddings=not args.no_embeddings, label_field="frames")
    print("| candidate | CV micro-F1 | CV macro-F1 | held-out micro-F1 | held-out macro-F1 | chosen |")
    print("|---|---|---|---|---|---|")
    for row in m["selection"]:
        if row["chosen"]:
            fitted = model
        else:
            est = candidate_model(row["candidate"], dev, folds=args.folds, random_state=args.seeds[0],
                                  optimise=args.optimise, embeddings=not args.no_embeddings)
            fitted, _ = train(dev, est, cv=False)
        h = evaluate(fitted, held)
        print(f"| {row['candidate']} | {row['micro_f1']:.4f} | {row['macro_f1']:.4f} | "
              f"{h['micro_f1']:.4f} | {h['macro_f1']:.4f} | {'yes' if row['chosen'] else ''} |")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--optimise", choices=["micro", "macro"], default="micro")
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--held-out", action="store_true", help="select on 80%%, score the fixed 20%%")
    ap.add_argument("--cache", type=Path, help="keep article embeddings in this folder")
    args = ap.parse_args(argv)
    if not Path(args.data).exists():
        print(f"narrative_frames not found at {args.data}", file=sys.stderr)
        return 2
    from embcache import load_cache, save_cache

    from framing.classify import document_unit, read_examples, select_model

    ex = read_examples(args.data, label_field="frames")
    print(f"{args.data}: {len(ex.ids)} articles, frames {ex.counts()}, "
          f"{sum(1 for x in ex.labels if not x)} without a frame")
    load_cache(args.cache, ex.texts)
    if args.held_out:
        out = held_out(ex, args)
        save_cache(args.cache)
        return out
    rows, margins = [], []
    for seed in args.seeds:
        t = time.perf_counter()
        sel = select_model(ex.texts, ex.labels, multilabel=True, folds=args.folds,
                           random_state=seed, optimise=args.optimise,
                           embeddings=not args.no_embeddings, document=document_unit(ex.texts))
        secs = time.perf_counter() - t
        save_cache(args.cache)
        print(f"\n## fold seed {seed} ({args.folds}-fold, shuffled; --optimise {args.optimise}; "
              f"{secs:.0f} s)")
        print("| candidate | micro-F1 | macro-F1 | chosen |")
        print("|---|---|---|---|")
        for r in sel.table:
            print(f"| {r['candidate']} ({r['about']}) | {r['micro_f1']:.4f} | {r['macro_f1']:.4f} | "
                  f"{'yes' if r['chosen'] else ''} |")
            rows.append((seed, r["candidate"], r["micro_f1"], r["macro_f1"]))
        margins.append(_margin(sel.table))
        print(f"margin of the chosen model over the best baseline ({margins[-1][0]}): "
              f"micro-F1 {margins[-1][1]:+.4f}, macro-F1 {margins[-1][2]:+.4f}")
        print("chosen model, per frame (out-of-fold): "
              + "; ".join(f"{c['label']} P {c['precision']:.2f} R {c['recall']:.2f} F1 {c['f1']:.2f}"
                          for c in sel.metrics["per_class"]))
        th = sel.model.thresholds_
        print("thresholds fitted on all articles: " + ", ".join(
            f"{c} {t:.2f}" for c, t in zip(sel.classes, th)) + f"; at least "
              f"{sel.model.min_labels_} label, at most {sel.model.max_labels_}")
    print(f"\n## mean over fold seeds {', '.join(map(str, args.seeds))}")
    print("| candidate | micro-F1 | macro-F1 |")
    print("|---|---|---|")
    for c in dict.fromkeys(r[1] for r in rows):
        rs = [r for r in rows if r[1] == c]
        print(f"| {c} | {np.mean([r[2] for r in rs]):.4f} | {np.mean([r[3] for r in rs]):.4f} |")
    print(f"margin of the chosen model over the best baseline, mean over the seeds: micro-F1 "
          f"{np.mean([m[1] for m in margins]):+.4f}, macro-F1 {np.mean([m[2] for m in margins]):+.4f}")
    return 0


def _margin(table) -> tuple[str, float, float]:
    """``(best baseline, chosen - it in micro-F1, in macro-F1)``; the best baseline is the one
    with the highest selection score (the F1 ``--optimise`` names), as ``framing train`` ranks them.

    >>> _margin([{"candidate": "a", "baseline": True, "score": 0.6, "micro_f1": 0.6, "macro_f1": 0.5,
    ...           "chosen": False},
    ...          {"candidate": "b", "baseline": False, "score": 0.7, "micro_f1": 0.7, "macro_f1": 0.6,
    ...           "chosen": True}])
    ('a', 0.1, 0.1)
    """
    base = max((r for r in table if r["baseline"]), key=lambda r: r["score"])
    chosen = next(r for r in table if r["chosen"])
    return (base["candidate"], round(chosen["micro_f1"] - base["micro_f1"], 4),
            round(chosen["macro_f1"] - base["macro_f1"], 4))


if __name__ == "__main__":
    sys.exit(main())
