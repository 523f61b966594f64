"""Same-event clustering (framing.events) and within-event comparison (framing.compare.event_*)."""

import math

import pandas as pd
import pytest

from framing import Article, analyze
from framing.compare import event_departures, event_labels, event_outlets
from framing.errors import FramingError
from framing.events import find_events, pair_scores

DOUMA = [
    Article("a1", "Shelling of Douma killed nine civilians on Monday, rescuers said. "
                  "The regime denied targeting the market.", outlet="a", date="2018-02-05",
            title="Nine killed in Douma shelling"),
    Article("b1", "Nine civilians were killed in shelling on the Douma market, rescuers said. "
                  "The government said it hit terrorists.", outlet="b", date="2018-02-06",
            title="Douma market shelling kills nine"),
    Article("c1", "Rescuers in Douma said nine civilians died when shells hit the market.",
            outlet="c", date="2018-02-05", title="Shells hit Douma market"),
]
GENEVA = [
    Article("a2", "Peace talks in Geneva resumed with a new agenda on elections and a "
                  "constitution.", outlet="a", date="2018-02-06", title="Geneva talks resume"),
    Article("b2", "Geneva peace talks resume; delegates discuss the constitution and elections.",
            outlet="b", date="2018-02-07", title="Talks resume in Geneva"),
]
LATER = [  # the Douma story again, but a month later: outside the window
    Article("c2", "Shelling of the Douma market killed nine civilians, rescuers said.",
            outlet="c", date="2018-03-20", title="Douma market shelled"),
]


def test_find_events_clusters_by_story_and_date():
    ev = find_events(DOUMA + GENEVA + LATER)
    got = dict(zip(ev["id"], ev["event"]))
    assert got["a1"] == got["b1"] == got["c1"]
    assert got["a2"] == got["b2"] != got["a1"]
    assert got["c2"] not in {got["a1"], got["a2"]}          # a month later: its own event
    assert list(ev["n_outlets"]) == [3, 3, 3, 2, 2, 1]
    assert ev.loc[5, "similarity"] != ev.loc[5, "similarity"]   # NaN: no link
    assert ev.attrs["window_days"] == 3


def test_window_and_threshold_matter():
    # a one-day window cuts c1 (5 Feb) from nothing and a1 from nothing, but a
    # window of 0 days separates b1 (6 Feb) from a1 and c1 (5 Feb)
    ev = find_events(DOUMA, window_days=0)
    got = dict(zip(ev["id"], ev["event"]))
    assert got["a1"] == got["c1"] != got["b1"]
    ev = find_events(DOUMA, threshold=0.99)
    assert ev["event"].nunique() == 3


def test_articles_of_one_outlet_are_never_linked_directly():
    same = [Article("x1", "Nine killed in Douma shelling, rescuers said.", outlet="a",
                    date="2018-02-05"),
            Article("x2", "Nine killed in Douma shelling, rescuers said.", outlet="a",
                    date="2018-02-05")]
    assert find_events(same)["event"].nunique() == 2


def test_missing_dates_are_not_compared_and_bad_options_explained():
    nodate = [Article("n1", DOUMA[0].text, outlet="a"), Article("n2", DOUMA[1].text, outlet="b")]
    assert find_events(nodate)["event"].nunique() == 2
    with pytest.raises(FramingError, match="threshold must be between 0 and 1"):
        find_events(DOUMA, threshold=2)
    with pytest.raises(FramingError, match="takes Articles or Analyses"):
        find_events(["just a string"])
    assert find_events([]).empty


def test_pair_scores_by_hand():
    # predicted {0,1,2} {3}; gold {0,1} {2,3}; outlets a b c c
    ev = pd.DataFrame({"event": ["e1", "e1", "e1", "e2"], "outlet": ["a", "b", "c", "c"]})
    s = pair_scores(ev, ["x", "x", "y", "y"])
    # predicted cross-outlet pairs: (0,1) (0,2) (1,2); gold: (0,1) ((2,3) is one outlet)
    assert (s["predicted"], s["gold"], s["correct"]) == (3, 1, 1)
    assert s["precision"] == pytest.approx(1 / 3) and s["recall"] == 1.0
    assert s["f1"] == pytest.approx(0.5)


def test_event_outlets_departure_worked_by_hand():
    ans = [analyze(a) for a in DOUMA + GENEVA + LATER]
    eo = event_outlets(ans)
    douma = eo[eo["event"] == eo.loc[eo["outlet"] == "c", "event"].iloc[0]].set_index("outlet")
    assert set(douma.index) == {"a", "b", "c"}
    assert douma.loc["a", "article_ids"] == ["a1"]
    # each outlet's lean against the pooled lean of the other two, from the article leans
    arts = {an.article.id: an for an in ans}
    from framing.compare import article_table

    t = article_table([arts["a1"], arts["b1"], arts["c1"]]).set_index("id")
    num, den = t["lean_num"], t["lean_den"]
    a_lean = num["a1"] / den["a1"]
    others = (num["b1"] + num["c1"]) / (den["b1"] + den["c1"])
    assert douma.loc["a", "lean"] == pytest.approx(a_lean)
    assert douma.loc["a", "others_lean"] == pytest.approx(others)
    assert douma.loc["a", "lean_departure"] == pytest.approx(a_lean - others)
    assert "regime" in douma.loc["a", "labels"]
    # the Geneva event has two outlets; the later Douma story (one outlet) is not compared
    assert len(eo) == 5 and "c2" not in sum(eo["article_ids"], [])


def test_event_labels_show_a_label_an_outlet_avoided():
    ans = [analyze(a) for a in DOUMA]
    el = event_labels(ans)
    sg = el[el["referent"] == "syrian-government"]
    a = sg[sg["outlet"] == "a"].set_index("label")
    b = sg[sg["outlet"] == "b"].set_index("label")
    assert a.loc["regime", "count"] == 1 and a.loc["regime", "others_count"] == 0
    assert b.loc["regime", "count"] == 0 and b.loc["regime", "others_share"] == 1.0
    assert a.loc["regime", "article_ids"] == ["a1"]


def test_event_departures_average_over_events():
    eo = pd.DataFrame({
        "event": ["e1", "e1", "e2", "e2", "e3", "e3"],
        "outlet": ["a", "b", "a", "b", "a", "b"],
        "lean_departure": [0.2, -0.2, 0.4, -0.4, math.nan, math.nan],
        "label_departure": [0.5, 0.5, 0.0, 0.0, 1.0, 1.0],
    })
    d = event_departures(eo, n_resamples=500).set_index("outlet")
    assert d.loc["a", "lean_departure"] == pytest.approx(0.3)   # (0.2 + 0.4) / 2, e3 undefined
    assert d.loc["a", "n_events"] == 3 and d.loc["a", "n_events_lean"] == 2
    assert d.loc["b", "label_departure"] == pytest.approx(0.5)
    assert d.loc["a", "lean_departure_lo"] == pytest.approx(0.2)
    assert d.loc["a", "lean_departure_hi"] == pytest.approx(0.4)
    assert d.loc["a", "warning"] == "only 3 events (< 10): interval unreliable"
    assert list(d.index) == ["b", "a"]                          # sorted by departure


def test_event_comparison_needs_texts():
    from framing.compare import tables

    with pytest.raises(FramingError, match="needs the analyses"):
        event_outlets(tables([analyze(a) for a in DOUMA]))


def test_cli_compare_events(tmp_path, capsys):
    import json

    from framing.cli import main

    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps({"id": a.id, "outlet": a.outlet, "date": a.date,
                                     "title": a.title, "text": a.text}) + "\n"
                         for a in DOUMA + GENEVA), encoding="utf-8")
    code = main(["compare", str(p), "--events", "--jobs", "1", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0].startswith("event,event_title,outlet,date,n_articles,article_ids,lean")
    assert len(out.splitlines()) == 6
    assert "TF-IDF cosine >= 0.2 within 3" in err
    code = main(["compare", str(p), "--events", "--measure", "voice", "--jobs", "1"])
    assert code == 2 and "not available for events" in capsys.readouterr().err


def test_basil_pairing_when_present():
    """BASIL dev: each event is covered by three outlets; the figures are printed by
    eval/basil_events.py and banded in tests/test_claims.py. Here: the counts behind them."""
    from pathlib import Path

    p = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil" / "dev.jsonl"
    if not p.exists():
        pytest.skip(f"BASIL dev not present at {p} (../shared/data is only on developer machines)")
    import framing

    arts = list(framing.read_corpus(p))
    ev = find_events(arts)
    s = pair_scores(ev, [a.meta["event"] for a in arts])
    assert s["gold"] == 150            # 50 events x 3 cross-outlet pairs
    assert s["correct"] <= s["predicted"] and s["correct"] <= s["gold"]
    assert s["precision"] == pytest.approx(s["correct"] / s["predicted"])
    assert s["recall"] == pytest.approx(s["correct"] / s["gold"])
    assert list(ev["id"]) == [a.id for a in arts]   # one row per article, in input order
    from claims import CLAIMS

    for name, key in (("basil dev event pairing precision", "precision"),
                      ("basil dev event pairing recall", "recall")):
        assert CLAIMS[name].holds(s[key]), CLAIMS[name].describe(name, s[key])
