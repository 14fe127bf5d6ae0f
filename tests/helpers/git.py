"""Running git in a test's folder: its output, or as a tester with a name and an e-mail (no config needed)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TESTER = {
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def git(root: Path, *args: str) -> str:
    """``git ARGS`` in ``root``; its output, stripped (it fails the test when git fails)."""
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def git_as_tester(root: Path, *args: str) -> str:
    """``git`` with the tester's identity in the environment, for a repository without ``user.name``."""
    done = subprocess.run(
        ["git", *args], cwd=root, env={**os.environ, **TESTER}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()
