"""Keyword in context (framing.kwic) and the `framing kwic` command."""

import json

import pytest

from framing import Article, analyze
from framing.errors import FramingError
from framing.kwic import KWIC_COLUMNS, kwic

TEXT = ("The regime shelled Douma on Monday.\n"
        "“The regime is lying,” a rebel commander said.\n"
        "Activists said regime forces had entered the town.")


@pytest.fixture(scope="module")
def an():
    return analyze(Article("k1", TEXT, outlet="testwire", date="2018-02-05"))


def test_term_lines_with_voice_and_exact_offsets(an):
    df = kwic([an], "regime")
    assert list(df.columns) == KWIC_COLUMNS
    assert list(df["voice"]) == ["narrator", "direct", "indirect"]
    for r in df.itertuples():
        assert TEXT[r.start:r.end] == r.match
    assert list(df["outlet"]) == ["testwire"] * 3 and set(df["date"]) == {"2018-02-05"}
    # context: display copies with line breaks as spaces
    assert df.iloc[1]["left"].endswith("on Monday. “The ")
    assert df.iloc[0]["right"].startswith(" shelled Douma")


def test_phrase_is_case_insensitive_whole_words(an):
    df = kwic([an], "REGIME   forces")
    assert list(df["match"]) == ["regime forces"]
    assert df.iloc[0]["referent"] == "government-forces"      # the hit at that span
    assert kwic([an], "regim").empty                          # whole words only


def test_label_and_referent_modes(an):
    by_label = kwic([an], label="regime")
    assert list(by_label["match"]) == ["regime", "regime"]
    assert set(by_label["referent"]) == {"syrian-government"}
    by_ref = kwic([an], referent="government-forces")
    assert list(by_ref["match"]) == ["regime forces"] and list(by_ref["voice"]) == ["indirect"]
    assert kwic([an], label="regime", lexicon="general-bias").empty


def test_exactly_one_selector():
    with pytest.raises(FramingError, match="exactly one of a term, --label or --referent"):
        kwic([], "regime", label="regime")
    with pytest.raises(FramingError, match="exactly one"):
        kwic([])
    with pytest.raises(FramingError, match="empty"):
        kwic([], "   ")


def _corpus(tmp_path):
    p = tmp_path / "k.jsonl"
    p.write_text(json.dumps({"id": "k1", "outlet": "testwire", "date": "2018-02-05",
                             "text": TEXT}) + "\n", encoding="utf-8")
    return p


def test_cli_kwic_table_and_csv(tmp_path, capsys):
    from framing.cli import main

    p = _corpus(tmp_path)
    assert main(["kwic", str(p), "regime", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["outlet", "date", "voice", "left", "match", "right"]
    assert len(out.splitlines()) == 4 and "direct" in out
    assert main(["kwic", str(p), "--referent", "syrian-government", "--format", "csv",
                 "--jobs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(KWIC_COLUMNS)
    assert len(lines) == 3


def test_cli_kwic_needs_a_term(tmp_path, capsys):
    from framing.cli import main

    assert main(["kwic", str(_corpus(tmp_path)), "--jobs", "1"]) == 2
    assert "give PATH... TERM" in capsys.readouterr().err
