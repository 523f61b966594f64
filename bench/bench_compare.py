"""Time compare() (every measure with 95% bootstrap intervals, 2,000 resamples) on a synthetic
article table.

Usage: python bench/bench_compare.py N_ARTICLES N_GROUPS   (prints the median of 3 runs)
"""

import sys
import time

import numpy as np
import pandas as pd

from framing.compare import compare


def main(n: int, g: int) -> None:
    rng = np.random.default_rng(0)
    art = pd.DataFrame({
        "id": [f"a{i}" for i in range(n)], "outlet": rng.choice([f"o{j}" for j in range(g)], n),
        "date": "2017-01-01", "n_words": rng.integers(100, 900, n),
        "n_terms": rng.poisson(8, n), "n_loaded": rng.poisson(3, n),
        "lean_num": rng.normal(0, 3, n), "lean_den": rng.gamma(3, 2, n),
        "n_attributions": rng.poisson(4, n), "n_named": rng.poisson(2, n),
        "n_evaluative": rng.poisson(0.2, n), "n_loaded_narrator": rng.poisson(2, n),
        "n_loaded_direct": rng.poisson(1, n), "n_loaded_indirect": rng.poisson(1, n),
        "n_voice_gov": rng.poisson(1, n), "n_voice_unknown": rng.poisson(2, n),
        "n_voice_opp": rng.poisson(1, n), "polarity": rng.normal(0, 0.1, n),
        "subjectivity": rng.random(n)})
    art.attrs["sides"] = ("gov", "unknown", "opp")
    ts = []
    for _ in range(3):
        t = time.perf_counter()
        df = compare(art)
        ts.append(time.perf_counter() - t)
    print(f"{n} articles, {g} groups, {df.shape[1]} columns: median {sorted(ts)[1]:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
