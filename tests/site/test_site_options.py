"""The programme's own words come from the jamkit plugin's settings in mkdocs.yml, and a mistake there is named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from jamkit.site.build.options import read_programme
from jamkit.site.build.plugin import JamkitPlugin
from jamkit.site.programme import Organisation, Programme
from tests.site.sitekit import ROOT

SETTINGS = """\
site_name: Site name
plugins:
  - jamkit:
      name: Open Sprints
      tagline: Sprints for everyone.
      introduction: "Come **along**."
      organisation: {name: Example Org, url: "https://example.org"}
      contact: https://example.org/contact
      code_of_conduct: policies.md#code-of-conduct
      privacy: https://example.org/privacy
"""


def _config(repo: Path, text: str) -> MkDocsConfig:
    (repo / "docs").mkdir(parents=True, exist_ok=True)
    (repo / "docs/policies.md").write_text("# Policies\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(text, encoding="utf-8")
    return load_config(str(repo / "mkdocs.yml"))


def _programme(repo: Path, text: str) -> Programme:
    return _read(_config(repo, text))


def _read(config: MkDocsConfig) -> Programme:
    plugin = config.plugins["jamkit"]
    assert isinstance(plugin, JamkitPlugin)
    return read_programme(plugin.config, config)


def test_every_word_is_read_and_a_page_becomes_its_url(tmp_path: Path) -> None:
    programme = _programme(tmp_path, SETTINGS)
    assert programme.name == "Open Sprints"
    assert programme.tagline == "Sprints for everyone."
    assert programme.introduction == "Come **along**."
    assert programme.organisation == Organisation("Example Org", "https://example.org")
    assert programme.contact == "https://example.org/contact"
    assert programme.code_of_conduct == "policies/#code-of-conduct"
    assert programme.privacy == "https://example.org/privacy"
    assert programme.content_licence == "CC-BY-4.0"


def test_a_programme_that_says_nothing_is_named_after_its_site(tmp_path: Path) -> None:
    programme = _programme(tmp_path, "site_name: Bare\nplugins:\n  - jamkit\n")
    assert programme.name == "Bare"
    assert programme.content_licence == "CC-BY-4.0"
    assert not programme.contact and not programme.privacy


def test_this_repository_says_its_own_words_in_mkdocs_yml() -> None:
    programme = _read(load_config(str(ROOT / "mkdocs.yml")))
    assert programme.name == "AI Safety Research Sprints"
    assert programme.code_of_conduct == "policies/#code-of-conduct"


def test_a_wrong_setting_stops_the_build_naming_the_file_the_line_and_the_fix(tmp_path: Path) -> None:
    text = (
        SETTINGS.replace("https://example.org/contact", "http://example.org/contact").replace(
            "policies.md#code", "conduct.md#code"
        )
        + "      content_licence: CC BY\n"
    )
    _config(tmp_path, text)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "out")],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in log
    assert "mkdocs.yml:8: jamkit: `contact` must be an https URL" in log
    assert "mkdocs.yml:9: jamkit: `code_of_conduct` is 'conduct.md#code-of-conduct': neither an https URL" in log
    assert "mkdocs.yml:11: jamkit: `content_licence` is 'CC BY': write an SPDX id such as CC-BY-4.0" in log
    assert not (tmp_path / "out").exists()
