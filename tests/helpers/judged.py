"""A judged sprint of six projects, and the messy real-world-shaped one, for the ranking and ``jam award``."""

from __future__ import annotations

import csv

from tests.helpers.content import PDF, ROOT

S = "sprints/judged.md"
R = "sprints/judged/reviews.yaml"
AFTER = "2025-03-01T12:00:00+00:00"  # after the deadline: the sprint is in judging
DURING = "2025-01-18T12:00:00+00:00"

SPRINT = """\
---
# Judged sprint for the award tests.
title: Judged Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
prizes:
  - {place: 1, amount: 2000}
  - {place: 2, amount: 1000, currency: EUR}
criteria:
  - {id: impact, name: Impact, weight: 2}
  - {id: quality, name: Quality}
judges:
  - {name: Ann Judge, github: ann}
  - {name: Bob Judge, github: bob}
  - {name: Cy Judge, github: cy}
---
Judged.
"""

# Hand-checked, weights impact 2/3 and quality 1/3:
# beta   impact (4+4+4)/3 = 4, quality 4          -> 4
# alpha  impact (5+3)/2 = 4,   quality (2+4)/2 = 3 -> (2*4 + 3)/3 = 11/3
# gamma  impact (5+3)/2 = 4,   quality (3+3)/2 = 3 -> 11/3, a tie with alpha
# delta  no reviews; eps retracted; zeta embargoed: not ranked
REVIEWS = """\
- {judge: ann, project: beta, scores: {impact: 4, quality: 4}}
- {judge: bob, project: beta, scores: {impact: 4, quality: 4}}
- {judge: cy, project: beta, scores: {impact: 4, quality: 4}}
- {judge: ann, project: alpha, scores: {impact: 5, quality: 2}}
- {judge: bob, project: alpha, scores: {impact: 3, quality: 4}}
- {judge: ann, project: gamma, scores: {impact: 5, quality: 3}}
- {judge: bob, project: gamma, scores: {impact: 3, quality: 3}}
- {judge: ann, project: eps, scores: {impact: 5, quality: 5}}
- {judge: ann, project: zeta, scores: {impact: 5, quality: 5}}
"""

PROJECT = """\
---
title: {title}
members:
  - {{name: Member of {title}, github: {slug}-dev}}
abstract: A project.
report: report.pdf
{extra}---
Body.
"""

BLOCK = """\
awards:
  - place: 1
    project: beta
    prize: $2,000
  - place: 2
    project: alpha
    prize: €1,000
"""

EXTRA = {
    "eps": "status: retracted\nretraction: {date: 2025-02-01, reason: Withdrawn by the team.}\n",
    "zeta": "status: embargoed\nembargo_until: 2099-01-01\n",
}


def write_judged(repo):
    """The judged sprint, its reviews and its six projects (shared with the command's tests)."""
    repo.write(S, SPRINT)
    repo.write(R, REVIEWS)
    for slug in ("alpha", "beta", "gamma", "delta", "eps", "zeta"):
        repo.write(
            f"submissions/judged/{slug}.md", PROJECT.format(title=slug.title(), slug=slug, extra=EXTRA.get(slug, ""))
        )
        repo.write(f"submissions/judged/{slug}/report.pdf", PDF)
    return repo


MESSY = ROOT / "tests" / "judging" / "data" / "messy-ratings.csv"
MESSY_JUDGES = ("ana", "fazl", "kenji", "mira", "olu", "tom")
MESSY_SPRINT = """\
---
title: Messy Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
prizes:
  - {place: 1, amount: 1000}
  - {place: 2, amount: 500}
  - {place: 3, amount: 250}
criteria:
  - {id: advancement, name: Topic advancement}
  - {id: impact, name: AI safety impact}
  - {id: quality, name: Quality and reproducibility}
judges:
%s---
Judged by six judges, one of them lenient (tests/judging/data/messy-ratings.csv).
"""


def write_messy(repo, skip: tuple[str, ...] = ()):
    """The real-world-shaped data set as a sprint: 31 reviews of 11 projects by 6 judges; mira is lenient.

    ``skip`` leaves out the reviews of these ``judge/project`` pairs (assigned but not yet in).
    """
    judges = "".join(f"  - {{name: {j.title()} Judge, github: {j}}}\n" for j in MESSY_JUDGES)
    repo.write("sprints/messy.md", MESSY_SPRINT % judges)
    with MESSY.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    scores: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        scores.setdefault((row["judge"], row["project"]), {})[row["criterion"]] = row["rating"]
    reviews = "".join(
        f"- {{judge: {judge}, project: {project}, scores: {{{', '.join(f'{c}: {v}' for c, v in s.items())}}}}}\n"
        for (judge, project), s in scores.items()
        if f"{judge}/{project}" not in skip
    )
    repo.write("sprints/messy/reviews.yaml", reviews)
    assigned: dict[str, list[str]] = {}
    for judge, project in scores:
        assigned.setdefault(judge, []).append(project)
    repo.write(
        "sprints/messy/assignments.yaml",
        "".join(f"- {{judge: {j}, projects: [{', '.join(ps)}]}}\n" for j, ps in assigned.items()),
    )
    for slug in sorted({project for _, project in scores}):
        repo.write(f"submissions/messy/{slug}.md", PROJECT.format(title=slug.upper(), slug=slug, extra=""))
        repo.write(f"submissions/messy/{slug}/report.pdf", PDF)
    return repo
