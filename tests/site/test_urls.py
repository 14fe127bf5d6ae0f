"""Site URLs: one home, links relative unless a site URL is given, reports linked from the file they name."""

from __future__ import annotations

import pytest

from jamkit.core.model import Submission, SubmissionFields
from jamkit.site.urls import Links, person_url, project_url, report_url, sprint_url


def submission(report: str) -> Submission:
    fields = SubmissionFields.model_validate(
        {"title": "T", "members": [{"name": "Bea", "github": "bea"}], "abstract": "A.", "report": report}
    )
    return Submission(path="submissions/demo-sprint/probing.md", sprint="demo-sprint", slug="probing", fields=fields)


def test_pages_live_at_directory_urls() -> None:
    assert sprint_url("demo-sprint") == "sprints/demo-sprint/"
    assert project_url("demo-sprint/probing") == "projects/demo-sprint/probing/"
    assert person_url("Bea-Builder") == "people/bea-builder/"


@pytest.mark.parametrize(
    ("report", "url"),
    [
        ("report.pdf", "projects/demo-sprint/probing/report.pdf"),
        ("submissions/demo-sprint/probing/docs/report.pdf", "projects/demo-sprint/probing/docs/report.pdf"),
        ("probing/report.pdf", "projects/demo-sprint/probing/report.pdf"),
        ("final report (v2).pdf", "projects/demo-sprint/probing/final%20report%20%28v2%29.pdf"),
        ("résumé.pdf", "projects/demo-sprint/probing/r%C3%A9sum%C3%A9.pdf"),
        ("https://arxiv.org/pdf/2401.00001", "https://arxiv.org/pdf/2401.00001"),
        ("http://example.org/r.pdf", None),
        ("javascript:alert(1)", None),
        ("../other/report.pdf", None),
    ],
)
def test_report_url_is_derived_from_the_file_the_report_names(report, url) -> None:
    assert report_url(submission(report)) == url


def test_links_are_relative_unless_a_site_url_is_given() -> None:
    assert Links()("projects/a/b/") == "projects/a/b/"
    assert Links("https://sprints.example.org/sub")("projects/a/b/") == "https://sprints.example.org/sub/projects/a/b/"
    assert Links("https://sprints.example.org")("https://arxiv.org/x") == "https://arxiv.org/x"
    assert (Links().host, Links("https://sprints.example.org/").host) == ("jamkit", "sprints.example.org")
