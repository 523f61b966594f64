"""Charts of the :mod:`framing.compare` tables.

Each ``plot_<table>`` function draws exactly the table it is given (it never
recomputes anything from analyses) and returns the :class:`matplotlib.axes.Axes`;
pass ``ax=`` to draw into an existing figure, or leave it ``None`` to get a new
figure sized for the number of groups.

Colours are colour-blind safe (Okabe-Ito): the first pole of the axis is
vermillion, the second blue, neutral and unknown grey; other sides get the
remaining Okabe-Ito colours. The poles come from the table's ``attrs``
(set by :mod:`framing.compare`) or from the ``poles=`` argument.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex, to_rgb

__all__ = ["POLE_COLORS", "NEUTRAL_COLOR", "side_colors", "plot_lean", "plot_label_shares",
           "plot_voice_shares"]

POLE_COLORS = ("#D55E00", "#0072B2")
"""Okabe-Ito vermillion for the first pole, blue for the second."""
NEUTRAL_COLOR = "#999999"
"""Grey for neutral labels and sources of unknown side."""
_OTHER_COLORS = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


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


def _group_labels(groups, counts=None, what="n"):
    if counts is None:
        return [str(g) for g in groups]
    return [f"{g}  ({what}={int(c)})" for g, c in zip(groups, counts)]


def _style(ax):
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.tick_params(axis="y", length=0)


def plot_lean(table: pd.DataFrame, by: str = "outlet", ax=None, *, poles=None):
    """Dot plot of the lean of each group, from :func:`framing.compare.compare`.

    Lean runs from -1 (every weighted loaded term echoes the first pole) to +1
    (all echo the second). Groups without loaded terms of the axis are listed
    with "no axis terms". Columns ``lean_lo``/``lean_hi``, when present, are
    drawn as interval bars.

    Args:
        table: a compare table (``<by>``, ``lean``, optionally ``n_articles``).
        by: its group column.
        ax: Axes to draw into; ``None`` makes a new figure.
        poles: the two pole names; default ``table.attrs["poles"]``.

    Returns:
        The Axes.
    """
    poles = _poles(table, poles)
    n = len(table)
    ax = _new_ax(n, ax)
    y = np.arange(n)
    lean = table["lean"].astype(float).to_numpy()
    counts = table["n_articles"] if "n_articles" in table else None
    ax.axvline(0, color="#555555", lw=0.9, zorder=1)
    for x in (-1, -0.5, 0.5, 1):
        ax.axvline(x, color="#e4e4e4", lw=0.7, zorder=0)
    colors = [NEUTRAL_COLOR if (math.isnan(v) or abs(v) < 0.005)
              else POLE_COLORS[0] if v < 0 else POLE_COLORS[1] for v in lean]
    ok = ~np.isnan(lean)
    ax.hlines(y[ok], 0, lean[ok], color=[colors[i] for i in np.flatnonzero(ok)],
              lw=1.6, alpha=0.55, zorder=2)
    if {"lean_lo", "lean_hi"} <= set(table.columns):
        lo = table["lean_lo"].astype(float).to_numpy()
        hi = table["lean_hi"].astype(float).to_numpy()
        ax.hlines(y[ok], lo[ok], hi[ok], color="#333333", lw=1.0, zorder=3)
    ax.scatter(lean[ok], y[ok], s=46, c=[colors[i] for i in np.flatnonzero(ok)],
               edgecolor="white", linewidth=0.8, zorder=4)
    for i in np.flatnonzero(~ok):
        ax.text(0.03, y[i], "no axis terms", va="center", ha="left", fontsize=8,
                color="#777777", style="italic")
    ax.set_yticks(y, _group_labels(table[by], counts))
    ax.set_ylim(n - 0.4, -0.6)  # first row on top
    ax.set_xlim(-1.08, 1.08)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.set_xlabel("lean (pooled over the group's articles)")
    if poles:
        kw = dict(xycoords="axes fraction", textcoords="offset points", fontsize=9,
                  fontweight="bold", va="bottom")
        ax.annotate(f"◀ {poles[0]}", (0, 1), xytext=(0, 4), ha="left",
                    color=POLE_COLORS[0], **kw)
        ax.annotate(f"{poles[1]} ▶", (1, 1), xytext=(0, 4), ha="right",
                    color=POLE_COLORS[1], **kw)
    _style(ax)
    return ax


def _ink(color) -> str:
    r, g, b = to_rgb(color)
    return "white" if (0.299 * r + 0.587 * g + 0.114 * b) < 0.55 else "#222222"


def _stacked(ax, groups, mat: pd.DataFrame, colors, counts, what, legend_title, names=None):
    """Stacked horizontal bars of ``mat`` (rows = groups, columns = parts, values = shares).

    Segments wide enough get their name (``names[col]``) and percentage written
    inside; the legend goes below the axes (as a figure legend, which
    constrained layout makes room for, when the Axes is alone in its figure).
    """
    n = len(groups)
    y = np.arange(n)
    left = np.zeros(n)
    names = names or {}
    fig = ax.figure
    ax_in = 0.68 * fig.get_figwidth()  # approximate width of the Axes, in inches
    char_in = 7.2 / 72 * 0.55          # approximate width of a 7.2 pt character
    for col in mat.columns:
        w = mat[col].to_numpy(dtype=float)
        bars = ax.barh(y, w, left=left, color=colors[col], edgecolor="white", linewidth=0.6,
                       height=0.72, label=str(col))
        for bar, v, l0 in zip(bars, w, left):
            room = v * ax_in / char_in - 1
            pct = f"{v:.0%}"
            name = names.get(col)
            txt = (f"{name} {pct}" if name and len(name) + len(pct) + 1 <= room
                   else pct if len(pct) <= room and v >= 0.06 else None)
            if txt:
                ax.text(l0 + v / 2, bar.get_y() + bar.get_height() / 2, txt, ha="center",
                        va="center", fontsize=7.2, color=_ink(colors[col]), clip_on=True)
        left += w
    ax.set_yticks(y, _group_labels(groups, counts, what))
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    handles, labels = ax.get_legend_handles_labels()
    longest = max((len(x) for x in labels), default=10)
    ncol = int(max(1, min(len(labels), fig.get_figwidth() // (0.075 * longest + 0.45))))
    kw = dict(ncol=ncol, frameon=False, fontsize=8, title=legend_title, title_fontsize=8)
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if len(fig.axes) == 1 and isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.legend(handles, labels, loc="outside lower center", **kw)
    else:
        ax.legend(handles, labels, loc="upper center",
                  bbox_to_anchor=(0.5, -0.10 - 0.6 / max(n, 1)), **kw)
    _style(ax)
    return ax


def plot_label_shares(table: pd.DataFrame, referent: str, by: str = "outlet", ax=None, *,
                      lexicon: str | None = None, poles=None, order=None, max_labels: int = 9):
    """Stacked bars: which labels each group uses for one referent.

    Labels are ordered and coloured by the pole they echo (first pole's labels
    in shades of vermillion on the left, neutral grey in the middle, second
    pole's in blue on the right).

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
            rest are pooled, per pole they echo, as "other".

    Returns:
        The Axes.
    """
    poles = _poles(table, poles)
    t = table[table["referent"] == referent]
    if lexicon is not None:
        t = t[t["lexicon"] == lexicon]
    if t.empty:
        raise ValueError(f"no label shares for referent {referent!r}")
    totals = t.groupby("label")["count"].sum()
    if len(totals) > max_labels:
        keep = set(totals.sort_values(ascending=False, kind="mergesort").index[:max_labels - 1])
        echo_of = t.groupby("label")["echoes"].first()
        dropped = [lb for lb in totals.index if lb not in keep]
        for lb in dropped:  # a lone label pooled would only lose its name
            if sum(echo_of[x] == echo_of[lb] for x in dropped) == 1:
                keep.add(lb)
        t = t.assign(label=[lb if lb in keep else f"other {e}"
                            for lb, e in zip(t["label"], t["echoes"])])
        t = (t.groupby([by, "label"], sort=False)
              .agg(echoes=("echoes", "first"), count=("count", "sum"), share=("share", "sum"))
              .reset_index())
        totals = t.groupby("label")["count"].sum()
    echoes = t.groupby("label")["echoes"].first()

    def rank(lb):
        e = echoes[lb]
        side = 0 if poles and e == poles[0] else 2 if poles and e == poles[1] else 1
        return (side, lb.startswith("other ") and lb[6:] == e, -totals[lb], lb)

    labels = sorted(totals.index, key=rank)
    mat = t.pivot_table(index=by, columns="label", values="share", aggfunc="sum",
                        fill_value=0.0).reindex(columns=labels, fill_value=0.0)
    n_hits = t.groupby(by)["count"].sum()
    rows = {g: r for g, r in mat.iterrows()}
    if order is None:
        def tilt(g):
            row = rows[g]
            neg = sum(row[lb] for lb in labels if poles and echoes[lb] == poles[0])
            pos = sum(row[lb] for lb in labels if poles and echoes[lb] == poles[1])
            return (pos - neg, str(g))
        order = sorted(mat.index, key=tilt)
    else:
        order = [g for g in order if g in mat.index]
    mat = mat.reindex(order)
    colors: dict = {}
    groups_by_side: dict[str, list[str]] = {}
    for lb in labels:
        e = echoes[lb]
        key = e if poles and e in poles else "neutral"
        groups_by_side.setdefault(key, []).append(lb)
    base = side_colors(list(groups_by_side), poles)
    for key, lbs in groups_by_side.items():
        for lb, c in zip(lbs, _shades(base[key], len(lbs))):
            colors[lb] = c
    ax = _new_ax(len(order), ax, extra=2.2)
    mat.columns = labels
    short = {lb: ("other" if lb == f"other {echoes[lb]}" else lb) for lb in labels}
    legend_labels = {lb: f"{short[lb]} ({echoes[lb]})" for lb in labels}
    _stacked(ax, order, mat.rename(columns=legend_labels),
             {legend_labels[k]: v for k, v in colors.items()},
             n_hits.reindex(order), "n", "label (echoes)",
             names={legend_labels[lb]: short[lb] for lb in labels})
    ax.set_title(f"Labels for “{referent}”", loc="left", fontsize=10)
    return ax


def plot_voice_shares(table: pd.DataFrame, by: str = "outlet", ax=None, *, poles=None,
                      order=None):
    """Stacked bars: the share of each group's attributions per source side.

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
    poles = _poles(table, poles)
    if table.empty:
        raise ValueError("no attributions to plot")
    sides = list(table.attrs.get("sides") or [])
    sides += [s for s in table["side"].unique() if s not in sides]
    mat = table.pivot_table(index=by, columns="side", values="share", aggfunc="sum",
                            fill_value=0.0)
    sides = [s for s in sides if s in mat.columns]
    mat = mat.reindex(columns=sides, fill_value=0.0)
    n = table.groupby(by)["count"].sum()
    rows = {g: r for g, r in mat.iterrows()}
    if order is None:
        def tilt(g):
            if not poles:
                return (0.0, str(g))
            row = rows[g]
            return (row.get(poles[1], 0.0) - row.get(poles[0], 0.0), str(g))
        order = sorted(mat.index, key=tilt)
    else:
        order = [g for g in order if g in mat.index]
    mat = mat.reindex(order)
    ax = _new_ax(len(order), ax, extra=2.0)
    _stacked(ax, order, mat, side_colors(sides, poles), n.reindex(order), "n", "source side")
    return ax
