"""A judged sprint shaped like a real one: 6 judges, 11 projects, three criteria on a 1-5 scale.

The judges and projects match ``tests/cli/commands/data/messy-export.csv``, a form export of that
sprint's 31 reviews as organisers receive them: reviewers named "Fazl" in one
row and "Fazl Barez" in the next, a GitHub handle, stray spaces, decimal
commas, HTML in the comments, a comment that spans lines, and one judge who
scored on a 0-1 scale (row 19: 0.5 and 0.9).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import PDF, Repo

SLUG = "align-sprint"
S = f"sprints/{SLUG}.md"
REVIEWS = f"sprints/{SLUG}/reviews.yaml"
ASSIGNMENTS = f"sprints/{SLUG}/assignments.yaml"
EXPORT = Path(__file__).resolve().parents[1] / "cli" / "commands" / "data" / "messy-export.csv"
AFTER = "2025-03-10T12:00:00+00:00"
PROJECTS = [f"p{i:02d}" for i in range(1, 12)]
JUDGES = ["ana", "fazl", "kenji", "olu", "mira", "tom"]

SPRINT = """\
---
title: Alignment Research Sprint
starts: 2025-02-28T09:00:00+00:00
ends: 2025-03-02
criteria:
  - {id: advancement, name: Topic advancement}
  - {id: impact, name: AI safety impact}
  - {id: quality, name: Quality and reproducibility}
judges:
  - {id: ana, name: Ana Ruiz, github: ana-ruiz, topics: [evals]}
  - {id: fazl, name: Fazl Barez, github: fbarez, topics: [interpretability]}
  - {id: kenji, name: Kenji Sato, topics: [governance], conflicts: [p10]}
  - {id: olu, name: Olu Adeyemi, github: olu-a, topics: [evals]}
  - {id: mira, name: Mira Chen, topics: [interpretability]}
  - {id: tom, name: Tom Berg, github: tberg}
---
Eleven teams, six judges.
"""

TAGS = ["interpretability", "evals", "governance"]


def project(slug: str, member: str = "", github: str = "", tags: str = "") -> str:
    index = PROJECTS.index(slug) if slug in PROJECTS else 0
    return f"""\
---
title: Project {slug.upper()}
members:
  - {{name: {member or f"Builder {slug}"}, github: {github or f"team-{slug}"}}}
abstract: What team {slug} found.
report: report.pdf
tags: [{tags or TAGS[index % 3]}]
---
Body.
"""


def write_sprint(repo: Repo, judges: str | None = None) -> Repo:
    """The sprint and its 11 projects; Kenji Sato is a member of p10's team, a conflict the sprint file confirms."""
    sprint = SPRINT
    if judges is not None:
        head, _, rest = SPRINT.partition("judges:\n")
        sprint = head + "judges:\n" + judges + rest[rest.index("---") :]
    repo.write(S, sprint)
    for slug in PROJECTS:
        member = "Kenji Sato" if slug == "p10" else ""
        repo.write(f"submissions/{SLUG}/{slug}.md", project(slug, member=member))
        repo.write(f"submissions/{SLUG}/{slug}/report.pdf", PDF)
    return repo


def clean_export() -> str:
    """The export with row 19 scored on the sprint's scale, as the judge corrected it."""
    text = EXPORT.read_text(encoding="utf-8")
    return text.replace("tberg,p05,0.5,0.9,", 'tberg,p05,"2,5","1,5",')
