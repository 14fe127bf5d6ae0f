"""Reading files: every broken kind of file gives one diagnostic at the right line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamkit.checks import check
from jamkit.files.layout import has_project
from jamkit.files.load import body_of, load_catalog, split_document
from jamkit.files.yaml.loader import MAX_DEPTH, MAX_NODES
from tests.helpers import SPRINT, SUBMISSION

P = "submissions/demo-sprint/probing.md"

BROKEN = [
    # (name, content, code, line, col, words in the message)
    ("non-utf8", SUBMISSION.encode().replace(b"report.pdf", b"r\xe9port.pdf"), "JAM001", 7, 10, "byte 0xe9"),
    ("non-utf8-after-accents", "---\ntitle: Café\nteam: Zoë ".encode() + b"\xff\n---\n", "JAM001", 3, 11, "byte 0xff"),
    ("utf16", "---\ntitle: x\n---\n".encode("utf-16"), "JAM001", 1, 1, "looks like UTF-16"),
    ("empty", "", "JAM003", 1, 1, "the file is empty"),
    ("only-blank-lines", "\n\n  \n", "JAM003", 1, 1, "the file is empty"),
    ("no-front-matter", "# Probing\n\nA write-up.\n", "JAM003", 1, 1, "has no front matter"),
    ("front-matter-not-first", "\n# Title\n---\ntitle: x\n---\n", "JAM003", 1, 1, "first '---' is on line 3"),
    ("unclosed", "---\ntitle: Probing\nmembers: []\n", "JAM003", 1, 1, "never closed"),
    ("empty-front-matter", "---\n---\nbody\n", "JAM003", 1, 1, "front matter is empty"),
    ("list", "---\n- title: Probing\n- members: []\n---\n", "JAM004", 2, 1, "is a list"),
    ("scalar", "---\nJust a sentence.\n---\n", "JAM004", 2, 1, "a single value"),
    ("tabs", "---\ntitle: Probing\nmembers:\n\t- name: Bea\n---\n", "JAM002", 4, 1, "indented with a tab"),
    (
        "duplicate",
        SUBMISSION.replace("report: report.pdf\n", "report: report.pdf\ntitle: Again\n"),
        "JAM005",
        8,
        1,
        "'title' appears more than once",
    ),
    ("unquoted-colon", "---\ntitle: Probing: a study\n---\n", "JAM002", 2, 8, "holds ': '"),
    ("nul-byte", "---\ntitle: Pro\x00bing\n---\n", "JAM002", 2, 11, "U+0000"),
    ("bad-tag", "---\ntitle: !!int Probing\n---\n", "JAM002", 2, 8, "not a valid !int"),
]


@pytest.mark.parametrize(("name", "content", "code", "line", "col", "says"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_gives_one_diagnostic_at_its_line(
    demo_repo, jam_check, name, content, code, line, col, says
) -> None:
    demo_repo.write(P, content)
    checked = jam_check(demo_repo)
    assert checked.exit_code == 1
    mine = [d for d in checked.diagnostics if d["path"] == P]
    assert [(d["code"], d["line"], d["col"]) for d in mine] == [(code, line, col)], mine
    assert says in mine[0]["message"]
    assert mine[0]["fix"]


def test_bom_and_crlf_are_accepted_and_lines_still_count(demo_repo, jam_check) -> None:
    demo_repo.write(P, ("\ufeff" + SUBMISSION).replace("\n", "\r\n").encode())
    assert jam_check(demo_repo).diagnostics == []
    demo_repo.write(P, ("\ufeff" + SUBMISSION.replace("site: london", "site: paris")).replace("\n", "\r\n").encode())
    checked = jam_check(demo_repo)
    assert checked.where("JAM203") == [(P, 8, 1)]


def test_old_mac_line_endings_count_as_lines(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris").replace("\n", "\r").encode())
    assert jam_check(demo_repo).where("JAM203") == [(P, 8, 1)]


def test_body_may_contain_more_dashes(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION + "\n---\n\nA second section after a rule.\n---\n")
    assert jam_check(demo_repo).diagnostics == []


def test_yaml_11_boolean_keys_are_unknown_fields_not_crashes(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london\n", "site: london\non: push\nyes: 1\n1: 2\n"))
    checked = jam_check(demo_repo)
    assert [(d["line"], d["message"]) for d in checked.diagnostics] == [
        (9, "unknown field 'on'"),
        (10, "unknown field 'yes'"),
        (11, "unknown field '1'"),
    ]


def test_norway_is_a_country_not_false(demo_repo, jam_check) -> None:
    demo_repo.write("sprints/demo-sprint.md", SPRINT.replace("country: GB", "country: NO"))
    assert jam_check(demo_repo).diagnostics == []


def test_a_broken_file_stays_present_so_references_to_it_are_not_reported(demo_repo, jam_check) -> None:
    demo_repo.write(P, "---\ntitle: [unclosed\n---\n")
    checked = jam_check(demo_repo)
    assert checked.codes == ["JAM002"]  # the publication naming demo-sprint/probing is not blamed


def test_broken_sprint_does_not_make_its_projects_unknown(demo_repo, jam_check) -> None:
    demo_repo.write("sprints/demo-sprint.md", SPRINT.replace("title: Demo Research Sprint\n", ""))
    checked = jam_check(demo_repo)
    assert checked.where("JAM101") == [("sprints/demo-sprint.md", 2, 1)]
    assert "JAM201" not in checked.codes


def test_catalog_holds_what_loaded(demo_repo) -> None:
    catalog, found = load_catalog(demo_repo.root)
    assert found == []
    assert set(catalog.sprints) == {"demo-sprint"}
    assert set(catalog.submissions) == {"demo-sprint/probing"}
    assert set(catalog.publications) == {"a-paper"}
    assert catalog.submissions["demo-sprint/probing"].body == "The long write-up.\n"
    assert catalog.present == {"sprints/demo-sprint.md", P, "publications/a-paper.md"}


def test_partial_load_reads_sprints_and_the_named_files_only(demo_repo) -> None:
    catalog, _ = load_catalog(demo_repo.root, only=["publications/a-paper.md"])
    assert set(catalog.sprints) == {"demo-sprint"}
    assert catalog.submissions == {}
    assert set(catalog.publications) == {"a-paper"}
    assert has_project(catalog, "demo-sprint/probing")  # known from the file list, without loading it


def test_reviews_that_are_not_a_list(demo_repo, jam_check) -> None:
    demo_repo.write("sprints/demo-sprint/reviews.yaml", "judge: ada-judge\nproject: probing\n")
    checked = jam_check(demo_repo)
    assert checked.where("JAM004") == [("sprints/demo-sprint/reviews.yaml", 1, 1)]


def test_review_that_is_not_a_mapping_names_the_review(demo_repo, jam_check) -> None:
    demo_repo.write("sprints/demo-sprint/reviews.yaml", "- ada-judge likes it\n")
    d = jam_check(demo_repo).one("JAM103")
    assert (d["line"], d["col"]) == (1, 3)
    assert d["message"].startswith("review 1 must be fields")


def test_empty_reviews_file_means_no_reviews(demo_repo, jam_check) -> None:
    demo_repo.write("sprints/demo-sprint/reviews.yaml", "")
    assert jam_check(demo_repo).diagnostics == []


# --------------------------------------------------------------------------- hostile input, fast


def _bomb(levels: int = 9) -> str:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("name", "front_matter", "line", "stopped_by"),
    [
        ("billion-laughs", _bomb(), 2, f"expands to more than {MAX_NODES} values"),
        ("recursive-alias", "title: &t [a, *t]\n", 2, "refers to the mapping or list that contains it"),
        ("recursive-merge", "title: &t {<<: *t}\n", 2, "refers to the mapping or list that contains it"),
        ("deep-nesting", "title: " + "[" * 3000 + "]" * 3000 + "\n", 2, f"nests more than {MAX_DEPTH} levels deep"),
    ],
)
def test_yaml_bombs_end_fast_with_a_diagnostic(demo_repo, jam_check, name, front_matter, line, stopped_by) -> None:
    demo_repo.write(P, "---\n" + front_matter + "---\n")
    checked = jam_check(demo_repo)
    assert checked.codes == ["JAM002"]
    assert checked.diagnostics[0]["line"] == line
    assert stopped_by in checked.diagnostics[0]["message"]  # the limit that ended the work early, not a clock


def _load_and_check(root: Path) -> list:
    catalog, found = load_catalog(root)
    return found + check(catalog)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
yamlish = st.lists(
    st.sampled_from(
        [
            "title",
            "members",
            "abstract",
            "report",
            "site",
            "github",
            "name",
            ":",
            ": ",
            "- ",
            "  ",
            "\t",
            "\n",
            "{",
            "}",
            "[",
            "]",
            ",",
            "&a ",
            "*a",
            "<<: ",
            "!!int ",
            "!!str ",
            "? ",
            "'",
            '"',
            "#",
            "|",
            ">",
            "---",
            "...",
            "%YAML 1.1",
            "on",
            "yes",
            "~",
            "null",
            "1e9",
            "0x1F",
            "09:30",
            "2025-01-19",
            "@bea",
            "https://x.org",
            "javascript:alert(1)",
            "é",
            "\u2028",
            "\x85",
            "\ufeff",
            "\x00",
            "\x1b[31m",
        ]
    ),
    max_size=60,
).map("".join)


@FUZZ
@given(body=yamlish)
def test_fuzz_yamlish_front_matter_never_raises(demo_repo, body: str) -> None:
    demo_repo.write(P, "---\n" + body + "\n---\n")
    found = _load_and_check(demo_repo.root)
    assert all(d.line >= 1 and d.col >= 1 for d in found)
    assert all(isinstance(d.message, str) and d.message for d in found)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_fuzz_random_bytes_never_raise(demo_repo, raw: bytes) -> None:
    demo_repo.write(P, raw)
    demo_repo.write("sprints/demo-sprint/reviews.yaml", raw)
    found = _load_and_check(demo_repo.root)
    assert all(d.line >= 1 and d.col >= 1 for d in found)


@FUZZ
@given(value=st.one_of(st.text(max_size=80), st.integers(), st.floats(), st.booleans(), st.none()))
def test_fuzz_any_value_in_any_field_never_raises(demo_repo, value) -> None:
    import json

    for key in ("title", "members", "abstract", "report", "site", "code", "license", "embargo_until"):
        demo_repo.write(P, SUBMISSION.replace("site: london", f"{key}: {json.dumps(value)}"))
        found = _load_and_check(demo_repo.root)
        assert all(d.line >= 1 for d in found)


@pytest.mark.parametrize(
    "text",
    [
        SUBMISSION,
        SUBMISSION.replace("The long write-up.", "\n\n\nAfter blank lines.\n---\nA rule, not a boundary.\n"),
        SUBMISSION.replace("\n---\nThe long write-up.\n", "\n---   \n"),
        "---\ntitle: x\n---",
        "no front matter\n",
        "---\nnever closed\n",
        " ---\ntitle: x\n---\nbody\n",
    ],
)
def test_a_body_is_cut_before_loading_as_loading_cuts_it(text: str) -> None:
    """Bodies are rendered on another core while the files load (``checkcache.bodies_ahead``): the same text."""
    doc, _ = split_document("submissions/demo-sprint/probing.md", text)
    if doc is not None:
        assert body_of(text) == doc.body
    elif not text.startswith("---"):
        assert body_of(text) is None
