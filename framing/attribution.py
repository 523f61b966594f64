"""Who is credited with what: direct and indirect attributions, with a profile of each source.

``find_attributions(text)`` works in two stages, with no parser and nothing
downloaded, in the manner of BBC citron's cue -> source -> content pipeline:

1. **Rules** (regular expressions and word lists, in the manner of textacy's
   ``direct_quotations``) find the clear cases of speech and reports.
2. **A learned stage** (:class:`AttributionModel`, three small linear models
   read from ``framing/models/attribution-polnear-v1.json``, trained on the
   PolNeAR train split; see ``framing/models/README.md``) finds the cues the
   rules miss, ranks the words of the cue's sentence as its source, and
   chooses where a content that runs on after the cue ends. ``model=None``
   keeps to the rules.

What the rules find:

- **direct** speech: a quotation attached to a cue after it (``“...,” the
  military source said``; inverted ``“...” said Rami Abdel Rahman``) or before
  it (``He said: “...”``). A quotation may run over several paragraphs
  (:func:`framing.text.quotations` joins them; it knows curly, straight and
  the New York Times's doubled ``''`` marks). A quotation interrupted by its
  cue (``“A,” he said, “B.”``), or going on in the next sentence or in the
  next paragraphs made only of a quotation (``“A,” he said. “B.”``), is one
  attribution whose content spans all parts (the cue phrase in between
  included: a content is one span). A quotation in the middle of a sentence
  (a scare quote, a partial quote) is not direct speech on its own: it is part
  of the content around it. Two layout conventions are direct speech too: a
  quotation signed with a dash and a name (``“...” ― Sonya Herridge``) and a
  transcript line (``PENCE: Well, ...``).
- **indirect** speech: ``X said (that) ...``, ``X told Reuters (that) ...``,
  ``X told pro-opposition Orient TV that ...``, ``... , X said.``, ``..., said
  X.``, ``according to X``, ``X reported``, ``it was reported that ...``
  (passive: no source), ``Sana quoted X as saying ...``, and the participle
  ``..., adding that ...`` (a second attribution with cue ``adding`` and the
  same source), also ``... and added that ...``.
- FA-KES style text whose commas were stripped (``...reached at least 112
  people the Syrian Observatory for Human Rights monitoring group said on
  Sunday.``): the source is then the noun phrase found by walking back from
  the cue over name words, determiners and known role nouns.

What the learned stage adds follows PolNeAR's guidelines: cue words outside
the rules' verb list (``called``, ``shows``, ``found``, ``described ... as``,
``refused to``, ``declined to``), beliefs and intentions (``Trump believes
...``, ``Clinton wants ...``), report nouns, and sources the rules cannot
reach (long subjects). A participle after a comma (``..., accusing ...``)
counts only when an attribution earlier in its sentence gives it a source;
a relative clause (``talks that are due to ...``) and a few non-speech senses
(``claimed the lives of``, ``denied access``) are no content.

Spans (``text[start:end] == span.text`` always):

- **cue**: the verb (``said``, ``reported``, ``adding``), ``according to``,
  ``told`` with its addressee (``told Reuters``); from the learned stage, the
  cue word with the auxiliaries before it (``has said``, ``is expected``).
- **content**: for direct speech, the quotation *without* its outer quotation
  marks and without a trailing comma (``There are fierce battles between the
  two sides``; punctuation that ends the quoted sentence is kept); for
  indirect speech, the reported clause from after ``that`` (or after the cue
  and addressee) to the end of the sentence, without the final full stop and
  without a trailing ``, adding ...`` clause (which is an attribution of its
  own); the learned stage ends it earlier where another clause begins
  (``..., encouraging ...``, ``... and vowed ...``). When the content comes
  first (``..., a war monitor reported.``) it runs from the start of the
  sentence to the source.
- **source**: the noun phrase credited, without an appositive
  (``The Observatory`` in ``The Observatory, a Britain-based war monitor,
  said``; the appositive still informs the profile), or ``None`` for a passive
  (``it was reported that``).

Nothing is found in the ``skip`` spans (pass the boilerplate lines and the
headline, as :func:`framing.analyze` and :mod:`framing.evaluate` do).

Cue stance (:data:`CUE_VERBS`): ``neutral`` for verbs that only report
(say, tell, add, report, state, announce, note, explain, write, according to,
quote, ...); ``evaluative`` for verbs that carry the writer's judgement of the
claim or of the speaker: verbs that cast doubt or distance (claim, allege,
insist, maintain, assert, argue), that presuppose the content is true and
often damaging (admit, concede, acknowledge, confess, confirm, reveal), or
that characterise the manner (boast, deny, warn, complain, threaten, vow).
This follows the assertive/factive verb lists of the bias literature
(e.g. Recasens et al., ACL 2013) and newsroom style guides ("said" is the
neutral verb). Other cue words are ``neutral``.

Source profile (:class:`framing.data.Source`): ``type`` comes from, in order,
a ``[[sources]]`` gazetteer entry of a lexicon found in the source
("state media" -> media/wire), a repeated mention of an earlier source (a
pronoun takes the profile of the most recent *compatible* source: ``he`` /
``she`` a person, ``it`` an organisation, ``they`` a group or organisation;
``who`` the noun phrase before it; ``Its spokesman`` the organisation ``its``
stands for; a definite description ``the military source`` / ``The Army of
Dignity commander`` the earlier source with the same head noun that shares
most words with it; a bare name ``Abdel Rahman`` an earlier source ending in
it), then the shipped source gazetteer ``lexicons/sources.toml`` (roles,
titles, agencies, countries: :func:`role_type`), a lexicon referent's
``source_type``, else ``other``. ``side`` comes from the gazetteer entry, else
from a lexicon referent named in the source (``A Syrian regime military
source`` names the Syrian government -> ``pro-government``), else the earlier
mention, else ``None``. ``named`` is ``True`` for a name or an organisation
(``The Observatory``, ``Reuters``, ``Rami Abdel Rahman``) and ``False`` for
descriptions (``a military source``, ``officials``, ``state media``). A
pronoun source that stands for a named source carries it as ``resolved``.

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

import math
import re
from array import array
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Sequence

from . import text as T
from .data import Attribution, Cue, Source, Span

__all__ = ["find_attributions", "CUE_VERBS", "cue_stance", "role_type", "load_model", "AttributionModel",
           "DEFAULT_MODEL", "SOURCES_GAZETTEER"]

# -- cue verbs -----------------------------------------------------------------

_NEUTRAL = {
    "say": "say says said saying",
    "tell": "tells told telling",
    "add": "adds added adding",
    "report": "reports reported reporting",
    "state": "stated",
    "announce": "announces announced announcing",
    "note": "noted noting",
    "explain": "explains explained explaining",
    "write": "writes wrote writing",
    "stress": "stresses stressed stressing",
    "emphasise": "emphasised emphasized emphasises emphasizes emphasising emphasizing",
    "reply": "replied",
    "tweet": "tweeted",
    "comment": "commented",
    "mention": "mentioned",
    "indicate": "indicated",
    "quote": "quoted",
}
_EVALUATIVE = {
    "claim": "claim claims claimed claiming",
    "allege": "alleges alleged alleging",
    "insist": "insists insisted insisting",
    "maintain": "maintains maintained",
    "assert": "asserts asserted asserting",
    "argue": "argues argued arguing",
    "admit": "admits admitted admitting",
    "concede": "concedes conceded conceding",
    "acknowledge": "acknowledges acknowledged acknowledging",
    "confess": "confesses confessed confessing",
    "confirm": "confirms confirmed confirming",
    "reveal": "reveals revealed revealing",
    "boast": "boasts boasted boasting",
    "deny": "denies denied denying",
    "warn": "warns warned warning",
    "complain": "complains complained complaining",
    "vow": "vows vowed vowing",
    "threaten": "threatened",
}
CUE_VERBS: dict[str, tuple[str, str]] = {
    form: (lemma, stance)
    for table, stance in ((_NEUTRAL, "neutral"), (_EVALUATIVE, "evaluative"))
    for lemma, forms in table.items()
    for form in forms.split()
}
"""Every cue verb form -> ``(lemma, stance)``; stance is ``neutral`` or ``evaluative``."""

# verbs whose complement may follow without "that" whatever it looks like
_BARE_OK = {"say", "tell", "add", "write"}
# forms that are also nouns ("medical claims", "media reports")
_NOUN_FORMS = {"claim", "claims", "reports", "notes"}
# first words of a bare complement that is no reported clause ("said it over and over")
_NOT_CONTENT = {"it", "so", "this", "nothing", "something", "anything", "much", "little", "goodbye",
                "yes", "no", "hello", "thanks", "more", "less", "otherwise", "sorry", "what"}
# verbs that may take an addressee before the content ("warned Russia that")
_ADDRESSEE = {"tell", "warn"}

_CUE_RE = re.compile(
    r"(?<![\w\-])(?:according\s+to|"
    + "|".join(sorted(CUE_VERBS, key=len, reverse=True))
    + r")(?![\w\-])",
    re.IGNORECASE,
)


def cue_stance(word: str) -> str:
    """Stance of a cue word: ``neutral`` or ``evaluative`` (``neutral`` when unknown).

    The first word that is no auxiliary counts ("has claimed" -> claimed). Besides
    :data:`CUE_VERBS`, cue words the learned stage finds that characterise the
    speaker's act are evaluative (accused, slammed, blasted, mocked, touted, ...).

    >>> cue_stance("said"), cue_stance("claimed"), cue_stance("according to")
    ('neutral', 'evaluative', 'neutral')
    >>> cue_stance("has accused"), cue_stance("called")
    ('evaluative', 'neutral')
    """
    words = [w.lower() for w in word.split()]
    while len(words) > 1 and words[0] in _AUX_CUE:
        words = words[1:]
    first = words[0] if words else ""
    if first in CUE_VERBS:
        return CUE_VERBS[first][1]
    return "evaluative" if first in _EVALUATIVE_EXTRA else "neutral"


_EVALUATIVE_EXTRA = frozenset("""
accuse accuses accused accusing slam slams slammed slamming blast blasts blasted blasting attack
attacks attacked attacking criticize criticizes criticized criticizing criticise criticises
criticised criticising mock mocks mocked mocking tout touts touted touting brag brags bragged
bragging lament laments lamented lamenting blame blames blamed blaming condemn condemns condemned
condemning denounce denounces denounced denouncing ridicule ridiculed ridiculing decry decried
praise praises praised praising scoff scoffed lash lashed rail railed dismiss dismisses dismissed
dismissing rant ranted concede concedes insist insists
""".split())


# -- word lists --------------------------------------------------------------

_DETS = set(
    "the a an this that these those its his her their our your some several many two three "
    "four five six seven eight nine ten dozens hundreds one both other another most all".split()
)
_INDEF = set("a an some several many two three four five six seven eight nine ten one other "
             "another dozens hundreds".split())
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_OBJ_PRONOUNS = {"him", "her", "them", "us", "me", "you"}
# head nouns a source phrase can end in
_ROLE_NOUNS = set("""
source sources official officials spokesman spokeswoman spokesperson spokesmen spokespeople
minister ministers ministry ministries government governments authorities authority president
presidency administration army armies military troops forces force soldier soldiers commander
commanders officer officers general generals lieutenant colonel captain sergeant brigadier fighter
fighters rebels rebel insurgents insurgent militants militant jihadists jihadist opposition coalition
negotiators negotiator delegation committee council monitor monitors observatory group groups
activist activists residents resident witnesses witness workers worker doctors doctor medics medic
media television tv channel agency agencies newspaper daily radio website outlet outlets reporter
reporters correspondent correspondents journalist journalists analyst analysts expert experts
diplomat diplomats envoy ambassador embassy statement report reports police leader leaders chief
head director campaign aide aides adviser advisers advisor advisors regime faction factions brigade
brigades battalion militia militias movement party parties organisation organization organisations
organizations office navy command headquarters staff team members member observers inspectors
investigators prosecutors prosecutor lawyer lawyers senator senators lawmaker lawmakers candidate
nominee supporters critics poll polls survey study data figures statistics records documents
sheikh cleric imam mufti mayor governor premier chancellor king prince secretary
agency's network committees spokesperson's researchers scientists economist economists voters
officials' chairman chairwoman
""".split())
# words that modify a source noun ("military", "state", "war", "pro-government")
_MODIFIERS = set("""
military state war security government regime opposition rebel local senior top high-ranking
foreign defence defense interior health medical diplomatic informed unnamed anonymous western arab
kurdish islamist jihadist armed civil civilian human rights news press field monitoring
intelligence police army presidential official private public independent international relief aid
rescue humanitarian ministry british-based britain-based london-based us-based ruling federal
national regional provincial municipal tribal religious opposition-run state-run state-owned
government-run opposition-held government-held loyalist turkish-backed russian-backed us-backed
iranian-backed rebel-held activist activists campaign white house republican democratic
sources source military-run special deputy former acting chief assistant executive
vice interim regime's party's
""".split())
_NOUNISH = _ROLE_NOUNS | _MODIFIERS
_DEMONYMS = set("""
syrian russian turkish iranian iraqi israeli lebanese jordanian saudi qatari emirati american
british french german chinese kurdish arab european egyptian western kuwaiti bahraini omani
yemeni libyan palestinian afghan pakistani indian italian spanish dutch belgian swiss austrian
canadian australian japanese korean ukrainian democratic republican conservative liberal
""".split())
# capitalised words that do not start or continue a source noun phrase
_CAP_STOP = set("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tonight earlier later meanwhile
however but and also in on at after before when while although though since during as if so yet
then there here this that these those what which who whom whose where why how it is was were
are has have had will would could should can may might must do does did not no
week weekend month year day night morning afternoon evening time having let's let
""".split()) - {"may", "march"}
_NAME_LINK = {"of", "for", "de", "al", "bin", "ibn", "el", "du", "la", "le", "von", "van", "the",
              "and"}
_AUX = set("""
has have had also later earlier previously further again then repeatedly recently separately
publicly privately reportedly already once still just now initially first originally
has also have also had also would will could might may can did does do
""".split())
_PREPS = set("""
in on at by for from with of to about into onto over under after before during without within
through across against among amid around near toward towards upon via per since until
""".split())
_CLAUSE_WORDS = _PREPS | set("""
that which who whom whose what when where while if because although though as than and but or nor
is are was were be been being had has have will would could should can may might must do does did
not no to
""".split())
_FINITE = set("""
is are was were had has have will would could should can may might must did does do shall
isn't aren't wasn't weren't hadn't hasn't haven't won't wouldn't couldn't shouldn't can't didn't
doesn't don't
""".split())

_DAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|"
        r"night|morning|evening|afternoon|day)")
_ADV_RE = re.compile(
    r"(?:\s*,?\s*(?:"
    r"(?:late|early)?\s*(?:on|last|this|next|earlier|later)\s+(?:\w+\s+)?" + _DAY + r"(?:\s+(?:night|morning|evening|afternoon))?"
    r"|(?:on|late\s+on)\s+(?:\d{1,2}\s+\w+|\w+\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"|on\s+(?:the\s+)?(?:Twitter|Facebook|Telegram|phone|telephone)"
    r"|on\s+(?:its|his|her|their|the)\s+(?:official\s+)?(?:website|Twitter(?:\s+account)?|Facebook(?:\s+page)?|Telegram(?:\s+channel)?|account|page|channel)"
    r"|in\s+(?:a|an|the|its|his|her|their)\s+(?:\w+\s+){0,2}?(?:statement|speech|interview|conference|tweet|post|report|briefing|message|letter|communiqu[eé])"
    r"(?:\s+(?:on|to|with)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)?"
    r"|today|yesterday|tonight|overnight|also|previously|earlier|later|again|separately|recently|"
    r"then|publicly|privately|repeatedly|however|too|further|in\s+part|in\s+response|by\s+(?:tele)?phone"
    r"|via\s+(?:e-?mail|Twitter|telephone|phone|text|a\s+spokesman|a\s+spokeswoman)|at\s+the\s+time"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?"
    r"))+",
)
_AUDIENCE = set("""
news agency television tv newspaper daily channel radio website reporters journalists correspondents
press conference briefing state media broadcaster station audience crowd supporters parliament
lawmakers delegates reporter journalist interviewer outlet magazine weekly network service
""".split())
_PRE_ADV_RE = re.compile(
    r"(?:\s+(?:on|late\s+on|early\s+on|last|this|earlier|later)\s+" + _DAY +
    r"|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
    r"|\s+in\s+a\s+(?:statement|speech|interview|tweet))\s*$")
_AS_SAYING_RE = re.compile(r"\s+[^,.;:]{1,120}?\s+as\s+(?:saying|telling)\b")
_THAT_RE = re.compile(r"\s*,?\s*that\b")
_PP_THAT_RE = re.compile(
    r"\s+(?:at|in|on|during|via|through|from|after|before|over|with|to|in|outside|inside)\s+"
    r"[^,.;:\"“”]{1,70}?\s+that\b")
_ADDRESSEE_RE = re.compile(
    r"\s*((?!that\b)[^,.;:“”\"]{1,70}?)(?=\s+that\b|\s*[,:]\s*[“\"]|\s+(?:he|she|they|we|I)\s)")
_PREP_START_RE = re.compile(r"\s*(?:" + "|".join(sorted(_PREPS)) + r")\b")
_PP_TAIL_RE = re.compile(
    r"\s*(?:of|to|in|at|on|during|after|before|while|as|when|about|from|via|through|because|since|"
    r"following|outside|inside|with|by|upon|amid)\b")
_TAIL_RE = re.compile(
    r"\s*,?\s*(?:without\s+(?:giving|providing|offering|citing|elaborating|further)[^.;]*"
    r"|citing\b[^.;]*|in\s+a\s+[^.;,]*|quoting\b[^.;]*)?\s*[.!?;]*\s*[”\"’]?\s*$"
)


SOURCES_GAZETTEER = "sources"
"""The shipped pack whose ``[[sources]]`` entries give every source its type
(``lexicons/sources.toml``: roles, titles, agencies; extend it with your own pack)."""


@lru_cache(maxsize=1)
def _base_gazetteer():
    from .lexicon import load_lexicon

    return load_lexicon(SOURCES_GAZETTEER)


def role_type(phrase: str, gazetteer=None) -> str:
    """The source type that the gazetteer's entries in ``phrase`` suggest (``other`` when none).

    Every form of the gazetteer (default: the shipped ``sources`` pack) found in
    the phrase is a hit. A hit on a named organisation decides ("an FSA
    commander" speaks for the FSA); otherwise the longest hit decides, and among
    equally long hits the last one (the head of the phrase).

    >>> role_type("A Syrian regime military source"), role_type("An opposition commander")
    ('military/security', 'armed opposition')
    >>> role_type("a Britain-based war monitor"), role_type("officials")
    ('monitor/NGO', 'government/official')
    """
    if gazetteer is None:
        return _role_type_base(phrase)
    return _role_type(phrase, gazetteer)


@lru_cache(maxsize=4096)
def _role_type_base(phrase: str) -> str:
    return _role_type(phrase, _base_gazetteer())


def _role_type(phrase: str, gazetteer) -> str:
    from .terms import find_sources

    hits = find_sources(phrase, gazetteer)
    if not hits:
        return "other"
    pool = [h for h in hits if h[2].named] or hits
    best = max(pool, key=lambda h: (len(phrase[h[0]:h[1]].split()), h[0]))
    return best[2].type


_TOKEN_RE = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gov|Sen|Sens|Rep|Reps|Gen|Lt|Col|Maj|Capt|Sgt|Prof|Rev|St|Jr|Sr|Pres|Adm|Cmdr)\."
    r"|(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])"
    r"|\w+(?:[-'’.]\w+)*['’]?|[^\w\s]",
    re.UNICODE,
)


# -- small helpers -----------------------------------------------------------

def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN_RE.finditer(text, start, end)]


def _is_cap(w: str) -> bool:
    if not w:
        return False
    if w[0].isupper() or w[0].isdigit() and any(c.isalpha() for c in w):
        return True
    # al-Assad, pro-Damascus: a capital after a hyphen
    return "-" in w and any(c.isupper() for c in w.split("-", 1)[1][:1])


def _is_word(w: str) -> bool:
    return bool(w) and (w[0].isalnum() or w[0] == "_")


def _lw(w: str) -> str:
    return w.lower().replace("’", "'")


def _hyphen_mod(w: str) -> bool:
    lw = _lw(w)
    return "-" in lw and (lw.startswith(("pro-", "anti-", "non-", "ex-", "former-"))
                          or lw.endswith(("-based", "-backed", "-led", "-run", "-owned", "-linked",
                                          "-affiliated", "-allied", "-held", "-controlled",
                                          "-funded", "-aligned", "-ranking", "-level")))


def _strip_span(text: str, s: int, e: int, chars: str = " \t\r\n,;:") -> tuple[int, int]:
    while s < e and (text[s] in chars or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in chars or text[e - 1].isspace()):
        e -= 1
    return s, e


def _n_words(text: str, s: int, e: int) -> int:
    return sum(1 for _ in T.WORD_RE.finditer(text, s, e))


# -- noun phrases ------------------------------------------------------------

_NP_PREPS = {"of", "for", "at", "from", "with", "in"}
_CLAUSE_PUNCT = {",", ";", ":", "(", "—", "–", "-", "--"}


def _np_back(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """A source noun phrase ending at ``hi`` (after trailing space), not before ``lo``.

    Walks back over names, determiners, role nouns and their modifiers
    ("A Syrian regime military source", "the Syrian Observatory for Human
    Rights monitoring group", "the head of the Observatory", "Rep. Gwen Moore
    (D-Wis.)"); up to two unknown lower-case words may form the head when the
    phrase then ends cleanly ("the tax commissioner", "Madaya evacuees").
    """
    toks = _tokens(text, lo, hi)
    if not toks:
        return None
    words = [text[s:e] for s, e in toks]
    last = len(toks) - 1
    core = last
    if words[last] == ")":  # "Rep. Gwen Moore (D-Wis.) said"
        j = last
        while j >= 0 and words[j] != "(":
            j -= 1
        if j <= 0 or last - j > 10:
            return None
        core = j - 1
    w0 = words[core]
    lw0 = _lw(w0)
    if lw0 in _PRONOUNS:
        return toks[core] if core == last else None
    if not _is_word(w0) or lw0 in _CAP_STOP or lw0 in _CLAUSE_WORDS or lw0 in _DETS:
        return None
    if (lw0 in _MODIFIERS and lw0 not in _ROLE_NOUNS and not _is_cap(w0)) or lw0 in _DEMONYMS or \
            (lw0.endswith(("'s", "s'")) and core == last):
        return None  # "medical claims", "Trump's claim": a noun, not a speaker
    first = None
    n_unknown = 0
    only_unknown = True
    ended = "start"  # why the walk stopped: start (of the region), det, or other
    i = core
    while i >= 0:
        w = words[i]
        lw = _lw(w)
        if not _is_word(w):
            ended = "punct"
            break
        if lw.isdigit() and first is not None:  # "63 percent said"
            first = i
            ended = "det"
            break
        if lw in _DETS:
            # "the head of the Observatory": a determiner after of/for/at goes on
            if i >= 2 and _lw(words[i - 1]) in _NP_PREPS and (
                    (_is_cap(words[i - 2]) and _lw(words[i - 2]) not in _CAP_STOP)
                    or _lw(words[i - 2]) in _ROLE_NOUNS):
                first = i - 2
                only_unknown = False
                i -= 3
                continue
            first = i
            ended = "det"
            break
        if _is_cap(w) and lw not in _CAP_STOP:
            # a demonym opens a phrase after another name ("... Aleppo Syrian state television")
            if lw in _DEMONYMS and i > 0 and _is_cap(words[i - 1]) and _lw(words[i - 1]) not in _DETS \
                    and _lw(words[i - 1]) not in _CAP_STOP and _lw(words[i - 1]) not in _DEMONYMS:
                first = i
                ended = "det"
                break
            first, only_unknown = i, False
        elif lw in _NOUNISH or _hyphen_mod(w) or (lw.endswith(("'s", "s'")) and len(lw) > 3):
            first, only_unknown = i, False
        elif lw in _NAME_LINK and first is not None and i > 0 and _is_cap(words[i + 1]) \
                and (_is_cap(words[i - 1]) or _lw(words[i - 1]) in _NAME_LINK) and lw != "and":
            first = i
        elif lw in _NP_PREPS and first is not None and i > 0 and not only_unknown and (
                (_is_cap(words[i - 1]) and _lw(words[i - 1]) not in _CAP_STOP)
                or _lw(words[i - 1]) in _ROLE_NOUNS) and (
                _is_cap(words[first]) or _lw(words[first]) in _ROLE_NOUNS):
            # "Officials at Homeland Security Investigations", "spokesman for Hezbollah"
            first = i
        elif only_unknown and n_unknown < 2 and w.isalpha() and w.islower() and \
                lw not in _CLAUSE_WORDS and not lw.endswith(("ly", "ing", "ed")):
            first = i
            n_unknown += 1
        else:
            ended = "word"
            break
        i -= 1
    if first is None:
        return None
    if n_unknown:
        # a phrase with an unknown head must end cleanly: at a determiner, at the
        # start of the clause, or after a name/role word
        if only_unknown and ended == "word":
            return None
        if ended == "punct" and words[i] not in _CLAUSE_PUNCT:
            return None
        if ended == "word" and _lw(words[i]) not in ("and", "but"):
            if only_unknown or _lw(words[first]) not in _NOUNISH and not _is_cap(words[first]):
                return None
    # the object of a preposition is no speaker ("workers who went to the site said")
    if first > 0 and _lw(words[first - 1]) in _PREPS and _is_word(words[first - 1]) and \
            (n_unknown or _lw(words[core]) not in _ROLE_NOUNS):
        return None
    # "... that Trump tells": the complementiser is no determiner
    if _lw(words[first]) in ("that", "this") and first < core and _is_cap(words[first + 1]):
        first += 1
    # a phrase cannot start with a dangling link ("of Dignity commander")
    while first < core and _lw(words[first]) in (_NAME_LINK | _NP_PREPS) - {"the"}:
        first += 1
    return toks[first][0], toks[last][1]


def _np_fwd(text: str, lo: int, hi: int, lenient: bool = False) -> tuple[int, int] | None:
    """A source noun phrase starting at ``lo`` (after leading space), ending before ``hi``."""
    toks = _tokens(text, lo, hi)
    if not toks:
        return None
    words = [text[s:e] for s, e in toks]
    n = len(toks)
    w0 = _lw(words[0])
    if w0 in _PRONOUNS:
        return toks[0]
    i = 0
    if w0 in _DETS:
        i = 1
    last = None
    while i < n:
        w = words[i]
        lw = _lw(w)
        if not _is_word(w):
            break
        if (_is_cap(w) and lw not in _CAP_STOP) or lw in _NOUNISH or _hyphen_mod(w) \
                or lw.endswith(("'s", "s'")):
            last = i
            i += 1
            continue
        # "MSNBC host Chris Matthews", "9/11 widow Terry Strada": a lower-case role word
        # between a name and a name
        if last is not None and w.isalpha() and w.islower() and lw not in _CLAUSE_WORDS \
                and i + 1 < n and _is_cap(words[i + 1]) and _lw(words[i + 1]) not in _CAP_STOP:
            i += 1
            continue
        # "head of the Observatory", "spokesman for the ministry", "Army of Dignity"
        if lw in ("of", "for", "at", "from", "in", "de", "al", "bin", "ibn") and last is not None:
            j = i + 1
            if j < n and _lw(words[j]) in _DETS:
                j += 1
            if j < n and _is_word(words[j]) and ((_is_cap(words[j]) and _lw(words[j]) not in _CAP_STOP)
                                                 or _lw(words[j]) in _ROLE_NOUNS):
                i = j
                continue
        break
    if last is None and w0 in _DETS and lenient:
        # "said the ruling.": a determiner and one or two words up to the end
        rest = [w for w in words[1:] if _is_word(w)]
        if 0 < len(rest) <= 2 and all(w.isalpha() and _lw(w) not in _CLAUSE_WORDS for w in rest) \
                and all(not _is_word(w) for w in words[1 + len(rest):]):
            return toks[0][0], toks[len(rest)][1]
    if last is None:
        return None
    lw = _lw(words[last])
    if not (_is_cap(words[last]) or lw in _ROLE_NOUNS):
        return None
    return toks[0][0], toks[last][1]


# -- the finder --------------------------------------------------------------

@dataclass
class _Rec:
    kind: str
    src: tuple[int, int] | None  # the source phrase
    prof: tuple[int, int] | None  # what the profile reads (source + appositive)
    cue: tuple[int, int]
    stance: str
    content: tuple[int, int]
    parent: "_Rec | None" = None  # "adding": the attribution whose source it shares
    source: Source | None = None


_ANTECEDENT_REACH = 100
"""How many earlier sources with the same head noun a definite description ("the
official") is compared with: in any real article, all of them."""


class _Hits:
    """Lexicon hits ``(start, end, value)`` of an article, in the order found, and which
    lie within a stretch (a binary search, not a scan of every hit)."""

    def __init__(self, hits: list):
        self.hits = hits
        self.order = sorted(range(len(hits)), key=lambda k: hits[k][0])
        self.starts = [hits[k][0] for k in self.order]

    def within(self, lo: int, hi: int) -> list:
        a, b = bisect_left(self.starts, lo), bisect_right(self.starts, hi)
        return [self.hits[k] for k in sorted(self.order[a:b]) if self.hits[k][1] <= hi]


class _Finder:
    def __init__(self, text: str, lexicons: Sequence, skip: Sequence):
        self.text = text
        self.lexicons = tuple(lexicons or ())
        self.skip = sorted((int(s[0]), int(s[1])) for s in skip)
        self._skip_set = T.SpanSet(self.skip)
        self.quotes = [q for q in T.quotations(text) if not self._in_skip(*q)]
        self._quote_starts = [q[0] for q in self.quotes]
        # the furthest end among the quotations so far (in start order): with it, the
        # quotation questions below are binary searches, not scans of every quotation
        self._quote_reach = list(accumulate((q[1] for q in self.quotes), max))
        self.sents = [s for s in T.sentences(text) if not self._in_skip(*s)]
        self.sent_starts = [s for s, _ in self.sents]
        self.paras = T.paragraphs(text)
        self.para_starts = [s for s, _ in self.paras]
        self.used: set[int] = set()  # cue starts already used
        self.recs: list[_Rec] = []
        self._cue_starts: list[int] = []  # the recs' cue starts, sorted, and the recs in that order
        self._by_cue: list[_Rec] = []
        self._direct: list[tuple[int, int]] = []  # direct contents, sorted, and their longest
        self._direct_len = 0
        # indexes of the sources profiled so far (profiles()' ``seen``), each brought up
        # to date when needed: earlier mentions by head noun, by kind, by name word
        self._n_heads = self._n_kinds = self._n_names = 0
        self._by_head: dict[str, list[tuple[Source, set]]] = {}
        self._kind_last: dict[str, tuple[int, Source]] = {}
        self._name_last: dict[str, Source] = {}
        self._counts = None  # the learned stage's running counts
        self._static = None  # and its source scores of single tokens

    # spans ------------------------------------------------------------------
    def _in_skip(self, s: int, e: int) -> bool:
        return self._skip_set.hits(s, e)

    def _sentence_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos < self.sents[i][1] + 1:
            return self.sents[i]
        return None

    def _para_at(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.para_starts, pos) - 1)
        return self.paras[i]

    def _in_quote(self, s: int, e: int) -> bool:
        """Whether a quotation opening before ``s`` runs to ``e`` or beyond."""
        k = bisect_left(self._quote_starts, s) - 1
        return k >= 0 and self._quote_reach[k] >= e

    def _quote_covering(self, s: int, e: int) -> tuple[int, int] | None:
        """The first quotation (in start order) that covers ``s..e``."""
        k = bisect_right(self._quote_starts, s)  # the quotations opening at s or before
        j = bisect_left(self._quote_reach, e, 0, k)  # the first of them reaching e
        return self.quotes[j] if j < k else None

    def _quote_inner(self, qs: int, qe: int) -> tuple[int, int]:
        t = self.text
        s, e = qs, qe
        if t.startswith("''", s):
            s += 2
        elif s < e and t[s] in "“„«‘\"'":
            s += 1
        if e - 2 >= s and t[e - 2:e] == "''":
            e -= 2
        elif e > s and t[e - 1] in "”»’\"'":
            e -= 1
        return _strip_span(t, s, e, " \t\r\n,")

    # cue phrases ------------------------------------------------------------
    def _cue_at(self, m: re.Match) -> tuple[str, str, int, int] | None:
        """(lemma, stance, start, end) of a cue match, or None when it is no cue here."""
        t = self.text
        s, e = m.span()
        word = t[s:e].lower()
        if word.startswith("according"):
            return "according to", "neutral", s, e
        lemma, stance = CUE_VERBS[word]
        prev = t[max(0, s - 12):s].lower().split()
        pw = prev[-1] if prev else ""
        if pw in ("to", "not", "never", "n't", "having", "let's", "let’s", "worth", "needless") \
                or pw.endswith("n't"):
            return None
        if pw in ("the", "a", "an", "this", "its", "his", "her", "their") and word in (
                "report", "reports", "statement", "claim", "claims", "reported", "alleged"):
            return None
        return lemma, stance, s, e

    def _addressee(self, pos: int, hi: int) -> int | None:
        """End of the addressee after "told" ("Reuters", "pro-opposition Orient TV", "him")."""
        t = self.text
        toks = _tokens(t, pos, hi)
        words = [t[s:e] for s, e in toks]
        if not toks:
            return None
        if _lw(words[0]) in _OBJ_PRONOUNS:
            return toks[0][1]
        end = None
        i = 0
        if _lw(words[0]) in ("the", "a", "an"):
            i = 1
        while i < len(toks):
            w = words[i]
            lw = _lw(w)
            if not _is_word(w):
                break
            if (_is_cap(w) and (lw not in _CAP_STOP or lw == "today" and end is not None)) \
                    or _hyphen_mod(w) or lw in _AUDIENCE or (lw.endswith(("'s", "s'")) and _is_cap(w)):
                end = toks[i][1]
                i += 1
                continue
            if lw in ("of", "the", "and") and end is not None and i + 1 < len(toks) and _is_cap(words[i + 1]):
                i += 1
                continue
            break
        if end is not None:
            return end
        # "told co-host Joe Scarborough that", "told a meeting of Pacific Island leaders that",
        # "told the host, “..."
        m = _ADDRESSEE_RE.match(t, pos, hi)
        if m and _n_words(t, *m.span(1)) <= 8:
            w = _lw(words[0])
            if w in ("the", "a", "an", "his", "her", "their", "its", "our", "some") or "-" in w \
                    or _is_cap(words[0]) or w in _AUDIENCE or w in _ROLE_NOUNS:
                return m.end(1)
        return None

    def _skip_adv(self, pos: int, hi: int) -> int:
        m = _ADV_RE.match(self.text, pos, hi)
        return m.end() if m else pos

    def _after_cue(self, lemma: str, ce: int, hi: int) -> tuple[int, int, bool]:
        """(end of the cue phrase, start of what follows, whether "that" was seen)."""
        t = self.text
        cue_end = ce
        pos = self._skip_adv(ce, hi)
        if lemma in _ADDRESSEE:
            a = self._addressee(pos, hi)
            if a is not None:
                if lemma == "tell" and not t[ce:pos].strip():
                    cue_end = a
                pos = self._skip_adv(a, hi)
            elif lemma == "tell":
                return cue_end, -1, False
        m = _THAT_RE.match(t, pos, hi)
        if m:
            return cue_end, m.end(), True
        m = _PP_THAT_RE.match(t, pos, hi)  # "said during a rally in Michigan that"
        if m and _n_words(t, *m.span()) <= 11:
            return cue_end, m.end(), True
        return cue_end, pos, False

    # direct speech ----------------------------------------------------------
    def direct(self) -> None:
        t = self.text
        consumed: set[tuple[int, int]] = set()
        for qs, qe in self.quotes:
            if (qs, qe) in consumed:
                continue
            cs, ce = self._quote_inner(qs, qe)
            if _n_words(t, cs, ce) < 2:
                continue
            if self._attach_after(qs, qe, (cs, ce)):
                r = self.recs[-1]
                ends = [r.cue[1]] + [x[1] for x in (r.src, r.prof) if x is not None]
                q2 = self._continued_quote(max(ends))
                if q2 is not None:
                    self._set_content(r, (r.content[0], self._quote_inner(*q2)[1]))
                    consumed.add(q2)
                continue
            self._attach_before(qs, qe, (cs, ce))

    def signed_and_transcript(self) -> None:
        """Two layout conventions: a quotation signed with a dash and a name
        (“...” ― Sonya Herridge) and a transcript line (PENCE: Well, look, ...)."""
        t = self.text
        for qs, qe in self.quotes:
            pe = self._para_at(qe - 1)[1]
            m = _SIGNED_RE.match(t, qe, pe)
            if not m or self._in_skip(qs, qe):
                continue
            content = self._quote_inner(qs, qe)
            if _n_words(t, *content) >= 3 and m.start(1) not in self.used:
                self._add("direct", m.span(2), m.span(2), m.span(1), "neutral", content)
        for ps, pe in self.paras:
            m = _TRANSCRIPT_RE.match(t, ps, pe)
            if not m or self._in_skip(ps, pe) or m.start(2) in self.used:
                continue
            content = _strip_span(t, m.end(), pe, " \t\r\n\"”'")
            if _n_words(t, *content) >= 2:
                self._add("direct", m.span(1), m.span(1), m.span(2), "neutral", content)

    def _continued_quote(self, pos: int) -> tuple[int, int] | None:
        """The last quotation that carries on the speech whose cue phrase ends at ``pos``.

        A quotation carries on when it follows the cue phrase (“A,” he said, “B.”),
        opens the next sentence of the paragraph (“A,” he said. “B.”), or, when
        the cue's sentence ends its paragraph, fills the next paragraphs by itself;
        but not when a cue of its own follows it (“B,” he added.).
        """
        t = self.text
        ps, pe = self._para_at(pos)
        m = _CONT_GAP_RE.match(t, pos, pe)
        q = self._quote_at(m.end() if m else pos)
        if q is None:
            sent = self._sentence_at(pos)
            send = sent[1] if sent else pe
            if send < pe:
                q = self._quote_at(_SPACE_RE.match(t, send, pe).end())
            else:
                q = self._paragraph_quote(pe)
        if q is None or self._has_own_cue(q):
            return None
        for _ in range(_MAX_CONTINUED_PARAGRAPHS):
            if self._para_at(q[1] - 1)[1] > q[1] + 2:
                break  # the quotation does not end its paragraph
            nxt = self._paragraph_quote(self._para_at(q[1] - 1)[1])
            if nxt is None or self._has_own_cue(nxt):
                break
            q = nxt
        return q

    def _quote_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] == pos:
            return self.quotes[i]
        return None

    def _paragraph_quote(self, after: int) -> tuple[int, int] | None:
        """The quotation that makes up the whole paragraph after position ``after``."""
        i = bisect_right(self.para_starts, after)
        if i >= len(self.paras):
            return None
        ps, pe = self.paras[i]
        q = self._quote_at(ps)
        if q is None or q[1] < pe - 2:
            return None
        return q

    def _has_own_cue(self, q: tuple[int, int]) -> bool:
        """A cue follows the quotation in its sentence (“B,” he added.)."""
        t = self.text
        if t[q[0]:q[1]].rstrip("”\"' ").endswith(","):
            return True
        pe = self._para_at(q[1] - 1)[1]
        m = re.compile(r"[^.!?\n]{0,80}").match(t, q[1], pe)
        return bool(m and _CUE_RE.search(t, q[1], m.end()))

    def _quote_starts_clause(self, qs: int) -> bool:
        """The quotation opens its sentence/paragraph (or follows a colon)."""
        ps, _ = self._para_at(qs)
        before = self.text[ps:qs]
        if not before.strip():
            return True
        before = before.rstrip()
        if before.endswith((":", ".", "!", "?", "”", '"', "—")):
            return True
        return False

    def _attach_after(self, qs: int, qe: int, content: tuple[int, int]) -> bool:
        t = self.text
        if not self._quote_starts_clause(qs):
            return False
        ps, pe = self._para_at(qe - 1)
        hi = pe
        # the stretch after the quotation up to the end of its sentence
        m_end = re.compile(r"[.!?](?=\s+[\"“A-Z]|\s*$)").search(t, qe, hi)
        send = m_end.end() if m_end else hi
        for m in _CUE_RE.finditer(t, qe, send):
            cue = self._cue_at(m)
            if cue is None:
                continue
            lemma, stance, cs, ce = cue
            if lemma == "according to" or t[cs:ce].lower().endswith("ing"):
                return False
            between = (qe, cs)
            bs, be = _strip_span(t, *between, " \t\r\n,")
            if any(c in t[bs:be] for c in "“”\"") or _n_words(t, bs, be) > 30:
                return False
            cue_end, after, _ = self._after_cue(lemma, ce, send)
            if after < 0:
                return False
            if bs >= be:  # “...,” said the minister.
                src = _np_fwd(t, after, send, lenient=True)
                if src is None:
                    return False
                rest = self._skip_adv(src[1], send)
                prof = src
                if not _TAIL_RE.fullmatch(t, rest, send) and not _PP_TAIL_RE.match(t, rest, send):
                    app = re.compile(r"\s*,\s*[^,.;]{1,120}?(?=\s*[,.;]|\s*$)").match(t, rest, send)
                    if not app or not _TAIL_RE.fullmatch(t, self._skip_adv(app.end(), send), send):
                        if not re.compile(r"\s*,").match(t, rest, send):
                            return False
                    else:
                        prof = (src[0], app.end())
            else:
                if not (_TAIL_RE.fullmatch(t, after, send) or re.compile(r"\s*[,:;]").match(t, after, send)
                        or _PP_TAIL_RE.match(t, after, send)):
                    return False
                src = prof = (bs, be)
                np = _np_back(t, bs, be)
                fw = t[bs:be].split()[0]
                if t[content[1] - 1:content[1]] in ".!?" and fw[0].isupper() and _lw(fw) in _DETS:
                    return False  # “We will win.” The army said ...: a new sentence
                if np is not None and (_lw(t[np[0]:np[1]]) in _PRONOUNS or
                                       ("," not in t[bs:be] and _n_words(t, bs, be) > 8)):
                    src = prof = np  # "... from Raqqa he said" (FA-KES, no commas)
                elif not (_is_cap(fw) or _lw(fw) in _DETS or _lw(fw) in _NOUNISH
                          or _lw(fw) in _PRONOUNS):
                    return False
            self._add("direct", src, prof, (cs, cue_end), stance, content)
            return True
        return False

    def _attach_before(self, qs: int, qe: int, content: tuple[int, int]) -> bool:
        t = self.text
        ps, pe = self._para_at(qs)
        sent = self._sentence_at(qs)
        lo = sent[0] if sent and sent[0] < qs else ps
        if lo == qs:
            prev = self._sentence_at(max(ps, qs - 2))
            lo = prev[0] if prev and prev[0] >= ps else ps
        # the quotation must end its sentence
        after = t[qe:self._para_at(qe - 1)[1]]
        if not re.match(r"[\s.!?;,)]*(?:$|[A-Z“\"])", after):
            return False
        m = re.compile(r"[\s,:]*$")
        pre_end = qs
        mm = m.search(t, lo, qs)
        pre_end = mm.start() if mm else qs
        sep = t[pre_end:qs]
        if "\n" in sep and ":" not in sep:
            return False
        cands = [c for c in _CUE_RE.finditer(t, lo, pre_end)]
        if not cands:
            return False
        cm = cands[-1]
        cue = self._cue_at(cm)
        if cue is None:
            return False
        lemma, stance, cs, ce = cue
        if lemma == "according to":
            return False
        cue_end, after_pos, that = self._after_cue(lemma, ce, pre_end)
        if after_pos < 0:
            return False
        if t[after_pos:pre_end].strip():
            return False
        src, prof, parent = self._source_before(lo, cs)
        if src is None and parent is None:
            if not t[cs:ce].lower().endswith("ing"):
                return False
            parent = self._last_in(lo, cs)
            if parent is None:
                return False
        self._add("direct", src, prof, (cs, cue_end), stance, content, parent=parent)
        return True

    # sources before a cue ---------------------------------------------------
    def _last_in(self, lo: int, hi: int) -> _Rec | None:
        """The attribution whose cue starts last in ``[lo, hi)`` (the first found, on a tie)."""
        k = bisect_left(self._cue_starts, hi) - 1
        if k < 0 or self._cue_starts[k] < lo:
            return None
        return self._by_cue[bisect_left(self._cue_starts, self._cue_starts[k])]

    def _subject(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The subject phrase opening the clause at ``lo`` (after an introductory phrase)."""
        t = self.text
        np = _np_fwd(t, lo, hi)
        if np is None:
            m = re.compile(r"[^,;:\"“”]{1,60}?,\s*").match(t, lo, hi)
            w = t[lo:hi].split()
            if m and w and (_lw(w[0]) in _PREPS or _lw(w[0]) in _CAP_STOP):
                np = _np_fwd(t, m.end(), hi)
        if np is None:
            return None
        nxt = t[np[1]:hi].split()
        if not nxt or _lw(nxt[0]) in _CLAUSE_WORDS - _FINITE or not nxt[0][:1].isalpha():
            return None
        return np

    def _source_before(self, lo: int, cs: int):
        """(source span, profile span, parent) for a cue at ``cs`` in a clause from ``lo``."""
        t = self.text
        m = _PRE_ADV_RE.search(t, lo, cs)
        if m and m.start() > lo:
            cs = m.start()
        toks = _tokens(t, lo, cs)
        # skip auxiliaries and adverbs just before the cue ("He also said", "has repeatedly said")
        k = len(toks)
        while k > 0 and _lw(t[toks[k - 1][0]:toks[k - 1][1]]) in _AUX:
            k -= 1
        if k == 0:
            return None, None, None
        hi = toks[k - 1][1]
        lastw = _lw(t[toks[k - 1][0]:hi])
        if lastw in ("and", "but"):  # "... said X and added that ..." / "Democrats ... and said"
            parent = self._last_in(lo, cs)
            if parent is not None:
                return None, None, parent
            np = self._subject(lo, toks[k - 1][0])
            return (np, np, None) if np else (None, None, None)
        if lastw in ("who", "which"):  # "X, who said ..."
            j = k - 2
            if j >= 0 and t[toks[j][0]:toks[j][1]] == ",":
                np = _np_back(t, lo, toks[j][0])
                if np:
                    return np, np, None
            return None, None, None
        if lastw == ",":
            return self._appositive(lo, toks, k)
        np = _np_back(t, lo, hi)
        if np is None:
            return None, None, None
        return np, np, None

    def _appositive(self, lo: int, toks, k: int):
        """ "The Observatory, a Britain-based war monitor, said" -> The Observatory;
        "The state's campaign chairman, Phil Lovas, said" -> Phil Lovas."""
        t = self.text
        words = [t[a:b] for a, b in toks[:k]]
        commas = [i for i in range(k - 1) if words[i] == ","]
        cands = []
        for c in commas:
            app = list(range(c + 1, k - 1))
            if not app or len(app) > 40:
                continue
            np = _np_back(t, lo, toks[c][0])
            if np is None:
                continue
            before = t[lo:np[0]].rstrip()
            opens = not before or before.endswith((",", ";", ":", "—", "–", "-")) or \
                re.search(r"(?:^|\s)(?:and|but|however|meanwhile)$", before, re.IGNORECASE)
            if not opens:
                continue
            aw = words[app[0]]
            law = _lw(aw)
            name_app = len(app) <= 6 and all(
                _is_cap(words[x]) or words[x] in "()" or _lw(words[x]) in _NAME_LINK for x in app) \
                and _is_cap(aw)
            if not (name_app or law in _DETS or law in ("who", "which", "whose", "himself", "herself")
                    or law.endswith("ing") or law in _NOUNISH or law.endswith(("'s", "s'"))
                    or aw.isdigit() or _hyphen_mod(aw) or law == "now"):
                continue
            app_span = (toks[app[0]][0], toks[app[-1]][1])
            if name_app and not _is_cap(t[np[1] - 1:np[1]]) or name_app and \
                    _lw(t[np[0]:np[1]].split()[0]) in _DETS:
                cands.append((not before, app_span, (np[0], app_span[1])))
            else:
                cands.append((not before, np, (np[0], app_span[1])))
        if not cands:
            return None, None, None
        at_start = [c for c in cands if c[0]]
        _, src, prof = at_start[0] if at_start else cands[-1]
        return src, prof, None

    # indirect speech --------------------------------------------------------
    def indirect(self) -> None:
        t = self.text
        for ss, se in self.sents:
            for m in _CUE_RE.finditer(t, ss, se):
                if m.start() in self.used or self._in_quote(m.start(), m.end()):
                    continue
                cue = self._cue_at(m)
                if cue is None:
                    continue
                self._indirect_one(cue, ss, se)

    def _content_to_end(self, s: int, se: int) -> tuple[int, int]:
        t = self.text
        e = se
        q = self._quote_covering(max(s, e - 1), e)
        if q and q[1] > e:
            e = q[1]
        s, e = _strip_span(t, s, e)
        # drop the sentence's final full stop (keep a closing quotation mark)
        while e > s and t[e - 1] in ".;!?" and not (t[e - 1] in "!?" and self._in_quote(e - 1, e)):
            e -= 1
        return _strip_span(t, s, e)

    def _indirect_one(self, cue, ss: int, se: int) -> None:
        t = self.text
        lemma, stance, cs, ce = cue
        word = t[cs:ce].lower()
        if lemma == "according to":
            return self._according(cs, ce, ss, se, stance)
        if lemma == "quote" or (lemma == "report" and _AS_SAYING_RE.match(t, ce, se)):
            return self._quoted(cs, ce, ss, se, stance)
        prev_tok = t[max(ss, cs - 30):cs].split()
        pw = prev_tok[-1].lower() if prev_tok else ""
        # passive: "it was reported that ..." (no source); "X is said to ..." is no attribution
        if pw in ("was", "were", "is", "are", "been", "be", "being"):
            if word.endswith("ing"):
                pass  # progressive: "The White House is saying that"
            else:
                mp = re.compile(r"\s*(?:also\s+)?that\b").match(t, ce, se)
                if mp and len(prev_tok) >= 2 and prev_tok[-2].lower() in ("it", "this", "has", "had", "have"):
                    content = self._content_to_end(mp.end(), se)
                    if _n_words(t, *content) >= 2:
                        self._add("indirect", None, None, (cs, ce), stance, content)
                return
        participle = word.endswith("ing") and word in CUE_VERBS
        if participle:
            return self._participle(cue, ss, se)
        cue_end, pos, that = self._after_cue(lemma, ce, se)
        if pos < 0:
            return
        rest = t[pos:se]
        # 1. cue-final: "..., a war monitor reported." / "... the Observatory said on Sunday."
        if _TAIL_RE.fullmatch(t, pos, se) or (not that and _PREP_START_RE.match(rest)
                                              and not re.match(r"\s*(?:about|of|to)\b", rest)):
            if that:
                return
            self._cue_final(lemma, stance, cs, cue_end, ss, se)
            return
        # 2. inverted: "..., said Rami Abdel Rahman, head of the Observatory."
        before = t[ss:cs].rstrip()
        if not that and lemma not in ("tell",) and (
                before.endswith((",", "”", '"', "’", "'")) or self._source_before(ss, cs)[0] is None):
            inv = self._inverted(lemma, stance, cs, ce, ss, se)
            if inv:
                return
        # 3. "X said (that) CONTENT"
        src, prof, parent = self._source_before(ss, cs)
        if src is None and parent is None:
            return
        if rest.lstrip().startswith(":"):
            pos = t.index(":", pos) + 1
        content = self._content_to_end(pos, se)
        if _n_words(t, *content) < 2:
            return
        if not that and (lemma not in _BARE_OK or word in _NOUN_FORMS or
                         _lw(t[content[0]:content[1]].split()[0]) in _NOT_CONTENT) \
                and not self._looks_like_clause(*content):
            return
        if re.match(r"to\s", t[content[0]:content[1]]):
            return  # "told his advisers to ...": an order, not reported content
        first_w = _lw(t[content[0]:content[1]].split()[0])
        if not that and first_w.endswith("ing") and (first_w in CUE_VERBS or
                                                     not self._looks_like_clause(*content)):
            return  # "he said, referring to the truce"
        self._add("indirect", src, prof, (cs, cue_end), stance, content, parent=parent)

    def _looks_like_clause(self, s: int, e: int) -> bool:
        toks = [_lw(self.text[a:b]) for a, b in _tokens(self.text, s, e)][:7]
        if not toks or toks[0] in _PREPS:
            return False
        for i, w in enumerate(toks[1:], 1):
            if w in ("and", "but", "or", ","):
                return False
            if w in _FINITE or (w.endswith("ed") and i <= 5 and len(w) > 4):
                return True
        return False

    def _cue_final(self, lemma, stance, cs, cue_end, ss, se) -> None:
        t = self.text
        src, prof, parent = self._source_before(ss, cs)
        if src is None:
            return
        cs0, ce0 = ss, src[0]
        if prof and prof[0] < ce0:
            ce0 = prof[0]
        content = _strip_span(t, cs0, ce0, " \t\r\n,;:—–-")
        if _n_words(t, *content) < 3:
            return
        kind = "indirect"
        q = self._quote_covering(*content)
        if q and self._quote_inner(*q)[0] <= content[0] + 1 and q[1] >= content[1]:
            kind, content = "direct", self._quote_inner(*q)
        self._add(kind, src, prof, (cs, cue_end), stance, content)

    def _inverted(self, lemma, stance, cs, ce, ss, se) -> bool:
        t = self.text
        pos = self._skip_adv(ce, se)
        src = _np_fwd(t, pos, se, lenient=t[ss:cs].rstrip().endswith((",", "”", '"', "’", "'")))
        if src is None:
            return False
        rest = self._skip_adv(src[1], se)
        prof = src
        if not _TAIL_RE.fullmatch(t, rest, se) and not (
                _PP_TAIL_RE.match(t, rest, se) and not re.match(r"\s*(?:of|to)\b", t[rest:se])
                and _n_words(t, rest, se) <= 8):
            # an appositive or a relative clause to the end of the sentence
            # ("said Rami Abdel Rahman, head of the Observatory." / "said the Observatory
            # which tracks the conflict ...")
            app = re.compile(r"\s*(?:,\s*|(?=\s+(?:which|who|whose)\b))").match(t, rest, se)
            if not app or _n_words(t, app.end(), se) > 30 or ";" in t[app.end():se]:
                return False
            prof = _strip_span(t, src[0], se, " \t\r\n.;")
        content = _strip_span(t, ss, cs, " \t\r\n,;:—–-")
        if _n_words(t, *content) < 3:
            return False
        self._add("indirect", src, prof, (cs, ce), stance, content)
        return True

    def _participle(self, cue, ss, se) -> None:
        """ "..., adding that ..." / "..., saying ...": a second attribution with the same source."""
        t = self.text
        lemma, stance, cs, ce = cue
        before = t[ss:cs].rstrip()
        after = t[ce:se]
        if not (before.endswith(",") or re.match(r"\s*(?:that\b|:)", after)):
            return
        cue_end, pos, that = self._after_cue(lemma, ce, se)
        if pos < 0:
            return
        if t[pos:se].lstrip().startswith(":"):
            pos = t.index(":", pos) + 1
        content = self._content_to_end(pos, se)
        if _n_words(t, *content) < 2:
            return
        parent = self._last_in(ss, cs)
        src = prof = None
        if parent is None:
            np = self._subject(ss, cs)
            if np is None or _lw(t[np[0]:np[1]]) in ("it's", "it’s", "there"):
                return
            src = prof = np
        kind = "indirect"
        q = self._quote_covering(*content)
        if q and self._quote_inner(*q)[0] <= content[0] + 1 and q[1] >= content[1] - 1:
            kind, content = "direct", self._quote_inner(*q)
        self._add(kind, src, prof, (cs, cue_end), stance, content, parent=parent)

    def _according(self, cs, ce, ss, se, stance) -> None:
        t = self.text
        pos = re.compile(r"\s*").match(t, ce, se).end()
        # the source runs to the next comma or the end of the sentence ("according to
        # show insiders", "according to a statement by the ministry"); without commas
        # (FA-KES) it is the noun phrase there
        m = re.compile(r"[^,;:\"“”(—]{1,120}").match(t, pos, se)
        src = None
        if m:
            a, b = _strip_span(t, m.start(), m.end(), ".!?'\"’”")
            inner = _CUE_RE.search(t, a, b)
            if inner and inner.start() > a:
                a, b = _strip_span(t, a, inner.start())
                np_in = _np_back(t, a, b)  # "according to residents ... the report said"
                if np_in:
                    b = np_in[0]
                a, b = _strip_span(t, a, b)
            words = t[a:b].split()
            if 0 < len(words) <= 12 and _lw(words[0]) not in _CLAUSE_WORDS - _DETS:
                src = (a, b)
        np = _np_fwd(t, pos, se)
        if src is None or (np is not None and np[1] < src[1] and "," not in t[np[1]:se]
                           and self._looks_like_clause(np[1], se)):
            src = np
        if src is None:
            return
        before = _strip_span(t, ss, cs, " \t\r\n,;:—–-")
        if _n_words(t, *before) >= 3:
            content = before
        else:
            content = self._content_to_end(src[1], se)
        if _n_words(t, *content) < 3:
            return
        self._add("indirect", src, src, (cs, ce), stance, content)

    def _quoted(self, cs, ce, ss, se, stance) -> None:
        """ "Sana quoted a military source as saying ..." / "X was quoted as saying ..." """
        t = self.text
        m = re.compile(r"\s+(.{1,120}?)\s+as\s+(saying|telling)\b").match(t, ce, se)
        if m and m.group(1).strip():
            src = _np_fwd(t, m.start(1), m.end(1))
            if src is None:
                return
            sayer = m.start(2)
        else:
            m = re.compile(r"\s+as\s+(saying|telling)\b").match(t, ce, se)
            prev = t[ss:cs].split()
            if not m or not prev or prev[-1].lower() not in ("was", "were", "been", "is"):
                return
            toks = _tokens(t, ss, cs)
            k = len(toks)
            while k > 0 and _lw(t[toks[k - 1][0]:toks[k - 1][1]]) in _AUX | {"was", "were", "been", "is"}:
                k -= 1
            if k == 0:
                return
            src = _np_back(t, ss, toks[k - 1][1])
            if src is None:
                return
            sayer = m.start(1)
        self.used.add(sayer)
        if re.compile(r"\s*(?:by\s+[^.;]*)?[.;!?]?\s*[”\"]?\s*$").match(t, sayer + 6, se):
            # "..." the Russian military was quoted as saying by local media.
            content = _strip_span(t, ss, src[0], " \t\r\n,;:—–-")
        else:
            cue_end, pos, that = self._after_cue("say", sayer + len("saying"), se)
            content = self._content_to_end(pos, se)
        if _n_words(t, *content) < 2:
            return
        kind = "indirect"
        q = self._quote_covering(*content)
        if q and self._quote_inner(*q)[0] <= content[0] + 1 and q[1] >= content[1] - 1:
            kind, content = "direct", self._quote_inner(*q)
        self._add(kind, src, src, (cs, ce), stance, content)

    # bookkeeping ------------------------------------------------------------
    def _add(self, kind, src, prof, cue, stance, content, parent=None) -> None:
        t = self.text
        if self._in_skip(*cue):
            return
        if kind == "indirect":
            q = self._quote_covering(*content)
            if q and self._quote_inner(*q)[0] <= content[0] + 1 and q[1] >= content[1]:
                kind, content = "direct", self._quote_inner(*q)
        if parent is not None:
            # the parent's content stops before this cue (", adding that ..." / " and added ...")
            ps, pe = parent.content
            if ps < cue[0] <= pe + 1:
                cut = cue[0]
                m = re.compile(r"(?:[\s,;]*(?:and|but)?)*\s*$").search(t, ps, cut)
                if m:
                    cut = m.start()
                self._set_content(parent, _strip_span(t, ps, cut))
            src, prof = parent.src, parent.prof
        self.used.add(cue[0])
        rec = _Rec(kind, src, prof, cue, stance, content, parent)
        self.recs.append(rec)
        k = bisect_right(self._cue_starts, cue[0])  # after equal starts: found order kept
        self._cue_starts.insert(k, cue[0])
        self._by_cue.insert(k, rec)
        if kind == "direct":
            insort(self._direct, content)
            self._direct_len = max(self._direct_len, content[1] - content[0])

    def _set_content(self, rec: _Rec, content: tuple[int, int]) -> None:
        if rec.kind == "direct":  # keep the index of direct contents true
            k = bisect_left(self._direct, rec.content)
            del self._direct[k]
            insort(self._direct, content)
            self._direct_len = max(self._direct_len, content[1] - content[0])
        rec.content = content

    def _direct_overlaps(self, s: int, e: int) -> bool:
        """Whether a direct attribution's content overlaps ``s..e``."""
        d = self._direct
        k = bisect_left(d, (e,)) - 1  # contents opening before e
        while k >= 0 and d[k][0] >= s - self._direct_len:
            if d[k][1] > s:
                return True
            k -= 1
        return False

    # the learned stage --------------------------------------------------------
    def learned(self, model: "AttributionModel") -> None:
        """Cues the rules missed, proposed by the cue model; sources ranked by the source model."""
        ctx = TokenContext(self.text, self.sents, self.quotes)
        lows, spans, sids = ctx.lows, ctx.spans, ctx.sid
        taken = sorted(r.cue for r in self.recs)
        taken_starts = [a for a, _ in taken]
        vocab, cue = model.vocab, model.cue
        qpre, first, last = ctx.qpre, ctx.first, ctx.last
        tq = cue.threshold if cue.threshold_quoted is None else cue.threshold_quoted
        heads: list[tuple[int, float]] = []
        for i, w in enumerate(lows):
            if w not in vocab or sids[i] < 0:
                continue
            s, e = spans[i]
            if s in self.used:
                continue  # "saying" in "quoted X as saying": the rules used it
            k = bisect_right(taken_starts, s) - 1
            if k >= 0 and taken[k][1] > s or k + 1 < len(taken) and taken[k + 1][0] < e:
                continue  # inside a cue the rules found
            z = cue.score(cue_features(ctx, i))
            sid = sids[i]
            if z >= (tq if qpre[last[sid] + 1] > qpre[first[sid]] else cue.threshold):
                if heads and i - heads[-1][0] <= 2 and sids[heads[-1][0]] == sids[i] and \
                        all(_is_word(ctx.words[x]) for x in range(heads[-1][0] + 1, i)):
                    if z > heads[-1][1]:  # one cue phrase: keep its strongest word
                        heads[-1] = (i, z)
                    continue
                heads.append((i, z))
        for i, _ in heads:
            self._learned_one(ctx, model, i)

    def _learned_one(self, ctx: "TokenContext", model: "AttributionModel", i: int) -> None:
        t = self.text
        lows, spans = ctx.lows, ctx.spans
        clo, chi = cue_extent(ctx, i, model)
        cs, ce = spans[clo][0], spans[chi][1]
        if clo > 0 and lows[clo - 1] in ("having", "let's", "let’s"):
            return  # "Having said that, ..."
        parent = None
        if lows[i].endswith("ing") and clo > 0 and lows[clo - 1] == ",":
            # ", adding ...", ", accusing ...": the participle shares the source of an
            # attribution earlier in its sentence; without one it is no attribution here
            ss = self.sents[ctx.sid[i]][0]
            parent = self._last_in(ss, cs)
            if parent is None:
                return
        src = None if parent is not None else self._learned_source(ctx, model, i, clo, chi)
        got = self._learned_content(ctx, model, i, clo, chi, src)
        if got is None:
            return
        kind, content = got
        cw = t[content[0]:content[1]].split()
        if not cw:
            return
        if kind == "direct" and self._direct_overlaps(*content):
            return  # a quotation is credited once
        first = _lw(cw[0])
        objects = _NON_SPEECH.get(CUE_VERBS.get(lows[i], ("", ""))[0])
        if objects and kind == "indirect" and " ".join(cw[:2]).lower().startswith(objects):
            return  # "has claimed the lives of", "denied access to"
        if kind == "indirect" and (
                first == "by" and clo < i  # a passive's agent: "were rejected by the court"
                or first in _NOT_CONTENT and CUE_VERBS.get(lows[i], ("", ""))[0] in _BARE_OK
                or _n_words(t, *content) < 2):
            return
        self._add(kind, src, src, (cs, ce), cue_stance(ctx.words[i]), content, parent=parent)

    def _learned_source(self, ctx, model, i, clo, chi) -> tuple[int, int] | None:
        sid = ctx.sid[i]
        lo = max(ctx.first[sid], i - _SOURCE_WINDOW)
        hi = min(ctx.last[sid], i + _SOURCE_WINDOW_RIGHT)
        best, bz = -1, 0.0
        words, lows, score = ctx.words, ctx.lows, model.source.score
        wget = model.source.weights.get
        by_side = {side: wget("cue=" + lows[i], 0.0) + wget("cd=" + lows[i] + "|" + side, 0.0)
                   for side in "LR"}
        if self._counts is None:
            self._counts = _prefix_counts(ctx, model.vocab)
            self._static = array("d", [math.nan]) * len(lows)  # (NaN: not scored yet)
        counts, static = self._counts, self._static
        weights = model.source.weights
        inq, qi = ctx.inq, ctx.inq[i]
        for j in range(lo, hi + 1):
            if clo <= j <= chi or inq[j] != qi or not _is_word(words[j]) or lows[j] in _NEVER_SOURCE:
                continue
            z0 = static[j]
            if z0 != z0:
                z0 = static[j] = sum(weights.get(f, 0.0) for f in source_token_features(ctx, j))
            z = z0 + by_side["L" if j < i else "R"] + score(
                source_pair_features(ctx, i, j, clo, chi, counts, cue_feats=False))
            if best < 0 or z > bz:
                best, bz = j, z
        if best < 0 or bz < model.source.threshold:
            return None
        return self._expand_source(ctx, best, clo, chi)

    def _expand_source(self, ctx, j: int, clo: int, chi: int) -> tuple[int, int]:
        """The phrase around the source word the ranker chose ("Clinton" -> "Hillary Clinton")."""
        t = self.text
        words, lows, spans = ctx.words, ctx.lows, ctx.spans
        s, e = spans[j]
        if lows[j] in _L_PRONOUNS or not _is_cap(words[j]) and lows[j] not in _NOUNISH:
            if lows[j] in _L_PRONOUNS or lows[j] in ("who", "which", "that"):
                return s, e
        sid = ctx.sid[j]
        stop = clo if j < clo else ctx.last[sid] + 1
        k = j
        while k + 1 < stop and _is_cap(words[k + 1]) and lows[k + 1] not in _CAP_STOP:
            k += 1
        end = spans[k][1]
        lo = spans[ctx.first[sid]][0] if j < clo else spans[chi][1]
        np = _np_back(t, lo, end)
        if np is not None and np[0] <= s:
            return np
        k0 = j
        floor = ctx.first[sid] if j < clo else chi + 1
        while k0 - 1 >= floor and (_is_cap(words[k0 - 1]) and lows[k0 - 1] not in _CAP_STOP
                                   or lows[k0 - 1] in _DETS and k0 - 1 >= floor):
            k0 -= 1
            if lows[k0] in _DETS:
                break
        return spans[k0][0], end

    def _quote_starting(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The quotation that opens at ``lo`` after spaces, commas or a colon."""
        t = self.text
        m = re.compile(r"[\s,:]*").match(t, lo, hi)
        pos = m.end() if m else lo
        k = bisect_left(self._quote_starts, pos)
        if k < len(self.quotes) and self.quotes[k][0] == pos:
            return self.quotes[k]
        return None

    def _quote_ending(self, hi: int) -> tuple[int, int] | None:
        """The quotation that closes at ``hi`` before spaces and commas."""
        t = self.text
        k = hi
        while k > 0 and (t[k - 1].isspace() or t[k - 1] == ","):
            k -= 1
        # from the last quotation opening at k or before (any later one ends after k)
        for j in range(bisect_right(self._quote_starts, k) - 1, -1, -1):
            qs, qe = self.quotes[j]
            if qe == k:
                return qs, qe
            if qe < k:
                break
        return None

    def _learned_content(self, ctx, model, i: int, clo: int, chi: int, src
                         ) -> tuple[str, tuple[int, int]] | None:
        t = self.text
        sid = ctx.sid[clo]
        ss, se = self.sents[sid]
        cs, ce = ctx.spans[clo][0], ctx.spans[chi][1]
        after = ce
        if src is not None and src[0] >= ce and _n_words(t, ce, src[0]) <= 2:
            after = src[1]  # "..., said Smith"
        after = self._skip_adv(after, se)
        # a quotation right after the cue: X said: “...”
        q = self._quote_starting(after, len(t))
        if q is not None:
            return "direct", self._quote_inner(*q)
        # a quotation right before the source or cue, which it ends or which goes
        # on after it: “...,” X said. / “...?” X asked, “...”
        left = min(cs, src[0]) if src is not None and src[0] < cs else cs
        q = self._quote_ending(left)
        tail = bool(_TAIL_RE.fullmatch(t, after, se))
        if q is not None:
            q2 = self._continued_quote(max(ce, src[1] if src is not None else ce))
            if tail or q2 is not None or t[q[0]:q[1]].rstrip("”\"' ").endswith((",", "?", "!")):
                qs, qe = self._quote_inner(*q)
                if q2 is not None:
                    qe = self._quote_inner(*q2)[1]
                return "direct", (qs, qe)
        # reported content after the cue, to the end of the sentence
        if not tail:
            m = _THAT_RE.match(t, after, se)
            if m:
                if _REL_THAT_RE.match(t, m.end(), se):
                    return None  # "talks that are due to ...": a relative clause, not content
                after = m.end()
            content = self._content_to_end(after, se)
            if _n_words(t, *content) >= 1:
                return "indirect", self._learned_end(ctx, model, i, content)
        # or before it: "..., X said."
        content = _strip_span(t, ss, left, " \t\r\n,;:—–-")
        if _n_words(t, *content) >= 2:
            return "indirect", content
        return None

    def _learned_end(self, ctx, model, i: int, content: tuple[int, int]) -> tuple[int, int]:
        """Where a content running to the end of its sentence really ends (", encouraging ...",
        " and vowed ..." start something else), as the content-end model ranks the breaks."""
        a, b = ctx.token_range(*content)
        if b - a < 2:
            return content
        best, bz = b, None
        score, vocab = model.content_end.score, model.vocab
        for e in content_end_candidates(ctx, a, b):
            z = score(content_end_features(ctx, i, a, e, b, vocab))
            if bz is None or z > bz:
                best, bz = e, z
        if best == b:
            return content
        return _strip_span(self.text, content[0], ctx.spans[best][1])

    # profiles ---------------------------------------------------------------
    def profiles(self) -> list[Attribution]:
        t = self.text
        recs = sorted(self.recs, key=lambda r: (r.cue[0], r.cue[1]))
        gaz, refs = (_Hits(x) for x in self._lexicon_hits(recs))
        seen: list[Source] = []
        out = []
        for r in recs:
            src = None
            if r.parent is not None and r.parent.source is not None:
                src = r.parent.source
            elif r.src is not None:
                src = self._profile(r.src, r.prof or r.src, gaz, refs, seen)
                seen.append(src)
            r.source = src
            cs, ce = _strip_span(t, *r.content)
            if ce <= cs:
                continue
            out.append(Attribution(
                kind=r.kind,
                source=src,
                cue=Cue(text=t[r.cue[0]:r.cue[1]], start=r.cue[0], end=r.cue[1], stance=r.stance),
                content=Span(start=cs, end=ce, text=t[cs:ce]),
            ))
        return out

    def _lexicon_hits(self, recs) -> tuple[list, list]:
        """Gazetteer and referent hits inside the source phrases (searched there only:
        matching a whole pack against the whole article is the slow part)."""
        if not self.lexicons:
            return [], []
        from .terms import find_sources, find_terms

        spans = sorted({r.prof or r.src for r in recs if r.src is not None})
        # search the phrases (overlapping ones merged), keep the hits inside a phrase
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1] + _MERGE_GAP:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        starts = [a for a, _ in spans]
        ends = list(accumulate((b for _, b in spans), max))

        def in_phrase(hs: int, he: int) -> bool:
            k = bisect_right(starts, hs) - 1
            return k >= 0 and ends[k] >= he

        gaz, refs = [], []
        for lx in self.lexicons:
            useful = {r.id: r for r in lx.referents if r.side or r.source_type}
            for a, b in merged:
                if lx.sources:
                    gaz.extend(g for g in find_sources(self.text, lx, a, b) if in_phrase(g[0], g[1]))
                if useful:
                    for h in find_terms(self.text, lx, a, b):
                        ref = useful.get(h.referent)
                        if ref is not None and in_phrase(h.start, h.end):
                            refs.append((h.start, h.end, ref))
        return gaz, refs

    def _profile(self, src, prof, gaz, refs, seen) -> Source:
        t = self.text
        s, e = src
        ps, pe = prof
        phrase = t[s:e]
        words = [_lw(t[a:b]) for a, b in _tokens(t, s, e)]
        first = words[0] if words else ""
        # 1. a pronoun stands for the most recent compatible source ("he" for a person,
        # "it" for an organisation, "they" for a group); "who" for the phrase before it
        if len(words) == 1 and first in ("who", "which"):
            np = self._relative_antecedent(s)
            if np is not None:
                ante = self._profile(np, np, gaz, refs, seen)
                return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                              named=ante.named, resolved=Span(np[0], np[1], t[np[0]:np[1]]))
        if len(words) == 1 and first in _PRONOUNS:
            ante = self._pronoun_antecedent(first, seen)
            if ante is None:
                return Source(text=phrase, start=s, end=e, type="other", side=None, named=False)
            if _lw(ante.text) in _PRONOUNS:
                resolved = ante.resolved
            else:
                resolved = Span(ante.start, ante.end, ante.text) if ante.named else None
            return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                          named=ante.named, resolved=resolved)
        # 2. a gazetteer entry in the source's core phrase (else in the rest of the
        # source, else in its appositive); the entry's ``named`` holds only when the
        # entry is the head ("The Army of Dignity commander" is no name)
        core_end = self._core_end(s, e)
        for lo, hi in ((s, core_end), (s, e), (ps, pe)):
            hits = gaz.within(lo, hi)
            if hits:
                gs, ge, entry = hits[-1] if lo == s else hits[0]
                is_head = (lo, hi) == (s, core_end) and not t[ge:core_end].strip(" )")
                return Source(text=phrase, start=s, end=e, type=entry.type, side=entry.side,
                              named=bool(entry.named) if is_head else self._named(s, e))
        # 3. "Its spokesman", "their commander": the organisation a possessive stands for
        if first in ("its", "their") and len(words) > 1:
            ante = self._pronoun_antecedent("it" if first == "its" else "they", seen)
            if ante is not None:
                return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                              named=self._named(s, e))
        # 3. a definite description repeats an earlier source with the same head noun
        if first in ("the", "this", "that", "these", "those") and len(words) > 1:
            ante = self._antecedent(words, seen)
            if ante is not None:
                return Source(text=phrase, start=s, end=e, type=ante.type, side=ante.side,
                              named=ante.named)
        # 4. role words, then lexicon referents, then an earlier mention of the same name
        typ = role_type(t[ps:pe])
        side = None
        in_src = refs.within(s, e)
        in_prof = refs.within(ps, pe)
        for cand in (in_src[::-1], in_prof):
            for _, _, ref in cand:
                if ref.side:
                    side = ref.side
                    break
            if side:
                break
        if typ == "other":
            for _, _, ref in in_src[::-1] + in_prof:
                if ref.source_type:
                    typ = ref.source_type
                    break
        named = self._named(s, e)
        if named and (typ == "other" or side is None):
            ante = self._same_name(s, e, seen)
            if ante is not None:
                typ = ante.type if typ == "other" else typ
                side = side or ante.side
        return Source(text=phrase, start=s, end=e, type=typ, side=side, named=named)

    def _relative_antecedent(self, s: int) -> tuple[int, int] | None:
        """The noun phrase a relative pronoun at ``s`` refers to ("Clinton, who said")."""
        t = self.text
        sent = self._sentence_at(s)
        lo = sent[0] if sent else self._para_at(s)[0]
        m = re.compile(r"[\s,]*$").search(t, lo, s)
        hi = m.start() if m else s
        if hi <= lo:
            return None
        return _np_back(t, lo, hi)

    def _mention_kind(self, src: Source) -> str:
        """What a source mention is, for pronoun agreement: ``person``, ``org``, ``group``
        (a plural), ``pron:<pronoun>`` or ``other``."""
        t = self.text
        ws = [t[a:b] for a, b in _tokens(t, src.start, self._core_end(src.start, src.end))
              if _is_word(t[a:b])]
        if not ws:
            return "other"
        head, lh = ws[-1], _lw(ws[-1])
        if lh in _PRONOUNS:
            return "pron:" + ("he" if lh in ("he", "she") else lh)
        if lh in _ORG_WORDS or (head.isupper() and len(head) > 1):
            return "org"
        if lh in _GROUP_WORDS or lh.endswith("s") and not lh.endswith("ss") and (
                not _is_cap(head) or lh in _NOUNISH or lh[:-1] in _NOUNISH):
            return "group"
        if _is_cap(head) or lh in _PERSON_WORDS:
            return "person"
        return "other"

    def _pronoun_antecedent(self, pronoun: str, seen: list[Source]) -> Source | None:
        """The most recent earlier source a pronoun can stand for."""
        want = {"he": ("person",), "she": ("person",), "it": ("org", "other"),
                "they": ("group", "org"), "we": ("group", "org")}.get(pronoun, ())
        key = "pron:" + ("he" if pronoun in ("he", "she") else pronoun)
        for k in range(self._n_kinds, len(seen)):
            self._kind_last[self._mention_kind(seen[k])] = (k, seen[k])
        self._n_kinds = len(seen)
        found = [self._kind_last[x] for x in (*want, key) if x in self._kind_last]
        return max(found, key=lambda kc: kc[0])[1] if found else None

    def _same_name(self, s: int, e: int, seen: list[Source]) -> Source | None:
        """An earlier source ending in the same capitalised name ("Abdel Rahman" ->
        "Observatory director Rami Abdel Rahman")."""
        t = self.text
        ws = [t[a:b] for a, b in _tokens(t, s, e) if _is_word(t[a:b])]
        if not ws or not _is_cap(ws[-1]) or _lw(ws[-1]) in _NOUNISH:
            return None
        for cand in seen[self._n_names:]:
            if cand.named:
                for a, b in _tokens(t, cand.start, cand.end):
                    self._name_last[t[a:b]] = cand
        self._n_names = len(seen)
        return self._name_last.get(ws[-1])

    def _core_end(self, s: int, e: int) -> int:
        """End of the core of a source phrase: before an appositive, a participle or a
        parenthesis ("an FSA commander" in "an FSA commander identified as ...")."""
        m = _CORE_END_RE.search(self.text, s, e)
        return _strip_span(self.text, s, m.start())[1] if m and m.start() > s else e

    def _antecedent(self, words: list[str], seen: list[Source]) -> Source | None:
        """The earlier source with the same head noun sharing most words (the latest on
        a tie), among the last ``_ANTECEDENT_REACH`` sources with that head."""
        t = self.text
        for cand in seen[self._n_heads:]:
            cw = [_lw(t[a:b]) for a, b in _tokens(t, cand.start, cand.end)]
            heads = {cw[-1]} if cw else set()
            for i, w in enumerate(cw):
                if w in ("identified", "who", ",", "of", "for", "from", "in", "at", "with") and i > 0:
                    heads.add(cw[i - 1])
                    break
            for h in heads:
                self._by_head.setdefault(h, []).append((cand, set(cw)))
        self._n_heads = len(seen)
        content = {w for w in words if w not in _DETS and w not in _NAME_LINK}
        best, best_score = None, 0
        for cand, cw in self._by_head.get(words[-1], [])[-_ANTECEDENT_REACH:]:
            score = len(content & cw)
            if score >= best_score:
                best, best_score = cand, score
        return best

    def _named(self, s: int, e: int) -> bool:
        t = self.text
        toks = _tokens(t, s, e)
        words = [t[a:b] for a, b in toks]
        if not words or _lw(words[0]) in _INDEF:
            return False
        if words[-1] == ")" and "(" in words:
            words = words[:len(words) - 1 - words[::-1].index("(")] or words
        core = []  # the phrase before an appositive or a participle
        for w in words:
            if w == "," or (core and w in ("identified", "who", "which", "named", "known")):
                break
            # "ministers in New York", "head of the Observatory": the head is before the
            # preposition (but "Army of Dignity" is one name)
            if core and w in _PREPS and core[-1].islower():
                break
            core.append(w)
        head, lh = core[-1], _lw(core[-1])
        if _is_cap(head) and lh not in _DEMONYMS:
            # capitalised only because it opens the sentence ("Rebels said", "Officials said")
            sent = self._sentence_at(s)
            if len(core) == 1 and sent and sent[0] == s and lh in _NOUNISH and lh != "observatory":
                return False
            return True
        if lh in _ORG_HEADS:
            # "the Syrian Observatory for Human Rights monitoring group", "the AFP news agency",
            # "SANA news agency" (but not "the Britain-based group")
            mods = core[1:-1] if _lw(core[0]) in _DETS else core[:-1]
            return any(_is_cap(w) and _lw(w) not in _DEMONYMS and _lw(w) not in _CAP_STOP
                       and not _hyphen_mod(w) for w in mods)
        return False


# -- the learned stage: cue classifier and source ranker -------------------------
#
# The rules above find the clear cases. A small linear model, trained on the
# PolNeAR train split (see ``framing/models/README.md``), then proposes further
# cues among the words of its vocabulary ("called", "found", "wants",
# "believes", ":", ...), and a second one ranks the words of the cue's sentence
# as its source. Both are plain dictionaries of feature weights read from JSON:
# no pickle and no parser.

_LTOK_RE = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Sgt|Prof|Rev|St|Jr|Sr)\."
    r"|(?:[A-Z]\.){2,}|\w+(?:[-'’.]\w+)*|''|--|[^\w\s]",
    re.UNICODE,
)
_QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "„", "«", "»"})
_SENT_STOPS = frozenset({".", "!", "?", ";"})
_L_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_NEVER_SOURCE = frozenset("""
the a an of to in on at by for from with and or but as if than then so not no that this these those
is are was were be been being has have had will would could should can may might must do does did
""".split())
"""Words the source ranker never chooses (it picks a word of the source phrase, then expands it)."""
_SIGNED_RE = re.compile(
    r"[^\S\n]*([―—–]|--?)[^\S\n]*"  # a dash, then a name of up to five words ending the line
    r"([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})[^\S\n]*\.?[^\S\n]*(?=\n|$)")
_TRANSCRIPT_RE = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})(:)[^\S\n]+(?=\S)")
_CONT_GAP_RE = re.compile(r"[^\S\n]*[,.:;]?[^\S\n]*")
_SPACE_RE = re.compile(r"\s*")
_MAX_CONTINUED_PARAGRAPHS = 3
_REL_THAT_RE = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should)\b")
_NON_SPEECH = {
    "claim": ("lives", "the lives", "the life", "life"),
    "deny": ("access", "entry", "permission", "passage", "bail", "visa"),
}
"""Objects with which a cue verb means something else than speech ("the attack claimed the
lives of ...", "they denied access to ...")."""
_AUX_CUE = frozenset("""
has have had is are was were be been being will would could should can may might must do does did
also not never n't still already
""".split())


def _shape(w: str) -> str:
    c = w[0]
    if c.isupper():
        return "C"
    if c.isdigit():
        return "D"
    if c.isalpha():
        return "l"
    return "p"


class TokenContext:
    """The tokens of one text with what the learned stage reads about each.

    Attributes:
        spans: ``(start, end)`` of each token (words, ``''``, punctuation).
        words, lows: the token texts, as written and lower-cased.
        sid: index of the token's sentence in ``sents``, -1 outside (skipped text).
        inq: whether the token lies inside a quotation.
    """

    __slots__ = ("text", "spans", "words", "lows", "sid", "inq", "sents", "first", "last", "_starts",
                 "qpre")

    def __init__(self, text: str, sents: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]]):
        self.text = text
        self.sents = list(sents)
        self.spans = [m.span() for m in _LTOK_RE.finditer(text)]
        self.words = [text[s:e] for s, e in self.spans]
        # (a word already in lower case is kept, not copied: a long article has millions)
        self.lows = [lw if lw != w else w for w, lw in zip(self.words, map(str.lower, self.words))]
        n = len(self.spans)
        starts = [s for s, _ in self.spans]
        sid = [-1] * n
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for k, (ss, se) in enumerate(self.sents):
            a, b = bisect_left(starts, ss), bisect_left(starts, se)
            if b > a:
                sid[a:b] = [k] * (b - a)
                first[k], last[k] = a, b - 1
        inq = [False] * n
        for qs, qe in quotes:
            a, b = bisect_right(starts, qs), bisect_left(starts, qe)
            if b > a:
                inq[a:b] = [True] * (b - a)
        self.sid, self.inq, self.first, self.last = sid, inq, first, last
        self._starts = starts
        qt = _QUOTE_TOKENS
        self.qpre = list(accumulate([w in qt for w in self.lows], initial=0))

    def token_range(self, s: int, e: int) -> tuple[int, int]:
        """First and last token lying within ``[s, e)``."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [a for a, _ in self.spans]
        a = bisect_right(starts, s - 1)
        b = bisect_right(starts, e - 1) - 1
        while b > a and self.spans[b][1] > e:
            b -= 1
        return a, b

    def around(self, i: int, d: int) -> str:
        """The lower-cased token ``d`` places from ``i`` in the same sentence (or a boundary mark)."""
        j = i + d
        if 0 <= j < len(self.lows) and self.sid[j] == self.sid[i]:
            return self.lows[j]
        return "<s>" if d < 0 else "</s>"


def cue_features(ctx: TokenContext, i: int) -> list[str]:
    """Features of token ``i`` as a possible cue (the learned cue model's input)."""
    w = ctx.lows[i]
    pw, pw2 = ctx.around(i, -1), ctx.around(i, -2)
    nw, nw2 = ctx.around(i, 1), ctx.around(i, 2)
    sid = ctx.sid[i]
    first, last = ctx.first.get(sid, i), ctx.last.get(sid, i)
    pos = "F" if i == first else "L" if i >= last - 1 else "M"
    inq = "q" if ctx.inq[i] else "o"
    f = ["w=" + w, "p=" + pw, "n=" + nw, "p2=" + pw2, "n2=" + nw2, "pw=" + pw + "|" + w,
         "wn=" + w + "|" + nw, "sh=" + _shape(ctx.words[i]),
         "psh=" + (_shape(ctx.words[i - 1]) if i > first else "^"),
         "nsh=" + (_shape(ctx.words[i + 1]) if i < last else "$"),
         "q=" + inq, "wq=" + w + "|" + inq, "pos=" + pos, "wpos=" + w + "|" + pos, "suf=" + w[-2:]]
    if pw in _L_PRONOUNS:
        f.append("ppron")
    if nw in _QUOTE_TOKENS or nw2 in _QUOTE_TOKENS:
        f.append("nq")
        f.append("nqw=" + w)
    if pw in _QUOTE_TOKENS or pw2 in _QUOTE_TOKENS:
        f.append("pq")
        f.append("pqw=" + w)
    if nw == "that":
        f.append("nthat")
    qpre = ctx.qpre  # quotation marks within six tokens of the sentence, ahead and behind
    if qpre[min(last, i + 6) + 1] > qpre[i + 1]:
        f.append("q6")
    if qpre[i] > qpre[max(first, i - 6)]:
        f.append("p6")
    if qpre[last + 1] > qpre[first]:
        f.append("sq")
    return f


def _dist_bucket(d: int) -> str:
    a = -d if d < 0 else d
    b = 1 if a == 1 else 2 if a == 2 else 3 if a <= 3 else 5 if a <= 5 else 8 if a <= 8 \
        else 12 if a <= 12 else 20 if a <= 20 else 99
    return ("L" if d < 0 else "R") + str(b)


def _prefix_counts(ctx: TokenContext, vocab) -> dict[str, list[int]]:
    """Running counts of the token kinds the source features look for between two tokens."""
    lows = ctx.lows
    flags = {
        "comma": [w == "," for w in lows],
        "quote": [w in _QUOTE_TOKENS for w in lows],
        "that": [w == "that" for w in lows],
        "who": [w == "who" or w == "which" for w in lows],
        "stop": [w in _SENT_STOPS for w in lows],
        "paren": [w == "(" or w == ")" for w in lows],
        "vb": [w in vocab for w in lows],
    }
    return {k: list(accumulate(v, initial=0)) for k, v in flags.items()}


def source_token_features(ctx: TokenContext, j: int) -> list[str]:
    """The features of token ``j`` as a source that do not depend on the cue."""
    lows, words = ctx.lows, ctx.words
    cw = lows[j]
    f = ["c=" + cw, "csh=" + _shape(words[j]), "cp=" + (lows[j - 1] if j > 0 else "<s>"),
         "cn=" + (lows[j + 1] if j + 1 < len(lows) else "</s>"), "cq=" + ("q" if ctx.inq[j] else "o")]
    if j + 1 < len(words) and words[j + 1][:1].isupper():
        f.append("nextC")
    if j > 0:
        pw = lows[j - 1]
        if words[j - 1][:1].isupper():
            f.append("prevC")
        if pw in ("the", "a", "an"):
            f.append("det")
        elif pw == ",":
            f.append("pcomma")
    if j + 1 < len(lows) and lows[j + 1] == ",":
        f.append("ncomma")
    if j == ctx.first.get(ctx.sid[j], -1):
        f.append("sfirst")
    return f


def source_pair_features(ctx: TokenContext, i: int, j: int, clo: int, chi: int,
                         counts: dict[str, list[int]], cue_feats: bool = True) -> list[str]:
    """The features of token ``j`` as the source of the cue headed by ``i`` (tokens ``clo..chi``)
    that depend on the pair. ``counts`` comes from :func:`_prefix_counts`; ``cue_feats=False``
    leaves out the two that depend only on the cue and the side (``cue=``, ``cd=``), which
    the ranker adds once per side."""
    lows = ctx.lows
    cw = lows[j]
    b = _dist_bucket(j - i)
    side = b[0]
    a, z = (j + 1, clo) if j < i else (chi + 1, j)
    if z < a:
        z = a
    sh = _shape(ctx.words[j])
    f = ["d=" + b, "cpd=" + cw + "|" + side, "nb=" + str(min(z - a, 6)), "shd=" + sh + b,
         "cb=" + cw + "|" + b]
    if cue_feats:
        f.append("cue=" + lows[i])
        f.append("cd=" + lows[i] + "|" + side)
    for name, acc in counts.items():
        if acc[z] > acc[a]:
            f.append(name + (side if name != "paren" else ""))
    if cw in _L_PRONOUNS:
        f.append("pron" + b)
    return f


def source_features(ctx: TokenContext, i: int, j: int, clo: int, chi: int,
                    counts: dict[str, list[int]]) -> list[str]:
    """Features of token ``j`` as the source of the cue whose head is ``i`` (the source
    model's input): :func:`source_token_features` and :func:`source_pair_features`."""
    return source_token_features(ctx, j) + source_pair_features(ctx, i, j, clo, chi, counts)


_BREAK_WORDS = frozenset("""
and but or nor while whereas when whenever because after before as during since although though if
unless until which who whom whose where so even with without in on at for by to from about over
under into against amid among through than then including like despite following ahead
""".split())
_BREAK_PUNCT = frozenset({",", ";", ":", "—", "–", "--", "(", "―"})


def content_end_candidates(ctx: TokenContext, a: int, b: int) -> list[int]:
    """Tokens after which a content running from token ``a`` may end (``b``, the last, always)."""
    lows, inq = ctx.lows, ctx.inq
    out = []
    for e in range(a, b):
        n1 = lows[e + 1]
        if (n1 in _BREAK_PUNCT or n1 in _BREAK_WORDS) and not (inq[e] and inq[e + 1]):
            out.append(e)
    out.append(b)
    return out


def content_end_features(ctx: TokenContext, i: int, a: int, e: int, b: int, vocab) -> list[str]:
    """Features of ending the content that starts at token ``a`` after token ``e`` (cue head ``i``,
    sentence content up to ``b``)."""
    lows, words = ctx.lows, ctx.words
    if e == b:
        n1 = n2 = "</s>"
    else:
        n1 = lows[e + 1]
        n2 = lows[e + 2] if e + 2 <= b else "</s>"
    n = e - a + 1
    f = ["n1=" + n1, "n2=" + n2, "n12=" + n1 + "|" + n2, "last=" + lows[e], "cue=" + lows[i],
         "cn1=" + lows[i] + "|" + n1, "len=" + str(1 if n == 1 else 2 if n == 2 else 4 if n <= 4 else
                                                 8 if n <= 8 else 16 if n <= 16 else 32)]
    if e == b:
        f.append("END")
    else:
        rest = b - e
        f.append("rest=" + str(1 if rest <= 2 else 4 if rest <= 4 else 8 if rest <= 8 else 16))
        if n2.endswith("ing"):
            f.append("n2ing=" + n1)
        if n2 in vocab:
            f.append("n2vb=" + n1)
        if n1 in vocab:
            f.append("n1vb")
        if e + 2 <= b and words[e + 2][:1].isupper():
            f.append("n2C=" + n1)
    if ctx.inq[e]:
        f.append("inq")
    return f


@dataclass(frozen=True)
class _Linear:
    bias: float
    weights: dict
    threshold: float
    threshold_quoted: float | None = None  # the cue model's threshold in sentences with quotation marks

    def score(self, feats: Iterable[str]) -> float:
        w = self.weights
        z = self.bias
        for f in feats:
            z += w.get(f, 0.0)
        return z


@dataclass(frozen=True)
class AttributionModel:
    """The learned stage's weights, read from a JSON file (see ``framing/models/README.md``).

    Attributes:
        name, version: the model's identity; ``meta`` holds the rest of the file's header
            (training data, scores).
        vocab: words that may head a cue.
        continuations: ``{head: [next words]}`` kept in the cue span ("according" -> "to").
        cue, source: the two linear models (bias, feature weights, decision threshold
            on the log-odds).
    """

    name: str
    version: str
    vocab: frozenset
    continuations: dict
    cue: _Linear
    source: _Linear
    content_end: _Linear
    meta: dict
    path: str = ""


@lru_cache(maxsize=1)
def _model_dir() -> "Path":
    from pathlib import Path

    return Path(__file__).resolve().parent / "models"


DEFAULT_MODEL = "attribution-polnear-v1"
"""The shipped model's name (``framing/models/<name>.json``)."""


def load_model(name_or_path=DEFAULT_MODEL) -> AttributionModel:
    """Load a model by shipped name or path (JSON; checked, cached).

    Raises:
        FramingError: the file is missing or is not a model file.
    """
    from pathlib import Path

    if isinstance(name_or_path, AttributionModel):
        return name_or_path
    if name_or_path == DEFAULT_MODEL:  # every article asks for it: skip the path look-ups
        return _load_model(str(_model_dir() / f"{DEFAULT_MODEL}.json"))
    p = Path(str(name_or_path))
    if not p.suffix:
        p = _model_dir() / f"{name_or_path}.json"
    return _load_model(str(p.resolve()))


@lru_cache(maxsize=4)
def _load_model(path: str) -> AttributionModel:
    import json

    from .errors import FramingError

    try:
        doc = json.loads(open(path, encoding="utf-8").read())
    except FileNotFoundError:
        raise FramingError(f"attribution model {path!r} not found") from None
    except (OSError, ValueError) as e:
        raise FramingError(f"{path}: not a readable JSON model file ({e})") from None
    return model_from_dict(doc, path)


def model_from_dict(doc: dict, path: str = "") -> AttributionModel:
    """Build an :class:`AttributionModel` from the parsed JSON document."""
    from .errors import FramingError

    try:
        if doc.get("format") != "framing-attribution-model":
            raise KeyError("format")
        parts = {}
        for k in ("cue", "source", "content_end"):
            m = doc[k]
            tq = m.get("threshold_quoted")
            parts[k] = _Linear(float(m["bias"]), {str(f): float(w) for f, w in m["weights"].items()},
                               float(m["threshold"]), None if tq is None else float(tq))
        return AttributionModel(
            name=str(doc["name"]), version=str(doc["version"]), vocab=frozenset(doc["vocabulary"]),
            continuations={str(k): tuple(v) for k, v in doc.get("continuations", {}).items()},
            cue=parts["cue"], source=parts["source"], content_end=parts["content_end"],
            meta={k: v for k, v in doc.items()
                  if k not in ("cue", "source", "content_end", "vocabulary", "continuations")},
            path=path,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise FramingError(f"{path}: not a framing attribution model (bad or missing {e})") from None


_CORE_END_RE = re.compile(
    r",|\(|\s(?:identified|who|which|named|known|speaking|quoted)\b"
    r"|(?<=[a-z])\s+(?:at|for|of|in|with|from)\s(?=(?:the\s+)?[A-Z])")
"""Where the core of a source phrase ends: before an appositive, a participle, a
parenthesis, or a preposition after a lower-case head ("A source at Aleppo Police
Command", "a spokesman for the Civil Defence"; "Army of Dignity" stays whole)."""

_MERGE_GAP = 0
"""Source phrases closer than this (characters) are searched for lexicon hits in one stretch
(the gazetteer's patterns cost more per character than per call: keep it small)."""

_ORG_HEADS = set("""
group groups agency ministry organisation organization network channel newspaper daily monitor
television tv radio website council committee coalition movement party observatory office outlet
brigade battalion faction broadcaster station
""".split())
_ORG_WORDS = _ORG_HEADS | set("""
army military ministry government administration campaign media department court company firm bank
university poll survey report study times post journal house center centre foundation institute
commission authority presidency embassy kremlin pentagon congress senate parliament regime command
""".split())
_GROUP_WORDS = set("""
people police democrats republicans americans conservatives liberals voters media staff
""".split())
_PERSON_WORDS = set("""
spokesman spokeswoman spokesperson minister official source commander officer general colonel
lieutenant activist director head chief president senator lawmaker leader aide adviser advisor analyst
expert diplomat envoy ambassador governor mayor secretary chairman chairwoman candidate nominee
reporter correspondent journalist doctor resident witness member fighter soldier prosecutor lawyer
judge economist pollster strategist man woman mother father son daughter wife husband
""".split())


def find_attributions(text: str, *, lexicons: Sequence = (), skip: Iterable = (),
                      model=DEFAULT_MODEL) -> list[Attribution]:
    """Direct and indirect attributions in ``text``, sorted by cue start.

    Args:
        text: the article text (never modified); every span slices it exactly.
        lexicons: loaded :class:`~framing.lexicon.Lexicon` packs; their
            ``[[sources]]`` gazetteer and referent sides profile the sources.
        skip: ``(start, end)`` spans (boilerplate, the headline) in which
            nothing is found; triples such as :func:`framing.text.boilerplate`
            returns are accepted too.

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
    skip = list(skip)
    if len(text) > BLOCK:
        out = []
        for a, b in _blocks(text):
            inside = [(max(int(s[0]), a) - a, min(int(s[1]), b) - a) for s in skip
                      if int(s[0]) < b and int(s[1]) > a]
            out.extend(_shifted(x, a) for x in _find(text[a:b], lexicons, inside, model))
        return out
    return _find(text, lexicons, skip, model)


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
    return replace(att, source=src, cue=move(att.cue), content=move(att.content))


def _find(text: str, lexicons, skip: list, model) -> list[Attribution]:
    f = _Finder(text, lexicons, skip)
    f.direct()
    f.signed_and_transcript()
    f.indirect()
    if model is not None:
        f.learned(load_model(model))
    return f.profiles()


_SOURCE_WINDOW = 20
_SOURCE_WINDOW_RIGHT = 8
"""How many tokens before (20) and after (8) a cue the source ranker looks at (within its
sentence, and on the same side of any quotation mark: inside a quotation only when the cue is).
In PolNeAR's train split 98% of sources lie within 20 tokens before their cue, or 8 after."""


def cue_extent(ctx: TokenContext, i: int, model: AttributionModel) -> tuple[int, int]:
    """First and last token of the cue headed by token ``i``: auxiliaries before it
    ("has said", "is expected") and a continuation word after it ("according to")."""
    lows, sids = ctx.lows, ctx.sid
    sid = sids[i]
    clo = chi = i
    while clo > 0 and sids[clo - 1] == sid and lows[clo - 1] in _AUX_CUE:
        clo -= 1
    cont = model.continuations.get(lows[i], ())
    if chi + 1 < len(lows) and sids[chi + 1] == sid and lows[chi + 1] in cont:
        chi += 1
    return clo, chi


def token_context(text: str, skip: Iterable = ()) -> TokenContext:
    """The :class:`TokenContext` the learned stage reads, built as :func:`find_attributions` builds it."""
    f = _Finder(text, (), list(skip))
    return TokenContext(text, f.sents, f.quotes)
