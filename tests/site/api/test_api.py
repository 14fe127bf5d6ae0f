"""The machine-readable outputs as their readers see them: JSON, JSON Schema, Atom, iCalendar."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Protocol

import frontmatter
import icalendar
import jsonschema
import pytest
import yaml

from jamkit.core.model import Catalog
from jamkit.docs.api import API_KEYS
from jamkit.docs.example import EXAMPLES
from jamkit.files.load import load_catalog
from jamkit.site.api import outputs
from tests.helpers import example_root

ATOM = "{http://www.w3.org/2005/Atom}"
UTC = dt.UTC
AFTER = dt.datetime(2025, 2, 1, 12, 0, tzinfo=UTC)  # the demo sprint is over

SPRINT_PATH = "sprints/demo-sprint.md"
SUBMISSION_PATH = "submissions/demo-sprint/probing.md"
PUBLICATION_PATH = "publications/a-paper.md"

# Added to the demo sprint (before its `sites:`): a tagline to escape, a schedule, awards.
SPRINT_ADDITIONS = """\
tagline: "Tags <b>&</b> \\"quotes\\" \\x01 survive"
schedule:
  - {at: 2025-01-17T10:00:00+01:00, title: "Keynote, opening; talk \\\\ more"}
  - {at: 2025-01-18T15:30:00-05:00, title: "Ünïcödé office hours with a long title that must be folded somewhere"}
awards:
  - {place: 1, project: probing, prize: "1,000 USD"}
  - {place: 2, project: withdrawn}
  - {place: 3, project: secret}
sites:"""

RETRACTED = """\
---
title: Withdrawn Work
members:
  - {name: Cy Coder, github: cy}
abstract: HAZARDOUS-ABSTRACT-TEXT
report: https://example.org/hazard.pdf
code: https://example.org/hazard-code
status: retracted
retraction: {date: 2025-01-25, reason: It described a hazardous method.}
---
HAZARDOUS-BODY
"""

EMBARGOED = """\
---
title: SECRET-TITLE
members:
  - {name: Dee Secret, github: dee-secret}
abstract: SECRET-ABSTRACT
report: https://example.org/secret.pdf
status: embargoed
embargo_until: 2030-01-01
---
"""

UNEMBARGOED = """\
---
title: Embargo Over
members:
  - {name: Eve Early, github: eve}
abstract: Published once the embargo ended.
report: https://example.org/early.pdf
status: embargoed
embargo_until: 2025-01-20
---
"""

UPCOMING = """\
---
title: "Next <Sprint> & Co"
starts: 2025-06-01T09:00:00+02:00
ends: 2025-06-03T18:00:00+02:00
topics: [evals, "red teaming, agents"]
---
"""


class Repo(Protocol):
    """The shared ``demo_repo`` fixture: a repository folder we can add files to."""

    root: Path

    def write(self, path: str, content: str | bytes) -> Path: ...


def text_of(repo: Repo, path: str) -> str:
    return (repo.root / path).read_text(encoding="utf-8")


@pytest.fixture
def catalog(demo_repo: Repo) -> Catalog:
    """The demo repository with awards, a schedule, and retracted and embargoed projects."""
    demo_repo.write(SPRINT_PATH, text_of(demo_repo, SPRINT_PATH).replace("sites:", SPRINT_ADDITIONS))
    demo_repo.write("submissions/demo-sprint/withdrawn.md", RETRACTED)
    demo_repo.write("submissions/demo-sprint/secret.md", EMBARGOED)
    demo_repo.write("submissions/demo-sprint/early.md", UNEMBARGOED)
    demo_repo.write("sprints/next-sprint.md", UPCOMING)
    paper = text_of(demo_repo, PUBLICATION_PATH)
    demo_repo.write(
        PUBLICATION_PATH, paper.replace("[demo-sprint/probing]", "[demo-sprint/probing, demo-sprint/secret]")
    )
    loaded, problems = load_catalog(demo_repo.root)
    assert problems == []
    return loaded


def read_json(files: dict[str, str], path: str) -> dict[str, Any]:
    data = json.loads(files[path])
    assert data["version"] == 1
    return data


# --------------------------------------------------------------------------- open data


def test_outputs_cover_the_contract(catalog: Catalog) -> None:
    files = outputs(catalog, AFTER)
    assert {
        "api/sprints.json",
        "api/projects.json",
        "api/publications.json",
        "schema/sprint.json",
        "schema/submission.json",
        "schema/publication.json",
        "feed.xml",
        "calendar.ics",
    } <= set(files)


def test_sprints_json_lists_sprints_newest_first_with_status_and_awards(catalog: Catalog) -> None:
    sprints = read_json(outputs(catalog, AFTER), "api/sprints.json")["sprints"]
    assert [s["slug"] for s in sprints] == ["next-sprint", "demo-sprint"]
    demo = sprints[1]
    assert demo["url"] == "sprints/demo-sprint/"
    assert demo["status"] == "finished"
    assert sprints[0]["status"] == "upcoming"
    assert demo["ends"] == "2025-01-19T23:59:59-12:00"
    assert demo["team_size"] == {"min": 1, "max": 3}
    assert [j["id"] for j in demo["judges"]] == ["ada-judge"]
    # The embargoed winner and the retracted one are left out.
    assert demo["awards"] == [
        {"place": 1, "project": "demo-sprint/probing", "url": "projects/demo-sprint/probing/", "prize": "1,000 USD"},
    ]
    assert demo["projects"] == 2


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (dt.datetime(2025, 1, 1, tzinfo=UTC), "upcoming"),
        (dt.datetime(2025, 1, 18, tzinfo=UTC), "live"),
        (dt.datetime(2025, 1, 20, 11, 0, tzinfo=UTC), "live"),  # still 19 January somewhere on Earth
        (dt.datetime(2025, 1, 20, 12, 0, tzinfo=UTC), "judging"),
    ],
)
def test_sprint_status_follows_time(demo_repo: Repo, now: dt.datetime, status: str) -> None:
    loaded, _ = load_catalog(demo_repo.root)
    (sprint,) = read_json(outputs(loaded, now), "api/sprints.json")["sprints"]
    assert sprint["status"] == status
    assert sprint["awards"] == []


def test_projects_json_shows_public_projects_with_links(catalog: Catalog) -> None:
    projects = {p["ref"]: p for p in read_json(outputs(catalog, AFTER), "api/projects.json")["projects"]}
    probing = projects["demo-sprint/probing"]
    assert probing["url"] == "projects/demo-sprint/probing/"
    assert probing["status"] == "published"
    assert probing["abstract"] == "We probe a small model for deceptive behaviour."
    assert probing["report"] == "projects/demo-sprint/probing/report.pdf"
    assert probing["award"] == {"place": 1, "prize": "1,000 USD"}
    assert probing["members"][0] == {
        "name": "Bea Builder",
        "github": "bea",
        "affiliation": None,
        "orcid": None,
        "url": "people/bea/",
    }
    assert probing["publications"] == ["a-paper"]
    assert projects["demo-sprint/early"]["status"] == "published"  # its embargo has ended


def test_embargoed_project_is_absent_from_every_output(catalog: Catalog) -> None:
    files = outputs(catalog, AFTER)
    refs = [p["ref"] for p in read_json(files, "api/projects.json")["projects"]]
    assert "demo-sprint/secret" not in refs
    for path, text in files.items():
        for secret in ("SECRET-TITLE", "SECRET-ABSTRACT", "demo-sprint/secret", "dee-secret"):
            assert secret not in text, f"{secret} leaked into {path}"


def test_embargoed_project_appears_once_its_embargo_ends(catalog: Catalog) -> None:
    files = outputs(catalog, dt.datetime(2030, 1, 2, tzinfo=UTC))
    refs = [p["ref"] for p in read_json(files, "api/projects.json")["projects"]]
    assert "demo-sprint/secret" in refs


def test_retracted_project_is_absent_from_every_output(catalog: Catalog) -> None:
    files = outputs(catalog, AFTER)
    refs = [p["ref"] for p in read_json(files, "api/projects.json")["projects"]]
    assert "demo-sprint/withdrawn" not in refs
    for path, text in files.items():
        for hazard in ("Withdrawn Work", "HAZARDOUS-ABSTRACT-TEXT", "HAZARDOUS-BODY", "hazard.pdf", "hazard-code"):
            assert hazard not in text, f"{hazard} leaked into {path}"


def test_publications_json_links_visible_projects_only(catalog: Catalog) -> None:
    (paper,) = read_json(outputs(catalog, AFTER), "api/publications.json")["publications"]
    assert paper["slug"] == "a-paper"
    assert paper["url"] == "https://example.org/paper"
    assert paper["abstract"] == "The abstract."
    assert paper["projects"] == [{"ref": "demo-sprint/probing", "url": "projects/demo-sprint/probing/"}]


def test_links_are_absolute_under_a_site_url(catalog: Catalog) -> None:
    files = outputs(catalog, AFTER, site_url="https://jams.example.org/sub")
    projects = {p["ref"]: p for p in read_json(files, "api/projects.json")["projects"]}
    assert projects["demo-sprint/probing"]["url"] == "https://jams.example.org/sub/projects/demo-sprint/probing/"
    assert projects["demo-sprint/probing"]["report"] == (
        "https://jams.example.org/sub/projects/demo-sprint/probing/report.pdf"
    )
    assert projects["demo-sprint/early"]["report"] == "https://example.org/early.pdf"


@pytest.mark.parametrize("kind", ["sprints", "projects", "publications"])
def test_every_json_key_is_documented_in_api_md(catalog: Catalog, kind: str) -> None:
    data = read_json(outputs(catalog, AFTER), f"api/{kind}.json")
    assert set(data) == set(API_KEYS["envelope"]) | {kind}
    seen = {key for item in data[kind] for key in item}
    assert seen == set(API_KEYS[kind]), "update API_KEYS in src/jamkit/docs/api.py, then run `python -m jamkit.docs`"


def test_api_does_not_import_mkdocs() -> None:
    code = "import sys, jamkit.site.api; sys.exit(1 if any(m.startswith('mkdocs') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------- JSON Schema


def front_matter(text: str) -> dict[str, Any]:
    """Front matter as a JSON document holds it: dates become ISO 8601 strings."""
    data = frontmatter.loads(text).metadata
    return json.loads(json.dumps(data, default=lambda v: v.isoformat()))


def validator(files: dict[str, str], kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(files[f"schema/{kind}.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", ["sprint", "submission", "publication", "reviews"])
def test_schemas_are_valid_2020_12_with_id_and_title(catalog: Catalog, kind: str) -> None:
    files = outputs(catalog, AFTER, site_url="https://jams.example.org/")
    schema = json.loads(files[f"schema/{kind}.json"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://jams.example.org/schema/{kind}.json"
    assert schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert json.loads(outputs(catalog, AFTER)[f"schema/{kind}.json"])["$id"] == f"{kind}.json"


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("sprint", SPRINT_PATH),
        ("submission", SUBMISSION_PATH),
        ("submission", "submissions/demo-sprint/withdrawn.md"),
        ("submission", "submissions/demo-sprint/secret.md"),
        ("publication", PUBLICATION_PATH),
    ],
)
def test_schemas_accept_the_fixtures_front_matter(demo_repo: Repo, catalog: Catalog, kind: str, path: str) -> None:
    validator(outputs(catalog, AFTER), kind).validate(front_matter(text_of(demo_repo, path)))


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("sprint", "sprints/interp-2026.md"),
        ("submission", "submissions/interp-2026/probing-deception.md"),
        ("publication", "publications/deception-probes.md"),
    ],
)
def test_schemas_accept_the_documented_examples(catalog: Catalog, kind: str, path: str) -> None:
    validator(outputs(catalog, AFTER), kind).validate(front_matter(EXAMPLES[path]))


def test_schemas_accept_this_repositorys_own_content(catalog: Catalog) -> None:
    """The demonstration content passes `jam check`, so the schemas must accept it too."""
    files = outputs(catalog, AFTER)
    example = example_root()
    for kind, pattern in [
        ("sprint", "sprints/*.md"),
        ("submission", "submissions/*/*.md"),
        ("publication", "publications/*.md"),
    ]:
        check = validator(files, kind)
        for path in sorted(example.glob(pattern)):
            errors = [e.message for e in check.iter_errors(front_matter(path.read_text(encoding="utf-8")))]
            assert not errors, f"{path.relative_to(example)}: {errors}"
    reviews = validator(files, "reviews")
    for path in sorted(example.glob("sprints/*/reviews.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert not [e.message for e in reviews.iter_errors(data)], path


def test_reviews_schema_accepts_a_reviews_file(catalog: Catalog) -> None:
    reviews = yaml.safe_load(EXAMPLES["sprints/interp-2026/reviews.yaml"])
    validator(outputs(catalog, AFTER), "reviews").validate(reviews)


@pytest.mark.parametrize(
    ("kind", "path", "change"),
    [
        ("sprint", SPRINT_PATH, {"titel": "typo"}),
        ("sprint", SPRINT_PATH, {"judges": [{"name": "Ada", "githb": "ada"}]}),
        ("submission", SUBMISSION_PATH, {"member": []}),
        ("submission", SUBMISSION_PATH, {"code": "http://example.org"}),
        ("publication", PUBLICATION_PATH, {"authors": [{"name": "A", "orcid": "0000-0002-1825-0097"}]}),
    ],
)
def test_schemas_reject_unknown_fields_and_bad_values(
    demo_repo: Repo, catalog: Catalog, kind: str, path: str, change: dict[str, Any]
) -> None:
    data = front_matter(text_of(demo_repo, path)) | change
    with pytest.raises(jsonschema.ValidationError):
        validator(outputs(catalog, AFTER), kind).validate(data)


def test_sprint_schema_accepts_partners_as_bare_names(demo_repo: Repo, catalog: Catalog) -> None:
    data = front_matter(text_of(demo_repo, SPRINT_PATH)) | {"partners": ["Example Lab", {"name": "Example Institute"}]}
    validator(outputs(catalog, AFTER), "sprint").validate(data)


def test_schema_properties_carry_their_meaning(catalog: Catalog) -> None:
    schema = json.loads(outputs(catalog, AFTER)["schema/sprint.json"])
    assert schema["properties"]["ends"]["description"].startswith("Submission deadline")
    assert schema["$defs"]["Judge"]["properties"]["id"]["description"]


@pytest.mark.parametrize("kind", ["sprint", "submission", "publication", "reviews"])
def test_every_schema_property_and_object_says_what_it_is(catalog: Catalog, kind: str) -> None:
    """Editors show these on hover: the same words as docs/format.md, taken from the model."""
    schema = json.loads(outputs(catalog, AFTER)[f"schema/{kind}.json"])
    top = schema["items"] if kind == "reviews" else schema
    objects = [top, *(d["anyOf"][-1] if "anyOf" in d else d for d in schema.get("$defs", {}).values())]
    for body in objects:
        assert body["description"] and "``" not in body["description"]
        for name, prop in body["properties"].items():
            assert prop.get("description", "").endswith("."), f"{kind}: {name} has no meaning"


# --------------------------------------------------------------------------- Atom feed


def feed_entries(text: str) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_feed_lists_sprints_and_awarded_projects_newest_first(catalog: Catalog) -> None:
    root, entries = feed_entries(outputs(catalog, AFTER)["feed.xml"])
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0] == "Next <Sprint> & Co"  # starts last, so newest
    assert "1st place at Demo Research Sprint: Probing for Deception" in titles
    assert "Demo Research Sprint" in titles
    assert not any("SECRET" in (t or "") for t in titles)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == updated[0]
    winner = next(e for e in entries if "Probing" in (e.findtext(f"{ATOM}title") or ""))
    assert winner.find(f"{ATOM}link").get("href") == "projects/demo-sprint/probing/"
    assert "We probe a small model" in (winner.findtext(f"{ATOM}summary") or "")
    assert winner.findtext(f"{ATOM}author/{ATOM}name") == "Bea Builder"
    for entry in entries:  # RFC 4287 requires these of every entry
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}title")


def test_feed_leaves_out_a_retracted_winner(catalog: Catalog) -> None:
    text = outputs(catalog, AFTER)["feed.xml"]
    _, entries = feed_entries(text)
    assert [e.findtext(f"{ATOM}title") for e in entries if "Withdrawn" in (e.findtext(f"{ATOM}title") or "")] == []
    assert "Withdrawn Work" not in text and "demo-sprint/withdrawn" not in text


def test_feed_escapes_markup_and_drops_control_characters(catalog: Catalog) -> None:
    text = outputs(catalog, AFTER)["feed.xml"]
    assert "\x01" not in text
    assert "<b>" not in text
    _, entries = feed_entries(text)
    demo = next(e for e in entries if e.findtext(f"{ATOM}title") == "Demo Research Sprint")
    assert 'Tags <b>&</b> "quotes"  survive' in (demo.findtext(f"{ATOM}summary") or "")


def test_feed_links_are_relative_unless_a_site_url_is_given(catalog: Catalog) -> None:
    root, entries = feed_entries(outputs(catalog, AFTER, site_url="https://jams.example.org")["feed.xml"])
    hrefs = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(h.startswith("https://jams.example.org/") for h in hrefs)
    self_link = next(x for x in root.findall(f"{ATOM}link") if x.get("rel") == "self")
    assert self_link.get("href") == "https://jams.example.org/feed.xml"
    _, relative = feed_entries(outputs(catalog, AFTER)["feed.xml"])
    assert all("://" not in e.find(f"{ATOM}link").get("href") for e in relative)


# --------------------------------------------------------------------------- iCalendar


def events(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_calendar_has_one_event_per_sprint_and_schedule_item(catalog: Catalog) -> None:
    found = events(outputs(catalog, AFTER)["calendar.ics"])
    summaries = [str(e["SUMMARY"]) for e in found]
    assert len(found) == 2 + 2
    assert "Demo Research Sprint" in summaries
    assert "Next <Sprint> & Co" in summaries
    assert "Demo Research Sprint: Keynote, opening; talk \\ more" in summaries  # TEXT escaping round-trips
    upcoming = next(e for e in found if str(e["SUMMARY"]) == "Next <Sprint> & Co")
    assert [str(c) for c in upcoming["CATEGORIES"].cats] == ["evals", "red teaming, agents"]
    assert "CATEGORIES:\r\n" not in outputs(catalog, AFTER)["calendar.ics"]  # none for a sprint without topics


def test_calendar_times_are_utc(catalog: Catalog) -> None:
    text = outputs(catalog, AFTER)["calendar.ics"]
    by_summary = {str(e["SUMMARY"]): e for e in events(text)}
    sprint = by_summary["Demo Research Sprint"]
    assert sprint.decoded("DTSTART") == dt.datetime(2025, 1, 17, 9, 0, tzinfo=UTC)
    assert sprint.decoded("DTEND") == dt.datetime(2025, 1, 20, 11, 59, 59, tzinfo=UTC)  # 23:59:59 AoE
    keynote = by_summary["Demo Research Sprint: Keynote, opening; talk \\ more"]
    assert keynote.decoded("DTSTART") == dt.datetime(2025, 1, 17, 9, 0, tzinfo=UTC)
    assert "DTSTART:20250117T090000Z\r\n" in text
    assert "DTSTART:20250118T203000Z\r\n" in text  # 15:30 at UTC-5
    assert "TZID" not in text


def test_calendar_lines_end_in_crlf_and_fold_at_75_octets(catalog: Catalog) -> None:
    raw = outputs(catalog, AFTER)["calendar.ics"].encode("utf-8")
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long Unicode title was folded


def test_calendar_uids_are_stable_and_unique(catalog: Catalog) -> None:
    first = [str(e["UID"]) for e in events(outputs(catalog, AFTER)["calendar.ics"])]
    later = [str(e["UID"]) for e in events(outputs(catalog, AFTER + dt.timedelta(days=30))["calendar.ics"])]
    assert first == later
    assert len(set(first)) == len(first)
    assert "sprint-demo-sprint@jamkit" in first
    hosted = [
        str(e["UID"]) for e in events(outputs(catalog, AFTER, site_url="https://jams.example.org/")["calendar.ics"])
    ]
    assert "sprint-demo-sprint@jams.example.org" in hosted


def test_calendar_requires_dtstamp_and_version(catalog: Catalog) -> None:
    calendar = icalendar.Calendar.from_ical(outputs(catalog, AFTER)["calendar.ics"])
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == AFTER


def test_outputs_are_deterministic(catalog: Catalog) -> None:
    assert outputs(catalog, AFTER) == outputs(catalog, AFTER)


# --------------------------------------------------------------------------- one sprint's calendar ("add to calendar")


def test_each_sprint_has_its_own_calendar_with_the_same_events(catalog: Catalog) -> None:
    files = outputs(catalog, AFTER)
    assert {"calendar/demo-sprint.ics", "calendar/next-sprint.ics"} <= set(files)
    whole = {str(e["UID"]): e for e in events(files["calendar.ics"])}
    own = events(files["calendar/demo-sprint.ics"])
    assert [str(e["SUMMARY"]) for e in own] == [
        "Demo Research Sprint",
        "Demo Research Sprint: Keynote, opening; talk \\ more",
        "Demo Research Sprint: Ünïcödé office hours with a long title that must be folded somewhere",
    ]
    for event in own:  # the same UID and times as in the whole calendar: a client never holds it twice
        same = whole[str(event["UID"])]
        assert (event.decoded("DTSTART"), event["SUMMARY"]) == (same.decoded("DTSTART"), same["SUMMARY"])
    assert [str(e["SUMMARY"]) for e in events(files["calendar/next-sprint.ics"])] == ["Next <Sprint> & Co"]
    assert str(icalendar.Calendar.from_ical(files["calendar/next-sprint.ics"])["X-WR-CALNAME"]) == "Next <Sprint> & Co"


def test_a_hostile_sprint_title_cannot_add_events_or_properties(demo_repo: Repo) -> None:
    hostile = 'title: "Evil\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Injected;\\\\, \\u0007 <b>"\n'
    demo_repo.write(
        SPRINT_PATH, re.sub(r"^title: .*\n", lambda _: hostile, text_of(demo_repo, SPRINT_PATH), flags=re.M)
    )
    catalog, problems = load_catalog(demo_repo.root)
    assert "demo-sprint" in catalog.sprints, problems
    text = outputs(catalog, AFTER)["calendar/demo-sprint.ics"]
    found = events(text)
    assert len(found) == 1
    summary = str(found[0]["SUMMARY"])
    assert "\r" not in summary and "\n" not in summary and "\x07" not in summary
    assert "Injected" in summary  # kept as text inside the one event
    assert text.split("\r\n").count("BEGIN:VEVENT") == 1 and "\r\nSUMMARY:Injected" not in text
