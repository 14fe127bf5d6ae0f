"""The pull request the policy rules see: limits from the base branch's pyproject.toml, handles, protected paths."""

from __future__ import annotations

import pytest

from jamkit.checks.pull_request.request import Limits, read_limits
from jamkit.core.wording import MB


def test_limits_default_without_a_jamkit_table() -> None:
    assert read_limits(None) == read_limits(b"[project]\nname = 'x'\n") == Limits()


def test_limits_come_from_tool_jamkit() -> None:
    pyproject = b"[tool.jamkit]\nmax_pdf_mb = 2.5\nmax_image_mb = 1\nmax_project_mb = 10\ngrace_hours = 6\n"
    limits = read_limits(pyproject)
    assert (limits.pdf, limits.image, limits.project, limits.grace_hours) == (int(2.5 * MB), MB, 10 * MB, 6.0)
    assert limits.largest == int(2.5 * MB)


@pytest.mark.parametrize(
    "pyproject",
    [
        b"[tool.jamkit]\nmax_pdf_mb = true\n",
        b"[tool.jamkit]\nmax_pdf_mb = -1\n",
        b"[tool.jamkit]\nmax_pdf_mb = 'huge'\n",
        b"[tool.jamkit\nmax_pdf_mb = 1\n",  # not TOML
        b"\xff\xfe",  # not UTF-8
    ],
)
def test_nonsense_limits_are_ignored(pyproject: bytes) -> None:
    assert read_limits(pyproject) == Limits()


def test_grace_from_the_command_line_wins() -> None:
    assert read_limits(b"[tool.jamkit]\ngrace_hours = 6\n", grace=0).grace_hours == 0
