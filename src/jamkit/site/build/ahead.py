"""Material's pages drawn before MkDocs' own loop reaches them; the loop then writes what was drawn.

Two uses. A rebuild draws first the few pages the cache does not hold, so that
Pagefind can be given every page before MkDocs writes any and writes its index
meanwhile (``index_early``). A large build shares the pages still to draw
with a forked copy of this process, which draws them from the last one back
(``fork_drawing``, ``jamkit.site.build.workers``). Either way the page's template
becomes ``DRAWN``, a stub that gives back the drawing (or, for a page the copy
did not reach, draws it with its own template), so MkDocs writes the very bytes
drawn, through its own events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from jamkit.site.build import workers
from jamkit.site.build.pagecache import MISSING, PageCache
from jamkit.site.search import StreamedIndex, search_record

DRAWN = "jamkit-drawn-page.html"  # the template of a page drawn ahead: its drawing, as is
EARLY_MOST = 500  # pages drawn here before MkDocs' loop; with more, they are drawn as usual, on two cores


@dataclass
class Ahead:
    """This build's pages drawn ahead: here (``early``) or by the second process (``helper``)."""

    early: dict[str, str] = field(default_factory=dict)  # src_uri -> the page drawn before MkDocs' loop
    drawing_early: bool = False  # while those are drawn: search is given every page after them, in order
    helper: workers.Helper[Page] | None = None  # the second process drawing Material's pages, if one was started
    templates: dict[str, str] = field(default_factory=dict)  # src_uri -> its own template, if the helper may draw it

    def owned_by_helper(self, page: Page) -> bool:
        return self.helper is not None and self.helper.owns(page)

    def drawing(self, page: Page, context: jinja2.runtime.Context) -> str:
        """The page as drawn before the loop or by the second process, or drawn now with its own template."""
        src_uri = page.file.src_uri
        early = self.early.pop(src_uri, None)
        if early is not None:
            return early
        try:
            if self.helper is not None and self.helper.take(page):
                return self.helper.drawing(page)
        except workers.DrawingFailed as error:
            raise PluginError(f"jamkit: {error}") from None
        template = self.templates.pop(src_uri, None)
        if template is None:
            raise PluginError(f"jamkit: {src_uri} was to be drawn ahead, and was not")
        return context.environment.get_template(template).render(context.get_all())

    def use(self, env: jinja2.Environment) -> None:
        """Pages whose template is ``DRAWN`` get what was drawn for them."""

        @jinja2.pass_context
        def drawn(context: jinja2.runtime.Context) -> Markup:
            return Markup(self.drawing(context["page"], context))

        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({DRAWN: "{{ jamkit_drawn_page() }}"}), env.loader])
        env.globals["jamkit_drawn_page"] = drawn


def draw_page(
    env: jinja2.Environment, nav: Navigation, doc_files: Sequence[File], config: MkDocsConfig, page: Page
) -> str:
    """What MkDocs' ``_build_page`` draws for ``page``, its events included, without writing it."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return config.plugins.on_post_page(template.render(context), page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def _in_order(files: Files) -> list[Page]:
    """The pages in the order MkDocs' build loop draws and writes them."""
    return [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included) if file.page]


def index_early(
    ahead: Ahead,
    env: jinja2.Environment,
    nav: Navigation,
    files: Files,
    config: MkDocsConfig,
    cache: PageCache,
    search: StreamedIndex,
) -> int | None:
    """Give Pagefind every page now, so it writes its index while MkDocs writes the pages; how many were drawn.

    Pages served from the cache come with what search read of them last time;
    the few others (changed pages, the hand-written docs) are drawn here first.
    Pagefind gets them all in MkDocs' order, as ``on_post_page`` would give them,
    so the index is the one a clean build writes. None (nothing done) when too
    many pages are left to draw, or a cached page's record was not kept.
    """
    pages = _in_order(files)
    misses = [page for page in pages if page.file.src_uri not in cache.hits]
    if len(misses) > EARLY_MOST or not all(cache.has_record(page) for page in pages if page.file.src_uri in cache.hits):
        return None  # (records kept by an older jamkit: index the pages as they are written)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    drawn_records: dict[str, str | None] = {}
    ahead.drawing_early = True
    try:
        for page in misses:
            drawn = draw_page(env, nav, doc_files, config, page)
            ahead.early[page.file.src_uri] = drawn
            drawn_records[page.file.src_uri] = search_record(drawn)
            page.meta["template"] = DRAWN
    finally:
        ahead.drawing_early = False
    ahead.use(env)
    for page in pages:  # one at a time: 22,000 records are never all decoded at once
        src_uri = page.file.src_uri
        record = drawn_records[src_uri] if src_uri in drawn_records else cache.stored_record(page)
        search.add_record(page.url, None if record is MISSING else record)  # (never MISSING: checked above)
    search.start_writing(Path(config.site_dir).resolve())
    return len(misses)


def fork_drawing(
    ahead: Ahead,
    env: jinja2.Environment,
    nav: Navigation,
    files: Files,
    config: MkDocsConfig,
    wanted: Callable[[Page], bool],
    in_copy: Callable[[], None],
) -> None:
    """The ``wanted`` pages not drawn yet, drawn by a forked copy of this process from the last one back, while
    MkDocs' loop draws them here from the first one on (``workers``: the two meet where that falls).

    ``in_copy`` runs first in the copy (the build marks itself as the helper there).
    """
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    todo = [page for page in _in_order(files) if wanted(page) and page.file.src_uri not in ahead.early]
    if not workers.worth_forking(len(todo)):
        return

    def draw(page: Page) -> str:
        in_copy()
        return draw_page(env, nav, doc_files, config, page)

    ahead.helper = workers.fork(todo, draw, _src_uri, _destination)
    for page in todo:  # (after the fork: the copy draws them with their own templates)
        ahead.templates[page.file.src_uri] = page.meta.get("template", "main.html")
        page.meta["template"] = DRAWN
    ahead.use(env)


def _src_uri(page: Page) -> str:
    return page.file.src_uri


def _destination(page: Page) -> Path:
    return Path(page.file.abs_dest_path)
