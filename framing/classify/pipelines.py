"""Ready-made classifiers: word n-grams next to lexicon, subjectivity and attribution features.

:func:`make_classifier` returns an unfitted scikit-learn estimator that takes
raw texts. Every part is a plain scikit-learn object or one of the
transformers in :mod:`framing.classify.features`, so models are saved without
pickle (:mod:`framing.classify.persist`) and explained from their weights.

Fixed hyperparameters
---------------------
Set once, a priori or by a coarse look at cross-validated scores on BABE
training folds (``eval/babe_cv.py``), and not tuned per dataset:

- ``words``: word 1-2-grams and character 2-5-grams (``char_wb``,
  ``min_df=2``) with sublinear TF-IDF, each column scaled by its naive-Bayes
  log-count ratio (:class:`~framing.classify.features.LogCountRatio`,
  ``alpha=1``), logistic regression with ``C=10`` (many weak, sparse features).
- ``cues``: lexicon, subjectivity and attribution counts, standardised
  (without centring), logistic regression with ``C=1`` (few strong features).
- ``embedding`` (with ``embeddings=True``): all-MiniLM-L6-v2, every hidden
  layer mean-pooled and L2-normalised on its own (7 x 384 columns), logistic
  regression with ``C=1``; not standardised, which would weaken the
  regularisation and overfit. Nested cross-validation of ``C`` over
  0.1-10 inside the training folds gained 0.001, so it is not done.
- ``marked`` (with ``marked_words=True``): a
  :class:`~framing.classify.features.MarkedWordClassifier` learnt from the
  words annotators marked; its word-level logistic regression (``C=0.1``, on
  the same model's 7 x 384 word vectors, not standardised) was set once on the
  scale of those vectors; the sentence-level one has ``C=1``. The final
  estimator is then a :class:`StackingLogisticRegression` (the same ``C=1``).
- The parts are combined by **stacking**: a logistic regression (``C=1``)
  learns how much to trust each part from their out-of-fold decision values
  (log-odds) in 5-fold stratified, shuffled cross-validation inside the
  training data (seeded by ``random_state``); then every part is refitted on
  all of it. Unlike averaging probabilities (soft voting, ``combine="vote"``),
  this lets a strong part (the embedding) outweigh a weak one (the cues) and
  keeps tens of thousands of n-grams from swamping a few strong dense
  features. Fitting costs about six times a single fit of each part.

BABE training sentences, 5-fold CV, three fold seeds (macro-F1, mean of the
seeds): TF-IDF word 1-2-grams 0.714; the old soft vote 0.741 (0.764 with
last-layer embeddings); this stack 0.749 without embeddings, about 0.780
with them, and 0.801 (0.798-0.803) with the marked-words part as well.
"""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import StackingClassifier, VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from .features import (AttributionFeatures, LexiconVectorizer, LogCountRatio,
                       MarkedWordClassifier, SentenceEmbedding, SubjectivityFeatures)

__all__ = ["make_classifier", "make_part", "StackingLogisticRegression", "FEATURE_SETS", "COMBINE",
           "PARTS"]

COMBINE = ("stack", "vote")
"""How the parts of a ``framing`` classifier are combined (see the module docstring)."""

FEATURE_SETS = ("tfidf", "framing")
"""``tfidf``: word n-grams only (the baseline). ``framing``: n-grams plus
lexicon, subjectivity and attribution features (and embeddings when asked)."""


def _words(char: bool = True, min_df: int = 1, dtype=np.float64) -> FeatureUnion:
    parts = [("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=min_df,
                                      dtype=dtype))]
    if char:
        parts.append(("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                              sublinear_tf=True, min_df=2, dtype=dtype)))
    return FeatureUnion(parts)


def _cues(lexicon, attribution_lexicon) -> Pipeline:
    """Lexicon, subjectivity and attribution counts, standardised."""
    return Pipeline([
        ("features", FeatureUnion([
            ("lexicon", LexiconVectorizer(lexicon=lexicon)),
            ("subjectivity", SubjectivityFeatures()),
            ("attribution", AttributionFeatures(lexicon=attribution_lexicon)),
        ])),
        ("scale", StandardScaler(with_mean=False)),
    ])


def _lr(C: float, random_state) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, random_state=random_state)


class StackingLogisticRegression(LogisticRegression):
    """The final estimator of a stack with a :class:`~framing.classify.features.MarkedWordClassifier`.

    A plain :class:`~sklearn.linear_model.LogisticRegression` whose ``fit``
    accepts and ignores ``marked_words``: with metadata routing enabled,
    :class:`~sklearn.ensemble.StackingClassifier` (scikit-learn 1.9) routes
    them to the parts that request them but also hands every fit parameter
    to its final estimator, which learns from the parts' outputs only.
    """

    __metadata_request__fit = {"marked_words": False}

    def fit(self, X, y, sample_weight=None, marked_words=None):
        """Fit on the parts' out-of-fold outputs; ``marked_words`` is not used."""
        return super().fit(X, y, sample_weight=sample_weight)


def make_classifier(*, features: str = "framing", lexicon="general-bias",
                    attribution_lexicon="conflict-syria", embeddings: bool = False,
                    multilabel: bool = False, char_ngrams: bool = True, nb_weights: bool = True,
                    combine: str = "stack", C_words: float = 10.0, C_cues: float = 1.0,
                    C_embedding: float = 1.0, embedding_layers: str = "all",
                    marked_words: bool = False, random_state=0):
    """An unfitted classifier that takes raw texts.

    Args:
        features: ``"tfidf"`` (word 1-2-grams, logistic regression: the
            baseline) or ``"framing"`` (also character n-grams, lexicon hits by
            label/referent/voice, subjectivity and style, attributions).
        lexicon: pack(s) for :class:`~framing.classify.features.LexiconVectorizer`.
        attribution_lexicon: pack(s) that profile sources for
            :class:`~framing.classify.features.AttributionFeatures`.
        embeddings: add a third part, a logistic regression on
            :class:`~framing.classify.features.SentenceEmbedding` (needs the
            ``embeddings`` extra).
        multilabel: for targets that are sets of labels (one-vs-rest).
        char_ngrams: add character 2-5-grams to the word n-grams.
        nb_weights: scale the n-gram columns by their naive-Bayes log-count
            ratio (:class:`~framing.classify.features.LogCountRatio`).
        combine: ``"stack"`` (a logistic regression over the parts'
            out-of-fold log-odds) or ``"vote"`` (the average of their
            probabilities); see :data:`COMBINE`. Stacking learns its weights
            from the training data itself: with only tens of examples those
            weights are noisy, and ``"vote"`` is the steadier choice.
        C_words, C_cues, C_embedding: inverse regularisation of the parts'
            logistic regressions.
        embedding_layers: ``"all"`` or ``"last"`` (see
            :class:`~framing.classify.features.SentenceEmbedding`).
        marked_words: add a part trained on which words annotators marked,
            :class:`~framing.classify.features.MarkedWordClassifier` (needs
            the ``embeddings`` extra, and the words at fit time:
            ``read_examples(..., word_field=...)``); stacking only.
        random_state: seed of the estimators and of the stacking folds.

    Returns:
        For one label per record, a :class:`~sklearn.ensemble.StackingClassifier`
        (or with ``combine="vote"`` a soft-voting
        :class:`~sklearn.ensemble.VotingClassifier`) of an n-gram model
        (``words``), a dense-feature model (``cues``) and, with ``embeddings``,
        an embedding model (``embedding``); with ``features="tfidf"`` a
        :class:`~sklearn.pipeline.Pipeline`; with ``multilabel`` a Pipeline
        ending in a :class:`~sklearn.multiclass.OneVsRestClassifier`.

    >>> make_classifier(features="tfidf").steps[-1][0]
    'clf'
    >>> [name for name, _ in make_classifier(embeddings=True).estimators]
    ['words', 'cues', 'embedding']
    >>> [name for name, _ in make_classifier(embeddings=True, marked_words=True).estimators]
    ['words', 'cues', 'embedding', 'marked']
    """
    if features not in FEATURE_SETS:
        raise ValueError(f"features={features!r}; allowed: {', '.join(FEATURE_SETS)}")
    if combine not in COMBINE:
        raise ValueError(f"combine={combine!r}; allowed: {', '.join(COMBINE)}")
    if marked_words and (features != "framing" or multilabel or combine != "stack"):
        raise ValueError("marked_words=True needs features='framing', combine='stack' and one "
                         "label per record")
    if features == "tfidf":
        clf = _lr(C_words, random_state)
        if multilabel:
            clf = OneVsRestClassifier(clf)
        return Pipeline([("features", _words(char=False)), ("clf", clf)])
    words = _words(char=char_ngrams)
    cues = _cues(lexicon, attribution_lexicon)
    if multilabel:
        parts = [("words", words), ("cues", cues)]
        if embeddings:
            parts.append(("embedding", SentenceEmbedding(layers=embedding_layers)))
        return Pipeline([
            ("features", FeatureUnion(parts)),
            ("clf", OneVsRestClassifier(_lr(C_words, random_state))),
        ])
    word_steps = [("features", words)]
    if nb_weights:
        word_steps.append(("nb", LogCountRatio()))
    estimators = [
        ("words", Pipeline([*word_steps, ("clf", _lr(C_words, random_state))])),
        ("cues", Pipeline([("features", cues), ("clf", _lr(C_cues, random_state))])),
    ]
    if embeddings:
        estimators.append(("embedding", Pipeline([
            ("features", SentenceEmbedding(layers=embedding_layers)),
            ("clf", _lr(C_embedding, random_state))])))
    if marked_words:
        estimators.append(("marked", MarkedWordClassifier(random_state=random_state)))
    if combine == "vote":
        return VotingClassifier(estimators, voting="soft")
    final = (StackingLogisticRegression(C=1.0, max_iter=5000, random_state=random_state)
             if marked_words else _lr(1.0, random_state))
    return StackingClassifier(
        estimators, final_estimator=final, stack_method="decision_function",
        cv=StratifiedKFold(5, shuffle=True, random_state=random_state), n_jobs=1)


# -- the parts that framing train cross-validates, alone and stacked ----------------------------

PARTS = ("tfidf-word", "tfidf-char", "words", "cues", "embedding", "marked")
"""Parts :func:`make_part` builds (see :func:`framing.classify.select.candidates`)."""


def _head(multilabel: bool, C: float, random_state, balanced: bool = True):
    clf = LogisticRegression(C=C, max_iter=5000, random_state=random_state,
                             class_weight="balanced" if balanced else None)
    return OneVsRestClassifier(clf) if multilabel else clf


def make_part(name: str, *, multilabel: bool = False, document: bool = False,
              lexicon="general-bias", attribution_lexicon="conflict-syria", max_chunks=None,
              random_state=0):
    """One unfitted part: a scikit-learn pipeline from raw texts to a balanced logistic regression.

    Args:
        name: one of :data:`PARTS`: ``tfidf-word`` (word 1-2-gram TF-IDF, the
            textbook baseline), ``tfidf-char`` (character 2-5-grams within
            word boundaries), ``words`` (both, each column scaled by its
            naive-Bayes log-count ratio, ``C=10``), ``cues`` (lexicon,
            subjectivity and attribution features, standardised), ``embedding``
            (:class:`~framing.classify.features.SentenceEmbedding`, every
            layer), ``marked`` (:class:`~framing.classify.features.MarkedWordClassifier`;
            one label per record).
        multilabel: end in a one-vs-rest logistic regression (one per label).
        document: texts are articles, not sentences: lexicon and attribution
            counts become rates per 1,000 words; the ``words`` part's word
            n-grams need to be in two documents (its character n-grams
            always do); embeddings average chunks of whole sentences (at
            most ``max_chunks``).
        random_state: seed of the logistic regressions.

    Every logistic regression weighs classes (labels) inversely to their
    frequency (``class_weight="balanced"``), so rare classes count.

    >>> make_part("tfidf-word").steps[-1][1].class_weight
    'balanced'
    """
    min_df = 2 if document else 1
    if name == "tfidf-word":
        return Pipeline([("features", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                                                      min_df=min_df)),
                         ("clf", _head(multilabel, 1.0, random_state))])
    if name == "tfidf-char":
        return Pipeline([("features", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                                      sublinear_tf=True, min_df=2)),
                         ("clf", _head(multilabel, 1.0, random_state))])
    if name == "words":
        # articles: single precision halves the logistic regression's time on their many
        # character n-grams (same iterations, same choices to two or three decimals)
        feats = _words(min_df=2, dtype=np.float32) if document else _words()
        return Pipeline([("features", feats), ("nb", LogCountRatio()),
                         ("clf", _head(multilabel, 10.0, random_state))])
    if name == "cues":
        scale = "rate" if document else "count"
        feats = FeatureUnion([
            ("lexicon", LexiconVectorizer(lexicon=lexicon, scale=scale)),
            ("subjectivity", SubjectivityFeatures()),
            ("attribution", AttributionFeatures(lexicon=attribution_lexicon, scale=scale)),
        ])
        return Pipeline([("features", feats), ("scale", StandardScaler(with_mean=False)),
                         ("clf", _head(multilabel, 1.0, random_state))])
    if name == "embedding":
        return Pipeline([("features", SentenceEmbedding(layers="all", max_chunks=max_chunks)),
                         ("clf", _head(multilabel, 1.0, random_state))])
    if name == "marked":
        if multilabel:
            raise ValueError("the marked part needs one label per record")
        return MarkedWordClassifier(random_state=random_state)
    raise ValueError(f"part {name!r} unknown; allowed: {', '.join(PARTS)}")
