"""Unknown fields as people write them: a fix only for a misspelling of one field, a hint for everything else.

`jam check --fix` applies "the fixes that leave no choice"; renaming `repo:` into `report:` left a code
repository in the report and the file passing every check. These tests run the real check and `--fix` on the file
as a team writes it, then check the file again.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamkit.checks.fixes import plan_fixes
from jamkit.core.model import MAINTAINER_FIELDS, SubmissionFields
from jamkit.core.model.hints import SAID_FOR, TEAM_HIDDEN
from jamkit.files.load import load_catalog
from jamkit.files.validate import one_meaning
from tests.helpers import SUBMISSION, Repo

P = "submissions/demo-sprint/probing.md"
FIELDS = list(SubmissionFields.model_fields)


def _with(extra: str) -> str:
    return SUBMISSION.replace("site: london\n", f"site: london\n{extra}\n")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("repo: https://github.com/x/y", "code"),
        ("repository: https://github.com/x/y", "code"),
        ("demo: https://example.org/demo", "video"),
        ("slides: https://example.org/slides", "links"),
        ("authors: Bea Builder", "members"),
        ("summary: A short text.", "abstract"),
        ("description: A short text.", "abstract"),
        ("keywords: [evals]", "tags"),
        ("location: London", "site"),
        ("paper: https://example.org/p.pdf", "report"),
        ("pdf: paper.pdf", "report"),
        ("url: https://example.org", "links"),
        ("github: bob", "code"),
    ],
)
def test_what_people_write_for_another_field_is_a_hint_and_never_renamed(
    demo_repo: Repo, jam_check, run_jam, written: str, meant: str
) -> None:
    demo_repo.write(P, _with(written))
    before = (demo_repo.root / P).read_bytes()
    unknown = jam_check(demo_repo).one("JAM102")
    assert f"`{meant}" in unknown["fix"] and "did you mean" not in unknown["fix"]
    code, _, _ = run_jam("--root", str(demo_repo.root), "check", "--fix")
    assert code == 1 and (demo_repo.root / P).read_bytes() == before  # nothing renamed: the team decides


@pytest.mark.parametrize(
    ("written", "fixed"),
    [("abstarct", "abstract"), ("memebers", "members"), ("Title", "title"), ("licence", "license"), ("teem", "team")],
)
def test_a_misspelt_field_is_fixed_and_the_file_then_passes(demo_repo: Repo, run_jam, written: str, fixed: str) -> None:
    field = {"abstract": "abstract: We probe", "members": "members:", "title": "title: Probing"}.get(fixed)
    text = SUBMISSION.replace(field, field.replace(fixed, written, 1), 1) if field else _with(f"{written}: MIT-0")
    if fixed == "team":
        text = _with(f"{written}: Stripes")
    demo_repo.write(P, text)
    _, out, _ = run_jam("--root", str(demo_repo.root), "check", "--fix")
    after = (demo_repo.root / P).read_text(encoding="utf-8")
    assert f"\n{fixed}:" in after and f"\n{written}:" not in after
    assert run_jam("--root", str(demo_repo.root), "check")[0] == 0, out


def test_a_teams_hints_never_offer_the_maintainer_only_fields(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, _with("colour: blue"))
    listed = jam_check(demo_repo).one("JAM102")["fix"]
    assert listed.startswith("remove it; known fields here: title, members")
    assert not any(name in listed for name in MAINTAINER_FIELDS)
    demo_repo.write(P, _with("statuss: retracted"))
    assert "status" not in jam_check(demo_repo).one("JAM102")["fix"]
    assert plan_fixes(demo_repo.root, load_catalog(demo_repo.root)[1]) == []  # and nothing to apply


def test_every_hint_names_a_field_of_its_model_that_a_team_may_write_and_no_hint_is_a_field() -> None:
    """The hint table and the models must agree: a renamed field would leave hints pointing nowhere."""
    for model, hints in SAID_FOR.items():
        hidden = TEAM_HIDDEN.get(model, ())
        for said, hint in hints.items():
            assert hint.field in model.model_fields and hint.field not in hidden, (model.__name__, said)
            assert said not in model.model_fields, f"{said} is a field of {model.__name__}, not a mistake"
            assert one_meaning(said, model.model_fields) is None, f"{said} would be fixed as a misspelling"


def test_one_meaning_needs_one_close_field() -> None:
    assert one_meaning("Embargo-Until", FIELDS) == "embargo_until"  # case and dashes
    assert one_meaning("abstarct", FIELDS) == "abstract"  # two letters swapped
    assert one_meaning("repo", FIELDS) is None  # two edits from report: another word
    assert one_meaning("tag", ["tags", "tab"]) is None  # short, and two fields as close
    assert one_meaning("sitte", ["site", "sitter"]) is None  # two names one edit away: a choice


_KEYS = st.one_of(
    st.sampled_from([*FIELDS, *SAID_FOR[SubmissionFields]])
    .flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.integers(0, max(len(name) - 1, 0)),
            st.sampled_from(string.ascii_lowercase),
            st.sampled_from("drsu"),
        )
    )
    .map(lambda t: _mutated(*t)),
    st.text(string.ascii_lowercase + "_", min_size=2, max_size=12),
)


def _mutated(name: str, at: int, letter: str, how: str) -> str:
    """``name`` with one edit a hurried typist makes: delete, replace, swap, or add (``u``)."""
    if how == "d":
        return name[:at] + name[at + 1 :]
    if how == "r":
        return name[:at] + letter + name[at + 1 :]
    if how == "s" and at + 1 < len(name):
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return name[:at] + letter + name[at:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=_KEYS)
def test_fix_never_moves_a_value_into_a_field_of_another_meaning_and_never_drops_text(
    demo_repo: Repo, key: str
) -> None:
    """Property: whatever unknown key a team writes, `--fix` renames it only into the one field it misspells (never
    into the field a hint names for another word) and keeps every other byte of the file."""
    if not key or key in FIELDS or not key[0].isalpha():
        return
    value = "Kept value 123"
    demo_repo.write(P, _with(f"{key}: {value}"))
    _, found = load_catalog(demo_repo.root)
    planned = plan_fixes(demo_repo.root, found)
    renames = [f for f in planned if f.edit.path == P]
    if not renames:
        return
    before, after = renames[0].edit.before.decode(), renames[0].edit.after.decode()
    [new_line] = [line for line in after.splitlines() if line.endswith(f": {value}")]
    new_key = new_line.split(":", 1)[0]
    assert before.replace(f"\n{key}: ", f"\n{new_key}: ", 1) == after  # only the key changed
    assert new_key in FIELDS and new_key not in MAINTAINER_FIELDS
    hint = SAID_FOR[SubmissionFields].get(key.lower())
    assert hint is None, f"{key} means {hint.field if hint else ''}, yet was renamed to {new_key}"
    assert [f for f in FIELDS if one_meaning(key, [f])] == [new_key]  # no other field is as close
