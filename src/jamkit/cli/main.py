"""The ``jam`` command: argument parsing and dispatch only; each command lives in ``jamkit.cli.commands``.

Exit codes: 0 clean, 1 the content has errors, 2 the command was used wrongly
(an unknown command among them), 70 an internal error: a bug in jamkit, said in
one line with where to report it, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, TypeAlias

from jamkit import __version__
from jamkit.cli.commands import INTERNAL, OK, USAGE, GitHubOptions
from jamkit.cli.formats import FORMATS
from jamkit.core.errors import ISSUES
from jamkit.judging.awards import METHODS, POOL


class UnknownCommand(Exception):
    """A word where a command (or a command's action) goes that names none: said in one line, exit 2."""


class JamParser(argparse.ArgumentParser):
    """argparse's parser, but an unknown command is one line listing the commands, as git says it."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if isinstance(action, argparse._SubParsersAction) and choices is not None and value not in choices:
            what = (action.metavar or "command").lower() if isinstance(action.metavar, str) else "command"
            raise UnknownCommand(
                f"{self.prog}: '{value}' is not a {self.prog} {what}; the {what}s are: "
                f"{', '.join(choices)} (see {self.prog} --help)"
            )
        super()._check_value(action, value)


Subcommands: TypeAlias = "argparse._SubParsersAction[JamParser]"


def add_maintainer_parsers(sub: Subcommands) -> None:
    """Flags of ``jam award``, ``jam retract`` and ``jam stats``."""
    now_help = "evaluate sprint status and embargoes at this time, ISO 8601 with offset (default: now)"
    award_parser = sub.add_parser(
        "award", help="rank a sprint's projects from its reviews; propose or write the awards"
    )
    award_parser.add_argument("sprint", metavar="SPRINT", help="the sprint's slug, as in sprints/SPRINT.md")
    award_parser.add_argument("--write", action="store_true", help="write the proposed awards into sprints/SPRINT.md")
    award_parser.add_argument(
        "--force",
        action="store_true",
        help="with --write: write even before the sprint's deadline or while assigned reviews are missing",
    )
    award_parser.add_argument(
        "--method",
        choices=METHODS,
        default="adjusted",
        help="adjusted (default): correct each judge's leniency with a crossed random-effects model; "
        "mean: the weighted mean of the judges' criterion scores, as given",
    )
    award_parser.add_argument(
        "--pool",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with adjusted: also learn each judge's leniency from their reviews in earlier sprints (same id or "
        "handle, same scale); the sprint's projects are still ranked only among themselves "
        f"(default: {'--pool' if POOL else '--no-pool'}; docs/judging.md has the simulations behind it)",
    )
    award_parser.add_argument(
        "--mention",
        action="append",
        default=[],
        metavar="PROJECT",
        help="add an honorable mention (no place) for this ranked project; repeat for more",
    )
    award_parser.add_argument(
        "--details", action="store_true", help="also print the model's statistics (REML fit, variances, its notes)"
    )
    award_parser.add_argument("--now", metavar="TIME", help=now_help)

    retract_parser = sub.add_parser("retract", help="mark a project retracted (its page becomes a notice)")
    retract_parser.add_argument(
        "project", metavar="SPRINT/PROJECT", help="the project, e.g. evals-sprint-2026/some-project"
    )
    retract_parser.add_argument(
        "--reason", required=True, help="why, in words that do not repeat the problem (shown on the notice)"
    )
    retract_parser.add_argument("--date", metavar="YYYY-MM-DD", help="date of the retraction (default: today, UTC)")

    forget_parser = sub.add_parser(
        "forget",
        help="remove a person from every file: judges, members, authors, mentors become 'Anonymous'; "
        "speakers and organizers who name them go",
    )
    forget_parser.add_argument("github", metavar="GITHUB", nargs="?", help="the person's GitHub handle")
    forget_parser.add_argument(
        "--name",
        metavar="TEXT",
        action="append",
        default=[],
        help="a name they are written under without a handle (matched without case or accents); repeatable",
    )
    forget_parser.add_argument("--dry-run", action="store_true", help="show the changes without writing them")

    stats_parser = sub.add_parser("stats", help="print the impact figures (as on the site's stats page)")
    stats_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats_parser.add_argument("--now", metavar="TIME", help=now_help)

    outcomes_parser = sub.add_parser(
        "outcomes", help="print the outcome figures for a grant report; --csv writes anonymised paths"
    )
    outcomes_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    outcomes_parser.add_argument(
        "--since", metavar="DATE", help="count only sprints whose deadline is on or after DATE (YYYY-MM-DD)"
    )
    outcomes_parser.add_argument(
        "--csv", metavar="FILE", help="write each participant's path, anonymised, to FILE ('-' for standard output)"
    )
    outcomes_parser.add_argument("--now", metavar="TIME", help=now_help)


def add_github_parser(sub: Subcommands) -> None:
    """Flags of ``jam github announce``; the token is read from GITHUB_TOKEN only, never from a flag."""
    github_parser = sub.add_parser(
        "github", help="GitHub actions of maintainers: set up the bot's labels, announce a sprint's results"
    )
    actions = github_parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    announce_parser = actions.add_parser(
        "announce",
        help="after the awards are merged: tag results/SPRINT, publish a release of the winners, "
        "label the winning pull requests (token from GITHUB_TOKEN)",
    )
    announce_parser.add_argument("sprint", metavar="SPRINT", help="the sprint's slug, as in sprints/SPRINT.md")
    announce_parser.add_argument(
        "--dry-run", action="store_true", help="print the plan (GitHub is read, not changed) and stop"
    )
    announce_parser.add_argument(
        "--offline",
        action="store_true",
        help="with --dry-run: print the tag, the release text and the labels the real run would create, "
        "without a token or the network",
    )
    announce_parser.add_argument(
        "--repo",
        metavar="OWNER/NAME",
        help="the GitHub repository (default: GITHUB_REPOSITORY, else repo_url in mkdocs.yml)",
    )
    announce_parser.add_argument(
        "--api-url", metavar="URL", help="the GitHub API (default: GITHUB_API_URL, else https://api.github.com)"
    )
    announce_parser.add_argument(
        "--site-url",
        metavar="URL",
        help="the public site, for links to project pages (default: JAM_SITE_URL, else site_url in mkdocs.yml; "
        "without one, links go to the files on GitHub)",
    )
    announce_parser.add_argument(
        "--write-interval", type=float, default=1.0, metavar="SECONDS", help="pause between writes (default: 1)"
    )
    setup_parser = actions.add_parser(
        "setup",
        help="create the labels the bot sets (its own and sprint:SLUG for each sprint), once; "
        "running it again changes nothing (token from GITHUB_TOKEN)",
    )
    setup_parser.add_argument("--dry-run", action="store_true", help="print what is missing (GitHub is only read)")
    setup_parser.add_argument(
        "--repo",
        metavar="OWNER/NAME",
        help="the GitHub repository (default: GITHUB_REPOSITORY, else repo_url in mkdocs.yml)",
    )
    setup_parser.add_argument(
        "--api-url", metavar="URL", help="the GitHub API (default: GITHUB_API_URL, else https://api.github.com)"
    )
    setup_parser.add_argument(
        "--write-interval", type=float, default=1.0, metavar="SECONDS", help="pause between writes (default: 1)"
    )


def add_judging_parsers(sub: Subcommands) -> None:
    """Flags of ``jam judge assign``, ``status`` and ``finalists``, and of ``jam review import``."""
    sprint_help = "the sprint's slug, as in sprints/SPRINT.md"
    judge_parser = sub.add_parser("judge", help="plan who reads which project, and follow the judges' progress")
    actions = judge_parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    assign_parser = actions.add_parser(
        "assign", help="plan (or with --write, write) sprints/SPRINT/assignments.yaml: K judges per public project"
    )
    assign_parser.add_argument("sprint", metavar="SPRINT", help=sprint_help)
    assign_parser.add_argument("--reviews", type=int, default=3, metavar="K", help="judges per project (default: 3)")
    assign_parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="the random seed; the same seed gives the same file (default: 0)",
    )
    assign_parser.add_argument(
        "--write", action="store_true", help="write the plan into sprints/SPRINT/assignments.yaml"
    )
    assign_parser.add_argument(
        "--force", action="store_true", help="with --write: write the plan even when it cannot satisfy everything"
    )
    assign_parser.add_argument(
        "--now", metavar="TIME", help="judge embargoes at this time, ISO 8601 with offset (default: now)"
    )
    finalists_parser = actions.add_parser(
        "finalists", help="name the projects whose prize places are too close to call; --write: finals.yaml"
    )
    finalists_parser.add_argument("sprint", metavar="SPRINT", help=sprint_help)
    finalists_parser.add_argument(
        "--write", action="store_true", help="write sprints/SPRINT/finals.yaml: a ranking for each judge to fill in"
    )
    finalists_parser.add_argument(
        "--now", metavar="TIME", help="judge embargoes at this time, ISO 8601 with offset (default: now)"
    )
    status_parser = actions.add_parser("status", help="each judge's assigned, done and missing reviews")
    status_parser.add_argument("sprint", metavar="SPRINT", help=sprint_help)
    status_parser.add_argument(
        "--templates",
        metavar="DIR",
        help="also write DIR/<judge>.csv: a score sheet per judge with a row for each missing review",
    )

    review_parser = sub.add_parser("review", help="bring judges' scores into a sprint's reviews.yaml")
    review_actions = review_parser.add_subparsers(dest="action", metavar="ACTION")
    review_actions.required = True
    import_parser = review_actions.add_parser(
        "import", help="merge a spreadsheet or form export (CSV) into sprints/SPRINT/reviews.yaml"
    )
    import_parser.add_argument("sprint", metavar="SPRINT", help=sprint_help)
    import_parser.add_argument("file", metavar="FILE.csv", help="the export: one row per review, or one per rating")
    import_parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD (judge, project, comment, criterion, score or a criterion id) from the column COLUMN",
    )


def add_new_parser(sub: Subcommands) -> None:
    """Flags of ``jam new``; required values missing from them are prompted for on a terminal."""
    new_parser = sub.add_parser("new", help="scaffold a new sprint or submission")
    kinds = new_parser.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True

    submission_parser = kinds.add_parser("submission", help="scaffold submissions/SPRINT/SLUG.md and its folder")
    submission_parser.add_argument("sprint", metavar="SPRINT", help="the sprint's slug, as in sprints/SPRINT.md")
    submission_parser.add_argument("slug", metavar="SLUG", help="your project's slug, e.g. probing-deception")
    submission_parser.add_argument("--title", help="project title")
    submission_parser.add_argument(
        "--member",
        action="append",
        default=[],
        metavar="NAME:GITHUB[:AFFILIATION]",
        help="a team member (repeat for each); put yourself first",
    )
    submission_parser.add_argument("--abstract", help="plain text, at most 300 words")
    submission_parser.add_argument("--report-url", help="https URL of the report (default: report.pdf in the folder)")
    submission_parser.add_argument("--team", help="team name")
    submission_parser.add_argument("--tag", action="append", default=[], help="a tag (repeat for each)")
    submission_parser.add_argument("--site", help="a site id of the sprint")

    profile_parser = kinds.add_parser("profile", help="scaffold people/GITHUB.md, your own profile")
    profile_parser.set_defaults(slug=None, sprint=None)
    profile_parser.add_argument("--github", help="your GitHub login (default: git config github.user)")
    profile_parser.add_argument("--name", help="the name shown on every page that shows you")
    profile_parser.add_argument("--pronouns", help="e.g. she/her")
    profile_parser.add_argument("--affiliation", help="where you are now")
    profile_parser.add_argument("--orcid", help="your ORCID iD, e.g. 0000-0002-1825-0097")
    profile_parser.add_argument(
        "--unlisted", action="store_true", help="keep your page out of the people list and search (listed: false)"
    )

    site_parser = kinds.add_parser("site", help="scaffold sites/SLUG.md, a local site you organise")
    site_parser.add_argument("slug", metavar="SLUG", help="the site's slug, e.g. leeds-hub")
    site_parser.set_defaults(sprint=None)
    site_parser.add_argument("--name", help="the site's name, e.g. Leeds hub")
    site_parser.add_argument("--city", help="the city")
    site_parser.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. GB")
    site_parser.add_argument("--timezone", help="IANA time zone, e.g. Europe/London")
    site_parser.add_argument(
        "--organizer", action="append", default=[], metavar="NAME:GITHUB", help="an organiser (repeat); yourself first"
    )
    site_parser.add_argument("--contact", help="https URL of a contact form or page (never an e-mail address)")
    site_parser.add_argument("--url", help="https URL of the site's own page")
    site_parser.add_argument("--host", action="append", default=[], metavar="SPRINT", help="a sprint it hosts (repeat)")

    sprint_parser = kinds.add_parser("sprint", help="scaffold sprints/SLUG.md (maintainers)")
    sprint_parser.add_argument("slug", metavar="SLUG", help="the sprint's slug, e.g. interp-2026")
    sprint_parser.set_defaults(sprint=None)
    sprint_parser.add_argument("--title", help="sprint title")
    sprint_parser.add_argument("--starts", help="start, ISO 8601 with offset, e.g. 2026-03-14T09:00:00+00:00")
    sprint_parser.add_argument(
        "--ends", help="submission deadline: ISO 8601 with offset, or a bare date (23:59:59 AoE)"
    )
    sprint_parser.add_argument("--tagline", help="one line")
    sprint_parser.add_argument("--format", choices=("online", "in-person", "hybrid"), help="format of the sprint")
    sprint_parser.add_argument("--topic", action="append", default=[], help="a topic (repeat for each)")
    sprint_parser.add_argument("--registration", help="https URL of the registration form")


def add_programme_parsers(sub: Subcommands) -> None:
    """Flags of ``jam init`` and ``jam upgrade``: a programme repository made from jamkit's template, kept current."""
    init_parser = sub.add_parser(
        "init", help="make a new programme repository in DIR: configuration, workflows, templates, guides"
    )
    init_parser.add_argument("folder", metavar="DIR", help="a new or empty folder")
    init_parser.add_argument("--name", metavar="TEXT", help="the programme's name (default: from DIR)")
    init_parser.add_argument("--organisation", metavar="TEXT", help="who runs it (default: the repository's owner)")
    init_parser.add_argument("--repo", metavar="OWNER/NAME", help="the repository on GitHub")
    init_parser.add_argument(
        "--language", metavar="CODE", help="the language of the site's words, e.g. en or pt-BR (default: en)"
    )
    init_parser.add_argument("--example", action="store_true", help="add an example sprint and project")
    init_parser.add_argument(
        "--yes", action="store_true", help="ask nothing: take the flags, and the defaults for the rest"
    )
    upgrade_parser = sub.add_parser(
        "upgrade",
        help="bring the files jamkit owns (workflows, templates, the pinned jamkit) to the installed jamkit's",
    )
    upgrade_parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when something is out of date or was edited"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = JamParser(prog="jam", description="Check and manage a jamkit repository of research sprints.")
    parser.add_argument("--version", action="version", version=f"jam {__version__}")
    parser.add_argument("--root", help="repository root (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check_parser = sub.add_parser("check", help="validate the repository or the given files")
    check_parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to check (default: everything)"
    )
    check_parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check_parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the fixes that leave no choice (JAM003, JAM102, JAM117, JAM203), then check again",
    )
    pr_group = check_parser.add_argument_group(
        "pull request", "apply the pull-request policy to the change BASE...HEAD"
    )
    pr_group.add_argument("--pr", action="store_true", help="check a pull request's change instead of files")
    pr_group.add_argument("--base", metavar="REF", help="the branch the pull request goes into, e.g. origin/main")
    pr_group.add_argument(
        "--head", metavar="REF", help="the pull request's head commit (default: HEAD); read from git objects"
    )
    pr_group.add_argument("--author", metavar="LOGIN", help="GitHub login of the pull request's author")
    pr_group.add_argument(
        "--maintainer",
        action="store_true",
        help="the author is a maintainer: lifts path, ownership, maintainer-field and deadline rules",
    )
    pr_group.add_argument("--now", metavar="TIME", help="the time of the change, ISO 8601 with offset (default: now)")
    pr_group.add_argument(
        "--grace",
        type=float,
        metavar="HOURS",
        help="hours accepted after a deadline (default: grace_hours in [tool.jamkit], else 0)",
    )
    add_new_parser(sub)
    add_maintainer_parsers(sub)
    add_judging_parsers(sub)
    add_github_parser(sub)
    add_programme_parsers(sub)
    check_parser.add_argument(
        "--root", default=argparse.SUPPRESS, help="repository root (also accepted before COMMAND)"
    )
    return parser


def command(name: str) -> ModuleType:
    """The module of one command, imported when it runs: `jam check` must not load PyGithub or scipy.

    Each command module imports what it needs at its top; only this table is
    lazy, so `jam check` starts in about half the time of importing them all.
    """
    return importlib.import_module(f"jamkit.cli.commands.{name}")


def dispatch(args: argparse.Namespace) -> int:
    """Call the command the arguments name, with the values its flags give."""
    match args.command:
        case "judge" if args.action == "assign":
            return command("judge").run_assign(
                args.root,
                args.sprint,
                reviews=args.reviews,
                seed=args.seed,
                write=args.write,
                force=args.force,
                now=args.now,
            )
        case "judge" if args.action == "finalists":
            return command("judge").run_finalists(args.root, args.sprint, write=args.write, now=args.now)
        case "judge":
            return command("judge").run_status(args.root, args.sprint, templates=args.templates)
        case "review":
            return command("review").run_import(args.root, args.sprint, args.file, maps=args.map)
        case "check":
            return command("check").run(
                args.root,
                args.paths,
                args.format,
                pr=args.pr,
                base=args.base,
                head=args.head,
                author=args.author,
                maintainer=args.maintainer,
                now=args.now,
                grace=args.grace,
                fix=args.fix,
            )
        case "new":
            return command("new").run(args.root, args.kind, args.slug, vars(args), sprint=args.sprint)
        case "award":
            return command("award").run(
                args.root,
                args.sprint,
                write=args.write,
                force=args.force,
                method=args.method,
                pool=POOL if args.pool is None else args.pool,
                mentions=args.mention,
                now=args.now,
                details=args.details,
            )
        case "retract":
            return command("retract").run(args.root, args.project, args.reason, date=args.date)
        case "forget":
            return command("forget").run(args.root, args.github, args.name, dry_run=args.dry_run)
        case "github":
            options = GitHubOptions(args.repo, args.api_url, args.dry_run, args.write_interval)
            if args.action == "setup":
                return command("github_setup").run(args.root, options)
            return command("announce").run(
                args.root, args.sprint, options, site_url=args.site_url, offline=args.offline
            )
        case "outcomes":
            return command("outcomes").run(
                args.root, json_output=args.json, since=args.since, csv_path=args.csv, now=args.now
            )
        case "init":
            answers = {key: getattr(args, key) for key in ("name", "organisation", "repo", "language")}
            return command("init").run(args.folder, answers, example=args.example, yes=args.yes)
        case "upgrade":
            return command("upgrade").run(args.root, check=args.check)
        case "stats":
            return command("stats").run(args.root, json_output=args.json, now=args.now)
    raise AssertionError(f"jam has a parser for '{args.command}' but no command to run it")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``jam`` with ``argv`` (default: the command line) and return its exit code."""
    try:
        args = build_parser().parse_args(argv)
    except UnknownCommand as unknown:
        print(unknown, file=sys.stderr)
        return USAGE
    try:
        return dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`jam award X | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except Exception as err:  # a bug: say so in one line, never a traceback
        if os.environ.get("JAM_DEBUG"):
            raise
        print(internal_error(err), file=sys.stderr)
        return INTERNAL


def internal_error(err: Exception) -> str:
    """The one line that reports a bug: what went wrong, and where to report it."""
    message = " ".join(str(err).split())
    return f"jam: internal error: {type(err).__name__}: {message} (a bug in jamkit; please report it at {ISSUES})"


if __name__ == "__main__":
    sys.exit(main())
