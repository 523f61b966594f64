"""Classifiers that learn framing from labelled examples.

Modules, each importing only those listed before it:

- :mod:`~framing.classify.minilm`: all-MiniLM-L6-v2 run by NumPy from an
  installed package (no torch, no download).
- :mod:`~framing.classify.features`: scikit-learn transformers over raw
  texts: :class:`LexiconVectorizer` (lexicon hits by label, referent, voice),
  :class:`AttributionFeatures` (attributions by source type, side, stance),
  :class:`SubjectivityFeatures`, :class:`SentenceEmbedding`,
  :class:`LogCountRatio` (naive-Bayes weights for n-grams),
  :class:`MarkedWordClassifier` (learns from the words annotators marked).
- :mod:`~framing.classify.examples` (:func:`read_examples`),
  :mod:`~framing.classify.metrics`, :mod:`~framing.classify.scores`
  (:func:`with_scores`, :func:`mean_scores`).
- :mod:`~framing.classify.pipelines`: :func:`make_classifier` and
  :func:`make_part`, the parts of a model.
- :mod:`~framing.classify.stack`: :class:`StackedClassifier` (parts combined
  on their out-of-fold log-odds; tuned multi-label thresholds).
- :mod:`~framing.classify.select`: :func:`select_model`, the candidates
  ``framing train`` cross-validates (two TF-IDF baselines and the stack).
- :mod:`~framing.classify.explain`: :func:`explain`.
- :mod:`~framing.classify.persist`: :func:`save_model` / :func:`load_model`
  (JSON + NumPy, no pickle; a model card beside each model; changed files and
  untrusted types are refused).
- :mod:`~framing.classify.frames`: a weakly supervised conflict-frame
  classifier seeded by the ``frames-conflict`` pack.
- :mod:`~framing.classify.train`: :func:`train`, :func:`cross_validate`,
  :func:`evaluate`, :func:`predict` and :class:`Model`.

>>> from framing.classify import make_classifier, Model
>>> texts = ["They slammed the disastrous, shameful plan.", "The plan was published on Monday."] * 6
>>> est = make_classifier(features="tfidf").fit(texts, ["loaded", "neutral"] * 6)
>>> est.predict(["A shameful plan."]).tolist()
['loaded']
"""

from .examples import Examples, label_str, read_examples, read_span_examples
from .explain import explain
from .features import (AttributionFeatures, LexiconVectorizer, LogCountRatio,
                       MarkedWordClassifier, SentenceEmbedding, SubjectivityFeatures,
                       embeddings_available)
from .metrics import classification_metrics
from .persist import ModelError, TRUSTED_TYPES, card_path, load_model, read_card, save_model
from .pipelines import make_classifier, make_part
from .scores import (SCORE_PREFIX, article_scores, collect_scores, group_scores, mean_scores,
                     score_texts, with_scores)
from .select import CANDIDATES, Selection, candidates, select_model
from .stack import StackedClassifier
from .train import (Model, candidate_model, cross_validate, document_unit, evaluate, predict, train,
                    train_files)

__all__ = [
    "LexiconVectorizer", "AttributionFeatures", "SubjectivityFeatures", "SentenceEmbedding",
    "LogCountRatio", "MarkedWordClassifier",
    "embeddings_available", "make_classifier", "make_part", "Examples", "Model", "read_examples",
    "read_span_examples", "train", "StackedClassifier", "select_model", "Selection", "candidates",
    "CANDIDATES", "classification_metrics", "candidate_model", "document_unit",
    "cross_validate", "evaluate", "predict", "explain", "score_texts", "label_str",
    "train_files", "with_scores", "group_scores", "article_scores", "collect_scores",
    "mean_scores", "SCORE_PREFIX",
    "save_model", "load_model", "read_card", "card_path", "ModelError", "TRUSTED_TYPES",
]
