"""Benchmark the term matcher: MB of article text per second, every shipped pack, one core.

Usage::

    python bench/bench_terms.py [CORPUS.jsonl] [--repeat 3] [--baseline OLD_TERMS.py]

CORPUS defaults to ``../shared/data/fakes/dev.jsonl``. Each pass runs
``find_terms(text, pack)`` for every article and, as ``framing.analyze`` does,
every shipped pack in turn (patterns are compiled before timing, so a pass
measures matching only). The figure printed is the median of ``--repeat``
passes, in MB (10^6 bytes of UTF-8 text) per second of CPU time of this
process: one core, and other jobs on a shared machine do not count (though
they still slow its caches down).

``--baseline FILE`` times another version of ``framing/terms.py`` (e.g.
``git show HEAD~1:framing/terms.py > /tmp/old.py``) in the same run,
interleaved pass by pass, so both figures see the same machine load, and
reports for how many (article, pack) pairs both versions find the same hits.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.lexicon import available_lexicons, load_lexicon  # noqa: E402
from framing import terms as current  # noqa: E402


def _load_impl(path: str):
    spec = importlib.util.spec_from_file_location("framing._bench_baseline", path,
                                                  submodule_search_locations=None)
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "framing"  # so its relative imports resolve to the installed package
    sys.modules[spec.name] = mod  # dataclasses look their module up here
    spec.loader.exec_module(mod)
    return mod


def _pass(impl, texts, packs):
    t0 = time.process_time()  # CPU time of this process: other jobs on the machine do not count
    n = 0
    for t in texts:  # as framing.analyze does: each article against every pack in turn
        for lx in packs:
            n += len(impl.find_terms(t, lx))
    return time.process_time() - t0, n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/data/fakes/dev.jsonl"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", metavar="FILE", help="another terms.py to time in the same run")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--packs", metavar="NAME,...", help="time only these packs (default: every shipped pack)")
    args = ap.parse_args(argv)
    p = Path(args.corpus)
    if not p.is_file():
        sys.exit(f"bench_terms: corpus not found: {p}")
    with p.open(encoding="utf-8") as fh:
        texts = [json.loads(line)[args.text_field] for line in fh if line.strip()]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    names = args.packs.split(",") if args.packs else available_lexicons()
    packs = [load_lexicon(n) for n in names]
    impls = {"current": current}
    if args.baseline:
        impls = {"baseline": _load_impl(args.baseline), **impls}
    for impl in impls.values():  # warm-up: compile patterns
        _pass(impl, texts[:5], packs)
    times = {k: [] for k in impls}
    hits = {}
    for _ in range(args.repeat):
        for k, impl in impls.items():
            dt, n = _pass(impl, texts, packs)
            times[k].append(dt)
            hits[k] = n
    print(f"corpus: {p} ({len(texts)} articles, {mb:.3f} MB UTF-8)")
    print(f"packs: {', '.join(f'{lx.name} ({lx.n_forms()} forms)' for lx in packs)}")
    for k in impls:
        med = statistics.median(times[k])
        print(f"{k:>8}: {mb / med:6.2f} MB/s  (median of {args.repeat}: {med:.3f} s; "
              f"passes {', '.join(f'{t:.3f}' for t in times[k])}; {hits[k]} hits)")
    if args.baseline:
        same, differ = _compare_hits(impls["baseline"], current, texts, packs)
        print(f"identical hits: {same} of {same + differ} (article, pack) pairs"
              + ("" if not differ else "; a baseline without exclude_context ignores those rules"))


def _compare_hits(a, b, texts, packs):
    same = differ = 0
    for lx in packs:
        for t in texts:
            ha = [(h.start, h.end, h.referent, h.label) for h in a.find_terms(t, lx)]
            hb = [(h.start, h.end, h.referent, h.label) for h in b.find_terms(t, lx)]
            same, differ = (same + 1, differ) if ha == hb else (same, differ + 1)
    return same, differ


if __name__ == "__main__":
    main()
