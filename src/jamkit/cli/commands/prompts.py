"""Questions on a terminal that forgive: each answer is checked as it is typed, and asked again when wrong.

``jam new`` asks through ``ask_until_valid``: a question says its format and an
example, a wrong answer is explained in one line and the same question comes
back, and nothing is written until every answer is good. The abstract opens
``$VISUAL`` or ``$EDITOR`` when one is set, else takes several lines ended by
an empty line. Ctrl-C and Ctrl-D stop cleanly (``Cancelled``), with nothing written.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jamkit.cli.commands import Out

Ask = Callable[[str], str]
Check = Callable[[str], str | None]  # the problem with an answer, in plain words, or None when it is good
MAX_TRIES = 20  # a person answers wrongly a few times; a runaway script is stopped


class Cancelled(Exception):
    """The person stopped the questions (Ctrl-C, Ctrl-D, or too many wrong answers)."""


@dataclass(frozen=True)
class Question:
    """One question: its label, the format and an example, and the check its answer must pass."""

    label: str
    hint: str
    check: Check
    optional: bool = False  # an empty answer is accepted (and means "none")
    skip: str = "Enter to skip"  # what an empty answer does, when it is accepted

    @property
    def prompt(self) -> str:
        return f"{self.label} ({self.hint}{', ' + self.skip if self.optional else ''}): "


def ask_until_valid(ask: Ask, out: Out, question: Question) -> str:
    """The first answer that passes the question's check; each wrong one is explained and asked again."""
    for _ in range(MAX_TRIES):
        answer = _read(ask, question.prompt).strip()
        if not answer and question.optional:
            return ""
        problem = "an answer is needed" if not answer else question.check(answer)
        if problem is None:
            return answer
        out(f"  ✗ {problem}. Try again.")
    raise Cancelled(f"no valid answer to '{question.label}' after {MAX_TRIES} tries")


def _read(ask: Ask, prompt: str) -> str:
    try:
        return ask(prompt)
    except (KeyboardInterrupt, EOFError):
        raise Cancelled("stopped") from None


def ask_text(ask: Ask, out: Out, label: str, check: Check, hint: str, editable: Check | None = None) -> str:
    """A longer text: written in ``$VISUAL``/``$EDITOR`` when one is set, else lines ended by an empty line.

    A text whose only problem is one the person can mend in the file (``editable`` names it: an abstract a few
    words too long) is never thrown away: the editor opens again on it, or the person keeps it as it is.
    """
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    draft = ""
    for _ in range(MAX_TRIES):
        text = _in_editor(editor, label, hint, draft) if editor else _lines(ask, out, label, hint)
        problem = "an answer is needed" if not text else check(text)
        if problem is None:
            return text
        mendable = editable(text) if editable is not None and text else None
        if mendable is None:
            out(f"  ✗ {problem}. Try again.")
            continue
        if editor:
            out(f"  ✗ {mendable}. Your text opens again: shorten it there.")
            draft = text
            continue
        out(f"  ✗ {mendable}. Your text is kept: press Enter to write it into the file as it is and shorten it there,")
        again = _read(ask, "  or type it again: ").strip()
        if not again:
            return text
        text = _lines(ask, out, label, hint, first=again, told=True)
        if check(text) is None:
            return text
    raise Cancelled(f"no valid answer to '{label}' after {MAX_TRIES} tries")


def _lines(ask: Ask, out: Out, label: str, hint: str, first: str = "", told: bool = False) -> str:
    if not told:
        out(f"{label} ({hint}). Write as many lines as you like; an empty line ends it.")
    lines: list[str] = [first] if first else []
    while True:
        line = _read(ask, "> " if lines else f"{label}: ").rstrip()
        if not line:
            if lines:
                return " ".join(part.strip() for part in lines)
            continue
        lines.append(line)


def _in_editor(editor: str, label: str, hint: str, text: str = "") -> str:
    """The text written in the person's editor (starting from ``text``); lines starting with '#' are dropped."""
    with tempfile.TemporaryDirectory(prefix="jam-") as folder:
        draft = Path(folder) / "abstract.txt"
        draft.write_text(
            f"{text}\n# {label}: {hint}.\n# Lines starting with '#' are left out. Save and close to go on.\n"
        )
        try:
            subprocess.run([*shlex.split(editor), str(draft)], check=False)
        except (OSError, ValueError) as error:
            raise Cancelled(f"could not open the editor '{editor}': {error}") from None
        except KeyboardInterrupt:
            raise Cancelled("stopped") from None
        text = draft.read_text(encoding="utf-8", errors="replace")
    kept = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    return " ".join(line for line in kept if line)
