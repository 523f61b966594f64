"""Score the loaded-language sentence classifier on BABE's fixed held-out 20% (never used for choices).

``eval/babe_cv.py`` cross-validates on all 2,204 visible BABE sentences, the same
sentences on which the design (features, stacking, hyperparameters) was chosen,
so its figures are optimistic. This script splits the same file with
``eval/splits.py`` (a salted hash of the record id: 1,775 development sentences,
429 held out), fits each configuration on the development part only and scores
it once on the held-out part: macro-F1 with a 95% bootstrap interval over the
held-out sentences (2,000 resamples, seed 0), and per-class F1. With ``--cv`` it
also prints the 5-fold cross-validation on the development part, for a
like-for-like comparison of the two estimates.

Which figure compares with the literature: the published BABE results (Spinde
et al. 2021: RoBERTa 0.804, TF-IDF + LR 0.744 macro-F1) are held-out figures;
compare them with this script's, not with the cross-validated ones. Our
held-out part is 429 sentences of the visible data, not BABE's own test split
(kept back by the data's curators), so read the interval too.

    python eval/babe_heldout.py                 # the configurations that can run here
    python eval/babe_heldout.py --cv            # and 5-fold CV on the development part
    python eval/babe_heldout.py --only default  # configurations whose name contains this
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "babe" / "train.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from splits import is_held_out  # noqa: E402


def load(path=DATA):
    """(development, held-out) :class:`framing.classify.Examples` of BABE, split by eval/splits.py."""
    from framing.classify import read_examples

    ex = read_examples(path, text_field="text", label_field="biased", word_field="biased_words")
    return subset(ex, False), subset(ex, True)


def subset(ex, held_out: bool):
    from dataclasses import replace

    keep = [i for i, rid in enumerate(ex.ids) if is_held_out(rid) == held_out]
    return replace(ex, ids=[ex.ids[i] for i in keep], texts=[ex.texts[i] for i in keep],
                   labels=[ex.labels[i] for i in keep],
                   words=None if ex.words is None else [ex.words[i] for i in keep])


CONFIGS = {
    # name: (candidate, sentence embeddings, the annotators' marked words); candidate None: what
    # `framing train` ships, its selection among the candidates on the development part
    "tfidf-word baseline (word 1-2-grams + LR, balanced)": ("tfidf-word", False, False),
    "tfidf-char baseline (character 2-5-grams + LR, balanced)": ("tfidf-char", False, False),
    "framing train --no-embeddings": (None, False, False),
    "default: framing train": (None, True, False),
    "framing train --word-field biased_words": (None, True, True),
}
"""The two baselines, each fitted alone, and the models ``framing train`` ships (it selects by
cross-validation on the development part; ``eval/babe_cv.py`` prints that selection)."""


def fit_and_score(config, dev, held, *, seed: int = 0) -> dict:
    """Fit one configuration (a key or value of :data:`CONFIGS`) on ``dev``, score it once on
    ``held``: macro-F1, its bootstrap interval, per-class F1 and the candidate shipped."""
    from dataclasses import replace

    from framing.classify import candidate_model, evaluate, train

    name, embeddings, marked = CONFIGS[config] if isinstance(config, str) else config
    data = dev if marked else replace(dev, words=None)
    if name is None:
        model, metrics = train(data, random_state=seed, embeddings=embeddings, label_field="biased")
        shipped = next(r["candidate"] for r in metrics["selection"] if r["chosen"])
    else:
        model, _ = train(data, candidate_model(name, data, random_state=seed, embeddings=embeddings),
                         cv=False, random_state=seed)
        shipped = name
    m = evaluate(model, held)
    lo, hi = bootstrap_macro_f1(held.labels, list(model.predict(held.texts)))
    return {"macro_f1": m["macro_f1"], "lo": lo, "hi": hi, "shipped": shipped,
            "per_class": {c["label"]: c["f1"] for c in m["per_class"]}}


def bootstrap_macro_f1(y_true, y_pred, *, n: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of macro-F1 over sentences resampled with replacement."""
    from sklearn.metrics import f1_score

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(n):
        i = rng.integers(0, len(y_true), len(y_true))
        stats.append(f1_score(y_true[i], y_pred[i], average="macro", zero_division=0))
    return float(np.percentile(stats, 2.5)), float(np.percentile(stats, 97.5))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--only", help="run only configurations whose name contains this")
    ap.add_argument("--cv", action="store_true", help="also 5-fold CV (seed 0) on the development part")
    args = ap.parse_args(argv)
    if not Path(args.data).exists():
        print(f"BABE not found at {args.data}", file=sys.stderr)
        return 2
    from framing.classify import candidate_model, cross_validate

    dev, held = load(args.data)
    print(f"{args.data}: development {len(dev.ids)} sentences {dev.counts()}, "
          f"held out {len(held.ids)} {held.counts()} (eval/splits.py)")
    head = "| configuration | shipped | held-out macro-F1 [95% interval] | F1 biased | F1 neutral |"
    head += " CV on development (5 folds, seed 0) |" if args.cv else ""
    print(head + " time |")
    print("|---" * (head.count("|") - 1 + 1) + "|")
    for name, (cand, emb, marked) in CONFIGS.items():
        if args.only and args.only not in name:
            continue
        t = time.perf_counter()
        r = fit_and_score(name, dev, held)
        row = (f"| {name} | {r['shipped']} | {r['macro_f1']:.3f} [{r['lo']:.3f}, {r['hi']:.3f}] | "
               f"{r['per_class'].get('true', float('nan')):.3f} | "
               f"{r['per_class'].get('false', float('nan')):.3f} |")
        if args.cv:
            from dataclasses import replace

            data = dev if marked else replace(dev, words=None)
            cv = cross_validate(candidate_model(cand or r["shipped"], data, embeddings=emb), data.texts,
                                data.labels,
                                folds=5, random_state=0, words=data.words)
            row += f" {cv['macro_f1']:.3f} ± {cv['macro_f1_sd']:.3f} |"
        print(row + f" {time.perf_counter() - t:.0f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
