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
