"""`jam forget` reaches a local site's organisers: the entry keeps its place as "Anonymous", the handle goes."""

from __future__ import annotations

from collections.abc import Callable

from tests.helpers import LOCAL_SITE, Repo

Jam = Callable[..., tuple[int, str, str]]


def test_a_forgotten_organiser_leaves_no_handle_in_the_site_file(demo_repo: Repo, run_jam: Jam) -> None:
    two = LOCAL_SITE.replace(
        "{name: Cara Coder, github: cara}", "{name: Cara Coder, github: cara}\n  - {name: Dan, github: dan}"
    )
    demo_repo.write("sites/leeds-hub.md", two)
    demo_repo.init_git()
    demo_repo.commit("a site")
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "@cara")
    assert code == 0 and "sites/leeds-hub.md: organizers (1)" in out
    text = (demo_repo.root / "sites/leeds-hub.md").read_text()
    assert "cara" not in text.lower() and "- {name: Anonymous}" in text and "github: dan" in text
    assert run_jam("--root", str(demo_repo.root), "check")[0] == 0
