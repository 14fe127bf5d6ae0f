"""Every accepted spelling of `report` checks, copies and links one and the same file.

One real repository holds a project per spelling, each with its own PDF (its
bytes name the project), and nothing else that a wrong reading could find.
`jam check` is run on it (clean) and on a copy without the PDFs (each
diagnostic names the file that was checked); a real strict MkDocs build then
shows which file the project page and `api/projects.json` link to.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.helpers import Repo
from tests.site.sitekit import NOW, Site, build, site_skeleton

SPRINT = "report-sprint"

# (project, `report` as written, the file it names inside the project's folder)
SPELLINGS = [
    ("plain", "report.pdf", "report.pdf"),
    ("dot-slash", "./report.pdf", "report.pdf"),
    ("in-a-folder", "docs/report.pdf", "docs/report.pdf"),
    ("from-the-root", f"submissions/{SPRINT}/from-the-root/report.pdf", "report.pdf"),
    ("from-the-root-deep", f"./submissions/{SPRINT}/from-the-root-deep/docs/final.pdf", "docs/final.pdf"),
    ("from-the-markdown", "from-the-markdown/report.pdf", "report.pdf"),
    ("dot-from-the-markdown", "./dot-from-the-markdown/docs/report.pdf", "docs/report.pdf"),
    ("spaces-and-brackets", "final report (v2).pdf", "final report (v2).pdf"),
    ("not-ascii", "résumé.pdf", "résumé.pdf"),
]
REFUSED = ("refused", "../plain/report.pdf")


def pdf_of(project: str) -> bytes:
    return f"%PDF-1.4 report of {project}\n".encode()


def project_file(title: str, report: str) -> str:
    return (
        f"---\ntitle: {title}\nmembers:\n  - {{name: Bea Builder, github: bea}}\n"
        f"abstract: A project.\nreport: {json.dumps(report, ensure_ascii=False)}\n---\n"
    )


@pytest.fixture(scope="module")
def reports_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    repo = Repo(tmp_path_factory.mktemp("reports") / "repo")
    site_skeleton(repo.root)
    repo.write(
        f"sprints/{SPRINT}.md",
        "---\ntitle: Report Sprint\nstarts: 2024-01-19T09:00:00+00:00\nends: 2024-01-21\n---\n",
    )
    for project, written, name in SPELLINGS:
        repo.write(f"submissions/{SPRINT}/{project}.md", project_file(project, written))
        repo.write(f"submissions/{SPRINT}/{project}/{name}", pdf_of(project))
    project, written = REFUSED
    repo.write(f"submissions/{SPRINT}/{project}.md", project_file(project, written))
    return repo


@pytest.fixture(scope="module")
def reports_site(reports_repo: Repo, tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(reports_repo.root, tmp_path_factory.mktemp("reports-built") / "site", NOW)


def served(site: Site, page: str, href: str) -> bytes:
    """The bytes a browser gets for ``href`` on the page at ``page``."""
    target = unquote(posixpath.normpath(posixpath.join(page, href)))
    return (site.root / target).read_bytes()


def test_jam_check_reads_the_file_each_spelling_names(reports_repo: Repo, jam_check, tmp_path: Path) -> None:
    checked = jam_check(reports_repo)
    assert [(d["path"], d["code"]) for d in checked.diagnostics] == [(f"submissions/{SPRINT}/refused.md", "JAM204")]
    without = Repo(tmp_path / "without")
    shutil.copytree(reports_repo.root, without.root)
    for project, _, name in SPELLINGS:
        (without.root / f"submissions/{SPRINT}/{project}/{name}").unlink()
    missing = {d["path"]: d["message"] for d in jam_check(without).diagnostics if d["code"] == "JAM204"}
    for project, _, name in SPELLINGS:
        assert missing[f"submissions/{SPRINT}/{project}.md"].endswith(
            f"submissions/{SPRINT}/{project}/{name} does not exist"
        )


@pytest.mark.parametrize(("project", "written", "name"), SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_the_page_and_the_open_data_link_the_checked_file(reports_site: Site, project, written, name) -> None:
    page = f"projects/{SPRINT}/{project}/"
    assert (reports_site.root / page / name).read_bytes() == pdf_of(project)  # copied beside the page
    button = next(a for a in reports_site.content(page).find_all("a") if a.text == "Read the report (PDF)")
    assert served(reports_site, page, button.attrs["href"]) == pdf_of(project)
    data = json.loads(reports_site.file("api/projects.json").read_text(encoding="utf-8"))
    report = next(p["report"] for p in data["projects"] if p["ref"] == f"{SPRINT}/{project}")
    assert served(reports_site, "", report) == pdf_of(project)


def test_a_refused_report_is_not_linked(reports_site: Site) -> None:
    page = reports_site.content(f"projects/{SPRINT}/refused/")
    assert not [a for a in page.find_all("a") if a.text.startswith("Read the report")]
    data = json.loads(reports_site.file("api/projects.json").read_text(encoding="utf-8"))
    assert next(p["report"] for p in data["projects"] if p["ref"] == f"{SPRINT}/refused") is None
