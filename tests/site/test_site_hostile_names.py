"""Odd file and folder names in a project's folder: whatever ``jam check`` accepts, the site builds and publishes.

A folder ``index.html/`` beside a project's page once made every build of main
stop with a traceback; now ``jam check`` refuses it (JAM316) and the build, if it
meets one anyway, leaves it out with a warning.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jamkit.checks.run import check_files
from jamkit.files.outputs import published_at
from tests.helpers import PDF, SPRINT, SUBMISSION
from tests.site.sitekit import PNG, build, site_skeleton

PROJECT = "submissions/demo-sprint/probing"
NOW = "2025-03-01T12:00:00+00:00"  # the demo sprint is over, the project public
CONTENT = {".png": PNG, ".PNG": PNG, ".pdf": PDF, ".txt": b"A note.\n"}


def _repo(root: Path, attachments: dict[str, bytes]) -> Path:
    """The stand-in docs, one sprint and one project whose folder holds ``attachments``."""
    site_skeleton(root)
    (root / "sprints").mkdir()
    (root / "sprints/demo-sprint.md").write_text(SPRINT, encoding="utf-8")
    (root / PROJECT).mkdir(parents=True)
    (root / f"{PROJECT}.md").write_text(SUBMISSION, encoding="utf-8")
    (root / PROJECT / "report.pdf").write_bytes(PDF)
    for rel, data in attachments.items():
        target = root / PROJECT / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def _mkdocs(repo: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    """A build without ``--strict``: what a deploy that tolerates warnings does."""
    env = {**os.environ, "JAM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(repo / "mkdocs.yml"), "-d", str(dest)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("folder", ["index.html", "Index.HTML", "index.md"])
def test_a_folder_named_like_the_page_is_left_out_with_a_warning(tmp_path: Path, folder: str) -> None:
    repo = _repo(tmp_path / "repo", {f"{folder}/figure.png": PNG})
    assert [d.code for d in check_files(repo, None).diagnostics] == ["JAM316"]
    done = _mkdocs(repo, tmp_path / "site")
    log = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in log, log
    assert f"{PROJECT}/{folder}/figure.png:1:1: JAM316" in log and "WARNING" in log
    page = tmp_path / "site/projects/demo-sprint/probing/index.html"
    assert page.is_file() and "Probing for Deception" in page.read_text(encoding="utf-8")
    assert (tmp_path / "site/projects/demo-sprint/probing/report.pdf").is_file()


# --------------------------------------------------------------------------- any name jam check accepts

RESERVED = ["index.html", "INDEX.HTML", "index.md", "Index.Md", "pagefind", "assets", "feed.xml", "api", "404.html"]
DOTTED = ["..", "...", ". .", " ..", "a..", "..a", ".hidden", "x.", "x ", " x"]
ODD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=10
)
NAMES = st.one_of(ODD, st.sampled_from(RESERVED + DOTTED), st.sampled_from(["Figure", "figure", "FIGURE", "café"]))


@st.composite
def trees(draw: st.DrawFn) -> dict[str, bytes]:
    """Attachments with odd names, folders up to two deep, each with content that matches its extension."""
    found: dict[str, bytes] = {}
    for _ in range(draw(st.integers(1, 4))):
        folders = draw(st.lists(NAMES, max_size=2))
        extension = draw(st.sampled_from(sorted(CONTENT)))
        stem = draw(NAMES)
        if draw(st.booleans()):  # the other Unicode form of the same name: a clash the check must see
            stem = unicodedata.normalize("NFD", stem)
        rel = "/".join([*folders, stem + extension])
        if any(part in ("", ".", "..") for part in rel.split("/")) or rel in found:
            continue
        if any(other.startswith(rel + "/") or rel.startswith(other + "/") for other in found):
            continue  # a file and a folder of one name cannot both be on disk
        found[rel] = CONTENT[extension]
    return found


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(attachments=trees())
def test_whatever_jam_check_accepts_the_site_builds(
    tmp_path_factory: pytest.TempPathFactory, attachments: dict[str, bytes]
) -> None:
    root = tmp_path_factory.mktemp("hostile")
    try:
        repo = _repo(root / "repo", attachments)
    except OSError:
        assume(False)  # a name this file system cannot hold (too long, say) never reaches git either
        raise
    checked = check_files(repo, None)
    assume(not checked.has_errors)
    site = build(repo, root / "site", NOW)  # --strict: not one warning, no traceback
    for rel in attachments:
        if rel.startswith(".") or "/." in rel:
            continue  # hidden files are never published
        published = published_at(f"{PROJECT}/{rel}")
        assert published is not None and (site.root / published).is_file(), rel
