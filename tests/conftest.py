"""Shared fixtures: the loaded model (once per test session) and the seed article's text."""
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "examples" / "telesur-2016-10-04-lavrov.txt"


@pytest.fixture(scope="session")
def nlp():
    import quotes.model

    return quotes.model.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
