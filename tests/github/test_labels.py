"""``jam github setup``: the bot's labels created once, against the GitHub stand-in (Prism ``--errors``).

The repository is a real folder with sprint files; the command runs in-process
through the real ``jam`` entry point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from jamkit.github.report import LABELS
from tests.github.botrun import run_bot
from tests.github.standin import StandIn, pull_request_event
from tests.github.storm import verdict_json

REPO = "Codertocat/Hello-World"  # what the example payloads name
Run = Callable[..., tuple[int, str, str]]
SPRINT_LABELS = {"sprint:demo-sprint", "sprint:interp-2026"}
ALL = len(LABELS) + len(SPRINT_LABELS)  # the bot's own labels and one per sprint file


@pytest.fixture
def setup(jam_github: Run, tmp_path: Path) -> Run:
    """``jam github setup`` in a repository with two sprints, against the stand-in, without pauses."""
    root = tmp_path / "repo"
    (root / "sprints").mkdir(parents=True)
    for slug in ("demo-sprint", "interp-2026"):
        (root / "sprints" / f"{slug}.md").write_text("---\ntitle: A sprint\n---\n", encoding="utf-8")
    (root / "sprints" / "Not_A_Slug.md").write_text("---\n---\n", encoding="utf-8")  # jam check's to report

    def run(*extra: str) -> tuple[int, str, str]:
        return jam_github(root, REPO, ("setup",), *extra)

    return run


def created(stand_in: StandIn) -> dict[str, dict[str, str]]:
    return {c.body["name"]: c.body for c in stand_in.find("POST", rf"^/repos/{REPO}/labels$") if c.status < 400}


def test_setup_creates_every_label_the_bot_sets_with_its_colour(setup: Run, stand_in: StandIn) -> None:
    code, out, err = setup()
    assert code == 0, err
    made = created(stand_in)
    assert set(made) == set(LABELS) | SPRINT_LABELS  # no label for a file that is not a sprint
    assert made["ready"] == {"name": "ready", "color": "0e8a16", "description": LABELS["ready"].description}
    assert made["sprint:interp-2026"]["color"] == "5319e7"
    assert "interp-2026" in made["sprint:interp-2026"]["description"]
    assert f"{REPO}: {ALL} labels the bot sets, 0 already there." in out
    assert "To create:" in out and f"Done: {ALL} labels created." in out
    assert stand_in.rejected() == []


def test_setup_twice_changes_nothing(setup: Run, stand_in: StandIn) -> None:
    assert setup()[0] == 0
    before = len(stand_in.writes())
    code, out, err = setup()
    assert code == 0, err
    assert len(stand_in.writes()) == before
    assert f"{ALL} labels the bot sets, {ALL} already there." in out and "Nothing to do" in out
    assert stand_in.rejected() == []


def test_a_dry_run_reads_and_writes_nothing(setup: Run, stand_in: StandIn) -> None:
    code, out, err = setup("--dry-run")
    assert code == 0, err
    assert stand_in.writes() == []
    assert "To create:" in out and re.search(r"^  needs-changes +#d93f0b  jam check found problems", out, re.M)
    assert "Dry run: nothing was changed." in out
    assert stand_in.find("GET", rf"^/repos/{REPO}/labels$")  # it did look


def test_labels_github_made_grey_get_their_colour_and_a_maintainers_colour_stays(
    setup: Run, stand_in: StandIn, tmp_path: Path
) -> None:
    """A run before the setup set labels GitHub did not have: GitHub made them grey, without a description."""
    run = run_bot(stand_in.url, tmp_path / "run", pull_request_event("opened"), verdict_json(True, 2))
    assert run.code == 0, run.err
    assert stand_in.label_look(REPO, "ready") == ("ededed", None)
    stand_in.state.auto_labels[REPO].remove("submission")  # a maintainer made this one by hand, in their colour
    stand_in.state.repo_labels.setdefault(REPO, []).append("submission")
    stand_in.state.looks[(REPO, "submission")] = ("000000", "Our own words")

    code, out, err = setup()
    assert code == 0, err
    patched = {c.path.rsplit("/", 1)[1]: c.body for c in stand_in.find("PATCH", rf"^/repos/{REPO}/labels/")}
    assert patched["ready"] == {"color": "0e8a16", "description": LABELS["ready"].description}
    assert "sprint%3Ademo-sprint" in patched  # the name is one path segment (the verdict names demo-sprint)
    assert "submission" not in patched and "submission" not in created(stand_in)
    assert stand_in.label_look(REPO, "submission") == ("000000", "Our own words")
    assert stand_in.label_look(REPO, "ready") == ("0e8a16", LABELS["ready"].description)
    assert "To colour (GitHub made them grey" in out and "created" in out and "coloured" in out
    assert setup()[1].count("Nothing to do") == 1  # and then all is in place
    assert stand_in.rejected() == []


def test_a_refusal_stops_with_what_was_done_and_what_was_not(setup: Run, stand_in: StandIn) -> None:
    stand_in.inject(
        "POST",
        rf"^/repos/{REPO}/labels$",
        403,
        {},
        {"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest"},
    )
    code, out, err = setup()
    assert code == 1 and "Traceback" not in err
    assert "Done: nothing." in out and "Not done:" in out and "late" in out.split("Not done:")[1]
    assert "GitHub refused a call" in err and "403" in err and "run the command again" in err
    assert created(stand_in) == {}
    assert setup()[0] == 0 and len(created(stand_in)) == ALL  # run again: it makes what is missing


def test_setup_needs_a_token_and_a_repository(setup: Run, run_jam: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    code, _, err = setup()
    assert code == 2 and "GITHUB_TOKEN is not set" in err and err.count("\n") == 1
    monkeypatch.setenv("GITHUB_TOKEN", "x")
    code, _, err = setup("--repo", "not a repo")
    assert code == 2 and "need --repo OWNER/NAME" in err


def test_a_github_that_cannot_be_read_changes_nothing(
    run_jam: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sprints").mkdir()
    monkeypatch.setenv("GITHUB_TOKEN", "x")
    monkeypatch.delenv("JAM_DEBUG", raising=False)
    code, _, err = run_jam(
        "--root", str(tmp_path), "github", "setup", "--repo", REPO, "--api-url", "http://127.0.0.1:9"
    )
    assert code == 1 and "reading the labels" in err and "nothing was changed" in err and "Traceback" not in err
