"""The generated pages of docs/ are committed up to date, and ``python -m jamkit.docs`` keeps them so."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from jamkit import docs
from jamkit.docs import format as file_format
from jamkit.docs import rules
from tests.site.sitekit import developer_docs, nav_docs

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "run `python -m jamkit.docs` and commit the result"


@pytest.mark.parametrize("path", list(docs.PAGES))
def test_committed_docs_are_up_to_date(path: str) -> None:
    committed = ROOT / path
    assert committed.is_file(), f"{path} is missing: {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == docs.PAGES[path](), f"{path} is out of date: {REGENERATE}"


def test_every_page_says_it_is_generated_and_how() -> None:
    for path, text in docs.generated().items():
        first = text.splitlines()[0]
        assert first.startswith("<!-- Generated from the code by `python -m jamkit.docs`"), path
        assert first.endswith("-->"), path


def test_every_generated_page_is_in_the_site_navigation_or_a_developer_page() -> None:
    config = ROOT / "mkdocs.yml"
    in_nav = {f"docs/{name}" for name in nav_docs(config)}
    developer = {f"docs/{name}" for name in developer_docs(config)}
    assert not in_nav & developer
    assert set(docs.PAGES) <= in_nav | developer, f"add to mkdocs.yml's nav: {set(docs.PAGES) - in_nav - developer}"


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jamkit.docs", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_check_mode_fails_on_stale_docs_and_write_mode_fixes_them(tmp_path: Path) -> None:
    stale = run_module("--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "docs/format.md is out of date: run `python -m jamkit.docs`" in stale.stderr
    assert not (tmp_path / "docs").exists(), "--check writes nothing"
    written = run_module(cwd=tmp_path)
    assert written.returncode == 0
    assert sorted(written.stdout.split("\n")) == sorted(["", *(f"wrote {path}" for path in docs.PAGES)])
    assert run_module("--check", cwd=tmp_path).returncode == 0
    (tmp_path / rules.PATH).write_text("edited by hand\n", encoding="utf-8")
    again = run_module("--check", cwd=tmp_path)
    assert again.returncode == 1
    assert "docs/rules.md" in again.stderr
    assert "docs/format.md" not in again.stderr
    fixed = run_module(cwd=tmp_path)
    assert fixed.stdout == "wrote docs/rules.md\n", "only the stale page is rewritten"


def test_check_mode_passes_on_this_repository() -> None:
    assert run_module("--check", cwd=ROOT).returncode == 0, REGENERATE


@pytest.mark.parametrize("path", [file_format.PATH, rules.PATH])
def test_in_page_links_reach_a_heading(path: str) -> None:
    html = markdown.markdown(docs.generated()[path], extensions=["toc", "tables", "fenced_code"])
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets, "expected cross-links"
    assert targets <= ids, f"broken anchors: {targets - ids}"
