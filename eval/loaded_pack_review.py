"""Review the general-bias pack against the loaded-language tagger (``lexicon suggest`` style).

Runs the tagger and the pack over news corpora the tagger was not trained on (FA-KES dev,
PolNeAR dev, the narrative-frames climate corpus by default) and prints two tables:

1. every pack form that fired, with its count, the number of corpora it fired in and the
   tagger's mean probability on its hits (low: the tagger reads it as plain reporting;
   candidates to drop, to be judged by hand in context);
2. words the tagger marks that no pack lists, with their count, the number of corpora and
   outlets they occur in, and the mean probability (candidates to add: only words that
   occur across corpora and outlets, so that they generalise).

Usage: python eval/loaded_pack_review.py [CORPUS.jsonl ...] [--top 60]
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import framing  # noqa: E402
from framing.corpus import Fields  # noqa: E402
from framing.lexicon import load_lexicons  # noqa: E402
from framing.loaded import _sigmoid, load_model, spans_from_scores, token_scores  # noqa: E402
from framing.terms import find_terms  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DEFAULT = [DATA / "fakes" / "dev.jsonl", DATA / "polnear" / "dev.jsonl",
           DATA / "narrative_frames" / "all.jsonl"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", default=[str(p) for p in DEFAULT])
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args(argv)
    model = load_model()
    cut = model.logit_threshold
    packs = tuple(load_lexicons(None)) + (framing.load_lexicon("conflict-russia-ukraine"),
                                           framing.load_lexicon("conflict-israel-palestine"))
    gb = framing.load_lexicon("general-bias")
    form_stats = defaultdict(lambda: [0, set(), 0.0])  # (label, form text) -> n, corpora, sum p
    tag_stats = defaultdict(lambda: [0, set(), set(), 0.0])  # word -> n, corpora, outlets, sum p
    n_words = 0
    for path in args.corpora:
        if not Path(path).exists():
            print(f"skipped (not found): {path}", file=sys.stderr)
            continue
        name = Path(path).parent.name
        fields = Fields(outlet="publisher") if "polnear" in str(path) else None
        for art in framing.read_corpus(path, fields=fields):
            text = art.text
            toks, z = token_scores(text, model)
            n_words += len(toks)
            starts = [s for s, _ in toks]
            listed = set()
            for lx in packs:
                for h in find_terms(text, lx):
                    listed.update(range(h.start, h.end))
                    if lx is gb:
                        i = bisect.bisect_left(starts, h.start)
                        ps = [_sigmoid(z[k]) for k in range(i, len(toks)) if toks[k][0] < h.end]
                        st = form_stats[(h.label, h.text.lower())]
                        st[0] += 1
                        st[1].add(name)
                        st[2] += max(ps) if ps else 0.0
            for s, e, x in spans_from_scores(text, toks, z, cut):
                if s in listed:
                    continue
                st = tag_stats[text[s:e].lower()]
                st[0] += 1
                st[1].add(name)
                st[2].add(f"{name}:{art.outlet}")
                st[3] += _sigmoid(x)
    print(f"{n_words} words; tagger threshold {model.threshold}\n")
    print("## general-bias forms by the tagger's mean probability (lowest first; >= 5 hits)\n")
    print("| label | form | hits | corpora | mean p |\n|---|---|---|---|---|")
    rows = [(k, v) for k, v in form_stats.items() if v[0] >= 5]
    for (label, form), (n, cs, sp) in sorted(rows, key=lambda kv: kv[1][2] / kv[1][0])[:args.top]:
        print(f"| {label} | {form} | {n} | {len(cs)} | {sp / n:.3f} |")
    print("\n## words the tagger marks that no pack lists (in >= 2 corpora and >= 3 outlets)\n")
    print("| words | hits | corpora | outlets | mean p |\n|---|---|---|---|---|")
    rows = [(k, v) for k, v in tag_stats.items() if len(v[1]) >= 2 and len(v[2]) >= 3]
    for w, (n, cs, os_, sp) in sorted(rows, key=lambda kv: -kv[1][3])[:args.top]:
        print(f"| {w} | {n} | {len(cs)} | {len(os_)} | {sp / n:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
