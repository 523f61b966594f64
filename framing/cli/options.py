"""Options shared by several commands, each declared once: output, fields, corpus, model.

A command module calls these from its ``add_<command>(sub)`` in the order its
``--help`` lists the options.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus import Fields
from ..data import QUOTE_MODES
from ..writers import FRAME_FORMATS, SUFFIX_FORMATS

CORPUS_FIELDS = {"text": "text", "id": "id", "title": "title", "outlet": "outlet", "date": "date",
                 "url": "url"}
"""The record fields of an article and their default names."""


def command(sub, name: str, help: str, example: str, description: str | None = None):
    """A subcommand whose help shows ``description`` (default: ``help``) and ends with an
    ``Example:`` line."""
    return sub.add_parser(
        name, help=help, description=description or help,
        epilog=f"Example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )


class SuffixFormat:
    """The default of ``--format``: ``default``, unless ``-o`` names a file whose suffix
    (:data:`framing.writers.SUFFIX_FORMATS`) is one of ``choices``, so that
    ``-o out.jsonl`` writes JSON lines, not a text table. An explicit ``--format`` wins."""

    def __init__(self, default: str, choices):
        self.default, self.choices = default, tuple(choices)

    def __repr__(self):
        return repr(self.default)

    def resolve(self, output) -> str:
        fmt = SUFFIX_FORMATS.get(Path(str(output)).suffix.lower()) if output else None
        return fmt if fmt in self.choices else self.default


def resolve_format(args) -> None:
    """Replace a ``--format`` left at its :class:`SuffixFormat` default by the format it stands for."""
    fmt = getattr(args, "format", None)
    if isinstance(fmt, SuffixFormat):
        args.format = fmt.resolve(getattr(args, "output", None))


def add_output(p, formats=FRAME_FORMATS, *, default: str = "table", format_help: str | None = None,
               output: bool = True, what: str = "") -> None:
    """``--format`` (one of ``formats``, if any; by default ``default`` or what ``-o``'s suffix
    names) and ``-o/--output FILE`` (``write [what ]here instead of standard output``)."""
    if formats:
        p.add_argument("--format", choices=list(formats), default=SuffixFormat(default, formats),
                       help=format_help)
    if output:
        p.add_argument("-o", "--output", metavar="FILE",
                       help=f"write {what + ' ' if what else ''}here instead of standard output")


def add_fields(p, defaults: dict[str, str] = CORPUS_FIELDS) -> None:
    """``--<field>-field NAME`` for each record field, with its default name."""
    for f, default in defaults.items():
        p.add_argument(f"--{f}-field", default=default, metavar="NAME",
                       help=f"record field holding the {f} (default: {default})")


def fields(args) -> Fields:
    """The :class:`~framing.corpus.Fields` named by the options of :func:`add_fields`."""
    return Fields(**{f: getattr(args, f"{f}_field") for f in CORPUS_FIELDS
                     if hasattr(args, f"{f}_field")})


def add_corpus(p, lexicon: bool = True) -> None:
    """The input paths, their fields, ``--lexicon``, ``--strict``/``--debug`` and the engine."""
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files (.txt/.md with optional front matter, .jsonl, .csv) or folders")
    add_fields(p)
    if lexicon:
        p.add_argument("--lexicon", action="append", metavar="NAME|FILE",
                       help="lexicon pack by shipped name or path (.toml, or a LIWC .dic, quanteda "
                            ".yml/.yaml, Lexicoder .lc3/.lcd or CSV dictionary); repeat for several "
                            "(default: conflict-syria and general-bias)")
    # also accepted after the command; SUPPRESS keeps a top-level --strict/--debug from being reset
    p.add_argument("--strict", action="store_true", default=argparse.SUPPRESS,
                   help="stop at the first file or record that cannot be read (exit status 1)")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks for errors")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: all cores; corpora smaller than one batch "
                        "run in-process)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or an existing Dask cluster (needs --scheduler and the "
                        "'dask' extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786")


def add_quotes(p, help: str | None = None) -> None:
    """``--quotes {all,speech}``: which attributions to keep (:func:`framing.analyze`'s ``quotes``)."""
    p.add_argument("--quotes", choices=list(QUOTE_MODES), default="all",
                   help=help or "attributions to keep: all (PolNeAR's broad sense: beliefs, evidence, "
                                "perception too) or speech (cue classes speech, writing and "
                                "according-to: who is quoted); voices, source shares and the report "
                                "follow (default: all)")


def add_loaded(p) -> None:
    """``--loaded``: also run the loaded-language tagger (its hits are their own kind, apart from terms)."""
    p.add_argument("--loaded", action="store_true",
                   help="also tag loaded words with the learned tagger (framing.loaded): its hits "
                        "(score, voice) are their own kind, apart from the lexicon terms, and never "
                        "move a lean; adds tagged_per_1k_narrator (hits in the outlet's own voice per "
                        "1,000 of its words). Off by default: it costs about a tenth of the analysis "
                        "time and is a recall setting (about 6 in 10 hits loaded by hand)")


def add_model(p, also: str = "") -> None:
    """``--model MODEL``: score each article with a trained classifier (``score_<class>`` columns)."""
    p.add_argument("--model", metavar="MODEL",
                   help="also score each article with a trained classifier (framing train): one "
                        "score_<class> column per class" + also)
