"""The HTML report: self-contained, escaped, faithful to the article text, with a page per article."""

import base64
import html
import re
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.data import Analysis, Article, Attribution, Cue, Source, Span, TermHit
from framing.report import analysis_html, highlight_html, write_report

GOV, OPP = "pro-government", "pro-opposition"
EVIL = "<script>alert(1)</script>"

AXIS_TOML = """\
name = "report-axis"
description = "A small axis pack for the report tests."
[axis]
name = "Alignment in the Syrian war"
poles = ["pro-government", "pro-opposition"]

[[referents]]
id = "syrian-government"
description = "The Syrian government & its forces."
side = "pro-government"
  [[referents.labels]]
  label = "regime"
  forms = ["regime"]
  connotation = -2
  echoes = "pro-opposition"
  note = "Opposition and Western usage."
  [[referents.labels]]
  label = "army"
  forms = ["army"]
  echoes = "neutral"

[[referents]]
id = "opposition"
description = "Armed opposition groups."
  [[referents.labels]]
  label = "rebels"
  forms = ["rebels"]
  echoes = "neutral"
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    p = tmp_path_factory.mktemp("lex") / "report-axis.toml"
    p.write_text(AXIS_TOML, encoding="utf-8")
    return framing.load_lexicon(p)


def _at(text, phrase):
    i = text.index(phrase)
    return i, i + len(phrase)


def _hit(text, phrase, referent, label, connotation, echoes, voice):
    s, e = _at(text, phrase)
    return TermHit(phrase, s, e, "report-axis", referent, label, connotation, echoes, voice)


def _analysis(id, outlet, text, terms=(), attributions=(), boilerplate=(), title=None, meta=None):
    return Analysis(
        article=Article(id=id, text=text, title=title or f"Report {id}", outlet=outlet,
                        date="2017-03-22", meta=meta or {}),
        n_words=len(text.split()), terms=tuple(terms), attributions=tuple(attributions),
        boilerplate=tuple(boilerplate), lean=None, leans={}, lexicons=("report-axis",),
        polarity=0.1, subjectivity=0.4,
    )


# A regime/army split between two outlets, with a quotation, a reported statement,
# boilerplate, and characters that must be escaped (& < >).
T1 = ("Creating new perspectives since 2009\n"
      "The regime shelled Douma & Harasta, activists said.\n"
      "Rebels said: “The regime <always> lies.”")
T2 = "The army repelled an attack by rebels near Hama, state media said."


def make_analyses():
    a1 = _analysis("m1", EVIL, T1, terms=[
        _hit(T1, "regime", "syrian-government", "regime", -2, OPP, "indirect"),
        _hit(T1, "Rebels", "opposition", "rebels", 0, "neutral", "narrator"),
        TermHit("regime", T1.rindex("regime"), T1.rindex("regime") + 6, "report-axis",
                "syrian-government", "regime", -2, OPP, "direct"),
    ], attributions=[
        Attribution("indirect", Source("activists", *_at(T1, "activists"), type="monitor/NGO",
                                       side=OPP),
                    Cue("said", *_at(T1, "said")),
                    Span(*_at(T1, "The regime shelled Douma & Harasta"),
                         "The regime shelled Douma & Harasta")),
        Attribution("direct", Source("Rebels", *_at(T1, "Rebels"), type="armed opposition",
                                     side=OPP),
                    Cue("said", T1.rindex("said"), T1.rindex("said") + 4),
                    Span(*_at(T1, "“The regime <always> lies.”"), "“The regime <always> lies.”")),
    ], boilerplate=[_at(T1, "Creating new perspectives since 2009")],
        title="Shelling <b>reported</b> in Douma")
    a2 = _analysis("s1", "sana", T2, terms=[
        _hit(T2, "army", "syrian-government", "army", 0, "neutral", "indirect"),
        _hit(T2, "rebels", "opposition", "rebels", 0, "neutral", "indirect"),
    ], attributions=[
        Attribution("indirect", Source("state media", *_at(T2, "state media"), type="media/wire",
                                       side=GOV),
                    Cue("said", *_at(T2, "said")),
                    Span(*_at(T2, "The army repelled an attack by rebels near Hama"),
                         "The army repelled an attack by rebels near Hama")),
    ])
    return [a1, a2]


@pytest.fixture(scope="module")
def page(tmp_path_factory, lexicon):
    out = tmp_path_factory.mktemp("report")
    path = write_report(iter(make_analyses()), out, lexicons=[lexicon], title="Test & <report>")
    return path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_analyses):
    """The report of the invented three-outlet corpus, with its PDF."""
    out = tmp_path_factory.mktemp("demo")
    path = write_report(demo_analyses, out, pdf=True)
    return path, path.read_text(encoding="utf-8")


def _pages(path):
    return sorted((path.parent / "articles").glob("*.html"))


def _alts(doc):
    return re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]*)"', doc)


def test_report_is_written_to_index_html(page):
    path, doc = page
    assert path.name == "index.html" and path.is_file()
    assert doc.startswith("<!DOCTYPE html>") and doc.rstrip().endswith("</html>")
    assert "<title>Test &amp; &lt;report&gt;</title>" in doc


LOCAL_REF = re.compile(r"data:image/png;base64,|#[a-z]+$|articles/\d{4}\.html$|tables/[a-z_]+\.csv$"
                       r"|\.\./index\.html#articles$|\d{4}\.html$")


@pytest.mark.parametrize("which", ["page", "demo"])
def test_report_fetches_nothing_from_the_network(which, request):
    path, _ = request.getfixturevalue(which)
    docs = [path] + _pages(path)
    assert len(docs) > 1
    for p in docs:
        doc = p.read_text(encoding="utf-8")
        assert "http://" not in doc and "https://" not in doc, p.name
        refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", doc)
        assert refs and all(LOCAL_REF.match(r) for r in refs), [r for r in refs if not LOCAL_REF.match(r)]
        assert "<link" not in doc and "<script" not in doc and "@import" not in doc
        assert "url(" not in doc
    # every local link points at a file the report wrote
    index = path.read_text(encoding="utf-8")
    for ref in re.findall(r'href="((?:articles|tables)/[^"]+)"', index):
        assert (path.parent / ref).is_file(), ref


def test_report_escapes_article_strings(page):
    path, doc = page
    assert EVIL not in doc
    assert html.escape(EVIL) in doc
    assert "Shelling &lt;b&gt;reported&lt;/b&gt; in Douma" in doc
    assert "&lt;always&gt; lies." in doc and "<always>" not in doc
    for p in _pages(path):
        sub = p.read_text(encoding="utf-8")
        assert EVIL not in sub and "<always>" not in sub and "<b>reported</b>" not in sub


def test_report_draws_every_chart_as_an_inline_png(page):
    _, doc = page
    # one referent has two labels (syrian-government; opposition has one); one article per
    # outlet, so no distinctive terms; one date, so no time series
    assert _alts(doc) == [
        "Framing profile per outlet", "Lean per outlet",
        "Label shares for syrian-government per outlet", "Source sides per outlet",
        "Source types per outlet", "Named and anonymous sources per outlet",
        "Cue stance per outlet", "Voice of loaded terms per outlet"]
    uris = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', doc)
    assert all(base64.b64decode(u)[:8] == b"\x89PNG\r\n\x1a\n" for u in uris)
    assert "<h3>syrian-government" in doc and "<h3>opposition" not in doc
    assert 'id="distinctive"' not in doc
    assert '<p class="skipped">Left out: 1 month with dated articles' in doc   # said where it would be


def test_demo_report_has_distinctive_terms_and_a_time_series(demo):
    path, doc = demo
    alts = _alts(doc)
    assert "Distinctive words of opposition-voice against state-wire" in alts
    assert alts[-2:] == ["Lean per month, all articles", "Lean per month for each outlet"]
    # the ends of the lean, with intervals that do not overlap
    assert ("Closest to the wording of pro-government: <b>state-wire</b>" in doc
            and "closest to pro-opposition: <b>opposition-voice</b>" in doc
            and "Their 95% intervals do not overlap." in doc)
    words = pd.read_csv(path.parent / "tables" / "distinctive_words.csv")
    assert words.iloc[0]["term"] == "regime" and words.iloc[0]["count_b"] == 0
    assert words["z"].is_monotonic_decreasing
    for h2 in ("summary", "profile", "labels", "voices", "cues", "quoted", "distinctive", "time",
               "articles", "tables", "provenance"):
        assert f'<h2 id="{h2}">' in doc and f'href="#{h2}"' in doc


def test_every_chart_has_a_plain_language_note(demo):
    _, doc = demo
    # notes sit under the charts: one per profile chart, label section, voice chart, cue and
    # voice-split chart, distinctive words and labels, and the time series
    assert doc.count('<p class="note"><b>What it shows.</b>') == 11
    assert doc.count("<b>How to read it.</b>") == 11


def test_report_has_summary_profile_and_provenance(page, lexicon):
    _, doc = page
    assert f"framing {framing.__version__}" in doc
    assert lexicon.sha256 in doc and "report-axis" in doc
    assert "by = <code>outlet</code>" in doc
    assert "2000 resamples, seed 20240601" in doc
    assert f"{html.escape(EVIL)}: 1, sana: 1" in doc        # articles per outlet
    assert "<b>2</b>" in doc                                 # two articles in the summary
    # the compare table: sana's lean is 0 (only neutral terms), the other outlet's is
    # (0.5*3 + 0.25*3) / (0.5*3 + 1 + 0.25*3) = 2.25 / 3.25; one article each: no interval
    assert '<td class="pos">+0.69</td>' in doc
    assert "<td>+0.00</td>" in doc
    assert f"{html.escape(EVIL)}&nbsp;†" in doc               # too few articles: flagged


def test_profile_table_shows_the_lean_interval(demo):
    _, doc = demo
    cmp = pd.read_csv(Path(demo[0]).parent / "tables" / "compare.csv")
    r = cmp[cmp["outlet"] == "state-wire"].iloc[0]
    cell = (f'<td class="neg">{r.lean:+.2f} <span class="ci">[{r.lean_lo:+.2f}, '
            f"{r.lean_hi:+.2f}]</span></td>")
    assert cell in doc


def _bodies(doc):
    return re.findall(r'<div class="body">(.*?)</div>', doc, re.S)


def _plain(body):
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_highlighted_article_text_round_trips_exactly(page):
    path, doc = page
    assert {_plain(b) for b in _bodies(doc)} == {T1, T2}      # small reports: inline too
    pages = _pages(path)
    assert [p.name for p in pages] == ["0001.html", "0002.html"]
    assert [_plain(b) for p in pages for b in _bodies(p.read_text("utf-8"))] == [T1, T2]


def test_article_pages_are_numbered_and_linked_from_the_index(demo, demo_analyses):
    path, doc = demo
    pages = _pages(path)
    assert [p.name for p in pages] == [f"{i:04d}.html" for i in range(1, 37)]
    links = re.findall(r'<a href="(articles/\d{4}\.html)">', doc)
    assert sorted(links) == [f"articles/{p.name}" for p in pages]
    texts = {a.article.text for a in demo_analyses}
    first, last = pages[0].read_text("utf-8"), pages[-1].read_text("utf-8")
    assert _plain(_bodies(first)[0]) in texts
    assert 'href="0002.html">next' in first and "previous" not in first
    assert 'href="0035.html">← previous' in last and "next →" not in last
    assert '<a href="../index.html#articles">' in first
    # by group (sorted), then date: the first page is opposition-voice's first article
    assert "outlet: <b>opposition-voice</b> · 2016-01-05" in first
    assert "<h2>Terms</h2>" in first and "<h2>Attributions</h2>" in first


def test_the_report_keeps_no_analysis_while_it_builds_its_pages():
    # a report of a large corpus holds its tables, not its articles: each analysis goes to a
    # temporary file as it streams past and comes back for its page
    import gc
    import weakref

    from framing.datasets import demo_corpus
    from framing.report.build import build_tables, read_corpus_pass
    from framing.report.pages import article_page, index_page

    refs = []

    def stream():
        for a in demo_corpus():
            an = framing.analyze(a)
            refs.append(weakref.ref(an))
            yield an

    corpus = read_corpus_pass(stream(), "outlet")
    try:
        gc.collect()
        assert len(refs) == 36 and not any(r() for r in refs)
        index_page(corpus, build_tables(corpus))
        page = article_page(corpus, 0)
        gc.collect()
        assert not any(r() for r in refs)
        assert "outlet: <b>opposition-voice</b> · 2016-01-05" in page
    finally:
        corpus.close()


def test_every_chart_is_written_as_svg_and_300_dpi_png(page):
    figs = sorted((page[0].parent / "figures").iterdir())
    names = [p.name for p in figs]
    assert "01-profile-per-outlet.svg" in names and "01-profile-per-outlet.png" in names
    assert len([n for n in names if n.endswith(".svg")]) == len([n for n in names if n.endswith(".png")])
    from PIL import Image

    png = next(p for p in figs if p.suffix == ".png")
    dpi = Image.open(png).info.get("dpi")
    assert dpi and round(dpi[0]) == 300
    svg = next(p for p in figs if p.suffix == ".svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "<text" in svg           # text stays text: editable in a paper


def test_the_300_dpi_pixels_are_let_go_once_a_chart_is_written(tmp_path):
    import gc

    # every text of a figure keeps the renderer of its last drawing: a report of 30 charts
    # held 20 MB of 300-dpi pixels per chart (568 MB for FA-KES dev) until the end
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import RendererAgg

    from framing.report.pages import write_figures

    figs = []
    for title in ("Profile per outlet", "Label shares"):
        fig, ax = plt.subplots(figsize=(8, 6))
        ax.barh(["SANA", "Reuters"], [0.4, -0.2])
        ax.set_title(title)
        figs.append((title, fig))
    try:
        write_figures(figs, tmp_path / "figures")
        gc.collect()
        big = [r for r in gc.get_objects() if isinstance(r, RendererAgg) and r.dpi >= 300]
        assert big == []
        assert len(list((tmp_path / "figures").glob("*.png"))) == 2
    finally:
        for _, fig in figs:
            plt.close(fig)


def test_page_names_never_come_from_article_data(tmp_path, lexicon):
    a1, a2 = make_analyses()
    evil = [Analysis(**{**an.__dict__, "article": Article(**{**an.article.__dict__,
                                                           "id": "../../../escape",
                                                           "outlet": "../x/" + str(i)})})
            for i, an in enumerate((a1, a2))]
    out = tmp_path / "r"
    write_report(evil, out, lexicons=[lexicon])
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert [w for w in written if not w.startswith(("r/tables/", "r/figures/"))] == [
        "r/.framing-report", "r/articles/0001.html", "r/articles/0002.html", "r/index.html"]
    figs = [w for w in written if w.startswith("r/figures/")]   # named from the chart titles
    assert figs and all(re.fullmatch(r"r/figures/\d\d-[a-z0-9-]+\.(svg|png)", w) for w in figs)


def test_rewriting_a_report_replaces_its_article_pages(tmp_path, lexicon, demo_analyses):
    write_report(demo_analyses[:5], tmp_path, lexicons=None)
    assert len(_pages(tmp_path / "index.html")) == 5
    (tmp_path / "articles" / "notes.txt").write_text("mine", encoding="utf-8")
    write_report(make_analyses(), tmp_path, lexicons=[lexicon])
    assert [p.name for p in _pages(tmp_path / "index.html")] == ["0001.html", "0002.html"]
    assert (tmp_path / "articles" / "notes.txt").read_text("utf-8") == "mine"


def test_max_articles_limits_the_pages_per_group(tmp_path, demo_analyses):
    doc = write_report(demo_analyses, tmp_path, max_articles=2).read_text("utf-8")
    assert len(_pages(tmp_path / "index.html")) == 6          # 3 outlets x 2
    assert "Pages were written for the first 2 articles of each outlet" in doc
    assert doc.count("more without a page.") == 3
    arts = pd.read_csv(tmp_path / "tables" / "articles.csv")
    assert len(arts) == 36
    with pytest.raises(framing.FramingError, match="max_articles"):
        write_report(demo_analyses, tmp_path, max_articles=-1)


def test_tables_sit_beside_the_page(page, demo_analyses):
    path, doc = page
    tables = path.parent / "tables"
    assert {p.name for p in tables.glob("*.csv")} == {
        "articles.csv", "terms.csv", "attributions.csv", "compare.csv", "label_shares.csv",
        "voice_shares.csv", "source_shares.csv", "named_shares.csv", "cue_stances.csv",
        "voice_split.csv"}
    cmp = pd.read_csv(tables / "compare.csv")
    assert sorted(cmp["outlet"]) == sorted([EVIL, "sana"])
    assert set(cmp["article_ids"]) == {"m1", "s1"}
    terms = pd.read_csv(tables / "terms.csv")
    text = {"m1": T1, "s1": T2}
    assert all(text[i][s:e] == t for i, s, e, t in
               zip(terms["id"], terms["start"], terms["end"], terms["text"]))
    for name in ("compare.csv", "terms.csv"):
        assert f'href="tables/{name}"' in doc
    # written row by row while the analyses stream past: offsets stay whole numbers
    attrs = pd.read_csv(tables / "attributions.csv", dtype={"source_start": str})
    assert len(attrs) and all(s.isdigit() for s in attrs["source_start"].dropna())
    assert not list(tables.glob("*.partial"))


def test_pdf_holds_the_summary_every_chart_and_the_table(demo):
    path, doc = demo
    pdf = (path.parent / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    n_pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert n_pages == 1 + len(_alts(doc)) + 1                 # summary, charts, profile table
    assert b"http" not in pdf.replace(b"http://ns.adobe.com", b"")


def test_no_pdf_unless_asked(page):
    assert not (page[0].parent / "report.pdf").exists()


def test_highlight_marks_terms_voices_attributions_and_boilerplate():
    a1 = make_analyses()[0]
    out = highlight_html(a1, poles=(GOV, OPP))
    # boilerplate greyed
    assert '<span class="bp" title="page furniture (not scored)">Creating new perspectives' in out
    # the reported "regime": term coloured by the pole it echoes, dotted (indirect), on an
    # opposition-sourced content tint
    assert re.search(r'<span class="ct-p1 t t-p1 v-indirect" title="[^"]*">regime</span>', out)
    # the quoted "regime": dashed
    assert re.search(r'<span class="ct-p1 t t-p1 v-direct" title="[^"]*">regime</span>', out)
    # "Rebels" is both a neutral narrator term and the source of the quotation
    assert re.search(r'<span class="src t t-n v-narrator" title="source: Rebels[^"]*">Rebels</span>',
                     out)
    assert re.search(r'<span class="cue" title="cue \(neutral\)">said</span>', out)
    assert "&amp; Harasta" in out


def test_highlight_inline_styles_follow_the_classes():
    a1 = make_analyses()[0]
    out = highlight_html(a1, poles=(GOV, OPP), inline=True)
    assert re.search(r'<span class="ct-p1 t t-p1 v-indirect" title="[^"]*" style="background:#dcebf7;'
                     r'border-bottom:2px solid;padding:0 1px;color:#005a8c;border-bottom-color:#0072B2;'
                     r'border-bottom-style:dotted">regime</span>', out)
    assert _plain(out) == T1


def test_highlight_sets_words_of_a_lexicon_without_axis_apart():
    text = "Rebels slammed the regime."
    an = _analysis("g1", "x", text, terms=[
        _hit(text, "regime", "syrian-government", "regime", -2, OPP, "narrator"),
        TermHit("slammed", 7, 14, "plain-words", "criticism", "slammed", -1, "neutral", "narrator"),
    ])
    out = highlight_html(an, poles=(GOV, OPP), axis="report-axis")
    assert re.search(r'<span class="t t-g v-narrator" title="slammed → criticism \[plain-words\][^"]*">'
                     r"slammed</span>", out)
    assert '<span class="t t-p1 v-narrator"' in out
    # without an axis named, a neutral word is just neutral
    assert '<span class="t t-n v-narrator"' in highlight_html(an, poles=(GOV, OPP))


def test_analysis_renders_as_highlighted_html_in_notebooks(seed_analysis):
    out = seed_analysis._repr_html_()
    assert out == analysis_html(seed_analysis)
    assert out.startswith('<div class="framing-analysis"') and "<style" not in out
    assert "Middle East Monitor" in out
    # the colours are inline, the text is all there
    assert 'style="' in out and "#005a8c" in out
    body = re.search(r'max-width:88ch">(.*)</div></div>$', out, re.S).group(1)
    assert _plain(body) == seed_analysis.article.text


def test_analysis_html_escapes_and_cuts_long_texts(seed_analysis):
    an = make_analyses()[0]
    an = Analysis(**{**an.__dict__, "article": Article(**{**an.article.__dict__, "title": EVIL})})
    out = analysis_html(an)
    assert EVIL not in out and html.escape(EVIL) in out and "<always>" not in out
    cut = analysis_html(seed_analysis, max_chars=200)
    body = re.search(r'max-width:88ch">(.*?)</div><div', cut, re.S).group(1)
    assert _plain(body) == seed_analysis.article.text[:200]
    assert f"shown up to character 200 of {len(seed_analysis.article.text):,}" in cut


@pytest.mark.parametrize("values, listed", [
    (("douma", "hama"), "douma: 1, hama: 1"),
    ((True, False), "False: 1, True: 1"),     # booleans are labels, not a mask
])
def test_report_groups_by_a_meta_field(tmp_path, lexicon, values, listed):
    ans = make_analyses()
    ans = [Analysis(**{**an.__dict__, "article": Article(**{**an.article.__dict__,
                                                           "meta": {"key": v}})})
           for an, v in zip(ans, values)]
    doc = write_report(ans, tmp_path, by="key", lexicons=[lexicon]).read_text("utf-8")
    assert "by = <code>key</code>" in doc
    assert listed in doc
    assert _alts(doc)[:2] == ["Framing profile per key", "Lean per key"]
    assert len(_alts(doc)) == 8
    page1 = (tmp_path / "articles" / "0001.html").read_text("utf-8")
    assert f"key: <b>{html.escape(str(sorted(values, key=str)[0]))}</b>" in page1


def test_report_of_no_articles_still_writes_a_page(tmp_path, lexicon):
    doc = write_report([], tmp_path / "empty", lexicons=[lexicon], pdf=True).read_text("utf-8")
    assert "No articles." in doc and "Provenance" in doc
    assert (tmp_path / "empty" / "report.pdf").read_bytes().startswith(b"%PDF-")


def test_report_of_the_seed_keeps_its_text_and_marks_the_furniture(tmp_path, seed_analysis):
    doc = write_report([seed_analysis], tmp_path).read_text("utf-8")
    bodies = _bodies(doc)
    assert len(bodies) == 1
    assert _plain(bodies[0]) == seed_analysis.article.text
    assert '<span class="bp" title="page furniture (not scored)">Creating new perspectives since 2009' \
        in bodies[0]
    assert "Middle East Monitor" in doc and "conflict-syria" in doc
    assert "http://" not in doc and "https://" not in doc


def test_report_command_writes_pages_tables_and_pdf(tmp_path, capsys):
    from framing.cli import main

    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    code = main(["report", seeds, "-o", str(tmp_path / "r"), "--pdf", "--max-articles", "1"])
    assert code == 0
    assert f"wrote {tmp_path / 'r' / 'index.html'}" in capsys.readouterr().err
    assert (tmp_path / "r" / "report.pdf").is_file()
    assert (tmp_path / "r" / "articles" / "0001.html").is_file()
    assert (tmp_path / "r" / "tables" / "compare.csv").is_file()
    code = main(["report", seeds, "-o", str(tmp_path / "r"), "--max-articles", "-1"])
    assert code == 2
    assert "max_articles must be 0 or more, not -1" in capsys.readouterr().err


@pytest.mark.filterwarnings("error::UserWarning")   # e.g. "constrained_layout not applied"
def test_hostile_group_names_do_not_break_charts_or_pdf(tmp_path, demo_analyses):
    # TeX-like and huge outlet names reach matplotlib (labels, legends, PDF titles) and the page
    names = {"state-wire": "$\\bad{x}$ & <b>", "world-wire": "W" * 10_000,
             "opposition-voice": "</title><script>alert(1)</script>"}
    ans = [Analysis(**{**an.__dict__, "article": Article(**{**an.article.__dict__,
                                                           "outlet": names[an.article.outlet]})})
           for an in demo_analyses]
    doc = write_report(ans, tmp_path, pdf=True).read_text("utf-8")
    assert "<script>" not in doc and "&lt;/title&gt;&lt;script&gt;" in doc
    assert "$\\bad{x}$ &amp; &lt;b&gt;" in doc
    assert len(_alts(doc)) == 15
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")


# -- classifier scores (framing report --model) ------------------------------------------
# Training sentences and articles written for these tests. One class name holds markup: class
# names come from the user's label field and must reach the page escaped.

SHRILL = [
    "The minister's reckless, shameful gamble betrayed every family in the valley.",
    "Furious critics branded the scheme a cynical and disgraceful stunt.",
    "The council's arrogant bosses trampled on the rights of ordinary people.",
    "A ruthless clique forced the disastrous deal through without a shred of shame.",
    "The mayor's absurd tantrum showed a breathtaking contempt for residents.",
    "Greedy developers bulldozed the park in an outrageous act of vandalism.",
    "The board's pathetic excuses insult everyone who lost their savings.",
    "Spineless officials caved to a sinister lobby in a shocking betrayal.",
]
PLAIN = [
    "The minister presented the budget to parliament on Monday.",
    "The council will publish the new bus timetable next week.",
    "Residents can collect their parking permits at the town hall from nine.",
    "The deal was signed by both companies on Friday afternoon.",
    "The mayor opened the new library on the east side of town.",
    "The park will close for maintenance during the first week of June.",
    "The board approved the accounts for the last financial year.",
    "Officials said the survey covered 800 households in the district.",
]
SHRILL_CLASS = "shrill<script>alert(1)</script>"
SCORED = [  # (outlet, text): one outlet writes like SHRILL, the other like PLAIN
    ("valley-herald", "The reckless minister betrayed the valley again. Critics called the plan "
                      "a disgrace."),
    ("valley-herald", "Arrogant officials trampled on residents. The shameful deal went ahead."),
    ("valley-herald", "The council met on Tuesday. Its bosses showed contempt for everyone."),
    ("town-gazette", "The budget was presented on Monday. The vote is due next week."),
    ("town-gazette", "The library opens at nine. Permits can be collected at the town hall."),
    ("town-gazette", "The park closes in June for maintenance. The deal was signed on Friday."),
]


@pytest.fixture(scope="module")
def tone_model(tmp_path_factory):
    """A small classifier trained here, saved with its card: ``(path, cross-validation metrics)``."""
    from framing.classify import Examples, make_classifier, train

    ex = Examples(ids=[f"s{i}" for i in range(len(SHRILL + PLAIN))], texts=SHRILL + PLAIN,
                  labels=[SHRILL_CLASS] * len(SHRILL) + ["plain"] * len(PLAIN), multilabel=False,
                  sha256="0" * 64)
    model, metrics = train(ex, make_classifier(features="tfidf"), folds=2, name="tone")
    return model.save(tmp_path_factory.mktemp("model") / "tone.npz"), metrics


@pytest.fixture(scope="module")
def scored_corpus(tmp_path_factory):
    import json

    p = tmp_path_factory.mktemp("corpus") / "scored.jsonl"
    p.write_text("".join(json.dumps({"id": f"a{i}", "outlet": o, "title": f"Story {i}",
                                     "date": f"2024-05-0{i + 1}", "text": t}) + "\n"
                         for i, (o, t) in enumerate(SCORED)), encoding="utf-8")
    return p


def _section(doc, anchor):
    start = doc.index(f'<h2 id="{anchor}">')
    end = doc.find("<h2", start + 4)
    return doc[start:end if end >= 0 else len(doc)]


def _score_rows(section):
    """``{group: (n articles, [(mean, lo, hi) per class])}`` of the scores table, and its headings."""
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", section)
    rows = {}
    for tr in re.findall(r"<tr><td>(.*?)</tr>", re.search(r"<tbody>(.*)</tbody>", section).group(1)):
        cells = re.findall(r"(?:^|<td>)(.*?)</td>", tr)
        group = re.sub(r"&nbsp;<span[^>]*>†</span>", "", cells[0])
        vals = [tuple(map(float, re.match(r"([\d.]+) <span class=\"ci\">\[([\d.]+), ([\d.]+)\]</span>$",
                                          c).groups())) for c in cells[2:]]
        rows[group] = (int(cells[1]), vals)
    return heads, rows


def test_report_with_a_model_shows_mean_scores_per_group(tmp_path, tone_model, scored_corpus, capsys):
    from framing.cli import main

    model, _ = tone_model
    out = tmp_path / "r"
    assert main(["report", str(scored_corpus), "--model", str(model), "-o", str(out)]) == 0, \
        capsys.readouterr().err
    doc = (out / "index.html").read_text("utf-8")
    sec = _section(doc, "scores")
    assert sec.startswith('<h2 id="scores">Classifier scores</h2>')
    assert '<a href="#scores">Classifier scores</a>' in doc
    assert "the model's probability that an article belongs to that class" in sec
    heads, rows = _score_rows(sec)
    classes = ["plain", SHRILL_CLASS]  # the model's class order
    assert heads == ["outlet", "articles", *map(html.escape, classes)]
    assert set(rows) == {"valley-herald", "town-gazette"}
    assert sec.count('<span title="only 3 articles (&lt; 10): interval unreliable">†</span>') == 2
    # the means are those of the article scores in tables/articles.csv, inside their intervals
    art = pd.read_csv(out / "tables" / "articles.csv")
    means = art.groupby("outlet")[[f"score_{c}" for c in classes]].mean()
    for outlet, (n, vals) in rows.items():
        assert n == 3
        for c, (mean, lo, hi) in zip(classes, vals):
            assert f"{mean:.2f}" == f"{means.loc[outlet, f'score_{c}']:.2f}"
            assert lo <= mean <= hi
    assert rows["valley-herald"][1][1][0] > rows["town-gazette"][1][1][0]  # the shrill outlet
    sc = pd.read_csv(out / "tables" / "classifier_scores.csv").set_index("outlet")
    assert sc.loc["valley-herald", f"score_{SHRILL_CLASS}"] == pytest.approx(
        means.loc["valley-herald", f"score_{SHRILL_CLASS}"])
    # the class name holding markup is escaped everywhere, in the page and in the article pages
    assert "<script>" not in doc and html.escape(SHRILL_CLASS) in sec
    for page in sorted((out / "articles").glob("*.html")):
        text = page.read_text("utf-8")
        assert "<script>" not in text
        (aid,) = re.findall(r"id <code>(a\d)</code>", text)
        row = art.set_index("id").loc[aid]
        line = re.search(r'<div class="meta scores">(.*?)</div>', text).group(1)
        assert line.endswith(f"plain <b>{row['score_plain']:.2f}</b> · {html.escape(SHRILL_CLASS)} "
                             f"<b>{row[f'score_{SHRILL_CLASS}']:.2f}</b>")


def test_report_names_the_model_and_its_cross_validated_macro_f1(tmp_path, tone_model,
                                                                 scored_corpus):
    from framing.classify import Model, with_scores

    model, metrics = tone_model
    arts = with_scores(framing.read_corpus(scored_corpus), Model.load(model))
    doc = write_report([framing.analyze(a) for a in arts], tmp_path, model=model).read_text("utf-8")
    sec = _section(doc, "scores")
    assert (f"scored by the classifier <code>tone.npz</code> (trained on 16 labelled records; "
            f"cross-validated macro-F1 <b>{metrics['macro_f1']:.2f}</b> over 2 folds)") in sec
    assert "trained on sentences" in sec   # the card's unit: an article's score is its sentences' mean
    prov = _section(doc, "provenance")
    assert "<dt>classifier</dt><dd><code>tone.npz</code>; sha256 <code>" in prov
    page = (tmp_path / "articles" / "0001.html").read_text("utf-8")
    assert '<div class="meta scores">classifier <code>tone.npz</code>, probability' in page
    with pytest.raises(framing.FramingError, match="no model card"):
        write_report([], tmp_path / "x", model=tmp_path / "missing.npz")


def test_report_without_a_model_has_no_score_section(tmp_path, scored_corpus, capsys):
    from framing.cli import main

    assert main(["report", str(scored_corpus), "-o", str(tmp_path)]) == 0, capsys.readouterr().err
    doc = (tmp_path / "index.html").read_text("utf-8")
    assert 'id="scores"' not in doc and "Classifier scores" not in doc and "score_" not in doc
    assert not (tmp_path / "tables" / "classifier_scores.csv").exists()
    assert 'class="meta scores"' not in (tmp_path / "articles" / "0001.html").read_text("utf-8")


def test_chart_labels_keep_line_breaks_but_lose_other_control_characters():
    # the profile's panel titles are two lines ("loaded terms\nper 1,000 words"); an
    # outlet name's bell or tab characters have no glyph and become spaces
    from framing.report.escape import short

    assert short("loaded terms\nper 1,000 words") == "loaded terms\nper 1,000 words"
    assert short("Al\x07Manar\tTV\n\n\nnews") == "Al Manar TV\nnews"


def test_a_report_that_fails_half_way_leaves_no_partial_tables(tmp_path, demo_analyses):
    from framing.errors import FramingError

    def stream():
        yield demo_analyses[0]
        raise FramingError("stopped by --strict")

    with pytest.raises(FramingError, match="--strict"):
        write_report(stream(), tmp_path)
    assert not list((tmp_path / "tables").iterdir())


def test_the_index_written_piece_by_piece_is_the_index_as_one_string(tmp_path):
    # write_report streams the article list to index.html (a list of 100,000 rows is never one
    # string); the bytes must be those of the page rendered whole, pages cut or not
    from framing.datasets import demo_corpus
    from framing.report.build import build_tables, read_corpus_pass
    from framing.report.pages import index_parts

    analyses = [framing.analyze(a) for a in demo_corpus()]
    for cut in (None, 2):
        corpus = read_corpus_pass(iter(analyses), "outlet", max_articles=cut)
        try:
            page = index_parts(corpus, build_tables(corpus))
            page.write(tmp_path / "index.html")
            whole = str(page)
            assert (tmp_path / "index.html").read_text(encoding="utf-8") == whole
            assert str(page) == whole          # the list can be written more than once
        finally:
            corpus.close()
        links = re.findall(r'href="(articles/\d+\.html)"', whole)
        assert len(links) == (36 if cut is None else 2 * corpus_groups(analyses))
        if cut:
            assert "more without a page." in whole


def corpus_groups(analyses) -> int:
    return len({an.article.outlet for an in analyses})


# -- the loaded-language tagger, articles without a lean, dictionary categories -----------

def test_highlight_marks_tagged_loaded_words_apart_from_terms():
    from framing.data import LoadedHit

    text = "Rebels slammed the regime."
    an = _analysis("g1", "x", text, terms=[_hit(text, "regime", "syrian-government", "regime", -2, OPP,
                                                  "narrator")])
    assert "lw" not in highlight_html(an, poles=(GOV, OPP))
    from dataclasses import replace
    an = replace(an, loaded=(LoadedHit("slammed", 7, 14, 0.31, "narrator"),
                             LoadedHit("regime", 19, 25, 0.2, "narrator")))
    out = highlight_html(an, poles=(GOV, OPP))
    assert re.search(r'<span class="lw" title="loaded word \(tagger, score 0.31\); voice narrator">'
                     r'slammed</span>', out)
    # a word that is both a lexicon term and tagged keeps both marks
    assert re.search(r'<span class="t t-p1 v-narrator lw" title="[^"]*">regime</span>', out)
    assert _plain(out) == text
    styles = highlight_html(an, poles=(GOV, OPP), inline=True)
    assert f"box-shadow:inset 0 -.55em 0 {framing.plot.LOADED_COLORS[1]}" in styles


def test_report_with_the_tagger_shows_its_rate_and_marks_the_words(tmp_path, demo_analyses):
    from framing.loaded import with_loaded

    tagged = [with_loaded(a) for a in demo_analyses]
    doc = write_report(tagged, tmp_path).read_text("utf-8")
    assert "tagged /1k own" in doc
    cmp = framing.compare.compare(tagged, n_resamples=50)
    assert cmp["tagged_per_1k_narrator"].notna().all()
    pages = sorted((tmp_path / "articles").glob("*.html"))
    with_hits = [p.read_text("utf-8") for p in pages]
    assert any('class="lw"' in p for p in with_hits)
    assert all("Loaded words (tagger)" in p for p in with_hits)
    plain = write_report(demo_analyses, tmp_path / "plain").read_text("utf-8")
    assert "tagged /1k own" not in plain
    assert not any('class="lw"' in p.read_text("utf-8") or "Loaded words (tagger)" in p.read_text("utf-8")
                   for p in (tmp_path / "plain" / "articles").glob("*.html"))


def test_report_says_how_many_articles_have_no_lean(tmp_path, demo_analyses):
    doc = write_report(demo_analyses, tmp_path).read_text("utf-8")
    line = re.search(r'<p class="small" id="no-lean">(.*?)</p>', doc, re.S).group(1)
    cmp = framing.compare.compare(demo_analyses, intervals=False)
    for _, r in cmp.iterrows():
        want = sum(1 for a in demo_analyses if a.article.outlet == r["outlet"] and a.lean is None)
        assert r["n_no_lean"] == want
        assert f"{html.escape(str(r['outlet']))} <b>{want}</b> of {r['n_articles']}" in line


def test_report_has_a_categories_section_for_an_imported_dictionary(tmp_path):
    lx = framing.load_lexicon(Path(__file__).parent / "data" / "dicts" / "mini.dic")
    arts = [framing.Article(f"a{i}", t, outlet=o) for i, (o, t) in enumerate([
        ("one", "Regime forces shelled the town again. The truce is over."),
        ("one", "A truce was agreed. People went back to the market."),
        ("two", "Artillery shelling continued for a third day near the river.")])]
    ans = [framing.analyze(a, [lx]) for a in arts]
    doc = write_report(ans, tmp_path, lexicons=[lx]).read_text("utf-8")
    assert 'id="categories"' in doc and "mini: hits per 1,000 words" in doc
    csv = (tmp_path / "tables" / "categories.csv").read_text("utf-8").splitlines()
    assert csv[0].startswith("outlet,lexicon,category,n_articles,n_words,hits,rate_per_1k")
    doc2 = write_report([framing.analyze(a) for a in arts], tmp_path / "toml").read_text("utf-8")
    assert 'id="categories"' not in doc2 and not (tmp_path / "toml" / "tables" / "categories.csv").exists()
