"""Train, cross-validate, evaluate and apply text classifiers.

Labelled data are ordinary corpus files (JSONL, CSV, text files with front
matter): a text field and a label field (:mod:`framing.classify.examples`).
:func:`train` without a model cross-validates the candidates of
:mod:`framing.classify.select` (two TF-IDF baselines and the framing stack)
and keeps the best; with a model it cross-validates and fits that one.

>>> from framing.classify import make_classifier, cross_validate
>>> texts = ["the army shelled the town", "talks resumed in Geneva"] * 10
>>> labels = ["military", "diplomacy"] * 10
>>> m = cross_validate(make_classifier(features="tfidf"), texts, labels, folds=2)
>>> m["macro_f1"], m["confusion"]["labels"]
(1.0, ['diplomacy', 'military'])
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator, clone
from sklearn.preprocessing import MultiLabelBinarizer

from ..corpus import Fields, read_corpus
from ..errors import FramingError
from .examples import Examples, label_str, read_examples, read_span_examples
from .explain import explain
from .features import MarkedWordClassifier, embeddings_available
from .frames import frame_classifier, weak_examples
from .metrics import classification_metrics
from .persist import load_model, read_card, save_model
from .scores import (SCORE_PREFIX, article_scores, collect_scores, group_scores, mean_scores,
                     score_texts, with_scores)
from .select import CANDIDATES, build_candidate, select_model, single_label_classes
from .stack import StackedClassifier, splitter

__all__ = ["Examples", "read_examples", "read_span_examples", "label_str", "cross_validate", "evaluate", "train",
           "predict", "explain", "score_texts", "Model", "with_scores", "group_scores",
           "article_scores", "collect_scores", "mean_scores", "SCORE_PREFIX", "train_files",
           "document_unit", "candidate_model"]

_metrics = classification_metrics  # the name eval scripts of earlier versions import


def _wants_words(model) -> bool:
    """Whether ``model`` is or holds a part that learns from marked words."""
    if isinstance(model, MarkedWordClassifier):
        return True
    if isinstance(model, StackedClassifier):
        return any(_wants_words(est) for _, est in model.parts)
    return any(isinstance(v, MarkedWordClassifier) for v in model.get_params(deep=True).values())


def _fit(model, texts, labels, multilabel: bool, words=None):
    m = clone(model)
    if multilabel:
        mlb = MultiLabelBinarizer()
        Y = mlb.fit_transform(labels)
        m.fit(texts, Y)
        return m, [str(c) for c in mlb.classes_]
    y = np.asarray(labels, dtype=object)
    if _wants_words(m):
        if words is None:
            raise FramingError("this classifier learns from the words annotators marked: read "
                               "the examples with a word field (read_examples(..., word_field=...), "
                               "framing train --word-field)")
        if isinstance(m, StackedClassifier):
            m.fit(texts, y, marked_words=list(words))
        else:
            with sklearn.config_context(enable_metadata_routing=True):
                m.fit(texts, y, marked_words=list(words))
    else:
        m.fit(texts, y)
    return m, [str(c) for c in m.classes_]


def _predict(model, classes, texts, multilabel: bool, threshold: float | None = None):
    """``(labels, probabilities)``; multi-label: the model's own thresholds unless ``threshold``."""
    P = model.predict_proba(texts)
    if multilabel:
        if threshold is None and hasattr(model, "thresholds_"):
            Y = model.predict(texts) if len(texts) else np.zeros((0, len(classes)), dtype=int)
        else:
            Y = P >= (0.5 if threshold is None else threshold)
        return [[classes[j] for j in np.flatnonzero(row)] for row in Y], P
    return [classes[j] for j in P.argmax(1)], P


def cross_validate(model, texts: Sequence[str], labels: Sequence, *, folds: int = 5,
                   random_state: int = 0, multilabel: bool | None = None,
                   words: Sequence | None = None) -> dict:
    """Cross-validated metrics of an unfitted ``model`` (shuffled, seeded; stratified for one
    label per record).

    ``words``: the marked words of each text (``Examples.words``), for a model
    that learns from them; each fold learns only from its training texts' words.

    Returns:
        A dict: ``macro_f1`` (mean over folds), ``macro_f1_folds``,
        ``macro_f1_sd``, and, from the pooled out-of-fold predictions,
        ``accuracy`` (or ``micro_f1``, ``micro_f1_folds``, ``exact_match`` ...
        for multi-label), ``per_class`` and ``confusion``.
    """
    texts = list(texts)
    labels = list(labels)
    if multilabel is None:
        multilabel = bool(labels) and isinstance(labels[0], (list, tuple))
    if multilabel:
        classes = sorted({x for lab in labels for x in lab})
    else:
        classes = single_label_classes(labels, folds)
    split = splitter(multilabel, folds, random_state).split(texts, None if multilabel else labels)
    pred: list = [None] * len(texts)
    fold_f1, fold_micro = [], []
    for tr, te in split:
        m, cls = _fit(model, [texts[i] for i in tr], [labels[i] for i in tr], multilabel,
                      None if words is None else [words[i] for i in tr])
        p, _ = _predict(m, cls, [texts[i] for i in te], multilabel)
        for i, x in zip(te, p):
            pred[i] = x
        fm = classification_metrics([labels[i] for i in te], p, classes, multilabel)
        fold_f1.append(fm["macro_f1"])
        fold_micro.append(fm.get("micro_f1"))
    out = classification_metrics(labels, pred, classes, multilabel)
    out.update({"folds": folds, "random_state": random_state,
                "macro_f1": float(np.mean(fold_f1)), "macro_f1_sd": float(np.std(fold_f1)),
                "macro_f1_folds": [round(x, 4) for x in fold_f1]})
    if multilabel:
        out["micro_f1_folds"] = [round(x, 4) for x in fold_micro]
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
        self.card = read_card(out)
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, columns in :attr:`classes` order."""
        return self.estimator.predict_proba(list(texts))
    def predict(self, texts: Sequence[str], threshold: float | None = None) -> list:
        """The label of each text (a list of labels for a multi-label model).

        A multi-label model applies the per-label thresholds it was trained
        with (see :class:`~framing.classify.stack.StackedClassifier`), or
        ``threshold`` for every label when given.
        """
        return _predict(self.estimator, self.classes, list(texts), self.multilabel, threshold)[0]

    @property
    def thresholds(self) -> dict[str, float] | None:
        """Multi-label: each label's decision threshold (``None`` for one label per record)."""
        if not self.multilabel:
            return None
        th = getattr(self.estimator, "thresholds_", None)
        th = [0.5] * len(self.classes) if th is None else th
        return {c: round(float(t), 4) for c, t in zip(self.classes, th)}


def _describe(model) -> dict:
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


def document_unit(texts: Sequence[str]) -> bool:
    """Whether texts are documents (median over 60 words) rather than sentences.

    >>> document_unit(["A short sentence."] * 3)
    False
    """
    n_words = [len(t.split()) for t in texts]
    return bool(n_words) and statistics.median(n_words) > 60


def candidate_model(name: str, examples: Examples, *, folds: int = 5, random_state: int = 0,
                    optimise: str = "micro", embeddings: bool | None = None, lexicon=None):
    """The unfitted model of one candidate (see :data:`~framing.classify.select.CANDIDATES`) for
    ``examples``, as :func:`train` would build it: multi-label or not, sentences or documents,
    with the marked-words part when the examples have words."""
    embeddings = embeddings_available() if embeddings is None else embeddings
    return build_candidate(name, multilabel=examples.multilabel, words=examples.words,
                           folds=folds, random_state=random_state, optimise=optimise,
                           embeddings=embeddings, document=document_unit(examples.texts),
                           **({"lexicon": lexicon} if lexicon else {}))


def _card(examples: Examples, fitted, classes, *, model, name, note, text_field, label_field,
          word_field, random_state, metrics, selection=None) -> dict:
    n_words = [len(t.split()) for t in examples.texts]
    card = {
        "name": name or "",
        "note": note,
        "task": "multilabel" if examples.multilabel else "multiclass",
        "classes": classes,
        "unit": "document" if document_unit(examples.texts) else "sentence",
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
    if selection is not None:
        card["selection"] = selection.card()
    th = getattr(fitted, "thresholds_", None)
    if examples.multilabel and th is not None:
        card["decision"] = {"thresholds": {c: round(float(t), 4) for c, t in zip(classes, th)},
                            "min_labels": int(fitted.min_labels_),
                            "max_labels": int(fitted.max_labels_),
                            "optimise": fitted.optimise if fitted.thresholds == "tune" else None}
    return card


def train(examples: Examples, model=None, *, folds: int = 5, random_state: int = 0,
          text_field: str = "text", label_field: str = "label", word_field: str | None = None,
          cv: bool = True, name: str | None = None, note: str = "",
          candidates: Sequence[str] | None = None, optimise: str = "micro",
          embeddings: bool | None = None, lexicon=None,
          progress: Callable[[str], None] | None = None) -> tuple[Model, dict | None]:
    """Train a classifier on ``examples``: select among candidates, or fit the ``model`` given.

    Without ``model``, the candidates of :func:`framing.classify.select.select_model`
    (``candidates``: names from :data:`~framing.classify.select.CANDIDATES`,
    default all) are cross-validated and the best is fitted on all examples;
    the card lists every candidate's score. With ``model`` (an unfitted
    estimator), that model is cross-validated and fitted.

    Args:
        examples: from :func:`read_examples`.
        model: an unfitted estimator, or ``None`` to select one.
        folds, random_state: the cross-validation (``cv=False`` skips it; without
            ``model`` the last of the candidates is then fitted unscored).
        text_field, label_field: recorded in the card, and used as defaults by
            :func:`evaluate` on new files.
        word_field: recorded in the card (the field ``examples.words`` came from).
        name, note: recorded in the card.
        candidates, optimise: see :func:`~framing.classify.select.select_model`.
        embeddings: give the framing stack its embedding part (default: when
            the encoder's weights are installed).
        lexicon: pack(s) for the lexicon features (default ``general-bias``).
        progress: called with a line of text as the work advances.

    Returns:
        ``(Model, metrics)``: the cross-validated metrics of the model shipped
        (with ``selection``, the candidates' table, when one was selected);
        ``None`` without ``cv``.
    """
    selection = None
    if model is None:
        embeddings = embeddings_available() if embeddings is None else embeddings
        kw = dict(multilabel=examples.multilabel, words=examples.words, names=candidates,
                  folds=folds, random_state=random_state, optimise=optimise,
                  embeddings=embeddings, document=document_unit(examples.texts),
                  **({"lexicon": lexicon} if lexicon else {}))
        if cv:
            selection = select_model(examples.texts, examples.labels, progress=progress, **kw)
            fitted, classes, metrics = selection.model, selection.classes, dict(selection.metrics)
            metrics["selection"] = selection.table
            model = selection.model
        else:
            model = build_candidate((candidates or CANDIDATES)[-1], **kw)
            fitted, classes = _fit(model, examples.texts, examples.labels, examples.multilabel,
                                   examples.words)
            metrics = None
    else:
        metrics = cross_validate(model, examples.texts, examples.labels, folds=folds,
                                 random_state=random_state, multilabel=examples.multilabel,
                                 words=examples.words) if cv else None
        fitted, classes = _fit(model, examples.texts, examples.labels, examples.multilabel,
                               examples.words)
    card = _card(examples, fitted, classes, model=model, name=name, note=note,
                 text_field=text_field, label_field=label_field, word_field=word_field,
                 random_state=random_state, metrics=metrics, selection=selection)
    return Model(fitted, card), metrics


def evaluate(model: Model, examples: Examples) -> dict:
    """Metrics of a fitted model on labelled examples it was not trained on.

    Multi-label: micro- and macro-averaged precision, recall and F1, and each
    label's, with the model's own per-label thresholds.
    """
    pred = model.predict(examples.texts)
    classes = model.classes
    if not model.multilabel:
        extra = sorted(set(examples.labels) - set(classes))
        classes = classes + extra  # gold labels the model never saw count as misses
    out = classification_metrics(examples.labels, pred, classes, model.multilabel)
    if model.multilabel:
        th = model.thresholds or {}
        for row in out["per_class"]:
            row["threshold"] = th.get(row["label"])
    return out


def predict(model: Model, ids: Sequence[str], texts: Sequence[str],
            threshold: float | None = None) -> pd.DataFrame:
    """``{id, label, score}`` per text: the predicted label and its probability.

    For a multi-label model ``label`` is the list of labels it predicts (by
    its own per-label thresholds, or ``threshold`` for every label when
    given) and ``score`` the list of their probabilities, highest first.
    """
    texts = list(texts)
    if not texts:
        return pd.DataFrame(columns=["id", "label", "score"])
    labels, P = _predict(model.estimator, model.classes, texts, model.multilabel, threshold)
    classes = model.classes
    rows = []
    for i, lab, row in zip(ids, labels, P):
        if model.multilabel:
            js = sorted((classes.index(c) for c in lab), key=lambda j: -row[j])
            rows.append({"id": i, "label": [classes[j] for j in js],
                         "score": [round(float(row[j]), 4) for j in js]})
        else:
            j = int(row.argmax())
            rows.append({"id": i, "label": classes[j], "score": round(float(row[j]), 4)})
    return pd.DataFrame(rows, columns=["id", "label", "score"])


def train_files(paths, output, *, text_field: str = "text", label_field: str = "label",
                id_field: str = "id", labels: Sequence[str] | None = None,
                seed_lexicon: str | None = None, features: str = "framing", lexicon=None,
                embeddings: bool | None = None, word_field: str | None = None, folds: int = 5,
                random_state: int = 0, cv: bool = True, candidates: Sequence[str] | None = None,
                optimise: str = "micro", progress: Callable[[str], None] | None = None,
                on_error: Callable | None = None) -> tuple[Model, dict | None]:
    """Read labelled files, select and fit a model, and save it with its card (the CLI's ``train``).

    The candidates (``candidates``; ``features="tfidf"`` means only the
    ``tfidf-word`` baseline) are cross-validated and the best is saved; see
    :func:`train`. With ``seed_lexicon`` the files need no labels: sentences
    are labelled by the pack's seed terms
    (:func:`framing.classify.frames.weak_examples`) and the frame classifier
    is trained on them. With ``word_field`` (a field listing the words
    annotators marked in each record) the framing stack gets a part that
    learns from those words (:class:`~framing.classify.features.MarkedWordClassifier`).

    Returns:
        ``(Model, cross-validation metrics or None)``; the model is written to ``output``.
    """

    model = None
    if seed_lexicon:
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
        if word_field and ex.multilabel:
            raise FramingError("a word field needs one label per record (the labels in "
                               f"{label_field!r} are lists)")
        if features == "tfidf":
            candidates = ["tfidf-word"]
        elif features != "framing":
            raise FramingError(f"features={features!r}; allowed: framing, tfidf")
        note = ""
    m, metrics = train(ex, model, folds=folds, random_state=random_state, cv=cv,
                       text_field=text_field, label_field=label_field, word_field=word_field,
                       name=Path(output).stem, note=note, candidates=candidates,
                       optimise=optimise, embeddings=embeddings, lexicon=lexicon,
                       progress=progress)
    m.save(output)
    return m, metrics
