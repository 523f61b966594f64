"""Speech quotes on 52 non-PolNeAR articles (FA-KES dev, BASIL dev): framing in both modes, beside a
plain baseline, with continuation parts apart and joined, and the confusion of cue classes.

The gold is ``eval/speech_quotes.jsonl`` (ids and offsets only; the guideline is
``eval/speech_quotes.md``); the texts are read from ``../shared/data`` and each is
checked against the SHA-1 recorded with its annotation.

    python eval/speech_quotes.py                 # dev, held-out, held-out-2 and all
    python eval/speech_quotes.py --split held-out-2

A gold quote is found when a predicted quote covers at least 30% of its characters
(one-to-one, greedy in gold order; :func:`framing.evaluate.match_quotes`); speaker
accuracy is over the found quotes with a gold speaker (spans overlap).

- **parts**: every gold part is a quote; framing's direct attributions give a quote per
  ``part`` (``Attribution.parts``), indirect ones their content.
- **joined**: a gold quote and its parts are one quote (from the first part's start to
  the last part's end); framing gives one quote per attribution.
- **baseline** (quotation marks + nearest "said"): every quotation of three words or
  more is a quote (its inside); its speaker is the capitalised phrase after the nearest
  ``said``/``says``/``told`` in its sentence (``said X``), else the words just before
  that cue (``X said``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GOLD = ROOT / "eval" / "speech_quotes.jsonl"
SPEECH = ("speech", "writing", "according-to")
CUE_WORD = re.compile(r"\b(?:said|says|told)\b")
NAME_AFTER = re.compile(r"\s*((?:[A-Z][\w.'’-]*\s*){1,4})")
WORDS_BEFORE = re.compile(r"((?:[\w.'’-]+\s+){1,3})$")


def load():
    """``[(Article, annotation)]``, the texts checked against their SHA-1."""
    from framing.data import Article

    texts = {}
    for corpus in ("fakes", "basil"):
        path = DATA / corpus / "dev.jsonl"
        if not path.exists():
            sys.exit(f"{path}: not found (the texts are read from ../shared/data)")
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            texts[(corpus, str(r["id"]))] = r
    out = []
    for n, line in enumerate(GOLD.open(encoding="utf-8"), 1):
        a = json.loads(line)
        r = texts.get((a["corpus"], a["id"]))
        if r is None:
            sys.exit(f"{GOLD}:{n}: article {a['id']!r} of {a['corpus']!r} not found")
        if hashlib.sha1(r["text"].encode("utf-8")).hexdigest()[:len(a["sha1"])] != a["sha1"]:
            sys.exit(f"{GOLD}:{n}: the text of {a['id']!r} differs from the one annotated (sha1)")
        out.append((Article(id=a["id"], text=r["text"], title=r.get("title"), outlet=r.get("outlet")), a))
    return out


def gold_units(ann, joined: bool, classes=SPEECH):
    """The gold quotes of one annotation, as ``(Quote, class)``."""
    from framing.evaluate import Quote

    qs = ann["quotes"]
    out = []
    for i, q in enumerate(qs):
        if q["class"] not in classes:
            continue
        src = tuple(map(tuple, q["speaker"]))
        if not joined:
            out.append((Quote(src, tuple(q["content"][0])), q["class"]))
        elif q["part_of"] is None:
            parts = [q] + [p for p in qs if p["part_of"] == i]
            out.append((Quote(src, (parts[0]["content"][0][0], max(p["content"][0][1] for p in parts))),
                        q["class"]))
    return sorted(out, key=lambda u: u[0].content)


def framing_units(attributions, joined: bool):
    from framing.evaluate import Quote

    out = []
    for a in attributions:
        src = ((a.source.start, a.source.end),) if a.source is not None else ()
        spans = [a.content] if joined or not a.parts else a.parts
        out += [(Quote(src, (p.start, p.end)), a.cue_class) for p in spans]
    return sorted(out, key=lambda u: u[0].content)


def baseline_units(text: str):
    """Quotation marks + the nearest "said" (see the module docstring)."""
    from framing import text as T
    from framing.evaluate import Quote

    sents = T.sentences(text)
    out = []
    for qs, qe in T.quotations(text):
        inner = text[qs + 1:qe - 1]
        if len(inner.split()) < 3:
            continue
        ss, se = next(((a, b) for a, b in sents if a <= qs < b + 1), (qs, qe))
        lo, hi = min(ss, qs), max(se, qe)
        cues = [m for m in CUE_WORD.finditer(text, lo, hi) if not qs <= m.start() < qe]
        src = ()
        if cues:
            m = min(cues, key=lambda m: min(abs(m.start() - qe), abs(qs - m.end())))
            after = NAME_AFTER.match(text, m.end())
            if after and after.group(1).strip():
                src = ((after.start(1), after.start(1) + len(after.group(1).rstrip())),)
            else:
                before = WORDS_BEFORE.search(text, lo, m.start())
                if before:
                    src = ((before.start(1), before.start(1) + len(before.group(1).rstrip())),)
        out.append((Quote(src, (qs + 1, qe - 1)), "speech"))
    return out


def scores(pairs):
    """P, R, F1 and speaker accuracy summed over ``[(gold units, predicted units)]``."""
    from framing.evaluate import score_quotes

    tp = npred = ngold = sp = sok = 0
    for gold, pred in pairs:
        a, b, c, d, e = score_quotes([g for g, _ in gold], [p for p, _ in pred])
        tp, npred, ngold, sp, sok = tp + a, npred + b, ngold + c, sp + d, sok + e
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, (sok / sp if sp else 0.0), ngold, npred


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "held-out", "held-out-2", "all"], action="append",
                    help="which part(s) to score (default: dev, held-out, held-out-2 and all)")
    args = ap.parse_args(argv)
    from framing.attribution import find_attributions
    from framing.evaluate import attribution_skip, match_quotes
    from framing.lexicon import load_lexicons

    lexs = load_lexicons(None)
    items = load()
    preds = [find_attributions(art.text, lexicons=lexs, skip=attribution_skip(art)) for art, _ in items]
    speech = [find_attributions(art.text, lexicons=lexs, skip=attribution_skip(art), quotes="speech")
              for art, _ in items]
    n_quotes = Counter(q["class"] for _, a in items for q in a["quotes"])
    print(f"{len(items)} articles, {sum(n_quotes.values())} annotated quotes and parts: "
          + ", ".join(f"{k} {v}" for k, v in n_quotes.most_common()))
    for split in args.split or ["dev", "held-out", "held-out-2", "all"]:
        keep = [k for k, (_, a) in enumerate(items) if split == "all" or a["split"] == split]
        print(f"\n== {split}: {len(keep)} articles; speech quotes (speech, writing, according-to), "
              "found when 30% covered")
        print(f"{'system':38} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'gold':>5} {'pred':>5}")
        for joined in (False, True):
            how = "joined" if joined else "parts"
            rows = [("baseline: quotation marks + said", [
                (gold_units(items[k][1], joined), baseline_units(items[k][0].text)) for k in keep])]
            for mode in ("speech", "all"):
                rows.append((f"framing --quotes {mode}", [
                    (gold_units(items[k][1], joined),
                     framing_units(speech[k] if mode == "speech" else preds[k], joined))
                    for k in keep]))
            for name, pairs in rows:
                p, r, f, sa, ng, npred = scores(pairs)
                print(f"{name + ' (' + how + ')':38} {p:6.3f} {r:6.3f} {f:6.3f} {sa:8.3f} {ng:5d} {npred:5d}")
        conf: Counter = Counter()
        for k in keep:
            gold = gold_units(items[k][1], True, classes=None or tuple(n_quotes))
            pred = framing_units(preds[k], True)
            for (g, gc), j in zip(gold, match_quotes([g for g, _ in gold], [p for p, _ in pred])):
                conf[(gc, pred[j][1] if j is not None else "(not found)")] += 1
        cols = ["speech", "writing", "according-to", "belief", "evidence", "perception", "other", "(not found)"]
        print(f"\ncue classes (gold rows, framing --quotes all columns; joined quotes):")
        print(f"{'':14}" + "".join(f"{c[:11]:>12}" for c in cols))
        for g in ("speech", "writing", "according-to", "belief", "evidence", "perception", "other"):
            if any(conf[(g, c)] for c in cols):
                print(f"{g:14}" + "".join(f"{conf[(g, c)]:>12}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
