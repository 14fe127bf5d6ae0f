"""`jam init` on a terminal: each missing answer asked with `jam new`'s forgiving questions; scripts use flags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from tests.helpers.terminal import Terminal

Jam = Callable[..., tuple[int, str, str]]


def test_prompts_ask_again_after_a_wrong_answer_and_enter_takes_the_default(tmp_path: Path) -> None:
    folder = tmp_path / "evals-sprints"
    term = Terminal("init", str(folder), "--organisation", "Evals Collective")
    term.expect(f"A new programme repository in {folder}.")
    term.expect("Name [Evals Sprints] (shown in the site's header, Enter for Evals Sprints): ")
    term.type("")
    term.expect("Repository (on GitHub, OWNER/NAME, e.g. my-org/research-sprints): ")
    term.type("just-a-name")
    term.expect("✗ 'just-a-name' is not OWNER/NAME")
    term.expect("Repository (")
    term.type("evals-collective/sprints")
    term.expect("Language [en] (of the site's words, e.g. en or pt-BR, Enter for en): ")
    term.type("pt-BR")
    term.expect("Next steps:")
    assert term.exit_code() == 0
    answers = yaml.safe_load((folder / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {k: answers[k] for k in ("name", "organisation", "repo", "language")} == {
        "name": "Evals Sprints", "organisation": "Evals Collective",
        "repo": "evals-collective/sprints", "language": "pt-BR",
    }  # fmt: skip
    assert "language: pt-BR" in (folder / "mkdocs.yml").read_text(encoding="utf-8")


def test_ctrl_c_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "stopped"
    term = Terminal("init", str(folder))
    term.expect("Name [Stopped]")
    term.interrupt()
    assert term.exit_code() == 2
    assert "nothing was written" in term.seen
    assert not folder.exists()


def test_yes_asks_nothing_even_on_a_terminal_and_names_what_is_missing(tmp_path: Path) -> None:
    term = Terminal("init", str(tmp_path / "scripted"), "--yes")
    assert term.exit_code() == 2
    assert "jam init: missing --repo OWNER/NAME" in term.seen and "Repository (" not in term.seen


def test_without_a_terminal_the_flags_are_enough(tmp_path: Path, run_jam: Jam) -> None:
    code, out, err = run_jam("init", str(tmp_path / "p"), "--repo", "org/p", "--name", "P Sprints")
    assert (code, err) == (0, "") and "Next steps:" in out
    assert (tmp_path / "p" / "mkdocs.yml").read_text(encoding="utf-8").startswith("# The public site of P Sprints.")
