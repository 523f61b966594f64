"""Error analysis of :func:`framing.attribution.find_attributions` on a gold corpus.

    python bench/attribution_errors.py ../shared/data/polnear/dev.jsonl [--examples 5]

Each gold attribution and each prediction falls into one class (matching as in
:mod:`framing.evaluate`): missed cues (split by why: in skipped text, a cue word
outside the model's vocabulary, or a word the models passed over), false
cues, wrong or missing sources, and contents with token F1 below 0.5 (split
by whether the predicted content lies on the wrong side of the cue). Counts
are printed most common first; ``--examples`` prints a few cases of each
(text from the corpus, printed to the terminal only).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framing.attribution import find_attributions, load_model  # noqa: E402
from framing.evaluate import _greedy, _ov, _token_f1, attribution_skip, read_gold  # noqa: E402
from framing.lexicon import load_lexicons  # noqa: E402
from framing import text as T  # noqa: E402


def classify(items, model):
    lexs = load_lexicons(None)
    errors = defaultdict(list)
    for art, gold in items:
        t = art.text
        skip = attribution_skip(art)
        pred = sorted(find_attributions(t, lexicons=lexs, skip=skip, model=model),
                      key=lambda a: (a.cue.start, a.cue.end))
        match = _greedy(gold, pred, lambda g, a: _ov(g.cue, a.cue.start, a.cue.end))
        toks = T.words(t)
        used = set()
        for g, j in zip(gold, match):
            cue_txt = " ".join(t[s:e] for s, e in g.cue)
            ctx = t[max(0, g.cue[0][0] - 100):g.cue[-1][1] + 100].replace("\n", " ")
            if j is None:
                if any(_ov(((s, e),), *g.cue[0]) for s, e in skip):
                    errors["missed: in headline/boilerplate"].append((cue_txt, ctx))
                elif model is not None and not any(w.lower() in model.vocab for w in cue_txt.split()):
                    errors["missed: cue word outside vocabulary"].append((cue_txt, ctx))
                else:
                    errors["missed: cue passed over"].append((cue_txt, ctx))
                continue
            used.add(j)
            a = pred[j]
            if g.source and not (a.source and _ov(g.source, a.source.start, a.source.end)):
                gs = " ".join(t[s:e] for s, e in g.source)
                kind = "source: none predicted" if a.source is None else "source: wrong"
                errors[kind].append((f"{gs!r} vs {a.source.text if a.source else None!r} ({a.cue.text})", ctx))
            f1 = _token_f1(toks, ((a.content.start, a.content.end),), g.content)
            if f1 < 0.5:
                gc = " ".join(t[s:e] for s, e in g.content)
                side_ok = (a.content.start >= a.cue.end) == (g.content[0][0] >= g.cue[-1][1])
                kind = "content: wrong side of cue" if not side_ok else "content: bad boundaries"
                errors[kind].append((f"gold {gc[:90]!r} | pred {a.content.text[:90]!r}", ctx))
        for j, a in enumerate(pred):
            if j not in used:
                ctx = t[max(0, a.cue.start - 100):a.cue.end + 100].replace("\n", " ")
                errors["false cue"].append((a.cue.text, ctx))
    return errors


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data")
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--rules-only", action="store_true", help="without the learned stage")
    ap.add_argument("--words", type=int, default=12, help="most common cue words shown per class")
    args = ap.parse_args(argv)
    model = None if args.rules_only else load_model()
    errors = classify(read_gold(args.data), model)
    for kind, cases in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(cases):5d}  {kind}")
        if kind.startswith(("missed", "false")):
            words = Counter(c[0].lower() for c in cases).most_common(args.words)
            print("       " + ", ".join(f"{w} {n}" for w, n in words))
        for c in cases[:args.examples]:
            print(f"         - {c[0]}\n           ... {c[1]} ...")


if __name__ == "__main__":
    main()
