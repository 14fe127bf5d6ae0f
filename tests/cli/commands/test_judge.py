"""`jam judge assign` and `jam judge status` on a real sprint: the plan, the written file, the progress."""

from __future__ import annotations

import re

import yaml

from jamkit.checks.content.conflicts import kept_apart
from jamkit.files.load import load_catalog
from jamkit.judging.graph import judge_groups
from tests.helpers import PDF, SUBMISSION
from tests.helpers import SPRINT as DEMO_SPRINT
from tests.helpers.judging_repo import AFTER, ASSIGNMENTS, JUDGES, PROJECTS, REVIEWS, SLUG, SPRINT, S, write_sprint


def assign(run_jam, repo, *args: str):
    return run_jam("--root", str(repo.root), "judge", "assign", SLUG, "--now", AFTER, *args)


def written(repo) -> dict[str, list[str]]:
    """The written assignments as the loader reads them: judge -> projects."""
    catalog, problems = load_catalog(repo.root)
    assert problems == []
    return {a.fields.judge: list(a.fields.projects) for a in catalog.assignments[SLUG]}


def test_the_plan_is_printed_and_nothing_is_written_without_write(repo, run_jam) -> None:
    write_sprint(repo)
    code, out, err = assign(run_jam, repo)
    assert (code, err) == (0, "")
    assert "Assignment plan for align-sprint: 11 public projects, 6 judges, 3 reviews per project (seed 0)" in out
    table = out.split("\n\n")[1].splitlines()
    assert table[0].split() == ["judge", "load", "on", "topic", "projects"]
    assert [row.split()[0] for row in table[1:]] == JUDGES
    assert sorted(int(row.split()[1]) for row in table[1:]) == [5, 5, 5, 6, 6, 6]
    assert (
        "Conflicts of interest kept out: 1 judge–project pair: kenji/p10 (Kenji Sato lists 'p10' under their own "
        "conflicts)" in out
    )
    assert "Connected: every two judges are linked through shared projects" in out
    assert f"--write would create {ASSIGNMENTS} with this plan." in out
    assert "Nothing written. To write this plan: jam judge assign align-sprint --write" in out
    assert not (repo.root / ASSIGNMENTS).exists()


def test_the_written_file_is_balanced_conflict_free_connected_and_checks_clean(repo, run_jam, jam_check) -> None:
    write_sprint(repo)
    code, out, _ = assign(run_jam, repo, "--write")
    assert code == 0 and f"Wrote {ASSIGNMENTS}." in out
    plan = written(repo)
    assert list(plan) == JUDGES
    readers = {p: [j for j, ps in plan.items() if p in ps] for p in PROJECTS}
    assert all(len(js) == 3 for js in readers.values())
    loads = [len(ps) for ps in plan.values()]
    assert max(loads) - min(loads) <= 1
    catalog, _ = load_catalog(repo.root)
    sprint = catalog.sprints[SLUG]
    for judge in sprint.fields.judges:
        for project in plan[judge.key]:
            assert kept_apart(judge, catalog.submissions[f"{SLUG}/{project}"], sprint, catalog) is None
    assert "kenji" not in readers["p10"]
    assert len(judge_groups((j, p) for j, ps in plan.items() for p in ps)) == 1
    assert jam_check(repo).diagnostics == []


def test_the_same_seed_writes_the_same_bytes_and_another_seed_shows_a_diff(repo, run_jam) -> None:
    write_sprint(repo)
    assign(run_jam, repo, "--seed", "7", "--write")
    first = (repo.root / ASSIGNMENTS).read_bytes()
    code, out, _ = assign(run_jam, repo, "--seed", "7", "--write")
    assert code == 0 and f"{ASSIGNMENTS} already holds exactly this plan; nothing to write." in out
    (repo.root / ASSIGNMENTS).unlink()
    assign(run_jam, repo, "--seed", "7", "--write")
    assert (repo.root / ASSIGNMENTS).read_bytes() == first
    assert b"jam judge assign align-sprint --reviews 3 --seed 7" in first

    code, out, _ = assign(run_jam, repo)
    assert code == 0
    assert f"{ASSIGNMENTS} holds a different plan; --write would replace it:" in out
    assert f"--- a/{ASSIGNMENTS}" in out and "-  projects: [" in out and "+  projects: [" in out
    assert (repo.root / ASSIGNMENTS).read_bytes() == first
    code, out, _ = assign(run_jam, repo, "--write")
    assert code == 0 and f"Replaced the plan in {ASSIGNMENTS}:" in out
    assert (repo.root / ASSIGNMENTS).read_bytes() != first


def test_too_few_judges_is_explained_and_writes_nothing_unless_forced(repo, run_jam, jam_check) -> None:
    write_sprint(repo, judges="  - {id: ana, name: Ana Ruiz}\n  - {id: tom, name: Tom Berg}\n")
    code, out, err = assign(run_jam, repo, "--write")
    assert (code, err) == (1, "")
    assert "Could not satisfy:" in out
    assert "3 reviews per project need at least 3 judges, and the sprint has 2: add judges, or use --reviews 2" in out
    assert "Nothing written: add judges or settle the conflicts above, or pass --force" in out
    assert not (repo.root / ASSIGNMENTS).exists()
    code, out, _ = assign(run_jam, repo)
    assert code == 1 and "or run jam judge assign align-sprint --write --force to write this plan anyway" in out

    code, out, _ = assign(run_jam, repo, "--write", "--force")
    assert code == 0 and f"Wrote {ASSIGNMENTS}." in out
    assert written(repo) == {"ana": PROJECTS, "tom": PROJECTS}
    assert jam_check(repo).diagnostics == []

    code, out, _ = assign(run_jam, repo, "--reviews", "2")
    assert code == 0 and "Could not satisfy" not in out


def test_a_project_every_judge_conflicts_with_is_named(repo, run_jam) -> None:
    write_sprint(
        repo,
        judges="  - {id: ana, name: Ana Ruiz, conflicts: [p03]}\n"
        "  - {id: tom, name: Tom Berg, conflicts: [p03]}\n"
        "  - {id: olu, name: Olu Adeyemi, conflicts: [p03]}\n",
    )
    code, out, _ = assign(run_jam, repo, "--write")
    assert code == 1
    assert "  - p03: every judge has a conflict with it; add a judge who has none" in out
    assert not (repo.root / ASSIGNMENTS).exists()


def test_one_review_per_project_is_flagged_because_leniency_cannot_be_compared(repo, run_jam) -> None:
    write_sprint(repo)
    code, out, _ = assign(run_jam, repo, "--reviews", "1", "--write")
    assert code == 1
    assert "Not connected: the judges fall into 6 groups that share no project (" in out
    assert "no two judges share a project, so leniency cannot be estimated" in out
    assert not (repo.root / ASSIGNMENTS).exists()


def test_only_public_projects_are_assigned(repo, run_jam) -> None:
    write_sprint(repo)
    for slug, extra in (
        ("p10", "status: retracted\nretraction: {date: 2025-03-05, reason: Withdrawn}\n"),
        ("p11", "status: embargoed\nembargo_until: 2099-01-01\n"),
    ):
        path = repo.root / f"submissions/{SLUG}/{slug}.md"
        path.write_text(path.read_text().replace("tags:", extra + "tags:"))
    code, out, _ = assign(run_jam, repo, "--write")
    assert code == 0 and "9 public projects" in out
    assert sorted({p for ps in written(repo).values() for p in ps}) == PROJECTS[:9]


def test_a_broken_project_file_stops_the_plan(repo, run_jam) -> None:
    write_sprint(repo)
    repo.write(f"submissions/{SLUG}/p04.md", "---\ntitle: [\n---\n")
    code, out, _ = assign(run_jam, repo, "--write")
    assert code == 1
    assert f"submissions/{SLUG}/p04.md:3:1: JAM002 YAML error" in out
    assert "Fix these first: the assignments of align-sprint are planned from these files." in out
    assert not (repo.root / ASSIGNMENTS).exists()


def test_wrong_use_exits_2_with_jam_judge(repo, run_jam) -> None:
    write_sprint(repo)
    for args, says in (
        (["assign", "nope"], "jam judge: there is no sprint 'nope' (sprints/nope.md); known sprints: align-sprint"),
        (["assign", "../etc"], "jam judge: there is no sprint '../etc'"),
        (["assign", SLUG, "--reviews", "0"], "jam judge: --reviews 0: each project needs at least 1 review"),
        (["assign", SLUG, "--now", "soon"], "jam judge: --now: 'soon' is not an ISO 8601 date-time"),
        (["status", "nope"], "jam judge: there is no sprint 'nope'"),
        (["status", SLUG, "--templates", str(repo.root / S)], "is a file; name a folder for the score sheets"),
        ([], "the following arguments are required: ACTION"),
    ):
        code, out, err = run_jam("--root", str(repo.root), "judge", *args)
        assert (code, out) == (2, ""), args
        assert says in err


# --------------------------------------------------------------------------- jam judge status


def status(run_jam, repo, *args: str):
    return run_jam("--root", str(repo.root), "judge", "status", SLUG, *args)


def assigned(repo, plan: dict[str, list[str]]) -> None:
    repo.write(ASSIGNMENTS, yaml.safe_dump([{"judge": j, "projects": ps} for j, ps in plan.items()]))


def review(judge: str, project: str) -> str:
    return f"- judge: {judge}\n  project: {project}\n  scores: {{advancement: 3, impact: 3, quality: 3}}\n"


def test_status_shows_each_judges_progress_and_the_projects_short_of_reviews(repo, run_jam) -> None:
    write_sprint(repo)
    assigned(repo, {"ana": ["p01", "p02"], "fazl": ["p01", "p03"], "tom": ["p02", "p03"]})
    repo.write(REVIEWS, review("ana", "p01") + review("fazl", "p01") + review("fazl", "p03") + review("mira", "p05"))
    code, out, err = status(run_jam, repo)
    assert (code, err) == (0, "")
    assert "Judging of align-sprint: 6 judges, 3 of 6 assigned reviews done, 4 reviews in" in out
    table = [re.split(r"\s{2,}", line.strip()) for line in out.split("\n\n")[1].splitlines()]
    assert table[0] == ["judge", "assigned", "done", "missing", "not assigned"]
    rows = {row[0]: row[1:] for row in table[1:]}
    assert list(rows) == JUDGES
    assert rows["ana"] == ["2", "1", "p02", "-"]
    assert rows["fazl"] == ["2", "2", "-", "-"]
    assert rows["tom"] == ["2", "0", "p02, p03", "-"]
    assert rows["mira"] == ["0", "0", "-", "p05"]
    assert "Still short of reviews: p02 (0 of 2), p03 (1 of 2)" in out


def test_status_without_assignments_says_how_to_make_them(repo, run_jam) -> None:
    write_sprint(repo)
    code, out, _ = status(run_jam, repo)
    assert code == 0
    assert f"No assignments yet ({ASSIGNMENTS}): jam judge assign align-sprint --write plans them." in out


def test_status_reports_broken_files_and_still_exits_0(repo, run_jam) -> None:
    write_sprint(repo)
    assigned(repo, {"ana": ["p01"]})
    repo.write(REVIEWS, review("ana", "p01") + "- judge: tom\n  project: p02\n  scores: {impact: lots}\n")
    code, out, _ = status(run_jam, repo)
    assert code == 0
    assert f"{REVIEWS}:6:12: JAM103" in out and "must be a number" in out
    assert "the status below counts only the reviews and assignments that load without errors" in out
    assert "Every assigned review is in." in out


def test_templates_are_one_sheet_per_judge_with_missing_reviews(repo, run_jam, tmp_path) -> None:
    write_sprint(repo)
    assigned(repo, {"ana": ["p01", "p02"], "fazl": ["p01"]})
    repo.write(REVIEWS, review("fazl", "p01"))
    sheets = tmp_path / "sheets"
    code, out, _ = status(run_jam, repo, "--templates", str(sheets))
    assert code == 0
    assert f"Wrote 1 score sheet to {sheets}: ana.csv (2 projects)" in out
    assert sorted(p.name for p in sheets.iterdir()) == ["ana.csv"]
    # Each row names the project, links its file (no site URL here), and each criterion's header gives the scale.
    assert (sheets / "ana.csv").read_text() == (
        "judge,project,title,link,advancement (1-5),impact (1-5),quality (1-5),comment\n"
        f"ana,p01,Project P01,submissions/{SLUG}/p01.md,,,,\nana,p02,Project P02,submissions/{SLUG}/p02.md,,,,\n"
    )
    (sheets / "ana.csv").write_text("judge,project,advancement,impact,quality,comment\nana,p01,4,,,\n")
    code, out, _ = status(run_jam, repo, "--templates", str(sheets))
    assert code == 0
    assert f"Not written: {sheets / 'ana.csv'} already has scores in it; import it first, or move it away." in out
    assert (sheets / "ana.csv").read_text().endswith("ana,p01,4,,,\n")


def test_a_filled_score_sheet_imports_as_it_is_and_links_the_site_when_it_has_one(repo, run_jam, tmp_path) -> None:
    write_sprint(repo)
    repo.write("mkdocs.yml", "site_name: X\nsite_url: https://sprints.example.org/\n")
    assigned(repo, {"ana": ["p01"]})
    sheets = tmp_path / "sheets"
    assert status(run_jam, repo, "--templates", str(sheets))[0] == 0
    text = (sheets / "ana.csv").read_text()
    assert f",https://sprints.example.org/projects/{SLUG}/p01/," in text
    (sheets / "ana.csv").write_text(text.replace(",,,,\n", ",4,3,5,Clear.\n"))
    code, out, _ = run_jam("--root", str(repo.root), "review", "import", SLUG, str(sheets / "ana.csv"))
    assert code == 0 and "Not imported" not in out, out  # the title and link are the judge's to read
    assert "1 added" in out


NO_CONFIRMATION = SPRINT.partition("judges:\n")[2].partition("---")[0].replace(", conflicts: [p10]", "")


def test_a_team_writing_a_judges_name_does_not_choose_its_judges(repo, run_jam, jam_check) -> None:
    """p10 lists "Kenji Sato" (not Kenji's handle): a warning to confirm; the plan may still give kenji p10."""
    write_sprint(repo, judges=NO_CONFIRMATION)
    code, out, _ = assign(run_jam, repo, "--reviews", "6", "--write")
    assert code == 0, out
    assert "Conflicts of interest kept out" not in out
    assert (
        "Warnings, not kept out (a maintainer confirms one by adding the project to the judge's conflicts): "
        "kenji/p10 (JAM216: the team lists Kenji Sato as @team-p10, the name of judge kenji: "
        "to be confirmed by a maintainer)"
    ) in out
    assert "p10" in written(repo)["kenji"]
    found = jam_check(repo)
    assert found.codes == ["JAM216", "JAM216"] and found.exit_code == 0
    code, out, _ = run_jam("--root", str(repo.root), "judge", "status", SLUG)
    assert "Conflicts of interest in the assignments:\n  - kenji/p10: JAM216 warning, the team lists Kenji Sato" in out


def test_a_judge_in_a_team_of_the_sprint_gets_no_assignments(repo, run_jam, jam_check) -> None:
    write_sprint(repo)
    p03 = f"submissions/{SLUG}/p03.md"
    repo.write(p03, (repo.root / p03).read_text().replace("github: team-p03", "github: TBerg"))
    code, out, _ = assign(run_jam, repo, "--write", "--reviews", "2")
    assert code == 0, out
    assert (
        "Not assigned anything: tom is a member of the team of 'p03' (GitHub @tberg), so may not judge any "
        "project of Alignment Research Sprint (JAM217)."
    ) in out
    plan = written(repo)
    assert "tom" not in plan and sum(len(ps) for ps in plan.values()) == 22
    refused = [(d["path"], d["severity"]) for d in jam_check(repo).diagnostics if d["code"] == "JAM217"]
    assert refused == [(S, "error"), (p03, "error")]


def test_a_judge_who_shared_an_earlier_team_with_a_member_is_not_assigned_the_project(repo, run_jam) -> None:
    write_sprint(repo)
    repo.write(
        "sprints/old-sprint.md", DEMO_SPRINT.replace("2025-01-19", "2024-05-01").replace("2025-01-17", "2024-04-29")
    )
    team = "  - name: Ana Ruiz\n    github: ana-ruiz\n  - name: Builder p03\n    github: team-p03\n"
    repo.write(
        "submissions/old-sprint/earlier.md", SUBMISSION.replace("  - name: Bea Builder\n    github: bea\n", team)
    )
    repo.write("submissions/old-sprint/earlier/report.pdf", PDF)
    code, out, _ = assign(run_jam, repo, "--write")
    assert code == 0, out
    assert "ana" not in [j for j, ps in written(repo).items() if "p03" in ps]
    assert "ana/p03 (Ana Ruiz shared a team with Builder p03 in submissions/old-sprint/earlier.md:6)" in out
