"""Speed of the loaded-language tagger, alone and joined into the analysis.

1. The tagger alone (:func:`framing.loaded.find_loaded` with the article's quotations found
   as the analysis finds them): milliseconds per article and per 800 words, median of
   ``--repeat`` passes over the corpus (the first pass, which fills the per-word cache, is
   timed separately).
2. The analysis with and without the tagger, one process: articles per second of
   ``framing.analyze(a)`` and of ``framing.analyze(a, loaded=True)`` (what ``--loaded`` runs),
   medians of ``--repeat`` passes, A/B interleaved article by article in the same run.

Times are CPU seconds of this process (``time.process_time``): on a shared machine the wall
clock measures the other processes as much as this one.

Usage: python bench/bench_loaded.py [CORPUS.jsonl] [--repeat 5]
(default corpus: ../shared/data/polnear/train.jsonl, 840 articles)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import framing  # noqa: E402
from framing import text as T  # noqa: E402
from framing.corpus import Fields  # noqa: E402
from framing.lexicon import load_lexicons  # noqa: E402
from framing.loaded import find_loaded, load_model  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-analysis", action="store_true", help="time the tagger alone")
    args = ap.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"not found: {args.corpus}", file=sys.stderr)
        return 2
    arts = list(framing.read_corpus(args.corpus, fields=Fields(outlet="publisher")))
    n_words = sum(T.count_words(a.text) for a in arts)
    print(f"{args.corpus}: {len(arts)} articles, {n_words} words ({n_words / len(arts):.0f} per article)")
    m = load_model()
    quotes = [T.quotations(a.text) for a in arts]

    def tag_all():
        t = time.process_time()
        n = sum(len(find_loaded(a.text, model=m, quotes=q)) for a, q in zip(arts, quotes))
        return time.process_time() - t, n

    first, n_hits = tag_all()
    runs = [tag_all()[0] for _ in range(args.repeat)]
    med = statistics.median(runs)
    print(f"tagger alone: first pass {1000 * first / len(arts):.2f} ms/article; median of {args.repeat}: "
          f"{1000 * med / len(arts):.2f} ms/article = {1000 * med / n_words * 800:.2f} ms per 800 words "
          f"(runs: {', '.join(f'{r:.2f}' for r in runs)} s); {n_hits} hits, "
          f"{1000 * n_hits / n_words:.1f} per 1,000 words")
    if args.no_analysis:
        return 0
    lexs = load_lexicons(None)
    for a in arts[:5]:  # warm-up: packs, models, caches
        framing.analyze(a, lexs, loaded=m)
    plain, joined = [], []
    clock = time.process_time
    for r in range(args.repeat):  # interleaved article by article, so that load on the machine
        p = j = 0.0               # hits both alike; which goes first alternates
        for k, a in enumerate(arts):
            for tagged in ((False, True) if (k + r) % 2 else (True, False)):
                t = clock()
                framing.analyze(a, lexs, loaded=m if tagged else False)
                if tagged:
                    j += clock() - t
                else:
                    p += clock() - t
        plain.append(p)
        joined.append(j)
    p, j = statistics.median(plain), statistics.median(joined)
    print(f"analyze alone: {len(arts) / p:.0f} articles/s; analyze(loaded=True): {len(arts) / j:.0f} "
          f"articles/s (median of {args.repeat}, one process; the tagger adds "
          f"{1000 * (j - p) / len(arts):.2f} ms/article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
