"""The tutorial notebooks run, offline, from a fresh clone; their saved outputs copy no corpus text."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHARED = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path):
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the dev extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is in the dev extra")
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors


def test_there_are_the_three_tutorials():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-"]


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
