"""What announcing a sprint's results means on GitHub, planned without touching the network.

``jam github announce`` makes three things, each once: the annotated tag
``results/<sprint>`` on the commit that wrote the awards, a release for that tag
listing the winners, and the labels ``winner`` and ``winner: <place>`` (or
``honorable mention``) on each awarded project's pull request. This module turns
the sprint, its projects, the git facts (``jamkit.github.history``) and what
GitHub already has (``Remote``) into a ``Plan``: the exact REST calls still
missing, in order. The dry run prints that plan and the real run prints the same
text, then makes those calls and no others (``jamkit.github.announcer``); when
everything is already there the plan is empty, which is what makes a second run
change nothing.

Everything here is pure, so the release text and the plan are tested without a
network. Text from content files (titles, team names, prizes) is untrusted: it
goes into the release's Markdown through ``jamkit.github.markdown.inert``, so it
links, mentions and references nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from jamkit.core.model import Award, Sprint, Submission
from jamkit.core.wording import place, plural, printable, shown
from jamkit.files.layout import sprint_file, submission_file
from jamkit.github.history import Commit, Origin
from jamkit.github.markdown import inert
from jamkit.github.report import LabelSpec
from jamkit.site.urls import Links, project_url, sprint_url

TAG_PREFIX = "results/"
WINNER = "winner"
MENTION = "honorable mention"
NEW_TAG_SHA = "<sha of the new tag>"  # the answer of the call before, filled in when the plan is carried out
_PLACE_COLORS = {1: "ffd700", 2: "c0c0c0", 3: "cd7f32"}


def tag_name(sprint: str) -> str:
    return f"{TAG_PREFIX}{sprint}"


def place_label(n: int) -> str:
    """The place label on a winning pull request: "winner: 1st place"."""
    return f"{WINNER}: {place(n)}"


def label_spec(name: str) -> LabelSpec:
    """Colour and description of an announcement label, for creating it in the repository."""
    if name == WINNER:
        return LabelSpec("d4a017", "Awarded a place in a sprint (jam github announce)")
    if name == MENTION:
        return LabelSpec("b7c9e2", "An honorable mention in a sprint (jam github announce)")
    n = int(re.sub(r"\D", "", name) or 0)
    standing = name.removeprefix(WINNER + ": ")
    return LabelSpec(_PLACE_COLORS.get(n, "e8d9a8"), f"Awarded {standing} in a sprint (jam github announce)")


# --------------------------------------------------------------------------- what to announce


@dataclass(frozen=True)
class Winner:
    """An awarded project as the release and the labels name it."""

    ref: str  # sprint/project
    title: str
    team: str
    place: int | None  # None: an honorable mention
    prize: str | None
    link: str
    added: Commit | None  # the commit that added the project's file
    pull: int | None = None  # GitHub's record of the pull request that merged ``added``

    @property
    def project(self) -> str:
        return self.ref.split("/", 1)[1]

    @property
    def standing(self) -> str:
        return place(self.place) if self.place is not None else MENTION

    @property
    def labels(self) -> tuple[str, ...]:
        return (WINNER, place_label(self.place)) if self.place is not None else (MENTION,)


@dataclass(frozen=True)
class Announcement:
    """Everything the tag, the release and the labels say, built from the repository alone."""

    repo: str  # owner/name
    sprint: str
    title: str
    sprint_link: str
    commit: Commit  # the commit that wrote the awards
    winners: tuple[Winner, ...]

    @property
    def tag(self) -> str:
        return tag_name(self.sprint)

    @property
    def release_title(self) -> str:
        return f"Results: {printable(self.title)}"

    @property
    def tag_message(self) -> str:
        lines = [f"Results of {printable(self.title)}", ""]
        lines += [f"{w.standing}: {w.ref}" + (f" ({printable(w.prize)})" if w.prize else "") for w in self.winners]
        return "\n".join(lines) + "\n"

    def with_pulls(self, pulls: Mapping[str, int]) -> Announcement:
        """The same announcement with the pull requests GitHub records, by project ref (none: no pull request)."""
        winners = tuple(replace(w, pull=pulls.get(w.ref)) for w in self.winners)
        return replace(self, winners=winners)


def _team(submission: Submission) -> str:
    return submission.fields.team or ", ".join(m.name for m in submission.fields.members)


def _ordered(awards: Iterable[Award]) -> list[Award]:
    """Places first, in order; mentions after them, as the awards list them."""
    listed = list(awards)
    placed = sorted((a for a in listed if a.place is not None), key=lambda a: a.place or 0)
    return placed + [a for a in listed if a.place is None]


def announcement(
    repo: str,
    sprint: Sprint,
    submissions: Mapping[str, Submission],
    commit: Commit,
    origins: Mapping[str, Origin],
    *,
    site_url: str | None,
    server_url: str = "https://github.com",
) -> Announcement:
    """The announcement of a finished sprint: its awards, their projects and their links.

    The pull requests are GitHub's to say (``with_pulls``).

    Links go to the project pages when the site's URL is known, else to the files
    on GitHub at the commit that wrote the awards.
    """
    links = Links(site_url)
    blob = f"{server_url.rstrip('/')}/{repo}/blob/{commit.sha}/"

    def link(page: str, path: str) -> str:
        return links(page) if links.absolute else blob + path

    winners = []
    for award in _ordered(sprint.fields.awards):
        ref = f"{sprint.slug}/{award.project}"
        submission = submissions[ref]
        origin = origins.get(ref)
        winners.append(
            Winner(
                ref=ref,
                title=submission.fields.title,
                team=_team(submission),
                place=award.place,
                prize=award.prize,
                link=link(project_url(ref), submission_file(ref)),
                added=origin.commit if origin else None,
            )
        )
    return Announcement(
        repo=repo,
        sprint=sprint.slug,
        title=sprint.fields.title,
        sprint_link=link(sprint_url(sprint.slug), sprint_file(sprint.slug)),
        commit=commit,
        winners=tuple(winners),
    )


def pending_pull(w: Winner) -> str:
    """What an offline dry run writes where GitHub's record of the pull request goes (only GitHub knows it)."""
    return f"<the pull request GitHub records for {w.added.sha[:12]}>" if w.added else "–"


def _pull(w: Winner, offline: bool = False) -> str:
    if offline and w.pull is None:
        return pending_pull(w)
    return f"#{w.pull}" if w.pull else "–"  # GitHub links #N to the pull request


def _cell(text: str | None) -> str:
    return inert(text) if text else "–"


def release_body(a: Announcement, *, offline: bool = False) -> str:
    """The release's Markdown: the winners with places, prizes and teams, the mentions, and links.

    ``offline``: GitHub was not asked for the pull requests, so each stands as ``pending_pull`` says.
    """
    lines = [f"The results of [{inert(a.title)}]({a.sprint_link}), as awarded in {a.commit.sha}.", ""]
    placed = [w for w in a.winners if w.place is not None]
    mentions = [w for w in a.winners if w.place is None]
    if placed:
        lines += ["## Winners", "", "| Place | Project | Team | Prize | Pull request |", "|---|---|---|---|---|"]
        lines += [
            f"| {w.standing} | [{inert(w.title)}]({w.link}) | {_cell(w.team)} | {_cell(w.prize)} | "
            f"{_pull(w, offline)} |"
            for w in placed
        ]
        lines.append("")
    if mentions:
        lines += ["## Honorable mentions", "", "| Project | Team | Pull request |", "|---|---|---|"]
        lines += [f"| [{inert(w.title)}]({w.link}) | {_cell(w.team)} | {_pull(w, offline)} |" for w in mentions]
        lines.append("")
    lines.append(f"The tag `{a.tag}` marks the commit that wrote these awards. Made by `jam github announce`.")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- what GitHub has, and the plan


@dataclass(frozen=True)
class Remote:
    """What GitHub already has, read before planning (labels compared case-insensitively, as GitHub does)."""

    tag_commit: str | None  # the commit results/<sprint> points at; None: no such tag
    release: bool  # a release for the tag exists
    repo_labels: frozenset[str] = frozenset()
    pull_labels: Mapping[int, frozenset[str]] = field(default_factory=dict)
    gone: frozenset[int] = frozenset()  # pull requests whose labels GitHub cannot show (404)


@dataclass(frozen=True)
class Action:
    """One write to GitHub's REST API, exactly as it will be sent."""

    kind: Literal["tag", "ref", "release", "label", "labels"]  # make a tag object, a ref...; label: create one
    method: str
    path: str  # relative to the API root
    body: Mapping[str, Any]
    what: str  # the same words in the plan and in the outcome

    def line(self) -> str:
        return f"{self.what}\n     {self.method} {self.path}"


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    present: tuple[str, ...]  # what is already there, in words
    unlabelled: tuple[str, ...]  # awarded projects whose pull request was not found, in words
    conflict: str | None = None  # GitHub holds something this run must not overwrite


def _tag_actions(a: Announcement, remote: Remote) -> tuple[list[Action], list[str], str | None]:
    short = a.commit.sha[:12]
    if remote.tag_commit == a.commit.sha:
        return [], [f"the tag {a.tag} on {short}"], None
    if remote.tag_commit is not None:
        return (
            [],
            [],
            f"the tag {a.tag} already exists on GitHub and points at {remote.tag_commit[:12]}, not at {short}, "
            f"the commit that wrote the awards now ({shown(a.commit.subject)}): the awards changed after they were "
            f"announced. To announce them again, delete the release and the tag {a.tag} on GitHub, then run this again",
        )
    actions = [
        Action(
            "tag",
            "POST",
            f"/repos/{a.repo}/git/tags",
            {"tag": a.tag, "message": a.tag_message, "object": a.commit.sha, "type": "commit"},
            f"create the annotated tag {a.tag} on {short} ({shown(a.commit.subject)})",
        ),
        Action(
            "ref",
            "POST",
            f"/repos/{a.repo}/git/refs",
            {"ref": f"refs/tags/{a.tag}", "sha": NEW_TAG_SHA},
            f"point refs/tags/{a.tag} at the new tag",
        ),
    ]
    return actions, [], None


def _label_actions(a: Announcement, remote: Remote) -> tuple[list[Action], list[str], list[str]]:
    creations: dict[str, Action] = {}
    additions: list[Action] = []
    present: list[str] = []
    unlabelled: list[str] = []
    repo_labels = {name.lower() for name in remote.repo_labels}
    for w in a.winners:
        if w.pull is None or w.pull in remote.gone:
            added = f"added in {w.added.sha[:12]} ({shown(w.added.subject)})" if w.added else "not in this history"
            why = f"pull request #{w.pull} is not on GitHub" if w.pull else "GitHub records no pull request"
            unlabelled.append(f"{w.ref} ({w.standing}): {why} for its file, {added}; label it by hand")
            continue
        have = {name.lower() for name in remote.pull_labels.get(w.pull, ())}
        missing = [name for name in w.labels if name.lower() not in have]
        if not missing:
            present.append(f"the labels of pull request #{w.pull} ({w.project}): {', '.join(w.labels)}")
            continue
        for name in missing:
            if name.lower() not in repo_labels and name not in creations:
                spec = label_spec(name)
                body = {"name": name, "color": spec.color, "description": spec.description}
                creations[name] = Action("label", "POST", f"/repos/{a.repo}/labels", body, f'create the label "{name}"')
        additions.append(
            Action(
                "labels",
                "POST",
                f"/repos/{a.repo}/issues/{w.pull}/labels",
                {"labels": missing},
                f"label pull request #{w.pull} ({w.project}, {w.standing}): {', '.join(missing)}",
            )
        )
    return [*creations.values(), *additions], present, unlabelled


def plan(a: Announcement, remote: Remote) -> Plan:
    """The calls still missing, in the order they must be made: tag, release, labels."""
    tag_actions, present, conflict = _tag_actions(a, remote)
    if conflict is not None:
        return Plan((), tuple(present), (), conflict)
    release: list[Action] = []
    if remote.release:
        present.append(f"the release for {a.tag}")
    else:
        body: dict[str, Any] = {"tag_name": a.tag, "name": a.release_title, "body": release_body(a)}
        body |= {"draft": False, "prerelease": False}
        what = f'publish the release "{shown(a.release_title)}"'
        release.append(Action("release", "POST", f"/repos/{a.repo}/releases", body, what))
    label_actions, labelled, unlabelled = _label_actions(a, remote)
    return Plan((*tag_actions, *release, *label_actions), (*present, *labelled), tuple(unlabelled))


def plan_text(a: Announcement, p: Plan) -> str:
    """The plan section, printed the same by the dry run and the real run."""
    lines = [
        f"Results of {a.sprint} for {a.repo}: the awards were written in {a.commit.sha[:12]} "
        f"({shown(a.commit.subject)}).",
        "",
    ]
    if p.conflict:
        lines.append(f"Cannot announce: {p.conflict}.")
        return "\n".join(lines)
    if p.actions:
        lines.append(f"Plan: {plural(len(p.actions), 'call')} to GitHub.")
        lines += [f"  {n}. {action.line()}" for n, action in enumerate(p.actions, start=1)]
    else:
        lines.append("Plan: nothing to do; everything is already on GitHub.")
    if p.present:
        lines += ["Already on GitHub:", *(f"  - {what}" for what in p.present)]
    if p.unlabelled:
        lines += ["Not labelled:", *(f"  - {what}" for what in p.unlabelled)]
    return "\n".join(lines)


def offline_text(a: Announcement) -> str:
    """The tag, the release and the labels as the real run makes them, said without asking GitHub anything.

    Only GitHub knows which pull request merged each winner's file, so those numbers stand as
    ``pending_pull`` (the real run asks, and labels only the pull requests GitHub names).
    """
    cut = "-" * 72
    lines = [
        f"Results of {a.sprint} for {a.repo}: the awards were written in {a.commit.sha[:12]} "
        f"({shown(a.commit.subject)}).",
        "",
        f"The annotated tag {a.tag}, on {a.commit.sha}, with the message:",
        cut,
        a.tag_message.rstrip("\n"),
        cut,
        f'The release "{shown(a.release_title)}" for the tag {a.tag}, with the text:',
        cut,
        release_body(a, offline=True).rstrip("\n"),
        cut,
        "The labels, on the pull request GitHub records for the commit that added each project's file:",
    ]
    for w in a.winners:
        if w.added is None:
            lines.append(f"  - {w.ref} ({w.standing}): none, no commit of this history added its file")
        else:
            added = f"added in {w.added.sha[:12]} ({shown(w.added.subject)})"
            lines.append(f"  - {w.ref} ({w.standing}, {added}): {', '.join(w.labels)}")
    return "\n".join(lines)
