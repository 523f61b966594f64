"""Same-event clustering: which articles from different outlets report the same event.

Comparing outlets over all their articles mixes two things: *which* stories
an outlet picked, and *how* it told them. Grouping articles about the same
event lets :func:`framing.compare.event_outlets` compare label choices within
an event, where the story is held fixed.

The method, in order:

1. **Vectors.** TF-IDF over the title and text of every article (scikit-learn
   :class:`~sklearn.feature_extraction.text.TfidfVectorizer`, English stop
   words, sublinear term frequency, words with a letter); rows are
   L2-normalised, so a dot product is the cosine.
2. **Candidates.** Pairs of articles from *different* outlets whose dates are
   at most ``window_days`` apart (pairs where a date is missing or unreadable
   are not compared) and whose cosine is at least ``threshold``.
3. **Mutual best match.** For each article and each other outlet, keep only
   its most similar candidate in that outlet; a pair is linked when each is
   the other's best match. An article is thus linked to at most one article
   per other outlet.
4. **Events.** Links are merged from the most similar down (average
   linkage): two groups of linked articles become one event only if the mean
   cosine over all pairs across them is at least ``threshold``, so a chain of
   links (an outlet's story on Monday linked to another outlet's story that
   is also linked to the first outlet's story on Tuesday) does not fuse two
   events. An article with no link is an event of its own (``n_outlets`` 1).

The defaults (``window_days=3``, ``threshold=0.2``) were chosen on BASIL dev
(``eval/basil_events.py`` prints the sweep and a two-fold check). No data is
downloaded; the vectoriser is fitted on the articles given.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from .data import Analysis, Article
from .errors import FramingError

__all__ = ["find_events", "event_pairs", "pair_scores", "WINDOW_DAYS", "THRESHOLD"]

WINDOW_DAYS = 3
"""Articles more than this many days apart are never the same event."""

THRESHOLD = 0.2
"""Minimum TF-IDF cosine for two articles to be the same event."""

_CHUNK = 256  # rows of the similarity matrix computed at a time


def _articles(items: Iterable) -> list[Article]:
    out = []
    for x in items:
        if isinstance(x, Analysis):
            out.append(x.article)
        elif isinstance(x, Article):
            out.append(x)
        else:
            raise FramingError(f"find_events takes Articles or Analyses, not {type(x).__name__}")
    return out


def _days(dates) -> np.ndarray:
    s = pd.Series(list(dates), dtype=object)
    s = s.where(s.map(lambda v: isinstance(v, str) and bool(v.strip())), None)
    d = pd.to_datetime(s, errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    days = (d - pd.Timestamp("1970-01-01")).dt.days
    return days.to_numpy(dtype=float, na_value=np.nan)


def find_events(articles: Iterable, *, window_days: float = WINDOW_DAYS,
                threshold: float = THRESHOLD) -> pd.DataFrame:
    """Cluster articles from different outlets that report the same event.

    Args:
        articles: :class:`~framing.data.Article` or
            :class:`~framing.data.Analysis` objects (an iterable, consumed once).
        window_days: the largest date difference within a linked pair.
        threshold: the smallest TF-IDF cosine within a linked pair.

    Returns:
        One row per article, in input order: ``id, outlet, date, title,
        event`` (``e1``, ``e2``, ... numbered by the event's first article),
        ``n_outlets`` and ``n_articles`` of its event, and ``similarity`` (the
        cosine of its strongest link within its event, NaN when it has none). ``attrs`` records
        ``window_days`` and ``threshold``.

    Example:

    >>> from framing import Article
    >>> arts = [
    ...     Article("1", "Shelling in Douma kills nine civilians, rescuers said on Monday.",
    ...             outlet="a", date="2018-02-05"),
    ...     Article("2", "Nine civilians killed by shelling in Douma, say rescuers.",
    ...             outlet="b", date="2018-02-06"),
    ...     Article("3", "Talks in Geneva resume with a new agenda on elections.",
    ...             outlet="b", date="2018-02-06")]
    >>> find_events(arts)[["id", "event", "n_outlets"]].values.tolist()
    [['1', 'e1', 2], ['2', 'e1', 2], ['3', 'e2', 1]]
    """
    if window_days < 0:
        raise FramingError(f"window_days must be >= 0, got {window_days}")
    if not 0 <= threshold <= 1:
        raise FramingError(f"threshold must be between 0 and 1, got {threshold}")
    arts = _articles(articles)
    cols = ["id", "outlet", "date", "title", "event", "n_outlets", "n_articles", "similarity"]
    n = len(arts)
    if n == 0:
        out = pd.DataFrame(columns=cols)
        out.attrs.update(window_days=window_days, threshold=threshold)
        return out
    pairs, sims, x = _links(arts, window_days, threshold)
    comp = _merge(pairs, sims, x, n, threshold)
    # number events by their first article
    first: dict[int, int] = {}
    for i, c in enumerate(comp):
        first.setdefault(int(c), len(first) + 1)
    event = [f"e{first[int(c)]}" for c in comp]
    best = np.full(n, np.nan)
    for (i, j), s in zip(pairs, sims):
        if comp[i] != comp[j]:
            continue
        best[i] = np.fmax(best[i], s)
        best[j] = np.fmax(best[j], s)
    out = pd.DataFrame({
        "id": [a.id for a in arts], "outlet": [a.outlet for a in arts],
        "date": [a.date for a in arts], "title": [a.title for a in arts], "event": event,
    })
    out["n_outlets"] = out.groupby("event")["outlet"].transform(
        lambda s: s.astype(object).where(s.notna(), "(none)").nunique()).astype(int)
    out["n_articles"] = out.groupby("event")["id"].transform("size").astype(int)
    out["similarity"] = best
    out.attrs.update(window_days=window_days, threshold=threshold)
    return out[cols]


def event_pairs(articles: Iterable, *, window_days: float = WINDOW_DAYS,
                threshold: float = THRESHOLD) -> tuple[np.ndarray, np.ndarray]:
    """The linked pairs of :func:`find_events` (steps 1-3 of the module docstring).

    Returns:
        ``(pairs, similarities)``: an ``(m, 2)`` array of article positions
        ``i < j`` and their cosines.
    """
    pairs, sims, _ = _links(_articles(articles), window_days, threshold)
    return pairs, sims


def _merge(pairs, sims, x, n: int, threshold: float) -> np.ndarray:
    """Average-linkage merge of linked pairs, most similar first; a component id per article."""
    parent = list(range(n))
    members = {i: [i] for i in range(n)}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k in np.argsort(-sims, kind="stable"):
        a, b = find(int(pairs[k, 0])), find(int(pairs[k, 1]))
        if a == b:
            continue
        ma, mb = members[a], members[b]
        if len(ma) > 1 or len(mb) > 1:
            mean = float((x[ma] @ x[mb].T).mean())
            if mean < threshold:
                continue
        if len(ma) < len(mb):
            a, b, ma, mb = b, a, mb, ma
        parent[b] = a
        ma.extend(mb)
        del members[b]
    return np.array([find(i) for i in range(n)])


def _links(arts: list[Article], window_days: float, threshold: float):
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(arts)
    none = (np.zeros((0, 2), dtype=int), np.zeros(0), None)
    if n < 2:
        return none
    docs = [f"{a.title or ''}\n{a.text}" for a in arts]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True,
                          token_pattern=r"(?u)\b[^\W\d_][\w'-]*\b", dtype=np.float64)
    try:
        x = vec.fit_transform(docs)
    except ValueError:  # no words at all
        return none
    days = _days([a.date for a in arts])
    outlets = pd.Series([a.outlet for a in arts], dtype=object)
    ocode, onames = pd.factorize(outlets.where(outlets.notna(), "(none)"))
    n_out = len(onames)
    # best[i, o] = (similarity, j) of i's best candidate in outlet o
    best_sim = np.full((n, n_out), -1.0)
    best_j = np.full((n, n_out), -1, dtype=int)
    xt = x.T.tocsc()
    for start in range(0, n, _CHUNK):
        stop = min(n, start + _CHUNK)
        s = (x[start:stop] @ xt).toarray()
        rows = np.arange(start, stop)
        ok = (ocode[rows][:, None] != ocode[None, :])
        dd = np.abs(days[rows][:, None] - days[None, :])
        ok &= dd <= window_days          # NaN (missing date) compares False
        ok &= s >= threshold
        s = np.where(ok, s, -1.0)
        for o in range(n_out):
            cols = np.flatnonzero(ocode == o)
            if not len(cols):
                continue
            sub = s[:, cols]
            k = sub.argmax(axis=1)
            v = sub[np.arange(len(rows)), k]
            best_sim[rows, o] = v
            best_j[rows, o] = np.where(v >= 0, cols[k], -1)
    pairs, sims = [], []
    for i in range(n):
        for o in range(n_out):
            j = best_j[i, o]
            if j > i and best_j[j, ocode[i]] == i:
                pairs.append((i, j))
                sims.append(best_sim[i, o])
    return np.array(pairs, dtype=int).reshape(-1, 2), np.array(sims, dtype=float), x


def pair_scores(events: pd.DataFrame, gold) -> dict:
    """Pairing precision and recall of an event clustering against gold event ids.

    A pair is two articles from different outlets. Predicted pairs are those
    in the same predicted event; gold pairs those with the same gold id.

    Args:
        events: a :func:`find_events` table (``event`` and ``outlet`` columns).
        gold: the gold event id of each row, in the same order.

    Returns:
        ``{"precision", "recall", "f1", "predicted", "gold", "correct"}``
        (pair counts and scores; a score is NaN when its denominator is 0).

    >>> ev = pd.DataFrame({"event": ["e1", "e1", "e1", "e2"], "outlet": ["a", "b", "c", "c"]})
    >>> s = pair_scores(ev, ["x", "x", "y", "y"])
    >>> s["predicted"], s["gold"], s["correct"], round(s["precision"], 3), s["recall"]
    (3, 1, 1, 0.333, 1.0)
    """
    pred = list(events["event"])
    outl = list(events["outlet"])
    gold = list(gold)
    if len(gold) != len(pred):
        raise FramingError(f"gold has {len(gold)} ids for {len(pred)} articles")

    def pairs(labels):
        by: dict = {}
        for i, lab in enumerate(labels):
            by.setdefault(lab, []).append(i)
        out = set()
        for members in by.values():
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    i, j = members[a], members[b]
                    if outl[i] != outl[j]:
                        out.add((i, j))
        return out

    p, g = pairs(pred), pairs(gold)
    c = len(p & g)
    prec = c / len(p) if p else float("nan")
    rec = c / len(g) if g else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if p and g and (prec + rec) else float("nan")
    return {"precision": prec, "recall": rec, "f1": f1, "predicted": len(p), "gold": len(g),
            "correct": c}
