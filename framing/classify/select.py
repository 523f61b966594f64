"""Model selection: cross-validate a few candidates, keep the best, never one below a baseline.

``framing train`` does not trust one design. It cross-validates a small set of
*candidates* on the user's own labels and keeps the one with the highest
cross-validated score (macro-F1 for one label per record; micro- or macro-F1,
``optimise``, for multi-label records). Two of them are the textbook
baselines, so the model it ships never scores below the best baseline in
cross-validation:

- ``tfidf-word``: word 1-2-gram TF-IDF, logistic regression with balanced
  class weights (one-vs-rest for multi-label records, threshold 0.5);
- ``tfidf-char``: the same on character 2-5-grams;
- ``framing``: a :class:`~framing.classify.stack.StackedClassifier` of the
  parts of :func:`~framing.classify.pipelines.make_part`: naive-Bayes-weighted
  n-grams (``words``), lexicon/subjectivity/attribution features (``cues``),
  all-MiniLM-L6-v2 embeddings (``embedding``, unless turned off) and, when
  the data say which words annotators marked, the ``marked`` part; for
  multi-label records with per-label thresholds tuned in cross-validation.

How it is done, once for all candidates: every part is cross-validated once on
the same folds (shuffled, seeded; stratified for one label per record), which
gives each record its out-of-fold decision values. A single-part candidate is
scored from its own out-of-fold predictions. A stacked or thresholded
candidate is scored fold by fold: its combiner and thresholds are learnt from
the out-of-fold values of the *other* folds' records and applied to the
held-out fold's. (The other folds' values come from models that saw the
held-out fold's records; the few weights learnt from them make the leak small.
``eval/babe_cv.py --nested`` compares this with a fully nested run.) The
winner is refitted on all records; its combiner and thresholds are fitted on
all the out-of-fold values, as :meth:`StackedClassifier.fit` would with the
same folds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from sklearn.preprocessing import MultiLabelBinarizer
from threadpoolctl import threadpool_limits

from ..errors import FramingError
from .metrics import classification_metrics
from .pipelines import make_part
from .stack import (OPTIMISE, StackedClassifier, apply_thresholds, decision_values, fit_part,
                    splitter, take_rows)

__all__ = ["Candidate", "Selection", "candidates", "select_model", "build_candidate", "CANDIDATES"]

CANDIDATES = ("tfidf-word", "tfidf-char", "framing")
"""The candidates :func:`candidates` names, baselines first."""


@dataclass(frozen=True)
class Candidate:
    """One model ``framing train`` may ship: its parts and whether it is a baseline."""

    name: str
    parts: tuple[str, ...]
    baseline: bool = False
    tune: bool = False
    about: str = ""


def candidates(names: Sequence[str] | None = None, *, multilabel: bool = False,
               embeddings: bool = True, marked: bool = False) -> list[Candidate]:
    """The candidates to cross-validate (default: all of :data:`CANDIDATES`).

    >>> [c.name for c in candidates()]
    ['tfidf-word', 'tfidf-char', 'framing']
    >>> candidates(["framing"], embeddings=False, marked=False)[0].parts
    ('words', 'cues')
    """
    names = list(names or CANDIDATES)
    bad = [n for n in names if n not in CANDIDATES]
    if bad or not names:
        raise FramingError(f"candidate(s) {', '.join(bad) or '(none)'} unknown; allowed: "
                           f"{', '.join(CANDIDATES)}")
    parts = ("words", "cues", *(("embedding",) if embeddings else ()),
             *(("marked",) if marked and not multilabel else ()))
    every = {
        "tfidf-word": Candidate("tfidf-word", ("tfidf-word",), baseline=True,
                                about="word 1-2-gram TF-IDF, balanced logistic regression"),
        "tfidf-char": Candidate("tfidf-char", ("tfidf-char",), baseline=True,
                                about="character 2-5-gram TF-IDF, balanced logistic regression"),
        "framing": Candidate("framing", parts, tune=multilabel,
                             about="stack of " + ", ".join(parts)
                             + (" with per-label thresholds" if multilabel else "")),
    }
    return [every[n] for n in dict.fromkeys(names)]


def build_candidate(name: str, *, multilabel: bool = False, words=None, names=None, folds: int = 5,
                    random_state: int = 0, optimise: str = "micro", embeddings: bool = True,
                    document: bool = False, lexicon="general-bias",
                    attribution_lexicon="conflict-syria", max_chunks=None) -> StackedClassifier:
    """The unfitted :class:`StackedClassifier` of one candidate (``names`` is ignored)."""
    c = candidates([name], multilabel=multilabel, embeddings=embeddings, marked=words is not None)[0]
    kw = dict(multilabel=multilabel, document=document, lexicon=lexicon,
              attribution_lexicon=attribution_lexicon, max_chunks=max_chunks,
              random_state=random_state)
    return StackedClassifier(parts=[(p, make_part(p, **kw)) for p in c.parts], cv=folds,
                             thresholds="tune" if c.tune else None, optimise=optimise,
                             random_state=random_state)


@dataclass
class Selection:
    """What :func:`select_model` found: the fitted winner and every candidate's scores."""

    model: StackedClassifier
    chosen: str
    classes: list[str]
    multilabel: bool
    table: list[dict]
    metrics: dict
    settings: dict = field(default_factory=dict)

    def frame(self) -> pd.DataFrame:
        """One row per candidate: name, baseline, score, sd, folds' scores, seconds, chosen."""
        return pd.DataFrame(self.table)

    def card(self) -> dict:
        """The model card's ``selection`` entry."""
        return {**self.settings, "chosen": self.chosen, "candidates": self.table}


def _targets(labels, multilabel: bool, folds: int):
    if multilabel:
        mlb = MultiLabelBinarizer()
        Y = mlb.fit_transform(labels)
        classes = [str(c) for c in mlb.classes_]
        if not classes:
            raise FramingError("no record has a label: nothing to learn")
        return Y, classes
    return np.asarray(labels, dtype=object), single_label_classes(labels, folds)


def single_label_classes(labels, folds: int) -> list:
    """The sorted classes of single labels, refused when fewer than two or when a class has
    fewer records than ``folds``."""
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise FramingError(f"need at least two classes to train, found {classes}")
    small = {c: n for c, n in pd.Series(labels).value_counts().items() if n < folds}
    if small:
        raise FramingError(
            f"{folds}-fold cross-validation needs at least {folds} records per class; "
            + ", ".join(f"{c!r} has {n}" for c, n in small.items())
            + " (use fewer folds, or drop the class with --labels)")
    return classes


def _labels_of(pred, classes, multilabel: bool) -> list:
    if multilabel:
        return [[classes[j] for j in np.flatnonzero(row)] for row in pred]
    return [str(x) for x in pred]


def _single_prediction(Z: np.ndarray, classes, multilabel: bool):
    """Predictions of one part from its decision values (threshold 0.5 = log-odds 0)."""
    if multilabel:
        return Z >= 0
    if Z.shape[1] == 1:
        return np.asarray(classes, dtype=object)[(Z[:, 0] > 0).astype(int)]
    return np.asarray(classes, dtype=object)[Z.argmax(1)]


def _head(cand: Candidate, n_folds: int, optimise: str, random_state) -> StackedClassifier:
    return StackedClassifier(parts=[(p, None) for p in cand.parts], cv=n_folds,
                             thresholds="tune" if cand.tune else None, optimise=optimise,
                             random_state=random_state)


def _predict_values(head: StackedClassifier, Z: np.ndarray, classes, multilabel: bool):
    P = head.proba_from_values(Z)
    if multilabel:
        return apply_thresholds(P, head.thresholds_, head.min_labels_, head.max_labels_)
    return np.asarray(classes, dtype=object)[P.argmax(1)]


def select_model(texts: Sequence[str], labels: Sequence, *, multilabel: bool,
                 words: Sequence | None = None, names: Sequence[str] | None = None,
                 folds: int = 5, random_state: int = 0, optimise: str = "micro",
                 embeddings: bool = True, document: bool = False, lexicon="general-bias",
                 attribution_lexicon="conflict-syria", max_chunks=None,
                 progress: Callable[[str], None] | None = None) -> Selection:
    """Cross-validate the candidates on ``texts``/``labels``, pick the best, fit it on all.

    Args:
        texts, labels: the records (labels: strings, or lists of strings).
        multilabel: whether labels are lists.
        words: the words annotators marked in each text (adds the ``marked``
            part to the ``framing`` candidate; one label per record only).
        names: candidates to consider (default: all of :data:`CANDIDATES`).
        folds, random_state: the cross-validation (shuffled; stratified for
            one label per record).
        optimise: multi-label only: ``"micro"`` or ``"macro"`` F1, the score
            candidates are chosen by and thresholds are tuned for.
        embeddings: give the ``framing`` candidate its embedding part.
        document: the texts are articles (see :func:`~framing.classify.pipelines.make_part`).
        lexicon, attribution_lexicon, max_chunks: passed to the parts.
        progress: called with a line of text as each part is cross-validated.

    Returns:
        A :class:`Selection`; its ``metrics`` are the chosen candidate's
        cross-validated metrics (as :func:`~framing.classify.cross_validate`
        returns them), its ``table`` every candidate's scores.
    """
    if optimise not in OPTIMISE:
        raise FramingError(f"optimise={optimise!r}; allowed: {', '.join(OPTIMISE)}")
    with threadpool_limits(limits=1, user_api="blas"):  # see StackedClassifier.fit
        return _select(list(texts), list(labels), multilabel=multilabel, words=words, names=names,
                       folds=folds, random_state=random_state, optimise=optimise,
                       embeddings=embeddings, document=document, lexicon=lexicon,
                       attribution_lexicon=attribution_lexicon, max_chunks=max_chunks,
                       progress=progress)


def _select(texts, labels, *, multilabel, words, names, folds, random_state, optimise, embeddings,
            document, lexicon, attribution_lexicon, max_chunks, progress) -> Selection:
    """The body of :func:`select_model`."""
    y, classes = _targets(list(labels), multilabel, folds)
    cands = candidates(names, multilabel=multilabel, embeddings=embeddings,
                       marked=words is not None)
    splits = list(splitter(multilabel, folds, random_state).split(texts, None if multilabel else y))
    kw = dict(multilabel=multilabel, document=document, lexicon=lexicon,
              attribution_lexicon=attribution_lexicon, max_chunks=max_chunks,
              random_state=random_state)
    Z: dict[str, np.ndarray] = {}
    seconds: dict[str, float] = {}
    for part in dict.fromkeys(p for c in cands for p in c.parts):
        t0 = time.perf_counter()
        est = make_part(part, **kw)
        for tr, te in splits:
            m = fit_part(est, [texts[i] for i in tr], y[tr], take_rows(words, tr))
            d = decision_values(m, [texts[i] for i in te])
            if part not in Z:
                Z[part] = np.zeros((len(texts), d.shape[1]))
            Z[part][te] = d
        seconds[part] = time.perf_counter() - t0
        if progress:
            progress(f"cross-validated part {part} in {seconds[part]:.1f} s")
    metric = optimise if multilabel else "macro"
    part_scores = {}
    for part, Zp in Z.items():  # each part alone (threshold 0.5), for the card: not a candidate
        f = [classification_metrics([labels[i] for i in te],
                                    _labels_of(_single_prediction(Zp[te], classes, multilabel),
                                               classes, multilabel), classes, multilabel)[f"{metric}_f1"]
             for _, te in splits]
        part_scores[part] = {"score": round(float(np.mean(f)), 4), "seconds": round(seconds[part], 1)}
    table, oof = [], {}
    for c in cands:
        pred: list = [None] * len(texts)
        fold_scores = []
        for k, (tr, te) in enumerate(splits):
            if len(c.parts) == 1 and not c.tune:
                p = _single_prediction(Z[c.parts[0]][te], classes, multilabel)
            else:
                Zc = np.stack([Z[p] for p in c.parts], 1)
                inner = [(a, b) for j, (a, b) in enumerate(splits) if j != k]
                head = _head(c, folds, optimise, random_state).finish(
                    [None] * len(c.parts), Zc[tr], y[tr], _reindex(inner, tr), classes=classes)
                p = _predict_values(head, Zc[te], classes, multilabel)
            got = _labels_of(p, classes, multilabel)
            for i, x in zip(te, got):
                pred[i] = x
            gold = [labels[i] for i in te]
            fold_scores.append(classification_metrics(gold, got, classes, multilabel)[f"{metric}_f1"])
        m = classification_metrics(list(labels), pred, classes, multilabel)
        m.update({"folds": folds, "random_state": random_state,
                  f"{metric}_f1_folds": [round(x, 4) for x in fold_scores]})
        if metric == "macro":
            m.update({"macro_f1": float(np.mean(fold_scores)), "macro_f1_sd": float(np.std(fold_scores)),
                      "macro_f1_folds": [round(x, 4) for x in fold_scores]})
        oof[c.name] = m
        table.append({"candidate": c.name, "baseline": c.baseline, "parts": list(c.parts),
                      "about": c.about, "score": round(float(np.mean(fold_scores)), 4),
                      "score_sd": round(float(np.std(fold_scores)), 4),
                      "folds": [round(x, 4) for x in fold_scores],
                      **({"micro_f1": round(m["micro_f1"], 4)} if multilabel else {}),
                      "macro_f1": round(m["macro_f1"], 4),
                      "seconds": round(sum(seconds[p] for p in c.parts), 1)})
    best = max(range(len(cands)), key=lambda i: (table[i]["score"], -i))
    for i, row in enumerate(table):
        row["chosen"] = i == best
    chosen = cands[best]
    t0 = time.perf_counter()
    fitted = [fit_part(make_part(p, **kw), texts, y, words) for p in chosen.parts]
    Zc = np.stack([Z[p] for p in chosen.parts], 1)
    model = build_candidate(chosen.name, words=words, folds=folds, optimise=optimise,
                            embeddings=embeddings, **kw)
    model.finish(fitted, Zc, y, splits, classes=classes)
    if progress:
        progress(f"fitted {chosen.name} on all {len(texts)} records in "
                 f"{time.perf_counter() - t0:.1f} s")
    settings = {"score": f"{metric}-F1, mean over folds", "optimise": optimise if multilabel else None,
                "folds": folds, "random_state": random_state, "parts_alone": part_scores,
                "rule": "the highest mean cross-validated score; a tie goes to the candidate "
                        "listed first (baselines are listed first)"}
    return Selection(model, chosen.name, classes, multilabel, table, oof[chosen.name], settings)


def _reindex(splits, rows) -> list:
    """``splits`` (indices into all records) as indices into ``rows`` (a subset of them)."""
    pos = {r: i for i, r in enumerate(rows)}
    out = []
    for tr, te in splits:
        a = np.array([pos[i] for i in tr if i in pos], dtype=int)
        b = np.array([pos[i] for i in te if i in pos], dtype=int)
        if len(a) and len(b):
            out.append((a, b))
    return out
