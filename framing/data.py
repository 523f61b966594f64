"""Small immutable records that every stage passes on, and their JSON form.

Every span is a pair of character offsets into ``Article.text`` exactly as it
was read (Python ``str`` indices, end-exclusive), plus the text it covers, so
``article.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

VOICES = ("narrator", "direct", "indirect")
"""Whose words a term hit is: the outlet's own, inside a quotation, or inside reported speech."""

SOURCE_TYPES = (
    "government/official",
    "military/security",
    "opposition political",
    "armed opposition",
    "monitor/NGO",
    "international body",
    "foreign government",
    "media/wire",
    "anonymous",
    "other",
)
"""The types a quoted or cited source can have."""

CUE_CLASSES = ("speech", "writing", "according-to", "belief", "evidence", "perception", "other")
"""What an attribution's cue reports (:func:`framing.attribution.cue_class`): words spoken
("said", "told Reuters", "warned"), words written ("wrote", "tweeted", "said in a statement"),
``according to`` a source that is no evidence, a belief, wish or intention ("believes",
"wants", "is expected"), evidence ("found", "the study shows", "according to data"),
perception ("saw", "heard"), or ``other`` (a naming or an act that reports no words:
"known as", "refused to")."""

SPEECH_CLASSES = ("speech", "writing", "according-to")
"""The cue classes that ``quotes="speech"`` keeps: someone's words, spoken or written."""

QUOTE_MODES = ("all", "speech")
"""Which attributions an analysis keeps: ``all`` (attribution in PolNeAR's broad sense:
beliefs, evidence, perception too) or ``speech`` (:data:`SPEECH_CLASSES` only)."""


@dataclass(frozen=True)
class Article:
    """One news article: its text exactly as read, and its metadata.

    Args:
        id: stable identifier (from the record, else the file stem or ``file:line``).
        text: the article text; every offset the tool reports indexes this string.
        title, outlet, date, url: optional metadata.
        origin: where the record came from (``path`` or ``path:line``), for messages.
        meta: any other fields of the record, kept as read.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    origin: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a lexicon label in an article.

    ``voice`` is ``narrator`` (the outlet's own words), ``direct`` (inside a
    quotation) or ``indirect`` (inside indirectly attributed content).
    ``echoes`` is the axis pole whose framing the label echoes, or ``neutral``.
    """

    text: str
    start: int
    end: int
    lexicon: str
    referent: str
    label: str
    connotation: int
    echoes: str
    voice: str = "narrator"

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "lexicon": self.lexicon,
            "referent": self.referent,
            "label": self.label,
            "connotation": self.connotation,
            "echoes": self.echoes,
            "voice": self.voice,
        }


@dataclass(frozen=True)
class LoadedHit:
    """A word or phrase the loaded-language tagger (:mod:`framing.loaded`) marks.

    ``score`` is the model's probability that the words are loaded (the best word's);
    ``voice`` is as for :class:`TermHit`. Loaded hits are kept apart from lexicon hits:
    they never count toward a pack's lean.
    """

    text: str
    start: int
    end: int
    score: float
    voice: str = "narrator"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "score": self.score,
                "voice": self.voice}


@dataclass(frozen=True)
class Source:
    """Who an attribution credits, and a profile of them.

    Args:
        type: one of :data:`SOURCE_TYPES`.
        side: the axis pole the source belongs to, or ``None`` when unknown/neutral.
        named: ``True`` for a named person or organisation, ``False`` for
            "a military source", "officials" and the like.
        resolved: for a pronoun source ("he", "it", "who"), the earlier mention it
            stands for (a named source), or ``None``.
    """

    text: str
    start: int
    end: int
    type: str = "other"
    side: str | None = None
    named: bool = False
    resolved: Span | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "side": self.side,
            "named": self.named,
            "resolved": self.resolved.to_dict() if self.resolved is not None else None,
        }


@dataclass(frozen=True)
class Cue:
    """The words that mark an attribution ("said", "told Reuters", "according to")."""

    text: str
    start: int
    end: int
    stance: str = "neutral"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "stance": self.stance}


@dataclass(frozen=True)
class Attribution:
    """One attribution: ``kind`` is ``direct`` (a quotation) or ``indirect``.

    Args:
        cue_class: one of :data:`CUE_CLASSES` (what the cue reports: speech, writing, ...).
        parts: for a direct attribution, each quoted stretch of its content, in order,
            without quotation marks: one part for a single quotation, several for a
            quotation interrupted by its cue or continued after it (``“A,” he said.
            “B.”``, or a next paragraph opening with a quotation mark). Empty for an
            indirect attribution.
    """

    kind: str
    source: Source | None
    cue: Cue
    content: Span
    cue_class: str = "speech"
    parts: tuple[Span, ...] = ()

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "cue_class": self.cue_class,
            "content": self.content.to_dict(),
            "parts": [p.to_dict() for p in self.parts],
        }

    @property
    def is_speech(self) -> bool:
        """Whether the cue reports someone's words (:data:`SPEECH_CLASSES`)."""
        return self.cue_class in SPEECH_CLASSES


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`framing.analyze` finds in one article.

    ``to_dict()`` is exactly the per-article JSON the command line writes.
    Jupyter shows an analysis as its highlighted article
    (:func:`framing.report.analysis_html`): ``framing/__init__.py`` gives the
    class its ``_repr_html_``, so that this module imports nothing of the package.
    """

    article: Article
    n_words: int
    terms: tuple[TermHit, ...]
    attributions: tuple[Attribution, ...]
    boilerplate: tuple[tuple[int, int], ...]
    lean: float | None
    leans: Mapping[str, float | None]
    lexicons: tuple[str, ...]
    polarity: float | None = None
    subjectivity: float | None = None
    notes: tuple[str, ...] = ()
    """Caveats about this article's figures, e.g. that its language is not supported."""
    loaded: tuple[LoadedHit, ...] | None = None
    """Words the loaded-language tagger marks (:func:`framing.loaded.with_loaded`), apart from
    the lexicon ``terms`` (they never move a lean); ``None`` when the tagger did not run."""
    quotes: str = "all"
    """Which attributions were kept (:data:`QUOTE_MODES`): ``all``, or ``speech`` (speech,
    writing and according-to only; voices and source shares then follow them)."""

    n_narrator_words: int | None = None
    """Words in the outlet's own voice (outside boilerplate, quotations and reported speech), the
    denominator of the tagger's rate; counted when the tagger runs, else ``None``."""

    # -- derived views -------------------------------------------------
    def label_counts(self) -> dict[tuple[str, str, str], int]:
        """Counts of hits per ``(lexicon, referent, label)``."""
        out: dict[tuple[str, str, str], int] = {}
        for h in self.terms:
            key = (h.lexicon, h.referent, h.label)
            out[key] = out.get(key, 0) + 1
        return out

    def voice_share(self) -> dict[str, float]:
        """Share of attributions per source side (``unknown`` when no side)."""
        n = len(self.attributions)
        out: dict[str, float] = {}
        for a in self.attributions:
            side = (a.source.side if a.source else None) or "unknown"
            out[side] = out.get(side, 0) + 1
        return {k: v / n for k, v in sorted(out.items())} if n else {}

    def to_dict(self) -> dict:
        a = self.article
        n_loaded = sum(1 for h in self.terms if h.echoes != "neutral")
        per_1k = (lambda n: round(1000 * n / self.n_words, 3) if self.n_words else 0.0)
        return {
            "id": a.id,
            "outlet": a.outlet,
            "title": a.title,
            "date": a.date,
            "url": a.url,
            "n_words": self.n_words,
            "lexicons": list(self.lexicons),
            "lean": _round(self.lean),
            "leans": {k: _round(v) for k, v in self.leans.items()},
            "rates": {"terms_per_1k": per_1k(len(self.terms)), "loaded_per_1k": per_1k(n_loaded)},
            "label_counts": [
                {"lexicon": lx, "referent": r, "label": lb, "count": c}
                for (lx, r, lb), c in sorted(self.label_counts().items())
            ],
            "voice_share": {k: round(v, 4) for k, v in self.voice_share().items()},
            "polarity": _round(self.polarity),
            "subjectivity": _round(self.subjectivity),
            "terms": [h.to_dict() for h in self.terms],
            "attributions": [x.to_dict() for x in self.attributions],
            "boilerplate": [[s, e] for s, e in self.boilerplate],
            "notes": list(self.notes),
            **({} if self.loaded is None else self._loaded_dict()),
            **({} if self.quotes == "all" else {"quotes": self.quotes}),
        }

    def _loaded_dict(self) -> dict:
        """The tagger's part of :meth:`to_dict`: its hits, the narrator's words and the rate."""
        nw = self.n_narrator_words
        n = sum(1 for h in self.loaded if h.voice == "narrator")
        return {"n_narrator_words": nw,
                "tagged_per_1k_narrator": round(1000 * n / nw, 3) if nw else None,
                "loaded": [{"kind": "loaded", **h.to_dict()} for h in self.loaded]}


def _round(x: float | None, nd: int = 4) -> float | None:
    return None if x is None else round(float(x), nd)


# -- a complete JSON form, for spilling analyses to disk ---------------------------

def analysis_record(an: Analysis) -> dict:
    """Everything in ``an``, as plain JSON types (unlike :meth:`Analysis.to_dict`, which is the
    command line's summary, this keeps the text and metadata so :func:`analysis_from_record`
    rebuilds an equal analysis).

    >>> a = Analysis(Article("x", "The regime."), 2, (TermHit("regime", 4, 10, "l", "r",
    ...              "regime", -1, "pro-opposition"),), (), (), -1.0, {"l": -1.0}, ("l",))
    >>> analysis_from_record(analysis_record(a)) == a
    True
    >>> from dataclasses import replace
    >>> b = replace(a, loaded=(LoadedHit("regime", 4, 10, 0.31, "narrator"),), n_narrator_words=2)
    >>> analysis_from_record(analysis_record(b)) == b
    True
    """
    a = an.article
    return {
        "article": {"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
                    "date": a.date, "url": a.url, "origin": a.origin, "meta": dict(a.meta or {})},
        "n_words": an.n_words,
        "terms": [[h.text, h.start, h.end, h.lexicon, h.referent, h.label, h.connotation,
                   h.echoes, h.voice] for h in an.terms],
        "attributions": [x.to_dict() for x in an.attributions],
        "boilerplate": [list(b) for b in an.boilerplate],
        "lean": an.lean, "leans": dict(an.leans), "lexicons": list(an.lexicons),
        "polarity": an.polarity, "subjectivity": an.subjectivity, "notes": list(an.notes),
        **({} if an.loaded is None else
           {"loaded": [[h.text, h.start, h.end, h.score, h.voice] for h in an.loaded]}),
        **({} if an.quotes == "all" else {"quotes": an.quotes}),
        **({} if an.n_narrator_words is None else {"n_narrator_words": an.n_narrator_words}),
    }


def analysis_from_record(d: dict) -> Analysis:
    """The :class:`Analysis` that :func:`analysis_record` made ``d`` from."""
    def span(s):
        return None if s is None else Span(s["start"], s["end"], s["text"])

    def attribution(x):
        s = x["source"]
        src = None if s is None else Source(s["text"], s["start"], s["end"], s["type"], s["side"],
                                            s["named"], span(s["resolved"]))
        c = x["cue"]
        return Attribution(x["kind"], src, Cue(c["text"], c["start"], c["end"], c["stance"]),
                           span(x["content"]), x.get("cue_class", "speech"),
                           tuple(span(p) for p in x.get("parts", ())))

    return Analysis(
        article=Article(**d["article"]),
        n_words=d["n_words"],
        terms=tuple(TermHit(*t) for t in d["terms"]),
        attributions=tuple(attribution(x) for x in d["attributions"]),
        boilerplate=tuple(tuple(b) for b in d["boilerplate"]),
        lean=d["lean"], leans=d["leans"], lexicons=tuple(d["lexicons"]),
        polarity=d["polarity"], subjectivity=d["subjectivity"], notes=tuple(d["notes"]),
        loaded=None if d.get("loaded") is None else tuple(LoadedHit(*h) for h in d["loaded"]),
        quotes=d.get("quotes", "all"),
        n_narrator_words=d.get("n_narrator_words"),
    )


def as_article(x, n: int | None = None) -> Article:
    """``x`` as an :class:`Article`: an Article as is, an :class:`Analysis`'s article, or a text.

    The one id scheme for texts given without an id: ``text``, or ``text-N`` for
    the ``n``-th (counting from 1) of several.

    Raises:
        TypeError: for anything else.

    >>> as_article("The regime fell.").id, as_article("Rebels advanced.", 2).id
    ('text', 'text-2')
    """
    if isinstance(x, Article):
        return x
    if isinstance(x, Analysis):
        return x.article
    if isinstance(x, str):
        return Article(id="text" if n is None else f"text-{n}", text=x)
    raise TypeError(f"expected an Article, an Analysis or a str, not {type(x).__name__}")
