"""Charts as the report embeds them: drawn by :mod:`framing.plot`, saved as small PNG ``data:`` URIs.

The colours of every chart are chosen in :mod:`framing.plot` (:func:`~framing.plot.side_colors`,
:func:`~framing.plot.category_colors`); nothing here picks one.
"""

from __future__ import annotations

import base64
import io

import matplotlib
import matplotlib.text
import matplotlib.ticker
from matplotlib.figure import Figure
from PIL import Image

from .escape import short

__all__ = ["safe_texts", "png", "figure"]


def safe_texts(fig: Figure) -> None:
    """Make every label of ``fig`` plain text, at most 80 characters.

    Labels are outlet names and lexicon strings: "$" is a dollar sign, never
    TeX (an outlet called "$\\bad$" must not break the report), and a label is
    cut at 80 characters (a 10,000-character outlet name would make an image
    too large to save).
    """
    for t in fig.findobj(matplotlib.text.Text):
        t.set_parse_math(False)
        t.set_text(short(t.get_text()))
    for ax in fig.axes:  # tick labels are made from their formatter at draw time
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, matplotlib.ticker.FixedFormatter):
                fmt.seq = [short(str(x)) for x in fmt.seq]
            elif isinstance(fmt, matplotlib.ticker.FuncFormatter):  # set_ticks(..., labels)
                fmt.func = lambda x, pos=None, f=fmt.func: short(str(f(x, pos)))


def png(fig: Figure) -> str:
    """The figure as a ``data:`` URI of a 128-colour PNG (a third of the size of a full-colour one)."""
    buf = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False}):
        safe_texts(fig)
        fig.savefig(buf, format="png", dpi=110, pil_kwargs={"compress_level": 1})
    im = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    small = im.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    pal = small.getpalette() or []
    for k in range(0, len(pal) - 2, 3):   # the octree averages white with near-whites: snap back
        if min(pal[k:k + 3]) >= 248:
            pal[k:k + 3] = [255, 255, 255]
    small.putpalette(pal)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=6)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def figure(n_rows: int, extra: float = 1.4, width: float = 8.0) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, max(1.6, 0.36 * n_rows + extra)), layout="constrained")
    return fig, fig.add_subplot()
