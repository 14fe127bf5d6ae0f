"""Reading a change from git objects: renames, deletions, modes, symlinks, and blobs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jamkit.files.git.change import (
    EXECUTABLE,
    REGULAR,
    SYMLINK,
    GitError,
    Objects,
    ls_tree,
    project_of,
    read_change,
    safe_path,
)
from tests.helpers import PDF, Repo


@pytest.fixture
def branched(demo_repo: Repo) -> Repo:
    demo_repo.write("submissions/demo-sprint/other.md", "---\ntitle: x\n---\n")
    demo_repo.write("submissions/demo-sprint/gone.md", "---\ntitle: gone\n---\n")
    demo_repo.init_git()
    demo_repo.commit("base")
    demo_repo.git("checkout", "-q", "-b", "pr")
    return demo_repo


def test_entries_cover_renames_deletions_modes_and_symlinks(branched: Repo) -> None:
    root = branched.root
    (root / "submissions/demo-sprint/renamed").mkdir()
    branched.git("mv", "submissions/demo-sprint/other.md", "submissions/demo-sprint/renamed.md")
    branched.git("rm", "-q", "submissions/demo-sprint/gone.md")
    (root / "submissions/demo-sprint/probing/report.pdf").chmod(0o755)
    os.symlink("/etc/passwd", root / "submissions/demo-sprint/probing/link.pdf")
    branched.commit("pr")
    change = read_change(root, "main")
    by_path = {e.path: e for e in change.entries}
    renamed = by_path["submissions/demo-sprint/renamed.md"]
    assert (renamed.status, renamed.old_path) == ("R", "submissions/demo-sprint/other.md")
    assert by_path["submissions/demo-sprint/gone.md"].deleted
    mode = by_path["submissions/demo-sprint/probing/report.pdf"]
    assert (mode.status, mode.old_mode, mode.new_mode) == ("M", REGULAR, EXECUTABLE)
    assert by_path["submissions/demo-sprint/probing/link.pdf"].new_mode == SYMLINK
    assert "submissions/demo-sprint/other.md" in change.paths  # both ends of a rename count
    assert change.merge_base == branched.git("rev-parse", "main").strip()


def test_the_change_is_relative_to_the_merge_base(branched: Repo) -> None:
    branched.write("submissions/demo-sprint/probing/figure.png", b"\x89PNG\r\n\x1a\n")
    branched.commit("pr")
    branched.git("checkout", "-q", "main")
    branched.write("docs/later.md", "# later on main\n")
    branched.commit("main moves on")
    change = read_change(branched.root, "main", "pr")
    assert change.paths == ["submissions/demo-sprint/probing/figure.png"]


def test_objects_read_blobs_with_a_limit_and_missing_paths(branched: Repo, tmp_path: Path) -> None:
    head = branched.git("rev-parse", "HEAD").strip()
    with Objects(branched.root) as objects:
        assert objects.read(f"{head}:submissions/demo-sprint/probing/report.pdf") == PDF
        assert objects.read(f"{head}:submissions/demo-sprint/probing/report.pdf", limit=5) == b"%PDF-"
        assert objects.read(f"{head}:no/such/file") is None
        assert objects.read(head) is None  # a commit, not a blob
        target = tmp_path / "copy.pdf"
        assert objects.read(f"{head}:submissions/demo-sprint/probing/report.pdf", into=target) == b""
        assert target.read_bytes() == PDF


def test_ls_tree_sizes_and_exact_folders(branched: Repo) -> None:
    branched.write("submissions/demo-sprint/probing-two.md", "---\ntitle: t\n---\n")
    branched.commit("pr")
    files = ls_tree(branched.root, "HEAD", ["submissions/demo-sprint/probing"])
    assert [(f.path, f.size) for f in files] == [("submissions/demo-sprint/probing/report.pdf", len(PDF))]


def test_bad_refs_are_git_errors(branched: Repo, tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a commit"):
        read_change(branched.root, "no-such-branch")
    with pytest.raises(GitError, match="not a git ref"):
        read_change(branched.root, "--output=/tmp/x")


@pytest.mark.parametrize(
    ("path", "ref"),
    [
        ("submissions/demo-sprint/probing.md", "demo-sprint/probing"),
        ("submissions/demo-sprint/probing/report.pdf", "demo-sprint/probing"),
        ("submissions/demo-sprint/probing/figs/a.png", "demo-sprint/probing"),
        ("submissions/demo-sprint/Bad_Slug.md", None),
        ("submissions/demo-sprint/probing/../../../mkdocs.yml", None),
        ("submissions/demo-sprint.md", None),
        ("sprints/demo-sprint.md", None),
        ("mkdocs.yml", None),
    ],
)
def test_project_of(path: str, ref: str | None) -> None:
    assert project_of(path) == ref


def test_safe_path() -> None:
    assert safe_path("submissions/a/b.md")
    assert not safe_path("../etc/passwd") and not safe_path("/etc/passwd") and not safe_path("a/../../b")
