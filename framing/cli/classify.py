"""Classifier commands: ``train``, ``classify``, ``explain`` and ``evaluate model``."""

from __future__ import annotations

import sys

from ..corpus import Fields, read_corpus
from ..errors import FramingError, printable
from ..writers import METRICS_FORMATS, metrics_text, write_frame, write_text
from .options import add_output, command
from .run import EXIT_OK, Errors


def _labels(arg: str | None) -> list[str] | None:
    """``--labels A,B``."""
    return [x for x in arg.split(",") if x] if arg else None


TRAIN_HELP = "train a text classifier on labelled records and save it with its model card"


def add_train(sub) -> None:
    tr = command(
        sub, "train", TRAIN_HELP,
        "framing train ../shared/data/babe/train.jsonl --label-field biased -o models/babe.npz",
        description="Train a classifier on labelled records (a label per record, or a list of "
                    "labels for multi-label data): cross-validate the candidates (two TF-IDF "
                    "baselines and the framing stack), print every candidate's score, the chosen "
                    "one's per-class scores and confusion matrix, then fit the best on all records "
                    "and write MODEL (.npz, no pickle) and MODEL's card (.card.json: data hash, "
                    "candidates' scores, parameters, metrics, versions, date). Multi-label models "
                    "get per-label thresholds tuned in cross-validation (--optimise). With "
                    "--seed-lexicon the records need no labels: sentences are labelled by a frame "
                    "pack's seed terms (weak supervision).")
    tr.add_argument("paths", nargs="+", metavar="DATA", help="labelled files (.jsonl, .csv, ...) or folders")
    tr.add_argument("--text-field", default="text", metavar="NAME", help="field holding the text (default: text)")
    tr.add_argument("--label-field", default="label", metavar="NAME",
                    help="field holding the label, or a list of labels (default: label)")
    tr.add_argument("--id-field", default="id", metavar="NAME", help="field holding the id (default: id)")
    tr.add_argument("--labels", metavar="A,B,...", help="train only on records with these labels "
                                                        "(e.g. --label-field outlet --labels sana,etilaf)")
    tr.add_argument("--seed-lexicon", metavar="NAME|FILE",
                    help="weak supervision: label sentences by this frame pack's seed terms "
                         "(e.g. frames-conflict) instead of a label field")
    tr.add_argument("--features", choices=["framing", "tfidf"], default="framing",
                    help="framing: select among the candidates (default); tfidf: only the word "
                         "n-gram baseline (= --candidates tfidf-word)")
    tr.add_argument("--candidates", metavar="A,B,...",
                    help="candidates to cross-validate, of tfidf-word, tfidf-char, framing "
                         "(default: all three; the best cross-validated one is saved)")
    tr.add_argument("--optimise", choices=["micro", "macro"], default="micro",
                    help="multi-label: the F1 that picks the candidate and tunes each label's "
                         "threshold (default: micro)")
    tr.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                    help="pack(s) whose hits are features (default: general-bias)")
    emb = tr.add_mutually_exclusive_group()
    emb.add_argument("--embeddings", action="store_true",
                     help="give the framing stack its sentence-embedding part (the default when "
                          "the all-MiniLM-L6-v2 weights are installed, as they are with framing)")
    emb.add_argument("--no-embeddings", action="store_true",
                     help="leave the embedding part out (faster; see README: Classifiers)")
    tr.add_argument("--word-field", metavar="NAME",
                    help="field listing the words annotators marked in each record (e.g. "
                         "biased_words): adds a part that learns from them (uses the embedding "
                         "model)")
    tr.add_argument("--folds", type=int, default=5, help="cross-validation folds (default: 5)")
    tr.add_argument("--seed", type=int, default=0, help="random seed of folds and models (default: 0)")
    tr.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    add_output(tr, METRICS_FORMATS, format_help="how to print the metrics (default: table)", output=False)
    tr.add_argument("-o", "--output", required=True, metavar="MODEL", help="model file to write (.npz)")
    tr.set_defaults(func=cmd_train)


def cmd_train(args) -> int:
    from ..classify import card_path, train_files

    errors = Errors(args.strict)
    model, metrics = train_files(
        args.paths, args.output, text_field=args.text_field, label_field=args.label_field,
        id_field=args.id_field, labels=_labels(args.labels), seed_lexicon=args.seed_lexicon,
        features=args.features, lexicon=args.lexicon,
        embeddings=False if args.no_embeddings else (True if args.embeddings else None),
        word_field=args.word_field, folds=args.folds, random_state=args.seed, cv=not args.no_cv,
        candidates=_labels(args.candidates), optimise=args.optimise, on_error=errors,
        progress=lambda line: print(f"framing: {line}", file=sys.stderr))
    if metrics:
        write_text(metrics_text(metrics, args.format, "cross-validation" + (
            " against the seed-term labels (agreement with the seeds, not accuracy)"
            if args.seed_lexicon else "")))
    print(f"wrote {printable(args.output)} and {card_path(args.output)} "
          f"({model.card['training_data']['n_records']} records, classes: "
          f"{', '.join(model.classes)})", file=sys.stderr)
    return errors.status()


CLASSIFY_HELP = "label records with a trained model: {id, label, score} per record"


def add_classify(sub) -> None:
    cl = command(sub, "classify", CLASSIFY_HELP,
                 "framing classify models/babe.npz sentences.jsonl --format jsonl",
                 description="Apply a model to records: the predicted label and its probability, "
                             "keeping the input ids. A multi-label model gives every label above its "
                             "own threshold (tuned in cross-validation at training time), or above "
                             "--threshold.")
    cl.add_argument("model", metavar="MODEL")
    cl.add_argument("paths", nargs="+", metavar="DATA")
    cl.add_argument("--text-field", default="text", metavar="NAME", help="default: text")
    cl.add_argument("--id-field", default="id", metavar="NAME", help="default: id")
    cl.add_argument("--threshold", type=float, default=None,
                    help="multi-label cut-off for every label (default: the per-label thresholds "
                         "the model was trained with)")
    add_output(cl)
    cl.set_defaults(func=cmd_classify)


def cmd_classify(args) -> int:
    from ..classify import Model, predict

    errors = Errors(args.strict)
    model = Model.load(args.model)
    arts = list(read_corpus(args.paths, fields=Fields(id=args.id_field, text=args.text_field),
                            on_error=errors, on_warning=errors.warn))
    df = predict(model, [a.id for a in arts], [a.text for a in arts], threshold=args.threshold)
    if args.format == "csv":
        df = df.assign(**{c: df[c].map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
                          for c in ("label", "score")})
    write_frame(df, args.format, args.output)
    return errors.status()


EXPLAIN_HELP = "list the features with the largest weights toward each class of a model"


def add_explain(sub) -> None:
    xp = command(sub, "explain", EXPLAIN_HELP,
                 "framing explain models/sana-etilaf.npz --top 10")
    xp.add_argument("model", metavar="MODEL")
    xp.add_argument("--top", type=int, default=15, metavar="N", help="features per class and part (default: 15)")
    add_output(xp)
    xp.set_defaults(func=cmd_explain)


def cmd_explain(args) -> int:
    from ..classify import Model, explain

    model = Model.load(args.model)
    df = explain(model, top=args.top)
    if args.format == "table":
        c = model.card
        cv = (c.get("metrics") or {}).get("cross_validation") or {}
        print(f"{args.model}: {c.get('task')} over {', '.join(model.classes)}; trained "
              f"{c.get('created')} on {c.get('training_data', {}).get('n_records')} records"
              + (f"; cross-validated macro-F1 {cv['macro_f1']:.3f}" if cv else "") + "\n")
    write_frame(df, args.format, args.output)
    return EXIT_OK


def add_evaluate_model(esub) -> None:
    em = command(
        esub, "model", "score a trained classifier against labelled records",
        "framing evaluate models/babe.npz heldout.jsonl",
        description="Score MODEL on labelled records it was not trained on: macro-F1, accuracy, "
                    "per-class precision/recall/F1 and the confusion matrix; for a multi-label "
                    "model micro- and macro-averaged precision/recall/F1 and each label's, with "
                    "the label's threshold. 'framing evaluate MODEL DATA' is short for 'framing "
                    "evaluate model MODEL DATA'.")
    em.add_argument("model", metavar="MODEL")
    em.add_argument("data", nargs="+", metavar="DATA")
    em.add_argument("--text-field", metavar="NAME", help="default: the one the model was trained with")
    em.add_argument("--label-field", metavar="NAME", help="default: the one the model was trained with")
    em.add_argument("--id-field", default="id", metavar="NAME", help="default: id")
    em.add_argument("--labels", metavar="A,B,...",
                    help="score only records with these labels (gold labels the model never saw "
                         "otherwise count as misses)")
    add_output(em, METRICS_FORMATS)
    em.set_defaults(func=cmd_evaluate_model)


def cmd_evaluate_model(args) -> int:
    from ..classify import Model, evaluate, read_examples

    errors = Errors(args.strict)
    model = Model.load(args.model)
    td = model.card.get("training_data", {})
    label_field = args.label_field or td.get("label_field") or "label"
    if label_field.startswith("("):  # a weakly supervised model: no label field of its own
        raise FramingError(f"{args.model} was trained on seed terms; give the gold labels' field "
                           "with --label-field")
    ex = read_examples(args.data, text_field=args.text_field or td.get("text_field") or "text",
                       label_field=label_field, id_field=args.id_field, labels=_labels(args.labels),
                       on_error=errors)
    write_text(metrics_text(evaluate(model, ex), args.format,
                            f"{args.model} on {', '.join(args.data)}"), args.output)
    return errors.status()
