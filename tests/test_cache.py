"""The content-addressed store: whole entries come back, anything else is a miss."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from jamkit.cache import MAX_ENTRY, Store, code_version, digest


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
