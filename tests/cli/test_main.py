"""The `jam` entry point: argument parsing, dispatch, help, and never a traceback."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import jamkit.cli.commands
import jamkit.cli.commands.stats
import jamkit.cli.main
from jamkit.core.errors import ISSUES
from tests.helpers import ROOT
from tests.helpers.imports import imports_inside_functions

P = "submissions/demo-sprint/probing.md"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "no/such/file.md"], "no/such/file.md: no such file or folder"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "jam: 'frobnicate' is not a jam command; the commands are: check, new,"),
        ([], "the following arguments are required"),
        (["check", "--root", "/no/such/folder"], "--root /no/such/folder: no such folder"),
    ],
)
def test_wrong_use_exits_2_with_a_message(demo_repo, run_jam, monkeypatch, args, says) -> None:
    monkeypatch.chdir(demo_repo.root)
    code, out, err = run_jam(*args)
    assert code == 2
    assert says in err
    assert "Traceback" not in out + err


def test_installed_jam_script_runs_without_traceback_on_garbage(demo_repo) -> None:
    demo_repo.write(P, b"\x00\xff---\n\t: [\n")
    demo_repo.write("sprints/demo-sprint/reviews.yaml", "- &a [*a]\n")
    jam = ROOT / ".venv/bin/jam"
    command = [str(jam)] if jam.exists() else [sys.executable, "-m", "jamkit.cli.main"]
    done = subprocess.run([*command, "--root", str(demo_repo.root), "check"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{P}:1:2: JAM001 byte 0xff" in done.stdout
    assert "sprints/demo-sprint/reviews.yaml:1:3: JAM002" in done.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["award"], "the following arguments are required: SPRINT"),
        (["award", "demo-sprint", "--now", "soon"], "--now: 'soon' is not an ISO 8601 date-time"),
        (["retract", "demo-sprint/probing"], "the following arguments are required: --reason"),
        (["stats", "--now", "2025-01-01T00:00:00"], "has no UTC offset"),
    ],
)
def test_maintainer_commands_used_wrongly_exit_2(demo_repo, run_jam, args, says) -> None:
    code, out, err = run_jam("--root", str(demo_repo.root), *args)
    assert (code, out) == (2, "")
    assert says in err


def test_maintainer_commands_are_listed_in_help(run_jam) -> None:
    code, out, _ = run_jam("--help")
    assert code == 0
    for command in ("award", "retract", "stats"):
        assert f"    {command} " in out


def test_installed_jam_script_runs_the_maintainer_commands_on_garbage_without_traceback(demo_repo) -> None:
    demo_repo.write("sprints/demo-sprint.md", b"---\ntitle: [\xff\n---\n")
    demo_repo.write(P, b"\x00\xff---\n\t: [\n")
    jam = ROOT / ".venv/bin/jam"
    command = [str(jam)] if jam.exists() else [sys.executable, "-m", "jamkit.cli.main"]
    for args, exit_code in (
        (["award", "demo-sprint", "--write"], 1),
        (["retract", "demo-sprint/probing", "--reason", "x"], 1),
        (["stats", "--json"], 1),
    ):
        done = subprocess.run([*command, "--root", str(demo_repo.root), *args], capture_output=True, text=True)
        assert done.returncode == exit_code, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr


def test_cli_and_commands_import_nothing_inside_a_function() -> None:
    assert imports_inside_functions(Path(jamkit.cli.commands.__file__).parent) == []
    cli = Path(jamkit.cli.main.__file__)
    assert [f for f in imports_inside_functions(cli.parent) if f.startswith("cli.py:")] == []


def test_a_reader_that_goes_away_is_not_an_internal_error(tmp_path) -> None:
    """`jam ... | head` closes the pipe early: jam stops quietly, like any Unix tool."""
    import subprocess
    import sys

    (tmp_path / "sprints").mkdir()
    for n in range(1500):  # a line of output each, far more than a pipe holds
        (tmp_path / "sprints" / f"sprint-{n:04d}.md").write_text("no front matter here\n")
    script = "import sys; from jamkit.cli.main import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        f"{sys.executable} -c '{script}' --root {tmp_path} check | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def _jam() -> list[str]:
    jam = ROOT / ".venv/bin/jam"
    return [str(jam)] if jam.exists() else [sys.executable, "-m", "jamkit.cli.main"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["nosuchcommand"],
            "jam: 'nosuchcommand' is not a jam command; the commands are: check, new, award, retract, forget, "
            "stats, outcomes, judge, review, github, init, upgrade (see jam --help)",
        ),
        (["judge", "nope"], "jam judge: 'nope' is not a jam judge action; the actions are: assign, finalists, status"),
        (
            ["new", "spritn"],
            "jam new: 'spritn' is not a jam new kind; the kinds are: submission, profile, site, sprint",
        ),
    ],
)
def test_an_unknown_command_exits_2_with_one_line_listing_the_commands(demo_repo, args, line) -> None:
    done = subprocess.run([*_jam(), "--root", str(demo_repo.root), *args], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == ""  # never the figures of `jam stats`
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith(line)


def test_every_command_the_parser_knows_is_dispatched(demo_repo, run_jam) -> None:
    """No command falls through to another: each one of the parser's reaches its own module."""
    sub = next(a for a in jamkit.cli.main.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    source = Path(jamkit.cli.main.__file__).read_text()
    assert [name for name in sub.choices if f'case "{name}"' not in source] == []
    with pytest.raises(AssertionError, match="no command to run it"):  # a bug, exit 70; never `jam stats`
        jamkit.cli.main.dispatch(argparse.Namespace(command="sprints", root=str(demo_repo.root), json=False, now=None))


def test_an_exception_escaping_a_command_is_an_internal_error_in_one_line(demo_repo, run_jam, monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        return {"figures": 1}["impact"]  # a real KeyError, as a bug would raise it

    monkeypatch.delenv("JAM_DEBUG", raising=False)
    monkeypatch.setattr(jamkit.cli.commands.stats, "run", broken)
    code, out, err = run_jam("--root", str(demo_repo.root), "stats")
    assert (code, out) == (70, "")
    assert err == f"jam: internal error: KeyError: 'impact' (a bug in jamkit; please report it at {ISSUES})\n"


def test_the_installed_jam_reports_an_internal_error_with_exit_70_and_no_traceback(demo_repo, monkeypatch) -> None:
    """A real process: a command whose library call fails with a message over two lines."""
    script = (
        "import sys; import jamkit.cli.commands.stats as stats; from jamkit.cli.main import main\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('the figures\\ndo not add up')\n"
        "stats.run = broken\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    monkeypatch.delenv("JAM_DEBUG", raising=False)
    done = subprocess.run(
        [sys.executable, "-c", script, "--root", str(demo_repo.root), "stats"], capture_output=True, text=True
    )
    assert done.returncode == 70
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == (
        f"jam: internal error: ValueError: the figures do not add up (a bug in jamkit; please report it at {ISSUES})\n"
    )
