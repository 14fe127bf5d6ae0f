"""The other files under .github/: issue forms, CODEOWNERS and the pull-request template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_the_three_issue_forms_exist() -> None:
    assert {p.stem for p in FORMS} == {"propose-sprint", "host-local-site", "report-concern"}


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_issue_form_follows_githubs_form_schema(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
    assert form["name"] and form["description"] and form["body"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids)
    for item in form["body"]:
        assert item["type"] in FIELD_TYPES
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
            continue
        assert item["attributes"]["label"]
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
        if item["type"] == "checkboxes":
            assert all("label" in option for option in item["attributes"]["options"])
    assert any(item.get("validations", {}).get("required") for item in form["body"])


def test_issue_config_points_elsewhere_for_submissions() -> None:
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_codeowners_maintainers_own_all_but_submissions() -> None:
    rules = [
        line.split()
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules[0] == ["*", "@jamkit/maintainers"]
    # The last matching rule wins: submissions/ is listed with no owner, after `*`.
    assert ["/submissions/"] in rules
    for protected in ("/.github/", "/src/", "/hooks/", "/scripts/", "/mkdocs.yml", "/pyproject.toml"):
        assert [protected, "@jamkit/maintainers"] in rules


def test_pull_request_template_has_the_submission_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "jam check" in text and "- [ ]" in text and "submissions/<sprint>/<project>.md" in text
