"""framing.categories: a dictionary's categories per 1,000 words per group, with intervals."""

from pathlib import Path

import pytest

import framing
from framing.categories import category_rates
from framing.data import Article
from framing.errors import FramingError
from framing.lexicon import load_lexicon

DICTS = Path(__file__).parent / "data" / "dicts"

# invented sentences; mini.dic: threat (shell*, bombard, ceasefire), calm (ceasefire, truce, ...),
# forces (regime forces); a term in two categories counts under the first (threat for ceasefire)
ARTICLES = [
    ("a1", "one", "Regime forces shelled the town again. The truce is over."),
    ("a2", "one", "A truce was agreed. People went back to the market."),
    ("a3", "two", "Artillery shelling continued for a third day near the river."),
    ("a4", "two", "The army said it would bombard the hills if needed."),
    ("a5", "two", "Nothing happened in the capital on Sunday."),
]


@pytest.fixture(scope="module")
def analyses():
    lx = load_lexicon(DICTS / "mini.dic")
    arts = [Article(i, t, outlet=o) for i, o, t in ARTICLES]
    return lx, [framing.analyze(a, [lx]) for a in arts]


def test_rates_are_hits_per_thousand_words_per_group(analyses):
    lx, ans = analyses
    t = category_rates(ans, lx, n_resamples=200)
    assert list(t["group"].unique()) == ["one", "two"]
    assert list(t["category"].unique()) == ["threat", "calm", "forces"]   # every category, in dictionary order
    for g in ("one", "two"):
        mine = [an for an in ans if an.article.outlet == g]
        words = sum(an.n_words for an in mine)
        for cat in ("threat", "calm", "forces"):
            hits = sum(1 for an in mine for h in an.terms if h.lexicon == lx.name and h.referent == cat)
            row = t[(t["group"] == g) & (t["category"] == cat)].iloc[0]
            assert (row["hits"], row["words"], row["articles"]) == (hits, words, len(mine))
            assert row["rate"] == pytest.approx(1000 * hits / words)
            assert row["ci_low"] <= row["rate"] <= row["ci_high"]
    # by hand: group one has 'Regime forces' and 'shelled' in a1, 'truce' twice
    one = t[t["group"] == "one"].set_index("category")["hits"].to_dict()
    assert one == {"threat": 1, "calm": 2, "forces": 1}
    assert (t["warning"] != "").all()  # two and three articles: flagged


def test_group_by_a_function_and_labels_level(analyses):
    lx, ans = analyses
    t = category_rates(ans, lx, group_of=lambda a: "all", level="label", n_resamples=50)
    assert set(t["group"]) == {"all"}
    assert t["hits"].sum() == sum(1 for an in ans for h in an.terms if h.lexicon == lx.name)
    with pytest.raises(FramingError, match="level must be one of referent, label"):
        category_rates(ans, lx, level="word")


def test_same_seed_same_intervals(analyses):
    lx, ans = analyses
    a = category_rates(ans, lx, n_resamples=100, seed=3)
    b = category_rates(ans, lx, n_resamples=100, seed=3)
    assert a.equals(b)


# -- compare --measure categories (#22) -------------------------------------------------

def test_category_table_agrees_with_category_rates(analyses):
    from framing.categories import category_table

    lx, ans = analyses
    t = category_table(ans, lexicons=[lx], n_resamples=300)
    r = category_rates(ans, lx, n_resamples=300)
    assert t[["outlet", "category", "n_articles", "n_words", "hits"]].values.tolist() == \
        r[["group", "category", "articles", "words", "hits"]].values.tolist()
    assert t["rate_per_1k"].tolist() == pytest.approx(r["rate"].tolist())
    # same groups, same seed: the same intervals (NaN for a group too small to resample)
    assert t["rate_per_1k_lo"].fillna(-1).tolist() == pytest.approx(r["ci_low"].fillna(-1).tolist())
    assert t["rate_per_1k_hi"].fillna(-1).tolist() == pytest.approx(r["ci_high"].fillna(-1).tolist())
    # the articles behind each row: those with a hit of the category
    calm_one = t[(t["outlet"] == "one") & (t["category"] == "calm")].iloc[0]
    assert calm_one["article_ids"] == ["a1", "a2"]


def test_category_table_from_counted_tables_and_mapped_groups(analyses):
    from framing.categories import category_table
    from framing.tables import tables

    lx, ans = analyses
    tabs = tables(ans, lexicons=[lx], counts=True)
    t = category_table(tabs, lexicons=[lx], groups={"one": "all", "two": "all"}, intervals=False)
    assert list(t.columns[:3]) == ["group", "lexicon", "category"] and "rate_per_1k_lo" not in t
    words = sum(an.n_words for an in ans)
    hits = {c: sum(1 for an in ans for h in an.terms if h.referent == c) for c in ("threat", "calm", "forces")}
    assert dict(zip(t["category"], t["hits"])) == hits
    assert t["rate_per_1k"].tolist() == pytest.approx([1000 * hits[c] / words for c in t["category"]])


def test_cli_compare_measure_categories(tmp_path, capsys):
    from framing.cli import main

    src = tmp_path / "c.jsonl"
    src.write_text("".join('{"id": "%s", "outlet": "%s", "text": "%s"}\n' % a for a in ARTICLES),
                   encoding="utf-8")
    assert main(["compare", str(src), "--lexicon", str(DICTS / "mini.dic"), "--measure", "categories",
                 "--format", "csv", "--resamples", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("outlet,lexicon,category,n_articles,n_words,hits,rate_per_1k,rate_per_1k_lo")
    assert len(lines) == 1 + 2 * 3   # two outlets, three categories
    assert lines[2].startswith("one,mini,calm,2,") and lines[2].split(",")[5] == "2"
