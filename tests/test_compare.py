"""Tidy tables and per-group comparison, pinned on small analyses built by hand.

The expected numbers are worked out by hand in the comments, from the lean
formula of :mod:`framing.analyze`: weight = voice weight (narrator 1,
indirect 0.5, direct 0.25) x (1 + |connotation|), sign -1/+1 for the first /
second pole, 0 for neutral.
"""

import math

import pandas as pd
import pytest

from framing.compare import (
    Tables, article_table, attribution_table, compare, label_shares, tables, term_table,
    voice_shares,
)
from framing.data import Analysis, Article, Attribution, Cue, Source, Span, TermHit
from framing.errors import FramingError

GOV, OPP = "pro-government", "pro-opposition"

AXIS_TOML = """\
name = "test-axis"
description = "A small axis pack for the comparison tests."
[axis]
name = "Alignment in the Syrian war"
poles = ["pro-government", "pro-opposition"]

[[referents]]
id = "syrian-government"
description = "The Syrian government and its forces."
side = "pro-government"
  [[referents.labels]]
  label = "regime"
  forms = ["regime"]
  connotation = -2
  echoes = "pro-opposition"
  [[referents.labels]]
  label = "government forces"
  forms = ["government forces"]
  echoes = "neutral"
  [[referents.labels]]
  label = "army"
  forms = ["army"]
  echoes = "neutral"

[[referents]]
id = "opposition"
description = "Armed opposition groups."
side = "pro-opposition"
  [[referents.labels]]
  label = "rebels"
  forms = ["rebels"]
  echoes = "neutral"
  [[referents.labels]]
  label = "terrorists"
  forms = ["terrorists"]
  connotation = -2
  echoes = "pro-government"
"""

PLAIN_TOML = """\
name = "test-plain"
description = "A pack without an axis: its hits count as terms but never in the lean."
[[referents]]
id = "criticism"
  [[referents.labels]]
  label = "slammed"
  forms = ["slammed"]
  connotation = -1
"""


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory):
    d = tmp_path_factory.mktemp("lex")
    (d / "test-axis.toml").write_text(AXIS_TOML, encoding="utf-8")
    (d / "test-plain.toml").write_text(PLAIN_TOML, encoding="utf-8")
    return [d / "test-axis.toml", d / "test-plain.toml"]


def _at(text, phrase):
    i = text.index(phrase)
    return i, i + len(phrase)


def hit(text, phrase, referent, label, connotation, echoes, voice, lexicon="test-axis"):
    s, e = _at(text, phrase)
    return TermHit(phrase, s, e, lexicon, referent, label, connotation, echoes, voice)


def attribution(text, kind, content, cue, source=None, *, type="other", side=None,
                named=False, stance="neutral"):
    src = None
    if source:
        s, e = _at(text, source)
        src = Source(source, s, e, type=type, side=side, named=named)
    cs, ce = _at(text, cue)
    ts, te = _at(text, content)
    return Attribution(kind, src, Cue(cue, cs, ce, stance), Span(ts, te, content))


def analysis(id, outlet, text, n_words, terms=(), attributions=(), polarity=None,
             subjectivity=None, meta=None):
    return Analysis(
        article=Article(id=id, text=text, title=f"Title {id}", outlet=outlet,
                        date="2017-03-22", meta=meta or {}),
        n_words=n_words, terms=tuple(terms), attributions=tuple(attributions), boilerplate=(),
        lean=None, leans={}, lexicons=("test-axis", "test-plain"),
        polarity=polarity, subjectivity=subjectivity,
    )


def make_analyses():
    t1 = "The regime shelled Douma, activists said. Government forces slammed the claim."
    a1 = analysis("a1", "alpha", t1, 11, [
        hit(t1, "regime", "syrian-government", "regime", -2, OPP, "narrator"),        # w 3, +1
        hit(t1, "Government forces", "syrian-government", "government forces", 0, "neutral",
            "narrator"),                                                              # w 1
        hit(t1, "slammed", "criticism", "slammed", -1, "neutral", "narrator",
            lexicon="test-plain"),                                                    # no axis
    ], [attribution(t1, "indirect", "The regime shelled Douma", "said", "activists",
                    type="monitor/NGO", side=OPP)],
        polarity=0.2, subjectivity=0.5, meta={"location": "douma"})
    t2 = "Rebels said: “The regime is lying.”"
    a2 = analysis("a2", "alpha", t2, 6, [
        hit(t2, "Rebels", "opposition", "rebels", 0, "neutral", "narrator"),          # w 1
        hit(t2, "regime", "syrian-government", "regime", -2, OPP, "direct"),         # w .75, +1
    ], [attribution(t2, "direct", "“The regime is lying.”", "said", "Rebels",
                    type="armed opposition", side=OPP)],
        polarity=-0.1, subjectivity=0.3)
    t3 = "Terrorists attacked the army in Hama, state media said. The regime denies shelling."
    b1 = analysis("b1", "beta", t3, 13, [
        hit(t3, "Terrorists", "opposition", "terrorists", -2, GOV, "indirect"),      # w 1.5, -1
        hit(t3, "army", "syrian-government", "army", 0, "neutral", "indirect"),      # w .5
        hit(t3, "regime", "syrian-government", "regime", -2, OPP, "narrator"),      # w 3, +1
    ], [attribution(t3, "indirect", "Terrorists attacked the army in Hama", "said",
                    "state media", type="media/wire", side=GOV)],
        meta={"location": "hama"})
    t4 = "Talks resume in Geneva on Thursday, Staffan de Mistura claimed."
    b2 = analysis("b2", "beta", t4, 10, [], [
        attribution(t4, "indirect", "Talks resume in Geneva on Thursday", "claimed",
                    "Staffan de Mistura", type="international body", named=True,
                    stance="evaluative")],
        polarity=0.4, subjectivity=0.6)
    t5 = "A quiet day in Idlib."
    c1 = analysis("c1", None, t5, 5)
    return [a1, a2, b1, b2, c1]


def test_compare_pools_lean_shares_and_rates_per_outlet(lexicons):
    df = compare(iter(make_analyses()), lexicons=lexicons)   # a generator is consumed once
    # beta: num -1.5 + 3 = 1.5, den 1.5 + .5 + 3 = 5 -> 0.3
    # alpha: a1 3/4, a2 .75/1.75 -> pooled 3.75/5.75 (the test-plain hit is not in the lean)
    assert list(df["outlet"]) == ["beta", "alpha", "(none)"]
    beta, alpha, none = (df.iloc[i] for i in range(3))
    assert beta["lean"] == pytest.approx(0.3)
    assert alpha["lean"] == pytest.approx(3.75 / 5.75)
    assert math.isnan(none["lean"])
    assert list(df["n_articles"]) == [2, 2, 1]
    assert list(df["n_words"]) == [23, 17, 5]
    assert alpha["terms_per_1k"] == pytest.approx(5000 / 17)
    assert alpha["loaded_per_1k"] == pytest.approx(2000 / 17)
    assert beta["terms_per_1k"] == pytest.approx(3000 / 23)
    assert none["terms_per_1k"] == 0.0
    assert (alpha["loaded_narrator_share"], alpha["loaded_direct_share"],
            alpha["loaded_indirect_share"]) == (0.5, 0.5, 0.0)
    assert (beta["loaded_narrator_share"], beta["loaded_direct_share"],
            beta["loaded_indirect_share"]) == (0.5, 0.0, 0.5)
    assert math.isnan(none["loaded_narrator_share"])
    assert list(df["n_attributions"]) == [2, 2, 0]
    assert (alpha[f"voice_{OPP}"], alpha[f"voice_{GOV}"], alpha["voice_unknown"]) == (1.0, 0.0, 0.0)
    assert (beta[f"voice_{OPP}"], beta[f"voice_{GOV}"], beta["voice_unknown"]) == (0.0, 0.5, 0.5)
    assert math.isnan(none["voice_unknown"])
    assert (alpha["named_share"], beta["named_share"]) == (0.0, 0.5)
    assert (alpha["evaluative_cue_share"], beta["evaluative_cue_share"]) == (0.0, 0.5)
    assert alpha["polarity"] == pytest.approx(0.05)     # mean of .2 and -.1
    assert beta["polarity"] == pytest.approx(0.4)       # b1 has none: skipped, not zero
    assert alpha["subjectivity"] == pytest.approx(0.4)
    assert math.isnan(none["polarity"])
    assert df.attrs["poles"] == (GOV, OPP) and df.attrs["by"] == "outlet"


def test_pooled_lean_is_not_the_mean_of_article_leans(lexicons):
    arts = article_table(make_analyses(), lexicons=lexicons)
    alpha = arts[arts["outlet"] == "alpha"]
    assert list(alpha["lean_num"]) == [3.0, 0.75]
    assert list(alpha["lean_den"]) == [4.0, 1.75]
    mean_of_leans = (alpha["lean_num"] / alpha["lean_den"]).mean()   # 0.589...
    pooled = compare(arts).set_index("outlet").loc["alpha", "lean"]   # 0.652...
    assert mean_of_leans == pytest.approx((0.75 + 0.75 / 1.75) / 2)
    assert pooled == pytest.approx(3.75 / 5.75) and pooled > mean_of_leans + 0.05


def test_compare_from_tables_matches_compare_from_analyses(lexicons):
    direct = compare(make_analyses(), lexicons=lexicons)
    tabs = tables(make_analyses(), lexicons=lexicons)
    assert isinstance(tabs, Tables)
    pd.testing.assert_frame_equal(compare(tabs), direct)
    pd.testing.assert_frame_equal(compare(tabs.articles), direct)


def test_compare_by_a_meta_field_groups_missing_values_as_none(lexicons):
    df = compare(make_analyses(), by="location", lexicons=lexicons)
    # douma: a1 alone 3/4; hama: b1 1.5/5; (none): a2 .75/1.75 with b2, c1 adding nothing
    got = dict(zip(df["location"], df["lean"]))
    assert got == pytest.approx({"hama": 0.3, "(none)": 0.75 / 1.75, "douma": 0.75})
    assert list(df["location"]) == ["hama", "(none)", "douma"]
    assert list(df["n_articles"]) == [1, 3, 1]


def test_compare_by_an_unknown_column_names_it_and_the_choices(lexicons):
    with pytest.raises(FramingError, match=r"cannot group by 'publisher'.*available: id, outlet"):
        compare(make_analyses(), by="publisher", lexicons=lexicons)


def test_article_table_one_row_per_article(lexicons):
    arts = article_table(make_analyses(), lexicons=lexicons)
    assert list(arts["id"]) == ["a1", "a2", "b1", "b2", "c1"]
    assert list(arts["n_terms"]) == [3, 2, 3, 0, 0]
    assert list(arts["n_attributions"]) == [1, 1, 1, 1, 0]
    assert list(arts["n_loaded"]) == [1, 1, 2, 0, 0]
    assert list(arts[f"n_voice_{GOV}"]) == [0, 0, 1, 0, 0]
    assert list(arts["n_voice_unknown"]) == [0, 0, 0, 1, 0]
    assert set(arts["axis"]) == {"test-axis"}
    assert arts["location"].iloc[0] == "douma" and pd.isna(arts["location"].iloc[1])  # meta kept
    assert pd.isna(arts["outlet"].iloc[4])                         # raw value; compare maps it


def test_term_table_one_row_per_hit_with_its_article(lexicons):
    terms = term_table(make_analyses(), lexicons=lexicons)
    assert len(terms) == 8
    row = terms.iloc[0]
    assert (row["id"], row["outlet"], row["text"], row["start"], row["end"], row["label"],
            row["echoes"], row["voice"]) == ("a1", "alpha", "regime", 4, 10, "regime", OPP,
                                              "narrator")
    assert list(terms.columns[:3]) == ["id", "outlet", "date"]


def test_attribution_table_flattens_source_cue_and_content(lexicons):
    at = attribution_table(make_analyses(), lexicons=lexicons)
    assert len(at) == 4
    b2 = at[at["id"] == "b2"].iloc[0]
    assert (b2["source_text"], b2["source_type"], b2["named"],
            b2["cue_text"], b2["stance"], b2["content_text"]) == (
        "Staffan de Mistura", "international body", True, "claimed", "evaluative",
        "Talks resume in Geneva on Thursday")
    assert pd.isna(b2["source_side"])
    t4 = "Talks resume in Geneva on Thursday, Staffan de Mistura claimed."
    assert t4[b2["cue_start"]:b2["cue_end"]] == "claimed"
    assert t4[b2["source_start"]:b2["source_end"]] == "Staffan de Mistura"


def test_attribution_without_source_counts_as_unknown_and_unnamed(lexicons):
    t = "Dozens were killed in Idlib, it was reported."
    an = analysis("x", "gamma", t, 9, [], [attribution(t, "indirect", "Dozens were killed in Idlib",
                                                       "it was reported")])
    at = attribution_table([an], lexicons=lexicons)
    assert pd.isna(at["source_text"].iloc[0]) and not at["named"].iloc[0]
    row = compare([an], lexicons=lexicons).iloc[0]
    assert (row["voice_unknown"], row["named_share"]) == (1.0, 0.0)


def test_label_shares_within_group_and_referent(lexicons):
    ls = label_shares(make_analyses(), lexicons=lexicons)
    got = {(r.outlet, r.referent, r.label): (r.count, r.share) for r in ls.itertuples()}
    assert got[("alpha", "syrian-government", "regime")] == (2, pytest.approx(2 / 3))
    assert got[("alpha", "syrian-government", "government forces")] == (1, pytest.approx(1 / 3))
    assert got[("beta", "syrian-government", "regime")] == (1, 0.5)
    assert got[("beta", "syrian-government", "army")] == (1, 0.5)
    assert got[("beta", "opposition", "terrorists")] == (1, 1.0)
    assert got[("alpha", "criticism", "slammed")] == (1, 1.0)
    assert len(got) == 7
    assert set(ls.columns) >= {"outlet", "lexicon", "referent", "label", "count", "share"}
    # from a term table, same answer
    pd.testing.assert_frame_equal(label_shares(term_table(make_analyses(), lexicons=lexicons)), ls)


def test_voice_shares_per_side_with_zeros(lexicons):
    vs = voice_shares(make_analyses(), lexicons=lexicons)
    got = {(r.outlet, r.side): (r.count, r.share) for r in vs.itertuples()}
    assert got[("alpha", OPP)] == (2, 1.0)
    assert got[("alpha", GOV)] == (0, 0.0)
    assert got[("beta", GOV)] == (1, 0.5)
    assert got[("beta", "unknown")] == (1, 0.5)
    assert "(none)" not in set(vs["outlet"])        # no attributions, no rows
    assert list(vs[vs["outlet"] == "alpha"]["side"]) == [GOV, "unknown", OPP]


def test_empty_input_gives_empty_tables(lexicons):
    assert compare([], lexicons=lexicons).empty
    assert label_shares([], lexicons=lexicons).empty
    assert voice_shares([], lexicons=lexicons).empty
    assert list(term_table([], lexicons=lexicons).columns)[:3] == ["id", "outlet", "date"]


def test_compare_on_a_real_analysis_matches_its_own_lean():
    """The pooled lean of one article equals the lean analyze() gives it."""
    from framing import analyze
    from framing.data import Article

    text = ("Regime forces shelled rebel-held areas of Douma on Tuesday, activists said. "
            "The Syrian army said it targeted terrorists.")
    an = analyze(Article(id="s1", text=text, outlet="seed"))
    assert an.lean is not None
    row = compare([an]).iloc[0]
    assert row["lean"] == pytest.approx(an.lean)
    assert row["n_articles"] == 1 and row["n_attributions"] == len(an.attributions)
