"""BABE loaded-language sentences: what ``framing train`` selects in cross-validation, and its
held-out score, with the TF-IDF baselines beside it.

The visible BABE file (../shared/data/babe/train.jsonl, 2,204 sentences) is
split once by eval/splits.py: the fixed held-out 20% (by a salted hash of the
id) is never used for a choice; everything is selected by 5-fold
cross-validation on the other 80% (``dev``). For each configuration and fold
seed the script prints every candidate's cross-validated macro-F1 (the table
``framing train`` prints), which one was chosen, and then the chosen model's
macro-F1 on the held-out sentences next to the baselines' (each fitted on
``dev``):

- ``default``: ``framing train --label-field biased`` (embeddings on: the
  all-MiniLM-L6-v2 weights come with framing);
- ``no-embeddings``: ``--no-embeddings`` (the sparse stack only);
- ``marked``: ``--word-field biased_words`` (the part learnt from the words
  annotators marked; used only inside training folds).

    python eval/babe_cv.py                       # all three, fold seed 0
    python eval/babe_cv.py --seeds 0 1 2 --only default
    python eval/babe_cv.py --nested --only no-embeddings   # fully nested CV of the stack

``--nested`` also scores the framing stack by plain cross-validation with its
own inner cross-validation in every training fold (slow), to check the
shortcut :mod:`framing.classify.select` takes. ``--cache DIR`` keeps the
sentence embeddings between runs (NumPy files, keyed by each text's SHA-256).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
DATA = ROOT.parent / "shared" / "data" / "babe" / "train.jsonl"

CONFIGS = {
    "default": {"embeddings": True, "marked": False},
    "no-embeddings": {"embeddings": False, "marked": False},
    "marked": {"embeddings": True, "marked": True},
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", nargs="+", choices=list(CONFIGS), help="run only these configurations")
    ap.add_argument("--nested", action="store_true", help="also a fully nested CV of the stack")
    ap.add_argument("--cache", type=Path, help="keep sentence embeddings in this folder")
    args = ap.parse_args(argv)
    if not Path(args.data).exists():
        print(f"BABE not found at {args.data}", file=sys.stderr)
        return 2
    from embcache import load_cache, save_cache
    from splits import is_held_out

    from framing.classify import (Examples, candidate_model, cross_validate, evaluate,
                                  read_examples, train)

    ex = read_examples(args.data, text_field="text", label_field="biased", word_field="biased_words")
    keep = [not is_held_out(i) for i in ex.ids]

    def part(mask):
        idx = [k for k, m in enumerate(mask) if m]
        return Examples([ex.ids[k] for k in idx], [ex.texts[k] for k in idx],
                        [ex.labels[k] for k in idx], False, words=[ex.words[k] for k in idx],
                        paths=ex.paths, sha256=ex.sha256)

    dev, held = part(keep), part([not m for m in keep])
    print(f"{args.data}: {len(ex.ids)} sentences; dev (cross-validated) {len(dev.ids)} "
          f"{dev.counts()}, held out {len(held.ids)} {held.counts()}")
    load_cache(args.cache, ex.texts)
    rows = []
    for name in args.only or list(CONFIGS):
        cfg = CONFIGS[name]
        for seed in args.seeds:
            data = dev if cfg["marked"] else Examples(dev.ids, dev.texts, dev.labels, False,
                                                      paths=dev.paths, sha256=dev.sha256)
            t = time.perf_counter()
            model, m = train(data, folds=args.folds, random_state=seed,
                             embeddings=cfg["embeddings"], label_field="biased")
            secs = time.perf_counter() - t
            print(f"\n## {name}, fold seed {seed}: {secs:.0f} s (selection and final fit)")
            print("| candidate | CV macro-F1 ± sd | held-out macro-F1 | chosen |")
            print("|---|---|---|---|")
            for row in m["selection"]:
                est = candidate_model(row["candidate"], data, random_state=seed,
                                      embeddings=cfg["embeddings"], folds=args.folds)
                if row["chosen"]:
                    h = evaluate(model, held)["macro_f1"]
                else:
                    fitted, _ = train(data, est, cv=False, random_state=seed)
                    h = evaluate(fitted, held)["macro_f1"]
                print(f"| {row['candidate']} ({', '.join(row['parts'])}) | {row['score']:.4f} ± "
                      f"{row['score_sd']:.4f} | {h:.4f} | {'yes' if row['chosen'] else ''} |",
                      flush=True)
                rows.append((name, seed, row["candidate"], row["score"], h, row["chosen"], secs))
            if args.nested:
                est = candidate_model("framing", data, random_state=seed,
                                      embeddings=cfg["embeddings"], folds=args.folds)
                t = time.perf_counter()
                nm = cross_validate(est, data.texts, data.labels, folds=args.folds,
                                    random_state=seed, words=data.words)
                print(f"nested CV of the framing stack: {nm['macro_f1']:.4f} ± "
                      f"{nm['macro_f1_sd']:.4f} ({time.perf_counter() - t:.0f} s) against "
                      f"{next(r['score'] for r in m['selection'] if r['candidate'] == 'framing'):.4f} "
                      "from the shared folds")
            save_cache(args.cache)
    print("\n| configuration | candidate | seeds | CV macro-F1 (mean) | held-out macro-F1 (mean) | chosen |")
    print("|---|---|---|---|---|---|")
    for key in dict.fromkeys((r[0], r[2]) for r in rows):
        rs = [r for r in rows if (r[0], r[2]) == key]
        print(f"| {key[0]} | {key[1]} | {len(rs)} | {np.mean([r[3] for r in rs]):.4f} | "
              f"{np.mean([r[4] for r in rs]):.4f} | {sum(r[5] for r in rs)}/{len(rs)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
