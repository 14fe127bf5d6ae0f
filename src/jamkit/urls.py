"""The public site's URLs, part of the contract (DESIGN.md), as paths relative to the site root.

The pages, the open data, the feed and the calendar all link through these, so
they cannot disagree about where a sprint, a project or a person lives.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from jamkit.model import Submission


def sprint_url(slug: str) -> str:
    return f"sprints/{slug}/"


def project_url(ref: str) -> str:
    return f"projects/{ref}/"


def person_url(github: str) -> str:
    return f"people/{github.lower()}/"


def report_url(submission: Submission) -> str:
    """The report as readers reach it: an https URL as given, or the PDF beside the project page."""
    report = submission.fields.report
    if urlsplit(report).scheme:
        return report
    inside = posixpath.normpath(posixpath.join("/", report)).lstrip("/")
    return project_url(submission.ref) + inside
