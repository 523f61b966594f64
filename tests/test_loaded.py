"""The loaded-language tagger (framing.loaded): hits, voices, the model file, scoring, the CLI."""

import json
import math

import pytest

import framing
from framing import text as T
from framing.cli import main
from framing.data import LoadedHit, analysis_from_record, analysis_record
from framing.errors import CorpusError, FramingError
from framing.loaded import (DEFAULT_MODEL, evaluate_loaded, find_loaded, load_model, model_from_dict,
                            narrator_words, pack_baseline, pattern_lexicon, read_span_gold,
                            score_spans, subjectivity_baseline, token_features, token_scores,
                            with_loaded)

from conftest import SHARED

# Sentences written for these tests.
LOADED = [
    ("Critics slammed the draconian new law as a brazen power grab.", {"slammed", "draconian"}),
    ("The regime's thugs launched a brutal crackdown on peaceful protesters.", {"brutal"}),
    ("The so-called reform is a disastrous hoax, opponents say.", {"so-called", "disastrous"}),
]
PLAIN = [
    "The city council met on Tuesday to discuss the budget for next year.",
    "The ministry said 42 people were registered at the centre in March.",
    "Officials opened a new bridge over the river on Monday morning.",
]


def words_of(hits):
    return {w.lower() for h in hits for w in h.text.split()}


@pytest.mark.parametrize("text,expected", LOADED)
def test_finds_loaded_words(text, expected):
    hits = find_loaded(text)
    assert expected <= words_of(hits), [h.text for h in hits]
    for h in hits:
        assert text[h.start:h.end] == h.text
        assert 0.0 < h.score <= 1.0
        assert h.voice == "narrator"


@pytest.mark.parametrize("text", PLAIN)
def test_plain_reporting_has_no_hits(text):
    assert find_loaded(text) == []


def test_voice_from_quotes_and_indirect_content():
    t = 'The minister called the protests "a disastrous hoax". Critics slammed the plan.'
    hits = {h.text: h for h in find_loaded(t)}
    assert hits["disastrous hoax"].voice == "direct"
    assert hits["slammed"].voice == "narrator"
    s = t.index("Critics")
    hits = {h.text: h for h in find_loaded(t, indirect=[(s, len(t))])}
    assert hits["slammed"].voice == "indirect"


def test_skip_and_threshold():
    t = "Critics slammed the draconian law."
    assert [h.text for h in find_loaded(t, skip=[(0, 15)])] == ["draconian"]
    assert find_loaded(t, threshold=0.999) == []
    assert {"slammed", "draconian"} <= words_of(find_loaded(t, threshold=0.001))


def test_adjacent_loaded_words_join_into_one_phrase():
    t = "They called it a vicious, brutal and barbaric regime crackdown."
    hits = find_loaded(t, threshold=0.001)  # everything above ~0 joins where only spaces separate
    assert all(", " not in h.text for h in hits)  # a comma separates phrases
    assert any(" " in h.text for h in hits)


def test_fast_scores_equal_the_features_times_the_weights():
    m = load_model()
    for text in [t for t, _ in LOADED] + PLAIN + [
            'He said: "This is a so-called “peace” plan."\n\nREGIME forces—again—shelled Idlib.',
            "U.S.-backed al-Assad's ‘forces’ … 3.5% — l'État ＲＥＧＩＭＥ_x  -word- 'quoted'"]:
        toks, z = token_scores(text, m)
        assert toks == T.words(text)
        assert token_scores(text, m, tokens=T.words(text))[1] == pytest.approx(z)
        for f, x in zip(token_features(text, toks, lexicon=m.lexicon, valence=m.valence), z):
            want = m.bias + sum(m.weights.get(k, 0.0) * v for k, v in f)
            assert math.isclose(x, want, abs_tol=1e-9)


def test_offsets_on_unusual_text():
    t = "Ｒｅｇｉｍｅ “thugs”\u00a0slammed\r\nthe   so‑called\ttruce… ‘brutal’"
    for h in find_loaded(t, threshold=0.01):
        assert t[h.start:h.end] == h.text
    assert find_loaded("") == [] and find_loaded("   \n ") == []


def test_model_file_round_trip_and_errors(tmp_path):
    m = load_model()
    assert m.name == DEFAULT_MODEL and 0 < m.threshold < 1
    doc = m.to_dict()
    p = tmp_path / "m.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    m2 = load_model(str(p))
    t = LOADED[0][0]
    assert find_loaded(t, model=m2) == find_loaded(t, model=m)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "framing-attribution-model"}', encoding="utf-8")
    with pytest.raises(FramingError, match="bad.json: not a framing loaded-language model"):
        load_model(str(bad))
    with pytest.raises(FramingError, match="not found"):
        load_model(str(tmp_path / "missing.json"))
    with pytest.raises(FramingError, match="weights"):
        model_from_dict({k: v for k, v in doc.items() if k != "weights"})


def test_model_card_records_data_scores_threshold():
    m = load_model()
    cv = m.meta["cross_validation"]
    assert cv["threshold"] == m.threshold
    assert "BASIL dev by event" in cv and "BABE by sentence" in cv
    assert "BABE" in m.meta["training_data"] and "BASIL" in m.meta["training_data"]


def test_pattern_lexicon_is_textblobs():
    lx = pattern_lexicon()
    pol, subj, _ = lx["brutal"]
    assert pol < 0 and subj > 0.5
    assert "brutally" in lx  # TextBlob's -ly adverbs


# -- the analysis join --------------------------------------------------------------

def test_with_loaded_keeps_terms_and_lean_and_round_trips():
    t = ('Regime forces shelled the rebel-held town, activists said. Critics slammed the '
         'brutal assault, which the government called "a heroic operation".')
    a = framing.analyze(t)
    b = with_loaded(a)
    assert b.terms == a.terms and b.lean == a.lean and b.leans == a.leans
    assert a.loaded is None and b.loaded
    voices = {h.text: h.voice for h in b.loaded}
    assert voices.get("slammed") == "narrator"
    assert "loaded" not in a.to_dict() and b.to_dict()["loaded"][0]["text"] == b.loaded[0].text
    assert analysis_from_record(json.loads(json.dumps(analysis_record(b)))) == b
    assert narrator_words(b) < b.n_words


def test_with_loaded_skips_unsupported_language():
    a = framing.analyze("Les forces du régime ont bombardé mardi des zones tenues par les rebelles "
                        "près de la ville, selon des militants, et le gouvernement a parlé de terroristes.")
    assert with_loaded(a).loaded == ()


# -- scoring ----------------------------------------------------------------------

def test_score_spans_definitions():
    t = "Critics slammed the so called reform as a hoax."
    gold = [(8, 15), (20, 29), (43, 47)]  # slammed, so called, hoax
    pred = [(8, 15), (20, 22), (30, 36)]  # slammed, so, reform
    sc = score_spans(t, gold, pred)
    assert (sc.n_gold, sc.n_pred) == (3, 3)
    assert sc.span_recall == pytest.approx(2 / 3)  # slammed, so called
    assert sc.span_precision == pytest.approx(2 / 3)  # slammed, so
    assert sc.row()["exact recall"] == pytest.approx(1 / 3)  # only slammed covers the same words
    p, r, f = sc.token_prf
    assert (p, r) == (pytest.approx(2 / 3), pytest.approx(2 / 4))


def test_baselines():
    t = "Critics slammed the brutal attack on the town."
    assert [t[s:e] for s, e in subjectivity_baseline(t)] == ["brutal"]
    assert [t[s:e] for s, e in pack_baseline(t)] == ["slammed", "brutal"]


def gold_file(tmp_path, bad=False):
    recs = [{"id": "a", "text": LOADED[0][0], "spans": [{"start": 8, "end": 15, "bias": "lex"},
                                                       {"start": 20, "end": 29, "bias": "inf"}]},
            {"id": "b", "text": PLAIN[0], "spans": []}]
    lines = [json.dumps(r) for r in recs]
    if bad:
        lines.insert(1, '{"id": "c", "text": "Short.", "spans": [{"start": 3, "end": 99}]}')
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_evaluate_loaded_table(tmp_path):
    rows = evaluate_loaded(gold_file(tmp_path), keep={"bias": "lex"})
    by = {r["tagger"].split(" (")[0].split(":")[0]: r for r in rows}
    tagger = next(r for r in rows if r["tagger"].startswith("loaded-language tagger"))
    assert tagger["gold spans"] == 1 and tagger["span recall"] == 1.0
    assert len(rows) == 4 and "baseline" in by
    assert all("token P / TextBlob's" in r for r in rows)


def test_read_span_gold_names_the_bad_line(tmp_path):
    errors = []
    items = read_span_gold(gold_file(tmp_path, bad=True), on_error=errors.append)
    assert [i for i, _, _ in items] == ["a", "b"]
    assert len(errors) == 1 and isinstance(errors[0], CorpusError)
    assert "gold.jsonl:2" in str(errors[0]) and "outside the text" in str(errors[0])


def test_cli_evaluate_loaded(tmp_path, capsys):
    assert main(["evaluate", "loaded", str(gold_file(tmp_path)), "--keep-spans", "bias=lex"]) == 0
    out = capsys.readouterr().out
    assert "loaded-language tagger" in out and "TextBlob" in out and "span recall" in out
    assert main(["evaluate", "loaded", str(gold_file(tmp_path, bad=True)), "--format", "json"]) == 1
    cap = capsys.readouterr()
    assert "gold.jsonl:2" in cap.err and json.loads(cap.out)[0]["articles"] == 2
    assert main(["evaluate", "loaded", str(gold_file(tmp_path)), "--keep-spans", "bias"]) == 2
    assert "expected FIELD=VALUE" in capsys.readouterr().err


# -- the general-bias pack review ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The barrier is meant to prevent flooding in the lower town.",
    "Talks could resume next week, the mediator said.",
    "The committee is failing to meet its own deadline, its chair said.",
])
def test_general_bias_no_longer_fires_on_neutral_words(text):
    lx = framing.load_lexicon("general-bias")
    from framing.terms import find_terms

    assert find_terms(text, lx) == []


# -- on real data, when present ----------------------------------------------------------

def test_basil_lex_spans_beat_the_textblob_baseline():
    p = SHARED / "basil" / "dev.jsonl"
    if not p.exists():
        pytest.skip(f"BASIL dev not present at {p} (../shared/data is only on developer machines)")
    rows = evaluate_loaded(p, keep={"bias": "lex"}, taggers=("model", "textblob"))
    tagger, tb = rows
    # trained on these articles, so this is no evaluation (the card's figures are out of fold):
    # it checks that the shipped file, read back, still tags as the trained model did
    assert tagger["span recall"] > 0.5 and tagger["token P"] > 2 * tb["token P"]


# -- wired into the analysis, compare and the command line (#20) --------------------

# invented sentences: two outlets, loaded words in the narrator's voice, in quotations and in
# reported speech
WIRED = [
    ("w1", "east", 'Regime forces shelled the rebel-held town. Critics slammed the brutal assault, '
                   'which the government called "a heroic operation".'),
    ("w2", "east", "The regime's thugs stormed the square and the draconian curfew began at dusk."),
    ("w3", "west", "Government troops entered the town on Tuesday, the army said in a statement."),
    ("w4", "west", "Rebels said the shelling had destroyed a bakery. Officials said the "
                   "operation targeted terrorists."),
]


@pytest.fixture(scope="module")
def wired():
    arts = [framing.Article(i, t, outlet=o) for i, o, t in WIRED]
    return arts, [framing.analyze(a) for a in arts], [framing.analyze(a, loaded=True) for a in arts]


def test_analyze_loaded_is_with_loaded_and_leaves_terms_and_lean(wired):
    _, plain, tagged = wired
    for a, b in zip(plain, tagged):
        assert b.terms == a.terms and b.lean == a.lean and b.leans == a.leans
        assert a.loaded is None and a.n_narrator_words is None
        w = with_loaded(a)
        assert b.loaded == w.loaded and b.n_narrator_words == w.n_narrator_words == narrator_words(a)
        assert all(b.article.text[h.start:h.end] == h.text for h in b.loaded)
    voices = {h.text: h.voice for h in tagged[0].loaded}
    q = tagged[0].article.text.index('"a heroic')
    assert voices["slammed"] == "narrator"
    assert all(h.voice == "direct" for h in tagged[0].loaded if h.start > q)
    assert any(h.voice == "narrator" for h in tagged[1].loaded)


def test_per_article_record_has_the_loaded_kind(wired):
    _, plain, tagged = wired
    d = tagged[1].to_dict()
    assert "loaded" not in plain[1].to_dict() and "tagged_per_1k_narrator" not in plain[1].to_dict()
    assert {h["kind"] for h in d["loaded"]} == {"loaded"}
    assert [h["text"] for h in d["loaded"]] == [h.text for h in tagged[1].loaded]
    n = sum(1 for h in tagged[1].loaded if h.voice == "narrator")
    assert d["tagged_per_1k_narrator"] == round(1000 * n / d["n_narrator_words"], 3)
    assert analysis_from_record(json.loads(json.dumps(analysis_record(tagged[1])))) == tagged[1]


def test_compare_tagged_rate_pools_narrator_hits_and_leaves_the_lean(wired):
    _, plain, tagged = wired
    a = framing.compare.compare(plain, n_resamples=200)
    b = framing.compare.compare(tagged, n_resamples=200)
    assert "tagged_per_1k_narrator" not in a.columns
    assert a["lean"].equals(b["lean"]) and a["lean_hi"].equals(b["lean_hi"])
    for _, r in b.iterrows():
        mine = [an for an in tagged if an.article.outlet == r["outlet"]]
        n = sum(1 for an in mine for h in an.loaded if h.voice == "narrator")
        w = sum(an.n_narrator_words for an in mine)
        assert r["tagged_per_1k_narrator"] == pytest.approx(1000 * n / w)
        assert r["tagged_per_1k_narrator_lo"] <= r["tagged_per_1k_narrator"] <= r["tagged_per_1k_narrator_hi"]
    east, west = (b.set_index("outlet").loc[o, "tagged_per_1k_narrator"] for o in ("east", "west"))
    assert east > west   # "slammed", "brutal", "thugs", "draconian" against plain reporting
    rates = framing.compare.measure(tagged, "rates", n_resamples=200)
    assert "tagged_per_1k_narrator_hi" in rates.columns


def test_engine_pool_runs_the_tagger_like_one_process(wired):
    from framing.engine import run

    arts, _, tagged = wired
    many = arts * 20   # more than one batch of 32: the process pool runs
    got = list(run(many, jobs=2, loaded=True))
    assert [g.loaded for g in got[:4]] == [t.loaded for t in tagged]
    assert [g.loaded for g in got[-4:]] == [t.loaded for t in tagged]


def test_cli_loaded_flag(tmp_path, capsys):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": i, "outlet": o, "text": t}) + "\n" for i, o, t in WIRED),
                   encoding="utf-8")
    assert main(["analyze", str(src), "--format", "jsonl"]) == 0
    assert all("loaded" not in json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert main(["analyze", str(src), "--format", "jsonl", "--loaded"]) == 0
    recs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in recs if r["loaded"]] and all("tagged_per_1k_narrator" in r for r in recs)
    assert main(["analyze", str(src), "--format", "csv", "--loaded"]) == 0
    head = capsys.readouterr().out.splitlines()[0].split(",")
    assert {"n_tagged", "n_tagged_narrator", "n_narrator_words"} <= set(head)
    assert main(["compare", str(src), "--measure", "rates", "--loaded", "--format", "csv",
                 "--resamples", "100"]) == 0
    assert "tagged_per_1k_narrator" in capsys.readouterr().out.splitlines()[0]


def test_parquet_shards_carry_the_loaded_kind(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": i, "outlet": o, "text": t}) + "\n" for i, o, t in WIRED),
                   encoding="utf-8")
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(tmp_path / "pq"), "--loaded"]) == 0
    df = pd.read_parquet(tmp_path / "pq")
    tagged = [framing.analyze(framing.Article(i, t, outlet=o), loaded=True) for i, o, t in WIRED]
    assert [[h["text"] for h in x] for x in df["loaded"]] == [[h.text for h in a.loaded] for a in tagged]
    assert df["n_narrator_words"].tolist() == [a.n_narrator_words for a in tagged]
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(tmp_path / "pq0")]) == 0
    assert "loaded" not in pd.read_parquet(tmp_path / "pq0").columns
