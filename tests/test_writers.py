"""Writing analyses and tables (framing.writers), on analyses of sentences written for these tests."""

import json

import pandas as pd
import pytest

import framing
from framing.data import Article
from framing.errors import FramingError
from framing.writers import (check_analysis_output, jsonl_resume_point, metrics_text, skip_written,
                             with_intervals, write_analyses, write_frame)

TEXTS = [
    ("a1", "sana", "Terrorists shelled Aleppo, SANA reported. The Syrian Arab Army responded."),
    ("a2", "sana", "Army units killed terrorists in Idlib, the agency said."),
    ("b1", "orient", "Regime forces and sectarian militias shelled the town, activists said."),
]


@pytest.fixture(scope="module")
def analyses():
    return [framing.analyze(Article(i, t, outlet=o)) for i, o, t in TEXTS]


def test_jsonl_is_the_records_of_the_analyses_one_per_line(analyses, tmp_path):
    out = tmp_path / "sub" / "a.jsonl"
    write_analyses(analyses, "jsonl", str(out))
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert recs == [json.loads(json.dumps(a.to_dict())) for a in analyses]


def test_json_is_one_array_and_empty_input_is_an_empty_array(analyses, tmp_path, capsys):
    write_analyses(analyses[:2], "json")
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["a1", "a2"]
    write_analyses([], "json")
    assert capsys.readouterr().out == "[]\n"


def test_a_run_continues_after_its_last_complete_record(analyses, tmp_path):
    out = tmp_path / "a.jsonl"
    write_analyses(analyses[:2], "jsonl", str(out))
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"id": "b1", "cut off')   # a crash in the middle of a line
    n, last = jsonl_resume_point(out)
    assert (n, last) == (2, "a2") and out.read_text(encoding="utf-8").endswith("}\n")
    rest = list(skip_written((a.article for a in analyses), n, last))
    assert [a.id for a in rest] == ["b1"]
    write_analyses([framing.analyze(a) for a in rest], "jsonl", str(out), append=True)
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a1", "a2", "b1"]
    with pytest.raises(FramingError, match="record 2 of the output has id 'a2'"):
        list(skip_written([Article("zz", "x"), Article("yy", "y")], 2, "a2"))


def test_a_line_that_is_not_a_record_is_named(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "x"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(FramingError, match=r"a.jsonl:2: cannot resume"):
        jsonl_resume_point(p)


def test_outputs_that_cannot_be_written_are_refused_before_any_work():
    with pytest.raises(FramingError, match="--format parquet needs -o DIR"):
        check_analysis_output("parquet", None)
    with pytest.raises(FramingError, match="--resume needs --format jsonl or parquet"):
        check_analysis_output("csv", "a.csv", append=True)
    check_analysis_output("jsonl", "a.jsonl", append=True)


def test_summary_table_has_a_row_per_article(analyses, capsys):
    write_analyses(analyses, "table")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["id", "outlet", "date", "n_words"] and len(lines) == 4


def test_frames_in_every_format(capsys):
    df = pd.DataFrame({"outlet": ["sana", "orient"], "lean": [-0.5, None]})
    write_frame(df, "csv")
    assert capsys.readouterr().out == "outlet,lean\nsana,-0.5\norient,\n"
    write_frame(df, "jsonl")
    assert capsys.readouterr().out == '{"outlet": "sana", "lean": -0.5}\n{"outlet": "orient", "lean": null}\n'
    write_frame(df, "table")
    assert capsys.readouterr().out.splitlines()[1:] == ["  sana -0.500", "orient      -"]
    write_frame(df.iloc[:0], "table")
    assert capsys.readouterr().out == "(no rows)\n"


def test_intervals_join_their_value_for_a_text_table():
    df = pd.DataFrame({"outlet": ["sana"], "lean": [-0.5], "lean_lo": [-0.75], "lean_hi": [-0.25],
                       "article_ids": [["a1", "a2"]]})
    assert with_intervals(df).to_dict("records") == [{"outlet": "sana", "lean": "-0.500 [-0.750, -0.250]"}]


def test_metrics_as_a_summary_a_table_or_json():
    m = {"n": 4, "macro_f1": 0.75, "accuracy": 0.75,
         "per_class": [{"label": "a", "precision": 1.0, "recall": 0.5, "f1": 0.667, "support": 2}],
         "confusion": {"labels": ["a", "b"], "matrix": [[1, 1], [0, 2]]}}
    text = metrics_text(m, "table", "held out")
    assert text.startswith("held out: 4 records\nmacro-F1 0.750\naccuracy 0.750\n")
    assert "gold \\ predicted" in text
    assert metrics_text(m, "csv").startswith("label,precision,recall,f1,support\n")
    assert json.loads(metrics_text(m, "json")) == m
