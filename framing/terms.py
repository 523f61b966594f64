"""Find lexicon labels in text: ``find_terms(text, lexicon) -> list[TermHit]``.

Matching rules (documented for users in ``lexicons/README.md``):

- case-insensitive unless a label says ``case_sensitive = true``;
- a space in a form matches any run of spaces, line breaks or hyphens, and a
  hyphen matches a hyphen variant, a space or nothing ("al-Nusra" = "al Nusra");
- an apostrophe matches a straight or curly apostrophe or none ("Syria's", "Syrias");
- with ``inflect`` (the default) a form also matches its plural and possessive
  ("rebel" -> "rebels", "rebel's", "rebels'");
- a trailing ``*`` matches any word ending ("terror*");
- a form never matches inside a longer word or hyphenated compound
  ("government" does not fire in "pro-government" unless that is a form itself);
- a hit inside one of the label's ``exclude`` phrases, or with one of its
  ``exclude_context`` words within the window before or after it, is dropped;
- where hits overlap, the longest wins (then the earliest); no span counts twice;
- compatibility characters match their plain form (fullwidth ``Ｒｅｇｉｍｅ`` =
  ``Regime``, non-breaking hyphen = hyphen) through a per-character mapping
  that never changes the length of the text.

The text is never changed: every hit's ``start:end`` slices the original string.

How it is fast: all forms of a pack are compiled into one trie-shaped regular
expression. A C-level scan (``finditer``) stops only at word starts where the
trie matches, so Python code runs once per *hit* rather than once per word.
The scan runs on copies of the text of the same length (compatibility-folded,
lower-cased, other delimiters turned into spaces), so offsets carry over
unchanged. Exclusions are tried only at the word starts where a phrase could
begin. A run of separators in a form is one separator, and forms have no
other repetition, so no form can make the engine backtrack without end.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Sequence

from .data import TermHit
from .errors import LexiconError
from .forms import LEFT, RIGHT, bounded, fold, form_regex, form_tokens
from .lexicon import Lexicon, SourceEntry
from .text import SpanSet

__all__ = ["find_terms", "find_sources", "assign_voice", "form_regex", "bounded", "fold"]

# The scan looks for candidates after a space, which the regex engine finds
# fastest. In the scan copy every ASCII character that can precede a form but
# never occurs inside one becomes a space; the rarer delimiters (. & / ' ` and
# anything beyond ASCII) are found once per text by _RARE.
_SCAN_TABLE = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_-'.&/`")}
_SCAN_BYTES = bytes.maketrans(bytes(_SCAN_TABLE), b" " * len(_SCAN_TABLE))
"""The scan copy (``low.translate(_SCAN_TABLE)``) made by ``bytes.translate`` on its UTF-8."""
_RARE = re.compile(r"[.&/'`\x80-\U0010ffff](?<![\w‐‑])(?<!\w['’‘`])(?=\w)")

class _Text:
    """The text being matched and its copies of the same length, built once per text."""

    __slots__ = ("text", "f", "low", "_scan", "_rare")

    def __init__(self, text: str):
        self.text = text
        self.f = fold(text)  # compatibility-folded, case kept
        low = self.f.lower()
        if len(low) != len(text):  # cannot happen after folding; never risk an offset
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.f)
        self.low = low
        self._scan = None
        self._rare = None

    def scan(self) -> tuple[str, list[int]]:
        """The scan copy and the word starts after a rare delimiter."""
        if self._scan is None:
            low = self.low
            # (bytes.translate is a table look-up per byte; the table maps ASCII bytes only, and
            # every byte of a character beyond ASCII is above 127 in UTF-8: those stay as they are)
            self._scan = low.encode("utf-8", "surrogatepass").translate(_SCAN_BYTES).decode(
                "utf-8", "surrogatepass")
            self._rare = [m.end() for m in _RARE.finditer(self.low)]
        return self._scan, self._rare


_local = threading.local()  # the cached texts of each thread (Dask workers may use threads)
_CACHED_TEXTS = 8


def _copies(text: str) -> _Text:
    """The copies of ``text``, cached for the last few texts of this thread (by identity): an
    article is matched against several packs, and its source phrases between its stretches."""
    recent = getattr(_local, "recent", None)
    if recent is None:
        recent = _local.recent = []
    for k, t in enumerate(recent):
        if t.text is text:
            if k:
                recent.insert(0, recent.pop(k))
            return t
    t = _Text(text)
    recent.insert(0, t)
    del recent[_CACHED_TEXTS:]
    return t


# -- many forms to one regular expression (the forms' own syntax: framing.forms) ---

def _trie_regex(paths: Iterable[tuple[list[str], object]], leaf) -> str:
    """One regular expression for many token paths, sharing common prefixes.

    At every branch, longer continuations are tried before shorter ones, so the
    first match found at a position is the longest form (up to optional pieces).
    ``leaf(value)`` gives the pattern that ends a path.
    """
    root: dict = {}
    for toks, value in paths:
        node = root
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault(None, []).append(value)

    depth: dict[int, int] = {}

    def deep(node) -> int:
        k = id(node)
        if k not in depth:
            depth[k] = 1 + max((deep(c) for t, c in node.items() if t is not None), default=0)
        return depth[k]

    def emit(node) -> str:
        kids = sorted(((t, c) for t, c in node.items() if t is not None), key=lambda tc: -deep(tc[1]))
        alts = [t + emit(c) for t, c in kids]
        if None in node:
            alts.append(leaf(node[None]))
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root) if root else "(?!)"


# -- compiled packs -----------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    referent: str
    label: str
    connotation: int
    echoes: str
    case_sensitive: bool
    exact: re.Pattern  # the label's forms, anchored use, on the folded text (case as the label says)
    exclude: re.Pattern | None  # the label's exclude phrases, on the folded text
    exclude_any: re.Pattern | None  # the same without word boundaries: a quick first search
    reach: int  # how far after a hit an exclude phrase can extend (characters)
    back: int  # how far before a hit an exclude phrase can start (characters)
    context: tuple  # ((before rx | None, after rx | None, window, before_any, after_any), ...)


@dataclass(frozen=True)
class _Matcher:
    scan: re.Pattern      # finds positions (after a delimiter) where some form starts
    marked: dict          # first character -> (regex with one empty group per leaf, leaf entries)
    marked_ci: dict       # the same without the case-sensitive labels
    cs_by_first: dict     # first character -> case-sensitive label indices
    entries: tuple        # _Entry per label
    by_first: dict        # first character -> label indices (for the slow path)
    any_first: tuple      # label indices with a form that starts with a non-literal




def _ctx_margin(window: int) -> int:
    """Characters that surely hold ``window`` words of news text (the window is cut there)."""
    return 16 * window + 24


def _reach_back(phrases, forms, inflect: bool, flags) -> int:
    """How many characters of an exclude phrase can precede the label's form in it,
    with room for wider spacing in the text."""
    if not phrases:
        return 4
    # every occurrence of every form (overlapping ones too), with one regex
    rx = re.compile("(?=" + LEFT + "(?:" + "|".join(form_regex(f, inflect=inflect) for f in forms)
                    + ")" + RIGHT + ")", flags)
    most = max((m.start() for x in phrases for m in rx.finditer(x)), default=0)
    return 2 * most + 4


def _context_rx(phrases, flags) -> re.Pattern | None:
    if not phrases:
        return None
    alts = sorted({form_regex(x) for x in phrases}, key=len, reverse=True)
    return re.compile(LEFT + "(?:" + "|".join(alts) + ")" + RIGHT, flags)


def _quick(phrases) -> re.Pattern | None:
    """A looser regex for ``phrases``, searched in the lower-cased copy first: a trie
    of lower-case literals without word boundaries or case folding, which the engine
    scans several times faster. Every real match of the phrases is also a match of
    this one, so finding nothing proves there is nothing to check."""
    if not phrases:
        return None
    return re.compile(_trie_regex(((form_tokens(x, lower=True), None) for x in phrases), lambda _: ""))


def _per_pack(fn):
    """Cache ``fn(lexicon)`` by the pack's content (name, file, its SHA-256, format), not
    by the object: a pack sent to a worker process arrives as a new copy with each
    batch, and must not be compiled again each time. The object itself is looked up
    first (the usual case, and the cheapest)."""
    by_content: dict = {}
    by_object: dict = {}  # id -> (pack, value); holding the pack keeps its id from being reused
    lock = threading.Lock()

    def cached(lexicon: Lexicon):
        hit = by_object.get(id(lexicon))
        if hit is not None and hit[0] is lexicon:
            return hit[1]
        key = (lexicon.name, lexicon.path, lexicon.sha256, lexicon.format) if lexicon.sha256 else None
        value = by_content.get(key) if key is not None else None
        if value is None:
            value = fn(lexicon)
        with lock:
            for d in (by_object, by_content):
                if len(d) >= 64:
                    d.pop(next(iter(d)))
            by_object[id(lexicon)] = (lexicon, value)
            if key is not None:
                by_content[key] = value
        return value

    def cache_clear():
        by_content.clear()
        by_object.clear()

    cached.cache_clear = cache_clear
    cached.__wrapped__ = fn
    cached.__doc__ = fn.__doc__
    return cached


@_per_pack
def _compiled(lexicon: Lexicon) -> _Matcher:
    try:
        return _compile(lexicon)
    except (RecursionError, re.error) as e:  # validation caps form length; a pack built
        # around it (e.g. from a dict by hand) is refused here rather than crashing
        raise LexiconError(lexicon.path, None, f"the pack's forms cannot be compiled: {e}") from None


def _compile(lexicon: Lexicon) -> _Matcher:
    entries: list[_Entry] = []
    paths: list[tuple[list[str], int]] = []
    by_first: dict[str, list[int]] = {}
    any_first: list[int] = []
    for ref in lexicon.referents:
        for lb in ref.labels:
            i = len(entries)
            flags = 0 if lb.case_sensitive else re.IGNORECASE
            exact = _trie_regex(((form_tokens(f, inflect=lb.inflect), None) for f in lb.forms),
                                lambda _: RIGHT)
            ex = ex_any = None
            if lb.exclude:
                ex = re.compile(LEFT + _trie_regex(((form_tokens(x), None) for x in lb.exclude),
                                                    lambda _: RIGHT), flags)
                ex_any = _quick(lb.exclude)
            ctx = tuple((_context_rx(c.before, flags), _context_rx(c.after, flags), c.window,
                         _quick(c.before), _quick(c.after))
                        for c in lb.exclude_context)
            reach = 2 * max((len(x) for x in lb.exclude), default=0) + 10
            back = _reach_back(lb.exclude, lb.forms, lb.inflect, flags)
            entries.append(_Entry(ref.id, lb.label, lb.connotation, lb.echoes, lb.case_sensitive,
                                  re.compile(exact, flags), ex, ex_any, reach, back, ctx))
            for f in lb.forms:
                toks = form_tokens(f, inflect=lb.inflect, lower=True)
                paths.append((toks, i))
                first = toks[0]
                if len(first) == 1 or (len(first) == 2 and first[0] == "\\"):
                    c = first[-1]
                    if i not in by_first.setdefault(c, []):
                        by_first[c].append(i)
                elif i not in any_first:
                    any_first.append(i)
    scan_body = _trie_regex(paths, lambda _: RIGHT)
    scan = re.compile(" (?=" + scan_body + ")")
    # per first character, the same trie with an empty group at each leaf: its
    # ``lastindex`` names the label. Split by first character so that each regex
    # has few groups (the engine clears every group at every match).
    plain = [not (e.case_sensitive or e.exclude is not None or e.context) for e in entries]
    marked = _marked(paths, plain)
    cs = {i for i, ent in enumerate(entries) if ent.case_sensitive}
    marked_ci = _marked([(t, i) for t, i in paths if i not in cs], plain) if cs else marked
    cs_by_first = {k: tuple(i for i in v if i in cs) for k, v in by_first.items()}
    return _Matcher(scan, marked, marked_ci, {k: v for k, v in cs_by_first.items() if v},
                    tuple(entries), {k: tuple(v) for k, v in by_first.items()}, tuple(any_first))


def _marked(paths, plain) -> dict:
    """Per first character, a trie regex with an empty group at each leaf (``lastindex``
    names the labels). Split by first character so that each regex has few groups:
    the engine clears every group at every match.

    Values are ``(regex, labels per group, the label when it needs no further check else -1)``."""
    groups: dict[str, list] = {}
    for toks, i in paths:
        first = toks[0]
        key = first[-1] if (len(first) == 1 or (len(first) == 2 and first[0] == "\\")) else ""
        groups.setdefault(key, []).append((toks, i))
    marked = {}
    for key, ps in groups.items():
        leaves: list = [None]

        def leaf(values, leaves=leaves):
            leaves.append(tuple(dict.fromkeys(values)))
            return "()" + RIGHT

        rx = re.compile(_trie_regex(ps, leaf))
        fast = tuple(-1 if ids is None or len(ids) > 1 or not plain[ids[0]] else ids[0] for ids in leaves)
        marked[key] = (rx, tuple(leaves), fast)
    return marked


# -- matching -----------------------------------------------------------------------

_SENT_BREAK = re.compile(r"[.!?](?=\s)|[\n\r;:]")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_WORD_TAIL = re.compile(r"[\w\-'’.]*")


def _starts_before(tx: _Text, s: int, lo: int, limit: int) -> list[int]:
    """Up to ``limit`` word starts in ``[lo, s)``, nearest first (from the scan copy:
    after a space, or after a rarer delimiter)."""
    sl, rare = tx.scan()
    out = []
    hi = s - 1
    while len(out) < limit:
        k = sl.rfind(" ", max(lo - 1, 0), hi)  # a word may start at lo itself
        if k < 0:
            break
        if sl[k + 1] != " ":
            out.append(k + 1)
        hi = k
    if lo == 0 and s > 0 and len(out) < limit and (sl[0].isalnum() or sl[0] == "_"):
        out.append(0)  # the text's first word has no delimiter before it
    if rare:
        j = bisect.bisect_left(rare, s)
        while j > 0 and rare[j - 1] >= lo:
            j -= 1
            out.append(rare[j])
        out = sorted(set(out), reverse=True)[:limit]
    return out


def _starts_after(tx: _Text, e: int, hi: int, limit: int) -> list[int]:
    """Up to ``limit`` word starts in ``[e, hi)``, nearest first."""
    sl, rare = tx.scan()
    out = []
    lo = e
    while len(out) < limit:
        k = sl.find(" ", lo, hi)
        if k < 0 or k + 1 >= hi:
            break
        if sl[k + 1] != " ":
            out.append(k + 1)
        lo = k + 1
    if rare:
        j = bisect.bisect_left(rare, e)
        while j < len(rare) and rare[j] < hi:
            out.append(rare[j])
            j += 1
        out = sorted(set(out))[:limit]
    return out


def _context_excluded(ent: _Entry, tx: _Text, s: int, e: int) -> bool:
    """Whether one of the label's context phrases lies within its window of words
    before or after the hit (never across a sentence end, ``;``, ``:`` or a line break).

    Phrases start at word starts, so each is tried only there: at the last
    ``window`` word starts before the hit, or the first ``window`` after it. One
    C-level search over the whole margin comes first: context phrases seldom occur,
    and when none does, there is nothing to check word by word.
    """
    ftext = tx.f
    n = len(ftext)
    for before, after, window, before_any, after_any in ent.context:
        margin = _ctx_margin(window)
        if before is not None and before_any.search(tx.low, max(0, s - margin), s) is not None:
            for q in _starts_before(tx, s, max(0, s - margin), window):
                if before.match(ftext, q, s) and not _SENT_BREAK.search(ftext, q, s):
                    return True
        if after is None:
            continue
        hi = min(n, e + margin)
        # the window's last word may run past the margin: search to the end of that run
        if after_any.search(tx.low, e, _WORD_TAIL.match(ftext, hi).end()) is not None:
            starts = _starts_after(tx, e, hi, window)
            if starts:
                last = _WORD.match(ftext, starts[-1])  # the window ends with its last word
                w1 = last.end() if last else starts[-1]
                for q in starts:
                    if after.match(ftext, q, w1) and not _SENT_BREAK.search(ftext, e, q):
                        return True
    return False


def _excluded(ent: _Entry, tx: _Text, s: int, e: int) -> bool:
    if ent.exclude is not None:
        # a phrase that contains the hit starts at the hit or at a word start before
        # it; when a single search finds no phrase near the hit at all, none does
        ftext = tx.f
        lo, hi = max(0, s - ent.back), min(len(ftext), e + ent.reach)
        if ent.exclude_any.search(tx.low, lo, hi) is not None:
            for q in (s, *_starts_before(tx, s, lo, 12)):
                x = ent.exclude.match(ftext, q, hi)
                if x is not None and x.end() >= e:
                    return True
    if ent.context and _context_excluded(ent, tx, s, e):
        return True
    return False


def _slow(m: _Matcher, tx: _Text, p: int, end: int) -> list[tuple[int, int, int, bool]]:
    """Every label's candidate at ``p`` (one per label), exclusions applied."""
    out = []
    for i in m.by_first.get(tx.low[p], ()) + m.any_first:
        ent = m.entries[i]
        mt = ent.exact.match(tx.f, p, end)
        if mt is not None and mt.end() > p and not _excluded(ent, tx, p, mt.end()):
            out.append((p, mt.end(), i, True))
    return out


def _resolve(cands):
    """Keep the longest candidates (then earliest), dropping any that overlap a kept one.

    Returns (kept, dropped), each in text order.
    """
    # candidates come in text order; when none overlaps the next, they are also
    # sorted by start (the usual case, checked without sorting)
    if all(a[1] <= b[0] for a, b in zip(cands, islice(cands, 1, None))):
        return list(cands), []
    order = sorted(cands, key=lambda c: (c[0] - c[1], c[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept, dropped = [], []
    for c in order:
        s, e = c[0], c[1]
        k = bisect.bisect_left(starts, s)
        # kept intervals never overlap, so only the neighbours can overlap this one
        if (k < len(starts) and starts[k] < e) or (k > 0 and ends[k - 1] > s):
            dropped.append(c)
            continue
        starts.insert(k, s)
        ends.insert(k, e)
        kept.append(c)
    kept.sort(key=lambda c: c[0])
    return kept, dropped


def _covered(kept, starts, p: int) -> bool:
    k = bisect.bisect_right(starts, p) - 1
    return k >= 0 and kept[k][1] > p


def _candidates(m: _Matcher, tx: _Text, start: int, end: int, skip):
    marked = m.marked
    entries = m.entries
    low = tx.low
    cands = []
    positions = _form_starts(m.scan, tx, start, end)
    if skip:
        positions = _outside(positions, skip)
    for p in positions:  # (_longest_at, inlined: this loop is the matcher's hot path)
        g = marked.get(low[p])
        hit = g[0].match(low, p, end) if g is not None else None
        if hit is None:
            g = marked.get("")
            hit = g[0].match(low, p, end) if g is not None else None
            if hit is None:
                continue
        k = hit.lastindex
        i = g[2][k]
        if i >= 0:  # one label, no case to check, no exclusions: the usual case
            cands.append((p, hit.end(), i, False))
            continue
        ids = g[1][k]
        e = hit.end()
        ent = entries[ids[0]]
        if len(ids) == 1 and ent.case_sensitive and _exact_end(ent, tx, p, end) != e:
            cands.extend(_case_failed(m, tx, p, end))  # "is" is not "IS"
        elif len(ids) == 1 and not _excluded(ent, tx, p, e):
            cands.append((p, e, ids[0], False))
        else:  # several labels end here, or the longest was excluded: try every label
            cands.extend(_slow(m, tx, p, end))
    return cands


def _form_starts(scan: re.Pattern, tx: _Text, start: int, end: int) -> list[int]:
    """Word starts in ``[start, end)`` where the ``scan`` regex sees a form begin (after a
    space of the scan copy, after a rarer delimiter, or at the very start)."""
    scan_low, rare = tx.scan()
    positions = [mt.end() for mt in scan.finditer(scan_low, max(start - 1, 0), end)]
    if rare:
        k0, k1 = bisect.bisect_left(rare, start), bisect.bisect_left(rare, end)
        if k0 < k1:
            positions = sorted(positions + rare[k0:k1])
    if start == 0:  # no delimiter before the first word of the text
        positions.insert(0, 0)
    return positions


def _longest_at(marked: dict, low: str, p: int, end: int):
    """``(group, match)`` of the longest form at ``p`` (``match`` None when there is none)."""
    g = marked.get(low[p])
    hit = g[0].match(low, p, end) if g is not None else None
    if hit is None:
        g = marked.get("")
        hit = g[0].match(low, p, end) if g is not None else None
    return g, hit


def _outside(positions: list[int], skip) -> list[int]:
    """The positions (sorted) that lie in none of the ``skip`` spans."""
    spans = sorted(skip)
    out, k, n = [], 0, len(spans)
    for p in positions:
        while k < n and spans[k][1] <= p:
            k += 1
        if k < n and spans[k][0] <= p and any(s <= p < e for s, e in spans[k:]):
            continue
        out.append(p)
    return out


def _case_failed(m: _Matcher, tx: _Text, p: int, end: int):
    """Candidates at ``p`` when the longest form found there is case-sensitive and its
    case does not match: the longest case-insensitive form, and each case-sensitive
    label checked on its own."""
    out = []
    key = tx.low[p]
    g = m.marked_ci.get(key)
    hit = g[0].match(tx.low, p, end) if g is not None else None
    if hit is not None:
        ids = g[1][hit.lastindex]
        if len(ids) > 1 or _excluded(m.entries[ids[0]], tx, p, hit.end()):
            return _slow(m, tx, p, end)
        out.append((p, hit.end(), ids[0], False))
    for i in m.cs_by_first.get(key, ()):
        ent = m.entries[i]
        mt = ent.exact.match(tx.f, p, end)
        if mt is not None and mt.end() > p and not _excluded(ent, tx, p, mt.end()):
            out.append((p, mt.end(), i, True))
    return out


def _exact_end(ent: _Entry, tx: _Text, p: int, end: int) -> int:
    mt = ent.exact.match(tx.f, p, end)
    return mt.end() if mt is not None else -1


def find_terms(text: str, lexicon: Lexicon, start: int = 0, end: int | None = None, *,
               skip: Sequence[tuple[int, int]] = ()) -> list[TermHit]:
    """All label hits of ``lexicon`` in ``text[start:end]``, in text order, voice ``narrator``.

    Args:
        text: the article text (never modified).
        lexicon: a loaded :class:`~framing.lexicon.Lexicon`.
        start, end: the stretch to search; offsets stay relative to ``text``.
        skip: spans (e.g. boilerplate) in which no hit may start.

    >>> from framing.lexicon import load_lexicon
    >>> t = "Regime forces shelled rebel-held areas."
    >>> [(h.text, h.referent) for h in find_terms(t, load_lexicon("conflict-syria"))]
    [('Regime forces', 'government-forces'), ('rebel-held', 'armed-opposition')]
    """
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []
    m = _compiled(lexicon)
    if not m.entries:  # a pure gazetteer: nothing to find
        return []
    tx = _copies(text)
    cands = _candidates(m, tx, start, end, skip)
    if not cands:
        return []
    kept, dropped = _resolve(cands)
    # A fast candidate is only the longest label at its start. If it lost to an
    # overlapping longer hit, a shorter label at the same start may still fit:
    # expand such starts to every label's candidate and resolve again.
    while True:
        # (a start inside a kept hit cannot hold any hit: skip those)
        starts = [c[0] for c in kept]
        redo = {c[0] for c in dropped if not c[3] and not _covered(kept, starts, c[0])}
        if not redo:
            break
        cands = [c for c in cands if c[3] or c[0] not in redo]
        for p in sorted(redo):
            cands.extend(_slow(m, tx, p, end))
        kept, dropped = _resolve(cands)
    fields = _hit_fields(lexicon)
    return [_hit(text, s, e, fields[i]) for s, e, i, _ in kept]


# TermHit is a frozen dataclass; building thousands through its __init__ (one
# object.__setattr__ per field) is a noticeable share of the matching time, so
# hits are built by filling the instance dictionary directly, when the class
# allows it (no slots, no __post_init__), with exactly the fields __init__ sets.
_FAST_HITS = not hasattr(TermHit, "__slots__") and not hasattr(TermHit, "__post_init__")


@_per_pack
def _hit_fields(lexicon: Lexicon) -> tuple[dict, ...]:
    return tuple({"lexicon": lexicon.name, "referent": e.referent, "label": e.label,
                  "connotation": e.connotation, "echoes": e.echoes, "voice": "narrator"}
                 for e in _compiled(lexicon).entries)


def _hit(text: str, s: int, e: int, fields: dict) -> TermHit:
    if not _FAST_HITS:
        return TermHit(text=text[s:e], start=s, end=e, **fields)
    h = object.__new__(TermHit)
    d = h.__dict__
    d["text"] = text[s:e]
    d["start"] = s
    d["end"] = e
    d.update(fields)
    return h


# -- sources and voice --------------------------------------------------------------

@_per_pack
def _compiled_sources(lexicon: Lexicon):
    """The pack's source forms as one scan regex and per-first-character trie regexes
    (as for labels): one pass over the text finds every known source."""
    paths = [(form_tokens(f, inflect=False, lower=True), i)
             for i, src in enumerate(lexicon.sources) for f in src.forms]
    if not paths:
        return None
    scan = re.compile(" (?=" + _trie_regex(paths, lambda _: RIGHT) + ")")
    return scan, _marked(paths, [False] * len(lexicon.sources))


def find_sources(text: str, lexicon: Lexicon, start: int = 0,
                 end: int | None = None) -> list[tuple[int, int, SourceEntry]]:
    """Mentions of the pack's known sources (``[[sources]]``) in ``text[start:end]``,
    in text order; of overlapping mentions the longest (then the earliest) wins, and
    of sources sharing a form, the first in the pack."""
    end = len(text) if end is None else min(end, len(text))
    compiled = _compiled_sources(lexicon)
    if compiled is None or start >= end:
        return []
    scan, marked = compiled
    tx = _copies(text)
    cands = []
    for p in _form_starts(scan, tx, start, end):
        g, hit = _longest_at(marked, tx.low, p, end)
        if hit is not None:
            cands.append((p, hit.end(), min(g[1][hit.lastindex])))
    kept, _ = _resolve(cands)
    sources = lexicon.sources
    return [(s, e, sources[i]) for s, e, i in kept]


def assign_voice(hits: Iterable[TermHit], quotations: Sequence[tuple[int, int]],
                 indirect: Sequence[tuple[int, int]]) -> list[TermHit]:
    """Set each hit's voice: ``direct`` inside a quotation, ``indirect`` inside
    indirectly attributed content, else ``narrator``."""
    quoted, reported = SpanSet(quotations), SpanSet(indirect)
    out = []
    for h in hits:
        if quoted.covers(h.start, h.end):
            v = "direct"
        elif reported.covers(h.start, h.end):
            v = "indirect"
        else:
            v = "narrator"
        out.append(h if h.voice == v else _replace_voice(h, v))
    return out


def _replace_voice(h: TermHit, voice: str) -> TermHit:
    from dataclasses import replace

    return replace(h, voice=voice)
