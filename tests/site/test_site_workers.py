"""Half of the pages drawn by a second process (``jamkit.site.build.workers``) give the very bytes of drawing
everything in one process, for every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import example_root
from tests.site.sitekit import EXAMPLE_NOW, assert_same_site, build


def test_the_example_site_is_byte_identical_drawn_by_two_processes_or_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second process (``site.build.workers``) saves time, never bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709380800")
    monkeypatch.setenv("JAM_CACHE", "off")  # every page drawn by Material both times
    monkeypatch.setenv("JAM_WORKERS", "2")
    fast = build(example_root(), tmp_path / "fast", EXAMPLE_NOW)
    assert re.search(r"a second process drew jamkit's HTML for \d+ of the pages", fast.log), fast.log
    monkeypatch.setenv("JAM_WORKERS", "1")
    plain = build(example_root(), tmp_path / "plain", EXAMPLE_NOW)
    assert "second process" not in plain.log
    assert_same_site(fast.root, plain.root)
    project = next((fast.root / "projects").rglob("index.html")).read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary' in project and "md-header__topic" in project
