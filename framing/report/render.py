"""The report's HTML templates (Jinja2, in ``templates/``) and what a value becomes in them.

Every ``{{ value }}`` is escaped and bidi-isolated (:func:`framing.report.escape.text`)
unless it is already HTML (:class:`markupsafe.Markup`, such as another
rendered template); attribute values and ``<title>`` use ``|iso`` (isolated as
plain text, escaped) or ``|esc`` (escaped only). Numbers go through ``|fmt``.

Templates are written one element a line and indented: a line break and the
indentation after it are not part of the output (the pages are compact, and
byte for byte what they were when the HTML was written in Python). A line
break in the output is written ``{{ NL }}``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

from . import escape as E

__all__ = ["render", "html_join", "Stream"]


class _JoinLines(Extension):
    """Drop every line break of a template, with the indentation after it."""

    def preprocess(self, source, name, filename=None):
        return re.sub(r"\n[ \t]*", "", source)


def _finalize(v):
    return v if hasattr(v, "__html__") else Markup(E.text(v))


def html_join(parts, sep: str = "") -> Markup:
    """Pieces of HTML joined (each already escaped, or escaped here as text)."""
    return Markup(sep).join(p if hasattr(p, "__html__") else Markup(E.text(p)) for p in parts)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("framing.report", "templates"),
                             autoescape=True, finalize=_finalize, extensions=[_JoinLines],
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals["NL"] = Markup("\n")
    env.filters.update(
        esc=lambda v: Markup(html.escape(str(v))),
        iso=lambda v: Markup(html.escape(E.isolate(v))),
        fmt=E.fmt, plural=E.plural, join_html=html_join)
    return env


def render(name: str, **context) -> Markup:
    """The template ``templates/<name>`` filled with ``context``, as HTML."""
    return Markup(_env().get_template(name).render(**context))


class Stream:
    """A template rendered in pieces as it is written: for a part too large to hold as one
    string (the list of 100,000 articles). ``str(stream)`` and ``__html__`` give the whole
    text, byte for byte what :func:`render` gives; :meth:`chunks` gives it piece by piece.
    Iterables in its context must be iterable more than once."""

    def __init__(self, name: str, **context):
        self.name, self.context = name, context

    def chunks(self):
        return _env().get_template(self.name).generate(**self.context)

    def __html__(self) -> str:
        return "".join(self.chunks())

    __str__ = __html__

    def __bool__(self) -> bool:
        return True
