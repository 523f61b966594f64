"""Ready-made classifiers: word n-grams next to lexicon, subjectivity and attribution features.

:func:`make_classifier` returns an unfitted scikit-learn estimator that takes
raw texts. Every part is a plain scikit-learn object or one of the
transformers in :mod:`framing.classify.features`, so models are saved without
pickle (:mod:`framing.classify.persist`) and explained from their weights.

Fixed hyperparameters
---------------------
The defaults were set once, by reasoning and a coarse look at cross-validated
scores on BABE training folds, and are not tuned per dataset: word 1-2-grams
and character 2-5-grams with sublinear TF-IDF, logistic regression with
``C=10`` on them (many weak, sparse features), ``C=1`` on the standardised
dense block (few strong features). The two halves are combined by averaging
their probabilities (soft voting), which keeps the strong dense features from
being swamped by tens of thousands of n-grams in one regularised model.
"""

from __future__ import annotations

from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from .features import AttributionFeatures, LexiconVectorizer, SentenceEmbedding, SubjectivityFeatures

__all__ = ["make_classifier", "FEATURE_SETS"]

FEATURE_SETS = ("tfidf", "framing")
"""``tfidf``: word n-grams only (the baseline). ``framing``: n-grams plus
lexicon, subjectivity and attribution features (and embeddings when asked)."""


def _words(char: bool = True) -> FeatureUnion:
    parts = [("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1))]
    if char:
        parts.append(("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                              sublinear_tf=True, min_df=2)))
    return FeatureUnion(parts)


def _cues(lexicon, attribution_lexicon, embeddings: bool):
    """Lexicon, subjectivity and attribution counts, standardised; embeddings as they are.

    Embeddings are L2-normalised already; standardising their 384 columns would
    weaken the regularisation on them and overfit.
    """
    handcrafted = Pipeline([
        ("features", FeatureUnion([
            ("lexicon", LexiconVectorizer(lexicon=lexicon)),
            ("subjectivity", SubjectivityFeatures()),
            ("attribution", AttributionFeatures(lexicon=attribution_lexicon)),
        ])),
        ("scale", StandardScaler(with_mean=False)),
    ])
    if not embeddings:
        return handcrafted
    return FeatureUnion([("handcrafted", handcrafted), ("embedding", SentenceEmbedding())])


def _lr(C: float, random_state) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, random_state=random_state)


def make_classifier(*, features: str = "framing", lexicon="general-bias",
                    attribution_lexicon="conflict-syria", embeddings: bool = False,
                    multilabel: bool = False, char_ngrams: bool = True, C_words: float = 10.0,
                    C_cues: float = 1.0, random_state=0):
    """An unfitted classifier that takes raw texts.

    Args:
        features: ``"tfidf"`` (word 1-2-grams, logistic regression: the
            baseline) or ``"framing"`` (also character n-grams, lexicon hits by
            label/referent/voice, subjectivity and style, attributions).
        lexicon: pack(s) for :class:`~framing.classify.features.LexiconVectorizer`.
        attribution_lexicon: pack(s) that profile sources for
            :class:`~framing.classify.features.AttributionFeatures`.
        embeddings: add :class:`~framing.classify.features.SentenceEmbedding`
            (needs the ``embeddings`` extra).
        multilabel: for targets that are sets of labels (one-vs-rest).
        char_ngrams: add character 2-5-grams to the word n-grams.
        C_words, C_cues: inverse regularisation of the two logistic regressions.
        random_state: seed passed to the estimators.

    Returns:
        For one label per record, a soft-voting :class:`~sklearn.ensemble.VotingClassifier`
        of an n-gram model (``words``) and a dense-feature model (``cues``);
        with ``features="tfidf"`` a :class:`~sklearn.pipeline.Pipeline`; with
        ``multilabel`` a Pipeline ending in a
        :class:`~sklearn.multiclass.OneVsRestClassifier`.

    >>> make_classifier(features="tfidf").steps[-1][0]
    'clf'
    """
    if features not in FEATURE_SETS:
        raise ValueError(f"features={features!r}; allowed: {', '.join(FEATURE_SETS)}")
    if features == "tfidf":
        clf = _lr(C_words, random_state)
        if multilabel:
            clf = OneVsRestClassifier(clf)
        return Pipeline([("features", _words(char=False)), ("clf", clf)])
    words = _words(char=char_ngrams)
    cues = _cues(lexicon, attribution_lexicon, embeddings)
    if multilabel:
        return Pipeline([
            ("features", FeatureUnion([("words", words), ("cues", cues)])),
            ("clf", OneVsRestClassifier(_lr(C_words, random_state))),
        ])
    return VotingClassifier([
        ("words", Pipeline([("features", words), ("clf", _lr(C_words, random_state))])),
        ("cues", Pipeline([("features", cues), ("clf", _lr(C_cues, random_state))])),
    ], voting="soft")
