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
    assert validate_lexicon(p)[0].startswith("TOML syntax error")


def test_load_by_path_and_use(mini):
    a = framing.analyze("The regime and the government.", lexicons=[mini])
    assert [h.label for h in a.terms] == ["regime", "government"]
    # regime: s=+1, w=3; government: s=0, w=1 -> lean 3/4
    assert a.lean == pytest.approx(0.75)
