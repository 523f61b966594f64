"""Cue classes, continuation parts and the speech-quote mode (issue 18), on sentences written
for these tests."""

import pytest

import framing
from framing.attribution import cue_class, find_attributions
from framing.data import CUE_CLASSES


def classes(text, **kw):
    out = find_attributions(text, **kw)
    for a in out:
        assert a.cue_class in CUE_CLASSES
        for p in a.parts:
            assert text[p.start:p.end] == p.text and p.text.strip() == p.text
            assert a.content.start <= p.start < p.end <= a.content.end
    return [(a.cue.text, a.cue_class) for a in out]


# -- cue classes, end to end ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # speech
    ("The mayor told reporters that the bridge would reopen in May.", [("told reporters", "speech")]),
    ("“We have no fuel left,” a hospital director said.", [("said", "speech")]),
    ("Her lawyer argued that the evidence had been planted.", [("argued", "speech")]),
    ("The minister denied that any civilians had been harmed.", [("denied", "speech")]),
    # writing: a verb of writing, or speech "in a statement" / "on its website"
    ("The governor wrote in a letter that the funds had been frozen.", [("wrote", "writing")]),
    ("The senator tweeted that the vote was a disgrace.", [("tweeted", "writing")]),
    ("Police said in a statement that two men had been detained.", [("said", "writing")]),
    # according to: a speaker, else evidence
    ("According to the interior ministry, 40 people were arrested.", [("According to", "according-to")]),
    ("According to figures from the central bank, inflation reached 12 percent.",
     [("According to", "evidence")]),
    # belief, wish, expectation
    ("The president wants the tariffs lifted before the summer.", [("wants", "belief")]),
    ("Farmers hope that the rains will come early this year.", [("hope", "belief")]),
    ("Analysts think the central bank will raise rates again.", [("think", "belief")]),
    ("The army is expected to withdraw from the border town next week.", [("is expected", "belief")]),
    # evidence
    ("The survey found that two thirds of parents were worried about costs.", [("found", "evidence")]),
    ("The data shows that exports fell for a third month.", [("shows", "evidence")]),
    # other: a naming, no words reported
    ("The town, known as the gateway to the valley, was shelled overnight.", [("known as", "other")]),
])
def test_cue_class_of_found_attributions(text, expected):
    assert classes(text) == expected


@pytest.mark.parametrize("cue, source, context, expected", [
    ("said", "the minister", "", "speech"),
    ("has warned", "Moscow", "", "speech"),
    ("replied", None, "", "speech"),
    ("emailed", "a spokesman", "", "writing"),
    ("published", "the newspaper", "", "writing"),
    ("said", "the party", "the party said on Facebook that it would boycott the vote", "writing"),
    ("said", "the envoy", "the envoy said in an interview that talks would resume", "speech"),
    ("according to", "a diplomat", "", "according-to"),
    ("according to", "a Gallup poll", "", "evidence"),
    ("revealed", "the audit", "", "evidence"),
    ("revealed", "the senator", "", "speech"),
    ("feared", "residents", "", "belief"),
    ("is convinced", "the coach", "", "belief"),
    ("estimated", "the UN", "", "evidence"),
    ("heard", "neighbours", "", "perception"),
    ("witnessed", "a reporter", "", "perception"),
    ("dubbed", None, "", "other"),
    ("refused", "the court", "", "other"),
    ("backed", "the council", "", "other"),
])
def test_cue_class_rules(cue, source, context, expected):
    assert cue_class(cue, source, context) == expected


def test_every_class_is_documented_in_data():
    """The module docstring and README document each class with examples; the constant names them."""
    assert set(CUE_CLASSES) == {"speech", "writing", "according-to", "belief", "evidence", "perception",
                                "other"}
    doc = framing.attribution.__doc__
    for c in CUE_CLASSES:
        assert f"``{c}``" in doc, c


# -- parts ----------------------------------------------------------------------------------

def parts(text):
    return [[p.text for p in a.parts] for a in find_attributions(text) if a.kind == "direct"]


@pytest.mark.parametrize("text, expected", [
    # one quotation: one part, the content itself
    ("“The bridge is closed,” the mayor said.", [["The bridge is closed"]]),
    # interrupted by its cue
    ("“The bridge is closed,” the mayor said, “and it will stay closed until May.”",
     [["The bridge is closed", "and it will stay closed until May."]]),
    # continued in the next sentence
    ("“The bridge is closed,” the mayor said. “Nobody can cross it.”",
     [["The bridge is closed", "Nobody can cross it."]]),
    # continued in the next paragraph, which opens with a quotation mark
    ("“The bridge is closed,” the mayor said.\n\n“Nobody can cross it before May.”\n\nThe river rose.",
     [["The bridge is closed", "Nobody can cross it before May."]]),
    # a quotation running over a paragraph break (the next paragraph reopens it)
    ("The mayor said: “The bridge is closed.\n\n“Nobody can cross it before May.”",
     [["The bridge is closed.", "Nobody can cross it before May."]]),
    # a next quotation with a cue of its own is its own attribution
    ("“The bridge is closed,” the mayor said. “It is safe,” an engineer said.",
     [["The bridge is closed"], ["It is safe"]]),
])
def test_parts_of_direct_attributions(text, expected):
    assert parts(text) == expected
    classes(text)  # every part slices the text inside its content


def test_indirect_attributions_have_no_parts_and_parts_survive_json():
    t = "“The bridge is closed,” the mayor said. “Nobody can cross it.”\n\nPolice said the road was open."
    an = framing.analyze(t)
    [d, i] = an.attributions
    assert d.kind == "direct" and len(d.parts) == 2 and i.kind == "indirect" and i.parts == ()
    rec = an.to_dict()["attributions"][0]
    assert [(p["start"], p["end"]) for p in rec["parts"]] == [(p.start, p.end) for p in d.parts]
    assert rec["cue_class"] == "speech"
    from framing.data import analysis_from_record, analysis_record
    assert analysis_from_record(analysis_record(an)) == an


def test_a_middle_part_is_not_attributed_twice():
    t = "“A truce is near,” he said, “and both sides know it.”\n\n“We will sign on Monday.”\n\nThe talks went on."
    out = find_attributions(t)
    assert len(out) == 1 and [p.text for p in out[0].parts] == [
        "A truce is near", "and both sides know it.", "We will sign on Monday."]


# -- the speech-quote mode ----------------------------------------------------------------

MIXED = ("Rebels shelled the town, the ministry said. Most voters believe the regime is finished. "
         "The survey found that the regime is losing support.")


def test_speech_mode_keeps_speech_and_changes_voices():
    every = framing.analyze(MIXED)
    speech = framing.analyze(MIXED, quotes="speech")
    assert [a.cue_class for a in every.attributions] == ["speech", "evidence"]
    assert [a.cue.text for a in speech.attributions] == ["said"]
    assert every.quotes == "all" and speech.quotes == "speech"
    voice = {m: {h.start: h.voice for h in an.terms if h.text == "regime"} for m, an in
             (("all", every), ("speech", speech))}
    last = max(voice["all"])  # "regime" in the survey's finding: indirect, then the narrator's
    assert voice["all"][last] == "indirect" and voice["speech"][last] == "narrator"
    assert "quotes" not in every.to_dict() and speech.to_dict()["quotes"] == "speech"


def test_speech_mode_bad_value_is_one_clear_error():
    with pytest.raises(framing.FramingError, match="quotes 'spech' not known; allowed: all, speech"):
        framing.analyze(MIXED, quotes="spech")


def test_compare_and_report_follow_the_mode(tmp_path):
    from framing.analyze import as_analyses

    every = framing.compare.source_shares(list(as_analyses([MIXED])))
    speech = framing.compare.source_shares(list(as_analyses([MIXED], quotes="speech")))
    assert every["count"].sum() == 2 and speech["count"].sum() == 1
    path = framing.report([MIXED], tmp_path, quotes="speech")
    html = path.read_text(encoding="utf-8")
    assert "speech quotes only" in html and "--quotes speech" in html


# -- the command line and the evaluation ----------------------------------------------------

def _gold_record(text, attributions):
    def at(phrase):
        s = text.index(phrase)
        return [[s, s + len(phrase)]]
    return {"id": "g1", "text": text, "attributions": [
        {"source": at(src) if src else [], "cue": at(cue), "content": sum((at(c) for c in content), [])}
        for src, cue, content in attributions]}


CONTINUED = ("“The bridge is closed,” the mayor said. “Nobody can cross it before May.”\n\n"
             "Many residents believe that the bridge was badly built.")


def test_evaluate_speech_mode_and_split_parts(tmp_path):
    import json
    from framing.evaluate import evaluate_attribution

    gold = tmp_path / "gold.jsonl"
    rec = _gold_record(CONTINUED, [("the mayor", "said", ["“The bridge is closed,”",
                                                          "“Nobody can cross it before May.”"]),
                                   ("Many residents", "believe", ["the bridge was badly built"])])
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    rows = {m: {r["metric"]: r["value"] for r in evaluate_attribution(
        [str(gold)], quotes=m, split_parts=True).rows()} for m in ("all", "speech")}
    # all: both attributions found; parts: the two quoted parts and the belief are three quotes
    assert rows["all"]["cue recall"] == 1.0 and rows["all"]["gold quotes (parts)"] == 3
    assert rows["all"]["quote recall (parts)"] == 1.0 and rows["all"]["speaker accuracy (parts)"] == 1.0
    # speech: the belief is left out, so recall falls and precision stays
    assert rows["speech"]["cue recall"] == 0.5 and rows["speech"]["cue precision"] == 1.0
    assert rows["speech"]["predicted quotes (parts)"] == 2
    assert "quote F1 (parts)" not in {r["metric"] for r in evaluate_attribution([str(gold)]).rows()}


def test_cli_quotes_option(tmp_path, capsys):
    import json
    from framing.cli import main

    src = tmp_path / "a.txt"
    src.write_text(CONTINUED, encoding="utf-8")
    for mode, n in (("all", 2), ("speech", 1)):
        assert main(["analyze", str(src), "--quotes", mode, "--format", "json"]) == 0
        rec = json.loads(capsys.readouterr().out)[0]
        assert len(rec["attributions"]) == n and rec.get("quotes", "all") == mode
    with pytest.raises(SystemExit):
        main(["analyze", str(src), "--quotes", "spoken"])
    assert "invalid choice: 'spoken'" in capsys.readouterr().err


# -- sources: prepositional heads, instruments and places --------------------------------------

@pytest.mark.parametrize("text, source, type_, side", [
    # the organisation after "spokesman for" / "member of" gives the type and the side
    ("A spokesman for the Free Syrian Army said the rebels had taken the airport.",
     "A spokesman for the Free Syrian Army", "armed opposition", "pro-opposition"),
    ("A member of the Free Syrian Army told Reuters that the town had fallen.",
     "A member of the Free Syrian Army", "armed opposition", "pro-opposition"),
    ("A spokeswoman for the UN refugee agency said ten trucks had entered.",
     "A spokeswoman for the UN refugee agency", "international body", None),
    # an instrument or a place in a participle phrase is no speaker
    ("Residents reached by telephone in Aleppo said the bakeries were closed.", "Residents", "other", None),
    ("Several residents contacted by phone from Beirut said the bakeries were closed.",
     "Several residents", "other", None),
    ("Residents, reached by phone, said the bakeries were closed.", "Residents", "other", None),
    # a quantifier is no speaker without its noun
    ("Most voters believe that the economy is getting worse.", "Most voters", "other", None),
])
def test_source_phrases(text, source, type_, side):
    [a] = [a for a in find_attributions(text, lexicons=framing.lexicon.load_lexicons(None))
           if a.cue.text in ("said", "told Reuters", "believe")]
    assert (a.source.text, a.source.type, a.source.side) == (source, type_, side)


@pytest.mark.parametrize("text, cue, expected", [
    ("The opposition responded to the proposal with anger.", "responded to", "other"),
    ("“The plan is dead,” the senator responded.", "responded", "speech"),
    # (not inside another attribution's content: "Russia backed ..., the Observatory said." no
    # longer gets "backed" as a cue at all since the cue model reads what the rules found)
    ("Russia backed the offensive with air strikes.", "backed", "other"),
    ("“We will rebuild,” he continued.", "continued", "speech"),
])
def test_reactions_and_support_are_no_speech(text, cue, expected):
    got = {a.cue.text: a.cue_class for a in find_attributions(text)}
    assert got.get(cue) == expected
    speech = {a.cue.text for a in framing.analyze(text, quotes="speech").attributions}
    assert (cue in speech) == (expected == "speech")
