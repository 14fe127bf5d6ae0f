"""The leniency-corrected ranking against a reference fit of the organisation's R model."""

from __future__ import annotations

import csv
import random
import warnings
from pathlib import Path

import pytest

from jamkit.judging.adjusted import Rating, fit, raw_scores

DATA = Path(__file__).parent / "data" / "messy-ratings.csv"

# From scripts/reference/lme4_messy.R (R 4.2.2, lme4 1.1-31, REML), run once on DATA:
# lmer(rating ~ 1 + (1|judge) + (1|criterion) + (1|project)); score = fixef + ranef(project);
# condsd = sqrt(postVar) of the project effect.
LME4_VARIANCES = {"project": 0.20018, "judge": 0.26639, "criterion": 0.15256, "residual": 0.31376}
LME4_SCORES = {
    "p10": (3.70935, 0.304906),
    "p07": (3.70392, 0.217625),
    "p09": (3.58202, 0.239026),
    "p02": (3.36121, 0.196625),
    "p11": (3.35960, 0.292095),
    "p08": (3.31617, 0.214630),
    "p03": (3.01730, 0.197027),
    "p04": (2.96089, 0.212908),
    "p06": (2.95080, 0.212627),
    "p01": (2.95078, 0.198579),
    "p05": (2.39311, 0.212908),
}
LME4_JUDGES = {"ana": -0.30381, "fazl": -0.05178, "kenji": -0.33879, "mira": 0.89535, "olu": 0.19315, "tom": -0.39412}


def messy() -> list[Rating]:
    with DATA.open() as f:
        return [Rating(r["judge"], r["project"], r["criterion"], float(r["rating"])) for r in csv.DictReader(f)]


def test_the_fixture_is_shaped_like_real_judging_data() -> None:
    ratings = messy()
    reviews = {(r.judge, r.project) for r in ratings}
    per_project = [sum(1 for _, p in reviews if p == project) for project in {p for _, p in reviews}]
    assert (len(reviews), len({p for _, p in reviews}), len({j for j, _ in reviews})) == (31, 11, 6)
    assert (min(per_project), max(per_project)) == (1, 4)


def test_reproduces_the_lme4_fit_to_the_third_decimal() -> None:
    result = fit(messy())
    assert result.method == "adjusted"
    for name, value in LME4_VARIANCES.items():
        assert result.variances[name] == pytest.approx(value, abs=1e-3)
    for judge, effect in LME4_JUDGES.items():
        assert result.judge_effects[judge] == pytest.approx(effect, abs=1e-3)
    for project, (score, sd) in LME4_SCORES.items():
        estimate = result.estimates[project]
        assert estimate.adjusted == pytest.approx(score, abs=1e-3)
        assert (estimate.high - estimate.low) / 2 == pytest.approx(1.6449 * sd, abs=2e-3)  # 90% interval


def test_the_adjusted_order_is_lme4s_order() -> None:
    result = fit(messy())
    ours = sorted(result.estimates, key=lambda p: -result.estimates[p].adjusted)
    theirs = sorted(LME4_SCORES, key=lambda p: -LME4_SCORES[p][0])
    # p06 and p01 differ by 0.00002 in lme4: a tie at any precision a judge would care about.
    assert ours[:8] == theirs[:8] and ours[-1] == theirs[-1]


def test_one_lenient_judge_no_longer_decides_the_winner() -> None:
    result = fit(messy())
    raw_winner = max(result.estimates.values(), key=lambda e: e.raw)
    assert raw_winner.project == "p11" and raw_winner.reviews == 1  # read only by mira, the lenient judge
    adjusted = sorted(result.estimates.values(), key=lambda e: -e.adjusted)
    assert adjusted[0].project == "p10"
    assert raw_winner.moved_by[0][0] == "mira" and raw_winner.moved_by[0][1] < -0.8  # says why
    assert result.judge_effects["mira"] == max(result.judge_effects.values())


def test_unequal_weights_move_a_project_that_is_strong_on_the_heavy_criterion() -> None:
    ratings = [
        Rating(judge, project, criterion, value)
        for judge in ("a", "b", "c")
        for project, scores in {"x": (5, 2), "y": (2, 5), "z": (3, 3)}.items()
        for criterion, value in zip(("impact", "quality"), scores, strict=True)
    ]
    by_impact = fit(ratings, {"impact": 3, "quality": 1})
    by_quality = fit(ratings, {"impact": 1, "quality": 3})
    assert by_impact.estimates["x"].adjusted > by_impact.estimates["y"].adjusted
    assert by_quality.estimates["y"].adjusted > by_quality.estimates["x"].adjusted


def test_judges_who_share_no_project_fall_back_to_raw_means_and_say_so() -> None:
    ratings = [
        Rating("a", "p1", "c", 5), Rating("a", "p2", "c", 4),
        Rating("b", "p3", "c", 2), Rating("b", "p4", "c", 1),
    ]  # fmt: skip
    result = fit(ratings)
    assert result.method == "mean" and not result.connected
    assert "share no project" in result.notes[0]
    assert {e.group for e in result.estimates.values()} == {0, 1}
    assert result.estimates["p1"].adjusted == result.estimates["p1"].raw == 5


def test_a_variance_at_zero_is_reported_not_fatal() -> None:
    # Every judge gives the same scores: no leniency to estimate, projects still ranked.
    ratings = [
        Rating(judge, project, criterion, base + offset)
        for judge in ("a", "b", "c")
        for project, base in {"p1": 2.0, "p2": 3.0, "p3": 4.0}.items()
        for criterion, offset in {"impact": 0.0, "quality": 0.5}.items()
    ]
    ratings[0] = Rating("a", "p1", "impact", 2.25)
    result = fit(ratings)
    order = sorted(result.estimates, key=lambda p: -result.estimates[p].adjusted)
    assert order == ["p3", "p2", "p1"]
    assert result.method == "adjusted"
    assert "the judge variance is zero: judges do not differ beyond noise" in result.notes


def test_identical_scores_from_every_judge_still_rank() -> None:
    ratings = [
        Rating(judge, project, "impact", base)
        for judge in ("a", "b")
        for project, base in {"p1": 2.0, "p2": 4.0}.items()
    ]
    result = fit(ratings)
    assert result.estimates["p2"].adjusted > result.estimates["p1"].adjusted


def test_raw_scores_weigh_criterion_means() -> None:
    ratings = [Rating("a", "p", "x", 4), Rating("b", "p", "x", 2), Rating("a", "p", "y", 5)]
    assert raw_scores(ratings, {"x": 1, "y": 3}) == {"p": (3 * 1 + 5 * 3) / 4}


def _random_sprint(seed: int, projects: int = 14, judges: int = 6) -> list[Rating]:
    """A sparse sprint with planted leniencies: each project read by three judges, three criteria."""
    rng = random.Random(seed)
    leniency = {f"j{i}": rng.gauss(0, 0.6) for i in range(judges)}
    offset = {"impact": 0.0, "novelty": -0.3, "quality": 0.3}
    ratings = []
    for p in range(projects):
        quality = rng.gauss(0, 0.7)
        for judge in rng.sample(sorted(leniency), 3):
            for criterion, shift in offset.items():
                value = 3 + leniency[judge] + shift + quality + rng.gauss(0, 0.5)
                ratings.append(Rating(judge, f"p{p:02d}", criterion, round(value * 2) / 2))
    return ratings


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_statsmodels_mixedlm_on_random_sprints(seed: int) -> None:
    """statsmodels' MixedLM (variance components of one group) fits the same model: the two must agree."""
    import pandas as pd
    from statsmodels.regression.mixed_linear_model import MixedLM

    ratings = _random_sprint(seed)
    frame = pd.DataFrame([r.__dict__ for r in ratings]).assign(all=1)
    components = {"judge": "0 + C(judge)", "criterion": "0 + C(criterion)", "project": "0 + C(project)"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = MixedLM.from_formula(
            "value ~ 1", groups="all", re_formula="0", vc_formula=components, data=frame
        ).fit(reml=True, method=["lbfgs", "powell"])
    effects = reference.random_effects[1]
    ours = fit(ratings)
    assert ours.method == "adjusted"
    for name, value in zip(sorted(components), reference.vcomp, strict=True):
        assert ours.variances[name] == pytest.approx(value, abs=2e-3)
    intercept = float(reference.fe_params["Intercept"])
    for project, estimate in ours.estimates.items():
        theirs = intercept + float(effects[f"project[C(project)[{project}]]"])
        criteria = ("impact", "novelty", "quality")
        criterion_part = sum(float(effects[f"criterion[C(criterion)[{c}]]"]) for c in criteria) / 3
        assert estimate.adjusted == pytest.approx(theirs + criterion_part, abs=5e-3)


def test_pooled_with_an_earlier_sprint_it_agrees_with_statsmodels_and_ranks_only_this_sprint() -> None:
    """``--pool``: the earlier sprint's ratings join the fit (its projects and criteria named apart), and
    statsmodels fitting all of them together gives the same scores for this sprint's projects."""
    import pandas as pd
    from statsmodels.regression.mixed_linear_model import MixedLM

    ratings = _random_sprint(4, projects=8)
    context = [Rating(r.judge, f"old/{r.project}", f"old:{r.criterion}", r.value) for r in _random_sprint(5)]
    frame = pd.DataFrame([r.__dict__ for r in [*ratings, *context]]).assign(all=1)
    components = {"judge": "0 + C(judge)", "criterion": "0 + C(criterion)", "project": "0 + C(project)"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = MixedLM.from_formula(
            "value ~ 1", groups="all", re_formula="0", vc_formula=components, data=frame
        ).fit(reml=True, method=["lbfgs", "powell"])
    effects = reference.random_effects[1]
    ours = fit(ratings, context=context)
    assert ours.method == "adjusted"
    assert sorted(ours.estimates) == sorted({r.project for r in ratings})  # the earlier projects are not ranked
    assert ours.estimates != fit(ratings).estimates
    intercept = float(reference.fe_params["Intercept"])
    criterion_part = sum(float(effects[f"criterion[C(criterion)[{c}]]"]) for c in ("impact", "novelty", "quality"))
    for project, estimate in ours.estimates.items():
        theirs = intercept + float(effects[f"project[C(project)[{project}]]"]) + criterion_part / 3
        assert estimate.adjusted == pytest.approx(theirs, abs=5e-3)
