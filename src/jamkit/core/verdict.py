"""The verdict of ``jam check``: its typed form, its JSON, and its one sentence for people.

``jam check --format json`` writes it, the CI workflow stores it, and the bot
(``jamkit.github``) reads it back, so this module is the one definition of that
JSON on both sides. It uses the standard library and the rule codes only
(``jamkit.core.codes``, ``jamkit.core.diagnostics``): the bot's trusted workflow reads a verdict without
loading the content model.

The JSON is ``{"checked", "ok", "diagnostics": [...], "change": {...}}``; ``ok``
means no errors (warnings do not count), and ``change`` is there only for a
pull request (``jam check --pr``). A diagnostic ``jam check --fix`` can apply
also carries its ``replacement`` (``line``, ``col``, ``old``, ``new``). Reading it back ignores unknown keys, so a
newer writer stays readable, and refuses wrong shapes with ``VerdictError``.

A pull request's ``outcome`` says who acts next: the team (``needs-changes``),
a maintainer (``ready``, ``maintainer-review``), the organisers (``late``), or
the calendar (``not-open``). Errors a team cannot fix (the deadline passed, the
sprint has not opened) never read as "please fix them".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal, get_args

from jamkit.core.codes import PR_LATE, PR_NOT_OPEN
from jamkit.core.diagnostics import SEVERITIES, Replacement, Severity
from jamkit.core.wording import noun, plural, valid_text

Outcome = Literal["ready", "needs-changes", "late", "not-open", "maintainer-review", "nothing"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)

# The codes of errors that no push can fix: waiting is the answer (their rules: jamkit.checks.pull_request.policy).
LATE_CODE = PR_LATE.code
NOT_OPEN_CODE = PR_NOT_OPEN.code


class VerdictError(ValueError):
    """The verdict document is missing, not JSON, or not of the expected shape."""


@dataclass(frozen=True)
class Problem:
    """One diagnostic as the verdict carries it."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    fix: str = ""
    replacement: Replacement | None = None  # the fix as data, when ``jam check --fix`` can apply it


@dataclass(frozen=True)
class Change:
    """What a pull request changes, as far as people and the bot need to know."""

    base: str = ""
    head: str = ""
    merge_base: str = ""
    paths: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    sprints: tuple[str, ...] = ()
    late: bool = False
    protected: bool = False
    author: str | None = None
    maintainer: bool = False
    not_open: bool = False  # a touched project's sprint has not started yet


@dataclass(frozen=True)
class Verdict:
    """The outcome of one ``jam check``: how many files, whether it is clean, the problems, the change."""

    checked: int
    ok: bool
    problems: tuple[Problem, ...]
    change: Change | None = None  # None: files were checked, not a pull request

    @classmethod
    def of(cls, problems: Iterable[Problem], checked: int, change: Change | None = None) -> Verdict:
        """The verdict of a check that found ``problems``: ok exactly when none is an error."""
        found = tuple(problems)
        return cls(checked, not any(p.severity == "error" for p in found), found, change)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def passed(self) -> bool:
        """Ready for review: no errors. Warnings are shown but do not block (as ``jam check``'s exit code)."""
        if self.errors:
            return False
        return self.ok or bool(self.problems)

    def waits(self, problem: Problem) -> bool:
        """An error no push can fix: the deadline has passed, or the sprint has not opened yet."""
        change = self.change or Change()
        return (problem.code == LATE_CODE and change.late) or (problem.code == NOT_OPEN_CODE and change.not_open)

    @property
    def to_fix(self) -> tuple[Problem, ...]:
        """The errors the team can fix by pushing again."""
        return tuple(p for p in self.errors if not self.waits(p))

    @property
    def outcome(self) -> Outcome:
        """Who acts next on a pull request: the team, the organisers, the calendar, or a maintainer."""
        change = self.change or Change()
        if self.to_fix:
            return "needs-changes"
        if self.errors and change.late:
            return "late"
        if self.errors:
            return "not-open"
        if self.change is not None and not change.paths:
            return "nothing"
        return "maintainer-review" if change.protected else "ready"


# --------------------------------------------------------------------------- writing


def to_json(verdict: Verdict) -> str:
    """The JSON ``jam check --format json`` prints (``change`` only for a pull request)."""
    document: dict[str, Any] = {
        "checked": verdict.checked,
        "ok": verdict.ok,
        "diagnostics": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "code": p.code,
                "severity": p.severity,
                "message": p.message,
                "fix": p.fix,
                **({"replacement": asdict(p.replacement)} if p.replacement else {}),
            }
            for p in verdict.problems
        ],
    }
    change = verdict.change
    if change is not None:
        document["change"] = {
            "base": change.base,
            "head": change.head,
            "merge_base": change.merge_base,
            "paths": list(change.paths),
            "projects": list(change.projects),
            "sprints": list(change.sprints),
            "late": change.late,
            "protected": change.protected,
            "author": change.author,
            "maintainer": change.maintainer,
            "not_open": change.not_open,
        }
        document["outcome"] = verdict.outcome
    return json.dumps(document, indent=2)


# --------------------------------------------------------------------------- reading


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if isinstance(value, bool) and kind in (int, str):  # bool is an int in Python
        raise VerdictError(f"{where}: expected {getattr(kind, '__name__', kind)}, found a boolean")
    if not isinstance(value, kind):
        raise VerdictError(f"{where}: expected {getattr(kind, '__name__', kind)}, found {type(value).__name__}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    return tuple(_expect(item, str, f"{where}[{i}]") for i, item in enumerate(_expect(value, list, where)))


def _problem(raw: Any, where: str) -> Problem:
    item = _expect(raw, dict, where)
    severity = item.get("severity", "error")
    if severity not in SEVERITIES:
        raise VerdictError(f"{where}.severity: expected error or warning")
    return Problem(
        path=_expect(item.get("path", ""), str, f"{where}.path"),
        line=_expect(item.get("line", 0), int, f"{where}.line"),
        col=_expect(item.get("col", 0), int, f"{where}.col"),
        code=_expect(item.get("code", ""), str, f"{where}.code"),
        severity=severity,
        message=_expect(item.get("message", ""), str, f"{where}.message"),
        fix=_expect(item.get("fix", "") or "", str, f"{where}.fix"),
        replacement=_replacement(item.get("replacement"), f"{where}.replacement"),
    )


def _replacement(raw: Any, where: str) -> Replacement | None:
    if raw is None:
        return None
    item = _expect(raw, dict, where)
    return Replacement(
        line=_expect(item.get("line", 0), int, f"{where}.line"),
        col=_expect(item.get("col", 0), int, f"{where}.col"),
        old=_expect(item.get("old", ""), str, f"{where}.old"),
        new=_expect(item.get("new", ""), str, f"{where}.new"),
    )


def _change(raw: Any) -> Change:
    item = _expect(raw, dict, "change")
    author = item.get("author")
    return Change(
        base=_expect(item.get("base", ""), str, "change.base"),
        head=_expect(item.get("head", ""), str, "change.head"),
        merge_base=_expect(item.get("merge_base", ""), str, "change.merge_base"),
        paths=_strings(item.get("paths", []), "change.paths"),
        projects=_strings(item.get("projects", []), "change.projects"),
        sprints=_strings(item.get("sprints", []), "change.sprints"),
        late=_expect(item.get("late", False), bool, "change.late"),
        protected=_expect(item.get("protected", False), bool, "change.protected"),
        author=None if author is None else _expect(author, str, "change.author"),
        maintainer=_expect(item.get("maintainer", False), bool, "change.maintainer"),
        not_open=_expect(item.get("not_open", False), bool, "change.not_open"),
    )


def _valid_strings(mapping: dict[str, Any]) -> dict[str, Any]:
    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return valid_text(value)
        return [fix(item) for item in value] if isinstance(value, list) else value

    return {valid_text(key): fix(value) for key, value in mapping.items()}


def from_json(text: str) -> Verdict:
    """Read the JSON of ``jam check --format json``; unknown keys are ignored, wrong shapes refused."""
    try:
        # Every string made valid text first: a path from a non-UTF-8 file name arrives as a lone
        # surrogate, and everything the bot builds from it (links, comments, labels) must encode.
        document = json.loads(text, object_hook=_valid_strings)
    except (json.JSONDecodeError, RecursionError) as err:
        raise VerdictError(f"not JSON: {err}") from None
    document = _expect(document, dict, "verdict")
    raw_problems = _expect(document.get("diagnostics", []), list, "diagnostics")
    problems = tuple(_problem(raw, f"diagnostics[{i}]") for i, raw in enumerate(raw_problems))
    change = None if document.get("change") is None else _change(document["change"])
    if "ok" not in document:
        raise VerdictError("verdict: 'ok' is missing")
    return Verdict(
        checked=_expect(document.get("checked", 0), int, "checked"),
        ok=_expect(document["ok"], bool, "ok"),
        problems=problems,
        change=change,
    )


# --------------------------------------------------------------------------- for people


def sentence(verdict: Verdict) -> str:
    """One plain sentence for people: what the pull request changes, and who acts next."""
    change = verdict.change or Change()
    what = (
        f"changes {noun(len(change.projects), 'project')} {', '.join(change.projects)}"
        if change.projects
        else f"changes {plural(len(change.paths), 'file')} and no project"
    )
    outcome = verdict.outcome
    if outcome == "late":
        return (
            f"Pull request verdict: LATE, waiting for the organisers. It {what} after the sprint's deadline; "
            "there is nothing to fix: the organisers decide whether to accept late work."
        )
    if outcome == "not-open":
        return (
            f"Pull request verdict: NOT YET OPEN. It {what}, but the sprint has not started; there is nothing "
            "to fix: once it opens, push again (or ask a maintainer to re-run the check)."
        )
    notes = []
    if change.late:
        notes.append("it is also LATE (after the sprint's deadline): the organisers decide whether to accept it")
    if change.protected and outcome != "maintainer-review":
        notes.append("it touches protected files, so a maintainer must review it")
    if change.author is None and not change.maintainer and change.projects:
        notes.append("membership was not checked because no --author was given")
    tail = f"; {'; '.join(notes)}" if notes else ""
    if outcome == "needs-changes":
        problems = plural(len(verdict.to_fix), "problem")
        return f"Pull request verdict: NEEDS CHANGES. It {what}; {problems} to fix, listed above{tail}."
    if outcome == "nothing":
        return "Pull request verdict: nothing to check, the pull request changes no files."
    if outcome == "maintainer-review":
        return (
            f"Pull request verdict: MAINTAINER REVIEW. It {what} and passes every check, but it touches protected "
            f"files (site code, workflows or configuration), so a maintainer must review it{tail}."
        )
    return f"Pull request verdict: READY. It {what} and passes every check{tail}."
