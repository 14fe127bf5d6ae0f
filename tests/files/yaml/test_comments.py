"""Text YAML reads as a comment: `title: Refusal drift #2 in long conversations` is stored as "Refusal drift"."""

from __future__ import annotations

import pytest

from jamkit.files.load import load_catalog
from tests.helpers import SUBMISSION, Repo

P = "submissions/demo-sprint/probing.md"
TITLE = "title: Probing for Deception"


def test_a_title_cut_at_a_hash_is_warned_at_the_hash_with_the_quoted_value(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace(TITLE, "title: Refusal drift #2 in long conversations"))
    checked = jam_check(demo_repo)
    cut = checked.one("JAM123")
    assert (cut["line"], cut["col"], cut["severity"]) == (2, 22, "warning")
    assert cut["message"].startswith("'title' is read as 'Refusal drift'")
    assert cut["fix"] == 'put the whole value in quotes: "Refusal drift #2 in long conversations"'
    # The fix as written: the title is whole, and the warning is gone.
    demo_repo.write(P, SUBMISSION.replace(TITLE, 'title: "Refusal drift #2 in long conversations"'))
    catalog, found = load_catalog(demo_repo.root)
    assert found == [] and catalog.submissions["demo-sprint/probing"].fields.title.endswith("#2 in long conversations")


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("  - name: Bea Builder #1", "members[0].name"),  # in a list of mappings
        ("team: Team #ai", "team"),
        ('team: Say "hi" #2', "team"),
    ],
)
def test_every_text_value_is_watched(demo_repo: Repo, jam_check, line: str, where: str) -> None:
    key = line.strip().split(":")[0].lstrip("- ")
    text = (
        SUBMISSION.replace("  - name: Bea Builder", line)
        if key == "name"
        else SUBMISSION.replace("site: london", f"site: london\n{line}")
    )
    demo_repo.write(P, text)
    cut = jam_check(demo_repo).one("JAM123")
    assert cut["message"].startswith(f"'{where}' is read as")
    if '"' in line:
        assert cut["fix"] == "put the whole value in quotes: 'Say \"hi\" #2'"


@pytest.mark.parametrize(
    "line",
    [
        "site: london  # where we met",  # a comment on purpose: a space after '#'
        "site: london #",
        "team: 'Team #ai'",  # quoted: YAML kept it
        "team: A#B",  # no space before '#': part of the value
        "tags: [evals, 'x #y']",
    ],
)
def test_comments_on_purpose_and_quoted_values_are_left_alone(demo_repo: Repo, jam_check, line: str) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", line if line.startswith("site") else f"site: london\n{line}"))
    assert jam_check(demo_repo).diagnostics == []
