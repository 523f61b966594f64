"""A newcomer's first tries (issue #15): a CSV with its own column names, the command line
as people type it. Each either works or fails with one clear line."""

import csv
import json
import os

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


# -- 4. a grouping field empty for every article is said on stderr --------------------

def test_compare_warns_when_the_outlet_is_empty_everywhere(my_csv, capsys):
    code, out, err = run(capsys, "compare", my_csv, "--text-field", "body", "--format", "csv",
                         "--resamples", "20")
    assert code == 0, err
    warning = [ln for ln in err.splitlines() if ln.startswith("framing: warning:")]
    assert len(warning) == 1, err
    assert "'outlet'" in warning[0] and "all 4 articles" in warning[0]
    assert "headline, source, published" in warning[0]          # the columns to choose from
    # named, the outlet column groups and nothing is said
    code, out, err = run(capsys, "compare", my_csv, "--text-field", "body", "--outlet-field",
                         "source", "--format", "csv", "--resamples", "20")
    assert code == 0 and "framing: warning" not in err
    assert {r["outlet"] for r in csv.DictReader(out.splitlines())} == {"alpha", "beta"}


def test_python_warns_when_a_group_field_is_empty(my_csv):
    import framing
    from framing.errors import EmptyGroupWarning

    arts = list(framing.read_corpus(my_csv, fields=framing.Fields(text="body")))
    with pytest.warns(EmptyGroupWarning, match="other fields of the records: headline, source"):
        framing.compare(arts, by="outlet", n_resamples=20)


# -- 5. nothing readable: nothing written, exit 2, one line ---------------------------

@pytest.mark.parametrize("argv", [
    ["report", "nosuch.csv", "-o", "r"],
    ["analyze", "nosuch.csv"],
    ["analyze", "nosuch.csv", "--format", "json", "-o", "out.json"],
    ["compare", "nosuch.csv"],
    ["kwic", "nosuch.csv", "regime"],
    ["analyze", "empty.csv", "-o", "out.csv"],
])
def test_nothing_readable_writes_nothing(my_csv, capsys, argv):
    (my_csv.parent / "empty.csv").write_text("text,outlet\n", encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("framing: error: no article could be read: ")
    assert argv[1] in err
    assert sorted(p.name for p in my_csv.parent.iterdir()) == ["empty.csv", "my.csv"]


def test_one_readable_file_is_enough(my_csv, capsys):
    code, out, err = run(capsys, "analyze", "nosuch.csv", my_csv, "--text-field", "body",
                         "--format", "csv")
    assert code == 1                                   # partial: one input skipped
    assert err.splitlines()[0] == "framing: skipped nosuch.csv: no such file or folder"
    assert len(list(csv.DictReader(out.splitlines()))) == 4


# -- 6. `framing` alone lists the commands; a misspelling gets the close match ----------

def test_framing_alone_lists_every_command(capsys):
    from framing.cli import COMMANDS

    code, out, err = run(capsys)
    assert code == 2
    for name, help, _ in COMMANDS:
        assert any(ln.split() and ln.split()[0] == name and help in ln for ln in err.splitlines())


def test_misspelled_option_and_command_suggest_the_close_match(my_csv, capsys):
    with pytest.raises(SystemExit) as e:
        main(["analyze", str(my_csv), "--text-feild", "body"])
    assert e.value.code == 2
    assert "did you mean --text-field?" in capsys.readouterr().err
    code, out, err = run(capsys, "anlyze", my_csv)
    assert code == 2 and "did you mean analyze?" in err and len(err.splitlines()) == 1


# -- 7. read_corpus takes the field names as keywords; advice fits where it is read -----

def test_read_corpus_takes_field_keywords(my_csv):
    import framing

    arts = list(framing.read_corpus(my_csv, text_field="body", outlet_field="source",
                                    title_field="headline", date_field="published"))
    assert [(a.outlet, a.title, a.date) for a in arts][:2] == [
        ("alpha", "Rebels shelled the town", "2017-04-03"), ("beta", "Forces advance", "2017-04-10")]
    assert arts[0].text == ROWS[0][1]
    with pytest.raises(TypeError, match="text_field"):
        list(framing.read_corpus(my_csv, txt_field="body"))


def test_missing_text_column_advice_names_python_and_the_command_line(my_csv):
    import framing
    from framing.corpus import CorpusWarning

    with pytest.warns(CorpusWarning) as w:
        assert list(framing.read_corpus(my_csv)) == []
    msg = str(w[0].message)
    assert "columns: headline, body, source, published" in msg
    assert "text_field=NAME in Python" in msg and "--text-field" in msg


# -- 8. framing.toml: the fields once, for every command --------------------------------

CONFIG = '''# my corpus
lexicon = "conflict-syria"

[fields]
text = "body"
title = "headline"
outlet = "source"
date = "published"
'''


def test_framing_toml_applies_to_every_command(my_csv, capsys):
    (my_csv.parent / "framing.toml").write_text(CONFIG, encoding="utf-8")
    code, out, err = run(capsys, "analyze", my_csv, "--format", "json")
    assert code == 0, err
    recs = json.loads(out)
    assert [(r["outlet"], r["title"], r["date"]) for r in recs][0] == (
        "alpha", "Rebels shelled the town", "2017-04-03")
    assert {h["lexicon"] for r in recs for h in r["terms"]} == {"conflict-syria"}
    code, out, err = run(capsys, "compare", my_csv, "--format", "csv", "--resamples", "20")
    assert code == 0 and "framing: warning" not in err
    assert sorted(r["outlet"] for r in csv.DictReader(out.splitlines())) == ["alpha", "beta"]
    code, out, err = run(capsys, "kwic", my_csv, "terrorists", "--format", "json")
    assert code == 0 and {r["outlet"] for r in json.loads(out)} == {"beta"}
    # a flag wins over the file
    code, out, err = run(capsys, "analyze", my_csv, "--format", "json", "--outlet-field", "published",
                         "--lexicon", "general-bias")
    recs = json.loads(out)
    assert recs[0]["outlet"] == "2017-04-03"
    assert {h["lexicon"] for r in recs for h in r["terms"]} <= {"general-bias"}


def test_config_file_by_option_and_group_default(my_csv, capsys):
    cfg = my_csv.parent / "elsewhere.toml"
    cfg.write_text('by = "source"\n[fields]\ntext = "body"\n', encoding="utf-8")
    code, out, err = run(capsys, "compare", my_csv, "--config", cfg, "--format", "csv",
                         "--resamples", "20")
    assert code == 0, err
    assert sorted(r["source_group"] for r in csv.DictReader(out.splitlines())) == ["alpha", "beta"]
    code, out2, err = run(capsys, "--config", cfg, "compare", my_csv, "--format", "csv",
                          "--resamples", "20")       # before the command, as in --help
    assert code == 0 and out2 == out, err


@pytest.mark.parametrize("text, where", [
    ('[fields]\ntext = "body"\noutlt = "source"\n', "framing.toml:3: unknown field 'outlt'"),
    ('lexicon = "conflict-syria"\nby_field = "x"\n', "framing.toml:2: unknown key 'by_field'"),
    ('[fields]\ntext = 3\n', "framing.toml:2: [fields] text must be a column name"),
    ('[fields\ntext = "body"\n', "framing.toml: not valid TOML"),
])
def test_a_bad_config_is_one_line_naming_file_and_line(my_csv, capsys, text, where):
    (my_csv.parent / "framing.toml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "analyze", my_csv)
    assert code == 2 and out == ""
    assert err.startswith(f"framing: error: {where}") and len(err.splitlines()) == 1, err


# -- no traceback for any option value ---------------------------------------------------

HOSTILE_VALUES = ["-1", "", "nosuch", "99999999999999999999"]
"""Tried on every option; on this 2-core machine all of them take minutes, so by default a
value a number option refuses by type ("nosuch") and a name option by lookup ("-1") is
left out (FRAMING_HOSTILE_ALL=1 tries every one)."""
_POSITIONAL = {"paths": ["my.csv"], "files": ["my.csv"], "data": ["my.csv"], "file": ["my.csv"],
               "sheet": ["my.csv"], "name": ["conflict-syria"], "pack": ["conflict-syria"],
               "model": ["nosuch.npz"]}
_OWN_ONLY = {"report": {"--by", "--output", "--max-articles", "--model"}}
"""Commands whose corpus options are tried through ``analyze`` (each report run writes a report)."""


def _commands():
    import argparse

    def walk(p, prefix):
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if subs:
            for name, sp in subs[0].choices.items():
                yield from walk(sp, prefix + [name])
        else:
            yield prefix, p

    for cmd, p in walk(build_parser(), []):
        if cmd[0] == "download":        # the one command that uses the network
            continue
        yield cmd, p


@pytest.mark.parametrize("cmd", [c for c, _ in _commands()], ids=" ".join)
def test_no_option_value_ends_in_a_traceback(my_csv, capsys, cmd):
    p = dict((tuple(c), p) for c, p in _commands())[tuple(cmd)]
    pos = [v for a in p._actions if not a.option_strings for v in _POSITIONAL[a.dest]]
    has = {o for a in p._actions for o in a.option_strings}
    tried = 0
    for a in p._actions:
        if not a.option_strings or a.nargs == 0 or a.choices or a.dest == "help":
            continue
        opt = a.option_strings[-1]
        if cmd[0] in _OWN_ONLY and opt not in _OWN_ONLY[cmd[0]]:
            continue
        number = a.type in (int, float)
        for v in HOSTILE_VALUES:
            if not os.environ.get("FRAMING_HOSTILE_ALL") and v == ("nosuch" if number else "-1"):
                continue
            argv = [*cmd, *pos, opt, v]
            if "--text-field" in has and opt != "--text-field":
                argv += ["--text-field", "body"]
            if cmd[0] == "report" and opt != "--output":
                argv += ["-o", "r"]
            if "--resamples" in has and opt != "--resamples":
                argv += ["--resamples", "20"]
            try:
                code = main(argv)
            except SystemExit as e:        # argparse: a bad value for the option's type
                code = e.code
            except Exception as e:         # anything else is a traceback for the user
                pytest.fail(f"framing {' '.join(argv)}: {type(e).__name__}: {e}")
            err = capsys.readouterr().err
            assert code in (0, 1, 2), (argv, code)
            assert "Traceback" not in err, (argv, err)
            if code == 2:
                assert err.strip(), argv       # a usage error says what is wrong
            tried += 1
    assert tried or not [a for a in p._actions if a.option_strings and a.nargs != 0
                         and not a.choices and a.dest != "help"]
