"""Parsed YAML from the cache: the same values, places and problems as a parse, and no entry trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamkit.core.model import Position
from jamkit.files.yaml import cache as parsecache
from jamkit.files.yaml import compose
from jamkit.files.yaml import loader as yamlsource
from jamkit.files.yaml.loader import YamlProblem
from jamkit.infra.cache import Store, code_version, digest

TEXT = "title: T\nmembers:\n  - {name: Bea, github: bea}\nscore: 4.5\nsite: a\nsite: b\ncountry: NO\n"


def key(text: str, offset: int = 0) -> str:
    return digest("parsed", code_version(), "libyaml" if yamlsource.libyaml() else "pure", str(offset), text)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path)


def test_a_cached_parse_is_the_parse(store: Store) -> None:
    fresh = yamlsource.parse(TEXT, 3)
    first = parsecache.parse(TEXT, 3, store)
    assert store.get(key(TEXT, 3)) is not None
    cached = parsecache.parse(TEXT, 3, store)
    assert (cached.data, cached.locations, cached.duplicates) == (fresh.data, fresh.locations, fresh.duplicates)
    assert (first.data, first.locations) == (fresh.data, fresh.locations)
    assert cached.duplicates == [(("site",), Position(9, 1))]


def test_a_cached_problem_is_the_same_problem(store: Store) -> None:
    for _ in range(2):
        with pytest.raises(YamlProblem) as raised:
            parsecache.parse("a: [1, 2\n", 0, store)
        assert (raised.value.line, raised.value.col) == (1, 4)  # the [ left open


def test_values_json_cannot_carry_are_parsed_every_time(store: Store) -> None:
    parsed = parsecache.parse("blob: !!binary aGk=\n", 0, store)
    assert parsed.data == {"blob": b"hi"}
    assert store.get(key("blob: !!binary aGk=\n")) is None


@pytest.mark.parametrize(
    "entry",
    [
        b"not json",
        json.dumps([1, 2]).encode(),
        json.dumps({"data": {"title": "FORGED"}}).encode(),
        json.dumps({"data": {}, "locations": [[["title"], 0, 1]], "duplicates": []}).encode(),
        json.dumps({"data": {}, "locations": [[[True], 1, 1]], "duplicates": []}).encode(),
        json.dumps({"data": {}, "locations": "x", "duplicates": []}).encode(),
        json.dumps({"problem": ["msg", 1, "col", ""]}).encode(),
        b"[" * 100_000,
    ],
)
def test_an_entry_that_is_not_what_the_cache_writes_is_ignored_and_replaced(store: Store, entry: bytes) -> None:
    store.put(key(TEXT), entry)
    parsed = parsecache.parse(TEXT, 0, store)
    assert parsed.data["title"] == "T"
    assert json.loads(store.get(key(TEXT)) or b"")["data"]["title"] == "T"


def test_the_libyaml_and_pure_parses_are_kept_apart(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    parsecache.parse(TEXT, 0, store)
    monkeypatch.setattr(compose, "_CLoader", None)
    monkeypatch.setattr(compose, "_said", True)
    assert key(TEXT) not in store.used
    parsecache.parse(TEXT, 0, store)
    assert len(store.used) == 2
