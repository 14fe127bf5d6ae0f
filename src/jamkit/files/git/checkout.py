"""The versions of a change's files that a check reads, written from git objects into a temporary folder.

The content rules and the loader read files from disk, but a pull request's
head is never checked out (``jamkit.files.git.change``). So the few files a check needs
are written from git objects into three folders of one private temporary
directory: the head, the base branch's tip and the merge base. Only regular
files named by a safe path are written, as plain non-executable files, and each
at most up to a size limit, so a huge blob never fills the disk.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import TracebackType

from jamkit.files.git.change import Objects, safe_path
from jamkit.files.load import Document, path_problem, read_document


class Checkout:
    """The head, base and merge-base folders, filled on demand; everything is deleted on exit."""

    def __init__(self, root: Path) -> None:
        self.objects = Objects(root)
        self._folder = tempfile.TemporaryDirectory(prefix="jam-pr-")
        top = Path(self._folder.name)
        self.head, self.base, self.merge_base = top / "head", top / "base", top / "merge-base"

    def __enter__(self) -> Checkout:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.objects.close()
        self._folder.cleanup()

    def read(self, name: str, limit: int | None = None) -> bytes | None:
        """The object ``name`` (a blob id or ``commit:path``), at most ``limit`` bytes; None if missing."""
        return self.objects.read(name, limit=limit)

    def write(self, name: str, folder: Path, path: str, limit: int | None = None) -> bool:
        """Write the object ``name`` to ``folder/path``; False if there is no such blob or the path is unsafe.

        A path this file system cannot hold (a 300-byte name...) is not written
        either; the policy reports the name (``jamkit.files.load.path_problem``).
        """
        if not safe_path(path) or path_problem(path) is not None:
            return False
        target = folder / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch()
        except OSError:
            return False
        return self.objects.read(name, limit=limit, into=target) is not None

    def document(self, name: str, folder: Path, path: str, limit: int) -> Document | None:
        """A content file's parsed front matter straight from a git object, however broken (None)."""
        if not self.write(name, folder, path, limit):
            return None
        doc, _ = read_document(folder, path)
        return doc
