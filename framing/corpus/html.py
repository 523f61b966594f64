"""``.html``/``.htm`` files: a Factiva HTML export, or one saved web page.

**Factiva exports** (recognised by their ``<div class="article enArticle">``
blocks and ``articleParagraph`` paragraphs) are read with the standard
library's HTML parser, streamed, and split as :mod:`~framing.corpus.exports`
describes; only what is inside an article block is read (not the search
summary or headline list around them). The markup tells the headline, the
byline and the article paragraphs apart.

**A saved web page** is one article: its main text, title, date, site name
(the outlet) and address are found by trafilatura (Barbaresi 2021), the
extractor most used for news pages, which leaves out menus, footers, cookie
notices, comments and related-story lists. It is an optional extra
(``pip install 'framing[html]'``, about 60 MB with lxml); without it a page is
refused with a one-line error that says so. The title is not repeated at the
top of the text; paragraphs are joined by a blank line. A page where no main
text is found is refused.

Encodings: a byte-order mark, else the ``<meta charset>`` the page declares,
else UTF-8, else Windows-1252 with a warning (as for text files).
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from ..data import Article
from ..errors import CorpusError, ReadWarning
from .encoding import check_text, decode, find_bom
from .exports import Block, read_export

__all__ = ["read_html", "factiva_html_blocks", "HTML_EXTRA"]

HTML_EXTRA = "pip install 'framing[html]'"
"""The install command for the extractor of saved web pages."""

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_FACTIVA = re.compile(r"""class\s*=\s*["']article\s+[a-z]{2}Article["']""")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


def decode_html(path: Path, data: bytes, on_warning) -> str:
    """The text of an HTML file: by its byte-order mark, its declared charset, or as a text file."""
    if not find_bom(data[:4]):
        m = _CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii").lower()
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                codec = None
            if codec and codec not in ("utf-8", "utf-16", "utf-32"):  # others: checked as a text file is
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError as e:
                    on_warning(ReadWarning(path, data.count(b"\n", 0, e.start) + 1,
                                           f"declares charset {name} but is not valid {name}; "
                                           "read as a text file"))
                else:
                    check_text(path, text)
                    return text
    return decode(path, data, on_warning)


# -- Factiva ----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset("p div tr li h1 h2 h3 h4 h5 h6 table tbody thead ul ol blockquote section article "
                        "header footer".split())
_VOID = frozenset("br img meta hr input link area base col embed source track wbr".split())
_WS = re.compile(r"\s+")


class _FactivaParser(HTMLParser):
    """Collects the paragraphs inside Factiva article blocks, with a hint of what each is."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, class, opens an article block)
        self.articles = 0        # article blocks open
        self.skip = 0            # inside <script>/<style>
        self.buf: list[str] = []
        self.kind = ""
        self.line = 0
        self.out: deque[Block] = deque()

    def _flush(self):
        text = "".join(self.buf).strip(" ")
        self.buf.clear()
        if text.strip():
            self.out.append(Block(text, self.line, self.kind))

    def _kind(self) -> str:
        for _, cls, _ in reversed(self.stack):
            if "articleParagraph" in cls:
                return "para"
            if "Headline" in cls:
                return "headline"
            if re.search(r"\bauthor\b", cls):
                return "author"
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
            return
        if tag == "br":
            if self.articles and self.buf:
                self.buf.append("\n")
            return
        if tag in _VOID:
            return
        cls = dict(attrs).get("class") or ""
        opens = bool(re.search(r"\barticle\b", cls) and re.search(r"\b[a-z]{2}Article\b", cls))
        if tag in _BLOCK_TAGS:
            self._flush()
        elif tag == "td" and self.buf and not self.buf[-1].endswith("\t"):
            self.buf.append("\t")
        self.stack.append((tag, cls, opens))
        self.articles += opens

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
            return
        if tag in _VOID or not any(t == tag for t, _, _ in self.stack):
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        elif tag == "td":
            self.buf.append("\t")
        while self.stack:
            t, _, opens = self.stack.pop()
            self.articles -= opens
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip or not self.articles:
            return
        data = _WS.sub(" ", data)
        if not data.strip() and not self.buf:
            return
        if not self.buf:
            self.kind = self._kind()
            self.line = self.getpos()[0]
        self.buf.append(data)


def factiva_html_blocks(text: str) -> Iterator[Block]:
    """The paragraphs inside the article blocks of a Factiva HTML export, parsed as a stream."""
    p = _FactivaParser()
    step = 1 << 16
    for i in range(0, len(text), step):
        p.feed(text[i:i + step])
        while p.out:
            yield p.out.popleft()
    p.close()
    p._flush()
    while p.out:
        yield p.out.popleft()


# -- a saved web page ---------------------------------------------------------------------

def _page(path: Path, text: str) -> Article:
    try:
        import trafilatura
    except ImportError:
        raise CorpusError(path, None, "reading a saved web page needs the 'html' extra: "
                                      f"{HTML_EXTRA}") from None
    doc = trafilatura.bare_extraction(text, include_comments=False, with_metadata=True)

    def get(name):  # a Document (trafilatura 2) or a dict (1.x)
        return doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)

    body = get("text") or ""
    title = _clean(get("title"))
    paras = [_WS.sub(" ", p).strip() for p in body.split("\n")]
    paras = [p for p in paras if p]
    if paras and title and paras[0].casefold() == title.casefold():
        paras = paras[1:]
    if not paras:
        raise CorpusError(path, None, "no article text found in this web page (the extractor found no "
                                      "main text; is it a front page or a list of links?)")
    url = _clean(get("url"))
    if not url:
        m = _SAVED_FROM.search(text[:4096])
        url = m.group(1) if m else None
    meta = {}
    author = _clean(get("author"))
    if author:
        meta["byline"] = author
    return Article(id=path.stem, text="\n\n".join(paras), title=title, outlet=_clean(get("sitename")),
                   date=_clean(get("date")), url=url, origin=str(path), meta=meta)


def _clean(v) -> str | None:
    if not isinstance(v, str):
        return None
    v = _WS.sub(" ", v).strip()
    return v or None


def read_html(path: Path, on_error, on_warning) -> Iterator[Article]:
    """Stream the articles of a Factiva HTML export, or read a saved web page as one article."""
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(path, None, "empty file" if not data else "empty file (only white space)")
    text = decode_html(path, data, on_warning)
    if _FACTIVA.search(text):
        yield from read_export(path, factiva_html_blocks(text), unit="line", on_error=on_error,
                               on_warning=on_warning)
    else:
        yield _page(path, text)
