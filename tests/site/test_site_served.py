"""Pages served from the cache, written by jamkit's thread instead of MkDocs' loop (``jamkit.site.build.served``).

The whole path is compared with a clean build in ``test_site_cache.py``; these tests hold the real MkDocs
structures the adapter hands over, so the edges (a page that cannot be written, an entry that is not whole)
can be reached.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from jamkit.infra.cache import Store, digest
from jamkit.site.build.pagecache import PageCache
from jamkit.site.build.served import Served, WritingFailed
from tests.site.sitekit import site_skeleton

STORED = "<!doctype html><html><body>stored \u00e9 <p>page</p></body></html>"


def config_for(tmp_path: Path, site_dir: Path) -> MkDocsConfig:
    repo = tmp_path / "repo"
    site_skeleton(repo)
    return load_config(str(repo / "mkdocs.yml"), site_dir=str(site_dir))


def served_pages(config: MkDocsConfig, tmp_path: Path, names: list[str], stored: dict[str, bytes]) -> Served:
    """Generated pages, each a hit whose entry holds ``stored[name]`` (nothing stored: an entry not whole)."""
    cache = PageCache(Store(tmp_path / "pages"))
    pages = []
    for name in names:
        file = File(name, None, config.site_dir, config.use_directory_urls, inclusion=InclusionLevel.NOT_IN_NAV)
        page = Page(None, file, config)
        key = digest("page", name)
        cache.keys[name], cache.hits[name] = key, "main.html"
        if name in stored:
            cache.store.put(key, stored[name])
        pages.append(page)
    redrawn: list[tuple[str, InclusionLevel]] = []

    def redraw(page: Page) -> str:
        redrawn.append((page.file.src_uri, page.file.inclusion))
        return f"<html>drawn again: {page.file.src_uri}</html>"

    found = Served(pages, cache, {"404.html", "sitemap.xml"}, redraw)
    found.redrawn = redrawn  # type: ignore[attr-defined]
    return found


def test_pages_leave_the_loop_after_the_last_static_template_and_are_written_as_stored(tmp_path: Path) -> None:
    config = config_for(tmp_path, tmp_path / "site")
    names = ["projects/a/index.md", "people/b/index.md"]
    served = served_pages(config, tmp_path, names, {n: STORED.encode() for n in names})
    served.template_drawn("sitemap.xml")
    assert not served.started and all(p.file.inclusion.is_included() for p in served.pages)  # 404.html to come
    served.template_drawn("404.html")
    assert served.started and all(p.file.inclusion.is_excluded() for p in served.pages)
    assert served.finish() == 2
    for name in ("projects/a/index.html", "people/b/index.html"):
        assert (tmp_path / "site" / name).read_bytes() == STORED.encode()


def test_lone_surrogates_are_written_as_mkdocs_writes_them(tmp_path: Path) -> None:
    config = config_for(tmp_path, tmp_path / "site")
    stored = "<p>\ud800 half a pair</p>".encode("utf-8", "surrogatepass")
    served = served_pages(config, tmp_path, ["projects/a/index.md"], {"projects/a/index.md": stored})
    served.template_drawn("404.html")
    served.template_drawn("sitemap.xml")
    served.finish()
    assert (tmp_path / "site/projects/a/index.html").read_bytes() == b"<p>&#55296; half a pair</p>"


def test_an_entry_that_is_not_whole_is_drawn_again_with_the_page_back_in_the_loop(tmp_path: Path) -> None:
    config = config_for(tmp_path, tmp_path / "site")
    names = ["projects/a/index.md", "projects/b/index.md"]
    served = served_pages(config, tmp_path, names, {"projects/a/index.md": STORED.encode()})
    served.template_drawn("404.html")
    served.template_drawn("sitemap.xml")
    assert served.finish() == 1
    # drawn again as an included page: Material's tags plugin leaves excluded pages without their tags
    assert served.redrawn == [("projects/b/index.md", InclusionLevel.NOT_IN_NAV)]  # type: ignore[attr-defined]
    assert (tmp_path / "site/projects/b/index.html").read_text() == "<html>drawn again: projects/b/index.md</html>"
    assert (tmp_path / "site/projects/a/index.html").read_bytes() == STORED.encode()


def test_a_page_that_cannot_be_written_fails_the_build_naming_it(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    config = config_for(tmp_path, blocked / "site")
    served = served_pages(config, tmp_path, ["projects/a/index.md"], {"projects/a/index.md": STORED.encode()})
    served.template_drawn("404.html")
    served.template_drawn("sitemap.xml")
    with pytest.raises(WritingFailed, match=r"projects/a/index\.md could not be written to .*a-file/site"):
        served.finish()
