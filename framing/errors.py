"""Errors raised by :mod:`framing`.

Every error message names the bad value and, where it helps, what is allowed,
so the command line can print it as-is instead of a traceback.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text) -> str:
    r"""``text`` with control characters (line breaks, DEL, C1, bidirectional overrides)
    escaped, so a file name cannot print a forged line or hide part of a message.

    >>> print(printable("a\nframing: skipped x.txt"))
    a\nframing: skipped x.txt
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


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
        where = f"{printable(self.path)}:{line}" if line is not None else printable(self.path)
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
        loc = f"{printable(self.path)}: {where}" if where else printable(self.path)
        super().__init__(f"{loc}: {problem}")
