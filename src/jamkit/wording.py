"""One home for wording: how jamkit's values are written for people and for the formats that carry them.

Standard library only, so that every layer (domain, site, open data, bot) can use it.
"""

from __future__ import annotations

import re

# XML 1.0 and iCalendar TEXT both refuse C0 controls other than tab, newline, carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Front matter is untrusted: drop characters that would make XML or iCalendar invalid."""
    return _CONTROL.sub("", text)
