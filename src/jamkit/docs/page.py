"""What every generated page shares: the header that says where it comes from, and table cells."""

from __future__ import annotations

COMMAND = "python -m jamkit.docs"


def header(*sources: str) -> str:
    """The first line of a generated page: an HTML comment (invisible on the site) naming its sources."""
    changed = ", ".join(sources[:-1]) + f" or {sources[-1]}" if len(sources) > 1 else sources[0]
    return f"<!-- Generated from the code by `{COMMAND}`: do not edit by hand. Change {changed}, then run it. -->\n"


def cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")
