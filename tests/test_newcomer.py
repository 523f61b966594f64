"""A newcomer's first tries (issue #15): a CSV with its own column names, the command line
as people type it. Each either works or fails with one clear line."""

import csv
import json

import pytest

from framing.cli import build_parser, main

ROWS = [
    ("Rebels shelled the town", 'Rebels shelled the town of Idlib, the regime said. "We will '
     'respond," a spokesman for the army told reporters.', "alpha", "2017-04-03"),
    ("Forces advance", "Government forces advanced on the city, activists said. The opposition "
     "claimed that terrorists had fled.", "beta", "2017-04-10"),
    ("Regime bombs hospital", "The regime bombed a hospital, according to the Syrian Observatory "
     "for Human Rights. Officials denied it.", "alpha", "2017-05-02"),
    ("Army retakes village", "The Syrian army retook the village, state media reported. "
     "Terrorists were killed, the ministry said.", "beta", "2017-05-20"),
]


@pytest.fixture
def my_csv(tmp_path, monkeypatch):
    """A researcher's CSV: ``headline, body, source, published``; the working folder is its own."""
    p = tmp_path / "my.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["headline", "body", "source", "published"])
        w.writerows(ROWS)
    monkeypatch.chdir(tmp_path)
    return p


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- 3. kwic: the term after the options, or --term ------------------------------------

def test_kwic_term_after_the_options(my_csv, capsys):
    code, out, err = run(capsys, "kwic", my_csv, "--text-field", "body", "terrorists",
                         "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["match"] for r in rows] == ["terrorists", "Terrorists"]
    code, out2, err = run(capsys, "kwic", my_csv, "--text-field", "body", "--term", "terrorists",
                          "--format", "json")
    assert code == 0, err
    assert json.loads(out2) == rows


def test_kwic_usage_line_shows_the_term():
    usage = build_parser("kwic")._subparsers._group_actions[0].choices["kwic"].format_usage()
    assert "TERM" in usage.splitlines()[0]
