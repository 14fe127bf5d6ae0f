"""The programme's own words: its name, tagline, introduction and footer, as plain data.

They come from the jamkit plugin's settings in ``mkdocs.yml`` (read by
``jamkit.site.build.options``), never from jamkit's code, so one jamkit serves
any programme. Links are already resolved: ``code_of_conduct`` and ``privacy``
are a URL or a site path (``policies/#code-of-conduct``), as ``link`` in the
templates takes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_LICENCE = "CC-BY-4.0"
SPDX_LICENCE_URL = "https://spdx.org/licenses/{}.html"


@dataclass(frozen=True)
class Organisation:
    """Who runs the programme: named in the footer, linked when it has a URL."""

    name: str = ""
    url: str = ""


@dataclass(frozen=True)
class Programme:
    """What a programme says about itself on every page (the footer) and on its home page."""

    name: str
    tagline: str = ""
    introduction: str = ""  # Markdown, from mkdocs.yml (trusted: mkdocs.yml runs as code at build time)
    organisation: Organisation = field(default_factory=Organisation)
    contact: str = ""  # an https URL
    code_of_conduct: str = ""  # a URL or a site path
    privacy: str = ""  # a URL or a site path
    content_licence: str = DEFAULT_LICENCE  # an SPDX id

    @property
    def licence_url(self) -> str:
        """The licence's page on spdx.org, which names and links its full text."""
        return SPDX_LICENCE_URL.format(self.content_licence)


UNNAMED = Programme(name="Research sprints")  # what pages are drawn for when no mkdocs.yml is read (tests, tools)
