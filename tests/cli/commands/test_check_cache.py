"""`jam check` over everything answered from `.cache/jamkit/`: the same bytes as a check without the cache.

Each case checks a real repository (filling the cache), changes a file that
another file's diagnostics depend on, and compares the report with the cache
against the report of `JAM_CACHE=off`, in text and in JSON.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from jamkit.checks.answers import answer_key, fingerprint
from jamkit.infra.cache import Store
from tests.helpers import COHORT, PDF, SPRINT, SUBMISSION, SUBMISSION_IN_COHORT, Repo

P = "submissions/demo-sprint/probing.md"
FIGURE = "submissions/demo-sprint/probing/figure.png"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
LIMITS = "[tool.jamkit]\nmax_image_mb = 0.001\nmax_project_mb = 1\n"  # an image may take 1,048 bytes

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def full_repo(demo_repo: Repo) -> Repo:
    """The demo repository with a profile, a cohort, a figure and limits: files that other files' checks read."""
    demo_repo.write("people/bea.md", "---\nname: Bea Builder\n---\nBio.\n")
    demo_repo.write("lab/spring.md", COHORT)
    demo_repo.write(P, SUBMISSION_IN_COHORT)
    demo_repo.write(FIGURE, PNG)
    demo_repo.write("pyproject.toml", LIMITS)
    return demo_repo


def reports(run_jam: Run, repo: Repo, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The text and JSON reports of `jam check`, with the cache (its answer, when it has one)."""
    monkeypatch.delenv("JAM_CACHE", raising=False)
    text = run_jam("--root", str(repo.root), "check")
    data = run_jam("--root", str(repo.root), "check", "--format", "json")
    return text[1] + text[2] + str(text[0]), data[1] + data[2] + str(data[0])


def plain(run_jam: Run, repo: Repo, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.setenv("JAM_CACHE", "off")
    try:
        text = run_jam("--root", str(repo.root), "check")
        data = run_jam("--root", str(repo.root), "check", "--format", "json")
    finally:
        monkeypatch.delenv("JAM_CACHE")
    return text[1] + text[2] + str(text[0]), data[1] + data[2] + str(data[0])


def answered(repo: Repo) -> bool:
    """Whether the cache holds an answer for the repository as it is now."""
    now = fingerprint(repo.root)
    store = Store.at(repo.root, "checked")
    return now is not None and store is not None and store.get(answer_key(now)) is not None


@dataclass
class Change:
    name: str
    apply: Callable[[Repo], None]
    says: str  # a text the report holds after the change and not before
    before: dict[str, str | bytes] = field(default_factory=dict)


def write(path: str, content: str | bytes) -> Callable[[Repo], None]:
    return lambda repo: repo.write(path, content) and None


def remove(path: str) -> Callable[[Repo], None]:
    return lambda repo: (repo.root / path).unlink()


def chmod_x(path: str) -> Callable[[Repo], None]:
    return lambda repo: os.chmod(repo.root / path, 0o755)


CHANGES = [
    Change(
        "a sprint's sites change: the project's site is unknown",
        write(
            "sprints/demo-sprint.md",
            SPRINT.replace("  - {id: london, name: London hub, city: London, country: GB}\n", ""),
        ),
        "JAM203",
    ),
    Change("a publication is removed: the cohort names nothing", remove("publications/a-paper.md"), "JAM230"),
    Change(
        "a profile is removed: its problem goes with it",
        remove("people/bea.md"),
        "all good",
        before={"people/bea.md": '---\nname: "Bea [me](https://evil.example)"\n---\nBio.\n'},
    ),
    Change("an attachment grows over its limit", write(FIGURE, PNG + b"\0" * 2000), "may take at most"),
    Change(
        "the limits in pyproject.toml shrink",
        write("pyproject.toml", LIMITS.replace("0.001", "0.00001")),
        "may take at most",
    ),
    Change("an attachment becomes executable", chmod_x(FIGURE), "executable mode"),
    Change("the report PDF is removed", remove("submissions/demo-sprint/probing/report.pdf"), "does not exist"),
    Change(
        "a body stops rendering",
        write(P, SUBMISSION.replace("The long write-up.", "> " * 40 + "deep")),
        "JAM040",
    ),
    Change(
        "the sprint's deadline passes (the local check reads no clock, so nothing changes)",
        write("sprints/demo-sprint.md", SPRINT.replace("ends: 2025-01-19", "ends: 2099-01-19")),
        "",
    ),
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_after_a_change_the_cached_report_is_the_report_without_cache(
    full_repo: Repo, run_jam: Run, monkeypatch: pytest.MonkeyPatch, change: Change
) -> None:
    for path, content in change.before.items():
        full_repo.write(path, content)
    first = reports(run_jam, full_repo, monkeypatch)
    assert answered(full_repo)
    assert reports(run_jam, full_repo, monkeypatch) == first == plain(run_jam, full_repo, monkeypatch)
    change.apply(full_repo)
    assert not answered(full_repo)
    after = reports(run_jam, full_repo, monkeypatch)
    assert after == plain(run_jam, full_repo, monkeypatch)
    assert change.says in after[0]
    if change.says:
        assert change.says not in first[0]
    assert answered(full_repo)
    assert reports(run_jam, full_repo, monkeypatch) == after  # now from the cache


def test_an_unchanged_repository_is_answered_without_reading_it_again(
    full_repo: Repo, run_jam: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    first = reports(run_jam, full_repo, monkeypatch)

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the repository was loaded again")

    monkeypatch.setattr("jamkit.checks.run.load_catalog", unread)
    assert reports(run_jam, full_repo, monkeypatch) == first
    assert "JAM203" in first[0]


def test_files_outside_what_the_check_reads_do_not_change_the_answer(
    full_repo: Repo, run_jam: Run, monkeypatch
) -> None:
    reports(run_jam, full_repo, monkeypatch)
    full_repo.write("notes/todo.md", "# Not content\n")  # docs/ is read: JAM316 looks at its names
    full_repo.write("site/index.html", "<p>built</p>")
    assert answered(full_repo)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[:-5],
        lambda raw: raw[:20] + b"0" + raw[21:],
        lambda raw: raw + b"more",
    ],
    ids=["emptied", "truncated", "hash-altered", "appended"],
)
def test_a_damaged_answer_is_ignored_and_replaced(
    full_repo: Repo, run_jam: Run, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    full_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    first = reports(run_jam, full_repo, monkeypatch)
    (entry,) = (full_repo.root / ".cache/jamkit/checked").rglob("*/*")
    entry.write_bytes(damage(entry.read_bytes()))
    assert reports(run_jam, full_repo, monkeypatch) == first
    assert answered(full_repo)


@pytest.mark.parametrize(
    "forged",
    [
        b'{"checked": 5, "diagnostics": [["x", 1, 1, "JAM203", "m", "f", "fatal"]]}',
        b'{"checked": -1, "diagnostics": []}',
        b'{"checked": 5, "diagnostics": [["b", 1, 1, "C", "m", "f", "error"], ["a", 1, 1, "C", "m", "f", "error"]]}',
        b'{"checked": 5, "diagnostics": [["a", true, 1, "C", "m", "f", "error"]], "extra": 1}',
        b"[]",
        b"\xff",
    ],
)
def test_an_answer_not_shaped_as_jamkit_writes_it_is_ignored(
    full_repo: Repo, run_jam: Run, monkeypatch: pytest.MonkeyPatch, forged: bytes
) -> None:
    full_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    truth = plain(run_jam, full_repo, monkeypatch)
    store = Store.at(full_repo.root, "checked")
    assert store is not None
    key = answer_key(fingerprint(full_repo.root) or "")
    store.put(key, forged)
    assert reports(run_jam, full_repo, monkeypatch) == truth


def test_a_repository_with_a_link_is_checked_every_time(full_repo: Repo, run_jam: Run, monkeypatch) -> None:
    outside = full_repo.root.parent / "outside.png"
    outside.write_bytes(PNG)
    os.symlink(outside, full_repo.root / "submissions/demo-sprint/probing/linked.png")
    first = reports(run_jam, full_repo, monkeypatch)
    assert "JAM310" in first[0] or "symbolic link" in first[0]
    assert fingerprint(full_repo.root) is None
    assert not list((full_repo.root / ".cache/jamkit").glob("checked/*/*"))
    assert first == plain(run_jam, full_repo, monkeypatch)


def test_a_file_changed_during_the_check_leaves_no_answer(
    full_repo: Repo, run_jam: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jamkit.checks import run as check

    real = check.prime_bodies

    def edit_meanwhile(*args: object, **kwargs: object) -> int:
        full_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "prime_bodies", edit_meanwhile)
    code, out, _ = run_jam("--root", str(full_repo.root), "check")
    assert (code, out.strip()) == (0, "7 files checked: all good")  # what it read before the edit
    assert not list((full_repo.root / ".cache/jamkit").glob("checked/*/*"))
    monkeypatch.setattr(check, "prime_bodies", real)
    assert reports(run_jam, full_repo, monkeypatch) == plain(run_jam, full_repo, monkeypatch)
    assert answered(full_repo)


def test_the_cache_folder_is_ignored_by_git(full_repo: Repo, run_jam: Run, monkeypatch) -> None:
    full_repo.init_git()
    reports(run_jam, full_repo, monkeypatch)
    full_repo.git("add", "-A")
    assert ".cache" not in full_repo.git("status", "--porcelain")


def test_only_the_current_answer_is_kept(full_repo: Repo, run_jam: Run, monkeypatch) -> None:
    reports(run_jam, full_repo, monkeypatch)
    full_repo.write("submissions/demo-sprint/probing/report.pdf", PDF + b"%more\n")
    reports(run_jam, full_repo, monkeypatch)
    assert len(list(Path(full_repo.root, ".cache/jamkit/checked").glob("*/*"))) == 1


def test_the_answer_holds_after_the_clock_passes_a_deadline(
    full_repo: Repo, run_jam: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No rule of the local check reads the clock (deadlines are the pull request's), so the clock is not in the key."""
    from jamkit.checks.pull_request import tree

    full_repo.write("sprints/demo-sprint.md", SPRINT.replace("ends: 2025-01-19", "ends: 2099-01-19"))
    before = reports(run_jam, full_repo, monkeypatch)

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Later:
            return cls(2100, 1, 1, tzinfo=tz)

    monkeypatch.setattr(tree, "dt", SimpleNamespace(datetime=Later, UTC=dt.UTC))
    assert plain(run_jam, full_repo, monkeypatch) == before
