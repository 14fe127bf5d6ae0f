"""A second process draws pages from the last one back while this one draws from the first one on.

MkDocs draws pages one after another on one core; a large site spends most of
its build there. After every page is read (MkDocs' ``on_env``), this process is
forked: the copy draws the pages from the last one backwards and writes each
where MkDocs will write it, while this process draws them in MkDocs' order
(and does everything else MkDocs does with each page). The two meet wherever
that falls, so neither waits for the other however their speeds compare (with
a fixed half each, the copy finished 9 s before this process at 10,000
projects). Two numbers in memory both processes share say how far each has
got; when the two reach the same page at once, both draw it and this process
keeps its own. When MkDocs reaches a page the copy has started, this process
waits for the copy, which stops there, and takes its drawings, as the page
cache does. The copy shares every object at the moment of the fork, so it
draws the very same bytes (a test compares a build with one and with two
processes, file by file).

MkDocs' own loop then writes every page again, in order, so plugins that look at
each finished page (the search index) see them all in this process. What the
copy logs is printed; a warning in it fails the
build as one would here (``--strict``), and an error stops the build with the
page it was drawing.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from jamkit.infra.parallel import cores

T = TypeVar("T")
MIN_PAGES = 1000  # below this, starting a second process costs more than it saves
_FAILED = "failed.txt"
_WARNED = 3  # the copy's exit code when it logged a warning


class DrawingFailed(Exception):
    """The second process could not draw its pages; the message names the page and the error."""


def workers(environ: os._Environ[str] | dict[str, str] = os.environ) -> int | None:
    """``JAM_WORKERS``: 1 draws every page here, 2 always forks; unset lets the size of the site decide (None)."""
    text = environ.get("JAM_WORKERS", "").strip()
    if text in {"1", "2"}:
        return int(text)
    return None


def worth_forking(pages: int, environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """Two processes when asked to, or when the site is large and the machine has a second core."""
    asked = workers(environ)
    if not hasattr(os, "fork") or asked == 1:
        return False
    if asked == 2:
        return pages >= 2
    return cores() >= 2 and pages >= MIN_PAGES


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warned = False

    def emit(self, record: logging.LogRecord) -> None:
        self.warned = True


_HERE, _THERE = 0, 1  # the shared numbers: the last page this process took, the page the copy is drawing


@dataclass
class Helper(Generic[T]):
    """The second process, where it leaves the drawing of each page, and how far each process has got."""

    pid: int
    folder: Path  # its private folder: drawings without a destination of their own, and the reason it failed
    paths: dict[int, Path]  # id() of each page it may draw -> the file of its drawing
    order: dict[int, int]  # id() of each page it may draw -> its place in MkDocs' order
    reached: Any  # the two shared numbers (``_HERE``, ``_THERE``)
    taken: set[int] = field(default_factory=set)  # id() of the pages whose drawing is the copy's
    finished: bool = False

    @property
    def count(self) -> int:
        """How many pages the copy drew (known once it has finished)."""
        return len(self.order) - self.reached[_THERE] if self.finished else 0

    def owns(self, page: T) -> bool:
        """Whether ``take`` gave ``page`` to the copy."""
        return id(page) in self.taken

    def take(self, page: T) -> bool:
        """Whether the copy draws ``page`` (read it with ``drawing``), or this process must (False).

        Called for each page as MkDocs reaches it; a page the copy has not started is this process's from then on.
        """
        place = self.order.get(id(page))
        if place is None:
            return False
        if not self.finished:
            if place < self.reached[_THERE]:  # the copy has not got this far back
                self.reached[_HERE] = max(self.reached[_HERE], place)
                return False
            self.wait()  # the copy stops at the latest once it has drawn this page
        if place < self.reached[_THERE]:
            return False
        self.taken.add(id(page))
        return True

    def drawing(self, page: T) -> str:
        """The copy's drawing of a page ``take`` gave it; the first call waits for the copy to finish."""
        if not self.finished:
            self.wait()
        return self.paths[id(page)].read_bytes().decode("utf-8", "surrogatepass")

    def wait(self) -> None:
        """Wait for the copy; raise ``DrawingFailed`` with its reason if it did not draw everything."""
        _, status = os.waitpid(self.pid, 0)
        self.finished = True
        code = os.waitstatus_to_exitcode(status)
        if code == 0:
            return
        failed = self.folder / _FAILED
        reason = failed.read_text(encoding="utf-8") if failed.is_file() else f"it ended with status {code}"
        self.close()
        if code == _WARNED:
            raise DrawingFailed("the second process logged warnings while drawing pages (see above)")
        raise DrawingFailed(reason)

    def close(self) -> None:
        """Stop the copy if it still runs (an error elsewhere), and remove its private folder."""
        if not self.finished:
            self.reached[_HERE] = len(self.order)  # it stops before its next page
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.finished = True
        shutil.rmtree(self.folder, ignore_errors=True)


def fork(
    pages: Sequence[T],
    draw: Callable[[T], str],
    name: Callable[[T], str],
    dest: Callable[[T], Path] | None = None,
) -> Helper[T]:
    """Start the copy that draws ``pages`` (in MkDocs' order) from the last one back, each into ``dest(page)``
    (default: its private folder), until it meets this process, which asks ``Helper.take`` page by page.

    Returns at once, in this process, with the ``Helper`` that waits for the copy and reads its drawings.
    """
    folder = Path(tempfile.mkdtemp(prefix="jamkit-pages-"))
    paths = [dest(page) if dest is not None else folder / f"{k}.html" for k, page in enumerate(pages)]
    reached = multiprocessing.RawArray("q", [-1, len(pages)])  # shared with the copy: no pickling, no lock
    pid = os.fork()
    if pid == 0:  # the copy: draw, write, and leave without running anything of the parent's exit
        os._exit(_draw_all(pages, draw, name, paths, folder, reached))
    return Helper(
        pid,
        folder,
        {id(page): path for page, path in zip(pages, paths, strict=True)},
        {id(page): k for k, page in enumerate(pages)},
        reached,
    )


def _draw_all(
    pages: Sequence[T],
    draw: Callable[[T], str],
    name: Callable[[T], str],
    paths: list[Path],
    folder: Path,
    reached: Any,
) -> int:
    count = _Count()
    logging.getLogger().addHandler(count)
    current = "(before the first page)"
    try:
        for place in range(len(pages) - 1, -1, -1):
            if place <= reached[_HERE]:  # this process has taken it (and every page before it)
                break
            reached[_THERE] = place
            page, path = pages[place], paths[place]
            current = name(page)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(draw(page).encode("utf-8", "surrogatepass"))
    except BaseException as error:  # reported by the parent, with the page, as one line
        (folder / _FAILED).write_text(f"drawing {current} failed: {type(error).__name__}: {error}", encoding="utf-8")
        return 1
    return _WARNED if count.warned else 0
