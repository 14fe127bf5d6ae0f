"""Real tools over a built site: Chromium through Playwright, a local web server, and the page kinds to visit.

Shared by the tests that check the example site with validators, search and a
phone-sized screen, so each starts the browser and the server once per module.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from tests.site.sitekit import ROOT, Site

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_TOOLS = ROOT / "tests" / "node" / "node_modules"
AXE = NODE_TOOLS / "axe-core" / "axe.min.js"
VNU = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of every kind the example site has (its URL, relative to the site root).
PAGE_KINDS = {
    "home": "",
    "sprints": "sprints/",
    "sprint": "sprints/interpretability-2026/",
    "project": "projects/interpretability-2026/attention-head-atlas/",
    "tombstone": "projects/interpretability-2026/deception-probe-transfer/",
    "person": "people/example-priya-windermere/",
    "people": "people/",
    "publications": "publications/",
    "winners": "winners/",
    "stats": "stats/",
    "sites": "sites/",  # the world map
    "site": "sites/sao-paulo/",
    "site kit": "sites/sao-paulo/evals-sprint-2026/",
    "search": "search/",
    "docs": "submit/",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(root: Path) -> Iterator[str]:
    """``root`` served from its parent folder, so every page lives under /<name>/ like a project site."""
    handler = functools.partial(_Quiet, directory=str(root.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{root.name}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def kind_files(site: Site) -> dict[str, Path]:
    """The HTML file of each page kind; fails when the example no longer has one."""
    files = {kind: site.file(url) for kind, url in PAGE_KINDS.items()}
    missing = [f"{kind} ({url or '/'})" for kind, url in PAGE_KINDS.items() if not files[kind].is_file()]
    assert not missing, f"the example site has no page for: {', '.join(missing)}"
    return files


@contextmanager
def mkdocs_serve(repo: Path, now: str, *flags: str) -> Iterator[str]:
    """``mkdocs serve`` (live reload, ``flags`` added) on a free port; yields its base URL once it answers.

    A port found free can be taken by another test's server before MkDocs binds it: then MkDocs stops, and it is
    started again on another port. Its output goes to a log whose end is shown if it never answers.
    """
    env = {**os.environ, "JAM_NOW": now, "NO_MKDOCS_2_WARNING": "1"}
    log = repo.parent / f"{repo.name}-serve.log"
    for _attempt in range(3):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "mkdocs", "serve", *flags, "--livereload", "-a", f"127.0.0.1:{port}"]
        with log.open("wb") as output:
            server = subprocess.Popen(command, cwd=repo, env=env, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 180
            while server.poll() is None and fetch(url) is None and time.monotonic() < deadline:
                time.sleep(0.2)
            if server.poll() is not None:
                continue  # it could not start (the port was taken meanwhile): again, on another port
            if fetch(url) is None:
                tail = log.read_text(errors="replace")[-3000:]
                raise AssertionError(f"mkdocs serve did not answer within 180 s; its log ends:\n{tail}")
            yield url
            return
        finally:
            server.terminate()
            server.wait(timeout=30)
    raise AssertionError("mkdocs serve stopped three times: " + log.read_text(errors="replace")[-3000:])


def fetch(url: str) -> bytes | None:
    """The body at ``url``, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read()
    except OSError:
        return None


def wait_for(check: Callable[[], bytes | None], timeout: float = 180) -> bytes:
    """Poll ``check`` until it returns something (a server came up, a rebuild finished)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.5)
    raise AssertionError("timed out")


class Watched:
    """A page that records what a reader would never want: errors, failed requests, dialogs."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        page.on("response", lambda r: self.problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_page(browser: Browser, url: str, width: int, height: int, scheme: str) -> Watched:
    """``url`` in a new browser window of that size whose system asks for ``scheme`` (light or dark), loaded and
    watched; the site's palette has followed the system's preference."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)  # type: ignore[arg-type]
    watched = Watched(context.new_page())
    watched.page.goto(url, wait_until="networkidle")
    palette = watched.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == ("slate" if scheme == "dark" else "default"), palette
    return watched
