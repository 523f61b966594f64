import pytest

from framing import text as T


@pytest.mark.parametrize("text, expected", [
    ("Gen. Smith said so. Rebels denied it.", ["Gen. Smith said so.", "Rebels denied it."]),
    ("The U.S. envoy arrived. Talks began.", ["The U.S. envoy arrived.", "Talks began."]),
    ("“We will win,” he said. The army disagreed.", ["“We will win,” he said.", "The army disagreed."]),
    ("First paragraph without stop\nSecond one. Third.", ["First paragraph without stop", "Second one.", "Third."]),
])
def test_sentences(text, expected):
    got = [text[s:e] for s, e in T.sentences(text)]
    assert got == expected


def test_us_abbreviation_does_not_split():
    # "U.S." followed by a capitalised word: we accept one sentence rather than a wrong split
    t = "He met U.S. Secretary Kerry. Then he left."
    assert [t[s:e] for s, e in T.sentences(t)][-1] == "Then he left."


@pytest.mark.parametrize("text, expected", [
    ('He said: “We will win.” Then left.', ["“We will win.”"]),
    ('"Fierce battles," the source said, "continue."', ['"Fierce battles,"', '"continue."']),
    ("It was the rebels’ ‘final offensive’ they said.", ["‘final offensive’"]),
    # a quotation continued in the next paragraph, which opens with a quotation mark
    ("“We fought all night.\n\n“We will fight again,” he said.", ["“We fought all night.\n\n“We will fight again,”"]),
    # an unclosed quotation ends with its paragraph
    ("“Unclosed quote here.\n\nNext paragraph.", ["“Unclosed quote here."]),
])
def test_quotations(text, expected):
    assert [text[s:e] for s, e in T.quotations(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the New York Times's plain-text quotation marks: doubled apostrophes, paired in order
    ("''We will win,'' the senator said. ''Soon.''", ["''We will win,''", "''Soon.''"]),
    ("''We fought all night.\n\n''We will fight again,'' he said.",
     ["''We fought all night.\n\n''We will fight again,''"]),
    # a paragraph opened with a closing mark by mistake still opens a quotation
    ("Intro.\n\n”He is a disgrace.” ― A reader", ["”He is a disgrace.”"]),
])
def test_doubled_and_mistyped_quotation_marks(text, expected):
    assert [text[s:e] for s, e in T.quotations(text)] == expected


def test_apostrophes_are_not_quotations():
    t = "Syria’s army and the rebels’ positions, Assad's forces."
    assert T.quotations(t) == []


def test_words_keep_offsets():
    t = "Al-Assad’s forces, U.S. troops."
    ws = [t[s:e] for s, e in T.words(t)]
    assert ws == ["Al-Assad’s", "forces", "U.S", "troops"]
    assert T.count_words(t) == 4


@pytest.mark.parametrize("t", [
    "Al-Assad’s forces, U.S. troops.",
    "Mr.Smith met Gen. Ali in the U.S.Army base; Sen. Jones' aides -- ''twice'' -- said so.",
    "The U.S.-led coalition struck al-Bab at 5.30 p.m. on 3/4, J. Smith wrote.\n\nDr. Jones: no.",
])
def test_words_counted_on_the_tokens_as_on_the_text(t):
    # with the tokens at hand (the attribution stage made them), count_words counts them: the
    # count must be the one the word regex gives, titles run into the next word included
    expected = len(T.WORD_RE.findall(t))
    assert T.count_words(t) == expected
    T.sentences(t)  # (the tokens are kept with the text's sentences)
    T.tokens(t)
    assert T._local.memo.text is t and T._local.memo.tokens is not None
    assert T.count_words(t) == expected


def test_boilerplate_on_seed(seed):
    t = seed.text
    got = [(t[s:e], k) for s, e, k in T.boilerplate(t, title=seed.title)]
    kinds = [k for _, k in got]
    assert got[0] == ("Creating new perspectives since 2009", "tagline")
    assert kinds.count("related") == 3
    assert all(x.startswith("Read: ") for x, k in got if k == "related")
    caption = [x for x, k in got if k == "caption"]
    assert caption == ["Members of the Free Syrian Army in Aleppo, Syria on 11 February 2017 "
                       "[Hüseyin Nasır/Anadolu Agency]"]
    assert ("March 22, 2017 at 4:44 pm", "dateline") in got
    # the headline and the body are not boilerplate
    assert not any("major assault in Hama" == x for x, _ in got)
    assert len(got) == 6


def test_boilerplate_leaves_reporting_alone():
    t = ("Rebels said they would read: the statement [in full] was long.\n"
         "Activists reported shelling.")
    assert T.boilerplate(t) == []


@pytest.mark.parametrize("text, expected", [
    ("Sen. Tim Kaine and Sens. Mark Warner spoke.",
     ["Sen.", "Tim", "Kaine", "and", "Sens.", "Mark", "Warner", "spoke", "."]),
    ("John J. Smith of the U.S. Army", ["John", "J.", "Smith", "of", "the", "U.S.", "Army"]),
    # a single capital before a full stop and no name after it is a letter and a full stop
    ("Plan B. was dropped", ["Plan", "B", ".", "was", "dropped"]),
    ("the officials' statement -- and Assad's", ["the", "officials'", "statement", "--", "and", "Assad's"]),
    # the doubled apostrophe is a quotation mark, not a possessive
    ("''We will win,'' said Col. Smith.", ["''", "We", "will", "win", ",", "''", "said", "Col.", "Smith", "."]),
    ("al-Assad’s forces", ["al-Assad’s", "forces"]),
])
def test_tokens(text, expected):
    assert [text[s:e] for s, e in T.tokens(text)] == expected


def test_tokens_of_a_stretch_index_the_whole_text():
    t = "He said: “Sens. Smith’s aides left.”"
    s, e = t.index("Sens."), t.index(" left")
    assert [t[a:b] for a, b in T.tokens(t, s, e)] == ["Sens.", "Smith’s", "aides"]


@pytest.mark.parametrize("stretch", [
    "Officials in the U.S", "said Gen", "the 2nd", "J", "rebels said..", "a.b..c", "end_of_line\n",
    "two lines\n\n", "costs $5", "al-Bab", "__init", "x.", ".y", "", "Syria’s", "ميدان",
])
def test_the_token_before_a_full_stop_is_what_the_old_regex_found(stretch):
    import re

    m = re.search(r"(\w+(?:\.\w+)*)$", stretch)
    text = "<<" + stretch + ".>>"
    assert T._last_token(text, 2, 2 + len(stretch)) == (m.group(1) if m else None)
