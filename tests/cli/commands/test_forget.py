"""``jam forget GITHUB``: a person becomes "Anonymous" in every file, and nothing else changes."""

from __future__ import annotations

from collections.abc import Callable

from tests.helpers import SUBMISSION, Repo

Jam = Callable[..., tuple[int, str, str]]
P = "submissions/demo-sprint/other-team.md"
S = "sprints/demo-sprint.md"
B = "publications/a-paper.md"
R = "sprints/demo-sprint/reviews.yaml"
TEAM = SUBMISSION.replace(
    "  - name: Bea Builder\n    github: bea\n",
    "  - name: Bea Builder\n    github: bea\n  - name: Ada Judge  # also on the team\n    github: Ada-Judge\n"
    "    affiliation: Somewhere\n    orcid: 0000-0002-1825-0097\n",
)
REVIEWS = "# reviews\n- judge: ada-judge  # first\n  project: probing\n  scores: {impact: 4, quality: 5}\n"


def test_forget_anonymises_members_authors_and_judges_everywhere(demo_repo: Repo, run_jam: Jam) -> None:
    demo_repo.write(P, TEAM.replace("report: report.pdf\n", "report: https://example.org/r.pdf\n"))
    demo_repo.write(R, REVIEWS)
    demo_repo.write(
        B,
        (demo_repo.root / B)
        .read_text()
        .replace(
            "{name: Bea Builder, github: bea}", "{name: Ada J, github: ada-judge}\n  - {name: Bea Builder, github: bea}"
        ),
    )
    before = {p: (demo_repo.root / p).read_text() for p in (P, S, B, R)}
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "@ADA-judge")
    assert code == 0, out
    assert "Changed 3 entries of @ada-judge in 4 files" in out
    after = {p: (demo_repo.root / p).read_text() for p in (P, S, B, R)}
    for text in after.values():
        assert "ada-judge" not in text.lower() and "Ada J" not in text and "Somewhere" not in text
    assert "0000-0002-1825-0097" not in after[P]
    assert "- name: Anonymous" in after[P] and "The long write-up." in after[P]
    assert (
        after[S].replace("  - {name: Anonymous, id: anonymous-1}\n", "  - {name: Ada Judge, github: ada-judge}\n")
        == before[S]
    )
    assert after[R] == REVIEWS.replace("judge: ada-judge", "judge: anonymous-1")
    code, out, _ = run_jam("--root", str(demo_repo.root), "check")
    assert code == 0, out


def test_forget_writes_nothing_when_one_file_cannot_be_changed(demo_repo: Repo, run_jam: Jam) -> None:
    before = (demo_repo.root / B).read_text()
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "bea")
    assert code == 1
    assert "JAM110" in out and "nothing was written" in out
    assert (demo_repo.root / B).read_text() == before  # the publication's edit was fine, but is not written alone


def test_forget_someone_absent_or_not_a_handle(demo_repo: Repo, run_jam: Jam) -> None:
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "nobody-here")
    assert (code, "nothing changed" in out) == (0, True)
    code, _, err = run_jam("--root", str(demo_repo.root), "forget", "../etc/passwd")
    assert code == 2 and "not a GitHub handle" in err


def test_forget_deletes_the_persons_own_profile(demo_repo: Repo, run_jam: Jam) -> None:
    demo_repo.write(P, TEAM.replace("report: report.pdf\n", "report: https://example.org/r.pdf\n"))
    demo_repo.write("people/Ada-Judge.md", "---\nname: Ada Judge\n---\nMy bio.\n")
    demo_repo.write("people/cara.md", "---\nname: Cara\n---\n")
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "ada-judge", "--dry-run")
    assert code == 0 and "Would remove people/Ada-Judge.md" in out
    assert (demo_repo.root / "people/Ada-Judge.md").is_file()
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "ada-judge")
    assert code == 0 and "Removed people/Ada-Judge.md" in out and "Changed" in out
    assert not (demo_repo.root / "people/Ada-Judge.md").exists() and (demo_repo.root / "people/cara.md").is_file()
    assert "Ada-Judge" not in (demo_repo.root / P).read_text()


def test_forget_with_only_a_profile(demo_repo: Repo, run_jam: Jam) -> None:
    demo_repo.write("people/dana.md", "---\nname: Dana\n---\n")
    code, out, _ = run_jam("--root", str(demo_repo.root), "forget", "dana")
    assert code == 0 and "Removed people/dana.md" in out and not (demo_repo.root / "people/dana.md").exists()
