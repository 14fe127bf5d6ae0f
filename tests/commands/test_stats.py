"""`jam stats`: the figures as text, files that cannot be read, and usage errors."""

from __future__ import annotations

import json

import pytest
from tests.test_stats import NOW, write_counted


@pytest.fixture
def counted(repo):
    return write_counted(repo)


def test_text_summary(counted, run_jam) -> None:
    code, out, err = run_jam("--root", str(counted.root), "stats", "--now", NOW)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:8] == [
        "Sprints        3 (1 upcoming, 1 judging, 1 finished)",
        "Projects       3 published, 1 retracted",
        "Participants   3 unique team members",
        "Countries      3",
        "Local sites    2",
        "Sign-ups       120 reported",
        "Prize money    €1,000, $2,000 awarded",
        "Publications   1",
    ]
    assert lines[9].split() == ["Sprint", "Status", "Projects", "Participants", "Sign-ups"]
    assert lines[10].split() == ["Past", "Sprint", "finished", "2", "2", "120"]


def test_a_file_that_cannot_be_read_is_left_out_and_exits_1(counted, run_jam) -> None:
    counted.write("submissions/judging/fifth.md", "no front matter\n")
    code, out, err = run_jam("--root", str(counted.root), "stats", "--json", "--now", NOW)
    assert code == 1
    assert json.loads(out)["projects"] == 2
    assert err.startswith("jam stats: 1 file with errors (submissions/judging/fifth.md)")


def test_bad_now_is_a_usage_error(counted, run_jam) -> None:
    code, out, err = run_jam("--root", str(counted.root), "stats", "--now", "yesterday")
    assert (code, out) == (2, "")
    assert "--now: 'yesterday' is not an ISO 8601 date-time" in err
