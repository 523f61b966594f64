"""Tools for lexicon work: what the packs hold, how a pack fires on a corpus, samples for
precision coding, and candidate terms to grow it.

- :func:`packs_table`, :func:`labels_table`: the packs, and the labels of one
  (``framing lexicon list`` and ``show``).
- :func:`lexicon_stats`: hits per label and referent, and the labels and forms
  that never fire.
- :func:`sample_hits`: a seeded random sample of hits with context, as a table
  to code by hand (does the form name the referent the label says, here?).
- :func:`suggest_terms`: words and two-word phrases that distinguish groups
  (outlets), by the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008; :func:`framing.keyness.log_odds`), over whole
  articles or only around the mentions of one referent.

Each takes analyses (:func:`framing.analyze.analyze_many`) run with the pack,
so boilerplate is left out and every hit has its voice.
"""

from __future__ import annotations

import bisect
import random
import re
from collections import Counter
from typing import Iterable

import pandas as pd

from .data import Analysis
from .errors import FramingError
from .keyness import log_odds
from .forms import form_regex
from .lexicon import Lexicon, available_lexicons, load_lexicon
from .terms import find_terms

__all__ = ["packs_table", "labels_table", "lexicon_stats", "sample_hits", "suggest_terms",
           "STATS_COLUMNS", "SAMPLE_COLUMNS", "SUGGEST_COLUMNS"]

STATS_COLUMNS = ["referent", "label", "echoes", "connotation", "hits", "articles", "narrator",
                 "direct", "indirect", "referent_hits", "share_of_referent", "forms", "forms_fired",
                 "never_fired"]
SAMPLE_COLUMNS = ["n", "id", "outlet", "start", "end", "referent", "label", "echoes", "voice",
                  "left", "match", "right", "verdict", "comment"]
SUGGEST_COLUMNS = ["group", "term", "count_group", "count_rest", "delta", "z", "in_pack"]

_WS = re.compile(r"\s+")


def packs_table(names=None) -> pd.DataFrame:
    """One row per pack (default: the shipped packs): ``name``, ``axis`` (its two poles),
    the numbers of ``referents``, ``labels`` and ``forms``, and the ``description``.

    >>> packs_table(["conflict-syria"])[["name", "axis"]].values.tolist()
    [['conflict-syria', 'pro-government vs pro-opposition']]
    """
    rows = []
    for name in available_lexicons() if names is None else names:
        lx = load_lexicon(name)
        rows.append({"name": lx.name, "axis": " vs ".join(lx.poles) if lx.poles else "",
                     "referents": len(lx.referents),
                     "labels": sum(len(r.labels) for r in lx.referents),
                     "forms": lx.n_forms(), "description": lx.description})
    return pd.DataFrame(rows)


def labels_table(lexicon) -> pd.DataFrame:
    """One row per label of a pack (a :class:`~framing.lexicon.Lexicon`, name or path):
    ``referent``, its ``side``, ``label``, ``connotation``, ``echoes``, the ``forms``
    (``; ``-separated) and the ``note``.

    >>> labels_table("conflict-syria").iloc[0][["referent", "label"]].tolist()
    ['syrian-government', 'government']
    """
    lx = load_lexicon(lexicon)
    return pd.DataFrame([
        {"referent": r.id, "side": r.side or "", "label": lb.label, "connotation": lb.connotation,
         "echoes": lb.echoes, "forms": "; ".join(lb.forms), "note": lb.note}
        for r in lx.referents for lb in r.labels])


def _hits(analyses: Iterable[Analysis], lexicon: Lexicon):
    for an in analyses:
        for h in an.terms:
            if h.lexicon == lexicon.name:
                yield an, h


def lexicon_stats(analyses: Iterable[Analysis], lexicon: Lexicon) -> pd.DataFrame:
    """How often each label of ``lexicon`` fires, in which voice, and which forms never do.

    Args:
        analyses: analyses run with ``lexicon`` among their packs.
        lexicon: the pack.

    Returns:
        One row per label, in pack order (columns :data:`STATS_COLUMNS`):
        ``hits`` and ``articles`` (with at least one hit), hits by voice,
        ``referent_hits`` (all labels of the referent) and the label's
        ``share_of_referent``; ``forms`` (number of forms), ``forms_fired`` and
        ``never_fired`` (the forms without a hit, ``; ``-separated). A label
        with ``hits == 0`` never fired.

    >>> from framing.analyze import analyze
    >>> from framing.lexicon import load_lexicon
    >>> lx = load_lexicon("conflict-syria")
    >>> t = lexicon_stats([analyze("The regime and the rebels.", [lx])], lx)
    >>> t.loc[t["hits"] > 0, ["label", "hits"]].values.tolist()
    [['regime', 1], ['rebels', 1]]
    """
    counts: Counter = Counter()
    voices: Counter = Counter()
    arts: dict = {}
    fired: dict = {}
    matchers = {(r.id, lb.label): [(f, re.compile(form_regex(f, inflect=lb.inflect),
                                                  0 if lb.case_sensitive else re.I)) for f in lb.forms]
                for r in lexicon.referents for lb in r.labels}
    for an, h in _hits(analyses, lexicon):
        key = (h.referent, h.label)
        counts[key] += 1
        voices[key + (h.voice,)] += 1
        arts.setdefault(key, set()).add(an.article.id)
        forms = fired.setdefault(key, set())
        for f, rx in matchers.get(key, ()):
            if f not in forms and rx.fullmatch(h.text):
                forms.add(f)
                break
    ref_total = Counter()
    for (rid, _), n in counts.items():
        ref_total[rid] += n
    rows = []
    for r in lexicon.referents:
        for lb in r.labels:
            key = (r.id, lb.label)
            n = counts[key]
            f_fired = fired.get(key, set())
            rows.append({
                "referent": r.id, "label": lb.label, "echoes": lb.echoes, "connotation": lb.connotation,
                "hits": n, "articles": len(arts.get(key, ())),
                "narrator": voices[key + ("narrator",)], "direct": voices[key + ("direct",)],
                "indirect": voices[key + ("indirect",)], "referent_hits": ref_total[r.id],
                "share_of_referent": n / ref_total[r.id] if ref_total[r.id] else float("nan"),
                "forms": len(lb.forms), "forms_fired": len(f_fired),
                "never_fired": "; ".join(f for f in lb.forms if f not in f_fired),
            })
    return pd.DataFrame(rows, columns=STATS_COLUMNS)


def sample_hits(analyses: Iterable[Analysis], lexicon: Lexicon, n: int, *, seed: int = 0,
                width: int = 80) -> pd.DataFrame:
    """A simple random sample of ``n`` hits of ``lexicon``, with context, to code by hand.

    Every hit in the corpus has the same chance; the sample is the same for the
    same corpus, pack and seed. Code each row's ``verdict`` (for instance
    ``correct``: the form names the referent the label says, in this context;
    ``wrong`` otherwise) and compute precision from the coded file.

    Returns:
        Columns :data:`SAMPLE_COLUMNS`, in sampling order (``n`` numbers them);
        ``left``/``right`` are ``width`` characters of context with runs of
        whitespace shown as one space; ``verdict`` and ``comment`` are empty.

    Raises:
        FramingError: ``n`` is not positive.
    """
    if n <= 0:
        raise FramingError(f"sample size must be positive, got {n}")
    pool = []
    for an, h in _hits(analyses, lexicon):
        pool.append((an.article.id, an.article.outlet, h, an.article.text))
    rng = random.Random(seed)
    picked = rng.sample(range(len(pool)), min(n, len(pool)))
    rows = []
    for k, i in enumerate(picked, 1):
        aid, outlet, h, text = pool[i]
        rows.append({
            "n": k, "id": aid, "outlet": outlet, "start": h.start, "end": h.end,
            "referent": h.referent, "label": h.label, "echoes": h.echoes, "voice": h.voice,
            "left": _WS.sub(" ", text[max(0, h.start - width):h.start]), "match": h.text,
            "right": _WS.sub(" ", text[h.end:h.end + width]), "verdict": "", "comment": "",
        })
    return pd.DataFrame(rows, columns=SAMPLE_COLUMNS)


# -- distinctive terms ----------------------------------------------------------------

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over own
said same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves s t one two three four five six seven eight
nine ten also since via per says say told according among amid including mr ms
""".split())
"""Function words left out of suggested terms (a bigram may not start or end with one)."""

_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower().replace("’", "'"))
            for m in _TOKEN.finditer(text, start, end)]


def _grams(text: str, toks: list[tuple[int, int, str]], ngram: int) -> Iterable[str]:
    """Words, and pairs of adjacent words with only spaces between them (a pair never
    spans punctuation), without function words at either end."""
    for i, (_, e, w) in enumerate(toks):
        if w not in STOPWORDS and len(w) > 1:
            yield w
        if ngram >= 2 and i + 1 < len(toks):
            s2, _, v = toks[i + 1]
            if (w not in STOPWORDS and v not in STOPWORDS and len(w) > 1 and len(v) > 1
                    and not text[e:s2].strip()):
                yield f"{w} {v}"


def suggest_terms(analyses: Iterable[Analysis], by: str = "outlet", *, lexicon: Lexicon | None = None,
                  near: str | None = None, window: int = 5, ngram: int = 2, min_count: int = 5,
                  top: int = 20, groups: Iterable[str] | None = None) -> pd.DataFrame:
    """Candidate terms that distinguish each group from the rest, to grow a pack.

    Counts words and two-word phrases (lower-cased, outside boilerplate; no
    function words at either end, no punctuation inside) per group, then ranks terms for each group
    against all other groups by the z-score of the log-odds ratio with an
    informative Dirichlet prior (the pooled counts; Monroe et al. 2008).

    Args:
        analyses: analyses (run with ``lexicon`` when ``near`` is given).
        by: article field that defines the groups (``outlet``, ``date``, ...).
        lexicon: the pack; marks terms it already matches (``in_pack``) and
            provides the referent for ``near``.
        near: only count terms within ``window`` words of a hit of this
            referent (the hit itself excluded): the words that surround one
            actor in each group's coverage.
        window: words on each side for ``near``.
        ngram: 1 for words only, 2 to add two-word phrases.
        min_count: ignore terms seen fewer times overall.
        top: terms per group (the highest ``z``).
        groups: only report these groups (all groups still form "the rest").

    Returns:
        Columns :data:`SUGGEST_COLUMNS`: per group its ``top`` terms, most
        distinctive first; ``in_pack`` is the ``referent/label`` that already
        matches the whole term, or empty.

    Raises:
        FramingError: ``near`` without a lexicon, an unknown referent, or fewer than two groups.
    """
    if near is not None:
        if lexicon is None:
            raise FramingError("--near needs the pack whose referent it names (--lexicon)")
        ids = [r.id for r in lexicon.referents]
        if near not in ids:
            raise FramingError(f"referent {near!r} not in pack {lexicon.name!r}; "
                               f"referents: {', '.join(ids)}")
    if ngram not in (1, 2):
        raise FramingError(f"ngram must be 1 or 2, got {ngram}")
    counts: dict[str, Counter] = {}
    for an in analyses:
        art = an.article
        g = getattr(art, by, None) if by in ("id", "title", "outlet", "date", "url") else art.meta.get(by)
        g = "(none)" if g is None else str(g)
        text = art.text
        bp = list(an.boilerplate)
        c = counts.setdefault(g, Counter())
        if near is None:
            spans = _outside(bp, 0, len(text))
            for s, e in spans:
                c.update(_grams(text, _tokens(text, s, e), ngram))
        else:
            hits = [h for h in an.terms if h.lexicon == lexicon.name and h.referent == near]
            if not hits:
                continue
            toks = _tokens(text, 0, len(text))
            starts = [t[0] for t in toks]
            for h in hits:
                i = bisect.bisect_left(starts, h.start)
                j = bisect.bisect_left(starts, h.end)
                for seg in (toks[max(0, i - window):i], toks[j:j + window]):
                    seg = [t for t in seg if not any(a <= t[0] < b for a, b in bp)]
                    c.update(_grams(text, seg, ngram))
    if len(counts) < 2:
        raise FramingError(f"need at least two groups by {by!r} to compare; found "
                           f"{len(counts)}: {', '.join(counts) or 'none'}")
    total = Counter()
    for c in counts.values():
        total.update(c)
    keep = {t for t, n in total.items() if n >= min_count}
    rows = []
    wanted = list(groups) if groups is not None else sorted(counts)
    for g in wanted:
        if g not in counts:
            raise FramingError(f"no group {g!r}; groups: {', '.join(sorted(counts))}")
        mine = Counter({t: n for t, n in counts[g].items() if t in keep})
        rest = Counter({t: total[t] - counts[g][t] for t in keep if total[t] - counts[g][t] > 0})
        if not mine:
            continue
        lo = log_odds(mine, rest)
        lo = lo[lo["count_a"] > 0].head(top)
        for r in lo.itertuples():
            rows.append({"group": g, "term": r.term, "count_group": int(r.count_a),
                         "count_rest": int(r.count_b), "delta": float(r.delta), "z": float(r.z),
                         "in_pack": _in_pack(r.term, lexicon)})
    return pd.DataFrame(rows, columns=SUGGEST_COLUMNS)


def _outside(skip, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for s, e in sorted(skip):
        if s > pos:
            out.append((pos, min(s, end)))
        pos = max(pos, e)
    if pos < end:
        out.append((pos, end))
    return out


def _in_pack(term: str, lexicon: Lexicon | None) -> str:
    if lexicon is None:
        return ""
    for h in find_terms(term, lexicon):
        if h.start == 0 and h.end == len(term):
            return f"{h.referent}/{h.label}"
    return ""
