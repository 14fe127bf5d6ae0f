"""``reviews.yaml`` after an import: one review per judge and project, re-imports in place, untouched lines kept.

``merge`` puts imported reviews into the sprint's list: a judge's new scores
for a project they already reviewed replace that review where it stands (its
comment too, when the import has one), other reviews go at the end. The result
is one list the real rules can check, with each imported review still located
at its spreadsheet cell.

``render`` writes the list back. The file is spliced: only the lines of the
reviews that changed are replaced, so comments, quoting and the order of the
rest keep their bytes. A file not written as one ``- judge: ...`` block per
review (a flow list, say) is rewritten whole, and the result says so. Either
way the new text is read back and must validate to exactly the merged reviews.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from jamkit.core.model import Review, ReviewFields
from jamkit.files.load import decode_text, parse_yaml
from jamkit.files.validate import validate

LONG_COMMENT = 80  # characters; a longer comment is written as a folded block
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class ReviewsFileError(Exception):
    """The merged reviews cannot be written so that they read back as they are (nothing was written)."""


@dataclass(frozen=True)
class Merge:
    """The sprint's reviews after an import, and what the import did to them."""

    reviews: tuple[Review, ...]  # in file order; the imported ones carry the spreadsheet's path and cells
    changed: frozenset[int]  # indexes of ``reviews`` whose lines must be written
    added: int
    updated: int
    unchanged: int


def merge(existing: Sequence[Review], imported: Sequence[Review]) -> Merge:
    """Imported reviews merged into ``existing``: replaced in place by judge and project, else appended.

    A second row for the same judge and project in one import is appended as it
    is, so the rule against reviewing twice reports it at its row.
    """
    reviews = list(existing)
    where = {(r.fields.judge, r.fields.project): i for i, r in enumerate(existing)}
    seen: set[tuple[str, str]] = set()
    changed: set[int] = set()
    added = updated = unchanged = 0
    for review in imported:
        key = (review.fields.judge, review.fields.project)
        index = where.get(key) if key not in seen else None
        seen.add(key)
        if index is None:
            added += 1
            changed.add(len(reviews))
            reviews.append(dataclasses.replace(review, index=len(reviews)))
            continue
        old = existing[index].fields
        fields = review.fields
        if fields.comment is None and old.comment is not None:
            fields = fields.model_copy(update={"comment": old.comment})
        if fields == old:
            unchanged += 1
        else:
            updated += 1
            changed.add(index)
        reviews[index] = dataclasses.replace(review, index=index, fields=fields)
    return Merge(tuple(reviews), frozenset(changed), added, updated, unchanged)


# --------------------------------------------------------------------------- writing


class _Comment(str):
    """A comment: a literal block when it spans lines, a folded block when long, else a plain scalar."""


class _Dumper(yaml.SafeDumper):
    pass


def _comment(dumper: yaml.SafeDumper, text: _Comment) -> yaml.ScalarNode:
    style = "|" if "\n" in text else ">" if len(text) > LONG_COMMENT else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style=style)


_Dumper.add_representer(_Comment, _comment)


def _score(value: float) -> int | float:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def block(fields: ReviewFields, order: Sequence[str] = ()) -> str:
    """One review as ``- judge: ...`` lines: scores as a flow mapping (criteria in ``order``), comment last."""
    rank = {c: i for i, c in enumerate(order)}
    scores = {
        c: _score(s) for c, s in sorted(fields.scores.items(), key=lambda cs: (rank.get(cs[0], len(rank)), cs[0]))
    }
    item: dict[str, Any] = {"judge": fields.judge, "project": fields.project, "scores": scores}
    if fields.comment is not None:
        item["comment"] = _Comment(fields.comment)
    return yaml.dump([item], Dumper=_Dumper, default_flow_style=None, sort_keys=False, allow_unicode=True, width=100)


@dataclass(frozen=True)
class Written:
    """The new bytes of ``reviews.yaml``, and whether it had to be rewritten whole."""

    after: bytes
    rewritten: bool


def render(path: str, before: bytes, existing: Sequence[Review], merged: Merge, order: Sequence[str] = ()) -> Written:
    """The file with ``merged`` in it: spliced where it can be, else rewritten whole; always read back first.

    ``existing`` are the reviews as loaded from ``before`` (with their places);
    ``order`` is the sprint's criteria, the order scores are written in.
    """
    expected = [r.fields for r in merged.reviews]
    spliced = _splice(before, existing, merged, order)
    if spliced is not None and _reads_as(path, spliced, expected):
        return Written(spliced, rewritten=False)
    whole = "".join(block(f, order) for f in expected).encode("utf-8")
    if not _reads_as(path, whole, expected):
        raise ReviewsFileError(f"{path}: the merged reviews would not read back as imported; nothing was written")
    return Written(whole, rewritten=bool(existing))


def _splice(before: bytes, existing: Sequence[Review], merged: Merge, order: Sequence[str]) -> bytes | None:
    """``before`` with each changed review's lines replaced and new reviews appended; None if it cannot be."""
    bom = codecs.BOM_UTF8 if before.startswith(codecs.BOM_UTF8) else b""
    try:
        text = before.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = _LINE.findall(text)
    newline = next((line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n")
    starts = [r.at().line - 1 for r in existing]  # index in ``lines`` of each review's first line
    for index, (start, review) in enumerate(zip(starts, existing, strict=True)):
        col = review.at().col
        if start >= len(lines) or lines[start][: col - 1].strip() != "-" or (index and start <= starts[index - 1]):
            return None
    if not existing and text.strip() and not all(line.lstrip().startswith("#") for line in lines if line.strip()):
        return None  # e.g. "[]": nothing to keep but its own syntax
    ends = [*starts[1:], len(lines)] if starts else []
    out: list[str] = []
    cursor = 0
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if index not in merged.changed:
            continue
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # blank lines and comments at the margin introduce the next review: they stay
        out += lines[cursor:start]
        out.append(block(merged.reviews[index].fields, order).replace("\n", newline))
        cursor = end
    out += lines[cursor:]
    if out and not out[-1].endswith(("\n", "\r")):
        out[-1] += newline
    out += [block(r.fields, order).replace("\n", newline) for r in merged.reviews[len(existing) :]]
    return bom + "".join(out).encode("utf-8")


def _reads_as(path: str, raw: bytes, expected: Sequence[ReviewFields]) -> bool:
    text, problems = decode_text(path, raw)
    if text is None:
        return False
    data, locations, problems = parse_yaml(path, text)
    if problems or not isinstance(data, list) or len(data) != len(expected):
        return False
    for index, (item, want) in enumerate(zip(data, expected, strict=True)):
        fields, invalid = validate(ReviewFields, item, path, locations, prefix=(index,))
        if invalid or fields != want:
            return False
    return True
