"""One person in every role a repository has, for ``jam forget`` to remove: the demo repository plus her traces.

Ada Judge (``ada-judge``) judges the demo sprint under the id ``ada`` (with
reviews and assignments), speaks in its schedule, organises its online site,
was a member of a team in an earlier sprint, co-wrote its paper, mentors that
team in a cohort and has her own profile with a photo. Quinn Nohandle judges
too, without a GitHub handle, and is a member by name only.
"""

from __future__ import annotations

from tests.helpers.content import PDF, SPRINT
from tests.helpers.repo import Repo

HANDLE, NAME, AFFILIATION, ORCID = "ada-judge", "Ada Judge", "Judge Institute", "0000-0003-1234-5674"
TRACES = (HANDLE, NAME, AFFILIATION, ORCID)  # none of these may be left anywhere once she is forgotten

DEMO = (
    SPRINT.replace(
        "judges:\n  - {name: Ada Judge, github: ada-judge}\n",
        "judges:\n"
        "  - {id: ada, name: Ada Judge, github: Ada-Judge, affiliation: Judge Institute, topics: [evals]}\n"
        "  - {name: Quinn Nohandle}\n",
    )
    .replace(
        "  - {id: online, name: Online, online: true}\n",
        "  - {id: online, name: Online, online: true, organizer: Ada Judge}\n",
    )
    .replace(
        "---\nA sprint",
        "schedule:\n"
        "  - {at: 2025-01-17T09:00:00+00:00, title: Opening keynote, speaker: '@ada-judge'}\n"
        "  - {at: 2025-01-18T09:00:00+00:00, title: Evals talk, speaker: quinn  nohandle}\n"
        "  - {at: 2025-01-19T09:00:00+00:00, title: Closing, speaker: Someone Else}\n"
        "---\nA sprint",
    )
)
REVIEWS = """\
# Reviews of the demo sprint
- judge: ada  # the first review
  project: probing
  scores: {impact: 4, quality: 5}
  comment: Careful work.
- judge: quinn-nohandle
  project: probing
  scores: {impact: 3, quality: 4}
"""
ASSIGNMENTS = "- judge: ada\n  projects: [probing]\n- judge: quinn-nohandle\n  projects: [probing]\n"
OLD_SPRINT = """\
---
title: Old Sprint
starts: 2023-01-13T09:00:00+00:00
ends: 2023-01-15
---
An older sprint.
"""
OLD_TEAM = f"""\
---
title: An Old Project
members:
  - name: Cara Coder
    github: cara
  - name: {NAME}
    github: {HANDLE}
    affiliation: {AFFILIATION}
    orcid: {ORCID}
  - name: Quinn Nohandle
abstract: What the old team found.
report: report.pdf
lab: {{status: fellowship, cohort: spring}}
---
The old write-up.
"""
PAPER = f"""\
---
title: A Paper From the Old Sprint
authors:
  - {{name: Cara Coder, github: cara}}
  - {{name: {NAME}, github: {HANDLE}}}
venue: Workshop on Tests
year: 2024
url: https://example.org/old-paper
projects: [old-sprint/old-team]
---
The paper's abstract.
"""
COHORT = f"""\
---
title: Spring cohort
starts: 2023-02-01
ends: 2023-05-31
mentors:
  - {{name: {NAME}, github: {HANDLE}, affiliation: {AFFILIATION}}}
  - {{name: Mo Mentor, github: mo}}
teams:
  - project: old-sprint/old-team
    mentor: {HANDLE}
    publication: old-paper
    milestones: [{{date: 2023-03-01, kind: draft}}]
---
The spring cohort.
"""
PROFILE = f"---\nname: {NAME}\naffiliation: {AFFILIATION}\norcid: {ORCID}\n---\nI judge sprints.\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ff"
    "ff3f0005fe02fea7d6a4a50000000049454e44ae426082"
)


def write_everywhere(repo: Repo) -> Repo:
    """Ada (and Quinn) in every role, over the demo repository's files."""
    repo.write("sprints/demo-sprint.md", DEMO)
    repo.write("sprints/demo-sprint/reviews.yaml", REVIEWS)
    repo.write("sprints/demo-sprint/assignments.yaml", ASSIGNMENTS)
    repo.write("sprints/old-sprint.md", OLD_SPRINT)
    repo.write("submissions/old-sprint/old-team.md", OLD_TEAM)
    repo.write("submissions/old-sprint/old-team/report.pdf", PDF)
    repo.write("publications/old-paper.md", PAPER)
    repo.write("lab/spring.md", COHORT)
    repo.write(f"people/{HANDLE}.md", PROFILE)
    repo.write(f"people/{HANDLE}/photo.png", PNG)
    return repo
