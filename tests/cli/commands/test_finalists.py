"""A whole finalist round in a real repository: `jam judge finalists`, the judges' rankings, `jam award`, the page.

The sprint is the judging fixture with its 31 real-shaped reviews, whose top four
places are too close to call; the judges rank those four, and `jam award` places
them by the rankings.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jamkit.files.load import load_catalog
from jamkit.site.pages import build_pages
from jamkit.site.render import Renderer
from tests.helpers.judging_repo import AFTER, SLUG, S, clean_export, write_sprint
from tests.site.sitekit import parse

FINALS = f"sprints/{SLUG}/finals.yaml"
RANKINGS = {  # tom leaves his list as the template wrote it
    "ana": "p07, p10, p09, p02",
    "fazl": "p09, p07, p10, p02",
    "kenji": "p07, p02, p09",
    "olu": "p07, p09, p10, p02",
    "mira": "p09, p07, p02, p10",
    "tom": "p10, p07, p09, p02",
}


@pytest.fixture
def judged(repo, run_jam, tmp_path):
    """The sprint, its projects and its reviews, imported from the organisers' export."""
    write_sprint(repo)
    export = tmp_path / "export.csv"
    export.write_text(clean_export(), encoding="utf-8")
    code, _, err = run_jam("--root", str(repo.root), "review", "import", SLUG, str(export), "--map", "judge=Reviewer")
    assert (code, err) == (0, "")
    return repo


def finalists(run_jam, repo, *args: str):
    return run_jam("--root", str(repo.root), "judge", "finalists", SLUG, "--now", AFTER, *args)


def ranked(repo, rankings: dict[str, str]) -> None:
    """Each judge's ranking written into the template, line by line, as a judge edits it."""
    lines = (repo.root / FINALS).read_text(encoding="utf-8").splitlines()
    judge = ""
    for index, line in enumerate(lines):
        if line.startswith("- judge: "):
            judge = line.removeprefix("- judge: ")
        elif line.startswith("  ranking: "):
            lines[index] = f"  ranking: [{rankings[judge]}]"
    repo.write(FINALS, "\n".join(lines) + "\n")


def test_a_finalist_round_from_the_close_calls_to_the_sprint_page(judged, run_jam, jam_check) -> None:
    code, out, err = finalists(run_jam, judged)
    assert (code, err) == (0, "")
    assert "Too close to call in align-sprint: 4 finalists, in adjusted order:" in out
    assert [line.split()[1] for line in out.splitlines() if line.startswith("  ") and ". p" in line] == [
        "p10",
        "p07",
        "p09",
        "p02",
    ]
    assert "Nothing written. To write the template: jam judge finalists align-sprint --write" in out
    assert not (judged.root / FINALS).exists()

    code, out, _ = finalists(run_jam, judged, "--write")
    assert code == 0 and f"Wrote {FINALS}." in out
    catalog, problems = load_catalog(judged.root)
    assert problems == []
    template = {f.fields.judge: list(f.fields.ranking) for f in catalog.finals[SLUG]}
    assert template["ana"] == ["p10", "p07", "p09", "p02"]
    assert template["kenji"] == ["p07", "p09", "p02"]  # kenji is in p10's team: he does not rank it
    assert list(template) == ["ana", "fazl", "kenji", "olu", "mira", "tom"]
    assert jam_check(judged).diagnostics == []
    code, out, _ = finalists(run_jam, judged, "--write")
    assert code == 0 and "already holds exactly this template; nothing to write" in out

    ranked(judged, RANKINGS)
    assert jam_check(judged).diagnostics == []
    code, out, _ = finalists(run_jam, judged, "--write")
    assert "Not written: sprints/align-sprint/finals.yaml already holds a finalist round" in out
    code, out, _ = run_jam("--root", str(judged.root), "judge", "status", SLUG)
    assert code == 0 and "Finalist round (sprints/align-sprint/finals.yaml): 5 of 6 judges reordered the list." in out
    round_table = out.split("Finalist round (", 1)[1].splitlines()
    assert next(line for line in round_table if line.startswith("tom ")).split()[-2:] == ["as", "written"]

    code, out, _ = run_jam("--root", str(judged.root), "award", SLUG, "--now", AFTER, "--write")
    assert code == 0
    assert "Decided in a finalist round by 6 judges (a Plackett-Luce fit of their rankings):" in out
    assert "- 1st, p07: decided in the finalist round; 3 of 6 judges ranked it first; it holds this place in" in out
    assert "Still in the template's order (the adjusted order): tom." in out
    assert "Too close to call" not in out
    catalog, _ = load_catalog(judged.root)
    awards = [a.project for a in catalog.sprints[SLUG].fields.awards]
    assert awards == ["p07", "p09", "p10"]  # p02 keeps the 4th place among the finalists; nobody moves below
    assert [line.split()[1] for line in out.splitlines() if line[:2] in ("4 ", "5 ")] == ["p02", "p11"]

    page = sprint_page(judged)
    section = page.find("section", cls="jam-judging")
    assert "decided in a finalist round by 6 judges" in section.find("dd").text
    assert not section.has("div", cls="jam-final-round")  # scores are not published
    judged.write(
        S, (judged.root / S).read_text(encoding="utf-8").replace("judges:\n", "publish_scores: true\njudges:\n")
    )
    rows = sprint_page(judged).find("div", cls="jam-final-round").find_all("tr")
    assert [[cell.text for cell in row.find_all("td")][:3] for row in rows[1:]] == [
        ["1", "Project P07", "3 of 6"],
        ["2", "Project P09", "2 of 6"],
        ["3", "Project P10", "1 of 6"],
        ["4", "Project P02", "0 of 6"],
    ]


def sprint_page(repo):
    """The sprint's page as the site's templates render it, after the awards (the sprint is finished)."""
    catalog, problems = load_catalog(repo.root)
    assert problems == []
    pages, _, index = build_pages(catalog, dt.datetime.fromisoformat(AFTER))
    page = next(p for p in pages if p.url == f"sprints/{SLUG}/")
    return parse(Renderer(index, None).render(page))


def test_jam_check_applies_the_conflict_rules_to_the_rankings(judged, jam_check) -> None:
    judged.write(
        FINALS,
        "- judge: kenji\n"
        "  ranking: [p10, p07]\n"
        "- judge: zed\n"
        "  ranking: [p07, p09]\n"
        "- judge: ana\n"
        "  ranking: [p07, p07, p99]\n"
        "- judge: ana\n"
        "  ranking: [p09]\n",
    )
    checked = jam_check(judged, FINALS)
    assert checked.exit_code == 1
    assert checked.where("JAM210") == [(FINALS, 2, 13)]
    assert checked.where("JAM250") == [(FINALS, 3, 3), (FINALS, 6, 23)]
    assert checked.where("JAM251") == [(FINALS, 6, 18), (FINALS, 7, 3)]
    said = {(d["code"], d["message"], d["fix"]) for d in checked.diagnostics}
    assert any(c == "JAM210" and "kenji may not rank 'p10'" in m and "take 'p10' out" in f for c, m, f in said)
    assert any(c == "JAM250" and m == "'zed' is not a judge of Alignment Research Sprint" for c, m, _ in said)
    assert any(c == "JAM251" and m == "ana already has a ranking (line 5)" for c, m, _ in said)


def test_no_close_calls_no_round(judged, run_jam) -> None:
    reviews = judged.root / f"sprints/{SLUG}/reviews.yaml"
    reviews.write_text(
        "".join(
            f"- {{judge: {judge}, project: {project}, "
            f"scores: {{advancement: {score}, impact: {score}, quality: {score}}}}}\n"
            for judge in ("ana", "fazl", "olu")
            for project, score in (("p01", 5), ("p02", 4), ("p03", 3), ("p04", 1))
        ),
        encoding="utf-8",
    )
    code, out, _ = finalists(run_jam, judged, "--write")
    assert code == 0
    assert out.startswith("No close calls among the prize places of align-sprint")
    assert not (judged.root / FINALS).exists()
    reviews.unlink()
    code, out, _ = finalists(run_jam, judged, "--write")
    assert code == 0 and out.startswith("No project of align-sprint can be ranked yet")


def test_rankings_come_in_from_a_spreadsheet_and_are_checked_at_their_cells(judged, run_jam, tmp_path) -> None:
    finalists(run_jam, judged, "--write")
    before = (judged.root / FINALS).read_text(encoding="utf-8")
    sheet = tmp_path / "rankings.csv"
    sheet.write_text("Judge,1st,2nd,3rd,4th\nAna Ruiz,p09,p10,p07,p02\nkenji,p10,p07,,\n", encoding="utf-8")
    code, out, _ = run_jam("--root", str(judged.root), "review", "import", SLUG, str(sheet))
    assert code == 1
    assert f"{sheet}:3:2: JAM210 kenji may not rank 'p10'" in out
    assert (judged.root / FINALS).read_text(encoding="utf-8") == before

    sheet.write_text("Judge,1st,2nd,3rd,4th\nAna Ruiz,p09,p10,p07,p02\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text('judge,ranking\nfbarez,"p02 > p07, p09"\n', encoding="utf-8")
    for path in (sheet, other):
        code, out, _ = run_jam("--root", str(judged.root), "review", "import", SLUG, str(path))
        assert code == 0 and f"into {FINALS}" in out
    catalog, problems = load_catalog(judged.root)
    assert problems == []
    rankings = {f.fields.judge: list(f.fields.ranking) for f in catalog.finals[SLUG]}
    assert rankings["ana"] == ["p09", "p10", "p07", "p02"]
    assert rankings["fazl"] == ["p02", "p07", "p09"]
    assert rankings["kenji"] == ["p07", "p09", "p02"]  # untouched
    assert (judged.root / FINALS).read_text(encoding="utf-8").startswith("# The finalist round of align-sprint")
