"""framing.analyze: one article in, one Analysis out; and the top-level Python API."""

import json

import pytest

import framing
from framing.analyze import VOICE_WEIGHTS, lean_parts


def test_offsets_are_sacred_on_seed(seed, seed_analysis):
    t = seed.text
    for h in seed_analysis.terms:
        assert t[h.start:h.end] == h.text
    for a in seed_analysis.attributions:
        for sp in (a.cue, a.content, a.source):
            if sp is not None:
                assert t[sp.start:sp.end] == sp.text


def test_seed_summary(seed_analysis):
    d = seed_analysis.to_dict()
    assert d["id"] == "memo-2017-03-22-hama-assault"
    # boilerplate: tagline, dateline, caption and three "Read:" lines, not counted as words
    assert len(d["boilerplate"]) == 6
    assert d["n_words"] == 658
    # "regime" (x8) and "sectarian Shia militias" outweigh the neutral wire words
    assert 0.2 < d["lean"] < 0.6
    assert d["leans"] == {"conflict-syria": d["lean"]}
    assert d["polarity"] is not None and 0 <= d["subjectivity"] <= 1
    json.dumps(d)  # serialisable as-is


def test_lean_weights_voice_and_connotation(mini):
    # narrator "regime" (w=3, +1); quoted "terrorists" (w=0.25*3, -1); narrator "government" (w=1, 0)
    t = 'The regime and the government met. "Terrorists attacked," a resident said.'
    a = framing.analyze(t, lexicons=[mini])
    assert [(h.text, h.voice) for h in a.terms] == [
        ("regime", "narrator"), ("government", "narrator"), ("Terrorists", "direct")]
    expected = (3 - 0.75) / (3 + 1 + 0.75)
    assert a.lean == pytest.approx(expected)
    assert lean_parts(a.terms, mini.poles) == pytest.approx((2.25, 4.75))
    assert VOICE_WEIGHTS == {"narrator": 1.0, "indirect": 0.5, "direct": 0.25}


def test_no_hits_no_lean(mini):
    a = framing.analyze("Nothing to see here.", lexicons=[mini])
    assert a.lean is None and a.terms == ()


def test_sentiment_only_from_narrator_sentences(mini):
    quoted = framing.analyze('"This is a terrible, horrible, disgusting attack," he said.', lexicons=[mini])
    assert quoted.polarity is None  # the only sentence is someone else's words
    own = framing.analyze("This is a terrible, horrible, disgusting attack.", lexicons=[mini])
    assert own.polarity < -0.5


def test_general_bias_has_no_lean_but_is_counted(seed_analysis):
    gb = [h for h in seed_analysis.terms if h.lexicon == "general-bias"]
    assert gb and "general-bias" not in seed_analysis.leans


def test_top_level_api(seed):
    df = framing.compare([seed])
    assert list(df.columns[:3]) == ["outlet", "n_articles", "n_words"]
    assert df.loc[0, "outlet"] == "Middle East Monitor" and df.loc[0, "n_articles"] == 1
    tidy = framing.compare.label_shares([framing.analyze(seed)])
    assert {"outlet", "referent", "label", "count", "share"} <= set(tidy.columns)


def test_top_level_report(tmp_path, seed):
    path = framing.report([seed], tmp_path / "r")
    assert path.name == "index.html" and "Middle East Monitor" in path.read_text(encoding="utf-8")


def test_analyze_rejects_other_types():
    with pytest.raises(TypeError, match="an Article, an Analysis or a str, not int"):
        framing.analyze(42)


def test_a_text_without_an_id_is_text_and_an_analysis_gives_its_article():
    a = framing.analyze("Regime forces shelled the town, activists said.")
    assert a.article.id == "text"
    again = framing.analyze(a)   # the analysis's article, analysed again
    assert again.article is a.article and again.to_dict() == a.to_dict()


def test_an_analysis_survives_its_json_record_exactly(seed_analysis):
    # the report spills analyses to a temporary file as JSON and reads each back for its page
    import json

    from framing.data import analysis_from_record, analysis_record

    rec = json.loads(json.dumps(analysis_record(seed_analysis)))
    back = analysis_from_record(rec)
    assert back == seed_analysis and len(back.attributions) == 10
    he = framing.analyze("Rami Abdel Rahman, head of the Observatory, said the regime shelled "
                         "the town. He said rebels had left.")
    back = analysis_from_record(json.loads(json.dumps(analysis_record(he))))
    assert back == he and back.attributions[1].source.resolved.text == "Rami Abdel Rahman"
    odd = framing.analyze(framing.Article(
        "z", "\u200fThe regime\u200b said e\u0301 \U0001d400 \ud800 rebels.", meta={"d": None}))
    assert analysis_from_record(json.loads(json.dumps(analysis_record(odd)))) == odd
