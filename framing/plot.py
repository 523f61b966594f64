"""Charts of the :mod:`framing.compare` tables.

Each ``plot_<table>`` function draws exactly the table it is given (it never
recomputes anything from analyses) and returns the :class:`matplotlib.axes.Axes`
(the small-multiple charts, :func:`plot_profile` and :func:`plot_over_time`,
return an array of them); pass ``ax=`` (or ``fig=``) to draw into an existing
figure, or leave it ``None`` to get a new figure sized for the number of
groups. Restyle the returned Axes as you like.

================================  ==============================================
chart                             table
================================  ==============================================
:func:`plot_lean`                 :func:`framing.compare.compare`
:func:`plot_profile`              :func:`framing.compare.compare`
:func:`plot_label_shares`         :func:`framing.compare.label_shares`
:func:`plot_voice_shares`         :func:`framing.compare.voice_shares`
:func:`plot_source_shares`        :func:`framing.compare.source_shares`
:func:`plot_named_shares`         :func:`framing.compare.named_shares`
:func:`plot_cue_stances`          :func:`framing.compare.cue_stances`
:func:`plot_voice_split`          :func:`framing.compare.voice_split`
:func:`plot_distinctive_terms`    :func:`framing.compare.distinctive_terms`
:func:`plot_over_time`            :func:`framing.compare.compare` with ``every=``
================================  ==============================================

Intervals: where the table has them (``*_lo``/``*_hi``, or ``lo``/``hi``), dots
get a bar and each segment of a stacked bar (4% wide or more) a thin black
whisker that spans the segment's interval around its right edge (a dot marks
the edge; the whisker runs from the segment's left edge plus ``lo`` to its
left edge plus ``hi``). Neighbouring segments' whiskers sit on different lines
(below and above the middle of the bar), so each reads as its own. Every
segment of 10% or more carries its percentage; tick labels are 9 pt or larger.

Colours are colour-blind safe, and every one is chosen here: a chart's sides
by :func:`side_colors`, its categories by :func:`category_colors`, and the
report's highlighted words and statements by the text colours and tints below
(``framing/report/report.css`` is filled from them). Sides (Okabe-Ito): the
first pole of the axis is vermillion, the second blue, neutral and unknown
grey; other sides get the remaining Okabe-Ito colours. Source types, named/anonymous, cue stances and
voices have fixed colours from Paul Tol's "muted" scheme (:data:`CATEGORY_COLORS`),
the same in every chart, and wide segments carry their name written inside.
The poles come from the table's ``attrs`` (set by :mod:`framing.compare`) or
from the ``poles=`` argument. Groups flagged by the table's ``warning`` column
(too few articles) get a dagger (†) after their name; names longer than
:data:`MAX_GROUP_CHARS` are cut.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex, to_rgb

from .groups import group_column

__all__ = ["POLE_COLORS", "NEUTRAL_COLOR", "CATEGORY_COLORS", "side_colors", "category_colors",
           "POLE_TEXT_COLORS", "NEUTRAL_TEXT_COLOR", "OTHER_LEXICON_COLORS", "POLE_TINTS",
           "OTHER_SIDE_TINT", "UNKNOWN_TINT", "LOADED_COLORS",
           "plot_lean", "plot_profile", "plot_label_shares", "plot_voice_shares",
           "plot_source_shares", "plot_named_shares", "plot_cue_stances", "plot_voice_split",
           "plot_distinctive_terms", "plot_over_time", "PROFILE_MEASURES"]

POLE_COLORS = ("#D55E00", "#0072B2")
"""Okabe-Ito vermillion for the first pole, blue for the second."""
NEUTRAL_COLOR = "#999999"
"""Grey for neutral labels and sources of unknown side."""
_OTHER_COLORS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")

# the same sides in the report's text (framing/report/report.css is filled from these)
POLE_TEXT_COLORS = ("#b34700", "#005a8c")
"""Darker vermillion and blue: words that echo each pole, written on white."""
NEUTRAL_TEXT_COLOR = "#444444"
"""Words that echo no pole."""
OTHER_LEXICON_COLORS = (_OTHER_COLORS[1], "#8a3b6e")
"""Reddish purple (underline, text) for words from a lexicon without an axis."""
POLE_TINTS = ("#fbe4d6", "#dcebf7")
"""Light vermillion and blue: the background of a statement by a source of each pole."""
OTHER_SIDE_TINT = "#e6f2ec"
"""The background of a statement by a source on another side."""
UNKNOWN_TINT = "#f1efe2"
"""The background of a statement whose source's side is unknown."""
LOADED_COLORS = (_OTHER_COLORS[4], "#f7f08c")
"""Okabe-Ito yellow and a lighter tint: words the loaded-language tagger marks (a highlighter
stroke under the word, apart from the lexicon terms' coloured underline)."""
_INK = "#222222"
_WHISKER = "#1a1a1a"

CATEGORY_COLORS = {
    # source types (Paul Tol "muted", colour-blind safe; greys for the unspecific)
    "government/official": "#332288",
    "military/security": "#88CCEE",
    "opposition political": "#44AA99",
    "armed opposition": "#117733",
    "monitor/NGO": "#999933",
    "international body": "#DDCC77",
    "foreign government": "#CC6677",
    "media/wire": "#882255",
    "anonymous": "#AA4499",
    "other": "#BBBBBB",
    "(no source)": "#DDDDDD",
    # named vs anonymous ("anonymous" above: the same meaning, the same colour)
    "named": "#222222",
    # cue stances
    "neutral": "#BBBBBB",
    "evaluative": "#E7298A",
    # whose voice a loaded term is in: one brown, darkest for the outlet's own words
    "narrator": "#7A4E2D",
    "indirect": "#B8885E",
    "direct": "#E2C6A6",
}
"""Fixed colours of the categories of the share tables (source types, stances, voices).

A colour means one thing in every chart: no two categories share one, except the greys
of the unspecific (``other``, ``neutral``, ``(no source)``), and none is a side's colour
(:func:`side_colors`)."""


def _poles(table, poles):
    if poles is not None:
        return tuple(poles)
    p = getattr(table, "attrs", {}).get("poles")
    return tuple(p) if p else None


def side_colors(sides, poles=None) -> dict[str, str]:
    """A colour for each side: poles vermillion/blue, ``neutral``/``unknown`` grey, others distinct.

    >>> side_colors(["pro-government", "unknown", "pro-opposition"],
    ...             poles=("pro-government", "pro-opposition"))
    {'pro-government': '#D55E00', 'unknown': '#999999', 'pro-opposition': '#0072B2'}
    """
    out, k = {}, 0
    for s in sides:
        if poles and s == poles[0]:
            out[s] = POLE_COLORS[0]
        elif poles and s == poles[1]:
            out[s] = POLE_COLORS[1]
        elif s in ("neutral", "unknown", None):
            out[s] = NEUTRAL_COLOR
        else:
            out[s] = _OTHER_COLORS[k % len(_OTHER_COLORS)]
            k += 1
    return out


def category_colors(categories) -> dict[str, str]:
    """The fixed colour of each category (:data:`CATEGORY_COLORS`); unknown ones get spare greys.

    >>> category_colors(["monitor/NGO", "(no source)"])
    {'monitor/NGO': '#999933', '(no source)': '#DDDDDD'}
    """
    spare = iter(["#777777", "#555555", "#CCCCCC", "#444444"] * 8)
    return {c: CATEGORY_COLORS.get(c) or next(spare) for c in categories}


def _tint(color: str, t: float) -> str:
    """``color`` mixed with white by ``t`` (0 = unchanged, 1 = white)."""
    r, g, b = to_rgb(color)
    return to_hex((r + (1 - r) * t, g + (1 - g) * t, b + (1 - b) * t))


def _shades(color: str, n: int) -> list[str]:
    """``n`` distinguishable shades of ``color``, darkest first."""
    if n <= 1:
        return [color]
    if color == NEUTRAL_COLOR:  # greys need a wider range to stay apart
        return [to_hex((v, v, v)) for v in np.linspace(0.42, 0.86, n)]
    return [_tint(color, 0.7 * i / (n - 1)) for i in range(n)]


def _new_ax(n_rows: int, ax, width=7.0, per_row=0.34, extra=1.5):
    if ax is not None:
        return ax
    fig, ax = plt.subplots(figsize=(width, max(2.2, per_row * n_rows + extra)),
                           layout="constrained")
    return ax


def _key(table: pd.DataFrame, by: str) -> str:
    """The group column of a measure's table for the field ``by``: ``<by>_group`` when the
    measure uses ``by`` for a column of its own (see :func:`framing.groups.group_column`)."""
    key = table.attrs.get("by")
    if table.attrs.get("field") == by and key in table.columns:
        return key
    if by not in table.columns:
        if group_column(by) in table.columns:
            return group_column(by)
    return by


def _flagged(table: pd.DataFrame, by: str) -> set:
    """Groups whose rows carry a warning (too few articles)."""
    if "warning" not in table.columns or by not in table.columns:
        return set()
    return set(table.loc[table["warning"].astype(str).str.len() > 0, by])


MAX_GROUP_CHARS = 40
"""Group names longer than this are cut (with "…") in chart labels."""


def _name(g) -> str:
    s = str(g)
    return s if len(s) <= MAX_GROUP_CHARS else s[:MAX_GROUP_CHARS - 1] + "…"


def _group_labels(groups, counts=None, what="n", flagged=()):
    out = []
    for i, g in enumerate(groups):
        s = _name(g) + (" †" if g in flagged else "")
        if counts is not None:
            c = list(counts)[i]
            s += f"  ({what}={int(c) if c == c else 0})"
        out.append(s)
    return out


def _style(ax):
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _interval_cols(table: pd.DataFrame, col: str):
    lo, hi = f"{col}_lo", f"{col}_hi"
    if {lo, hi} <= set(table.columns):
        return (table[lo].astype(float).to_numpy(), table[hi].astype(float).to_numpy())
    return None


def _pole_heads(ax, poles, fontsize=9):
    if not poles:
        return
    kw = dict(xycoords="axes fraction", textcoords="offset points", fontsize=fontsize,
              fontweight="bold", va="bottom")
    ax.annotate(f"◀ {poles[0]}", (0, 1), xytext=(0, 4), ha="left", color=POLE_COLORS[0], **kw)
    ax.annotate(f"{poles[1]} ▶", (1, 1), xytext=(0, 4), ha="right", color=POLE_COLORS[1], **kw)


def _lean_colors(values) -> list[str]:
    return [NEUTRAL_COLOR if (math.isnan(v) or abs(v) < 0.005)
            else POLE_COLORS[0] if v < 0 else POLE_COLORS[1] for v in values]


def plot_lean(table: pd.DataFrame, by: str = "outlet", ax=None, *, poles=None):
    """Dot plot of the lean of each group, from :func:`framing.compare.compare`.

    Lean runs from -1 (every weighted loaded term echoes the first pole) to +1
    (all echo the second). Groups without loaded terms of the axis are listed
    with "no axis terms". Columns ``lean_lo``/``lean_hi``, when present, are
    drawn as interval bars.

    Args:
        table: a compare table (``<by>``, ``lean``, optionally ``n_articles``,
            ``lean_lo``/``lean_hi`` and ``warning``).
        by: its group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        poles: the two pole names; default ``table.attrs["poles"]``.

    Returns:
        The Axes.
    """
    by = _key(table, by)
    poles = _poles(table, poles)
    n = len(table)
    ax = _new_ax(n, ax)
    y = np.arange(n)
    lean = table["lean"].astype(float).to_numpy()
    counts = table["n_articles"] if "n_articles" in table else None
    ax.axvline(0, color="#555555", lw=0.9, zorder=1)
    for x in (-1, -0.5, 0.5, 1):
        ax.axvline(x, color="#e4e4e4", lw=0.7, zorder=0)
    colors = _lean_colors(lean)
    ok = ~np.isnan(lean)
    iv = _interval_cols(table, "lean")
    if iv is None:  # a stem from 0 shows the size; with intervals the bar does
        ax.hlines(y[ok], 0, lean[ok], color=[colors[i] for i in np.flatnonzero(ok)],
                  lw=1.6, alpha=0.55, zorder=2)
    else:
        lo, hi = iv
        good = ok & ~np.isnan(lo) & ~np.isnan(hi)
        ax.hlines(y[good], lo[good], hi[good], color=[colors[i] for i in np.flatnonzero(good)],
                  lw=4.5, alpha=0.35, zorder=2, capstyle="round")
        ax.hlines(y[good], lo[good], hi[good], color="#333333", lw=0.9, zorder=3)
    ax.scatter(lean[ok], y[ok], s=46, c=[colors[i] for i in np.flatnonzero(ok)],
               edgecolor="white", linewidth=0.8, zorder=4)
    for i in np.flatnonzero(~ok):
        ax.text(0.03, y[i], "no axis terms", va="center", ha="left", fontsize=8,
                color="#777777", style="italic")
    ax.set_yticks(y, _group_labels(table[by], counts, flagged=_flagged(table, by)))
    ax.set_ylim(n - 0.4, -0.6)  # first row on top
    ax.set_xlim(-1.08, 1.08)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.set_xlabel("lean (pooled over the group's articles)")
    _pole_heads(ax, poles)
    _style(ax)
    return ax


# -- small multiples of the profile --------------------------------------------------

PROFILE_MEASURES = {
    "lean": "lean\n(−1 … +1)",
    "loaded_per_1k": "loaded terms\nper 1,000 words",
    "loaded_narrator_share": "loaded terms\nin own words",
    "tagged_per_1k_narrator": "tagged loaded words\nper 1,000 own words",
    "voice_{0}": "sources on side\n{0}",
    "voice_{1}": "sources on side\n{1}",
    "named_share": "named\nsources",
    "evaluative_cue_share": "evaluative\ncues",
}
"""The panels :func:`plot_profile` draws by default (``{0}``/``{1}``: the poles), with titles."""


def plot_profile(table: pd.DataFrame, by: str = "outlet", *, measures=None, fig=None,
                 poles=None, max_cols: int = 7):
    """Small multiples of a :func:`framing.compare.compare` table: one panel per measure.

    Every panel lists the groups in the same order (the table's), so a group
    reads across as one row: its lean, how loaded its wording is, whose
    voices it cites and how. Dots are the group's value, bars its interval
    (``<measure>_lo``/``_hi``), with the value written beside the dot.

    Args:
        table: a compare table.
        by: its group column.
        measures: ``{column: panel title}``; default :data:`PROFILE_MEASURES`
            (columns missing from the table, or all NaN, are left out).
        fig: a :class:`~matplotlib.figure.Figure` to draw into (it must be
            empty); ``None`` makes one.
        poles: the two pole names; default ``table.attrs["poles"]``.
        max_cols: panels per row.

    Returns:
        The array of Axes (one per panel, in order).
    """
    by = _key(table, by)
    poles = _poles(table, poles)
    spec = {}
    for col, title in (measures or PROFILE_MEASURES).items():
        if "{" in col:
            if not poles:
                continue
            col, title = col.format(*poles), title.format(*poles)
        if col in table.columns and table[col].astype(float).notna().any():
            spec[col] = title
    if not spec:
        raise ValueError("none of the profile measures is in the table")
    n = len(table)
    ncols = min(max_cols, len(spec))
    nrows = math.ceil(len(spec) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(1.75 * ncols + 1.6, nrows * (0.3 * n + 1.1)),
                         layout="constrained")
    axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel()
    y = np.arange(n)
    labels = _group_labels(table[by], table["n_articles"] if "n_articles" in table else None,
                           flagged=_flagged(table, by))
    sides = side_colors(poles, poles) if poles else {}
    for ax, (col, title) in zip(axes, spec.items()):
        v = table[col].astype(float).to_numpy()
        ok = ~np.isnan(v)
        is_lean = col == "lean"
        is_share = col.endswith("_share") or col.startswith("voice_")
        if is_lean:
            colors = _lean_colors(v)
        elif col.startswith("voice_") and col[6:] in sides:
            colors = [sides[col[6:]]] * n
        else:
            colors = [_INK] * n
        for k in range(n):  # row bands make a row easy to follow across panels
            if k % 2 == 0:
                ax.axhspan(k - 0.5, k + 0.5, color="#f4f4f4", zorder=0, lw=0)
        iv = _interval_cols(table, col)
        if iv is not None:
            ax.hlines(y[ok], iv[0][ok], iv[1][ok], color="#555555", lw=1.0, zorder=2)
        ax.scatter(v[ok], y[ok], s=26, c=[colors[i] for i in np.flatnonzero(ok)],
                   edgecolor="white", linewidth=0.6, zorder=3)
        if is_lean:
            ax.set_xlim(-1.1, 1.1)
            ax.set_xticks([-1, 0, 1], ["−1", "0", "+1"])
            ax.axvline(0, color="#777777", lw=0.8, zorder=1)
        elif is_share:
            ax.set_xlim(-0.04, 1.04)
            ax.set_xticks([0, 0.5, 1], ["0%", "50%", "100%"])
        else:
            top = np.nanmax(iv[1]) if iv is not None and np.isfinite(iv[1]).any() else np.nanmax(v)
            ax.set_xlim(0, (top if np.isfinite(top) and top > 0 else 1) * 1.08)
        ax.set_title(title, fontsize=9.5, loc="left")
        ax.tick_params(labelsize=9)
        for k in np.flatnonzero(~ok):
            ax.text(0.5, y[k], "–", transform=ax.get_yaxis_transform(), ha="center",
                    va="center", fontsize=8, color="#999999")
        ax.grid(axis="x", color="#e6e6e6", lw=0.6, zorder=0)
        ax.set_axisbelow(True)
        _style(ax)
    for ax in axes[len(spec):]:
        ax.set_visible(False)
    axes[0].set_yticks(y, labels)
    axes[0].tick_params(axis="y", labelsize=9)
    axes[0].set_ylim(n - 0.5, -0.5)
    return axes[:len(spec)]


# -- stacked shares ------------------------------------------------------------------

def _ink(color) -> str:
    r, g, b = to_rgb(color)
    return "white" if (0.299 * r + 0.587 * g + 0.114 * b) < 0.55 else _INK


_HATCHES = ("", "///", "...", "xxx", "\\\\\\", "---", "ooo", "+++")
"""Fill patterns of the labels of one side, after its first (a plain fill)."""


def _stacked(ax, groups, mat: pd.DataFrame, colors, counts, what, legend_title, names=None,
             lo: pd.DataFrame | None = None, hi: pd.DataFrame | None = None, flagged=(),
             min_whisker: float = 0.04, hatches: dict | None = None):
    """Stacked horizontal bars of ``mat`` (rows = groups, columns = parts, values = shares).

    Segments wide enough get their name (``names[col]``) and percentage written
    inside; ``lo``/``hi`` (same shape) add a whisker under each segment at
    least ``min_whisker`` wide, from its left edge plus ``lo`` to its left
    edge plus ``hi``. The legend goes
    below the axes (as a figure legend, which constrained layout makes room
    for, when the Axes is alone in its figure).
    """
    n = len(groups)
    y = np.arange(n)
    left = np.zeros(n)
    names = names or {}
    fig = ax.figure
    pos = ax.get_position()
    ax_in = max(1.0, (pos.width if len(fig.axes) > 1 else 0.68) * fig.get_figwidth())
    char_in = 7.2 / 72 * 0.55          # approximate width of a 7.2 pt character
    whisk: list[tuple[float, float, float, float]] = []
    for j, col in enumerate(mat.columns):
        w = mat[col].to_numpy(dtype=float)
        bars = ax.barh(y, w, left=left, color=colors[col], edgecolor="white", linewidth=0.6,
                       height=0.72, label=str(col), hatch=(hatches or {}).get(col))
        for bar, v, l0 in zip(bars, w, left):
            room = v * ax_in / char_in - 1
            pct = f"{v:.0%}"
            name = names.get(col)
            txt = (f"{name} {pct}" if name and len(name) + len(pct) + 1 <= room
                   else pct if (len(pct) <= room and v >= 0.06) or v >= 0.10 else None)
            if txt:
                ax.text(l0 + v / 2, bar.get_y() + bar.get_height() / 2 - 0.04, txt,
                        ha="center", va="center", fontsize=7.2, color=_ink(colors[col]),
                        clip_on=True)
        if lo is not None and hi is not None and col in lo.columns:
            lv, hv = lo[col].to_numpy(dtype=float), hi[col].to_numpy(dtype=float)
            for k in range(n):
                if w[k] >= min_whisker and not (math.isnan(lv[k]) or math.isnan(hv[k])):
                    # at the segment's right edge; neighbours alternate below and above the
                    # middle of the bar, so two intervals never share a line
                    yk = y[k] + (0.24 if j % 2 == 0 else -0.24)
                    whisk.append((yk, max(0.0, left[k] + lv[k]), min(1.0, left[k] + hv[k]),
                                  left[k] + w[k]))
        left += w
    if whisk:
        yy, x0, x1, edge = (np.array(a) for a in zip(*whisk))
        halo = dict(color="white", lw=2.6, zorder=4, alpha=0.8)
        ax.hlines(yy, x0, x1, **halo)
        ax.hlines(yy, x0, x1, color=_WHISKER, lw=0.9, zorder=5)
        ax.vlines(np.concatenate([x0, x1]), np.concatenate([yy, yy]) - 0.06,
                  np.concatenate([yy, yy]) + 0.06, color=_WHISKER, lw=0.9, zorder=5)
        ax.scatter(edge, yy, s=9, color=_WHISKER, edgecolor="white", linewidth=0.5, zorder=6)
    ax.set_yticks(y, _group_labels(groups, counts, what, flagged))
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    handles, labels = ax.get_legend_handles_labels()
    longest = max((len(x) for x in labels), default=10)
    ncol = int(max(1, min(len(labels), ax_in / 0.68 // (0.075 * longest + 0.45))))
    kw = dict(ncol=ncol, frameon=False, fontsize=8, title=legend_title, title_fontsize=8)
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if len(fig.axes) == 1 and isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.legend(handles, labels, loc="outside lower center", **kw)
    else:
        ax.legend(handles, labels, loc="upper center",
                  bbox_to_anchor=(0.5, -0.10 - 0.6 / max(n, 1)), **kw)
    _style(ax)
    return ax


def _order(mat: pd.DataFrame, order, tilt):
    if order is None:
        rows = {g: r for g, r in mat.iterrows()}
        return sorted(mat.index, key=lambda g: (tilt(rows[g]), str(g)))
    return [g for g in order if g in mat.index]


def _pivot(t: pd.DataFrame, by: str, col: str, cats: list, order):
    """Shares (and intervals, when present) of ``t`` as group x category matrices."""
    def piv(v):
        return (t.pivot_table(index=by, columns=col, values=v, aggfunc="sum", fill_value=0.0)
                 .reindex(columns=cats, fill_value=0.0))
    mat = piv("share")
    lo = piv("lo") if "lo" in t.columns else None
    hi = piv("hi") if "hi" in t.columns else None
    return mat, lo, hi


def plot_label_shares(table: pd.DataFrame, referent: str, by: str = "outlet", ax=None, *,
                      lexicon: str | None = None, poles=None, order=None, max_labels: int = 9):
    """Stacked bars: which labels each group uses for one referent, with intervals.

    Labels are ordered and coloured by the pole they echo (first pole's labels
    in shades of vermillion on the left, neutral grey in the middle, second
    pole's in blue on the right). With ``lo``/``hi`` columns each segment gets
    an interval whisker (see the module notes).

    Args:
        table: a :func:`framing.compare.label_shares` table.
        referent: the referent id to draw.
        by: the group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        lexicon: restrict to this lexicon (when two packs share a referent id).
        poles: the two pole names; default ``table.attrs["poles"]``.
        order: group order, top to bottom; default by the share of
            second-pole minus first-pole labels.
        max_labels: draw at most this many labels (the most used overall); the
            rest are pooled, per pole they echo, as "other" (pooled labels
            have no interval).

    Returns:
        The Axes.
    """
    by = _key(table, by)
    poles = _poles(table, poles)
    t = table[table["referent"] == referent]
    if lexicon is not None:
        t = t[t["lexicon"] == lexicon]
    if t.empty:
        raise ValueError(f"no label shares for referent {referent!r}")
    flagged = _flagged(t, by)
    totals = t.groupby("label")["count"].sum()
    if len(totals) > max_labels:
        keep = set(totals.sort_values(ascending=False, kind="mergesort").index[:max_labels - 1])
        echo_of = t.groupby("label")["echoes"].first()
        dropped = [lb for lb in totals.index if lb not in keep]
        for lb in dropped:  # a lone label pooled would only lose its name
            if sum(echo_of[x] == echo_of[lb] for x in dropped) == 1:
                keep.add(lb)
        pooled = t.assign(label=[lb if lb in keep else f"other {e}"
                                 for lb, e in zip(t["label"], t["echoes"])])
        agg = dict(echoes=("echoes", "first"), count=("count", "sum"), share=("share", "sum"))
        merged = pooled.groupby([by, "label"], sort=False).agg(**agg).reset_index()
        if "lo" in t.columns:  # keep the interval of labels drawn on their own
            iv = t[t["label"].isin(keep)].set_index([by, "label"])[["lo", "hi"]]
            merged = merged.join(iv, on=[by, "label"])
        t = merged
        totals = t.groupby("label")["count"].sum()
    echoes = t.groupby("label")["echoes"].first()

    def rank(lb):
        e = echoes[lb]
        side = 0 if poles and e == poles[0] else 2 if poles and e == poles[1] else 1
        return (side, lb.startswith("other ") and lb[6:] == e, -totals[lb], lb)

    labels = sorted(totals.index, key=rank)
    mat, lo, hi = _pivot(t, by, "label", labels, order)
    n_hits = t.groupby(by)["count"].sum()

    def tilt(row):
        neg = sum(row[lb] for lb in labels if poles and echoes[lb] == poles[0])
        pos = sum(row[lb] for lb in labels if poles and echoes[lb] == poles[1])
        return pos - neg

    order = _order(mat, order, tilt)
    colors: dict = {}
    groups_by_side: dict[str, list[str]] = {}
    for lb in labels:
        e = echoes[lb]
        key = e if poles and e in poles else "neutral"
        groups_by_side.setdefault(key, []).append(lb)
    base = side_colors(list(groups_by_side), poles)
    hatches: dict = {}
    for key, lbs in groups_by_side.items():
        for k, (lb, c) in enumerate(zip(lbs, _shades(base[key], len(lbs)))):
            colors[lb] = c
            if len(lbs) > 2:   # shades of one colour blur past two: a pattern tells them apart
                hatches[lb] = _HATCHES[k % len(_HATCHES)]
    ax = _new_ax(len(order), ax, extra=2.2)
    short = {lb: ("other" if lb == f"other {echoes[lb]}" else lb) for lb in labels}
    legend_labels = {lb: f"{short[lb]} ({echoes[lb]})" for lb in labels}
    ren = (lambda m: None if m is None else m.reindex(order).rename(columns=legend_labels))
    _stacked(ax, order, ren(mat), {legend_labels[k]: v for k, v in colors.items()},
             n_hits.reindex(order), "n", "label (echoes)",
             names={legend_labels[lb]: short[lb] for lb in labels}, lo=ren(lo), hi=ren(hi),
             flagged=flagged, hatches={legend_labels[k]: v for k, v in hatches.items()})
    ax.set_title(f"Labels for “{referent}”", loc="left", fontsize=10)
    return ax


def _plot_category(table: pd.DataFrame, col: str, by: str, ax, colors: dict, order, tilt,
                   legend_title: str, what: str = "n"):
    if table.empty:
        raise ValueError(f"nothing to plot: the {col} table is empty")
    first = list(table.attrs.get("sides") or ()) if col == "side" else []
    present = set(table[col])
    cats = [c for c in dict.fromkeys([*first, *colors, *table[col].unique()]) if c in present]
    by = _key(table, by)
    mat, lo, hi = _pivot(table, by, col, cats, order)
    n = table.groupby(by)["count"].sum()
    order = _order(mat, order, tilt)
    ax = _new_ax(len(order), ax, extra=2.0)
    cols = {**category_colors(cats), **{k: v for k, v in colors.items() if k in cats}}
    re = (lambda m: None if m is None else m.reindex(order))
    _stacked(ax, order, re(mat), cols, n.reindex(order), what, legend_title,
             names={c: str(c) for c in cats}, lo=re(lo), hi=re(hi),
             flagged=_flagged(table, by))
    return ax


def plot_voice_shares(table: pd.DataFrame, by: str = "outlet", ax=None, *, poles=None,
                      order=None):
    """Stacked bars: the share of each group's attributions per source side, with intervals.

    Args:
        table: a :func:`framing.compare.voice_shares` table.
        by: the group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        poles: the two pole names; default ``table.attrs["poles"]``.
        order: group order, top to bottom; default by second-pole minus
            first-pole share.

    Returns:
        The Axes.
    """
    by = _key(table, by)
    poles = _poles(table, poles)
    if table.empty:
        raise ValueError("no attributions to plot")
    sides = list(table.attrs.get("sides") or [])
    sides += [s for s in table["side"].unique() if s not in sides]

    def tilt(row):
        return row.get(poles[1], 0.0) - row.get(poles[0], 0.0) if poles else 0.0

    return _plot_category(table, "side", by, ax, side_colors(sides, poles), order, tilt,
                          "source side")


def plot_source_shares(table: pd.DataFrame, by: str = "outlet", ax=None, *, order=None):
    """Stacked bars: each group's attributions by source type, from :func:`framing.compare.source_shares`.

    Args:
        table: a ``source_shares`` table.
        by: the group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        order: group order, top to bottom; default by the share of
            government/official sources.

    Returns:
        The Axes.
    """
    return _plot_category(table, "source_type", by, ax, {}, order,
                          lambda r: -r.get("government/official", 0.0), "source type")


def plot_named_shares(table: pd.DataFrame, by: str = "outlet", ax=None, *, order=None):
    """Stacked bars: named vs anonymous sources, from :func:`framing.compare.named_shares`.

    Args:
        table: a ``named_shares`` table.
        by: the group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        order: group order, top to bottom; default by the named share.

    Returns:
        The Axes.
    """
    return _plot_category(table, "source", by, ax, {}, order,
                          lambda r: -r.get("named", 0.0), "source")


def plot_cue_stances(table: pd.DataFrame, by: str = "outlet", ax=None, *, order=None):
    """Stacked bars: neutral vs evaluative cues, from :func:`framing.compare.cue_stances`.

    Args:
        table: a ``cue_stances`` table.
        by: the group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        order: group order, top to bottom; default by the evaluative share.

    Returns:
        The Axes.
    """
    return _plot_category(table, "stance", by, ax, {}, order,
                          lambda r: -r.get("evaluative", 0.0), "cue stance")


def plot_voice_split(table: pd.DataFrame, by: str = "outlet", ax=None, *, order=None):
    """Stacked bars: whose voice loaded terms are in, from :func:`framing.compare.voice_split`.

    ``narrator`` is the outlet's own words, ``indirect`` reported speech and
    ``direct`` quotations.

    Args:
        table: a ``voice_split`` table.
        by: the group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        order: group order, top to bottom; default by the narrator share.

    Returns:
        The Axes.
    """
    return _plot_category(table, "voice", by, ax, {}, order,
                          lambda r: -r.get("narrator", 0.0), "voice of loaded terms",
                          what="n")


# -- distinctive terms -----------------------------------------------------------------

def plot_distinctive_terms(table: pd.DataFrame, n: int = 12, ax=None, *, colors=None):
    """Diverging bars: the ``n`` terms most typical of each side, by log-odds z-score.

    Args:
        table: a :func:`framing.compare.distinctive_terms` table (its
            ``attrs`` name the two sides).
        n: terms per side.
        ax: Axes to draw into; ``None`` makes a new figure.
        colors: ``(colour of group a, colour of group b)``; default blue and vermillion.

    Returns:
        The Axes.
    """
    if table.empty:
        raise ValueError("no terms to plot")
    t = table.sort_values("z", ascending=False, kind="mergesort")
    top = t[t["z"] > 0].head(n)
    bottom = t[t["z"] < 0].tail(n)
    rows = pd.concat([top, bottom])
    k = len(rows)
    ax = _new_ax(k, ax, width=6.5, per_row=0.22, extra=1.3)
    ca, cb = colors or (POLE_COLORS[1], POLE_COLORS[0])
    y = np.arange(k)
    z = rows["z"].to_numpy(dtype=float)
    ax.barh(y, z, color=[ca if v > 0 else cb for v in z], height=0.7)
    for yy, v, term, a, b in zip(y, z, rows["term"], rows["count_a"], rows["count_b"]):
        ax.text(-0.15 if v > 0 else 0.15, yy, f"{term}  ({int(a)} : {int(b)})",
                ha="right" if v > 0 else "left", va="center", fontsize=7.5, color=_INK)
    ax.axvline(0, color="#555555", lw=0.8)
    ax.set_yticks([])
    ax.set_ylim(k - 0.4, -0.6)
    lim = max(2.0, float(np.abs(z).max()) if k else 2.0) * 1.05
    ax.set_xlim(-lim, lim)
    a_name, b_name = (_name(table.attrs.get("group_a", "a")),
                      _name(table.attrs.get("group_b", "b")))
    ax.set_xlabel(f"z-score of the log-odds ratio   (counts: {a_name} : {b_name})", fontsize=8)
    kw = dict(xycoords="axes fraction", textcoords="offset points", fontsize=9,
              fontweight="bold", va="bottom", xytext=(0, 4))
    ax.annotate(f"◀ typical of {b_name}", (0, 1), ha="left", color=cb, **kw)
    ax.annotate(f"typical of {a_name} ▶", (1, 1), ha="right", color=ca, **kw)
    ax.tick_params(labelsize=8)
    for s in ("top", "right", "left"):
        ax.spines[s].set_visible(False)
    return ax


# -- over time -----------------------------------------------------------------------

def plot_over_time(table: pd.DataFrame, measure: str = "lean", by: str | None = None, *,
                   fig=None, max_panels: int = 16, ncols: int = 4, poles=None):
    """Small multiples: a measure per date bucket, one panel per group.

    Args:
        table: a :func:`framing.compare.compare` table made with ``every=``
            (its ``attrs`` name the group and bucket columns).
        measure: the column to draw (with ``<measure>_lo``/``_hi`` bars when present).
        by: the group column; default the table's first key.
        fig: a Figure to draw into (empty); ``None`` makes one.
        max_panels: draw the groups with the most articles, at most this many.
        ncols: panels per row.
        poles: the two pole names (lean only), default ``table.attrs["poles"]``.

    Dots are sized by the number of articles in the bucket; buckets without
    a date (``"(none)"``) are left out.

    Returns:
        The array of Axes (one per group drawn).
    """
    keys = table.attrs.get("keys") or []
    every = table.attrs.get("every") or (keys[1] if len(keys) > 1 else None)
    if every is None or every not in table.columns:
        raise ValueError("the table has no date bucket column: make it with compare(..., every=)")
    by = _key(table, by) if by else keys[0]
    poles = _poles(table, poles)
    t = table[table[every].astype(str) != "(none)"]
    when = pd.to_datetime(t[every].astype(str), errors="coerce")   # a Series apart: no column
    t, when = t[when.notna()], when[when.notna()]                  # name can meet a user's
    if t.empty:
        raise ValueError("no dated buckets to plot")
    sizes = t.groupby(by)["n_articles"].sum().sort_values(ascending=False, kind="mergesort")
    groups = list(sizes.index[:max_panels])
    ncols = max(1, min(ncols, len(groups)))
    nrows = math.ceil(len(groups) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(2.6 * ncols + 0.8, 1.7 * nrows + 0.6), layout="constrained")
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    smax = max(1, int(t["n_articles"].max()))
    is_lean = measure == "lean"
    for ax, g in zip(axes, groups):
        s = t[t[by] == g]
        s_when = when[s.index].sort_values(kind="mergesort")
        s = s.loc[s_when.index]
        x = s_when.to_numpy()
        v = s[measure].astype(float).to_numpy()
        ok = ~np.isnan(v)
        iv = _interval_cols(s, measure)
        if iv is not None:
            ax.vlines(x[ok], iv[0][ok], iv[1][ok], color="#9a9a9a", lw=0.8, zorder=2)
        ax.plot(x[ok], v[ok], color="#bbbbbb", lw=0.7, zorder=1)
        colors = _lean_colors(v) if is_lean else [_INK] * len(v)
        ax.scatter(x[ok], v[ok], s=8 + 52 * s["n_articles"].to_numpy()[ok] / smax,
                   c=[colors[i] for i in np.flatnonzero(ok)], edgecolor="white",
                   linewidth=0.5, zorder=3)
        if is_lean:
            ax.axhline(0, color="#777777", lw=0.7, zorder=0)
            ax.set_ylim(-1.1, 1.1)
            ax.set_yticks([-1, 0, 1], ["−1", "0", "+1"])
        ax.set_title(f"{_name(g)}  (n={int(sizes[g])})", fontsize=9.5, loc="left")
        ax.tick_params(labelsize=9)
        ax.grid(axis="y", color="#eeeeee", lw=0.6)
        _style(ax)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    if is_lean:
        axes[0].set_ylabel("lean", fontsize=9)
    import matplotlib.dates as mdates

    loc = mdates.AutoDateLocator(minticks=2, maxticks=4)
    axes[0].xaxis.set_major_locator(loc)
    axes[0].xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    return axes[:len(groups)]
