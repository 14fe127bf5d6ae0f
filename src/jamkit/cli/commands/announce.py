"""``jam github announce SPRINT [--dry-run] [--offline]``: tag, release and label a finished sprint's results on GitHub.

After the awards are merged: the annotated tag ``results/<sprint>`` on the commit
that wrote them, a release listing the winners, and the labels ``winner`` and
``winner: <place>`` on each winning pull request (``honorable mention`` on a
mention's). The command checks the sprint and reads git here; what to do is
planned by ``jamkit.github.announce`` against what GitHub already has, and done
by ``jamkit.github.announcer``. The plan is printed first, the same with
``--dry-run``, which stops there; a second run finds everything in place and
changes nothing. ``--dry-run --offline`` asks GitHub nothing and needs no token:
it prints the tag, the release text and the labels the real run would create.
The repository is ``--repo``, else ``GITHUB_REPOSITORY``, else ``repo_url`` in
``mkdocs.yml``.

Exit codes: 0 announced (or nothing left to do), 1 the content has errors or
GitHub refused a call (what was done and what was not is printed), 2 the
command cannot run yet (no token, the sprint is not finished, the awards are not
committed).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from jamkit.checks import check
from jamkit.cli.commands import CONTENT_ERRORS, OK, GitHubOptions, Out, refused, repository_root, site_url_of, to_stderr
from jamkit.cli.commands.github_access import github_access, repository
from jamkit.cli.formats import render
from jamkit.core.errors import UsageError
from jamkit.core.model import Catalog, Sprint, Status, is_slug, utc_day
from jamkit.core.wording import plural, shown
from jamkit.files.layout import sprint_file, sprint_projects
from jamkit.files.load import load_catalog
from jamkit.github.announce import Announcement, Plan, announcement, offline_text, plan, plan_text
from jamkit.github.announcer import execute, find_pulls, observe
from jamkit.github.bot import Bot, BotError
from jamkit.github.history import HistoryError, awards_commit, origin_of


def run(
    root: str | None,
    sprint: str,
    options: GitHubOptions,
    *,
    site_url: str | None = None,
    offline: bool = False,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Announce ``sprint``'s results on GitHub, or with ``options.dry_run`` print the plan only."""
    try:
        where = repository_root(root)
        if offline:
            if not options.dry_run:
                raise UsageError("--offline needs --dry-run: the real run asks GitHub what is already there")
            url = site_url_of(where, site_url)
            return announce_offline(where, sprint, repository(options, where), site_url=url, out=out)
        reads = "reads GitHub (what is already there); jam github announce SPRINT --dry-run --offline does not"
        access = github_access(options, where, reads=reads, example="jam github announce ...")
        target = access.repo
        bot = Bot(
            access.token,
            base_url=access.api_url,
            write_interval=access.write_interval,
        )
        return announce(
            where, sprint, target, bot, site_url=site_url_of(where, site_url), dry_run=options.dry_run, out=out, err=err
        )
    except UsageError as error:
        return refused("github announce", error, err)


def _checked_sprint(root: Path, slug: str, out: Out) -> tuple[Sprint, Catalog] | None:
    """The sprint and its projects, loaded and checked; None (errors printed) when they have errors."""
    path = sprint_file(slug)
    if not is_slug(slug) or not (root / path).is_file():
        known = ", ".join(sorted(p.stem for p in (root / "sprints").glob("*.md"))) or "none yet"
        raise UsageError(f"there is no sprint '{shown(slug)}' ({sprint_file(shown(slug))}); known sprints: {known}")
    folder = sprint_projects(slug)
    paths = [path, *sorted(f"{folder}/{p.name}" for p in (root / folder).glob("*.md"))]
    catalog, found = load_catalog(root, paths)
    wanted = set(paths)
    found = [d for d in found + check(catalog) if d.path in wanted]
    if any(d.severity == "error" for d in found):
        out(render(found, "text", len(paths)))
        out(f"Fix these first: the announcement of {slug} is made from these files.")
        return None
    return catalog.sprints[slug], catalog


def _ready(sprint: Sprint, catalog: Catalog, now: dt.datetime) -> None:
    """Refuse a sprint that is not finished, or whose awards name a project readers may not see."""
    status = sprint.status(now)
    if status is not Status.FINISHED:
        raise UsageError(
            f"{sprint.slug} is {status.value}, not finished: announce after its awards are merged "
            f"(jam award {sprint.slug} --write, then a pull request)"
        )
    for award in sprint.fields.awards:
        ref = f"{sprint.slug}/{award.project}"
        seen = catalog.submissions[ref].visibility(utc_day(now))
        if seen != "public":
            state = "retracted" if seen == "retracted" else "embargoed"
            fix = (
                f"to pass its place on, run jam award {sprint.slug} --write again (or edit `awards` in "
                f"{sprint.path}), merge that, then announce; the site already shows the place as withdrawn"
                if seen == "retracted"
                else f"announce once the embargo has lifted, or change the awards (jam award {sprint.slug} --write)"
            )
            raise UsageError(f"the awarded project {ref} is {state}: a release would name it in public; {fix}")


def _announcement(root: Path, slug: str, repo: str, site_url: str | None, out: Out) -> Announcement | None:
    """What the tag, release and labels will say, from the checked sprint and git; None when content has errors."""
    checked = _checked_sprint(root, slug, out)
    if checked is None:
        return None
    sprint, catalog = checked
    _ready(sprint, catalog, dt.datetime.now(dt.UTC))
    try:
        commit = awards_commit(root, sprint.path, sprint.fields.awards)
        origins = {ref: origin_of(root, ref) for ref in (f"{slug}/{a.project}" for a in sprint.fields.awards)}
    except HistoryError as error:
        raise UsageError(str(error)) from None
    return announcement(repo, sprint, catalog.submissions, commit, origins, site_url=site_url, server_url=_server())


def _server() -> str:
    """GitHub's web address, as a workflow gives it (GitHub Enterprise), else github.com."""
    return os.environ.get("GITHUB_SERVER_URL") or "https://github.com"


def announce_offline(root: Path, slug: str, repo: str, *, site_url: str | None, out: Out) -> int:
    """``--dry-run --offline``: the tag, the release text and the labels, from the repository alone."""
    a = _announcement(root, slug, repo, site_url, out)
    if a is None:
        return CONTENT_ERRORS
    out(offline_text(a))
    out(
        "\nOffline dry run: GitHub was not asked and nothing was changed. Without --offline, the dry run also "
        "reads what GitHub already has and lists the calls still missing."
    )
    return OK


def announce(
    root: Path, slug: str, repo: str, bot: Bot, *, site_url: str | None, dry_run: bool, out: Out, err: Out
) -> int:
    """The command itself, once the repository, the token and the site are known."""
    a = _announcement(root, slug, repo, site_url, out)
    if a is None:
        return CONTENT_ERRORS
    try:
        a = a.with_pulls(find_pulls(bot, a))
        remote = observe(bot, a)
    except BotError as error:
        err(f"jam github announce: reading GitHub failed, nothing was changed: {error}")
        return CONTENT_ERRORS
    p = plan(a, remote)
    out(plan_text(a, p))
    if p.conflict:
        return CONTENT_ERRORS
    if dry_run:
        out("\nDry run: nothing was changed." + (" Run without --dry-run to make these calls." if p.actions else ""))
        return OK
    if not p.actions:
        out(f"\nNothing changed: the results of {slug} were already announced.")
        return OK
    return _carry_out(bot, a, p, _server(), out, err)


def _carry_out(bot: Bot, a: Announcement, p: Plan, server: str, out: Out, err: Out) -> int:
    outcome = execute(bot, p)
    if outcome.failed is None:
        release = f"{server.rstrip('/')}/{a.repo}/releases/tag/{a.tag}"
        out(f"\nDone: {plural(len(outcome.done), 'call')} made. The release: {release}")
        return OK
    left = p.actions[len(outcome.done) :]
    lines = ["", "Done:", *(f"  - {action.what}" for action in outcome.done)] if outcome.done else [""]
    lines += ["Not done:", *(f"  - {action.what}" for action in left)]
    out("\n".join(lines))
    err(f"jam github announce: GitHub refused a call, so the run stopped: {outcome.error}")
    err("Fix the cause and run the command again: it makes only what is still missing.")
    return CONTENT_ERRORS
