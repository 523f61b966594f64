"""Check same-event clustering on BASIL dev: pairing precision and recall.

BASIL covers each event with three outlets (Fox News, New York Times,
HuffPost), so the gold pairs are the three cross-outlet pairs of each event.
A predicted pair is two articles from different outlets in the same
predicted event. Prints the scores of the defaults, a sweep over the
threshold (with the default 3-day window and with no date window at all,
which makes every other event a distractor), and a two-fold check: the
threshold is chosen on half of the events (by F1) and scored on the other
half.

Usage: python eval/basil_events.py [PATH]   (default ../shared/data/basil/dev.jsonl)
"""

from __future__ import annotations

import sys
import time
import zlib
from pathlib import Path

import framing
from framing.events import THRESHOLD, WINDOW_DAYS, find_events, pair_scores

THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
NO_WINDOW = 100_000  # days: effectively no date window


def scores(arts, window, threshold):
    ev = find_events(arts, window_days=window, threshold=threshold)
    return pair_scores(ev, [a.meta["event"] for a in arts])


def fmt(s):
    return (f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"(pairs: predicted {s['predicted']}, gold {s['gold']}, correct {s['correct']})")


def main(argv):
    root = Path(__file__).resolve().parent.parent
    path = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "data" / "basil" / "dev.jsonl"
    if not path.exists():
        print(f"BASIL not found at {path}", file=sys.stderr)
        return 2
    arts = list(framing.read_corpus(path))
    events = sorted({a.meta["event"] for a in arts})
    print(f"{path}: {len(arts)} articles, {len(events)} events, "
          f"outlets {sorted({a.outlet for a in arts})}")
    t = time.perf_counter()
    s = scores(arts, WINDOW_DAYS, THRESHOLD)
    print(f"\ndefaults (window {WINDOW_DAYS} days, threshold {THRESHOLD}): {fmt(s)}  "
          f"[{time.perf_counter() - t:.2f} s]")

    for window, name in ((WINDOW_DAYS, f"{WINDOW_DAYS}-day window"), (NO_WINDOW, "no window")):
        print(f"\nsweep, {name}:")
        for th in THRESHOLDS:
            print(f"  threshold {th:.2f}: {fmt(scores(arts, window, th))}")

    # two folds by a hash of the event id: choose on one, score on the other
    fold = {e: zlib.crc32(e.encode()) % 2 for e in events}
    print("\ntwo-fold check (threshold chosen by F1 on one half of the events, "
          f"{WINDOW_DAYS}-day window):")
    for k in (0, 1):
        tune = [a for a in arts if fold[a.meta["event"]] == k]
        test = [a for a in arts if fold[a.meta["event"]] != k]
        best = max(THRESHOLDS, key=lambda th: (scores(tune, WINDOW_DAYS, th)["f1"], th))
        print(f"  fold {k}: chose {best:.2f} on {len(tune)} articles; "
              f"on the other {len(test)}: {fmt(scores(test, WINDOW_DAYS, best))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
