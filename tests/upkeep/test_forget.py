"""Forgetting a person in a real git repository: every field that held them, every file kind, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.helpers import Repo
from tests.helpers.everywhere import AFFILIATION, DEMO, HANDLE, NAME, ORCID, REVIEWS, TRACES, write_everywhere

Jam = Callable[..., tuple[int, str, str]]
S = "sprints/demo-sprint.md"


def leftovers(repo: Repo, *traces: str) -> list[str]:
    """Every place in the work tree (not .git) where one of ``traces`` is still written, without case."""
    found = []
    for path in sorted(p for p in repo.root.rglob("*") if p.is_file() and ".git" not in p.parts):
        text = path.read_bytes().decode("utf-8", errors="replace").casefold()
        found += [f"{path.relative_to(repo.root)}: {t}" for t in traces if t.casefold() in text]
    return found


def committed(demo_repo: Repo) -> Repo:
    write_everywhere(demo_repo)
    demo_repo.init_git()
    demo_repo.commit("a person in every role")
    return demo_repo


def test_a_person_in_every_role_is_gone_from_every_file(demo_repo: Repo, run_jam: Jam) -> None:
    repo = committed(demo_repo)
    assert run_jam("--root", str(repo.root), "check")[0] == 0
    code, out, _ = run_jam("--root", str(repo.root), "forget", "@ADA-judge")
    assert code == 0, out
    assert leftovers(repo, *TRACES) == []
    for judged in (S, "sprints/demo-sprint/reviews.yaml", "sprints/demo-sprint/assignments.yaml"):
        assert not re.search(r"\bada\b", (repo.root / judged).read_text()), judged  # her judge id too
    changed = sorted(line[3:] for line in repo.git("status", "--porcelain", "-uall").splitlines())
    assert changed == [
        "lab/spring.md",
        f"people/{HANDLE}.md",
        f"people/{HANDLE}/photo.png",
        "publications/old-paper.md",
        S,
        "sprints/demo-sprint/assignments.yaml",
        "sprints/demo-sprint/reviews.yaml",
        "submissions/old-sprint/old-team.md",
    ]
    for summary in (
        "sprints/demo-sprint.md: judges (1), organizer in sites (1), speaker in schedule (1)",
        "lab/spring.md: mentors (1), mentor in teams (1)",
        "submissions/old-sprint/old-team.md: members (1)",
        "publications/old-paper.md: authors (1)",
        "sprints/demo-sprint/reviews.yaml: judge ids (1)",
        f"Removed people/{HANDLE}.md",
    ):
        assert summary in out, out
    reviews = (repo.root / "sprints/demo-sprint/reviews.yaml").read_text()
    assert reviews == REVIEWS.replace("judge: ada  #", "judge: anonymous-1  #")  # comments and the rest kept
    assert (repo.root / S).read_text() == (  # each of her items changed alone, in its own style
        DEMO.replace(
            "{id: ada, name: Ada Judge, github: Ada-Judge, affiliation: Judge Institute, topics: [evals]}",
            "{name: Anonymous, id: anonymous-1, topics: [evals]}",
        )
        .replace(", organizer: Ada Judge}", "}")
        .replace(
            "{at: 2025-01-17T09:00:00+00:00, title: Opening keynote, speaker: '@ada-judge'}",
            "{at: '2025-01-17T09:00:00+00:00', title: Opening keynote}",
        )
    )
    code, out, _ = run_jam("--root", str(repo.root), "check")
    assert code == 0, out  # the reviews still name a judge of the sprint


def test_a_second_run_changes_nothing(demo_repo: Repo, run_jam: Jam) -> None:
    repo = committed(demo_repo)
    assert run_jam("--root", str(repo.root), "forget", HANDLE)[0] == 0
    repo.commit("forgotten")
    code, out, _ = run_jam("--root", str(repo.root), "forget", HANDLE)
    assert code == 0 and "nothing changed" in out and "Changed" not in out, out
    assert repo.git("status", "--porcelain") == ""


def test_someone_without_a_handle_is_forgotten_by_name(demo_repo: Repo, run_jam: Jam) -> None:
    """Quinn judges by the id a slug of the name gives, speaks, and is a member by name only."""
    repo = committed(demo_repo)
    code, out, _ = run_jam("--root", str(repo.root), "forget", "--name", "QUINN Nohandle", "--dry-run")
    assert code == 0 and "Would change 3 entries of 'QUINN Nohandle' in 4 files" in out, out
    assert repo.git("status", "--porcelain") == ""
    code, out, _ = run_jam("--root", str(repo.root), "forget", "--name", "QUINN Nohandle")
    assert code == 0, out
    assert leftovers(repo, "quinn") == []
    assert (
        "judge: anonymous-1\n  project: probing\n  scores: {impact: 3"
        in (repo.root / "sprints/demo-sprint/reviews.yaml").read_text()
    )
    assert NAME in (repo.root / S).read_text()  # Ada is someone else
    assert run_jam("--root", str(repo.root), "check")[0] == 0


def test_a_namesake_with_a_handle_is_left_alone_and_named(demo_repo: Repo, run_jam: Jam) -> None:
    repo = committed(demo_repo)
    code, out, _ = run_jam("--root", str(repo.root), "forget", "--name", NAME)
    assert code == 0, out
    assert f"Left alone: @{HANDLE} goes by the same name" in out
    assert HANDLE in (repo.root / "publications/old-paper.md").read_text()
    assert "organizer" not in (repo.root / S).read_text()  # the organizer was written by name only


def test_lines_that_still_name_them_are_listed_not_rewritten(demo_repo: Repo, run_jam: Jam) -> None:
    repo = committed(demo_repo)
    body = f"Thanks to {NAME.upper()} for the keynote.\nNot the Ada-judges' fault.\n"
    repo.write("sprints/old-sprint.md", (repo.root / "sprints/old-sprint.md").read_text() + body)
    repo.write("sprints/demo-sprint/reviews.yaml", REVIEWS + f"# reviewed by @{HANDLE}\n")
    code, out, _ = run_jam("--root", str(repo.root), "forget", HANDLE)
    assert code == 0, out
    assert "Still named on 2 lines" in out
    assert "  sprints/demo-sprint/reviews.yaml:9\n  sprints/old-sprint.md:7\n" in out
    assert body in (repo.root / "sprints/old-sprint.md").read_text()


def test_a_broken_file_that_names_them_stops_every_write(demo_repo: Repo, run_jam: Jam) -> None:
    repo = committed(demo_repo)
    repo.write("lab/spring.md", (repo.root / "lab/spring.md").read_text().replace("title:", "titel:"))
    repo.commit("a broken cohort")
    code, out, _ = run_jam("--root", str(repo.root), "forget", HANDLE)
    assert code == 1 and "lab/spring.md" in out and "nothing was written" in out, out
    assert repo.git("status", "--porcelain") == ""
    assert AFFILIATION in (repo.root / "submissions/old-sprint/old-team.md").read_text() and ORCID


def test_who_to_forget_must_be_said(demo_repo: Repo, run_jam: Jam) -> None:
    code, _, err = run_jam("--root", str(demo_repo.root), "forget")
    assert code == 2 and "--name" in err and "Traceback" not in err
    code, _, err = run_jam("--root", str(demo_repo.root), "forget", "--name", " anonymous ")
    assert code == 2 and "names nobody" in err


def test_a_second_forgotten_judge_takes_the_next_free_id(demo_repo: Repo, run_jam: Jam) -> None:
    repo = committed(demo_repo)
    assert run_jam("--root", str(repo.root), "forget", HANDLE)[0] == 0
    code, out, _ = run_jam("--root", str(repo.root), "forget", "--name", "Quinn Nohandle")
    assert code == 0, out
    reviews = (repo.root / "sprints/demo-sprint/reviews.yaml").read_text()
    assert "judge: anonymous-1  #" in reviews and "judge: anonymous-2\n" in reviews
    assert "{name: Anonymous, id: anonymous-2}" in (repo.root / S).read_text()
    assert run_jam("--root", str(repo.root), "check")[0] == 0


def test_a_forgotten_judges_finalist_ranking_follows_the_new_id(demo_repo: Repo, run_jam: Jam) -> None:
    finals = "sprints/demo-sprint/finals.yaml"
    write_everywhere(demo_repo)
    demo_repo.write(
        finals, "- judge: ada  # ranked in the round\n  ranking: [probing]\n- judge: quinn-nohandle\n  ranking: []\n"
    )
    demo_repo.init_git()
    demo_repo.commit("a finalist round")
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", HANDLE)
    assert code == 0, out
    assert f"{finals}: judge ids (1)" in out
    assert (demo_repo.root / finals).read_text() == (
        "- judge: anonymous-1  # ranked in the round\n  ranking: [probing]\n- judge: quinn-nohandle\n  ranking: []\n"
    )
