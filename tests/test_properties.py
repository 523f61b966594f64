"""Properties that hold for any input, checked with hypothesis (and a bounded fuzz of the readers).

In the test suite every property runs a fixed, derandomised set of examples
(``FRAMING_FUZZ_EXAMPLES``, default 60), so the suite stays fast and repeatable.
``python bench/fuzz.py`` runs the same properties with many more random examples.
"""

from __future__ import annotations

import csv
import io
import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import framing
from framing.cli import main
from framing.terms import find_terms

EXAMPLES = int(os.environ.get("FRAMING_FUZZ_EXAMPLES", "60"))
FUZZ = bool(os.environ.get("FRAMING_FUZZ_RANDOM"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not FUZZ, database=None,
                    print_blob=True, suppress_health_check=[HealthCheck.too_slow,
                                                            HealthCheck.function_scoped_fixture])

# Words and marks that reach the interesting code: lexicon labels, cues, quotation marks,
# boilerplate lines, and the characters scraped text is full of.
PIECES = st.sampled_from([
    "regime", "Regime forces", "rebels", "rebel-held", "terrorists", "Terror", "government",
    "the Syrian Arab Army", "militants", "Assad's", "al-Nusra", "said", "told Reuters", "claimed",
    "according to", "activists", "officials said", "a resident", ", adding that", "the Observatory",
    "“", "”", '"', "'", "‘", "’", "''", "«", "»", ".", ",", ":", "!", "?", "\n", "\n\n", "\r\n", " ",
    "  ", "\t", "-", "—", "Read:", "(Photo: AFP)", "Creating new perspectives since 2009",
    "\u200b", "\u200f", "\u202e", "\u0301", "\ufeff", "\x00", "é", "ß", "İ", "ﬁ", "Σ", "😀",
    "الحكومة", "政府", "Mr.", "U.S.", "Gen.",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60)
                  .map("".join))


def _check_spans(an):
    t = an.article.text
    for h in an.terms:
        assert t[h.start:h.end] == h.text and h.start < h.end
    for x in an.attributions:
        for sp in (x.cue, x.content, x.source):
            if sp is not None:
                assert 0 <= sp.start <= sp.end <= len(t)
                assert t[sp.start:sp.end] == sp.text
    for s, e in an.boilerplate:
        assert 0 <= s <= e <= len(t)
    starts = [(h.start, h.end) for h in an.terms]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:]))  # no span counts twice


@SETTINGS
@given(text=TEXTS, title=st.one_of(st.none(), st.text(max_size=40)))
def test_analysis_never_raises_and_every_span_slices_the_text(text, title):
    an = framing.analyze(framing.Article("x", text, title=title))
    _check_spans(an)
    assert an.lean is None or -1 <= an.lean <= 1


@SETTINGS
@given(text=TEXTS)
def test_json_output_round_trips(text):
    d = framing.analyze(text).to_dict()
    s = json.dumps(d, ensure_ascii=False)
    assert json.loads(s) == d
    s.encode("utf-8")  # what the CLI writes: no lone surrogates reach it from st.text()


_FORM = st.lists(st.text(alphabet=st.characters(categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=6),
                 min_size=1, max_size=3).map(" ".join)


@SETTINGS
@given(forms=st.lists(_FORM, min_size=1, max_size=4, unique_by=str.lower),
       glob=st.booleans(), text=TEXTS)
def test_matcher_spans_on_random_packs(tmp_path_factory, forms, glob, text):
    """Any valid pack: hits slice the text, never overlap, and each one starts with its form's first letter."""
    d = tmp_path_factory.mktemp("pack")
    labels = "".join(
        f'[[referents.labels]]\nlabel = "l{i}"\nforms = [{json.dumps(f + ("*" if glob else ""))}]\n'
        for i, f in enumerate(forms))
    p = d / "p.toml"
    p.write_text(f'name = "p"\ndescription = "random"\n[[referents]]\nid = "r"\n{labels}', encoding="utf-8")
    try:
        lx = framing.load_lexicon(p)
    except framing.LexiconError:
        return  # e.g. two forms the same once case is folded: refused, never half-loaded
    words = " ".join(forms)
    hits = find_terms(text + " " + words + ". " + text, lx)
    full = text + " " + words + ". " + text
    spans = [(h.start, h.end) for h in hits]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(full[h.start:h.end] == h.text for h in hits)


# -- readers: any bytes, any records ---------------------------------------------------------

def _read(path):
    errors, warns = [], []
    arts = list(framing.read_corpus(path, on_error=errors.append, on_warning=warns.append))
    for e in errors + warns:
        assert e.path == str(path) and e.problem
    for a in arts:
        assert isinstance(a.text, str) and a.id
    return arts, errors, warns


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".csv"]))
def test_readers_never_raise_on_any_bytes(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("in") / f"f{suffix}"
    p.write_bytes(data)
    arts, errors, _ = _read(p)
    if suffix in (".txt", ".md"):
        assert len(arts) + len(errors) == 1  # one article, or one reason why not
    for a in arts:
        _check_spans(framing.analyze(a))


_JSON = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=30),
                     lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
                     max_leaves=10)


@SETTINGS
@given(records=st.lists(st.one_of(st.dictionaries(st.sampled_from(["id", "text", "title", "outlet", "x"]),
                                                  _JSON, max_size=5),
                                  _JSON), max_size=8),
       junk=st.lists(st.tuples(st.integers(0, 8), st.binary(max_size=20)), max_size=3))
@example(records=[], junk=[(0, b"\x00"), (0, b""), (0, b"")])  # 4 bytes once taken for UTF-16 (fuzz)
def test_jsonl_every_line_is_read_or_reported(tmp_path_factory, records, junk):
    lines = [json.dumps(r).encode() for r in records]
    for at, b in junk:
        lines.insert(min(at, len(lines)), b.replace(b"\n", b" ").replace(b"\r", b" "))
    p = tmp_path_factory.mktemp("in") / "r.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    arts, errors, _ = _read(p)
    nonblank = [i for i, ln in enumerate(lines, 1) if ln.strip()]
    if nonblank and not any(e.line is None for e in errors):  # not refused as a whole (binary)
        # nothing lost: each non-blank line became an article or an error naming that line
        got = sorted([int(a.origin.rsplit(":", 1)[1]) for a in arts] + [e.line for e in errors])
        assert got == nonblank


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=6),
       cut=st.integers(0, 400))
def test_csv_rows_are_read_or_reported(tmp_path_factory, rows, cut):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "text", "outlet"])
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8", "surrogatepass")
    p = tmp_path_factory.mktemp("in") / "r.csv"
    p.write_bytes(data[:len(data) - cut] if cut < len(data) else data)  # also: cut mid-row
    _read(p)


# -- byte-identical output ---------------------------------------------------------------------

def _corpus(d, n=40):
    sentences = ["Regime forces shelled rebel-held areas, activists said.",
                 "The Syrian Arab Army liberated the town from terrorists, SANA reported.",
                 "\u201cWe will not surrender,\u201d an opposition commander told Reuters."]
    with open(d / "c.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i}", "outlet": f"o{i % 3}",
                                 "text": " ".join(sentences[(i + k) % 3] for k in range(1 + i % 3))}) + "\n")
    return d / "c.jsonl"


def test_output_is_byte_identical_across_runs_and_jobs(tmp_path, capsys):
    src = _corpus(tmp_path)
    outs = []
    for i, jobs in enumerate(["1", "1", "2"]):
        out = tmp_path / f"out{i}.jsonl"
        assert main(["analyze", str(src), "--format", "jsonl", "-o", str(out), "--jobs", jobs]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert len(outs[0].splitlines()) == 40
    for i, jobs in enumerate(["1", "2"]):
        out = tmp_path / f"cmp{i}.csv"
        assert main(["compare", str(src), "--format", "csv", "-o", str(out), "--jobs", jobs]) == 0
    assert (tmp_path / "cmp0.csv").read_bytes() == (tmp_path / "cmp1.csv").read_bytes()
