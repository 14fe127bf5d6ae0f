"""The impact figures of a hand-counted repository (read through `jam stats --json`)."""

from __future__ import annotations

import json

import pytest
from tests.conftest import PDF, PUBLICATION

NOW = "2025-03-01T12:00:00+00:00"

PAST = """\
---
title: Past Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
signups: 120
prizes:
  - {place: 1, amount: 2000}
  - {place: 2, amount: 1000, currency: EUR}
  - {place: 3, amount: 500}
awards:
  - {place: 1, project: first}
  - {place: 2, project: second}
  - {place: 2, project: gone}
sites:
  - {id: online, name: Online, online: true}
  - {id: london, name: London hub, city: London, country: GB}
  - {id: lagos, name: Lagos hub, city: Lagos, country: NG}
---
"""

JUDGING = """\
---
title: Judging Sprint
starts: 2025-02-14T09:00:00+00:00
ends: 2025-02-16
sites:
  - {id: london, name: London hub, city: London, country: GB}
  - {id: us-online, name: US online, online: true, country: US}
---
"""

UPCOMING = """\
---
title: Upcoming Sprint
starts: 2025-06-06T09:00:00+00:00
ends: 2025-06-08
---
"""


def project(members: str, site: str = "", extra: str = "") -> str:
    site_line = f"site: {site}\n" if site else ""
    return f"---\ntitle: A project\nmembers:\n{members}abstract: Short.\nreport: report.pdf\n{site_line}{extra}---\n"


BEA = "  - {name: Bea Builder, github: bea}\n"
PROJECTS = {
    "past/first": project(BEA, "london"),
    "past/second": project("  - {name: Bea B., github: BEA}\n  - {name: No Handle}\n", "online"),
    "past/gone": project(
        "  - {name: Dee, github: dee}\n", extra="status: retracted\nretraction: {date: 2025-02-01, reason: Why.}\n"
    ),
    "past/hidden": project("  - {name: Hid, github: hid}\n", "lagos", "status: embargoed\n"),
    "judging/fifth": project("  - {name: Cy, github: cy}\n  - {name: no handle}\n", "london"),
}


def write_counted(repo):
    """Three sprints, five projects and a publication, counted by hand (shared with the command's tests)."""
    repo.write("sprints/past.md", PAST)
    repo.write("sprints/judging.md", JUDGING)
    repo.write("sprints/upcoming.md", UPCOMING)
    for ref, text in PROJECTS.items():
        repo.write(f"submissions/{ref}.md", text)
        repo.write(f"submissions/{ref}/report.pdf", PDF)
    repo.write("publications/a-paper.md", PUBLICATION.replace("demo-sprint/probing", "past/first"))
    return repo


@pytest.fixture
def counted(repo):
    return write_counted(repo)


def stats_json(run_jam, repo) -> dict:
    code, out, err = run_jam("--root", str(repo.root), "stats", "--json", "--now", NOW)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_the_repository_is_clean(counted, jam_check) -> None:
    assert jam_check(counted).diagnostics == []


def test_figures_of_a_hand_counted_repository(counted, run_jam) -> None:
    data = stats_json(run_jam, counted)
    assert data["generated"] == NOW
    assert {k: v for k, v in data.items() if k not in ("generated", "by_sprint", "by_country", "outcomes")} == {
        "sprints": 3,
        "by_status": {"upcoming": 1, "live": 0, "judging": 1, "finished": 1},
        "projects": 3,  # first, second, fifth: not the retracted nor the embargoed one
        "retracted": 1,  # counted apart, in no other figure
        "participants": 3,  # bea (any case), cy, and "No Handle" by name
        "countries": 3,  # GB, NG, and US from an online site with a country
        "sites": 2,  # London hub (in two sprints) and Lagos hub; online sites are not local
        "publications": 1,
        "signups": 120,
        "prize_money": {"EUR": 1000, "USD": 2000},  # place 2 shared counts once; place 3 was not awarded
    }


def test_rows_by_sprint_and_by_country(counted, run_jam) -> None:
    data = stats_json(run_jam, counted)
    assert [
        (r["slug"], r["title"], r["status"], r["projects"], r["participants"], r["countries"], r["signups"])
        for r in data["by_sprint"]
    ] == [
        ("past", "Past Sprint", "finished", 2, 2, 2, 120),
        ("judging", "Judging Sprint", "judging", 1, 2, 2, None),
        ("upcoming", "Upcoming Sprint", "upcoming", 0, 0, 0, None),
    ]
    assert data["by_country"] == [
        {"code": "GB", "name": "United Kingdom", "sprints": 2, "projects": 2},
        {"code": "NG", "name": "Nigeria", "sprints": 1, "projects": 0},
        {"code": "US", "name": "United States", "sprints": 1, "projects": 0},
    ]


def test_an_embargo_that_has_ended_counts_from_its_day(counted, run_jam) -> None:
    counted.write(
        "submissions/past/hidden.md",
        PROJECTS["past/hidden"].replace("embargoed\n", "embargoed\nembargo_until: 2025-03-01\n"),
    )
    assert stats_json(run_jam, counted)["projects"] == 4
    _, out, _ = run_jam("--root", str(counted.root), "stats", "--json", "--now", "2025-02-28T23:59:59+00:00")
    assert json.loads(out)["projects"] == 3
