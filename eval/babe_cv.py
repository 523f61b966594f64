"""Cross-validate the loaded-language sentence classifier on BABE (../shared/data/babe/train.jsonl).

Prints one row per configuration: 5-fold stratified cross-validation (seed 0
unless --seed), macro-F1 mean and standard deviation over folds, and the
per-class F1. Hyperparameters are fixed in framing.classify.pipelines; nothing
is tuned here.

    python eval/babe_cv.py                 # without, and with embeddings if installed
    python eval/babe_cv.py --seeds 0 1 2   # repeat with other fold seeds
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "babe" / "train.jsonl"


def configs(with_embeddings: bool):
    from framing.classify import make_classifier

    out = {
        "tfidf (word 1-2-grams + LR)": lambda: make_classifier(features="tfidf"),
        "framing, no embeddings": lambda: make_classifier(),
    }
    if with_embeddings:
        out["framing + embeddings"] = lambda: make_classifier(embeddings=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", help="run only configurations whose name contains this")
    args = ap.parse_args(argv)
    if not Path(args.data).exists():
        print(f"BABE not found at {args.data}", file=sys.stderr)
        return 2
    from framing.classify import cross_validate, embeddings_available, read_examples

    ex = read_examples(args.data, text_field="text", label_field="biased")
    print(f"{args.data}: {len(ex.ids)} sentences, {ex.counts()}")
    rows = []
    for name, make in configs(embeddings_available()).items():
        if args.only and args.only not in name:
            continue
        for seed in args.seeds:
            t = time.perf_counter()
            m = cross_validate(make(), ex.texts, ex.labels, folds=args.folds, random_state=seed)
            per = {c["label"]: c["f1"] for c in m["per_class"]}
            rows.append((name, seed, m["macro_f1"], m["macro_f1_sd"], per.get("true"), per.get("false"),
                         time.perf_counter() - t))
            print(f"| {name} | {seed} | {m['macro_f1']:.4f} ± {m['macro_f1_sd']:.4f} | "
                  f"{per.get('true'):.3f} | {per.get('false'):.3f} | {rows[-1][-1]:.0f}s |", flush=True)
    if not embeddings_available():
        print("(sentence embeddings not installed: pip install 'framing[embeddings]' to add that row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
