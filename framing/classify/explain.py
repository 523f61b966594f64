"""Explain a linear model: the features with the largest weights toward each class."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import StackingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from ..errors import FramingError
from .features import LogCountRatio, MarkedWordClassifier
from .stack import StackedClassifier

__all__ = ["explain"]


def _linear_parts(est, classes):
    """``(part, feature names, coef matrix, class names of the rows)`` for each linear part.

    Weights of n-grams scaled by a :class:`~framing.classify.features.LogCountRatio`
    are given per unit of the unscaled feature (coefficient times ratio).
    """
    def pipe_parts(p, part, row_classes):
        head, clf = (p[:-1], p[-1]) if isinstance(p, Pipeline) else (None, p)
        names = np.asarray(head.get_feature_names_out(), dtype=object) if head is not None else None
        if isinstance(clf, MarkedWordClassifier):  # its sentence-level model, on two features
            names, clf = np.asarray(clf.feature_names_, dtype=object), clf.clf_
        scale = 1.0
        for step in (head.named_steps.values() if isinstance(head, Pipeline) else ()):
            if isinstance(step, LogCountRatio):
                scale = scale * step.ratio_
        if isinstance(clf, OneVsRestClassifier):
            coef = np.vstack([e.coef_[0] for e in clf.estimators_])
            return [(part, names, coef * scale, list(row_classes))]
        if isinstance(clf, LogisticRegression):
            coef = clf.coef_ * scale
            if coef.shape[0] == 1:  # binary: one row, positive = second class
                return [(part, names, np.vstack([-coef[0], coef[0]]), list(row_classes))]
            return [(part, names, coef, list(row_classes))]
        raise FramingError(f"cannot explain a {type(clf).__name__}: only linear models are explained")

    if isinstance(est, StackedClassifier):
        out = []
        for (name, _), sub in zip(est.parts, est.parts_):
            out += pipe_parts(sub, name, classes)
        return out
    if isinstance(est, (VotingClassifier, StackingClassifier)):
        out = []
        for (name, _), sub in zip(est.estimators, est.estimators_):
            out += pipe_parts(sub, name, classes)
        return out
    return pipe_parts(est, "model", classes)


def explain(model, top: int = 15) -> pd.DataFrame:
    """The features with the largest weights toward each class.

    Returns:
        Columns ``class, part, rank, feature, weight``: for each class and each
        linear part of the model (``words``: n-grams; ``cues``: lexicon,
        subjectivity and attribution features, standardised; ``embedding``:
        embedding dimensions), the
        ``top`` features whose weights push hardest toward that class.
        Feature names carry their block (``word__``, ``char__``,
        ``lexicon__label:...``).
    """
    rows = []
    for part, names, coef, row_classes in _linear_parts(model.estimator, model.classes):
        for ci, c in enumerate(row_classes):
            w = coef[ci]
            order = np.argsort(-w)[:top]
            for rank, j in enumerate(order, 1):
                if w[j] <= 0:
                    break
                rows.append({"class": c, "part": part, "rank": rank,
                             "feature": str(names[j]) if names is not None else f"x{j}",
                             "weight": round(float(w[j]), 4)})
    return pd.DataFrame(rows, columns=["class", "part", "rank", "feature", "weight"])
