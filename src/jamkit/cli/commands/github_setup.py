"""``jam github setup [--dry-run]``: create the labels the bot sets, once, before a sprint's pull requests come.

The bot's runs never list or check the repository's labels (a request saved on
every push of a deadline storm); this command creates them all with their
colours and descriptions: the bot's own (``submission``, ``ready``,
``needs-changes``, ``late``, ``maintainer-review``) and ``sprint:<slug>`` for
each sprint file of the repository. A label GitHub made grey when a run first
set it is given its colour; a label a maintainer coloured is left alone.
Running it twice changes nothing. ``--dry-run`` reads GitHub and prints what it
would do.

Exit codes: 0 done (or nothing to do), 1 GitHub refused a call (what was done
and what was not is printed), 2 the command cannot run (no token, no
repository name).
"""

from __future__ import annotations

from pathlib import Path

from jamkit.cli.commands import CONTENT_ERRORS, OK, GitHubOptions, Out, refused, repository_root, to_stderr
from jamkit.cli.commands.github_access import github_access
from jamkit.core.errors import UsageError
from jamkit.core.model import is_slug
from jamkit.core.wording import plural
from jamkit.files.layout import SPRINT, discover, kind_of
from jamkit.github.client import BotError, Client
from jamkit.github.labels import LabelChange, apply_labels, bot_label_names, plan_labels, repo_labels


def sprint_slugs(root: Path) -> list[str]:
    """The slugs of the repository's sprint files (misplaced or badly named files are ``jam check``'s)."""
    paths, _ = discover(root)
    slugs = (SPRINT.key(path) for path in paths if kind_of(path) is SPRINT)
    return [slug for slug in slugs if is_slug(slug)]


def run(
    root: str | None,
    options: GitHubOptions,
    *,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Create the bot's labels on GitHub, or with ``options.dry_run`` print what is missing."""
    try:
        where = repository_root(root)
        access = github_access(options, where, reads="reads the repository's labels", example="jam github setup")
    except UsageError as error:
        return refused("github setup", error, err)
    client = Client(access.token, base_url=access.api_url, write_interval=access.write_interval)
    return setup(client, access.repo, bot_label_names(sprint_slugs(where)), dry_run=options.dry_run, out=out, err=err)


def setup(client: Client, repo: str, names: list[str], *, dry_run: bool, out: Out, err: Out) -> int:
    """The command itself, once the repository, the token and the label names are known."""
    try:
        existing = repo_labels(client, repo)
    except BotError as error:
        err(f"jam github setup: reading the labels of {repo} failed, nothing was changed: {error}")
        return CONTENT_ERRORS
    changes = plan_labels(names, existing)
    there = len(names) - sum(change.action == "create" for change in changes)
    out(f"{repo}: {plural(len(names), 'label')} the bot sets, {there} already there.")
    if not changes:
        out("Nothing to do: every label is in place.")
        return OK
    out(_listing(changes))
    if dry_run:
        out("\nDry run: nothing was changed. Run without --dry-run to make these changes.")
        return OK
    done, failure = apply_labels(client, repo, changes)
    if not failure:
        out(f"\nDone: {_counted(done)}.")
        return OK
    left = changes[len(done) :]
    out("\n".join(["", f"Done: {_counted(done) if done else 'nothing'}.", "Not done:", *_lines(left)]))
    err(f"jam github setup: GitHub refused a call, so the run stopped: {failure}")
    err("Fix the cause (the token needs issues: write) and run the command again: it makes only what is missing.")
    return CONTENT_ERRORS


def _lines(changes: list[LabelChange]) -> list[str]:
    width = max(len(change.name) for change in changes)
    return [f"  {change.name:<{width}}  #{change.color}  {change.description}" for change in changes]


def _listing(changes: list[LabelChange]) -> str:
    created = [change for change in changes if change.action == "create"]
    coloured = [change for change in changes if change.action == "update"]
    parts = []
    if created:
        parts += ["", "To create:", *_lines(created)]
    if coloured:
        parts += ["", "To colour (GitHub made them grey when the bot first set them):", *_lines(coloured)]
    return "\n".join(parts)


def _counted(done: list[LabelChange]) -> str:
    created = sum(change.action == "create" for change in done)
    coloured = len(done) - created
    words = [plural(created, "label") + " created"] if created else []
    return ", ".join(words + ([f"{plural(coloured, 'label')} coloured"] if coloured else []))
