"""The HTML report: self-contained, escaped, and faithful to the article text."""

import base64
import html
import re

import pytest

import framing
from framing.data import Analysis, Article, Attribution, Cue, Source, Span, TermHit
from framing.report import highlight_html, write_report

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


def test_report_is_written_to_index_html(page, tmp_path_factory):
    path, doc = page
    assert path.name == "index.html" and path.is_file()
    assert doc.startswith("<!DOCTYPE html>") and doc.rstrip().endswith("</html>")
    assert "<title>Test &amp; &lt;report&gt;</title>" in doc


def test_report_fetches_nothing_from_the_network(page):
    _, doc = page
    assert "http://" not in doc and "https://" not in doc
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", doc)
    assert refs and all(r.startswith(("data:image/png;base64,", "#")) for r in refs)
    assert "<link" not in doc and "<script" not in doc and "@import" not in doc
    assert "url(" not in doc


def test_report_escapes_article_strings(page):
    _, doc = page
    assert EVIL not in doc
    assert html.escape(EVIL) in doc
    assert "Shelling &lt;b&gt;reported&lt;/b&gt; in Douma" in doc
    assert "&lt;always&gt; lies." in doc and "<always>" not in doc


def test_report_charts_are_inline_pngs(page):
    _, doc = page
    uris = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', doc)
    # lean, one referent with two labels (syrian-government; opposition has one), voices
    assert len(uris) == 3
    assert all(base64.b64decode(u)[:8] == b"\x89PNG\r\n\x1a\n" for u in uris)
    assert "<h3>syrian-government" in doc and "<h3>opposition" not in doc


def test_report_has_summary_profile_and_provenance(page, lexicon):
    _, doc = page
    assert f"framing {framing.__version__}" in doc
    assert lexicon.sha256 in doc and "report-axis" in doc
    assert "by = <code>outlet</code>" in doc
    assert f"{html.escape(EVIL)}: 1, sana: 1" in doc        # articles per outlet
    assert "<b>2</b>" in doc                                 # two articles in the summary
    # the compare table: sana's lean is 0 (only neutral terms), the other outlet's is
    # (0.5*3 + 0.25*3) / (0.5*3 + 1 + 0.25*3) = 2.25 / 3.25
    assert '<td class="pos">+0.69</td>' in doc
    assert "<td>+0.00</td>" in doc


def _bodies(doc):
    return re.findall(r'<div class="body">(.*?)</div></details>', doc, re.S)


def test_highlighted_article_text_round_trips_exactly(page):
    _, doc = page
    bodies = _bodies(doc)
    assert len(bodies) == 2
    texts = {html.unescape(re.sub(r"<[^>]+>", "", b)) for b in bodies}
    assert texts == {T1, T2}


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
    assert len(re.findall(r'<img src="data:image/png;base64,', doc)) == 3


def test_report_of_no_articles_still_writes_a_page(tmp_path, lexicon):
    doc = write_report([], tmp_path / "empty", lexicons=[lexicon]).read_text("utf-8")
    assert "No articles." in doc and "Provenance" in doc


# -- the charts the report embeds ---------------------------------------------------

def test_plot_lean_draws_one_dot_per_group_with_poles_at_the_ends(lexicon):
    import matplotlib
    matplotlib.use("Agg")
    from framing.compare import compare
    from framing.plot import POLE_COLORS, plot_lean

    cmp = compare(make_analyses(), lexicons=[lexicon])
    ax = plot_lean(cmp)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["sana  (n=1)", f"{EVIL}  (n=1)"]
    texts = [t.get_text() for t in ax.texts]
    assert f"◀ {GOV}" in texts and f"{OPP} ▶" in texts
    dots = ax.collections[-1].get_offsets()
    assert [round(float(x), 4) for x, _ in dots] == [0.0, round(2.25 / 3.25, 4)]
    assert matplotlib.colors.to_hex(ax.collections[-1].get_facecolors()[1]) == POLE_COLORS[1].lower()
    assert ax.get_xlim() == (-1.08, 1.08)
    matplotlib.pyplot.close(ax.figure)


def test_plot_label_shares_stacks_first_pole_left_and_second_right(lexicon):
    from framing.compare import label_shares
    from framing.plot import plot_label_shares

    ls = label_shares(make_analyses(), lexicons=[lexicon])
    ax = plot_label_shares(ls, "syrian-government")
    widths = {(c.get_label(), round(p.get_y() + p.get_height() / 2)): p.get_width()
              for c in ax.containers for p in c}
    # rows top to bottom: sana (army only), then the other outlet (regime only)
    assert widths[("army (neutral)", 0)] == 1.0 and widths[("regime (pro-opposition)", 1)] == 1.0
    assert [c.get_label() for c in ax.containers] == ["army (neutral)", "regime (pro-opposition)"]
    ax.figure.clf()


def test_plot_voice_shares_orders_sides_from_first_to_second_pole(lexicon):
    from framing.compare import voice_shares
    from framing.plot import plot_voice_shares

    ax = plot_voice_shares(voice_shares(make_analyses(), lexicons=[lexicon]))
    assert [c.get_label() for c in ax.containers] == [GOV, "unknown", OPP]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["sana  (n=1)", f"{EVIL}  (n=2)"]
    ax.figure.clf()


def test_report_of_the_seed_keeps_its_text_and_marks_the_furniture(tmp_path, seed_analysis):
    doc = write_report([seed_analysis], tmp_path).read_text("utf-8")
    bodies = _bodies(doc)
    assert len(bodies) == 1
    assert html.unescape(re.sub(r"<[^>]+>", "", bodies[0])) == seed_analysis.article.text
    assert '<span class="bp" title="page furniture (not scored)">Creating new perspectives since 2009' \
        in bodies[0]
    assert "Middle East Monitor" in doc and "conflict-syria" in doc
    assert "http://" not in doc and "https://" not in doc
