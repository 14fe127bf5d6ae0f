"""The two parsers every YAML test runs on: libyaml's and the pure-Python fallback."""

from __future__ import annotations

import pytest

from jamkit.files.yaml import compose


@pytest.fixture(params=["libyaml", "pure"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on libyaml's parser and again on the pure-Python fallback (``pytestmark`` opts a module in)."""
    if request.param == "pure":
        monkeypatch.setattr(compose, "_CLoader", None)
        monkeypatch.setattr(compose, "_said", True)  # the notice has its own test
    return str(request.param)
