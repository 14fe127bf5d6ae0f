"""The announcement's plan and text, without a network: what is missing is planned, what is there is not."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from jamkit.core.model import Award
from jamkit.github.announce import (
    NEW_TAG_SHA,
    Announcement,
    Remote,
    Winner,
    label_spec,
    plan,
    plan_text,
    release_body,
)
from jamkit.github.history import Commit, HistoryError, awards_commit, awards_in
from tests.helpers import git
from tests.helpers.rendered import references, render, visible

SHA = "a" * 40
REPO = "example-org/sprints"


def winner(project: str, place: int | None, pull: int | None, title: str = "A Project") -> Winner:
    return Winner(
        ref=f"demo-sprint/{project}",
        title=title,
        team="Team",
        place=place,
        prize="$100" if place else None,
        link=f"https://s.example.org/projects/demo-sprint/{project}/",
        added=Commit("b" * 40, f"Add {project}"),
        pull=pull,
    )


def announcement(*winners: Winner) -> Announcement:
    return Announcement(
        REPO, "demo-sprint", "Demo <b>Sprint</b>", "https://s.example.org/", Commit(SHA, "Awards"), winners
    )


def test_the_release_says_what_teams_wrote_and_links_and_references_nothing_of_theirs() -> None:
    """A team name or title that would mention a team, cross-reference issues or link elsewhere on GitHub."""
    title = "Probes GH-3 [x](https://evil.example) <b>b</b>"
    team = "&commat;org/maintainers, @octocat, owner/repo#4 and www.evil.example"
    a = announcement(replace(winner("one", 1, 11, title=title), team=team))
    html = render(release_body(a))
    assert references(html) == ["#1"]  # the pull request cell, #11, is the one reference: GitHub's own
    assert re.findall(r'href="([^"]+)"', html) == [
        "https://s.example.org/",
        "https://s.example.org/projects/demo-sprint/one/",
    ]
    assert title in visible(html) and team in visible(html) and "Demo <b>Sprint</b>" in visible(html)


def test_label_colours_and_descriptions_fit_github() -> None:
    for name in ("winner", "winner: 1st place", "winner: 12th place", "honorable mention"):
        spec = label_spec(name)
        assert len(spec.color) == 6 and int(spec.color, 16) >= 0 and 0 < len(spec.description) <= 100


def test_a_first_plan_makes_everything_in_order() -> None:
    a = announcement(winner("one", 1, 11), winner("two", 2, 11), winner("nice", None, 14))
    p = plan(a, Remote(tag_commit=None, release=False))
    assert [x.kind for x in p.actions] == [
        "tag",
        "ref",
        "release",
        "label",
        "label",
        "label",
        "label",
        "labels",
        "labels",
        "labels",
    ]
    assert p.actions[1].body == {"ref": "refs/tags/results/demo-sprint", "sha": NEW_TAG_SHA}
    assert p.actions[0].body["object"] == SHA and p.actions[0].body["type"] == "commit"
    assert "Demo &lt;b&gt;Sprint&lt;/b&gt;" in p.actions[2].body["body"]
    assert p.actions[2].body["name"] == "Results: Demo <b>Sprint</b>"  # a title, shown as text by GitHub


def test_only_what_is_missing_is_planned() -> None:
    a = announcement(winner("one", 1, 11), winner("two", 2, 12), winner("gone", 3, 99))
    remote = Remote(
        tag_commit=SHA,
        release=True,
        repo_labels=frozenset({"winner", "winner: 2nd place"}),
        pull_labels={11: frozenset({"winner", "winner: 1st place"}), 12: frozenset({"WINNER"})},
        gone=frozenset({99}),
    )
    p = plan(a, remote)
    assert [(x.kind, x.path, dict(x.body)) for x in p.actions] == [
        ("labels", f"/repos/{REPO}/issues/12/labels", {"labels": ["winner: 2nd place"]}),
    ]
    assert "the labels of pull request #11 (one): winner, winner: 1st place" in p.present
    assert p.unlabelled == (
        "demo-sprint/gone (3rd place): pull request #99 is not on GitHub for its file, "
        f"added in {'b' * 12} (Add gone); label it by hand",
    )
    text = plan_text(a, p)
    assert "Plan: 1 call to GitHub.\n  1. label pull request #12 (two, 2nd place): winner: 2nd place\n" in text


def test_a_tag_elsewhere_blocks_the_whole_plan() -> None:
    p = plan(announcement(winner("one", 1, 11)), Remote(tag_commit="c" * 40, release=False))
    assert p.actions == () and p.conflict and "points at cccccccccccc" in p.conflict


def test_the_release_lists_places_then_mentions() -> None:
    body = release_body(announcement(winner("nice", None, None), winner("two", 2, 12), winner("one", 1, 11)))
    assert body.index("| 2nd place |") < body.index("## Honorable mentions")
    assert "| [A Project](https://s.example.org/projects/demo-sprint/nice/) | Team | – |" in body


def test_rewritten_awards_move_to_the_commit_that_rewrote_them(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "m@example.org")
    git(tmp_path, "config", "user.name", "M")
    sprint = tmp_path / "sprints" / "s.md"
    sprint.parent.mkdir()
    shas = []
    for awards, message in (
        ("", "sprint"),
        ("awards:\n  - {place: 1, project: one}\n", "first awards"),
        ("awards:\n  - {place: 1, project: two}\n", "second awards"),
        ("awards:\n- place: 1\n  project: two\n", "reformatted, same awards"),
    ):
        sprint.write_text(f"---\ntitle: S\n{awards}---\nBody.\n")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", message)
        shas.append(git(tmp_path, "rev-parse", "HEAD"))
    current = [Award(place=1, project="two")]
    assert awards_commit(tmp_path, "sprints/s.md", current) == Commit(shas[2], "second awards")
    with pytest.raises(HistoryError, match="not committed"):
        awards_commit(tmp_path, "sprints/s.md", [Award(place=1, project="three")])
    assert awards_in("sprints/s.md", b"\xff\xfe not text") is None
    assert awards_in("sprints/s.md", b"---\nawards: 3\n---\n") is None
    elsewhere = tmp_path.parent / f"{tmp_path.name}-not-git"
    elsewhere.mkdir()
    with pytest.raises(HistoryError, match=r"cannot read the history of sprints/s\.md"):
        awards_commit(elsewhere, "sprints/s.md", current)
