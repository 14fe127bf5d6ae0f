"""The example repository the generated pages are built from.

``EXAMPLES`` is a small repository in which every file is valid (a test runs
``jam check`` on it): ``docs/format.md`` shows each file and ``docs/api.md`` the
open data built from them. The broken files are what ``docs/rules.md`` and
``docs/bot.md`` run the real ``jam check`` on, so every example output is real.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from jamkit.files.layout import FileKind

EXAMPLE_SPRINT = """\
---
title: Interpretability Research Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
tagline: Find out what a small language model knows, and how it knows it.
topics: [interpretability, evals]
format: hybrid
partners:
  - Example Lab
  - {name: Example Institute, url: https://example.org}
team_size: {min: 1, max: 4}
prizes:
  - {place: 1, amount: 1000}
  - {place: 2, amount: 500, currency: EUR}
criteria:
  - {id: impact, name: AI safety impact, description: "Does the result matter for safety?", weight: 2}
  - {id: quality, name: Quality and reproducibility}
scale: {min: 1, max: 5}
judges:
  - {name: Ada Lovelace, affiliation: Example Institute, github: ada-example}
sites:
  - {id: online, name: Online, online: true}
  - id: london
    name: London hub
    city: London
    country: GB
    organizer: Example Lab
    url: https://example.org/london
schedule:
  - {at: 2026-03-13T17:00:00+00:00, title: Opening keynote, speaker: Ada Lovelace, url: https://example.org/live}
resources:
  - {title: Transformer circuits, url: https://example.org/circuits, kind: paper}
registration: https://example.org/register
signups: 120
awards:
  - {place: 1, project: probing-deception, prize: "1,000 USD"}
---
The sprint's description in Markdown: the challenge, the rules, how to take part.
"""

EXAMPLE_SUBMISSION = """\
---
title: Probing a Small Model for Deception
team: The Probers
members:
  - name: Bea Builder
    github: bea-example
    affiliation: Example University
    orcid: 0000-0002-1825-0097
  - name: Cy Coder
abstract: >-
  We train linear probes on the activations of a small language model and find a
  direction that separates honest from deceptive answers.
report: report.pdf
code: https://github.com/example/probing-deception
video: https://example.org/video
links:
  - {title: Slides, url: https://example.org/slides}
tags: [probing, deception]
site: london
license: CC-BY-4.0
lab: {status: fellowship, cohort: 2026-spring}  # set by maintainers, as the cohort lists the team
---
The longer write-up in Markdown: method, results, limitations.
"""

EXAMPLE_PUBLICATION = """\
---
title: Linear Probes Find Deception in Small Models
authors:
  - {name: Bea Builder, github: bea-example}
  - {name: Ada Lovelace}
venue: Example Workshop on Interpretability
year: 2026
url: https://example.org/paper
doi: 10.1234/example.5678
arxiv: "2604.01234"
kind: workshop
projects: [interp-2026/probing-deception]
---
The abstract of the paper, in Markdown.
"""

EXAMPLE_REVIEWS = """\
- judge: ada-example
  project: probing-deception
  scores: {impact: 4, quality: 5}
  comment: A clear method. Try a larger model next.
"""

EXAMPLE_ASSIGNMENTS = """\
- judge: ada-example
  projects: [probing-deception]
"""

EXAMPLE_FINALS = """\
# Written by jam judge finalists interp-2026 --write; each judge reorders their ranking, best first.
- judge: ada-example
  ranking: [probing-deception]
"""

EXAMPLE_PROFILE = """\
---
name: Bea Example
pronouns: she/her
affiliation: University of Example
links:
  - {title: Homepage, url: "https://example.org/bea"}
milestones:
  - {date: 2026-04-01, kind: fellowship, title: "Fellow, spring 2026 cohort"}
  - {date: 2026-09-01, kind: position, title: PhD student, organisation: University of Example}
---
I work on probing and deception. This body is a short bio in Markdown.
"""

EXAMPLE_COHORT = """\
---
title: Fellowship, spring 2026
starts: 2026-04-01
ends: 2026-07-31
mentors:
  - {name: Ada Lovelace, github: ada-example, affiliation: University of Example}
teams:
  - project: interp-2026/probing-deception
    mentor: ada-example
    publication: deception-probes
    milestones:
      - {date: 2026-04-10, kind: proposal}
      - {date: 2026-06-01, kind: submitted, note: Example Workshop}
      - {date: 2026-07-15, kind: accepted}
---
Three months of mentoring that turned sprint projects into papers.
"""

EXAMPLE_SITE = """\
---
name: Accra hub
city: Accra
country: GH
timezone: Africa/Accra
organizers:
  - {name: Ama Mensah, github: ama-example}
url: https://example.org/sites/accra
contact: https://example.org/sites/accra/contact
location: {lat: 5.56, lon: -0.20}
hosts:
  - sprint: interp-2026
    venue: Room 4, Example Innovation Hub
    capacity: 30
    registration: https://example.org/sites/accra/interp-2026
    notes: Lunch on both days.
---
We meet in central Accra. This body describes the site in Markdown.
"""

# path -> text: a small repository in which every example is valid (a test checks it).
EXAMPLES: dict[str, str] = {
    "sprints/interp-2026.md": EXAMPLE_SPRINT,
    "submissions/interp-2026/probing-deception.md": EXAMPLE_SUBMISSION,
    "publications/deception-probes.md": EXAMPLE_PUBLICATION,
    "sprints/interp-2026/reviews.yaml": EXAMPLE_REVIEWS,
    "sprints/interp-2026/assignments.yaml": EXAMPLE_ASSIGNMENTS,
    "sprints/interp-2026/finals.yaml": EXAMPLE_FINALS,
    "people/bea-example.md": EXAMPLE_PROFILE,
    "lab/2026-spring.md": EXAMPLE_COHORT,
    "sites/accra-hub.md": EXAMPLE_SITE,
}

# A minimal PDF, so that the example repository's report exists.
EXAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
EXAMPLE_REPORT = "submissions/interp-2026/probing-deception/report.pdf"


def example_of(kind: FileKind) -> str:
    """The path of the example file of one kind."""
    return next(path for path in EXAMPLES if kind.matches(path))


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write repository files (path -> text or bytes) under ``root``, creating their folders."""
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def write_examples(root: Path) -> None:
    """Write the example repository (with the report PDF) under ``root``."""
    write_files(root, {**EXAMPLES, EXAMPLE_REPORT: EXAMPLE_PDF})


# --------------------------------------------------------------------------- the demo sprint: mistakes and their fix

DEMO_SPRINT_PATH = "sprints/demo-sprint.md"
DEMO_SUBMISSION_PATH = "submissions/demo-sprint/probing.md"
DEMO_REPORT_PATH = "submissions/demo-sprint/probing/report.pdf"

# docs/rules.md: a sprint file with two mistakes, and the real `jam check` output for it.
BROKEN_SPRINT = """\
---
title: Demo Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
tagline: A sprint with two mistakes.
judges:
  - {name: Ada Lovelace, github: "@ada-example"}
prize: []
---
"""

# docs/bot.md: a submission pushed with two mistakes, then pushed again fixed, to a minimal sprint.
DEMO_SPRINT = """\
---
title: Demo Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
---
"""
BROKEN_SUBMISSION = """\
---
title: Probing for Deception
members:
  - {name: Bea Builder, github: "@bea-example"}
abstract: We probe a small model for deceptive behaviour.
report: report.pdf
code: http://example.org/probing
---
"""
FIXED_SUBMISSION = BROKEN_SUBMISSION.replace('"@bea-example"', "bea-example").replace("http:", "https:")
