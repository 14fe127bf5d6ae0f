"""Where things live on the built site, as paths relative to its root or as absolute URLs.

The site's URLs are part of the contract (``docs/DESIGN.md``); keeping them in
one place means the open data, the feed and the calendar agree with the pages.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# XML 1.0 and iCalendar TEXT both refuse C0 controls other than tab, newline, carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Front matter is untrusted: drop characters that would make XML or iCalendar invalid."""
    return _CONTROL.sub("", text)


class Links:
    """Turns site-relative paths into links: relative by default, absolute under ``site_url``."""

    def __init__(self, site_url: str | None = None) -> None:
        self.site_url = site_url.rstrip("/") + "/" if site_url else None

    @property
    def absolute(self) -> bool:
        return self.site_url is not None

    def __call__(self, path: str) -> str:
        """A link to ``path`` (relative to the site root); https URLs pass through."""
        if urlsplit(path).scheme:
            return path
        return urljoin(self.site_url, path) if self.site_url else path

    @property
    def host(self) -> str:
        """A name for this site in identifiers (calendar UIDs): its host, else ``jamkit``."""
        return (urlsplit(self.site_url).hostname or "jamkit") if self.site_url else "jamkit"
