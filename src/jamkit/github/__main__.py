"""``python -m jamkit.github``: report a ``jam check --pr`` verdict on a pull request.

Run by the trusted workflow (``.github/workflows/verify.yml``) after the default
branch's ``jam`` produced the verdict. The token comes only from the environment
(``GITHUB_TOKEN``), the API from ``GITHUB_API_URL`` (set by GitHub Actions, and by
the tests to point at the stand-in). Pull-request number, head commit and
repository are read from the webhook payload (``--event "$GITHUB_EVENT_PATH"``),
never from shell-interpolated text.

Exit codes: 0 reported (or nothing to report: the pull request moved on to a
newer head while the run waited, and that head's run reports), 1 GitHub or the verdict failed (one line on stderr),
2 the command was used wrongly. Never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from jamkit.core import i18n
from jamkit.core.errors import UsageError
from jamkit.core.verdict import VerdictError, from_json
from jamkit.github.bot import DEFAULT_API_URL, DEFAULT_BOT_LOGIN, Bot, BotError, Target, event_time
from jamkit.github.report import Context, Report, build_report

_REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m jamkit.github",
        description="Post the verdict of `jam check --pr --format json` on a pull request: "
        "one sticky comment, labels and the commit status jam/verified.",
    )
    parser.add_argument("--verdict", required=True, help="the JSON written by `jam check --pr --format json`")
    parser.add_argument("--event", help="the pull_request webhook payload (GITHUB_EVENT_PATH in Actions)")
    parser.add_argument("--repo", help="owner/name (default: from --event)")
    parser.add_argument("--pr", type=int, help="pull-request number (default: from --event)")
    parser.add_argument("--sha", help="head commit to set the status on (default: from --event)")
    parser.add_argument("--target-url", help="link of the status (default: this workflow run)")
    parser.add_argument("--docs-url", help="the rules reference the codes link to (default: docs/rules.md on GitHub)")
    parser.add_argument("--bot-login", help="the bot's account (default: JAMKIT_BOT_LOGIN or github-actions[bot])")
    parser.add_argument("--write-interval", type=float, default=1.0, help="seconds between writes (default: 1)")
    parser.add_argument(
        "--time-limit",
        type=float,
        help="seconds this run may spend waiting out GitHub's rate limits before it stops with an `error` status; "
        "keep it under the step's timeout (default: JAMKIT_TIME_LIMIT, else 600)",
    )
    parser.add_argument(
        "--config",
        default="mkdocs.yml",
        help="the site's mkdocs.yml: the comment speaks its theme.language (default: mkdocs.yml here)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print labels, status and comment; call nothing")
    return parser


def _labels(pr: object) -> tuple[str, ...] | None:
    """``pull_request.labels`` of the payload (saves reading them from GitHub); None if it has none to give."""
    labels = pr.get("labels") if isinstance(pr, dict) else None
    if not isinstance(labels, list):
        return None
    names = [label.get("name") if isinstance(label, dict) else None for label in labels]
    return tuple(names) if all(isinstance(name, str) for name in names) else None  # type: ignore[arg-type]


def _target(args: argparse.Namespace) -> Target:
    """Repository, PR number, head sha and labels: flags win, else the webhook payload."""
    repo, number, sha, labels, event_at = args.repo, args.pr, args.sha, None, None
    if args.event:
        try:
            payload = json.loads(Path(args.event).read_text(encoding="utf-8"))
            pr = payload["pull_request"]
            repo = repo or payload["repository"]["full_name"]
            number = number or pr["number"]
            sha = sha or pr["head"]["sha"]
            if (args.pr is None or args.pr == pr["number"]) and (args.sha is None or args.sha == pr["head"]["sha"]):
                labels = _labels(pr)
                event_at = event_time(pr.get("updated_at"))
        except (OSError, ValueError, KeyError, TypeError) as err:
            problem = f"{type(err).__name__}: {err}"
            raise UsageError(f"--event {args.event}: not a pull_request payload ({problem})") from None
    if not isinstance(repo, str) or not _REPO_RE.match(repo):
        raise UsageError("need --repo owner/name (or --event)")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise UsageError("need --pr NUMBER (or --event)")
    if not isinstance(sha, str) or not _SHA_RE.match(sha):
        raise UsageError("need --sha with a full 40-character commit id (or --event)")
    return Target(repo, number, sha, labels, event_at)


def _time_limit(args: argparse.Namespace) -> float:
    text = os.environ.get("JAMKIT_TIME_LIMIT", "") if args.time_limit is None else str(args.time_limit)
    try:
        value = float(text) if text else 600.0
    except ValueError:
        raise UsageError(f"JAMKIT_TIME_LIMIT={text!r} is not a number of seconds") from None
    if not 0 <= value <= 6 * 3600:  # a job runs at most 6 hours
        raise UsageError(f"the time limit must be 0 to 21600 seconds, not {value:g}")
    return value


def _run_url() -> str:
    server, repo, run = (os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repo}/actions/runs/{run}" if server and repo and run else ""


def run(args: argparse.Namespace) -> int:
    target = _target(args)
    repo, sha = target.repo, target.head_sha
    time_limit = _time_limit(args)
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    target_url = args.target_url or _run_url()
    language = i18n.mkdocs_language(Path(args.config))
    ctx = Context(
        repo=repo, head_sha=sha, server_url=server, docs_url=args.docs_url or "", run_url=target_url, language=language
    )
    report: Report | None = None
    verdict_error = ""
    try:
        report = build_report(from_json(Path(args.verdict).read_text(encoding="utf-8")), ctx)
    except (OSError, UnicodeDecodeError, VerdictError) as err:
        verdict_error = f"{args.verdict}: {err}"
    if args.dry_run:
        if report is None:
            print(f"jamkit.github: no verdict: {verdict_error}", file=sys.stderr)
            return 1
        print(json.dumps({"labels": sorted(report.labels), "state": report.state, "description": report.description}))
        print(report.body, end="")
        return 0

    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UsageError("GITHUB_TOKEN is not set (the token is read from the environment only)")
    bot = Bot(
        token,
        base_url=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL,
        bot_login=args.bot_login or os.environ.get("JAMKIT_BOT_LOGIN") or DEFAULT_BOT_LOGIN,
        write_interval=max(0.0, args.write_interval),
        time_limit=time_limit,
    )
    if report is None:
        print(f"jamkit.github: no verdict: {verdict_error}", file=sys.stderr)
        try:
            bot.report_error(repo, sha, "jam check did not produce a verdict; see the workflow log", target_url)
        except BotError as err:
            print(f"jamkit.github: {err}", file=sys.stderr)
        return 1
    outcome = bot.apply(target, report, target_url)
    print(json.dumps(asdict(outcome)))
    if outcome.superseded:
        what = "the comment and labels" if outcome.status else "its verdict, so this one wrote nothing"
        print(
            f"jamkit.github: pull request #{target.number} moved on to {outcome.superseded[:12]} while this run "
            f"waited; that push's run reports {what}",
            file=sys.stderr,
        )
    for error in outcome.errors:
        print(f"jamkit.github: {error}", file=sys.stderr)
    if outcome.errors:
        done = f"the status jam/verified is set to {outcome.status}" if outcome.status else "no status was set"
        print(f"jamkit.github: {done}; re-run this job to finish (docs/maintainers.md, 'Rate limits')", file=sys.stderr)
    return 1 if outcome.errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except UsageError as err:
        print(f"jamkit.github: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug or a network failure: one line, never a traceback
        if os.environ.get("JAM_DEBUG"):
            raise
        print(f"jamkit.github: error: {type(err).__name__}: {err} (set JAM_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
