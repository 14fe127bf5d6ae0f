"""`jamkit.checks.run`: checking files or the whole repository as a library call, with a result and no output."""

from __future__ import annotations

import pytest

from jamkit.checks import run
from jamkit.checks.run import check_files, check_repository, relative_paths
from jamkit.core.errors import UsageError
from tests.conftest import SUBMISSION

P = "submissions/demo-sprint/probing.md"
PDF = "submissions/demo-sprint/probing/report.pdf"


def test_a_clean_repository_is_checked_without_printing(demo_repo, capsys, monkeypatch) -> None:
    monkeypatch.setenv("JAM_CACHE", "off")
    done = check_repository(demo_repo.root)
    assert (done.diagnostics, done.has_errors) == ([], False)
    assert done.files == 4  # the sprint, the project, its report and the publication
    assert done.catalog is not None and P in done.catalog.present
    assert capsys.readouterr() == ("", "")


def test_a_file_checked_alone_still_meets_the_rules_that_read_other_files(demo_repo) -> None:
    """The site is the sprint's to list: checking only the project still loads the sprint to compare."""
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    done = check_files(demo_repo.root, [P])
    assert [(d.path, d.code) for d in done.diagnostics] == [(P, "JAM203")]
    assert done.files == 2  # the project's file stands for its folder: its report too
    assert done.has_errors


def test_without_attachments_only_the_named_files_count(demo_repo) -> None:
    script = "submissions/demo-sprint/probing/run.sh"
    demo_repo.write(script, "#!/bin/sh\necho hi\n")
    with_them = check_files(demo_repo.root, [P])
    without = check_files(demo_repo.root, [P], attachments=False)
    assert [d.path for d in with_them.diagnostics] == [script]
    assert with_them.files == 3
    assert (without.diagnostics, without.files) == ([], 1)


def test_the_whole_repository_is_answered_from_the_cache_when_nothing_changed(demo_repo, monkeypatch) -> None:
    monkeypatch.delenv("JAM_CACHE", raising=False)
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    first = check_repository(demo_repo.root)

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the repository was loaded again")

    monkeypatch.setattr(run, "load_catalog", unread)
    again = check_repository(demo_repo.root)
    assert (again.diagnostics, again.files) == (first.diagnostics, first.files)
    assert again.catalog is None  # answered, not loaded


def test_the_steps_are_told_to_whoever_watches(demo_repo, monkeypatch) -> None:
    monkeypatch.setenv("JAM_CACHE", "off")
    steps: list[str] = []
    check_repository(demo_repo.root, step=steps.append)
    assert steps[0] == "jam check: reading the repository…"
    assert "jam check: the attachments…" in steps


def test_paths_are_made_relative_and_folders_expand(demo_repo, monkeypatch) -> None:
    monkeypatch.chdir(demo_repo.root)
    assert relative_paths(demo_repo.root, ["submissions/demo-sprint"]) == [P, PDF]
    with pytest.raises(UsageError, match=r"no/such\.md: no such file or folder"):
        relative_paths(demo_repo.root, ["no/such.md"])
