"""Pages drawn ahead of MkDocs' loop (``jamkit.site.build.ahead``): by the second process from the last page back, or,
where the loop gets first, here with the page's own template, through the same stub.

Whole builds with and without the second process are compared file by file in ``test_site_fragments.py``; where
the two processes meet depends on their speeds there, so this test holds the copy back to reach both ways.
"""

from __future__ import annotations

import time
from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from jamkit.site.build import workers
from jamkit.site.build.ahead import DRAWN, Ahead
from tests.site.sitekit import site_skeleton


def test_the_loop_draws_with_each_pages_own_template_until_it_reaches_the_copys_pages(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    site_skeleton(repo)
    config = load_config(str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    pages = []
    for k in range(6):
        file = File(f"p{k}/index.md", None, config.site_dir, True, inclusion=InclusionLevel.NOT_IN_NAV)
        page = Page(f"Page {k}", file, config)
        page.meta["template"] = "tall.html" if k % 2 else "main.html"
        pages.append(page)
    started, go = tmp_path / "started", tmp_path / "go"

    def draw(page: Page) -> str:  # the copy: held back on its first page until this process has drawn its part
        started.touch()
        deadline = time.monotonic() + 30
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return f"copy drew {page.title}"

    ahead = Ahead()
    ahead.helper = workers.fork(pages, draw, lambda page: page.file.src_uri)
    for page in pages:  # as ``fork_drawing`` does, after the fork
        ahead.templates[page.file.src_uri] = page.meta["template"]
        page.meta["template"] = DRAWN
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"main.html": "main: {{ page.title }}", "tall.html": "tall: {{ page.title }}"})
    )
    ahead.use(env)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    drawn = [env.get_template(DRAWN).render(page=page) for page in pages[:4]]  # the copy is still on the last one
    assert drawn == ["main: Page 0", "tall: Page 1", "main: Page 2", "tall: Page 3"]
    go.touch()
    drawn += [env.get_template(DRAWN).render(page=page) for page in pages[4:]]
    assert drawn[4:] == ["main: Page 4", "copy drew Page 5"]  # it had started the last page only
    assert [ahead.owned_by_helper(page) for page in pages] == [False] * 5 + [True]
    ahead.helper.close()
