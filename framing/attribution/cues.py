"""Cues: the words that mark an attribution, their stance, and the cue phrase around them.

A cue is a verb of :data:`CUE_VERBS` ("said", "told", "claimed") or
``according to``; :func:`cue_at` says whether a match is a cue where it stands
("to say", "the report" are not). :func:`after_cue` reads the cue phrase after
the verb: adverbs ("on Sunday", "in a statement"), the addressee of ``told``
("told Reuters"), and ``that``.

Cue stance (:func:`cue_stance`): ``neutral`` for verbs that only report (say,
tell, add, report, state, announce, note, explain, write, according to, quote,
...); ``evaluative`` for verbs that carry the writer's judgement of the claim or
of the speaker: verbs that cast doubt or distance (claim, allege, insist,
maintain, assert, argue), that presuppose the content is true and often
damaging (admit, concede, acknowledge, confess, confirm, reveal), or that
characterise the manner (boast, deny, warn, complain, threaten, vow). This
follows the assertive/factive verb lists of the bias literature (e.g. Recasens
et al., ACL 2013) and newsroom style guides ("said" is the neutral verb). Other
cue words are ``neutral``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .state import TextIndex, n_words
from .words import (ADDRESSEE_LEMMAS, AUDIENCE, AUX_CUE, BELIEF_CUES, CAP_STOP, EVALUATIVE_EXTRA,
                    EVALUATIVE_VERBS, EVIDENCE_CUES, EVIDENCE_NOUNS, EVIDENCE_OR_SPEECH, NEUTRAL_VERBS,
                    OBJ_PRONOUNS, OTHER_CUES, PERCEPTION_CUES, PRONOUNS, QUOTE_TOKENS, ROLE_NOUNS, SPEECH_CUES,
                    WRITING_CUES, hyphen_mod, is_cap, is_word, lw)

CUE_VERBS: dict[str, tuple[str, str]] = {
    form: (lemma, stance)
    for table, stance in ((NEUTRAL_VERBS, "neutral"), (EVALUATIVE_VERBS, "evaluative"))
    for lemma, forms in table.items()
    for form in forms.split()
}
"""Every cue verb form -> ``(lemma, stance)``; stance is ``neutral`` or ``evaluative``."""



def _trie(words) -> str:
    """A regular expression matching exactly ``words``, as a letter tree ("sa(?:id|y(?:ing|s)?)"):
    the regex engine then tests one letter at a time instead of every word at every position."""
    tree: dict = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(node[c]) for c in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)


CUE_RE = re.compile(r"(?<![\w\-])(?:according\s+to|" + _trie(CUE_VERBS) + r")(?![\w\-])", re.IGNORECASE)
"""A cue verb form or ``according to``, as a whole word.

>>> [m.group() for m in CUE_RE.finditer("He said, she says; according  to the Sayings, re-said")]
['said', 'says', 'according  to']
"""


_CUE_RE_LOWER = re.compile(CUE_RE.pattern)
""":data:`CUE_RE` minding case: in lower-cased text it finds the same spans, twice as fast."""


def cue_scan(ix: TextIndex) -> tuple[re.Pattern, str]:
    """The regex and the text to find cue words in with ``finditer``/``search`` (the spans index
    ``ix.text``): :data:`CUE_RE` on the text, or its twin that minds case on the lower-cased text
    when that is the same: when lower-casing keeps every character one character (no "İ") and
    the text has no "ı" or "ſ" (which CUE_RE, ignoring case, takes for "i" and "s"). Lower-casing
    never turns a word character, hyphen or space into another kind, and only "K" (Kelvin) into an
    a-z letter, which CUE_RE takes for "k" too. Made once per text.

    >>> ix = TextIndex("The minister SAID so, officials claimed.", [])
    >>> rx, t = cue_scan(ix)
    >>> [ix.text[m.start():m.end()] for m in rx.finditer(t)]
    ['SAID', 'claimed']
    """
    got = ix.cue_scan
    if got is None:
        t = ix.text
        low = t.lower()
        got = ix.cue_scan = ((_CUE_RE_LOWER, low) if len(low) == len(t) and "ı" not in t and "ſ" not in t
                             else (CUE_RE, t))
    return got


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
    while len(words) > 1 and words[0] in AUX_CUE:
        words = words[1:]
    first = words[0] if words else ""
    if first in CUE_VERBS:
        return CUE_VERBS[first][1]
    return "evaluative" if first in EVALUATIVE_EXTRA else "neutral"


# -- cue classes -------------------------------------------------------------------

_CLASS_TABLES = (("writing", WRITING_CUES), ("evidence", EVIDENCE_CUES), ("perception", PERCEPTION_CUES),
                 ("belief", BELIEF_CUES), ("other", OTHER_CUES), ("speech", SPEECH_CUES))
"""The word lists of :func:`cue_class`, in the order they are asked (the first that has the word wins)."""
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "spoke": "speak", "spoken": "speak",
              "wrote": "write", "written": "write", "thought": "think", "felt": "feel", "knew": "know",
              "known": "know", "saw": "see", "seen": "see", "heard": "hear", "found": "find",
              "shown": "show", "understood": "understand", "sought": "seek", "drew": "draw",
              "took": "take", "gave": "give", "made": "make", "went": "go", "began": "begin",
              "ran": "run", "led": "lead", "struck": "strike", "stood": "stand", "meant": "mean"}
_WORD_RE = re.compile(r"[\w'’-]+|:|[―—–]")
_DIRECT_SPEECH = frozenset({"continue"})
"""Lemmas that are speech only with a quotation ("“...,” he continued"; not "the shelling continued")."""
_CHARACTERISE_AS = frozenset({"know", "dub", "name", "label", "bill", "title"})
"""Lemmas that, followed by "as", name or characterise rather than report words ("known as")."""
_WRITTEN_RE = re.compile(
    r"\b(?:in|on|via|through)\s+(?:a|an|the|its|his|her|their|our|my)?\s*(?:[\w'’-]+\s+){0,2}?"
    r"(?:statement|letter|post|tweet|e-?mail|blog|op-ed|column|memo|communiqu[eé]|filing|"
    r"press\s+release|Twitter|Facebook|Telegram|Instagram|website|Truth\s+Social)\b", re.IGNORECASE)
"""A speech cue said to be written ("said in a statement", "said on Twitter")."""
_WRITTEN_WORDS = ("statement", "letter", "post", "tweet", "mail", "blog", "op-ed", "column", "memo", "communiqu",
                  "filing", "press", "twitter", "facebook", "telegram", "instagram", "website", "truth")
"""A word that every match of :data:`_WRITTEN_RE` holds, once case-folded (a quick test first:
case-folding maps each letter the regex takes for a-z to that letter, but for "İ" and "ı")."""


def _written(context: str) -> bool:
    if "İ" not in context and "ı" not in context:
        low = context.casefold()
        if not any(w in low for w in _WRITTEN_WORDS):
            return False
    return _WRITTEN_RE.search(context) is not None


def cue_lemmas(word: str) -> list[str]:
    """Candidate lemmas of a lower-case cue word, most likely first (a crude suffix stripper for
    the cue-class lists, which hold lemmas and irregular forms).

    >>> cue_lemmas("believed")[:2], cue_lemmas("hoping")[:2], cue_lemmas("worries")[:2]
    (['believed', 'believe'], ['hoping', 'hop'], ['worries', 'worry'])
    """
    w = word
    out = [w]
    if w in _IRREGULAR:
        out.append(_IRREGULAR[w])
    if w.endswith(("ies", "ied")):
        out.append(w[:-3] + "y")
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e", w[:-4]]
    elif w.endswith("ed"):
        out += [w[:-1], w[:-2], w[:-3]]
    elif w.endswith("es"):
        out += [w[:-1], w[:-2]]
    elif w.endswith("s"):
        out.append(w[:-1])
    return out


_UNDOUBLE = frozenset("bgmnprt")
"""Final consonants doubled before -ed/-ing ("admitted", "planned"); not d, l, s ("added", "called")."""


@lru_cache(maxsize=65536)
def cue_stem(word: str) -> str:
    """One crude stem shared by the forms of a lower-case word ("states", "stated", "stating",
    "state" -> "stat"), so that the learned stage can score a form it never saw in training
    by the forms it did (a suffix stripper, no dictionary: collisions are harmless there).

    >>> [cue_stem(w) for w in ("warns", "warned", "warning", "warn")]
    ['warn', 'warn', 'warn', 'warn']
    >>> [cue_stem(w) for w in ("worries", "worried", "admitted", "admits", "added", "said", "told")]
    ['worry', 'worry', 'admit', 'admit', 'add', 'say', 'tell']
    """
    w = _IRREGULAR.get(word)
    if w is not None:
        return w
    w = word
    if len(w) > 4 and w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing") or len(w) > 4 and w.endswith("ed"):
        w = w[:-3] if w.endswith("ing") else w[:-2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] in _UNDOUBLE:
            return w[:-1]
        return w
    if len(w) > 4 and w.endswith("es"):
        return w[:-2]  # ("agrees", "believes": the e of "agree", "believe" goes too)
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def cue_forms(stem: str) -> set[str]:
    """The forms :func:`cue_stem` maps to ``stem`` among the usual inflections built on it
    (-s, -es, -e, -ed, -ing, a doubled consonant, -y/-ies/-ied).

    >>> sorted(cue_forms("stat"))
    ['stat', 'state', 'stated', 'states', 'stating', 'stats', 'statted', 'statting']
    """
    cands = {stem, stem + "e", stem + "s", stem + "es", stem + "ed", stem + "ing", stem + "es",
             stem + stem[-1:] + "ed", stem + stem[-1:] + "ing"}
    if stem.endswith("y"):
        cands |= {stem[:-1] + "ies", stem[:-1] + "ied"}
    return {f for f in cands if cue_stem(f) == stem}


def cue_class(cue: str, source: str | None = None, context: str = "", direct: bool = False) -> str:
    """The class of a cue: ``speech``, ``writing``, ``according-to``, ``belief``, ``evidence``,
    ``perception`` or ``other`` (see :data:`framing.data.CUE_CLASSES`).

    Args:
        cue: the cue phrase ("said", "has told Reuters", "according to", "is expected").
        source: the source phrase, if any: an evidence source ("data", "a study") makes
            "according to", "suggests", "revealed" evidence.
        context: the cue's sentence: "said in a statement" / "on Twitter" is writing.
        direct: the cue introduces a quotation: "continued" is then speech.

    >>> cue_class("said"), cue_class("tweeted"), cue_class("according to", "the ministry")
    ('speech', 'writing', 'according-to')
    >>> cue_class("believes"), cue_class("is expected"), cue_class("found"), cue_class("saw")
    ('belief', 'belief', 'evidence', 'perception')
    >>> cue_class("according to", "official data"), cue_class("suggests", "The study")
    ('evidence', 'evidence')
    >>> cue_class("suggested", "Trump"), cue_class("said", "the ministry", "the ministry said in a statement")
    ('speech', 'writing')
    >>> cue_class("known as"), cue_class("refused"), cue_class("zorbled")
    ('other', 'other', 'other')
    """
    name = _class_of(cue, _evidence_source(source) if source else False, direct)
    if name == "speech" and context and _written(context):
        return "writing"
    return name


@lru_cache(maxsize=8192)
def _class_of(cue: str, evidence: bool, direct: bool) -> str:
    """:func:`cue_class` without the sentence (a cue phrase, whether its source is evidence)."""
    words = [lw(w) for w in _WORD_RE.findall(cue)]
    if not words:
        return "other"
    if words[0] == "according":
        return "evidence" if evidence else "according-to"
    k = 0
    while k < len(words) - 1 and words[k] in AUX_CUE:
        k += 1
    head = words[k]
    if head in (":", "―", "—", "–"):
        return "speech"
    lemmas = cue_lemmas(head)
    if any(x in EVIDENCE_OR_SPEECH for x in lemmas):
        return "evidence" if evidence else "speech"
    nxt = words[k + 1] if k + 1 < len(words) else ""
    for lemma in lemmas:  # the most likely lemma first, then the first list that has it
        name = next((n for n, table in _CLASS_TABLES if lemma in table), None)
        if name is None:
            continue
        if nxt == "as" and _CHARACTERISE_AS.intersection(lemmas) or nxt == "to" and (
                "respond" in lemmas or "response" in lemmas):
            return "other"  # "known as"; "responded to the plan" reports a reaction, not words
        if (nxt, lemma) in (("it", "put"), ("on", "go"), ("on", "went")):
            return "speech"  # "as he put it", "he went on"
        if name == "other" and direct and lemma in _DIRECT_SPEECH:
            return "speech"  # "“...,” he continued."
        return name
    return "other"


@lru_cache(maxsize=8192)
def _evidence_source(source: str | None) -> bool:
    """Whether a source phrase names evidence ("official data", "a Pew poll", "the figures")."""
    if not source:
        return False
    return any(lw(w) in EVIDENCE_NOUNS for w in _WORD_RE.findall(source)[:6])


def cue_at(text: str, m: re.Match) -> tuple[str, str, int, int] | None:
    """``(lemma, stance, start, end)`` of a :data:`CUE_RE` match, or ``None`` when it is no
    cue where it stands ("to say", "not said", "the report", "a claim")."""
    s, e = m.span()
    word = text[s:e].lower()
    if word.startswith("according"):
        return "according to", "neutral", s, e
    lemma, stance = CUE_VERBS[word]
    prev = text[max(0, s - 12):s].lower().split()
    pw = prev[-1] if prev else ""
    if pw in ("to", "not", "never", "n't", "having", "let's", "let’s", "worth", "needless") \
            or pw.endswith("n't"):
        return None
    if pw in ("the", "a", "an", "this", "its", "his", "her", "their") and word in (
            "report", "reports", "statement", "claim", "claims", "reported", "alleged"):
        return None
    return lemma, stance, s, e


# -- what follows the cue word -------------------------------------------------

_DAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|"
        r"night|morning|evening|afternoon|day)")
ADV_RE = re.compile(
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
"""Adverbials around a cue: when, where and how it was said ("on Sunday", "in a statement")."""
PRE_ADV_RE = re.compile(
    r"(?:\s+(?:on|late\s+on|early\s+on|last|this|earlier|later)\s+" + _DAY +
    r"|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
    r"|\s+in\s+a\s+(?:statement|speech|interview|tweet))\s*$")
"""An adverbial just before a cue ("The ministry on Sunday said")."""
THAT_RE = re.compile(r"\s*,?\s*that\b")
_PP_THAT_RE = re.compile(
    r"\s+(?:at|in|on|during|via|through|from|after|before|over|with|to|in|outside|inside)\s+"
    r"[^,.;:\"“”]{1,70}?\s+that\b")
_ADDRESSEE_RE = re.compile(
    r"\s*((?!that\b)[^,.;:“”\"]{1,70}?)(?=\s+that\b|\s*[,:]\s*[“\"]|\s+(?:he|she|they|we|I)\s)")
PP_TAIL_RE = re.compile(
    r"\s*(?:of|to|in|at|on|during|after|before|while|as|when|about|from|via|through|because|since|"
    r"following|outside|inside|with|by|upon|amid)\b")
"""A prepositional phrase after the cue phrase (no content: "said in Geneva")."""
TAIL_RE = re.compile(
    r"\s*,?\s*(?:without\s+(?:giving|providing|offering|citing|elaborating|further)[^.;]*"
    r"|citing\b[^.;]*|in\s+a\s+[^.;,]*|quoting\b[^.;]*)?\s*[.!?;]*\s*[”\"’]?\s*$"
)
"""The end of a sentence after a cue phrase ("..., without giving details.")."""


def skip_adv(text: str, pos: int, hi: int) -> int:
    """The position after the adverbials (:data:`ADV_RE`) at ``pos``."""
    m = ADV_RE.match(text, pos, hi)
    return m.end() if m else pos


def addressee(ix: TextIndex, pos: int, hi: int) -> int | None:
    """End of the addressee after "told" ("Reuters", "pro-opposition Orient TV", "him")."""
    t = ix.text
    toks = ix.tokens(pos, hi)
    words = [t[s:e] for s, e in toks]
    if not toks:
        return None
    if lw(words[0]) in OBJ_PRONOUNS:
        return toks[0][1]
    end = None
    i = 0
    if lw(words[0]) in ("the", "a", "an"):
        i = 1
    while i < len(toks):
        w = words[i]
        lww = lw(w)
        if not is_word(w):
            break
        if (is_cap(w) and (lww not in CAP_STOP or lww == "today" and end is not None)) \
                or hyphen_mod(w) or lww in AUDIENCE or (lww.endswith(("'s", "s'")) and is_cap(w)):
            end = toks[i][1]
            i += 1
            continue
        if lww in ("of", "the", "and") and end is not None and i + 1 < len(toks) and is_cap(words[i + 1]):
            i += 1
            continue
        break
    if end is not None:
        return end
    # "told co-host Joe Scarborough that", "told a meeting of Pacific Island leaders that",
    # "told the host, “..."
    m = _ADDRESSEE_RE.match(t, pos, hi)
    if m and n_words(t, *m.span(1), 9) <= 8:
        w = lw(words[0])
        if w in ("the", "a", "an", "his", "her", "their", "its", "our", "some") or "-" in w \
                or is_cap(words[0]) or w in AUDIENCE or w in ROLE_NOUNS:
            return m.end(1)
    return None


def after_cue(ix: TextIndex, lemma: str, ce: int, hi: int) -> tuple[int, int, bool]:
    """``(end of the cue phrase, start of what follows, whether "that" was seen)`` for a cue
    verb ending at ``ce``; the start is -1 when "told" has no addressee (no speech here).

    The cue phrase takes in the addressee of "told" ("told Reuters"); adverbials
    and "that" are skipped ("said on Sunday that", "said during a rally in
    Michigan that").
    """
    t = ix.text
    cue_end = ce
    pos = skip_adv(t, ce, hi)
    if lemma in ADDRESSEE_LEMMAS:
        a = addressee(ix, pos, hi)
        if a is not None:
            if lemma == "tell" and not t[ce:pos].strip():
                cue_end = a
            pos = skip_adv(t, a, hi)
        elif lemma == "tell":
            return cue_end, -1, False
    m = THAT_RE.match(t, pos, hi)
    if m:
        return cue_end, m.end(), True
    m = _PP_THAT_RE.match(t, pos, hi)  # "said during a rally in Michigan that"
    if m and n_words(t, *m.span(), 12) <= 11:
        return cue_end, m.end(), True
    return cue_end, pos, False


# -- the learned cue model's features beyond the word --------------------------------

def mark_found(ctx, found) -> None:
    """Set ``ctx.rc`` (``ctx``: a :class:`~.learned.TokenContext`): per token, what the rules
    found around it -- ``T`` a word of a cue they found, ``in`` inside the content of an
    attribution they found (a nested cue: "officials said the rebels *claimed* ..."), ``s`` in
    a sentence with a cue they found, ``-`` none. The learned cue model reads it."""
    starts, sid, first, last = ctx._starts, ctx.sid, ctx.first, ctx.last
    rc = ["-"] * len(starts)
    for r in found.recs:
        k = bisect_left(starts, r.cue[0])
        if k < len(starts) and sid[k] >= 0:
            rc[first[sid[k]]:last[sid[k]] + 1] = ["s"] * (last[sid[k]] + 1 - first[sid[k]])
    for r in found.recs:
        a, b = bisect_left(starts, r.content[0]), bisect_left(starts, r.content[1])
        rc[a:b] = ["in"] * (b - a)
    for cs, ce in found.cue_spans():
        a, b = bisect_left(starts, cs), bisect_left(starts, ce)
        rc[a:b] = ["T"] * (b - a)
    ctx.rc = rc


_SUBJ_NEXT = frozenset({"he", "she", "they", "we", "i", "it", "you", "there"})
_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
                     "may", "might", "must", "does", "did", "do", "won't", "wouldn't", "can't", "isn't", "aren't",
                     "wasn't", "doesn't", "didn't", "won’t", "wouldn’t", "can’t", "isn’t", "doesn’t", "didn’t"})
"""A clause after a cue word: a subject pronoun next ("said *he* would"), or an auxiliary or
modal two to five words on with no punctuation between ("said the economy *was*")."""


def extra_key(ctx, i: int, near: tuple[str, str, str, str] | None = None) -> tuple[str, str, str, str, str, str]:
    """What the learned stage's :func:`~.learned.cue_extra_features` depends on (``ctx``: its
    :class:`~.learned.TokenContext`): ``(word, frame, subject, next word, rules, clause)``;
    ``rules`` is ``ctx.rc[i]`` (:func:`mark_found`; ``-`` when not marked), ``clause``
    whether a clause follows (``S``: a subject pronoun next, ``v``: an auxiliary soon after).
    ``near``: the words ``(pw, pw2, nw, nw2)`` two either side, when the caller has them."""
    if near is None:
        nw, nw2 = ctx.around(i, 1), ctx.around(i, 2)
        pw, pw2 = ctx.around(i, -1), ctx.around(i, -2)
    else:
        pw, pw2, nw, nw2 = near
    if nw == "that" or nw2 == "that":
        frame = "that"
    elif nw in QUOTE_TOKENS or nw2 in QUOTE_TOKENS or nw == ":":
        frame = "q"
    elif nw == "by":
        frame = "by"  # a passive's agent: "forces, supported by militias"
    elif pw in QUOTE_TOKENS or pw2 in QUOTE_TOKENS:
        frame = "pq"
    elif nw == "," or pw == ",":
        frame = "c" + ("r" if nw == "," else "l")
    else:
        frame = "-"
    if pw in PRONOUNS:
        subj = "P"
    elif pw in ROLE_NOUNS or pw2 in ROLE_NOUNS:
        subj = "R"
    elif pw != "<s>" and ctx.words[i - 1][:1].isupper():
        subj = "C"
    else:
        subj = "-"
    if nw in ROLE_NOUNS:
        obj = "R"  # "Opposition negotiators" (a modifier), ", said officials"
    elif nw != "</s>" and ctx.words[i + 1][:1].isupper():
        obj = "C"
    else:
        obj = "-"
    clause = "-"
    if nw in _SUBJ_NEXT:
        clause = "S"
    else:
        for d in (2, 3, 4, 5):
            x = ctx.around(i, d)
            if x in _FINITE:
                clause = "v"
                break
            if not x[:1].isalnum():
                break
    return ctx.lows[i], frame, subj, obj, "-" if ctx.rc is None else ctx.rc[i], clause


def extra_features(key: tuple[str, str, str, str, str, str]) -> list[str]:
    """The learned cue model's features beyond the word, from :func:`extra_key`."""
    w, frame, subj, obj, rc, clause = key
    cls = cue_class(w)
    return ["lem=" + cue_stem(w), "cls=" + cls, "clf=" + cls + "|" + frame, "csj=" + cls + "|" + subj,
            "clfs=" + cls + "|" + frame + subj, "cln=" + cls + "|" + obj + subj, "rc=" + rc,
            "crc=" + cls + "|" + rc, "frc=" + frame + "|" + rc, "ccl=" + cls + "|" + clause,
            "fcl=" + frame + clause + "|" + cls]
