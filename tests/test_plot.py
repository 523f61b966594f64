"""Charts: each draws exactly the table it is given, with its intervals, in fixed colours."""

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from framing import plot as P  # noqa: E402
from framing.compare import (compare, cue_stances, distinctive_terms, label_shares,  # noqa: E402
                             named_shares, source_shares, voice_shares, voice_split)

GOV, OPP = "pro-government", "pro-opposition"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def cmp(demo_analyses):
    return compare(demo_analyses)


def _hex(c):
    return matplotlib.colors.to_hex(c).lower()


def _segments(ax):
    """Every line segment of the Axes' line collections, as ((x0, y0), (x1, y1)) rounded."""
    out = []
    for coll in ax.collections:
        if isinstance(coll, matplotlib.collections.LineCollection):
            for seg in coll.get_segments():
                out.append(tuple(tuple(round(float(v), 6) for v in pt) for pt in seg))
    return out


def test_side_colors_are_okabe_ito_and_consistent():
    cols = P.side_colors([GOV, "unknown", OPP, "kurdish"], poles=(GOV, OPP))
    assert cols == {GOV: "#D55E00", "unknown": "#999999", OPP: "#0072B2", "kurdish": "#009E73"}
    # the report's page colours are the chart colours: its style sheet is filled from the palette
    from framing.report.style import css, inline_styles
    assert "--p0:#D55E00;--p1:#0072B2" in css()
    assert f"--p0t:{P.POLE_TEXT_COLORS[0]};--p1t:{P.POLE_TEXT_COLORS[1]}" in css()
    assert f".ct-p0{{background:{P.POLE_TINTS[0]}}}" in css()
    assert inline_styles()["t-g"] == f"color:{P.OTHER_LEXICON_COLORS[1]};border-bottom-color:#CC79A7"


def test_the_report_style_sheet_follows_a_changed_palette(monkeypatch):
    # change a pole colour in plot.py and the report's highlighted words change with it
    from framing.report import style

    monkeypatch.setattr(P, "POLE_COLORS", ("#123456", P.POLE_COLORS[1]))
    monkeypatch.setattr(P, "UNKNOWN_TINT", "#abcdef")
    style.css.cache_clear()
    style.inline_styles.cache_clear()
    try:
        assert "--p0:#123456;" in style.css() and ".ct-u{background:#abcdef}" in style.css()
        assert style.inline_styles()["t-p0"].endswith("border-bottom-color:#123456")
        assert style.inline_styles()["ct-u"] == "background:#abcdef"
    finally:
        style.css.cache_clear()
        style.inline_styles.cache_clear()


def test_a_colour_means_one_thing_in_every_chart():
    """Indigo was "named", "government/official" and "narrator" in three charts (issue #15)."""
    greys = {"other", "neutral", "(no source)"}
    by_colour: dict = {}
    for cat, col in P.CATEGORY_COLORS.items():
        if cat not in greys:
            by_colour.setdefault(col.lower(), []).append(cat)
    assert all(len(v) == 1 for v in by_colour.values()), by_colour
    sides = P.side_colors(["pro-government", "pro-opposition", "unknown", "a", "b", "c", "d"],
                          ("pro-government", "pro-opposition"))
    assert not set(by_colour) & {c.lower() for c in sides.values()}


def test_category_colors_are_fixed_per_category():
    assert P.category_colors(["monitor/NGO", "named", "evaluative"]) == {
        "monitor/NGO": "#999933", "named": "#222222", "evaluative": "#E7298A"}
    # an unknown category gets a grey, not a colour of another category
    assert P.category_colors(["something new"])["something new"] not in P.CATEGORY_COLORS.values()


def test_plot_lean_draws_dots_and_intervals_in_the_table_order(cmp):
    ax = P.plot_lean(cmp)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        f"{g}  (n=12)" for g in cmp["outlet"]]
    dots = ax.collections[-1].get_offsets()
    assert [round(float(x), 6) for x, _ in dots] == [round(v, 6) for v in cmp["lean"]]
    assert [_hex(c) for c in ax.collections[-1].get_facecolors()] == ["#d55e00", "#999999", "#0072b2"]
    bars = {(round(y), x0, x1) for (x0, y), (x1, _) in _segments(ax)}
    for i, (lo, hi) in enumerate(zip(cmp["lean_lo"], cmp["lean_hi"])):
        assert (i, round(lo, 6), round(hi, 6)) in bars
    texts = [t.get_text() for t in ax.texts]
    assert f"◀ {GOV}" in texts and f"{OPP} ▶" in texts
    assert ax.get_xlim() == (-1.08, 1.08)


def test_plot_lean_marks_small_groups_and_groups_without_axis_terms():
    t = pd.DataFrame({"outlet": ["a", "b"], "lean": [0.5, math.nan], "n_articles": [3, 20],
                      "warning": ["only 3 articles (< 10): interval unreliable", ""]})
    ax = P.plot_lean(t, poles=(GOV, OPP))
    assert [x.get_text() for x in ax.get_yticklabels()] == ["a †  (n=3)", "b  (n=20)"]
    assert "no axis terms" in [x.get_text() for x in ax.texts]
    assert len(ax.collections[-1].get_offsets()) == 1


def test_plot_profile_draws_one_panel_per_measure_with_the_same_rows(cmp):
    axes = P.plot_profile(cmp)
    titles = [ax.get_title(loc="left") for ax in axes]
    assert titles == ["lean\n(−1 … +1)", "loaded terms\nper 1,000 words", "loaded terms\nin own words",
                      f"sources on side\n{GOV}", f"sources on side\n{OPP}", "named\nsources",
                      "evaluative\ncues"]
    cols = ["lean", "loaded_per_1k", "loaded_narrator_share", f"voice_{GOV}", f"voice_{OPP}",
            "named_share", "evaluative_cue_share"]
    for ax, col in zip(axes, cols):
        dots = ax.collections[-1].get_offsets()
        vals = cmp[col].astype(float)
        assert [round(float(x), 6) for x, _ in dots] == [round(v, 6) for v in vals if v == v]
        assert [round(float(y)) for _, y in dots] == [i for i, v in enumerate(vals) if v == v]
    assert [t.get_text() for t in axes[0].get_yticklabels()] == [f"{g}  (n=12)" for g in cmp["outlet"]]
    assert _hex(axes[3].collections[-1].get_facecolors()[0]) == "#d55e00"


def test_plot_profile_takes_chosen_measures_and_drops_missing_ones(cmp):
    axes = P.plot_profile(cmp, measures={"lean": "lean", "no_such_column": "x",
                                         "terms_per_1k": "terms"})
    assert [ax.get_title(loc="left") for ax in axes] == ["lean", "terms"]
    with pytest.raises(ValueError, match="none of the profile measures"):
        P.plot_profile(cmp, measures={"nothing": "x"})


def test_plot_label_shares_stacks_first_pole_left_and_draws_intervals(demo_analyses, cmp):
    ls = label_shares(demo_analyses)
    order = list(cmp["outlet"])
    ax = P.plot_label_shares(ls, "syrian-government", order=order)
    sub = ls[ls["referent"] == "syrian-government"]
    drawn = [t.get_text().split("  (")[0].removesuffix(" †") for t in ax.get_yticklabels()]
    assert drawn == [g for g in order if g in set(sub["outlet"])]   # groups that name it, in order
    order = drawn
    labels = [c.get_label() for c in ax.containers]
    echoes = [lb.rsplit(" (", 1)[1][:-1] for lb in labels]
    rank = {GOV: 0, "neutral": 1, OPP: 2}
    assert [rank[e] for e in echoes] == sorted(rank[e] for e in echoes)
    # every bar segment is the table's share, at the row of its group
    widths = {(c.get_label().rsplit(" (", 1)[0], round(p.get_y() + p.get_height() / 2)): p.get_width()
              for c in ax.containers for p in c}
    for r in sub.itertuples():
        assert widths[(r.label, order.index(r.outlet))] == pytest.approx(r.share)
    # and every segment 4% wide or more has a whisker from left + lo to left + hi (spanning
    # its right edge), neighbours on alternate lines: below, above the middle of the bar
    segs = set(_segments(ax))
    for j, c in enumerate(ax.containers):
        for p in c:
            lab = c.get_label().rsplit(" (", 1)[0]
            row = round(p.get_y() + p.get_height() / 2)
            if p.get_width() < 0.04:
                continue
            r = sub[(sub["label"] == lab) & (sub["outlet"] == order[row])].iloc[0]
            x0, x1 = max(0.0, p.get_x() + r.lo), min(1.0, p.get_x() + r.hi)
            yy = round(row + (0.24 if j % 2 == 0 else -0.24), 6)
            assert ((round(x0, 6), yy), (round(x1, 6), yy)) in segs
            assert x0 <= p.get_x() + p.get_width() + 1e-9 <= x1 + 1e-9 or r.lo == r.hi
    # every segment of 10% or more is labelled with its percentage
    texts = {t.get_text() for t in ax.texts}
    for c in ax.containers:
        for p in c:
            if p.get_width() >= 0.10:
                assert any(t.endswith(f"{p.get_width():.0%}") for t in texts), p.get_width()


def test_plot_voice_shares_orders_sides_from_first_to_second_pole(demo_analyses, cmp):
    vs = voice_shares(demo_analyses)
    ax = P.plot_voice_shares(vs, order=list(cmp["outlet"]))
    assert [c.get_label() for c in ax.containers] == [GOV, "unknown", OPP]
    assert [_hex(c.patches[0].get_facecolor()) for c in ax.containers] == [
        "#d55e00", "#999999", "#0072b2"]
    n = vs.groupby("outlet")["count"].sum()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        f"{g}  (n={n[g]})" for g in cmp["outlet"]]


@pytest.mark.parametrize("fn, plot, col", [
    (source_shares, P.plot_source_shares, "source_type"),
    (named_shares, P.plot_named_shares, "source"),
    (cue_stances, P.plot_cue_stances, "stance"),
    (voice_split, P.plot_voice_split, "voice"),
])
def test_share_charts_draw_their_table_in_fixed_colours(demo_analyses, fn, plot, col):
    t = fn(demo_analyses)
    ax = plot(t)
    drawn = [c.get_label() for c in ax.containers]
    assert set(drawn) == set(t[col])
    for c in ax.containers:
        assert _hex(c.patches[0].get_facecolor()) == P.category_colors([c.get_label()])[
            c.get_label()].lower()
    groups = [t.get_text().split("  (")[0].removesuffix(" †") for t in ax.get_yticklabels()]
    for c in ax.containers:
        for g, p in zip(groups, c):
            share = t[(t["outlet"] == g) & (t[col] == c.get_label())]["share"]
            assert p.get_width() == pytest.approx(float(share.iloc[0]) if len(share) else 0.0)


def test_plot_distinctive_terms_shows_both_ends(demo_analyses):
    dt = distinctive_terms(demo_analyses, "opposition-voice", "state-wire")
    ax = P.plot_distinctive_terms(dt, n=5)
    bars = [p.get_width() for p in ax.patches]
    assert bars == pytest.approx(list(dt["z"].head(5)) + list(dt["z"].tail(5)))
    words = [t.get_text().split("  (")[0] for t in ax.texts if "  (" in t.get_text()]
    assert words == list(dt["term"].head(5)) + list(dt["term"].tail(5))
    heads = [t.get_text() for t in ax.texts if "typical" in t.get_text()]
    assert heads == ["◀ typical of state-wire", "typical of opposition-voice ▶"]


def test_plot_over_time_draws_a_panel_per_group_without_undated_buckets(demo_analyses):
    ot = compare(demo_analyses, every="month")
    extra = ot.iloc[:1].copy()
    extra["month"] = "(none)"
    t = pd.concat([ot, extra], ignore_index=True)
    t.attrs.update(ot.attrs)
    axes = P.plot_over_time(t, "lean")
    assert [ax.get_title(loc="left") for ax in axes] == [
        "opposition-voice  (n=12)", "state-wire  (n=12)", "world-wire  (n=12)"]
    for ax, g in zip(axes, ["opposition-voice", "state-wire", "world-wire"]):
        sub = ot[ot["outlet"] == g]
        ys = sorted(round(float(y), 6) for _, y in ax.collections[-1].get_offsets())
        assert ys == sorted(round(v, 6) for v in sub["lean"])
    with pytest.raises(ValueError, match="every="):
        P.plot_over_time(compare(demo_analyses), "lean")


def test_charts_stay_readable_with_fifteen_groups():
    # FA-KES has 15 outlets: the figure grows with the rows, labels do not overlap
    rng = np.random.default_rng(0)
    groups = [f"outlet-{i:02d}" for i in range(15)]
    t = pd.DataFrame({"outlet": groups, "lean": rng.uniform(-1, 1, 15),
                      "n_articles": rng.integers(2, 80, 15)})
    ax = P.plot_lean(t)
    fig = ax.figure
    fig.canvas.draw()
    boxes = [lab.get_window_extent() for lab in ax.get_yticklabels()]
    assert all(a.y0 >= b.y1 - 0.5 or b.y0 >= a.y1 - 0.5 for a, b in zip(boxes, boxes[1:]))
    assert fig.get_figheight() >= 0.34 * 15


def test_labels_of_one_side_differ_by_fill_or_pattern(demo_analyses):
    """Six neutral labels are six shades of grey: past two, each also gets its own hatching."""
    import pandas as pd

    rows = [{"outlet": "a", "id": str(i), "date": None, "lexicon": "x", "referent": "r",
             "label": f"neutral{i}", "echoes": "neutral", "connotation": 0} for i in range(6)]
    ls = label_shares(pd.DataFrame(rows))
    ax = P.plot_label_shares(ls, "r")
    looks = {(tuple(c.patches[0].get_facecolor()), c.patches[0].get_hatch()) for c in ax.containers}
    assert len(looks) == 6
    hatches = [c.patches[0].get_hatch() for c in ax.containers]
    assert len(set(hatches)) == 6
