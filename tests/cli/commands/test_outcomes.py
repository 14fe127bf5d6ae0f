"""``jam outcomes``: the figures for a grant report, the anonymised CSV, ``--since``, and exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Repo, example_root

Jam = Callable[..., tuple[int, str, str]]
EXAMPLE = example_root()
NOW = "2026-07-01T12:00:00Z"


def test_text_names_self_reported_figures_as_lower_bounds(run_jam: Jam) -> None:
    code, out, err = run_jam("--root", str(EXAMPLE), "outcomes", "--now", NOW)
    assert (code, err) == (0, "")
    line = next(x for x in out.splitlines() if "position" in x)
    assert line.strip().startswith("at least") and "self-reported" in line
    assert "By sprint" in out and "evals-sprint-2026" in out


def test_json_and_since(run_jam: Jam) -> None:
    code, out, _ = run_jam("--root", str(EXAMPLE), "outcomes", "--json", "--now", NOW)
    everything = json.loads(out)
    code2, out2, _ = run_jam("--root", str(EXAMPLE), "outcomes", "--json", "--since", "2026-04-01", "--now", NOW)
    later = json.loads(out2)
    assert code == code2 == 0
    assert later["since"] == "2026-04-01" and everything["since"] is None
    assert later["figures"]["participants"]["value"] < everything["figures"]["participants"]["value"]
    assert [r["sprint"] for r in later["funnel"]] == ["interpretability-2026"]
    assert everything["figures"]["position"] == {**everything["figures"]["position"], "at_least": True}


def test_stats_json_carries_the_same_figures_under_outcomes(run_jam: Jam) -> None:
    _, stats_out, _ = run_jam("--root", str(EXAMPLE), "stats", "--json", "--now", NOW)
    _, outcomes_out, _ = run_jam("--root", str(EXAMPLE), "outcomes", "--json", "--now", NOW)
    stats = json.loads(stats_out)
    assert stats["outcomes"]["figures"] == json.loads(outcomes_out)["figures"]
    assert "projects" in stats  # the impact figures are still there


def test_csv_to_a_file_and_to_stdout_names_nobody(run_jam: Jam, tmp_path: Path) -> None:
    target = tmp_path / "paths.csv"
    code, out, err = run_jam("--root", str(EXAMPLE), "outcomes", "--csv", str(target), "--now", NOW)
    assert code == 0 and "anonymised path" in err and "participants" in out
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    code, out, _ = run_jam("--root", str(EXAMPLE), "outcomes", "--csv", "-", "--now", NOW)
    assert code == 0 and list(csv.DictReader(io.StringIO(out))) == rows
    assert all(r["person"].startswith("P") for r in rows)
    text = target.read_text(encoding="utf-8").lower()
    assert "noor" not in text and "example-" not in text and "off-switch" not in text
    assert {"sprint", "award", "fellowship", "publication", "position"} <= {r["event"] for r in rows}
    assert {r["self_reported"] for r in rows if r["event"] == "position"} == {"true"}


def test_usage_errors_exit_2(run_jam: Jam, tmp_path: Path) -> None:
    code, _, err = run_jam("--root", str(EXAMPLE), "outcomes", "--since", "last spring")
    assert code == 2 and "--since" in err and "YYYY-MM-DD" in err and "Traceback" not in err
    code, _, err = run_jam("--root", str(EXAMPLE), "outcomes", "--csv", str(tmp_path))
    assert code == 2 and "folder" in err
    code, _, err = run_jam("--root", str(EXAMPLE), "outcomes", "--csv", str(tmp_path / "no" / "such.csv"))
    assert code == 2 and "does not exist" in err


def test_a_broken_file_is_not_counted_and_exits_1(demo_repo: Repo, run_jam: Jam) -> None:
    demo_repo.write("people/bea.md", "---\nname: [unclosed\n---\n")
    code, out, err = run_jam("--root", str(demo_repo.root), "outcomes", "--json")
    assert code == 1 and "people/bea.md" in err
    assert json.loads(out)["figures"]["participants"]["value"] == 1


FORMULAS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


def test_a_profile_cannot_put_a_formula_into_the_csv(demo_repo: Repo, run_jam: Jam, tmp_path: Path) -> None:
    milestones = "".join(
        f"  - {{date: 2025-0{i + 2}-01, kind: {('award', 'publication')[i % 2]}, title: {json.dumps(f)}, "
        f"organisation: {json.dumps(f)}}}\n"
        for i, f in enumerate(FORMULAS)
    )
    demo_repo.write("people/bea.md", f"---\nname: Bea Builder\nmilestones:\n{milestones}---\n")
    target = tmp_path / "paths.csv"
    code, _, err = run_jam("--root", str(demo_repo.root), "outcomes", "--csv", str(target))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    details = [r[5] for r in rows[1:] if r[6] == "true"]
    assert details == ["'" + f.strip() for f in FORMULAS]  # the loader strips the tab and the carriage return
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
