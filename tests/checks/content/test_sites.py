"""A sprint's sites are its inline entries and the site files that host it: every rule reads the same set."""

from __future__ import annotations

import datetime as dt

from jamkit.core.model import sites_of
from jamkit.figures.stats import figures
from jamkit.files.load import load_catalog
from tests.helpers import LOCAL_SITE, SUBMISSION

P = "submissions/demo-sprint/probing.md"
R = "sprints/demo-sprint/reviews.yaml"
H = "sites/leeds-hub.md"
REVIEW = "- judge: ada-judge\n  project: probing\n  scores: {impact: 4, quality: 5}\n"
SITE = LOCAL_SITE.replace("{name: Cara Coder, github: cara}", "{name: Ada Judge, github: Ada-Judge}")  # a judge


def test_the_organiser_of_a_site_file_may_not_review_its_teams(demo_repo, jam_check) -> None:
    demo_repo.write(H, SITE)
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: leeds-hub"))
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo, R).one("JAM210")
    assert found["message"].endswith("Ada Judge organised the team's site, Leeds hub")


def test_a_site_file_joins_the_sprints_sites_for_checks_and_figures(demo_repo) -> None:
    demo_repo.write(H, LOCAL_SITE)
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: leeds-hub"))
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == []
    sprint = catalog.sprints["demo-sprint"]
    assert [(s.id, s.file is not None) for s in sites_of(sprint, catalog)] == [
        ("online", False),
        ("london", False),
        ("leeds-hub", True),
    ]
    found = figures(catalog, dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    assert [(c.code, c.projects, c.cities) for c in found.by_country] == [("GB", 1, ("Leeds",))]


def test_a_misspelt_time_zone_is_named_in_the_fix(demo_repo, jam_check) -> None:
    demo_repo.write(H, LOCAL_SITE.replace("Europe/London", "europe/londn"))
    found = jam_check(demo_repo).one("JAM241")
    assert (found["line"], found["fix"]) == (5, "did you mean 'Europe/London'?")
