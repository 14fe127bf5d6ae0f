"""What a file really is, from its first bytes: the attachment types a project may hold, and programs.

A name can lie, so the pull-request policy decides by content: ``sniff`` says
which allowed type a file is (PDF, PNG, JPEG, GIF, WebP, or a UTF-8 ``.txt``
note) and ``program_in`` recognizes executables whatever their name. Both look
at the first ``SNIFF`` bytes only, so a large file is never read in full.
``text_of`` is broader: the text of any file a browser would show as text,
allowed or not, for the rules that read what a published file says.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

SNIFF = 512  # bytes of a file's start that are enough to tell what it is

MAGIC: tuple[tuple[str, Callable[[bytes], bool]], ...] = (
    ("pdf", lambda b: b.startswith(b"%PDF-")),
    ("png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
    ("jpeg", lambda b: b.startswith(b"\xff\xd8\xff")),
    ("gif", lambda b: b.startswith((b"GIF87a", b"GIF89a"))),
    ("webp", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
)
EXTENSIONS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "webp": (".webp",),
    "text": (".txt",),
}
PROGRAMS = (
    (b"\x7fELF", "an ELF program"),
    (b"#!", "a script (#!)"),
    (b"MZ", "a Windows program"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O program"),
    (b"\xce\xfa\xed\xfe", "a Mach-O program"),
    (b"\xfe\xed\xfa\xce", "a Mach-O program"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O program"),
    (b"\xca\xfe\xba\xbe", "a Mach-O program"),
)


def sniff(head: bytes, name: str) -> str | None:
    """The file's type from its first bytes: an allowed type, 'text' for notes, or None."""
    for kind, matches in MAGIC:
        if matches(head):
            return kind
    if name.lower().endswith(".txt") and b"\0" not in head:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            return None
        return "text"
    return None


def program_in(head: bytes) -> str | None:
    """What kind of program the file is (e.g. 'an ELF program'), or None if it is not one."""
    return next((what for magic, what in PROGRAMS if head.startswith(magic)), None)


def text_of(raw: bytes) -> str | None:
    """The text of a file's bytes (UTF-8 without a NUL, or UTF-16 after its byte-order mark), or None.

    Browsers show both; a file cut short ends where its last whole character does.
    """
    encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    if encoding != "utf-16" and b"\0" in raw:
        return None
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(raw, final=False)
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else text
