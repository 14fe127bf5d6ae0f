"""The build refuses what the check refuses: links, programs and disallowed files under submissions/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jamkit.site.pages import _folder_assets
from tests.site.sitekit import NOW, PNG, site_skeleton, write_content


def _build(repo: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JAM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(dest)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    site_skeleton(root)
    write_content(root)
    return root


WINNER = "submissions/past-sprint/winner-proj"


@pytest.mark.parametrize(
    ("plant", "code", "words"),
    [
        (lambda root: os.symlink("/etc/passwd", root / WINNER / "passwd.txt"), "JAM310", "symbolic link"),
        (lambda root: os.symlink("/etc", root / WINNER / "etc"), "JAM310", "symbolic link"),
        (lambda root: (root / WINNER / "run.png").write_bytes(b"\x7fELF\x02\x01\x01"), "JAM311", "ELF program"),
        (lambda root: _executable(root / WINNER / "figure2.png"), "JAM311", "executable mode"),
        (lambda root: (root / WINNER / "page.html").write_text("<script>alert(1)</script>"), "JAM309", "not a PDF"),
        (lambda root: (root / WINNER / "logo.svg").write_text("<svg onload=alert(1)>"), "JAM309", "SVG"),
    ],
)
def test_the_build_stops_on_what_a_pull_request_could_not_bring(repo: Path, tmp_path: Path, plant, code, words) -> None:
    plant(repo)
    done = _build(repo, tmp_path / "site")
    log = done.stdout + done.stderr
    assert done.returncode != 0, log
    assert code in log and words in log and "Traceback" not in log, log
    assert not (tmp_path / "site" / "projects").exists()  # nothing half-built
    if (tmp_path / "site").exists():
        assert "root:" not in "".join(
            p.read_text("utf-8", "replace") for p in (tmp_path / "site").rglob("*") if p.is_file()
        )


def _executable(path: Path) -> None:
    path.write_bytes(PNG)
    path.chmod(0o755)


def test_a_link_is_never_copied_even_if_the_check_is_bypassed(repo: Path) -> None:
    """Defence in depth: the copy itself skips links and anything reached through one."""
    os.symlink("/etc/passwd", repo / WINNER / "passwd.txt")
    os.symlink("/etc", repo / WINNER / "etc")
    assets = _folder_assets(str(repo), WINNER, "projects/past-sprint/winner-proj/")
    names = sorted(a.src_uri.rsplit("/", 1)[-1] for a in assets)
    assert names == ["figure.png", "report.pdf", "table.txt"]


def test_a_body_that_cannot_be_rendered_builds_with_a_placeholder(repo: Path, tmp_path: Path) -> None:
    """Finding 5: on main, 600 nested divs kill the build with RecursionError and the site stops updating."""
    project = repo / "submissions/past-sprint/alpha-first.md"
    project.write_text(project.read_text() + '<div markdown="1">\n' * 600 + "x\n" + "</div>\n" * 600)
    done = _build(repo, tmp_path / "site")
    log = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in log, log
    assert "JAM040" in log and "alpha-first.md" in log
    page = (tmp_path / "site/projects/past-sprint/alpha-first/index.html").read_text()
    assert "jam-unrendered" in page and "could not be shown" in page
