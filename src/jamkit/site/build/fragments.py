"""Material's navigation and tabs drawn once per shape, not once per page.

Material draws the same navigation, tabs and header into every page; at
10,000 projects that was a third of a build. What changes between two pages is
which items are active, whether the page itself is in the navigation (then its
table of contents is drawn into it), and the links, which the theme's ``url``
filter makes relative to the page. So each fragment is drawn once per *state*
(a key the caller computes from the page) with every ``url`` result left as a
marker, kept as pieces, and per page only the markers are filled in by the
theme's own ``url`` filter: the page gets the bytes Material would have drawn.

``install`` wraps the theme's loader: a fragment's name serves a one-line stub
that calls ``jamkit_fragment``; its original stays reachable under
``jamkit-original/``. A state of None means "draw it as usual" (pages in the
navigation). ``JAM_FRAGMENTS=off`` draws every fragment for every page, which is
what the test compares against.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ORIGINAL = "jamkit-original/"
# The same on every page but for links and active items.
NAVIGATION = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/jamkit-header-start.html",
    "partials/jamkit-header-end.html",
)
_DRAWING = "_jamkit_drawing_fragment"  # set in the context while a fragment is drawn once for many pages

State = Callable[[Context], Hashable | None]


def enabled(environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """Fragments are shared unless ``JAM_FRAGMENTS`` is ``off`` (or ``0``, ``no``, ``false``)."""
    return environ.get("JAM_FRAGMENTS", "").strip().lower() not in {"off", "0", "no", "false"}


class _StubLoader(jinja2.BaseLoader):
    """Serves each fragment's name as a call to ``jamkit_fragment``, and the original under ``jamkit-original/``."""

    def __init__(self, inner: jinja2.BaseLoader, names: frozenset[str]) -> None:
        self.inner = inner
        self.names = names

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        if template in self.names:
            return "{{ jamkit_fragment(" + repr(template) + ") }}", None, lambda: True
        return self.inner.get_source(environment, template.removeprefix(ORIGINAL))


@dataclass
class Fragments:
    """Drawn fragments by (name, state), as literal text alternating with the values given to ``url``."""

    state: State
    url: Callable[[Context, str], str]  # the theme's own filter, which makes a link relative to the page
    marker: re.Pattern[str] = field(init=False)
    opening: str = field(init=False)
    drawn: dict[tuple[str, Hashable], list[str]] = field(default_factory=dict)
    draws: int = 0  # how many times a fragment was drawn, for the log

    def __post_init__(self) -> None:
        nonce = secrets.token_hex(8)  # no page text can forge a marker it cannot know
        self.opening = f"\x02{nonce}:"
        self.marker = re.compile(re.escape(self.opening) + "(.*?)\x03", re.DOTALL)

    def mark(self, context: Context, value: Any) -> str:
        """The ``url`` filter: a marker while a shared fragment is drawn, the link itself otherwise."""
        if context.get(_DRAWING):
            return f"{self.opening}{value}\x03"
        return self.url(context, value)

    def draw(self, context: Context, name: str) -> Markup:
        """The fragment for this page: drawn once per state, its links filled in for this page."""
        template = context.environment.get_template(ORIGINAL + name)
        state = self.state(context)
        if state is None:
            return Markup(template.render(context.get_all()))
        pieces = self.drawn.get((name, state))
        if pieces is None:
            self.draws += 1
            pieces = self.marker.split(template.render({**context.get_all(), _DRAWING: True}))
            self.drawn[(name, state)] = pieces
        filled = [piece if k % 2 == 0 else self.url(context, piece) for k, piece in enumerate(pieces)]
        return Markup("".join(filled))


def install(env: jinja2.Environment, names: tuple[str, ...], state: State) -> Fragments | None:
    """Share the drawing of ``names`` between pages of the same state; None when turned off."""
    if not enabled() or not names:
        return None
    fragments = Fragments(state=state, url=env.filters["url"])
    env.loader = _StubLoader(env.loader or jinja2.DictLoader({}), frozenset(names))

    @jinja2.pass_context
    def url(context: Context, value: Any) -> str:
        return fragments.mark(context, value)

    @jinja2.pass_context
    def fragment(context: Context, name: str) -> Markup:
        return fragments.draw(context, name)

    env.filters["url"] = url
    env.globals["jamkit_fragment"] = fragment
    return fragments


def share_navigation(env: jinja2.Environment, nav: Navigation) -> Fragments | None:
    """Material's navigation, tabs and header drawn once per set of active items, not once per page."""
    in_nav = {id(page) for page in nav.pages}
    items = list(enumerate(_tree(nav.items)))

    def state(context: Context) -> tuple[int, ...] | None:
        page = context.get("page")
        if not isinstance(page, Page) or id(page) in in_nav:  # a page in the navigation has its contents drawn in it
            return None
        return tuple(k for k, item in items if getattr(item, "active", False))

    return install(env, NAVIGATION, state)


def _tree(items: list[Any]) -> list[Any]:
    """Every item of the navigation, sections and links included, in order."""
    return [found for item in items for found in (item, *_tree(getattr(item, "children", None) or []))]
