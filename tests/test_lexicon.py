import pytest

import framing
from framing.errors import LexiconError
from framing.lexicon import available_lexicons, load_lexicon, validate_lexicon


def test_shipped_packs_are_valid():
    names = available_lexicons()
    assert {"conflict-syria", "general-bias"} <= set(names)
    for n in names:
        lx = load_lexicon(n)
        assert validate_lexicon(lx.path) == [], n
        assert len(lx.sha256) == 64


def test_conflict_syria_axis_and_referents():
    lx = load_lexicon("conflict-syria")
    assert lx.poles == ("pro-government", "pro-opposition")
    assert lx.n_forms() >= 60
    ids = {r.id for r in lx.referents}
    for need in ("syrian-government", "government-forces", "armed-opposition",
                 "pro-government-militias"):
        assert need in ids
    for r in lx.referents:
        for lb in r.labels:
            assert lb.note, f"{r.id}/{lb.label} lacks a note"


def test_unknown_name_lists_available():
    with pytest.raises(LexiconError, match=r"lexicon 'conflict-syra' not found; available: .*conflict-syria"):
        load_lexicon("conflict-syra")


BAD = """
name = "bad"
description = "broken on purpose"
colour = "red"
[axis]
poles = ["a", "b"]
[[referents]]
id = "x"
  [[referents.labels]]
  label = "one"
  forms = ["thing", "thing(s"]
  connotation = 5
  echoes = "c"
  exclude = ["nothing to see"]
[[referents]]
id = "y"
  [[referents.labels]]
  label = "two"
  forms = ["Thing"]
"""


def test_validate_reports_each_problem(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text(BAD, encoding="utf-8")
    problems = validate_lexicon(p)
    text = "\n".join(problems)
    assert "top level: unknown field 'colour'" in text
    assert "referents[x].labels[one].forms: bad pattern 'thing(s'" in text
    assert "referents[x].labels[one].connotation: 5 out of range" in text
    assert "referents[x].labels[one].echoes: 'c' not allowed" in text
    assert "exclude: 'nothing to see' contains none of the label's forms" in text
    assert "referents[y].labels[two].forms: 'Thing' is also claimed by x/one" in text
    with pytest.raises(LexiconError, match="bad.toml"):
        load_lexicon(p)


def test_toml_syntax_error(tmp_path):
    p = tmp_path / "syntax.toml"
    p.write_text('name = "x\n', encoding="utf-8")
    assert validate_lexicon(p)[0].startswith("line 1: TOML syntax error")


def test_load_by_path_and_use(mini):
    a = framing.analyze("The regime and the government.", lexicons=[mini])
    assert [h.label for h in a.terms] == ["regime", "government"]
    # regime: s=+1, w=3; government: s=0, w=1 -> lean 3/4
    assert a.lean == pytest.approx(0.75)


# -- validation with line numbers ---------------------------------------------------------

LINED = '''name = "lined"
description = "problems on known lines"

[axis]
poles = ["a", "b"]

[[referents]]
id = "x"

  [[referents.labels]]
  label = "one"
  forms = [
    "thing",
    "thing(s",
  ]
  connotation = 3
  exlude = ["nothing"]

[[referents]]
id = "y"

  [[referents.labels]]
  label = "two"
  forms = ["other", "THING"]
  exclude = ["something else"]
  exclude_context = {before = ["sanctions"], window = 11, side = "left"}

  [[referents.labels]]
  label = "three"
  forms = ["third"]
  exclude_context = [{window = 2}, {after = ["ok*"]}]
'''


def test_problems_name_their_lines(tmp_path):
    p = tmp_path / "lined.toml"
    p.write_text(LINED, encoding="utf-8")
    got = validate_lexicon(p)
    expect = [
        "line 14: referents[x].labels[one].forms: bad pattern 'thing(s'",
        "line 16: referents[x].labels[one].connotation: 3 out of range",
        "line 17: referents[x].labels[one]: unknown field 'exlude'",
        "line 24: referents[y].labels[two].forms: 'THING' is also claimed by x/one",
        "line 25: referents[y].labels[two].exclude: 'something else' contains none of the label's forms",
        "line 26: referents[y].labels[two].exclude_context: unknown field 'side'",
        "line 26: referents[y].labels[two].exclude_context.window: 11 out of range; allowed: integer 1..10",
        "line 31: referents[y].labels[three].exclude_context[0]: needs a non-empty 'before' or 'after' list",
    ]
    for e in expect:
        assert any(g.startswith(e) for g in got), (e, got)
    assert len(got) == len(expect), got
    from framing.cli import main

    assert main(["lexicon", "validate", str(p)]) == 2


def test_context_rules_are_loaded():
    from framing.lexicon import ContextRule, lexicon_from_dict

    lx = lexicon_from_dict({"name": "c", "description": "d", "referents": [{"id": "r", "labels": [
        {"label": "l", "forms": ["regime"],
         "exclude_context": [{"before": ["sanctions"]}, {"after": ["change", "of  the"], "window": 2}]}]}]})
    (lb,) = lx.referent("r").labels
    assert lb.exclude_context == (ContextRule(before=("sanctions",), window=3),
                                  ContextRule(after=("change", "of the"), window=2))


def test_lookup_precedence(tmp_path, monkeypatch):
    # a name is a shipped pack unless it names an existing file, ends in a pack
    # suffix or contains a path separator
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conflict-syria").write_text("not a pack", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown pack suffix"):
        load_lexicon("conflict-syria")  # the existing file wins, and is not a pack
    with pytest.raises(LexiconError, match="mine.toml: file not found"):
        load_lexicon("mine.toml")
    with pytest.raises(LexiconError, match="file not found"):
        load_lexicon("sub/conflict-syria")
    (tmp_path / "conflict-syria").unlink()
    assert load_lexicon("conflict-syria").name == "conflict-syria"


# -- the shipped packs ----------------------------------------------------------------------

def test_every_shipped_label_has_a_note_and_forms():
    for n in available_lexicons():
        lx = load_lexicon(n)
        for r in lx.referents:
            for lb in r.labels:
                assert lb.note and lb.forms, f"{n}: {r.id}/{lb.label}"
                if lx.poles:
                    assert lb.echoes in ("neutral", *lx.poles)


@pytest.mark.parametrize("name, poles, referents", [
    ("conflict-syria", ("pro-government", "pro-opposition"), {"syrian-government", "armed-opposition"}),
    ("conflict-israel-palestine", ("pro-Israel", "pro-Palestinian"),
     {"israeli-government", "israeli-forces", "palestinian-armed-groups", "settlements", "west-bank"}),
    ("conflict-russia-ukraine", ("pro-Russia", "pro-Ukraine"),
     {"russian-forces", "ukrainian-forces", "ukrainian-state", "the-war", "occupied-territories"}),
])
def test_conflict_packs_have_axis_and_both_sides(name, poles, referents):
    lx = load_lexicon(name)
    assert lx.poles == poles
    assert referents <= {r.id for r in lx.referents}
    echoes = {lb.echoes for r in lx.referents for lb in r.labels}
    assert echoes == {"neutral", *poles}
    conns = {lb.connotation for r in lx.referents for lb in r.labels}
    assert min(conns) == -2 and max(conns) >= 1
    assert lx.n_forms() >= 120


def test_conflict_syria_is_deep():
    assert load_lexicon("conflict-syria").n_forms() >= 1300


def test_general_bias_has_the_literature_categories():
    lx = load_lexicon("general-bias")
    assert lx.poles is None
    assert {"hedges", "boosters", "intensifiers", "factive-verbs", "implicative-verbs", "assertive-verbs",
            "attribution-verbs", "subjective-adjectives"} == {r.id for r in lx.referents}
    assert all(lb.echoes == "neutral" for r in lx.referents for lb in r.labels)


@pytest.mark.parametrize("name, text, expected", [
    ("conflict-israel-palestine",
     "Israeli occupation forces raided Jenin, while the IDF said terrorists fired rockets from the Gaza Strip.",
     [("Israeli occupation forces", "occupation forces"), ("IDF", "IDF"), ("terrorists", "terrorists"),
      ("rockets", "attacks")]),
    ("conflict-israel-palestine",
     "Settlers entered the occupied West Bank village; Israel's occupation of the West Bank began in 1967.",
     [("Settlers", "settlers"), ("occupied West Bank", "West Bank"), ("West Bank", "West Bank")]),
    ("conflict-russia-ukraine",
     "The Kiev regime's neo-Nazis shelled Donetsk, the Russian Defence Ministry said of the "
     "special military operation.",
     [("Kiev regime's", "Kiev regime"), ("neo-Nazis", "neo-Nazis"), ("Russian Defence Ministry", "Russian government"),
      ("special military operation", "special military operation")]),
    ("conflict-russia-ukraine",
     "Russian occupiers struck Kharkiv in what Moscow calls a special military operation; Ukraine's defenders held.",
     [("Russian occupiers", "occupiers"), ("Kharkiv", "Ukrainian names"), ("Ukraine's defenders", "defenders")]),
])
def test_new_packs_on_sentences(name, text, expected):
    from framing.terms import find_terms

    got = [(h.text, h.label) for h in find_terms(text, load_lexicon(name))]
    assert got == expected


def test_hand_checked_hits_are_still_found(fakes_dev):
    """The precision estimate in eval/ is for the shipped pack: every hit judged in the
    last round must still be produced, with the same label, or the estimate is stale."""
    import json
    from pathlib import Path

    from framing.analyze import analyze_many
    from framing.corpus import read_corpus

    rows = [json.loads(line) for line in
            (Path(__file__).resolve().parent.parent / "eval" / "conflict-syria-precision.jsonl").open()]
    last = max(r["round"] for r in rows)
    judged = [r for r in rows if r["round"] == last]
    assert len(judged) >= 100 and {r["verdict"] for r in judged} <= {"correct", "wrong"}
    assert all(set(r) <= {"round", "n", "id", "start", "end", "referent", "label", "voice", "verdict", "why"}
               for r in rows)  # ids and offsets only: no article text
    ids = {r["id"] for r in judged}
    lx = load_lexicon("conflict-syria")
    arts = [a for a in read_corpus(fakes_dev) if a.id in ids]
    found = {(an.article.id, h.start, h.end, h.referent, h.label)
             for an in analyze_many(arts, [lx], sentiment=False) for h in an.terms}
    missing = [r for r in judged if (r["id"], r["start"], r["end"], r["referent"], r["label"]) not in found]
    assert not missing, missing[:3]


def test_overlong_forms_are_refused(tmp_path):
    long = "Free Syrian Army " * 15
    p = tmp_path / "long.toml"
    p.write_text('name = "long"\ndescription = "d"\n[[referents]]\nid = "r"\n[[referents.labels]]\n'
                 f'label = "x"\nforms = ["ok", "{long}"]\nexclude = ["{long}"]\n', encoding="utf-8")
    got = validate_lexicon(p)
    assert got[0].startswith("line 7: referents[r].labels[x].forms: form of 255 characters starting "
                             "'Free Syrian Army Free Syrian A'; at most 200")
    assert got[1].startswith("line 8: referents[r].labels[x].exclude: phrase of 255 characters")
