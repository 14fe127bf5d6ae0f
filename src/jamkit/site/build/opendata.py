"""The open data written beside the pages (JSON, schemas, feed, calendar), and the sitemap without tombstones.

MkDocs lists every page in ``sitemap.xml`` (and its ``.gz``); a retracted
project's notice, or a page that is not listed, is not news to a search engine,
so it leaves the sitemap once MkDocs has written it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import logging
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from jamkit.core.model import Catalog
from jamkit.site import api

log = logging.getLogger("mkdocs.plugins.jamkit")

_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def write_open_data(
    catalog: Catalog, now: dt.datetime, site_dir: Path, site_url: str | None, site_name: str, unlisted: Iterable[str]
) -> None:
    """The JSON, schema, feed and calendar; ``unlisted`` page URLs leave the sitemap."""
    drop_from_sitemap(site_dir, list(unlisted))
    for name, text in api.outputs(catalog, now, site_url=site_url, site_name=site_name).items():
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            log.warning("jamkit.site.api returned an unsafe path %r; skipped", name)
            continue
        target = site_dir.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")  # keep the calendar's CRLF


def drop_from_sitemap(site_dir: Path, urls: list[str]) -> None:
    """Remove the pages at ``urls`` from ``sitemap.xml`` and its ``.gz``."""
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
