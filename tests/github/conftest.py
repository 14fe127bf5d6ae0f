"""Fixtures for the bot's tests: Prism for the session, a fresh recording proxy per test (see standin.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.github.standin import NODE, PRISM, PRISM_START_TIMEOUT, SPEC, TIMINGS, StandIn, answers, free_port


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Prism mock of api.github.com for the whole session; killed (its process group) at the end."""
    assert PRISM.exists(), f"{PRISM} is missing: run `npm ci` in tests/node (.ci/run does)"
    port = free_port()
    log_path = tmp_path_factory.mktemp("prism") / "prism.log"
    log = log_path.open("wb")
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(PRISM), "mock", "-p", str(port), "-h", "127.0.0.1", "--errors", str(SPEC.relative_to(NODE))],
        cwd=NODE,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so node and its children go together
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while not answers(url):
            if proc.poll() is not None:
                raise AssertionError(f"Prism exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() - started > PRISM_START_TIMEOUT:
                raise AssertionError(f"Prism did not answer within {PRISM_START_TIMEOUT:.0f} s")
            time.sleep(0.5)
        TIMINGS["prism_start_s"] = time.monotonic() - started
        yield url
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@pytest.fixture
def stand_in(prism: str) -> Iterator[StandIn]:
    """A fresh recording proxy (fresh state) in front of the session's Prism."""
    proxy = StandIn(prism)
    try:
        yield proxy
    finally:
        proxy.close()


JamGitHub = Callable[..., tuple[int, str, str]]


@pytest.fixture
def jam_github(run_jam: JamGitHub, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch) -> JamGitHub:
    """``jam --root ROOT github COMMAND... EXTRA...`` in-process against the stand-in for ``repo``, no write pauses.

    ``EXTRA`` comes last, so a test's own ``--repo`` or ``--api-url`` wins.

    The token is a test one; the variables a workflow would set are cleared, so only the flags decide.
    """
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test-token-for-the-stand-in")
    for name in ("JAM_SITE_URL", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_SERVER_URL", "JAM_DEBUG"):
        monkeypatch.delenv(name, raising=False)

    def run(root: Path, repo: str, command: tuple[str, ...], *extra: str) -> tuple[int, str, str]:
        flags = ("--repo", repo, "--api-url", stand_in.url, "--write-interval", "0")
        return run_jam("--root", str(root), "github", *command, *flags, *extra)

    return run
