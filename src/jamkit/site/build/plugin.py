"""jamkit's MkDocs plugin (``plugins: [jamkit]`` in ``mkdocs.yml``): each event handed to the module that does it.

A repository of sprints needs only the plugin's name in its ``mkdocs.yml``:
it loads the repository next to that file (``site.build.load``), adds the
generated pages as virtual files with empty Markdown (``site.build.generated``),
gives each its HTML from ``jamkit.site.render`` in ``on_page_content``, and
after the build writes the open data (``site.build.opendata``) while Pagefind
writes the search index of the pages it was given as they were written.
Everything one build knows lives on the plugin object, which ``mkdocs serve``
keeps from one rebuild to the next (it has ``on_startup``).

Speed, through MkDocs' public events only: a generated page whose inputs did not
change skips Material's template (``site.build.pagecache``), and a second process draws
jamkit's HTML (``site.build.workers``); docs/performance.md says what each buys.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from jamkit.core import i18n, wording
from jamkit.files.layout import CONTENT_DIRS
from jamkit.site.build import generated, material, navigation, privacy, workers
from jamkit.site.build.load import Build, Command, load, preview
from jamkit.site.build.opendata import write_open_data
from jamkit.site.build.options import OptionsInvalid, read_programme
from jamkit.site.build.pagecache import MISSING
from jamkit.site.programme import DEFAULT_LICENCE
from jamkit.site.search import IndexingFailed, index_site, search_record
from jamkit.site.vocabulary import script_words

log = logging.getLogger("mkdocs.plugins.jamkit")

# main.html (metadata, search body), header (search), source (repo link)
THEME = resources.files("jamkit.site") / "theme"


class OrganisationConfig(base.Config):
    """``organisation: {name, url}``: who runs the programme."""

    name = c.Type(str, default="")
    url = c.Type(str, default="")


class JamkitConfig(base.Config):
    """The plugin's settings in ``mkdocs.yml``: the programme's own words (``jamkit.site.programme``)."""

    name = c.Type(str, default="")  # empty: the site_name
    tagline = c.Type(str, default="")
    introduction = c.Type(str, default="")  # Markdown
    organisation = c.SubConfig(OrganisationConfig)
    contact = c.Type(str, default="")  # an https URL
    code_of_conduct = c.Type(str, default="")  # a page of docs/ or an https URL
    privacy = c.Type(str, default="")  # a page of docs/ or an https URL
    content_licence = c.Type(str, default=DEFAULT_LICENCE)  # an SPDX id

    # Hosts whose images write-ups may show (e.g. `[images.example.org]`); an image from any other server is a link.
    image_hosts = c.ListOfItems(c.Type(str), default=[])


class JamkitPlugin(BasePlugin[JamkitConfig]):
    """The generated pages, their HTML and head, the open data and the search index, for MkDocs."""

    def __init__(self) -> None:
        self.command = Command()
        self._build: Build | None = None

    @property
    def build(self) -> Build:
        """This build's state; set by ``on_config``."""
        if self._build is None:
            raise RuntimeError("jamkit: on_config has not run")
        return self._build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a build (which prunes the page cache) or ``mkdocs serve`` (which does not)."""
        self.command = Command(command, dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the programme's words, load the repository next to mkdocs.yml; report content errors as warnings
        (``--strict`` fails)."""
        try:
            programme = read_programme(self.config, config)
        except OptionsInvalid as error:
            raise PluginError(f"jamkit: the plugin's settings in mkdocs.yml need fixing:\n{error}") from None
        privacy.warn_outside_requests(config)
        self._build = load(config, self.command, programme, self.config.image_hosts)
        if preview(self.command):  # main.html: a banner and <meta name="jamkit-now">
            now = self._build.now
            config.extra["jamkit_preview"] = {"now": now.isoformat(), "shown": wording.utc_time(now)}
        generated.add_assets(config)
        theme = str(THEME)
        if theme not in config.theme.dirs:  # from the package, so a fresh clone (or any jamkit repo) needs no copy
            config.theme.dirs.insert(0, theme)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages, copied attachments and the stylesheet as virtual files."""
        return generated.add_files(files, config, self.build.pages.values(), self.build.files)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Leave out the tabs of listings with nothing in them yet, and keep the navigation: every page's cache key
        includes its shape, final once every page is read."""
        empty = {src_uri for src_uri, page in self.build.pages.items() if page.empty}
        self.build.nav = navigation.without_empty(nav, empty)
        return self.build.nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Generated pages: set escaped meta (title included) and leave the Markdown empty."""
        if page.file.src_uri == generated.TAGS_PAGE:  # a list of every tagged page: no search result, heavy to fetch
            page.meta["jam"] = {"indexed": False}
        site_page = self.build.pages.get(page.file.src_uri)
        if site_page is None:
            return None
        generated.set_meta(page, site_page, config.site_url or None)
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Generated pages get their HTML from jamkit's templates (drawn here, or by the second process)."""
        build = self.build
        site_page = build.pages.get(page.file.src_uri)
        if site_page is None:
            return None
        if build.drawer is not None and build.drawer.take(site_page):
            try:
                return build.drawer.drawing(site_page)
            except workers.DrawingFailed as error:
                raise PluginError(f"jamkit: {error}") from None
        return build.renderer.render(site_page)

    @event_priority(-100)  # last: the cache keys must see every other plugin's setup
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Every page is read by now: give the footer the programme's words, serve what the cache holds."""
        build = self.build
        env.globals["jamkit_programme"] = build.programme  # theme/partials/copyright.html
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        # `_()` in jamkit's theme partials: the site's language (Material translates its own words with `lang.t`)
        env.install_gettext_translations(i18n.translations(build.language), newstyle=True)  # type: ignore[attr-defined]
        with i18n.speaking(build.language):  # the scripts' words (theme/main.html); English pages need none
            env.globals["jamkit_words"] = script_words() if build.language != i18n.ENGLISH else {}
        if build.nav is None:
            return env
        if build.cache is not None:
            found = (files.get_file_from_path(src_uri) for src_uri in build.pages)
            build.cache.serve(env, [f.page for f in found if f is not None and f.page is not None], config, build.nav)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page made valid HTML where Material's templates are not; a generated page Material drew this time
        is stored under its key (already made valid, so a cached page comes out the same); search is fed."""
        output = material.made_valid(output)
        build = self.build
        cache = build.cache
        record = MISSING if cache is None else cache.stored_record(page)  # kept beside a page served from the cache
        if record is MISSING:
            record = search_record(output)
            if cache is not None:
                cache.keep(page, output)
                cache.keep_record(page, record)
        if not self.command.dirty:
            build.search.add_record(page.url, record)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the open data beside the pages while Pagefind writes the index of the pages fed to it."""
        build, command = self.build, self.command
        site_dir = Path(config.site_dir).resolve()

        def finish() -> None:
            unlisted = [page.url for page in build.pages.values() if page.tombstone or not page.listed]
            with i18n.speaking(build.language):  # the feed's and calendars' words (this may run in another thread)
                write_open_data(build.catalog, build.now, site_dir, config.site_url or None, config.site_name, unlisted)
            if build.drawer is not None:
                build.drawer.close()
                log.info("jamkit: a second process drew jamkit's HTML for %d of the pages", build.drawer.count)
            if build.cache is not None:
                hits, pages = len(build.cache.hits), len(build.cache.keys)
                log.info("jamkit: %d of %d generated pages came from the cache (.cache/jamkit/pages)", hits, pages)
                build.cache.close(complete=command.prunes)

        try:
            if command.dirty:  # `--dirty` wrote only changed pages: Pagefind reads the whole site once it is written
                finish()
                indexed = index_site(site_dir)
            else:
                indexed = build.search.write(site_dir, meanwhile=finish)
        except IndexingFailed as error:
            raise PluginError(f"jamkit: the search index was not built: {error}") from None
        log.info(
            "jamkit: Pagefind indexed the site (%s); the build waited %.1f s for it", indexed.summary, indexed.seconds
        )

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild (and re-index for search) when content, templates, theme or assets change, not only docs/."""
        root = Path(config.config_file_path).resolve().parent
        for name in CONTENT_DIRS:
            if (root / name).is_dir():
                server.watch(str(root / name))
        for folder in ("templates", "theme", "assets"):  # each rebuild is indexed again (on_post_build)
            server.watch(str(resources.files("jamkit.site") / folder))
        return server
