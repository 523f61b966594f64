"""framing.validate: coding sheets, precision with Wilson intervals, Krippendorff's alpha."""

import csv
import json
import math

import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.errors import FramingError
from framing.lexicon import load_lexicon
from framing.validate import (krippendorff_alpha, read_sheet, sample_sheet, score_sheet, wilson_interval)

# invented sentences; the pack fires on regime, rebels, terrorists, militants ...
TEXTS = [
    ("a1", "sana", "The regime shelled Douma overnight. Rebels said six people died."),
    ("a2", "sana", "Terrorists fired mortars at Damascus, the army said. The terrorists fled north."),
    ("a3", "etilaf", "Regime forces pushed into the valley. The rebels withdrew after two days."),
    ("a4", "etilaf", "Activists said the regime used barrel bombs. Rebels denied holding the town."),
    ("a5", "reuters", "Government forces and rebels traded fire. Militants attacked a checkpoint."),
    ("a6", "reuters", "The rebels, backed by Turkey, said the regime broke the truce."),
]


@pytest.fixture
def corpus(tmp_path):
    p = tmp_path / "corpus.jsonl"
    p.write_text("".join(json.dumps({"id": i, "outlet": o, "text": t}) + "\n" for i, o, t in TEXTS),
                 encoding="utf-8")
    return p


@pytest.fixture
def analyses(corpus):
    lx = load_lexicon("conflict-syria")
    return lx, [framing.analyze(a, [lx]) for a in framing.read_corpus(corpus)]


def test_wilson_interval_known_values():
    # the pack's own hand check: 114 of 120 correct -> [0.895, 0.977] (eval/conflict-syria-precision.md)
    assert [round(x, 3) for x in wilson_interval(114, 120)] == [0.895, 0.977]
    assert [round(x, 3) for x in wilson_interval(0, 5)] == [0.0, 0.434]
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_sample_is_seeded_and_each_row_is_the_hit_in_its_sentence(analyses):
    lx, ans = analyses
    a = sample_sheet(ans, lx, 5, seed=7)
    b = sample_sheet(ans, lx, 5, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 5 and list(a["n"]) == [1, 2, 3, 4, 5]
    assert list(a.columns[-3:]) == ["coder_1", "coder_2", "comment"] and (a["coder_1"] == "").all()
    texts = {i: t for i, _, t in TEXTS}
    for r in a.itertuples():
        assert texts[r.id][r.start:r.end] == r.match
        sentence = r.left + r.match + r.right
        assert sentence in texts[r.id] and sentence.endswith(".")
    total = sum(1 for an in ans for h in an.terms if h.lexicon == lx.name)
    assert (a["stratum"] == "(all)").all() and (a["stratum_hits"] == total).all()
    assert not sample_sheet(ans, lx, 5, seed=8).equals(a)


def test_stratified_sample_takes_up_to_n_per_label(analyses):
    lx, ans = analyses
    s = sample_sheet(ans, lx, 2, seed=1, by="label")
    hits = pd.Series([f"{h.referent}/{h.label}" for an in ans for h in an.terms if h.lexicon == lx.name])
    counts = hits.value_counts()
    assert s.groupby("stratum").size().to_dict() == {k: min(2, v) for k, v in counts.items()}
    assert all(s.loc[s["stratum"] == k, "stratum_hits"].eq(v).all() for k, v in counts.items())


def test_sample_refuses_bad_options(analyses):
    lx, ans = analyses
    with pytest.raises(FramingError, match="cannot stratify by 'colour'; allowed: label, referent, outlet"):
        sample_sheet(ans, lx, 3, by="colour")
    with pytest.raises(FramingError, match="sample size must be positive"):
        sample_sheet(ans, lx, 0)


def test_alpha_equals_the_krippendorff_package():
    kd = pytest.importorskip("krippendorff")
    import numpy as np

    data = [(1, 1, None), (0, 0, 0), (1, 0, 1), (1, 1, 1), (0, None, 1), (1, 1, 0), (None, 1, None)]
    ref = kd.alpha(reliability_data=np.array([[np.nan if v is None else v for v in u] for u in data],
                                             dtype=float).T, level_of_measurement="nominal")
    assert krippendorff_alpha(data) == pytest.approx(ref, abs=1e-12)


def test_alpha_by_hand():
    # two coders, 4 units: agree 1,1 / 0,0 / 1,1, disagree 1,0 -> o(1,1)=4, o(0,0)=2, o(1,0)=o(0,1)=1;
    # n1=5, n0=3, n=8: alpha = 1 - 7 * 2 / (2 * 5 * 3) = 0.5333...
    assert krippendorff_alpha([(1, 1), (0, 0), (1, 1), (1, 0)]) == pytest.approx(1 - 14 / 30)
    assert math.isnan(krippendorff_alpha([(1, 1), (1, 1)]))  # no disagreement is possible


def _code(sheet_path, codes: dict):
    """Fill the coder columns: codes maps a coder column to a function of the row."""
    with open(sheet_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        cols = list(rows[0])
    for r in rows:
        for c, f in codes.items():
            r[c] = f(r)
    with open(sheet_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    return rows


def test_sample_and_score_round_trip_on_the_command_line(corpus, tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    assert main(["validate", "sample", "conflict-syria", str(corpus), "--n", "8", "--seed", "3",
                 "-o", str(sheet)]) == 0
    err = capsys.readouterr().err
    assert "wrote 8 hits" in err
    instructions = (tmp_path / "sheet.instructions.md").read_text(encoding="utf-8")
    assert "Does the matched word" in instructions and "framing validate score sheet.csv" in instructions
    # coder 1 accepts every hit but 'militants'; coder 2 also rejects the first 'rebels' row
    first_rebels = None

    def coder_2(r):
        nonlocal first_rebels
        if r["label"] == "rebels" and first_rebels is None:
            first_rebels = r["n"]
            return "no"
        return "no" if r["label"] == "militants" else "yes"

    rows = _code(sheet, {"coder_1": lambda r: "0" if r["label"] == "militants" else "1", "coder_2": coder_2})
    assert main(["validate", "score", str(sheet), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    table = pd.DataFrame(out["precision"])
    # per label: coder 1 counts by hand
    for label, g in pd.DataFrame(rows).groupby("label"):
        row = table[(table["label"] == label) & (table["coder"] == "coder_1")].iloc[0]
        k = sum(g["coder_1"] == "1")
        assert (row["coded"], row["correct"]) == (len(g), k)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson_interval(k, len(g)))
    overall = table[(table["label"] == "(all)") & (table["coder"] == "coder_2")].iloc[0]
    k2 = sum(coder_2_value == "yes" for coder_2_value in (r["coder_2"] for r in rows))
    assert (overall["coded"], overall["correct"]) == (8, k2)
    assert overall["precision"] == pytest.approx(k2 / 8)
    kd = pytest.importorskip("krippendorff")
    import numpy as np
    data = np.array([[1.0 if r["coder_1"] == "1" else 0.0 for r in rows],
                     [1.0 if r["coder_2"] == "yes" else 0.0 for r in rows]])
    assert out["agreement"]["alpha"] == pytest.approx(kd.alpha(reliability_data=data,
                                                              level_of_measurement="nominal"))
    assert out["agreement"]["units"] == 8


def test_score_table_names_alpha(corpus, tmp_path, capsys):
    sheet = tmp_path / "s.csv"
    assert main(["validate", "sample", "conflict-syria", str(corpus), "--n", "6", "--seed", "1", "--by", "label",
                 "-o", str(sheet)]) == 0
    _code(sheet, {"coder_1": lambda r: "1", "coder_2": lambda r: "1" if int(r["n"]) % 3 else "0"})
    capsys.readouterr()
    assert main(["validate", "score", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "Krippendorff's alpha (nominal), coder_1, coder_2:" in out and "(all)" in out


def test_bad_code_is_a_usage_error_naming_line_and_column(corpus, tmp_path, capsys):
    sheet = tmp_path / "s.csv"
    main(["validate", "sample", "conflict-syria", str(corpus), "--n", "3", "-o", str(sheet)])
    _code(sheet, {"coder_1": lambda r: "maybe" if r["n"] == "2" else "1"})
    capsys.readouterr()
    assert main(["validate", "score", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: 1 cell(s) are not codes") and f"{sheet}:3: column coder_1: 'maybe'" in err


def test_stratified_overall_precision_is_weighted_by_stratum_size():
    # stratum A: 90 hits in the corpus, 10 coded, 9 correct; B: 10 hits, 10 coded, 5 correct
    rows = ([{"referent": "r", "label": "a", "stratum": "r/a", "stratum_hits": 90, "coder_1": int(i < 9)}
             for i in range(10)]
            + [{"referent": "r", "label": "b", "stratum": "r/b", "stratum_hits": 10, "coder_1": int(i < 5)}
               for i in range(10)])
    df = pd.DataFrame(rows)
    df.attrs["coders"] = ["coder_1"]
    t = score_sheet(df)["precision"]
    overall = t[t["label"] == "(all)"].iloc[0]
    assert overall["precision"] == pytest.approx(0.9 * 0.9 + 0.1 * 0.5)   # not the pooled 14/20
    var = 0.81 * 0.09 / 10 + 0.01 * 0.25 / 10
    n_eff = 0.86 * 0.14 / var
    assert (overall["ci_low"], overall["ci_high"]) == pytest.approx(wilson_interval(0.86 * n_eff, n_eff))


def test_read_sheet_refuses_a_file_without_coder_columns(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("label,verdict\nregime,1\n", encoding="utf-8")
    with pytest.raises(FramingError, match="not a coding sheet"):
        read_sheet(p)
