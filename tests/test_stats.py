"""The seeded bootstrap of pooled ratios (framing.stats)."""

import math

import numpy as np
import pytest

from framing.stats import (DEFAULT_RESAMPLES, DEFAULT_SEED, MIN_ARTICLES, bootstrap_ratios,
                           few_articles_warning)


def test_two_articles_interval_spans_the_two_article_ratios():
    # resamples of {1/1, 3/1}: both first (p=.25) -> 1, mixed (p=.5) -> 2, both second -> 3;
    # the 2.5th and 97.5th percentiles are therefore 1 and 3
    lo, hi = bootstrap_ratios(["a", "a"], [1.0, 3.0], [1.0, 1.0])
    assert (lo.loc["a", 0], hi.loc["a", 0]) == (1.0, 3.0)


def test_ratio_is_pooled_not_averaged():
    # article ratios 1/1 and 10/100: pooled resamples are 1, 11/101 or 0.1 -- never the
    # mean of ratios (0.55)
    lo, hi = bootstrap_ratios(["g"] * 2, [1.0, 10.0], [1.0, 100.0], n_resamples=500)
    assert lo.loc["g", 0] == pytest.approx(0.1)
    assert hi.loc["g", 0] == pytest.approx(1.0)


def test_same_seed_same_interval_other_seed_other_interval():
    rng = np.random.default_rng(7)
    num, den = rng.poisson(3, 40).astype(float), rng.poisson(20, 40).astype(float) + 1
    g = ["x"] * 40
    a = bootstrap_ratios(g, num, den, seed=1)
    b = bootstrap_ratios(g, num, den, seed=1)
    c = bootstrap_ratios(g, num, den, seed=2)
    assert a[0].equals(b[0]) and a[1].equals(b[1])
    assert not a[0].equals(c[0])


def test_a_groups_interval_does_not_depend_on_other_groups():
    rng = np.random.default_rng(3)
    num, den = rng.random(30), rng.random(30) + 0.5
    alone = bootstrap_ratios(["a"] * 30, num, den)
    with_b = bootstrap_ratios(["a"] * 30 + ["b"] * 5, np.r_[num, np.ones(5)],
                              np.r_[den, np.ones(5)])
    assert alone[0].loc["a", 0] == with_b[0].loc["a", 0]
    assert alone[1].loc["a", 0] == with_b[1].loc["a", 0]


def test_several_measures_scale_and_shared_denominator():
    lo, hi = bootstrap_ratios(["a", "a"], [[1.0, 0.0], [3.0, 2.0]], [1.0, 1.0],
                              scale=[1000.0, 1.0])
    assert list(lo.loc["a"]) == [1000.0, 0.0]
    assert list(hi.loc["a"]) == [3000.0, 2.0]


def test_one_article_or_zero_denominators_give_no_interval():
    lo, hi = bootstrap_ratios(["a", "b", "b"], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0])
    assert math.isnan(lo.loc["a", 0]) and math.isnan(hi.loc["a", 0])   # one article
    assert math.isnan(lo.loc["b", 0])                                 # 0/0 in every resample


def test_coverage_of_the_95_interval_is_close_to_95_percent():
    """Simulate 300 groups of 40 articles from a known process; count the intervals
    that contain the true ratio (E[num] / E[den] = 0.2)."""
    rng = np.random.default_rng(20240601)
    covered = 0
    n_sim = 300
    for _ in range(n_sim):
        den = rng.integers(50, 500, 40).astype(float)        # words
        num = rng.binomial(den.astype(int), 0.2).astype(float)  # hits
        lo, hi = bootstrap_ratios(["g"] * 40, num, den, n_resamples=1000, seed=int(rng.integers(1e9)))
        covered += lo.loc["g", 0] <= 0.2 <= hi.loc["g", 0]
    assert 0.90 <= covered / n_sim <= 0.99


def test_defaults_are_documented_values():
    assert (DEFAULT_SEED, DEFAULT_RESAMPLES, MIN_ARTICLES) == (20240601, 2000, 10)


@pytest.mark.parametrize("n, text", [
    (0, "only 0 articles: no interval"),
    (1, "only 1 article: no interval"),
    (9, "only 9 articles (< 10): interval unreliable"),
    (10, ""),
])
def test_few_articles_warning(n, text):
    assert few_articles_warning(n) == text


def test_the_chunk_size_changes_neither_draws_nor_intervals(monkeypatch):
    # the resamples are drawn chunk by chunk to bound memory (stats._CHUNK weights at a
    # time); PCG64 keeps its spare 32-bit half in the generator's state, so any chunking
    # draws the same articles. Sums of counts are exact in any order: their intervals are
    # the same to the last bit; sums of other numbers may round apart in the last bit
    import framing.stats as st

    rng = np.random.default_rng(3)
    groups = ["SANA"] * 300 + ["Reuters"] * 41
    num = np.column_stack([rng.integers(0, 9, 341), rng.random(341)])   # counts, and scores
    den = rng.integers(1, 40, 341).astype(float)
    base = bootstrap_ratios(groups, num, den, n_resamples=999)
    for chunk in (1, 7_777, 10**8):
        monkeypatch.setattr(st, "_CHUNK", chunk)
        lo, hi = bootstrap_ratios(groups, num, den, n_resamples=999)
        assert lo[0].equals(base[0][0]) and hi[0].equals(base[1][0])
        assert np.allclose(lo[1], base[0][1], rtol=0, atol=1e-12)
        assert np.allclose(hi[1], base[1][1], rtol=0, atol=1e-12)
