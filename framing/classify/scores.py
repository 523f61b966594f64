"""Classifier outputs as article columns: scores per document, per article, per group.

A model trained on sentences scores each sentence of a document and averages
(:func:`score_texts`); :func:`with_scores` adds ``score_<class>`` to each
article's ``meta`` as it streams by, so the scores become columns of the
article table, the comparison and the report.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Sequence

import numpy as np
import pandas as pd

from ..compare import group_value, score_means
from ..data import as_article
from ..tables import SCORE_PREFIX
from ..text import sentences

__all__ = ["SCORE_PREFIX", "score_texts", "with_scores", "article_scores", "group_scores",
           "collect_scores", "mean_scores"]



def score_texts(model, texts: Sequence[str]) -> np.ndarray:
    """Class probabilities for documents of any length.

    A model trained on sentences (card ``unit: sentence``) scores each
    sentence of a document and averages: for a loaded-language model that is
    the expected share of loaded sentences. A document model scores the text
    whole. A text with no sentence gets NaN.
    """
    texts = list(texts)
    k = len(model.classes)
    if model.card.get("unit") != "sentence":
        return model.predict_proba(texts) if texts else np.zeros((0, k))
    spans, owner = [], []
    for i, t in enumerate(texts):
        for s, e in sentences(t):
            spans.append(t[s:e])
            owner.append(i)
    out = np.full((len(texts), k), np.nan)
    if spans:
        P = model.predict_proba(spans)
        owner = np.asarray(owner)
        for i in range(len(texts)):
            rows = P[owner == i]
            if len(rows):
                out[i] = rows.mean(0)
    return out



def with_scores(articles, model, *, batch_size: int = 64):
    """Pass articles on with the model's class scores added to ``Article.meta``.

    Each article gains ``score_<class>`` for every class of the model (see
    :func:`score_texts`), so the scores become columns of
    :func:`framing.compare.article_table` and of the report's
    ``tables/articles.csv``. Articles are scored in batches as they stream by.
    """
    classes = model.classes
    buf: list = []

    def flush():
        P = score_texts(model, [a.text for a in buf])
        for a, row in zip(buf, P):
            meta = dict(a.meta or {})
            meta.update({f"{SCORE_PREFIX}{c}": (None if np.isnan(v) else round(float(v), 4))
                         for c, v in zip(classes, row)})
            yield replace(a, meta=meta)
        buf.clear()

    for n, a in enumerate(articles, 1):
        buf.append(as_article(a, n))
        if len(buf) >= batch_size:
            yield from flush()
    if buf:
        yield from flush()


def article_scores(analyses) -> dict:
    """``{column: value}`` of the ``score_`` fields of an analysis's article (for JSON output)."""
    meta = analyses.article.meta or {}
    return {k: v for k, v in meta.items() if k.startswith(SCORE_PREFIX)}


def group_scores(analyses, by: str = "outlet") -> pd.DataFrame:
    """Mean class score per group, from analyses of articles passed through :func:`with_scores`.

    Returns:
        Columns ``<by>`` then ``score_<class>`` (means over the group's
        articles, NaN-skipping); empty when no article has scores.
    """
    rows: list[dict] = []
    for _ in collect_scores(analyses, by, rows):
        pass
    return mean_scores(rows, by)


def collect_scores(analyses, by: str, rows: list) -> Iterator:
    """Pass ``analyses`` on, appending ``{by: group, score_<class>: …}`` to ``rows`` for
    each one with scores, so that a stream consumed by something else is scored on the way."""
    for an in analyses:
        s = article_scores(an)
        if s:
            rows.append({by: group_value(an.article, by), **s})
        yield an


def mean_scores(rows: list[dict], by: str) -> pd.DataFrame:
    """The per-group means of rows from :func:`collect_scores` (see :func:`group_scores`)."""
    if not rows:
        return pd.DataFrame(columns=[by])
    df = pd.DataFrame(rows)
    cols = [c for c in df.columns if c != by]
    return score_means(df, by, columns=cols, intervals=False)[[by, *cols]]

