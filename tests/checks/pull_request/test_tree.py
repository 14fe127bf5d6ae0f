"""``check_attachments``: the pull request's rules on files, over every project folder on disk."""

from __future__ import annotations

from jamkit.checks.pull_request.tree import check_attachments
from jamkit.files.load import load_catalog
from tests.helpers import PDF, SUBMISSION, Repo

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_each_folder_counts_for_its_own_project_only(demo_repo: Repo) -> None:
    """``probing`` and ``probing-two`` share a prefix: a file of one is never counted for the other."""
    demo_repo.write("pyproject.toml", "[tool.jamkit]\nmax_project_mb = 0.001\n")  # 1,048 bytes a project
    demo_repo.write("submissions/demo-sprint/probing-two.md", SUBMISSION)
    demo_repo.write("submissions/demo-sprint/probing-two/report.pdf", PDF)
    demo_repo.write("submissions/demo-sprint/probing-two/figure.png", PNG + b"\0" * 1000)
    demo_repo.write("submissions/demo-sprint/orphan/figure.png", PNG)
    catalog, _ = load_catalog(demo_repo.root)
    found = check_attachments(catalog)
    assert [(d.code, d.path) for d in found if d.code == "JAM313"] == [
        ("JAM313", "submissions/demo-sprint/probing-two.md")
    ]
    assert [d.path for d in found if "belongs to no project" in d.message] == [
        "submissions/demo-sprint/orphan/figure.png"
    ]
    assert check_attachments(catalog, ["demo-sprint/probing"]) == []
