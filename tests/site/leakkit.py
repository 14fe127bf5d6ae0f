"""A small repository whose restricted, embargoed and retracted records carry a marker in every field readers may not
see, and whose public project's write-up embeds an image from an outside server: built once for the tests of what a
build may publish and which servers its pages call."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import PDF
from tests.site.sitekit import PNG

MARK = "leakmark"  # matched without regard to case: handles are lowercased in URLs
OUTSIDE_IMAGE = "https://images.tracker.example/pixel.png"  # a third-party image in a write-up
TRUSTED_HOST = "images.trusted.example"  # in the plugin's `image_hosts`: its images are shown
SHOWN = (
    "Retracted Title Is Shown",
    "It overstated its results.",
    "Restricted Title Is Shown",
    "Public Leak Project",
    "A public plan.",  # the cohort's public team
)

FILES: dict[str, str] = {
    "sprints/leak-sprint.md": """\
---
title: Leak Test Sprint
starts: 2024-01-19T09:00:00+00:00
ends: 2024-01-21
criteria:
  - {id: impact, name: Impact, description: "Does it matter?"}
judges:
  - {name: Jo Judge, github: jo-judge, affiliation: Judge Lab, conflicts: [leakmark-embargoed]}
awards:
  - {place: 1, project: public-proj}
  - {place: 2, project: leakmark-embargoed}
  - {place: 3, project: retracted-proj}
---
A sprint.
""",
    "sprints/leak-sprint/reviews.yaml": """\
- judge: jo-judge
  project: public-proj
  scores: {impact: 4}
  comment: A fine project.
- judge: jo-judge
  project: retracted-proj
  scores: {impact: 3}
  comment: LEAKMARK-review-of-retracted.
""",
    "submissions/leak-sprint/public-proj.md": f"""\
---
title: Public Leak Project
members:
  - {{name: Pat Public, github: pat-public}}
abstract: A public project.
report: https://example.org/public.pdf
---
Our result, as a picture: ![chart]({OUTSIDE_IMAGE})
""",
    "submissions/leak-sprint/trusted-proj.md": f"""\
---
title: Trusted Image Project
members:
  - {{name: Tia Trusted, github: tia-trusted}}
abstract: A project whose image comes from a host the maintainers trust.
report: https://example.org/trusted.pdf
---
![diagram](https://{TRUSTED_HOST}/diagram.png)
""",
    "submissions/leak-sprint/leakmark-embargoed.md": """\
---
title: LEAKMARK-title Embargoed
team: LEAKMARK-team
members:
  - {name: LEAKMARK-member, github: leakmark-member, affiliation: LEAKMARK-affiliation}
abstract: LEAKMARK-abstract.
report: report.pdf
code: https://example.org/leakmark-code
video: https://example.org/leakmark-video
links:
  - {title: LEAKMARK-link, url: "https://example.org/leakmark-link"}
tags: [leakmark-tag]
status: embargoed
embargo_until: 2099-01-01
---
LEAKMARK-body ![figure](leakmark-embargoed/leakmark.png)
""",
    "submissions/leak-sprint/retracted-proj.md": """\
---
title: Retracted Title Is Shown
team: LEAKMARK-retracted-team
members:
  - {name: LEAKMARK-retracted-member, github: leakmark-retracted, affiliation: LEAKMARK-retracted-affiliation}
abstract: LEAKMARK-retracted-abstract.
report: report.pdf
code: https://example.org/leakmark-retracted-code
links:
  - {title: LEAKMARK-retracted-link, url: "https://example.org/leakmark-retracted-link"}
tags: [leakmark-retracted-tag]
status: retracted
retraction: {date: 2024-02-01, reason: It overstated its results.}
---
LEAKMARK-retracted-body
""",
    "lab/leak-cohort.md": """\
---
title: Leak Test Cohort
starts: 2024-02-01
ends: 2024-04-30
mentors:
  - {name: Mo Mentor, github: mo-mentor}
teams:
  - project: leak-sprint/public-proj
    mentor: mo-mentor
    publication: leak-restricted
    milestones:
      - {date: 2024-02-05, kind: proposal, note: A public plan.}
  - project: leak-sprint/leakmark-embargoed
    mentor: mo-mentor
    milestones:
      - {date: 2024-02-06, kind: draft, note: LEAKMARK-milestone}
---
A cohort.
""",
    "publications/leak-restricted.md": """\
---
title: Restricted Title Is Shown
authors:
  - {name: LEAKMARK-author, github: leakmark-author}
venue: Restricted Venue
year: 2024
url: https://example.org/leakmark-paper
doi: 10.1234/leakmark
kind: paper
status: under review
access: restricted
projects: [leak-sprint/public-proj]
---
LEAKMARK-publication-abstract.
""",
}

BINARY: dict[str, bytes] = {
    "submissions/leak-sprint/leakmark-embargoed/report.pdf": PDF + b"%LEAKMARK-report\n",
    "submissions/leak-sprint/leakmark-embargoed/leakmark.png": PNG,
    "submissions/leak-sprint/retracted-proj/report.pdf": PDF + b"%LEAKMARK-retracted-report\n",
}


def write_leak_content(repo: Path) -> None:
    """The sprint, its public, embargoed and retracted projects, the restricted publication, and ``image_hosts``."""
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hosts = f"\n      image_hosts: [{TRUSTED_HOST}]"
    if "\n  - jamkit:\n" in text:  # the plugin has settings already (the programme's words): one more
        text = text.replace("\n  - jamkit:", "\n  - jamkit:" + hosts, 1)
    else:
        assert "\n  - jamkit\n" in text
        text = text.replace("\n  - jamkit\n", "\n  - jamkit:" + hosts + "\n", 1)
    config.write_text(text, encoding="utf-8")
    for path, text in FILES.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    for path, data in BINARY.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(data)
