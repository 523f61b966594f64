"""Who is credited with what: direct and indirect attributions, with a profile of each source.

``find_attributions(text)`` runs stages in the manner of BBC citron's cue ->
source -> content pipeline, with no parser and nothing downloaded. Each stage
is a function of one module, reading a :class:`~.state.TextIndex` (the text,
its sentences, paragraphs, quotations and tokens) and adding to a
:class:`~.state.Found` (the attributions so far); nothing else is shared:

==================  =====================================================================
module              stage
==================  =====================================================================
:mod:`.words`       the word lists, as data (cue verbs, role nouns, determiners, ...)
:mod:`.cues`        cue words, their stance, the cue phrase ("told Reuters", "said that")
:mod:`.sources`     who is the speaker: every rule that picks a source phrase; role types
:mod:`.rules`       1. direct speech; 2. signed quotations and transcripts; 3. indirect speech
:mod:`.learned`     4. the learned stage: cues the rules miss, their sources, content ends
:mod:`.profiles`    5. each source's type, side and name; what a pronoun stands for
==================  =====================================================================

1. **Rules** (regular expressions and word lists, in the manner of textacy's
   ``direct_quotations``) find the clear cases of speech and reports
   (:mod:`.rules` lists them).
2. **A learned stage** (:class:`AttributionModel`, three small linear models
   read from ``framing/models/attribution-polnear-v1.json``, trained on the
   PolNeAR train split; see ``framing/models/README.md``) finds the cues the
   rules miss (``called``, ``shows``, ``found``, ``described ... as``,
   ``refused to``; beliefs and intentions: ``Trump believes ...``, ``Clinton
   wants ...``; report nouns), ranks the words of the cue's sentence as its
   source, and chooses where a content that runs on after the cue ends.
   ``model=None`` keeps to the rules.

Spans (``text[start:end] == span.text`` always):

- **cue**: the verb (``said``, ``reported``, ``adding``), ``according to``,
  ``told`` with its addressee (``told Reuters``); from the learned stage, the
  cue word with the auxiliaries before it (``has said``, ``is expected``).
- **content**: for direct speech, the quotation *without* its outer quotation
  marks and without a trailing comma (``There are fierce battles between the
  two sides``; punctuation that ends the quoted sentence is kept); a quotation
  interrupted by its cue or continued after it (``“A,” he said, “B.”``) is one
  content spanning all parts, the cue phrase in between included. For indirect
  speech, the reported clause from after ``that`` (or after the cue and
  addressee) to the end of the sentence, without the final full stop and
  without a trailing ``, adding ...`` clause (which is an attribution of its
  own); the learned stage ends it earlier where another clause begins
  (``..., encouraging ...``, ``... and vowed ...``). When the content comes
  first (``..., a war monitor reported.``) it runs from the start of the
  sentence to the source.
- **source**: the noun phrase credited, without an appositive
  (``The Observatory`` in ``The Observatory, a Britain-based war monitor,
  said``; the appositive still informs the profile), or ``None`` for a passive
  (``it was reported that``). Its profile (:mod:`.profiles`) gives ``type``,
  ``side``, ``named`` and, for a pronoun, the named source it stands for.

- **cue_class** (:func:`~.cues.cue_class`, :data:`~framing.data.CUE_CLASSES`):
  what the cue reports. Researchers who study *who gets quoted* keep the first
  three (``quotes="speech"`` in :func:`framing.analyze`, :func:`speech_only`);
  attribution in PolNeAR's broad sense keeps them all.

  ================  ======================================================================
  ``speech``        words spoken: "said", "told Reuters", "added", "claimed", "warned",
                    "denied", "asked", "called for", a transcript line ``PENCE: ...``
  ``writing``       words written: "wrote", "tweeted", "posted", "published", "reported",
                    and any speech cue "in a statement", "in a letter", "on Twitter"
  ``according-to``  "according to" a speaker ("according to the interior ministry")
  ``belief``        a belief, wish, fear or expectation: "believes", "thinks", "wants",
                    "hopes", "fears", "is expected", "is convinced"
  ``evidence``      a finding: "found", "shows", "estimated", and "according to",
                    "suggests", "revealed" when the source is evidence ("official data",
                    "a Gallup poll", "the audit")
  ``perception``    "saw", "heard", "witnessed", "noticed"
  ``other``         a naming or an act that reports no words ("known as", "dubbed",
                    "refused to", "backed"), and any cue word not on the lists
  ================  ======================================================================

  The class is read from the cue's first word that is no auxiliary (its lemma
  by a crude suffix stripper), the source phrase (evidence) and the cue's
  sentence ("in a statement"); the lists are data in :mod:`.words`.
- **parts**: a direct attribution's quoted stretches, each with exact offsets
  and without its marks: ``“A,” he said. “B.”`` is one attribution whose
  content runs from A to B and whose parts are A and B; a following paragraph
  that opens with a quotation mark (the newspaper convention) is a part of its
  own. Guidelines that count such parts as separate quotes score them
  (``framing evaluate attribution --split-parts``).

Nothing is found in the ``skip`` spans (pass the boilerplate lines and the
headline, as :func:`framing.analyze` and :mod:`framing.evaluate` do).

Known limits: no parser, so a long subject ("Rebels who attacked the town on
Sunday said ...") may be cut to its last noun, and in comma-stripped text a
place name may be taken into the source ("Hama Human Rights Watch"); speech
nested inside a direct quotation is not reported; pronouns are matched by
kind (person, organisation, group), not by gender or number agreement with
names; the learned stage follows PolNeAR's broad notion of attribution, so on
war reporting it also reports characterisations (``Homs was once dubbed``)
that a speech-only analysis would leave out (``model=None``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from .. import text as T
from ..data import QUOTE_MODES, Attribution
from ..errors import FramingError
from .cues import CUE_VERBS, cue_class, cue_stance
from .candidates import find_learned
from .learned import (DEFAULT_MODEL, AttributionModel, TokenContext, load_model, model_from_dict,
                      token_context)
from .profiles import profile_all
from .rules import find_direct, find_indirect, find_signed_and_transcripts
from .sources import SOURCES_GAZETTEER, role_type
from .state import Found, TextIndex

__all__ = ["find_attributions", "CUE_VERBS", "cue_stance", "cue_class", "speech_only", "role_type", "load_model", "AttributionModel",
           "DEFAULT_MODEL", "SOURCES_GAZETTEER", "TokenContext", "token_context", "model_from_dict"]


def find_attributions(text: str, *, lexicons: Sequence = (), skip: Iterable = (),
                      model=DEFAULT_MODEL, quotes: str = "all") -> list[Attribution]:
    """Direct and indirect attributions in ``text``, sorted by cue start.

    Args:
        text: the article text (never modified); every span slices it exactly.
        lexicons: loaded :class:`~framing.lexicon.Lexicon` packs; their
            ``[[sources]]`` gazetteer and referent sides profile the sources.
        skip: ``(start, end)`` spans (boilerplate, the headline) in which
            nothing is found; triples such as :func:`framing.text.boilerplate`
            returns are accepted too.
        model: the learned stage's model (a shipped name, a path or a loaded
            :class:`AttributionModel`); ``None`` keeps to the rules.
        quotes: ``"all"`` (attribution in PolNeAR's broad sense) or ``"speech"``: only
            speech, writing and according-to attributions (:func:`speech_only`), with
            the learned stage's speech and writing words held to the model's speech-quote
            threshold (``threshold_speech``; see :func:`.candidates.find_learned`).

    Returns:
        :class:`~framing.data.Attribution` records (``kind`` ``direct`` or
        ``indirect``, a :class:`~framing.data.Source` or ``None``, the
        :class:`~framing.data.Cue` and the content :class:`~framing.data.Span`).

    >>> t = "Rebels seized two villages, a war monitor reported."
    >>> [(a.kind, a.source.text, a.cue.text, a.content.text) for a in find_attributions(t)]
    [('indirect', 'a war monitor', 'reported', 'Rebels seized two villages')]
    >>> t = "“We will win,” the minister said."
    >>> a = find_attributions(t)[0]
    >>> a.kind, a.source.text, a.source.type, a.content.text
    ('direct', 'the minister', 'government/official', 'We will win')

    A text longer than :data:`BLOCK` characters (far longer than any news
    article: a whole archive pasted as one "article") is searched in blocks of
    whole paragraphs, so that memory stays bounded; an attribution or a pronoun
    then never reaches across two blocks.
    """
    if quotes not in QUOTE_MODES:
        raise FramingError(f"quotes {quotes!r} not known; allowed: {', '.join(QUOTE_MODES)}")
    skip = list(skip)
    speech = quotes == "speech"
    if len(text) > BLOCK:
        out = []
        for a, b in _blocks(text):
            inside = [(max(int(s[0]), a) - a, min(int(s[1]), b) - a) for s in skip
                      if int(s[0]) < b and int(s[1]) > a]
            out.extend(_shifted(x, a) for x in _find(text[a:b], lexicons, inside, model, speech))
        return out
    return _find(text, lexicons, skip, model, speech)


def _find(text: str, lexicons, skip: list, model, speech: bool = False) -> list[Attribution]:
    """The stages, in order, on one text: each reads the index and adds to what is found."""
    ix = TextIndex(text, skip)
    found = Found()
    find_direct(ix, found)
    find_signed_and_transcripts(ix, found)
    find_indirect(ix, found)
    if model is not None:
        find_learned(ix, found, load_model(model), speech)
    out = profile_all(ix, found, tuple(lexicons or ()))
    return speech_only(out) if speech else out


def speech_only(attributions: Iterable[Attribution]) -> list[Attribution]:
    """The attributions whose cue reports someone's words: speech, writing, according-to
    (:data:`~framing.data.SPEECH_CLASSES`).

    >>> t = "Rebels seized a town, the ministry said. Most voters believe the war is lost."
    >>> [a.cue.text for a in speech_only(find_attributions(t))]
    ['said']
    """
    return [a for a in attributions if a.is_speech]


BLOCK = 1_000_000
"""Texts longer than this (in characters) are searched in blocks of about this size."""


def _blocks(text: str) -> list[tuple[int, int]]:
    """Stretches of at least :data:`BLOCK` characters that start at a paragraph,
    never inside a quotation that runs on from the paragraph before."""
    quoted = T.SpanSet(T.quotations(text))
    out, a = [], 0
    for ps, _ in T.paragraphs(text):
        if ps - a >= BLOCK and not quoted.covers(ps - 1, ps + 1):
            out.append((a, ps))
            a = ps
    out.append((a, len(text)))
    return out


def _shifted(att: Attribution, d: int) -> Attribution:
    """``att`` found in a block starting at ``d``, with offsets into the whole text."""
    if d == 0:
        return att

    def move(x):
        return replace(x, start=x.start + d, end=x.end + d)

    src = att.source
    if src is not None:
        src = replace(move(src), resolved=move(src.resolved) if src.resolved is not None else None)
    return replace(att, source=src, cue=move(att.cue), content=move(att.content),
                   parts=tuple(move(p) for p in att.parts))
