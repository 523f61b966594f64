"""One pass over the analyses, then every table of the report, each built once.

:func:`read_corpus_pass` streams the analyses once: the tidy tables (counts
per article, :func:`framing.tables.tables`), the word counts and the titles
are built on the way, each analysis goes to a temporary file for its page
(:class:`~framing.report.store.Spill`) and its hits to ``terms.csv`` and
``attributions.csv`` (:class:`~framing.report.store.HitTables`). Memory holds
the tables, not the articles.

:func:`build_tables` then computes every table the page is drawn from
(:class:`ReportTables`); the sections (:mod:`framing.report.sections`) only
read them.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .. import stats
from ..categories import categorised, category_table
from ..compare import (LabelCounts, WordCounts, compare, cue_stances, distinctive_terms,
                       label_shares, named_shares, score_columns, score_means, source_shares,
                       voice_shares, voice_split)
from ..errors import FramingError
from ..groups import check_field, date_bucket, group_column, group_key
from ..lexicon import load_lexicon
from ..tables import Tables, tables
from .escape import date_id, plural, title_of
from .store import HitTables, Spill

__all__ = ["Corpus", "ReportTables", "read_corpus_pass", "build_tables", "model_info"]


@dataclass
class Corpus:
    """What the pass over the analyses leaves: the tables, the groups and the page order."""

    by: str
    """The field the articles are grouped by."""
    tabs: Tables
    words: WordCounts
    titles: list[str]
    spill: Spill
    hits: HitTables | None
    lexs: list
    model: dict | None
    generated: datetime
    version: str
    title: str
    max_articles: int | None
    quotes: tuple = ("all",)
    """The attribution modes of the analyses (:data:`framing.data.QUOTE_MODES`), in the order seen."""
    key: str = field(init=False)
    """The column of every table that holds the groups (:func:`framing.groups.group_column`)."""
    by_group: dict = field(init=False)
    """Group -> article numbers (in the order read), by date and id."""
    pages: list[int] = field(init=False)
    """The articles with a page, in page order."""
    page_no: dict = field(init=False)
    width: int = field(init=False)
    n: int = field(init=False)
    n_terms: int = field(init=False)
    n_attributions: int = field(init=False)
    poles: tuple | None = field(init=False)
    axis: str | None = field(init=False)
    plain: list = field(init=False)
    """The packs without an axis (their words are marked apart), when there is an axis."""
    score_cols: list = field(init=False)

    def __post_init__(self):
        art = self.tabs.articles
        self.key = group_column(self.by)
        self.n = len(self.spill)
        self.n_terms = int(self.tabs.terms["count"].sum()) if len(self.tabs.terms) else 0
        self.n_attributions = (int(self.tabs.attributions["count"].sum())
                               if len(self.tabs.attributions) else 0)
        self.poles, self.axis = art.attrs.get("poles"), art.attrs.get("axis")
        self.plain = [lx.name for lx in self.lexs if not lx.poles] if self.axis else []
        self.score_cols = score_columns(art, self.model and self.model["classes"])
        by_group: dict = {}
        keys = art[self.key].map(group_key) if self.n else []
        for i, g in enumerate(keys):
            by_group.setdefault(g, []).append(i)
        dates, ids = art["date"].tolist(), art["id"].tolist()
        self.by_group = {g: sorted(v, key=lambda i: date_id(dates[i], ids[i]))
                         for g, v in sorted(by_group.items(), key=lambda kv: str(kv[0]))}
        self.pages = []
        for items in self.by_group.values():
            self.pages += items[:self.max_articles] if self.max_articles is not None else items
        self.page_no = {a: i + 1 for i, a in enumerate(self.pages)}
        self.width = max(4, len(str(len(self.pages))))

    def href(self, i: int, prefix: str = "articles/") -> str | None:
        """The page of article number ``i`` (in the order read), or None when it has none."""
        p = self.page_no.get(i)
        return None if p is None else f"{prefix}{p:0{self.width}d}.html"

    def close(self) -> None:
        self.spill.close()
        if self.hits is not None:
            self.hits.close()


def read_corpus_pass(analyses, by: str, lexicons=None, title: str | None = None,
                     generated: datetime | None = None, max_articles: int | None = None,
                     model: dict | None = None, tables_dir: Path | None = None) -> Corpus:
    """Stream ``analyses`` once into a :class:`Corpus` (see the module docstring)."""
    import framing

    check_field(by)
    spill = Spill()
    hits = HitTables(tables_dir, by) if tables_dir is not None else None
    words = WordCounts(by)
    titles: list[str] = []
    names: dict[str, None] = {}
    modes: dict[str, None] = {}

    def tee(stream):
        for an in stream:
            names.update(dict.fromkeys(an.lexicons))
            modes.setdefault(an.quotes)
            words.add(an)
            titles.append(title_of(an))
            spill.add(an)
            if hits is not None:
                hits.add(an)
            yield an

    lexs = [load_lexicon(lx) for lx in lexicons] if lexicons is not None else None
    try:
        tabs = tables(tee(analyses), by=by, lexicons=lexs, counts=True)
    except BaseException:
        spill.close()
        if hits is not None:
            hits.close()
        raise
    return Corpus(by=by, tabs=tabs, words=words, titles=titles, spill=spill, hits=hits,
                  lexs=lexs if lexs is not None else [load_lexicon(nm) for nm in names],
                  model=model, generated=generated or _now(),
                  version=str(getattr(framing, "__version__", "unknown")),
                  title=title or f"Framing report: {plural(len(spill), 'article')}",
                  max_articles=max_articles, quotes=tuple(modes) or ("all",))


def _now() -> datetime:
    """The time of generation; ``SOURCE_DATE_EPOCH`` (seconds) pins it, for byte-identical reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


# -- the tables ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Distinctive:
    """The distinctive words of two groups, and the typical labels of each group."""

    a: object
    b: object
    by_lean: bool
    """Whether ``a`` and ``b`` are the two ends of the lean (else the two largest groups)."""
    words: pd.DataFrame
    labels: list[tuple[object, pd.DataFrame]]


@dataclass(frozen=True)
class OverTime:
    every: str
    pooled: pd.DataFrame
    """The profile per date bucket of all articles together (group column ``_all``)."""
    per_group: pd.DataFrame


@dataclass(frozen=True)
class ReportTables:
    """Every table of the report, each computed once (``None``: the report has no such part)."""

    compare: pd.DataFrame | None = None
    order: list = field(default_factory=list)
    """The groups in the order of the profile (by lean)."""
    scores: pd.DataFrame | None = None
    label_shares: pd.DataFrame | None = None
    voice_shares: pd.DataFrame | None = None
    source_shares: pd.DataFrame | None = None
    named_shares: pd.DataFrame | None = None
    cue_stances: pd.DataFrame | None = None
    voice_split: pd.DataFrame | None = None
    distinctive: Distinctive | None = None
    over_time: OverTime | None = None
    categories: pd.DataFrame | None = None
    """Per-category rates of the imported dictionaries (LIWC, quanteda, ...), when there are any."""

    def csv_names(self) -> list[str]:
        """The names of the tables :meth:`csv` gives."""
        return list(self.csv(None, names_only=True))

    def csv(self, articles: pd.DataFrame | None, *, names_only: bool = False) -> dict:
        """The tables written to ``tables/`` (beside ``terms.csv`` and ``attributions.csv``)."""
        out = {"articles.csv": articles}
        if self.compare is None:
            return out
        out["compare.csv"] = self.compare
        if self.scores is not None:
            out["classifier_scores.csv"] = self.scores
        out.update({"label_shares.csv": self.label_shares, "voice_shares.csv": self.voice_shares,
                    "source_shares.csv": self.source_shares, "named_shares.csv": self.named_shares,
                    "cue_stances.csv": self.cue_stances, "voice_split.csv": self.voice_split})
        d = self.distinctive
        if d is not None and len(d.words):
            out["distinctive_words.csv"] = d.words
        if d is not None and d.labels:
            out["distinctive_labels.csv"] = None if names_only else pd.concat(
                [dl.assign(**{self.compare.attrs["by"]: g}) for g, dl in d.labels], ignore_index=True)
        if self.over_time is not None:
            out["over_time.csv"] = self.over_time.per_group
        if self.categories is not None:
            out["categories.csv"] = self.categories
        return out


def build_tables(c: Corpus) -> ReportTables:
    """Every table of the report of ``c`` (see :class:`ReportTables`)."""
    if not c.n:
        return ReportTables()
    by, tabs = c.by, c.tabs
    cmp = compare(tabs, by=by)
    order = list(cmp[c.key])
    axis_names = [lx.name for lx in c.lexs if lx.poles]
    terms = tabs.terms
    return ReportTables(
        compare=cmp, order=order, scores=_scores(c, order),
        label_shares=label_shares(terms[terms["lexicon"].isin(axis_names)], by=by),  # charted packs
        voice_shares=voice_shares(tabs, by=by), source_shares=source_shares(tabs, by=by),
        named_shares=named_shares(tabs, by=by), cue_stances=cue_stances(tabs, by=by),
        voice_split=voice_split(tabs, by=by), distinctive=_distinctive(c, cmp),
        over_time=_over_time(c), categories=_categories(c))


def _categories(c: Corpus) -> pd.DataFrame | None:
    """Each category's rate per group for the imported dictionaries (none: ``None``)."""
    dicts = categorised(c.lexs)
    return category_table(c.tabs, by=c.by, lexicons=dicts) if dicts else None


def _scores(c: Corpus, order: list) -> pd.DataFrame | None:
    """The mean classifier score per group, in the order of the profile."""
    if not c.score_cols:
        return None
    sc = score_means(c.tabs.articles, c.by, columns=c.score_cols)
    rows = {str(g): i for i, g in enumerate(sc[c.key].map(str))}
    sc = sc.iloc[[rows[str(g)] for g in order]].reset_index(drop=True)
    sc[c.key] = pd.Series(order, dtype=object)
    return sc


def _distinctive(c: Corpus, cmp: pd.DataFrame) -> Distinctive | None:
    by, key = c.by, c.key
    ok = cmp[cmp["n_articles"] >= stats.MIN_ARTICLES]
    if len(ok) < 2:
        ok = cmp[cmp["n_articles"] >= 2]
    groups = list(ok[key])
    if len(groups) < 2:
        return None
    with_lean = ok[ok["lean"].notna()]
    by_lean = bool(c.poles) and len(with_lean) >= 2
    if by_lean:
        a, b = with_lean.iloc[-1][key], with_lean.iloc[0][key]   # second pole end, first pole end
    else:
        big = ok.sort_values("n_articles", ascending=False, kind="mergesort")
        a, b = big.iloc[0][key], big.iloc[1][key]
    try:
        words = distinctive_terms(c.words, a, b, by=by, lexicons=c.lexs, min_count=3)
    except FramingError:
        words = pd.DataFrame()
    counts = LabelCounts(c.tabs, by)
    labels = []
    for g in groups:
        try:
            labels.append((g, distinctive_terms(counts, g, by=by, unit="label")))
        except FramingError:
            continue
    return Distinctive(a, b, by_lean, words, labels)


def _over_time(c: Corpus) -> OverTime | None:
    art, by = c.tabs.articles, c.by
    if not len(art):
        return None
    months = date_bucket(art["date"], "month")
    dated = months[months != "(none)"]
    if len(dated) < max(3, 0.5 * len(art)) or dated.nunique() < 2:
        return None
    every = "month"
    if dated.nunique() < 4:
        weeks = date_bucket(art["date"], "week")
        if weeks[weeks != "(none)"].nunique() >= 3:
            every = "week"
    pooled = art.assign(_all="all articles")
    pooled.attrs.update(art.attrs)
    return OverTime(every, compare(pooled, by="_all", every=every),
                    compare(c.tabs, by=by, every=every))


# -- the classifier -----------------------------------------------------------------------

def model_info(model) -> dict | None:
    """What the report says about the classifier: file name and the facts on its card.

    ``model`` is a model file's path (its card is read beside it, see
    :func:`framing.classify.read_card`) or a :class:`framing.classify.Model`.
    Card values are checked for type: a card is a user's file like any other.
    """
    if model is None:
        return None
    card = getattr(model, "card", None)
    if isinstance(card, dict):
        file = card.get("model_file")
    else:
        from ..classify.persist import read_card   # scikit-learn: loaded only with a model

        card, file = read_card(model), Path(model).name

    def part(d, key) -> dict:
        return d[key] if isinstance(d.get(key), dict) else {}

    cv, data = part(part(card, "metrics"), "cross_validation"), part(card, "training_data")

    def num(v):
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) \
            and math.isfinite(v) else None

    classes = card.get("classes")
    return {
        "file": str(file) if file else None,
        "name": str(card["name"]) if isinstance(card.get("name"), str) and card["name"] else None,
        "classes": [str(c) for c in classes] if isinstance(classes, list) else None,
        "unit": card.get("unit") if isinstance(card.get("unit"), str) else None,
        "macro_f1": num(cv.get("macro_f1")),
        "folds": int(cv["folds"]) if num(cv.get("folds")) else None,
        "n_records": int(data["n_records"]) if num(data.get("n_records")) else None,
        "sha256": str(card["model_sha256"]) if isinstance(card.get("model_sha256"), str) else None,
        "created": str(card["created"]) if isinstance(card.get("created"), str) else None,
    }


def progress(it, enabled: bool, desc: str):
    """``it`` with a progress bar (tqdm.auto: a widget in notebooks with ipywidgets, else text on stderr)."""
    if not enabled:
        return it
    import warnings

    with warnings.catch_warnings():  # no ipywidgets: tqdm.auto warns, then draws text bars
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm
    return tqdm(it, desc=desc, unit=" articles", file=sys.stderr, delay=1.0, leave=False)
