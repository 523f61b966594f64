"""Lexicon stats, precision samples and suggested terms, on articles written for these tests."""

import re

import pandas as pd
import pytest

import framing
from framing.analyze import analyze_many
from framing.data import Article
from framing.errors import FramingError
from framing.keyness import log_odds
from framing.lexicon import lexicon_from_dict
from framing.lexstats import lexicon_stats, sample_hits, suggest_terms

PACK = lexicon_from_dict({
    "name": "toy", "description": "toy pack", "axis": {"poles": ["gov", "opp"]},
    "referents": [
        {"id": "government", "labels": [
            {"label": "government", "forms": ["government", "Syrian government"]},
            {"label": "regime", "forms": ["regime", "Assad regime"], "connotation": -2, "echoes": "opp"},
            {"label": "leadership", "forms": ["wise leadership"], "connotation": 2, "echoes": "gov"}]},
        {"id": "rebels", "labels": [
            {"label": "rebels", "forms": ["rebel"]},
            {"label": "terrorists", "forms": ["terrorists"], "connotation": -2, "echoes": "gov"}]},
    ]})

ARTICLES = [
    Article("a1", "The regime shelled the town. Rebels said the Assad regime lied.", outlet="east"),
    Article("a2", "The government said terrorists attacked. \"The terrorists fled,\" an officer said.", outlet="west"),
    Article("a3", "Rebels and the government met; the regime denied it.", outlet="east"),
]


@pytest.fixture(scope="module")
def analyses():
    return list(analyze_many(ARTICLES, [PACK], sentiment=False))


def test_stats_counts_hits_voices_and_silent_labels(analyses):
    t = lexicon_stats(analyses, PACK).set_index("label")
    assert t.loc["regime", "hits"] == 3 and t.loc["regime", "articles"] == 2
    assert t.loc["government", "hits"] == 2 and t.loc["rebels", "hits"] == 2
    assert t.loc["terrorists", "hits"] == 2
    assert t.loc["terrorists", "direct"] == 1                      # inside the quotation
    assert t.loc["regime", "referent_hits"] == 5
    assert t.loc["regime", "share_of_referent"] == pytest.approx(3 / 5)
    assert t.loc["leadership", "hits"] == 0                         # never fires
    assert t.loc["leadership", "never_fired"] == "wise leadership"
    assert t.loc["regime", "forms_fired"] == 2 and t.loc["regime", "never_fired"] == ""
    assert t.loc["government", "never_fired"] == "Syrian government"


def test_sample_is_seeded_and_slices_the_text(analyses):
    s1 = sample_hits(analyses, PACK, 4, seed=3, width=10)
    s2 = sample_hits(analyses, PACK, 4, seed=3, width=10)
    assert s1.equals(s2) and len(s1) == 4
    texts = {a.id: a.text for a in ARTICLES}
    for r in s1.itertuples():
        assert texts[r.id][r.start:r.end] == r.match
        assert r.left == re.sub(r"\s+", " ", texts[r.id][max(0, r.start - 10):r.start])
        assert r.right == re.sub(r"\s+", " ", texts[r.id][r.end:r.end + 10])
    assert set(s1["verdict"]) == {""}
    all_hits = sample_hits(analyses, PACK, 100, seed=0)
    assert len(all_hits) == 9  # asking for more than there are gives them all
    assert not sample_hits(analyses, PACK, 9, seed=1)["n"].duplicated().any()
    with pytest.raises(FramingError, match="sample size must be positive"):
        sample_hits(analyses, PACK, 0)


def _corpus():
    east = ["Regime jets bombed the market and regime jets returned."] * 6
    west = ["Government aircraft struck positions; government aircraft returned."] * 6
    return [Article(f"e{i}", t, outlet="east") for i, t in enumerate(east)] + \
           [Article(f"w{i}", t, outlet="west") for i, t in enumerate(west)]


def test_suggest_ranks_by_log_odds_with_the_pooled_prior():
    arts = _corpus()
    an = list(analyze_many(arts, [PACK], sentiment=False))
    t = suggest_terms(an, by="outlet", lexicon=PACK, min_count=3, top=3, groups=["east"])
    assert list(t["group"]) == ["east"] * 3
    top = t.iloc[0]
    # the figures are keyness.log_odds on the group's counts against the rest
    east = {"regime": 12, "jets": 12, "bombed": 6, "market": 6, "returned": 6, "regime jets": 12,
            "jets bombed": 6, "jets returned": 6}
    west = {"government": 12, "aircraft": 12, "struck": 6, "positions": 6, "returned": 6,
            "government aircraft": 12, "aircraft struck": 6, "struck positions": 6, "aircraft returned": 6}
    ref = log_odds(east, west)
    assert top["term"] in {"regime", "jets", "regime jets"}
    row = ref.set_index("term").loc[top["term"]]
    assert top["z"] == pytest.approx(row["z"]) and top["delta"] == pytest.approx(row["delta"])
    assert "returned" not in set(t["term"])          # used by both groups alike
    marked = dict(zip(t["term"], t["in_pack"]))
    assert marked.get("regime", "government/regime") == "government/regime"


def test_suggest_near_a_referent_counts_only_its_context():
    arts = [Article("e1", "Shelling by the regime hit Idlib. Unrelated words about football and weather.", outlet="e"),
            Article("w1", "Shelling by the government hit Idlib. Unrelated words about football and weather.",
                    outlet="w")]
    an = list(analyze_many(arts, [PACK], sentiment=False))
    t = suggest_terms(an, lexicon=PACK, near="government", window=2, min_count=1, top=10, ngram=1)
    assert set(t["term"]) <= {"shelling", "hit", "idlib"}
    with pytest.raises(FramingError, match="referent 'army' not in pack 'toy'"):
        suggest_terms(an, lexicon=PACK, near="army")
    with pytest.raises(FramingError, match="at least two groups"):
        suggest_terms(an[:1], lexicon=PACK)


def test_cli_stats_and_sample(tmp_path, capsys):
    from framing.cli import main

    corpus = tmp_path / "c.jsonl"
    import json

    corpus.write_text("".join(json.dumps({"id": a.id, "text": a.text, "outlet": a.outlet}) + "\n"
                              for a in ARTICLES), encoding="utf-8")
    pack = tmp_path / "toy.toml"
    from framing.lexicon_formats import to_toml

    doc = {"name": "toy", "description": "toy pack", "axis": {"poles": ["gov", "opp"]}, "referents": [
        {"id": "government", "labels": [{"label": "regime", "forms": ["regime"], "echoes": "opp"}]}]}
    pack.write_text(to_toml(doc), encoding="utf-8")
    out = tmp_path / "s.csv"
    code = main(["lexicon", "stats", str(pack), str(corpus), "--sample", "2", "--seed", "1",
                 "--sample-out", str(out), "--format", "csv"])
    assert code == 0
    o, e = capsys.readouterr()
    assert "toy: 3 hits in 3 articles; 0 of 1 labels never fire" in e
    stats = pd.read_csv(__import__("io").StringIO(o))
    assert stats.loc[0, "hits"] == 3
    sample = pd.read_csv(out, keep_default_na=False)
    assert len(sample) == 2 and set(sample["match"]) == {"regime"}
    code = main(["lexicon", "suggest", str(corpus), "--lexicon", str(pack), "--min-count", "1", "--top", "2"])
    assert code == 0 and "east" in capsys.readouterr().out


def test_stats_on_fakes_dev(fakes_dev):
    arts = list(framing.read_corpus(fakes_dev))
    lx = framing.load_lexicon("conflict-syria")
    t = lexicon_stats(analyze_many(arts, [lx], sentiment=False), lx)
    assert t["hits"].sum() > 5000
    fired = t[t["hits"] > 0]
    assert len(fired) / len(t) > 0.8
    assert not t.loc[t["hits"] > 0, "share_of_referent"].isna().any()
