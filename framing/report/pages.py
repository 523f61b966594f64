"""The report's pages and its entry points: :func:`write_report` and :func:`render_report`.

Order of work: one pass over the analyses (:func:`~framing.report.build.read_corpus_pass`),
every table once (:func:`~framing.report.build.build_tables`), the sections of
the index (:mod:`framing.report.sections`), then a page per article read back
from disk, the CSV tables and, with ``pdf=True``, the PDF.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from pathlib import Path
from typing import Iterable, NamedTuple

import matplotlib
from markupsafe import Markup

from ..corpus import REPORT_MARKER, is_report_folder
from ..data import Analysis
from ..errors import FramingError, printable
from ..groups import group_key, hashable_group
from . import escape as E
from . import sections as S
from .build import Corpus, ReportTables, build_tables, model_info, read_corpus_pass
from .build import progress as _progress
from .figures import safe_texts
from .highlight import highlight_html
from .pdf import write_pdf
from .render import Stream, html_join, render
from .store import csv_ready
from .style import css

__all__ = ["write_report", "render_report", "index_page", "article_page"]

_NAV = (("profile", "Profiles"), ("scores", "Classifier scores"), ("labels", "Labels"),
        ("categories", "Categories"), ("voices", "Voices"), ("cues", "Cues"), ("quoted", "Own words"),
        ("distinctive", "Distinctive terms"), ("time", "Over time"))


def _page(title: str, parts) -> str:
    """A whole page; ``title`` is plain text (parts from articles already isolated)."""
    return str(render("page.html", title=title, css=Markup(css()),
                      body=html_join([p for p in parts if p], "\n")))


class IndexPage(NamedTuple):
    """The index page in parts: its title, the parts of its body (the article list a
    :class:`~framing.report.render.Stream`), and the charts drawn for it as (title, figure)."""

    title: str
    parts: list
    figures: list

    def __str__(self) -> str:
        return _page(self.title, self.parts)

    def write(self, path: Path) -> None:
        """Write the page to ``path`` piece by piece (byte for byte ``str(self)``)."""
        mark = "\x00body\x00"
        pre, post = render("page.html", title=self.title, css=Markup(css()), body=Markup(mark)).split(mark)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(pre)
            for k, p in enumerate(p for p in self.parts if p):
                if k:
                    fh.write("\n")
                if isinstance(p, Stream):
                    for chunk in p.chunks():
                        fh.write(chunk)
                else:
                    fh.write(p if hasattr(p, "__html__") else str(html_join([p])))
            fh.write(post)


def index_parts(c: Corpus, t: ReportTables) -> IndexPage:
    """The index page, in parts (see :class:`IndexPage`)."""
    sections = [S.summary(c, t)]
    if c.n:
        sections += [fn(c, t) for fn in S.SECTIONS[1:]]
    else:
        sections.append(S.Section(Markup("<p>No articles.</p>"), []))
    sections += [S.articles(c, t), S.tables_list(c, t), S.provenance(c, t)]
    body = [s.html for s in sections]
    joined = "".join(b for b in body if not isinstance(b, Stream))
    nav = [("summary", "Summary")] + [(a, n) for a, n in _NAV if f'id="{a}"' in joined]
    nav += [("articles", "Articles"), ("tables", "Tables"), ("provenance", "Provenance")]
    head = [Markup(f"<h1>{E.text(c.title)}</h1>"),
            render("index_head.html", generated=c.generated.isoformat(timespec="seconds"),
                   version=c.version, nav=nav)]
    return IndexPage(E.isolate(c.title), head + body, [f for s in sections for f in s.figures])


def index_page(c: Corpus, t: ReportTables) -> tuple[str, list]:
    """The index page, and the charts drawn for it as (title, figure)."""
    page = index_parts(c, t)
    return str(page), page.figures


def article_page(c: Corpus, i: int) -> str:
    """The page of the ``i``-th article in page order: its text highlighted, its terms and
    attributions in tables, and a pager."""
    an = c.spill[c.pages[i]]
    a = an.article
    title = E.title_of(an)
    by = c.by
    g = group_key(getattr(a, by, None) if by in ("outlet", "date", "id", "title", "url")
                  else (a.meta or {}).get(by))
    p0, p1 = tuple(c.poles) if c.poles else ("first pole", "second pole")
    body = render("article_page.html", an=an, title=title, by=by, group=str(g),
                  prev=c.href(c.pages[i - 1], "") if i > 0 else None,
                  next=c.href(c.pages[i + 1], "") if i + 1 < len(c.pages) else None,
                  number=i + 1, n_pages=len(c.pages), scores=_scores(c, an),
                  model_file=c.model["file"] if c.model and c.model["file"] else None,
                  p0=p0, p1=p1, others=c.plain,
                  body=Markup(highlight_html(an, c.poles, c.axis if c.plain else None)))
    return _page(f"{E.isolate(title)} — {E.isolate(c.title)}", [body])


def _scores(c: Corpus, an: Analysis) -> list:
    """The article's classifier scores, one per class."""
    meta = an.article.meta or {}
    out = []
    for col in c.score_cols:
        v = meta.get(col)
        v = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else float("nan")
        out.append((col[len(S.SCORE_PREFIX):], v))
    return out


# -- entry points ---------------------------------------------------------------------------

def render_report(analyses: Iterable[Analysis], *, by: str = "outlet", lexicons=None,
                  title: str | None = None, generated: datetime | None = None,
                  model=None) -> str:
    """The report's index page as one HTML string (see :func:`write_report`).

    Its article links point at ``articles/NNNN.html``, which only
    :func:`write_report` writes.
    """
    info = model_info(model)
    c = read_corpus_pass(analyses, by, lexicons, title, generated, model=info)
    try:
        return index_page(c, build_tables(c))[0]
    finally:
        c.close()


_PAGE_NAME = re.compile(r"\d{4,}\.html")
_FIGURE_NAME = re.compile(r"\d{2,}-[a-z0-9-]*\.(svg|png)")


def write_figures(figures, folder: Path) -> list[Path]:
    """Each chart of the report as SVG (text kept as text) and PNG at 300 dpi, for a paper.

    Named ``NN-<title>``: the number keeps the page's order, the title (letters and digits
    only, at most 50 characters; never a group's name, which is article data) says which
    chart it is. Charts of an earlier report in
    the folder are replaced. Returns the paths written.
    """
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        if _FIGURE_NAME.fullmatch(old.name) and old.is_file():
            old.unlink()
    written = []
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "framing",
                                "text.parse_math": False}):
        for i, (title, fig) in enumerate(figures, 1):
            name = "Distinctive words" if str(title).startswith("Distinctive words") else str(title)
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50].strip("-")
            base = folder / f"{i:02d}-{slug or 'chart'}"
            safe_texts(fig)
            fig.savefig(base.with_suffix(".svg"), format="svg", metadata={"Date": None})
            _save_png(fig, base.with_suffix(".png"))
            written += [base.with_suffix(".svg"), base.with_suffix(".png")]
    return written


def _save_png(fig, path: Path) -> None:
    """``fig.savefig(path, dpi=300)``, then a drawing at the figure's own resolution: every
    text of a figure keeps the renderer of its last drawing, and a 300-dpi one holds 10-20 MB
    of pixels per chart (the report's figures stay open for the PDF)."""
    fig.savefig(path, format="png", dpi=300, metadata={"Software": None})
    fig.draw_without_rendering()


def _hashable_by(analyses, by: str):
    """The analyses, with a list or table in the grouping field of ``meta`` made one group
    (:func:`~framing.groups.hashable_group`): the report keys its pages and charts by group."""
    for an in analyses:
        meta = an.article.meta or {}
        v = meta.get(by)
        if isinstance(v, (list, tuple, dict)):
            art = dataclasses.replace(an.article, meta={**meta, by: hashable_group(v)})
            an = dataclasses.replace(an, article=art)
        yield an


def check_report_folder(out: Path, *, force: bool = False) -> None:
    """Raise unless ``out`` is missing, empty or a previous report (or ``force``): a report
    replaces ``index.html`` and ``articles/NNNN.html``, which may be the user's own files.

    Raises:
        FramingError: ``out`` is a file, or a folder holding other files.
    """
    if out.exists() and not out.is_dir():
        raise FramingError(f"cannot write the report to {printable(out)}: not a folder")
    if force or not out.is_dir() or not any(out.iterdir()) or is_report_folder(out):
        return
    raise FramingError(f"{printable(out)} is not empty and holds no earlier report; choose a new "
                       "folder, or pass --force to write the report there (index.html and "
                       "articles/NNNN.html are replaced)")


def write_report(analyses: Iterable[Analysis], out_dir, *, by: str = "outlet", lexicons=None,
                 title: str | None = None, pdf: bool = False, max_articles: int | None = None,
                 progress: bool = False, model=None, force: bool = False):
    """Write ``out_dir/index.html``, a page per article, the tables, and optionally a PDF.

    Args:
        analyses: any iterable of analyses (consumed once).
        out_dir: folder to write to (created if missing). Article pages from
            an earlier report in the same folder are replaced.
        by: the article field or ``meta`` key to compare groups by.
        lexicons: the packs the analyses were made with (objects, names or
            paths), for the poles and the provenance block; default: load the
            packs the analyses name.
        title: the page title; default "Framing report: N articles".
        pdf: also write ``out_dir/report.pdf`` (summary, charts, profile table;
            matplotlib's PDF backend, no browser needed).
        max_articles: write pages for at most this many articles per group
            (the earliest); every article stays in ``tables/articles.csv``.
        progress: show a progress bar (tqdm) while the analyses are read and
            the pages written.
        model: the classifier the articles were scored with
            (:func:`framing.classify.with_scores`): its file's path or a
            :class:`framing.classify.Model`. The report names it and gives
            the cross-validated macro-F1 on its card. Articles with
            ``score_<class>`` fields get a "Classifier scores" section either
            way (mean per group with 95% intervals, ``tables/classifier_scores.csv``)
            and their scores on their pages.
        force: write into a folder that holds other files than a report (its
            ``index.html`` and numbered ``articles/NNNN.html`` are replaced).

    Returns:
        The :class:`pathlib.Path` of ``index.html``.

    Layout: ``index.html``; ``articles/0001.html`` … (numbered in the order
    of the index, by group, date and id — never named from article data);
    ``tables/*.csv``; ``figures/NN-<chart>.svg`` and ``.png`` (300 dpi), each
    chart of the page, for a paper; ``report.pdf`` with ``pdf``.
    """
    if max_articles is not None and max_articles < 0:
        raise FramingError(f"max_articles must be 0 or more, not {max_articles}")
    info = model_info(model)   # a missing or bad card fails before the analyses are run
    out = Path(out_dir)
    check_report_folder(out, force=force)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / REPORT_MARKER).write_text("framing report\n", encoding="utf-8")
        (out / "articles").mkdir(exist_ok=True)
        (out / "tables").mkdir(exist_ok=True)
    except OSError as e:
        raise FramingError(f"cannot write the report to {out}: {e.strerror or e}") from None
    c = read_corpus_pass(_progress(_hashable_by(analyses, by), progress, "analysing"), by, lexicons, title,
                         max_articles=max_articles, model=info, tables_dir=out / "tables")
    try:
        t = build_tables(c)
        index = index_parts(c, t)   # the article list is written from the tables at the end
        for old in (out / "articles").iterdir():
            if _PAGE_NAME.fullmatch(old.name) and old.is_file():
                old.unlink()
        for i in _progress(range(len(c.pages)), progress and len(c.pages) > 200, "writing pages"):
            (out / c.href(c.pages[i])).write_text(article_page(c, i), encoding="utf-8")
        c.hits.finish()
    finally:
        c.close()
    for name, df in t.csv(c.tabs.articles).items():
        csv_ready(df).to_csv(out / "tables" / name, index=False)
    write_figures(index.figures, out / "figures")
    if pdf:
        write_pdf(c, t, index.figures, out / "report.pdf")
    path = out / "index.html"
    index.write(path)
    return path

