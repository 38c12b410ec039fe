"""Shared fixtures: the real model, lexicons and gazetteer, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# the store fixtures (SQLite and PostgreSQL) and the browser (Debian's chromium)
pytest_plugins = ["tests.store_helpers", "tests.browser_helpers"]


@pytest.fixture(scope="session")
def resources():
    import sitrep

    return sitrep.load_resources()


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


def shared_path(*parts: str) -> Path:
    """A path in the evaluation data beside the project; skips the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not present: {path}")
    return path
