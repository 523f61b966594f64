"""The report's style sheet: ``report.css``, its side colours filled from :mod:`framing.plot`.

Every colour that stands for a side (a pole, neutral, another lexicon, another
side, unknown) is a ``${name}`` in ``report.css`` and comes from the palette
at the top of ``framing/plot.py``, so a chart and the highlighted text it
explains always agree. Page furniture (greys, borders, links) is written in
the file itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from string import Template

from .. import plot as P

__all__ = ["css", "inline_styles", "palette"]

HIGHLIGHT_CLASSES = ("t", "t-p0", "t-p1", "t-n", "t-g", "v-direct", "v-indirect", "src", "cue",
                     "cue-ev", "ct-p0", "ct-p1", "ct-u", "ct-n", "bp", "lw")
"""The classes of highlighted article text (:func:`framing.report.highlight.highlight_html`)."""


def _short_hex(c: str) -> str:
    """``#999999`` as ``#999`` (how the style sheet writes it); other colours unchanged.

    >>> _short_hex("#999999"), _short_hex("#D55E00")
    ('#999', '#D55E00')
    """
    if len(c) == 7 and all(c[i] == c[i + 1] for i in (1, 3, 5)):
        return "#" + c[1] + c[3] + c[5]
    return c


def palette() -> dict[str, str]:
    """The values of the ``${name}`` placeholders of ``report.css``, from :mod:`framing.plot`."""
    colours = {
        "p0": P.POLE_COLORS[0], "p1": P.POLE_COLORS[1],
        "p0t": P.POLE_TEXT_COLORS[0], "p1t": P.POLE_TEXT_COLORS[1],
        "neutral": P.NEUTRAL_COLOR, "neutral_text": P.NEUTRAL_TEXT_COLOR,
        "other": P.OTHER_LEXICON_COLORS[0], "other_text": P.OTHER_LEXICON_COLORS[1],
        "p0_tint": P.POLE_TINTS[0], "p1_tint": P.POLE_TINTS[1],
        "unknown_tint": P.UNKNOWN_TINT, "other_side_tint": P.OTHER_SIDE_TINT,
        "loaded_tint": P.LOADED_COLORS[1],
    }
    return {k: _short_hex(v) for k, v in colours.items()}


@lru_cache(maxsize=1)
def css() -> str:
    """The style sheet of every report page, as it goes in its ``<style>`` element."""
    text = resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")
    return "\n" + Template(text).substitute(palette())


_RULE = re.compile(r"(?<![\w-])\.([\w-]+)\{([^}]*)\}")
_VAR = re.compile(r"var\((--[\w-]+)\)")


@lru_cache(maxsize=1)
def inline_styles() -> dict[str, str]:
    """The declarations of each highlight class, for a ``style`` attribute (notebooks, where a
    page's ``<style>`` may not apply): the rules of :func:`css`, variables filled in.

    >>> inline_styles()["t-p0"]
    'color:#b34700;border-bottom-color:#D55E00'
    """
    sheet = css()
    root = dict(re.findall(r"(--[\w-]+):([^;}]+)", sheet[sheet.index(":root{"):].split("}", 1)[0]))
    rules = {name: _VAR.sub(lambda m: root[m.group(1)], decls) for name, decls in _RULE.findall(sheet)}
    return {c: rules[c] for c in HIGHLIGHT_CLASSES}
