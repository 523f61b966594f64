"""Writers of research-database export files for the reader tests and the reader benchmark.

The files follow the structure of Nexis Uni and Factiva exports as their public
documentation and open-source readers describe it (LexisNexisTools, tm.plugin.factiva);
the articles, outlets and ids are invented here, and the markup is written from
scratch (including what Word adds: split runs, proofing marks, bookmarks,
hyperlinks, no-break spaces after the keywords, a cover page with a table).
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Doc:
    title: str
    outlet: str
    date_line: str
    paragraphs: list[str]
    byline: str | None = None
    section: str | None = None
    length: int = 0
    edition: str | None = None
    copyright: str = "Copyright 2019 Example Media Group All Rights Reserved"
    load_date: str = "May 4, 2019"
    graphic: str | None = None
    # Factiva only
    source_code: str = "EXDAIL"
    an: str = "EXDAIL0020190503ef530001x"
    time: str | None = None
    extra: dict = field(default_factory=dict)


DOCS = [
    Doc(title="Shelling resumes in southern Idlib as truce collapses",
        outlet="The Daily Example (London)",
        date_line="May 3, 2019 Friday",
        edition="First Edition",
        section="WORLD NEWS; Pg. 14",
        length=96,
        byline="Jane Doe in Beirut",
        graphic="PHOTO: Smoke rises over a village south of Idlib.",
        an="EXDAIL0020190503ef530001x",
        paragraphs=[
            "Government forces shelled towns in southern Idlib on Friday, residents said, as a "
            "ceasefire agreed two weeks ago collapsed.",
            "The opposition said at least twelve civilians were killed when shells hit a market in "
            "Kafr Nabl. \u201cThey are bombing us every night,\u201d a teacher said.",
            "A spokesman for the ministry of defence said the army had targeted terrorist positions "
            "and denied hitting civilians.",
        ]),
    Doc(title="Aid convoy reaches Douma after weeks of delay",
        outlet="Example Wire",
        date_line="May 5, 2019 Sunday 10:03 PM GMT",
        section="NEWS",
        length=58,
        byline=None,
        copyright="Copyright 2019 Example Wire Services Ltd.",
        load_date="May 6, 2019",
        source_code="EXWIRE", an="EXWIRE0020190505ef550003k", time="22:03",
        paragraphs=[
            "A convoy of 40 trucks carrying food and medicine reached Douma on Sunday, the Red "
            "Crescent said, after the rebels and the regime agreed on a route.",
            "Aid workers said the supplies would last the town's residents about a month.",
        ]),
]


# -- Nexis Uni DOCX ------------------------------------------------------------------------

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')


def _run(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _p(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/><w:spacing w:after="0"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _split_runs(text: str) -> list[str]:
    """Word splits a paragraph into several runs, with proofing marks between them."""
    if len(text) < 20:
        return [_run(text)]
    a, b = text[:7], text[7:]
    return [_run(a), '<w:proofErr w:type="spellStart"/>', _run(b), '<w:proofErr w:type="spellEnd"/>']


def _key(name: str, value: str) -> str:
    return _p(_run(f"{name}:", bold=True), _run(f"\u00a0{value}"))


def nexis_paragraphs(docs=DOCS, *, cover: bool = True) -> list[str]:
    """``w:p`` elements of a Nexis Uni export (cover page, then each document)."""
    ps = []
    if cover:
        ps += [_p(_run("User Name: =")),
               _p(_run("Date and Time: = Tuesday, May 7, 2019 9:15:00 AM EDT")),
               _p(_run("Job Number: = 88812345")),
               _p(_run(f"Documents ({len(docs)})"), style="Heading1")]
        for i, d in enumerate(docs, 1):
            ps += [_p(_run(f"{i}. "), _run(d.title)),
                   _p(_run("Client/Matter: -None-")),
                   _p(_run("Search Terms: idlib OR douma")),
                   _p(_run("Search Type: Terms and Connectors"))]
        ps.append("<w:tbl><w:tblPr/><w:tr><w:tc>" + _p(_run("Content Type")) + "</w:tc><w:tc>"
                  + _p(_run("Narrowed by")) + "</w:tc></w:tr><w:tr><w:tc>" + _p(_run("News"))
                  + "</w:tc><w:tc>" + _p(_run("Language: English")) + "</w:tc></w:tr></w:tbl>")
        ps.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    for i, d in enumerate(docs, 1):
        ps.append(_p(f'<w:bookmarkStart w:id="{i}" w:name="Bookmark_{i}"/><w:bookmarkEnd w:id="{i}"/>'
                     f'<w:hyperlink r:id="rId{i + 10}" w:history="1">{_run(d.title, bold=True)}</w:hyperlink>',
                     style="Title"))
        ps.append(_p(_run(d.outlet)))
        ps.append(_p(_run(d.date_line)))
        if d.edition:
            ps.append(_p(_run(d.edition)))
        ps.append(_p(_run(d.copyright)))
        if d.section:
            ps.append(_key("Section", d.section))
        ps.append(_key("Length", f"{d.length} words"))
        if d.byline:
            ps.append(_key("Byline", d.byline))
        ps.append(_p(_run("Body", bold=True), style="Heading2"))
        ps.append(_p('<w:bookmarkStart w:id="99" w:name="Body"/><w:bookmarkEnd w:id="99"/>'))
        for para in d.paragraphs:
            ps.append(_p(*_split_runs(para)))
        if d.graphic:
            ps += [_p(_run("Graphic", bold=True)), _p(_run(d.graphic))]
        ps += [_p(_run("Classification", bold=True)), _key("Language", "ENGLISH"),
               _key("Publication-Type", "Newspaper"),
               _key("Subject", "ARMED FORCES (90%); CEASEFIRES (78%)"),
               _key("Load-Date", d.load_date), _p(_run("End of Document"), style="Heading3"),
               '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']
    return ps


def write_docx(path: Path, paragraphs: list[str], *, title: str | None = None) -> Path:
    """A minimal but valid Word file with these ``w:p`` (or ``w:tbl``) elements as its body."""
    body = "".join(paragraphs) + '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>'
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NS}><w:body>{body}</w:body></w:document>'
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            + (f"<dc:title>{html.escape(title)}</dc:title>" if title else "") + "</cp:coreProperties>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
             '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
             'document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", doc)
        zf.writestr("docProps/core.xml", core)
    return path


def write_nexis_docx(path: Path, docs=DOCS, *, cover: bool = True) -> Path:
    return write_docx(path, nexis_paragraphs(docs, cover=cover))


# -- RTF ------------------------------------------------------------------------------------

def rtf_escape(text: str) -> str:
    """Text as RTF writes it: cp1252 bytes as \\'hh, other characters as \\uN? (with one fallback byte)."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\u00a0":
            out.append("\\~")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                b = ch.encode("cp1252")
                out.append("\\'" + b.hex())
            except UnicodeEncodeError:
                for unit in _utf16_units(ch):
                    out.append(f"\\u{unit if unit < 32768 else unit - 65536}?")
    return "".join(out)


def _utf16_units(ch: str) -> list[int]:
    b = ch.encode("utf-16-le")
    return [int.from_bytes(b[i:i + 2], "little") for i in range(0, len(b), 2)]


_RTF_HEAD = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}"
             "{\\f1\\fswiss\\fcharset0 Arial;}}\n{\\colortbl;\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\n"
             "{\\*\\generator Example Writer 1.0;}{\\info{\\title Export of 2019}{\\author Somebody}}\n"
             "\\paperw12240\\paperh15840\\margl1440\\margr1440\n")


def _rp(text: str, bold: bool = False) -> str:
    body = rtf_escape(text)
    return ("\\pard\\plain\\f0\\fs24 " + ("{\\b " + body + "}" if bold else body) + "\\par\n")


def nexis_rtf(docs=DOCS) -> str:
    parts = [_RTF_HEAD, _rp("Documents (%d)" % len(docs), bold=True), _rp("Job Number: = 88812345"), "\\page\n"]
    for d in docs:
        parts.append("\\pard\\plain {\\field{\\*\\fldinst HYPERLINK \"https://example.org/doc\"}{\\fldrslt "
                     "{\\b\\ul " + rtf_escape(d.title) + "}}}\\par\n")
        parts += [_rp(d.outlet), _rp(d.date_line)]
        if d.edition:
            parts.append(_rp(d.edition))
        parts.append(_rp(d.copyright))
        for name, value in (("Section", d.section), ("Length", f"{d.length} words"), ("Byline", d.byline)):
            if value:
                parts.append("\\pard{\\b " + name + ":}\\~" + rtf_escape(value) + "\\par\n")
        parts.append(_rp("Body", bold=True))
        # a picture between paragraphs (its hex data must not become text)
        parts.append("{\\*\\shppict{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d4948445200}}"
                     "{\\nonshppict{\\pict\\wmetafile8 0100090000033e}}\n")
        for para in d.paragraphs:
            # long lines are wrapped in the file, as RTF writers do
            esc = rtf_escape(para)
            parts.append("\\pard\\plain\\f0\\fs24 " + esc[:40] + "\n" + esc[40:] + "\\par\n")
        if d.graphic:
            parts += [_rp("Graphic", bold=True), _rp(d.graphic)]
        parts += [_rp("Classification", bold=True), _rp("Language:\u00a0ENGLISH"),
                  _rp(f"Load-Date:\u00a0{d.load_date}"), _rp("End of Document"), "\\page\n"]
    parts.append("}")
    return "".join(parts)


def factiva_rtf(docs=DOCS, *, coded: bool = False) -> str:
    """A Factiva RTF export: article format, or the "full article plus indexing" format (coded)."""
    parts = [_RTF_HEAD]
    for d in docs:
        date = _factiva_date(d)
        if coded:
            rows = [("HD", [d.title]), ("BY", [d.byline] if d.byline else []),
                    ("WC", [f"{d.length:,} words"]), ("PD", [date]), ("ET", [d.time] if d.time else []),
                    ("SN", [d.outlet]), ("SC", [d.source_code]), ("LA", ["English"]), ("CY", [d.copyright]),
                    ("LP", d.paragraphs[:1]), ("TD", d.paragraphs[1:]),
                    ("NS", ["gvio : Military Action | gcat : Political/General News"]), ("AN", [f"Document {d.an}"])]
            for code, values in rows:
                if not values:
                    continue
                cells = "\\par ".join(rtf_escape(v) for v in values)
                parts.append(f"\\trowd\\cellx1000\\cellx9000\\pard\\intbl {{\\b {code}}}\\cell "
                             f"\\pard\\intbl {cells}\\cell\\row\n")
            parts.append("\\pard\\par\\page\n")
            continue
        parts.append(_rp(d.title, bold=True))
        if d.byline:
            parts.append(_rp(f"By {d.byline}"))
        parts += [_rp(f"{d.length:,} words"), _rp(date)]
        if d.time:
            parts.append(_rp(d.time))
        parts += [_rp(d.outlet), _rp(d.source_code)]
        if d.edition:
            parts.append(_rp(d.edition))
        parts += [_rp("English"), _rp(d.copyright)]
        parts += [_rp(p) for p in d.paragraphs]
        parts += [_rp(f"Document {d.an}"), "\\page\n"]
    parts += [_rp("Search Summary", bold=True), _rp("Text\tidlib OR douma"), _rp("Results Found\t2"), "}"]
    return "".join(parts)


def _factiva_date(d: Doc) -> str:
    from framing.corpus.exports import parse_date  # "2019-05-03" -> "3 May 2019"
    import datetime as dt
    y, m, day = map(int, parse_date(d.date_line).split("-"))
    return f"{day} {dt.date(y, m, day):%B} {y}"


def factiva_html(docs=DOCS) -> str:
    """A Factiva HTML export (article format), with a headline list outside the article blocks."""
    e = html.escape
    out = ['<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>',
           "<title>Factiva</title><script>var x = 'Document ABCDEFGHIJKLMNOPQRSTUVWXY';</script></head><body>",
           '<div id="headlines"><table><tr><td>1.</td><td>' + e(docs[0].title) + "</td><td>123 words</td></tr>"
           "</table></div>"]
    for d in docs:
        out.append(f'<div id="article-{d.an}" class="article"><div class="article enArticle"><p>\n'
                   f"<div id=\"hd\"><span class='enHeadline'>\n{e(d.title)}\n</span>\n</div>")
        if d.byline:
            out.append(f'<div class="author">\nBy {e(d.byline)}\n</div>')
        out.append(f"<div>{d.length:,} words</div><div>{_factiva_date(d)}</div>")
        if d.time:
            out.append(f"<div>{d.time}</div>")
        out.append(f"<div>{e(d.outlet)}</div><div>{d.source_code}</div><div>English</div>"
                   f"<div>{e(d.copyright)}</div>\n</p>\n")
        for para in d.paragraphs:
            words = e(para).split(" ")
            wrapped = " ".join(words[:6]) + "\n" + " ".join(words[6:])  # source line breaks are not text
            out.append(f'<p class="articleParagraph enarticleParagraph">\n{wrapped}\n</p>\n')
        out.append(f"<p>Example Wire Ltd.</p><p>Document {d.an}</p></div></div><br/><span></span>")
    out.append('<div id="searchSummary"><b>Search Summary</b><table><tr><td>Text</td><td>idlib</td></tr>'
               "</table></div></body></html>")
    return "\n".join(out)


# -- a saved web page -------------------------------------------------------------------------

def news_page(doc: Doc = DOCS[0]) -> str:
    """A news page as a browser saves it: menus, a cookie notice, the article, related links, a footer."""
    e = html.escape
    paras = "\n".join(f"<p>{e(p)}</p>" for p in doc.paragraphs)
    return f"""<!DOCTYPE html>
<!-- saved from url=(0044)https://news.example.org/world/idlib-shelling -->
<html lang="en"><head><meta charset="utf-8">
<title>{e(doc.title)} | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="{e(doc.title)}">
<meta property="article:published_time" content="2019-05-03T08:30:00+00:00">
<link rel="canonical" href="https://news.example.org/world/idlib-shelling">
<script>window.dataLayer = [];</script><style>body {{ font-family: serif; }}</style>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing to
browse the site you agree to our use of cookies and our privacy policy.</p><button>Accept all cookies</button></div>
<header><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe
today for unlimited access</a></li></ul></nav></header>
<main><article class="story">
<h1>{e(doc.title)}</h1>
<p class="byline">By <a href="/authors/jane-doe">{e(doc.byline or "")}</a>, 3 May 2019</p>
{paras}
</article>
<aside class="related"><h2>Most read</h2><ul><li><a href="/a">Ten gadgets you need this summer</a></li>
<li><a href="/b">Stock markets close higher on Friday after a week of losses</a></li></ul></aside>
</main>
<footer><p>Copyright 2019 The Daily Example. All rights reserved.</p><ul><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li></ul></footer>
</body></html>
"""
