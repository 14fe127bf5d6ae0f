"""Two spots where Material's markup is not valid HTML, fixed in every page it draws.

Material 9.8 writes ``autocomplete="off"`` on its checkbox toggles (the
attribute is not allowed on a checkbox) and ``tabindex=""`` on the labels of
sections in the navigation (an empty value is not an integer); the Nu HTML
Checker reports both on every page (``tests/site/test_site_validators.py``).
Overriding the partials that write them would copy far more of Material than
these two substitutions, so they are regular expressions over its output,
kept here and nowhere else. ``tests/site/test_site_plugin.py`` fails once the
pinned Material no longer writes the markup, so they go when they are no
longer needed.
"""

from __future__ import annotations

import re

INVALID = (
    (re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'), r"\1"),
    (re.compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""'), r"\1"),
)


def made_valid(output: str) -> str:
    """A page Material drew, without the markup the HTML checker refuses."""
    for pattern, repl in INVALID:
        output = pattern.sub(repl, output)
    return output
