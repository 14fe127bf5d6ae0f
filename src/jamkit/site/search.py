"""The site search: Pagefind indexes the built pages after MkDocs has written them.

Pagefind reads only what the theme marks ``data-pagefind-body`` (page bodies,
never navigation or footers), with the filters the theme writes from
``jamkit.site.meta``. Pages left out of search (a retracted project's notice)
carry no such mark, so nothing of them reaches the index. The index is written
to ``pagefind/`` in the site; readers load only the shards a query needs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FOLDER = "pagefind"  # the index and Pagefind's own interface, under the site root
TIMEOUT = 900  # seconds: 10,000 projects index in well under a minute


class IndexingFailed(Exception):
    """Pagefind could not index the site; the message says why, in Pagefind's own words."""


@dataclass(frozen=True)
class Indexed:
    """What an indexing run did: how long it took and what Pagefind said."""

    seconds: float
    output: str


def index_site(site_dir: Path) -> Indexed:
    """Run Pagefind (PyPI ``pagefind[bin]``) over ``site_dir``; the index replaces any earlier one."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", FOLDER]
    command += ["--exclude-selectors", ".headerlink", "--quiet"]  # the ¶ after headings is not text
    shutil.rmtree(site_dir / FOLDER, ignore_errors=True)  # Pagefind adds to what it finds; start from nothing
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise IndexingFailed(f"Pagefind did not run ({error}); install it with `pip install 'pagefind[bin]'`") from None
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise IndexingFailed(f"Pagefind failed (exit {done.returncode}): {output or 'no output'}")
    return Indexed(time.perf_counter() - start, output)
