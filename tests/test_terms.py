import pytest

from framing.terms import assign_voice, find_sources, find_terms


def hits(text, lx):
    out = find_terms(text, lx)
    assert all(text[h.start:h.end] == h.text for h in out)
    return [(h.text, h.label) for h in out]


@pytest.mark.parametrize("text, expected", [
    ("The Assad regime fell.", [("Assad regime", "regime")]),              # longest match wins
    ("The REGIME's army", [("REGIME's", "regime")]),                       # case, possessive
    ("The regime’s army", [("regime’s", "regime")]),                       # curly apostrophe
    ("Assad regimes", [("Assad regimes", "regime")]),                      # plural
    ("the Assads regime", [("regime", "regime")]),                         # "Assads regime" is not "Assad regime"
    ("calls for regime change", []),                                       # exclusion
    ("a sanctions regime; the regime", [("regime", "regime")]),            # exclusion only where it applies
    ("terrorists and terrorism", [("terrorists", "terrorists"), ("terrorism", "terrorists")]),  # glob
    ("pro-government forces", []),                                         # not inside a hyphenated compound
    ("the Syrian\ngovernment", [("Syrian\ngovernment", "government")]),    # spaces match line breaks
    ("al Nusra and al-Nusra and alNusra", [("al Nusra", "rebels"), ("al-Nusra", "rebels"), ("alNusra", "rebels")]),
    ("rebellion", []),                                                      # no match inside a word
])
def test_matching_semantics(mini, text, expected):
    assert hits(text, mini) == expected


def test_skip_and_range(mini):
    t = "regime one. regime two. regime three."
    got = find_terms(t, mini, start=5, skip=[(12, 23)])
    assert [h.start for h in got] == [24]


def test_sources_gazetteer(mini):
    t = "State media said, and SANA reported."
    got = [(t[s:e], src.type, src.side) for s, e, src in find_sources(t, mini)]
    assert got == [("State media", "media/wire", "left-pole"), ("SANA", "media/wire", "left-pole")]


def test_assign_voice(mini):
    t = '"The regime lies," he said. Officials said the regime fell. The regime won.'
    hs = find_terms(t, mini)
    q = [(0, 19)]
    ind = [(44, 58)]
    assert [h.voice for h in assign_voice(hs, q, ind)] == ["direct", "indirect", "narrator"]


def test_seed_pack_on_seed(seed_analysis):
    """The counts the foundation issue pins on the seed article."""
    syria = [h for h in seed_analysis.terms if h.lexicon == "conflict-syria"]
    regime = [h for h in syria if "regime" in h.text.lower()]
    # all 8 occurrences of "regime" are found; the government referent names most,
    # "Syrian regime forces" names the forces
    assert sum(h.text.lower().count("regime") for h in regime) == 8
    assert {h.referent for h in regime} <= {"syrian-government", "government-forces"}
    insurgents = [h for h in syria if h.text.lower().startswith("insurgent")]
    assert len(insurgents) == 5 and {h.referent for h in insurgents} == {"armed-opposition"}
    rebels = [h for h in syria if h.text.lower().startswith("rebel")]
    assert len(rebels) == 3 and {h.referent for h in rebels} == {"armed-opposition"}
    militias = {h.text: h.referent for h in syria if "militias" in h.text}
    assert militias.get("Shia jihadist militias") == "pro-government-militias"
    assert militias.get("sectarian Shia militias") == "pro-government-militias"


def test_seed_no_hits_in_boilerplate(seed, seed_analysis):
    for s, e in seed_analysis.boilerplate:
        assert not any(s <= h.start < e for h in seed_analysis.terms), seed.text[s:e]


def test_seed_voice_of_reported_insurgents(seed, seed_analysis):
    i = seed.text.index("said insurgents had captured") + len("said ")
    (h,) = [h for h in seed_analysis.terms if h.start == i]
    assert h.text == "insurgents" and h.voice == "indirect"
