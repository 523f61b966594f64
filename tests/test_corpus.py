import json

import pytest

import framing
from framing.corpus import Fields


def test_seed_front_matter(seed):
    assert seed.outlet == "Middle East Monitor"
    assert seed.date == "2017-03-22"
    assert seed.title == "Syria opposition press major assault in Hama"
    assert seed.text.startswith("Creating new perspectives since 2009\n")
    assert "---" not in seed.text[:10]


def test_txt_without_front_matter_is_whole_file(tmp_path):
    body = "---not front matter\nThe regime said so.\n"
    p = tmp_path / "story-one.txt"
    p.write_text(body, encoding="utf-8")
    (a,) = framing.read_corpus(p)
    assert a.id == "story-one"
    assert a.text == body


def test_front_matter_offsets_index_body(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: T\noutlet: SANA\n---\nTerrorists attacked.\n", encoding="utf-8")
    (a,) = framing.read_corpus(p)
    assert (a.title, a.outlet, a.text) == ("T", "SANA", "Terrorists attacked.\n")
    an = framing.analyze(a)
    assert all(a.text[h.start:h.end] == h.text for h in an.terms)


def test_jsonl_ids_and_bad_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"text": "one", "outlet": "x"}) + "\n"
                 + "{broken\n"
                 + json.dumps({"id": 7, "text": "two"}) + "\n"
                 + json.dumps({"body": "no text"}) + "\n", encoding="utf-8")
    errors = []
    arts = list(framing.read_corpus(p, on_error=errors.append))
    assert [a.id for a in arts] == ["c:1", "7"]
    assert [(e.line, e.problem.split(" (")[0]) for e in errors] == [
        (2, "not valid JSON"), (4, "no 'text' field")]
    assert str(errors[0]).startswith(f"{p}:2: ")


def test_configurable_fields_csv(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('doc,body,publisher\nd1,"Rebels, said ""no""\nsecond line",reuters\n', encoding="utf-8")
    (a,) = framing.read_corpus(p, fields=Fields(id="doc", text="body", outlet="publisher"))
    assert (a.id, a.outlet) == ("d1", "reuters")
    assert a.text == 'Rebels, said "no"\nsecond line'


def test_folder_one_bad_file_keeps_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Good one.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c.md").write_text("---\ntitle: [unclosed\n---\nx", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Also good.", encoding="utf-8")
    errors = []
    arts = list(framing.read_corpus(tmp_path, on_error=errors.append))
    assert [a.id for a in arts] == ["a", "d"]
    assert [e.path.rsplit("/", 1)[-1] for e in errors] == ["b.txt", "c.md"]
    assert "binary file" in errors[0].problem and "YAML" in errors[1].problem
    assert all(e.skipped for e in errors)


def test_not_utf8_is_read_as_cp1252_with_a_warning(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes("Line one.\nThe \u201cregime\u201d caf\u00e9.\n".encode("cp1252"))
    warned = []
    (a,) = framing.read_corpus(p, on_error=pytest.fail, on_warning=warned.append)
    assert a.text == "Line one.\nThe \u201cregime\u201d caf\u00e9.\n"
    (w,) = warned
    assert (w.line, w.skipped) == (2, False)
    assert w.problem.startswith("not valid UTF-8 (byte 0x93 at offset 14); read as Windows-1252")


def test_read_warning_is_public_and_tells_kept_from_skipped(tmp_path):
    """``framing.ReadWarning`` is exported, so callers can tell a kept input from a skipped one."""
    assert "ReadWarning" in framing.__all__ and framing.ReadWarning is framing.errors.ReadWarning
    (tmp_path / "a.txt").write_bytes("caf\u00e9".encode("cp1252"))  # read, with a caveat
    (tmp_path / "b.jsonl").write_text("[1]\n", encoding="utf-8")  # skipped
    problems = []
    arts = list(framing.read_corpus(tmp_path, on_error=problems.append, on_warning=problems.append))
    assert [a.text for a in arts] == ["caf\u00e9"]
    kept = [p for p in problems if isinstance(p, framing.ReadWarning)]
    skipped = [p for p in problems if not isinstance(p, framing.ReadWarning)]
    assert [(p.path.rsplit("/", 1)[-1], p.skipped) for p in kept] == [("a.txt", False)]
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.skipped) for p in skipped] == [("b.jsonl", 1, True)]
    assert all(isinstance(p, framing.CorpusError) for p in problems)


def test_missing_path_reported(tmp_path):
    errors = []
    assert list(framing.read_corpus(tmp_path / "nope", on_error=errors.append)) == []
    assert errors[0].problem == "no such file or folder"


def test_default_is_warning_not_crash(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text("[1]\n", encoding="utf-8")
    with pytest.warns(framing.corpus.CorpusWarning, match="x.jsonl:1: expected a JSON object"):
        assert list(framing.read_corpus(p)) == []
