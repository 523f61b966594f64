"""framing.evaluate: the attribution metrics on attributions written for these tests, gold
files in PolNeAR's format written to a temporary folder, and the source-profile test set."""

import json

import pytest

import framing
from framing.cli import main
from framing.data import Attribution, Cue, Source, Span
from framing.errors import CorpusError, FramingError
from framing.evaluate import (GoldAttribution, evaluate_attribution, evaluate_source_profiles,
                              read_gold, read_profile_annotations, score_attributions)

from claims import CLAIMS
from conftest import DATA

T = "Rebels took the town, the army said. He added: “We will hold it.” Prices rose."


def span(text, part, start=0):
    s = text.index(part, start)
    return s, s + len(part)


def gold(text, source, cue, content):
    return GoldAttribution(source=(span(text, source),) if source else (),
                           cue=(span(text, cue),), content=(span(text, content),))


def pred(text, source, cue, content):
    s = Source(source, *span(text, source)) if source else None
    return Attribution("indirect", s, Cue(cue, *span(text, cue)), Span(*span(text, content), content))


G = [gold(T, "the army", "said", "Rebels took the town"),
     gold(T, "He", "added", "“We will hold it.”")]


def test_perfect_match():
    sc = score_attributions(T, G, [pred(T, "the army", "said", "Rebels took the town"),
                                   pred(T, "He", "added", "We will hold it.")])
    assert sc.cue == (1.0, 1.0, 1.0) and sc.end_to_end == (1.0, 1.0, 1.0)
    assert sc.source_accuracy == 1.0
    assert sc.content_f1 == 1.0          # word tokens: the quotation marks do not count
    assert (sc.n_direct, sc.direct_tp, sc.n_indirect, sc.indirect_tp) == (1, 1, 1, 1)


def test_overlap_one_to_one_and_greedy():
    # two predictions on one gold cue: one matches, the other is a false positive
    p = [pred(T, "the army", "said", "Rebels took the town"),
         pred(T, "the army", "army said", "Rebels took")]
    sc = score_attributions(T, G[:1], p)
    assert (sc.cue_tp, sc.n_pred, sc.n_gold) == (1, 2, 1)
    assert sc.cue == (0.5, 1.0, pytest.approx(2 / 3))
    # the first unmatched prediction (in cue order) is taken: "army said" starts first
    assert sc.content_f1 == pytest.approx(2 * 2 / (2 + 4))


def test_wrong_source_counts_against_end_to_end_only():
    sc = score_attributions(T, G[:1], [pred(T, "Rebels", "said", "Rebels took the town")])
    assert sc.cue == (1.0, 1.0, 1.0)
    assert sc.source_accuracy == 0.0 and sc.end_to_end == (0.0, 0.0, 0.0)
    # a gold without a source: any predicted source will do
    g = [gold(T, None, "said", "Rebels took the town")]
    sc = score_attributions(T, g, [pred(T, "Rebels", "said", "Rebels took the town")])
    assert sc.end_to_end == (1.0, 1.0, 1.0) and sc.src_pairs == 0


def test_content_f1_is_by_token_position():
    # "the" occurs twice in the sentence; the prediction covers the wrong one
    t = "the army said the town fell"
    g = [GoldAttribution(source=(span(t, "the army"),), cue=(span(t, "said"),),
                         content=(span(t, "the town fell"),))]
    p = [Attribution("indirect", None, Cue("said", *span(t, "said")), Span(0, 3, "the"))]
    assert score_attributions(t, g, p).content_f1 == 0.0


def test_exact_scores():
    sc = score_attributions(T, G[:1], [pred(T, "the army", "army said", "Rebels took the town")])
    assert sc.cue_tp == 1 and sc.cue_exact_tp == 0 and sc.e2e_exact_tp == 0


@pytest.mark.parametrize("content, direct", [
    ("“We will hold it.”", True), ('"We will hold it."', True), ("''We will hold it.''", True),
    ("they will hold it", False), ("the rebels’ town", False),
])
def test_direct_means_a_double_quotation_mark(content, direct):
    t = f"He said {content}"
    g = GoldAttribution(source=(span(t, "He"),), cue=(span(t, "said"),), content=(span(t, content),))
    assert g.is_direct(t) is direct


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(text, gold_attrs, id="a1"):
    """A gold record; each attribution is (source, cue, content), found in the sentence of
    its content."""
    out = []
    for s, c, x in gold_attrs:
        i = text.index(x)
        at = max(text.rfind(". ", 0, i), text.rfind("\n", 0, i)) + 1
        out.append({"source": [list(span(text, s, at))] if s else [], "cue": [list(span(text, c, at))],
                    "content": [list(span(text, x, at))]})
    return {"id": id, "publisher": "test", "title": text.split("\n")[0].rstrip("."), "text": text,
            "attributions": out}


TEXT = ("A headline, Trump said.\n\nRebels took the town, the army said. Clinton called the plan "
        "a disaster for working families. Prices rose.")


def test_evaluate_attribution_file(tmp_path):
    p = _write(tmp_path / "gold.jsonl", [_record(TEXT, [
        (None, "said", "A headline"),  # in the headline: skipped, a miss
        ("the army", "said", "Rebels took the town"),
        ("Clinton", "called", "the plan a disaster for working families"),
    ])])
    sc = evaluate_attribution(p, repeat=2)
    assert (sc.n_articles, sc.n_gold, sc.n_pred, sc.cue_tp, sc.e2e_tp) == (1, 3, 2, 2, 2)
    assert len(sc.seconds) == 2 and sc.articles_per_second > 0
    rules = evaluate_attribution(p, model=None)
    assert (rules.n_pred, rules.cue_tp) == (1, 1)  # "called" needs the learned stage
    rows = {r["metric"]: r["value"] for r in sc.rows()}
    assert rows["cue recall"] == pytest.approx(2 / 3, abs=1e-4) and rows["articles"] == 1


@pytest.mark.parametrize("line, problem", [
    ("not json", "not valid JSON"),
    ('{"id": "x", "text": "He said so."}', "no 'attributions' field"),
    ('{"id": "x", "text": "He said so.", "attributions": [{"cue": [[3, 7]]}]}', "has no 'content'"),
    ('{"id": "x", "text": "He said so.", "attributions": [{"cue": [[3, 70]], "content": []}]}',
     r"\[3, 70\] is outside the text"),
    ('{"id": "x", "text": "He said so.", "attributions": [{"cue": [["3", 7]], "content": []}]}',
     "is not a \\[start, end\\] pair"),
])
def test_bad_gold_names_file_and_line(tmp_path, line, problem):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(_record(TEXT, [])) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=f"bad.jsonl:2: .*{problem}"):
        read_gold(p)
    seen = []
    assert len(read_gold(p, on_error=seen.append)) == 1 and len(seen) == 1


def test_cli_evaluate_attribution(tmp_path, capsys):
    p = _write(tmp_path / "gold.jsonl", [_record(TEXT, [("the army", "said", "Rebels took the town")])])
    assert main(["evaluate", "attribution", str(p), "--format", "json"]) == 0
    rows = {r["metric"]: r["value"] for r in json.loads(capsys.readouterr().out)}
    assert rows["cue recall"] == 1.0 and rows["predicted attributions"] == 2
    assert main(["evaluate", "attribution", str(p), "--model", "none"]) == 0
    out = capsys.readouterr().out
    assert "cue F1" in out and "end-to-end F1" in out and "articles/s" in out
    # nothing readable: a clear error, no table of zeros
    assert main(["evaluate", "attribution", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "missing.jsonl: no such file" in err and "no gold articles to score" in err


def test_evaluate_needs_articles():
    with pytest.raises(FramingError, match="no gold articles"):
        evaluate_attribution([])


# -- the source-profile test set ----------------------------------------------------

PROFILES = DATA / "source_profiles.jsonl"


def test_profile_annotations_are_well_formed():
    rows = read_profile_annotations(PROFILES)
    assert len(rows) >= 60
    assert {r["corpus"] for r in rows} == {"fakes/dev", "seed"}
    poles = framing.load_lexicon("conflict-syria").poles
    for r in rows:
        assert r["side"] in (None, *poles) and isinstance(r["named"], bool)
        assert 0 <= r["start"] < r["end"] and len(r["sha1"]) == 12
        assert set(r) == {"corpus", "id", "start", "end", "type", "side", "named", "sha1", "line"}


def test_profile_annotations_on_the_seed(seed):
    rows = [r for r in read_profile_annotations(PROFILES) if r["corpus"] == "seed"]
    res = evaluate_source_profiles(rows, {("seed", seed.id): seed})
    assert res["phrases"] == len(rows) == res["found"]
    # the seed's sources are pinned in test_attribution.py; here they must agree with them
    assert res["all three"] == 1.0


def test_profile_annotations_on_fakes(fakes_dev, seed):
    arts = {("fakes/dev", a.id): a for a in framing.read_corpus(fakes_dev)}
    arts[("seed", seed.id)] = seed
    rows = read_profile_annotations(PROFILES)
    res = evaluate_source_profiles(rows, arts)  # raises if an offset no longer holds its phrase
    assert res["phrases"] == len(rows) == 74
    # the figures the README states (tests/claims.py: one place for them and their tolerance)
    for name, key in (("source profiles found", "found"), ("source profiles type", "type accuracy"),
                      ("source profiles side", "side accuracy"),
                      ("source profiles named", "named accuracy"),
                      ("source profiles all three", "all three")):
        assert CLAIMS[name].holds(res[key]), CLAIMS[name].describe(name, res[key])


def test_profile_offsets_are_checked(seed, tmp_path):
    r = dict(read_profile_annotations(PROFILES)[-1])
    r.pop("line")
    r["start"] += 1
    p = tmp_path / "ann.jsonl"
    p.write_text(json.dumps(r) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no longer hold the annotated phrase"):
        evaluate_source_profiles(read_profile_annotations(p), {("seed", seed.id): seed}, path=str(p))
