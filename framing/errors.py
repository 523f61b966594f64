"""Errors raised by :mod:`framing`.

Every error message names the bad value and, where it helps, what is allowed,
so the command line can print it as-is instead of a traceback.
"""

from __future__ import annotations


class FramingError(Exception):
    """Base class for every error that is the user's to fix (bad input, bad option)."""


class FramingWarning(UserWarning):
    """Something the user should know about a result (the command line prints it as one
    ``framing: warning:`` line on stderr)."""


class EmptyGroupWarning(FramingWarning):
    """The field articles are grouped by is empty for every article, so all fall in one group."""


class CorpusError(FramingError):
    """A corpus file or record could not be read.

    Attributes:
        path: the file, as given.
        line: 1-based line number, or ``None`` when the problem is the whole file.
        problem: what is wrong, in plain words.
        skipped: ``True``: the file or record was skipped (``False`` for a
            :class:`ReadWarning`, which was read).
    """

    skipped = True

    def __init__(self, path, line, problem):
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class ReadWarning(CorpusError):
    """A file or record was read, but with a caveat its user should know about.

    Examples: a file that is not UTF-8 was decoded as Windows-1252; a UTF-16
    file without a byte-order mark was detected; unpaired surrogates in a JSON
    string were replaced. It is never raised by :mod:`framing`; readers pass it
    to their ``on_warning`` callback, and the article is still read. Same
    attributes as :class:`CorpusError`.
    """

    skipped = False


class LexiconError(FramingError):
    """A lexicon pack is missing or invalid.

    Attributes:
        path: the pack file (or name) concerned.
        where: a key path or ``line N`` inside the file, or ``None``.
        problem: what is wrong.
    """

    def __init__(self, path, where, problem):
        self.path = str(path)
        self.where = where
        self.problem = problem
        loc = f"{self.path}: {where}" if where else self.path
        super().__init__(f"{loc}: {problem}")
