"""What one build knows, loaded when MkDocs reads its configuration: the catalog, the time, the generated pages.

The repository next to ``mkdocs.yml`` is loaded and checked once per build;
content errors become warnings (``--strict`` fails on them), files that may
not be published stop the build before anything is written, and a file named
like one of the build's own outputs is left out with a warning.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation

from jamkit.checks.answers import bodies_ahead, bodies_of, prime_bodies
from jamkit.checks.content.bodies import check_body
from jamkit.checks.pull_request.tree import check_outputs, check_tree
from jamkit.core import i18n
from jamkit.core.model import Catalog, Publication, Sprint, Submission
from jamkit.files.load import load_catalog
from jamkit.infra.cache import Shelf, Store
from jamkit.infra.parallel import Begun
from jamkit.site import urls
from jamkit.site.build import workers
from jamkit.site.build.pagecache import PageCache
from jamkit.site.pages import SitePage, build_pages
from jamkit.site.programme import Programme
from jamkit.site.render import Renderer
from jamkit.site.search import StreamedIndex

log = logging.getLogger("mkdocs.plugins.jamkit")

PRUNING_COMMANDS = {"build", "gh-deploy"}  # `mkdocs serve` keeps what the published build stored
_OFF = {"off", "0", "no", "false"}


def switched_on(variable: str, environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """A part of the build's speed machinery runs unless its variable is ``off`` (``JAM_PAGE_CACHE``;
    ``JAM_WORKERS`` is read where it acts): to measure what it buys."""
    return environ.get(variable, "").strip().lower() not in _OFF


def build_time(environ: os._Environ[str] | dict[str, str] = os.environ) -> dt.datetime:
    """``JAM_NOW`` (ISO 8601; UTC when it has no offset) makes builds reproducible; else the clock."""
    text = environ.get("JAM_NOW", "").strip()
    if not text:
        return dt.datetime.now(dt.UTC)
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def preview(command: Command, environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """``mkdocs serve`` with ``JAM_NOW`` (``scripts/serve --now TIME``): the site as it will be (or was) at TIME,
    marked on every page as a preview. A build with ``JAM_NOW`` is only reproducible, and says nothing."""
    if command.prunes or not environ.get("JAM_NOW", "").strip():
        return False
    try:
        build_time(environ)
    except ValueError:  # `load` warns and uses the clock: nothing to preview
        return False
    return True


@dataclass(frozen=True)
class Command:
    """How MkDocs was started: a build (which prunes the caches) or ``mkdocs serve``, and whether ``--dirty``."""

    name: str = "build"
    dirty: bool = False  # `--dirty` writes only changed pages: Pagefind then reads the whole site

    @property
    def prunes(self) -> bool:
        """A build or a deploy: caches keep only this build's entries, processes may be forked (``serve`` runs
        threads)."""
        return self.name in PRUNING_COMMANDS


@dataclass
class Build:
    """What one build knows: the catalog, the time, and the generated pages by ``src_uri``."""

    root: Path
    now: dt.datetime
    programme: Programme  # the programme's own words, from the plugin's settings
    language: str  # `theme.language` in mkdocs.yml, as jamkit.core.i18n names it ("pt_BR")
    catalog: Catalog
    pages: dict[str, SitePage]
    files: list[tuple[str, str]]
    renderer: Renderer
    cache: PageCache | None = None  # None when ``JAM_CACHE=off``
    nav: Navigation | None = None
    search: StreamedIndex = field(default_factory=StreamedIndex)  # fed each page as it is written (on_post_page)
    drawer: workers.Helper[SitePage] | None = None  # the second process drawing jamkit's HTML, if one was started


def load(config: MkDocsConfig, command: Command, programme: Programme, image_hosts: Collection[str] = ()) -> Build:
    """Load and check the repository next to ``mkdocs.yml``, render every body and plan every generated page.

    ``image_hosts`` (the plugin's setting) are the servers whose images bodies may show.
    """
    root = Path(config.config_file_path).resolve().parent
    try:
        now = build_time()
    except ValueError:
        log.warning("JAM_NOW=%r is not an ISO 8601 date-time; using the current time", os.environ.get("JAM_NOW"))
        now = dt.datetime.now(dt.UTC)
    forks = command.prunes and workers.workers() != 1
    language = site_language(config)
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
        for d in check_outputs(catalog):  # an attachment is left out of the site (jamkit.site.pages), never a crash
            log.warning("%s:%d:%d: %s %s (%s)", d.path, d.line, d.col, d.code, d.message, d.fix)
        with i18n.speaking(language):  # titles, descriptions and country names in the site's language
            pages, assets, index = build_pages(catalog, now, programme)
        _render_bodies(catalog, shelf, forks, early, command)
    shown: list[Sprint | Submission | Publication] = [
        *index.sprints.values(),
        *index.visible.values(),
        *catalog.publications.values(),
    ]
    for d in sorted(d for record in shown for d in check_body(record)):  # not a warning: the site still builds
        log.info("%s: %s %s; its page shows a placeholder (%s)", d.path, d.code, d.message, d.fix)
    build = Build(
        root=root,
        now=now,
        programme=programme,
        language=language,
        catalog=catalog,
        pages={page.src_uri: page for page in pages},
        files=[(a.src_uri, a.abs_path) for a in assets],
        renderer=Renderer(
            index, config.site_url, urls.Repository.of(config.repo_url, config.edit_uri), image_hosts, language
        ),
        cache=_page_cache(root),
    )
    if command.prunes and workers.worth_forking(len(pages)):  # `serve` runs threads: no fork
        # jamkit's own drawing, from the last page back, while this process reads the docs and draws from the first
        build.drawer = workers.fork(pages, build.renderer.render, _site_uri)
    return build


def site_language(config: MkDocsConfig) -> str:
    """The site's language: ``theme.language`` (Material's own setting), English when unset or unknown."""
    return i18n.normal(config.theme.get("language"))


def _page_cache(root: Path) -> PageCache | None:
    """``.cache/jamkit/pages``, unless ``JAM_CACHE`` or ``JAM_PAGE_CACHE`` is off."""
    store = Store.at(root, "pages") if switched_on("JAM_PAGE_CACHE") else None
    return PageCache(store, Shelf.at(root, "records")) if store is not None else None


def _render_bodies(catalog: Catalog, shelf: Shelf | None, forks: bool, early: Begun | None, command: Command) -> None:
    """Every body, from ``.cache/jamkit/bodies`` or rendered on every core (a build; ``serve`` runs threads)."""
    texts = set(bodies_of(catalog))
    rendered = prime_bodies(texts, shelf, None if forks else 1, early)
    if shelf is not None:
        kept = len(texts) - rendered
        log.info("jamkit: %d of %d bodies came from the cache (.cache/jamkit/bodies)", kept, len(texts))
        shelf.close(complete=command.prunes)  # `serve` keeps what the published build stored


def _site_uri(page: SitePage) -> str:
    return page.src_uri
