"""Shared fixtures: the seed article, small packs, and the evaluation data when present."""

from pathlib import Path

import pytest

import framing

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed():
    """The seed article (Middle East Monitor, 2017-03-22), read as users read it."""
    arts = list(framing.read_corpus(ROOT / "seeds"))
    assert len(arts) == 1
    return arts[0]


@pytest.fixture(scope="session")
def seed_analysis(seed):
    return framing.analyze(seed)


@pytest.fixture(scope="session")
def mini():
    return framing.load_lexicon(DATA / "mini.toml")


@pytest.fixture(scope="session")
def fakes_dev():
    p = SHARED / "fakes" / "dev.jsonl"
    if not p.exists():
        pytest.skip(f"FA-KES dev corpus not present at {p} (../shared/data is only on developer machines)")
    return p


@pytest.fixture(scope="session")
def demo_analyses():
    """The invented three-outlet corpus that ships (framing.datasets.demo_corpus), analysed."""
    from framing.datasets import demo_corpus

    return [framing.analyze(a) for a in demo_corpus()]
