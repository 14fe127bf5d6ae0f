"""Front-matter fields: what each field accepts, and the message and line when it does not."""

from __future__ import annotations

import datetime as dt

import pytest

from jamkit.core.model import AOE, GITHUB_RE, Judge, Position
from jamkit.core.wording import shown
from jamkit.files.load import load_catalog
from tests.helpers import SPRINT, SUBMISSION

S = "sprints/demo-sprint.md"
P = "submissions/demo-sprint/probing.md"


def test_unknown_field_suggests_the_nearest_known_one(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("report: report.pdf", "reprot: report.pdf"))
    checked = jam_check(demo_repo)
    unknown = checked.one("JAM102")
    assert (unknown["line"], unknown["col"]) == (7, 1)
    assert unknown["fix"] == "did you mean 'report'?"
    assert checked.where("JAM101") == [(P, 2, 1)]  # and 'report' itself is now missing


def test_unknown_field_far_from_any_lists_the_known_fields(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "colour: blue"))
    unknown = jam_check(demo_repo).one("JAM102")
    assert unknown["fix"].startswith("remove it; known fields here: title, members, abstract, report")


def test_nested_unknown_field_points_at_the_key_in_its_member(demo_repo, jam_check) -> None:
    text = SUBMISSION.replace("    github: bea\n", "    github: bea\n  - name: Cy\n    githb: cy\n")
    demo_repo.write(P, text)
    unknown = jam_check(demo_repo).one("JAM102")
    assert (unknown["line"], unknown["col"]) == (7, 5)
    assert unknown["message"] == "unknown field 'members[1].githb'"
    assert unknown["fix"] == "did you mean 'github'?"


def test_nested_missing_field_points_at_the_parent_mapping(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("  - name: Bea Builder\n    github: bea\n", "  - github: bea\n"))
    missing = jam_check(demo_repo).one("JAM101")
    assert (missing["line"], missing["col"]) == (4, 5)
    assert missing["message"] == "missing required field 'name' in 'members[0]'"
    assert missing["fix"] == "add 'name:'"


def test_missing_starts_in_sprint_points_at_the_front_matter_start(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("starts: 2025-01-17T09:00:00+00:00\n", ""))
    assert jam_check(demo_repo).where("JAM101") == [(S, 2, 1)]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("ends", "says"),
    [
        ("2025-01-19T10:00:00", "has no UTC offset"),
        ("2025-01-19 10:00", "has no UTC offset"),
        ("19.01.2025", "is not an ISO 8601 date-time"),
        ("2025-02-30", "is not a date"),
        ("tomorrow", "is not an ISO 8601 date-time"),
        ("20250119", "is not an ISO 8601 date-time"),
    ],
)
def test_bad_deadline_is_reported_at_ends(demo_repo, jam_check, ends, says) -> None:
    demo_repo.write(S, SPRINT.replace("ends: 2025-01-19", f"ends: {ends}"))
    bad = jam_check(demo_repo).one("JAM105")
    assert (bad["path"], bad["line"], bad["col"]) == (S, 4, 1)
    assert says in bad["message"]
    assert "e.g. 2026-03-14T09:00:00+00:00" in bad["fix"]


def test_starts_must_carry_an_offset_too(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("starts: 2025-01-17T09:00:00+00:00", "starts: 2025-01-17"))
    bad = jam_check(demo_repo).one("JAM105")
    assert (bad["line"], bad["message"]) == (3, "'starts': '2025-01-17' has no UTC offset")


def test_bare_ends_date_is_23_59_59_anywhere_on_earth(demo_repo) -> None:
    catalog, found = load_catalog(demo_repo.root)
    assert found == []
    sprint = catalog.sprints["demo-sprint"]
    assert sprint.fields.ends == dt.datetime(2025, 1, 19, 23, 59, 59, tzinfo=AOE)
    assert sprint.fields.ends == dt.datetime(2025, 1, 20, 11, 59, 59, tzinfo=dt.UTC)
    assert sprint.fields.ends.utcoffset() == dt.timedelta(hours=-12)


def test_bare_ends_on_the_starting_day_is_after_a_morning_start(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("ends: 2025-01-19", "ends: 2025-01-17"))
    assert jam_check(demo_repo).diagnostics == []


def test_ends_equal_to_starts_is_not_after(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("ends: 2025-01-19", "ends: 2025-01-17T10:00:00+01:00"))
    bad = jam_check(demo_repo).one("JAM106")
    assert bad["line"] == 4
    assert bad["fix"] == "set `ends` (the submission deadline) later than `starts`"


def test_z_offset_is_accepted(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("starts: 2025-01-17T09:00:00+00:00", "starts: 2025-01-17T09:00:00Z"))
    assert jam_check(demo_repo).diagnostics == []


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("handle", "fix"),
    [
        ("'@bob'", "write the handle without '@': bob"),
        ("a--b", "letters, digits and single hyphens"),
        ("-bob", "not starting or ending with '-'"),
        ("bob_smith", "letters, digits and single hyphens"),
        ("b" * 40, "at most 39 characters; this one has 40"),
        ("https://github.com/bob", "write just the user name: bob"),
    ],
)
def test_bad_github_handle(demo_repo, jam_check, handle, fix) -> None:
    demo_repo.write(P, SUBMISSION.replace("github: bea", f"github: {handle}"))
    bad = jam_check(demo_repo).one("JAM108")
    assert (bad["line"], bad["col"]) == (5, 5)
    assert fix in bad["fix"]


@pytest.mark.parametrize("handle", ["b" * 39, "a-b-c", "Bea2", "x"])
def test_good_github_handle(demo_repo, jam_check, handle) -> None:
    demo_repo.write(P, SUBMISSION.replace("github: bea", f"github: {handle}"))
    assert jam_check(demo_repo).diagnostics == []
    assert GITHUB_RE.match(handle)


def test_judge_id_defaults_to_github_then_to_a_slug_of_the_name() -> None:
    assert Judge(name="Ada Judge", github="Ada-J").key == "ada-j"
    assert Judge(name="Zoë Ábel").key == "zoe-abel"
    assert Judge(id="z1", name="Zoë", github="zz").key == "z1"


def test_team_size_within_default_bounds(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("team_size: {min: 1, max: 3}\n", ""))
    five = SUBMISSION.replace("    github: bea\n", "    github: bea\n" + "  - name: Extra\n" * 4)
    demo_repo.write(P, five)
    assert jam_check(demo_repo).diagnostics == []
    demo_repo.write(P, five.replace("    github: bea\n", "    github: bea\n  - name: Sixth\n"))
    big = jam_check(demo_repo).one("JAM202")
    assert big["message"] == "the team has 6 members; Demo Research Sprint allows 1 to 5"
    assert big["fix"] == "split the team or ask the organizers"


def test_team_below_the_minimum(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("{min: 1, max: 3}", "{min: 2, max: 3}"))
    small = jam_check(demo_repo).one("JAM202")
    assert (small["line"], small["message"]) == (3, "the team has 1 member; Demo Research Sprint allows 2 to 3")
    assert small["fix"] == "add the missing team members"


def test_empty_members_list(demo_repo, jam_check) -> None:
    demo_repo.write(
        P, SUBMISSION.replace("  - name: Bea Builder\n    github: bea\n", "").replace("members:", "members: []")
    )
    bad = jam_check(demo_repo).one("JAM103")
    assert (bad["line"], bad["message"]) == (3, "'members' needs at least 1 entry")


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("line_text", "says", "fix"),
    [
        ("team: 007", "'team' must be text, not the number 7", "put the value in quotes"),
        ("license:", "'license' is empty", "write a value after 'license:', or remove the line"),
        ("tags: interpretability", "'tags' must be a list, not 'interpretability'", "write one '- item' per line"),
        ("links: [https://example.org]", "'links[0]' must be fields", "'key: value' lines"),
        (
            "status: gone",
            "'status' is 'gone', which is not one of",
            "use one of 'published', 'retracted' or 'embargoed'",
        ),
    ],
)
def test_wrong_types_are_explained_in_plain_words(demo_repo, jam_check, line_text, says, fix) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", line_text))
    bad = jam_check(demo_repo).one("JAM103")
    assert bad["line"] == 8
    assert says in bad["message"]
    assert fix in bad["fix"]


@pytest.mark.parametrize(
    "field",
    [
        "code: javascript:alert(1)",
        "video: http://example.org/v",
        "code: github.com/bea/probing",
        "code: https://",
        "links: [{title: Repo, url: 'JAVASCRIPT:alert(1)'}]",
        "code: 'https://exa mple.org'",
        "code: https://[x",
    ],
)
def test_urls_must_be_https(demo_repo, jam_check, field) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", field))
    bad = jam_check(demo_repo).one("JAM107")
    assert bad["line"] == 8
    assert "is not an https URL" in bad["message"]


def test_http_url_fix_asks_for_the_https_address(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "video: http://example.org/v"))
    assert jam_check(demo_repo).one("JAM107")["fix"] == "use the https:// address of the same page"


def test_https_urls_everywhere_are_accepted(demo_repo, jam_check) -> None:
    extra = "code: https://github.com/bea/p\nvideo: HTTPS://youtu.be/x\nlinks: [{title: Blog, url: 'https://e.org/a?b=c#d'}]"
    demo_repo.write(P, SUBMISSION.replace("site: london", extra))
    assert jam_check(demo_repo).diagnostics == []


def test_sprint_urls_must_be_https(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("team_size:", "registration: http://example.org/signup\nteam_size:"))
    assert jam_check(demo_repo).where("JAM107") == [(S, 5, 1)]


def test_site_id_format(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("{id: online,", "{id: On Line,"))
    assert jam_check(demo_repo).where("JAM104") == [(S, 12, 6)]


def test_messages_show_long_or_odd_values_briefly() -> None:
    assert shown("a\nb\x1b[31m") == "a\\nb\\x1b[31m"
    assert shown("x" * 100) == "x" * 59 + "…"


def test_position_is_one_based() -> None:
    assert Position(1) == Position(1, 1)
