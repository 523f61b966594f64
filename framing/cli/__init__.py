"""The ``framing`` command: thin subcommands over the Python API.

Exit status: 0 when every input was read and the command succeeded; 1 when
some files or records could not be read (each is reported on stderr with its
path, line and problem, and everything else is still processed and written;
with ``--strict`` the run stops at the first one, after ``analyze`` has written
every article read before it); 2 for a usage error (bad option, unknown
lexicon, invalid pack, unwritable output) or when no article could be read at
all (one line, and nothing is written). Inputs read with a caveat (a
guessed encoding) are reported as warnings and do not change the status. No
traceback is shown for these errors unless ``--debug`` is given.

Layout: one module per command or group of commands, each holding
``add_<command>(sub)`` (its options, in the order ``--help`` lists them) next
to ``cmd_<command>(args)`` (parse, call the library, print):

- :mod:`.analyze`, :mod:`.compare`, :mod:`.kwic`, :mod:`.report`: commands over a corpus;
- :mod:`.lexicon`: ``lexicon list/show/validate/import/stats/suggest``;
- :mod:`.validate`: ``validate sample/score`` (a pack's precision, coded by hand);
- :mod:`.evaluate`: ``evaluate attribution`` (``evaluate model`` is in :mod:`.classify`);
- :mod:`.classify`: ``train``, ``classify``, ``explain``, ``evaluate model``;
- :mod:`.download`: ``download fakes``;
- :mod:`.options`: options shared by several commands, each declared once:
  ``add_output`` (``--format``/``-o``), ``add_fields``, ``add_corpus``, ``add_model``;
- :mod:`.run`: exit statuses, unreadable inputs (``Errors``, ``--strict``) and
  the analysis stream every corpus command reads (``analyses``).

To add a flag: one ``p.add_argument(...)`` in the command's ``add_<command>``,
at the place it should appear in ``--help``; if several commands need it, a
helper in :mod:`.options`. To add a command: a function ``add_<name>(sub)``
that calls ``options.command(sub, name, HELP, example)`` (every command's help
ends with an ``Example:`` line) and ``set_defaults(func=cmd_<name>)``, and one
line ``(name, HELP, add_<name>)`` in :data:`COMMANDS` below, in the order of
``framing --help`` (only the command being run gets its options built). Commands
return an exit status; they raise :class:`~framing.errors.FramingError` for a
usage error, and import pandas-heavy modules inside ``cmd_<name>``, so that
``framing --help`` stays quick.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import warnings

from .. import __version__
from ..corpus.config import find_config
from ..errors import FramingError, FramingWarning, printable
from . import analyze, classify, compare, download, evaluate, kwic, lexicon, report, validate
from .options import resolve_format
from .run import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, Stopped, refuse_output_on_input

__all__ = ["main", "build_parser", "COMMANDS", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE"]

COMMANDS = (
    ("analyze", analyze.ANALYZE_HELP, analyze.add_analyze),
    ("compare", compare.COMPARE_HELP, compare.add_compare),
    ("kwic", kwic.KWIC_HELP, kwic.add_kwic),
    ("report", report.REPORT_HELP, report.add_report),
    ("lexicon", lexicon.LEXICON_HELP, lexicon.add_lexicon),
    ("validate", validate.VALIDATE_HELP, validate.add_validate),
    ("evaluate", evaluate.EVALUATE_HELP, evaluate.add_evaluate),
    ("train", classify.TRAIN_HELP, classify.add_train),
    ("classify", classify.CLASSIFY_HELP, classify.add_classify),
    ("explain", classify.EXPLAIN_HELP, classify.add_explain),
    ("download", download.DOWNLOAD_HELP, download.add_download),
)
"""``(name, help, add_<name>)`` of each command, in the order of ``framing --help``."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``framing`` command.

    Args:
        command: build the options of this command only (``""``: of none); the
            others are listed by name and help, all that ``framing --help`` and
            the choice of a command need. This keeps start-up quick: ``compare`` reads its
            measures from :data:`framing.compare.MEASURES`, which imports pandas.
            Default: every command.
    """
    p = argparse.ArgumentParser(
        prog="framing",
        description="How news outlets frame a story: loaded terms, who is quoted, and how outlets differ.",
        epilog="Example: framing report seeds/ --by outlet -o reports/seed",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    p.add_argument("--config", metavar="FILE",
                   help="field names and defaults (lexicon, by) for every command, read from this "
                        "TOML file (default: framing.toml in the working folder, if any); options "
                        "on the command line win")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first file or record that cannot be read (exit status 1) "
                        "instead of skipping it")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, help, add in COMMANDS:
        if command is None or name == command:
            add(sub)
        else:
            sub.add_parser(name, help=help)
    return p


def _command(argv: list[str]) -> str:
    """The command named in ``argv`` (the first word that is not an option), or ``""``.

    >>> _command(["--strict", "compare", "corpus/"]), _command(["--help"])
    ('compare', '')
    """
    return next((a for a in argv if not a.startswith("-")), "")


def _evaluate_shorthand(argv: list[str]) -> list[str]:
    """``framing evaluate MODEL DATA`` means ``framing evaluate model MODEL DATA``.

    >>> _evaluate_shorthand(["evaluate", "m.npz", "d.jsonl"])
    ['evaluate', 'model', 'm.npz', 'd.jsonl']
    >>> _evaluate_shorthand(["--debug", "evaluate", "attribution", "d.jsonl"])
    ['--debug', 'evaluate', 'attribution', 'd.jsonl']
    """
    i = next((k for k, a in enumerate(argv) if not a.startswith("-")), None)
    if i is not None and argv[i] == "evaluate" and i + 1 < len(argv):
        nxt = argv[i + 1]
        if not nxt.startswith("-") and nxt not in ("attribution", "loaded", "model"):
            return argv[:i + 1] + ["model"] + argv[i + 1:]
    return argv


def _more_paths(parser, args, extra: list[str]) -> None:
    """Words left after the options are more input paths (``kwic``: the term is the last), so
    ``framing kwic my.csv --text-field body terrorists`` reads as written; anything else that
    was not understood is a usage error."""
    if hasattr(args, "paths") and not any(a.startswith("-") for a in extra):
        args.paths += extra
        return
    sub = parser._subparsers._group_actions[0].choices.get(args.command) if args.command else None
    options = [o for a in (sub or parser)._actions for o in a.option_strings if o.startswith("--")]
    hints = []
    for a in extra:
        if a.startswith("--"):
            close = difflib.get_close_matches(a.split("=", 1)[0], options, n=1, cutoff=0.7)
            if close:
                hints.append(f"{a.split('=', 1)[0]}: did you mean {close[0]}?")
    (sub or parser).error(f"unrecognized arguments: {' '.join(extra)}"
                          + (f" ({'; '.join(hints)})" if hints else ""))


def _by_mapped_field(args) -> None:
    """``--outlet-field source --by source``: the column ``source`` became the outlet, so
    group by the outlet (the records have no field ``source`` any more)."""
    by = getattr(args, "by", None)
    if not isinstance(by, str):
        return
    for f in ("outlet", "date", "title", "url", "id"):
        if by != f and getattr(args, f"{f}_field", None) == by:
            args.by = f
            return


def _pop_config(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--config FILE`` (anywhere on the line) and the other arguments.

    >>> _pop_config(["report", "--config", "my.toml", "c.csv"])
    ('my.toml', ['report', 'c.csv'])
    """
    out, path, i = [], None, 0
    while i < len(argv):
        a = argv[i]
        if a == "--config" and i + 1 < len(argv):
            path, i = argv[i + 1], i + 2
            continue
        if a.startswith("--config="):
            path = a.split("=", 1)[1]
        else:
            out.append(a)
        i += 1
    return path, out


def _config_defaults(parser, config) -> None:
    """The field names and ``--by`` of a ``framing.toml`` become the defaults of every option
    of those names (options on the command line still win)."""
    values = {f"{k}_field": getattr(config.fields, k) for k in config.given_fields}
    if config.by:
        values["by"] = config.by
    stack = [parser]
    while stack:
        p = stack.pop()
        for a in p._actions:
            if isinstance(a, argparse._SubParsersAction):
                stack.extend(a.choices.values())
            elif a.dest in values and (not a.choices or values[a.dest] in a.choices):
                a.default = values[a.dest]


def _no_command(argv: list[str]) -> int | None:
    """``framing`` alone: the commands, one line each; an unknown command: the closest one."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    names = [name for name, _, _ in COMMANDS]
    cmd = _command(argv)
    if not cmd:
        width = max(map(len, names))
        print("usage: framing [--debug] [--strict] COMMAND ...\n\ncommands:", file=sys.stderr)
        for name, help, _ in COMMANDS:
            print(f"  {name:<{width}}  {help}", file=sys.stderr)
        print("\nframing COMMAND --help shows a command's options.", file=sys.stderr)
        return EXIT_USAGE
    if cmd not in names:
        close = difflib.get_close_matches(cmd, names, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        print(f"framing: error: unknown command {cmd!r}{hint}; commands: {', '.join(names)}",
              file=sys.stderr)
        return EXIT_USAGE
    return None


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    config_path, argv = _pop_config(sys.argv[1:] if argv is None else list(argv))
    argv = _evaluate_shorthand(argv)
    status = _no_command(argv)
    if status is not None:
        return status
    empty = next((i for i, a in enumerate(argv) if not a.strip() or a.endswith("=") and
                  a.startswith("--")), None)
    if empty is not None:   # an unset shell variable: say so, rather than read "" as a path or name
        after = f" after {argv[empty - 1]}" if empty and not argv[empty].strip() else ""
        print(f"framing: error: empty argument{after or ' ' + argv[empty]}: give a value",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        config = find_config(config_path)
    except FramingError as e:
        print(f"framing: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser(_command(argv))
    if config is not None:
        _config_defaults(parser, config)
    args, extra = parser.parse_known_args(argv)
    if extra:
        _more_paths(parser, args, extra)
    if config is not None and config.lexicon and getattr(args, "lexicon", False) is None:
        args.lexicon = list(config.lexicon)   # --lexicon given: the file's packs are not added
    _by_mapped_field(args)
    resolve_format(args)   # --format left at its default follows -o's suffix
    with warnings.catch_warnings():
        warnings.simplefilter("always", FramingWarning)
        warnings.showwarning = _show_warning
        return _run(args)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """A :class:`~framing.errors.FramingWarning` as one ``framing: warning:`` line on stderr."""
    if issubclass(category, FramingWarning):
        print(f"framing: warning: {message}", file=sys.stderr)
    else:
        _SHOW_WARNING(message, category, filename, lineno, file, line)


_SHOW_WARNING = warnings.showwarning


def _run(args) -> int:
    """Run the command of ``args``: its errors as one line on stderr, with the exit status."""
    try:
        refuse_output_on_input(args)   # before anything is opened: -o must not be an input
        code = args.func(args)
        sys.stdout.flush()   # a full disk on standard output shows here, not at exit
        return code
    except Stopped as e:
        if args.debug:
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return EXIT_PARTIAL
    except FramingError as e:
        if args.debug:
            raise
        print(f"framing: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_OK
    except OSError as e:  # an output that cannot be written: a full disk, a read-only folder
        if args.debug:
            raise
        _discard_stdout()
        if e.filename:
            print(f"framing: error: {printable(e.filename)}: {e.strerror or e}", file=sys.stderr)
        else:
            out = getattr(args, "output", None)
            print(f"framing: error: cannot write {printable(out) if out else 'standard output'}: "
                  f"{e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that what is left in its buffer (a closed pipe,
    a full disk) is not written, and reported, again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind sys.stdout (tests)
        pass
