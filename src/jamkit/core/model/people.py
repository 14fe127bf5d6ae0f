"""Which fields hold a person: the one list ``jam forget`` reads, kept complete by a test.

A person appears in three shapes: an entry that is a person (a judge, member,
author, mentor or a site file's organiser: a mapping with ``name`` and ``github``),
a string that names a person by name or handle (an inline site's organizer, a
talk's speaker, a team's mentor), and a judge's id, which reviews and assignments write in place of the judge.
A string field, or a list of mappings with a name, that does not hold a person
is in ``NOT_PEOPLE`` with the reason, so every new field is decided on:
``tests/core/test_people.py`` fails until it sits in one list or the other.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from jamkit.core.model.fellowship import CohortFields, CohortTeam, Mentor, Milestone, ProfileFields, TeamMilestone
from jamkit.core.model.fields import (
    AssignmentFields,
    Author,
    Award,
    Criterion,
    Fields,
    FinalRankingFields,
    Judge,
    Lab,
    Link,
    Member,
    Partner,
    Prize,
    PublicationFields,
    Resource,
    Retraction,
    ReviewFields,
    ScheduleItem,
    Site,
    SprintFields,
    SubmissionFields,
)
from jamkit.core.model.sites import Hosting, Organizer, SiteFields


class Holds(StrEnum):
    """How a field holds a person."""

    ENTRIES = "entries"  # a list of person models: each forgotten entry keeps its place as "Anonymous"
    NAME = "name"  # free text naming someone by name or GitHub handle: a forgotten one is removed
    JUDGE = "judge"  # the id of one of the sprint's judges: renamed with the judge


@dataclass(frozen=True)
class Person:
    """A model that is a person. Forgetting keeps only ``kept``; every other field (a new one too) goes.

    ``id`` names the field other files refer to this person by (the model's
    ``key`` is its value, with its default); a forgotten entry gets a new one.
    """

    kept: tuple[str, ...] = ()
    id: str | None = None


PERSONS: Mapping[type[Fields], Person] = {
    Judge: Person(kept=("topics", "conflicts"), id="id"),
    Member: Person(),
    Author: Person(),
    Mentor: Person(),
    Organizer: Person(),
}

# The person's own file (``people/<github>.md``): forgetting deletes it whole, so its fields need no list.
WHOLE_FILE: tuple[type[Fields], ...] = (ProfileFields,)

PERSON_FIELDS: Mapping[type[Fields], Mapping[str, Holds]] = {
    SprintFields: {"judges": Holds.ENTRIES},
    Site: {"organizer": Holds.NAME},
    ScheduleItem: {"speaker": Holds.NAME},
    SubmissionFields: {"members": Holds.ENTRIES},
    PublicationFields: {"authors": Holds.ENTRIES},
    CohortFields: {"mentors": Holds.ENTRIES},
    CohortTeam: {"mentor": Holds.NAME},
    SiteFields: {"organizers": Holds.ENTRIES},
    ReviewFields: {"judge": Holds.JUDGE},
    AssignmentFields: {"judge": Holds.JUDGE},
    FinalRankingFields: {"judge": Holds.JUDGE},
}

_TITLE = "a title, written about the work, not a person field"
_URL = "a web address"
_SLUG = "a slug of another file"
_OWN = "part of a person's own profile, which forgetting deletes whole"
_PROSE = "prose; `jam forget` lists the lines of prose that still name the person, to be edited by hand"

NOT_PEOPLE: Mapping[type[Fields], Mapping[str, str]] = {
    SprintFields: {
        "title": _TITLE,
        "tagline": _PROSE,
        "topics": "research topics",
        "partners": "organisations that run or support the sprint, not people",
        "criteria": "what judges score, not people",
        "sites": "places; a site's organizer is a person field of Site",
        "registration": _URL,
        "hazard_keywords": "words to look for in projects",
    },
    Partner: {"name": "an organisation's name", "url": _URL},
    Prize: {"currency": "an ISO 4217 code"},
    Criterion: {"id": "a criterion's id", "name": "a criterion's name", "description": "what judges look for"},
    Site: {"id": "a site's id", "name": "a place's name", "city": "a city", "country": "a country code", "url": _URL},
    ScheduleItem: {"title": _TITLE, "url": _URL},
    Resource: {"title": _TITLE, "url": _URL, "kind": "a kind of material"},
    Award: {"project": _SLUG, "prize": "a prize as shown"},
    SubmissionFields: {
        "title": _TITLE,
        "abstract": _PROSE,
        "report": "a file or web address",
        "team": "the team's chosen name, not a person",
        "code": _URL,
        "video": _URL,
        "tags": "keywords",
        "site": "a site's id",
        "license": "an SPDX id",
    },
    Link: {"title": _TITLE, "url": _URL},
    Retraction: {"reason": _PROSE},
    Lab: {"status": "a fellowship status", "cohort": _SLUG},
    PublicationFields: {
        "title": _TITLE,
        "venue": "a conference, workshop, journal or blog",
        "url": _URL,
        "doi": "an identifier of the work",
        "arxiv": "an identifier of the work",
        "projects": "references to projects",
    },
    AssignmentFields: {"projects": "slugs of projects"},
    FinalRankingFields: {"ranking": "slugs of projects"},
    ReviewFields: {"project": _SLUG, "scores": "criterion ids and numbers", "comment": _PROSE},
    Milestone: {"title": _OWN, "organisation": _OWN, "url": _URL},
    TeamMilestone: {"note": _PROSE},
    CohortTeam: {"project": "a project reference", "publication": _SLUG},
    CohortFields: {"title": _TITLE},
    SiteFields: {
        "name": "a place's name",
        "city": "a city",
        "country": "a country code",
        "timezone": "a time zone",
        "url": _URL,
        "contact": "a web address of a form or page (never an e-mail address)",
    },
    Hosting: {"sprint": _SLUG, "venue": "a room or building", "registration": _URL, "notes": _PROSE},
}


def models_in(annotation: Any) -> list[type[Fields]]:
    """The models a field's type holds (``list[Judge]``, ``Site | None``...), so a walk can go below them."""
    if isinstance(annotation, type) and issubclass(annotation, Fields):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in models_in(arg)]
