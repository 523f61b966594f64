"""The tutorial notebooks run, offline, from a fresh clone; their saved outputs copy no corpus text."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHARED = ROOT.parent / "shared" / "data"


_EXECUTED: dict = {}


def executed(path):
    """The notebook run again from top to bottom (once per test session), offline."""
    if path not in _EXECUTED:
        nbformat = pytest.importorskip("nbformat", reason="nbformat is in the dev extra")
        nbclient = pytest.importorskip("nbclient", reason="nbclient is in the dev extra")
        nb = nbformat.read(path, as_version=4)
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        _EXECUTED[path] = nb
    return _EXECUTED[path]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path):
    nb = executed(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors


# What each notebook must show, found by a snippet of the cell's source (which must be in
# exactly one code cell). "same": the cell prints what the saved notebook shows (only where
# the output does not depend on ../shared/data); "stdout": a pattern its output matches;
# "figure": it draws one chart (a PNG of a real size, not blank); "table": it shows a
# table with these columns (or index labels) and at least one row.
KEY_OUTPUTS = {
    "01-quickstart.ipynb": [
        ('print(f"{a.n_words} words', "same", None),
        ("lean_parts(", "same", None),
        ("lean_parts(", "stdout", r"\('pro-government', 'pro-opposition'\) (-?[\d.]+) \1\n"),
        ('syria[["text", "referent", "label", "echoes", "voice"]]', "table",
         ["text", "referent", "label", "echoes", "voice"]),
        ('.rename("hits")', "table", ["referent", "label", "echoes", "hits"]),
        ("attribution_table([a])", "table",
         ["kind", "source_text", "source_type", "source_side", "named", "cue_text", "stance"]),
        ("seed.text[h.start:h.end], h.text", "stdout", r"\('(.+)', '\1'\)"),
        ("framing.report([a]", "stdout", r"\('index\.html', True\)"),
        ("framing.plot.plot_voice_shares(vs)", "figure", None),          # a chart in notebook 1
        ("Markdown(f\"[Open the report]({out})\")", "stdout", r"reports/quickstart/index\.html"),  # beside the notebook
    ],
    "02-compare-outlets.ipynb": [
        ("articles, corpus = ", "stdout", r"^\d+ articles from \d+ outlets: "),
        ("cmp = framing.compare.compare(analyses)", "table",
         ["outlet", "n_articles", "lean", "lean_lo", "lean_hi", "loaded_per_1k",
          "loaded_narrator_share", "named_share", "warning"]),
        ("framing.plot.plot_lean(cmp);", "figure", None),
        ("framing.plot.plot_profile(cmp);", "figure", None),
        ('gov.pivot_table(index="outlet", columns="label"', "table", ["label", "outlet"]),
        ("framing.plot.plot_label_shares(", "figure", None),
        ("framing.plot.plot_voice_shares(", "figure", None),
        ("cues = framing.compare.cue_stances(analyses)", "table",
         ["outlet", "count", "share", "lo", "hi", "n_articles"]),
        ("dt = framing.compare.distinctive_terms(", "table", ["term", "count_a", "count_b", "z"]),
        ("framing.plot.plot_distinctive_terms(", "figure", None),
        ("dep = framing.compare.event_departures(analyses)", "table",
         ["outlet", "n_events", "lean_departure", "lean_departure_lo", "lean_departure_hi",
          "label_departure"]),
        ("framing.plot.plot_over_time(", "figure", None),
        ("ax.set_title(", "figure", None),
        ("framing.report.write_report(analyses, out)", "stdout",
         r"^index\.html \d+\.\d MB; [1-9]\d* article pages; [1-9]\d* tables$"),
        ("Markdown(f\"[Open the report]({index})\")", "stdout", r"reports/compare-outlets/index\.html"),
        ("analyses = list(run(articles))", "stdout", r"^\d+ articles analysed$"),
    ],
    "04-your-own-corpus.ipynb": [
        ('w.writerow(["headline", "body", "source", "published"])', "same", None),
        ('text_field="body"', "same", None),
        ("cmp = framing.compare.compare(analyses, by=\"outlet\")", "table",
         ["outlet", "n_articles", "lean", "lean_lo", "lean_hi", "warning"]),
        ("framing.plot.plot_lean(cmp);", "figure", None),
        ("ns = framing.compare.named_shares(", "table", ["outlet", "source", "count", "share"]),
        ("Markdown(f\"[Open the report]({out})\")", "stdout", r"reports/your-own-corpus/index\.html"),
    ],
    "03-train-a-classifier.ipynb": [
        ('pd.DataFrame(cv["selection"])', "table", ["candidate", "baseline", "score", "score_sd",
                                                    "chosen"]),
        ('pd.DataFrame(cv["per_class"])', "table", ["label", "precision", "recall", "f1"]),
        ("top = explain(model", "table", ["part", "rank", "feature", "weight"]),
        ("predict(model, ", "table", ["id", "label", "score", "text"]),
        ("back = Model.load(path)", "stdout", r"^demo-model\.npz reloaded; same predictions: True$"),
    ],
}


def _cell(nb, snippet):
    cells = [c for c in nb["cells"] if c["cell_type"] == "code" and snippet in "".join(c["source"])]
    assert len(cells) == 1, f"{len(cells)} code cells hold {snippet!r}"
    return cells[0]


def _stdout(cell) -> str:
    return "".join("".join(o["text"]) for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout") + \
        "".join("".join(o["data"]["text/plain"]) for o in cell.get("outputs", [])
                if o.get("output_type") == "execute_result" and "text/html" not in o["data"])


def _png_check(cell) -> str | None:
    import base64
    import io

    from PIL import Image

    pngs = [o["data"]["image/png"] for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    if len(pngs) != 1:
        return f"{len(pngs)} figures drawn, expected one"
    img = Image.open(io.BytesIO(base64.b64decode("".join(pngs[0])))).convert("RGB")
    if img.width < 200 or img.height < 100:
        return f"figure of {img.width}x{img.height} pixels"
    colours = img.getcolors(maxcolors=1 << 16)
    if colours is not None and len(colours) < 4:
        return f"a blank figure ({len(colours)} colours)"
    return None


def _table(cell) -> tuple[list[str], int]:
    html = "".join("".join(o["data"]["text/html"]) for o in cell.get("outputs", [])
                   if "text/html" in o.get("data", {}))
    body = html.split("<tbody>", 1)[-1] if "<tbody>" in html else ""
    names = re.findall(r"<th[^>]*>([^<]*)</th>", html)  # column names, and index labels
    return names, body.count("<tr")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_key_outputs(path):
    saved = json.loads(path.read_text(encoding="utf-8"))
    nb = executed(path)
    problems = []
    for snippet, kind, expected in KEY_OUTPUTS[path.name]:
        cell = _cell(nb, snippet)
        where = f"cell holding {snippet!r}"
        if kind == "same":
            was, now = _stdout(_cell(saved, snippet)), _stdout(cell)
            if not now.strip() or was != now:
                problems.append(f"{where}: the saved notebook shows {was!r}, it now prints {now!r} "
                                "(run it again and save it)")
        elif kind == "stdout":
            if not re.search(expected, _stdout(cell), re.MULTILINE):
                problems.append(f"{where}: output {_stdout(cell)!r} does not match {expected!r}")
        elif kind == "figure":
            if (p := _png_check(cell)):
                problems.append(f"{where}: {p}")
        elif kind == "table":
            names, rows = _table(cell)
            missing = [c for c in expected if c not in names]
            if missing or not rows:
                problems.append(f"{where}: table with {rows} rows and columns {names}; "
                                f"missing {missing}")
    assert not problems, "\n".join(problems)


def test_every_notebook_has_key_outputs():
    assert sorted(KEY_OUTPUTS) == [p.name for p in NOTEBOOKS]


def test_there_are_the_four_tutorials():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-", "04-"]


def test_saved_notebooks_show_no_frozen_progress_bar():
    """A progress bar saved mid-run reads "0/402 0%" on GitHub: no notebook saves one."""
    for path in NOTEBOOKS:
        text = _outputs(json.loads(path.read_text(encoding="utf-8")))
        assert not re.search(r"\b0/\d+ \[|\|\s+\| 0/", text), path.name


def test_reports_are_written_next_to_the_notebooks():
    """A student finds the report beside the notebook, not in a temporary folder."""
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for c in cells:
            src = "".join(c["source"])
            if c["cell_type"] == "code" and "report(" in src:
                assert "mkdtemp" not in src and '"reports/' in src, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_saved_executed_in_order(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert not [o for c in nb["cells"] for o in c.get("outputs", [])
                if o.get("output_type") == "error"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _outputs(nb: dict) -> str:
    out = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            if "text" in o:
                out.append("".join(o["text"]))
            for kind in ("text/plain", "text/html", "text/markdown"):
                if kind in o.get("data", {}):
                    out.append("".join(o["data"][kind]))
    return "\n".join(out)


def test_saved_outputs_copy_no_corpus_text():
    """No run of 7 words from an evaluation corpus is in a saved output (their licences).

    Runs that also occur in the seed article, which ships with the package and which the
    quickstart shows, do not count ("the regime of President Bashar al-Assad" is in both).
    """
    files = [SHARED / "fakes" / "dev.jsonl", SHARED / "babe" / "train.jsonl"]
    files = [f for f in files if f.exists()]
    if not files:
        pytest.skip(f"evaluation corpora not present at {SHARED} (../shared/data is only on "
                    "developer machines)")
    n = 7
    shingles = set()
    for f in files:
        for line in f.open(encoding="utf-8"):
            rec = json.loads(line)
            for field in ("text", "title"):
                w = _words(rec.get(field) or "")
                shingles.update(" ".join(w[i:i + n]) for i in range(len(w) - n + 1))
    for f in (ROOT / "seeds").iterdir():   # the seed article ships: its wording may be shown
        w = _words(f.read_text(encoding="utf-8"))
        shingles.difference_update(" ".join(w[i:i + n]) for i in range(len(w) - n + 1))
    for path in NOTEBOOKS:
        w = _words(_outputs(json.loads(path.read_text(encoding="utf-8"))))
        copied = {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)} & shingles
        assert not copied, f"{path.name}: {sorted(copied)[:3]}"
