"""What people write instead of a field's name, and where it belongs: hints for an unknown field, never fixes.

Teams arrive from forms, paper templates and other hackathon platforms, and
write the field they know (``authors``, ``summary``, ``repo``). Each such name
maps to the field that holds what they meant, with a few words saying how to
write it. These are suggestions only: ``repo`` might be a code repository
(``code``) or a report (``report``), so ``jam check --fix`` never renames a
field into another one (``jamkit.files.validate`` gives a fix only for a
misspelling of one field). ``TEAM_HIDDEN`` lists the fields a team's pull
request may not set, which no hint offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from jamkit.core.model.fields import MAINTAINER_FIELDS, Fields, Member, SubmissionFields


@dataclass(frozen=True)
class Hint:
    """Where a name people write belongs: the field, and how to write it there."""

    field: str
    how: str


_CODE = Hint("code", "a link to the project's code repository goes in `code: https://...`")
_REPORT = Hint("report", "the report goes in `report:` (a PDF in the project's folder, or an https URL)")
_ABSTRACT = Hint("abstract", "the short summary goes in `abstract:` (plain text, at most 300 words)")
_MEMBERS = Hint("members", "the team goes in `members:`, one `- name: ...` (with `github: ...`) per person")
_LINKS = Hint("links", "other links go in `links:`, one `- {title: ..., url: https://...}` each")
_SITE = Hint("site", "where the team worked goes in `site:`, the `id` of one of the sprint's sites")
_TAGS = Hint("tags", "keywords go in `tags: [first, second]`")

SAID_FOR: dict[type[Fields], dict[str, Hint]] = {
    SubmissionFields: {
        "repo": _CODE,
        "repository": _CODE,
        "repo_url": _CODE,
        "source": _CODE,
        "github": Hint(
            "code",
            "a repository's link goes in `code: https://github.com/...`; a person's handle goes under "
            "`members:` as `github: ...`",
        ),
        "paper": _REPORT,
        "pdf": _REPORT,
        "writeup": _REPORT,
        "summary": _ABSTRACT,
        "description": _ABSTRACT,
        "tldr": _ABSTRACT,
        "authors": _MEMBERS,
        "author": _MEMBERS,
        "team_members": _MEMBERS,
        "participants": _MEMBERS,
        "keywords": _TAGS,
        "topics": _TAGS,
        "location": _SITE,
        "city": _SITE,
        "hub": _SITE,
        "demo": Hint("video", "a video goes in `video: https://...`; any other demo in `links:`"),
        "youtube": Hint("video", "a video goes in `video: https://...`"),
        "slides": _LINKS,
        "url": _LINKS,
        "website": _LINKS,
        "team_name": Hint("team", "the team's name goes in `team:`"),
        "name": Hint("title", "the project's title goes in `title:`; people's names go under `members:`"),
    },
    Member: {
        "handle": Hint("github", "a GitHub handle goes in `github:`, without `@`"),
        "username": Hint("github", "a GitHub handle goes in `github:`, without `@`"),
        "github_username": Hint("github", "a GitHub handle goes in `github:`, without `@`"),
        "institution": Hint("affiliation", "a university or organisation goes in `affiliation:`"),
        "organisation": Hint("affiliation", "a university or organisation goes in `affiliation:`"),
        "organization": Hint("affiliation", "a university or organisation goes in `affiliation:`"),
        "university": Hint("affiliation", "a university or organisation goes in `affiliation:`"),
        "email": Hint("name", "no e-mail addresses: the repository is public; `name` and `github` are enough"),
    },
}

TEAM_HIDDEN: dict[type[Fields], tuple[str, ...]] = {SubmissionFields: MAINTAINER_FIELDS}
