"""After ``jam forget``, the built site names the person nowhere: no page, no open data, no feed, no search index.

One strict build of a repository where she had every role (tests/helpers/everywhere.py), made after forgetting her.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import PDF, PUBLICATION, SUBMISSION, Repo
from tests.helpers.everywhere import HANDLE, TRACES, write_everywhere
from tests.site.sitekit import Site, build, site_skeleton

NOW = "2025-06-01T12:00:00+00:00"  # the demo sprint is being judged; the old one long finished


@pytest.fixture(scope="module")
def forgotten_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from jamkit.cli.main import main

    repo = Repo(tmp_path_factory.mktemp("forgotten") / "repo")
    site_skeleton(repo.root)
    repo.write("submissions/demo-sprint/probing.md", SUBMISSION)
    repo.write("submissions/demo-sprint/probing/report.pdf", PDF)
    repo.write("publications/a-paper.md", PUBLICATION)
    write_everywhere(repo)
    assert main(["--root", str(repo.root), "forget", HANDLE]) == 0
    return build(repo.root, tmp_path_factory.mktemp("forgotten-built") / "site", NOW)


def readable(path: Path) -> str:
    """A built file as text; the search index's gzipped shards opened first."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace").casefold()


def test_no_page_or_data_file_names_her(forgotten_site: Site) -> None:
    built = [p for p in forgotten_site.root.rglob("*") if p.is_file()]
    found = [f"{p.relative_to(forgotten_site.root)}: {t}" for p in built for t in TRACES if t.casefold() in readable(p)]
    assert found == []
    assert not forgotten_site.exists(f"people/{HANDLE}/")


def test_what_she_took_part_in_is_still_there(forgotten_site: Site, run_jam: Callable[..., object]) -> None:
    """The team, the paper, the cohort and the talks stay; her places in them are 'Anonymous' or empty."""
    team = forgotten_site.content("projects/old-sprint/old-team/")
    assert "Cara Coder" in team.text and "Anonymous" in team.text
    assert "Anonymous" in forgotten_site.content("lab/spring/").text
    assert "Opening keynote" in forgotten_site.content("sprints/demo-sprint/").text
    assert any("pagefind" in p.parts for p in forgotten_site.root.rglob("*"))  # the search index was searched too
