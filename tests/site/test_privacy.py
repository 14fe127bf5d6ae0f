"""The build warns, at the line of ``mkdocs.yml``, about every setting that makes pages call another server."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config

from jamkit.site.build.privacy import outside_requests, warn_outside_requests
from tests.site.sitekit import ROOT

CONFIG = """\
site_name: Privacy test
theme:
  name: material
extra_css:
  - https://cdn.example.net/style.css
  - own.css
extra_javascript:
  - https://cdn.example.net/script.js
extra:
  analytics:
    provider: google
    property: G-XXXX
"""


def test_the_repositorys_own_configuration_calls_no_other_server() -> None:
    assert outside_requests(load_config(str(ROOT / "mkdocs.yml"))) == []


def test_fonts_outside_files_and_analytics_are_each_warned_at_their_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.jamkit"):
        warn_outside_requests(config)
    lines = [r.getMessage() for r in caplog.records]
    assert [line.split(": ", 1)[0] for line in lines] == [
        "mkdocs.yml:2",
        "mkdocs.yml:5",
        "mkdocs.yml:8",
        "mkdocs.yml:10",
    ]
    assert "Google Fonts" in lines[0] and "`font: false`" in lines[0]  # Material's default font: no `font:` line
    assert "cdn.example.net" in lines[1] and "own.css" not in " ".join(lines)
    assert "analytics" in lines[3] and "Fix:" in lines[3]
