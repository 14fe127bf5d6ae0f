"""A repository counted by hand for the impact figures: three sprints, five projects and a publication."""

from __future__ import annotations

from tests.helpers.content import PDF, PUBLICATION

NOW = "2025-03-01T12:00:00+00:00"

PAST = """\
---
title: Past Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
signups: 120
prizes:
  - {place: 1, amount: 2000}
  - {place: 2, amount: 500, currency: EUR}
  - {place: 3, amount: 500}
awards:
  - {place: 1, project: first}
  - {place: 2, project: second, prize: "€1,000 (shared)"}
  - {place: 2, project: gone, prize: "€1,000 (shared)"}
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
    "judging/fifth": project(
        "  - {name: Cy, github: cy}\n  - {name: no  handlé}\n", "london", "lab: {status: active}\n"
    ),
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
