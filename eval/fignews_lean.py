"""The lean of conflict-israel-palestine against FIGNEWS's human bias labels.

FIGNEWS-2024 (CAMeL Lab, MIT licence; ../shared/data/fignews/all.jsonl) has
1,500 posts about the 2023-24 Gaza war from outlets writing in Arabic,
English, French, Hebrew and Hindi, in English (the original or the
organisers' machine translation), each with the plurality of several
annotators' bias labels. The lean is negative when a post names things the
way the Israeli side does and positive the Palestinian side's way, so a post
"Biased against Palestine" should lean below one "Biased against Israel",
and unbiased posts should sit in between.

Printed, for the shipped pack, the pack as it was before issue #21
(``--no-old`` skips it) and a plain keyword baseline (the lower-case
substrings in KEYWORDS, counted +1 / -1):

* AUC, "against Israel" vs "against Palestine" posts: the chance that a
  post biased against Israel leans further to the Palestinian side than one
  biased against Palestine (ties count one half; a post with no hit counts
  as lean 0) -- overall and by source language;
* the same against the unbiased posts (unbiased vs against-Palestine, and
  against-Israel vs unbiased);
* Spearman's rho between the lean and the vote score (share of votes
  "against Israel" minus share "against Palestine"), over all posts;
* the share of posts with a lean;
* a camp proxy: AUC of Arabic-source posts vs Hebrew-source posts (Arab vs
  Israeli outlets), whatever their labels.

Every figure is given for the development part and the fixed held-out 20%
(eval/splits.py) separately; pack changes were chosen on the development
part only.

    python eval/fignews_lean.py [--pack PATH] [--no-old]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leans import SHARED, auc, keyword_lean, need, old_pack  # noqa: E402
from splits import is_held_out  # noqa: E402

from framing.analyze import analyze  # noqa: E402
from framing.data import Article  # noqa: E402
from framing.lexicon import load_lexicon  # noqa: E402

AI, AP, UN = "Biased against Israel", "Biased against Palestine", "Unbiased"
KEYWORDS = (("terror", "hostage", "kidnap"), ("genocide", "occupation", "martyr", "resistance"))
"""Baseline: (pro-Israel substrings, pro-Palestinian substrings), fixed before any run."""
LANGS = ("Arabic", "English", "French", "Hebrew", "Hindi")


def spearman(x, y) -> float:
    from scipy.stats import spearmanr
    return float(spearmanr(x, y).statistic)


def vote_score(r) -> float:
    v = r["bias_votes"]
    n = sum(v.values()) or 1
    return (v.get(AI, 0) - v.get(AP, 0)) / n


def figures(rows, leans):
    """The table's figures for one scorer: dict of name -> value."""
    z = [0.0 if x is None else x for x in leans]
    by = lambda lab, rs=None: [z[i] for i, r in enumerate(rows) if r["bias"] == lab
                               and (rs is None or r["language"] == rs)]
    out = {
        "AUC against-Israel vs against-Palestine": auc(by(AP), by(AI)),
        "AUC unbiased vs against-Palestine": auc(by(AP), by(UN)),
        "AUC against-Israel vs unbiased": auc(by(UN), by(AI)),
    }
    for lang in LANGS:
        out[f"  AUC AI vs AP, {lang} ({len(by(AI, lang))}/{len(by(AP, lang))})"] = auc(by(AP, lang), by(AI, lang))
    out["Spearman rho, lean vs vote score"] = spearman(z, [vote_score(r) for r in rows])
    out["posts with a lean"] = sum(x is not None for x in leans) / len(leans)
    for lab, name in ((AP, "against-Palestine"), (AI, "against-Israel"), (UN, "unbiased")):
        got = [leans[i] for i, r in enumerate(rows) if r["bias"] == lab]
        out[f"  with a lean, {name}"] = sum(x is not None for x in got) / max(1, len(got))
    heb = [z[i] for i, r in enumerate(rows) if r["language"] == "Hebrew"]
    ara = [z[i] for i, r in enumerate(rows) if r["language"] == "Arabic"]
    out["camp proxy AUC, Arabic- vs Hebrew-source posts"] = auc(heb, ara)
    return out


def pack_leans(rows, pack):
    lx = load_lexicon(pack)
    return [analyze(Article(id=r["id"], text=r["text"]), [lx], sentiment=False).lean for r in rows]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pack", default="conflict-israel-palestine", help="pack name or path")
    ap.add_argument("--no-old", action="store_true", help="skip the pack as it was before #21")
    ap.add_argument("--data", default=str(SHARED / "fignews" / "all.jsonl"))
    a = ap.parse_args(argv)
    rows = [json.loads(line) for line in open(need(Path(a.data)), encoding="utf-8")]
    scorers = {"pack": pack_leans(rows, a.pack)}
    if not a.no_old:
        scorers["old pack"] = pack_leans(rows, old_pack("conflict-israel-palestine"))
    scorers["keywords"] = [keyword_lean(r["text"], *KEYWORDS) for r in rows]
    parts = {"dev": [i for i, r in enumerate(rows) if not is_held_out(r["id"])],
             "held-out": [i for i, r in enumerate(rows) if is_held_out(r["id"])]}
    for part, idx in parts.items():
        sub = [rows[i] for i in idx]
        n = {lab: sum(r["bias"] == lab for r in sub) for lab in (AI, AP, UN)}
        print(f"\nFIGNEWS {part}: {len(sub)} posts (against Israel {n[AI]}, against Palestine "
              f"{n[AP]}, unbiased {n[UN]})")
        table = {name: figures(sub, [s[i] for i in idx]) for name, s in scorers.items()}
        names = list(table)
        print(f"{'':58}" + "".join(f"{n:>11}" for n in names))
        for key in table[names[0]]:
            print(f"{key:58}" + "".join(f"{table[n][key]:11.3f}" for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
