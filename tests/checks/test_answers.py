"""The check's caches: the repository's fingerprint and the rendered bodies."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from jamkit.checks import answers as checkcache
from jamkit.checks.answers import answer_key, fingerprint, load_answer, prime_bodies, save_answer, versions
from jamkit.checks.content import bodies as body
from jamkit.checks.content.bodies import MAX_BRACKETS, MAX_DEPTH, Unrenderable, convert
from jamkit.core.codes import BODY_UNRENDERABLE
from jamkit.core.model import Position
from jamkit.files.load import load_catalog
from jamkit.infra.cache import Shelf, Store, digest
from jamkit.site.render import markdown_html
from tests.helpers import SUBMISSION, Repo

FINE = ["# A heading\n\nSome *text* and a [link](https://example.org).", "- a\n- b\n\n> quoted", ""]
BROKEN = ["> " * (MAX_DEPTH + 1) + "deep", "[" * (MAX_BRACKETS + 1), "a\0b"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "bodies")


def prime(texts: list[str], store: Store | None, workers: int | None = None) -> int:
    """One run's priming, as ``jam check`` does it: a shelf over the store, closed at the end."""
    shelf = Shelf(store) if store is not None else None
    rendered = prime_bodies(texts, shelf, workers)
    if shelf is not None:
        shelf.close(complete=True)
    return rendered


def expected(text: str) -> Unrenderable | None:
    found = convert(text)
    return found if isinstance(found, Unrenderable) else None


def learnt(texts: list[str]) -> list[Unrenderable | None]:
    return [body.verdict(text) for text in texts]


def forget() -> None:
    """Nothing this process rendered or learnt earlier answers for the store."""
    body._RENDERED.clear()
    convert.cache_clear()


@pytest.fixture(autouse=True)
def forgotten() -> None:
    forget()


def test_each_body_is_rendered_once_then_read_from_the_table(store: Store) -> None:
    texts = FINE + BROKEN
    assert prime(texts, store) == len(texts)
    assert learnt(texts) == [expected(t) for t in texts]
    forget()
    assert prime(texts, store) == 0
    assert learnt(texts) == [expected(t) for t in texts]
    assert learnt(BROKEN)[0] is not None and "levels deep" in learnt(BROKEN)[0].problem  # type: ignore[union-attr]


def test_after_an_edit_only_the_edited_body_is_rendered(store: Store) -> None:
    prime(FINE, store)
    edited = [FINE[0] + " More.", *FINE[1:]]
    assert prime(edited, store) == 1
    assert prime(edited, store) == 0


def test_worker_processes_reach_the_same_verdicts(store: Store) -> None:
    texts = FINE + BROKEN + [f"Body {n} with **bold** and `code`." for n in range(20)]
    assert prime(texts, None, workers=2) == len(texts)
    assert learnt(texts) == [expected(t) for t in texts]


def bodies_repo(demo_repo: Repo, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Projects whose bodies are fine, broken, cached or in a file that does not load; a copy for as few as 2."""
    monkeypatch.setattr(body, "PARALLEL_FROM", 2)
    texts = [*FINE, *BROKEN, *(f"Body {n} with **bold** and `code`." for n in range(12))]
    for n, text in enumerate(texts):
        demo_repo.write(f"submissions/demo-sprint/probing-{n}.md", SUBMISSION.replace("The long write-up.\n", text))
    demo_repo.write("submissions/demo-sprint/broken.md", "---\ntitle: [unclosed\n---\nA body no record holds.\n")
    return texts


def rendering_marked(monkeypatch: pytest.MonkeyPatch, mark: Path) -> None:
    """``body.convert`` as it is, marking that the copy has rendered one (waited for, never guessed)."""
    convert_as_is = body.convert

    def convert_and_mark(text: str) -> str | Unrenderable:
        found = convert_as_is(text)
        mark.touch()
        return found

    monkeypatch.setattr(body, "convert", convert_and_mark)


def appeared(path: Path) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, "the copy never rendered a body"
        time.sleep(0.01)


def test_bodies_rendered_while_the_files_load_reach_the_same_verdicts(
    demo_repo: Repo, monkeypatch: pytest.MonkeyPatch, store: Store, tmp_path: Path
) -> None:
    texts = bodies_repo(demo_repo, monkeypatch)
    prime(texts[:3], store)  # some are in the cache already: the copy leaves them
    forget()
    shelf = Shelf(store)
    rendering_marked(monkeypatch, tmp_path / "rendered")
    with checkcache.bodies_ahead(demo_repo.root, shelf, workers=2) as early:
        assert early is not None
        appeared(tmp_path / "rendered")  # (loading, here: the copy finds and renders the bodies meanwhile)
        catalog, _ = load_catalog(demo_repo.root)
        prime_bodies(checkcache.bodies_of(catalog), shelf, early=early)
    assert early.items and set(texts[:3]).isdisjoint(early.items)  # on the shelf already: the copy left them
    assert not early.process.is_alive()
    assert learnt(texts) == [expected(t) for t in texts]
    shelf.close(complete=True)
    forget()
    assert prime(texts, store) == 0  # everything the copy rendered was kept


def test_a_copy_rendering_bodies_stops_when_loading_fails(
    demo_repo: Repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    texts = bodies_repo(demo_repo, monkeypatch)
    rendered = tmp_path / "rendered"  # one character for each body the copy finished

    def slow(text: str) -> str:  # a second a body: the copy is still at work when loading fails
        time.sleep(1)
        with rendered.open("a") as marks:
            marks.write(".")
        return "<p>slow</p>"

    monkeypatch.setattr(body, "convert", slow)
    failing = pytest.raises(RuntimeError, match="loading failed")
    with failing, checkcache.bodies_ahead(demo_repo.root, None, workers=2) as early:
        assert early is not None
        raise RuntimeError("loading failed")
    assert not early.process.is_alive()
    done = len(rendered.read_text()) if rendered.exists() else 0
    assert done < len(texts)  # stopped in the middle, not waited for to the end


def test_no_file_is_read_here_for_the_copy(demo_repo: Repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The copy finds the bodies itself: this process, which loads the files, reads none of them twice."""
    bodies_repo(demo_repo, monkeypatch)
    rendering_marked(monkeypatch, tmp_path / "rendered")
    here = os.getpid()
    read = checkcache.read_text

    def read_in_the_copy_only(root: Path, path: str) -> Any:
        assert os.getpid() != here, "a file was read for the copy in the process that loads them"
        return read(root, path)

    monkeypatch.setattr(checkcache, "read_text", read_in_the_copy_only)
    with checkcache.bodies_ahead(demo_repo.root, None, workers=2) as early:
        assert early is not None
        appeared(tmp_path / "rendered")
    assert early.items  # the copy read the files and rendered their bodies
    with checkcache.bodies_ahead(demo_repo.root, None, workers=1) as early:
        assert early is None  # one process: no copy, nothing read


@pytest.mark.parametrize(
    "entry",
    [b"[]", b'{"ab": null}', b'{"' + b"a" * 64 + b'": ["only one"]}', b'{"' + b"a" * 64 + b'": 1}', b"\xff", b"{"],
)
def test_an_entry_not_as_jamkit_writes_it_is_ignored(store: Store, entry: bytes) -> None:
    prime(BROKEN, store)
    written = list(store.folder.rglob("*/*"))
    assert written
    for path in written:
        store.put(path.name, entry)
    forget()
    assert prime(BROKEN, store) == len(BROKEN)
    assert learnt(BROKEN) == [expected(t) for t in BROKEN]


def test_the_stored_html_is_what_rendering_gives(store: Store) -> None:
    texts = FINE + BROKEN
    fresh = [convert(text) for text in texts]
    forget()
    prime(texts, store)
    forget()
    assert prime(texts, store) == 0
    assert [convert(text) for text in texts] == fresh


def test_a_stored_rendering_not_as_jamkit_writes_it_is_rendered_again(store: Store) -> None:
    fresh = [convert(text) for text in FINE]
    forget()
    prime(FINE, store)
    for path in store.folder.rglob("*/*"):
        table = json.loads(store.get(path.name) or b"{}")
        store.put(path.name, json.dumps(dict.fromkeys(table, json.dumps(["only one"]))).encode())
    forget()
    assert prime(FINE, store) == len(FINE)
    assert [convert(text) for text in FINE] == fresh


def test_a_forged_entry_is_still_sanitized_on_the_page(store: Store) -> None:
    """The cache keeps unsanitized HTML; whoever could write it still cannot put a script on a page."""
    text = "Plain words."
    prime([text], store)
    (path,) = store.folder.rglob("*/*")
    forged = json.dumps('<p onclick="x()">forged</p><script>alert(1)</script>')
    store.put(path.name, json.dumps({digest("body", versions(), text): forged}).encode())
    forget()
    assert prime([text], store) == 0
    drawn = markdown_html(text)
    assert "forged" in drawn and "<script" not in drawn and "onclick" not in drawn


def test_a_forged_verdict_for_another_text_does_not_apply(store: Store) -> None:
    """Verdicts are filed under each text's SHA-256: a row for one text says nothing of another."""
    prime(FINE[:1], store)
    assert prime(BROKEN[:1], store) == 1
    assert body.verdict(BROKEN[0]) is not None


def test_the_versions_name_the_renderer() -> None:
    assert len(versions()) == 64


# --------------------------------------------------------------------------- fingerprint


@pytest.fixture
def tree(demo_repo: Repo) -> Repo:
    demo_repo.write("pyproject.toml", "[tool.jamkit]\n")
    return demo_repo


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.write("submissions/demo-sprint/probing.md", "changed"),
        lambda r: r.write("submissions/demo-sprint/probing/notes.txt", "new"),
        lambda r: r.write("people/ada.md", "---\n---\n"),
        lambda r: r.write("pyproject.toml", "[tool.jamkit]\nmax_pdf_mb = 1\n"),
        lambda r: os.chmod(r.root / "submissions/demo-sprint/probing/report.pdf", 0o755),
        lambda r: (r.root / "submissions/demo-sprint/probing/report.pdf").rename(
            r.root / "submissions/demo-sprint/r.pdf"
        ),
        lambda r: (r.root / "pyproject.toml").unlink(),
        lambda r: r.write("docs/feed.xml", "<feed/>"),  # docs/ is published: JAM316 reads its names
    ],
    ids=["content", "new-file", "new-folder", "limits", "mode", "moved", "config-removed", "docs"],
)
def test_the_fingerprint_changes_with_what_the_check_reads(tree: Repo, change) -> None:
    before = fingerprint(tree.root)
    change(tree)
    assert fingerprint(tree.root) not in (before, None)


def test_the_fingerprint_ignores_what_the_check_never_reads(tree: Repo) -> None:
    before = fingerprint(tree.root)
    tree.write("notes/index.md", "# Notes\n")
    tree.write(".cache/jamkit/parsed/x", "entry")
    tree.write("site/index.html", "<p>")
    assert fingerprint(tree.root) == before


def test_no_fingerprint_when_a_link_or_pipe_is_there(tree: Repo) -> None:
    link = tree.root / "submissions/demo-sprint/probing/link.pdf"
    os.symlink("/etc/hostname", link)
    assert fingerprint(tree.root) is None
    link.unlink()
    os.mkfifo(tree.root / "sprints/pipe.md")
    assert fingerprint(tree.root) is None


def test_no_fingerprint_when_a_content_folder_is_a_link(tree: Repo, tmp_path: Path) -> None:
    (tree.root / "publications").rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", tree.root / "publications")
    assert fingerprint(tree.root) is None


def test_a_body_stopped_by_the_clock_is_rendered_again_next_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """How long a body takes says how busy the machine was: that verdict is never kept."""
    slow = Unrenderable(body.TOO_SLOW, "simplify it")
    monkeypatch.setattr(body, "convert", lambda text: slow if text == FINE[0] else convert(text))
    assert prime(FINE, store) == len(FINE)
    assert body.verdict(FINE[0]) == slow
    assert prime(FINE, store) == 1


def test_an_answer_with_a_body_stopped_by_the_clock_is_not_kept(tmp_path: Path) -> None:
    answers = Store(tmp_path / "checked")
    key = answer_key("print")
    slow = BODY_UNRENDERABLE.at("sprints/x.md", Position(1), body.TOO_SLOW, "simplify it")
    save_answer(answers, key, [slow], 1)
    assert load_answer(answers, key) is None
    deep = BODY_UNRENDERABLE.at("sprints/x.md", Position(1), "the body nests 40 levels deep", "flatten it")
    save_answer(answers, key, [deep], 1)
    assert load_answer(answers, key) == ([deep], 1)


def test_no_fingerprint_and_no_crash_when_folders_nest_deeper_than_python_recurses(tree: Repo) -> None:
    deep = tree.root / "submissions"
    folders = []
    for _ in range(1100):
        deep = deep / "d"
        deep.mkdir()
        folders.append(deep)
    (deep / "x.txt").write_text("deep")
    try:
        assert fingerprint(tree.root) is None
    finally:  # from the bottom up: pytest's own clean-up (shutil.rmtree) recurses once per level and would fail
        (deep / "x.txt").unlink()
        for folder in reversed(folders):
            folder.rmdir()


def test_a_large_attachment_counts_by_its_bytes(tree: Repo) -> None:
    big = tree.root / "submissions/demo-sprint/probing/data.pdf"
    big.write_bytes(b"%PDF-" + b"a" * 3_000_000)
    before = fingerprint(tree.root)
    big.write_bytes(b"%PDF-" + b"a" * 2_999_999 + b"b")
    assert fingerprint(tree.root) not in (before, None)
