"""Dictionary imports (LIWC, quanteda YAML, Lexicoder, CSV), on small files written for these tests."""

import tomllib

import pytest

import framing
from framing.errors import LexiconError
from framing.lexicon import import_lexicon, load_lexicon, validate_lexicon
from framing.lexicon_formats import format_for, to_toml
from framing.terms import find_terms

from conftest import DATA

DICTS = DATA / "dicts"


def structure(lx):
    return [(r.id, [(lb.label, list(lb.forms), lb.connotation, lb.inflect) for lb in r.labels])
            for r in lx.referents]


def test_liwc():
    lx = load_lexicon(DICTS / "mini.dic")
    assert lx.format == "liwc" and lx.name == "mini" and lx.poles is None
    assert structure(lx) == [
        ("threat", [("threat", ["shell*", "bombard"], 0, False)]),
        ("calm", [("calm", ["kind of", "ceasefire", "truce", "maybe"], 0, False)]),
        ("forces", [("forces", ["regime forces"], 0, False)]),
    ]
    # each dropped or changed entry is reported with its line
    assert list(lx.warnings) == [
        "line 9: 'ceasefire' is also in calm; kept there only",
        "line 11: 'regime forces' is also in forces; kept there only",
        "line 12: dropped: '(i.e' is not a form (words, spaces, - ' . & / and a trailing * only)",
        "line 13: 'maybe': category reference '02/134)02/131)53' not in the legend; ignored",
    ]


def test_quanteda_yaml_nested_keys_globs_and_phrases():
    lx = load_lexicon(DICTS / "mini.yml")
    assert structure(lx) == [
        ("government", [("neutral", ["government", "Syrian government"], 0, False),
                        ("loaded", ["regime", "Assad regime"], 0, False)]),
        ("rebels", [("rebels", ["rebel*", "armed opposition"], 0, False)]),
    ]
    assert lx.warnings == ("line 10: dropped: wildcard inside '*phobic' (only a trailing * is supported)",)


def test_lexicoder():
    lx = load_lexicon(DICTS / "mini.lc3")
    assert structure(lx) == [("NEGATIVE", [("NEGATIVE", ["shell*", "massacre", "a bloodbath"], 0, False)]),
                             ("POSITIVE", [("POSITIVE", ["truce", "liberat*"], 0, False)])]


def test_csv_weights_become_connotations():
    lx = load_lexicon(DICTS / "mini.csv")
    assert structure(lx) == [
        ("government", [("government -2", ["regime"], -2, False),
                        ("government 0", ["government", "Syrian government"], 0, False)]),
        ("rebels", [("rebels -2", ["terrorist*"], -2, False), ("rebels 0", ["rebels"], 0, False)]),
    ]


def test_csv_without_header_and_single_weight(tmp_path):
    p = tmp_path / "plain.csv"
    p.write_text("regime,loaded,-2\ndictator,loaded,-2\n# a comment\n\nrebels,plain\n", encoding="utf-8")
    assert structure(load_lexicon(p)) == [("loaded", [("loaded", ["regime", "dictator"], -2, False)]),
                                          ("plain", [("plain", ["rebels"], 0, False)])]


@pytest.mark.parametrize("name, content, where, problem", [
    ("bad.dic", "1\tfoo\n%\nfoo\t1\n", "line 1", "starts with a line holding only %"),
    ("open.dic", "%\n1\tfoo\n", None, "not closed by a second line"),
    ("word.dic", "%\n1\tfoo\nfoo\t1\n", "line 3", "is not 'id name'"),
    ("legend.dic", "%\nfoo bar\n%\n", "line 2", "is not 'id name'"),
    ("bad.yml", "a: [x, y\nb: z\n", "line", "YAML syntax error"),
    ("list.yml", "- a\n- b\n", None, "mapping of keys"),
    ("alias.yml", "a: &x [one, two]\nb: *x\n", "line 2", "aliases"),
    ("early.lc3", "abandon\n+NEG\nx\n", "line 1", "before the first +category line"),
    ("xml.lcd", "<?xml version='1.0'?><dictionary/>\n", "line 1", "Yoshikoder"),
    ("weight.csv", "term,category,weight\nregime,gov,-5\n", "line 2", "weight '-5' is not an integer"),
    ("cols.csv", "term,category\nregime\n", "line 2", "expected term,category"),
    ("head.csv", "term,weight\nregime,1\n", "line 1", "header has no 'category' column"),
])
def test_unreadable_dictionaries_name_file_line_and_problem(tmp_path, name, content, where, problem):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as e:
        load_lexicon(p)
    assert name in str(e.value) and problem in str(e.value)
    if where:
        assert where in str(e.value)
    assert validate_lexicon(p) and problem in validate_lexicon(p)[0]


def test_suffixes_and_unknown_suffix(tmp_path):
    assert [format_for(f"x{s}") for s in (".dic", ".yaml", ".yml", ".lc3", ".lcd", ".csv", ".toml")] == [
        "liwc", "quanteda-yaml", "quanteda-yaml", "lexicoder", "lexicoder", "csv", "toml"]
    p = tmp_path / "dict.txt"
    p.write_text("+A\nx\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown pack suffix '.txt'"):
        load_lexicon(p)
    assert load_lexicon(p, format="lexicoder").n_forms() == 1  # --from names the format


@pytest.mark.parametrize("fname", ["mini.dic", "mini.yml", "mini.lc3", "mini.csv"])
def test_written_pack_loads_to_the_same_records(tmp_path, fname):
    doc, _ = import_lexicon(DICTS / fname)
    text = to_toml(doc)
    assert tomllib.loads(text) == doc
    out = tmp_path / "imported.toml"
    out.write_text(text, encoding="utf-8")
    assert validate_lexicon(out) == []
    assert structure(load_lexicon(out)) == structure(load_lexicon(DICTS / fname))


def test_categories_and_name(tmp_path):
    doc, _ = import_lexicon(DICTS / "mini.dic", categories=["calm"], name="calm-words")
    assert doc["name"] == "calm-words" and [r["id"] for r in doc["referents"]] == ["calm"]
    # a term listed under an unselected category first now stays in the selected one
    assert doc["referents"][0]["labels"][0]["forms"] == ["kind of", "ceasefire", "truce", "maybe"]
    with pytest.raises(LexiconError, match="no category 'anger'; the file has: calm, forces, threat"):
        import_lexicon(DICTS / "mini.dic", categories=["anger"])


def test_imported_dictionary_matches_as_written():
    lx = load_lexicon(DICTS / "mini.dic")
    t = "Shelling resumed despite the truce, kind of; bombards and truces are not listed."
    assert [(h.text, h.referent) for h in find_terms(t, lx)] == [
        ("Shelling", "threat"), ("truce", "calm"), ("kind of", "calm")]


def test_analyze_accepts_a_dictionary_file():
    a = framing.analyze("Rebels and the regime agreed a truce.", lexicons=[DICTS / "mini.yml", DICTS / "mini.lc3"])
    assert sorted((h.referent, h.text) for h in a.terms) == [
        ("POSITIVE", "truce"), ("government", "regime"), ("rebels", "Rebels")]
    assert {h.lexicon for h in a.terms} == {"mini"}
    assert a.lean is None  # imported packs have no axis


def test_cli_import_and_lexicon_option(tmp_path, capsys):
    from framing.cli import main

    out = tmp_path / "calm.toml"
    assert main(["lexicon", "import", str(DICTS / "mini.dic"), "--from", "liwc", "--categories", "calm,threat",
                 "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "line 12: dropped" in err and "imported 2 categories, 7 forms" in err
    assert load_lexicon(out).name == "calm"
    art = tmp_path / "a.txt"
    art.write_text("The truce held despite shelling.", encoding="utf-8")
    assert main(["analyze", str(art), "--lexicon", str(DICTS / "mini.dic"), "--format", "json"]) == 0
    import json

    (rec,) = json.loads(capsys.readouterr().out)
    assert [(t["referent"], t["text"]) for t in rec["terms"]] == [("calm", "truce"), ("threat", "shelling")]


def test_never_bundles_licensed_dictionaries():
    from framing.lexicon import lexicon_dir

    names = " ".join(p.name.lower() for p in lexicon_dir().iterdir())
    assert "liwc" not in names and "lsd" not in names and ".dic" not in names and ".lc3" not in names
