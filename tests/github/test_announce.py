"""``jam github announce`` against the GitHub stand-in, on a real git history of merged pull requests.

The history: four projects arrive the ways GitHub merges pull requests (a merge
commit, a squash, a rebase of a commit whose subject names another pull request,
a direct push with no pull request at all), a fifth is not awarded, the awards arrive through a merged
pull request of their own, and a later commit fixes a typo in the sprint file.
Every call goes through the recording proxy to Prism (``--errors``), which checks
it against GitHub's OpenAPI description; every test asserts none was refused.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.github.standin import ROOT, StandIn
from tests.helpers import PDF, git

REPO = "example-org/sprints"
TAG = "results/demo-sprint"

SPRINT = """\
---
title: Demo Research Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
sites:
  - {{id: online, name: Online, online: true}}
prizes:
  - {{place: 1, amount: 2000, currency: USD}}
  - {{place: 2, amount: 1000, currency: USD}}
  - {{place: 3, amount: 500, currency: USD}}
{awards}---
A sprint for the announcement tests. {tail}
"""

AWARDS = """\
awards:
  - {place: 1, project: steering, prize: "$2,000"}
  - {place: 2, project: probing, prize: "$1,000"}
  - {place: 3, project: rebased, prize: "$500"}
  - {mention: true, project: orphan}
"""

SUBMISSION = """\
---
title: "{title}"
members:
  - name: {name}
    github: {handle}
abstract: A project of the demo sprint.
report: report.pdf
site: online
---
The write-up.
"""

Run = Callable[..., tuple[int, str, str]]


def add_project(root: Path, slug: str, title: str) -> None:
    folder = root / "submissions" / "demo-sprint"
    folder.mkdir(parents=True, exist_ok=True)
    handle = f"team-{slug}"
    (folder / f"{slug}.md").write_text(SUBMISSION.format(title=title, name=f"Ada {slug.title()}", handle=handle))
    (folder / slug).mkdir(exist_ok=True)
    (folder / slug / "report.pdf").write_bytes(PDF)


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


def merge_pull_request(root: Path, number: int, branch: str, work: Callable[[], None], message: str) -> str:
    """A pull request merged with a merge commit; returns the branch's commit."""
    git(root, "switch", "-q", "-c", branch)
    work()
    made = commit(root, message)
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", f"Merge pull request #{number} from someone/{branch}", branch)
    return made


class History:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.shas: dict[str, str] = {}


@pytest.fixture
def history(tmp_path: Path) -> History:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "maintainer@example.org")
    git(root, "config", "user.name", "Maintainer")
    git(root, "config", "commit.gpgsign", "false")
    sprint = root / "sprints" / "demo-sprint.md"
    sprint.parent.mkdir()
    sprint.write_text(SPRINT.format(awards="", tail="Teyp."))
    h = History(root)
    h.shas["start"] = commit(root, "Add the demo sprint")

    h.shas["steering"] = merge_pull_request(
        root, 11, "steering", lambda: add_project(root, "steering", "Steering @everyone | [x](y)"), "Add steering"
    )
    add_project(root, "probing", "Probing for Deception")
    h.shas["probing"] = commit(root, "Add Probing for Deception (#12)")  # a squash merge
    add_project(root, "rebased", "Rebased Results")
    # A rebase merge of the team's own commit, whose subject names a pull request it is not.
    h.shas["rebased"] = commit(root, "Merge pull request #999 from evil/elsewhere")
    add_project(root, "orphan", "Orphan Project")
    h.shas["orphan"] = commit(root, "Add the orphan project")  # pushed directly: no PR at all
    h.shas["also-ran"] = merge_pull_request(
        root, 15, "also-ran", lambda: add_project(root, "also-ran", "Also Ran"), "Add also-ran"
    )

    def write_awards() -> None:
        sprint.write_text(SPRINT.format(awards=AWARDS, tail="Teyp."))

    h.shas["awards"] = merge_pull_request(root, 20, "awards", write_awards, "Awards for demo-sprint")
    sprint.write_text(SPRINT.format(awards=AWARDS, tail="Typo fixed."))
    h.shas["head"] = commit(root, "Fix a typo in the demo sprint")
    return h


@pytest.fixture
def announce(jam_github: Run, stand_in: StandIn, history: History) -> Run:
    """``jam github announce demo-sprint`` in-process, against the stand-in, without pauses between writes."""
    link_pulls(stand_in, history)

    def run(*extra: str) -> tuple[int, str, str]:
        return jam_github(history.root, REPO, ("announce", "demo-sprint"), *extra)

    return run


def link_pulls(stand_in: StandIn, history: History) -> None:
    """GitHub's record of the pull request that merged each commit adding a project."""
    stand_in.link_commit(REPO, history.shas["steering"], 11)  # the branch's commit, merged with a merge commit
    stand_in.link_commit(REPO, history.shas["probing"], 12)
    stand_in.link_commit(REPO, history.shas["rebased"], 13)
    stand_in.link_commit(REPO, history.shas["orphan"])  # GitHub knows no pull request of it


def plan_section(out: str) -> str:
    return out.split("\n\n", 2)[0] + "\n\n" + out.split("\n\n", 2)[1]


def planned_calls(out: str) -> list[tuple[str, str]]:
    return re.findall(r"^ {5}(POST) (\S+)$", out, re.MULTILINE)


def writes(stand_in: StandIn, since: int = 0) -> list[tuple[str, str]]:
    return [(c.method, c.path) for c in stand_in.writes()[since:]]


def test_announce_tags_releases_and_labels_exactly_once(announce: Run, stand_in: StandIn, history: History) -> None:
    stand_in.state.repo_labels[REPO] = ["Winner"]  # already in the repository (labels ignore case)
    code, out, err = announce("--site-url", "https://sprints.example.org/")
    assert code == 0, err
    assert stand_in.rejected() == []
    assert writes(stand_in) == [
        ("POST", f"/repos/{REPO}/git/tags"),
        ("POST", f"/repos/{REPO}/git/refs"),
        ("POST", f"/repos/{REPO}/releases"),
        ("POST", f"/repos/{REPO}/labels"),
        ("POST", f"/repos/{REPO}/labels"),
        ("POST", f"/repos/{REPO}/labels"),
        ("POST", f"/repos/{REPO}/issues/11/labels"),
        ("POST", f"/repos/{REPO}/issues/12/labels"),
        ("POST", f"/repos/{REPO}/issues/13/labels"),
    ]
    # The tag: annotated, on the commit that wrote the awards (not the later typo fix, not the merge).
    tag = stand_in.tag_of(REPO, TAG)
    assert tag is not None and tag["object"] == {**tag["object"], "sha": history.shas["awards"], "type": "commit"}
    assert tag["message"].startswith("Results of Demo Research Sprint\n\n1st place: demo-sprint/steering ($2,000)")
    [ref] = [c.body for c in stand_in.find("POST", r"/git/refs$")]
    assert ref == {"ref": f"refs/tags/{TAG}", "sha": next(sha for (_, sha) in stand_in.state.tags)}

    # The release: places, prizes, teams, links to the project pages and to the pull requests.
    release = stand_in.release(REPO, TAG)
    assert release is not None and release["name"] == "Results: Demo Research Sprint"
    body = release["body"]
    assert (
        "| 1st place | [Steering @&#8203;everyone \\| \\[x\\]\\(y\\)](https://sprints.example.org/projects/"
        "demo-sprint/steering/) | Ada Steering | \\$2,000 | #11 |" in body
    )
    assert "| 2nd place | [Probing for Deception](https://sprints.example.org/projects/demo-sprint/probing/)" in body
    assert "| \\$1,000 | #12 |" in body and "| \\$500 | #13 |" in body  # GitHub's record, not the subject's #999
    assert "## Honorable mentions" in body and "[Orphan Project]" in body and "| Ada Orphan | – |" in body
    assert "also-ran" not in body
    assert "[Demo Research Sprint](https://sprints.example.org/sprints/demo-sprint/)" in body

    # Labels: made once with a colour, put on each winning pull request; people's labels stay.
    created = {c.body["name"]: c.body for c in stand_in.find("POST", rf"^/repos/{REPO}/labels$")}
    assert set(created) == {"winner: 1st place", "winner: 2nd place", "winner: 3rd place"}
    assert created["winner: 1st place"]["color"] == "ffd700"
    assert all(re.fullmatch(r"[0-9a-f]{6}", spec["color"]) and spec["description"] for spec in created.values())
    assert stand_in.issue_labels(REPO, 11)[-2:] == ["winner", "winner: 1st place"]
    assert stand_in.issue_labels(REPO, 13)[-2:] == ["winner", "winner: 3rd place"]
    assert "bug" in stand_in.issue_labels(REPO, 11)  # Prism's example label, set by people: kept
    assert stand_in.find("DELETE", "") == []

    # The winner without a pull request is reported, not fatal.
    assert "Not labelled:\n  - demo-sprint/orphan (honorable mention): GitHub records no pull request" in out
    assert f"added in {history.shas['orphan'][:12]} (Add the orphan project); label it by hand" in out
    assert f"Done: 9 calls made. The release: https://github.com/{REPO}/releases/tag/{TAG}" in out

    # A second run reads, finds everything there, and writes nothing.
    before = len(stand_in.writes())
    code, again, err = announce("--site-url", "https://sprints.example.org/")
    assert code == 0, err
    assert writes(stand_in, before) == []
    assert "Plan: nothing to do; everything is already on GitHub." in again
    assert f"the tag {TAG} on {history.shas['awards'][:12]}" in again
    assert "the labels of pull request #12 (probing): winner, winner: 2nd place" in again
    assert "Nothing changed: the results of demo-sprint were already announced." in again
    assert stand_in.rejected() == []


def test_the_pull_request_is_githubs_record_not_what_a_commit_subject_says(
    announce: Run, stand_in: StandIn, history: History
) -> None:
    """The rebased commit says "Merge pull request #999"; GitHub recorded #13 as the one that merged it."""
    code, out, err = announce()
    assert code == 0, err
    assert stand_in.issue_labels(REPO, 13)[-2:] == ["winner", "winner: 3rd place"]
    assert [c.path for c in stand_in.calls if "999" in c.path] == []
    assert "label pull request #13 (rebased, 3rd place): winner, winner: 3rd place" in out
    assert "#999" not in stand_in.release(REPO, TAG)["body"] and "#999" not in out
    asked = {c.path.split("/")[-2] for c in stand_in.find("GET", r"/commits/[0-9a-f]{40}/pulls$")}
    assert asked == {history.shas[p] for p in ("steering", "probing", "rebased", "orphan")}  # every winner, asked
    assert stand_in.rejected() == []


def test_the_dry_run_prints_exactly_the_plan_the_real_run_makes(announce: Run, stand_in: StandIn) -> None:
    code, dry, err = announce("--dry-run")
    assert code == 0, err
    assert stand_in.writes() == []
    assert dry.rstrip().endswith("Dry run: nothing was changed. Run without --dry-run to make these calls.")

    code, real, err = announce()
    assert code == 0, err
    assert plan_section(real) == plan_section(dry)
    assert planned_calls(dry) == writes(stand_in)
    assert len(planned_calls(dry)) == 10  # tag, ref, release, 4 labels created, 3 pull requests labelled
    # The words of each labelling step are the body sent.
    said = re.findall(r"label pull request #(\d+) \([a-z-]+, [^)]+\): (.+)$", dry, re.MULTILINE)
    sent = [(c.path.split("/")[-2], ", ".join(c.body["labels"])) for c in stand_in.find("POST", r"/issues/\d+/labels$")]
    assert said == sent
    # Without a site URL, the release links to the files at the awards commit.
    body = stand_in.release(REPO, TAG)["body"]
    assert re.search(rf"\(https://github\.com/{REPO}/blob/[0-9a-f]{{40}}/submissions/demo-sprint/steering\.md\)", body)

    code, dry_again, _ = announce("--dry-run")
    assert code == 0 and "Plan: nothing to do" in dry_again and "Dry run: nothing was changed." in dry_again
    assert stand_in.rejected() == []


def test_a_refused_call_stops_the_run_and_a_new_run_finishes(announce: Run, stand_in: StandIn) -> None:
    stand_in.inject(
        "POST",
        r"/releases$",
        422,
        {},
        {"message": "Validation Failed", "errors": [{"resource": "Release", "code": "custom"}]},
    )
    code, out, err = announce()
    assert code == 1 and "Traceback" not in err
    assert "GitHub refused a call, so the run stopped: publish the release" in err and "422" in err
    assert "Done:\n  - create the annotated tag results/demo-sprint" in out
    assert "Not done:\n  - publish the release" in out
    assert len(stand_in.find("POST", r"/git/tags$")) == 1

    code, out, err = announce()
    assert code == 0, err
    assert len(stand_in.find("POST", r"/git/tags$")) == 1  # the tag is not made twice
    assert [c.status for c in stand_in.find("POST", r"/releases$")] == [422, 201]
    assert "Plan: 8 calls to GitHub." in out
    assert stand_in.rejected() == []


def test_a_tag_on_other_awards_is_never_moved(announce: Run, stand_in: StandIn, history: History) -> None:
    stand_in.state.refs[(REPO, f"refs/tags/{TAG}")] = history.shas["start"]  # a tag from an earlier decision
    code, out, err = announce()
    assert code == 1, err
    assert f"Cannot announce: the tag {TAG} already exists on GitHub and points at {history.shas['start'][:12]}" in out
    assert "delete the release and the tag" in out
    assert stand_in.writes() == []
    assert stand_in.rejected() == []


def test_a_repository_the_token_cannot_see(announce: Run, stand_in: StandIn) -> None:
    stand_in.inject("GET", r"/labels$", 404, {}, {"message": "Not Found"})
    code, _, err = announce()
    assert code == 2 and f"GitHub shows no repository {REPO}" in err and "Traceback" not in err
    assert stand_in.writes() == []


def test_refusals_before_any_call(
    announce: Run, run_jam: Run, stand_in: StandIn, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    sprint = history.root / "sprints" / "demo-sprint.md"
    committed = sprint.read_text()

    sprint.write_text(committed.replace("place: 3, project: rebased", "place: 3, project: also-ran"))
    code, _, err = announce()
    assert code == 2 and "the awards in sprints/demo-sprint.md are not committed" in err

    sprint.write_text(SPRINT.format(awards="", tail=""))
    code, _, err = announce()
    assert code == 2 and "demo-sprint is judging, not finished" in err

    sprint.write_text(committed.replace("project: orphan", "project: ghost"))
    code, out, _ = announce()
    assert code == 1 and "names 'ghost', which is not a project of this sprint" in out

    sprint.write_text(committed)
    probing = history.root / "submissions" / "demo-sprint" / "probing.md"
    probing.write_text(probing.read_text().replace("site: online", "site: online\nstatus: embargoed"))
    code, _, err = announce()
    assert code == 2 and "demo-sprint/probing is embargoed" in err
    git(history.root, "checkout", "--", ".")

    code, _, err = run_jam("--root", str(history.root), "github", "announce", "../etc", "--repo", REPO)
    assert code == 2 and "there is no sprint '../etc'" in err
    code, _, err = run_jam("--root", str(history.root), "github", "announce", "demo-sprint", "--repo", "not a repo")
    assert code == 2 and "need --repo OWNER/NAME" in err
    code, _, err = announce("--site-url", "javascript:alert(1)")
    assert code == 2 and "is not an http(s) URL" in err
    monkeypatch.delenv("GITHUB_TOKEN")
    code, _, err = announce("--dry-run")
    assert code == 2 and "GITHUB_TOKEN is not set" in err
    assert stand_in.calls == []


def workflow_step(name: str) -> dict[str, Any]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "announce.yml").read_text(encoding="utf-8"))
    return next(step for step in workflow["jobs"]["announce"]["steps"] if step.get("name") == name)


def test_the_workflow_step_runs_the_command_as_written(stand_in: StandIn, history: History) -> None:
    """The `run:` script of announce.yml, with its env filled in as Actions would, in the checked-out history."""
    step = workflow_step("Announce the results")
    link_pulls(stand_in, history)
    values = {
        "${{ github.token }}": "ghs_test-token-for-the-stand-in",
        "${{ inputs.dry-run }}": "true",
        "${{ inputs.site-url }}": "",
    }
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "JAM_"))}
    base |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_API_URL": stand_in.url,
    }

    def run_step(sprint: str) -> subprocess.CompletedProcess[str]:
        env = base | {k: values.get(v, sprint if v == "${{ inputs.sprint }}" else v) for k, v in step["env"].items()}
        return subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=history.root, env=env, capture_output=True, text=True, timeout=120
        )

    done = run_step("demo-sprint")
    assert done.returncode == 0, done.stderr
    assert "Plan: 10 calls to GitHub." in done.stdout and "Dry run: nothing was changed." in done.stdout
    assert stand_in.writes() == [] and stand_in.rejected() == []

    hostile = run_step("--repo=evil/elsewhere")  # typed into the form: a sprint name, never an option
    assert hostile.returncode == 2 and "there is no sprint '--repo=evil/elsewhere'" in hostile.stderr
    assert all(REPO in c.path for c in stand_in.calls)


def between_cuts(out: str, after: str) -> str:
    """The text the offline dry run prints between the two cut lines that follow ``after``."""
    rest = out.split(after, 1)[1]
    return rest.split("-" * 72 + "\n", 2)[1].removesuffix("\n")


def test_the_offline_dry_run_prints_what_the_real_run_creates(
    announce: Run, run_jam: Run, stand_in: StandIn, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    (history.root / "mkdocs.yml").write_text(f'repo_url: !ENV [JAM_REPO_URL, "https://github.com/{REPO}"]\n')
    code, offline, err = run_jam(
        "--root", str(history.root), "github", "announce", "demo-sprint", "--dry-run", "--offline"
    )
    assert (code, err) == (0, ""), offline
    assert stand_in.calls == []  # no network, no token, no --repo: the repository is repo_url's
    assert offline.startswith(f"Results of demo-sprint for {REPO}: the awards were written in")
    assert "Offline dry run: GitHub was not asked and nothing was changed." in offline

    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test-token-for-the-stand-in")
    code, _, err = announce()
    assert code == 0, err
    tag = stand_in.tag_of(REPO, TAG)
    assert tag is not None and between_cuts(offline, "with the message:\n") + "\n" == tag["message"]
    release = stand_in.release(REPO, TAG)
    assert f'The release "{release["name"]}" for the tag {TAG}' in offline
    # Only GitHub knows which pull request merged each file: the offline text says where each number goes.
    numbers = {"steering": "#11", "probing": "#12", "rebased": "#13", "orphan": "–"}
    text = between_cuts(offline, "with the text:\n")
    for project, number in numbers.items():
        text = text.replace(f"<the pull request GitHub records for {history.shas[project][:12]}>", number)
    assert text + "\n" == release["body"]
    sent = {c.path.split("/")[-2]: c.body["labels"] for c in stand_in.find("POST", r"/issues/\d+/labels$")}
    for project, number in numbers.items():
        said = re.search(rf"^  - demo-sprint/{project} \(.*\): (.+)$", offline, re.MULTILINE)
        assert said is not None
        if number != "–":
            assert said.group(1).split(", ") == sent[number[1:]]


def test_the_repository_is_repo_url_unless_the_workflow_names_another(
    run_jam: Run, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    (history.root / "mkdocs.yml").write_text("repo_url: https://github.com/example-org/sprints.git\n")
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "someone/fork")
    code, _, err = run_jam("--root", str(history.root), "github", "announce", "demo-sprint", "--dry-run", "--offline")
    assert code == 2
    assert err == (
        "jam github announce: GITHUB_REPOSITORY is someone/fork but repo_url in mkdocs.yml names example-org/sprints: "
        "pass --repo OWNER/NAME to say which repository to use\n"
    )
    code, out, err = run_jam(
        "--root", str(history.root), "github", "announce", "demo-sprint", "--dry-run", "--offline", "--repo", "a/b"
    )
    assert code == 0 and out.startswith("Results of demo-sprint for a/b:"), err
    code, _, err = run_jam("--root", str(history.root), "github", "announce", "demo-sprint", "--offline")
    assert code == 2 and "--offline needs --dry-run" in err


def test_a_retracted_winner_is_refused_with_what_to_do(run_jam: Run, history: History) -> None:
    probing = history.root / "submissions" / "demo-sprint" / "probing.md"
    retraction = "status: retracted\nretraction: {date: 2025-02-01, reason: Unsafe details.}\n"
    probing.write_text(probing.read_text().replace("site: online\n", "site: online\n" + retraction))
    args = ("--root", str(history.root), "github", "announce", "demo-sprint", "--dry-run", "--offline", "--repo", REPO)
    code, out, err = run_jam(*args)
    assert code == 2, out
    assert err == (
        "jam github announce: the awarded project demo-sprint/probing is retracted: a release would name it in "
        "public; to pass its place on, run jam award demo-sprint --write again (or edit `awards` in "
        "sprints/demo-sprint.md), merge that, then announce; the site already shows the place as withdrawn\n"
    )
