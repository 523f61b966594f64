"""Stacked parts and tuned multi-label thresholds: the estimator ``framing train`` ships.

A :class:`StackedClassifier` holds *parts*: unfitted scikit-learn estimators
that take raw texts and end in a linear classifier (an n-gram model, a
lexicon/style/attribution model, an embedding model, a model of the words
annotators marked). ``fit`` gets each part's out-of-fold decision values
(log-odds) in ``cv``-fold cross-validation, learns how far to trust each part
from them (a logistic regression, the *combiner*: one over all parts for
multi-class labels, one per label over the parts' values for that label for
multi-label ones), and refits every part on all the data. With one part there
is no combiner: the part's own probabilities are used.

Multi-label (a label-indicator matrix as ``y``): with ``thresholds="tune"``
each label gets its own decision threshold, chosen on the out-of-fold
probabilities to maximise micro- or macro-F1 (``optimise``); then, if that
raises the same score out of fold, a record with no label above its threshold
gets its likeliest one (``min_labels_ = 1``), and no record gets more labels
than the most any training record has (``max_labels_``): the label
cardinality of the training data.

Everything is a plain attribute (arrays, numbers, fitted scikit-learn
estimators), so :mod:`framing.classify.persist` saves it without pickle.

>>> from sklearn.feature_extraction.text import TfidfVectorizer
>>> from sklearn.linear_model import LogisticRegression
>>> from sklearn.pipeline import make_pipeline
>>> texts = ["the army shelled the town", "talks resumed in geneva", "troops shelled a village",
...          "envoys met for talks"] * 5
>>> parts = [("words", make_pipeline(TfidfVectorizer(), LogisticRegression()))]
>>> StackedClassifier(parts=parts, cv=2).fit(texts, ["war", "talks"] * 10).predict(["shelled"]).tolist()
['war']
"""

from __future__ import annotations

import inspect

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

__all__ = ["StackedClassifier", "OPTIMISE", "splitter", "decision_values", "tune_thresholds",
           "apply_thresholds", "fit_part", "take_rows"]

OPTIMISE = ("micro", "macro")
"""Scores a multi-label model's thresholds can maximise: micro- or macro-averaged F1."""

_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


def splitter(multilabel: bool, folds: int, random_state):
    """The cross-validation splitter: stratified for one label per record, plain K-fold for sets."""
    cls = KFold if multilabel else StratifiedKFold
    return cls(folds, shuffle=True, random_state=random_state)


def decision_values(est, X) -> np.ndarray:
    """``est``'s decision values as a 2-D array (one column for a binary task)."""
    d = np.asarray(est.decision_function(X), dtype=np.float64)
    return d[:, None] if d.ndim == 1 else d


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


def _f1(T, P, optimise: str) -> float:
    return float(f1_score(T, P, average=optimise, zero_division=0))


def tune_thresholds(T: np.ndarray, P: np.ndarray, optimise: str = "micro") -> np.ndarray:
    """Per-label thresholds on probabilities ``P`` that maximise F1 against indicators ``T``.

    ``macro``: each label's own F1. ``micro``: starting there, each label's
    threshold in turn is moved to where the pooled (micro) F1 is highest,
    twice over. Thresholds come from a grid of 0.05 to 0.95 in steps of 0.01;
    a tie goes to the threshold nearest 0.5.

    >>> T = np.array([[1], [1], [0], [0]]); P = np.array([[0.4], [0.3], [0.2], [0.1]])
    >>> tune_thresholds(T, P).tolist()  # 0.21 to 0.30 all separate them; 0.30 is nearest 0.5
    [0.3]
    """
    if optimise not in OPTIMISE:
        raise ValueError(f"optimise={optimise!r}; allowed: {', '.join(OPTIMISE)}")
    T = np.asarray(T, dtype=bool)
    n_labels = T.shape[1]
    prefer = -np.abs(_GRID - 0.5)  # tie-break toward 0.5
    th = np.full(n_labels, 0.5)
    for j in range(n_labels):
        pred = P[:, j][:, None] >= _GRID[None, :]
        tp = (pred & T[:, j][:, None]).sum(0)
        f1 = 2 * tp / np.maximum(pred.sum(0) + T[:, j].sum(), 1)
        th[j] = _GRID[np.lexsort((prefer, f1))[-1]]
    if optimise == "macro":
        return th
    for _ in range(2):
        for j in range(n_labels):
            pred = P >= th
            tp0 = (pred & T).sum() - (pred[:, j] & T[:, j]).sum()
            np0 = pred.sum() - pred[:, j].sum()
            pj = P[:, j][:, None] >= _GRID[None, :]
            tp = tp0 + (pj & T[:, j][:, None]).sum(0)
            f1 = 2 * tp / np.maximum(np0 + pj.sum(0) + T.sum(), 1)
            th[j] = _GRID[np.lexsort((prefer, f1))[-1]]
    return th


def apply_thresholds(P: np.ndarray, thresholds, min_labels: int = 0,
                     max_labels: int | None = None) -> np.ndarray:
    """Label indicators from probabilities: at or above each label's threshold, then the
    cardinality rules (at least ``min_labels``, at most ``max_labels``, by ``P / threshold``).

    >>> apply_thresholds(np.array([[0.2, 0.3], [0.9, 0.8]]), [0.5, 0.5], 1, 1).tolist()
    [[False, True], [True, False]]
    """
    th = np.asarray(thresholds, dtype=np.float64)
    Y = P >= th
    ratio = P / np.maximum(th, 1e-9)
    if min_labels:
        empty = ~Y.any(1)
        Y[empty, ratio[empty].argmax(1)] = True
    if max_labels is not None and max_labels < P.shape[1]:
        over = Y.sum(1) > max_labels
        for i in np.flatnonzero(over):
            keep = np.argsort(-np.where(Y[i], ratio[i], -np.inf))[:max_labels]
            Y[i] = False
            Y[i, keep] = True
    return Y


class StackedClassifier(ClassifierMixin, BaseEstimator):
    """Parts combined by a logistic regression on their out-of-fold log-odds (see the module docstring).

    Args:
        parts: ``[(name, estimator), ...]``; each estimator takes raw texts
            and has ``decision_function`` (a multi-label one returns one
            column per label, e.g. a one-vs-rest logistic regression).
        cv: folds of the internal cross-validation (shuffled, seeded by
            ``random_state``; stratified for one label per record).
        C: inverse regularisation of the combiner.
        class_weight: the combiner's class weights (``"balanced"`` or None).
        thresholds: multi-label only: ``"tune"`` (per-label thresholds from
            the out-of-fold probabilities) or ``None`` (0.5 for every label).
        optimise: ``"micro"`` or ``"macro"``: the F1 the thresholds maximise.
        random_state: seed of the folds and the combiner.

    Attributes:
        parts_: the fitted parts, in ``parts`` order.
        combiners_: the fitted combiner(s) (empty with one part).
        classes_: the labels (multi-class) or the label columns ``0..n-1``.
        thresholds_, min_labels_, max_labels_: multi-label decision rules.
        multilabel_: whether ``y`` was a label-indicator matrix.
    """

    __metadata_request__fit = {"marked_words": True}

    def __init__(self, *, parts, cv=5, C=1.0, class_weight="balanced", thresholds="tune",
                 optimise="micro", random_state=0):
        self.parts = parts
        self.cv = cv
        self.C = C
        self.class_weight = class_weight
        self.thresholds = thresholds
        self.optimise = optimise
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    # fitting

    def _check(self):
        if not self.parts:
            raise ValueError("parts is empty: give at least one (name, estimator)")
        if self.thresholds not in ("tune", None):
            raise ValueError(f"thresholds={self.thresholds!r}; allowed: 'tune', None")
        if self.optimise not in OPTIMISE:
            raise ValueError(f"optimise={self.optimise!r}; allowed: {', '.join(OPTIMISE)}")

    def fit(self, X, y, marked_words=None):
        """Cross-validate the parts, fit the combiner on their out-of-fold values, refit the parts.

        ``marked_words`` (one list per text) go to the parts that learn from them.
        """
        self._check()
        # many small logistic regressions: one BLAS thread each is several times faster than two
        # threads that wait on each other (the encoder still uses every thread; see minilm)
        with threadpool_limits(limits=1, user_api="blas"):
            return self._fit(list(X), np.asarray(y), marked_words)

    def _fit(self, X, y, marked_words):
        multilabel = y.ndim == 2
        folds = list(splitter(multilabel, self.cv, self.random_state).split(X, None if multilabel else y))
        Z = None
        fitted = []
        for p, (_, est) in enumerate(self.parts):
            if len(self.parts) > 1:
                for tr, te in folds:
                    m = fit_part(est, [X[i] for i in tr], y[tr], take_rows(marked_words, tr))
                    d = decision_values(m, [X[i] for i in te])
                    if Z is None:
                        Z = np.zeros((len(X), len(self.parts), d.shape[1]))
                    Z[te, p] = d
            fitted.append(fit_part(est, X, y, marked_words))
        if len(self.parts) == 1 and multilabel and self.thresholds == "tune":
            Z = np.zeros((len(X), 1, y.shape[1]))
            for tr, te in folds:
                m = fit_part(self.parts[0][1], [X[i] for i in tr], y[tr], take_rows(marked_words, tr))
                Z[te, 0] = decision_values(m, [X[i] for i in te])
        return self.finish(fitted, Z, y, folds)

    def finish(self, fitted_parts, Z, y, folds=None, classes=None):
        """Set the fitted state from fitted parts and their out-of-fold decision values.

        ``Z`` has shape ``(n_records, n_parts, n_columns)`` (``None`` when
        nothing is learnt from it: one part and no thresholds to tune).
        ``fit`` calls this; so does :func:`framing.classify.select.select_model`,
        which has the values already from its own cross-validation (and
        passes ``classes``: the labels in the parts' column order).
        """
        self._check()
        y = np.asarray(y)
        self.multilabel_ = y.ndim == 2
        self.parts_ = list(fitted_parts)
        if self.multilabel_:
            self.classes_ = np.arange(y.shape[1])
        elif classes is not None:
            self.classes_ = np.asarray(classes, dtype=object)
        else:
            self.classes_ = np.asarray(self.parts_[0].classes_)
        self.combiners_ = []
        if len(self.parts_) > 1:
            self.combiners_ = _fit_combiners(Z, y, self.multilabel_, self.C, self.class_weight,
                                             self.random_state)
        if self.multilabel_:
            self.thresholds_ = np.full(y.shape[1], 0.5)
            self.min_labels_ = 0
            self.max_labels_ = int(y.sum(1).max()) if len(y) else y.shape[1]
            if self.thresholds == "tune":
                P = self._oof_proba(Z, y, folds)
                self.thresholds_, self.min_labels_ = _rules(y, P, self.optimise, self.max_labels_)
        return self

    def _oof_proba(self, Z, y, folds):
        """Out-of-fold probabilities of the combined model (the combiner refitted per fold)."""
        if len(self.parts_) == 1:
            return _sigmoid(Z[:, 0])
        P = np.zeros(y.shape)
        for tr, te in folds or list(splitter(True, self.cv, self.random_state).split(Z)):
            cs = _fit_combiners(Z[tr], y[tr], True, self.C, self.class_weight, self.random_state)
            P[te] = _combine(cs, Z[te], True)
        return P

    # predicting

    def proba_from_values(self, Z) -> np.ndarray:
        """Probabilities from the parts' decision values ``Z`` (``(n, n_parts, n_columns)``)."""
        if self.combiners_:
            return _combine(self.combiners_, Z, self.multilabel_)
        if self.multilabel_:
            return _sigmoid(Z[:, 0])
        z = Z[:, 0]
        if z.shape[1] == 1:
            p = _sigmoid(z[:, 0])
            return np.column_stack([1 - p, p])
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    def _values(self, X) -> np.ndarray:
        X = list(X)
        return np.stack([decision_values(p, X) for p in self.parts_], 1)

    def decision_function(self, X):
        """Log-odds of each class (multi-label: of each label)."""
        check_is_fitted(self, "parts_")
        if not self.combiners_:
            return self.parts_[0].decision_function(list(X))
        Z = self._values(X)
        if self.multilabel_:
            return np.column_stack([c.decision_function(Z[:, :, j]) for j, c in enumerate(self.combiners_)])
        return self.combiners_[0].decision_function(Z.reshape(len(Z), -1))

    def predict_proba(self, X):
        """Class probabilities (multi-label: each label's own probability)."""
        check_is_fitted(self, "parts_")
        if not self.combiners_:
            return self.parts_[0].predict_proba(list(X))
        return _combine(self.combiners_, self._values(X), self.multilabel_)

    def predict(self, X):
        """Labels: the likeliest class, or (multi-label) an indicator matrix by the thresholds."""
        P = self.predict_proba(X)
        if self.multilabel_:
            return apply_thresholds(P, self.thresholds_, self.min_labels_, self.max_labels_).astype(int)
        return self.classes_[P.argmax(1)]


def take_rows(words, idx):
    """``words[i]`` for ``i`` in ``idx`` (``None`` stays ``None``)."""
    return None if words is None else [words[i] for i in idx]


def fit_part(est, X, y, marked_words=None):
    """A fitted clone of one part; ``marked_words`` go only to a part that asks for them."""
    m = clone(est)
    if marked_words is not None and "marked_words" in inspect.signature(m.fit).parameters:
        return m.fit(X, y, marked_words=marked_words)
    return m.fit(X, y)


def _fit_combiners(Z, y, multilabel: bool, C, class_weight, random_state) -> list:
    def lr():
        return LogisticRegression(C=C, class_weight=class_weight, max_iter=5000,
                                  random_state=random_state)
    if multilabel:
        out = []
        for j in range(y.shape[1]):
            if len(np.unique(y[:, j])) < 2:  # a label every (or no) record has
                out.append(lr().fit(np.zeros((2, Z.shape[1])), [0, 1]))
                out[-1].intercept_[:] = 35.0 if y[0, j] else -35.0
                continue
            out.append(lr().fit(Z[:, :, j], y[:, j]))
        return out
    return [lr().fit(Z.reshape(len(Z), -1), y)]


def _combine(combiners, Z, multilabel: bool) -> np.ndarray:
    if multilabel:
        return np.column_stack([c.predict_proba(Z[:, :, j])[:, 1] for j, c in enumerate(combiners)])
    return combiners[0].predict_proba(Z.reshape(len(Z), -1))


def _rules(y, P, optimise: str, max_labels: int) -> tuple[np.ndarray, int]:
    """Thresholds and ``min_labels`` (0 or 1, whichever scores higher) from out-of-fold ``P``."""
    th = tune_thresholds(y, P, optimise)
    score = {k: _f1(y, apply_thresholds(P, th, k, max_labels), optimise) for k in (0, 1)}
    return th, int(score[1] > score[0])
