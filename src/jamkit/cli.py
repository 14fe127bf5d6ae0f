"""The ``jam`` command: argument handling only; the work happens in the library.

Exit codes: 0 clean, 1 the content has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from jamkit import __version__
from jamkit.errors import UsageError
from jamkit.formats import FORMATS, render

OK, CONTENT_ERRORS, USAGE = 0, 1, 2


Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def find_root(start: Path) -> Path | None:
    """The repository root: the nearest folder upwards holding mkdocs.yml or sprints/."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "sprints").is_dir():
            return folder
    return None


def repository_root(args: argparse.Namespace, *, may_be_new: bool = False) -> Path:
    """``--root``, else the repository around the current folder; a usage error if there is none.

    ``may_be_new`` lets ``jam new sprint`` start a repository in an empty folder.
    """
    if args.root:
        root = Path(args.root).resolve()
        if not root.is_dir():
            raise UsageError(f"--root {args.root}: no such folder")
        return root
    found = find_root(Path.cwd())
    if found is None and not may_be_new:
        raise UsageError(
            f"no jamkit repository here: neither {Path.cwd()} nor a folder above it has mkdocs.yml "
            "or sprints/; run jam inside the repository, or pass --root DIR"
        )
    return found or Path.cwd()


def relative_paths(root: Path, paths: Sequence[str]) -> list[str]:
    """Repository-relative posix paths for the files named (folders expand)."""
    result: list[str] = []
    for given in paths:
        full = Path(given).resolve()
        if not full.exists():
            raise UsageError(f"{given}: no such file or folder")
        try:
            rel = full.relative_to(root.resolve())
        except ValueError:
            raise UsageError(f"{given}: not inside the repository {root}") from None
        if full.is_dir():
            from jamkit.layout import discover

            prefix = "" if rel == Path(".") else f"{rel.as_posix()}/"
            result += [p for p in discover(root)[0] if p.startswith(prefix)]
        else:
            result.append(rel.as_posix())
    return result


def cmd_check(args: argparse.Namespace) -> int:
    from jamkit.load import load_catalog
    from jamkit.rules import check

    if args.pr or args.base or args.head or args.author or args.maintainer or args.now or args.grace is not None:
        return cmd_check_pr(args)
    root = repository_root(args)
    only = relative_paths(root, args.paths) if args.paths else None
    catalog, found = load_catalog(root, only)
    found += check(catalog)
    if only is not None:
        wanted = set(only)
        found = [d for d in found if d.path in wanted]
    checked = len(only) if only is not None else len(catalog.present)
    print(render(found, args.format, checked))
    return CONTENT_ERRORS if any(d.severity == "error" for d in found) else OK


COMMANDS["check"] = cmd_check


def parse_now(text: str | None) -> dt.datetime | None:
    """``--now``: an ISO 8601 date-time with offset (CI passes the pull-request event's time)."""
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise UsageError(f"--now: '{text}' is not an ISO 8601 date-time, e.g. 2026-03-16T12:00:00Z") from None
    if moment.tzinfo is None:
        raise UsageError(f"--now: '{text}' has no UTC offset; add one, e.g. {text}Z or {text}+00:00")
    return moment


def cmd_check_pr(args: argparse.Namespace) -> int:
    """``jam check --pr``: content rules on the changed files plus the pull-request policy."""
    import json

    from jamkit.change import GitError
    from jamkit.rules.policy import check_pull_request, verdict

    if not args.pr:
        raise UsageError("--base, --head, --author, --maintainer, --now and --grace need --pr")
    if not args.base:
        raise UsageError("--pr needs --base REF, the branch the pull request goes into (e.g. --base origin/main)")
    if args.paths:
        raise UsageError("--pr checks the change BASE...HEAD; do not name files as well")
    if args.grace is not None and args.grace < 0:
        raise UsageError("--grace must be 0 or more hours")
    root = repository_root(args)
    try:
        outcome = check_pull_request(
            root,
            args.base,
            args.head or "HEAD",
            author=args.author,
            maintainer=args.maintainer,
            now=parse_now(args.now),
            grace=args.grace,
        )
    except GitError as err:
        raise UsageError(str(err)) from None
    output = render(outcome.diagnostics, args.format, outcome.checked)
    if args.format == "json":
        data = json.loads(output)
        data["change"] = outcome.change
        output = json.dumps(data, indent=2)
    else:
        output += "\n" + verdict(outcome)
    print(output)
    return CONTENT_ERRORS if any(d.severity == "error" for d in outcome.diagnostics) else OK


def cmd_new(args: argparse.Namespace) -> int:
    """``jam new sprint|submission``: scaffold a valid file from flags or prompts."""
    from jamkit import scaffold

    root = repository_root(args, may_be_new=args.kind == "sprint")
    try:
        if args.kind == "sprint":
            return scaffold.new_sprint(root, args.slug, vars(args))
        return scaffold.new_submission(root, args.sprint, args.slug, vars(args))
    except scaffold.ScaffoldError as err:
        raise UsageError(str(err)) from None


COMMANDS["new"] = cmd_new


def cmd_award(args: argparse.Namespace) -> int:
    """``jam award SPRINT [--write]``: rank the projects from the reviews; propose or write the awards."""
    from jamkit.awards import award_command

    root = repository_root(args)
    return award_command(root, args.sprint, write=args.write, force=args.force, now=parse_now(args.now))


COMMANDS["award"] = cmd_award


def cmd_retract(args: argparse.Namespace) -> int:
    """``jam retract SPRINT/PROJECT --reason TEXT``: mark a project retracted."""
    from jamkit.retract import parse_day, retract_command

    root = repository_root(args)
    date = parse_day(args.date) if args.date is not None else None
    return retract_command(root, args.project, args.reason, date=date)


COMMANDS["retract"] = cmd_retract


def cmd_stats(args: argparse.Namespace) -> int:
    """``jam stats [--json]``: the impact figures, as on the site's stats page."""
    from jamkit.stats import stats_command

    root = repository_root(args)
    return stats_command(root, parse_now(args.now), json_output=args.json)


COMMANDS["stats"] = cmd_stats


def add_maintainer_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Flags of ``jam award``, ``jam retract`` and ``jam stats``."""
    now_help = "evaluate sprint status and embargoes at this time, ISO 8601 with offset (default: now)"
    award = sub.add_parser("award", help="rank a sprint's projects from its reviews; propose or write the awards")
    award.add_argument("sprint", metavar="SPRINT", help="the sprint's slug, as in sprints/SPRINT.md")
    award.add_argument("--write", action="store_true", help="write the proposed awards into sprints/SPRINT.md")
    award.add_argument("--force", action="store_true", help="with --write: write even before the sprint's deadline")
    award.add_argument("--now", metavar="TIME", help=now_help)

    retract = sub.add_parser("retract", help="mark a project retracted (its page becomes a notice)")
    retract.add_argument("project", metavar="SPRINT/PROJECT", help="the project, e.g. evals-sprint-2026/some-project")
    retract.add_argument(
        "--reason", required=True, help="why, in words that do not repeat the problem (shown on the notice)"
    )
    retract.add_argument("--date", metavar="YYYY-MM-DD", help="date of the retraction (default: today, UTC)")

    stats = sub.add_parser("stats", help="print the impact figures (as on the site's stats page)")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.add_argument("--now", metavar="TIME", help=now_help)


def add_new_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Flags of ``jam new``; required values missing from them are prompted for on a terminal."""
    new = sub.add_parser("new", help="scaffold a new sprint or submission")
    kinds = new.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True

    submission = kinds.add_parser("submission", help="scaffold submissions/SPRINT/SLUG.md and its folder")
    submission.add_argument("sprint", metavar="SPRINT", help="the sprint's slug, as in sprints/SPRINT.md")
    submission.add_argument("slug", metavar="SLUG", help="your project's slug, e.g. probing-deception")
    submission.add_argument("--title", help="project title")
    submission.add_argument(
        "--member",
        action="append",
        default=[],
        metavar="NAME:GITHUB[:AFFILIATION]",
        help="a team member (repeat for each); put yourself first",
    )
    submission.add_argument("--abstract", help="plain text, at most 300 words")
    submission.add_argument("--report-url", help="https URL of the report (default: report.pdf in the folder)")
    submission.add_argument("--team", help="team name")
    submission.add_argument("--tag", action="append", default=[], help="a tag (repeat for each)")
    submission.add_argument("--site", help="a site id of the sprint")

    sprint = kinds.add_parser("sprint", help="scaffold sprints/SLUG.md (maintainers)")
    sprint.add_argument("slug", metavar="SLUG", help="the sprint's slug, e.g. interp-2026")
    sprint.add_argument("--title", help="sprint title")
    sprint.add_argument("--starts", help="start, ISO 8601 with offset, e.g. 2026-03-14T09:00:00+00:00")
    sprint.add_argument("--ends", help="submission deadline: ISO 8601 with offset, or a bare date (23:59:59 AoE)")
    sprint.add_argument("--tagline", help="one line")
    sprint.add_argument("--format", choices=("online", "in-person", "hybrid"), help="format of the sprint")
    sprint.add_argument("--topic", action="append", default=[], help="a topic (repeat for each)")
    sprint.add_argument("--registration", help="https URL of the registration form")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jam", description="Check and manage a jamkit repository of research sprints."
    )
    parser.add_argument("--version", action="version", version=f"jam {__version__}")
    parser.add_argument("--root", help="repository root (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser("check", help="validate the repository or the given files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check (default: everything)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    pr = check.add_argument_group("pull request", "apply the pull-request policy to the change BASE...HEAD")
    pr.add_argument("--pr", action="store_true", help="check a pull request's change instead of files")
    pr.add_argument("--base", metavar="REF", help="the branch the pull request goes into, e.g. origin/main")
    pr.add_argument(
        "--head", metavar="REF", help="the pull request's head commit (default: HEAD); read from git objects"
    )
    pr.add_argument("--author", metavar="LOGIN", help="GitHub login of the pull request's author")
    pr.add_argument(
        "--maintainer",
        action="store_true",
        help="the author is a maintainer: lifts path, ownership, maintainer-field and deadline rules",
    )
    pr.add_argument("--now", metavar="TIME", help="the time of the change, ISO 8601 with offset (default: now)")
    pr.add_argument(
        "--grace",
        type=float,
        metavar="HOURS",
        help="hours accepted after a deadline (default: grace_hours in [tool.jamkit], else 0)",
    )
    add_new_parser(sub)
    add_maintainer_parsers(sub)
    check.add_argument("--root", default=argparse.SUPPRESS, help="repository root (also accepted before COMMAND)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as err:
        print(f"jam {args.command}: {err}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug: say so in one line, never a traceback
        if os.environ.get("JAM_DEBUG"):
            raise
        print(f"jam: internal error: {type(err).__name__}: {err} (set JAM_DEBUG=1 for details)", file=sys.stderr)
        return CONTENT_ERRORS


if __name__ == "__main__":
    sys.exit(main())
