"""Running a command over a corpus: unreadable inputs, ``--strict``, the analysis stream.

Exit statuses: :data:`EXIT_OK`, :data:`EXIT_PARTIAL` (some inputs could not be
read, or ``--strict`` stopped the run), :data:`EXIT_USAGE` (a usage error).
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

from ..corpus import read_corpus
from ..engine import run
from ..errors import CorpusError, FramingError, printable
from ..lexicon import load_lexicons
from ..writers import skip_written
from .options import CORPUS_FIELDS, fields

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


INPUT_ARGS = ("paths", "data", "files", "file", "model", "sheet", "lexicon")
"""The arguments of any command that name files it reads."""


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def refuse_output_on_input(args) -> None:
    """Raise before anything is opened when ``-o`` is (or resolves to) one of the inputs.

    Writing would empty the input (``analyze c.jsonl -o c.jsonl``), and
    ``--resume`` would take the input for finished output.

    Raises:
        FramingError: naming the output and the input it would overwrite.
    """
    out = getattr(args, "output", None)
    if not out:
        return
    o = Path(out)
    for name in INPUT_ARGS:
        vals = getattr(args, name, None)
        for v in ([vals] if isinstance(vals, str) else vals or []):
            if isinstance(v, str) and Path(v).exists() and _same(o, Path(v)):
                raise FramingError(f"-o {printable(out)} is also an input ({printable(v)}); "
                                   "write the output elsewhere")


def run_options(args) -> dict:
    """The options that shape the records of ``framing analyze``: the format, each pack
    (name and SHA-256), the classifier (its file's SHA-256), the attributions kept
    (``--quotes``), the tagger (``--loaded``) and the field names."""
    import hashlib

    model = getattr(args, "model", None)
    try:
        model_sha = hashlib.sha256(Path(model).read_bytes()).hexdigest() if model else None
    except OSError:
        model_sha = model
    return {"format": args.format,
            "lexicons": [f"{lx.name} {lx.sha256}" for lx in load_lexicons(args.lexicon)],
            "model": model_sha,
            "quotes": getattr(args, "quotes", "all"),
            "loaded": bool(getattr(args, "loaded", False)),
            "fields": {f: getattr(args, f"{f}_field") for f in CORPUS_FIELDS if hasattr(args, f"{f}_field")}}


class Stopped(FramingError):
    """``--strict``: an input could not be read, so the run stops."""


class Errors:
    """Collects unreadable inputs: prints each on stderr and remembers that one happened.

    With ``strict`` (``--strict``) the first one stops the run. Warnings (inputs
    read with a caveat) are printed and counted apart.
    """

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.count = 0
        self.warnings = 0
        self.stopped: Stopped | None = None
        self.held: list[str] | None = None   # lines kept back until the first article is read

    def __call__(self, err: CorpusError):
        self.count += 1
        if self.strict:
            raise Stopped(f"{err} (stopped: --strict)")
        self._say(f"framing: skipped {printable(err)}", str(err))

    def warn(self, w: CorpusError):
        self.warnings += 1
        self._say(f"framing: warning: {printable(w)}", str(w))

    def _say(self, line: str, problem: str) -> None:
        if self.held is not None:
            self.held.append((line, problem))
        else:
            print(line, file=sys.stderr)

    def status(self) -> int:
        """The exit status of a command that ran to the end: partial when an input was skipped."""
        return EXIT_PARTIAL if self.count else EXIT_OK


def analyses(args, errors: Errors, resume: tuple[int, str] | None = None, *,
             stop_at_end: bool = True):
    """The packs, and the analyses of the inputs (``args.paths``), streamed.

    The articles are read with the field options, passed through the classifier
    of ``--model`` (its scores become ``score_<class>`` fields), analysed by the
    engine of ``--jobs/--engine``, with a progress bar and each article's notes
    on stderr. ``resume`` skips the articles already written.

    With ``--strict`` the stream ends at the first unreadable input; with
    ``stop_at_end`` it then raises that error, otherwise the caller finds it in
    ``errors.stopped`` (and raises it once its output is written).
    """
    lexs = load_lexicons(args.lexicon)
    arts = _not_empty(_until_stopped(read_corpus(args.paths, fields=fields(args), on_error=errors,
                                                 on_warning=errors.warn), errors), errors, args.paths)
    if resume:
        arts = skip_written(arts, *resume, ids=getattr(resume, "ids", None))
    if getattr(args, "model", None):  # classifier scores become score_<class> fields of each article
        from ..classify import Model, with_scores

        arts = with_scores(arts, Model.load(args.model))
    stream = _print_notes(_progress(run(arts, lexs, jobs=args.jobs, engine=args.engine,
                                        scheduler=args.scheduler, quotes=getattr(args, "quotes", "all"),
                                        loaded=bool(getattr(args, "loaded", False)))))
    return lexs, (_then_stop(stream, errors) if stop_at_end else stream)


def _not_empty(arts, errors: Errors, paths):
    """The articles, once the first is read; when there is none, a usage error on one line
    (nothing is written): the problems of the inputs, or that they hold no article."""
    errors.held = []
    it = iter(arts)
    first = next(it, None)
    held, errors.held = errors.held, None
    if first is None:
        if errors.stopped is not None:
            raise errors.stopped
        problems = "; ".join(p for _, p in held)
        raise FramingError("no article could be read" + (f": {problems}" if problems else
                           f" from {', '.join(map(str, paths))}"))
    for line, _ in held:
        print(line, file=sys.stderr)
    return itertools.chain([first], it)


def _until_stopped(arts, errors):
    """``--strict``: end the article stream at the first unreadable input, keeping the error.

    Raised inside the reader, the error would also unwind the engine and drop the
    articles it holds (a batch being filled, batches in flight); ended here, every
    article read before the bad input is analysed, and :func:`_then_stop` raises
    the error once their analyses have been used.
    """
    try:
        yield from arts
    except Stopped as e:
        errors.stopped = e


def _then_stop(stream, errors):
    """Pass analyses on; then raise the ``--strict`` error, if the input stream was stopped."""
    yield from stream
    if errors.stopped is not None:
        raise errors.stopped


def _progress(stream):
    """A progress bar on stderr for long runs: only on a terminal, and only after 2 seconds."""
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return stream
    return tqdm(stream, desc="analysing", unit=" articles", file=sys.stderr, delay=2.0,
                disable=None, leave=False)


def _print_notes(stream):
    """Pass analyses on, printing each one's notes (e.g. an unsupported language) on stderr."""
    for an in stream:
        for note in an.notes:
            print(f"framing: note: {printable(an.article.origin or an.article.id)}: {printable(note)}",
                  file=sys.stderr)
        yield an
