"""The example content every test starts from: one sprint, a cohort, one project with its PDF, one publication."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the jamkit checkout

# A minimal PDF that real readers open (one empty page).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

SPRINT = """\
---
title: Demo Research Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
team_size: {min: 1, max: 3}
criteria:
  - {id: impact, name: AI safety impact}
  - {id: quality, name: Quality and reproducibility}
judges:
  - {name: Ada Judge, github: ada-judge}
sites:
  - {id: online, name: Online, online: true}
  - {id: london, name: London hub, city: London, country: GB}
---
A sprint for the tests.
"""

# A fellowship cohort over the demo repository's project, publication and judge (the mentor in another case).
COHORT = """\
---
title: Spring cohort
starts: 2025-02-01
ends: 2025-05-31
mentors: [{name: Ada Judge, github: Ada-Judge}]
teams:
  - project: demo-sprint/probing
    mentor: ada-judge
    publication: a-paper
    milestones: [{date: 2025-03-01, kind: draft}]
---
"""

SUBMISSION = """\
---
title: Probing for Deception
members:
  - name: Bea Builder
    github: bea
abstract: We probe a small model for deceptive behaviour.
report: report.pdf
site: london
---
The long write-up.
"""

# The project as the cohort above takes it in: a cohort and its teams' `lab` agree (JAM231).
SUBMISSION_IN_COHORT = SUBMISSION.replace("site: london\n", "site: london\nlab: {status: fellowship, cohort: spring}\n")

PUBLICATION = """\
---
title: A Paper That Grew
authors:
  - {name: Bea Builder, github: bea}
venue: NeurIPS Workshop
year: 2025
url: https://example.org/paper
projects: [demo-sprint/probing]
---
The abstract.
"""

# A local site's own file, run by Cara, hosting the demo sprint.
LOCAL_SITE = """\
---
name: Leeds hub
city: Leeds
country: GB
timezone: Europe/London
organizers:
  - {name: Cara Coder, github: cara}
contact: https://example.org/leeds/contact
hosts:
  - {sprint: demo-sprint, venue: Room 1}
---
We meet in Leeds.
"""
