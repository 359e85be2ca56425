"""Root of the test run: the README's examples run from the repository's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _readme_from_the_repository(request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's doctests name ``examples/polska-pomoc`` relative to the repository."""
    if request.node.path.name == "README.md":
        monkeypatch.chdir(ROOT)
