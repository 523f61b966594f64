"""Classifiers that learn framing from labelled examples.

- :mod:`~framing.classify.features`: scikit-learn transformers over raw
  texts: :class:`LexiconVectorizer` (lexicon hits by label, referent, voice),
  :class:`AttributionFeatures` (attributions by source type, side, stance),
  :class:`SubjectivityFeatures`, :class:`SentenceEmbedding` (optional extra),
  :class:`LogCountRatio` (naive-Bayes weights for n-grams),
  :class:`MarkedWordClassifier` (learns from the words annotators marked).
- :mod:`~framing.classify.pipelines`: :func:`make_classifier`, n-grams next to
  those features, combined by stacking.
- :mod:`~framing.classify.train`: :func:`read_examples`, :func:`train`,
  :func:`cross_validate`, :func:`evaluate`, :func:`predict`, :func:`explain`.
- :mod:`~framing.classify.persist`: :func:`save_model` / :func:`load_model`
  (JSON + NumPy, no pickle; a model card beside each model; changed files and
  untrusted types are refused).
- :mod:`~framing.classify.frames`: a weakly supervised conflict-frame
  classifier seeded by the ``frames-conflict`` pack.

>>> from framing.classify import make_classifier, Model
>>> texts = ["They slammed the disastrous, shameful plan.", "The plan was published on Monday."] * 6
>>> est = make_classifier(features="tfidf").fit(texts, ["loaded", "neutral"] * 6)
>>> est.predict(["A shameful plan."]).tolist()
['loaded']
"""

from .features import (AttributionFeatures, LexiconVectorizer, LogCountRatio,
                       MarkedWordClassifier, SentenceEmbedding, SubjectivityFeatures,
                       embeddings_available)
from .persist import ModelError, TRUSTED_TYPES, card_path, load_model, read_card, save_model
from .pipelines import make_classifier
from .train import (Examples, Model, cross_validate, evaluate, explain, label_str, predict,
                    read_examples, read_span_examples, score_texts, train, with_scores,
                    group_scores, article_scores, SCORE_PREFIX, train_files)

__all__ = [
    "LexiconVectorizer", "AttributionFeatures", "SubjectivityFeatures", "SentenceEmbedding",
    "LogCountRatio", "MarkedWordClassifier",
    "embeddings_available", "make_classifier", "Examples", "Model", "read_examples",
    "read_span_examples", "train",
    "cross_validate", "evaluate", "predict", "explain", "score_texts", "label_str",
    "train_files", "with_scores", "group_scores", "article_scores", "SCORE_PREFIX",
    "save_model", "load_model", "read_card", "card_path", "ModelError", "TRUSTED_TYPES",
]
