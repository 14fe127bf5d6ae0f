"""The judged example sprint (evals-sprint-2026): its files keep their promises, and its pages show them.

It is the repository's worked example of judging: an assignment written by
``jamkit.judging.assign``, a review for every assignment, one clearly lenient
judge, awards equal to what the adjusted ranking proposes, an honorable
mention, and published scores.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
from collections import Counter

import pytest

from jamkit.checks.content.conflicts import kept_apart
from jamkit.core.model import Catalog, utc_day
from jamkit.files.load import load_catalog
from jamkit.judging import awards
from jamkit.judging.assign import Candidate, Reader, assign
from jamkit.judging.graph import judge_groups
from tests.site.sitekit import EXAMPLE_NOW, ROOT, Node, Site

SPRINT = "evals-sprint-2026"
PAGE = f"sprints/{SPRINT}/"
LENIENT = "example-osric-lindqvist"
MENTION = "eval-awareness-canaries"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(ROOT)
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def ranking(catalog: Catalog) -> awards.Ranking:
    subs = [s for s in catalog.submissions.values() if s.sprint == SPRINT]
    today = utc_day(dt.datetime.fromisoformat(EXAMPLE_NOW))
    return awards.rank(catalog.sprints[SPRINT], catalog.reviews[SPRINT], subs, today)


def test_the_committed_awards_are_what_the_adjusted_ranking_proposes(catalog: Catalog, ranking: awards.Ranking) -> None:
    committed = list(catalog.sprints[SPRINT].fields.awards)
    mentions = [a.project for a in committed if a.mention]
    assert mentions == [MENTION]
    assert ranking.fitted == "adjusted"
    assert awards.propose(ranking, mentions) == committed
    assert catalog.sprints[SPRINT].fields.publish_scores


def test_one_judge_is_clearly_lenient_and_would_have_moved_a_prize_by_raw_means(
    catalog: Catalog, ranking: awards.Ranking
) -> None:
    effects = ranking.judge_effects or {}
    assert max(effects, key=lambda j: effects[j]) == LENIENT
    assert effects[LENIENT] > 0.5 > max(v for j, v in effects.items() if j != LENIENT)
    subs = [s for s in catalog.submissions.values() if s.sprint == SPRINT]
    raw = awards.rank(catalog.sprints[SPRINT], catalog.reviews[SPRINT], subs, dt.date(2026, 7, 1), method="mean")
    fourth = [s.project for s in raw.standings][3], [s.project for s in ranking.standings][3]
    assert fourth == ("long-horizon-deception-tasks", "contamination-fingerprints")


def test_every_project_has_three_assigned_judges_and_every_assignment_a_complete_review(catalog: Catalog) -> None:
    sprint = catalog.sprints[SPRINT]
    assigned = {(a.fields.judge, p) for a in catalog.assignments[SPRINT] for p in a.fields.projects}
    reviews = catalog.reviews[SPRINT]
    assert {(r.fields.judge, r.fields.project) for r in reviews} == assigned
    assert set(Counter(p for _, p in assigned).values()) == {3}
    assert set(Counter(j for j, _ in assigned).values()) == {4}
    assert len(judge_groups(assigned)) == 1
    criteria = {c.id for c in sprint.fields.criteria}
    assert all(set(r.fields.scores) == criteria and r.fields.comment for r in reviews)
    judges = {j.key: j for j in sprint.fields.judges}
    subs = {s.slug: s for s in catalog.submissions.values() if s.sprint == SPRINT}
    assert [pair for pair in assigned if kept_apart(judges[pair[0]], subs[pair[1]], sprint, catalog)] == []


def test_the_assignment_is_what_jamkit_judging_assign_writes(catalog: Catalog) -> None:
    sprint = catalog.sprints[SPRINT]
    subs = sorted((s for s in catalog.submissions.values() if s.sprint == SPRINT), key=lambda s: s.slug)
    readers = [Reader(j.key, frozenset(j.topics)) for j in sprint.fields.judges]
    candidates = [
        Candidate(
            s.slug,
            frozenset(s.fields.tags),
            frozenset(j.key for j in sprint.fields.judges if kept_apart(j, s, sprint, catalog)),
        )
        for s in subs
    ]
    plan = assign(readers, candidates, 3, seed=0)
    assert plan.unmet == ()
    assert {a.fields.judge: tuple(a.fields.projects) for a in catalog.assignments[SPRINT]} == plan.projects_of


def test_the_repository_checks_clean(run_jam) -> None:
    code, out, err = run_jam("--root", str(ROOT), "check")
    assert (code, err) == (0, ""), out


# --------------------------------------------------------------------------- its pages


def cells(table: Node) -> list[list[str]]:
    return [[td.text for td in tr.find_all("td")] for tr in table.find_all("tr")][1:]


def test_the_example_sprint_page_shows_results_first_then_how_it_was_judged(
    example_site: Site, catalog: Catalog, ranking: awards.Ranking
) -> None:
    page = example_site.content(PAGE)
    marks = ("results", "judging", "scores")
    order = [n.attrs.get("id") or "body" for n in page.iter() if n.attrs.get("id") in marks or "jam-body" in n.classes]
    assert order == ["results", "body", "judging", "scores"]
    places = [li.find(cls="jam-award").text for li in page.find("ol", cls="jam-results").find_all("li")]
    assert places == ["1st place · $2,000", "2nd place · $1,000", "3rd place · $600", "4th place · $400"]
    mention = page.find("ul", cls="jam-results--mentions").find("li")
    assert mention.find(cls="jam-award").text == "Honorable mention"
    assert "Canary prompts for evaluation awareness" in mention.text
    judging = page.find("section", cls="jam-judging")
    facts = dict(zip([d.text for d in judging.find_all("dt")], [d.text for d in judging.find_all("dd")], strict=True))
    assert (facts["Judges"], facts["Reviews"]) == ("6", "24")
    assert facts["Method"].startswith("Leniency-adjusted ranking.")
    rows = cells(judging.find("div", cls="jam-scores"))
    titles = {s.slug: s.fields.title for s in catalog.submissions.values() if s.sprint == SPRINT}
    assert [row[1] for row in rows] == [titles[s.project] for s in ranking.standings]
    assert [row[3] for row in rows] == [f"{s.raw:.2f}" for s in ranking.standings]
    assert [row[4].split()[0] for row in rows] == [f"{s.score:.2f}" for s in ranking.standings]
    assert [row[2] for row in rows][:6] == ["1st place", "2nd place", "3rd place", "4th place", "", "Honorable mention"]
    judges = [li.text for li in page.find("ul", cls="jam-people").find_all("li")]
    assert "Rosalind Achterberg Independent evaluator" in judges  # no GitHub handle, still listed


def test_the_mentioned_project_shows_its_badge_and_the_judges_comments(example_site: Site) -> None:
    page = example_site.content(f"projects/{SPRINT}/{MENTION}/")
    assert page.find(cls="jam-award").text == "Honorable mention"
    comments = page.find_all("blockquote", cls="jam-review")
    assert len(comments) == 3 and "Rosalind Achterberg" in comments[-1].text


def test_judges_pages_show_affiliation_roles_and_reviews(example_site: Site) -> None:
    osric = example_site.content(f"people/{LENIENT}/")
    assert osric.find("p", cls="jam-affiliation").text == "Northgate Policy Forum"
    assert [li.text for li in osric.find("h2", id="judged").next("ul").find_all("li")] == [
        "Evaluations Research Sprint 2026 Judge · Northgate Policy Forum · 4 reviews"
    ]
    keiko = example_site.content("people/example-keiko-ashdown/")
    judged = [li.text for li in keiko.find("h2", id="judged").next("ul").find_all("li")]
    assert judged[0].startswith("Interpretability Research Sprint 2026 Judge")
    assert judged[1] == "Evaluations Research Sprint 2026 Judge, speaker · Meridian Institute for AI Safety · 4 reviews"


def test_winners_across_the_example_sprints_are_newest_first(example_site: Site) -> None:
    page = example_site.content("winners/")
    assert [s.attrs["id"] for s in page.find_all("section", cls="jam-winners")] == ["interpretability-2026", SPRINT]


RETRACTED = "interpretability-2026/deception-probe-transfer"
RETRACTED_TITLE = "Do deception probes transfer across toy tasks?"
RETRACTED_COMMENTS = ("transfer matrix is a useful reality check", "more than one seed per probe")


def test_a_retracted_example_project_is_named_only_by_its_tombstone(example_site: Site) -> None:
    """Finding 7 and retraction: the title is in no built file but the notice page (search index, feed, API...)."""
    tombstone = example_site.file(f"projects/{RETRACTED}/")
    naming = []
    for path in sorted(p for p in example_site.root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = html.unescape(data.decode("utf-8", "replace"))
        if RETRACTED_TITLE in text or "deception-probe-transfer" in text:
            naming.append(path.relative_to(example_site.root).as_posix())
        for comment in RETRACTED_COMMENTS:  # finding 7: judges' comments stayed on the notice and in search
            assert comment not in text, path
    assert naming == [tombstone.relative_to(example_site.root).as_posix()]
    page = example_site.content(f"projects/{RETRACTED}/")
    assert page.find("h1").text == RETRACTED_TITLE
    notice = page.find("div", cls="jam-retracted").text
    assert "20 June 2026" in notice and "operational detail" in notice
    assert not page.has("blockquote") and "Probe Squad" not in page.text and not page.has("a", cls="md-button")
    assert not example_site.exists(f"projects/{RETRACTED}/report.pdf")
