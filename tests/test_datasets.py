"""The invented demo corpus, and the FA-KES download (tested on local files only: no network)."""

import hashlib

import pytest

import framing
from framing.datasets import FAKES_FILE, demo_corpus, fetch_fakes


def test_demo_corpus_is_fixed_and_covers_three_outlets_over_six_months():
    a, b = demo_corpus(), demo_corpus()
    assert a == b
    assert len({x.id for x in a}) == 36
    assert {x.outlet: sum(y.outlet == x.outlet for y in a) for x in a} == {
        "state-wire": 12, "opposition-voice": 12, "world-wire": 12}
    assert sorted({x.date[:7] for x in a}) == [f"2016-0{m}" for m in range(1, 7)]


def test_demo_outlets_lean_the_way_they_are_written(demo_analyses):
    cmp = framing.compare(demo_analyses).set_index("outlet")
    assert cmp.loc["state-wire", "lean_hi"] < 0 < cmp.loc["opposition-voice", "lean_lo"]
    assert cmp.loc["world-wire", "lean"] == 0.0          # wire wording: neutral labels only


def _file_url(tmp_path, data: bytes):
    src = tmp_path / "served.csv"
    src.write_bytes(data)
    return src.as_uri()


def test_fetch_fakes_keeps_a_file_with_the_listed_checksum(tmp_path):
    data = b"unit_id,article_title,article_content,source,date,location,labels\n"
    url = _file_url(tmp_path, data)
    out = fetch_fakes(tmp_path / "d", url=url, md5=hashlib.md5(data).hexdigest())
    assert out == tmp_path / "d" / FAKES_FILE and out.read_bytes() == data
    # present with the right checksum: not fetched again (the URL is gone)
    (tmp_path / "served.csv").unlink()
    assert fetch_fakes(tmp_path / "d", url=url, md5=hashlib.md5(data).hexdigest()) == out


def test_fetch_fakes_refuses_a_file_with_another_checksum(tmp_path):
    url = _file_url(tmp_path, b"not the corpus")
    with pytest.raises(framing.FramingError, match="expected 0123456789abcdef0123456789abcdef"):
        fetch_fakes(tmp_path / "d", url=url, md5="0123456789abcdef0123456789abcdef")
    assert list((tmp_path / "d").iterdir()) == []


def test_fetch_fakes_says_where_to_get_the_file_when_the_download_fails(tmp_path):
    url = (tmp_path / "missing.csv").as_uri()
    with pytest.raises(framing.FramingError, match=r"doi\.org/10\.5281/zenodo\.2607278"):
        fetch_fakes(tmp_path / "d", url=url)
