"""One article in, one :class:`~framing.data.Analysis` out.

The steps, in order: boilerplate lines are found and excluded from scoring;
attributions are found outside boilerplate and headline; lexicon labels are
found and each hit gets a voice (``direct`` inside a quotation, ``indirect``
inside indirectly attributed content, else ``narrator``); then the lean and
the sentiment of the narrator's sentences are computed. A text that does not
look like English gets a note (:func:`language_note`) in ``Analysis.notes``.
With ``loaded=True`` the learned loaded-language tagger (:mod:`framing.loaded`)
also runs, on the same quotations, reported speech and boilerplate; its hits
are kept apart (``Analysis.loaded``) and never enter the lean.

The lean
--------
For a pack with an axis (two poles), each hit gets a sign ``s`` (-1 when the
label echoes the first pole, +1 the second, 0 when it is neutral) and a weight
``w = voice_weight * (1 + |connotation|)``, with voice weights narrator 1.0,
indirect 0.5 and direct 0.25: the outlet's own choice of words counts four
times as much as a word inside someone's quotation, because quoting a label is
weaker evidence of the outlet's framing than using it. The lean is
``sum(w * s) / sum(w)``, in [-1, +1]. Neutral labels carry weight but no sign,
so an article that mostly says "government" and "rebels" leans near 0 even
if it once says "regime". An article with no hits has no lean (``None``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from . import text as T
from .attribution import find_attributions
from .corpus import read_corpus
from .data import QUOTE_MODES, Analysis, Article, TermHit, as_article
from .errors import FramingError
from .lexicon import Lexicon, load_lexicons
from .loaded import tag_article
from .sentiment import pattern_sentiment
from .terms import assign_voice, find_terms

__all__ = ["analyze", "analyze_many", "check_quotes", "as_analyses", "lean_parts", "language_note", "VOICE_WEIGHTS"]

VOICE_WEIGHTS = {"narrator": 1.0, "indirect": 0.5, "direct": 0.25}
"""How much a hit counts toward the lean, by voice."""

KNOWN_TAGLINES = ("Creating new perspectives since 2009",)
"""Outlet slogans that open scraped pages (Middle East Monitor's, ...)."""

def _sentiment(text: str) -> tuple[float, float]:
    """TextBlob PatternAnalyzer polarity and subjectivity (:mod:`framing.sentiment`)."""
    return pattern_sentiment(text)


def lean_parts(hits: Iterable[TermHit], poles: Sequence[str], *,
               max_per_label: int | None = None) -> tuple[float, float]:
    """Numerator and denominator of the lean of ``hits`` on an axis with ``poles``.

    The lean is ``numerator / denominator`` (undefined when the denominator is 0).
    Summing parts over articles gives the pooled lean of a group.

    Args:
        hits: one article's hits (of one pack).
        poles: the pack's two poles.
        max_per_label: count at most this many hits of each label (referent
            and label) in the article, the first ones; ``None`` (the default,
            what every command uses) counts them all. A robustness check for
            house phrases repeated within an article; see "House phrases" in
            lexicons/README.md for why it is not the default.

    >>> h = TermHit("regime", 0, 6, "x", "gov", "regime", -2, "pro-opposition")
    >>> lean_parts([h], ("pro-government", "pro-opposition"))
    (3.0, 3.0)
    >>> g = TermHit("government", 9, 19, "x", "gov", "government", 0, "neutral")
    >>> lean_parts([h, h, h, g], ("pro-government", "pro-opposition"))
    (9.0, 10.0)
    >>> lean_parts([h, h, h, g], ("pro-government", "pro-opposition"), max_per_label=1)
    (3.0, 4.0)
    """
    num = den = 0.0
    seen: dict[tuple[str, str], int] = {}
    for h in hits:
        if max_per_label is not None:
            k = (h.referent, h.label)
            seen[k] = seen.get(k, 0) + 1
            if seen[k] > max_per_label:
                continue
        w = VOICE_WEIGHTS.get(h.voice, 1.0) * (1 + abs(h.connotation))
        s = -1 if h.echoes == poles[0] else 1 if h.echoes == poles[1] else 0
        num += w * s
        den += w
    return num, den


def analyze(text_or_article, lexicons=None, *, sentiment: bool = True,
            check_language: bool = True, quotes: str = "all", loaded=False) -> Analysis:
    """Analyse one article: loaded terms with voice, attributions, lean and sentiment.

    Args:
        text_or_article: the text (its id is ``text``), or an :class:`~framing.data.Article`
            with metadata (see :func:`~framing.data.as_article`).
        lexicons: pack names, paths or loaded packs; ``None`` for the defaults
            (``conflict-syria`` and ``general-bias``).
        sentiment: compute TextBlob polarity/subjectivity of narrator sentences.
        check_language: when the text does not look like English
            (:func:`language_note`), report no terms, attributions, lean or
            sentiment (English rules find only false friends in other
            languages: French "militants" are activists) and say so in
            ``notes``. ``False`` analyses it anyway.
        quotes: which attributions to keep (:data:`~framing.data.QUOTE_MODES`):
            ``"all"`` (attribution in PolNeAR's broad sense: beliefs, evidence
            and perception too) or ``"speech"`` (cue classes speech, writing and
            according-to: who is quoted). Voices, narrator sentiment and the
            source shares built from the analysis follow the attributions kept.
        loaded: run the loaded-language tagger (:mod:`framing.loaded`): ``True`` for
            the shipped model, or a model's name, path or
            :class:`~framing.loaded.LoadedModel`. Its hits go to ``Analysis.loaded``
            (their own kind, with a score and a voice), the words in the outlet's
            own voice to ``Analysis.n_narrator_words``; terms and leans are the
            same either way. ``False`` (the default) leaves both ``None``.

    Returns:
        :class:`~framing.data.Analysis`; ``.to_dict()`` is the CLI's JSON.

    >>> a = analyze("The regime shelled the town, the Observatory said.")
    >>> [(h.text, h.voice) for h in a.terms if h.lexicon == "conflict-syria"]
    [('regime', 'indirect')]
    """
    check_quotes(quotes)
    art = as_article(text_or_article)
    lexs: tuple[Lexicon, ...] = load_lexicons(lexicons)
    text = art.text
    bp = T.boilerplate(text, title=art.title, taglines=KNOWN_TAGLINES)
    bp_spans = [(s, e) for s, e, _ in bp]
    headline = _headline(text, art.title, bp_spans)
    note = language_note(text) if check_language else None
    hits: list[TermHit] = []
    attributions, quoted, indirect = [], [], []
    if note is None:
        attributions = find_attributions(text, lexicons=lexs, skip=bp_spans + headline, quotes=quotes)
        quoted = [q for q in T.quotations(text) if not T.overlaps(bp_spans, *q)]
        indirect = [(a.content.start, a.content.end) for a in attributions if a.kind == "indirect"]
        for lx in lexs:
            hits.extend(find_terms(text, lx, skip=bp_spans))
        hits = assign_voice(sorted(hits, key=lambda h: (h.start, h.end)), quoted, indirect)
    leans = {}
    for lx in lexs:
        if lx.poles:
            num, den = lean_parts((h for h in hits if h.lexicon == lx.name), lx.poles)
            leans[lx.name] = num / den if den else None
    lean = next(iter(leans.values()), None)
    tagged = n_narrator = None
    if loaded is not False and loaded is not None:
        tagged, n_narrator = (), 0
        if note is None:
            hits_, n_narrator = tag_article(text, quoted, indirect, bp_spans,
                                            model=None if loaded is True else loaded)
            tagged = tuple(hits_)
    n_words = T.count_words(text) - sum(T.count_words(text[s:e]) for s, e in bp_spans)
    pol = subj = None
    if sentiment and note is None:
        said_set = T.SpanSet(quoted + [(a.content.start, a.content.end) for a in attributions])
        bp_set = T.SpanSet(bp_spans)
        narr = [text[s:e] for s, e in T.sentences(text)
                if not bp_set.hits(s, e) and not said_set.hits(s, e)]
        if narr:
            pol, subj = _sentiment(" ".join(narr))
    return Analysis(
        article=art, n_words=n_words, terms=tuple(hits), attributions=tuple(attributions),
        boilerplate=tuple(bp_spans), lean=lean, leans=leans,
        lexicons=tuple(lx.name for lx in lexs), polarity=pol, subjectivity=subj,
        notes=(note,) if note else (), quotes=quotes, loaded=tagged, n_narrator_words=n_narrator,
    )


def check_quotes(quotes: str) -> str:
    """``quotes`` when it is one of :data:`~framing.data.QUOTE_MODES`.

    Raises:
        FramingError: naming the bad value and what is allowed.
    """
    if quotes not in QUOTE_MODES:
        raise FramingError(f"quotes {quotes!r} not known; allowed: {', '.join(QUOTE_MODES)}")
    return quotes


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on with was as by it at from he she said his her they are "
    "be has have had an this were not but or which who their its been will after would".split())

# Function words of other Latin-script languages that are not English words (so no
# "die", "was", "war", "also", "son"): French, Spanish, Portuguese, Italian, German,
# Dutch, Indonesian, Turkish, Polish, romanised Hindi.  Only short texts are judged by them.
_FOREIGN_FUNCTION_WORDS = frozenset(
    "le la les des du un une à et est dans pour par sur qui que pas au aux ces cette avec sont ont "
    "el los las del y por con para una es lo se como pero su sus fue "
    "os da do dos das em uma não com pelo pela foi são "
    "il di che della delle gli nel sono anche non alla dei per "
    "der und ist nicht das ein eine den dem mit sich auf des zu auch "
    "het een van zijn niet ook voor naar wordt "
    "yang dan di ini itu dengan untuk dari tidak akan "
    "ve bir bu ile için olarak gibi daha çok "
    "się nie że jest na w z do jak od po "
    "ki ke ka ko mein hai se aur ne".split())

_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOT_LATIN_BYTES = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_WORDISH = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # words with letters ("it's", "pro-Assad")
_WORDISH_ASCII = re.compile(r"[a-z]+(?:['’\-][a-z]+)*")  # the same, in lower-case text whose letters are a-z
# links, hashtags, handles; a link is the whole run of non-spaces around its mark (the
# look-behind only spares the engine retrying each character of a long word)
_NOT_PROSE = re.compile(r"(?<!\S)\S*(?:://|www\.|:=:)\S*|[#@]\S+")
_PROSE_MARKS = ("://", "www.", ":=:", "#", "@")
_PROSE_MARK_RE = re.compile(r"://|www\.|:=:|[#@]")


def _drop_not_prose(text: str) -> str:
    """``_NOT_PROSE.sub(" ", text)``, with the regex run only on the runs of non-spaces that hold
    a mark (its matches never reach across a space, so the rest of the text is left as it is).

    >>> _drop_not_prose("See https://x.org/a?b=1 and #Idlib, @SyriaCivilDef: www.x.org #")
    'See   and       #'
    """
    out, done, n = [], 0, len(text)
    for m in _PROSE_MARK_RE.finditer(text):
        a = e = m.start()
        if a < done:
            continue  # (a second mark in a run already replaced)
        while a > done and not text[a - 1].isspace():
            a -= 1
        while e < n and not text[e].isspace():
            e += 1
        out.append(text[done:a])
        out.append(_NOT_PROSE.sub(" ", text[a:e]))
        done = e
    out.append(text[done:])
    return "".join(out)
_SAMPLE_WORDS = 2000
_SHORT_WORDS = 60

def language_note(text: str, *, sample: int = 20_000) -> str | None:
    """A note when ``text`` does not look like English, the only language supported.

    A cheap check on the first ``sample`` characters, with links, hashtags and
    @handles left out (they are no language's words): fewer than half of the
    letters are Latin (a-z), from 10 letters on (a short Arabic or Russian
    headline is plainly not English); or the words fail the word test.

    Headlines and subheadings (fewer than 60 words) drop most function words
    ("Russian drones hit Kharkiv, Zaporizhzhia overnight; Kherson shelled"),
    so a short text fails only when at least three words, 12% of its words and
    more than its English function words are function words of another
    Latin-script language (French "les", "des"; Spanish "los"; German "und";
    Dutch, Italian, Portuguese, Indonesian, Turkish, Polish, romanised Hindi).
    A longer text fails when fewer than 12% of its words are common English
    function words ("the", "of", "said", ...; English news prose has 35-45%,
    French, German, Spanish, Italian or Dutch under 6%).

    >>> language_note("Les forces du régime ont bombardé mardi des zones tenues par les rebelles "
    ...               "près de la ville, selon des militants, et le gouvernement a parlé de terroristes.")[:44]
    'unsupported language: the text does not look'
    >>> language_note("Regime forces shelled rebel-held areas near the town, activists said, and the "
    ...               "government said that terrorists had attacked a checkpoint in the province.") is None
    True
    >>> language_note("Суд в Москве арестовал двух журналистов.")[:44]
    'unsupported language: the text does not look'
    >>> language_note("Assad's forces shelled Idlib, activists said.") is None
    True
    >>> language_note("Russian drones hit Kharkiv, Zaporizhzhia, Dnipro overnight; Kherson, Nikopol "
    ...               "shelled; Ukrainian air defence downs 38 Shaheds over Kyiv, Sumy, Poltava regions") is None
    True
    """
    head = text[:sample]
    if any(m in head for m in _PROSE_MARKS):  # (this runs on every article: most have none)
        head = _drop_not_prose(head)
    # letters counted in C: the Latin ones are the bytes A-Z, a-z of the UTF-8 text (every
    # other character's bytes are above 127); in ASCII text every letter is Latin
    n_latin = len(head.encode("utf-8", "surrogatepass").translate(None, _NOT_LATIN_BYTES))
    ascii_only = head.isascii()
    # (the ASCII letters are the Latin ones: only the rare other characters go through the regex)
    n_letters = n_latin
    if not ascii_only:
        n_letters += len(_NOT_LETTERS.sub("", "".join(_NON_ASCII.findall(head))))
    if n_letters < 10:
        return None
    latin = 1.0 if ascii_only else n_latin / n_letters
    # (no letter beyond ASCII: the letters are a-z once lower-cased, which a plain class finds faster)
    words = (_WORDISH_ASCII if n_letters == n_latin else _WORDISH).findall(head.lower())[:_SAMPLE_WORDS]
    n = len(words) or 1
    common = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) / n
    if latin >= 0.5:
        if len(words) < _SHORT_WORDS:
            n_foreign = sum(1 for w in words if w in _FOREIGN_FUNCTION_WORDS)
            if n_foreign < 3 or n_foreign / n < 0.12 or n_foreign / n <= common:
                return None
        elif common >= 0.12:
            return None
    return (f"unsupported language: the text does not look like English ({latin:.0%} Latin letters, "
            f"{common:.0%} common English words); lexicons and rules are English-only, so no "
            "terms, attributions, lean or sentiment are reported for it")


def _headline(text: str, title: str | None, bp_spans) -> list[tuple[int, int]]:
    """The span of the headline line when the title occurs as a line of the text."""
    if not title:
        return []
    ls = T.lines(text)
    k = T.find_title_line(text, title, ls)
    return [] if k is None else [ls[k]]


def analyze_many(articles: Iterable, lexicons=None, **kw):
    """Analyse a stream of articles (or strings), yielding one Analysis each."""
    lexs = load_lexicons(lexicons)
    for a in articles:
        yield analyze(a, lexs, **kw)


def as_analyses(x, lexicons=None, quotes: str | None = None) -> Iterable[Analysis]:
    """Analyses from analyses, Articles, strings, or corpus paths (read and analysed).

    Lets the top-level functions take whatever a user has at hand:
    ``framing.compare("corpus.jsonl")`` or ``framing.compare(list_of_analyses)``.
    ``quotes`` (``"all"`` or ``"speech"``, see :func:`analyze`) is the mode texts are
    analysed in; an analysis made in another mode is analysed again from its article
    (so that its voices follow the mode too). ``None``: ``"all"``, analyses as given.
    """
    if quotes is not None:
        check_quotes(quotes)
    if isinstance(x, (Analysis, Article)):
        x = [x]
    elif isinstance(x, Path) or (isinstance(x, str) and Path(x).exists()):
        x = read_corpus(x)
    elif isinstance(x, (list, tuple)) and x and all(isinstance(p, Path) for p in x):
        x = read_corpus(x)
    it = iter(x)
    for item in it:
        if isinstance(item, Analysis) and (quotes is None or item.quotes == quotes):
            yield item
        elif isinstance(item, Analysis):
            yield analyze(item.article, load_lexicons(lexicons) if lexicons is not None else item.lexicons,
                          quotes=quotes)
        else:
            lexs = load_lexicons(lexicons)
            yield analyze(item, lexs, quotes=quotes or "all")
