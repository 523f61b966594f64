"""Sources: who is credited with an attribution. Every rule that picks a speaker is here.

Where the speaker stands, and the function that finds it:

- before the cue (``The Observatory said``, ``X, who said``, ``... and added
  that``): :func:`source_before` — the noun phrase ending before the cue
  (:func:`np_back`), an appositive (:func:`appositive`: ``The Observatory, a
  Britain-based war monitor, said`` -> ``The Observatory``), the subject of a
  clause (:func:`subject`), or the source of an earlier attribution it
  continues;
- after the cue, inverted (``..., said Rami Abdel Rahman, head of the
  Observatory.``): :func:`speaker_after_cue` (:func:`np_fwd`);
- between or after a quotation and its cue (``“...,” the minister said`` /
  ``“...,” said the minister``): :func:`speaker_after_quote`;
- ``according to X``: :func:`according_source`; ``Sana quoted X as saying``:
  :func:`quoted_source`;
- the learned stage's source ranker picks one word; :func:`expand_source` makes
  it the phrase around it.

A noun phrase is walked over names, determiners, role nouns and their
modifiers (:mod:`.words`), with no parser. A source phrase keeps its
prepositional tail (``the head of the Observatory``); what the source *is*
(type, side, named, the person a pronoun stands for) is the profile, in
:mod:`.profiles`; :func:`role_type` gives the type that the source gazetteer
suggests for a phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load_lexicon
from ..terms import find_sources
from .cues import CUE_VERBS, PP_TAIL_RE, PRE_ADV_RE, TAIL_RE, cue_scan, skip_adv
from .state import Found, Rec, TextIndex, n_words, strip_span
from .words import (AUX, CAP_STOP, CLAUSE_PUNCT, CLAUSE_WORDS, DEMONYMS, DETS, FINITE, MODIFIERS, NAME_LINK,
                    NOUNISH, NP_PREPS, PREPS, PRONOUNS, ROLE_NOUNS, SPEAKER_PRONOUNS, hyphen_mod, is_cap, is_word,
                    lw)

SOURCES_GAZETTEER = "sources"
"""The shipped pack whose ``[[sources]]`` entries give every source its type
(``lexicons/sources.toml``: roles, titles, agencies; extend it with your own pack)."""


@lru_cache(maxsize=1)
def _base_gazetteer():
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
    hits = find_sources(phrase, gazetteer)
    if not hits:
        return "other"
    pool = [h for h in hits if h[2].named] or hits
    best = max(pool, key=lambda h: (len(phrase[h[0]:h[1]].split()), h[0]))
    return best[2].type


# -- noun phrases ------------------------------------------------------------

_LEADING_LINKS = (NAME_LINK | NP_PREPS) - {"the"}
"""Words a noun phrase found backwards does not start with ("of", "al" ...; "the" may)."""


def np_back(ix: TextIndex, lo: int, hi: int) -> tuple[int, int] | None:
    """A source noun phrase ending at ``hi`` (after trailing space), not before ``lo``.

    Walks back over names, determiners, role nouns and their modifiers
    ("A Syrian regime military source", "the Syrian Observatory for Human
    Rights monitoring group", "the head of the Observatory", "Rep. Gwen Moore
    (D-Wis.)"); up to two unknown lower-case words may form the head when the
    phrase then ends cleanly ("the tax commissioner", "Madaya evacuees").
    """
    t = ix.text
    toks = ix.tokens(lo, hi)
    if not toks:
        return None
    words = [t[s:e] for s, e in toks]
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
    lw0 = lw(w0)
    if lw0 in SPEAKER_PRONOUNS:
        return toks[core] if core == last else None
    if not is_word(w0) or lw0 in CAP_STOP or lw0 in CLAUSE_WORDS or lw0 in DETS:
        return None
    if (lw0 in MODIFIERS and lw0 not in ROLE_NOUNS and not is_cap(w0)) or lw0 in DEMONYMS or \
            (lw0.endswith(("'s", "s'")) and core == last):
        return None  # "medical claims", "Trump's claim": a noun, not a speaker
    first, i, n_unknown, only_unknown, ended = _walk_back(words, core)
    if first is None:
        return None
    if n_unknown:
        # a phrase with an unknown head must end cleanly: at a determiner, at the
        # start of the clause, or after a name/role word
        if only_unknown and ended == "word":
            return None
        if ended == "punct" and words[i] not in CLAUSE_PUNCT:
            return None
        if ended == "word" and lw(words[i]) not in ("and", "but"):
            if only_unknown or lw(words[first]) not in NOUNISH and not is_cap(words[first]):
                return None
    # the object of a preposition is no speaker ("workers who went to the site said")
    if first > 0 and lw(words[first - 1]) in PREPS and is_word(words[first - 1]) and \
            (n_unknown or lw(words[core]) not in ROLE_NOUNS):
        return None
    # "... that Trump tells": the complementiser is no determiner
    if lw(words[first]) in ("that", "this") and first < core and is_cap(words[first + 1]):
        first += 1
    # a phrase cannot start with a dangling link ("of Dignity commander")
    while first < core and lw(words[first]) in _LEADING_LINKS:
        first += 1
    return toks[first][0], toks[last][1]


def _walk_back(words: list[str], core: int):
    """:func:`np_back`'s walk from the head word ``core`` back to the phrase's first word.

    Returns ``(first, i, n_unknown, only_unknown, ended)``: the first word of the
    phrase (``None``: none), where the walk stopped, how many unknown lower-case
    words it took, whether it took nothing else, and why it stopped (``start`` of
    the region, ``det``, ``punct`` or ``word``).
    """
    first = None
    n_unknown = 0
    only_unknown = True
    ended = "start"
    i = core
    while i >= 0:
        w = words[i]
        lww = lw(w)
        if not is_word(w):
            ended = "punct"
            break
        if lww.isdigit() and first is not None:  # "63 percent said"
            first = i
            ended = "det"
            break
        if lww in DETS:
            # "the head of the Observatory": a determiner after of/for/at goes on
            if i >= 2 and lw(words[i - 1]) in NP_PREPS and (
                    (is_cap(words[i - 2]) and lw(words[i - 2]) not in CAP_STOP)
                    or lw(words[i - 2]) in ROLE_NOUNS):
                first = i - 2
                only_unknown = False
                i -= 3
                continue
            first = i
            ended = "det"
            break
        if is_cap(w) and lww not in CAP_STOP:
            # a demonym opens a phrase after another name ("... Aleppo Syrian state television"),
            # but not inside a name that a determiner opens ("the Free Syrian Army")
            if lww in DEMONYMS and i > 0 and is_cap(words[i - 1]) and lw(words[i - 1]) not in DETS \
                    and lw(words[i - 1]) not in CAP_STOP and lw(words[i - 1]) not in DEMONYMS \
                    and not (i >= 2 and lw(words[i - 2]) in DETS):
                first = i
                ended = "det"
                break
            first, only_unknown = i, False
        elif lww in NOUNISH or hyphen_mod(w) or (lww.endswith(("'s", "s'")) and len(lww) > 3):
            first, only_unknown = i, False
        elif lww in NAME_LINK and first is not None and i > 0 and is_cap(words[i + 1]) \
                and (is_cap(words[i - 1]) or lw(words[i - 1]) in NAME_LINK) and lww != "and":
            first = i
        elif lww in NP_PREPS and first is not None and i > 0 and not only_unknown and (
                (is_cap(words[i - 1]) and lw(words[i - 1]) not in CAP_STOP)
                or lw(words[i - 1]) in ROLE_NOUNS) and (
                is_cap(words[first]) or lw(words[first]) in ROLE_NOUNS):
            # "Officials at Homeland Security Investigations", "spokesman for Hezbollah"
            first = i
        elif only_unknown and n_unknown < 2 and w.isalpha() and w.islower() and \
                lww not in CLAUSE_WORDS and not lww.endswith(("ly", "ing", "ed")):
            first = i
            n_unknown += 1
        elif not only_unknown and n_unknown < 1 and i > 0 and w.isalpha() and w.islower() and \
                lww not in CLAUSE_WORDS and lww not in CUE_VERBS and not lww.endswith(("ly", "ing", "ed")) and \
                is_cap(words[i - 1]) and lw(words[i - 1]) not in CAP_STOP and \
                lw(words[i + 1]) in NOUNISH and not is_cap(words[i + 1]):
            # a lower-case modifier between a name and a lower-case head ("the UN refugee agency")
            first = i
            n_unknown += 1
        else:
            ended = "word"
            break
        i -= 1
    return first, i, n_unknown, only_unknown, ended


def np_fwd(ix: TextIndex, lo: int, hi: int, lenient: bool = False) -> tuple[int, int] | None:
    """A source noun phrase starting at ``lo`` (after leading space), ending before ``hi``.

    ``lenient``: a determiner and one or two words up to the end count too
    ("said the ruling.").
    """
    t = ix.text
    toks = ix.tokens(lo, hi)
    if not toks:
        return None
    words = [t[s:e] for s, e in toks]
    n = len(toks)
    w0 = lw(words[0])
    if w0 in SPEAKER_PRONOUNS:
        return toks[0]
    i = 0
    if w0 in DETS:
        i = 1
    last = None
    while i < n:
        w = words[i]
        lww = lw(w)
        if not is_word(w):
            break
        if (is_cap(w) and lww not in CAP_STOP) or lww in NOUNISH or hyphen_mod(w) \
                or lww.endswith(("'s", "s'")):
            last = i
            i += 1
            continue
        # "MSNBC host Chris Matthews", "9/11 widow Terry Strada": a lower-case role word
        # between a name and a name
        if last is not None and w.isalpha() and w.islower() and lww not in CLAUSE_WORDS \
                and i + 1 < n and is_cap(words[i + 1]) and lw(words[i + 1]) not in CAP_STOP:
            i += 1
            continue
        # "head of the Observatory", "spokesman for the ministry", "Army of Dignity"
        if lww in ("of", "for", "at", "from", "in", "de", "al", "bin", "ibn") and last is not None:
            j = i + 1
            if j < n and lw(words[j]) in DETS:
                j += 1
            if j < n and is_word(words[j]) and ((is_cap(words[j]) and lw(words[j]) not in CAP_STOP)
                                                or lw(words[j]) in ROLE_NOUNS):
                i = j
                continue
        break
    if last is None and w0 in DETS and lenient:
        # "said the ruling.": a determiner and one or two words up to the end
        rest = [w for w in words[1:] if is_word(w)]
        if 0 < len(rest) <= 2 and all(w.isalpha() and lw(w) not in CLAUSE_WORDS for w in rest) \
                and not (len(rest) == 2 and lw(rest[1]).endswith("ed")) \
                and all(not is_word(w) for w in words[1 + len(rest):]):
            return toks[0][0], toks[len(rest)][1]
    if last is None:
        return None
    lww = lw(words[last])
    if not (is_cap(words[last]) or lww in ROLE_NOUNS):
        return None
    return toks[0][0], toks[last][1]


# -- the source of a cue, by where it stands ---------------------------------------

QUANTIFIERS = frozenset({"most", "many", "some", "several", "all", "both", "few", "two", "three", "four", "five",
                         "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "other"})
"""Determiners that a source ranker may choose in place of their noun ("Most voters")."""

_INTRO_RE = re.compile(r"[^,;:\"“”]{1,60}?,\s*")


def subject(ix: TextIndex, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject phrase opening the clause at ``lo`` (after an introductory phrase)."""
    t = ix.text
    np = np_fwd(ix, lo, hi)
    if np is None:
        m = _INTRO_RE.match(t, lo, hi)
        w = t[lo:hi].split()
        if m and w and (lw(w[0]) in PREPS or lw(w[0]) in CAP_STOP):
            np = np_fwd(ix, m.end(), hi)
    if np is None:
        return None
    nxt = t[np[1]:hi].split()
    if not nxt or lw(nxt[0]) in CLAUSE_WORDS - FINITE or not nxt[0][:1].isalpha():
        return None
    return np


def source_before(ix: TextIndex, found: Found, lo: int, cs: int
                  ) -> tuple[tuple[int, int] | None, tuple[int, int] | None, Rec | None]:
    """``(source span, profile span, parent)`` for a cue at ``cs`` in a clause from ``lo``.

    The source is the noun phrase before the cue, after auxiliaries and adverbs
    ("He also said", "has repeatedly said"); ``X, who said`` gives ``X``;
    ``... and added`` the source of the attribution it continues (``parent``) or
    the clause's subject; ``X, a ..., said`` the appositive's head.
    """
    t = ix.text
    m = PRE_ADV_RE.search(t, lo, cs)
    if m and m.start() > lo:
        cs = m.start()
    toks = ix.tokens(lo, cs)
    k = len(toks)
    while k > 0 and lw(t[toks[k - 1][0]:toks[k - 1][1]]) in AUX:
        k -= 1
    if k == 0:
        return None, None, None
    hi = toks[k - 1][1]
    lastw = lw(t[toks[k - 1][0]:hi])
    if lastw in ("and", "but"):  # "... said X and added that ..." / "Democrats ... and said"
        parent = found.last_in(lo, cs)
        if parent is not None:
            return None, None, parent
        np = subject(ix, lo, toks[k - 1][0])
        return (np, np, None) if np else (None, None, None)
    if lastw in ("who", "which"):  # "X, who said ..."
        j = k - 2
        if j >= 0 and t[toks[j][0]:toks[j][1]] == ",":
            np = np_back(ix, lo, toks[j][0])
            if np:
                return np, np, None
        return None, None, None
    if lastw == ",":
        return appositive(ix, lo, toks, k)
    np = np_back(ix, lo, hi)
    if np is None:
        np = _before_participle(ix, lo, toks, k)
    if np is None:
        return None, None, None
    return np, np, None


def _before_participle(ix: TextIndex, lo: int, toks, k: int) -> tuple[int, int] | None:
    """The speaker before a participle phrase of means or place ("Residents reached by
    telephone in Aleppo said" -> Residents): the instrument and the place are no speakers."""
    t = ix.text
    words = [lw(t[a:b]) for a, b in toks[:k]]
    for p in range(k - 2, 0, -1):
        w = words[p]
        if not is_word(w) or w in CLAUSE_WORDS - PREPS:
            return None
        if w.endswith("ed") and w.isalpha() and words[p + 1] in PREPS and k - p <= 10:
            np = np_back(ix, lo, toks[p - 1][1])
            if np is not None and (lw(t[np[1] - 1:np[1]]) != "" and
                                   (is_cap(t[np[0]:np[1]].split()[-1]) or
                                    lw(t[np[0]:np[1]].split()[-1]) in ROLE_NOUNS)):
                return np
            return None
    return None


_OPENS_RE = re.compile(r"(?:^|\s)(?:and|but|however|meanwhile)$", re.IGNORECASE)


def appositive(ix: TextIndex, lo: int, toks, k: int):
    """ "The Observatory, a Britain-based war monitor, said" -> The Observatory;
    "The state's campaign chairman, Phil Lovas, said" -> Phil Lovas.

    Returns ``(source span, profile span, None)``; the profile takes in the appositive.
    """
    t = ix.text
    words = [t[a:b] for a, b in toks[:k]]
    commas = [i for i in range(k - 1) if words[i] == ","]
    cands = []
    for c in commas:
        app = list(range(c + 1, k - 1))
        if not app or len(app) > 40:
            continue
        np = np_back(ix, lo, toks[c][0])
        if np is None:
            continue
        before = t[lo:np[0]].rstrip()
        opens = not before or before.endswith((",", ";", ":", "—", "–", "-")) or _OPENS_RE.search(before)
        if not opens:
            continue
        aw = words[app[0]]
        law = lw(aw)
        name_app = len(app) <= 6 and all(
            is_cap(words[x]) or words[x] in "()" or lw(words[x]) in NAME_LINK for x in app) \
            and is_cap(aw)
        if not (name_app or law in DETS or law in ("who", "which", "whose", "himself", "herself")
                or law.endswith("ing") or law in NOUNISH or law.endswith(("'s", "s'"))
                or law.endswith("ed") and 1 < len(app) <= 8 and lw(words[app[1]]) in PREPS
                or aw.isdigit() or hyphen_mod(aw) or law == "now"):
            continue
        app_span = (toks[app[0]][0], toks[app[-1]][1])
        if name_app and not is_cap(t[np[1] - 1:np[1]]) or name_app and \
                lw(t[np[0]:np[1]].split()[0]) in DETS:
            cands.append((not before, app_span, (np[0], app_span[1])))
        else:
            cands.append((not before, np, (np[0], app_span[1])))
    if not cands:
        return None, None, None
    at_start = [c for c in cands if c[0]]
    _, src, prof = at_start[0] if at_start else cands[-1]
    return src, prof, None


_APP_AFTER_RE = re.compile(r"\s*,\s*[^,.;]{1,120}?(?=\s*[,.;]|\s*$)")
_COMMA_RE = re.compile(r"\s*,")
_PUNCT_RE = re.compile(r"\s*[,:;]")


def speaker_after_quote(ix: TextIndex, content: tuple[int, int], bs: int, be: int, after: int, send: int
                        ) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(source, profile)`` of a quotation whose cue follows it, or ``None`` (no speech here).

    ``bs..be`` is the text between the quotation and the cue, ``after`` where
    the cue phrase ends, ``send`` the sentence end. Empty between: the speaker
    follows the cue (“...,” said the minister, a ... .); else it is what lies
    between (“...,” the minister said.), cut to its noun phrase when that is a
    pronoun or the stretch is long and has no comma (FA-KES text without commas).
    """
    t = ix.text
    if bs >= be:  # “...,” said the minister.
        src = np_fwd(ix, after, send, lenient=True)
        if src is None:
            return None
        rest = skip_adv(t, src[1], send)
        prof = src
        if not TAIL_RE.fullmatch(t, rest, send) and not PP_TAIL_RE.match(t, rest, send):
            app = _APP_AFTER_RE.match(t, rest, send)
            if not app or not TAIL_RE.fullmatch(t, skip_adv(t, app.end(), send), send):
                if not _COMMA_RE.match(t, rest, send):
                    return None
            else:
                prof = (src[0], app.end())
        return src, prof
    if not (TAIL_RE.fullmatch(t, after, send) or _PUNCT_RE.match(t, after, send)
            or PP_TAIL_RE.match(t, after, send)):
        return None
    src = prof = (bs, be)
    np = np_back(ix, bs, be)
    fw = t[bs:be].split()[0]
    if t[content[1] - 1:content[1]] in ".!?" and fw[0].isupper() and lw(fw) in DETS:
        return None  # “We will win.” The army said ...: a new sentence
    if np is not None and (lw(t[np[0]:np[1]]) in SPEAKER_PRONOUNS or
                           ("," not in t[bs:be] and n_words(t, bs, be, 9) > 8)):
        src = prof = np  # "... from Raqqa he said" (FA-KES, no commas)
    elif not (is_cap(fw) or lw(fw) in DETS or lw(fw) in NOUNISH or lw(fw) in SPEAKER_PRONOUNS):
        return None
    return src, prof


_APP_OR_REL_RE = re.compile(r"\s*(?:,\s*|(?=\s+(?:which|who|whose)\b))")
_OF_TO_RE = re.compile(r"\s*(?:of|to)\b")


def speaker_after_cue(ix: TextIndex, ss: int, cs: int, ce: int, se: int
                      ) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(source, profile)`` of an inverted cue ("..., said Rami Abdel Rahman, head of the
    Observatory."), or ``None``. The profile takes in an appositive or a relative clause
    to the end of the sentence."""
    t = ix.text
    pos = skip_adv(t, ce, se)
    src = np_fwd(ix, pos, se, lenient=t[ss:cs].rstrip().endswith((",", "”", '"', "’", "'")))
    if src is None:
        return None
    rest = skip_adv(t, src[1], se)
    prof = src
    if not TAIL_RE.fullmatch(t, rest, se) and not (
            PP_TAIL_RE.match(t, rest, se) and not _OF_TO_RE.match(t[rest:se])
            and n_words(t, rest, se, 9) <= 8):
        # an appositive or a relative clause to the end of the sentence
        # ("said Rami Abdel Rahman, head of the Observatory." / "said the Observatory
        # which tracks the conflict ...")
        app = _APP_OR_REL_RE.match(t, rest, se)
        if not app or n_words(t, app.end(), se, 31) > 30 or ";" in t[app.end():se]:
            return None
        prof = strip_span(t, src[0], se, " \t\r\n.;")
    return src, prof


_SPACES_RE = re.compile(r"\s*")
_UP_TO_COMMA_RE = re.compile(r"[^,;:\"“”(—]{1,120}")


def according_source(ix: TextIndex, ce: int, ss: int, se: int) -> tuple[int, int] | None:
    """The source after ``according to`` (ending at ``ce``), or ``None``.

    It runs to the next comma or the end of the sentence ("according to show
    insiders", "according to a statement by the ministry"); without commas
    (FA-KES) it is the noun phrase there.
    """
    t = ix.text
    pos = _SPACES_RE.match(t, ce, se).end()
    m = _UP_TO_COMMA_RE.match(t, pos, se)
    src = None
    if m:
        a, b = strip_span(t, m.start(), m.end(), ".!?'\"’”")
        rx, ct = cue_scan(ix)
        inner = rx.search(ct, a, b)
        if inner and inner.start() > a:
            a, b = strip_span(t, a, inner.start())
            np_in = np_back(ix, a, b)  # "according to residents ... the report said"
            if np_in:
                b = np_in[0]
            a, b = strip_span(t, a, b)
        words = t[a:b].split()
        if 0 < len(words) <= 12 and lw(words[0]) not in CLAUSE_WORDS - DETS:
            src = (a, b)
    np = np_fwd(ix, pos, se)
    if src is None or (np is not None and np[1] < src[1] and "," not in t[np[1]:se]
                       and looks_like_clause(ix, np[1], se)):
        src = np
    return src


_AS_SAYING_AFTER_RE = re.compile(r"\s+(.{1,120}?)\s+as\s+(saying|telling)\b")
_AS_SAYING_RE = re.compile(r"\s+as\s+(saying|telling)\b")


def quoted_source(ix: TextIndex, cs: int, ce: int, ss: int, se: int) -> tuple[tuple[int, int], int] | None:
    """``(source, start of "saying")`` for "Sana quoted a military source as saying ..." and
    "X was quoted as saying ...", or ``None``."""
    t = ix.text
    m = _AS_SAYING_AFTER_RE.match(t, ce, se)
    if m and m.group(1).strip():
        src = np_fwd(ix, m.start(1), m.end(1))
        if src is None:
            return None
        return src, m.start(2)
    m = _AS_SAYING_RE.match(t, ce, se)
    prev = t[ss:cs].split()
    if not m or not prev or prev[-1].lower() not in ("was", "were", "been", "is"):
        return None
    toks = ix.tokens(ss, cs)
    k = len(toks)
    while k > 0 and lw(t[toks[k - 1][0]:toks[k - 1][1]]) in AUX | {"was", "were", "been", "is"}:
        k -= 1
    if k == 0:
        return None
    src = np_back(ix, ss, toks[k - 1][1])
    if src is None:
        return None
    return src, m.start(1)


_SINGULAR_SUBJ = frozenset({"it", "he", "she", "this"})
_PRESENT_S_RE = re.compile(r"[a-z]{2,}[^su']s")
"""A word that reads as a verb's third-person singular after one of :data:`_SINGULAR_SUBJ`
("underscores", "means"; not "us", "was", "this", "process" or "it's")."""


def looks_like_clause(ix: TextIndex, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` opens like a clause (a finite verb within its first words, or a
    present-tense verb after a singular subject pronoun: "it underscores ...").

    >>> t = "it underscores the point. it over and over. this process is slow."
    >>> ix = TextIndex(t, [])
    >>> looks_like_clause(ix, 0, 24), looks_like_clause(ix, 26, 42), looks_like_clause(ix, 44, 62)
    (True, False, True)
    """
    toks = [lw(ix.text[a:b]) for a, b in ix.tokens(s, e)][:7]
    if not toks or toks[0] in PREPS:
        return False
    if len(toks) > 2 and toks[0] in _SINGULAR_SUBJ and _PRESENT_S_RE.fullmatch(toks[1]):
        return True  # "it underscores ...", "she wants ...": a present-tense verb after its subject
    for i, w in enumerate(toks[1:], 1):
        if w in ("and", "but", "or", ","):
            return False
        if w in FINITE or (w.endswith("ed") and i <= 5 and len(w) > 4):
            return True
    return False


def expand_source(ix: TextIndex, ctx, j: int, clo: int, chi: int) -> tuple[int, int]:
    """The phrase around the source word the learned ranker chose ("Clinton" -> "Hillary
    Clinton"): the noun phrase ending at the name words from ``j`` (cue tokens ``clo..chi``
    of the :class:`~framing.attribution.learned.TokenContext` ``ctx``)."""
    words, lows, spans = ctx.words, ctx.lows, ctx.spans
    s, e = spans[j]
    if lows[j] in PRONOUNS or not is_cap(words[j]) and lows[j] not in NOUNISH:
        if lows[j] in PRONOUNS or lows[j] in ("who", "which", "that"):
            return s, e
    sid = ctx.sid[j]
    stop = clo if j < clo else ctx.last[sid] + 1
    k = j
    if lows[j] in QUANTIFIERS:  # a quantifier chosen: its noun follows ("Most voters", "Many residents")
        while k + 1 < stop and k - j < 3 and words[k + 1].isalpha() and lows[k + 1] not in CLAUSE_WORDS \
                and lows[k + 1] not in DETS and lows[k + 1] not in CUE_VERBS \
                and not lows[k + 1].endswith(("ly", "ed")):
            k += 1
            if lows[k].endswith("s") or lows[k] in NOUNISH or lows[k] == "people":
                break  # the noun: "Most states", "many European citizens" (not "... citizens feel")
    while k + 1 < stop and is_cap(words[k + 1]) and lows[k + 1] not in CAP_STOP:
        k += 1
    end = spans[k][1]
    lo = spans[ctx.first[sid]][0] if j < clo else spans[chi][1]
    np = np_back(ix, lo, end)
    if np is not None and np[0] <= s:
        return np
    k0 = j
    floor = ctx.first[sid] if j < clo else chi + 1
    while k0 - 1 >= floor and (is_cap(words[k0 - 1]) and lows[k0 - 1] not in CAP_STOP
                               or lows[k0 - 1] in DETS and k0 - 1 >= floor):
        k0 -= 1
        if lows[k0] in DETS:
            break
    return spans[k0][0], end
