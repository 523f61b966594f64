"""Check that a refactoring leaves every output byte-identical.

Runs a fixed set of commands, as users run them, and hashes what each writes:
standard output, standard error, exit status and every file written under an
output folder.  ``--save`` stores the hashes in a manifest; ``--check`` (the
default) runs the same commands and lists every output whose hash differs.

Usage::

    python bench/identity.py --save            # before the change: write bench/identity-manifest.json
    python bench/identity.py                   # after: compare, exit 1 on any difference
    python bench/identity.py --only report     # commands whose name contains 'report'
    python bench/identity.py --keep DIR        # keep the outputs (to diff them by hand)

The corpora come from ../shared/data (not part of the repository); the seed
article from seeds/.  Reports are written with ``SOURCE_DATE_EPOCH`` set, so
their generation time is fixed.  Commands that need data that is absent are
listed as skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
MANIFEST = Path(__file__).with_name("identity-manifest.json")
FAKES = str(DATA / "fakes" / "dev.jsonl")
POLNEAR = str(DATA / "polnear" / "dev.jsonl")
SEEDS = str(ROOT / "seeds")
MEASURES = ["profile", "lean", "rates", "labels", "voice", "sources", "named", "cues", "quoted", "departures"]


def commands() -> dict[str, tuple[list[str], list[str]]]:
    """name -> (framing arguments, paths they need).  ``{out}`` is an output folder."""
    cmds: dict[str, tuple[list[str], list[str]]] = {
        "analyze-fakes-jsonl": (["analyze", FAKES, "--format", "jsonl", "--jobs", "1"], [FAKES]),
        "analyze-polnear-jsonl": (
            ["analyze", POLNEAR, "--outlet-field", "publisher", "--format", "jsonl", "--jobs", "1"], [POLNEAR]),
        "analyze-seeds-json": (["analyze", SEEDS, "--format", "json"], [SEEDS]),
        "analyze-fakes-csv": (["analyze", FAKES, "--format", "csv", "--jobs", "1"], [FAKES]),
        "analyze-fakes-table": (["analyze", FAKES, "--format", "table", "--jobs", "1"], [FAKES]),
    }
    for m in MEASURES:
        cmds[f"compare-fakes-{m}-json"] = (["compare", FAKES, "--measure", m, "--format", "json", "--jobs", "1"],
                                           [FAKES])
    cmds.update({
        "compare-fakes-profile-table": (["compare", FAKES, "--format", "table", "--jobs", "1"], [FAKES]),
        "compare-fakes-profile-csv": (["compare", FAKES, "--format", "csv", "--jobs", "1"], [FAKES]),
        "compare-fakes-terms-json": (
            ["compare", FAKES, "--measure", "terms", "--group", "sana", "--vs", "etilaf", "--format", "json",
             "--jobs", "1"], [FAKES]),
        "compare-fakes-terms-label-json": (
            ["compare", FAKES, "--measure", "terms", "--group", "sana", "--unit", "label", "--format", "json",
             "--jobs", "1"], [FAKES]),
        "compare-fakes-month-json": (
            ["compare", FAKES, "--measure", "rates", "--every", "month", "--format", "json", "--jobs", "1"], [FAKES]),
        "compare-polnear-profile-json": (
            ["compare", POLNEAR, "--by", "publisher", "--format", "json", "--jobs", "1"], [POLNEAR]),
        "kwic-fakes-regime": (["kwic", FAKES, "--label", "regime", "--format", "json", "--jobs", "1"], [FAKES]),
        "lexicon-stats-fakes": (["lexicon", "stats", "conflict-syria", FAKES], [FAKES]),
        "lexicon-show-syria": (["lexicon", "show", "conflict-syria"], []),
        "lexicon-list": (["lexicon", "list"], []),
        "report-fakes": (["report", FAKES, "--by", "outlet", "-o", "{out}", "--jobs", "1"], [FAKES]),
        "report-polnear": (["report", POLNEAR, "--by", "publisher", "-o", "{out}", "--jobs", "1"], [POLNEAR]),
        "report-seeds": (["report", SEEDS, "--by", "outlet", "-o", "{out}"], [SEEDS]),
        "report-fakes-model": (["report", FAKES, "--by", "outlet", "-o", "{out}", "--jobs", "1", "--model", "{model}"],
                               [FAKES]),
        "compare-fakes-model-json": (["compare", FAKES, "--format", "json", "--jobs", "1", "--model", "{model}"],
                                     [FAKES]),
        "analyze-fakes-model-jsonl": (["analyze", FAKES, "--format", "jsonl", "--jobs", "1", "--model", "{model}"],
                                      [FAKES]),
        "help": (["--help"], []),
    })
    for sub in ["analyze", "compare", "kwic", "report", "lexicon", "evaluate", "train", "classify", "explain"]:
        cmds[f"help-{sub}"] = ([sub, "--help"], [])
    return cmds


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_MODEL: list[Path] = []


def model() -> Path:
    """A small classifier (sana vs etilaf on FA-KES dev), trained once per run with its fixed seed.

    The .npz differs from run to run only in its zip time stamps; its scores do not.
    """
    if not _MODEL:
        tmp = Path(tempfile.mkdtemp(prefix="identity-model-"))
        subprocess.run([sys.executable, "-m", "framing", "train", FAKES, "--label-field", "outlet",
                        "--labels", "sana,etilaf", "-o", str(tmp / "model.npz")], check=True, capture_output=True)
        _MODEL.append(tmp / "model.npz")
        # what differs between two trainings of the same model: its hash and the time of training
        card = json.loads((tmp / "model.card.json").read_text())
        _VOLATILE[sha((tmp / "model.npz").read_bytes()).encode()] = b"<model-sha256>"
        for key in ("trained", "created", "date"):
            if isinstance(card.get(key), str):
                _VOLATILE[card[key].encode()] = b"<model-time>"
        _VOLATILE[str(tmp).encode()] = b"<model>"
    return _MODEL[0]


_VOLATILE: dict[bytes, bytes] = {}


def normalise(data: bytes) -> bytes:
    for old, new in _VOLATILE.items():
        data = data.replace(old, new)
    return data


def run_one(args: list[str], keep: Path | None, name: str) -> dict[str, str]:
    """Run one command; return {output name: sha256}."""
    tmp = Path(tempfile.mkdtemp(prefix="identity-"))
    out = tmp / "out"
    argv = [a.replace("{out}", str(out)) for a in args]
    if "{model}" in argv:
        argv = [str(model()) if a == "{model}" else a for a in argv]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", COLUMNS="100", PYTHONHASHSEED="0")
    env.pop("FORCE_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "framing", *argv], capture_output=True, env=env, cwd=tmp)
    # so are the temporary folder's and the checkout's paths ("wrote /tmp/identity-xyz/out/index.html")
    stdout = normalise(proc.stdout.replace(str(tmp).encode(), b"<tmp>").replace(str(ROOT).encode(), b"<root>"))
    stderr = normalise(proc.stderr.replace(str(tmp).encode(), b"<tmp>").replace(str(ROOT).encode(), b"<root>"))
    hashes = {"stdout": sha(stdout), "stderr": sha(stderr), "exit": str(proc.returncode)}
    if out.exists():
        for f in sorted(out.rglob("*")):
            if f.is_file():
                hashes[f"out/{f.relative_to(out).as_posix()}"] = sha(normalise(f.read_bytes()))
    if keep is not None:
        dest = keep / name
        dest.mkdir(parents=True, exist_ok=True)
        (dest / "stdout").write_bytes(stdout)
        (dest / "stderr").write_bytes(stderr)
        if out.exists():
            shutil.copytree(out, dest / "out", dirs_exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return hashes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--save", action="store_true", help=f"write the manifest ({MANIFEST.name})")
    ap.add_argument("--only", default="", help="run only commands whose name contains this")
    ap.add_argument("--keep", type=Path, help="copy every output into this folder")
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    a = ap.parse_args(argv)

    manifest = json.loads(a.manifest.read_text()) if a.manifest.exists() else {}
    results: dict[str, dict[str, str]] = {}
    bad = 0
    for name, (args, needs) in commands().items():
        if a.only and a.only not in name:
            continue
        if not all(Path(p).exists() for p in needs):
            print(f"{name:36} skipped (needs {', '.join(needs)})")
            continue
        t0 = time.perf_counter()
        got = run_one(args, a.keep, name)
        secs = time.perf_counter() - t0
        results[name] = got
        want = manifest.get(name)
        if a.save:
            diff = [] if want is None else sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
            was = ("new" if want is None else f"was different: {', '.join(diff[:4])}"
                   + (f" and {len(diff) - 4} more" if len(diff) > 4 else "") if diff else "unchanged")
            print(f"{name:36} {len(got) - 3:5} files  {secs:6.1f} s  saved ({was})")
            continue
        if want is None:
            print(f"{name:36} not in the manifest")
            bad += 1
            continue
        diff = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
        if diff:
            bad += 1
            shown = ", ".join(diff[:8]) + (f" and {len(diff) - 8} more" if len(diff) > 8 else "")
            print(f"{name:36} DIFFERS: {shown}  ({secs:.1f} s)")
        else:
            print(f"{name:36} identical ({len(got) - 3} files, {secs:.1f} s)")
    if a.save:
        if a.only and a.manifest.exists():
            merged = json.loads(a.manifest.read_text())
            merged.update(results)
            results = merged
        a.manifest.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
        print(f"wrote {a.manifest}")
        return 0
    print("all identical" if not bad else f"{bad} command(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
