"""Finding 3: a criss-cross history is read against GitHub's own merge, not against one merge base."""

from __future__ import annotations

import json

import pytest

from jamkit.files.git.change import read_change
from tests.helpers import SUBMISSION, Repo
from tests.helpers.pull_request import ON_TIME, Jam

RETRACTED = SUBMISSION.replace(
    "site: london\n", "site: london\nstatus: retracted\nretraction: {reason: Hazardous, date: 2025-02-01}\n"
)
OTHER = "submissions/demo-sprint/probing.md"


@pytest.fixture
def criss_cross(demo_repo: Repo) -> Repo:
    """main merged a maintainer's side branch that retracts bea's project; the attacker's head
    merges main's earlier commit and that side commit, then undoes the side commit."""
    demo_repo.init_git()
    demo_repo.commit("base")
    demo_repo.git("checkout", "-q", "-b", "side")
    demo_repo.write(OTHER, RETRACTED)
    demo_repo.commit("retract probing (side branch)")
    demo_repo.git("checkout", "-q", "main")
    demo_repo.write("docs/notes.md", "# notes\n")
    main_commit = demo_repo.commit("main moves on")
    demo_repo.git("merge", "-q", "--no-ff", "side", "-m", "merge the retraction")
    demo_repo.git("checkout", "-q", "-b", "pr", main_commit)
    demo_repo.git("merge", "-q", "--no-ff", "side", "-m", "merge the side commit")
    demo_repo.write(OTHER, SUBMISSION)
    demo_repo.commit("undo the side commit")
    return demo_repo


def test_the_history_really_is_criss_cross_and_hides_the_change_from_one_merge_base(criss_cross: Repo) -> None:
    bases = criss_cross.git("merge-base", "--all", "main", "pr").split()
    assert len(bases) == 2
    one = criss_cross.git("merge-base", "main", "pr").strip()
    assert criss_cross.git("diff", "--name-only", one, "pr") == ""  # what the old check read: nothing


def test_the_change_is_what_githubs_merge_does_to_the_base(criss_cross: Repo) -> None:
    change = read_change(criss_cross.root, "main", "pr")
    assert change.merge_bases == 2 and not change.conflicted
    assert change.paths == [OTHER]  # the merge un-retracts bea's project
    assert change.merge_base == criss_cross.git("rev-parse", "main").strip()


def test_the_un_retraction_is_refused(criss_cross: Repo, run_jam: Jam) -> None:
    args = ["--root", str(criss_cross.root), "check", "--pr", "--base", "main", "--head", "pr"]
    code, out, err = run_jam(*args, "--now", ON_TIME, "--author", "cara", "--format", "json")
    assert "Traceback" not in err
    result = json.loads(out)
    found = {d["code"] for d in result["diagnostics"]}
    assert code == 1
    assert {"JAM304", "JAM306"} <= found, result["diagnostics"]
    assert result["change"]["paths"] == [OTHER]


def test_a_conflicting_criss_cross_merge_is_refused_with_its_own_code(criss_cross: Repo, run_jam: Jam) -> None:
    criss_cross.write(OTHER, SUBMISSION.replace("Probing for Deception", "Probing, by the attacker"))
    criss_cross.commit("the head edits the line the side branch's merge also changed")
    criss_cross.git("checkout", "-q", "main")
    criss_cross.write(OTHER, RETRACTED.replace("Probing for Deception", "Probing, renamed on main"))
    criss_cross.commit("main edits the same line")
    args = ["--root", str(criss_cross.root), "check", "--pr", "--base", "main", "--head", "pr"]
    code, out, err = run_jam(*args, "--now", ON_TIME, "--author", "bea", "--format", "json")
    assert "Traceback" not in err
    result = json.loads(out)
    assert code == 1
    conflict = [d for d in result["diagnostics"] if d["code"] == "JAM315"]
    assert conflict and "criss-cross" in conflict[0]["message"], result["diagnostics"]
