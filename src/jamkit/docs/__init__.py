"""The pages of ``docs/`` generated from the code, so that they cannot drift from it.

One module per page, each with its ``PATH`` and a ``page()`` that returns its
text. ``python -m jamkit.docs`` rewrites them; ``--check`` exits 1 when the
committed files are out of date, and the test suite runs that check. This
package sits at the top of jamkit: it imports everything, and nothing at
runtime imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jamkit.docs import api, architecture, bot, rules
from jamkit.docs import format as file_format

# repository path -> the function that returns its text
PAGES: dict[str, Callable[[], str]] = {
    file_format.PATH: file_format.page,
    rules.PATH: rules.page,
    api.PATH: api.page,
    bot.PATH: bot.page,
    architecture.PATH: architecture.page,
}


def generated() -> dict[str, str]:
    """Repository path -> the text it should hold."""
    return {path: build() for path, build in PAGES.items()}


def stale(root: Path, pages: dict[str, str] | None = None) -> list[str]:
    """The generated files under ``root`` whose text differs from the code's."""
    pages = generated() if pages is None else pages
    return [path for path, text in pages.items() if not _holds(root / path, text)]


def _holds(target: Path, text: str) -> bool:
    return target.is_file() and target.read_text(encoding="utf-8") == text
