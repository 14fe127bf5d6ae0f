"""The outcome figures, each checked against a count made here from the raw YAML of the example repository.

The counts below read the files with PyYAML and plain Python, not through
``jamkit.figures.outcomes`` (nor its loader), so a mistake in a figure's definition
shows up as a disagreement.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from jamkit.figures.outcomes import CSV_COLUMNS, Outcomes, anonymised_csv, as_data, outcomes, paths
from jamkit.files.load import load_catalog
from tests.helpers import PDF, PUBLICATION, SUBMISSION, Repo, example_root

NOW = dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC)  # both 2026 sprints judged, the spring cohort finished


def front(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def deadline(sprint: dict[str, Any]) -> dt.date:
    ends = sprint["ends"]
    return ends if isinstance(ends, dt.date) and not isinstance(ends, dt.datetime) else ends.date()


class Raw:
    """The example repository as plain dictionaries."""

    def __init__(self, root: Path) -> None:
        self.sprints = {p.stem: front(p) for p in (root / "sprints").glob("*.md")}
        self.projects: dict[str, dict[str, Any]] = {}
        for p in (root / "submissions").glob("*/*.md"):
            data = front(p)
            if data.get("status", "published") == "published":  # the example repository embargoes nothing
                self.projects[f"{p.parent.name}/{p.stem}"] = data
        self.publications = {p.stem: front(p) for p in (root / "publications").glob("*.md")}
        self.cohorts = {p.stem: front(p) for p in (root / "lab").glob("*.md")}
        self.profiles = {p.stem.lower(): front(p) for p in (root / "people").glob("*.md")}

    def who(self, ref: str, member: dict[str, Any], index: int) -> str:
        return member["github"].lower() if member.get("github") else f"{ref}#{index}:{member['name'].lower()}"

    def people(self, since: dt.date | None = None) -> dict[str, set[str]]:
        """Each participant and the projects they were in."""
        found: dict[str, set[str]] = defaultdict(set)
        for ref, data in self.projects.items():
            if since and deadline(self.sprints[ref.split("/")[0]]) < since:
                continue
            for index, member in enumerate(data["members"]):
                found[self.who(ref, member, index)].add(ref)
        return found


@pytest.fixture(scope="module")
def raw() -> Raw:
    return Raw(example_root())


@pytest.fixture(scope="module")
def found() -> Outcomes:
    catalog, problems = load_catalog(example_root())
    assert problems == []
    return outcomes(catalog, NOW)


def figure(found: Outcomes, key: str) -> int:
    return next(f.value for f in found.figures if f.key == key)


def test_participants_and_who_returned(raw: Raw, found: Outcomes) -> None:
    people = raw.people()
    assert figure(found, "participants") == len(people) > 30
    returned = [p for p, refs in people.items() if len({r.split("/")[0] for r in refs}) > 1]
    assert figure(found, "returned") == len(returned) >= 1


def test_awarded(raw: Raw, found: Outcomes) -> None:
    won = {f"{slug}/{a['project']}" for slug, s in raw.sprints.items() for a in s.get("awards", [])}
    expected = [p for p, refs in raw.people().items() if refs & won]
    assert figure(found, "awarded") == len(expected) > 0


def test_fellowship(raw: Raw, found: Outcomes) -> None:
    teams = {t["project"] for c in raw.cohorts.values() for t in c["teams"]}
    teams |= {ref for ref, data in raw.projects.items() if data.get("lab")}
    expected = [p for p, refs in raw.people().items() if refs & teams]
    assert figure(found, "fellowship") == len(expected) == 9


def test_coauthored(raw: Raw, found: Outcomes) -> None:
    expected = set()
    for pub in raw.publications.values():
        handles = {a["github"].lower() for a in pub["authors"] if a.get("github")}
        for person, refs in raw.people().items():
            if person in handles and refs & set(pub.get("projects", [])):
                expected.add(person)
    assert figure(found, "coauthored") == len(expected) > 0


def test_position_is_self_reported_and_a_lower_bound(raw: Raw, found: Outcomes) -> None:
    people = raw.people()
    expected = 0
    for handle, profile in raw.profiles.items():
        if handle not in people:
            continue
        first = min(deadline(raw.sprints[ref.split("/")[0]]) for ref in people[handle])
        if any(m["kind"] == "position" and m["date"] > first for m in profile.get("milestones", [])):
            expected += 1
    position = next(f for f in found.figures if f.key == "position")
    assert position.value == expected == 2 and position.self_reported
    assert as_data(found)["figures"]["position"]["at_least"] is True  # type: ignore[index]


def test_publications_by_status_and_time_to_publication(raw: Raw, found: Outcomes) -> None:
    statuses: dict[str, int] = defaultdict(int)
    for pub in raw.publications.values():
        if set(pub.get("projects", [])) & set(raw.projects):
            statuses[pub.get("status", "published")] += 1
    assert dict(found.publications) == dict(statuses)
    days = []
    for cohort in raw.cohorts.values():
        for team in cohort["teams"]:
            pub = raw.publications[team["publication"]]
            arrived = [m["date"] for m in team["milestones"] if m["kind"] in ("accepted", "published")]
            if arrived and pub.get("status", "published") in ("accepted", "published"):
                days.append((min(arrived) - deadline(raw.sprints[team["project"].split("/")[0]])).days)
    assert found.to_publication.count == len(days) == 2
    assert found.to_publication.median_days == statistics.median(days)


def test_funnel_by_sprint(raw: Raw, found: Outcomes) -> None:
    rows = {r.sprint: r for r in found.funnel}
    for slug, sprint in raw.sprints.items():
        there = {p for p, refs in raw.people().items() if any(r.split("/")[0] == slug for r in refs)}
        if not there:
            assert slug not in rows
            continue
        assert rows[slug].participants == len(there)
        later = {
            p
            for p, refs in raw.people().items()
            if any(deadline(raw.sprints[r.split("/")[0]]) > deadline(sprint) for r in refs)
        }
        assert rows[slug].returned == len(there & later)


def test_since_counts_only_later_sprints(raw: Raw) -> None:
    catalog, _ = load_catalog(example_root())
    since = dt.date(2026, 4, 1)
    later = outcomes(catalog, NOW, since)
    assert figure(later, "participants") == len(raw.people(since)) < len(raw.people())
    assert [r.sprint for r in later.funnel] == ["interpretability-2026"]


def test_the_anonymised_csv_names_nobody(raw: Raw, found: Outcomes) -> None:
    text = anonymised_csv(found)
    lines = text.splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    ids = {line.split(",")[0] for line in lines[1:]}
    assert len(ids) == figure(found, "participants")
    lowered = text.lower()
    for handle in raw.people():
        assert handle.split("#")[0] not in lowered or "/" in handle
    for data in [*raw.projects.values(), *raw.publications.values()]:
        assert data["title"].lower() not in lowered
        for person in data.get("members", data.get("authors", [])):
            assert person["name"].lower() not in lowered


def test_every_publication_a_profile_reports_is_kept_and_a_repository_paper_counted_once(demo_repo: Repo) -> None:
    demo_repo.write("submissions/demo-sprint/probing-two.md", SUBMISSION.replace("Probing", "More Probing"))
    demo_repo.write("submissions/demo-sprint/probing-two/report.pdf", PDF)
    demo_repo.write("publications/a-paper.md", PUBLICATION.replace("probing]", "probing, demo-sprint/probing-two]"))
    demo_repo.write(
        "people/bea.md",
        "---\nname: Bea Builder\nmilestones:\n"
        "  - {date: 2025-04-01, kind: publication, title: A workshop paper}\n"
        "  - {date: 2025-09-01, kind: publication, title: A journal paper}\n---\n",
    )
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == []
    bea = paths(catalog, NOW)["bea"]
    assert [s.title for s in bea.reported("publication")] == ["A workshop paper", "A journal paper"]
    assert [(s.publication, s.project) for s in bea.of("publication")] == [("a-paper", "demo-sprint/probing")]
