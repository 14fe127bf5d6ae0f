"""The site search: Pagefind indexes each page as MkDocs writes it.

Pagefind reads only what the theme marks ``data-pagefind-body`` (page bodies,
never navigation or footers), with the filters the theme writes from
``jamkit.site.meta``. Pages left out of search (a retracted project's notice)
carry no such mark, so nothing of them reaches the index. The index is written
to ``pagefind/`` in the site; readers load only the shards a query needs.

A build feeds :class:`StreamedIndex`: Pagefind's own service (``pagefind
--service``, the process behind its Python and Node APIs) receives each page's
language, ``<title>`` and marked body as MkDocs writes the page, and indexes it
on the second core while MkDocs draws the next ones; the build then only waits
for the index files. Pagefind never reads a whole page (about 25 KB of
Material's navigation each), nor the pages from disk. :func:`index_site` (the
Pagefind CLI over a finished site) stays for ``mkdocs serve --dirty``, which
draws only changed pages, and as the reference the tests compare against.
"""

from __future__ import annotations

import base64
import io
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

FOLDER = "pagefind"  # the index and Pagefind's own interface, under the site root
TIMEOUT = 900  # seconds: 10,000 projects index in well under a minute
EXCLUDE = (".headerlink",)  # the ¶ after headings is not text
BODY = "<div data-pagefind-body>"  # as jamkit/site/theme/main.html writes it

_LANG = re.compile(r'<html\b[^>]*?\slang="([^"<>]*)"')
_TITLE = re.compile(r"<title>[^<]*</title>")


class IndexingFailed(Exception):
    """Pagefind could not index the site; the message says why, in Pagefind's own words."""


@dataclass(frozen=True)
class Indexed:
    """What an indexing run did: how long the build waited for it, what Pagefind said, its peak memory."""

    seconds: float
    output: str
    pages: int = 0
    peak_kb: int | None = None  # Pagefind's own maximum resident memory, where Linux tells it

    @property
    def summary(self) -> str:
        """How much, for the build's log: ``22,410 pages, Pagefind's peak memory 1,961 MiB``."""
        parts = [f"{self.pages:,} pages"] if self.pages else []
        parts += [f"Pagefind's peak memory {self.peak_kb // 1024:,} MiB"] if self.peak_kb else []
        return ", ".join(parts) or "all pages"


def _pagefind() -> Path:
    """Pagefind's program, as its Python package finds it (``PAGEFIND_BINARY_PATH`` first)."""
    executable = get_executable()
    if executable is None:
        raise IndexingFailed("Pagefind is not installed; install it with `pip install 'pagefind[bin]'`")
    return executable


class _Apart:
    """Where Pagefind runs: an empty folder of its own, and none of the ``PAGEFIND_*`` variables.

    Pagefind takes settings from a ``pagefind.yml`` (``.json``, ``.toml``) in the folder it runs in and from those
    variables, and the build runs in the repository: a file there could stop every build (a broken one), bend the
    index (another language, pages left out), write Pagefind's log anywhere or make it serve forever. The index is
    what this module asks for, wherever the build runs.
    """

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="jamkit-pagefind-")
        env = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
        self.kwargs: dict[str, Any] = {"cwd": self.folder.name, "env": env}

    def close(self) -> None:
        self.folder.cleanup()


def cli_command(site_dir: Path) -> list[str]:
    """Pagefind's CLI over a finished site, with the settings the streamed index uses."""
    command = [str(_pagefind()), "--site", str(site_dir.resolve()), "--output-subdir", FOLDER]
    return [*command, "--exclude-selectors", ",".join(EXCLUDE), "--quiet"]


def index_site(site_dir: Path) -> Indexed:
    """Run Pagefind (PyPI ``pagefind[bin]``) over ``site_dir``; the index replaces any earlier one."""
    command = cli_command(site_dir)
    shutil.rmtree(site_dir / FOLDER, ignore_errors=True)  # Pagefind adds to what it finds; start from nothing
    start = time.perf_counter()
    apart = _Apart()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False, **apart.kwargs)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise IndexingFailed(f"Pagefind did not run ({error}); install it with `pip install 'pagefind[bin]'`") from None
    finally:
        apart.close()
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise IndexingFailed(f"Pagefind failed (exit {done.returncode}): {output or 'no output'}")
    return Indexed(time.perf_counter() - start, output)


def search_record(page_html: str) -> str | None:
    """What Pagefind reads of a finished page: its ``lang``, ``<title>`` and the ``data-pagefind-body`` element.

    ``None`` for a page the theme leaves out of search. The body is cut from the template's opening tag (the first
    one: everything before it is the template's, where page text is escaped) to the last ``</div>`` before
    Material's closing ``</article>`` (the last one: what a page's content holds comes before it). A page of another
    shape goes to Pagefind whole, which then finds the same element itself.
    """
    start = page_html.find(BODY)
    if start < 0:
        return None
    article = page_html.rfind("</article>")
    end = page_html.rfind("</div>", start, article) if article > start else -1
    if end < 0 or page_html[end + len("</div>") : article].strip():
        return page_html
    lang = _LANG.search(page_html, 0, start)
    title = _TITLE.search(page_html, 0, start)
    html_tag = f'<html lang="{lang.group(1)}">' if lang else "<html>"
    head = f"<head>{title.group(0)}</head>" if title else "<head></head>"
    return f"<!DOCTYPE html>{html_tag}{head}<body>{page_html[start : end + len('</div>')]}</body></html>"


def held_open(pid: int, folder: Path) -> list[Path] | None:
    """The files under ``folder`` that process ``pid`` has open (none once it has left), as ``/proc`` says on
    Linux and ``lsof`` elsewhere (macOS); None where neither can say."""
    if Path("/proc/self/fd").is_dir():
        return held_open_by_proc(pid, folder)
    lsof = shutil.which("lsof")
    return None if lsof is None else held_open_by_lsof(pid, folder, lsof)


def held_open_by_proc(pid: int, folder: Path) -> list[Path]:
    """:func:`held_open` from ``/proc/PID/fd``: each open file is a link to its path."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        names = os.listdir(fds)
    except OSError:  # it has left: it holds nothing
        return []
    held = []
    for name in names:
        try:
            target = Path(os.readlink(fds / name))
        except OSError:  # closed while we looked
            continue
        if target.is_relative_to(folder):
            held.append(target)
    return sorted(held)


def held_open_by_lsof(pid: int, folder: Path, lsof: str = "lsof") -> list[Path]:
    """:func:`held_open` from ``lsof -p PID -Fn`` (one ``n``-line per open file's name; nothing once it has left)."""
    try:
        listed = subprocess.run(
            [lsof, "-w", "-n", "-P", "-p", str(pid), "-Fn"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    names = (Path(line[1:]) for line in listed.splitlines() if line.startswith("n/"))
    return sorted({name for name in names if name.is_relative_to(folder)})


def wait_closed(pid: int, folder: Path, timeout: float = TIMEOUT) -> None:
    """Return once process ``pid`` holds no file under ``folder`` open: until then it is still writing one.

    Pagefind answers a write once it has handed each file to its writer threads, not once the files are written,
    and leaves at the end of its input without waiting for those threads; ended at once, it left files cut short
    (an empty ``wasm.unknown.pagefind``, 32 KiB of ``pagefind.js``) in about one build in thirty on a busy machine.
    Where the system cannot say which files a process has open, the answer is all there is to go by.
    """
    folder = folder.resolve()
    deadline = time.monotonic() + timeout
    while held := held_open(pid, folder):
        if time.monotonic() > deadline:
            raise IndexingFailed(f"Pagefind was still writing {held[0]} after {timeout:g} s")
        time.sleep(0.01)


class _Service:
    """One ``pagefind --service`` process: requests go through a queue to a writer thread (MkDocs never waits on
    the pipe), a reader thread collects the answers, and :meth:`wait` waits for the answer to one step."""

    def __init__(self) -> None:
        executable = _pagefind()
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close()): stdout is the protocol
        self.apart = _Apart()
        try:
            self.process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
                **self.apart.kwargs,
            )
        except OSError as error:
            self.log.close()
            self.apart.close()
            raise IndexingFailed(
                f"Pagefind did not run ({error}); install it with `pip install 'pagefind[bin]'`"
            ) from None
        self.sent = 0
        self.labels: dict[int, str] = {}  # message id -> the page (or step) it was about, while unanswered
        self.errors: list[str] = []
        self.answers: dict[int, dict[str, Any]] = {}  # kept only for the steps that wait on their answer
        self.done = threading.Condition()
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.threads = [
            threading.Thread(target=self._write, name="pagefind-writer", daemon=True),
            threading.Thread(target=self._read, name="pagefind-reader", daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def send(self, payload: dict[str, Any], label: str) -> int:
        with self.done:
            self.sent += 1
            message_id = self.sent
            self.labels[message_id] = label
        message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
        self.outbox.put(base64.b64encode(message.encode("utf-8", "surrogatepass")) + b",")
        return message_id

    def wait(self, message_id: int, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The answer to one request, after every earlier one (Pagefind answers a write after the pages)."""
        with self.done:
            answered = self.done.wait_for(lambda: message_id in self.answers or self._stopped(), timeout)
            if message_id not in self.answers and not self.errors:  # it stopped before it could be asked
                stopped = f"Pagefind stopped (exit {self.process.poll()})"
                self.errors.append(stopped if answered else f"no answer from Pagefind within {timeout} s")
            if self.errors:
                raise IndexingFailed(self.failure())
            return self.answers.pop(message_id)

    def _stopped(self) -> bool:
        return bool(self.errors) or (self.process.poll() is not None and not self.threads[1].is_alive())

    def failure(self) -> str:
        self.log.seek(0)
        said = self.log.read().decode("utf-8", "replace").strip()
        first = self.errors[0] if self.errors else f"Pagefind stopped (exit {self.process.poll()})"
        return f"{first}{': ' + said.splitlines()[-1] if said else ''}"

    def _write(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        while (message := self.outbox.get()) is not None:
            try:
                stdin.write(message)
                stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                with self.done:
                    self.errors.append(f"Pagefind stopped (exit {self.process.poll()})")
                    self.done.notify_all()
                return
        stdin.close()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert isinstance(stdout, io.BufferedReader)  # a buffered pipe: read1 takes what is there, up to a size
        pending = b""
        while chunk := stdout.read1(1 << 16):
            *whole, pending = (pending + chunk).split(b",")
            for item in whole:
                self._answer(json.loads(base64.b64decode(item)))
        with self.done:
            if self.labels:  # Pagefind left before answering everything
                self.errors.append(f"Pagefind stopped (exit {self.process.wait()})")
            self.done.notify_all()

    def _answer(self, answer: dict[str, Any]) -> None:
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        with self.done:
            label = self.labels.pop(message_id, "a request") if isinstance(message_id, int) else "a request"
            if payload.get("type") == "Error":
                self.errors.append(f"Pagefind failed on {label}: {payload.get('message', 'no message')}")
            elif not label.startswith("/"):  # a step (new index, write), not a page: someone waits for it
                self.answers[message_id] = payload  # type: ignore[index]
            self.done.notify_all()

    def peak_kb(self) -> int | None:
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        except OSError:
            return None
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) if found else None

    def close(self) -> None:
        self.outbox.put(None)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        self.apart.close()


def _kill(service: _Service) -> None:
    """A build that failed before writing its index leaves no Pagefind behind."""
    if service.process.poll() is None:
        service.process.kill()
        service.process.wait()


class StreamedIndex:
    """One build's search index: :meth:`add` each page as MkDocs writes it, :meth:`write` the index at the end.

    Pagefind starts with the first page that has something to index. A page Pagefind rejects, or Pagefind
    stopping or never starting, surfaces in :meth:`write` as :class:`IndexingFailed`, naming the page.
    """

    def __init__(self) -> None:
        self._service: _Service | None = None
        self._index_id = 0
        self._failed: IndexingFailed | None = None  # raised by write(), so the build stops there with one line
        self._writing: int | None = None  # the write request, once sent
        self._folder = Path(FOLDER)  # where it writes
        self.pages = 0

    def _started(self) -> _Service:
        if self._service is None:
            service = _Service()
            weakref.finalize(self, _kill, service)
            answer = service.wait(service.send({"type": "NewIndex", "config": {"exclude_selectors": EXCLUDE}}, "new"))
            self._index_id = int(answer["index_id"])
            self._service = service
        return self._service

    def add(self, url: str, page_html: str) -> bool:
        """Send one page (site-relative ``url`` as MkDocs gives it, e.g. ``projects/a/b/``); False if not indexed."""
        return self.add_record(url, search_record(page_html))

    def add_record(self, url: str, record: str | None) -> bool:
        """Send what ``search_record`` made of one page (None: the page is left out of search)."""
        if record is None or self._failed is not None or self._writing is not None:
            return False
        try:
            service = self._started()
            if service.errors:  # Pagefind refused a page or stopped: send no more, say so at the end
                raise IndexingFailed(service.failure())
        except IndexingFailed as error:
            self._failed = error
            return False
        payload = {"type": "AddFile", "index_id": self._index_id, "url": "/" + url, "file_contents": record}
        service.send({**payload, "file_path": None}, "/" + url)
        self.pages += 1
        return True

    def start_writing(self, site_dir: Path) -> None:
        """Ask Pagefind to write the index now, with every page it was given; it writes on its own core.

        Pages added after this are not indexed. ``write`` then waits for the index.
        """
        if self._failed is not None or self._writing is not None:
            return
        try:
            service = self._started()
        except IndexingFailed as error:
            self._failed = error
            return
        self._folder = site_dir.resolve() / FOLDER  # (Pagefind runs in a folder of its own)
        shutil.rmtree(self._folder, ignore_errors=True)
        request = {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(self._folder)}
        self._writing = service.send(request, "write")

    @property
    def writing(self) -> bool:
        """Whether ``start_writing`` has asked for the index: no more pages go in."""
        return self._writing is not None

    def write(self, site_dir: Path, meanwhile: Callable[[], None] = lambda: None) -> Indexed:
        """Write the index to ``site_dir/pagefind`` (replacing any earlier one) and stop Pagefind.

        Pagefind writes on its own core: ``meanwhile`` (the rest of the build) runs while it does, and
        ``Indexed.seconds`` is how long the build waited for it after that.
        """
        self.start_writing(site_dir)
        if self._failed is not None:
            raise self._failed
        service = self._started()
        try:
            meanwhile()
            start = time.perf_counter()
            assert self._writing is not None
            service.wait(self._writing)
            wait_closed(service.process.pid, self._folder)  # (Pagefind's answer comes before its files)
            peak = service.peak_kb()
        except BaseException:
            _kill(service)
            raise
        finally:
            service.close()
            self._service = None
        return Indexed(time.perf_counter() - start, "", self.pages, peak)
