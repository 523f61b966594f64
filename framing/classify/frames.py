"""A weakly supervised frame classifier: seed terms label sentences, a classifier generalises.

No hand labels are needed to train it. The seed pack (``frames-conflict`` by
default; any pack whose referents are frames will do) labels each sentence of
unlabelled articles with its *dominant frame*: the referent with the most seed
hits, when exactly one referent has the most. Sentences with no hit are
labelled ``none`` (a sample of them, so that ``none`` does not swamp the
frames); sentences where two frames tie are left out. A TF-IDF logistic
regression then learns, from these pseudo-labels, the other words that come
with each frame, so it also labels sentences whose frame is carried by words
the pack does not list.

>>> seed_label("Warplanes shelled rebel positions overnight.", "frames-conflict")
'military'
>>> seed_label("The talks in Geneva resumed on Monday.", "frames-conflict")
'diplomacy'
>>> seed_label("It was cold.", "frames-conflict") is None
True
"""

from __future__ import annotations

import hashlib
import random
from typing import Iterable

from ..data import Article
from ..lexicon import load_lexicon
from ..terms import find_terms
from ..text import boilerplate, count_words, overlaps, sentences
from .examples import Examples

__all__ = ["NONE", "seed_scores", "seed_label", "weak_examples", "frame_classifier"]

NONE = "none"
"""The label of a sentence with no frame."""


def _pack(lexicon):

    return load_lexicon(lexicon)


def seed_scores(text: str, lexicon="frames-conflict") -> dict[str, int]:
    """Seed hits per frame (referent) in ``text``; frames without hits are left out."""

    out: dict[str, int] = {}
    for h in find_terms(text, _pack(lexicon)):
        out[h.referent] = out.get(h.referent, 0) + 1
    return out


def seed_label(text: str, lexicon="frames-conflict") -> str | None:
    """The dominant frame of ``text`` by seed hits; ``None`` without hits or on a tie."""
    s = seed_scores(text, lexicon)
    if not s:
        return None
    best = max(s.values())
    top = [k for k, v in s.items() if v == best]
    return top[0] if len(top) == 1 else None


def weak_examples(articles: Iterable, lexicon="frames-conflict", *, none_share: float = 0.25,
                  min_words: int = 5, random_state: int = 0) -> Examples:
    """Pseudo-labelled sentences from unlabelled articles.

    Args:
        articles: :class:`~framing.data.Article` objects (or strings).
        lexicon: the seed pack; its referents are the frames.
        none_share: ``none`` sentences kept, as a share of the labelled ones.
        min_words: skip shorter sentences (datelines, headlines cut short).
        random_state: seeds the sample of ``none`` sentences.

    Returns:
        :class:`~framing.classify.Examples` whose ids are ``article-id:start-end``.
    """

    pack = _pack(lexicon)
    ids, texts, labels, nones = [], [], [], []
    h = hashlib.sha256(pack.sha256.encode())
    for k, a in enumerate(articles):
        if isinstance(a, str):
            a = Article(id=f"text{k}", text=a)
        h.update(a.text.encode("utf-8"))
        bp = [(s, e) for s, e, *_ in boilerplate(a.text, title=a.title)]
        for s, e in sentences(a.text):
            t = a.text[s:e]
            if count_words(t) < min_words or overlaps(bp, s, e):
                continue
            sid = f"{a.id}:{s}-{e}"
            scores = seed_scores(t, pack)
            if not scores:
                nones.append((sid, t))
                continue
            lab = seed_label(t, pack)
            if lab is not None:
                ids.append(sid)
                texts.append(t)
                labels.append(lab)
    rng = random.Random(random_state)
    k = min(len(nones), int(round(none_share * len(ids))))
    for sid, t in rng.sample(nones, k):
        ids.append(sid)
        texts.append(t)
        labels.append(NONE)
    return Examples(ids, texts, labels, multilabel=False, sha256=h.hexdigest())


def frame_classifier(*, random_state=0):
    """The classifier trained on the pseudo-labels: word 1-2-gram TF-IDF, logistic regression.

    Class weights are balanced, so rare frames are not drowned by common ones.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    return Pipeline([
        ("features", FeatureUnion([("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                                                             min_df=2))])),
        ("clf", LogisticRegression(C=3.0, max_iter=5000, class_weight="balanced",
                                   random_state=random_state)),
    ])
