"""The site's own pages call no other server: the build warns when ``mkdocs.yml`` turns on something that would.

Material loads Google Fonts unless ``theme.font: false``; a stylesheet or script given by URL in ``extra_css`` or
``extra_javascript``, and ``extra.analytics``, make every reader's browser call another server, which then sees who
reads what. Each is a warning (``mkdocs build --strict`` fails on it) naming the line of ``mkdocs.yml`` and the fix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from jamkit.site.outside import outside_host

log = logging.getLogger("mkdocs.plugins.jamkit")


@dataclass(frozen=True)
class OutsideRequest:
    """Something in ``mkdocs.yml`` that makes each page call another server: the key, what it does, the fix."""

    key: str
    needles: tuple[str, ...]  # the texts that find its line in mkdocs.yml, the first found wins
    message: str
    fix: str


def outside_requests(config: MkDocsConfig) -> list[OutsideRequest]:
    """What in the configuration makes readers' browsers call a server other than the site's."""
    found: list[OutsideRequest] = []
    if config.theme.name == "material" and config.theme.get("font") is not False:
        found.append(
            OutsideRequest(
                "theme.font",
                ("font:", "theme:"),  # no `font:` line: Material's default, under `theme:`
                "Material loads its fonts from Google Fonts, so every reader's browser calls Google",
                "set `font: false` under `theme:` (system fonts), or serve the font files from the site",
            )
        )
    for key, items in (("extra_css", config.extra_css), ("extra_javascript", config.extra_javascript)):
        for item in items:
            path = str(getattr(item, "path", item))
            host = outside_host(path)
            if host is not None:
                found.append(
                    OutsideRequest(
                        key,
                        (path,),
                        f"`{key}` loads {path} from {host} on every page",
                        "copy the file into docs/ and name it by its path there",
                    )
                )
    extra: dict[str, Any] = dict(config.extra or {})
    analytics = extra.get("analytics")
    if analytics:
        found.append(
            OutsideRequest(
                "extra.analytics",
                ("analytics:",),
                "`extra.analytics` sends every page view to an analytics service",
                "remove `analytics` from `extra:`, or count visits from the server's own logs",
            )
        )
    return found


def line_of(text: str, needles: tuple[str, ...]) -> int:
    """The first line of ``text`` that holds the first of ``needles`` found (1 if none is: e.g. from ``INHERIT``)."""
    lines = text.splitlines()
    for needle in needles:
        found = next((n for n, line in enumerate(lines, 1) if needle in line), None)
        if found is not None:
            return found
    return 1


def warn_outside_requests(config: MkDocsConfig) -> None:
    """A warning for each setting that makes the site's pages call another server."""
    found = outside_requests(config)
    if not found:
        return
    path = Path(config.config_file_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    for request in found:
        log.warning(
            "%s:%d: %s (%s). Fix: %s.",
            path.name,
            line_of(text, request.needles),
            request.message,
            request.key,
            request.fix,
        )
