"""Scores of a classifier's predictions: macro- and micro-F1, per-class precision/recall/F1.

>>> m = classification_metrics(["a", "b", "b"], ["a", "b", "a"], ["a", "b"], multilabel=False)
>>> round(m["macro_f1"], 3), m["confusion"]["matrix"]
(0.667, [[1, 0], [1, 1]])
>>> m = classification_metrics([["x"], ["x", "y"]], [["x"], []], ["x", "y"], multilabel=True)
>>> round(m["micro_f1"], 3), [c["recall"] for c in m["per_class"]]
(0.5, [0.5, 0.0])
"""

from __future__ import annotations

from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score,
                             precision_recall_fscore_support)
from sklearn.preprocessing import MultiLabelBinarizer

__all__ = ["classification_metrics"]


def _per_class(classes, p, r, f, s) -> list[dict]:
    return [{"label": c, "precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
             "support": int(s[i])} for i, c in enumerate(classes)]


def classification_metrics(y_true, y_pred, classes: list[str], multilabel: bool) -> dict:
    """Scores of predictions against gold labels.

    Returns:
        ``n``, ``macro_f1``, ``per_class`` (precision, recall, F1, support of
        each class) and, for one label per record, ``accuracy`` and
        ``confusion`` (``labels``, ``matrix``: rows gold, columns predicted);
        for multi-label records, ``micro_f1``, ``micro_precision``,
        ``micro_recall``, ``macro_precision``, ``macro_recall``,
        ``exact_match`` and ``label_cardinality`` (gold and predicted labels
        per record).
    """
    if multilabel:
        mlb = MultiLabelBinarizer(classes=classes)
        T, P = mlb.fit_transform(y_true), mlb.transform(y_pred)
        p, r, f, s = precision_recall_fscore_support(T, P, zero_division=0)
        mp, mr, mf, _ = precision_recall_fscore_support(T, P, average="micro", zero_division=0)
        ap, ar, _, _ = precision_recall_fscore_support(T, P, average="macro", zero_division=0)
        n = max(len(y_true), 1)
        return {
            "n": len(y_true),
            "macro_f1": float(f1_score(T, P, average="macro", zero_division=0)),
            "micro_f1": float(mf),
            "micro_precision": float(mp), "micro_recall": float(mr),
            "macro_precision": float(ap), "macro_recall": float(ar),
            "exact_match": float(accuracy_score(T, P)),
            "label_cardinality": {"gold": round(float(T.sum()) / n, 3),
                                  "predicted": round(float(P.sum()) / n, 3)},
            "per_class": _per_class(classes, p, r, f, s),
        }
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=classes, zero_division=0)
    return {
        "n": len(y_true),
        "macro_f1": float(f1_score(y_true, y_pred, labels=classes, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "per_class": _per_class(classes, p, r, f, s),
        "confusion": {"labels": classes,
                      "matrix": confusion_matrix(y_true, y_pred, labels=classes).tolist()},
    }
