"""`jam new` on a real terminal: a mistake at every question is explained and asked again; Ctrl-C writes nothing.

Each test runs the real `jam` in a pseudo-terminal (`pty.fork`), so `isatty`, the line discipline and Ctrl-C
behave as they do for a person at the keyboard.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jamkit.checks import check
from jamkit.files.load import load_catalog
from tests.helpers import PDF, Repo
from tests.helpers.terminal import Terminal

MD = "submissions/demo-sprint/new-idea.md"


def _submission(repo: Repo) -> Terminal:
    return Terminal("--root", str(repo.root), "new", "submission", "demo-sprint", "new-idea")


def test_a_mistake_at_every_question_is_asked_again_and_the_file_ends_valid(demo_repo: Repo) -> None:
    term = _submission(demo_repo)
    term.expect("Title (your project's title, e.g. Probing for deception): ")
    term.type("")
    term.expect("✗ an answer is needed. Try again.")
    term.expect("Title (")
    term.type('Probing: a "quoted" title')
    term.expect("Team name (e.g. Deception Hunters, Enter to skip): ")
    term.type("Deception Hunters")
    term.expect("Team members (1 to 3): yourself first")
    term.expect("Member 1, name (e.g. Ada Lovelace): ")
    term.type("   ")
    term.expect("✗ an answer is needed")
    term.type("Cara Coder")
    term.expect("Cara Coder's GitHub handle (e.g. ada-lovelace; yours is needed to open the pull request): ")
    term.type("@@cara coder")
    term.expect("is not a GitHub handle")
    term.expect("Cara Coder's GitHub handle")
    term.type("@cara")
    term.expect("Cara Coder's affiliation (e.g. University of Oxford, Enter to skip): ")
    term.type("University of Somewhere: Lab 3")
    term.expect("Member 2, name (e.g. Ada Lovelace, Enter if that is everyone): ")
    term.type("Dan Doe")
    term.expect("Dan Doe's GitHub handle (e.g. ada-lovelace, Enter if they have none): ")
    term.type("not/a handle")
    term.expect("is not a GitHub handle")
    term.type("")  # no GitHub account: the docs allow it
    term.expect("Dan Doe's affiliation")
    term.type("")
    term.expect("Member 3, name")
    term.type("")
    term.expect("Abstract (plain text, at most 300 words). Write as many lines as you like; an empty line ends it.")
    term.expect("Abstract: ")
    term.type(" ".join(["word"] * 301))
    term.type("")
    term.expect("the abstract has 301 words, 1 more than 300. Your text is kept")
    term.expect("or type it again: ")
    term.type("We probe a small model for deception,")
    term.expect("> ")
    term.type("and find it in two places.")
    term.expect("> ")
    term.type("")
    term.expect("Site (where you worked: online (Online), london (London hub), Enter to skip): ")
    term.type("Paris")
    term.expect("'Paris' is not a site of this sprint: use one of online, london. Try again.")
    term.type("London")
    term.expect("Tags (keywords, separated by commas")
    term.type("probing, deception")
    term.expect("Next steps:")
    term.expect("--author cara")  # the handle it was given, not a placeholder
    assert term.exit_code() == 0

    catalog, problems = load_catalog(demo_repo.root, [MD])
    assert problems == []
    fields = catalog.submissions["demo-sprint/new-idea"].fields
    assert fields.title == 'Probing: a "quoted" title'
    assert [(m.name, m.github, m.affiliation) for m in fields.members] == [
        ("Cara Coder", "cara", "University of Somewhere: Lab 3"),
        ("Dan Doe", None, None),
    ]
    assert fields.abstract == "We probe a small model for deception, and find it in two places."
    assert (fields.team, fields.site, fields.tags) == ("Deception Hunters", "london", ["probing", "deception"])
    # What is left is the team's own work: the report and the write-up, which the command listed as steps.
    demo_repo.write("submissions/demo-sprint/new-idea/report.pdf", PDF)
    path = demo_repo.root / MD
    path.write_text(path.read_text().split("## Summary")[0] + "## Summary\n\nWhat we found.\n")
    catalog, problems = load_catalog(demo_repo.root, [MD])
    assert problems + check(catalog) == []


STEPS = [
    ("Title (", "A title"),
    ("Team name (", ""),
    ("Member 1, name (", "Cara Coder"),
    ("GitHub handle (", "cara"),
    ("affiliation (", ""),
    ("Member 2, name (", ""),
    ("Abstract: ", "The first line of the abstract,"),
    ("> ", None),
]


@pytest.mark.parametrize("stop", [0, 2, 7], ids=["at the title", "at a member", "halfway through the abstract"])
def test_ctrl_c_at_any_question_writes_nothing(demo_repo: Repo, stop: int) -> None:
    term = _submission(demo_repo)
    for prompt, answer in STEPS[:stop]:
        term.expect(prompt)
        term.type(answer or "")
    term.expect(STEPS[stop][0])
    term.interrupt()
    assert term.exit_code() == 2
    assert "jam new: stopped; nothing was written" in term.seen
    assert not (demo_repo.root / MD).exists()
    assert not (demo_repo.root / "submissions/demo-sprint/new-idea").exists()


def test_the_abstract_opens_the_editor_when_one_is_set(demo_repo: Repo, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "# kept out\\nWritten in my editor,\\non two lines.\\n" > "$1"\n')
    editor.chmod(0o755)
    term = Terminal(
        "--root", str(demo_repo.root), "new", "submission", "demo-sprint", "new-idea",
        "--title", "T", "--member", "Cara:cara",
        env={"EDITOR": str(editor)},
    )  # fmt: skip
    term.expect("Team name (")
    term.type("")
    term.expect("Site (")
    term.type("")
    term.expect("Tags (")
    term.type("")
    term.expect("Next steps:")
    assert term.exit_code() == 0
    catalog, _ = load_catalog(demo_repo.root, [MD])
    assert catalog.submissions["demo-sprint/new-idea"].fields.abstract == "Written in my editor, on two lines."


def test_an_abstract_too_long_opens_the_editor_again_on_the_same_text(demo_repo: Repo, tmp_path: Path) -> None:
    # The first time the editor writes 302 words; opened again on them, it keeps the first 300: nothing retyped.
    editor = tmp_path / "editor.sh"
    words = " ".join(["word"] * 302)
    editor.write_text(
        '#!/bin/sh\nif grep -q "^word" "$1"; then head -c 1499 "$1" | head -n 1 > "$1.new"; mv "$1.new" "$1"; '
        f'else printf "{words}\\n" > "$1"; fi\n'
    )
    editor.chmod(0o755)
    term = Terminal(
        "--root", str(demo_repo.root), "new", "submission", "demo-sprint", "new-idea",
        "--title", "T", "--member", "Cara:cara", "--team", "X", "--site", "online", "--tag", "x",
        env={"EDITOR": str(editor)},
    )  # fmt: skip
    term.expect("the abstract has 302 words, 2 more than 300. Your text opens again")
    term.expect("Next steps:")
    assert term.exit_code() == 0
    catalog, _ = load_catalog(demo_repo.root, [MD])
    assert catalog.submissions["demo-sprint/new-idea"].fields.abstract == " ".join(["word"] * 300)


def test_sprint_dates_show_their_format_and_a_wrong_deadline_is_asked_again(repo: Repo) -> None:
    repo.root.mkdir(parents=True)
    term = Terminal("--root", str(repo.root), "new", "sprint", "evals-2027")
    term.expect("Title (e.g. Interpretability Research Sprint): ")
    term.type("Evals Sprint")
    term.expect("Starts (date and time with its UTC offset, e.g. 2026-03-13T17:00:00+00:00): ")
    term.type("next friday")
    term.expect("✗ ")
    term.expect("Starts (")
    term.type("2027-03-12T17:00:00+00:00")
    term.expect("Ends (the deadline: a date, e.g. 2026-03-15, means 23:59 AoE that day; or a date and time): ")
    term.type("2027-03-01")
    term.expect("✗ ")
    term.expect("Ends (")
    term.type("2027-03-14")
    term.expect("Next steps:")
    assert term.exit_code() == 0
    assert "ends: '2027-03-14'" in (repo.root / "sprints/evals-2027.md").read_text()
