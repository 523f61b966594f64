"""Validate a dictionary by hand: sample its hits into a coding sheet, then score the coded sheet.

Before a dictionary measure is published, a sample of its hits is read by
people ("does this word, here, mean what the label says?"): the share they
accept is the dictionary's precision, and the agreement between coders shows
the question can be answered reliably.

- :func:`sample_sheet` draws a seeded random sample of a pack's hits (simple,
  or stratified ``by`` label, referent or outlet) and lays it out for coding:
  one row per hit, the hit in its sentence (``left``, ``match``, ``right``),
  empty ``coder_*`` columns and a ``comment`` column.
  :func:`coding_instructions` writes the short instruction that goes with it.
- :func:`score_sheet` reads the coder columns (``1``/``0``, ``yes``/``no``,
  ``true``/``false``, ``correct``/``wrong``; empty = not coded) and gives the
  precision per label and overall, for each coder, with 95% Wilson intervals
  (:func:`wilson_interval`), and Krippendorff's alpha (nominal) between the
  coders (:func:`krippendorff_alpha`) when there are two or more.

**Stratified samples.** Each stratum (``--by label``: each label) is sampled
on its own, up to ``n`` hits, so rare labels get as many rows as frequent
ones. The sheet records each row's stratum and how many hits the stratum has
in the corpus (``stratum_hits``); the overall precision weights each stratum's
precision by its share of all hits (the precision of a hit drawn at random
from the corpus), with a Wilson interval on the effective sample size
``p(1-p)/var`` (Kish), where ``var = sum W_h^2 p_h(1-p_h)/n_h``. For a simple
random sample this is the plain Wilson interval of all rows.
"""

from __future__ import annotations

import csv
import math
import random
import re
from collections import Counter
from pathlib import Path
from statistics import NormalDist
from typing import Iterable, Sequence

import pandas as pd

from . import text as T
from .data import Analysis
from .errors import FramingError
from .lexicon import Lexicon

__all__ = ["SHEET_COLUMNS", "SCORE_COLUMNS", "sample_sheet", "coding_instructions", "read_sheet",
           "score_sheet", "wilson_interval", "krippendorff_alpha", "parse_code", "BY"]

SHEET_COLUMNS = ["n", "id", "outlet", "date", "start", "end", "referent", "label", "voice", "stratum",
                 "stratum_hits", "left", "match", "right"]
"""Columns of a coding sheet before its coder columns (``coder_1``, ...) and ``comment``."""

SCORE_COLUMNS = ["referent", "label", "coder", "coded", "correct", "precision", "ci_low", "ci_high"]
"""Columns of the precision table of :func:`score_sheet`."""

BY = ("label", "referent", "outlet")
"""What a sample can be stratified by."""

_WS = re.compile(r"\s+")
_YES = frozenset(["1", "yes", "y", "true", "t", "correct", "right"])
_NO = frozenset(["0", "no", "n", "false", "f", "wrong", "incorrect"])
ALL = "(all)"


# -- statistics ---------------------------------------------------------------------------------

def wilson_interval(k: float, n: float, level: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``k / n`` (NaN, NaN when ``n`` is 0).

    Args:
        k: successes (may be fractional for an effective sample size).
        n: trials.
        level: coverage.

    >>> [round(x, 3) for x in wilson_interval(114, 120)]
    [0.895, 0.977]
    >>> [round(x, 3) for x in wilson_interval(10, 10)]
    [0.722, 1.0]
    """
    if n <= 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def krippendorff_alpha(units: Iterable[Sequence]) -> float:
    """Krippendorff's alpha for nominal data.

    Args:
        units: one sequence per coded unit, one value per coder; ``None`` (or
            NaN) where a coder left the unit uncoded. Units with fewer than two
            values are not pairable and are left out.

    Returns:
        ``1 - D_o / D_e`` from the coincidence matrix (Krippendorff 2011,
        "Computing Krippendorff's alpha-reliability"); NaN when no unit is
        pairable or every value is the same (no expected disagreement).

    >>> round(krippendorff_alpha([(1, 1), (0, 0), (1, 0), (1, 1), (0, None)]), 3)
    0.533
    """
    o: Counter = Counter()
    for u in units:
        vals = [v for v in u if v is not None and v == v]
        m = len(vals)
        if m < 2:
            continue
        cnt = Counter(vals)
        for c, nc in cnt.items():
            for k, nk in cnt.items():
                o[c, k] += nc * (nk - (c == k)) / (m - 1)
    n_c: Counter = Counter()
    for (c, _), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    if n <= 1:
        return math.nan
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    if d_e == 0:
        return math.nan
    return 1 - d_o / d_e


# -- sampling ---------------------------------------------------------------------------------

def _cut(s: str, width: int | None, left: bool) -> str:
    s = _WS.sub(" ", s)
    if width is None or len(s) <= width:
        return s
    return "\u2026" + s[-width:].lstrip() if left else s[:width].rstrip() + "\u2026"


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    for s, e in T.sentences(text):
        if s <= start < e:
            return s, max(e, end)
    return start, end


def _stratum(by: str | None, an: Analysis, h) -> str:
    if by is None:
        return ALL
    if by == "label":
        return f"{h.referent}/{h.label}"
    if by == "referent":
        return h.referent
    return an.article.outlet or "(none)"


def sample_sheet(analyses: Iterable[Analysis], lexicon: Lexicon, n: int, *, seed: int = 0,
                 by: str | None = None, coders: int = 2, width: int | None = 200) -> pd.DataFrame:
    """A seeded random sample of ``lexicon``'s hits, laid out as a coding sheet.

    Args:
        analyses: analyses run with ``lexicon`` (an iterable, consumed once).
        lexicon: the pack whose hits are sampled.
        n: hits in the sample; with ``by``, hits per stratum (all of a stratum's
            hits when it has fewer).
        seed: the seed; the same corpus, pack and seed give the same sheet. Each
            stratum draws from its own stream (seeded by ``seed`` and its name),
            so a stratum's sample does not change when others do.
        by: ``None`` for a simple random sample, or ``"label"``, ``"referent"``
            or ``"outlet"`` for one sample per stratum.
        coders: number of empty coder columns (``coder_1`` ...).
        width: at most this many characters of the sentence on each side of
            the hit (``None``: the whole sentence).

    Returns:
        One row per sampled hit, in a seeded random order (so one label's hits
        do not come in a run), numbered by ``n``: :data:`SHEET_COLUMNS`, then
        ``coder_1`` ... and ``comment`` (empty). ``start``/``end`` index the
        article text; ``left``/``match``/``right`` are the hit's sentence with
        runs of whitespace shown as one space.

    Raises:
        FramingError: ``n`` or ``coders`` not positive, or an unknown ``by``.

    >>> from framing.analyze import analyze
    >>> from framing.lexicon import load_lexicon
    >>> lx = load_lexicon("conflict-syria")
    >>> an = analyze("Rebels took the town. The regime shelled it at night.", [lx])
    >>> s = sample_sheet([an], lx, 5, seed=1)
    >>> sorted(s["match"]), s.loc[s["match"] == "regime", "left"].item()
    (['Rebels', 'regime'], 'The ')
    """
    if n <= 0:
        raise FramingError(f"sample size must be positive, got {n}")
    if coders < 1:
        raise FramingError(f"coders must be at least 1, got {coders}")
    if by is not None and by not in BY:
        raise FramingError(f"cannot stratify by {by!r}; allowed: {', '.join(BY)}")
    seen: Counter = Counter()
    kept: dict[str, list] = {}
    rngs: dict[str, random.Random] = {}
    order = 0
    for an in analyses:
        text = an.article.text
        for h in an.terms:
            if h.lexicon != lexicon.name:
                continue
            key = _stratum(by, an, h)
            i = seen[key]
            seen[key] += 1
            order += 1
            rng = rngs.get(key) or rngs.setdefault(key, random.Random(f"{seed}:{key}"))
            box = kept.setdefault(key, [])
            if i < n:
                slot = len(box)
                box.append(None)
            else:  # reservoir sampling (Algorithm R): every hit has the same chance n / N
                slot = rng.randrange(i + 1)
                if slot >= n:
                    continue
            s, e = _sentence(text, h.start, h.end)
            a = an.article
            box[slot] = (order, {
                "id": a.id, "outlet": a.outlet, "date": a.date, "start": h.start, "end": h.end,
                "referent": h.referent, "label": h.label, "voice": h.voice, "stratum": key,
                "left": _cut(text[s:h.start], width, True), "match": text[h.start:h.end],
                "right": _cut(text[h.end:e], width, False)})
    rows = [r for key in kept for _, r in sorted(kept[key], key=lambda x: x[0])]
    for r in rows:
        r["stratum_hits"] = seen[r["stratum"]]
    random.Random(seed).shuffle(rows)
    coder_cols = [f"coder_{i}" for i in range(1, coders + 1)]
    for k, r in enumerate(rows, 1):
        r["n"] = k
        r.update({c: "" for c in coder_cols})
        r["comment"] = ""
    return pd.DataFrame(rows, columns=SHEET_COLUMNS + coder_cols + ["comment"])


def coding_instructions(sheet: pd.DataFrame, lexicon: Lexicon, *, sheet_name: str = "sheet.csv",
                        seed: int | None = None, by: str | None = None, sources: Sequence[str] = ()) -> str:
    """The short instruction for coders that goes with a sheet (Markdown text).

    It states the one question to answer, the codes to enter, the rules that
    keep coders independent, and what each sampled referent and label means in
    the pack (its description and notes), then how to score the sheet.
    """
    coders = [c for c in sheet.columns if c.startswith("coder_")]
    lines = [f"# Coding instructions: `{lexicon.name}`", "",
             f"`{sheet_name}` holds {len(sheet)} hits of the pack `{lexicon.name}` (version {lexicon.version}, "
             f"SHA-256 `{lexicon.sha256[:12]}`), sampled at random"
             + (f" by {by} (up to the same number per {by})" if by else "")
             + (f" with seed {seed}" if seed is not None else "")
             + (f" from {', '.join(sources)}" if sources else "") + ".", "",
             "For each row, read the sentence (`left`, `match`, `right`) and answer one question:", "",
             "> Does the matched word (`match`), in this sentence, refer to what the row's `referent` is, "
             "as described below?", "",
             f"Write **1** for yes or **0** for no in your own column ({', '.join(f'`{c}`' for c in coders)}). "
             "Leave the cell empty only if the sentence cannot be understood at all, and say why in `comment`.",
             "", "Rules:", "",
             "- Code alone: do not look at the other coders' columns, and do not discuss rows until every "
             "coder has finished.",
             "- Judge only what the word refers to, not whether it is fair, loaded or accurate.",
             "- Words inside quotations count like any other.",
             "- When the sentence alone does not settle it, open the article (`id`; the word is at "
             "characters `start`-`end` of its text) and read more; do not guess from the label.",
             "- Keep the rows, their order and the other columns as they are.", "",
             "## What the referents are", ""]
    for r in lexicon.referents:
        labels = sorted(set(sheet.loc[sheet["referent"] == r.id, "label"]))
        if not labels:
            continue
        lines.append(f"- **`{r.id}`**: {r.description or '(no description in the pack)'}")
        for lb in r.labels:
            if lb.label in labels:
                forms = ", ".join(lb.forms[:6]) + (", ..." if len(lb.forms) > 6 else "")
                lines.append(f"  - label `{lb.label}` ({forms})" + (f": {lb.note}" if lb.note else ""))
    lines += ["", "## Scoring", "",
              f"When every coder has filled their column: `framing validate score {sheet_name}` prints the "
              "precision per label and overall (95% Wilson intervals) and Krippendorff's alpha between coders.",
              ""]
    return "\n".join(lines)


# -- scoring ---------------------------------------------------------------------------------

def parse_code(value: str) -> int | None:
    """A coder's cell as 1, 0 or ``None`` (empty); ``ValueError`` for anything else.

    >>> [parse_code(v) for v in ("1", "Yes", " no ", "", "correct", "0")]
    [1, 1, 0, None, 1, 0]
    """
    v = (value or "").strip().casefold()
    if v in ("", "na", "n/a", "-"):
        return None
    if v in _YES:
        return 1
    if v in _NO:
        return 0
    try:
        f = float(v)
    except ValueError:
        raise ValueError(value) from None
    if f in (0.0, 1.0):
        return int(f)
    raise ValueError(value)


def read_sheet(path) -> pd.DataFrame:
    """A coded sheet, with each coder column (``coder_*``, and ``final`` if present) as 1/0/None.

    Raises:
        FramingError: the file is missing or not a sheet (no ``label`` or no
            ``coder_*`` column), or cells that are not codes (each named by
            ``path:line``, column and value; up to five are listed).
    """
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            cols = reader.fieldnames or []
            coders = [c for c in cols if c.startswith("coder_")] + (["final"] if "final" in cols else [])
            if "label" not in cols or not [c for c in coders if c != "final"]:
                raise FramingError(f"{p}: not a coding sheet: it needs a 'label' column and at least one "
                                   f"'coder_*' column (columns: {', '.join(cols) or 'none'})")
            rows, bad = [], []
            for rec in reader:
                line = reader.line_num
                for c in coders:
                    try:
                        rec[c] = parse_code(rec.get(c) or "")
                    except ValueError:
                        bad.append(f"{p}:{line}: column {c}: {rec.get(c)!r}")
                        rec[c] = None
                rec["_line"] = line
                rows.append(rec)
    except FileNotFoundError:
        raise FramingError(f"{p}: no such file") from None
    except UnicodeDecodeError as e:
        raise FramingError(f"{p}: not UTF-8 text ({e.reason}); save the sheet as CSV UTF-8") from None
    except csv.Error as e:
        raise FramingError(f"{p}: malformed CSV: {e}") from None
    if bad:
        more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
        raise FramingError(f"{len(bad)} cell(s) are not codes (use 1/0, yes/no, true/false or "
                           f"correct/wrong; empty = not coded): " + "; ".join(bad[:5]) + more)
    df = pd.DataFrame(rows)
    df.attrs["coders"] = coders
    df.attrs["path"] = str(p)
    return df


def _precision_row(referent, label, coder, codes) -> dict:
    codes = [c for c in codes if c is not None]
    k, m = sum(codes), len(codes)
    lo, hi = wilson_interval(k, m)
    return {"referent": referent, "label": label, "coder": coder, "coded": m, "correct": k,
            "precision": k / m if m else math.nan, "ci_low": lo, "ci_high": hi}


def _overall_row(df: pd.DataFrame, coder: str) -> dict:
    if "stratum" not in df.columns or "stratum_hits" not in df.columns:
        return _precision_row("", ALL, coder, list(df[coder]))
    coded = df[df[coder].notna()]
    m = len(coded)
    if not m:
        return _precision_row("", ALL, coder, [])
    strata = []
    for key, g in coded.groupby("stratum", sort=False):
        try:
            big_n = float(g["stratum_hits"].iloc[0])
        except (TypeError, ValueError):
            raise FramingError(f"stratum {key!r}: stratum_hits {g['stratum_hits'].iloc[0]!r} is not a number") \
                from None
        strata.append((big_n, len(g), float(g[coder].astype(float).mean())))
    total = sum(s[0] for s in strata)
    if len(strata) == 1 or total <= 0:
        return _precision_row("", ALL, coder, list(coded[coder]))
    p = sum(big_n / total * ph for big_n, _, ph in strata)
    var = sum((big_n / total) ** 2 * ph * (1 - ph) / nh for big_n, nh, ph in strata)
    n_eff = p * (1 - p) / var if var > 0 else m
    lo, hi = wilson_interval(p * n_eff, n_eff)
    return {"referent": "", "label": ALL, "coder": coder, "coded": m, "correct": int(coded[coder].sum()),
            "precision": p, "ci_low": lo, "ci_high": hi}


def score_sheet(sheet) -> dict:
    """Precision per label and overall for each coder, and agreement between coders.

    Args:
        sheet: a path, or a DataFrame from :func:`read_sheet`.

    Returns:
        ``{"precision": DataFrame, "agreement": dict}``. The precision table
        (:data:`SCORE_COLUMNS`) has one row per label and coder column, in
        sheet order, then one ``(all)`` row per coder (stratum-weighted when the
        sheet was stratified; see the module notes); ``coded`` counts the rows
        the coder filled. ``agreement`` has ``coders`` (the ``coder_*``
        columns), ``units`` (rows coded by two or more of them), ``alpha``
        (Krippendorff's alpha, nominal; NaN with fewer than two coders or no
        disagreement possible) and ``percent_agreement`` (the share of those
        rows on which all their coders agree).
    """
    df = read_sheet(sheet) if not isinstance(sheet, pd.DataFrame) else sheet
    coders = list(df.attrs.get("coders") or [c for c in df.columns if c.startswith("coder_")])
    ref = df["referent"] if "referent" in df.columns else pd.Series([""] * len(df), index=df.index)
    rows = []
    keys = list(dict.fromkeys(zip(ref, df["label"])))
    for r, lb in keys:
        sub = df[(ref == r) & (df["label"] == lb)]
        for c in coders:
            rows.append(_precision_row(r, lb, c, list(sub[c])))
    for c in coders:
        rows.append(_overall_row(df, c))
    table = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    independent = [c for c in coders if c != "final"]
    units = [[None if pd.isna(v) else int(v) for v in vals] for vals in df[independent].itertuples(index=False)]
    pairable = [[v for v in u if v is not None] for u in units]
    pairable = [u for u in pairable if len(u) >= 2]
    alpha = krippendorff_alpha(pairable) if len(independent) >= 2 else math.nan
    agree = sum(len(set(u)) == 1 for u in pairable) / len(pairable) if pairable else math.nan
    return {"precision": table,
            "agreement": {"coders": independent, "units": len(pairable), "alpha": alpha,
                          "percent_agreement": agree}}
