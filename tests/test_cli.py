"""The command line, run as users run it (through ``framing.cli.main``)."""

import csv
import io
import json
from pathlib import Path

import pytest

from framing.cli import build_parser, main

ROOT_SEEDS = "seeds"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _cwd(monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def test_every_command_has_help_ending_with_example():
    parser = build_parser()
    subs = parser._subparsers._group_actions[0].choices
    seen = []
    for name, p in subs.items():
        seen.append(name)
        assert p.epilog and p.epilog.startswith("Example: framing "), name
        nested = [a for a in p._actions if a.__class__.__name__ == "_SubParsersAction"]
        for act in nested:
            for sub_name, sp in act.choices.items():
                assert sp.epilog and sp.epilog.startswith("Example: framing "), f"{name} {sub_name}"
    assert set(seen) >= {"analyze", "compare", "report", "lexicon"}


def test_commands_are_in_readme():
    from pathlib import Path

    readme = Path("README.md").read_text(encoding="utf-8")
    for cmd in ("framing analyze", "framing compare", "framing report", "framing lexicon list",
                "show NAME", "validate FILE"):
        assert cmd in readme


def test_analyze_json_seed(capsys):
    code, out, err = run(capsys, "analyze", ROOT_SEEDS, "--format", "json")
    assert code == 0, err
    (rec,) = json.loads(out)
    assert rec["outlet"] == "Middle East Monitor" and rec["date"] == "2017-03-22"
    assert rec["n_words"] > 600
    assert rec["lean"] > 0  # the seed echoes opposition framing ("regime", "sectarian militias")
    for key in ("terms", "attributions", "boilerplate", "label_counts", "rates", "voice_share"):
        assert key in rec
    a = rec["attributions"][0]
    assert set(a) == {"kind", "source", "cue", "cue_class", "content", "parts"}
    assert set(a["cue"]) == {"text", "start", "end", "stance"}


def test_analyze_jsonl_and_csv_and_table(capsys, tmp_path):
    code, out, _ = run(capsys, "analyze", ROOT_SEEDS, "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1 and json.loads(out)["id"]
    code, out, _ = run(capsys, "analyze", ROOT_SEEDS, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["outlet"] == "Middle East Monitor"
    code, out, _ = run(capsys, "analyze", ROOT_SEEDS)
    assert code == 0 and "Middle East Monitor" in out
    target = tmp_path / "sub" / "seed.json"
    code, _, _ = run(capsys, "analyze", ROOT_SEEDS, "--format", "json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text())[0]["id"] == "memo-2017-03-22-hama-assault"


def _corpus(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [
        {"id": "a1", "src": "sana", "body": "Terrorists shelled Aleppo, SANA reported. The Syrian Arab Army responded."},
        {"id": "a2", "src": "sana", "body": "Army units killed terrorists in Idlib."},
        {"id": "b1", "src": "orient", "body": "Regime forces and sectarian militias shelled the town."},
    ]
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n{bad json\n", encoding="utf-8")
    return p


def test_compare_json_with_field_names_and_bad_line(capsys, tmp_path):
    p = _corpus(tmp_path)
    code, out, err = run(capsys, "compare", str(p), "--text-field", "body", "--outlet-field", "src",
                         "--by", "outlet", "--format", "json")
    assert code == 1  # one record was skipped
    assert f"{p}:4: not valid JSON" in err
    rows = {r["outlet"]: r for r in json.loads(out)}
    assert rows["sana"]["n_articles"] == 2 and rows["orient"]["n_articles"] == 1
    assert rows["sana"]["lean"] < 0 < rows["orient"]["lean"]


def test_compare_table_and_csv(capsys, tmp_path):
    p = _corpus(tmp_path)
    code, out, _ = run(capsys, "compare", str(p), "--text-field", "body", "--outlet-field", "src")
    assert code == 1 and "sana" in out and "orient" in out and "lean" in out
    code, out, _ = run(capsys, "compare", str(p), "--text-field", "body", "--outlet-field", "src",
                       "--format", "csv")
    assert {r["outlet"] for r in csv.DictReader(io.StringIO(out))} == {"sana", "orient"}


def test_report_writes_self_contained_page(capsys, tmp_path):
    code, _, err = run(capsys, "report", ROOT_SEEDS, "--by", "outlet", "-o", str(tmp_path / "r"))
    assert code == 0, err
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "Middle East Monitor" in html and "data:image/png;base64," in html or "<svg" in html
    assert "<script src=" not in html and "<link " not in html


def test_lexicon_commands(capsys, tmp_path):
    code, out, _ = run(capsys, "lexicon", "list")
    assert code == 0 and "conflict-syria" in out and "general-bias" in out
    code, out, _ = run(capsys, "lexicon", "show", "conflict-syria", "--format", "csv")
    assert code == 0 and "regime" in out
    code, out, _ = run(capsys, "lexicon", "validate", "lexicons/conflict-syria.toml")
    assert code == 0 and out.strip().endswith(": ok")
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\ndescription = "x"\n[[referents]]\nid = "r"\n', encoding="utf-8")
    code, out, _ = run(capsys, "lexicon", "validate", str(bad))
    assert code == 2 and "referents[r].labels: at least one label is required" in out


def test_user_errors_have_no_traceback(capsys):
    code, out, err = run(capsys, "analyze", ROOT_SEEDS, "--lexicon", "conflict-syra")
    assert code == 2
    assert err.startswith("framing: error: ") and "available: " in err and "Traceback" not in err
    code, out, err = run(capsys, "analyze", "does/not/exist.txt")   # nothing read: a usage error
    assert code == 2 and "does/not/exist.txt: no such file or folder" in err and out == ""


def _strict_corpus(d, n_before: int = 1):
    """A folder: two good files, a JSONL file whose line ``n_before + 1`` is broken, then a good file."""
    d.mkdir()
    (d / "a.txt").write_text("Regime forces shelled the town, activists said.", encoding="utf-8")
    (d / "b.txt").write_text("Rebels attacked a checkpoint, state media said.", encoding="utf-8")
    recs = [json.dumps({"id": f"c{i}", "text": "Rebel fighters shelled the town."})
            for i in range(1, n_before + 1)]
    (d / "c.jsonl").write_text("\n".join(recs + ["{oops", json.dumps({"id": "after", "text": "x"})]) + "\n",
                               encoding="utf-8")
    (d / "d.txt").write_text("Terrorists attacked the army, the ministry said.", encoding="utf-8")
    return [f"c{i}" for i in range(1, n_before + 1)]


def _ids(fmt: str, text: str) -> list[str]:
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in text.splitlines()]
    if fmt == "json":
        return [r["id"] for r in json.loads(text)]
    return [r["id"] for r in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_strict_stops_at_the_bad_record_and_keeps_everything_before_it(capsys, tmp_path, fmt):
    """--strict stops at the first unreadable record, naming file and line, but writes every
    article read before it (they used to be dropped with the half-filled batch)."""
    d = tmp_path / "in"
    before = _strict_corpus(d)
    out = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "analyze", str(d), "--strict", "--jobs", "1", "--format", fmt, "-o", str(out))
    assert code == 1  # README: "with --strict, the run stopped at the first one"
    assert err.strip().splitlines()[-1].startswith(f"framing: error: {d / 'c.jsonl'}:2: not valid JSON")
    assert err.strip().endswith("(stopped: --strict)")
    assert "skipped" not in err and "Traceback" not in err
    assert _ids(fmt, out.read_text(encoding="utf-8")) == ["a", "b"] + before  # not 'after', not 'd'


def test_strict_keeps_the_batches_already_sent_to_worker_processes(capsys, tmp_path):
    """With --jobs 2 a full batch (32 articles) is on the pool when the bad record is read; its
    results and the part-filled next batch are still written, in input order."""
    d = tmp_path / "in"
    before = _strict_corpus(d, n_before=34)
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "analyze", str(d), "--strict", "--jobs", "2", "--format", "jsonl",
                       "-o", str(out))
    assert code == 1
    assert f"{d / 'c.jsonl'}:35: not valid JSON" in err and "Traceback" not in err
    assert _ids("jsonl", out.read_text(encoding="utf-8")) == ["a", "b"] + before


def test_output_suffix_chooses_the_format(tmp_path):
    seed = Path(__file__).resolve().parent.parent / "seeds"
    assert main(["analyze", str(seed), "-o", str(tmp_path / "a.jsonl")]) == 0
    rec = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert rec["id"] == "memo-2017-03-22-hama-assault" and rec["terms"]
    assert main(["analyze", str(seed), "-o", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("id,outlet,title,date,n_words")
    # an explicit --format wins over the suffix
    assert main(["analyze", str(seed), "--format", "table", "-o", str(tmp_path / "b.jsonl")]) == 0
    assert (tmp_path / "b.jsonl").read_text(encoding="utf-8").lstrip().startswith("id ")


def test_compare_offers_every_measure_of_the_library(capsys):
    from framing.compare import MEASURES

    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "{" + ",".join(MEASURES) + "}" in out
    for name, what in MEASURES.items():
        assert f"{name}: {' '.join(what.split(' (')[0].split())}" in out
    args = build_parser().parse_args(["compare", "c.jsonl", "--measure", list(MEASURES)[-1]])
    assert args.measure == list(MEASURES)[-1]


def test_only_the_command_being_run_gets_its_options_and_help_needs_no_pandas():
    import subprocess
    import sys

    code = ("import sys; from framing.cli import build_parser; "
            "p = build_parser(''); a = build_parser('analyze').parse_args(['analyze', 'x', '-o', 'y.jsonl']); "
            "print('pandas' in sys.modules, a.output)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "y.jsonl"]
    # the parser of one command parses that command as the full parser does
    argv = ["kwic", "c.jsonl", "--label", "regime", "--width", "20", "--format", "csv"]
    assert vars(build_parser("kwic").parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_python_m_framing_cli_runs_the_command_line():
    import subprocess
    import sys

    import framing

    for mod in ("framing", "framing.cli"):
        p = subprocess.run([sys.executable, "-m", mod, "--version"], capture_output=True, text=True)
        assert p.returncode == 0 and p.stdout.strip() == f"framing {framing.__version__}"


def test_an_explicit_format_wins_also_when_abbreviated(tmp_path):
    out = tmp_path / "a.jsonl"
    assert main(["lexicon", "stats", "conflict-syria", ROOT_SEEDS, "--form", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("referent,label,echoes")
