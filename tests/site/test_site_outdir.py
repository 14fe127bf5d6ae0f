"""The previous output is moved aside and deleted by another process; the build leaves nothing stale behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamkit.site.build import outdir
from tests.site.sitekit import NOW, build, site_skeleton, write_content


def test_visible_entries_move_aside_and_are_deleted_hidden_ones_stay(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "projects" / "p").mkdir(parents=True)
    (site / "projects" / "p" / "index.html").write_text("old")
    (site / "index.html").write_text("old")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    aside = outdir.set_aside(site)
    assert aside is not None
    assert sorted(p.name for p in site.iterdir()) == [".git"]  # at once, before the deletion ends
    aside.wait()
    assert not aside.folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / ".git" / "HEAD").is_file()


@pytest.mark.parametrize("make", [lambda p: None, lambda p: p.mkdir(), lambda p: p.write_text("a file")])
def test_nothing_to_set_aside(tmp_path: Path, make: object) -> None:
    site = tmp_path / "site"
    make(site)  # type: ignore[operator]
    assert outdir.set_aside(site) is None


def test_a_rebuild_into_the_same_folder_drops_what_the_first_build_wrote_and_keeps_hidden_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAM_CACHE", "off")
    repo = tmp_path / "repo"
    site_skeleton(repo)
    write_content(repo)
    dest = tmp_path / "out"
    build(repo, dest, NOW)
    stale = dest / "projects" / "gone-from-the-repository" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale")
    (dest / ".nojekyll").write_text("")
    again = build(repo, dest, NOW)
    assert not stale.exists()
    assert (dest / ".nojekyll").is_file()
    assert (dest / "index.html").is_file() and (dest / "pagefind").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "repo"], again.log
