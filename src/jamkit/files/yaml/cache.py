"""Parsed YAML kept by the hash of its text, so a check or a build parses only the files that changed.

An entry is JSON, never pickle (a planted pickle would run code): the values,
every key's place, the duplicate keys, or the problem that made the text
unreadable. It is keyed by the text, the line it starts after, the parser
(libyaml or pure Python) and ``code_version()``. An entry that does not have
exactly that shape is ignored and the text parsed again; values JSON cannot
carry as they are (a ``!!binary`` or ``!!set``) are simply not cached.
"""

from __future__ import annotations

import json
import math
from typing import Any

from jamkit.core.model import Loc, Position
from jamkit.files.yaml import loader as yamlsource
from jamkit.files.yaml.loader import Parsed, YamlProblem
from jamkit.infra.cache import Shelf, Store, code_version, digest


def parse(text: str, line_offset: int, store: Shelf | Store | None) -> Parsed:
    """``loader.parse`` through the cache; raises ``YamlProblem`` as it does."""
    if store is None:
        return yamlsource.parse(text, line_offset)
    parser = "libyaml" if yamlsource.libyaml() else "pure"
    key = digest("parsed", code_version(), parser, str(line_offset), text)
    raw = store.get(key)
    found = _decode(raw) if raw is not None else None
    if isinstance(found, YamlProblem):
        raise found
    if found is not None:
        return found
    try:
        parsed = yamlsource.parse(text, line_offset)
    except YamlProblem as problem:
        if problem.replacement is None:  # (a fix as data is not kept: the file is re-read until it is fixed)
            store.put(key, _encode({"problem": [problem.message, problem.line, problem.col, problem.fix]}))
        raise
    if _plain(parsed.data, 0):
        entry = {
            "data": parsed.data,
            "locations": [[list(loc), pos.line, pos.col] for loc, pos in parsed.locations.items()],
            "duplicates": [[list(loc), pos.line, pos.col] for loc, pos in parsed.duplicates],
        }
        store.put(key, _encode(entry))
    return parsed


def _encode(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _plain(value: Any, depth: int) -> bool:
    """Whether JSON gives ``value`` back as it is: text, numbers, booleans, null, lists and text-keyed mappings."""
    if depth > yamlsource.MAX_DEPTH + 2:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return not math.isnan(value)  # NaN is never equal to itself: leave it to the parser
    if isinstance(value, list):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth + 1) for k, v in value.items())
    return False


def _places(rows: Any) -> list[tuple[Loc, Position]] | None:
    if not isinstance(rows, list):
        return None
    out: list[tuple[Loc, Position]] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], list)):
            return None
        loc, line, col = row
        if not all(isinstance(part, str) or (isinstance(part, int) and not isinstance(part, bool)) for part in loc):
            return None
        if not (_count(line) and _count(col)):
            return None
        out.append((tuple(loc), Position(line, col)))
    return out


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _decode(raw: bytes) -> Parsed | YamlProblem | None:
    """The entry's parse, or None when it is not exactly what ``parse`` writes (then the text is parsed again)."""
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict):
        return None
    if set(entry) == {"problem"}:
        problem = entry["problem"]
        if (
            isinstance(problem, list)
            and len(problem) == 4
            and isinstance(problem[0], str)
            and _count(problem[1])
            and _count(problem[2])
            and isinstance(problem[3], str)
        ):
            return YamlProblem(problem[0], problem[1], problem[2], problem[3])
        return None
    if set(entry) != {"data", "locations", "duplicates"} or not _plain(entry["data"], 0):
        return None
    locations, duplicates = _places(entry["locations"]), _places(entry["duplicates"])
    if locations is None or duplicates is None:
        return None
    return Parsed(data=entry["data"], locations=dict(locations), duplicates=duplicates)
