"""`jam retract`: the project file gains `status: retracted` and `retraction`, and nothing else changes."""

from __future__ import annotations

import datetime as dt

from jamkit.core.model import utc_day
from jamkit.files.load import load_catalog
from jamkit.infra.cache import ACTIONS_KEY_PREFIX
from jamkit.site.index import Index
from tests.helpers import SPRINT, SUBMISSION

P = "submissions/demo-sprint/probing.md"
REASON = "Contains operational details covered by the hazardous-information policy."


def retract(run_jam, repo, *args: str) -> tuple[int, str, str]:
    return run_jam("--root", str(repo.root), "retract", *args)


def test_retract_marks_the_project_and_the_site_shows_a_notice(demo_repo, run_jam, jam_check) -> None:
    before = (demo_repo.root / P).read_text(encoding="utf-8")
    code, out, err = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", REASON, "--date", "2025-02-01")
    assert (code, err) == (0, "")
    assert out.startswith(f"Retracted demo-sprint/probing in {P}:")
    assert "No file was deleted." in out
    assert "  submissions/demo-sprint/probing/report.pdf" in out
    assert "docs/policies.md#hazardous-information" in out
    assert f"gh cache list --key {ACTIONS_KEY_PREFIX}" in out  # the Actions cache holds the old pages
    assert "xargs -r -n 1 gh cache delete" in out
    added = f"status: retracted\nretraction:\n  date: 2025-02-01\n  reason: {REASON}\n"
    assert (demo_repo.root / P).read_text(encoding="utf-8") == before.replace("---\nThe long", added + "---\nThe long")
    assert (demo_repo.root / "submissions/demo-sprint/probing/report.pdf").is_file()
    assert jam_check(demo_repo).diagnostics == []
    catalog, _ = load_catalog(demo_repo.root)
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    sub = catalog.submissions["demo-sprint/probing"]
    assert sub.visibility(utc_day(now)) == "retracted"
    assert Index(catalog, now).visibility["demo-sprint/probing"] == "retracted"
    assert sub.fields.retraction is not None and sub.fields.retraction.reason == REASON


def test_the_date_defaults_to_today_in_utc(demo_repo, run_jam) -> None:
    code, _, _ = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "Withdrawn.")
    catalog, _ = load_catalog(demo_repo.root)
    retraction = catalog.submissions["demo-sprint/probing"].fields.retraction
    assert code == 0 and retraction is not None
    assert retraction.date in {utc_day(dt.datetime.now(dt.UTC)), utc_day(dt.datetime.now(dt.UTC)) - dt.timedelta(1)}


def test_retracting_again_changes_nothing_or_only_the_reason(demo_repo, run_jam) -> None:
    retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "First.", "--date", "2025-02-01")
    once = (demo_repo.root / P).read_bytes()
    code, out, _ = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "First.")
    assert code == 0 and "already retracted (2025-02-01, First.); nothing changed" in out
    assert (demo_repo.root / P).read_bytes() == once
    code, out, _ = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "Better words.")
    assert code == 0 and out.startswith("demo-sprint/probing was already retracted; updated its retraction")
    text = (demo_repo.root / P).read_text(encoding="utf-8")
    assert text.count("status: retracted") == 1
    assert "  date: 2025-02-01\n  reason: Better words.\n" in text


def test_a_report_already_deleted_does_not_block_the_retraction(demo_repo, run_jam) -> None:
    (demo_repo.root / "submissions/demo-sprint/probing/report.pdf").unlink()
    code, out, _ = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "Hazard removed.")
    assert code == 0 and "Retracted" in out


def test_an_award_winner_and_an_embargoed_project_get_a_note(demo_repo, run_jam) -> None:
    demo_repo.write(
        "sprints/demo-sprint.md", SPRINT.replace("judges:", "awards:\n  - {place: 1, project: probing}\njudges:")
    )
    code, out, _ = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "Withdrawn.")
    assert code == 0 and "holds an award (1st place) in sprints/demo-sprint.md" in out
    demo_repo.write(
        "submissions/demo-sprint/later.md", SUBMISSION.replace("site: london", "status: embargoed\nsite: london")
    )
    demo_repo.write("submissions/demo-sprint/later/report.pdf", b"%PDF-1.4\n")
    code, out, _ = retract(run_jam, demo_repo, "demo-sprint/later", "--reason", "Withdrawn.")
    assert code == 0 and "this project was embargoed and hidden" in out


def test_usage_errors_exit_2_and_write_nothing(demo_repo, run_jam) -> None:
    before = (demo_repo.root / P).read_bytes()
    cases = {
        ("demo-sprint/nope", "--reason", "x"): "there is no project 'nope' in demo-sprint",
        ("other-sprint/probing", "--reason", "x"): "no sprint 'other-sprint' has projects",
        ("probing", "--reason", "x"): "'probing' is not a project; write it as SPRINT/PROJECT",
        ("demo-sprint/probing", "--reason", "  "): "--reason must say why",
        ("demo-sprint/probing", "--reason", "x", "--date", "01/02/2025"): "--date: '01/02/2025' is not a date",
    }
    for args, says in cases.items():
        code, out, err = retract(run_jam, demo_repo, *args)
        assert (code, out) == (2, ""), args
        assert err.startswith("jam retract: ") and says in err, err
    code, _, err = retract(run_jam, demo_repo, "demo-sprint/probing")
    assert code == 2 and "--reason" in err
    assert (demo_repo.root / P).read_bytes() == before


def test_a_project_file_with_errors_is_reported_and_left_alone(demo_repo, run_jam) -> None:
    text = SUBMISSION.replace("site: london", "sitte: london")
    demo_repo.write(P, text)
    code, out, err = retract(run_jam, demo_repo, "demo-sprint/probing", "--reason", "x")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"{P}:8:1: JAM102 unknown field 'sitte' (fix: did you mean 'site'?)"
    assert "fix them first" in out
    assert (demo_repo.root / P).read_text(encoding="utf-8") == text
