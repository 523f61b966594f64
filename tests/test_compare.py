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


# -- intervals, grouping options, tracing --------------------------------------------

def test_compare_intervals_worked_by_hand(lexicons):
    # alpha's two articles have leans 3/4 and .75/1.75. A resample is both a1 (p=.25),
    # both a2 (p=.25) or one of each (pooled 3.75/5.75), so the 2.5th and 97.5th
    # percentiles are exactly the two article leans.
    df = compare(make_analyses(), lexicons=lexicons).set_index("outlet")
    alpha = df.loc["alpha"]
    assert alpha["lean_lo"] == pytest.approx(0.75 / 1.75)
    assert alpha["lean_hi"] == pytest.approx(0.75)
    # beta: b1 1.5/5 and b2 with no hits (0/0): resamples 0.3 or undefined -> [0.3, 0.3]
    assert (df.loc["beta", "lean_lo"], df.loc["beta", "lean_hi"]) == pytest.approx((0.3, 0.3))
    # named share of beta: b1 0/1, b2 1/1 -> [0, 1]
    assert (df.loc["beta", "named_share_lo"], df.loc["beta", "named_share_hi"]) == (0.0, 1.0)
    # one article: no interval
    assert math.isnan(df.loc["(none)", "lean_lo"])


def test_compare_warns_about_small_groups_and_keeps_article_ids(lexicons):
    df = compare(make_analyses(), lexicons=lexicons, min_articles=2).set_index("outlet")
    assert df.loc["alpha", "warning"] == ""
    assert df.loc["(none)", "warning"] == "only 1 article: no interval"
    assert df.loc["alpha", "article_ids"] == ["a1", "a2"]
    assert df.loc["beta", "article_ids"] == ["b1", "b2"]
    df = compare(make_analyses(), lexicons=lexicons).set_index("outlet")   # default minimum 10
    assert df.loc["alpha", "warning"] == "only 2 articles (< 10): interval unreliable"


def test_compare_intervals_are_seeded_and_optional(lexicons):
    tabs = tables(make_analyses(), lexicons=lexicons)
    a = compare(tabs, n_resamples=300, seed=5)
    pd.testing.assert_frame_equal(a, compare(tabs, n_resamples=300, seed=5))
    assert a.attrs["seed"] == 5 and a.attrs["n_resamples"] == 300
    plain = compare(tabs, intervals=False)
    assert not any(c.endswith(("_lo", "_hi")) for c in plain.columns)
    pd.testing.assert_series_equal(plain["lean"], a["lean"])


def test_compare_every_month_and_week(lexicons):
    from dataclasses import replace

    ans = make_analyses()
    ans[1] = replace(ans[1], article=replace(ans[1].article, date="2017-04-02"))
    df = compare(ans, lexicons=lexicons, every="month", intervals=False)
    assert list(df.columns[:2]) == ["outlet", "month"]
    got = {(r.outlet, r.month): (r.n_articles, r.lean) for r in df.itertuples()}
    assert got[("alpha", "2017-03")] == (1, 0.75)
    assert got[("alpha", "2017-04")] == (1, pytest.approx(0.75 / 1.75))
    assert got[("beta", "2017-03")] == (2, pytest.approx(0.3))
    wk = compare(ans, lexicons=lexicons, every="week", intervals=False)
    assert set(wk["week"]) == {"2017-03-20", "2017-03-27"}   # Mondays of 22 March and 2 April
    with pytest.raises(FramingError, match="'day' is not a date bucket"):
        compare(ans, lexicons=lexicons, every="day")


def test_compare_with_a_groups_file(lexicons, tmp_path):
    p = tmp_path / "camps.csv"
    p.write_text("outlet,camp\nAlpha,left\nbeta,right\n", encoding="utf-8")
    df = compare(make_analyses(), lexicons=lexicons, groups=p)
    assert df.attrs["by"] == "camp"
    got = dict(zip(df["camp"], df["n_articles"]))
    assert got == {"left": 2, "right": 2, "(none)": 1}      # c1 has no outlet
    assert df.attrs["unmapped"] == []
    q = tmp_path / "partial.csv"
    q.write_text("outlet,camp\nalpha,left\n", encoding="utf-8")
    df = compare(make_analyses(), lexicons=lexicons, groups=q)
    assert dict(zip(df["camp"], df["n_articles"])) == {"left": 2, "(none)": 3}
    assert df.attrs["unmapped"] == ["beta"]
    # a dict works too; the group column is then called "group"
    df = compare(make_analyses(), lexicons=lexicons, groups={"alpha": "x", "beta": "x"})
    assert dict(zip(df["group"], df["n_articles"])) == {"x": 4, "(none)": 1}


def test_compare_with_a_bad_groups_file_names_the_lines(lexicons, tmp_path):
    from framing.groups import GroupsError

    p = tmp_path / "camps.csv"
    p.write_text("outlet,camp\nalpha\nbeta,right\n", encoding="utf-8")
    with pytest.raises(GroupsError, match=r"camps.csv:2: expected 2 cells"):
        compare(make_analyses(), lexicons=lexicons, groups=p)


def test_label_shares_intervals_resample_articles_that_mention_the_referent(lexicons):
    ls = label_shares(make_analyses(), lexicons=lexicons)
    r = ls[(ls["outlet"] == "alpha") & (ls["label"] == "regime")].iloc[0]
    # alpha on syrian-government: a1 has regime 1 + government forces 1, a2 regime 1 ->
    # resamples 1/2, 2/3 or 1 -> interval [0.5, 1]
    assert (r["count"], r["n_articles"]) == (2, 2)
    assert (r["lo"], r["hi"]) == (0.5, 1.0)
    assert r["article_ids"] == ["a1", "a2"]
    gf = ls[(ls["outlet"] == "alpha") & (ls["label"] == "government forces")].iloc[0]
    assert gf["article_ids"] == ["a1"]
    b = ls[(ls["outlet"] == "beta") & (ls["referent"] == "syrian-government")]
    assert set(b["n_articles"]) == {1}        # only b1 mentions it (b2 has no hits)


def test_source_named_cue_and_voice_split_tables(lexicons):
    from framing.compare import cue_stances, named_shares, source_shares, voice_split

    st = source_shares(make_analyses(), lexicons=lexicons)
    got = {(r.outlet, r.source_type): r.count for r in st.itertuples()}
    assert got[("alpha", "monitor/NGO")] == 1 and got[("alpha", "armed opposition")] == 1
    assert got[("beta", "international body")] == 1 and got[("beta", "media/wire")] == 1
    assert got[("alpha", "media/wire")] == 0                 # zero rows for other groups' types
    nm = named_shares(make_analyses(), lexicons=lexicons)
    got = {(r.outlet, r.source): (r.count, r.share) for r in nm.itertuples()}
    assert got[("beta", "named")] == (1, 0.5) and got[("beta", "anonymous")] == (1, 0.5)
    assert got[("alpha", "anonymous")] == (2, 1.0)
    cs = cue_stances(make_analyses(), lexicons=lexicons)
    got = {(r.outlet, r.stance): r.count for r in cs.itertuples()}
    assert got == {("alpha", "neutral"): 2, ("alpha", "evaluative"): 0,
                   ("beta", "neutral"): 1, ("beta", "evaluative"): 1}
    row = cs[(cs.outlet == "beta") & (cs.stance == "evaluative")].iloc[0]
    assert row["article_ids"] == ["b2"] and (row["lo"], row["hi"]) == (0.0, 1.0)
    vs = voice_split(make_analyses(), lexicons=lexicons)
    got = {(r.outlet, r.voice): r.count for r in vs.itertuples()}
    # loaded hits: alpha regime (narrator) + regime (direct); beta terrorists (indirect) + regime
    assert got == {("alpha", "narrator"): 1, ("alpha", "direct"): 1, ("alpha", "indirect"): 0,
                   ("beta", "narrator"): 1, ("beta", "direct"): 0, ("beta", "indirect"): 1}


def test_measure_dispatches_and_explains_bad_names(lexicons):
    from framing.compare import MEASURES, measure

    lean = measure(make_analyses(), "lean", lexicons=lexicons)
    assert list(lean.columns) == ["outlet", "n_articles", "n_words", "lean", "lean_lo",
                                  "lean_hi", "warning", "article_ids"]
    assert "labels" in MEASURES and "terms" in MEASURES
    with pytest.raises(FramingError, match="unknown measure 'bias'; choose from profile, lean"):
        measure(make_analyses(), "bias", lexicons=lexicons)
    with pytest.raises(FramingError, match="not available for events"):
        measure(make_analyses(), "voice", events=True, lexicons=lexicons)
    with pytest.raises(FramingError, match="needs a group"):
        measure(make_analyses(), "terms", lexicons=lexicons)


# -- distinctive terms -------------------------------------------------------------------

def _articles_for_terms():
    from framing.data import Article

    return [
        Article("s1", "Terrorists fired rockets at the city. The terrorists fled.", outlet="gov"),
        Article("s2", "Terrorists shelled a school in the city.", outlet="gov"),
        Article("o1", "The regime bombed the market. Regime jets returned.", outlet="opp"),
        Article("o2", "Regime forces bombed the city.", outlet="opp"),
        Article("w1", "Fighting continued in the city.", outlet="wire"),
    ]


def test_distinctive_words_match_log_odds_on_counts_by_hand():
    from framing.compare import distinctive_terms
    from framing.keyness import log_odds

    ans = [framing_analyze(a) for a in _articles_for_terms()]
    d = distinctive_terms(ans, "gov", "opp")
    # words (lower-cased, English stop words out):
    # gov: terrorists 3, fired, rockets, city 2, fled, shelled, school
    # opp: regime 3, bombed 2, market, jets, returned, forces, city 1
    ca = {"terrorists": 3, "fired": 1, "rockets": 1, "city": 2, "fled": 1, "shelled": 1,
          "school": 1}
    cb = {"regime": 3, "bombed": 2, "market": 1, "jets": 1, "returned": 1, "forces": 1,
          "city": 1}
    expect = log_odds(ca, cb)
    pd.testing.assert_frame_equal(d[expect.columns.tolist()], expect)
    assert d.iloc[0]["term"] == "terrorists" and d.iloc[-1]["term"] == "regime"
    row = d.set_index("term").loc["city"]
    assert (row["docs_a"], row["docs_b"]) == (2, 1)
    assert d.attrs["group_a"] == "gov" and d.attrs["group_b"] == "opp"


def test_distinctive_terms_against_the_rest_and_by_label():
    from framing.compare import distinctive_terms

    ans = [framing_analyze(a) for a in _articles_for_terms()]
    rest = distinctive_terms(ans, "opp")
    assert rest.attrs["group_b"] == "(rest)" and rest.attrs["n_articles_b"] == 3
    assert rest.set_index("term").loc["city", "count_b"] == 3        # gov 2 + wire 1
    lab = distinctive_terms(ans, "gov", "opp", unit="label")
    assert lab.iloc[0]["term"] == "armed-opposition: terrorists"
    assert lab.iloc[0]["count_a"] == 3 and lab.iloc[0]["count_b"] == 0
    assert lab.iloc[-1]["term"].split(": ")[1].lower().startswith("regime")


def test_distinctive_terms_unknown_group_lists_the_groups():
    from framing.compare import distinctive_terms

    ans = [framing_analyze(a) for a in _articles_for_terms()]
    with pytest.raises(FramingError, match="no group 'sana' in 'outlet'; groups: gov, opp, wire"):
        distinctive_terms(ans, "sana")
    with pytest.raises(FramingError, match="need the texts"):
        distinctive_terms(tables(ans), "gov")


def framing_analyze(article):
    from framing import analyze

    return analyze(article)


# -- command line --------------------------------------------------------------------------

def _corpus(tmp_path):
    import json

    rows = []
    for i in range(6):
        rows.append({"id": f"g{i}", "outlet": "gov", "date": f"2017-0{1 + i % 2}-1{i}",
                     "text": "Terrorists shelled the city, the army said. The army hit back."})
        rows.append({"id": f"o{i}", "outlet": "opp", "date": f"2017-0{1 + i % 2}-1{i}",
                     "text": "Regime forces shelled the city, activists said. The regime lied."})
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return p


def test_cli_compare_lean_table_with_intervals_and_notes(tmp_path, capsys):
    from framing.cli import main

    code = main(["compare", str(_corpus(tmp_path)), "--measure", "lean", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "lean" in out and "[" in out                      # value [lo, hi]
    assert "only 6 articles (< 10)" in out
    assert "2 group(s) with fewer than 10 articles" in err
    assert "bootstrap intervals over articles (2000 resamples, seed 20240601)" in err


def test_cli_compare_csv_keeps_intervals_and_article_ids(tmp_path, capsys):
    import csv
    import io

    from framing.cli import main

    code = main(["compare", str(_corpus(tmp_path)), "--measure", "labels", "--format", "csv",
                 "--jobs", "1", "--every", "month"])
    out, _ = capsys.readouterr()
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"outlet", "month", "label", "share", "lo", "hi", "article_ids"} <= set(rows[0])
    r = next(r for r in rows if r["outlet"] == "opp" and r["label"] == "regime"
             and r["month"] == "2017-01")
    assert r["article_ids"] == "o0;o2;o4"


def test_cli_compare_bad_groups_file_is_a_usage_error(tmp_path, capsys):
    from framing.cli import main

    g = tmp_path / "camps.csv"
    g.write_text("outlet,camp\ngov\n", encoding="utf-8")
    code = main(["compare", str(_corpus(tmp_path)), "--groups", str(g), "--jobs", "1"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "camps.csv:2: expected 2 cells (outlet,camp), got 1" in err
    assert "Traceback" not in err


def test_cli_compare_terms(tmp_path, capsys):
    from framing.cli import main

    code = main(["compare", str(_corpus(tmp_path)), "--measure", "terms", "--group", "gov",
                 "--vs", "opp", "--top", "2", "--format", "csv", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("term,count_a,count_b,prior,delta,se,z")
    assert len(lines) == 5                                   # header + 2 per side
    assert "z > 0: typical of gov (6 articles)" in err


def test_cli_rejects_options_that_would_be_ignored(tmp_path, capsys):
    from framing.cli import main

    code = main(["compare", str(_corpus(tmp_path)), "--events", "--every", "month"])
    assert code == 2 and "--every is not used with --events" in capsys.readouterr().err


def test_distinctive_words_from_counts_taken_on_the_way_equal_those_from_the_analyses():
    # the report counts words while the analyses stream past, then asks for the ends of the lean
    from framing.compare import WordCounts, distinctive_terms

    ans = [framing_analyze(a) for a in _articles_for_terms()]
    wc = WordCounts("outlet").update(iter(ans))
    pd.testing.assert_frame_equal(distinctive_terms(wc, "gov", "opp"),
                                  distinctive_terms(ans, "gov", "opp"))
    assert wc.per_group["opp"][0]["regime"] == 3 and wc.per_group["opp"][1]["regime"] == 2
    mapped = WordCounts("outlet", groups={"gov": "state", "opp": "rebel"}).update(ans)
    assert sorted(mapped.per_group) == ["(none)", "rebel", "state"]
    assert mapped.per_group["(none)"][2] == 1          # the wire, not mapped


def test_term_table_keeps_values_of_every_type_that_metadata_brings():
    # term and attribution rows are stored as codes into each column's distinct values:
    # 1, 1.0 and True must stay apart, and an unhashable metadata value must survive
    arts = [Article("a", "The regime shelled the town, rebels said.", outlet="x", meta={"k": 1}),
            Article("b", "The regime fell.", outlet="x", meta={"k": True}),
            Article("c", "The regime won.", outlet="y", meta={"k": 1.0}),
            Article("d", "The regime lost.", outlet="y", meta={"k": [1, 2]})]
    t = tables([framing_analyze(a) for a in arts], by="k")
    assert [(type(v).__name__, v) for v in t.terms.drop_duplicates("id")["k"]] == \
        [("int", 1), ("bool", True), ("float", 1.0), ("list", [1, 2])]
    assert t.terms["start"].dtype == "int64" and t.terms["text"].tolist()[:2] == ["regime", "rebels"]
    assert t.attributions["source_start"].dtype == "int64"


def test_count_tables_give_every_group_table_the_same_figures(demo_analyses):
    # the report aggregates from one row per article and kind of hit, not one per hit
    from framing.compare import (cue_stances, distinctive_terms, label_shares, named_shares,
                                 source_shares, voice_shares, voice_split)

    full, cnt = tables(demo_analyses), tables(demo_analyses, counts=True)
    assert cnt.terms["count"].sum() == len(full.terms) > len(cnt.terms)
    assert cnt.attributions["count"].sum() == len(full.attributions) > len(cnt.attributions)
    assert "text" not in cnt.terms.columns and "content_text" not in cnt.attributions.columns
    for fn in (label_shares, voice_shares, source_shares, named_shares, cue_stances, voice_split):
        pd.testing.assert_frame_equal(fn(cnt), fn(full), obj=fn.__name__)
    g = full.articles["outlet"].iloc[0]
    pd.testing.assert_frame_equal(distinctive_terms(cnt, g, unit="label"),
                                  distinctive_terms(full, g, unit="label"))


def test_options_as_one_object_or_as_keywords_give_the_same_tables(demo_analyses):
    from framing.compare import Options, label_shares, voice_shares

    tabs = tables(demo_analyses, counts=True)
    opts = Options(every="month", n_resamples=200, seed=3, min_articles=5)
    kw = dict(every="month", n_resamples=200, seed=3, min_articles=5)
    pd.testing.assert_frame_equal(compare(tabs, options=opts), compare(tabs, **kw))
    pd.testing.assert_frame_equal(label_shares(tabs, options=opts), label_shares(tabs, **kw))
    # a keyword beside options= overrides that field only
    pd.testing.assert_frame_equal(voice_shares(tabs, options=opts, seed=4),
                                  voice_shares(tabs, **{**kw, "seed": 4}))
    assert compare(tabs, options=opts).attrs["seed"] == 3
    with pytest.raises(TypeError, match="unexpected keyword argument 'resamples'"):
        compare(tabs, resamples=10)
    with pytest.raises(FramingError, match="n_resamples must be between 1 and"):
        Options(n_resamples=0)


def test_score_means_pool_the_scored_articles_of_each_group():
    from framing.classify.train import mean_scores
    from framing.compare import score_columns, score_means

    art = pd.DataFrame({"id": ["1", "2", "3", "4", "5"], "outlet": ["a", "a", "a", "b", None],
                        "score_x": [0.2, 0.6, None, 0.9, 0.5], "score_y": [0.8, 0.4, None, 0.1, 0.5],
                        "score_bad": [3, 1, 0, 0, 0]})
    assert score_columns(art) == ["score_x", "score_y"]
    sm = score_means(art, "outlet", n_resamples=200)
    assert sm["outlet"].tolist() == ["a", "b", "(none)"]
    assert sm["n_articles"].tolist() == [2, 1, 1]           # article 3 has no score
    assert sm.loc[0, "score_x"] == pytest.approx(0.4) and sm.loc[0, "score_y"] == pytest.approx(0.6)
    assert sm.loc[0, "article_ids"] == ["1", "2"] and sm.loc[1, "warning"].startswith("only 1 article")
    assert sm.loc[0, "score_x_lo"] <= 0.4 <= sm.loc[0, "score_x_hi"]
    # the command line's mean per group (compare --model) is the same computation
    rows = [{"outlet": o, "score_x": x} for o, x in [("a", 0.2), ("a", 0.6), ("b", 0.9)]]
    assert mean_scores(rows, "outlet")["score_x"].tolist() == \
        score_means(art[art["id"] != "5"], "outlet", columns=["score_x"],
                    intervals=False)["score_x"].tolist()


def test_article_codes_number_articles_as_their_keys_do():
    from framing.tables import article_codes, article_key

    df = pd.DataFrame({"id": ["7", "8", "7", "9", "7"], "outlet": ["a", "a", "a", "a", "b"],
                       "date": ["d", None, "d", "e", "d"]})
    codes, keys = article_codes(df)
    want_codes, want_keys = pd.factorize(article_key(df))
    assert codes.tolist() == want_codes.tolist() == [0, 1, 0, 2, 3]
    assert keys == list(want_keys)
