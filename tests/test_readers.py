"""Readers of research exports (Nexis Uni DOCX/RTF, Factiva RTF/HTML), saved web pages and Parquet.

The export files are written by ``tests/export_files.py`` from invented articles, following the
structure of real exports (see that module).
"""

import sys
import zipfile

import pytest

import framing
from framing.corpus.docx import docx_blocks
from framing.corpus.exports import parse_date
from framing.corpus.rtf import rtf_blocks

from export_files import (DOCS, Doc, factiva_html, factiva_rtf, news_page, nexis_paragraphs, nexis_rtf,
                          write_docx, write_nexis_docx, _p, _run)

METADATA = ("Copyright", "Length:", "Section:", "Byline:", "Load-Date", "End of Document", "Body",
            "Classification", "Job Number", "Search Terms", "words", "PHOTO:", "ENGLISH")


def _read(path):
    errors, warnings = [], []
    arts = list(framing.read_corpus(path, on_error=errors.append, on_warning=warnings.append))
    return arts, errors, warnings


def _expected_text(d: Doc) -> str:
    return "\n\n".join(d.paragraphs)


# -- Nexis Uni -------------------------------------------------------------------------------

def test_nexis_docx_two_articles_give_title_outlet_date_and_body_only(tmp_path):
    arts, errors, warnings = _read(write_nexis_docx(tmp_path / "export.docx"))
    assert errors == [] and warnings == []
    assert [(a.id, a.title, a.outlet, a.date) for a in arts] == [
        ("export:1", "Shelling resumes in southern Idlib as truce collapses", "The Daily Example (London)",
         "2019-05-03"),
        ("export:2", "Aid convoy reaches Douma after weeks of delay", "Example Wire", "2019-05-05")]
    for a, d in zip(arts, DOCS):
        assert a.text == _expected_text(d)
        assert not any(m in a.text for m in METADATA)
    one, two = arts
    assert one.meta["byline"] == "Jane Doe in Beirut"
    assert one.meta["section"] == "WORLD NEWS; Pg. 14"
    assert (one.meta["length"], one.meta["edition"], one.meta["load_date"]) == (96, "First Edition", "2019-05-04")
    assert "byline" not in two.meta and two.meta["date_text"] == "May 5, 2019 Sunday 10:03 PM GMT"


def test_nexis_rtf_reads_the_same_articles_as_the_docx(tmp_path):
    (tmp_path / "export.rtf").write_text(nexis_rtf(), encoding="ascii")
    rtf, errors, warnings = _read(tmp_path / "export.rtf")
    docx, _, _ = _read(write_nexis_docx(tmp_path / "export.docx"))
    assert errors == [] and warnings == []
    assert [(a.id, a.title, a.outlet, a.date, a.text) for a in rtf] == \
           [(a.id, a.title, a.outlet, a.date, a.text) for a in docx]
    # curly quotation marks (cp1252 bytes in the RTF) are read as such; the picture's hex is not text
    assert "\u201cThey are bombing us every night,\u201d" in rtf[0].text
    assert "89504e47" not in " ".join(a.text for a in rtf)


def test_export_offsets_index_the_article_text(tmp_path):
    arts, _, _ = _read(write_nexis_docx(tmp_path / "export.docx"))
    an = framing.analyze(arts[1])
    assert {h.label for h in an.terms} >= {"regime", "rebels"}
    assert all(arts[1].text[h.start:h.end] == h.text for h in an.terms)


def test_nexis_document_without_body_is_skipped_and_the_rest_read(tmp_path):
    ps = nexis_paragraphs(DOCS + [DOCS[0]])
    body = [i for i, p in enumerate(ps) if ">Body<" in p]
    del ps[body[1]]  # the second document loses its 'Body' line
    arts, errors, _ = _read(write_docx(tmp_path / "export.docx", ps))
    assert [a.id for a in arts] == ["export:1", "export:3"]  # the third keeps its number
    (e,) = errors
    assert e.skipped and e.line is not None
    assert str(e).startswith(f"{tmp_path / 'export.docx'}:{e.line}: document 2 (from paragraph {e.line}): "
                             "no 'Body' line")
    # the paragraph named is the second document's title
    blocks = {b.line: b.text for b in docx_blocks(tmp_path / "export.docx")}
    assert blocks[e.line] == DOCS[1].title


def test_cut_off_export_reports_the_last_part(tmp_path):
    ps = nexis_paragraphs(DOCS)
    end = max(i for i, p in enumerate(ps) if "End of Document" in p)
    arts, errors, _ = _read(write_docx(tmp_path / "cut.docx", ps[:end - 3]))
    assert [a.title for a in arts] == [DOCS[0].title]
    (e,) = errors
    assert "have no 'End of Document' or 'Document <id>' line; skipped (is the export cut off?)" in e.problem


def test_docx_without_export_markers_is_one_article_with_a_warning(tmp_path):
    p = write_docx(tmp_path / "memo.docx", [_p(_run("The regime said so.")), _p(_run("Rebels denied it."))],
                   title="A memo")
    arts, errors, warnings = _read(p)
    assert errors == []
    assert [(a.id, a.title, a.text) for a in arts] == [("memo", "A memo", "The regime said so.\n\nRebels denied it.")]
    assert "read as one article" in warnings[0].problem


def test_docx_paragraph_text_keeps_tabs_breaks_and_links_not_deletions(tmp_path):
    p = write_docx(tmp_path / "x.docx", [
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'  # a tab stop, not a tab
        '<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r>'
        '<w:del w:id="1"><w:r><w:delText>gone</w:delText></w:r></w:del>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>'
        '<w:hyperlink><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink></w:p>',
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
        '<w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>'
        '<w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
        '</mc:AlternateContent><w:t>outer</w:t></w:r></w:p>'])
    assert [b.text for b in docx_blocks(p)] == ["A\tB\nC link", "boxed", "outer"]


@pytest.mark.parametrize("content, problem", [
    (b"PK\x03\x04 not really a zip", "not a DOCX file (not a ZIP archive)"),
    (b"plain text", "not a DOCX file (not a ZIP archive)"),
])
def test_bad_docx_is_one_clear_error(tmp_path, content, problem):
    (tmp_path / "bad.docx").write_bytes(content)
    (tmp_path / "good.txt").write_text("The regime said so.", encoding="utf-8")
    arts, errors, _ = _read(tmp_path)
    assert [a.id for a in arts] == ["good"]
    assert errors[0].problem.startswith(problem)


def test_docx_refuses_a_document_type_declaration(tmp_path):
    p = tmp_path / "dtd.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    _, errors, _ = _read(p)
    assert "declares a document type" in errors[0].problem


def test_docx_that_is_not_well_formed_keeps_what_came_before(tmp_path):
    ps = nexis_paragraphs(DOCS)
    p = write_docx(tmp_path / "broken.docx", ps)
    with zipfile.ZipFile(p) as zf:
        xml = zf.read("word/document.xml").decode()
    cut = xml.rindex(DOCS[1].title) + 5  # break the XML inside the second document's title
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", xml[:cut] + "<<" + xml[cut:])
    arts, errors, _ = _read(p)
    assert [a.title for a in arts] == [DOCS[0].title]
    assert "word/document.xml is not well-formed XML" in errors[0].problem


# -- RTF details -------------------------------------------------------------------------------

def test_rtf_characters_groups_and_lines(tmp_path):
    p = tmp_path / "t.rtf"
    p.write_bytes(b"{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0 Times;}}{\\info{\\title Hidden}}\n"
                  b"caf\\'e9 \\u8220?quoted\\u8221? \\u-10179?\\u-8704? emoji\\~end\\par\n"
                  b"{\\*\\unknowndest skipped}{\\field{\\*\\fldinst HYPERLINK x}{\\fldrslt shown}}"
                  b"{\\pict\\bin4 \\par} after\\par\n"
                  b"\\trowd A\\cell B\\cell\\row\n"
                  b"{\\uc2 two\\u233XYz}\\line next\\par}")
    blocks = list(rtf_blocks(p, lambda w: None))
    assert [(b.text, b.line) for b in blocks] == [
        ("caf\u00e9 \u201cquoted\u201d \U0001F600 emoji\u00a0end", 2),
        ("shown after", 3),
        ("A\tB\t", 4),
        ("two\u00e9z\nnext", 5)]


def test_rtf_in_a_double_byte_code_page(tmp_path):
    p = tmp_path / "jp.rtf"
    p.write_bytes(b"{\\rtf1\\ansi\\ansicpg932 " + "".join(f"\\'{x:02x}" for x in "東京".encode("cp932")).encode()
                  + b"\\par}")
    assert [b.text for b in rtf_blocks(p, lambda w: None)] == ["東京"]


def test_file_that_is_not_rtf(tmp_path):
    (tmp_path / "x.rtf").write_text("Just text, not RTF.", encoding="utf-8")
    _, errors, _ = _read(tmp_path / "x.rtf")
    assert errors[0].problem == "not an RTF file (it does not start with '{\\rtf')"


# -- Factiva -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("article.rtf", lambda: factiva_rtf()),
    ("coded.rtf", lambda: factiva_rtf(coded=True)),
    ("export.html", lambda: factiva_html()),
])
def test_factiva_exports(tmp_path, name, content):
    p = tmp_path / name
    p.write_text(content(), encoding="utf-8")
    arts, errors, warnings = _read(p)
    assert errors == [] and warnings == []
    assert [(a.id, a.title, a.outlet, a.date) for a in arts] == [
        (d.an, d.title, d.outlet, parse_date(d.date_line)) for d in DOCS]
    assert [a.text for a in arts] == [_expected_text(d) for d in DOCS]
    one, two = arts
    assert one.meta["byline"].endswith("Jane Doe in Beirut")
    assert (one.meta["length"], one.meta["source_code"], one.meta["language"]) == (96, "EXDAIL", "English")
    assert two.meta["time"] == "22:03" and "byline" not in two.meta
    # the search summary, the headline list and the trailing source credit are not text
    assert not any(x in a.text for a in arts for x in ("Search Summary", "Example Wire Ltd.", "123 words"))


def test_factiva_document_without_word_count_is_skipped(tmp_path):
    text = factiva_rtf().replace("96 words", "ninety-six")
    p = tmp_path / "f.rtf"
    p.write_text(text, encoding="utf-8")
    arts, errors, _ = _read(p)
    assert [a.id for a in arts] == [DOCS[1].an]
    assert "document 1 (from line" in errors[0].problem and "no word-count line" in errors[0].problem


# -- saved web pages ------------------------------------------------------------------------------

def test_news_page_gives_its_article_text_without_navigation_or_footer(tmp_path):
    pytest.importorskip("trafilatura", reason="the 'html' extra (trafilatura) is not installed")
    p = tmp_path / "idlib.html"
    p.write_text(news_page(), encoding="utf-8")
    arts, errors, warnings = _read(p)
    assert errors == []
    (a,) = arts
    assert a.text == _expected_text(DOCS[0])
    assert (a.title, a.outlet, a.date) == (DOCS[0].title, "The Daily Example", "2019-05-03")
    assert a.url == "https://news.example.org/world/idlib-shelling"
    for junk in ("cookies", "Home", "Subscribe", "Most read", "gadgets", "All rights reserved", "Privacy"):
        assert junk not in a.text


def test_web_page_without_the_extra_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    (tmp_path / "page.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "note.txt").write_text("The regime said so.", encoding="utf-8")
    arts, errors, _ = _read(tmp_path)
    assert [a.id for a in arts] == ["note"]
    assert errors[0].problem == ("reading a saved web page needs the 'html' extra: "
                                 "pip install 'framing[html]'")


def test_factiva_html_does_not_need_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    (tmp_path / "f.htm").write_text(factiva_html(), encoding="utf-8")
    arts, errors, _ = _read(tmp_path / "f.htm")
    assert errors == [] and len(arts) == 2


def test_html_declared_charset_is_used(tmp_path):
    page = factiva_html().replace('content="text/html; charset=UTF-8"', 'content="text/html; charset=windows-1252"')
    page = page.replace("Douma", "Dúma")
    (tmp_path / "f.html").write_bytes(page.encode("cp1252"))
    arts, errors, warnings = _read(tmp_path / "f.html")
    assert errors == [] and warnings == []
    assert arts[1].title == "Aid convoy reaches Dúma after weeks of delay"


# -- Parquet ---------------------------------------------------------------------------------------

def test_parquet_rows_are_articles(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    t = pa.table({"id": ["a", None], "text": ["The regime said so.", None], "outlet": ["x", "y"],
                  "date": [None, None], "score": [1.5, 2.0]})
    pq.write_table(t, tmp_path / "c.parquet")
    arts, errors, _ = _read(tmp_path / "c.parquet")
    assert [(a.id, a.text, a.outlet, dict(a.meta)) for a in arts] == [("a", "The regime said so.", "x",
                                                                       {"score": 1.5})]
    assert (errors[0].line, errors[0].problem.split(" (")[0]) == (2, "no 'text' field")


# -- dates and folders ---------------------------------------------------------------------------

@pytest.mark.parametrize("line, iso", [
    ("May 3, 2019 Friday", "2019-05-03"),
    ("Friday, May 3, 2019", "2019-05-03"),
    ("3 May 2019", "2019-05-03"),
    ("May 5, 2019 Sunday 10:03 PM GMT", "2019-05-05"),
    ("3. Mai 2019 Freitag", "2019-05-03"),
    ("3 mai 2019 vendredi", "2019-05-03"),
    ("3 de mayo de 2019", "2019-05-03"),
    ("03.05.2019", "2019-05-03"),
    ("May 2019", "2019-05"),
    ("Spring 2019", "2019"),
    ("February 30, 2019", None),
    ("Final Edition", None),
    ("The Daily Example (London)", None),
    ("Section: WORLD; Pg. 3 May 2019", None),
])
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_folder_reads_every_format_in_order(tmp_path):
    write_nexis_docx(tmp_path / "a.docx")
    (tmp_path / "b.rtf").write_text(factiva_rtf(), encoding="utf-8")
    (tmp_path / "c.txt").write_text("The regime said so.", encoding="utf-8")
    arts, errors, _ = _read(tmp_path)
    assert errors == []
    assert [a.id for a in arts] == ["a:1", "a:2", DOCS[0].an, DOCS[1].an, "c"]


def test_unsupported_suffix_names_the_allowed_ones_and_a_hint(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    _, errors, _ = _read(tmp_path / "old.doc")
    assert errors[0].problem == ("unsupported file type '.doc'; allowed: .txt, .md, .jsonl, .csv, .parquet, "
                                 ".docx, .rtf, .html, .htm; save Word 97-2003 files as .docx")


def test_factiva_section_line_above_the_headline(tmp_path):
    from export_files import _rp
    text = factiva_rtf().replace(_rp(DOCS[1].title, bold=True), _rp("Middle East") + _rp(DOCS[1].title, bold=True))
    p = tmp_path / "f.rtf"
    p.write_text(text, encoding="utf-8")
    arts, errors, warnings = _read(p)
    assert errors == [] and warnings == []
    assert (arts[1].title, arts[1].meta["section"]) == (DOCS[1].title, "Middle East")
    assert "section" not in arts[0].meta
