"""The MkDocs adapter: with ``site.pagecache``, ``site.ahead`` and ``site.served``, all that imports MkDocs.

``hooks/jamkit_hooks.py`` forwards MkDocs events here. Pages are virtual files
(``File.generated``) so nothing is written into ``docs/``; their Markdown is
empty and their HTML comes from ``jamkit.site.render``, which escapes every
value and sanitizes untrusted bodies. The navigation stays the small one in
``mkdocs.yml``: project and people pages are "not in nav", because Material
draws the whole navigation into every page.

A generated page skips Python-Markdown (its Markdown is empty) and, when
nothing it is drawn from changed, Material's template too (``site.pagecache``).
Material's navigation is drawn once per shape (``site.fragments``), part of the
pages by a second process (``site.ahead``, ``site.workers``), the previous
output is deleted by another process while the build runs (``site.outdir``),
and in a rebuild Pagefind is given every page before MkDocs writes them
(``site.ahead``), so it writes the index while the pages are written, the ones
served from the cache by a thread of jamkit's rather than MkDocs' loop
(``site.served``).
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import logging
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from types import MethodType
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from jamkit.checks.answers import bodies_ahead, bodies_of, prime_bodies
from jamkit.checks.content.bodies import check_body
from jamkit.checks.pull_request.tree import check_tree
from jamkit.core.model import Catalog
from jamkit.files.layout import CONTENT_DIRS
from jamkit.files.load import load_catalog
from jamkit.infra.cache import Shelf, Store
from jamkit.infra.parallel import Begun
from jamkit.site import api, urls
from jamkit.site.build import ahead, fragments, outdir, served, workers
from jamkit.site.build.ahead import Ahead
from jamkit.site.build.pagecache import PageCache
from jamkit.site.meta import filter_attribute, json_ld_text
from jamkit.site.pages import SitePage, build_pages
from jamkit.site.render import Renderer
from jamkit.site.search import IndexingFailed, StreamedIndex, index_site, search_record

log = logging.getLogger("mkdocs.plugins.jamkit")

CSS = "assets/jamkit.css"
SCRIPTS = (
    "assets/jamkit.js",  # local times, countdowns and statuses that follow the clock
    "assets/jamkit-search.js",
    "assets/jamkit-filter.js",
    "assets/jamkit-tables.js",
)
# main.html (metadata, search body), header (search), source (repo link)
THEME = resources.files("jamkit.site") / "theme"
TAGS_PAGE = "tags/index.md"
# The same on every page but for links and active items (jamkit.site.build.fragments draws each once per state).
FRAGMENTS = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/jamkit-header-start.html",
    "partials/jamkit-header-end.html",
)
_PRUNING_COMMANDS = {"build", "gh-deploy"}  # `mkdocs serve` keeps what the published build stored


def build_time(environ: os._Environ[str] | dict[str, str] = os.environ) -> dt.datetime:
    """``JAM_NOW`` (ISO 8601; UTC when it has no offset) makes builds reproducible; else the clock."""
    text = environ.get("JAM_NOW", "").strip()
    if not text:
        return dt.datetime.now(dt.UTC)
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


@dataclass
class Build:
    """What one build knows: the catalog, the time, and the generated pages by ``src_uri``."""

    root: Path
    now: dt.datetime
    catalog: Catalog
    pages: dict[str, SitePage]
    files: list[tuple[str, str]]
    renderer: Renderer
    cache: PageCache | None = None  # None when ``JAM_CACHE=off``
    nav: Navigation | None = None
    search: StreamedIndex = field(default_factory=StreamedIndex)  # fed each page as it is written (on_post_page)
    drawer: workers.Helper[SitePage] | None = None  # the second process drawing jamkit's HTML, if one was started
    old_output: outdir.SetAside | None = None  # the previous build's output, being deleted by another process
    in_helper: bool = False  # True in that process (``workers.fork`` copies this object with everything else)
    ahead: Ahead = field(default_factory=Ahead)  # Material's pages drawn before MkDocs' loop: here or by a copy
    served: served.Served | None = None  # in a rebuild, the cached pages a thread writes instead of MkDocs' loop


_build: Build | None = None
_command = "build"
_dirty = False  # `--dirty` writes only changed pages: Pagefind then reads the whole site, nothing is set aside


def _current() -> Build:
    if _build is None:
        raise RuntimeError("jamkit.site: on_config has not run")
    return _build


# --------------------------------------------------------------------------- events


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a build (which prunes the page cache) or ``mkdocs serve`` (which does not)."""
    global _command, _dirty
    _command, _dirty = command, dirty


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the repository next to mkdocs.yml; report content errors as warnings (``--strict`` fails)."""
    global _build
    root = Path(config.config_file_path).resolve().parent
    try:
        now = build_time()
    except ValueError:
        log.warning("JAM_NOW=%r is not an ISO 8601 date-time; using the current time", os.environ.get("JAM_NOW"))
        now = dt.datetime.now(dt.UTC)
    forks = _command in _PRUNING_COMMANDS and workers.workers() != 1  # `serve` runs threads: no fork
    shelf = Shelf.at(root, "bodies")
    with bodies_ahead(root, shelf, None if forks else 1) as early:  # a copy renders bodies while this one loads
        catalog, diagnostics = load_catalog(root)
        for d in sorted(diagnostics):
            if d.severity == "error":
                log.warning("%s:%d:%d: %s %s (run `jam check` for details)", d.path, d.line, d.col, d.code, d.message)
        refused = check_tree(catalog, now)
        for d in refused:
            log.error("%s:%d:%d: %s %s (%s)", d.path, d.line, d.col, d.code, d.message, d.fix)
        if refused:
            raise PluginError(
                f"jamkit: {len(refused)} file(s) under submissions/ may not be published (see above); nothing was built"
            )
        pages, assets, index = build_pages(catalog, now)
        _render_bodies(catalog, shelf, forks, early)
    shown = [*index.sprints.values(), *index.visible.values(), *catalog.publications.values()]
    for d in sorted(d for record in shown for d in check_body(record)):  # not a warning: the site still builds
        log.info("%s: %s %s; its page shows a placeholder (%s)", d.path, d.code, d.message, d.fix)
    _build = Build(
        root=root,
        now=now,
        catalog=catalog,
        pages={page.src_uri: page for page in pages},
        files=[(a.src_uri, a.abs_path) for a in assets],
        renderer=Renderer(index, config.site_url, urls.Repository.of(config.repo_url, config.edit_uri)),
        cache=PageCache(store, Shelf.at(root, "records")) if (store := Store.at(root, "pages")) is not None else None,
    )
    if _command in _PRUNING_COMMANDS and not _dirty:  # MkDocs would empty the output folder file by file
        _build.old_output = outdir.set_aside(Path(config.site_dir))
    if _command in _PRUNING_COMMANDS and workers.worth_forking(len(pages)):  # `serve` runs threads: no fork
        # jamkit's own drawing, from the last page back, while this process reads the docs and draws from the first
        _build.drawer = workers.fork(pages, _build.renderer.render, _site_uri)
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    for script in SCRIPTS:
        if script not in config.extra_javascript:
            config.extra_javascript.append(script)
    theme = str(THEME)
    if theme not in config.theme.dirs:  # from the package, so a fresh clone (or any jamkit repo) needs no copy
        config.theme.dirs.insert(0, theme)
    return config


def _render_bodies(catalog: Catalog, shelf: Shelf | None, forks: bool, early: Begun | None) -> None:
    """Every body, from ``.cache/jamkit/bodies`` or rendered on every core (a build; ``serve`` runs threads)."""
    texts = set(bodies_of(catalog))
    rendered = prime_bodies(texts, shelf, None if forks else 1, early)
    if shelf is not None:
        kept = len(texts) - rendered
        log.info("jamkit: %d of %d bodies came from the cache (.cache/jamkit/bodies)", kept, len(texts))
        shelf.close(complete=_command in _PRUNING_COMMANDS)  # `serve` keeps what the published build stored


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, copied attachments and the stylesheet as virtual files."""
    build = _current()
    assets = resources.files("jamkit.site") / "assets"
    generated: list[File] = [
        *(
            File.generated(config, name, content=(assets / name.split("/")[-1]).read_bytes())
            for name in (CSS, *SCRIPTS)
        ),
        File.generated(
            config, TAGS_PAGE, content="# Tags\n\n<!-- material/tags -->\n", inclusion=InclusionLevel.NOT_IN_NAV
        ),
    ]
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        generated.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for src_uri, abs_path in build.files:
        generated.append(File.generated(config, src_uri, abs_src_path=abs_path))
    for file in generated:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning("docs/%s is replaced by a page jamkit generates; remove it from docs/", file.src_uri)
            files.remove(existing)
        files.append(file)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Keep the navigation: every page's key includes its shape, final once every page is read."""
    _current().nav = nav
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Generated pages: set escaped meta (Material prints ``meta.title`` and tags raw) and skip Markdown."""
    if page.file.src_uri == TAGS_PAGE:  # a list of every tagged page: no search result, and heavy to fetch
        page.meta["jam"] = {"indexed": False}
    site_page = _current().pages.get(page.file.src_uri)
    if site_page is None:
        return None
    page.render = MethodType(_render_nothing, page)  # type: ignore[method-assign]
    if not page.is_homepage:  # Material titles the home page with the site name alone
        page.meta["title"] = html.escape(site_page.title)
    page.meta["hide"] = list(site_page.hide)
    if site_page.tombstone or not site_page.listed:  # Material's search leaves the page out of its index
        page.meta["search"] = {"exclude": True}
    if site_page.tags:
        page.meta["tags"] = [html.escape(tag) for tag in site_page.tags]
    if site_page.description:
        page.meta["description"] = html.escape(" ".join(site_page.description.split()))
    page.meta["jam"] = page_head(site_page, config.site_url or None)
    return ""


def page_head(site_page: SitePage, site_url: str | None) -> dict[str, Any]:
    """What ``jamkit/site/theme/main.html`` writes into ``<head>`` and around the body: raw text, escaped there."""
    meta = site_page.meta
    base = site_url.rstrip("/") + "/" if site_url else None
    records = [dict(r) for r in meta.structured]
    if base and records and len(records) == 1:
        records[0]["url"] = base + site_page.url
    return {
        "title": site_page.title,
        "description": " ".join((site_page.description or "").split()) or None,
        "og_type": meta.og_type,
        "image": base + meta.image if base and meta.image else None,
        "json_ld": json_ld_text(tuple(records)) if records else None,
        "indexed": meta.indexed and not site_page.tombstone,
        "filters": [filter_attribute(name, value) for name, values in meta.filters.items() for value in values],
    }


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Generated pages get their HTML from the templates."""
    build = _current()
    site_page = build.pages.get(page.file.src_uri)
    if site_page is None:
        return None
    if build.drawer is not None and build.drawer.take(site_page):
        try:
            return build.drawer.drawing(site_page)
        except workers.DrawingFailed as error:
            raise PluginError(f"jamkit: {error}") from None
    return build.renderer.render(site_page)


def _site_uri(page: SitePage) -> str:
    return page.src_uri


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What ``Page.render`` leaves on a page whose Markdown is empty, without building a Markdown converter."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Every page is read by now: share Material's fragments, serve what the cache holds, then (``site.ahead``)
    give Pagefind every page at once in a rebuild, or share the pages still to draw with a second process.
    The hooks run this event last."""
    build = _current()
    _share_fragments(env, build.nav)
    if build.cache is not None and build.nav is not None:
        generated = (files.get_file_from_path(src_uri) for src_uri in build.pages)
        build.cache.serve(env, [f.page for f in generated if f is not None and f.page is not None], config, build.nav)
    drawn = None
    if build.cache is not None and build.nav is not None and not _dirty and _command in _PRUNING_COMMANDS:
        drawn = ahead.index_early(build.ahead, env, build.nav, files, config, build.cache, build.search)
        if drawn is not None:
            log.info("jamkit: Pagefind was given every page before MkDocs wrote them (%d drawn first)", drawn)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            nav = build.nav

            def redraw(page: Page) -> str:
                return ahead.draw_page(env, nav, doc_files, config, page)

            build.served = served.plan(files, config, build.cache, redraw)
    # No fork once Pagefind's threads run (every page left was drawn above anyway), nor in `serve` (threads too).
    if drawn is None and build.nav is not None and _command in _PRUNING_COMMANDS:
        cached = build.cache.hits if build.cache is not None else {}

        def wanted(page: Page) -> bool:  # a generated page Material must still draw
            return page.file.src_uri in build.pages and page.file.src_uri not in cached

        def in_copy() -> None:
            build.in_helper = True

        ahead.fork_drawing(build.ahead, env, build.nav, files, config, wanted, in_copy)
    return env


def _share_fragments(env: jinja2.Environment, nav: Navigation | None) -> None:
    """Draw Material's navigation, tabs and header once per set of active items, not once per page."""
    if nav is None:
        return
    in_nav = {id(page) for page in nav.pages}
    items = list(enumerate(_tree(nav.items)))

    def state(context: jinja2.runtime.Context) -> tuple[int, ...] | None:
        page = context.get("page")
        if not isinstance(page, Page) or id(page) in in_nav:  # a page in the navigation has its contents drawn in it
            return None
        return tuple(k for k, item in items if getattr(item, "active", False))

    fragments.install(env, FRAGMENTS, state)


def _tree(items: list[Any]) -> list[Any]:
    """Every item of the navigation, sections and links included, in order."""
    return [found for item in items for found in (item, *_tree(getattr(item, "children", None) or []))]


# Two spots where Material 9.8's markup is not valid HTML (the Nu HTML Checker says so on every page):
# ``autocomplete`` on its checkbox toggles, and ``tabindex=""`` on section labels in the navigation.
_MATERIAL_INVALID = (
    (re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'), r"\1"),
    (re.compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""'), r"\1"),
)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page made valid HTML where Material's templates are not; a generated page Material drew this time is
    stored under the key it was drawn for (already made valid, so a cached page comes out the same)."""
    for pattern, repl in _MATERIAL_INVALID:
        output = pattern.sub(repl, output)
    build = _current()
    drawn_elsewhere = build.ahead.owned_by_helper(page)  # and stored there
    if build.cache is not None and not drawn_elsewhere:
        build.cache.keep(page, output)
    if build.in_helper:  # the search index is fed by this process, in page order, never by the copy
        return output
    record = search_record(output)
    if build.cache is not None:
        build.cache.keep_record(page, record)
    if not _dirty and not build.ahead.drawing_early:  # (once Pagefind is writing, it takes no more pages)
        build.search.add_record(page.url, record)
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """After MkDocs' last static template (``sitemap.xml`` lists every page), the cached pages leave its loop."""
    build = _current()
    if build.served is not None:
        build.served.template_drawn(template_name)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Write the open data beside the pages, while Pagefind writes the index of the pages fed to it on its own core."""
    build = _current()
    site_dir = Path(config.site_dir).resolve()

    def finish() -> None:
        _write_open_data(build, site_dir, config)  # (first: the thread writing cached pages rarely needs this core)
        if build.served is not None:
            try:
                written = build.served.finish()
            except served.WritingFailed as error:
                raise PluginError(f"jamkit: {error}") from None
            if written:
                log.info("jamkit: %d pages were written from the cache beside MkDocs' loop", written)
        if build.old_output is not None:
            build.old_output.wait()
        for helper, what in ((build.drawer, "jamkit's HTML for"), (build.ahead.helper, "Material's template for")):
            if helper is not None:
                helper.close()
                log.info("jamkit: a second process drew %s %d of the pages", what, helper.count)
        if build.cache is not None:
            hits, pages = len(build.cache.hits), len(build.cache.keys)
            log.info("jamkit: %d of %d generated pages came from the cache (.cache/jamkit/pages)", hits, pages)
            build.cache.close(complete=_command in _PRUNING_COMMANDS)

    try:
        if _dirty:  # `--dirty` wrote only changed pages: Pagefind reads the whole site once it is written
            finish()
            indexed = index_site(site_dir)
        else:
            indexed = build.search.write(site_dir, meanwhile=finish)
    except IndexingFailed as error:
        raise PluginError(f"jamkit: the search index was not built: {error}") from None
    log.info("jamkit: Pagefind indexed the site (%s); the build waited %.1f s for it", indexed.summary, indexed.seconds)


def _write_open_data(build: Build, site_dir: Path, config: MkDocsConfig) -> None:
    """The JSON, schema, feed and calendar; tombstones leave the sitemap."""
    _drop_from_sitemap(site_dir, [page.url for page in build.pages.values() if page.tombstone or not page.listed])
    for name, text in api.outputs(
        build.catalog, build.now, site_url=config.site_url or None, site_name=config.site_name
    ).items():
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            log.warning("jamkit.site.api returned an unsafe path %r; skipped", name)
            continue
        target = site_dir.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")  # keep the calendar's CRLF


_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def _drop_from_sitemap(site_dir: Path, urls: list[str]) -> None:
    """MkDocs lists every page in ``sitemap.xml`` (and its ``.gz``); a retracted project's notice is not news."""
    sitemap = site_dir / "sitemap.xml"
    if not urls or not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    gone = tuple(urls)
    kept = _SITEMAP_URL.sub(lambda m: "" if html.unescape(m.group(1)).endswith(gone) else m.group(0), text)
    sitemap.write_text(kept, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():
        packed.write_bytes(gzip.compress(kept.encode("utf-8"), mtime=0))


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild (and re-index for search) when content, templates, theme or assets change, not only docs/."""
    root = Path(config.config_file_path).resolve().parent
    for name in CONTENT_DIRS:
        if (root / name).is_dir():
            server.watch(str(root / name))
    for folder in ("templates", "theme", "assets"):  # each rebuild is indexed again (on_post_build)
        server.watch(str(resources.files("jamkit.site") / folder))
    return server
