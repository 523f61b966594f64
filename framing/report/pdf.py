"""``report.pdf``: the summary, the charts and the profile table, drawn with matplotlib's PDF
backend (no browser needed)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from .. import plot as P
from .. import stats
from .build import Corpus, ReportTables
from .escape import fmt, isnan, short
from .figures import safe_texts

__all__ = ["write_pdf"]


def write_pdf(c: Corpus, t: ReportTables, figures: list, path: Path) -> None:
    """``report.pdf``: the summary, every chart (``figures``: (title, figure)) and the profile table."""
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path, metadata={"Title": c.title, "Creator": f"framing {c.version}"}) as pdf, \
            matplotlib.rc_context({"text.parse_math": False}):
        pdf.savefig(_summary(c))
        for title, fig in figures:
            fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
            safe_texts(fig)   # the title holds group names
            pdf.savefig(fig)
        if c.n:
            for fig in _tables(c, t.compare):
                pdf.savefig(fig)


def _summary(c: Corpus) -> Figure:
    fig = Figure(figsize=(8.27, 11.69))
    art = c.tabs.articles
    name = P._name  # group names cut at 40 characters
    lines = [f"Generated {c.generated.isoformat(timespec='seconds')} by framing {c.version}",
             f"{c.n:,} articles in {len(c.by_group):,} {name(c.by)} groups; "
             f"{int(art['n_words'].sum()) if len(art) else 0:,} words; "
             f"{c.n_terms:,} lexicon terms; {c.n_attributions:,} "
             "attributions", ""]
    for lx in c.lexs:
        lines.append(f"Lexicon {name(lx.name)} {name(lx.version or '')}: sha256 {lx.sha256}"
                     + (f"; axis {name(lx.poles[0])} (−1) ↔ {name(lx.poles[1])} (+1)"
                        if lx.poles else ""))
    lines += ["", f"Intervals: {int(stats.LEVEL * 100)}% percentile bootstrap over articles, "
                  f"{stats.DEFAULT_RESAMPLES} resamples, seed {stats.DEFAULT_SEED}. Groups with "
                  f"fewer than {stats.MIN_ARTICLES} articles are marked †.", "",
              f"Articles per {name(c.by)}: "
              + ", ".join(f"{name(g)}: {len(v)}" for g, v in c.by_group.items()), "",
              "The HTML report (index.html) has the notes on each measure, the article pages "
              "and the tables."]
    fig.text(0.07, 0.95, textwrap.shorten(c.title, 70, placeholder="…"), fontsize=14,
             fontweight="bold", va="top", parse_math=False)
    y = 0.91
    for line in lines:
        for part in textwrap.wrap(line, 100) or [""]:
            if y < 0.05:
                break
            fig.text(0.07, y, part, fontsize=8.5, va="top", parse_math=False)
            y -= 0.02
    return fig

def _tables(c: Corpus, cmp) -> list[Figure]:
    by, key = c.by, c.key
    cols = [("n_articles", "articles", "int"), ("lean", "lean", "lean"),
            ("loaded_per_1k", "loaded/1k", "1"), ("loaded_narrator_share", "own words", "pct"),
            ("tagged_per_1k_narrator", "tagged/1k own", "1"),   # with --loaded only
            ("named_share", "named", "pct"), ("evaluative_cue_share", "evaluative", "pct")]
    cols = [c for c in cols if c[0] in cmp.columns]
    out = []
    per_page = 40
    for k in range(0, len(cmp), per_page):
        chunk = cmp.iloc[k:k + per_page]
        fig = Figure(figsize=(8.27, 11.69))
        ax = fig.add_axes((0.05, 0.05, 0.9, 0.88))
        ax.axis("off")
        cells = []
        for _, r in chunk.iterrows():
            row = [short(str(r[key]))[:40] + (" †" if str(r.get("warning", "") or "") else "")]
            for c, _, kind in cols:
                s = fmt(r[c], kind)
                if f"{c}_lo" in cmp.columns and not isnan(r[f"{c}_lo"]) and kind != "int":
                    s += f" [{fmt(r[f'{c}_lo'], kind)}, {fmt(r[f'{c}_hi'], kind)}]"
                row.append(s)
            cells.append(row)
        tab = ax.table(cellText=cells, colLabels=[by] + [c[1] for c in cols], loc="upper center",
                       cellLoc="right", colLoc="right")
        tab.auto_set_font_size(False)
        tab.set_fontsize(7)
        tab.auto_set_column_width(list(range(len(cols) + 1)))
        fig.text(0.05, 0.96, f"Profile per {by} (95% intervals in brackets)", fontsize=11,
                 fontweight="bold")
        safe_texts(fig)
        out.append(fig)
    return out
