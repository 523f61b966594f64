"""Rules that change results, each pinned on sentences written for these tests (issue 17).

Every test here exists because a deliberate one-line change to the rule it pins went
unnoticed by the rest of the suite; ``python bench/mutations.py`` re-applies those changes
in a copy of the tree and shows which test catches each.

- voice precedence: a quotation inside reported speech is ``direct``, not ``indirect``;
- attribution scoring is one-to-one both ways: a prediction matches at most one gold cue,
  so precision never exceeds 1;
- the stance of every cue verb;
- line numbers (and the ids made from them) of JSONL files in UTF-16 and UTF-32 are those of
  the same file in UTF-8;
- a capitalised "Observatory" opening a sentence names the monitor, as it does mid-sentence.
"""

import codecs
import json

import pytest

import framing
from framing.attribution import CUE_VERBS, cue_stance
from framing.data import Attribution, Cue, Source, Span
from framing.evaluate import GoldAttribution, evaluate_attribution, score_attributions
from framing.terms import assign_voice

# -- voice: a quotation inside reported speech -------------------------------------------

# The documented voice weights (README, "Lean"): narrator 1.0, indirect 0.5, direct 0.25.
WEIGHT = {"narrator": 1.0, "indirect": 0.5, "direct": 0.25}


def _lean(terms, poles=("pro-government", "pro-opposition")):
    """The lean as the README defines it, from each hit's echo, connotation and voice."""
    num = den = 0.0
    for h in terms:
        w = WEIGHT[h.voice] * (1 + abs(h.connotation))
        num += w * {poles[0]: -1, poles[1]: 1}.get(h.echoes, 0)
        den += w
    return num / den


@pytest.mark.parametrize("text, voices", [
    # the activists' words, reported; inside them, a word they are quoted as using
    ('Activists said the "terrorists" of the regime shelled the town.',
     {"Activists": "narrator", "terrorists": "direct", "regime": "indirect"}),
    ("Activists said the “terrorists” of the regime shelled the town.",
     {"Activists": "narrator", "terrorists": "direct", "regime": "indirect"}),
    # the other way round: reported speech inside a quotation is the quotation's
    ("An activist told Reuters: “Rebels said the regime shelled the town.”",
     {"activist": "narrator", "Rebels": "direct", "regime": "direct"}),
    # reported speech that opens with a quoted phrase, cue after the content
    ("The “Assad regime” shelled the town overnight, activists said.",
     {"Assad regime": "direct", "activists": "narrator"}),
])
def test_a_quotation_inside_reported_speech_is_direct(text, voices):
    a = framing.analyze(text)
    assert {h.text: h.voice for h in a.terms} == voices
    assert a.lean == pytest.approx(_lean(a.terms))


def test_voice_moves_the_lean_of_the_nested_quotation():
    """The case of issue 17, worked by hand: "terrorists" (pro-government, connotation
    -2) inside a quotation weighs 0.25 x 3, "regime" (pro-opposition, -2) in reported
    speech 0.5 x 3, the narrator's neutral "Activists" 1.0 x 1: lean 0.75 / 3.25.
    Were the quoted word taken as reported speech, the two would cancel (lean 0)."""
    a = framing.analyze('Activists said the "terrorists" of the regime shelled the town.')
    assert [(h.label, h.echoes, h.connotation) for h in a.terms] == [
        ("activists", "neutral", 0), ("terrorists", "pro-government", -2),
        ("regime", "pro-opposition", -2)]
    assert a.lean == pytest.approx(0.75 / 3.25)


# (an xfail of issue 17's report until the issue 18 model: its inner "said" no longer gives a
# content running past the closing mark)
def test_reported_speech_inside_a_quotation_stays_inside_it():
    t = "“Rebels said the regime shelled the town,” an activist told Reuters."
    a = framing.analyze(t)
    close = t.index("”")
    # the narrator's "an activist told Reuters" is no one's reported speech
    assert {h.text: h.voice for h in a.terms} == {"Rebels": "direct", "regime": "direct",
                                                 "activist": "narrator"}
    assert all(not (x.content.start < close < x.content.end) for x in a.attributions)


@pytest.mark.xfail(strict=True, reason="bug (issue 17 report): the learned stage, trained on US "
                   "campaign news where 'attacked' is verbal, takes a physical attack for a speech "
                   "cue (19 such attributions on FA-KES dev), so the target becomes reported speech")
@pytest.mark.parametrize("text", [
    "Gunmen attacked a checkpoint near Homs on Monday.",
    "Regime forces attacked rebel-held areas of Saraqeb with barrel bombs.",
])
def test_a_physical_attack_is_no_attribution(text):
    a = framing.analyze(text)
    assert a.attributions == ()
    assert {h.voice for h in a.terms} <= {"narrator"}


def test_assign_voice_checks_quotations_first():
    hits = framing.analyze('Activists said the "terrorists" of the regime shelled the town.').terms
    t = 'Activists said the "terrorists" of the regime shelled the town.'
    q = (t.index('"'), t.rindex('"') + 1)
    content = (t.index("the "), t.index(" the town") + len(" the town"))
    got = {h.text: h.voice for h in assign_voice(hits, [q], [content])}
    assert got == {"Activists": "narrator", "terrorists": "direct", "regime": "indirect"}
    # the order of the spans given does not matter; an empty quotation list makes all indirect
    assert {h.text: h.voice for h in assign_voice(hits, [], [content])}["terrorists"] == "indirect"


# -- scoring: one prediction matches at most one gold cue --------------------------------

T = "Rebels took the town, the army said on Monday, and added that more would follow."


def _span(part):
    s = T.index(part)
    return s, s + len(part)


def _gold(source, cue, content):
    return GoldAttribution(source=(_span(source),), cue=(_span(cue),), content=(_span(content),))


def _pred(source, cue, content):
    return Attribution("indirect", Source(source, *_span(source)), Cue(cue, *_span(cue)),
                       Span(*_span(content), content))


# two gold attributions whose cues ("said", "army said") both overlap one predicted cue
TWO_GOLD_ONE_CUE = [_gold("the army", "said", "Rebels took the town"),
                    _gold("the army", "army said", "Rebels took the town")]


def test_one_prediction_matches_one_gold_cue():
    sc = score_attributions(T, TWO_GOLD_ONE_CUE, [_pred("the army", "said", "Rebels took the town")])
    assert (sc.cue_tp, sc.e2e_tp, sc.n_pred, sc.n_gold) == (1, 1, 1, 2)
    assert sc.cue == (1.0, 0.5, pytest.approx(2 / 3))
    assert sc.end_to_end == (1.0, 0.5, pytest.approx(2 / 3))
    # the miss is the second gold: its content F1 is not averaged in
    assert sc.content_f1 == 1.0 and sc.cue_exact_tp == 1


def test_precision_never_exceeds_one_over_a_file(tmp_path):
    """Gold annotated three times on one cue (PolNeAR has such pairs): pooled over a
    file, the single prediction counts once."""
    text = "Headline.\n\nRebels took the town, the army said."

    def at(part):
        s = text.index(part, len("Headline."))
        return [[s, s + len(part)]]

    rec = {"id": "x", "publisher": "t", "title": "Headline", "text": text, "attributions": [
        {"source": at("the army"), "cue": at(cue), "content": at("Rebels took the town")}
        for cue in ("said", "army said", "the army said")]}
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    sc = evaluate_attribution(p, model=None)
    rows = {r["metric"]: r["value"] for r in sc.rows()}
    assert (sc.n_gold, sc.n_pred, sc.cue_tp, sc.e2e_tp) == (3, 1, 1, 1)
    assert rows["cue precision"] == 1.0 and rows["end-to-end precision"] == 1.0
    assert rows["cue recall"] == pytest.approx(1 / 3, abs=1e-4)


# -- the stance of every cue verb ----------------------------------------------------------

# Written out here, not read from the package: moving a verb from one list to the other must
# change this table too (and the docstring of framing.attribution that states it).
NEUTRAL = {"say": "said", "tell": "told", "add": "added", "report": "reported", "state": "stated",
           "announce": "announced", "note": "noted", "explain": "explained", "write": "wrote",
           "stress": "stressed", "emphasise": "emphasised", "reply": "replied",
           "tweet": "tweeted", "comment": "commented", "mention": "mentioned",
           "indicate": "indicated", "quote": "quoted"}
EVALUATIVE = {"claim": "claimed", "allege": "alleged", "insist": "insisted",
              "maintain": "maintained", "assert": "asserted", "argue": "argued",
              "admit": "admitted", "concede": "conceded", "acknowledge": "acknowledged",
              "confess": "confessed", "confirm": "confirmed", "reveal": "revealed",
              "boast": "boasted", "deny": "denied", "warn": "warned", "complain": "complained",
              "vow": "vowed", "threaten": "threatened"}
# cue words the learned stage finds beyond the verb list, with the stance cue_stance gives
OTHER_CUES = {"accused": "evaluative", "slammed": "evaluative", "blasted": "evaluative",
              "criticised": "evaluative", "criticized": "evaluative", "mocked": "evaluative",
              "touted": "evaluative", "bragged": "evaluative", "lamented": "evaluative",
              "blamed": "evaluative", "condemned": "evaluative", "denounced": "evaluative",
              "ridiculed": "evaluative", "decried": "evaluative", "praised": "evaluative",
              "scoffed": "evaluative", "dismissed": "evaluative", "ranted": "evaluative",
              "called": "neutral", "according to": "neutral", "believes": "neutral",
              "wants": "neutral", "shows": "neutral", "found": "neutral", ":": "neutral"}


def test_the_cue_verb_list_is_the_documented_one():
    stances = {}
    for form, (lemma, stance) in CUE_VERBS.items():
        stances.setdefault(lemma, set()).add(stance)
    assert all(len(s) == 1 for s in stances.values())  # every form of a verb alike
    got = {lemma: s.pop() for lemma, s in stances.items()}
    assert got == {**{v: "neutral" for v in NEUTRAL}, **{v: "evaluative" for v in EVALUATIVE}}


@pytest.mark.parametrize("lemma, form, stance",
                         [(v, f, "neutral") for v, f in NEUTRAL.items()]
                         + [(v, f, "evaluative") for v, f in EVALUATIVE.items()])
def test_stance_of_each_cue_verb_in_a_sentence(lemma, form, stance):
    text = f"The ministry {form} that the convoy had reached Aleppo on Monday."
    (a,) = framing.analyze(text).attributions
    assert (a.cue.text, a.cue.stance) == (form, stance)
    assert a.content.text == "the convoy had reached Aleppo on Monday"
    # every inflected form, and after an auxiliary
    forms = [f for f, (lem, _) in CUE_VERBS.items() if lem == lemma]
    assert form in forms
    assert {cue_stance(f) for f in forms} == {cue_stance("has " + form), cue_stance(form.upper())} \
        == {stance}


@pytest.mark.parametrize("cue, stance", sorted(OTHER_CUES.items()))
def test_stance_of_other_cue_words(cue, stance):
    assert cue_stance(cue) == stance


# -- line numbers of JSONL in every Unicode encoding ------------------------------------

LINES = [
    json.dumps({"id": "r1", "text": "Rebels took the town, the army said."}),
    "",                                                   # a blank line still counts
    json.dumps({"text": "Activists said the regime shelled Homs."}),   # id from the line: 3
    '{"id": "r4", "text": "broken',                       # malformed: line 4
    json.dumps({"id": "r5", "text": "Ça va — the “observatory” said so."}, ensure_ascii=False),
    json.dumps({"text": "A record without an id on line 6 ☃."}, ensure_ascii=False),
]
ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8 with a mark": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16 (mark, LE)": lambda s: s.encode("utf-16"),
    "utf-16-be with a mark": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-16-le without a mark": lambda s: s.encode("utf-16-le"),
    "utf-32 with a mark": lambda s: s.encode("utf-32"),
}


def _read(path):
    problems = []
    arts = list(framing.read_corpus(path, on_error=problems.append, on_warning=problems.append))
    return arts, problems


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_jsonl_line_numbers_do_not_depend_on_the_encoding(tmp_path, encoding, newline):
    p = tmp_path / "c.jsonl"
    p.write_bytes(ENCODINGS[encoding](newline.join(LINES) + newline))
    arts, problems = _read(p)
    assert [a.id for a in arts] == ["r1", "c:3", "r5", "c:6"]
    assert [a.origin for a in arts] == [f"{p}:1", f"{p}:3", f"{p}:5", f"{p}:6"]
    skipped = [(e.line, e.problem) for e in problems if e.skipped]
    assert len(skipped) == 1 and skipped[0][0] == 4 and "not valid JSON" in skipped[0][1]
    assert arts[2].text == "Ça va — the “observatory” said so."


@pytest.mark.xfail(strict=True, reason="bug (issue 17 report): the UTF-16 reader decodes ahead in "
                   "blocks, so a bad sequence is reported on the first line of its block and the "
                   "good lines before it in that block are lost")
@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE),
                                        ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_a_bad_utf16_sequence_is_reported_on_its_line(tmp_path, codec, bom):
    """A lone surrogate on line 3: lines 1-2 are read, the error names line 3."""
    good = "".join(json.dumps({"id": f"r{i}", "text": "The army said so."}) + "\n" for i in (1, 2))
    lone = b"\x00\xd8" if codec.endswith("le") else b"\xd8\x00"
    p = tmp_path / "bad.jsonl"
    p.write_bytes(bom + good.encode(codec) + lone + '{"id": "r3", "text": "x"}\n'.encode(codec))
    arts, problems = _read(p)
    assert [a.id for a in arts] == ["r1", "r2"]
    assert [(e.line, e.skipped) for e in problems] == [(3, True)]
    assert "not valid UTF-16" in problems[0].problem


# -- "Observatory" opening a sentence ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Shelling hit the town on Monday. Observatory said 12 people were killed.",
    "Shelling hit the town on Monday.\n\nObservatory said 12 people were killed.",
    "Shelling hit the town on Monday. Twelve people were killed, Observatory said.",
    "Shelling hit the town on Monday. The Observatory said 12 people were killed.",
])
def test_observatory_is_named_wherever_it_stands(text):
    """Capitalised, "Observatory" is the short name of one monitor (the Syrian
    Observatory for Human Rights) wherever it stands; a role noun opening a sentence
    ("Officials said") is capitalised only by its position and stays anonymous."""
    (a,) = framing.analyze(text).attributions
    assert a.source.text.endswith("Observatory")
    assert (a.source.type, a.source.named) == ("monitor/NGO", True)


@pytest.mark.parametrize("text, source", [
    ("Shelling hit the town on Monday. Officials said 12 people were killed.", "Officials"),
    ("Shelling hit the town on Monday. Monitors said 12 people were killed.", "Monitors"),
    ("Shelling hit the town on Monday. Activists said 12 people were killed.", "Activists"),
])
def test_a_role_noun_opening_a_sentence_is_not_a_name(text, source):
    (a,) = framing.analyze(text).attributions
    assert (a.source.text, a.source.named) == (source, False)
