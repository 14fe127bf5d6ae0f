"""What `jam new` refuses before writing is worded exactly as `jam check` words it about the same file."""

from __future__ import annotations

import pytest

from jamkit.checks import check
from jamkit.files.load import load_catalog
from jamkit.upkeep.scaffold import ScaffoldError, new_submission
from tests.helpers import Repo

MD = "submissions/demo-sprint/new-idea.md"
VALUES = {"title": "T", "member": ["Cara:cara"], "abstract": "A."}


def jam_check_says(repo: Repo, text: str, code: str) -> str:
    """The message and fix `jam check` gives for ``code`` on a hand-written file with ``text``."""
    repo.write(MD, text)
    catalog, _ = load_catalog(repo.root, [MD])
    found = [d for d in check(catalog) if d.code == code]
    (repo.root / MD).unlink()
    assert len(found) == 1, found
    return f"{found[0].message} (fix: {found[0].fix})"


CARA = "  - {name: Cara, github: cara}\n"
FOUR = "".join(f"  - {{name: {x}, github: {x}}}\n" for x in "abcd")


@pytest.mark.parametrize(
    ("values", "members", "site", "code"),
    [
        ({"site": "paris"}, CARA, "site: paris\n", "JAM203"),
        ({"member": ["A:a", "B:b", "C:c", "D:d"]}, FOUR, "", "JAM202"),
    ],
)
def test_refusals_use_the_content_rules(demo_repo: Repo, values: dict, members: str, site: str, code: str) -> None:
    text = f"---\ntitle: T\nmembers:\n{members}abstract: A.\nreport: report.pdf\n{site}---\n"
    expected = jam_check_says(demo_repo, text, code)
    with pytest.raises(ScaffoldError) as refused:
        new_submission(demo_repo.root, "demo-sprint", "new-idea", {**VALUES, **values})
    assert str(refused.value) == f"not written, the values are not valid:\n  {expected}"
    assert not (demo_repo.root / MD).exists()
    assert not (demo_repo.root / "submissions/demo-sprint/new-idea").exists()


def test_a_new_submission_reports_only_the_missing_report_and_write_up_as_pending(demo_repo: Repo) -> None:
    done = new_submission(demo_repo.root, "demo-sprint", "new-idea", VALUES)
    assert done.written == (MD, "submissions/demo-sprint/new-idea/")  # its folder, empty: a note would be published
    assert list((demo_repo.root / "submissions/demo-sprint/new-idea").iterdir()) == []
    assert done.found == ()
    assert done.report_pending == "submissions/demo-sprint/new-idea/report.pdf"
    assert done.write_up_pending
