"""Train, cross-validate, evaluate, apply and explain text classifiers.

Labelled data are ordinary corpus files (JSONL, CSV, text files with front
matter): a text field and a label field. A label is a string, number or
boolean (one class per record: *multi-class*), or a list of strings (any
number of classes per record: *multi-label*, e.g. frames). Labels are compared
as strings; booleans become ``"true"``/``"false"``.

>>> from framing.classify import make_classifier, cross_validate
>>> texts = ["the army shelled the town", "talks resumed in Geneva"] * 10
>>> labels = ["military", "diplomacy"] * 10
>>> m = cross_validate(make_classifier(features="tfidf"), texts, labels, folds=2)
>>> m["macro_f1"], m["confusion"]["labels"]
(1.0, ['diplomacy', 'military'])
"""

from __future__ import annotations

import hashlib
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import MultiLabelBinarizer

from ..errors import FramingError
from .persist import load_model, save_model

__all__ = ["Examples", "read_examples", "read_span_examples", "label_str", "cross_validate", "evaluate", "train",
           "predict", "explain", "score_texts", "Model", "with_scores", "group_scores",
           "article_scores", "SCORE_PREFIX", "train_files"]


def label_str(v) -> str:
    """The string form of one label: booleans lower-case, numbers as written.

    >>> [label_str(v) for v in (True, 3, 2.0, "sana")]
    ['true', '3', '2', 'sana']
    """
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


@dataclass
class Examples:
    """Labelled texts read from files.

    Attributes:
        ids, texts: one per record.
        labels: a string per record (multi-class) or a list of strings (multi-label).
        multilabel: whether labels are lists.
        sha256: hash of the input files' bytes, in order (for the model card).
        skipped: records without a usable label (not counted in ``ids``).
        words: with ``word_field``, the marked words of each record (a list
            of strings, maybe empty), else ``None``.
    """

    ids: list[str]
    texts: list[str]
    labels: list
    multilabel: bool
    sha256: str = ""
    paths: list[str] = field(default_factory=list)
    skipped: int = 0
    words: list | None = None

    def counts(self) -> dict[str, int]:
        """Records per label (a multi-label record counts once for each of its labels)."""
        out: dict[str, int] = {}
        for lab in self.labels:
            for x in (lab if self.multilabel else [lab]):
                out[x] = out.get(x, 0) + 1
        return dict(sorted(out.items()))


_ARTICLE_FIELDS = ("id", "title", "outlet", "date", "url")


def read_examples(paths, *, text_field: str = "text", label_field: str = "label",
                  id_field: str = "id", labels: Sequence[str] | None = None,
                  word_field: str | None = None, on_error: Callable | None = None) -> Examples:
    """Read labelled records.

    Args:
        paths: corpus file(s) or folder(s).
        text_field, id_field: record fields holding the text and the id.
        label_field: the field holding the label (a scalar, or a list for
            multi-label data); may be ``outlet``, ``date`` or any other field.
        labels: keep only records whose label is one of these (multi-class),
            or keep only these labels (multi-label).
        word_field: a field holding, per record, the words annotators marked
            (a list of strings; missing means none), read into
            ``Examples.words`` for :class:`~framing.classify.features.MarkedWordClassifier`.
        on_error: called with each unreadable record (see :func:`framing.read_corpus`).

    Raises:
        FramingError: when no record has a label, or scalar and list labels are mixed.
    """
    from ..corpus import Fields, read_corpus

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    fields = Fields(id=id_field, text=text_field)
    keep = {label_str(x) for x in labels} if labels else None
    ids, texts, labs, words = [], [], [], []
    kinds = set()
    skipped = 0
    for a in read_corpus(paths, fields=fields, on_error=on_error):
        v = getattr(a, label_field) if label_field in _ARTICLE_FIELDS else (a.meta or {}).get(label_field)
        if v is None or (isinstance(v, str) and not v.strip()) or \
                (isinstance(v, float) and np.isnan(v)):
            skipped += 1
            continue
        if isinstance(v, (list, tuple)):
            kinds.add("list")
            v = sorted({label_str(x) for x in v})
            if keep is not None:
                v = [x for x in v if x in keep]
        else:
            kinds.add("scalar")
            v = label_str(v)
            if keep is not None and v not in keep:
                continue
        ids.append(str(a.id))
        texts.append(a.text)
        labs.append(v)
        if word_field:
            words.append(_word_list((a.meta or {}).get(word_field), word_field, a.id))
    if len(kinds) > 1:
        raise FramingError(f"label field {label_field!r} holds lists in some records and single "
                           "values in others; use one or the other")
    if not ids:
        raise FramingError(f"no record in {', '.join(map(str, paths))} has a label in field "
                           f"{label_field!r}" + (f" among {sorted(keep)}" if keep else ""))
    h = hashlib.sha256()
    for p in paths:
        p = Path(p)
        for f in (sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]):
            h.update(f.read_bytes())
    return Examples(ids, texts, labs, multilabel=kinds == {"list"}, sha256=h.hexdigest(),
                    paths=[str(p) for p in paths], skipped=skipped,
                    words=words if word_field else None)


def _word_list(v, field: str, record_id) -> list[str]:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return list(v)
    raise FramingError(f"record {record_id}: field {field!r} should hold a list of words, "
                       f"got {v!r}")


def read_span_examples(labels_path, corpus, *, fields=None) -> Examples:
    """Labelled stretches of corpus articles: a JSONL of ``{id, start, end, label}``.

    Labels are shipped this way (offsets into a corpus the user has, never the
    text). Each line's span must lie inside its article.

    Raises:
        FramingError: naming the labels file, the line and the problem.
    """
    import json

    from ..corpus import read_corpus

    arts = {a.id: a for a in read_corpus(corpus, fields=fields)}
    ids, texts, labs = [], [], []
    for n, line in enumerate(Path(labels_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            if not isinstance(r, dict):
                raise FramingError(f"{labels_path}:{n}: expected a JSON object, not {type(r).__name__}")
            a = arts[str(r["id"])]
            s, e = int(r["start"]), int(r["end"])
            lab = r["label"]
        except (TypeError, ValueError) as err:
            if isinstance(err, json.JSONDecodeError):
                raise FramingError(f"{labels_path}:{n}: not JSON ({err})") from err
            raise FramingError(f"{labels_path}:{n}: start and end must be whole numbers ({err})") from None
        except json.JSONDecodeError as err:
            raise FramingError(f"{labels_path}:{n}: not JSON ({err})") from err
        except RecursionError:
            raise FramingError(f"{labels_path}:{n}: not readable: JSON nested too deeply") from None
        except KeyError as err:
            raise FramingError(f"{labels_path}:{n}: missing {err} (field, or no such article "
                               f"in {corpus})") from err
        if not 0 <= s < e <= len(a.text):
            raise FramingError(f"{labels_path}:{n}: span {s}-{e} outside article {a.id!r} "
                               f"({len(a.text)} characters)")
        ids.append(f"{a.id}:{s}-{e}")
        texts.append(a.text[s:e])
        labs.append(sorted(map(label_str, lab)) if isinstance(lab, list) else label_str(lab))
    return Examples(ids, texts, labs, multilabel=bool(labs) and isinstance(labs[0], list),
                    paths=[str(labels_path)])


# -- metrics ----------------------------------------------------------------------------

def _metrics(y_true, y_pred, classes: list[str], multilabel: bool) -> dict:
    """Macro-F1, accuracy, per class precision/recall/F1/support, confusion matrix."""
    if multilabel:
        mlb = MultiLabelBinarizer(classes=classes)
        T, P = mlb.fit_transform(y_true), mlb.transform(y_pred)
        p, r, f, s = precision_recall_fscore_support(T, P, zero_division=0)
        return {
            "n": len(y_true),
            "macro_f1": float(f1_score(T, P, average="macro", zero_division=0)),
            "micro_f1": float(f1_score(T, P, average="micro", zero_division=0)),
            "exact_match": float(accuracy_score(T, P)),
            "per_class": [{"label": c, "precision": float(p[i]), "recall": float(r[i]),
                           "f1": float(f[i]), "support": int(s[i])} for i, c in enumerate(classes)],
        }
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=classes, zero_division=0)
    return {
        "n": len(y_true),
        "macro_f1": float(f1_score(y_true, y_pred, labels=classes, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "per_class": [{"label": c, "precision": float(p[i]), "recall": float(r[i]),
                       "f1": float(f[i]), "support": int(s[i])} for i, c in enumerate(classes)],
        "confusion": {"labels": classes,
                      "matrix": confusion_matrix(y_true, y_pred, labels=classes).tolist()},
    }


def _wants_words(model) -> bool:
    """Whether ``model`` is or holds a part that learns from marked words."""
    from .features import MarkedWordClassifier

    return isinstance(model, MarkedWordClassifier) or any(
        isinstance(v, MarkedWordClassifier) for v in model.get_params(deep=True).values())


def _fit(model, texts, labels, multilabel: bool, words=None):
    m = clone(model)
    if multilabel:
        mlb = MultiLabelBinarizer()
        Y = mlb.fit_transform(labels)
        m.fit(texts, Y)
        return m, list(mlb.classes_)
    y = np.asarray(labels, dtype=object)
    if _wants_words(m):
        if words is None:
            raise FramingError("this classifier learns from the words annotators marked: read "
                               "the examples with a word field (read_examples(..., word_field=...), "
                               "framing train --word-field)")
        import sklearn

        with sklearn.config_context(enable_metadata_routing=True):
            m.fit(texts, y, marked_words=list(words))
    else:
        m.fit(texts, y)
    return m, [str(c) for c in m.classes_]


def _predict(model, classes, texts, multilabel: bool, threshold: float = 0.5):
    P = model.predict_proba(texts)
    if multilabel:
        return [[classes[j] for j in np.flatnonzero(row >= threshold)] for row in P], P
    return [classes[j] for j in P.argmax(1)], P


def cross_validate(model, texts: Sequence[str], labels: Sequence, *, folds: int = 5,
                   random_state: int = 0, multilabel: bool | None = None,
                   words: Sequence | None = None) -> dict:
    """Cross-validated metrics of an unfitted ``model`` (stratified, shuffled, seeded).

    ``words``: the marked words of each text (``Examples.words``), for a model
    that learns from them; each fold learns only from its training texts' words.

    Returns:
        A dict: ``macro_f1`` (mean over folds), ``macro_f1_folds``,
        ``macro_f1_sd``, and, from the pooled out-of-fold predictions,
        ``accuracy`` (or ``micro_f1``/``exact_match`` for multi-label),
        ``per_class`` and ``confusion``.
    """
    texts = list(texts)
    labels = list(labels)
    if multilabel is None:
        multilabel = bool(labels) and isinstance(labels[0], (list, tuple))
    if multilabel:
        classes = sorted({x for lab in labels for x in lab})
        splitter = KFold(folds, shuffle=True, random_state=random_state)
        split = splitter.split(texts)
    else:
        classes = sorted(set(labels))
        if len(classes) < 2:
            raise FramingError(f"need at least two classes to train, found {classes}")
        small = {c: n for c, n in pd.Series(labels).value_counts().items() if n < folds}
        if small:
            raise FramingError(
                f"{folds}-fold cross-validation needs at least {folds} records per class; "
                + ", ".join(f"{c!r} has {n}" for c, n in small.items())
                + " (use fewer folds, or drop the class with --labels)")
        split = StratifiedKFold(folds, shuffle=True, random_state=random_state).split(texts, labels)
    pred: list = [None] * len(texts)
    fold_f1 = []
    for tr, te in split:
        m, cls = _fit(model, [texts[i] for i in tr], [labels[i] for i in tr], multilabel,
                      None if words is None else [words[i] for i in tr])
        p, _ = _predict(m, cls, [texts[i] for i in te], multilabel)
        for i, x in zip(te, p):
            pred[i] = x
        fold_f1.append(_metrics([labels[i] for i in te], p, classes, multilabel)["macro_f1"])
    out = _metrics(labels, pred, classes, multilabel)
    out.update({"folds": folds, "random_state": random_state,
                "macro_f1": float(np.mean(fold_f1)), "macro_f1_sd": float(np.std(fold_f1)),
                "macro_f1_folds": [round(x, 4) for x in fold_f1]})
    return out


# -- the fitted model and its card --------------------------------------------------------

@dataclass
class Model:
    """A fitted classifier with its card (what :func:`train` returns and :meth:`load` reads)."""

    estimator: object
    card: dict

    @property
    def classes(self) -> list[str]:
        return list(self.card["classes"])

    @property
    def multilabel(self) -> bool:
        return self.card.get("task") == "multilabel"

    @classmethod
    def load(cls, path) -> "Model":
        """Load ``path`` after checking it against its card (see :func:`~framing.classify.load_model`)."""
        est, card = load_model(path)
        if "classes" not in card:
            raise FramingError(f"{path}: its model card lists no classes")
        return cls(est, card)

    def save(self, path) -> Path:
        """Write the model and its card (the card's file hash is updated)."""
        card = {k: v for k, v in self.card.items()
                if k not in ("format", "model_file", "model_sha256", "created", "versions")}
        out = save_model(self.estimator, path, card)
        from .persist import read_card

        self.card = read_card(out)
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, columns in :attr:`classes` order."""
        return self.estimator.predict_proba(list(texts))

    def predict(self, texts: Sequence[str], threshold: float = 0.5) -> list:
        """The label of each text (a list of labels for a multi-label model)."""
        return _predict(self.estimator, self.classes, list(texts), self.multilabel, threshold)[0]


def _describe(model) -> dict:
    from sklearn.base import BaseEstimator

    def simple(v):
        if isinstance(v, BaseEstimator):
            return {type(v).__name__: {k: simple(x) for k, x in v.get_params(deep=False).items()}}
        if isinstance(v, (list, tuple)):
            return [simple(x) for x in v]
        if isinstance(v, (str, int, float, bool)) or v is None:
            return v
        return repr(v)

    return simple(model)


def _lexicons_of(model) -> dict:
    """``{pack: sha256}`` of every lexicon the model's transformers were fitted with."""
    from sklearn.base import BaseEstimator

    out: dict = {}

    def walk(v):
        if isinstance(v, BaseEstimator):
            out.update(getattr(v, "lexicon_sha256_", {}) or {})
            for x in list(v.get_params(deep=False).values()) + list(vars(v).values()):
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    walk(model)
    return dict(sorted(out.items()))


def train(examples: Examples, model=None, *, folds: int = 5, random_state: int = 0,
          text_field: str = "text", label_field: str = "label", word_field: str | None = None,
          cv: bool = True, name: str | None = None, note: str = "") -> tuple[Model, dict | None]:
    """Cross-validate ``model`` on ``examples``, then fit it on all of them.

    Args:
        examples: from :func:`read_examples`.
        model: an unfitted estimator; default ``make_classifier()`` (multi-label
            when the labels are lists).
        folds, random_state: the cross-validation (``cv=False`` skips it).
        text_field, label_field: recorded in the card, and used as defaults by
            :func:`evaluate` on new files.
        word_field: recorded in the card (the field ``examples.words`` came from).
        name, note: recorded in the card.

    Returns:
        ``(Model, metrics)``; ``metrics`` is ``None`` without ``cv``.
    """
    from .pipelines import make_classifier

    if model is None:
        model = make_classifier(multilabel=examples.multilabel, random_state=random_state)
    metrics = cross_validate(model, examples.texts, examples.labels, folds=folds,
                             random_state=random_state, multilabel=examples.multilabel,
                             words=examples.words) if cv else None
    fitted, classes = _fit(model, examples.texts, examples.labels, examples.multilabel,
                           examples.words)
    n_words = [len(t.split()) for t in examples.texts]
    card = {
        "name": name or "",
        "note": note,
        "task": "multilabel" if examples.multilabel else "multiclass",
        "classes": classes,
        "unit": "sentence" if statistics.median(n_words) <= 60 else "document",
        "training_data": {
            "paths": examples.paths, "sha256": examples.sha256, "n_records": len(examples.ids),
            "skipped_without_label": examples.skipped, "text_field": text_field,
            "label_field": label_field, "label_counts": examples.counts(),
            **({"word_field": word_field} if word_field else {}),
            "median_words": statistics.median(n_words),
        },
        "parameters": {"random_state": random_state, "estimator": _describe(model)},
        "lexicons": _lexicons_of(fitted),
        "metrics": {"cross_validation": metrics} if metrics else {},
    }
    return Model(fitted, card), metrics


def evaluate(model: Model, examples: Examples) -> dict:
    """Metrics of a fitted model on labelled examples it was not trained on."""
    pred = model.predict(examples.texts)
    classes = model.classes
    if not model.multilabel:
        extra = sorted(set(examples.labels) - set(classes))
        classes = classes + extra  # gold labels the model never saw count as misses
    return _metrics(examples.labels, pred, classes, model.multilabel)


def predict(model: Model, ids: Sequence[str], texts: Sequence[str], threshold: float = 0.5) -> pd.DataFrame:
    """``{id, label, score}`` per text: the predicted label and its probability.

    For a multi-label model ``label`` is the list of labels whose probability
    is at least ``threshold`` and ``score`` the list of their probabilities.
    """
    texts = list(texts)
    if not texts:
        return pd.DataFrame(columns=["id", "label", "score"])
    P = model.predict_proba(texts)
    classes = model.classes
    rows = []
    for i, row in zip(ids, P):
        if model.multilabel:
            js = [j for j in np.argsort(-row) if row[j] >= threshold]
            rows.append({"id": i, "label": [classes[j] for j in js],
                         "score": [round(float(row[j]), 4) for j in js]})
        else:
            j = int(row.argmax())
            rows.append({"id": i, "label": classes[j], "score": round(float(row[j]), 4)})
    return pd.DataFrame(rows, columns=["id", "label", "score"])


def score_texts(model: Model, texts: Sequence[str]) -> np.ndarray:
    """Class probabilities for documents of any length.

    A model trained on sentences (card ``unit: sentence``) scores each
    sentence of a document and averages: for a loaded-language model that is
    the expected share of loaded sentences. A document model scores the text
    whole. A text with no sentence gets NaN.
    """
    from ..text import sentences

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


# -- explanation -------------------------------------------------------------------------

def _linear_parts(est, classes):
    """``(part, feature names, coef matrix, class names of the rows)`` for each linear part.

    Weights of n-grams scaled by a :class:`~framing.classify.features.LogCountRatio`
    are given per unit of the unscaled feature (coefficient times ratio).
    """
    from sklearn.ensemble import StackingClassifier, VotingClassifier

    from .features import LogCountRatio, MarkedWordClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

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

    if isinstance(est, (VotingClassifier, StackingClassifier)):
        out = []
        for (name, _), sub in zip(est.estimators, est.estimators_):
            out += pipe_parts(sub, name, classes)
        return out
    return pipe_parts(est, "model", classes)


def explain(model: Model, top: int = 15) -> pd.DataFrame:
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


# -- classifier outputs as article columns --------------------------------------------------

from ..tables import SCORE_PREFIX  # noqa: E402  (defined once, with the article table's columns)


def with_scores(articles, model: Model, *, batch_size: int = 64):
    """Pass articles on with the model's class scores added to ``Article.meta``.

    Each article gains ``score_<class>`` for every class of the model (see
    :func:`score_texts`), so the scores become columns of
    :func:`framing.compare.article_table` and of the report's
    ``tables/articles.csv``. Articles are scored in batches as they stream by.
    """
    from dataclasses import replace

    from ..data import Article

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

    for a in articles:
        buf.append(a if isinstance(a, Article) else Article(id=f"text{len(buf)}", text=str(a)))
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
    from ..compare import group_value

    for an in analyses:
        s = article_scores(an)
        if s:
            rows.append({by: group_value(an.article, by), **s})
        yield an


def mean_scores(rows: list[dict], by: str) -> pd.DataFrame:
    """The per-group means of rows from :func:`collect_scores` (see :func:`group_scores`)."""
    from ..compare import score_means

    if not rows:
        return pd.DataFrame(columns=[by])
    df = pd.DataFrame(rows)
    cols = [c for c in df.columns if c != by]
    return score_means(df, by, columns=cols, intervals=False)[[by, *cols]]


def train_files(paths, output, *, text_field: str = "text", label_field: str = "label",
                id_field: str = "id", labels: Sequence[str] | None = None,
                seed_lexicon: str | None = None, features: str = "framing", lexicon=None,
                embeddings: bool = False, word_field: str | None = None, folds: int = 5,
                random_state: int = 0, cv: bool = True,
                on_error: Callable | None = None) -> tuple[Model, dict | None]:
    """Read labelled files, cross-validate, fit, and save the model with its card (the CLI's ``train``).

    With ``seed_lexicon`` the files need no labels: sentences are labelled by
    the pack's seed terms (:func:`framing.classify.frames.weak_examples`) and
    the frame classifier is trained on them. With ``word_field`` (a field
    listing the words annotators marked in each record) the classifier gets a
    part that learns from those words
    (:class:`~framing.classify.features.MarkedWordClassifier`).

    Returns:
        ``(Model, cross-validation metrics or None)``; the model is written to ``output``.
    """
    from ..corpus import Fields, read_corpus
    from .pipelines import make_classifier

    if seed_lexicon:
        from .frames import frame_classifier, weak_examples

        arts = read_corpus(paths, fields=Fields(id=id_field, text=text_field), on_error=on_error)
        ex = weak_examples(arts, seed_lexicon, random_state=random_state)
        ex.paths = [str(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
        model = frame_classifier(random_state=random_state)
        label_field = f"(seed terms of {seed_lexicon})"
        note = (f"weakly supervised: sentences labelled by their dominant frame in the "
                f"{seed_lexicon} pack; 'none' for a sample of sentences without seed hits")
    else:
        ex = read_examples(paths, text_field=text_field, label_field=label_field,
                           id_field=id_field, labels=labels, word_field=word_field,
                           on_error=on_error)
        if word_field and (features != "framing" or ex.multilabel):
            raise FramingError("a word field needs the default features and one label per record "
                               f"(got features={features!r}, multi-label={ex.multilabel})")
        kw = {"lexicon": lexicon} if lexicon else {}
        model = make_classifier(features=features, embeddings=embeddings,
                                multilabel=ex.multilabel, marked_words=bool(word_field),
                                random_state=random_state, **kw)
        note = ""
    m, metrics = train(ex, model, folds=folds, random_state=random_state, cv=cv,
                       text_field=text_field, label_field=label_field, word_field=word_field,
                       name=Path(output).stem, note=note)
    m.save(output)
    return m, metrics
