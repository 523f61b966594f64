"""Apply deliberate one-line changes (mutations) in a copy of the tree and show which tests catch them.

Issue 17 listed changes to rules that change results and that no test caught. Each is
written below as a *pattern* (a regular expression searched in every file of the package,
not a line number), so it still applies after a module moves or is split into a package:
only when the code it names is rewritten must its pattern be updated. A pattern that is
not found, or is found more than once, is reported as such and that mutation is not run.

For each mutation the script copies the tree to a temporary folder (the package, the
lexicons, the tests, eval/ and bench/; with ``../shared/data`` linked beside the copy when
present, so the data-backed tests run too), checks that the selected tests pass on the
unchanged copy, applies the edit, runs the tests and prints a table: mutation -> the tests
that failed. A mutation no test catches is a gap.

Usage:
    python bench/mutations.py                  # every mutation, its own selection of tests
    python bench/mutations.py --list           # the mutations and whether each pattern is found
    python bench/mutations.py --only voice     # mutations whose name contains "voice"
    python bench/mutations.py --all-tests      # the whole suite for each (slow: minutes each)
    python bench/mutations.py --data DIR       # the evaluation corpora (default ../shared/data)

Exit status: 0 when every mutation that applied was caught, 1 when one survived or a
pattern is missing, 2 when the selected tests fail on the unchanged copy.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Edit:
    """Replace the one match of ``pattern`` (a regex, MULTILINE) in the files ``where`` globs."""
    pattern: str
    replacement: str
    where: str = "framing/**/*.py"


@dataclass
class Mutation:
    name: str
    what: str
    edits: list[Edit]
    # tests to run (paths relative to the root, pytest node ids allowed); the files the edits
    # touch are added so their doctests run too
    tests: list[str] = field(default_factory=list)


# --- the mutations -------------------------------------------------------------------------
# To update one after a refactor: grep the package for the code it names and fix its pattern;
# `--list` shows which patterns are found.

MUTATIONS = [
    Mutation(
        "voice: indirect before direct",
        "assign_voice checks reported speech before quotations, so a quoted word inside "
        "reported speech becomes indirect (issue 17, terms.py)",
        [Edit(r'^(?P<i>[ \t]*)if (?P<q>\w+)\.covers\(h\.start, h\.end\):\n'
              r'(?P<j>[ \t]*)v = "direct"\n'
              r'(?P=i)elif (?P<r>\w+)\.covers\(h\.start, h\.end\):\n'
              r'(?P=j)v = "indirect"\n',
              r'\g<i>if \g<r>.covers(h.start, h.end):\n\g<j>v = "indirect"\n'
              r'\g<i>elif \g<q>.covers(h.start, h.end):\n\g<j>v = "direct"\n')],
        ["tests/test_guards.py", "tests/test_terms.py", "tests/test_analyze.py"],
    ),
    Mutation(
        "scoring: one prediction, many gold cues",
        "the greedy matcher no longer marks a prediction as taken, so one prediction can "
        "match several gold cues and precision can exceed 1 (issue 17, evaluate.py)",
        [Edit(r"if not taken\[j\] and ok\(g, a\):", "if ok(g, a):")],
        ["tests/test_guards.py", "tests/test_evaluate.py"],
    ),
    Mutation(
        "stance: 'confirm' neutral",
        "'confirm' moves from the evaluative to the neutral cue verbs (issue 17, attribution)",
        [Edit(r'^[ \t]*"confirm": "confirms confirmed confirming",\n', ""),
         Edit(r'^(?P<i>[ \t]*)"say": "say says said saying",\n',
              r'\g<0>\g<i>"confirm": "confirms confirmed confirming",\n')],
        ["tests/test_guards.py", "tests/test_attribution.py", "tests/test_classify.py::"
         "test_attribution_features_count_source_type_side_and_stance"],
    ),
    Mutation(
        "stance: 'stressed' evaluative",
        "'stress' moves from the neutral to the evaluative cue verbs",
        [Edit(r'^[ \t]*"stress": "stresses stressed stressing",\n', ""),
         Edit(r'^(?P<i>[ \t]*)"claim": "claim claims claimed claiming",\n',
              r'\g<0>\g<i>"stress": "stresses stressed stressing",\n')],
        ["tests/test_guards.py", "tests/test_attribution.py"],
    ),
    Mutation(
        "readers: UTF-16 JSONL lines from 0",
        "the UTF-16/32 JSONL reader numbers lines from 0, so errors and ids made from line "
        "numbers are off by one (issue 17, corpus.py)",
        [Edit(r'(encoding=bom\[0\], newline=""\) as fh:\s*\n\s*try:\s*\n\s*for n, line in '
              r'enumerate\(fh), 1\):', r"\g<1>):")],
        ["tests/test_guards.py", "tests/test_corpus.py", "tests/test_hostile.py"],
    ),
    Mutation(
        "attribution: no 'Observatory' case",
        "a capitalised 'Observatory' opening a sentence is taken for a role noun and the "
        "source becomes anonymous (issue 17, attribution)",
        [Edit(r' and lh != "observatory"', "")],
        ["tests/test_guards.py", "tests/test_attribution.py", "tests/test_analyze.py"],
    ),
]

# the regression bands (tests/test_claims.py) need ../shared/data; without it they skip,
# so these count only where the data are present
BAND_MUTATIONS = [
    Mutation(
        "bands: learned cue threshold up",
        "the attribution model's cue threshold is raised, so fewer learned cues are found "
        "(PolNeAR cue F1 falls)",
        [Edit(r'("cue":\{"bias":-?[0-9.]+,"threshold":)-?[0-9.]+', r"\g<1>1.5",
              where="framing/**/*.json")],
        ["tests/test_claims.py::test_polnear_dev"],
    ),
    Mutation(
        "bands: 'regime' neutral",
        "the conflict-syria label 'regime' no longer echoes the opposition (FA-KES camps "
        "move together)",
        [Edit(r'(?s)(^[ \t]*label = "regime"\n(?:(?!label = ).)*?echoes = )"pro-opposition"',
              r'\g<1>"neutral"', where="lexicons/conflict-syria.toml")],
        ["tests/test_claims.py::test_fakes_reuters_sits_between_the_camps",
         "tests/test_claims.py::test_fakes_camp_separation", "tests/test_claims.py::test_fakes_lexicon_stats"],
    ),
]


# --- machinery -----------------------------------------------------------------------------

COPY = ["framing", "lexicons", "tests", "eval", "bench", "seeds", "notebooks", "pyproject.toml",
        "README.md"]


def data_dir(arg: str | None) -> Path | None:
    if arg:
        return Path(arg).resolve()
    p = ROOT.parent / "shared" / "data"
    return p.resolve() if p.is_dir() else None


def make_copy(dest: Path, data: Path | None) -> Path:
    repo = dest / "repo"
    repo.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc", ".ipynb_checkpoints")
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, repo / name)
    if data is not None:  # ../shared/data, as the tests and eval scripts look for it
        (dest / "shared").mkdir()
        (dest / "shared" / "data").symlink_to(data, target_is_directory=True)
    return repo


def find(repo: Path, edit: Edit) -> list[tuple[Path, re.Match]]:
    rx = re.compile(edit.pattern, re.MULTILINE)
    hits = []
    for f in sorted(repo.glob(edit.where)):
        if f.is_file():
            text = f.read_text(encoding="utf-8")
            hits += [(f, m) for m in rx.finditer(text)]
    return hits


def check(repo: Path, m: Mutation) -> str | None:
    """None when every edit matches exactly once, else what is wrong."""
    for k, e in enumerate(m.edits, 1):
        hits = find(repo, e)
        if not hits:
            return f"pattern not found (edit {k}: {e.pattern!r} in {e.where})"
        if len(hits) > 1:
            where = ", ".join(sorted({f"{h[0].relative_to(repo)}" for h in hits}))
            return f"pattern found {len(hits)} times (edit {k}, in {where}): make it unique"
    return None


def apply(repo: Path, m: Mutation) -> list[Path]:
    touched = []
    for e in m.edits:
        ((f, _),) = find(repo, e)
        text = f.read_text(encoding="utf-8")
        new, n = re.subn(e.pattern, e.replacement, text, count=1, flags=re.MULTILINE)
        assert n == 1 and new != text, m.name
        f.write_text(new, encoding="utf-8")
        touched.append(f)
    return touched


def run_tests(repo: Path, targets: list[str], data: Path | None, label: str) -> tuple[set[str], str]:
    """Failed test ids (tests and doctests) and pytest's last line."""
    xml = repo.parent / f"junit-{label}.xml"
    env = dict(os.environ, PYTHONPATH=str(repo), PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}",
           *targets]
    proc = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    last = lines[-1] if lines else proc.stderr.strip().splitlines()[-1:]
    failed = set()
    if xml.exists():
        for case in ET.parse(xml).getroot().iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                cls = case.get("classname", "")
                failed.add(f"{cls}::{case.get('name')}")
    elif proc.returncode not in (0, 5):
        failed.add(f"<pytest exited {proc.returncode}: {last}>")
    return failed, str(last)


def short(test_id: str) -> str:
    """tests.test_guards::test_x[...] -> test_guards::test_x (parameters dropped)."""
    mod, _, name = test_id.partition("::")
    mod = mod.split(".")[-1]
    return f"{mod}::{name.split('[')[0]}"


def verify_import(repo: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(repo))
    out = subprocess.run([sys.executable, "-c", "import framing; print(framing.__file__)"],
                         cwd=repo, env=env, capture_output=True, text=True).stdout.strip()
    if not out.startswith(str(repo)):
        sys.exit(f"mutations: the copy's package is not the one imported ({out}); "
                 "run with the project's virtual environment")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="run the mutations whose name contains this text")
    ap.add_argument("--list", action="store_true", help="list the mutations and check their patterns")
    ap.add_argument("--all-tests", action="store_true", help="run the whole suite for each mutation")
    ap.add_argument("--data", help="the evaluation corpora (default ../shared/data)")
    ap.add_argument("--no-bands", action="store_true", help="skip the mutations aimed at the bands")
    args = ap.parse_args(argv)

    data = data_dir(args.data)
    muts = MUTATIONS + ([] if args.no_bands else BAND_MUTATIONS)
    if args.only:
        muts = [m for m in muts if args.only.lower() in m.name.lower()]
    print(f"evaluation data: {data or 'absent (data-backed tests skip)'}")
    with tempfile.TemporaryDirectory(prefix="framing-mutations-") as tmp:
        pristine = make_copy(Path(tmp) / "pristine", data)
        verify_import(pristine)
        problems = {m.name: check(pristine, m) for m in muts}
        if args.list:
            for m in muts:
                print(f"- {m.name}: {problems[m.name] or 'pattern found'}\n    {m.what}")
            return 0 if not any(problems.values()) else 1

        def targets(m: Mutation, repo: Path | None = None, touched=()) -> list[str]:
            if args.all_tests:
                return ["tests", "framing"]
            # the tests named, and the doctests of the files the edits touch
            return list(m.tests) + [str(f.relative_to(repo)) for f in touched if f.suffix == ".py"]

        # the selection must pass before any change, or a "catch" means nothing
        sel = sorted({t for m in muts if not problems[m.name] for t in targets(m)})
        t0 = time.perf_counter()
        base_failed, base_last = run_tests(pristine, sel, data, "pristine")
        print(f"unchanged copy: {base_last} ({time.perf_counter() - t0:.0f} s)")
        if base_failed:
            print("the selected tests fail before any mutation:\n  " + "\n  ".join(sorted(base_failed)))
            return 2

        rows = []
        for k, m in enumerate(muts, 1):
            if problems[m.name]:
                rows.append((m.name, "NOT RUN: " + problems[m.name], []))
                continue
            repo = make_copy(Path(tmp) / f"m{k}", data)
            touched = apply(repo, m)
            t0 = time.perf_counter()
            failed, last = run_tests(repo, targets(m, repo, touched), data, f"m{k}")
            secs = time.perf_counter() - t0
            status = f"caught ({len(failed)} failed, {secs:.0f} s)" if failed else f"SURVIVED ({last})"
            rows.append((m.name, status, sorted({short(f) for f in failed})))
            shutil.rmtree(repo.parent, ignore_errors=True)
            print(f"  {m.name}: {status}", flush=True)

    print("\n| mutation | result | caught by |\n|---|---|---|")
    for name, status, tests in rows:
        shown = ", ".join(f"`{t}`" for t in tests[:6]) + (f" (+{len(tests) - 6} more)" if len(tests) > 6 else "")
        print(f"| {name} | {status} | {shown} |")
    ok = all(status.startswith("caught") for _, status, _ in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
