"""Keep all-MiniLM-L6-v2 vectors between evaluation runs (NumPy files keyed by each text's SHA-256).

Encoding every sentence of BABE takes minutes on two cores; the evaluation
scripts (``--cache DIR``) load what an earlier run wrote and save what they
add. No pickle: ``pooled.npz`` (one (7, 384) array per text), ``words.npz``
(word vectors, concatenated, with offsets) and ``index.json`` (hashes and word
lists).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np


def _sha(t: str) -> str:
    return hashlib.sha256(t.encode("utf-8")).hexdigest()


def load_cache(cache: Path | None, texts) -> None:
    """Fill the encoder's caches from ``cache`` (files written by :func:`save_cache`)."""
    if cache is None or not (cache / "index.json").exists():
        return
    from framing.classify.minilm import encoder

    enc = encoder()
    index = json.loads((cache / "index.json").read_text())
    want = {_sha(t): t for t in texts}
    with np.load(cache / "pooled.npz") as z:
        pooled = z["pooled"]
    for k, h in enumerate(index["pooled"]):
        if h in want:
            enc._pooled[(want[h], 256, None)] = pooled[k]
    if (cache / "words.npz").exists():
        with np.load(cache / "words.npz") as z:
            vecs, offsets = z["vecs"], z["offsets"]
        for k, (h, ws) in enumerate(zip(index["words"], index["word_lists"])):
            if h in want:
                enc._words[(want[h], 256)] = (ws, vecs[offsets[k]:offsets[k + 1]])


def save_cache(cache: Path | None) -> None:
    """Write the encoder's caches (pooled vectors and word vectors) to ``cache``."""
    if cache is None:
        return
    from framing.classify.minilm import encoder

    enc = encoder()
    cache.mkdir(parents=True, exist_ok=True)
    pooled = [(t, v) for (t, L, ch), v in enc._pooled.items() if L == 256 and ch is None]
    words = [(t, w) for (t, L), w in enc._words.items() if L == 256]
    np.savez(cache / "pooled.npz", pooled=np.stack([v for _, v in pooled]) if pooled
             else np.zeros((0, 7, 384), np.float32))
    if words:
        sizes = [len(w[0]) for _, w in words]
        np.savez(cache / "words.npz", vecs=np.concatenate([w[1] for _, w in words]),
                 offsets=np.concatenate([[0], np.cumsum(sizes)]))
    (cache / "index.json").write_text(json.dumps({
        "pooled": [_sha(t) for t, _ in pooled], "words": [_sha(t) for t, _ in words],
        "word_lists": [w[0] for _, w in words]}))


