"""The tool must not become an attack path: escaped reports, safe loaders, a matcher that cannot hang."""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.report import render_report

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "' onmouseover='alert(4)",
    "</textarea></details></div><script>alert(5)</script>",
    "javascript:alert(6)",
]

# A user pack whose every free-text field carries a payload.
EVIL_PACK = '''
name = "evil {p0}"
description = "pack {p1}"
version = "1 {p2}"

[axis]
name = "axis {p3}"
poles = ["side {p0}", "side {p2}"]

[[referents]]
id = "gov {p4}"
description = "description {p1}"

[[referents.labels]]
label = "regime {p0}"
forms = ["regime"]
echoes = "side {p2}"
connotation = -2
note = "note {p1}"

[[referents.labels]]
label = "government {p3}"
forms = ["government"]
note = "note {p4}"

[[sources]]
forms = ["the monitor"]
type = "monitor/NGO"
note = "source {p1}"
'''


def _toml_str(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


@pytest.fixture(scope="module")
def evil_pack(tmp_path_factory):
    p = tmp_path_factory.mktemp("packs") / "evil.toml"
    p.write_text(EVIL_PACK.format(**{f"p{i}": _toml_str(x) for i, x in enumerate(PAYLOADS[:5])}),
                 encoding="utf-8")
    return framing.load_lexicon(p)


HOSTILE_OUTLETS = ["$\\invalidcmd{$", "$x^$", "cost $5 and $6", "a" * 10_000, "nul\x00byte",
                   "\u202eright-to-left", "tab\tand\nnewline", "../../escape/..\\..\\x:<>|?*"]


@pytest.fixture(scope="module")
def evil_run(evil_pack, tmp_path_factory):
    """One report, written twice with a pinned date, on articles and a pack full of payloads.

    Returns the two output folders. Article ids, titles, outlets, dates, urls, texts and
    a meta field carry HTML payloads; further outlets carry TeX, 10,000 characters,
    control characters, a right-to-left override and a path.
    """
    arts = []
    for i, p in enumerate(PAYLOADS):
        arts.append(framing.Article(
            id=f"id {p}", title=f"title {p}", outlet=f"outlet {p}", date=f"2020 {p}", url=p,
            text=f"Headline {p}\nThe regime shelled the town. {p} The government said "
                 f"\u201cthe regime {p} lies,\u201d the monitor said.\n",
            meta={"camp": f"camp {p}"}))
    arts += [framing.Article(o[:20], "The regime and the government met, officials said.", outlet=o,
                             title=o) for o in HOSTILE_OUTLETS]
    analyses = [framing.analyze(a, [evil_pack]) for a in arts]
    root = tmp_path_factory.mktemp("report")
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        for name in ("r1", "r2"):  # raised ValueError (TeX in an outlet name) before
            framing.report.write_report(analyses, root / name, lexicons=[evil_pack],
                                        title=f"report {PAYLOADS[0]}")
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return root / "r1", root / "r2"


@pytest.fixture(scope="module")
def evil_report(evil_run):
    """Every page of the report, as {relative path: html}."""
    out = evil_run[0]
    return {f.relative_to(out).as_posix(): f.read_text(encoding="utf-8") for f in out.rglob("*.html")}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]


def _check_page(name, page):
    t = _Tags()
    t.feed(page)
    assert "script" not in t.tags and "svg" not in t.tags and "iframe" not in t.tags, name
    assert not [a for a in t.attrs if a[1].startswith("on")], name  # no event handlers at all
    for tag, k, v in t.attrs:
        if k in ("href", "src", "action", "formaction"):
            # in-page anchors, pages and tables of the report itself, inline PNG charts
            assert re.fullmatch(r"#[\w-]*|(\.\./)?index\.html(#[\w-]*)?|((\.\./)?articles/)?\d+\.html"
                                r"|(\.\./)?tables/[\w-]+\.csv|data:image/png;base64,[A-Za-z0-9+/=]+", v), \
                (name, tag, k, v[:80])
    assert "<img src=x" not in page and "<svg" not in page, name


def test_report_escapes_every_article_and_lexicon_string(evil_report):
    assert "index.html" in evil_report and len(evil_report) > 1  # index and article pages
    for name, page in evil_report.items():
        _check_page(name, page)
    index = evil_report["index.html"]
    # the payloads are shown, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert "outlet &lt;img src=x onerror=alert(2)&gt;" in index
    assert "description &lt;img src=x onerror=alert(2)&gt;" in index  # a referent description
    assert any("title &lt;img src=x onerror=alert(2)&gt;" in page for page in evil_report.values())
    assert any("note &lt;img src=x onerror=alert(2)&gt;" in page for page in evil_report.values())


def test_report_groups_by_a_hostile_meta_field(evil_pack):
    an = framing.analyze(framing.Article("1", "The regime said so.", meta={"camp": PAYLOADS[0]}),
                         [evil_pack])
    _check_page("index", render_report([an], by="camp", lexicons=[evil_pack]))


def test_report_survives_hostile_outlet_names_in_charts(evil_report):
    html = evil_report["index.html"]
    sizes = [len(m) for m in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)]
    assert sizes and max(sizes) < 400_000  # labels are cut: no 90,000-pixel-wide chart
    assert "a" * 10_000 in html  # the tables keep the full name


def test_report_is_byte_identical_with_source_date_epoch(evil_run):
    r1, r2 = evil_run
    files = sorted(p.relative_to(r1) for p in r1.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(r2) for p in r2.rglob("*") if p.is_file())
    for f in files:
        assert (r1 / f).read_bytes() == (r2 / f).read_bytes(), f
    assert "2023-11-14T22:13:20+00:00" in (r1 / "index.html").read_text(encoding="utf-8")


def test_report_file_names_never_come_from_article_data(evil_run):
    """Outlet names, ids and titles never become file names, so none can leave the folder."""
    r1 = evil_run[0]
    files = sorted(p.relative_to(r1.parent).as_posix() for p in r1.parent.rglob("*") if p.is_file())
    assert files and all(f.startswith(("r1/", "r2/")) for f in files)
    for f in files:
        assert re.fullmatch(r"r[12]/(index\.html|report\.pdf|\.framing-report|articles/\d+\.html|tables/[a-z_]+\.csv"
                            r"|figures/\d\d-(profile|lean|labels|source|named|cue|voice|distinctive)"
                            r"[a-z0-9-]*\.(svg|png))", f), f


# -- bidirectional text -------------------------------------------------------------------

_BIDI_CONTROLS = re.compile("[\u200f\u202a-\u202e\u2066-\u2069]")


def _plain_isolated(s: str) -> bool:
    """Every bidi control of plain text (an attribute value, the <title>) sits inside a closed isolate."""
    isolates = 0
    for c in s:
        if c in "\u2066\u2067\u2068":
            isolates += 1
        elif c == "\u2069":
            if not isolates:
                return False  # a stray PDI could close an isolate around this string
            isolates -= 1
        elif _BIDI_CONTROLS.match(c) and not isolates:
            return False
    return isolates == 0


class _Bidi(HTMLParser):
    """Bidi controls that could reorder the report around them: in text outside <bdi> (the
    article body, shown as written in its own block, aside), or not isolated in plain text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bdi, self.body, self.title, self.loose = 0, False, False, []

    def handle_starttag(self, tag, attrs):
        self.bdi += tag == "bdi"
        self.body |= tag == "div" and ("class", "body") in attrs
        self.title |= tag == "title"
        self.loose += [(tag, k, v) for k, v in attrs if v and not _plain_isolated(v)]

    def handle_endtag(self, tag):
        self.bdi -= tag == "bdi"
        self.body &= tag != "div"  # the body holds spans only
        self.title &= tag != "title"

    def handle_data(self, data):
        if self.title and not _plain_isolated(data):
            self.loose.append(("title", data))
        elif not (self.title or self.bdi or self.body) and _BIDI_CONTROLS.search(data):
            self.loose.append(("text", data))


def _loose_bidi(page: str) -> list:
    b = _Bidi()
    b.feed(page)
    return b.loose


RLO_TITLE = "Shelling \u202e<b>reported</b> in Douma"
RLO_OUTLET = "Evil\u202eTV <i>news</i>"


@pytest.fixture(scope="module")
def rlo_report(tmp_path_factory):
    """A report on a small corpus read from files: titles, an outlet and a quotation hold
    right-to-left overrides (one after a stray PDI that would close a naive isolate)."""
    d = tmp_path_factory.mktemp("rlo")
    (d / "a.md").write_text(
        f"---\ntitle: \"{RLO_TITLE}\"\noutlet: \"{RLO_OUTLET}\"\ndate: 2017-03-22\n---\n"
        "The regime shelled Douma, activists said.\n"
        "Rebels said: \u201cThe regime \u202elies\u202c to everyone.\u201d\n", encoding="utf-8")
    (d / "b.md").write_text(
        "---\ntitle: \"\u2069\u202eRebels\" \noutlet: sana\ndate: 2017-03-23\n---\n"
        "The army repelled an attack by terrorists near Hama, state media said.\n", encoding="utf-8")
    arts = list(framing.read_corpus(d, on_error=pytest.fail))
    analyses = [framing.analyze(a) for a in arts]
    out = framing.report.write_report(analyses, d / "report")
    pages = {f.relative_to(out.parent).as_posix(): f.read_text(encoding="utf-8")
             for f in out.parent.rglob("*.html")}
    return analyses, out.parent, pages


def test_report_isolates_right_to_left_overrides(rlo_report):
    """A U+202E in a title, outlet or quotation sits in a <bdi> (or FSI…PDI in attributes and
    the <title>), so it cannot reverse the report text after it; the strings stay escaped."""
    _, _, pages = rlo_report
    index = pages["index.html"]
    assert len(pages) == 3
    for name, page in pages.items():
        assert _loose_bidi(page) == [], name
        _check_page(name, page)
        assert "<b>reported</b>" not in page and "<i>news</i>" not in page
    outlet = html.escape(RLO_OUTLET)
    assert f"<bdi>{outlet}</bdi>" in index
    assert index.count(outlet) == index.count(f"<bdi>{outlet}</bdi>")  # never outside one
    page = next(p for p in pages.values() if "Shelling" in p and "<h1>" in p and p is not index)
    assert f"<h1><bdi>{html.escape(RLO_TITLE)}</bdi></h1>" in page
    assert f"<title>\u2068{html.escape(RLO_TITLE)}\u202c\u2069 \u2014 " in page  # the override closed
    assert '<td class="w"><bdi>The regime \u202elies\u202c to everyone.</bdi></td>' in page  # the quotation
    # the stray PDI is dropped inside the <title>'s isolate, and kept in the page's <bdi>
    notebook = framing.report.analysis_html(rlo_report[0][0])  # an Analysis shown in Jupyter
    head = notebook.split('<div style="white-space:pre-wrap')[0]  # before the article's own text
    assert _loose_bidi(head) == [] and f"<bdi>{html.escape(RLO_TITLE)}</bdi>" in head
    assert f"<bdi>{html.escape(RLO_OUTLET)}</bdi> · 2017-03-22" in head
    assert "<bdi>\u2069\u202eRebels</bdi>" in index and "<title>\u2068\u202eRebels\u202c\u2069 \u2014 " in \
        "".join(pages.values())


def test_bidi_isolation_keeps_the_data_unchanged(rlo_report):
    """Only the HTML isolates: analyses (the JSON output) and the CSV tables keep every character."""
    analyses, out, _ = rlo_report
    by_id = {an.article.id: an.to_dict() for an in analyses}
    assert (by_id["a"]["title"], by_id["a"]["outlet"]) == (RLO_TITLE, RLO_OUTLET)
    quote = next(x for x in by_id["a"]["attributions"] if "\u202e" in x["content"]["text"])
    s, e = quote["content"]["start"], quote["content"]["end"]
    assert analyses[0].article.text[s:e] == quote["content"]["text"]
    arts = pd.read_csv(out / "tables" / "articles.csv", keep_default_na=False)
    assert set(arts["title"]) == {RLO_TITLE, "\u2069\u202eRebels"}
    assert set(arts["outlet"]) == {RLO_OUTLET, "sana"}


def test_hostile_report_has_no_loose_bidi_controls(evil_report):
    """The payload report (its outlets include a right-to-left override) passes the same check."""
    for name, page in evil_report.items():
        assert _loose_bidi(page) == [], name


# -- YAML and TOML -----------------------------------------------------------------------

def test_yaml_front_matter_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    p = tmp_path / "a.md"
    p.write_text(f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nThe text.\n",
                 encoding="utf-8")
    errors = []
    assert list(framing.read_corpus(p, on_error=errors.append)) == []
    assert not marker.exists()
    assert str(errors[0]) == (f"{p}:2: front matter uses a YAML tag that is not allowed "
                              "(tag:yaml.org,2002:python/object/apply:os.system); only plain values "
                              "are read (text, numbers, dates, lists, mappings)")


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/name:os.system",
                                 "!!python/module:os"])
def test_yaml_python_tags_refused(tmp_path, tag):
    p = tmp_path / "a.md"
    p.write_text(f"---\ntitle: {tag} x\n---\nThe text.\n", encoding="utf-8")
    errors = []
    assert list(framing.read_corpus(p, on_error=errors.append)) == []
    assert "YAML tag that is not allowed" in errors[0].problem


def test_no_unsafe_yaml_or_pickle_in_the_package():
    src = Path(framing.__file__).parent
    for f in sorted(src.rglob("*.py")):
        code = f.read_text(encoding="utf-8")
        for call in re.finditer(r"\byaml\.(load|load_all|compose|compose_all|parse)\((.*)", code):
            assert re.search(r"Loader=(yaml\.SafeLoader|yaml\.CSafeLoader|_FrontMatterLoader)\b", call.group(2)), \
                (f.name, call.group(0))
        assert not re.search(r"\byaml\.(unsafe_load|full_load|FullLoader|UnsafeLoader|Loader\b)", code), f
        assert not re.search(r"^\s*(import|from) (pickle|dill|joblib|cloudpickle|shelve|marshal)\b", code, re.M), f
        assert not re.search(r"\b(pickle|joblib|dill|marshal)\.loads?\(", code), f
        assert not re.search(r"(?<![.\w])(eval|exec)\(", code), f


def test_toml_pack_is_data_only(tmp_path):
    """TOML has no tags or code; a pack with unknown fields or wrong types is refused, naming them."""
    p = tmp_path / "x.toml"
    p.write_text('name = "x"\ndescription = "d"\n__class__ = "os.system"\n'
                 '[[referents]]\nid = "r"\n[[referents.labels]]\nlabel = "l"\nforms = ["l"]\n',
                 encoding="utf-8")
    with pytest.raises(framing.LexiconError, match="unknown field '__class__'"):
        framing.load_lexicon(p)


def test_toml_nested_too_deeply_is_a_lexicon_error(tmp_path):
    """tomllib parses nested arrays recursively: 50,000 levels are a LexiconError, not a RecursionError."""
    p = tmp_path / "deep.toml"
    p.write_text('name = "deep"\ndescription = "d"\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n",
                 encoding="utf-8")
    with pytest.raises(framing.LexiconError, match="deep.toml") as e:
        framing.load_lexicon(p)
    assert "line 3: arrays or inline tables nested too deeply" in str(e.value)
    assert framing.lexicon.validate_lexicon(p) == [
        "line 3: arrays or inline tables nested too deeply (a pack needs at most a few levels)"]


def test_toml_inline_tables_nested_too_deeply_is_a_lexicon_error(tmp_path):
    p = tmp_path / "deep.toml"
    p.write_text('name = "deep"\ndescription = "d"\n\nx = ' + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n",
                 encoding="utf-8")
    with pytest.raises(framing.LexiconError, match="line 4: arrays or inline tables nested too deeply"):
        framing.load_lexicon(p)


def test_quanteda_yaml_aliases_are_refused(tmp_path):
    p = tmp_path / "bomb.yml"
    p.write_text("l0: &l0 {a: [x], b: [y]}\nl1: &l1 {k0: *l0, k1: *l0}\nl2: {k0: *l1, k1: *l1}\n",
                 encoding="utf-8")
    with pytest.raises(framing.LexiconError, match="alias"):
        framing.load_lexicon(p)


@pytest.mark.parametrize("body", [
    "a: " + "[" * 20_000 + "]" * 20_000 + "\n",  # flow lists
    "a: " + "{b: " * 5_000 + "x" + "}" * 5_000 + "\n",  # flow mappings
    "".join("  " * i + f"k{i}:\n" for i in range(2_000)) + "  " * 2_000 + "- x\n",  # block mappings
], ids=["flow-lists", "flow-mappings", "block-mappings"])
def test_quanteda_yaml_nested_too_deeply_is_a_lexicon_error(tmp_path, body):
    """PyYAML composes nodes recursively; the reader stops at 100 levels, naming the file and line."""
    p = tmp_path / "deep.yml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(framing.LexiconError,
                       match=r"(?s)deep\.yml.*line \d+: nested too deeply \(more than 100"):
        framing.load_lexicon(p)
    with pytest.raises(framing.LexiconError, match="nested too deeply"):
        framing.lexicon.import_lexicon(p)


def test_quanteda_yaml_nested_within_the_limit_still_reads(tmp_path):
    """The depth limit does not refuse a dictionary with a few levels of keys."""
    p = tmp_path / "ok.yml"
    p.write_text("economy:\n  positive:\n    strong: [boom*, growth]\n  negative: [recession]\n",
                 encoding="utf-8")
    lx = framing.load_lexicon(p)
    forms = sorted(f for r in lx.referents for lb in r.labels for f in lb.forms)
    assert forms == ["boom*", "growth", "recession"]


@pytest.mark.parametrize("name, body", [
    ("deep.toml", 'name = "deep"\ndescription = "d"\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n"),
    ("deep.yml", "a: " + "[" * 20_000 + "]" * 20_000 + "\n"),
], ids=["toml", "quanteda-yaml"])
def test_cli_lexicon_validate_reports_deep_nesting_without_a_traceback(tmp_path, capsys, name, body):
    from framing.cli import main

    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    assert main(["lexicon", "validate", str(p)]) == 2
    out, err = capsys.readouterr()
    assert f"{p}: line " in out and "nested too deeply" in out
    assert "Traceback" not in out + err and "RecursionError" not in out + err


def test_cli_lexicon_import_reports_deep_nesting_without_a_traceback(tmp_path, capsys):
    from framing.cli import main

    p = tmp_path / "deep.yml"
    p.write_text("a: " + "{b: " * 5_000 + "x" + "}" * 5_000 + "\n", encoding="utf-8")
    assert main(["lexicon", "import", str(p), "-o", str(tmp_path / "out.toml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"framing: error: {p}: line 1: nested too deeply")
    assert "Traceback" not in err and not (tmp_path / "out.toml").exists()


def test_csv_dictionary_with_a_huge_field_is_a_lexicon_error(tmp_path):
    """A field over the csv module's limit is reported with its line, not as a bare csv.Error."""
    import csv

    p = tmp_path / "big.csv"
    p.write_text("term,category\ngood,x\n" + "a" * 200_000 + ",x\n", encoding="utf-8")
    old = csv.field_size_limit(131_072)  # the default; reading a CSV corpus raises it for the process
    try:
        with pytest.raises(framing.LexiconError,
                           match=r"(?s)big\.csv.*line 3: not readable as CSV: field larger"):
            framing.load_lexicon(p)
        with pytest.raises(framing.LexiconError, match="line 3: not readable as CSV"):
            framing.lexicon.import_lexicon(p)
    finally:
        csv.field_size_limit(old)


def test_quanteda_yaml_python_tag_is_not_run(tmp_path):
    marker = tmp_path / "pwned"
    p = tmp_path / "tag.yml"
    p.write_text(f"neg: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    try:
        framing.load_lexicon(p)
    except framing.LexiconError:
        pass
    assert not marker.exists()


DEEP_JSON = "[" * 100_000 + "]" * 100_000 + "\n"


def test_deep_json_in_annotation_and_model_files_is_an_error_not_a_crash(tmp_path):
    """The JSON readers beside the corpus reader (span labels, source-profile annotations, model
    cards) report JSON nested 100,000 deep with the file and line instead of a RecursionError."""
    from framing.classify.persist import ModelError, read_card
    from framing.classify.train import read_span_examples
    from framing.evaluate import read_profile_annotations

    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"id": "a", "start": 0, "end": 1, "label": "x"}\n' + DEEP_JSON, encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The regime said so.", encoding="utf-8")
    with pytest.raises(framing.FramingError, match=r"deep\.jsonl:2: not readable: JSON nested too deeply"):
        read_span_examples(deep, tmp_path / "corpus")
    profiles = tmp_path / "profiles.jsonl"
    profiles.write_text("\n" + DEEP_JSON, encoding="utf-8")
    with pytest.raises(framing.CorpusError, match=r"profiles\.jsonl:2: not readable: JSON nested too deeply"):
        read_profile_annotations(profiles)
    (tmp_path / "m.card.json").write_text(DEEP_JSON, encoding="utf-8")
    with pytest.raises(ModelError, match=r"m\.card\.json: not a readable model card \(JSON nested too deep"):
        read_card(tmp_path / "m.npz")


def test_cli_resume_from_a_deeply_nested_output_line_is_a_usage_error(tmp_path, capsys):
    from framing.cli import main

    (tmp_path / "a.txt").write_text("The regime said so.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(DEEP_JSON, encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--format", "jsonl", "-o", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert err == f"framing: error: {out}:1: cannot resume: not a framing JSONL record\n"


# -- the matcher cannot hang ------------------------------------------------------------

PATHOLOGICAL = [
    # (form, text): before separator runs were collapsed in framing/terms.py, each pair took
    # from 1.5 s to minutes for ONE match attempt (python bench/hostile.py --redos times them)
    ("a - - - - - - - - - - - - b", "a" + " " * 24 + "c"),  # spaced hyphens: [\s-]+[\s-]?[\s-]+...
    ("a" + "-" * 40 + "b", "a" + "-" * 12 + "c"),  # hyphen run: 40 optional separators
    ("a" + "'" * 40 + "b", "a" + "'" * 12 + "c"),  # apostrophe run: 40 optional apostrophes
    ("a - - - - - - b*", "a" + " -" * 25 + "c"),  # glob after separators
    ("al - - Nusra", "al" + " " * 2000 + "x"),  # a plausible typo: cubic in the run of spaces
]


def _match_in_child(pack_paths, text_per_pack, conn):
    from framing.terms import find_terms

    out = []
    for path, text in zip(pack_paths, text_per_pack):
        try:
            lx = framing.load_lexicon(path)
        except framing.LexiconError:
            out.append("refused")
            continue
        find_terms(text, lx)
        out.append("done")
    conn.send(out)


def _pack(tmp_path, form, name="p"):
    p = tmp_path / f"{name}.toml"
    p.write_text(f'name = "{name}"\ndescription = "pathological forms"\n[[referents]]\nid = "r"\n'
                 f'[[referents.labels]]\nlabel = "x"\nforms = ["{form}"]\n', encoding="utf-8")
    return str(p)


def _finishes(packs, texts, seconds):
    """What the matcher did with each pack in a forked child, or None if it ran out of time."""
    ctx = multiprocessing.get_context("fork")  # the child has framing imported already
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_match_in_child, args=(packs, texts, child))
    proc.start()
    proc.join(seconds)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return parent.recv() if parent.poll() else "crashed"


def test_long_forms_and_texts_finish(tmp_path):
    """A long but ordinary form against a long text: linear work, done at once."""
    packs = [_pack(tmp_path, "al-" * 30 + "x*", "b"), _pack(tmp_path, "Free Syrian Army " * 4, "a")]
    texts = ["al-" * 5000 + " " * 5000, "Free Syrian Army " * 5000]
    assert _finishes(packs, texts, seconds=20) == ["done", "done"]


def test_very_long_form_is_matched_or_refused(tmp_path):
    """A form of thousands of characters once overflowed the recursive trie builder."""
    packs = [_pack(tmp_path, "Free Syrian Army " * 200, "a")]  # 3,399 characters
    assert _finishes(packs, ["Free Syrian Army " * 1000], seconds=20) in (["done"], ["refused"])


def test_pathological_forms_cannot_hang_the_matcher(tmp_path):
    packs = [_pack(tmp_path, form, f"p{i}") for i, (form, _) in enumerate(PATHOLOGICAL)]
    texts = [text for _, text in PATHOLOGICAL]
    result = _finishes(packs, texts, seconds=4)
    assert result is not None, "the matcher was still running after 4 s"
    assert set(result) <= {"done", "refused"}


def test_form_syntax_is_restricted(tmp_path):
    """Regex syntax in a form is refused, not compiled: (a+)+ cannot reach the matcher."""
    p = _pack(tmp_path, "(a+)+$")
    with pytest.raises(framing.LexiconError, match="bad pattern"):
        framing.load_lexicon(p)


# -- models ------------------------------------------------------------------------------

def test_attribution_model_is_json_and_checked(tmp_path):
    from framing.attribution import load_model

    pickled = tmp_path / "model.pkl"
    pickled.write_bytes(b"\x80\x04\x95\x1a\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94\x8c\x06system\x94\x93.")
    with pytest.raises(framing.FramingError, match="not a readable JSON model file"):
        load_model(pickled)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "framing-attribution-model", "__reduce__": "os.system",
                                 "cue": {"bias": "x"}}), encoding="utf-8")
    with pytest.raises(framing.FramingError, match="not a framing attribution model"):
        load_model(wrong)


def _tampered_model(tmp_path, edit_spec=None, extra=None):
    """A saved classifier whose file an attacker rewrote, updating the card's SHA-256 to match."""
    import hashlib

    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from framing.classify.persist import card_path, save_model

    m = Pipeline([("v", TfidfVectorizer()), ("c", LogisticRegression())]).fit(
        ["the regime shelled", "rebels said", "regime forces", "rebels held"], [0, 1, 0, 1])
    p = save_model(m, tmp_path / "m.npz")
    arrays = dict(np.load(p, allow_pickle=False))
    if edit_spec:
        arrays["__spec__"] = np.array(edit_spec(str(arrays["__spec__"])))
    arrays.update(extra or {})
    np.savez(p, **arrays)
    card = json.loads(card_path(p).read_text(encoding="utf-8"))
    card["model_sha256"] = hashlib.sha256(p.read_bytes()).hexdigest()
    card_path(p).write_text(json.dumps(card), encoding="utf-8")
    return p


def test_classifier_model_naming_an_untrusted_type_is_refused(tmp_path):
    from framing.classify.persist import ModelError, load_model

    p = _tampered_model(tmp_path, lambda s: s.replace('"sklearn.linear_model.LogisticRegression"',
                                                      '"subprocess.Popen"'))
    with pytest.raises(ModelError, match="type 'subprocess.Popen' is not trusted"):
        load_model(p)


def test_classifier_model_with_a_pickled_array_is_refused(tmp_path):
    import numpy as np

    from framing.classify.persist import ModelError, load_model

    p = _tampered_model(tmp_path, extra={"payload": np.array([{"a": 1}], dtype=object)})
    with pytest.raises(ModelError, match="refusing to load"):
        load_model(p)


def test_classifier_model_changed_after_training_is_refused(tmp_path):
    from framing.classify.persist import ModelError, load_model, save_model
    from sklearn.feature_extraction.text import TfidfVectorizer

    p = save_model(TfidfVectorizer().fit(["regime forces", "rebel fighters"]), tmp_path / "v.npz")
    p.write_bytes(p.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="does not match its card"):
        load_model(p)
