"""Images from outside the repository are shown as links, so that no reader's browser calls a server a write-up names.

An image a body embeds from another server would let that server see every reader of the page (a tracking pixel).
After nh3 has sanitized a body, each ``<img>`` whose ``src`` names a host (``https://host/...`` or ``//host/...``)
becomes a link to it, unless the maintainers trust the host: the plugin's ``image_hosts`` in ``mkdocs.yml``.
Images of the repository (a path with no host) stay images.

This reads nh3's own serialization, not arbitrary HTML: there every attribute value is double-quoted and holds no
``"``, text holds no ``<``, and there are no comments, so the tags below are all the ``<a>`` and ``<img>`` there are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from urllib.parse import urlsplit

LINK_REL = "noopener noreferrer nofollow ugc"
_TAG = re.compile(r"<(/?)(a|img)((?:\s+[^\s=>/\"]+(?:=\"[^\"]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"([^\s=>/\"]+)(?:=\"([^\"]*)\")?")


def outside_host(src: str) -> str | None:
    """The host an image would be fetched from, lowercased; None for a file of the site itself."""
    try:
        return urlsplit(src.strip()).hostname or None
    except ValueError:  # e.g. a malformed IPv6 host: not one of the site's files either
        return "?"


def images_as_links(clean: str, hosts: Collection[str] = ()) -> str:
    """``clean`` (nh3's output) with every image from a host not in ``hosts`` turned into a link to it.

    An image inside a link becomes that link's text, since a link may not hold another.
    """
    trusted = {h.strip().lower() for h in hosts}
    depth = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal depth
        closing, tag, attributes = match.groups()
        if tag == "a":
            depth += -1 if closing else 1
            return match.group(0)
        values = {name.lower(): html.unescape(value or "") for name, value in _ATTRIBUTE.findall(attributes)}
        src = values.get("src", "")
        host = outside_host(src)
        if host is None or host in trusted:
            return match.group(0)
        text = html.escape(f"Image from {host}" + (f": {values['alt']}" if values.get("alt") else ""))
        if depth > 0:
            return f'<span class="jam-outside-image">{text}</span>'
        return f'<a class="jam-outside-image" href="{html.escape(src)}" rel="{LINK_REL}">{text}</a>'

    return _TAG.sub(swap, clean)
