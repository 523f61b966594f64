"""Grouping options: mapping files (outlet -> camp) and date buckets (framing.groups)."""

import pytest

from framing.groups import GroupMap, GroupsError, date_bucket, group_column, grouping, read_groups


def write(tmp_path, text, name="camps.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_groups_header_comments_blank_lines_and_case(tmp_path):
    p = write(tmp_path, "outlet,camp\n# state media\nSANA, pro-government\n\netilaf,opposition\n"
                        "sana,Pro-Government\n")        # same mapping again, any case: fine
    g = read_groups(p)
    assert (g.field, g.name) == ("outlet", "camp")
    assert dict(g.mapping) == {"SANA": "pro-government", "etilaf": "opposition"}
    assert g.group_of("sana") == "pro-government"
    assert g.group_of(" Etilaf ") == "opposition"
    assert g.group_of("reuters") is None and g.group_of(None) is None


def test_every_bad_row_is_reported_with_its_line(tmp_path):
    p = write(tmp_path, "outlet,camp\nsana,gov\nmanar\n,opp\netilaf,\nsana,opp\n")
    with pytest.raises(GroupsError) as e:
        read_groups(p)
    msg = str(e.value)
    assert msg.startswith("4 bad rows in group file")
    assert f"{p}:3: expected 2 cells (outlet,camp), got 1" in msg
    assert f"{p}:4: empty outlet" in msg
    assert f"{p}:5: empty camp" in msg
    assert f"{p}:6: 'sana' is already mapped to 'gov' on line 2; here to 'opp'" in msg
    assert [ln for ln, _ in e.value.problems] == [3, 4, 5, 6]


def test_missing_file_bad_header_and_empty_file(tmp_path):
    with pytest.raises(GroupsError, match="nope.csv: no such file"):
        read_groups(tmp_path / "nope.csv")
    with pytest.raises(GroupsError, match=r"camps.csv:1: the header must name the field"):
        read_groups(write(tmp_path, "outlet\nsana\n"))
    with pytest.raises(GroupsError, match="empty file"):
        read_groups(write(tmp_path, "\n# nothing\n"))


def test_groupmap_from_a_dict():
    g = GroupMap("outlet", "camp", {"Reuters": "wire"})
    assert g.group_of("reuters") == "wire"


def test_date_buckets():
    dates = ["2017-04-16", "2017-04-17", "2017-04-30T23:00:00", None, "", "not a date"]
    assert date_bucket(dates, "week").tolist() == [
        "2017-04-10", "2017-04-17", "2017-04-24", "(none)", "(none)", "(none)"]
    assert date_bucket(dates, "month").tolist() == [
        "2017-04", "2017-04", "2017-04", "(none)", "(none)", "(none)"]


def test_unknown_bucket_is_explained():
    from framing.errors import FramingError

    with pytest.raises(FramingError, match="'year' is not a date bucket; use one of week, month"):
        date_bucket(["2017-01-01"], "year")


# -- any field name is a group key (issue #15, finding 1) -------------------------------

_NAMED_FIELDS = ["source", "label", "side", "type", "kind", "voice", "stance", "count", "lean",
                 "n_articles", "text_group"]


@pytest.fixture(scope="module")
def own_names(tmp_path_factory):
    """Analyses of a CSV whose columns use the names the tables use for themselves."""
    import csv

    import framing

    rows = [
        ("Rebels shelled the town", 'Rebels shelled the town of Idlib, the regime said. "We will '
         'respond," a spokesman for the army told reporters.', "alpha"),
        ("Forces advance", "Government forces advanced on the city, activists said. The "
         "opposition claimed that terrorists had fled.", "beta"),
        ("Regime bombs hospital", "The regime bombed a hospital, according to the Syrian "
         "Observatory for Human Rights. Officials denied it.", "alpha"),
        ("Army retakes village", "The Syrian army retook the village, state media reported. "
         "Terrorists were killed, the ministry said.", "beta"),
    ]
    p = tmp_path_factory.mktemp("own") / "my.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["headline", "body", *_NAMED_FIELDS])
        for i, (head, body, outlet) in enumerate(rows):
            w.writerow([head, body, *(f"{outlet}-{n}" for n in _NAMED_FIELDS)])
    arts = list(framing.read_corpus(p, fields=framing.Fields(text="body", title="headline")))
    return [framing.analyze(a) for a in arts]


@pytest.mark.parametrize("by", _NAMED_FIELDS)
def test_any_field_name_groups_every_measure(own_names, by):
    from framing.compare import MEASURES, measure

    for name in MEASURES:
        if name in ("terms", "departures"):
            continue
        df = measure(own_names, name, by=by, n_resamples=20)
        assert len(set(df.columns)) == len(df.columns), (name, list(df.columns))
        key = df.attrs["by"]
        assert key == group_column(by)
        assert set(df[key]) <= {f"alpha-{by}", f"beta-{by}"}, (name, set(df[key]))
        assert len(df) > 0, name
    # the measures' own columns keep their meaning
    named = measure(own_names, "named", by=by, n_resamples=20)
    assert set(named["source"]) == {"named", "anonymous", "(no source)"}
    labels = measure(own_names, "labels", by=by, n_resamples=20)
    assert f"alpha-{by}" not in set(labels["label"])


def test_group_column_of_a_table_field_is_apart():
    assert group_column("source") == "source_group"
    assert group_column("outlet") == "outlet" and group_column("camp") == "camp"
    assert group_column("voice_gov") != "voice_gov"          # compare's voice_<side> columns
    assert group_column("month", {"month"}) != "month"       # beside an every= bucket
    assert grouping("month", "month").keys == ["month_group", "month"]


def test_reserved_names_cover_every_column_the_measures_make(own_names):
    """A column added to a table or measure must be listed, or a field of that name collides."""
    from framing.compare import MEASURES, measure, tables

    seen = set()
    for t in tables(own_names):
        seen |= set(t.columns)
    for name in MEASURES:
        if name not in ("terms", "departures"):
            seen |= set(measure(own_names, name, n_resamples=20).columns)
    free = {c for c in seen if group_column(c) == c} - {"id", "outlet", "title", "date", "url",
                                                        "origin", *_NAMED_FIELDS}  # the CSV's
    assert not free, f"add to RESERVED_COLUMNS: {sorted(free)}"


def test_report_groups_by_a_field_named_source(own_names, tmp_path):
    import pandas as pd

    from framing.report import write_report

    write_report(own_names, tmp_path / "r", by="source", progress=False)
    cmp = pd.read_csv(tmp_path / "r" / "tables" / "compare.csv")
    assert set(cmp["source_group"]) == {"alpha-source", "beta-source"}
    terms = pd.read_csv(tmp_path / "r" / "tables" / "named_shares.csv")
    assert set(terms["source"]) == {"named", "anonymous", "(no source)"}
    assert "alpha-source" in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
