"""Content-addressed cache files under ``.cache/jamkit/``: what was parsed or drawn once is not redone.

An entry is named by the SHA-256 of everything that went into it (the input's
bytes, and ``code_version()``: jamkit's version and the hash of its own code), so
a changed input, or a changed jamkit, simply misses. The cache is never trusted
blindly: each entry carries a format tag and the hash of its payload, and an
entry that is torn, truncated, oversized, unreadable or tampered with does not
match and is treated as missing, then rebuilt. Writes are atomic (a temporary
file, then a rename), so two builds at once, or a killed one, leave whole
entries or none. Who may write the folder is the trust boundary: CI restores it
only on the default branch, so no pull request can put an entry there.

``JAM_CACHE=off`` turns every cache off (a clean build, or a check that must
read every byte again).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jamkit import __version__
from jamkit.core.wording import MB

FOLDER = ".cache/jamkit"
# The publish workflow saves FOLDER in the Actions cache under keys starting with this; any workflow run of the
# repository can restore such an entry, so older ones are deleted after each deployment and `jam retract` says how.
ACTIONS_KEY_PREFIX = "jamkit-pages-"
MAX_ENTRY = 16 * MB  # an entry, packed or unpacked, larger than this is not one jamkit wrote
_MAGIC = b"jamkit-cache 1\n"
_HEX = frozenset("0123456789abcdef")


def enabled(environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """Caching is on unless ``JAM_CACHE`` is ``off`` (or ``0``, ``no``, ``false``)."""
    return environ.get("JAM_CACHE", "").strip().lower() not in {"off", "0", "no", "false"}


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two lists of parts run together."""
    sha = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        sha.update(len(raw).to_bytes(8, "big"))
        sha.update(raw)
    return sha.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """jamkit's version and the hash of every file of the package: its code, templates and stylesheet."""
    package = Path(str(resources.files("jamkit")))
    parts: list[str | bytes] = [__version__]
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)


def files_digest(paths: Iterable[Path]) -> str:
    """The hash of some files' names and bytes (a theme's templates, the hooks); a missing file counts as such."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        parts.append(str(path))
        try:
            parts.append(path.read_bytes())
        except OSError:
            parts.append(b"\0missing")
    return digest(*parts)


class Store:
    """One kind of entry (``parsed``, ``pages``) in its folder; every failure to read or write is a miss."""

    def __init__(self, folder: Path, ignore: Path | None = None) -> None:
        self.folder = folder
        self.ignore = ignore  # a .gitignore written with the first entry, so no `git add -A` commits the cache
        self.used: set[str] = set()

    @classmethod
    def at(cls, root: Path | str, kind: str) -> Store | None:
        """The store of ``kind`` under ``root/.cache/jamkit/``, or None when ``JAM_CACHE=off``."""
        base = Path(root) / FOLDER
        return cls(base / kind, base / ".gitignore") if enabled() else None

    def _path(self, key: str) -> Path:
        if len(key) != 64 or not _HEX.issuperset(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether an entry exists under ``key`` (``get`` still checks that it is whole)."""
        self.used.add(key)
        return self._path(key).is_file()

    def get(self, key: str) -> bytes | None:
        """The payload stored under ``key``, or None when there is none or it is not whole and ours."""
        self.used.add(key)
        try:
            with self._path(key).open("rb") as file:
                raw = file.read(MAX_ENTRY + 1)
        except OSError:
            return None
        head = len(_MAGIC) + 65
        if len(raw) > MAX_ENTRY or not raw.startswith(_MAGIC) or raw[head - 1 : head] != b"\n":
            return None
        expected = raw[len(_MAGIC) : head - 1]
        try:
            unpack = zlib.decompressobj()
            payload = unpack.decompress(raw[head:], MAX_ENTRY)
            if unpack.unconsumed_tail or not unpack.eof:
                return None
        except zlib.error:
            return None
        return payload if hashlib.sha256(payload).hexdigest().encode() == expected else None

    def put(self, key: str, payload: bytes) -> None:
        """Store ``payload`` under ``key`` atomically; a folder that cannot be written only means no cache."""
        self.used.add(key)
        if len(payload) > MAX_ENTRY:
            return
        target = self._path(key)
        data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + zlib.compress(payload, 1)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.parent.is_symlink() or self.folder.is_symlink():  # a planted link would write elsewhere
                return
            if self.ignore is not None and not self.ignore.is_file() and not self.ignore.is_symlink():
                self.ignore.write_text("# Written by jamkit: its cache is never committed.\n*\n")
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as file:
                    file.write(data)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def prune(self) -> int:
        """Remove the entries this run did not ask for (what older content left behind); how many went."""
        removed = 0
        try:
            shards = [d for d in self.folder.iterdir() if d.is_dir() and not d.is_symlink()]
        except OSError:
            return 0
        for shard in shards:
            try:
                entries = list(shard.iterdir())
            except OSError:
                continue
            for entry in entries:
                if entry.name not in self.used:
                    try:
                        entry.unlink()
                        removed += 1
                    except OSError:
                        pass
        return removed


class Shelf:
    """Many small entries (parsed files, rendered bodies) kept in 256 files of a ``Store``, not one file each.

    An entry goes to the file named by the first two hex digits of its key;
    each file is read on first use and written once, when the run closes the
    shelf, and only if it changed: a check of 10,000 files writes 256 files, and
    after an edit only the one holding the edited entry. A file that is not
    exactly what ``close`` writes is ignored whole (its entries are misses).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._tables: dict[str, dict[str, str]] = {}
        self._changed: set[str] = set()
        self._asked: set[str] = set()

    @classmethod
    def at(cls, root: Path | str, kind: str) -> Shelf | None:
        """The shelf of ``kind`` under ``root/.cache/jamkit/``, or None when ``JAM_CACHE=off``."""
        store = Store.at(root, kind)
        return cls(store) if store is not None else None

    def get(self, key: str) -> bytes | None:
        self._asked.add(key)
        found = self._table(key).get(key)
        return found.encode("utf-8", "surrogatepass") if found is not None else None

    def put(self, key: str, payload: bytes) -> None:
        self._asked.add(key)
        table = self._table(key)
        text = payload.decode("utf-8", "surrogatepass")
        if table.get(key) != text:
            table[key] = text
            self._changed.add(key[:2])

    def close(self, complete: bool) -> None:
        """Write the files that changed; ``complete`` (the run asked for every entry it needs) drops the rest."""
        for shard, table in self._tables.items():
            if complete:
                stale = [key for key in table if key not in self._asked]
                for key in stale:
                    del table[key]
                if stale:
                    self._changed.add(shard)
            if shard in self._changed:
                self.store.put(_shard_key(shard), json.dumps(table, sort_keys=True, separators=(",", ":")).encode())
        self._changed.clear()
        if complete:
            self.store.prune()

    def _table(self, key: str) -> dict[str, str]:
        if len(key) != 64 or not _HEX.issuperset(key):
            raise ValueError(f"not a cache key: {key!r}")
        shard = key[:2]
        table = self._tables.get(shard)
        if table is None:
            raw = self.store.get(_shard_key(shard))
            table = self._tables[shard] = _shard_table(raw, shard) if raw is not None else {}
        return table


def _shard_key(shard: str) -> str:
    return digest("jamkit shelf 1", shard)


def _shard_table(raw: bytes, shard: str) -> dict[str, str]:
    """The entries of one shelf file, or none when it is not exactly what ``Shelf.close`` writes."""
    try:
        table = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(table, dict):
        return {}
    for key, value in table.items():
        if len(key) != 64 or not _HEX.issuperset(key) or not key.startswith(shard) or not isinstance(value, str):
            return {}
    return table
