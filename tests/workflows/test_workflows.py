"""The GitHub Actions workflows: linted (zizmor, actionlint) and held to the project's own rules.

Rules: every action pinned to a full commit SHA with its version in a comment;
every job with explicit least-privilege ``permissions``; no checkout keeps its
token on disk; the trusted pull_request_target workflow never checks out, builds
or installs the pull request's code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from jamkit.infra.cache import ACTIONS_KEY_PREFIX
from tests.helpers.workflows import actionlint, zizmor

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))

WRITE_SCOPES_ALLOWED = {
    "check.yml": {"check": set()},
    "verify.yml": {"verify": {"pull-requests", "issues", "statuses"}},
    "publish.yml": {"build": set(), "deploy": {"pages", "id-token"}, "prune-caches": {"actions"}},
    "announce.yml": {"announce": {"contents", "pull-requests", "issues"}},
    "test.yml": {"test": set()},
    "release.yml": {"build": set(), "publish": {"id-token"}},
}


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[Any, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def test_the_six_workflows_exist() -> None:
    assert {p.name for p in FILES} == {
        "check.yml",
        "verify.yml",
        "publish.yml",
        "announce.yml",
        "test.yml",
        "release.yml",
    }


def test_zizmor_finds_nothing() -> None:
    done = zizmor(WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout


def test_zizmor_would_catch_a_template_injection(tmp_path: Path) -> None:
    """The audit above is not vacuous: the same call fails on a classic mistake."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    permissions: {}\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n"
    )
    done = zizmor(bad)
    assert done.returncode != 0 and "template-injection" in done.stdout


def test_actionlint_finds_nothing() -> None:
    found = actionlint(*FILES)
    assert set(found) == {str(p) for p in FILES}
    assert {path: errors for path, errors in found.items() if errors} == {}


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    """The lint above is not vacuous: a typo in a context name and a missing runs-on are reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    steps:\n      - run: echo ${{ github.evnt.name }}\n")
    messages = " ".join(error["message"] for error in actionlint(bad)[str(bad)])
    assert "runs-on" in messages and "evnt" in messages


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a full commit SHA"
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{ref} has no `# vX.Y.Z` comment"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_has_least_privilege_permissions(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("permissions") == {}, "the workflow default grants nothing; jobs ask for what they need"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} has no explicit permissions"
        perms = job["permissions"]
        assert isinstance(perms, dict), f"job {name}: permissions must be a mapping, not {perms!r}"
        writes = {scope for scope, level in perms.items() if level == "write"}
        assert writes <= WRITE_SCOPES_ALLOWED[path.name][name], f"job {name} writes {writes}"
        assert set(perms.values()) <= {"read", "write", "none"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_checkout_keeps_its_token(path: Path) -> None:
    checkouts = [step for _, step in steps(load(path)) if str(step.get("uses", "")).startswith("actions/checkout@")]
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


def test_the_trusted_workflow_never_runs_pull_request_code() -> None:
    text = (WORKFLOWS / "verify.yml").read_text(encoding="utf-8")
    workflow = load(WORKFLOWS / "verify.yml")
    assert set(workflow["on"]) == {"pull_request_target"}
    assert workflow["on"]["pull_request_target"]["branches"] == ["main"]
    for _, step in steps(workflow):
        with_ = step.get("with", {})
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert "ref" not in with_ and "repository" not in with_, "checkout must stay on the default branch"
        assert "cache" not in with_, "no caches in a job with a write token"
        run = step.get("run", "")
        assert "${{" not in run, "event values reach scripts through env only"
        assert not re.search(r"git\s+(checkout|switch|worktree|reset|merge|pull)\b", run)
    assert "pull_request.head.ref" not in text and "github.head_ref" not in text
    assert "head.repo" not in text
    # The PR head is fetched into a private ref as objects; only the default branch is installed.
    assert "refs/jamkit/pr-head" in text
    assert "zizmor: ignore[dangerous-triggers]" in text


def test_untrusted_workflows_keep_event_text_out_of_scripts() -> None:
    for path in FILES:
        for _, step in steps(load(path)):
            assert "${{" not in step.get("run", ""), f"{path.name}: use env, not ${{{{ }}}} in run"


def test_publish_deploys_with_pages_actions_only_from_main() -> None:
    workflow = load(WORKFLOWS / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"] and "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"]["group"]
    uses = [str(step.get("uses", "")).split("@")[0] for _, step in steps(workflow)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("scripts/build" in step.get("run", "") for _, step in steps(workflow))


def test_announce_runs_by_hand_from_the_default_branch_with_the_sprint_in_env() -> None:
    workflow = load(WORKFLOWS / "announce.yml")
    assert set(workflow["on"]) == {"workflow_dispatch"}
    inputs = workflow["on"]["workflow_dispatch"]["inputs"]
    assert inputs["sprint"]["required"] is True and inputs["dry-run"]["type"] == "boolean"
    job = workflow["jobs"]["announce"]
    assert job["if"] == "github.ref_name == github.event.repository.default_branch"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    [checkout] = [s for _, s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}  # history, and no push credentials
    [announce] = [s for _, s in steps(workflow) if "jam github announce" in s.get("run", "")]
    assert (
        announce["env"]["SPRINT"] == "${{ inputs.sprint }}" and announce["env"]["GITHUB_TOKEN"] == "${{ github.token }}"
    )
    assert '-- "${SPRINT}"' in announce["run"]  # a sprint typed as --repo=... is a slug to refuse, not an option
    assert all("cache" not in s.get("with", {}) for _, s in steps(workflow))


@pytest.mark.parametrize("name", ["check.yml", "verify.yml"])
def test_the_checks_of_pull_requests_read_no_cache(name: str) -> None:
    """A pull request can commit files under .cache/jamkit: the checks of its content must parse every byte."""
    assert load(WORKFLOWS / name)["env"]["JAM_CACHE"] == "off"


def test_the_test_workflow_runs_the_readme_command_on_changes_to_the_tool() -> None:
    workflow = load(WORKFLOWS / "test.yml")
    paths = set(workflow["on"]["pull_request"]["paths"])
    assert {"src/**", "tests/**", "scripts/**", "pyproject.toml", "mkdocs.yml", ".ci/**"} <= paths
    assert ".github/workflows/test.yml" in paths
    assert [s["run"] for _, s in steps(workflow) if "run" in s] == ["bash .ci/run"]
    assert "exec scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_publish_keeps_only_the_page_cache_it_saved_under_the_prefix_jam_retract_names() -> None:
    """A cache saved before a retraction holds the project's pages: the run that saves a new one deletes the rest.

    The prefix is named in three places (the cache step, the prune job, ``jam retract``'s advice): they agree.
    """
    workflow = load(WORKFLOWS / "publish.yml")
    [cache] = [s for s in workflow["jobs"]["build"]["steps"] if str(s.get("uses", "")).startswith("actions/cache@")]
    assert cache["with"]["key"].startswith(ACTIONS_KEY_PREFIX)
    assert cache["with"]["restore-keys"].startswith(ACTIONS_KEY_PREFIX)
    prune = workflow["jobs"]["prune-caches"]
    assert prune["needs"] == "build" and prune["permissions"] == {"actions": "write"}
    [step] = prune["steps"]
    assert step["env"]["KEEP"] == cache["with"]["key"]  # the cache this run saved stays
    assert f"--key {ACTIONS_KEY_PREFIX} " in step["run"] and "gh cache delete" in step["run"]
    assert "actions/checkout" not in json.dumps(prune)  # no repository code runs with the write token


def test_release_publishes_a_version_tag_with_trusted_publishing_only_in_its_publish_job() -> None:
    """Only the job that runs no repository code may ask for an OIDC token; the tag must be the version."""
    workflow = load(WORKFLOWS / "release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"} and publish["permissions"] == {"id-token": "write"}
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    uses = [str(step.get("uses", "")).split("@")[0] for step in publish["steps"]]
    assert uses == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert not any("run" in step for step in publish["steps"])
    assert any("python -m build" in step.get("run", "") for step in build["steps"])
    assert any('"${TAG}"' in step.get("run", "") for step in build["steps"])
