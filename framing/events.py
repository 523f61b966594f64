"""Same-event clustering: which articles from different outlets report the same event.

Comparing outlets over all their articles mixes two things: *which* stories
an outlet picked, and *how* it told them. Grouping articles about the same
event lets :func:`event_outlets` compare label choices within an event, where
the story is held fixed (:func:`event_labels`, :func:`event_departures`).

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

import math
from typing import Iterable

import numpy as np
import pandas as pd

from . import stats
from .analyze import as_analyses
from .data import Analysis, Article
from .errors import FramingError
from .groups import group_key
from .tables import Tables, article_key, tables

__all__ = ["find_events", "event_pairs", "pair_scores", "WINDOW_DAYS", "THRESHOLD",
           "event_outlets", "event_labels", "event_departures"]

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


# -- same-event comparison ----------------------------------------------------------

def _event_tables(analyses, events, lexicons, window_days, threshold):
    """The article and term tables with an ``event`` column, and the events table."""
    if isinstance(analyses, Tables):
        raise FramingError("event comparison needs the analyses (their texts), not Tables")
    ans = list(as_analyses(analyses, lexicons))
    ev = events if events is not None else find_events(ans, window_days=window_days,
                                                       threshold=threshold)
    if len(ev) != len(ans):
        raise FramingError(f"events has {len(ev)} rows for {len(ans)} analyses")
    tabs = tables(ans, lexicons=lexicons)
    art = tabs.articles.copy()
    art["event"] = ev["event"].to_numpy()
    art["outlet"] = art["outlet"].map(group_key)
    key_event = dict(zip(article_key(art), art["event"]))
    terms = tabs.terms.copy()
    terms["outlet"] = terms["outlet"].map(group_key)
    terms["event"] = [key_event.get(k) for k in article_key(tabs.terms)]
    n_out = art.groupby("event")["outlet"].transform("nunique")
    return art[n_out >= 2], terms[terms["event"].isin(set(art["event"][n_out >= 2]))], ev


def _tvd(p: dict, q: dict) -> float:
    """Total variation distance between two count dicts (as distributions)."""
    sp, sq = sum(p.values()), sum(q.values())
    keys = set(p) | set(q)
    return 0.5 * sum(abs(p.get(k, 0) / sp - q.get(k, 0) / sq) for k in keys)


def event_outlets(analyses, *, events: pd.DataFrame | None = None, lexicons=None,
                  window_days: float | None = None, threshold: float | None = None,
                  lexicon: str | None = None) -> pd.DataFrame:
    """Label choices per event and outlet, and how each outlet departs from the others.

    Articles are clustered into events with :func:`framing.events.find_events`
    (TF-IDF cosine within a date window); only events covered by at least two
    outlets are compared. Within an event the story is held fixed, so a
    difference here is a difference in telling, not in which stories were
    picked.

    Args:
        analyses: analyses, articles or corpus paths (consumed once; not :class:`Tables`,
            the texts are needed).
        events: a :func:`~framing.events.find_events` table for the same
            articles in the same order (to reuse or supply your own clustering).
        lexicons: as in :func:`tables`.
        window_days, threshold: passed to :func:`~framing.events.find_events`
            (defaults: its defaults).
        lexicon: whose labels to compare: a pack name, ``"all"``, or ``None``
            for the pack whose axis defines the lean.

    Returns:
        One row per event and outlet: ``event, event_title`` (the title of
        the event's earliest article), ``outlet, date`` (its earliest),
        ``n_articles, article_ids``, ``lean`` (pooled over the outlet's
        articles on the event), ``others_lean`` (pooled over the other
        outlets' articles on it), ``lean_departure`` (``lean - others_lean``;
        NaN when either has no axis terms), ``labels`` (the labels it used,
        ``referent: label count, ...``), ``label_departure`` (mean, over the
        referents both it and the others mention, of the total variation
        distance between its label shares and the others' pooled shares: 0 =
        same words, 1 = no label in common) and ``n_shared_referents``.
        Sorted by event date, event, then lean.
    """
    wd = WINDOW_DAYS if window_days is None else window_days
    th = THRESHOLD if threshold is None else threshold
    art, terms, ev = _event_tables(analyses, events, lexicons, wd, th)
    terms = _of_lexicon(terms, art, lexicon)
    cols = ["event", "event_title", "outlet", "date", "n_articles", "article_ids", "lean",
            "others_lean", "lean_departure", "labels", "label_departure", "n_shared_referents"]
    rows = []
    counts: dict = {}
    for r in terms.itertuples(index=False):
        d = counts.setdefault((r.event, r.outlet), {}).setdefault((r.lexicon, r.referent), {})
        d[r.label] = d.get(r.label, 0) + 1
    for event, ea in art.groupby("event", sort=False):
        ea = ea.assign(_d=ea["date"].astype(object).where(ea["date"].notna(), ""))
        first = ea.sort_values("_d", kind="mergesort").iloc[0]
        tot_num, tot_den = ea["lean_num"].sum(), ea["lean_den"].sum()
        outlets = list(dict.fromkeys(ea["outlet"]))
        for o in outlets:
            oa = ea[ea["outlet"] == o]
            num, den = oa["lean_num"].sum(), oa["lean_den"].sum()
            onum, oden = tot_num - num, tot_den - den
            lean = num / den if den else math.nan
            others = onum / oden if oden else math.nan
            mine = counts.get((event, o), {})
            theirs: dict = {}
            for o2 in outlets:
                if o2 == o:
                    continue
                for ref, d in counts.get((event, o2), {}).items():
                    t = theirs.setdefault(ref, {})
                    for lb, c in d.items():
                        t[lb] = t.get(lb, 0) + c
            shared = [ref for ref in mine if ref in theirs]
            tvd = float(np.mean([_tvd(mine[r], theirs[r]) for r in shared])) if shared else math.nan
            labels = "; ".join(
                f"{ref[1]}: " + ", ".join(f"{lb} {c}" for lb, c in
                                          sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))
                for ref, d in sorted(mine.items()))
            rows.append({
                "event": event, "event_title": first["title"], "outlet": o,
                "date": oa["_d"].min() or None, "n_articles": len(oa),
                "article_ids": list(oa["id"]), "lean": lean, "others_lean": others,
                "lean_departure": lean - others, "labels": labels,
                "label_departure": tvd, "n_shared_referents": len(shared),
                "_event_date": first["_d"],
            })
    out = pd.DataFrame(rows, columns=cols + ["_event_date"])
    if not out.empty:
        out["_e"] = out["event"].str[1:].astype(int)
        out = out.sort_values(["_event_date", "_e", "lean"], na_position="last",
                              kind="mergesort").drop(columns="_e")
    out = out.drop(columns="_event_date").reset_index(drop=True)
    out.attrs.update(window_days=ev.attrs.get("window_days", wd),
                     threshold=ev.attrs.get("threshold", th), axis=art.attrs.get("axis"),
                     poles=art.attrs.get("poles"))
    return out


def _of_lexicon(terms: pd.DataFrame, art: pd.DataFrame, lexicon: str | None) -> pd.DataFrame:
    if lexicon == "all":
        return terms
    name = lexicon or art.attrs.get("axis")
    if name is None:
        return terms
    if lexicon and not terms.empty and name not in set(terms["lexicon"]):
        raise FramingError(f"lexicon {name!r} has no hits here; used: "
                           f"{', '.join(sorted(set(terms['lexicon'])))}, or 'all'")
    return terms[terms["lexicon"] == name]


def event_labels(analyses, *, events: pd.DataFrame | None = None, lexicons=None,
                 window_days: float | None = None, threshold: float | None = None,
                 lexicon: str | None = None) -> pd.DataFrame:
    """Per event, outlet and referent: each label's share, next to the other outlets' share.

    Args: as in :func:`event_outlets`.

    Returns:
        Columns ``event, outlet, lexicon, referent, label, echoes, count, share``
        (of the outlet's hits on the referent in the event), ``others_count``
        and ``others_share`` (the same label among the other outlets' hits on
        that referent in the event; NaN share when they never mention it),
        ``article_ids`` (the outlet's articles on the event that use the
        label). Labels only the other outlets used appear with count 0, so
        a label an outlet avoids is visible.
    """
    wd = WINDOW_DAYS if window_days is None else window_days
    th = THRESHOLD if threshold is None else threshold
    art, terms, ev = _event_tables(analyses, events, lexicons, wd, th)
    terms = _of_lexicon(terms, art, lexicon)
    cols = ["event", "outlet", "lexicon", "referent", "label", "echoes", "count", "share",
            "others_count", "others_share", "article_ids"]
    if terms.empty:
        return pd.DataFrame(columns=cols)
    c = (terms.groupby(["event", "outlet", "lexicon", "referent", "label"], sort=False)
              .agg(count=("label", "size"), article_ids=("id", lambda s: list(dict.fromkeys(s))))
              .reset_index())
    echoes = terms.groupby(["lexicon", "referent", "label"])["echoes"].first()
    rows = []
    outlets_of = art.groupby("event", sort=False)["outlet"].agg(lambda s: list(dict.fromkeys(s)))
    for (event, lx, ref), sub in c.groupby(["event", "lexicon", "referent"], sort=False):
        labels = list(dict.fromkeys(sub["label"]))
        by_o = {o: dict(zip(g["label"], g["count"])) for o, g in sub.groupby("outlet", sort=False)}
        ids = {(r.outlet, r.label): r.article_ids for r in sub.itertuples()}
        for o in outlets_of[event]:
            mine = by_o.get(o)
            if not mine:
                continue
            tot = sum(mine.values())
            theirs: dict = {}
            for o2, d in by_o.items():
                if o2 != o:
                    for lb, n in d.items():
                        theirs[lb] = theirs.get(lb, 0) + n
            ttot = sum(theirs.values())
            for lb in labels:
                n, tn = mine.get(lb, 0), theirs.get(lb, 0)
                rows.append({"event": event, "outlet": o, "lexicon": lx, "referent": ref,
                             "label": lb, "echoes": echoes.get((lx, ref, lb)), "count": n,
                             "share": n / tot, "others_count": tn,
                             "others_share": tn / ttot if ttot else math.nan,
                             "article_ids": ids.get((o, lb), [])})
    out = pd.DataFrame(rows, columns=cols)
    if not out.empty:
        first_date = art.assign(_d=art["date"].astype(object).where(art["date"].notna(), "")) \
            .groupby("event")["_d"].min()
        out["_d"] = out["event"].map(first_date)
        out["_e"] = out["event"].str[1:].astype(int)
        out = out.sort_values(["_d", "_e", "lexicon", "referent", "outlet", "count", "label"],
                              ascending=[True, True, True, True, True, False, True],
                              kind="mergesort").drop(columns=["_d", "_e"]).reset_index(drop=True)
    out.attrs.update(window_days=ev.attrs.get("window_days", wd),
                     threshold=ev.attrs.get("threshold", th))
    return out


def event_departures(analyses, *, events: pd.DataFrame | None = None, lexicons=None,
                     window_days: float | None = None, threshold: float | None = None,
                     n_resamples: int = stats.DEFAULT_RESAMPLES, seed: int = stats.DEFAULT_SEED,
                     level: float = stats.LEVEL, min_events: int = stats.MIN_ARTICLES,
                     lexicon: str | None = None) -> pd.DataFrame:
    """How far each outlet departs from the other outlets on the same events, on average.

    Args:
        analyses: as in :func:`event_outlets`, or a table it returned.
        n_resamples, seed, level: the bootstrap over *events* (see :mod:`framing.stats`).
        min_events: outlets on fewer events get a ``warning``.
        events, lexicons, window_days, threshold, lexicon: as in :func:`event_outlets`.

    Returns:
        One row per outlet: ``outlet, n_events``, ``lean_departure`` (mean of
        its per-event ``lean - others_lean`` over the events where both are
        defined) with ``lean_departure_lo/_hi``, ``n_events_lean`` (those
        events), ``label_departure`` (mean total variation distance) with
        ``_lo/_hi``, ``warning`` and ``events`` (the event ids). Sorted by
        lean departure.
    """
    eo = analyses if isinstance(analyses, pd.DataFrame) else event_outlets(
        analyses, events=events, lexicons=lexicons, window_days=window_days,
        threshold=threshold, lexicon=lexicon)
    cols = ["outlet", "n_events", "lean_departure", "lean_departure_lo", "lean_departure_hi",
            "n_events_lean", "label_departure", "label_departure_lo", "label_departure_hi",
            "warning", "events"]
    if eo.empty:
        return pd.DataFrame(columns=cols)
    ld = eo["lean_departure"].to_numpy(dtype=float)
    td = eo["label_departure"].to_numpy(dtype=float)
    num = np.column_stack([np.nan_to_num(ld), np.nan_to_num(td)])
    den = np.column_stack([~np.isnan(ld), ~np.isnan(td)]).astype(float)
    grp = eo["outlet"].map(str).to_numpy(dtype=object)
    codes, uniq = pd.factorize(grp, sort=False)
    sn = np.zeros((len(uniq), 2))
    sd = np.zeros((len(uniq), 2))
    np.add.at(sn, codes, num)
    np.add.at(sd, codes, den)
    with np.errstate(divide="ignore", invalid="ignore"):
        point = np.where(sd > 0, sn / sd, np.nan)
    lo, hi = stats.bootstrap_ratios(grp, num, den, n_resamples=n_resamples, seed=seed,
                                    level=level)
    lo, hi = lo.reindex(uniq).to_numpy(), hi.reindex(uniq).to_numpy()
    n_ev = np.bincount(codes, minlength=len(uniq))
    out = pd.DataFrame({
        "outlet": eo.groupby(codes)["outlet"].first().to_numpy(), "n_events": n_ev,
        "lean_departure": point[:, 0], "lean_departure_lo": lo[:, 0],
        "lean_departure_hi": hi[:, 0], "n_events_lean": sd[:, 0].astype(int),
        "label_departure": point[:, 1], "label_departure_lo": lo[:, 1],
        "label_departure_hi": hi[:, 1],
        "warning": [stats.few_articles_warning(int(n), min_events).replace("article", "event")
                    for n in n_ev],
        "events": [list(eo["event"][codes == i]) for i in range(len(uniq))],
    }, columns=cols)
    out = out.sort_values(["lean_departure", "outlet"], na_position="last",
                          kind="mergesort").reset_index(drop=True)
    out.attrs.update({k: eo.attrs.get(k) for k in ("window_days", "threshold", "axis", "poles")})
    out.attrs.update(seed=seed, n_resamples=n_resamples, level=level)
    return out
