"""``jam init DIR``: a new programme repository, asking on a terminal for what the flags do not give.

On a terminal each missing answer is asked with the forgiving questions of
``jam new`` (checked as typed, asked again when wrong, Ctrl-C writes nothing);
with ``--yes``, or where nobody is at the keyboard, flags and defaults are used
and a missing ``--repo`` is refused. ``jamkit.upkeep.programme.init`` writes the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jamkit.cli.commands import OK, USAGE, Out, refused, to_stderr
from jamkit.cli.commands.new import terminal_prompt
from jamkit.cli.commands.prompts import Ask, Cancelled, Check, Question, ask_until_valid
from jamkit.core.errors import UsageError
from jamkit.upkeep.programme.answers import answers_from, default_name, problem_with
from jamkit.upkeep.programme.init import Made, check_folder, make_programme


def run(
    folder: str,
    options: Mapping[str, Any],
    *,
    example: bool = False,
    yes: bool = False,
    ask: Ask | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Make the programme in ``folder``; 0 when written, 2 when refused (a non-empty folder, a bad answer)."""
    target = Path(folder)
    ask = None if yes else (ask if ask is not None else terminal_prompt())
    try:
        check_folder(target)
        values = _asked(options, target, ask, out) if ask is not None else options
        return _tell(make_programme(target, answers_from(values, target), example=example), folder, out)
    except Cancelled as stop:
        err(f"jam init: {stop}; nothing was written")
        return USAGE
    except UsageError as error:
        return refused("init", error, err)


def _asked(options: Mapping[str, Any], folder: Path, ask: Ask, out: Out) -> dict[str, Any]:
    """Every answer the flags do not give, asked in turn; an empty answer takes the default shown."""
    values = dict(options)
    out(f"A new programme repository in {folder}. Enter keeps the default in [brackets].")
    questions = [
        ("name", "Name", "shown in the site's header", lambda: default_name(folder)),
        ("repo", "Repository", "on GitHub, OWNER/NAME, e.g. my-org/research-sprints", None),
        ("organisation", "Organisation", "who runs it", lambda: str(values["repo"]).partition("/")[0]),
        ("language", "Language", "of the site's words, e.g. en or pt-BR", lambda: "en"),
    ]
    for key, label, hint, default in questions:
        if values.get(key):
            continue
        shown = default() if default is not None else ""
        answer = ask_until_valid(
            ask,
            out,
            Question(
                f"{label} [{shown}]" if shown else label,
                hint,
                _check(key),
                optional=bool(shown),
                skip=f"Enter for {shown}",
            ),
        )
        values[key] = answer or shown
    return values


def _check(key: str) -> Check:
    return lambda answer: problem_with(key, answer)


def _tell(made: Made, folder: str, out: Out) -> int:
    out(f"Wrote {len(made.files)} files into {made.root}" + (" and ran git init." if made.git else "."))
    steps = [
        f"cd {folder} && python -m venv .venv && source .venv/bin/activate && pip install -r requirements.txt",
        "jam check, then mkdocs serve to see the site at http://127.0.0.1:8000",
        "jam new sprint SLUG for your first sprint (docs/maintainers.md says what comes next)",
        "git add -A && git commit -m 'Start the programme', then push it to GitHub and turn on Pages",
    ]
    out("Next steps:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, 1)))
    return OK
