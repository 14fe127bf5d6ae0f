"""The generated pages as MkDocs sees them: virtual files with empty Markdown, and the meta Material prints.

Pages are virtual files (``File.generated``) so nothing is written into
``docs/``; their HTML comes from ``jamkit.site.render``, which escapes every
value and sanitizes untrusted bodies. Material prints ``meta.title`` and tags
raw, so they are escaped here; ``page_head`` is what jamkit's ``main.html``
writes into ``<head>`` (escaped there). Project and people pages are "not in
nav": Material draws the whole navigation into every page.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from importlib import resources
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from jamkit.files.outputs import ASSETS, PAGE_SOURCE, TAGS
from jamkit.site.meta import filter_attribute, json_ld_text
from jamkit.site.pages import SitePage

log = logging.getLogger("mkdocs.plugins.jamkit")

CSS = f"{ASSETS}jamkit.css"
SCRIPTS = (
    f"{ASSETS}jamkit.js",  # local times, countdowns and statuses that follow the clock
    f"{ASSETS}jamkit-search.js",
    f"{ASSETS}jamkit-filter.js",
    f"{ASSETS}jamkit-tables.js",
    f"{ASSETS}jamkit-upload.js",  # a live sprint's report upload, on the pull request's own branch
)
TAGS_PAGE = f"{TAGS}{PAGE_SOURCE}"


def add_files(
    files: Files, config: MkDocsConfig, pages: Iterable[SitePage], attachments: Iterable[tuple[str, str]]
) -> Files:
    """The generated pages, copied attachments, the stylesheet and scripts added as virtual files."""
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
    for page in pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        generated.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for src_uri, abs_path in attachments:
        generated.append(File.generated(config, src_uri, abs_src_path=abs_path))
    for file in generated:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning("docs/%s is replaced by a page jamkit generates; remove it from docs/", file.src_uri)
            files.remove(existing)
        files.append(file)
    return files


def add_assets(config: MkDocsConfig) -> None:
    """The stylesheet and scripts on every page."""
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    for script in SCRIPTS:
        if script not in config.extra_javascript:
            config.extra_javascript.append(script)


def set_meta(page: Page, site_page: SitePage, site_url: str | None) -> None:
    """The page's title (MkDocs takes it from ``meta``: the Markdown is empty), tags and what ``<head>`` says."""
    if not page.is_homepage:  # Material titles the home page with the site name alone
        page.meta["title"] = html.escape(site_page.title)
    page.meta["hide"] = list(site_page.hide)
    if site_page.tombstone or not site_page.listed:  # Material's search leaves the page out of its index
        page.meta["search"] = {"exclude": True}
    if site_page.tags:
        page.meta["tags"] = [html.escape(tag) for tag in site_page.tags]
    if site_page.description:
        page.meta["description"] = html.escape(" ".join(site_page.description.split()))
    page.meta["jam"] = page_head(site_page, site_url)


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
