"""`jam stats`: the figures as text, files that cannot be read, and usage errors."""

from __future__ import annotations

import json

import pytest

from tests.helpers.counted import NOW, write_counted


@pytest.fixture
def counted(repo):
    return write_counted(repo)


def test_text_summary(counted, run_jam) -> None:
    code, out, err = run_jam("--root", str(counted.root), "stats", "--now", NOW)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:11] == [
        "Sprints held   2 (of 3: 1 upcoming, 1 judging, 1 finished)",
        "Projects       3 published, 1 retracted",
        "Participants   3 unique team members, 1 returning",
        "Per sprint     1.5 projects on average",
        "Countries      1",
        "Cities         1",
        "Local sites    2",
        "Sign-ups       120 reported by 1 of 2 sprints held",
        "Prize money    €1,000 + $2,000 awarded",
        "Publications   1",
        "Funnel         3 projects, 2 awarded, 1 in the fellowship, 1 published",
    ]
    assert lines[12].split() == ["Sprint", "Status", "Projects", "Participants", "Been", "before", "Sign-ups"]
    assert lines[13].split() == ["Past", "Sprint", "finished", "2", "2", "0", "120"]


def test_a_prize_that_cannot_be_counted_is_named(counted, run_jam) -> None:
    text = (counted.root / "sprints/past.md").read_text(encoding="utf-8")
    counted.write(
        "sprints/past.md",
        text.replace('project: second, prize: "€1,000 (shared)"', 'project: second, prize: "€1,000 or $1,200"'),
    )
    code, out, _ = run_jam("--root", str(counted.root), "stats", "--now", NOW)
    assert code == 0
    assert "Prize money    $2,000 awarded" in out.splitlines()
    assert "Not counted    '€1,000 or $1,200' (past/second)" in out.splitlines()


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
