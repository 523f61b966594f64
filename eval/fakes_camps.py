"""FA-KES dev: does conflict-syria's lean separate the camps, with Reuters between them?

For every article of ../shared/data/fakes/dev.jsonl the lean of the
conflict-syria pack; then, per camp definition, the article-level AUC (the
chance that an opposition article leans further to the opposition side than
a state-camp article; ties one half, articles without a lean left out), the
camps' median leans, Reuters's median, and Reuters's distance from 0 as a
multiple of the nearest camp median's (the target: at most 0.5).

Camps (by outlet, fixed before any run):
  state vs coalition: SANA (Syrian state agency) vs Etilaf (the opposition
      National Coalition): the two parties' own outlets;
  allied state vs coalition: SANA, Al-Manar (Hezbollah), Al-Alam (Iranian
      state) vs Etilaf;
  wide: the above plus Sputnik and TASS vs Etilaf, Al-Araby, Daily Sabah,
      TRT, Asharq Al-Awsat, Al-Arabiya (outlets of the opposition's backers).

Figures for the whole dev file and for the fixed held-out 20% of it
(eval/splits.py), and for each per-article cap on repeated labels
(``framing.analyze.lean_parts(max_per_label=...)``): none (the default), 3, 1.

    python eval/fakes_camps.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leans import SHARED, auc, median, need  # noqa: E402
from splits import is_held_out  # noqa: E402

from framing.analyze import analyze, lean_parts  # noqa: E402
from framing.data import Article  # noqa: E402
from framing.lexicon import load_lexicon  # noqa: E402

CAMPS = {
    "state vs coalition": (["sana"], ["etilaf"]),
    "allied state vs coalition": (["sana", "manar", "alalam"], ["etilaf"]),
    "wide": (["sana", "manar", "alalam", "sputnik", "tass"],
             ["etilaf", "alaraby", "dailysabah", "trt", "asharqalawsat", "arabiya"]),
}
CAPS = (None, 3, 1)


def main(argv=None) -> int:
    path = need(SHARED / "fakes" / "dev.jsonl")
    lx = load_lexicon("conflict-syria")
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    hits = [analyze(Article(id=r["id"], text=r["text"], title=r.get("title")), [lx],
                    sentiment=False).terms for r in rows]
    print(f"FA-KES dev, {len(rows)} articles; lean of conflict-syria; AUC = opposition above state")
    print(f"{'part':9} {'cap':>4} {'camps':27} {'AUC':>6} {'state med':>9} {'opp med':>8} "
          f"{'Reuters':>8} {'ratio':>6}")
    for part in ("all", "held-out"):
        for cap in CAPS:
            by: dict[str, list[float]] = {}
            for r, hs in zip(rows, hits):
                if part == "held-out" and not is_held_out(r["id"]):
                    continue
                num, den = lean_parts([h for h in hs if h.lexicon == lx.name], lx.poles,
                                      max_per_label=cap)
                if den:
                    by.setdefault(r["outlet"], []).append(num / den)
            for name, (a, b) in CAMPS.items():
                sa = [x for o in a for x in by.get(o, [])]
                sb = [x for o in b for x in by.get(o, [])]
                ma, mb, mr = median(sa), median(sb), median(by.get("reuters", []))
                ratio = abs(mr) / min(abs(ma), abs(mb))
                print(f"{part:9} {str(cap):>4} {name:27} {auc(sa, sb):6.3f} {ma:+9.3f} {mb:+8.3f} "
                      f"{mr:+8.3f} {ratio:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
