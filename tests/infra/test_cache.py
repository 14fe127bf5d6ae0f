"""The content-addressed store: whole entries come back, anything else is a miss."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest

from jamkit.infra.cache import MAX_ENTRY, Shelf, Store, code_version, digest


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / ".cache/jamkit/test")


def test_a_stored_payload_comes_back_and_a_missing_one_is_none(store: Store) -> None:
    key = digest("a", "b")
    assert store.get(key) is None
    store.put(key, "é page".encode())
    assert store.get(key) == "é page".encode()
    assert digest("a", "b") != digest("ab") != digest("a", "", "b")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),
        lambda raw: raw.replace(b"jamkit-cache 1", b"jamkit-cache 9"),
        lambda raw: raw[:80] + zlib.compress(b"<script>forged</script>"),  # a payload the integrity line does not fit
    ],
)
def test_a_damaged_or_forged_entry_is_a_miss(store: Store, damage) -> None:
    key = digest("page")
    store.put(key, b"<p>the real page</p>" * 50)
    path = store._path(key)
    path.write_bytes(damage(path.read_bytes()))
    assert store.get(key) is None
    store.put(key, b"rebuilt")
    assert store.get(key) == b"rebuilt"


def test_a_compression_bomb_is_not_unpacked_past_the_limit(store: Store) -> None:
    key = digest("bomb")
    store.put(key, b"x")
    path = store._path(key)
    bomb = zlib.compress(b"\0" * (MAX_ENTRY + 10), 9)
    path.write_bytes(path.read_bytes()[:80] + bomb)
    assert store.get(key) is None


def test_keys_cannot_name_a_path_outside_the_store(store: Store) -> None:
    with pytest.raises(ValueError):
        store.get("../../etc/passwd")


def test_a_planted_link_is_not_written_through(store: Store, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    key = digest("linked")
    store.folder.mkdir(parents=True)
    os.symlink(elsewhere, store.folder / key[:2])
    store.put(key, b"payload")
    assert list(elsewhere.iterdir()) == []


def test_an_unwritable_folder_only_means_no_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = Store(tmp_path / "file" / "pages")
    store.put(digest("k"), b"v")
    assert store.get(digest("k")) is None


def test_prune_keeps_what_this_run_used_and_drops_the_rest(tmp_path: Path) -> None:
    old = Store(tmp_path)
    old.put(digest("kept"), b"1")
    old.put(digest("gone"), b"2")
    run = Store(tmp_path)
    assert run.get(digest("kept")) == b"1"
    assert run.prune() == 1
    assert Store(tmp_path).get(digest("kept")) == b"1"
    assert Store(tmp_path).get(digest("gone")) is None


def test_off_switch_and_code_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAM_CACHE", "off")
    assert Store.at(tmp_path, "parsed") is None
    monkeypatch.setenv("JAM_CACHE", "")
    assert Store.at(tmp_path, "parsed") is not None
    assert len(code_version()) == 64 and code_version() == code_version()


def test_the_cache_ignores_itself_in_git(tmp_path: Path) -> None:
    store = Store.at(tmp_path, "parsed")
    assert store is not None
    store.put(digest("k"), b"v")
    assert (tmp_path / ".cache/jamkit/.gitignore").read_text().splitlines()[-1] == "*"


# --------------------------------------------------------------------------- shelves


class CountingStore(Store):
    """A real store that counts the files it writes."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.writes = 0

    def put(self, key: str, payload: bytes) -> None:
        self.writes += 1
        super().put(key, payload)


KEYS = [digest("entry", str(n)) for n in range(600)]


def filled(store: Store) -> Store:
    """The store with every key of ``KEYS`` on its shelf, each holding ``b"1"``."""
    shelf = Shelf(store)
    for key in KEYS:
        shelf.put(key, b"1")
    shelf.close(complete=True)
    return store


def test_a_shelf_keeps_many_entries_in_at_most_256_files(tmp_path: Path) -> None:
    store = CountingStore(tmp_path / "shelf")
    shelf = Shelf(store)
    for n, key in enumerate(KEYS):
        shelf.put(key, f"payload {n} é".encode())
    shelf.close(complete=True)
    files = list(store.folder.rglob("*/*"))
    assert len(files) == store.writes == len({key[:2] for key in KEYS}) <= 256
    again = Shelf(store)
    assert [again.get(key) for key in KEYS] == [f"payload {n} é".encode() for n in range(len(KEYS))]
    assert again.get(digest("never stored")) is None


def test_after_one_edit_only_its_file_is_written_again(tmp_path: Path) -> None:
    store = filled(CountingStore(tmp_path / "shelf"))
    store.writes = 0
    second = Shelf(store)
    for key in KEYS:
        assert second.get(key) == b"1"
    second.put(KEYS[7], b"2")
    second.close(complete=True)
    assert store.writes == 1
    assert Shelf(store).get(KEYS[7]) == b"2"


def test_a_complete_run_drops_what_it_did_not_ask_for_and_a_partial_run_keeps_it(tmp_path: Path) -> None:
    store = filled(Store(tmp_path / "shelf"))
    partial = Shelf(Store(store.folder))
    partial.put(KEYS[0], b"new")
    partial.close(complete=False)
    assert Shelf(Store(store.folder)).get(KEYS[1]) == b"1"
    complete = Shelf(Store(store.folder))
    assert complete.get(KEYS[0]) == b"new"
    complete.close(complete=True)
    later = Shelf(Store(store.folder))
    assert later.get(KEYS[0]) == b"new" and later.get(KEYS[1]) is None
    assert len(list(store.folder.rglob("*/*"))) == 1  # the files of dropped entries are gone too


@pytest.mark.parametrize(
    "table",
    [
        b"[]",
        b"{",
        b'{"' + b"a" * 64 + b'": 1}',
        b'{"short": "x"}',
    ],
)
def test_a_shelf_file_not_as_jamkit_writes_it_is_empty(tmp_path: Path, table: bytes) -> None:
    store = Store(tmp_path / "shelf")
    shelf = Shelf(store)
    shelf.put(KEYS[0], b"kept")
    shelf.close(complete=True)
    (path,) = store.folder.rglob("*/*")
    store.put(path.name, table)
    assert Shelf(Store(store.folder)).get(KEYS[0]) is None


def test_an_entry_filed_under_another_file_spoils_that_file(tmp_path: Path) -> None:
    """Each file holds the keys that start with its two digits; one out of place means the file is not ours."""
    store = Store(tmp_path / "shelf")
    shelf = Shelf(store)
    shelf.put(KEYS[0], b"kept")
    shelf.close(complete=True)
    (path,) = store.folder.rglob("*/*")
    stranger = ("0" if KEYS[0][0] != "0" else "1") + KEYS[0][1:]
    store.put(path.name, json.dumps({KEYS[0]: "kept", stranger: "planted"}).encode())
    reread = Shelf(Store(store.folder))
    assert reread.get(KEYS[0]) is None and reread.get(stranger) is None


def test_no_shelf_when_the_cache_is_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAM_CACHE", "off")
    assert Shelf.at(tmp_path, "parsed") is None
    monkeypatch.setenv("JAM_CACHE", "on")
    assert Shelf.at(tmp_path, "parsed") is not None
