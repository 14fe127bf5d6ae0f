"""Finished pages from ``.cache/jamkit/pages`` when nothing they are drawn from changed.

A generated page's key is its own HTML and meta, its URLs and neighbours, the
navigation, the resolved settings and ``mkdocs.yml``, any hooks, the theme's
templates and version, MkDocs' version and jamkit's code (``jamkit.infra.cache``).
A page whose key is stored skips Material's template: its template becomes a
stub that returns the stored bytes, which are what the template wrote for that
key, so a cached build is byte-identical to a clean one. A page Material draws
is stored after ``on_post_page`` has made it valid HTML. An entry that cannot
be read whole is a miss: the page is drawn after all. Beside each page, what
search reads of it is kept under the same key (``records``, on a shelf), so a
rebuild gives Pagefind a cached page without reading its HTML again.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import mkdocs
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from jamkit.infra.cache import Shelf, Store, code_version, digest, files_digest

CACHED = "jamkit-cached-page.html"  # the template of a page served from the cache: its stored HTML, as is
_SETTINGS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "docs_dir",
)


@dataclass
class PageCache:
    """The store, and for this build each generated page's key and the pages served from it."""

    store: Store
    records: Shelf | None = None  # what search reads of each stored page (``search_record``), by the same key
    keys: dict[str, str] = field(default_factory=dict)  # src_uri -> key, for every generated page
    hits: dict[str, str] = field(default_factory=dict)  # src_uri -> the template a cached page would have used

    def serve(self, env: jinja2.Environment, pages: Iterable[Page], config: MkDocsConfig, nav: Navigation) -> None:
        """Key each page; the ones the store holds get the stub template instead of Material's."""
        site = site_key(config, nav)
        for page in pages:
            src_uri = page.file.src_uri
            key = digest(site, page_key(page))
            self.keys[src_uri] = key
            if self.store.has(key):
                self.hits[src_uri] = page.meta.get("template", "main.html")
                page.meta["template"] = CACHED
        stub = jinja2.DictLoader({CACHED: "{{ jamkit_cached_page() }}"})
        env.loader = jinja2.ChoiceLoader([stub, env.loader]) if env.loader is not None else stub

        @jinja2.pass_context
        def stored(context: jinja2.runtime.Context) -> Markup:
            return self._stored(context)

        env.globals["jamkit_cached_page"] = stored

    def _stored(self, context: jinja2.runtime.Context) -> Markup:
        """The stored HTML, read only now (never all pages in memory at once); drawn after all if it is not whole."""
        src_uri = context["page"].file.src_uri
        stored = self.store.get(self.keys[src_uri])
        if stored is not None:
            return Markup(stored.decode("utf-8", "surrogatepass"))
        template = self.hits.pop(src_uri)  # a miss after all: ``keep`` stores what Material draws now
        return Markup(context.environment.get_template(template).render(context.get_all()))

    def output(self, page: Page) -> bytes | None:
        """The bytes MkDocs would write for a page served from the cache; None when its entry is not whole."""
        src_uri = page.file.src_uri
        stored = self.store.get(self.keys[src_uri]) if src_uri in self.hits and src_uri in self.keys else None
        if stored is None:
            return None
        try:
            stored.decode("utf-8")
        except UnicodeDecodeError:  # lone surrogates, kept as such: MkDocs writes them as character references
            return stored.decode("utf-8", "surrogatepass").encode("utf-8", "xmlcharrefreplace")
        return stored

    def keep(self, page: Page, output: str) -> None:
        """Store a generated page Material drew this time under the key it was drawn for."""
        src_uri = page.file.src_uri
        if src_uri in self.keys and src_uri not in self.hits:
            self.store.put(self.keys[src_uri], output.encode("utf-8", "surrogatepass"))

    def keep_record(self, page: Page, record: str | None) -> None:
        """Keep what search reads of a generated page (None: left out of search), under the page's key."""
        key = self.keys.get(page.file.src_uri)
        if key is not None and self.records is not None:
            self.records.put(key, json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"))

    def has_record(self, page: Page) -> bool:
        """Whether a page served from the cache comes with what search reads of it."""
        return self.stored_record(page) is not MISSING

    def stored_record(self, page: Page) -> str | Missing | None:
        """What search reads of a page served from the cache, or ``MISSING`` when it was not kept."""
        key = self.keys.get(page.file.src_uri)
        raw = self.records.get(key) if key is not None and self.records is not None else None
        if raw is None or page.file.src_uri not in self.hits:
            return MISSING
        try:
            record = json.loads(raw.decode("utf-8", "surrogatepass"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return MISSING
        return record if record is None or isinstance(record, str) else MISSING

    def close(self, complete: bool) -> None:
        """Keep the records; ``complete`` (a build, not ``serve``) drops those of pages no longer built."""
        if complete:
            self.store.prune()
        if self.records is not None:
            self.records.close(complete)


class Missing(enum.Enum):
    """No record kept for a page (an older cache, or an entry not as jamkit writes it)."""

    MISSING = "missing"


MISSING = Missing.MISSING


def _plain(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False)


def _nav_shape(items: list[Any]) -> list[Any]:
    """The navigation as Material draws it into every page: titles, URLs, meta, sections, in order."""
    shape: list[Any] = []
    for item in items:
        entry: dict[str, Any] = {"kind": type(item).__name__, "title": item.title}
        if hasattr(item, "url"):
            entry["url"] = item.url
        if isinstance(item, Page):
            entry["meta"] = _plain(item.meta)
        children = getattr(item, "children", None)
        if children:
            entry["children"] = _nav_shape(children)
        shape.append(entry)
    return shape


def site_key(config: MkDocsConfig, nav: Navigation | None) -> str:
    """What every page's HTML depends on besides the page itself."""
    theme_dirs = [Path(d) for d in config.theme.dirs]
    try:
        theme_version = metadata.version(f"mkdocs-{config.theme.name}")
    except (metadata.PackageNotFoundError, ValueError):
        theme_version = ""
    settings = {name: config.get(name) for name in _SETTINGS}
    settings["theme"] = dict(config.theme)
    hooks = [Path(str(path)) for path in (config.get("hooks") or {})]
    return digest(
        "jamkit pages 1",
        code_version(),
        mkdocs.__version__,
        str(config.theme.name),
        theme_version,
        files_digest(path for folder in theme_dirs for path in folder.rglob("*.html")),
        Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
        _plain(settings),
        files_digest(Path(config.config_file_path).parent / p if not p.is_absolute() else p for p in hooks),
        _plain(_nav_shape(nav.items) if nav is not None else None),
    )


def page_key(page: Page) -> str:
    """What Material reads of one page: its own HTML, meta, title, URLs and neighbours."""
    neighbour = {
        name: (other.url, other.title) if (other := getattr(page, name)) is not None else None
        for name in ("previous_page", "next_page")
    }
    return _plain(
        {
            "src_uri": page.file.src_uri,
            "url": page.url,
            "canonical_url": page.canonical_url,
            "abs_url": page.abs_url,
            "edit_url": page.edit_url,
            "title": page.title,
            "meta": page.meta,
            "content": page.content,
            "toc": [str(item) for item in page.toc],
            "homepage": page.is_homepage,
            "parent": page.parent.title if page.parent else None,
            **neighbour,
        }
    )
