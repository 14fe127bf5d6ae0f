"""The navigation a reader sees: a tab whose listing has nothing in it yet is left out.

A new programme has no winners, publications or fellowship: their pages are
still built (a link to them keeps working, and says there is nothing yet), but
their tabs would lead to empty pages, so ``on_nav`` drops them, and a section
left with nothing. Pages say whether they are empty (``SitePage.empty``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def without_empty(nav: Navigation, empty: Collection[str]) -> Navigation:
    """``nav`` without the pages whose ``src_uri`` is in ``empty`` (their files are still built)."""
    nav.items = _kept(nav.items, empty)
    nav.pages = [page for page in nav.pages if page.file.src_uri not in empty]
    return nav


def _kept(items: list[Any], empty: Collection[str]) -> list[Any]:
    kept: list[Any] = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in empty:
            continue
        if isinstance(item, Section):
            item.children = _kept(item.children, empty)
            if not item.children:
                continue
        kept.append(item)
    return kept
