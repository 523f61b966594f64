"""The package layout of ``../shared/STYLE.md`` (and the README's module map), pinned.

Dependencies flow one way, down :data:`LAYERS`: a module imports modules of its
own row or of rows above it, never below; nothing imports ``framing.cli``; no
import cycles, counting imports inside functions; a function-level import of a
framing module only defers a heavy one (pandas, scikit-learn, matplotlib, ...),
the rest are imported at the top of the file. And the size limits: no module
over 900 lines, no class over 350, no function over 120.

The imports are read from the source (``ast``), so every import counts, also
one that runs only in a rarely used branch. ``python tests/test_layout.py``
lists every import edge and the cycles.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "framing"

LAYERS = [
    ("data",),                          # frozen records, JSON round-trip, shared constants
    ("errors",),                        # FramingError and its subclasses
    ("text",),                          # tokenizer, sentences, quotation marks, boilerplate
    ("corpus", "datasets"),             # readers -> Articles; public corpora
    ("forms", "lexicon", "lexicon_formats"),   # the form syntax; packs -> Lexicon
    ("terms",),                         # find_terms
    ("attribution", "sentiment", "loaded"),  # the other stages of one analysis
    ("analyze",),                       # one article in, one Analysis out
    ("engine", "shards", "evaluate"),   # analyses of a corpus; Parquet shards; scores against gold
    ("tables", "compare", "events", "keyness", "stats", "groups", "kwic", "lexstats",  # tables, measures
     "validate", "categories"),         # a pack's precision coded by hand; a dictionary's category rates
    ("classify",),                      # scikit-learn classifiers
    ("writers", "plot"),                # analyses and tables written out; charts
    ("report",),                        # the HTML report
    ("", "cli", "__main__"),            # the package's facade (framing/__init__.py), the command line
]
"""Rows of the layout, from the bottom up (``""`` is ``framing/__init__.py``)."""

HEAVY = {"numpy", "pandas", "scipy", "sklearn", "matplotlib", "pyarrow", "dask", "distributed",
         "torch", "transformers", "jinja2"}
"""Libraries whose import takes long enough to defer it until a command needs them."""

MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 900, 350, 120

# Files that other branches are reshaping right now (attribution/ package, report/ package,
# compare.py -> tables.py + compare.py): the size check skips them until then.
# The lead empties this set when the branches are merged.
PENDING: set[str] = set()

# Cycles and local imports being fixed on a branch (the lead empties these at merge).
PENDING_CYCLES: list[set[str]] = []
PENDING_LOCAL: set[str] = set()


# -- reading the imports -------------------------------------------------------------

def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


class Import:
    def __init__(self, source: str, target: str, line: int, local: bool, names: tuple):
        self.source, self.target, self.line, self.local, self.names = source, target, line, local, names

    def __repr__(self):
        where = "inside a function" if self.local else "at the top"
        return f"{self.source}:{self.line} imports {self.target} ({where})"


def _resolve(name: str) -> str | None:
    """The framing module ``name`` is, or is inside (``framing.compare.tables`` -> ``framing.compare``)."""
    parts = name.split(".")
    while parts and ".".join(parts) not in MODULES:
        parts.pop()
    return ".".join(parts) or None


def _imports(module: str) -> list[Import]:
    path = MODULES[module]
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []

    def add(target, node, local, names=()):
        t = _resolve(target)
        if not t or t == module:
            return
        same = next((i for i in out if (i.target, i.line) == (t, node.lineno)), None)
        if same is None:
            out.append(Import(module, t, node.lineno, local, names))
        else:   # ``from .x import a, b``: one import of x, reading a and b
            same.names = tuple(sorted(set(same.names) | set(names)))

    def visit(node, local):
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for a in child.names:
                    if a.name == "framing" and a.asname is None:
                        add(a.name, child, inner, _facade_names(tree))
                    elif a.name.split(".")[0] == "framing":
                        add(a.name, child, inner, ("*",))
            elif isinstance(child, ast.ImportFrom):
                mod = ".".join(base[:len(base) - child.level + 1] + ([child.module] if child.module else [])) \
                    if child.level else (child.module or "")
                if mod.split(".")[0] != "framing":
                    continue
                for a in child.names:   # ``from . import x`` imports the module x
                    sub = f"{mod}.{a.name}"
                    add(sub if sub in MODULES else mod, child, inner, (a.name,))
            visit(child, inner)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    visit(tree, False)
    return out


def _facade_names(tree) -> tuple:
    """What a module that says ``import framing`` reads from it (``framing.x`` or
    ``getattr(framing, "x", ...)``); ``("*",)`` when it uses the name otherwise."""
    names, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "framing":
            names.add(node.attr)
            read.add(id(node.value))
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr"
              and len(node.args) > 1 and getattr(node.args[0], "id", None) == "framing"
              and isinstance(node.args[1], ast.Constant)):
            names.add(node.args[1].value)
            read.add(id(node.args[0]))
    other = any(isinstance(n, ast.Name) and n.id == "framing" and id(n) not in read for n in ast.walk(tree))
    return ("*",) if other or not names else tuple(sorted(names))


IMPORTS = [imp for m in MODULES for imp in _imports(m)]


def _edges():
    """Every import, except reading ``__version__`` from the facade (defined before its imports)."""
    return [i for i in IMPORTS if not (i.target == "framing" and i.names == ("__version__",))]


def _row(module: str) -> int:
    key = module.split(".")[1] if "." in module else ""
    for n, row in enumerate(LAYERS):
        if key in row:
            return n
    raise KeyError(module)


# -- the layout -----------------------------------------------------------------------

def test_every_module_has_a_place_in_the_layout():
    missing = []
    for m in MODULES:
        try:
            _row(m)
        except KeyError:
            missing.append(m)
    assert not missing, f"add these to LAYERS (and to the README's module map): {missing}"


def test_the_reading_of_imports_sees_local_and_relative_imports():
    # a check of this test's own parser on imports it must see, so that an empty graph cannot pass
    seen = {(i.source, i.target, i.local) for i in IMPORTS}
    assert ("framing.terms", "framing.forms", False) in seen            # from .forms import ...
    assert ("framing.cli.compare", "framing.compare", True) in seen     # from ..compare import ...
    assert ("framing.cli", "framing.cli.analyze", False) in seen        # from . import analyze


def test_dependencies_flow_down_the_layers():
    upward = [i for i in _edges() if _row(i.target) > _row(i.source)]
    assert not upward, "imports of a module from a later row of LAYERS:\n" + "\n".join(map(repr, upward))


def test_the_facade_gives_its_modules_only_the_version():
    bad = [i for i in IMPORTS if i.target == "framing" and i.source != "framing.__main__"
           and i.names != ("__version__",)]
    assert not bad, "\n".join(map(repr, bad))
    # __version__ is set before framing/__init__.py imports anything, so any module may read it
    body = ast.parse(MODULES["framing"].read_text(encoding="utf-8")).body
    first_import = next(n for n, node in enumerate(body) if isinstance(node, (ast.Import, ast.ImportFrom)))
    assert any(isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets)
               for node in body[:first_import])


def test_nothing_imports_the_command_line():
    bad = [i for i in IMPORTS if _row(i.target) == len(LAYERS) - 1 and i.target.startswith("framing.cli")
           and not (i.source.startswith("framing.cli") or i.source == "framing.__main__")]
    assert not bad, "\n".join(map(repr, bad))


def _cycles(edges) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for i in edges:
        graph[i.source].add(i.target)
    index, low, stack, on, out = {}, {}, [], set(), []

    def strong(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_cycle_finder_finds_a_cycle():
    a, b = sorted(MODULES)[:2]
    assert _cycles([Import(a, b, 1, True, ()), Import(b, a, 1, True, ())]) == [{a, b}]


def test_no_import_cycles_local_imports_included():
    cycles = [c for c in _cycles(_edges()) if c not in PENDING_CYCLES]
    shown = ["\n".join(map(repr, (i for i in _edges() if i.source in c and i.target in c))) for c in cycles]
    assert not cycles, "import cycles:\n\n" + "\n\n".join(shown)


def _libraries_at_import(path: Path) -> set[str]:
    """The libraries a module imports when it is imported (outside functions)."""
    out = set()

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Import):
                out.update(a.name.split(".")[0] for a in child.names)
            elif isinstance(child, ast.ImportFrom) and not child.level and child.module:
                out.add(child.module.split(".")[0])
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return out


def _heavy() -> set[str]:
    """Framing modules whose import loads a :data:`HEAVY` library (themselves or through the
    framing modules they import at the top)."""
    heavy = {m for m, path in MODULES.items() if _libraries_at_import(path) & HEAVY}
    grew = True
    while grew:
        new = {i.source for i in _edges() if not i.local and i.target in heavy} - heavy
        heavy |= new
        grew = bool(new)
    return heavy


def test_local_imports_only_defer_heavy_modules():
    heavy = _heavy()
    assert {"framing.compare", "framing.plot", "framing.classify"} <= heavy
    assert not {"framing.data", "framing.analyze", "framing.cli"} & heavy
    bad = [i for i in _edges() if i.local and i.target not in heavy and i.source not in PENDING_LOCAL]
    assert not bad, ("import these at the top of the file (a local import that is not there to "
                     "defer a heavy library is a sign something lives in the wrong place):\n"
                     + "\n".join(map(repr, bad)))


# -- sizes --------------------------------------------------------------------------------

def _sizes():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        src = path.read_text(encoding="utf-8")
        yield rel, "module", rel, len(src.splitlines()), MAX_MODULE
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.ClassDef):
                yield rel, "class", node.name, node.end_lineno - node.lineno + 1, MAX_CLASS
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield rel, "function", node.name, node.end_lineno - node.lineno + 1, MAX_FUNCTION


@pytest.mark.parametrize("kind", ["module", "class", "function"])
def test_size_limits(kind):
    over = [f"{rel}: {kind} {name} has {n} lines (at most {limit})"
            for rel, k, name, n, limit in _sizes() if k == kind and n > limit and rel not in PENDING]
    assert not over, "\n".join(over)


def test_pending_files_still_exist():
    # once a pending file is gone (split into a package), its entry must go too
    assert all((PACKAGE / rel).exists() for rel in PENDING), "remove split files from PENDING"


def test_the_readme_module_map_follows_the_layers():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = line.split("|")
        if len(cells) > 2 and cells[1].strip().startswith("`"):
            rows.append({n.rstrip("/") for n in cells[1].split("`")[1::2]})
    present = {m.split(".")[1] for m in MODULES if "." in m} - {"__main__"}
    want = [set(row) & present for row in LAYERS if set(row) & present]
    got = [row & present for row in rows if row & present]
    assert got == want, "the README's module map (## Layout) and LAYERS differ"


if __name__ == "__main__":   # python tests/test_layout.py: every import edge and the cycles
    for i in sorted(IMPORTS, key=lambda i: (i.source, i.target, i.line)):
        print(repr(i))
    for c in _cycles(_edges()):
        print("cycle:", " ".join(sorted(c)))
