"""The browser path: a live sprint's "Submit your project" button, followed as a first-time team would.

The real site is built and opened in Chromium; the button's URL is GitHub's editor with a prefilled file.
The test reads that file out of the URL, writes it into a real git repository as GitHub would commit it,
fills in the marked fields the way a person does, and runs the same checks as the pull request.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.helpers import git_as_tester as _git
from tests.site import browserkit
from tests.site.browserkit import ARGS, AXE, CHROMIUM, VNU
from tests.site.sitekit import NOW, Site

JAM = str(Path(sys.executable).with_name("jam"))
REPO = "https://github.com/example-org/sprints"


@pytest.fixture(scope="module")
def page(site: Site) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with browserkit.served(site.root) as base:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(base + "sprints/live-sprint/", wait_until="load")
            yield tab
        browser.close()


def test_the_prefilled_file_passes_the_pull_request_check_once_filled_in_and_renamed(
    page: Page, site_repo: Path, tmp_path: Path
) -> None:
    button = page.get_by_role("link", name="Submit your project")
    assert button.is_visible()
    url = urlsplit(button.get_attribute("href") or "")
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO}/new/main"
    query = parse_qs(url.query)
    filename, text = query["filename"][0], query["value"][0]
    assert filename == "submissions/live-sprint/your-project-name.md"
    assert text.count("REPLACE:") == 5

    # GitHub commits the file on a branch of the team's fork; the team fills it in, and must rename it.
    root = tmp_path / "fork"
    shutil.copytree(site_repo / "sprints", root / "sprints")
    shutil.copytree(site_repo / "submissions", root / "submissions")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "switch", "-q", "-c", "patch-1")
    unfilled = root / filename
    unfilled.parent.mkdir(parents=True, exist_ok=True)
    unfilled.write_text(text, encoding="utf-8")
    first = subprocess.run([JAM, "--root", str(root), "check", str(unfilled)], capture_output=True, text=True)
    assert first.returncode == 1 and "REPLACE: your GitHub handle" in first.stdout  # refused unfilled
    filled = (
        text.replace("REPLACE: the title of your project", "Refusal drift in long conversations")
        .replace("REPLACE: your name", "Ada Lovelace")
        .replace("REPLACE: your GitHub handle", "ada")
        .replace("REPLACE: what you asked, did and found, in at most 300 words of plain text", "We measured drift.")
        .replace(
            "REPLACE: report.pdf once you upload it into the project's folder, or an https:// link to your PDF",
            "https://example.org/refusal-drift.pdf",
        )
    )
    summary = filled.index("## Summary")
    unfilled.write_text(filled[: summary + len("## Summary\n")] + "\nWhat we did, and what we found.\n", "utf-8")
    checked = subprocess.run([JAM, "--root", str(root), "check", str(unfilled)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout

    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Create your-project-name.md")
    kept = _pull_request_check(root)  # issue 25: the template's name was READY, and published at that address
    assert [(d["code"], d["path"]) for d in kept["diagnostics"]] == [("JAM321", filename)]
    assert kept["outcome"] == "needs-changes"
    assert "click the file name at the top of the editor" in kept["diagnostics"][0]["fix"]

    _git(root, "mv", filename, filename.replace("your-project-name", "refusal-drift"))
    _git(root, "commit", "-q", "-m", "Rename your-project-name.md to refusal-drift.md")
    renamed = _pull_request_check(root)
    assert (renamed["diagnostics"], renamed["outcome"]) == ([], "ready")


def _pull_request_check(root: Path) -> dict[str, Any]:
    """``jam check --pr`` as the bot runs it on the team's branch, its verdict read from JSON."""
    pr = subprocess.run(
        [JAM, "--root", str(root), "check", "--pr", "--base", "main", "--author", "ada", "--now", NOW,
         "--format", "json"],
        capture_output=True, text=True,
    )  # fmt: skip
    verdict: dict[str, Any] = json.loads(pr.stdout)
    assert pr.returncode == (0 if verdict["outcome"] == "ready" else 1)
    return verdict


def test_the_report_upload_goes_to_the_same_pull_request_on_its_own_branch(page: Page) -> None:
    """Issue 25: the button opened this repository's upload page, which makes a second pull request for a team."""
    section = page.locator("#upload-report")
    said = " ".join(section.inner_text().split())
    assert "Your report PDF goes into the same pull request" in said
    assert "the Files changed tab cannot add files" in said and "would open a second pull request" in said
    assert 'after "from" (for example ada:patch-1)' in said
    button = page.get_by_role("link", name="Upload your report PDF")
    assert (button.get_attribute("href") or "").endswith("submit/#attach-your-report-pdf")  # the guide, until typed

    page.get_by_label("Your pull request's branch").fill("ada:patch-1")
    page.get_by_label("Your project's name").fill("your-project-name")
    assert "is the template's name: rename your project's file first" in section.inner_text()
    assert "github.com" not in (button.get_attribute("href") or "")

    page.get_by_label("Your project's name").fill("refusal-drift.md")
    href = button.get_attribute("href") or ""
    assert unquote(href) == "https://github.com/ada/sprints/upload/patch-1/submissions/live-sprint/refusal-drift"
    page.get_by_label("Your pull request's branch").fill("ada:pdf-$&")  # read as text, never as a pattern
    assert unquote(button.get_attribute("href") or "").endswith(
        "/ada/sprints/upload/pdf-$&/submissions/live-sprint/refusal-drift"
    )
    page.get_by_label("Your pull request's branch").fill("feature/pdf")  # a branch of this repository itself
    assert (button.get_attribute("href") or "") == f"{REPO}/upload/feature/pdf/submissions/live-sprint/refusal-drift"
    page.get_by_label("Your pull request's branch").fill("")
    page.get_by_label("Your project's name").fill("")


def test_the_submit_section_is_valid_html_and_accessible(page: Page, site: Site) -> None:
    """The live sprint's page is not among the validators' page kinds (the example's sprints are over)."""
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", str(site.file("sprints/live-sprint/"))],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr or done.stdout
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run("#submit", {resultTypes: ["violations"]})).violations
            .filter(v => v.impact === "serious" || v.impact === "critical").map(v => v.id)"""
    )
    assert violations == []


def test_only_live_sprints_have_the_buttons_and_projects_link_their_file(site: Site) -> None:
    assert site.content("sprints/live-sprint/").has("a", cls="md-button--primary")
    for finished in ("past-sprint", "future-sprint", "judging-sprint"):
        assert "Submit your project" not in site.content(f"sprints/{finished}/").text
    edit = site.content("projects/past-sprint/winner-proj/").find("p", cls="jam-edit").find("a")
    assert edit.attrs["href"] == f"{REPO}/edit/main/submissions/past-sprint/winner-proj.md"
    header = site.page("sprints/").find_all("a", href=REPO)
    assert header, "the header links the repository"
