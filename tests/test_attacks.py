"""Adversarial runs (issue #16): each ends with one clear line, the documented exit
status, in bounded time and memory, with no input or user file lost.

``ATTACKS`` lists them, each a function ``attack(tmp) -> (what happened, as expected)``
whose first docstring line names the attack; ``bench/hostile.py`` prints the same
list as a table. Every text here was written for these tests.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.cli import main

EN = ("The regime shelled the town on Tuesday, activists said.\n"
      "\u201cWe will not leave,\u201d a resident told reporters.\n")


def cli(*argv) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def one_line(code: int, err: str, want_code: int = 2, *needles: str) -> tuple[str, bool]:
    """The verdict on a refusal: ``want_code``, one stderr line holding every needle, no traceback."""
    lines = [x for x in err.splitlines() if x.strip()]
    said = f"exit {code}: " + (" / ".join(lines)[:160] or "(nothing said)")
    ok = code == want_code and len(lines) == 1 and "Traceback" not in err and all(n in err for n in needles)
    return said, ok


def corpus(tmp: Path, n: int = 3, name: str = "c.jsonl") -> Path:
    p = tmp / name
    p.write_text("".join(json.dumps({"id": f"a{i}", "outlet": "X" if i % 2 else "Y", "text": EN})
                         + "\n" for i in range(n)), encoding="utf-8")
    return p


# -- 2: -o equal to the input ---------------------------------------------------------

def attack_output_is_input(tmp: Path):
    """2. analyze c.jsonl -o c.jsonl (and --resume, and a symlink to it)"""
    c = corpus(tmp)
    before = c.read_bytes()
    (tmp / "link.jsonl").symlink_to(c)
    said, ok = [], True
    for argv in (["-o", c], ["-o", c, "--resume"], ["-o", tmp / "link.jsonl"], ["--format", "jsonl", "-o", c]):
        code, _, err = cli("analyze", c, *argv)
        s, good = one_line(code, err, 2, "is also an input")
        said.append(s)
        ok = ok and good and c.read_bytes() == before
    return said[0] + f" (x{len(said)}; input kept: {c.read_bytes() == before})", ok


# -- 11: control characters in printed paths ------------------------------------------

def attack_forged_path(tmp: Path):
    """11. a file named 'nl\\nframing: skipped forged.txt: injected\\n.txt'"""
    d = tmp / "in"
    d.mkdir()
    (d / "nl\nframing: skipped forged.txt: injected\n.txt").write_bytes(b"")
    (d / "good.txt").write_text(EN, encoding="utf-8")
    code, out, err = cli("analyze", d, "--format", "jsonl")
    forged = any(x.startswith("framing: skipped forged.txt") for x in err.splitlines())
    said, ok = one_line(code, err, 1, "\\nframing: skipped forged.txt: injected\\n.txt: empty file")
    return said, ok and not forged and len(out.splitlines()) == 1


# -- 1, 3: every lexicon form through the same checks, in linear time ------------------

def run_cli(argv, timeout: float = 60.0, **kw) -> tuple[int | None, str, str, float]:
    """Run ``python -m framing ARGV`` in a child: (exit status or None on timeout, stdout, stderr, seconds)."""
    t = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, "-m", "framing", *map(str, argv)], capture_output=True,
                           text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return None, "", f"(still running after {timeout:.0f} s)", time.perf_counter() - t
    return r.returncode, r.stdout, r.stderr, time.perf_counter() - t


def pack_text(label_form: str = "regime", source_form: str | None = None) -> str:
    src = (f'[[sources]]\nforms = ["{source_form}"]\ntype = "official"\n' if source_form is not None else "")
    return (f'name = "p"\ndescription = "d"\n[[referents]]\nid = "r"\n[[referents.labels]]\n'
            f'label = "x"\nforms = ["{label_form}"]\n' + src)


def attack_source_form_redos(tmp: Path):
    """1. a [[sources]] form alternating - and \u2013 40 times (hung analyze); (a+)+$; 100k characters"""
    said, ok = [], True
    for name, form in (("dashes", "a" + "-\u2013" * 40 + "b"), ("nested", "(a+)+$ <x>"),
                       ("long", "a" * 100_000)):
        p = tmp / f"{name}.toml"
        p.write_text(pack_text(source_form=form), encoding="utf-8")
        code, out, _ = cli("lexicon", "validate", p)
        ok = ok and code == 2 and "sources[0].forms" in out
        c = corpus(tmp, 1, f"{name}.jsonl")
        c.write_text(json.dumps({"id": "x", "text": "a" + "-\u2013" * 30 + "c said."}) + "\n", encoding="utf-8")
        code, _, err, secs = run_cli(["analyze", c, "--lexicon", p, "--format", "jsonl"], timeout=60)
        s, good = one_line(code, err, 2, "sources[0].forms")
        said.append(f"{name}: {s} in {secs:.1f} s")
        ok = ok and good
    return "; ".join(said), ok


def attack_long_form_validate(tmp: Path):
    """3. lexicon validate of a pack whose form is 100k characters (was 81 s)"""
    p = tmp / "long.toml"
    p.write_text(pack_text(label_form="a" * 100_000), encoding="utf-8")
    t = time.perf_counter()
    code, out, _ = cli("lexicon", "validate", p)
    secs = time.perf_counter() - t
    return (f"exit {code}: {out.strip()[:120]} in {secs:.2f} s",
            code == 2 and "form of 100000 characters" in out and "line 7" in out and secs < 5)


# -- 10: lexicon import of a category holding a control character ---------------------

def attack_import_control_chars(tmp: Path):
    """10. lexicon import of .dic/.lc3/.csv whose category holds DEL"""
    files = {"d.dic": "%\n1\tcat\x7fone\n%\nregime*\t1\n",
             "d.lc3": "+cat\x7fone\nregime*\n",
             "d.csv": "category,term\ncat\x7fone,regime\n"}
    said, ok = [], True
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
        out = tmp / (name + ".toml")
        code, _, err = cli("lexicon", "import", tmp / name, "-o", out)
        code2, lout, lerr = cli("lexicon", "validate", out)
        said.append(f"{name}: import exit {code}, validate exit {code2}")
        ok = ok and code == 0 and code2 == 0 and "Traceback" not in err + lerr
    return "; ".join(said), ok


ATTACKS = [attack_output_is_input, attack_forged_path, attack_source_form_redos, attack_long_form_validate,
           attack_import_control_chars]


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda f: f.__name__)
def test_attack(attack, tmp_path):
    said, ok = attack(tmp_path)
    assert ok, said
