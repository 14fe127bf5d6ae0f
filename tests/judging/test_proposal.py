"""`jamkit.judging.proposal`: the awards proposed for a sprint and when they may be written, as data, on real files."""

from __future__ import annotations

import datetime as dt

import pytest

from jamkit.files.load import load_catalog
from jamkit.judging.proposal import (
    Proposal,
    Refusal,
    content_paths,
    propose_awards,
    unknown_sprint,
    write_awards,
)
from tests.helpers.judged import AFTER, DURING, S, write_judged

ASSIGNED = "sprints/judged/assignments.yaml"


@pytest.fixture
def judged(repo):
    return write_judged(repo)


def proposed(repo, now: str = AFTER, **options) -> Proposal | Refusal:
    catalog, _ = load_catalog(repo.root)
    return propose_awards(catalog, "judged", now=dt.datetime.fromisoformat(now), method="mean", **options)


def test_after_the_deadline_the_top_places_are_proposed(judged) -> None:
    proposal = proposed(judged, write=True)
    assert isinstance(proposal, Proposal)
    assert [(a.place, a.project, a.prize) for a in proposal.awards] == [(1, "beta", "$2,000"), (2, "alpha", "€1,000")]
    assert (proposal.existing, proposal.unchanged, proposal.empty) == ([], False, None)
    assert (proposal.kept, proposal.missing) == ([], [])


def test_writing_during_the_sprint_is_refused_unless_forced(judged) -> None:
    refusal = proposed(judged, DURING, write=True)
    assert isinstance(refusal, Refusal)
    assert refusal.reason.startswith("judged is live (the deadline is ")
    assert "--force" in refusal.reason
    assert isinstance(proposed(judged, DURING), Proposal)  # only proposing is fine
    assert isinstance(proposed(judged, DURING, write=True, force=True), Proposal)


def test_missing_reviews_hold_up_writing_but_not_those_of_a_retracted_project(judged) -> None:
    judged.write(ASSIGNED, "- {judge: cy, projects: [alpha, eps]}\n")
    proposal = proposed(judged)
    assert isinstance(proposal, Proposal) and proposal.missing == [("cy", "alpha")]
    refusal = proposed(judged, write=True)
    assert isinstance(refusal, Refusal)
    assert refusal.reason.startswith("1 assigned review of judged is still missing (cy: alpha)")
    assert isinstance(proposed(judged, write=True, force=True), Proposal)


@pytest.mark.parametrize(
    ("mention", "why"),
    [
        ("delta", "--mention delta: not a ranked project of judged; the ranked projects without a place are: gamma"),
        ("beta", "--mention beta: it already has place 1; a mention is for a ranked project without a place"),
    ],
)
def test_a_mention_must_name_a_ranked_project_without_a_place(judged, mention, why) -> None:
    assert proposed(judged, mentions=[mention]) == Refusal(why)


def test_written_awards_are_proposed_unchanged_and_their_mentions_kept(judged) -> None:
    first = proposed(judged, write=True, mentions=["gamma"])
    assert isinstance(first, Proposal)
    write_awards(judged.root, first)
    again = proposed(judged, write=True)
    assert isinstance(again, Proposal)
    assert again.kept == ["gamma"]
    assert again.unchanged and again.awards == first.awards


def test_nothing_to_write_without_reviews(judged) -> None:
    judged.write("sprints/judged/reviews.yaml", "[]\n")
    proposal = proposed(judged)
    assert isinstance(proposal, Proposal)
    assert proposal.empty == "nothing to write: no project of judged can be ranked yet"


def test_the_sprint_must_exist_and_its_files_are_those_the_ranking_reads(judged) -> None:
    assert unknown_sprint(judged.root, "judged") is None
    assert unknown_sprint(judged.root, "nope") == Refusal(
        "there is no sprint 'nope' (sprints/nope.md); known sprints: judged"
    )
    paths = content_paths(judged.root, "judged")
    assert paths[:4] == [S, "sprints/judged/reviews.yaml", ASSIGNED, "sprints/judged/finals.yaml"]
    assert paths[4:] == [f"submissions/judged/{p}.md" for p in ("alpha", "beta", "delta", "eps", "gamma", "zeta")]
