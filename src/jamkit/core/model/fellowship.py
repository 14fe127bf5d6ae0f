"""The front matter of people's own profiles and of fellowship cohorts, as pydantic models.

``people/<github>.md`` is written by the person it is named after (the
pull-request policy enforces it): what they choose to share, and dated
milestones. ``lab/<cohort>.md`` is written by maintainers: the teams the
fellowship took on after sprints, their mentors and their progress.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from jamkit.core.model.fields import Fields, Link
from jamkit.core.model.types import Date, GitHub, HttpsUrl, Orcid, ProjectRef, Slug, Text

MILESTONE_KINDS = ("fellowship", "position", "publication", "award", "talk", "other")
TEAM_MILESTONE_KINDS = ("proposal", "draft", "internal review", "submitted", "accepted", "published")

MilestoneKind = Literal["fellowship", "position", "publication", "award", "talk", "other"]
TeamMilestoneKind = Literal["proposal", "draft", "internal review", "submitted", "accepted", "published"]


# --------------------------------------------------------------------------- person


class Milestone(Fields):
    """Something the person chooses to share: a position, a talk, an award... Shown on their page as self-reported."""

    date: Date = Field(description="When it happened (or started), `YYYY-MM-DD`.")
    kind: MilestoneKind = Field(description="One of " + ", ".join(f"`{k}`" for k in MILESTONE_KINDS) + ".")
    title: Text = Field(description="What it was, e.g. `Research scientist` or `Talk at the Example Workshop`.")
    organisation: str | None = Field(None, description="Where, e.g. a university, lab or conference.")
    url: HttpsUrl | None = Field(None, description="A page about it.")


class ProfileFields(Fields):
    """Front matter of `people/<github>.md`: a person's own profile. Optional; written by that person only."""

    name: Text | None = Field(
        None, description="The name shown on every page that shows you; without it, the name your projects give."
    )
    pronouns: str | None = Field(None, description="Your pronouns, e.g. `she/her`.")
    affiliation: str | None = Field(None, description="Where you are now.")
    orcid: Orcid | None = Field(None, description="ORCID iD, e.g. `0000-0002-1825-0097`.")
    links: list[Link] = Field([], description="Your pages: a homepage, Google Scholar, a blog.")
    listed: bool = Field(
        True,
        description="`false` keeps your page out of the people list and out of search; "
        "your name stays on your projects.",
    )
    milestones: list[Milestone] = Field([], description="Dated milestones you choose to share, newest or oldest first.")
    example: bool = Field(False, description="Marks demonstration content on its page.")


# --------------------------------------------------------------------------- cohort


class Mentor(Fields):
    """A mentor of the cohort."""

    name: Text = Field(description="Full name.")
    github: GitHub | None = Field(None, description="GitHub handle, without `@`; teams name their mentor by it.")
    affiliation: str | None = Field(None, description="Organisation.")


class TeamMilestone(Fields):
    """A step of a team's way from sprint project to paper."""

    date: Date = Field(description="When, `YYYY-MM-DD`.")
    kind: TeamMilestoneKind = Field(description="One of " + ", ".join(f"`{k}`" for k in TEAM_MILESTONE_KINDS) + ".")
    note: str | None = Field(None, description="A short note, e.g. the venue it was submitted to.")


class CohortTeam(Fields):
    """A sprint team the fellowship took on."""

    project: ProjectRef = Field(description="The sprint project, `<sprint>/<project>`.")
    mentor: str | None = Field(None, description="The `github` (or `name`) of one of the cohort's `mentors`.")
    milestones: list[TeamMilestone] = Field([], description="The team's progress, in time order.")
    publication: Slug | None = Field(None, description="The slug of the publication it became, in `publications/`.")


class CohortFields(Fields):
    """Front matter of `lab/<cohort>.md`: one fellowship cohort. Maintainers only."""

    title: Text = Field(description="The cohort's name, e.g. `Fellowship, spring 2026`.")
    starts: Date = Field(description="First day of the cohort.")
    ends: Date = Field(description="Last day of the cohort (planned, while it runs).")
    mentors: list[Mentor] = Field([], description="The mentors.")
    teams: list[CohortTeam] = Field([], description="The teams taken on.")
    example: bool = Field(False, description="Marks demonstration content on its page.")

    @model_validator(mode="after")
    def _ends_after_starts(self) -> CohortFields:
        if self.ends < self.starts:
            raise PydanticCustomError(
                "jam_date_order",
                "ends ({ends}) is before starts ({starts})",
                {
                    "ends": self.ends.isoformat(),
                    "starts": self.starts.isoformat(),
                    "fix": "set `ends` on or after `starts`",
                    "loc": "ends",
                },
            )
        return self
