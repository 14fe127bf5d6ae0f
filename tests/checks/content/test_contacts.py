"""What counts as contact details (JAM115, issue 23 class 8): read as a reader sees the text, in files alike."""

from __future__ import annotations

import pytest

from jamkit.checks.content.bodies import convert
from jamkit.checks.content.contacts import contact_details, in_markdown
from tests.helpers import SUBMISSION

P = "submissions/demo-sprint/probing.md"
FOLDER = "submissions/demo-sprint/probing"
CLEAN = (
    "We ran it on 2026-12-07 at 14:30-16:00 UTC (2026-12-07T14:30:00+01:00), v1.2.3 and 10.0.19041.1234.\n"
    "DOI 10.1234/5678, doi 10.48550/arXiv.2401.00001, arXiv:2401.12345v2, ISBN 978-3-16-148410-0, "
    "ISBN 0-306-40615-2.\n"
    "It cost $1,234,567.89 (R$ 1.234.567,89; € 12 345 678), +1.5% over 10 000 000 tokens; seed 12345678.\n"
    "Smith et al. (2023) 123-145, p < 0.001; orcid 0000-0002-1825-0097; @bea on GitHub; numpy@1.26.4;\n"
    "https://medium.com/@bea/post-123 and https://example.org/a@b\n"
    "We looked [at] the results (at) noon; see [at](https://example.org) the venue, (dot) points.\n"
    "（注）２０２６年１２月７日、価格は１２，３４５円。\n"
)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("write to bea.builder+jam@uni.example.ac.uk", "an e-mail address"),
        ("BEA@EXAMPLE.ORG", "an e-mail address"),
        ("bea&#64;example.org", "an e-mail address"),
        ("bea&#x40;example.org", "an e-mail address"),
        ("bea&commat;example.org", "an e-mail address"),
        ("bea@example&#46;org", "an e-mail address"),
        ("bea@example\\.org", "an e-mail address"),  # a Markdown escape: the page shows bea@example.org
        ('{"contact": "bea\\u0040example.org"}', "an e-mail address"),  # a JSON escape
        ("bea\u200b@example.org", "an e-mail address"),  # a zero-width space: the page shows bea@example.org
        ("bea&#8203;@example.org", "an e-mail address"),
        ("bea＠example．org", "an e-mail address"),  # full-width signs
        ("bea [at] example [dot] org", "an e-mail address"),
        ("bea (AT) example (DOT) org", "an e-mail address"),
        ("bea[arroba]exemplo(ponto)com(ponto)br", "an e-mail address"),
        ("josé@exemplo.com.br", "an e-mail address"),
        ("user@例え.jp", "an e-mail address"),
        ("call +44 20 7946 0958 after six", "a phone number"),
        ("+55 11 91234-5678", "a phone number"),
        ("＋４４ ２０ ７９４６ ０９５８", "a phone number"),
        ("(555) 123-4567", "a phone number"),
        ("555-123-4567 or 555.123.4567", "a phone number"),
        ("(11) 91234-5678", "a phone number"),
        ("phone: (020) 7946-0958", "a phone number"),
        ("WhatsApp 07700 900123", "a phone number"),
        ("telefone 11 91234 5678", "a phone number"),
    ],
)
def test_addresses_and_numbers_are_found_however_they_are_written(text: str, what: str) -> None:
    found = contact_details(text)
    assert found and {c.what for c in found} == {what}


@pytest.mark.parametrize("line", CLEAN.splitlines())
def test_dates_identifiers_times_money_and_versions_are_not_contact_details(line: str) -> None:
    assert contact_details(line) == []


def test_a_decoded_address_is_placed_where_it_is_written_and_counted_once() -> None:
    found = contact_details("Mail bea&#64;example.org, or bea@example.org.")
    assert [(c.index, c.value) for c in found] == [(5, "bea@example.org"), (29, "bea@example.org")]


def test_what_only_the_rendered_page_shows_is_found_where_it_starts() -> None:
    source = "Reach me: bea@exa**mple**.org or +44 20 <b>7946</b> 0958"
    rendered = "<p>Reach me: bea@exa<strong>mple</strong>.org or +44 20 <b>7946</b> 0958</p>"
    assert contact_details(source) == []
    found = in_markdown(source, rendered)
    assert [(c.index, c.what) for c in found] == [(10, "an e-mail address"), (33, "a phone number")]


def test_a_body_full_of_addresses_is_read_once_each_and_in_linear_time() -> None:
    source = "bea@exa**mple**.org x&#64;y.org bea@example.org " * 4000 + "".join(f"u{i}@e**x**.org " for i in range(9))
    rendered = convert(source)
    assert isinstance(rendered, str)
    found = in_markdown(source, rendered)
    assert len([c for c in found if c.value == "x@y.org"]) == 4000  # each place once, though read twice
    assert {c.value for c in found} - {"x@y.org", "bea@example.org"} == {f"u{i}@ex.org" for i in range(5)}


def test_an_entity_in_the_body_is_refused_at_its_line(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("The long write-up.", "The long write-up.\n\nMail bea&#64;example.org"))
    found = jam_check(demo_repo).one("JAM115")
    assert (found["line"], found["col"], found["message"]) == (12, 6, "the body holds an e-mail address")


def test_an_entity_in_a_field_is_refused(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("We probe", "Ask bea&commat;example.org, we probe"))
    found = jam_check(demo_repo).one("JAM115")
    assert (found["line"], found["message"]) == (6, "'abstract' holds an e-mail address")


def test_published_text_files_are_read_like_the_body(demo_repo, jam_check) -> None:
    demo_repo.write(f"{FOLDER}/notes.txt", "Our notes.\n\nCall (555) 123-4567 with questions.\n")
    demo_repo.write(f"{FOLDER}/data/results.csv", "team,contact\nprobing,josé@exemplo.com.br\n")
    demo_repo.write(f"{FOLDER}/meta.json", '{\r\n  "mail": "bea\\u0040example.org"\r\n}\r\n')
    demo_repo.write(f"{FOLDER}/README.md", "# Readme\n\nWrite to *bea*@example&#46;org.\n")
    demo_repo.write(f"{FOLDER}/other.txt", "Or ask\nbea@example.org\n".encode("utf-16"))  # browsers read UTF-16
    demo_repo.write(f"{FOLDER}/.private.txt", "bea@example.org")  # hidden: never published, never read
    demo_repo.write(f"{FOLDER}/figure.png", b"\x89PNG\r\n\x1a\n bea@example.org")  # an image is not text
    checked = jam_check(demo_repo)
    assert sorted(checked.where("JAM115")) == [
        (f"{FOLDER}/README.md", 3, 11),  # where "bea" is written
        (f"{FOLDER}/data/results.csv", 2, 9),
        (f"{FOLDER}/meta.json", 2, 12),
        (f"{FOLDER}/notes.txt", 3, 6),
        (f"{FOLDER}/other.txt", 2, 1),
    ]
    notes = next(d for d in checked.diagnostics if d["path"].endswith("notes.txt") and d["code"] == "JAM115")
    assert notes["message"] == "notes.txt holds a phone number; the file is published with the project"
    assert "github" in notes["fix"]
    assert jam_check(demo_repo, f"{FOLDER}/notes.txt").where("JAM115") == [(f"{FOLDER}/notes.txt", 3, 6)]
    assert len(jam_check(demo_repo, P).where("JAM115")) == 5  # the project's file stands for its folder


def test_a_text_file_of_dates_and_identifiers_stays_clean(demo_repo, jam_check) -> None:
    demo_repo.write(f"{FOLDER}/notes.txt", CLEAN)
    demo_repo.write(P, SUBMISSION.replace("The long write-up.", f"[Our notes](notes.txt)\n\n{CLEAN}"))
    assert jam_check(demo_repo).diagnostics == []
