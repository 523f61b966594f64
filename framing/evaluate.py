"""Score attributions against a gold corpus (PolNeAR's format), with fixed definitions.

Gold records are JSON Lines, one article per line, as in PolNeAR's conversion
(``../shared/data/polnear``)::

    {"id": ..., "text": ..., "title": ..., "publisher": ...,
     "attributions": [{"source": [[s, e], ...], "cue": [[s, e], ...], "content": [[s, e], ...]}]}

Spans are lists of ``[start, end]`` pairs (discontinuous spans have several);
``source`` may be empty (an attribution without a source).

The definitions (the ones issue 3 fixes; every figure is over the whole file):

- **cue P/R/F1**: a predicted attribution is a true positive when its cue span
  overlaps a gold cue span. Matching is one-to-one and greedy in gold order:
  each gold attribution, in file order, takes the first still unmatched
  prediction (in cue order) whose cue overlaps its cue.
- **source accuracy**: among cue-matched pairs whose gold has a source, the
  share whose source spans overlap (a prediction without a source fails).
- **end-to-end P/R/F1**: as cue P/R/F1, but a pair matches only when the cues
  overlap and, where the gold has a source, the sources overlap too (a second
  greedy matching with this test).
- **content token F1**: the mean, over cue-matched pairs, of the F1 between the
  word tokens (:data:`framing.text.WORD_RE`, by position) that the predicted and
  the gold content spans cover. A token is covered when it overlaps the span.
- **direct / indirect recall**: the share of gold attributions that are
  cue-matched, separately for gold whose content contains a double quotation
  mark (``"``, ``“``, ``”``, ``„``, ``«``, ``»`` or the doubled ``''``) -- *direct* --
  and the rest.
- **exact** variants: cue spans (and, end to end, source spans) equal after
  joining the gold fragments into one ``[first start, last end]`` span.

Predictions come from :func:`framing.attribution.find_attributions` with the
boilerplate lines and the headline line skipped (:func:`attribution_skip`), so
gold attributions there count as misses.

:func:`evaluate_source_profiles` scores the source profiles (type, side,
named) against hand-annotated source phrases (``tests/data/source_profiles.jsonl``).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from . import text as T
from .attribution import DEFAULT_MODEL, find_attributions, load_model, speech_only
from .corpus import Fields, read_corpus
from .data import QUOTE_MODES, SOURCE_TYPES, Article, Attribution
from .errors import CorpusError, FramingError
from .lexicon import load_lexicons

__all__ = ["GoldAttribution", "AttributionScores", "read_gold", "score_attributions", "Quote", "gold_parts",
           "predicted_parts", "score_quotes", "match_quotes",
           "evaluate_attribution", "attribution_skip", "QUOTE_MARKS"]

Spans = tuple[tuple[int, int], ...]

QUOTE_MARKS = ('"', "“", "”", "„", "«", "»", "''")
"""Marks whose presence in a gold content makes the attribution *direct*."""


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: each part is a tuple of ``(start, end)`` fragments."""

    source: Spans
    cue: Spans
    content: Spans

    def is_direct(self, text: str) -> bool:
        """True when the content contains a double quotation mark."""
        c = " ".join(text[s:e] for s, e in self.content)
        return any(q in c for q in QUOTE_MARKS)


def _spans(v, text_len: int, what: str, path, line) -> Spans:
    if not isinstance(v, list):
        raise CorpusError(path, line, f"{what} must be a list of [start, end] pairs, not {type(v).__name__}")
    out = []
    for p in v:
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) and not isinstance(x, bool)
                                                             for x in p)):
            raise CorpusError(path, line, f"{what}: {p!r} is not a [start, end] pair of integers")
        s, e = p
        if not 0 <= s < e <= text_len:
            raise CorpusError(path, line, f"{what}: [{s}, {e}] is outside the text (length {text_len}) "
                                          "or empty")
        out.append((s, e))
    return tuple(sorted(out))


def _gold_of(art: Article, path, line) -> list[GoldAttribution]:
    raw = art.meta.get("attributions")
    if raw is None:
        raise CorpusError(path, line, "no 'attributions' field; a gold record needs "
                                      "'attributions': [{'source': [...], 'cue': [...], 'content': [...]}]")
    if not isinstance(raw, list):
        raise CorpusError(path, line, f"'attributions' must be a list, not {type(raw).__name__}")
    out = []
    n = len(art.text)
    for i, a in enumerate(raw):
        if not isinstance(a, dict):
            raise CorpusError(path, line, f"attributions[{i}] must be an object")
        missing = [k for k in ("cue", "content") if k not in a]
        if missing:
            raise CorpusError(path, line, f"attributions[{i}] has no {' or '.join(map(repr, missing))}")
        g = GoldAttribution(
            source=_spans(a.get("source", []), n, f"attributions[{i}].source", path, line),
            cue=_spans(a["cue"], n, f"attributions[{i}].cue", path, line),
            content=_spans(a["content"], n, f"attributions[{i}].content", path, line),
        )
        if not g.cue:
            raise CorpusError(path, line, f"attributions[{i}].cue is empty")
        out.append(g)
    return out


def read_gold(paths, *, fields: Fields | None = None,
              on_error: Callable[[CorpusError], None] | None = None
              ) -> list[tuple[Article, list[GoldAttribution]]]:
    """Read gold articles with their attributions; bad records go to ``on_error`` and are skipped.

    Args:
        paths: JSONL file(s) in PolNeAR's format (see the module docstring).
        fields: field names; default: PolNeAR's (``publisher`` is the outlet).
        on_error: called with a :class:`~framing.errors.CorpusError` per bad record
            (default: raise it).
    """
    fields = fields or Fields(outlet="publisher")

    def _raise(e):
        raise e

    on_error = on_error or _raise
    out = []
    for art in read_corpus(paths, fields=fields, on_error=on_error):
        origin = art.origin or ""
        path, _, line = origin.rpartition(":")
        path, line = (path, int(line)) if line.isdigit() else (origin, None)
        try:
            out.append((art, _gold_of(art, path, line)))
        except CorpusError as e:
            on_error(e)
    return out


def attribution_skip(article: Article) -> list[tuple[int, int]]:
    """What :func:`framing.analyze` keeps attributions out of: boilerplate lines and the headline.

    The headline is the first line equal to the title, ignoring spacing, case
    and a final full stop (PolNeAR texts open with the headline plus a full stop).
    """
    text = article.text
    skip = [(s, e) for s, e, _ in T.boilerplate(text, title=article.title)]
    if article.title:
        want = " ".join(article.title.split()).lower().rstrip(".")
        for s, e in T.lines(text):
            if " ".join(text[s:e].split()).lower().rstrip(".") == want:
                skip.append((s, e))
                break
    return skip


# -- scoring -------------------------------------------------------------------

def _ov(a: Spans, s: int, e: int) -> bool:
    return any(gs < e and s < ge for gs, ge in a)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class AttributionScores:
    """Counts gathered over articles; the properties turn them into the reported figures."""

    n_articles: int = 0
    n_gold: int = 0
    n_pred: int = 0
    cue_tp: int = 0
    e2e_tp: int = 0
    cue_exact_tp: int = 0
    e2e_exact_tp: int = 0
    src_pairs: int = 0  # cue-matched pairs whose gold has a source
    src_ok: int = 0
    content_f1_sum: float = 0.0
    n_direct: int = 0
    direct_tp: int = 0
    n_indirect: int = 0
    indirect_tp: int = 0
    seconds: list[float] = field(default_factory=list)  # prediction time, one per repeat
    split: bool = False  # quote figures with parts as separate quotes (--split-parts)
    q_gold: int = 0
    q_pred: int = 0
    q_tp: int = 0
    q_src_pairs: int = 0
    q_src_ok: int = 0

    def add(self, other: "AttributionScores") -> None:
        for k in ("n_articles", "n_gold", "n_pred", "cue_tp", "e2e_tp", "cue_exact_tp", "e2e_exact_tp",
                  "src_pairs", "src_ok", "content_f1_sum", "n_direct", "direct_tp", "n_indirect",
                  "indirect_tp", "q_gold", "q_pred", "q_tp", "q_src_pairs", "q_src_ok"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.split = self.split or other.split

    @property
    def cue(self) -> tuple[float, float, float]:
        """Cue precision, recall, F1 (overlap)."""
        return _prf(self.cue_tp, self.n_pred, self.n_gold)

    @property
    def end_to_end(self) -> tuple[float, float, float]:
        """End-to-end precision, recall, F1 (overlap)."""
        return _prf(self.e2e_tp, self.n_pred, self.n_gold)

    @property
    def source_accuracy(self) -> float:
        return self.src_ok / self.src_pairs if self.src_pairs else 0.0

    @property
    def content_f1(self) -> float:
        return self.content_f1_sum / self.cue_tp if self.cue_tp else 0.0

    @property
    def direct_recall(self) -> float:
        return self.direct_tp / self.n_direct if self.n_direct else 0.0

    @property
    def indirect_recall(self) -> float:
        return self.indirect_tp / self.n_indirect if self.n_indirect else 0.0

    @property
    def articles_per_second(self) -> float | None:
        """Articles per second of prediction, median over repeats (``None`` when not timed)."""
        if not self.seconds:
            return None
        med = statistics.median(self.seconds)
        return self.n_articles / med if med > 0 else None

    def rows(self) -> list[dict]:
        """The metric table: ``[{metric, value}]`` in the order the issue lists them."""
        cp, cr, cf = self.cue
        ep, er, ef = self.end_to_end
        xp, xr, xf = _prf(self.cue_exact_tp, self.n_pred, self.n_gold)
        yp, yr, yf = _prf(self.e2e_exact_tp, self.n_pred, self.n_gold)
        vals = [
            ("cue precision", cp), ("cue recall", cr), ("cue F1", cf),
            ("source accuracy", self.source_accuracy),
            ("end-to-end precision", ep), ("end-to-end recall", er), ("end-to-end F1", ef),
            ("content token F1", self.content_f1),
            ("direct recall", self.direct_recall), ("indirect recall", self.indirect_recall),
            ("cue F1 (exact)", xf), ("end-to-end F1 (exact)", yf),
            ("articles", self.n_articles), ("gold attributions", self.n_gold),
            ("predicted attributions", self.n_pred),
            ("gold direct", self.n_direct), ("gold indirect", self.n_indirect),
        ]
        if self.split:
            qp, qr, qf = _prf(self.q_tp, self.q_pred, self.q_gold)
            vals += [("quote precision (parts)", qp), ("quote recall (parts)", qr), ("quote F1 (parts)", qf),
                     ("speaker accuracy (parts)", self.q_src_ok / self.q_src_pairs if self.q_src_pairs else 0.0),
                     ("gold quotes (parts)", self.q_gold), ("predicted quotes (parts)", self.q_pred)]
        aps = self.articles_per_second
        if aps is not None:
            vals.append(("articles/s", aps))
        return [{"metric": k, "value": (round(v, 4) if isinstance(v, float) else v)} for k, v in vals]


@dataclass(frozen=True)
class Quote:
    """One quote as a guideline that counts each quoted part apart sees it: the speaker's
    spans (empty when unknown) and one content span."""

    source: Spans
    content: tuple[int, int]


def gold_parts(text: str, gold: Sequence[GoldAttribution]) -> list[Quote]:
    """Gold attributions as quotes: a direct one (:meth:`GoldAttribution.is_direct`) gives a quote
    per content fragment, each with the attribution's source; an indirect one, one quote."""
    out = []
    for g in gold:
        if g.is_direct(text) and len(g.content) > 1:
            out += [Quote(g.source, c) for c in g.content]
        else:
            out.append(Quote(g.source, (g.content[0][0], g.content[-1][1])))
    return sorted(out, key=lambda q: q.content)


def predicted_parts(pred: Sequence[Attribution]) -> list[Quote]:
    """Predicted attributions as quotes: a direct one gives a quote per part
    (:attr:`~framing.data.Attribution.parts`), an indirect one its content."""
    out = []
    for a in pred:
        src = ((a.source.start, a.source.end),) if a.source is not None else ()
        for p in a.parts or (a.content,):
            out.append(Quote(src, (p.start, p.end)))
    return sorted(out, key=lambda q: q.content)


def match_quotes(gold: Sequence[Quote], pred: Sequence[Quote], cover: float = 0.3) -> list[int | None]:
    """For each gold quote, in order, the index of the predicted quote that finds it, or ``None``:
    an unmatched prediction covering at least ``cover`` of the gold quote's characters, the one
    covering most (the first of those, on a tie)."""
    taken = [False] * len(pred)
    out: list[int | None] = []
    for g in gold:
        gs, ge = g.content
        best, bo = None, cover * (ge - gs)
        for j, p in enumerate(pred):
            o = min(ge, p.content[1]) - max(gs, p.content[0])
            if not taken[j] and o > 0 and (o > bo or best is None and o >= bo):
                best, bo = j, o
        if best is not None:
            taken[best] = True
        out.append(best)
    return out


def score_quotes(gold: Sequence[Quote], pred: Sequence[Quote], cover: float = 0.3
                 ) -> tuple[int, int, int, int, int]:
    """``(true positives, predicted, gold, pairs whose gold has a speaker, speakers right)``.

    A gold quote is found when an unmatched predicted quote covers at least ``cover`` of its
    characters (one-to-one, greedy in gold order, the prediction covering most first); the
    speaker is right when the spans overlap.

    >>> g = [Quote(((0, 3),), (10, 30)), Quote(((0, 3),), (40, 50))]
    >>> score_quotes(g, [Quote(((0, 3),), (12, 30)), Quote((), (48, 60))])
    (1, 2, 2, 1, 1)
    """
    tp = pairs = ok = 0
    for g, j in zip(gold, match_quotes(gold, pred, cover)):
        if j is None:
            continue
        tp += 1
        if g.source:
            pairs += 1
            ok += any(_ov(g.source, s, e) for s, e in pred[j].source)
    return tp, len(pred), len(gold), pairs, ok


def _token_f1(toks: Sequence[tuple[int, int]], pred: Spans, gold: Spans) -> float:
    p = {i for i, (s, e) in enumerate(toks) if _ov(pred, s, e)}
    g = {i for i, (s, e) in enumerate(toks) if _ov(gold, s, e)}
    if not p and not g:
        return 1.0
    if not p or not g:
        return 0.0
    inter = len(p & g)
    return 2 * inter / (len(p) + len(g))


def _greedy(gold: Sequence[GoldAttribution], pred: Sequence[Attribution],
            ok: Callable[[GoldAttribution, Attribution], bool]) -> list[int | None]:
    """For each gold, in order, the index of the first unmatched prediction that ``ok`` accepts."""
    taken = [False] * len(pred)
    out: list[int | None] = []
    for g in gold:
        hit = None
        for j, a in enumerate(pred):
            if not taken[j] and ok(g, a):
                hit = j
                taken[j] = True
                break
        out.append(hit)
    return out


def score_attributions(text: str, gold: Sequence[GoldAttribution],
                       pred: Sequence[Attribution]) -> AttributionScores:
    """Counts for one article (see the module docstring for the definitions).

    >>> t = "Rebels took the town, the army said."
    >>> g = [GoldAttribution(source=((22, 30),), cue=((31, 35),), content=((0, 20),))]
    >>> from framing.attribution import find_attributions
    >>> sc = score_attributions(t, g, find_attributions(t))
    >>> sc.cue, sc.end_to_end, sc.content_f1, sc.indirect_recall
    ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0), 1.0, 1.0)
    """
    pred = sorted(pred, key=lambda a: (a.cue.start, a.cue.end))
    sc = AttributionScores(n_articles=1, n_gold=len(gold), n_pred=len(pred))

    def cue_ok(g, a):
        return _ov(g.cue, a.cue.start, a.cue.end)

    def src_ok(g, a):
        return not g.source or (a.source is not None and _ov(g.source, a.source.start, a.source.end))

    def joined(sp: Spans) -> tuple[int, int]:
        return sp[0][0], sp[-1][1]

    def cue_exact(g, a):
        return joined(g.cue) == (a.cue.start, a.cue.end)

    def src_exact(g, a):
        return not g.source or (a.source is not None and joined(g.source) == (a.source.start, a.source.end))

    toks = T.words(text)
    for g, j in zip(gold, _greedy(gold, pred, cue_ok)):
        direct = g.is_direct(text)
        sc.n_direct += direct
        sc.n_indirect += not direct
        if j is None:
            continue
        a = pred[j]
        sc.cue_tp += 1
        sc.direct_tp += direct
        sc.indirect_tp += not direct
        if g.source:
            sc.src_pairs += 1
            sc.src_ok += src_ok(g, a)
        sc.content_f1_sum += _token_f1(toks, ((a.content.start, a.content.end),), g.content)
    sc.e2e_tp = sum(j is not None for j in _greedy(gold, pred, lambda g, a: cue_ok(g, a) and src_ok(g, a)))
    sc.cue_exact_tp = sum(j is not None for j in _greedy(gold, pred, cue_exact))
    sc.e2e_exact_tp = sum(j is not None for j in _greedy(
        gold, pred, lambda g, a: cue_exact(g, a) and src_exact(g, a)))
    return sc


def evaluate_attribution(data, *, lexicons=None, model="default", finder: Callable | None = None,
                         repeat: int = 1, quotes: str = "all", split_parts: bool = False,
                         fields: Fields | None = None,
                         on_error: Callable[[CorpusError], None] | None = None) -> AttributionScores:
    """Run the attribution finder over a gold corpus and score it.

    Args:
        data: path(s) to gold JSONL, or a list of ``(Article, [GoldAttribution])``
            as :func:`read_gold` returns.
        lexicons: packs for source profiles (names, paths or loaded packs; ``None``
            for the defaults, as :func:`framing.analyze` uses them).
        model: the learned stage's model (shipped name or path), ``"default"`` for the
            shipped one, or ``None`` for the rules alone.
        finder: ``finder(text, lexicons=..., skip=...) -> [Attribution]``; default
            :func:`framing.attribution.find_attributions` with ``model``.
        repeat: run the finder this many times over the corpus; articles/s is the
            median (the scores come from the first run).
        quotes: ``"all"``, or ``"speech"`` to score only the predictions whose cue class
            is speech, writing or according-to, found as ``framing.analyze(..., quotes=
            "speech")`` finds them (a given ``finder``'s output is filtered by class); the
            gold is scored whole either way.
        split_parts: also score quotes with each quoted part apart
            (:func:`gold_parts`, :func:`predicted_parts`, :func:`score_quotes`: found
            when 30% of a gold quote's characters are covered).
        fields, on_error: as in :func:`read_gold`.

    Returns:
        :class:`AttributionScores`; ``.rows()`` is the table the CLI prints.
    """
    if quotes not in QUOTE_MODES:
        raise FramingError(f"quotes {quotes!r} not known; allowed: {', '.join(QUOTE_MODES)}")
    if finder is None:
        mdl = None if model is None else load_model(DEFAULT_MODEL if model == "default" else model)

        def finder(text, lexicons, skip):
            return find_attributions(text, lexicons=lexicons, skip=skip, model=mdl, quotes=quotes)
    lexs = load_lexicons(lexicons)
    given = isinstance(data, list) and bool(data) and isinstance(data[0], tuple)
    items = data if given else read_gold(data, fields=fields, on_error=on_error)
    if not items:
        where = ", ".join(map(str, data)) if isinstance(data, (list, tuple)) else str(data)
        raise FramingError(f"no gold articles to score (read from: {where or 'nothing'})")
    skips = [attribution_skip(art) for art, _ in items]
    total = AttributionScores()
    preds: list[list[Attribution]] = []
    for r in range(max(1, repeat)):
        t0 = time.perf_counter()
        out = [finder(art.text, lexicons=lexs, skip=sk) for (art, _), sk in zip(items, skips)]
        total.seconds.append(time.perf_counter() - t0)
        if r == 0:
            preds = out
    for (art, gold), pred in zip(items, preds):
        if quotes == "speech":
            pred = speech_only(pred)
        sc = score_attributions(art.text, gold, pred)
        if split_parts:
            sc.split = True
            (sc.q_tp, sc.q_pred, sc.q_gold, sc.q_src_pairs,
             sc.q_src_ok) = score_quotes(gold_parts(art.text, gold), predicted_parts(pred))
        total.add(sc)
    return total


# -- source profiles -------------------------------------------------------------

def read_profile_annotations(path) -> list[dict]:
    """Hand-annotated source phrases: JSONL rows ``{corpus, id, start, end, type, side, named,
    sha1}`` (``sha1``: the first 12 hex digits of the SHA-1 of the phrase's UTF-8 text, so that
    the offsets can be checked without shipping the text)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(path, n, f"not valid JSON ({e.msg})") from None
            except RecursionError:
                raise CorpusError(path, n, "not readable: JSON nested too deeply") from None
            if not isinstance(r, dict):
                raise CorpusError(path, n, f"expected a JSON object, not {type(r).__name__}")
            missing = [k for k in ("corpus", "id", "start", "end", "type", "side", "named", "sha1")
                       if k not in r]
            if missing:
                raise CorpusError(path, n, f"missing field(s): {', '.join(missing)}")
            if r["type"] not in SOURCE_TYPES:
                raise CorpusError(path, n, f"type {r['type']!r} not one of: {', '.join(SOURCE_TYPES)}")
            out.append({**r, "line": n})
    return out


def evaluate_source_profiles(annotations: Sequence[dict], articles, *, lexicons=None,
                             model="default", path: str = "annotations") -> dict:
    """Accuracy of source profiles (type, side, named) against hand-annotated source phrases.

    Each annotated phrase is looked up among the sources :func:`find_attributions`
    reports for its article (run as :func:`evaluate_attribution` runs it): the
    predicted source overlapping it most is *found*; type, side and named are then
    compared. Accuracies are over the found phrases; ``found`` is over all.

    Args:
        annotations: rows from :func:`read_profile_annotations`.
        articles: ``{(corpus, id): Article}`` for every annotated article.

    Raises:
        CorpusError: an article is missing, or an annotation's offsets do not hold the
            phrase it was made on (its ``sha1`` differs).
    """
    lexs = load_lexicons(lexicons)
    mdl = None if model is None else load_model(DEFAULT_MODEL if model == "default" else model)
    preds: dict = {}
    n = found = ok_type = ok_side = ok_named = ok_all = 0
    for r in annotations:
        key = (r["corpus"], str(r["id"]))
        art = articles.get(key)
        if art is None:
            raise CorpusError(path, r.get("line"), f"article {key[1]!r} of {key[0]!r} not found")
        phrase = art.text[r["start"]:r["end"]]
        if hashlib.sha1(phrase.encode("utf-8")).hexdigest()[:len(r["sha1"])] != r["sha1"]:
            raise CorpusError(path, r.get("line"), f"offsets {r['start']}:{r['end']} of {key[1]!r} no "
                                                   "longer hold the annotated phrase (sha1 differs)")
        if key not in preds:
            preds[key] = [a.source for a in find_attributions(art.text, lexicons=lexs, model=mdl,
                                                             skip=attribution_skip(art))
                          if a.source is not None]
        n += 1
        cands = [(min(s.end, r["end"]) - max(s.start, r["start"]), s) for s in preds[key]
                 if s.start < r["end"] and r["start"] < s.end]
        if not cands:
            continue
        found += 1
        src = max(cands, key=lambda c: c[0])[1]
        t, sd, nm = src.type == r["type"], src.side == r["side"], src.named == r["named"]
        ok_type += t
        ok_side += sd
        ok_named += nm
        ok_all += t and sd and nm
    div = found or 1
    return {"phrases": n, "found": found, "found share": found / n if n else 0.0,
            "type accuracy": ok_type / div, "side accuracy": ok_side / div,
            "named accuracy": ok_named / div, "all three": ok_all / div}
