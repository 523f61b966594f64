"""Grouping options: mapping files (outlet -> camp) and date buckets (framing.groups)."""

import pytest

from framing.groups import GroupMap, GroupsError, date_bucket, read_groups


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
