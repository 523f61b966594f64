"""Cross-validate the loaded-language sentence classifier on BABE (../shared/data/babe/train.jsonl).

Prints one row per configuration and fold seed: 5-fold stratified, shuffled
cross-validation, macro-F1 mean and standard deviation over the folds, the
per-class F1 (biased = "true", neutral = "false") and the wall time; then the
mean over the seeds of each configuration. Hyperparameters are fixed in
framing.classify.pipelines (stacking learns its weights inside each training
fold); nothing is tuned here.

Configurations: the TF-IDF baseline; the previous defaults (soft vote of the
n-gram and cue models, with last-layer embeddings inside the cue model) for
comparison; the current defaults, ``make_classifier()`` and
``make_classifier(embeddings=True)`` (stacking, naive-Bayes-weighted n-grams,
all-layer embeddings); and, with embeddings, the stack with a fourth part
learnt from the words the annotators marked (``biased_words``, used only
inside each training fold; ``framing train --word-field biased_words``).

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


def _previous(embeddings: bool):
    """The defaults before stacking: a soft vote of n-grams and cues (embeddings among the cues)."""
    from sklearn.pipeline import FeatureUnion, Pipeline

    from framing.classify import SentenceEmbedding, make_classifier

    clf = make_classifier(combine="vote", nb_weights=False)
    if embeddings:
        cues = clf.estimators[1][1]
        cues.steps[0] = ("features", FeatureUnion([
            ("handcrafted", cues.steps[0][1]), ("embedding", SentenceEmbedding(layers="last"))]))
    return clf


def configs(with_embeddings: bool):
    from framing.classify import make_classifier

    out = {
        "tfidf (word 1-2-grams + LR)": lambda: make_classifier(features="tfidf"),
        "previous default: vote, no embeddings": lambda: _previous(False),
        "make_classifier(): stack, no embeddings": lambda: make_classifier(),
    }
    if with_embeddings:
        out["previous default: vote + last-layer embeddings"] = lambda: _previous(True)
        out["make_classifier(embeddings=True): stack"] = lambda: make_classifier(embeddings=True)
        out["make_classifier(embeddings=True, marked_words=True): stack + marked words"] = \
            lambda: make_classifier(embeddings=True, marked_words=True)
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

    ex = read_examples(args.data, text_field="text", label_field="biased",
                       word_field="biased_words")
    print(f"{args.data}: {len(ex.ids)} sentences, {ex.counts()}")
    print("| configuration | fold seed | macro-F1 ± sd (folds) | F1 biased | F1 neutral | time |")
    print("|---|---|---|---|---|---|")
    rows = []
    for name, make in configs(embeddings_available()).items():
        if args.only and args.only not in name:
            continue
        for seed in args.seeds:
            t = time.perf_counter()
            m = cross_validate(make(), ex.texts, ex.labels, folds=args.folds, random_state=seed,
                               words=ex.words)
            per = {c["label"]: c["f1"] for c in m["per_class"]}
            rows.append((name, seed, m["macro_f1"], m["macro_f1_sd"], per.get("true"), per.get("false"),
                         time.perf_counter() - t))
            print(f"| {name} | {seed} | {m['macro_f1']:.4f} ± {m['macro_f1_sd']:.4f} | "
                  f"{per.get('true'):.3f} | {per.get('false'):.3f} | {rows[-1][-1]:.0f}s |", flush=True)
    print()
    print("| configuration | seeds | macro-F1 (mean of seeds) | min over seeds | max over seeds |")
    print("|---|---|---|---|---|")
    for name in dict.fromkeys(r[0] for r in rows):
        f = [r[2] for r in rows if r[0] == name]
        print(f"| {name} | {len(f)} | {sum(f) / len(f):.4f} | {min(f):.4f} | {max(f):.4f} |")
    if not embeddings_available():
        print("(sentence embeddings not installed: pip install 'framing[embeddings]' to add that row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
