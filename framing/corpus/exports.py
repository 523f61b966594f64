"""Research database exports (Nexis Uni, Factiva): many articles per file, split on the export's own structure.

The container readers (:mod:`~framing.corpus.docx`, :mod:`~framing.corpus.rtf`,
:mod:`~framing.corpus.html`) turn a file into a stream of :class:`Block`
(paragraphs, in order); :func:`read_export` splits that stream into documents
and each document into metadata and article text.

**Nexis Uni** (DOCX, RTF). Each document ends with a line ``End of Document``.
Before its ``Body`` line come the title, the outlet, the date line (``January
10, 2019 Thursday``), optional edition lines, ``Copyright ...`` and keyword
lines (``Section:``, ``Length: 702 words``, ``Byline:``, ``Dateline:``,
``Highlight:``); after the body paragraphs come ``Graphic``, ``Notes`` or
``Classification`` sections and ``Load-Date:``. A cover page (search terms, job
number, the list of titles) before the first document is left out.

**Factiva** (RTF, HTML). Each document ends with its accession number,
``Document NYTF000020190110ef1a00046``. In the default article format the
headline and optional byline come first, then ``N words``, the date, an
optional time, the source name and code, optional edition and page, the
language and the copyright line, then the paragraphs; in the "full article
plus indexing" format each part has a two-letter code (``HD`` headline,
``BY``, ``WC``, ``PD`` date, ``SN`` source, ``LP`` lead paragraph, ``TD``
text, ``AN`` accession number, ...). A ``Search Summary`` after the last
document is left out.

Article text is the body paragraphs joined by a blank line; the metadata lines
are never part of it. ``title``, ``outlet`` and ``date`` (ISO ``YYYY-MM-DD``,
or ``YYYY-MM``/``YYYY`` when the export gives no day) are fields; ``byline``,
``section``, ``length`` (words, as the export counts them), ``edition``,
``copyright``, ``load_date``, ``date_text`` (the date as printed) and, for
Factiva, ``source_code``, ``page``, ``language`` go to ``meta``. Ids: the
Factiva accession number; for Nexis Uni ``<file stem>:<n>``, ``n`` counting the
documents of the file (a skipped document keeps its number).

A document whose structure cannot be read (no ``Body`` line; no word count)
is reported with the line (RTF, HTML) or paragraph (DOCX) where it starts and
skipped; the rest of the file is read.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from ..data import Article
from ..errors import CorpusError, ReadWarning

__all__ = ["Block", "read_export", "parse_date"]


class Block(NamedTuple):
    """One paragraph of a file, in reading order.

    Attributes:
        text: its text (line breaks inside it as ``\\n``; table cells joined by ``\\t``).
        line: where it starts: the line of an RTF or HTML file, the paragraph of a DOCX.
        kind: what the file's markup says it is: ``"headline"``, ``"author"``,
            ``"para"`` (an article paragraph) or ``""`` (no markup to tell).
    """

    text: str
    line: int
    kind: str = ""


# -- dates ---------------------------------------------------------------------------

_MONTHS = {}
for _n, _names in enumerate([
    "january jan januar janvier enero gennaio januari janeiro jänner",
    "february feb februar février fevrier febrero febbraio februari fevereiro",
    "march mar märz maerz mars marzo maart março marco",
    "april apr avril abril aprile",
    "may mai mayo maggio mei maio",
    "june jun juni juin junio giugno junho",
    "july jul juli juillet julio luglio julho",
    "august aug août aout agosto augustus",
    "september sep sept septembre septiembre settembre setembro",
    "october oct oktober octobre octubre ottobre outubro",
    "november nov novembre noviembre novembro",
    "december dec dezember décembre decembre diciembre dicembre dezembro",
], 1):
    for _w in _names.split():
        _MONTHS[_w] = _n
_WEEKDAYS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
lundi mardi mercredi jeudi vendredi samedi dimanche
lunes martes miércoles miercoles jueves viernes sábado sabado domingo
lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
segunda-feira terça-feira terca-feira quarta-feira quinta-feira sexta-feira
""".split())
_SEASONS = frozenset("spring summer autumn fall winter frühjahr frühling sommer herbst printemps été "
                     "automne hiver".split())
_FILLER = frozenset(["de", "del", "of", "the", "le", "den", "der"])
_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?(?:am|pm|a\.m\.|p\.m\.)?", re.I)
_ZONE = re.compile(r"(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?|am|pm|a\.m\.|p\.m\.|uhr|h)",
                   re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    try:
        return _dt.date(y, m, d or 1).isoformat() if d else f"{_dt.date(y, m, 1):%Y-%m}"
    except ValueError:
        return None


def parse_date(line: str) -> str | None:
    """The date a whole line states, as ISO text; ``None`` when the line is not just a date.

    Weekday names, times and time zones around the date are allowed; month
    names are read in English, German, French, Spanish, Italian, Dutch and
    Portuguese. Without a day the result is ``YYYY-MM`` (``YYYY`` for a season).

    >>> parse_date("January 10, 2019 Thursday 10:03 PM GMT")
    '2019-01-10'
    >>> parse_date("10. Januar 2019 Donnerstag"), parse_date("Thursday, 10 January 2019")
    ('2019-01-10', '2019-01-10')
    >>> parse_date("March 2019"), parse_date("Winter 2019"), parse_date("2019-03-07")
    ('2019-03', '2019', '2019-03-07')
    >>> parse_date("Final Edition") is None, parse_date("May the rebels win, 2019") is None
    (True, True)
    """
    s = line.strip()
    if not s or len(s) > 80:
        return None
    tokens = [t.strip(".,;") if not _TIME.fullmatch(t.strip(",;")) else t.strip(",;")
              for t in s.replace(",", " ").split()]
    tokens = [t for t in tokens if t]
    kept = []
    for t in tokens:
        low = t.lower()
        if low in _WEEKDAYS or low in _FILLER or _TIME.fullmatch(t):
            continue
        if not t.isdigit() and low not in _MONTHS and low not in _SEASONS and _ZONE.fullmatch(t):
            continue
        kept.append(t)
    if len(kept) == 1:
        m = _ISO.fullmatch(kept[0]) or _DOTTED.fullmatch(kept[0])
        if m and m.re is _ISO:
            return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m:
            return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.fullmatch(r"(1[89]|20)\d{2}", kept[0]):
            return kept[0]
        return None
    low = [t.lower() for t in kept]
    year = [i for i, t in enumerate(kept) if re.fullmatch(r"(1[89]|20)\d{2}", t)]
    if len(year) != 1 or year[0] != len(kept) - 1:
        return None
    y = int(kept[-1])
    rest = low[:-1]
    if len(rest) == 1:
        if rest[0] in _MONTHS:
            return _iso(y, _MONTHS[rest[0]])
        if rest[0] in _SEASONS:
            return str(y)
        return None
    if len(rest) == 2:
        a, b = rest
        if a in _MONTHS and b.isdigit():
            return _iso(y, _MONTHS[a], int(b))
        if b in _MONTHS and a.isdigit():
            return _iso(y, _MONTHS[b], int(a))
    return None


# -- splitting a stream of blocks into documents ---------------------------------------

_NEXIS_END = "End of Document"
_FACTIVA_END = re.compile(r"(?:AN\t+)?(?:Document|Dokument|Documento|Documenti)\s+([A-Za-z0-9]{16,40})")
_SUMMARY = re.compile(r"Search Summary\b", re.I)


def _norm(s: str) -> str:
    return " ".join(s.split())


def read_export(path: Path, blocks: Iterable[Block], *, unit: str, on_error, on_warning,
                whole_title: Callable[[], str | None] | None = None) -> Iterator[Article]:
    """Split a file's blocks into Nexis Uni or Factiva documents and read each into an Article.

    Args:
        path: the file (for ids and messages).
        blocks: its paragraphs, in order (a generator is consumed once).
        unit: what :attr:`Block.line` counts, for messages (``"line"`` or ``"paragraph"``).
        on_error, on_warning: as for :func:`framing.corpus.read_corpus`.
        whole_title: gives the title of the file when it holds no export markers
            and is read as one article (e.g. a DOCX's document title).

    Yields:
        One :class:`~framing.data.Article` per readable document. A file with
        neither kind of marker is read as one article, with a warning.
    """
    buf: list[Block] = []
    n_docs = 0
    for b in blocks:
        t = b.text.strip()
        if not t:
            continue
        buf.append(b)
        if t == _NEXIS_END:
            kind = "nexis"
        else:
            m = _FACTIVA_END.fullmatch(t)
            if not m:
                continue
            kind = "factiva"
        n_docs += 1
        doc, buf = buf, []
        try:
            if kind == "nexis":
                yield _nexis(path, doc[:-1], n_docs, unit, on_warning)
            else:
                yield _factiva(path, doc[:-1], m.group(1), n_docs, unit, on_warning)
        except CorpusError as e:
            on_error(e)
    if not buf:
        if not n_docs:
            raise CorpusError(path, None, "no text found")
        return
    if not n_docs:
        on_warning(ReadWarning(path, None, "no Nexis Uni ('End of Document') or Factiva ('Document <id>') "
                                           "markers: read as one article"))
        yield Article(id=path.stem, text="\n\n".join(b.text.strip() for b in buf),
                      title=whole_title() if whole_title else None, origin=str(path))
        return
    if _SUMMARY.match(buf[0].text.strip()):
        return
    on_error(CorpusError(path, buf[0].line, f"{len(buf)} paragraph(s) after the last document (from {unit} "
                                            f"{buf[0].line}) have no 'End of Document' or 'Document <id>' "
                                            "line; skipped (is the export cut off?)"))


def _where(k: int, unit: str, line: int) -> str:
    return f"document {k} (from {unit} {line})"


# -- Nexis Uni -----------------------------------------------------------------------

_NEXIS_KEY = re.compile(r"(Section|Length|Byline|Dateline|Highlight|Series|Author|Correction-Date|Correction|"
                        r"Update|Edition)\s*:\s*(.*)", re.I | re.S)
_COPYRIGHT = re.compile(r"(?:Copyright|©|\(c\))(?=[\s\d©(]).*\d{4}", re.I | re.S)
_BODY_END = re.compile(r"(?:Load-Date\s*:.*|Classification|Graphic|Notes)", re.I | re.S)
_TAIL_KEY = re.compile(r"(Load-Date|Language|Publication-Type)\s*:\s*(.*)", re.I | re.S)
_WORDS = re.compile(r"(\d[\d,.\u00a0 ]*)\s*(?:words?|Wörter|mots|palabras|parole|woorden|palavras|ord)\b", re.I)


def _words(s: str) -> int | None:
    m = _WORDS.search(s)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


def _nexis(path: Path, doc: list[Block], k: int, unit: str, on_warning) -> Article:
    first = doc[0].line if doc else 0
    where = _where(k, unit, first)
    body_at = next((i for i, b in enumerate(doc) if b.text.strip() in ("Body", "Text")), None)
    if body_at is None:
        raise CorpusError(path, first, f"{where}: no 'Body' line, so its text cannot be told from its "
                                       "metadata; skipped")
    head = [_norm(b.text) for b in doc[:body_at]]
    meta: dict = {}

    def is_key(t):
        return bool(_NEXIS_KEY.fullmatch(t) or _COPYRIGHT.match(t))

    # the date line: the first line after the title that is only a date; the title itself may
    # look like a key ("Update: ceasefire holds"), so keys count only after the first line
    d = next((i for i in range(1, len(head)) if not is_key(head[i]) and parse_date(head[i])), None)
    at_key = next((i for i in range(1 if d is None else d + 1, len(head)) if is_key(head[i])), len(head))
    if d is None:
        pre, date = head[:at_key], None
        on_warning(ReadWarning(path, first, f"{where}: no date line; date left empty"))
    else:
        pre, date = head[:d], parse_date(head[d])
        meta["date_text"] = head[d]
        if d + 1 < at_key:
            meta["edition"] = "; ".join(head[d + 1:at_key])
    title = outlet = None
    if len(pre) >= 2:
        title, outlet = pre[-2], pre[-1]
    elif pre:
        title = pre[0]
    if len(pre) > 2 and k > 1:
        on_warning(ReadWarning(path, first, f"{where}: {len(pre) - 2} line(s) before the title not read "
                                            f"({pre[0][:40]!r})"))
    key = None
    for t in head[at_key:]:
        m = _NEXIS_KEY.fullmatch(t)
        if m:
            key = m.group(1).lower().replace("-", "_")
            key = "byline" if key == "author" and "byline" not in meta else key
            meta[key] = m.group(2).strip()
        elif _COPYRIGHT.match(t) and "copyright" not in meta:
            meta["copyright"], key = t, "copyright"
        elif key is not None:  # a value that runs over two lines
            meta[key] = f"{meta[key]} {t}".strip()
    if "length" in meta:
        n = _words(meta["length"])
        meta["length"] = n if n is not None else meta["length"]
    paras = []
    tail = doc[body_at + 1:]
    for i, b in enumerate(tail):
        if _BODY_END.fullmatch(b.text.strip()):
            tail = tail[i:]
            break
        paras.append(b.text.strip())
    else:
        tail = []
    for b in tail:
        m = _TAIL_KEY.fullmatch(_norm(b.text))
        if m:
            name = m.group(1).lower().replace("-", "_")
            meta[name] = (parse_date(m.group(2)) or m.group(2)) if name == "load_date" else m.group(2)
    if not paras:
        raise CorpusError(path, doc[body_at].line, f"{where}: no text after its 'Body' line; skipped")
    return Article(id=f"{path.stem}:{k}", text="\n\n".join(paras), title=title, outlet=outlet, date=date,
                   origin=f"{path}:{first}", meta=meta)


# -- Factiva -------------------------------------------------------------------------

_CODES = frozenset("SE HD BY CR WC PD ET SN SC ED PG VOL LA CY LP TD CT RF CO IN NS RE IPC IPD PUB AN CLM "
                   "ART NGC".split())
_CODE_LINE = re.compile(r"([A-Z]{2,3})(?:\t+(.*))?", re.S)
_TIME_LINE = re.compile(r"\d{1,2}:\d{2}(?:\s*[A-Z]{2,4})?")
_SOURCE_CODE = re.compile(r"[A-Z0-9]{2,12}")
_FCOPY = re.compile(r"(?:\(c\)|©|Copyright)", re.I)
_BYLINE = re.compile(r"(?:By|Von|Par|Por|Di|Door|De)\s", re.I)
_LANGUAGES = frozenset("english deutsch german français french francais español spanish espanol italiano italian "
                       "nederlands dutch português portuguese portugues arabic العربية russian русский chinese "
                       "中文 japanese 日本語 turkish türkçe polish polski swedish svenska danish dansk norwegian "
                       "norsk finnish suomi".split())


def _factiva(path: Path, doc: list[Block], an: str, k: int, unit: str, on_warning) -> Article:
    first = doc[0].line if doc else 0
    where = _where(k, unit, first)
    if doc and _code_of(doc[0].text) is not None:
        return _factiva_coded(path, doc, an, where, first)
    w = next((i for i, b in enumerate(doc) if _WORDS.fullmatch(_norm(b.text))), None)
    if w is None:
        raise CorpusError(path, first, f"{where}: no word-count line ('N words'), so its headline cannot be "
                                       "told from its text; skipped")
    meta: dict = {"length": _words(_norm(doc[w].text))}
    pre = doc[:w]
    heads = [b for b in pre if b.kind == "headline"]
    authors = [b for b in pre if b.kind == "author"]
    if heads or authors:
        title = " ".join(_norm(b.text) for b in heads) or None
        byline = " ".join(_norm(b.text) for b in authors) or None
        extra = [_norm(b.text) for b in pre if b.kind not in ("headline", "author")]
    else:
        lines = [_norm(b.text) for b in pre]
        byline = lines.pop() if len(lines) >= 2 and _BYLINE.match(lines[-1]) else None
        title = lines.pop() if lines else None
        extra = lines
    if byline:
        meta["byline"] = byline
    if len(extra) == 1:  # a section or column name above the headline
        meta["section"] = extra[0]
    elif extra and k > 1:  # (before the first document: the export's own preamble)
        on_warning(ReadWarning(path, first, f"{where}: {len(extra)} lines before the headline not read "
                                            f"({extra[0][:40]!r})"))
    head = [_norm(b.text) for b in doc[w + 1:w + 10]]
    i = 0
    date = parse_date(head[0]) if head else None
    if head:
        meta["date_text"] = head[0]
        i = 1
        if date is None:
            on_warning(ReadWarning(path, doc[w + 1].line, f"{where}: date {head[0]!r} not understood; "
                                                          "date left empty"))
    if i < len(head) and _TIME_LINE.fullmatch(head[i]):
        meta["time"], i = head[i], i + 1
    outlet = head[i] if i < len(head) else None
    i += 1
    if i < len(head) and _SOURCE_CODE.fullmatch(head[i]):
        meta["source_code"], i = head[i], i + 1
    c = next((j for j in range(i, min(i + 5, len(head))) if _FCOPY.match(head[j])), None)
    if c is None:
        c = next((j for j in range(i, min(i + 4, len(head))) if head[j].lower() in _LANGUAGES), None)
        if c is None:
            raise CorpusError(path, first, f"{where}: no language or copyright line after the source name; "
                                           "skipped")
        meta["language"] = head[c]
    else:
        meta["copyright"] = head[c]
        if c > i and head[c - 1].isalpha():
            meta["language"] = head[c - 1]
            c_lang = c - 1
        else:
            c_lang = c
        for t in head[i:c_lang]:
            if t.isdigit():
                meta["page"] = t
            else:
                meta["edition"] = t
    body = doc[w + 1 + c + 1:]
    if any(b.kind for b in body):
        body = [b for b in body if b.kind == "para"]
    paras = [b.text.strip() for b in body if b.text.strip()]
    if not paras:
        raise CorpusError(path, first, f"{where}: no text; skipped")
    return Article(id=an, text="\n\n".join(paras), title=title, outlet=outlet, date=date,
                   origin=f"{path}:{first}", meta=meta)


def _code_of(text: str) -> str | None:
    m = _CODE_LINE.fullmatch(text.strip())
    return m.group(1) if m and m.group(1) in _CODES else None


def _factiva_coded(path: Path, doc: list[Block], an: str, where: str, first: int) -> Article:
    fields: dict[str, list[str]] = {}
    cur = None
    for b in doc:
        t = b.text.strip()
        m = _CODE_LINE.fullmatch(t)
        if m and m.group(1) in _CODES:
            cur = fields.setdefault(m.group(1), [])
            if m.group(2) and m.group(2).strip():
                cur.append(m.group(2).strip())
        elif cur is not None:
            cur.append(t)

    def one(code):
        v = " ".join(_norm(x) for x in fields.get(code, []))
        return v or None

    paras = fields.get("LP", []) + fields.get("TD", [])
    if not paras:
        raise CorpusError(path, first, f"{where}: no LP or TD (text) field; skipped")
    meta = {}
    for code, name in (("BY", "byline"), ("SE", "section"), ("ED", "edition"), ("PG", "page"),
                       ("LA", "language"), ("CY", "copyright"), ("SC", "source_code"), ("ET", "time")):
        if one(code):
            meta[name] = one(code)
    if one("WC"):
        meta["length"] = _words(one("WC")) or one("WC")
    pd_ = one("PD")
    if pd_:
        meta["date_text"] = pd_
    return Article(id=an, text="\n\n".join(paras), title=one("HD"), outlet=one("SN"),
                   date=parse_date(pd_) if pd_ else None, origin=f"{path}:{first}", meta=meta)

