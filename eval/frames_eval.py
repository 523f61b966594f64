"""Evaluate the weakly supervised conflict-frame classifier on hand-labelled FA-KES sentences.

The labels (eval/frame-labels-by-hand.jsonl: article id, start, end, frame; no
text) were written by reading each sentence of 40 randomly drawn FA-KES dev
articles (seed 6) and judging its dominant frame: one of the eight referents
of lexicons/frames-conflict.toml, or "none". The classifier is trained on
seed-term pseudo-labels of sentences from the *other* FA-KES dev articles, so
no labelled article is seen in training.

    python eval/frames_eval.py
    python eval/frames_eval.py --candidates     # also each framing train candidate, on the same pseudo-labels

Prints accuracy and macro-F1 of: the majority class, the seed terms alone
(dominant frame by hits, "none" without hits or on a tie), and the classifier
``framing train --seed-lexicon`` ships (word 1-2-gram TF-IDF, balanced
logistic regression). With ``--candidates``, also the candidates of ``framing
train`` (:data:`framing.classify.CANDIDATES`, the framing stack with and
without embeddings) trained on the same pseudo-labels: the hand labels are
never used to choose among them, so these rows are for comparison only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "fakes" / "dev.jsonl"
LABELS = ROOT / "eval" / "frame-labels-by-hand.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", action="store_true",
                    help="also score framing train's candidates trained on the pseudo-labels")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"FA-KES dev not found at {CORPUS}", file=sys.stderr)
        return 2
    import framing
    from framing.classify import (CANDIDATES, candidate_model, classification_metrics,
                                  read_span_examples, train)
    from framing.classify.frames import NONE, frame_classifier, seed_label, weak_examples

    gold = read_span_examples(LABELS, CORPUS)
    held = {i.rsplit(":", 1)[0] for i in gold.ids}
    arts = [a for a in framing.read_corpus(CORPUS) if a.id not in held]
    weak = weak_examples(arts, "frames-conflict")
    print(f"gold: {len(gold.ids)} sentences from {len(held)} articles: {dict(Counter(gold.labels))}")
    print(f"weak training set: {len(weak.ids)} sentences from {len(arts)} other articles: {weak.counts()}")
    model, _ = train(weak, frame_classifier(), cv=False, name="frames-conflict (weak)")
    classes = sorted(set(gold.labels) | set(model.classes))
    rows = {
        "majority class": [Counter(gold.labels).most_common(1)[0][0]] * len(gold.texts),
        "seed terms alone": [seed_label(t) or NONE for t in gold.texts],
        "weak classifier (shipped by --seed-lexicon)": model.predict(gold.texts),
    }
    if args.candidates:
        for name in CANDIDATES:
            for emb in ((False, True) if name == "framing" else (False,)):
                est = candidate_model(name, weak, embeddings=emb)
                m, _ = train(weak, est, cv=False)
                label = f"candidate {name}" + (" with embeddings" if emb else "")
                rows[label] = m.predict(gold.texts)
    print("\n| method | accuracy | macro-F1 |\n|---|---:|---:|")
    for name, pred in rows.items():
        m = classification_metrics(gold.labels, pred, classes, False)
        print(f"| {name} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} |")
    m = classification_metrics(gold.labels, rows["weak classifier (shipped by --seed-lexicon)"],
                               classes, False)
    print("\nweak classifier, per class:")
    for c in m["per_class"]:
        print(f"  {c['label']:22s} P {c['precision']:.2f} R {c['recall']:.2f} F1 {c['f1']:.2f} n={c['support']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
