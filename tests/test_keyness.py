"""Log-odds ratio with an informative Dirichlet prior, checked against examples worked by hand.

Formula (Monroe, Colaresi & Quinn 2008, eqs. 16, 19, 20), for a term with
counts y_a, y_b, group sizes n_a, n_b, prior a_w and a_0 = sum of the prior:

    delta = log((y_a + a_w) / (n_a + a_0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
    z     = delta / sqrt(1 / (y_a + a_w) + 1 / (y_b + a_w))
"""

import math
from collections import Counter

import pandas as pd
import pytest

from framing.errors import FramingError
from framing.keyness import log_odds


def test_pooled_prior_worked_by_hand():
    # a = {x: 2, y: 1}, b = {x: 1, y: 2}; n_a = n_b = 3.
    # Pooled prior: a_x = a_y = 3, a_0 = 6.
    # x: delta = log(5 / (3+6-2-3)) - log(4 / (3+6-1-3)) = log(5/4) - log(4/5) = 2 log 1.25
    #    var = 1/5 + 1/4 = 0.45
    t = log_odds({"x": 2, "y": 1}, {"x": 1, "y": 2})
    assert list(t["term"]) == ["x", "y"]
    x = t.iloc[0]
    assert x["prior"] == 3
    assert x["delta"] == pytest.approx(2 * math.log(1.25))
    assert x["se"] == pytest.approx(math.sqrt(0.45))
    assert x["z"] == pytest.approx(2 * math.log(1.25) / math.sqrt(0.45))
    assert x["z"] == pytest.approx(0.6653, abs=1e-4)
    # symmetric: y is the mirror image
    assert t.iloc[1]["delta"] == pytest.approx(-x["delta"])
    assert list(t.columns) == ["term", "count_a", "count_b", "prior", "delta", "se", "z"]
    assert list(t["count_a"]) == [2, 1] and list(t["count_b"]) == [1, 2]


def test_background_prior_worked_by_hand():
    # a = {regime: 4, army: 1} (n_a = 5); b = {army: 2} (n_b = 2)
    # background {regime: 10, army: 10, rebels: 20}: a_0 = 40
    # regime: log(14/31) - log(10/32) = log(448/310); var = 1/14 + 1/10
    # army:   log(11/34) - log(12/30) = log(330/408); var = 1/11 + 1/12
    # rebels is used by neither group: no row
    t = log_odds(Counter(regime=4, army=1), {"army": 2},
                 prior={"regime": 10, "army": 10, "rebels": 20})
    assert list(t["term"]) == ["regime", "army"]
    r, a = t.iloc[0], t.iloc[1]
    assert r["delta"] == pytest.approx(math.log(448 / 310))
    assert r["z"] == pytest.approx(math.log(448 / 310) / math.sqrt(1 / 14 + 1 / 10))
    assert a["delta"] == pytest.approx(math.log(330 / 408))
    assert a["z"] == pytest.approx(math.log(330 / 408) / math.sqrt(1 / 11 + 1 / 12))
    assert r["z"] == pytest.approx(0.8893, abs=1e-4) and a["z"] == pytest.approx(-0.5083, abs=1e-4)


def test_uniform_prior_worked_by_hand():
    # uniform 0.5 over the 2 terms: a_0 = 1
    # x: log(2.5 / 1.5) - log(1.5 / 2.5) = 2 log(5/3); var = 1/2.5 + 1/1.5
    t = log_odds(pd.Series({"x": 2, "y": 1}), pd.Series({"x": 1, "y": 2}), prior=0.5)
    x = t.set_index("term").loc["x"]
    assert x["delta"] == pytest.approx(2 * math.log(5 / 3))
    assert x["z"] == pytest.approx(2 * math.log(5 / 3) / math.sqrt(1 / 2.5 + 1 / 1.5))


def test_prior_size_rescales_the_prior():
    # pooled prior {x: 3, y: 3} rescaled to a_0 = 2: a_x = a_y = 1
    # x: log(3 / (3+2-2-1)) - log(2 / (3+2-1-1)) = log(3/2) - log(2/3) = 2 log 1.5
    t = log_odds({"x": 2, "y": 1}, {"x": 1, "y": 2}, prior_size=2)
    x = t.set_index("term").loc["x"]
    assert x["prior"] == pytest.approx(1.0)
    assert x["delta"] == pytest.approx(2 * math.log(1.5))


def test_shrinkage_ranks_evidence_over_rare_terms():
    # "rare" is 2:0, "common" is 40:10 in groups of equal size: the raw odds of
    # "rare" are infinite, but the evidence for "common" is stronger.
    a = {"rare": 2, "common": 40, "the": 200}
    b = {"common": 10, "the": 232}
    t = log_odds(a, b)
    assert list(t["term"])[:2] == ["common", "rare"]
    assert t.set_index("term").loc["the", "z"] < 0


def test_bad_input_is_explained():
    with pytest.raises(FramingError, match="counts_a.*'x'.*>= 0"):
        log_odds({"x": -1}, {"x": 1})
    with pytest.raises(FramingError, match="no count for 1 term.*'y'"):
        log_odds({"x": 1, "y": 1}, {"x": 1}, prior={"x": 5})
    with pytest.raises(FramingError, match="uniform prior must be > 0"):
        log_odds({"x": 1}, {"x": 1}, prior=0)
    with pytest.raises(FramingError, match="mapping of term -> count"):
        log_odds(["x"], {"x": 1})
