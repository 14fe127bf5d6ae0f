"""In a rebuild, the pages served from the cache are written by a thread of jamkit's, not by MkDocs' loop.

MkDocs' loop spends about a millisecond on each page even when its HTML comes
from the cache (the context, the stub template, every ``on_post_page``, the
write), 20 s at 10,000 projects, on the core Pagefind needs to write the index.
When Pagefind was given every page before the loop (``site.ahead.index_early``),
the loop has nothing left to learn from those pages, so they leave it: once
MkDocs has drawn its static templates (``sitemap.xml`` lists every page), each
page served from the cache is marked excluded, and a thread writes its stored
bytes where MkDocs would have written them, the very bytes MkDocs would have
written. A page whose entry turns out not to be whole is drawn after the loop
as the cache's stub would have drawn it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from jamkit.site.build.pagecache import PageCache


class WritingFailed(Exception):
    """A page could not be written into the output folder; the message names it and the error."""


@dataclass
class Served:
    """The pages to write here, the static templates MkDocs has still to draw, and the thread writing."""

    pages: list[Page]
    cache: PageCache
    templates_left: set[str]
    redraw: Callable[[Page], str]  # what MkDocs' loop would draw for a page (its events included)
    thread: threading.Thread | None = None
    unreadable: list[Page] = field(default_factory=list)  # entries not whole: drawn after MkDocs' loop
    inclusion: dict[int, InclusionLevel] = field(default_factory=dict)  # each page's, before it left the loop
    failure: str | None = None

    @property
    def started(self) -> bool:
        return self.thread is not None

    def template_drawn(self, name: str) -> None:
        """MkDocs drew a static template; after the last one, the pages leave its loop and are written here."""
        self.templates_left.discard(name)
        if self.templates_left or self.thread is not None:
            return
        for page in self.pages:
            self.inclusion[id(page)] = page.file.inclusion
            page.file.inclusion = InclusionLevel.EXCLUDED
        self.thread = threading.Thread(target=self._write_all, name="jamkit-served-pages", daemon=True)
        self.thread.start()

    def _write_all(self) -> None:
        try:
            for page in self.pages:
                output = self.cache.output(page)
                if output is None:
                    self.unreadable.append(page)
                elif not self._write(page, output):
                    return
        except Exception as error:  # (never raised here: a thread's error would be lost) the build says so
            self.failure = f"the pages served from the cache could not be written: {error!r}"

    def _write(self, page: Page, output: bytes) -> bool:
        path = page.file.abs_dest_path
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as file:
                file.write(output)
        except OSError as error:
            self.failure = f"{page.file.src_uri} could not be written to {path}: {error.strerror or error}"
            return False
        return True

    def finish(self) -> int:
        """Wait for the thread, draw the pages whose entries were not whole; how many pages were written from the
        cache here (0: MkDocs' loop wrote them). Raises ``WritingFailed``."""
        if self.thread is None:
            return 0
        self.thread.join()
        for page in self.unreadable:  # the cache's stub draws Material's template when its entry is not whole
            page.file.inclusion = self.inclusion[id(page)]  # (Material's tags plugin skips an excluded page)
            if self.failure is None and (output := self.redraw(page)).strip():
                self._write(page, output.encode("utf-8", errors="xmlcharrefreplace"))
        if self.failure is not None:
            raise WritingFailed(self.failure)
        return len(self.pages) - len(self.unreadable)


def plan(files: Files, config: MkDocsConfig, cache: PageCache, redraw: Callable[[Page], str]) -> Served | None:
    """The pages served from the cache that jamkit will write, or None when MkDocs' loop must write them all.

    MkDocs reads the pages' list again for ``sitemap.xml.gz`` (its date is the newest page's, or the build's
    when there is none) and for any ``extra_templates``: some page must stay in its loop, and no extra template.
    """
    if config.extra_templates or not config.theme.static_templates:
        return None
    pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included) if file.page]
    served = [page for page in pages if page.file.src_uri in cache.hits]
    if not served or len(served) == len(pages):
        return None
    return Served(served, cache, set(config.theme.static_templates), redraw)
