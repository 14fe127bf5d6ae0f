"""A real `jam` on a pseudo-terminal (`pty.fork`): `isatty`, the line discipline and Ctrl-C as a person has them."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

JAM = str(Path(sys.executable).with_name("jam"))
TIMEOUT = 30.0


class Terminal:
    """A `jam` process on a pseudo-terminal: wait for text, type lines, press Ctrl-C."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        environment = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")} | (env or {})
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal is its controlling terminal, as in a shell
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # a job started in the background inherits it ignored
            os.execve(JAM, [JAM, *args], environment)
        self.pid, self.fd, self.seen = pid, fd, ""

    def expect(self, text: str) -> str:
        """Read until ``text`` appears; returns everything read up to and including it."""
        deadline = time.monotonic() + TIMEOUT
        while text not in self.seen:
            if time.monotonic() > deadline:
                raise AssertionError(f"waited for {text!r}; the terminal shows:\n{self.seen}")
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.fd, 4096).decode("utf-8", "replace").replace("\r\n", "\n")
                except OSError:  # the process ended
                    break
        assert text in self.seen, self.seen
        head, _, rest = self.seen.partition(text)
        self.seen = rest
        return head + text

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\r")

    def interrupt(self) -> None:
        # As a person does, after the prompt is up: Python's input() reads a Ctrl-C that comes before its
        # read starts only with the next key, a race no hand is fast enough to hit.
        time.sleep(0.5)
        os.write(self.fd, b"\x03")

    def exit_code(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            with_output = select.select([self.fd], [], [], 0.2)[0]
            if with_output:
                with contextlib.suppress(OSError):
                    self.seen += os.read(self.fd, 4096).decode("utf-8", "replace").replace("\r\n", "\n")
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"jam did not end; the terminal shows:\n{self.seen}")
