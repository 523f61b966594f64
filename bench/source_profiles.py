"""Source-profile accuracy on the hand-annotated phrases of ``tests/data/source_profiles.jsonl``.

    python bench/source_profiles.py [--fakes ../shared/data/fakes/dev.jsonl] [--model none]

The file holds 74 source phrases annotated for this project (65 from FA-KES dev,
9 from the seed article): corpus, article id, offsets, type, side, named, and a
hash of the phrase (no text). How they were annotated:
``tests/data/source_profiles.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import framing  # noqa: E402
from framing.evaluate import evaluate_source_profiles, read_profile_annotations  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--annotations", default=str(ROOT / "tests" / "data" / "source_profiles.jsonl"))
    ap.add_argument("--fakes", default=str(ROOT.parent / "shared" / "data" / "fakes" / "dev.jsonl"))
    ap.add_argument("--model", default="default", help="'none' for the rules alone")
    args = ap.parse_args(argv)
    arts = {("fakes/dev", a.id): a for a in framing.read_corpus(args.fakes)}
    arts.update({("seed", a.id): a for a in framing.read_corpus(ROOT / "seeds")})
    ann = read_profile_annotations(args.annotations)
    res = evaluate_source_profiles(ann, arts, model=None if args.model == "none" else args.model,
                                   path=args.annotations)
    for k, v in res.items():
        print(f"{k:16s} {v:.3f}" if isinstance(v, float) else f"{k:16s} {v}")


if __name__ == "__main__":
    main()
