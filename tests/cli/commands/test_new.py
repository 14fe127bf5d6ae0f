"""`jam new`: scaffolded files are valid, round-trip through the loader, and never overwrite."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
import yaml

from jamkit.cli.commands import new as new_command
from jamkit.files.load import load_catalog
from tests.helpers import PDF, Repo

Jam = Callable[..., tuple[int, str, str]]
MD = "submissions/demo-sprint/new-idea.md"


def new(run_jam: Jam, repo: Repo, *args: str) -> tuple[int, str, str]:
    return run_jam("--root", str(repo.root), "new", *args)


def write_up(repo: Repo, md: str) -> None:
    """What the team does after `jam new`: replace the placeholder write-up with their own."""
    path = repo.root / md
    front, _ = path.read_text(encoding="utf-8").rsplit("---\n", 1)
    path.write_text(front + "---\n## Summary\n\nWe asked a question and found an answer.\n", encoding="utf-8")


def test_new_submission_is_valid_and_round_trips(demo_repo: Repo, run_jam: Jam) -> None:
    code, out, err = new(
        run_jam, demo_repo, "submission", "demo-sprint", "new-idea",
        "--title", "Probing: a \"quoted\" title — with unicode",
        "--member", "Ada Lovelace:ada:University of London: Birkbeck",
        "--member", "Bob:@bob",
        "--abstract", "yes",
        "--tag", "no", "--tag", "2025-01-01",
        "--team", "null",
        "--site", "london",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Put your report PDF at submissions/demo-sprint/new-idea/report.pdf" in out
    assert "Replace the placeholder write-up below the front matter of " + MD in out
    catalog, problems = load_catalog(demo_repo.root, [MD])
    assert problems == []
    fields = catalog.submissions["demo-sprint/new-idea"].fields
    assert fields.title == 'Probing: a "quoted" title — with unicode'
    assert [(m.name, m.github, m.affiliation) for m in fields.members] == [
        ("Ada Lovelace", "ada", "University of London: Birkbeck"),
        ("Bob", "bob", None),
    ]
    assert (fields.abstract, fields.tags, fields.team, fields.site) == ("yes", ["no", "2025-01-01"], "null", "london")
    assert fields.report == "report.pdf"
    folder = demo_repo.root / "submissions/demo-sprint/new-idea"
    assert folder.is_dir() and list(folder.iterdir()) == []  # the PDF's place, and no note to publish by mistake
    assert "--author ada" in out  # the handle it was given, not a placeholder
    demo_repo.write("submissions/demo-sprint/new-idea/report.pdf", PDF)
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", str(demo_repo.root / MD))
    assert code == 1 and "JAM118 the write-up is still the placeholder text" in out
    write_up(demo_repo, MD)
    assert run_jam("--root", str(demo_repo.root), "check", str(demo_repo.root / MD))[0] == 0


def test_scaffolded_submission_passes_the_pull_request_check(demo_repo: Repo, run_jam: Jam) -> None:
    demo_repo.init_git()
    demo_repo.commit("base")
    demo_repo.git("checkout", "-q", "-b", "pr")
    code, _, _ = new(
        run_jam, demo_repo, "submission", "demo-sprint", "new-idea",
        "--title", "T", "--member", "Cara:cara", "--abstract", "A.",
    )  # fmt: skip
    assert code == 0
    demo_repo.write("submissions/demo-sprint/new-idea/report.pdf", PDF)
    write_up(demo_repo, MD)
    demo_repo.commit("submission")
    code, out, _ = run_jam(
        "--root", str(demo_repo.root), "check", "--pr", "--base", "main",
        "--author", "cara", "--now", "2025-01-18T12:00:00Z", "--format", "json",
    )  # fmt: skip
    result = json.loads(out)
    assert (code, result["diagnostics"]) == (0, [])


def test_report_url_needs_no_folder(demo_repo: Repo, run_jam: Jam) -> None:
    code, out, _ = new(
        run_jam, demo_repo, "submission", "demo-sprint", "new-idea",
        "--title", "T", "--member", "Cara:cara", "--abstract", "A.", "--report-url", "https://example.org/r.pdf",
    )  # fmt: skip
    assert code == 0
    assert not (demo_repo.root / "submissions/demo-sprint/new-idea").exists()
    assert "Put your report" not in out


def test_refuses_to_overwrite(demo_repo: Repo, run_jam: Jam) -> None:
    before = (demo_repo.root / "submissions/demo-sprint/probing.md").read_text()
    code, _, err = new(
        run_jam, demo_repo, "submission", "demo-sprint", "probing", "--title", "T", "--member", "C:c", "--abstract", "A"
    )
    assert code == 2
    assert "submissions/demo-sprint/probing.md already exists; edit it instead" in err
    assert (demo_repo.root / "submissions/demo-sprint/probing.md").read_text() == before


def test_missing_flags_without_a_terminal_exit_2_listing_them(demo_repo: Repo, run_jam: Jam) -> None:
    code, _, err = new(run_jam, demo_repo, "submission", "demo-sprint", "new-idea", "--title", "T")
    assert code == 2
    assert "missing --member, --abstract (stdin is not a terminal" in err
    assert not (demo_repo.root / MD).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["submission", "demo-sprint", "New_Idea"], "'New_Idea' is not a valid project slug"),
        (
            ["submission", "demo-sprint", "your-project-name"],
            "'your-project-name' is the browser template's placeholder",
        ),
        (["submission", "no-such-sprint", "new-idea"], "there is no sprint 'no-such-sprint'; known: demo-sprint"),
        (
            ["submission", "demo-sprint", "new-idea", "--site", "paris"],
            "'paris' is not a site of Demo Research Sprint (fix: use one of: online, london)",
        ),
        (["submission", "demo-sprint", "new-idea", "--member", "Eve:@@eve"], "is not a GitHub handle"),
        (["submission", "demo-sprint", "new-idea", "--report-url", "http://x.org/r.pdf"], "is not an https URL"),
        (["submission", "demo-sprint", "new-idea", "--member", "just-a-name"], "no member has a GitHub handle"),
        (["submission", "demo-sprint", "new-idea", "--member", ":ada"], "write it as Name[:github[:affiliation]]"),
        (
            [
                "submission",
                "demo-sprint",
                "new-idea",
                "--member",
                "A:a",
                "--member",
                "B:b",
                "--member",
                "C:c",
                "--member",
                "D:d",
            ],
            "the team has 4 members; Demo Research Sprint allows 1 to 3",
        ),
        (
            ["sprint", "demo-sprint", "--title", "T", "--starts", "2026-01-01T00:00:00Z", "--ends", "2026-01-03"],
            "already exists",
        ),
        (
            ["sprint", "new-sprint", "--title", "T", "--starts", "2026-01-05T00:00:00Z", "--ends", "2026-01-03"],
            "is not after starts",
        ),
    ],
)
def test_bad_values_are_refused_before_writing(demo_repo: Repo, run_jam: Jam, args: list[str], message: str) -> None:
    if args[0] == "submission" and "--title" not in args:
        args = [*args, "--title", "T", "--abstract", "A"] + ([] if "--member" in args else ["--member", "C:c"])
    code, _, err = new(run_jam, demo_repo, *args)
    assert code == 2
    assert message.replace("sprint 'no-such-sprint';", "sprint 'no-such-sprint' (sprints/no-such-sprint.md);") in err
    assert not (demo_repo.root / MD).exists() and not (demo_repo.root / "sprints/new-sprint.md").exists()


def test_prompts_for_missing_values(demo_repo: Repo, monkeypatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    answers: Iterator[str] = iter(
        ["", "My Title", "", "Cara Coder", "cara", "", "", "An abstract", "on two lines.", "", "LONDON", "a, b"]
    )
    asked: list[str] = []
    printed: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    code = new_command.run(
        str(demo_repo.root), "submission", "new-idea", {}, sprint="demo-sprint", ask=ask, out=printed.append
    )
    assert code == 0
    assert asked == [
        "Title (your project's title, e.g. Probing for deception): ",
        "Title (your project's title, e.g. Probing for deception): ",
        "Team name (e.g. Deception Hunters, Enter to skip): ",
        "Member 1, name (e.g. Ada Lovelace): ",
        "Cara Coder's GitHub handle (e.g. ada-lovelace; yours is needed to open the pull request): ",
        "Cara Coder's affiliation (e.g. University of Oxford, Enter to skip): ",
        "Member 2, name (e.g. Ada Lovelace, Enter if that is everyone): ",
        "Abstract: ",
        "> ",
        "> ",
        "Site (where you worked: online (Online), london (London hub), Enter to skip): ",
        "Tags (keywords, separated by commas, e.g. probing, deception, Enter to skip): ",
    ]
    assert "  ✗ an answer is needed. Try again." in printed
    catalog, problems = load_catalog(demo_repo.root, [MD])
    assert problems == []
    fields = catalog.submissions["demo-sprint/new-idea"].fields
    assert (fields.title, fields.abstract) == ("My Title", "An abstract on two lines.")
    assert (fields.team, fields.site, fields.tags) == (None, "london", ["a", "b"])
    refusals: list[str] = []
    code = new_command.run(
        str(demo_repo.root), "submission", "new-idea", {}, sprint="demo-sprint", ask=ask, err=refusals.append
    )
    assert code == 2
    assert refusals == ["jam new: submissions/demo-sprint/new-idea.md already exists; edit it instead"]


def test_new_sprint(demo_repo: Repo, run_jam: Jam) -> None:
    code, out, err = new(
        run_jam, demo_repo, "sprint", "evals-2026",
        "--title", "Evals Sprint", "--starts", "2026-03-14T09:00:00+00:00", "--ends", "2026-03-16",
        "--format", "hybrid", "--topic", "evals", "--tagline", "Measure: what matters",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "jam new submission evals-2026 PROJECT-SLUG" in out
    catalog, problems = load_catalog(demo_repo.root, ["sprints/evals-2026.md"])
    assert problems == []
    sprint = catalog.sprints["evals-2026"]
    assert (sprint.fields.title, sprint.fields.format, sprint.fields.topics) == ("Evals Sprint", "hybrid", ["evals"])
    assert sprint.fields.ends.isoformat() == "2026-03-16T23:59:59-12:00"


def test_new_sprint_may_start_a_repository_in_an_empty_folder(tmp_path, run_jam, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_jam(
        "new", "sprint", "first-sprint", "--title", "First Sprint",
        "--starts", "2027-03-05T09:00:00+00:00", "--ends", "2027-03-07",
    )  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "sprints" / "first-sprint.md").is_file()
    assert run_jam("check")[0] == 0


# --------------------------------------------------------------------------- profile


def test_new_profile_for_the_login_git_knows(demo_repo: Repo, run_jam: Jam) -> None:
    demo_repo.init_git()
    demo_repo.git("config", "github.user", "Bea")
    code, out, err = run_jam("--root", str(demo_repo.root), "new", "profile", "--name", "Bea Builder", "--unlisted")
    assert (code, err) == (0, ""), out
    assert "Wrote people/bea.md" in out
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == []
    profile = catalog.profiles["bea"]
    assert (profile.fields.name, profile.fields.listed) == ("Bea Builder", False)


def test_new_profile_from_the_flag_and_its_refusals(demo_repo: Repo, run_jam: Jam) -> None:
    code, out, _ = run_jam(
        "--root", str(demo_repo.root), "new", "profile", "--github", "@cara", "--orcid", "0000-0002-1825-0097"
    )
    assert code == 0 and "people/cara.md" in out
    code, _, err = run_jam("--root", str(demo_repo.root), "new", "profile", "--github", "cara")
    assert code == 2 and "already exists" in err
    code, _, err = run_jam("--root", str(demo_repo.root), "new", "profile", "--github", "not a login")
    assert code == 2 and "not a GitHub login" in err
    code, _, err = run_jam("--root", str(demo_repo.root), "new", "profile", "--github", "dana", "--orcid", "123")
    assert code == 2 and "not written" in err and not (demo_repo.root / "people/dana.md").exists()


def test_an_abstract_a_few_words_too_long_is_kept_for_editing_not_typed_again(demo_repo: Repo, monkeypatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    long = " ".join(["word"] * 305)
    answers: Iterator[str] = iter([long, "", ""])  # the abstract, then Enter: keep it as it is
    printed: list[str] = []
    given = {"title": "T", "team": "X", "member": ["Cara:cara"], "site": "online", "tag": ["x"]}
    code = new_command.run(
        str(demo_repo.root), "submission", "new-idea", given, sprint="demo-sprint", ask=lambda _: next(answers),
        out=printed.append,
    )  # fmt: skip
    assert any("the abstract has 305 words, 5 more than 300. Your text is kept" in line for line in printed)
    assert code == 1  # written, with the one problem left to mend in the file
    front = (demo_repo.root / MD).read_text().split("---\n")[1]
    assert yaml.safe_load(front)["abstract"] == long
    assert any("JAM1" in line and "305 words" in line for line in printed)
