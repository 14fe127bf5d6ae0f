"""Editing front matter in place: only the edited key's lines change, and an invalid edit writes nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from jamkit.files import edit
from jamkit.files.load import load_catalog
from tests.helpers import SUBMISSION

S = "sprints/demo-sprint.md"
P = "submissions/demo-sprint/probing.md"

COMMENTED = """\
---
# The sprint's fields; keep the comments.
title: 'Demo Research Sprint'   # quoted on purpose
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
criteria:
  - {id: impact, name: AI safety impact, weight: 2}
  # a comment inside the criteria
  - {id: quality, name: Quality}
awards:
  - {place: 1, project: old-winner}   # set by hand

# Judges come next.
judges:
  - {name: Ada Judge, github: ada-judge}
---
The body, with a line that looks like YAML:
awards: not front matter
"""


def files_of(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replacing_a_key_keeps_every_other_byte(demo_repo) -> None:
    demo_repo.write(S, COMMENTED)
    done = edit.update(demo_repo.root, S, {"awards": [{"place": 1, "project": "probing", "prize": "$2,000"}]})
    after = (demo_repo.root / S).read_text(encoding="utf-8")
    before_lines, after_lines = COMMENTED.splitlines(keepends=True), after.splitlines(keepends=True)
    # Lines 1-9 (up to the criteria) and everything from the blank line before '# Judges' on are untouched.
    assert after_lines[:9] == before_lines[:9]
    assert after_lines[-7:] == before_lines[-7:]
    assert after_lines[9:-7] == ["awards:\n", "  - place: 1\n", "    project: probing\n", "    prize: $2,000\n"]
    assert done.keys == ("awards",) and done.changed
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == []
    assert [a.project for a in catalog.sprints["demo-sprint"].fields.awards] == ["probing"]
    assert catalog.sprints["demo-sprint"].body.endswith("awards: not front matter\n")


def test_a_new_key_goes_just_before_the_closing_line(demo_repo) -> None:
    before = (demo_repo.root / P).read_text(encoding="utf-8")
    edit.update(
        demo_repo.root, P, {"status": "retracted", "retraction": {"date": dt.date(2025, 2, 1), "reason": "Why: this."}}
    )
    after = (demo_repo.root / P).read_text(encoding="utf-8")
    added = "status: retracted\nretraction:\n  date: 2025-02-01\n  reason: 'Why: this.'\n"
    assert after == before.replace("site: london\n---\n", f"site: london\n{added}---\n")


def test_crlf_line_endings_and_a_byte_order_mark_survive(demo_repo) -> None:
    raw = b"\xef\xbb\xbf" + SUBMISSION.replace("\n", "\r\n").encode()
    path = demo_repo.write(P, raw)
    edit.update(
        demo_repo.root, P, {"status": "retracted", "retraction": {"date": "2025-02-01", "reason": "Withdrawn."}}
    )
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    added = b"status: retracted\r\nretraction:\r\n  date: '2025-02-01'\r\n  reason: Withdrawn.\r\n"
    assert after.endswith(b"site: london\r\n" + added + b"---\r\nThe long write-up.\r\n")


def test_an_edit_that_would_be_invalid_writes_nothing(demo_repo) -> None:
    path = demo_repo.root / P
    before = path.read_bytes()
    with pytest.raises(edit.EditError) as caught:
        edit.update(demo_repo.root, P, {"status": "withdrawn"})
    assert str(caught.value) == f"not written: the edit would make {P} invalid"
    assert [d.code for d in caught.value.diagnostics] == ["JAM103"]
    assert path.read_bytes() == before
    assert files_of(path.parent) == ["probing", "probing.md"]  # no temporary file left behind


def test_an_edit_that_breaks_an_alias_writes_nothing(demo_repo) -> None:
    text = SUBMISSION.replace("abstract: We", "team: &name Probers\nabstract: We")
    text = text.replace("site: london", "site: london\nlinks:\n  - {title: *name, url: 'https://example.org'}")
    path = demo_repo.write(P, text)
    with pytest.raises(edit.EditError) as caught:
        edit.update(demo_repo.root, P, {"team": "New name"})
    assert [d.code for d in caught.value.diagnostics] == ["JAM002"]
    assert path.read_text(encoding="utf-8") == text


def test_a_file_with_errors_is_not_edited(demo_repo) -> None:
    text = SUBMISSION.replace("site: london", "sitte: london")
    path = demo_repo.write(P, text)
    with pytest.raises(edit.EditError) as caught:
        edit.plan(demo_repo.root, P, {"status": "retracted"})
    assert "has errors; fix them first" in str(caught.value)
    assert [d.code for d in caught.value.diagnostics] == ["JAM102"]
    assert path.read_text(encoding="utf-8") == text


def test_front_matter_written_as_one_flow_mapping_is_refused(demo_repo) -> None:
    text = (
        "---\n{title: Probing, members: [{name: Bea, github: bea}], abstract: Short., report: report.pdf}\n---\nBody.\n"
    )
    path = demo_repo.write(P, text)
    with pytest.raises(edit.EditError, match="cannot edit it safely"):
        edit.update(demo_repo.root, P, {"status": "retracted"})
    assert path.read_text(encoding="utf-8") == text


def test_the_file_mode_is_kept(demo_repo) -> None:
    path = demo_repo.root / P
    os.chmod(path, 0o640)
    edit.update(demo_repo.root, P, {"team": "Probers"})
    assert path.stat().st_mode & 0o777 == 0o640


def test_an_edit_that_changes_nothing_does_not_write(demo_repo) -> None:
    path = demo_repo.root / P
    before = path.stat().st_mtime_ns
    done = edit.update(demo_repo.root, P, {"site": "london"})
    assert not done.changed
    assert path.stat().st_mtime_ns == before


def test_the_diff_shows_only_the_edited_lines(demo_repo) -> None:
    done = edit.plan(demo_repo.root, P, {"site": "online"})
    changed = [line for line in done.diff().splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-site: london", "+site: online"]


def test_editing_items_in_place_keeps_the_other_items_and_their_comments(demo_repo) -> None:
    demo_repo.write(S, COMMENTED)
    criteria = [{"id": "impact", "name": "Impact"}, {"id": "quality", "name": "Quality"}]
    done = edit.plan_in_place(demo_repo.root, S, {"criteria": criteria})
    after = done.after.decode()
    assert after == COMMENTED.replace("{id: impact, name: AI safety impact, weight: 2}", "{id: impact, name: Impact}")


def test_a_block_item_stays_a_block_and_a_flow_list_is_rewritten_whole(demo_repo) -> None:
    block = "  - name: Bea Builder\n    github: bea\n"
    members = [{"name": "Bea Builder", "github": "bea"}, {"name": "Anonymous"}]
    demo_repo.write(P, SUBMISSION.replace(block, block + "  - name: Cy  # the second\n    github: cy\n"))
    done = edit.plan_in_place(demo_repo.root, P, {"members": members})
    assert done.after.decode() == SUBMISSION.replace(block, block + "  - name: Anonymous\n")
    demo_repo.write(P, SUBMISSION.replace(block, "  [{name: Bea Builder, github: bea}, {name: Cy, github: cy}]\n"))
    done = edit.plan_in_place(demo_repo.root, P, {"members": members})
    assert "  - name: Anonymous\n" in done.after.decode() and "[{" not in done.after.decode()
