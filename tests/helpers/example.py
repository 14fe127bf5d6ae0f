"""The example programme the tests read: the frozen corpus in tests/data/example/, never the root's own folders.

The root's example content is one programme's, which a programme starting from jamkit
deletes; the tests stand on the corpus (``scripts/refresh-corpus`` copies it) so they stay green.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from tests.helpers.content import ROOT

CORPUS = ROOT / "tests" / "data" / "example"
FOLDERS = (
    "sprints",
    "submissions",
    "publications",
    "people",
    "lab",
    "sites",
)  # the content (as scripts/refresh-corpus)
SETTINGS = ("mkdocs.yml", "pyproject.toml")  # the site's configuration, and [tool.jamkit]'s limits for `jam check`
EXAMPLE_NOW = "2026-07-01T12:00:00+00:00"  # the example programme once both 2026 sprints are finished


@functools.cache
def example_root() -> Path:
    """A temporary repository, made once per process: the corpus with this repository's settings and docs/.

    Tests only read it (one shared copy keeps the suite's time); a test that changes content copies it first.
    """
    root = Path(tempfile.mkdtemp(prefix="jamkit-example-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for folder in FOLDERS:
        shutil.copytree(CORPUS / folder, root / folder)
    for name in SETTINGS:
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    return root


def example_files(root: Path) -> dict[str, bytes]:
    """The example content under ``root`` (its five folders), by path relative to ``root``."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in FOLDERS
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }
