"""``jam new sprint|submission|profile|site``: a valid file from flags, asking on a terminal for what is missing.

Required values missing from the flags are asked for when a person is at the
keyboard (``jamkit.cli.commands.prompts``: each answer checked as it is typed, and
asked again when wrong; Ctrl-C writes nothing); in CI and pipes the command
names every missing flag at once instead. ``jamkit.upkeep.scaffold`` writes the file;
this module asks and tells.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jamkit.cli.commands import CONTENT_ERRORS, OK, USAGE, Out, refused, repository_root, to_stderr
from jamkit.cli.commands.prompts import Ask, Cancelled, Check, Question, ask_text, ask_until_valid
from jamkit.cli.formats import render
from jamkit.core.errors import UsageError
from jamkit.core.model import SiteFields, SprintFields, Status, SubmissionFields, sites_of
from jamkit.files.layout import sprint_file
from jamkit.files.load import load_catalog, load_sprint
from jamkit.upkeep import scaffold
from jamkit.upkeep.scaffold import Scaffolded, ScaffoldError, abstract_too_long, problem_with

STARTS = "2026-03-13T17:00:00+00:00"
ENDS = "2026-03-15"

SUBMISSION_REQUIRED = {"title": "--title", "member": "--member", "abstract": "--abstract"}
SPRINT_REQUIRED = {"title": "--title", "starts": "--starts", "ends": "--ends"}
SITE_REQUIRED = {
    "name": "--name",
    "city": "--city",
    "country": "--country",
    "timezone": "--timezone",
    "organizer": "--organizer",
    "contact": "--contact",
}


def terminal_prompt() -> Ask | None:
    """Prompt only when a person is at the keyboard; in CI and pipes, flags are required."""
    return input if sys.stdin.isatty() else None


def run(
    root: str | None,
    kind: str,
    slug: str,
    options: Mapping[str, Any],
    *,
    sprint: str | None = None,
    ask: Ask | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Scaffold ``sprints/SLUG.md`` (kind 'sprint') or ``submissions/SPRINT/SLUG.md``; 0 when it checks clean."""
    ask = ask if ask is not None else terminal_prompt()
    try:
        folder = repository_root(root, may_be_new=kind == "sprint")
        if kind == "profile":
            return _tell_profile(scaffold.new_profile(folder, options), out)
        if kind == "site":
            scaffold.site_path(folder, slug)
            given = {**options, "organizer": list(options.get("organizer") or [])}
            values = _filled(given, SITE_REQUIRED, ask, lambda asker: _ask_site_file(given, asker, out))
            return _tell_site(scaffold.new_site(folder, slug, values), slug, out)
        if kind == "sprint":
            scaffold.sprint_path(folder, slug)
            values = _filled(options, SPRINT_REQUIRED, ask, lambda asker: _ask_sprint(options, asker, out))
            return _tell_sprint(scaffold.new_sprint(folder, slug, values), slug, out)
        scaffold.submission_path(folder, sprint or "", slug)
        bounds, sites = _sprint_setting(folder, sprint or "")
        given = {**options, "member": list(options.get("member") or [])}
        values = _filled(
            given, SUBMISSION_REQUIRED, ask, lambda asker: _ask_submission(given, asker, out, bounds, sites)
        )
        return _tell_submission(scaffold.new_submission(folder, sprint or "", slug, values), out)
    except Cancelled as stop:
        err(f"jam new: {stop}; nothing was written")
        return USAGE
    except UsageError as error:
        return refused("new", error, err)


def _filled(
    options: Mapping[str, Any],
    required: Mapping[str, str],
    ask: Ask | None,
    questions: Callable[[Ask], dict[str, Any]],
) -> dict[str, Any]:
    """The options with every required value: asked for, or refused naming every missing flag at once."""
    values = dict(options)
    missing = [flag for key, flag in required.items() if not values.get(key)]
    if not missing:
        return values
    if ask is None:
        raise ScaffoldError(
            f"missing {', '.join(missing)} (stdin is not a terminal, so jam cannot ask for them); "
            "pass them as flags, see --help"
        )
    return questions(ask)


def _sprint_setting(root: Path, sprint_slug: str) -> tuple[tuple[int, int], list[tuple[str, str]]]:
    """The sprint's team size, and its sites (id, name) for a team to choose from."""
    sprint, _ = load_sprint(root, sprint_file(sprint_slug))
    if sprint is None:
        return (1, 5), []
    bounds = sprint.fields.team_size
    hubs, _ = load_catalog(root, only=[])  # sprints and local sites only: they are few
    sites = [(site.id, site.name or site.id) for site in sites_of(sprint, hubs)]
    return ((bounds.min, bounds.max) if bounds is not None else (1, 5)), sites


def _asker(ask: Ask, out: Out) -> Callable[[Question], str]:
    return lambda question: ask_until_valid(ask, out, question)


def _ask_submission(
    given: Mapping[str, Any], ask: Ask, out: Out, bounds: tuple[int, int], sites: list[tuple[str, str]]
) -> dict[str, Any]:
    """Title, team, members, abstract, site and tags, each checked as it is answered (a flag given is not asked)."""
    values = dict(given)
    question = _asker(ask, out)

    def field(key: str) -> Check:
        return lambda answer: problem_with(SubmissionFields, key, {key: answer})

    if not values.get("title"):
        values["title"] = question(
            Question("Title", "your project's title, e.g. Probing for deception", field("title"))
        )
    if not values.get("team"):
        values["team"] = question(Question("Team name", "e.g. Deception Hunters", field("team"), optional=True))
    if not values.get("member"):
        values["member"] = _ask_members(ask, out, bounds)
    if not values.get("abstract"):
        values["abstract"] = ask_text(
            ask, out, "Abstract", field("abstract"), "plain text, at most 300 words", editable=abstract_too_long
        )
    if not values.get("site") and sites:
        values["site"] = _ask_site(question, sites)
    if not values.get("tag"):
        tags = question(Question("Tags", "keywords, separated by commas, e.g. probing, deception", _tags, True))
        values["tag"] = [tag.strip() for tag in tags.split(",") if tag.strip()]
    return values


def _ask_site(question: Callable[[Question], str], sites: list[tuple[str, str]]) -> str:
    """Where the team worked, from the sprint's own sites: figures count cities and countries from it."""
    ids = [site for site, _ in sites]
    listed = ", ".join(f"{site} ({name})" if name != site else site for site, name in sites)

    def known(answer: str) -> str | None:
        return (
            None if answer.lower() in ids else f"'{answer}' is not a site of this sprint: use one of {', '.join(ids)}"
        )

    return question(Question("Site", f"where you worked: {listed}", known, optional=True)).lower()


def _tags(answer: str) -> str | None:
    tags = [tag.strip() for tag in answer.split(",") if tag.strip()]
    return problem_with(SubmissionFields, "tags", {"tags": tags})


def _member_check(index: int, name: str, key: str) -> Check:
    def check(answer: str) -> str | None:
        member = {"name": name, key: answer.removeprefix("@")} if name else {"name": answer}
        members = [{"name": "Someone", "github": "someone"}] * index + [member]
        return problem_with(SubmissionFields, "members", {"members": members})

    return check


def _ask_members(ask: Ask, out: Out, bounds: tuple[int, int]) -> list[str]:
    """Each member's name, GitHub handle and affiliation; only the first (whoever opens the pull request) needs one."""
    least, most = bounds
    members: list[str] = []
    question = _asker(ask, out)
    out(f"Team members ({least} to {most}): yourself first, as you open the pull request.")
    while len(members) < most:
        n = len(members) + 1
        first = n == 1
        name = question(
            Question(
                f"Member {n}, name",
                "e.g. Ada Lovelace",
                _member_check(n - 1, "", "name"),
                optional=n > least,
                skip="Enter if that is everyone",
            )
        )
        if not name:
            break
        handle = question(
            Question(
                f"{name}'s GitHub handle",
                "e.g. ada-lovelace" + ("; yours is needed to open the pull request" if first else ""),
                _member_check(n - 1, name, "github"),
                optional=not first,
                skip="Enter if they have none",
            )
        )
        place = question(Question(f"{name}'s affiliation", "e.g. University of Oxford", lambda _: None, optional=True))
        members.append(f"{name}:{handle}:{place}")
    return members


def _ask_sprint(given: Mapping[str, Any], ask: Ask, out: Out) -> dict[str, Any]:
    """Title and dates, each checked as it is answered; the deadline is checked against the start."""
    values = dict(given)
    question = _asker(ask, out)

    def field(key: str) -> Check:
        def check(answer: str) -> str | None:
            data = {"title": values.get("title") or "T", "starts": values.get("starts") or answer, "ends": answer}
            return problem_with(SprintFields, key, {**data, key: answer})

        return check

    if not values.get("title"):
        values["title"] = question(Question("Title", "e.g. Interpretability Research Sprint", field("title")))
    if not values.get("starts"):
        values["starts"] = question(
            Question("Starts", f"date and time with its UTC offset, e.g. {STARTS}", field("starts"))
        )
    if not values.get("ends"):
        values["ends"] = question(
            Question(
                "Ends",
                f"the deadline: a date, e.g. {ENDS}, means 23:59 AoE that day; or a date and time",
                field("ends"),
            )
        )
    return values


def _exit_code(done: Scaffolded) -> int:
    return CONTENT_ERRORS if any(d.severity == "error" for d in done.found) else OK


def _steps(steps: list[str]) -> str:
    return "Next steps:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, 1))


def _tell_submission(done: Scaffolded, out: Out) -> int:
    out("Wrote " + " and ".join(done.written) + ".")
    if done.found:
        out(render(done.found, "text", 1))
    steps = []
    if done.report_pending:
        steps.append(f"Put your report PDF at {done.report_pending} (at most 20 MB).")
    steps += [
        f"Replace the placeholder write-up below the front matter of {done.path} with your own."
        if done.write_up_pending
        else f"Write the longer write-up below the front matter of {done.path}.",
        f"Check it: jam check {done.path}",
        "Commit on a new branch, push, and open a pull request. Before pushing you can run "
        f"the same check as CI: jam check --pr --base origin/main --author {done.author or 'YOUR-GITHUB-LOGIN'}",
    ]
    sprint = done.sprint
    if sprint is not None:
        now = dt.datetime.now(dt.UTC)
        if sprint.status(now) is Status.UPCOMING:
            steps.append(f"Note: {sprint.fields.title} has not started; pull requests are accepted once it starts.")
        elif now > sprint.fields.ends:
            steps.append(
                f"Note: the deadline of {sprint.fields.title} has passed "
                f"({sprint.deadline_aoe:%Y-%m-%d %H:%M} AoE); the pull request will be marked late."
            )
    out(_steps(steps))
    return _exit_code(done)


def _tell(done: Scaffolded, out: Out, steps: list[str]) -> int:
    """What ``jam new`` wrote, what the check still says about it, and the next steps; the exit code."""
    out(f"Wrote {done.path}.")
    if done.found:
        out(render(done.found, "text", 1))
    out(_steps(steps))
    return _exit_code(done)


def _tell_sprint(done: Scaffolded, slug: str, out: Out) -> int:
    return _tell(
        done,
        out,
        [
            f"Describe the sprint below the front matter of {done.path}.",
            "Add what applies: criteria, judges, sites, prizes, schedule, resources, team_size (see docs/format.md).",
            f"Check it: jam check {done.path}",
            f"Teams then scaffold their projects with: jam new submission {slug} PROJECT-SLUG",
        ],
    )


def _ask_site_file(given: Mapping[str, Any], ask: Ask, out: Out) -> dict[str, Any]:
    """A local site's name, place, time zone, organiser and contact page, each checked as it is answered."""
    values = dict(given)
    question = _asker(ask, out)

    def field(key: str) -> Check:
        return lambda answer: problem_with(SiteFields, key, {key: answer})

    asked = (
        ("name", "Site name", "e.g. Leeds hub"),
        ("city", "City", "e.g. Leeds"),
        ("country", "Country", "its two-letter code, e.g. GB, BR, KE"),
        ("timezone", "Time zone", "its IANA name, e.g. Europe/London or America/Sao_Paulo"),
    )
    for key, label, hint in asked:
        if not values.get(key):
            values[key] = question(Question(label, hint, field(key)))
    if not values.get("organizer"):
        name = question(Question("Your name", "e.g. Ada Lovelace", field("name")))

        def handle(answer: str) -> str | None:
            return problem_with(
                SiteFields, "organizers", {"organizers": [{"name": name, "github": answer.lstrip("@")}]}
            )

        github = question(Question("Your GitHub handle", "only organisers listed by handle may edit the file", handle))
        values["organizer"] = [f"{name}:{github.lstrip('@')}"]
    if not values.get("contact"):
        values["contact"] = question(
            Question("Contact page", "the https URL of a form or page; never an e-mail address", field("contact"))
        )
    return values


def _tell_site(done: Scaffolded, slug: str, out: Out) -> int:
    return _tell(
        done,
        out,
        [
            f"Add each sprint you host to `hosts` in {done.path}, with its venue and capacity "
            "(see docs/organizers.md).",
            f"Check it: jam check {done.path}",
            "Open a pull request from your own GitHub account: you are listed as an organiser, "
            "so you may edit it later.",
            f"Teams at your site write `site: {slug}` in their project file.",
        ],
    )


def _tell_profile(done: Scaffolded, out: Out) -> int:
    return _tell(
        done,
        out,
        [
            f"Fill in what you want to share in {done.path}: name, links, milestones (see docs/profiles.md).",
            f"Check it: jam check {done.path}",
            "Open a pull request from your own GitHub account: only you (or a maintainer) may change this file.",
        ],
    )
