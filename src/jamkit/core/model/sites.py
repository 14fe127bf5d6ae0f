"""The front matter of a local site's own file, ``sites/<site>.md``, as pydantic models.

A local site (a hub) is written by its organisers: where it is, who runs it,
how to reach them, and one ``hosts`` entry per sprint it takes part in. The
pull-request policy lets anyone add a site that lists them as an organiser and
only its organisers change it; these models say what a valid file holds.
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from jamkit.core.model.fields import Fields
from jamkit.core.model.types import Contact, Country, GitHub, HttpsUrl, Slug, Text, TimeZone


class Organizer(Fields):
    """Someone who runs the site. Organisers with `github` may change the site's file."""

    name: Text = Field(description="Full name.")
    github: GitHub | None = Field(None, description="GitHub handle, without `@`; only listed handles edit the file.")


class Location(Fields):
    """Where the site is on the map, in decimal degrees."""

    lat: float = Field(ge=-90, le=90, description="Latitude, e.g. `51.52`.")
    lon: float = Field(ge=-180, le=180, description="Longitude, e.g. `-0.13`.")


class Hosting(Fields):
    """One sprint the site takes part in. Teams at the site name it by the file's slug in their `site`."""

    sprint: Slug = Field(description="The sprint's slug, as in `sprints/<sprint>.md`.")
    venue: str | None = Field(None, description="The room or building, e.g. `Room 101, Example Library`.")
    capacity: int | None = Field(None, ge=1, description="How many people the venue holds.")
    registration: HttpsUrl | None = Field(None, description="Where to sign up for this site.")
    notes: str | None = Field(None, description="Anything else people should know: food, access, hours.")


class SiteFields(Fields):
    """Front matter of `sites/<site>.md`: a local site that hosts sprints, written by its organisers."""

    name: Text = Field(description="The site's name, e.g. `London hub`.")
    city: Text = Field(description="City.")
    country: Country = Field(description="ISO 3166-1 alpha-2 code, e.g. `GB` or `BR`.")
    timezone: TimeZone = Field(description="IANA time zone the schedule is shown in, e.g. `America/Sao_Paulo`.")
    organizers: list[Organizer] = Field(min_length=1, description="Who runs the site; at least one has `github`.")
    url: HttpsUrl | None = Field(None, description="The site's own page.")
    contact: Contact = Field(description="An https URL of a contact form or page; never an e-mail address.")
    location: Location | None = Field(None, description="`{lat, lon}` for the map; without it, the country is marked.")
    hosts: list[Hosting] = Field([], description="One entry per sprint the site takes part in.")
    example: bool = Field(False, description="Marks demonstration content on its page.")

    @model_validator(mode="after")
    def _someone_on_github(self) -> SiteFields:
        if not any(o.github for o in self.organizers):
            raise PydanticCustomError(
                "jam_no_organizer_github",
                "no organiser has a GitHub handle",
                {"fix": "add `github: <handle>` to at least one organiser", "loc": "organizers"},
            )
        return self
