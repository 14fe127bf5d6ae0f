"""What a file is, told from its first bytes whatever its name says."""

from __future__ import annotations

import pytest

from jamkit.files.sniff import EXTENSIONS, program_in, sniff, text_of


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"%PDF-1.7\n", "report.pdf", "pdf"),
        (b"%PDF-1.7\n", "report.png", "pdf"),  # the content decides, not the name
        (b"\x89PNG\r\n\x1a\n\0\0", "figure.png", "png"),
        (b"\xff\xd8\xff\xe0", "photo.jpeg", "jpeg"),
        (b"GIF89a", "anim.gif", "gif"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "figure.webp", "webp"),
        ("Notes in UTF-8: ünïcödé".encode(), "notes.txt", "text"),
        ("cut in the middle: é".encode()[:-1], "notes.TXT", "text"),  # a prefix may end inside a character
        (b"plain words", "notes.md", None),  # text is allowed only as a .txt note
        (b"\xff\xfe n\0o\0", "notes.txt", None),  # UTF-16 is not a note
        (b"text\0with a NUL", "notes.txt", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "figure.svg", None),
    ],
)
def test_sniff_tells_the_allowed_types_by_content(head: bytes, name: str, kind: str | None) -> None:
    assert sniff(head, name) == kind


def test_every_allowed_type_has_extensions() -> None:
    assert set(EXTENSIONS) == {"pdf", "png", "jpeg", "gif", "webp", "text"}


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x7fELF\x02\x01", "an ELF program"),
        (b"#!/bin/sh\n", "a script (#!)"),
        (b"MZ\x90\0", "a Windows program"),
        (b"\xcf\xfa\xed\xfe", "a Mach-O program"),
        (b"%PDF-1.4", None),
    ],
)
def test_programs_are_recognized_whatever_their_name(head: bytes, what: str | None) -> None:
    assert program_in(head) == what


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("ünïcödé notes".encode(), "ünïcödé notes"),
        (b"\xef\xbb\xbfwith a BOM", "with a BOM"),
        ("UTF-16 notes".encode("utf-16"), "UTF-16 notes"),  # not an allowed note, but a browser shows it
        ("cut in the middle: é".encode()[:-1], "cut in the middle: "),
        (b"text\0with a NUL", None),
        (b"\xff\xd8\xff not UTF-8", None),
    ],
)
def test_text_of_reads_what_a_browser_shows_as_text(raw: bytes, text: str | None) -> None:
    assert text_of(raw) == text
