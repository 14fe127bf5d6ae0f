"""A pull request run through ``jam check --pr``: the times that make it on time or late, and its report read."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.helpers.repo import Repo

ON_TIME = "2025-01-18T12:00:00Z"  # the demo sprint runs 2025-01-17 to 2025-01-19 AoE
LATE = "2025-01-21T12:00:00Z"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
ELF = b"\x7fELF\x02\x01\x01\0" + b"\0" * 120

NEW_PROJECT = """\
---
title: A New Thing
members:
  - {name: Cara Coder, github: cara}
abstract: Something new.
report: report.pdf
---
Write-up.
"""

Jam = Callable[..., tuple[int, str, str]]


def check_pr(run_jam: Jam, repo: Repo, *extra: str, author: str = "bea", now: str = ON_TIME) -> tuple[int, Any]:
    """Commit the working tree on the PR branch and run the real entry point with JSON output."""
    repo.commit("pull request")
    args = ["--root", str(repo.root), "check", "--pr", "--base", "main", "--now", now, "--format", "json"]
    if author:
        args += ["--author", author]
    code, out, err = run_jam(*args, *extra)
    assert "Traceback" not in err
    return code, json.loads(out)


def codes_of(result: Any) -> list[str]:
    return [d["code"] for d in result["diagnostics"]]


def only(result: Any, code: str) -> dict[str, Any]:
    found = [d for d in result["diagnostics"] if d["code"] == code]
    assert found, result["diagnostics"]
    return found[0]
