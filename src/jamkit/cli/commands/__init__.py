"""The ``jam`` commands, one module each: plain arguments in, text out through ``out``, an exit code back.

A command finds the repository, calls the library, and says what happened; the
library below never prints. Exit codes: 0 clean, 1 the content has errors,
2 the command was used wrongly (the reason goes to ``err`` as ``jam NAME: ...``),
70 an internal error (an exception escaping a command: a bug in jamkit).
This module holds what every command shares: the exit codes, finding the
repository root, reading ``--now``, the options of the ``jam github`` commands,
the word on files a figure could not count, and the line that says what a long command is doing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO

from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.wording import plural, shown

Out = Callable[[str], None]
OK, CONTENT_ERRORS, USAGE, INTERNAL = 0, 1, 2, 70  # 70: EX_SOFTWARE of sysexits.h


def to_stderr(text: str) -> None:
    print(text, file=sys.stderr)


class Progress:
    """One line on the terminal saying what a long command is doing, rewritten at each step, gone at the end.

    Nothing at all where stderr is not a terminal (a pipe, a CI log, the bot), so
    no output anyone reads changes. Used as ``with Progress() as progress:``.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = False
        try:
            self.live = self.stream.isatty()
        except (AttributeError, ValueError):  # closed, or not a file at all
            self.live = False

    def step(self, text: str) -> None:
        if self.live:
            self.stream.write(f"\r\x1b[K{text}")
            self.stream.flush()
            self.shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.shown:  # the line goes, whatever happened: the report or the error is what stays
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def refused(command: str, error: UsageError, err: Out) -> int:
    """Say why the command cannot run, as ``jam COMMAND: reason``, and give the usage exit code."""
    err(f"jam {command}: {error}")
    return USAGE


def find_root(start: Path) -> Path | None:
    """The repository root: the nearest folder upwards holding mkdocs.yml or sprints/."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "sprints").is_dir():
            return folder
    return None


def repository_root(given: str | None, *, may_be_new: bool = False) -> Path:
    """``--root``, else the repository around the current folder; a usage error if there is none.

    ``may_be_new`` lets ``jam new sprint`` start a repository in an empty folder.
    """
    if given:
        root = Path(given).resolve()
        if not root.is_dir():
            raise UsageError(f"--root {given}: no such folder")
        return root
    found = find_root(Path.cwd())
    if found is None and not may_be_new:
        raise UsageError(
            f"no jamkit repository here: neither {Path.cwd()} nor a folder above it has mkdocs.yml "
            "or sprints/; run jam inside the repository, or pass --root DIR"
        )
    return found or Path.cwd()


def parse_now(text: str | None) -> dt.datetime | None:
    """``--now``: an ISO 8601 date-time with offset (CI passes the pull-request event's time)."""
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise UsageError(f"--now: '{text}' is not an ISO 8601 date-time, e.g. 2026-03-16T12:00:00Z") from None
    if moment.tzinfo is None:
        raise UsageError(f"--now: '{text}' has no UTC offset; add one, e.g. {text}Z or {text}+00:00")
    return moment


def uncounted(command: str, problems: Iterable[Diagnostic], err: Out) -> int:
    """Figures leave out files that cannot be read: say which (``jam check`` says why) and exit 1, else 0."""
    broken = sorted({d.path for d in problems if d.severity == "error"})
    if not broken:
        return OK
    listed = ", ".join(broken[:5]) + (" ..." if len(broken) > 5 else "")
    err(
        f"jam {command}: {plural(len(broken), 'file')} with errors ({listed}); a file that cannot "
        "be read is not counted. Run jam check to see the problems."
    )
    return CONTENT_ERRORS


@dataclass(frozen=True)
class GitHubOptions:
    """What every ``jam github`` command is given: where (``--repo``, ``--api-url``), and how (dry run, pace)."""

    repo: str | None = None
    api_url: str | None = None
    dry_run: bool = False
    write_interval: float = 1.0


_SITE_URL_LINE = re.compile(r"^site_url:\s*[\"']?(https?://[^\"'\s]+)", re.MULTILINE)


def site_url_of(root: Path, given: str | None) -> str | None:
    """``--site-url``, else JAM_SITE_URL (what the build uses), else a literal ``site_url`` in mkdocs.yml."""
    url = given or os.environ.get("JAM_SITE_URL", "")
    if not url:
        try:
            found = _SITE_URL_LINE.search((root / "mkdocs.yml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            found = None
        return found.group(1) if found else None
    if not re.match(r"^https?://[^\s/]+", url):
        raise UsageError(f"the site URL '{shown(url)}' is not an http(s) URL, e.g. https://example.org/sprints/")
    return url
