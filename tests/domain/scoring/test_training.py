"""Training: held-out metrics, gates, determinism, versions and recorded outcomes."""

import json
from dataclasses import replace

import numpy as np
import pytest

from advisor.domain.scoring import Outcome, check_outcome, parse_profile, score_profiles, train
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.calibration import (
    effort_to_exposure,
    label_outcomes,
    outcome_weights,
    synthetic_profiles,
)
from advisor.domain.scoring.golden import NORTHWIND_BANK, SELF_HOSTED_LLAMA
from advisor.domain.scoring.scores import assess
from advisor.domain.scoring.training import TrainingParams, model_version
from tests.domain.builders import SMALL, profile_document, workload


def test_a_small_model_passes_every_gate(trained):
    assert trained.passed, trained.reasons
    assert trained.reasons == ()
    names = {gate.name for gate in trained.gates}
    assert {"calibration_error", "brier_skill", "roc_auc", "monotonicity"} <= names
    assert {name for name in names if name.startswith("golden:")} == {
        "golden:closed_not_below_open",
        "golden:northwind_is_high_for_openai_microsoft",
        "golden:self_hosted_llama_with_practices_is_low",
        "golden:google_shop_is_most_exposed_to_google",
        "golden:unused_ecosystems_score_zero",
        "golden:deep_mistral_estate_is_not_low",
        "golden:all_copilot_company_is_not_low",
    }


def test_metrics_are_held_out_figures_in_range(trained):
    metrics = trained.metrics
    assert metrics.ece <= A.GATE_MAX_ECE
    assert metrics.brier < metrics.brier_no_skill
    assert metrics.roc_auc >= A.GATE_MIN_AUC
    assert 0.05 < metrics.base_rate < 0.6
    assert metrics.exposure_r2 > 0.8
    assert metrics.exposure_mae < 6
    sizes = trained.data_sizes
    assert sizes.training_rows + sizes.holdout_rows == sizes.rows
    assert 0.15 < sizes.holdout_rows / sizes.rows < 0.25


def test_exposure_coefficients_are_non_negative_and_near_the_priors(model):
    priors = np.array([A.CHANNEL_WEIGHT[channel] for channel in model.channels])
    assert (model.coefficients >= 0).all()
    assert np.abs(model.coefficients - priors).max() < 4
    assert model.regressor.intercept_ == 0


@pytest.mark.slow
def test_a_model_that_misses_a_gate_is_not_passed_and_says_why(catalog, monkeypatch):
    monkeypatch.setattr(A, "GATE_MIN_AUC", 0.999)

    result = train(catalog, params=replace(SMALL, monotonicity_sample=10))

    assert not result.passed
    assert len(result.reasons) == 1
    assert result.reasons[0].startswith("roc_auc: ")
    assert "needs ≥ 0.999" in result.reasons[0]


@pytest.mark.slow
def test_training_twice_gives_the_same_model_and_the_same_scores(catalog, model):
    again = train(catalog, params=SMALL, code_version="test").model
    profiles = synthetic_profiles(catalog, 40, seed=21)

    assert again.version == model.version
    assert np.array_equal(again.coefficients, model.coefficients)
    first = json.dumps(score_profiles(profiles, catalog, model))
    assert json.dumps(score_profiles(profiles, catalog, again)) == first


def test_the_version_follows_every_input(catalog, northwind_profile):
    base = model_version(catalog, (), SMALL, "abc")
    outcome = Outcome(northwind_profile, "openai-microsoft", 10, 100000, True)

    assert base == model_version(catalog, (), SMALL, "abc")
    assert base.startswith("model-")
    assert base != model_version(catalog, (), SMALL, "abd")
    assert base != model_version(catalog, (), replace(SMALL, seed=1), "abc")
    assert base != model_version(catalog, (outcome,), SMALL, "abc")
    assert base != model_version(replace(catalog, version="test-2"), (), SMALL, "abc")


def test_an_outcome_becomes_a_weighted_row(catalog, northwind_profile):
    rows = label_outcomes([Outcome(northwind_profile, "openai-microsoft", 30, 2_000_000, True)], catalog)

    assert rows.sample_weight.tolist() == [A.OUTCOME_SAMPLE_WEIGHT]
    assert rows.exposure_label[0] == pytest.approx(effort_to_exposure(30)) == pytest.approx(91.8, abs=0.1)
    assert rows.costly.tolist() == [1]  # 30 person-months is over the threshold


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ecosystem", "effort", "message"),
    [
        ("acme-ai", 1, "unknown ecosystem 'acme-ai'"),
        ("openai-microsoft", -1, "effort and cost must be numbers ≥ 0"),
        ("openai-microsoft", float("nan"), "effort and cost must be numbers ≥ 0"),
        ("meta", 1, "the outcome's profile does not use meta"),
    ],
)
def test_an_outcome_that_cannot_be_learned_from_is_refused(
    catalog, northwind_profile, ecosystem, effort, message
):
    outcome = Outcome(northwind_profile, ecosystem, effort, 1, False)

    with pytest.raises(ValueError, match=message):
        check_outcome(outcome, catalog)
    with pytest.raises(ValueError, match=message):
        train(catalog, params=replace(SMALL, n_profiles=50), outcomes=[outcome])


LLAMA_SHOPS = [("high", 20000), ("mission_critical", 50000), ("medium", 8000)] * 3


def llama_exits(catalog, model, times: float, count: int = len(LLAMA_SHOPS)) -> list[Outcome]:
    """Consultants report that leaving self-hosted Llama took `times` the engine's estimate."""
    profiles = []
    for number, (criticality, spend) in enumerate(LLAMA_SHOPS[:count]):
        document = profile_document(
            workload("meta", deployment="self_hosted", accelerator="nvidia", features=["fine_tuning"],
                     criticality=criticality, monthly_spend_usd=spend + number),
        )  # fmt: skip
        profiles.append(parse_profile(document, catalog.ecosystems))
    estimate = assess(profiles, catalog, model).exit_cost.total_pm[:, catalog.index_of("meta")]
    return [
        Outcome(profile, "meta", float(times * pm), 1_500_000, True)
        for profile, pm in zip(profiles, estimate, strict=True)
    ]


@pytest.fixture(scope="module")
def with_llama_outcomes(catalog, model):
    return train(catalog, params=SMALL, outcomes=llama_exits(catalog, model, 2.5), code_version="test")


def llama_probe(catalog):
    document = profile_document(
        workload("meta", deployment="self_hosted", accelerator="nvidia", features=["fine_tuning"],
                 criticality="high", monthly_spend_usd=30000, data_location="on_premises")
    )  # fmt: skip
    return parse_profile(document, catalog.ecosystems)


@pytest.mark.slow
def test_recorded_outcomes_move_their_ecosystem_toward_them_by_credibility(
    catalog, model, with_llama_outcomes
):
    meta = catalog.index_of("meta")
    before = assess([llama_probe(catalog)], catalog, model)
    after = assess([llama_probe(catalog)], catalog, with_llama_outcomes.model)

    credibility = 9 / (9 + A.CREDIBILITY_K)
    scale = with_llama_outcomes.model.ecosystem_scale[meta]
    assert scale == pytest.approx(2.5**credibility)
    assert 1 < scale < 2.5  # shrunk toward the prior
    assert after.exposure[0, meta] == pytest.approx(before.exposure[0, meta] * scale)
    assert after.exit_cost.total_pm[0, meta] == pytest.approx(before.exit_cost.total_pm[0, meta] * scale)
    assert after.probability[0, meta] > before.probability[0, meta]
    influence = with_llama_outcomes.outcome_influence
    assert [item.status for item in influence] == ["used"] * 9
    assert sum(item.influence for item in influence) == pytest.approx(np.log(scale))


@pytest.mark.slow
def test_outcomes_move_only_the_ecosystem_they_are_about(catalog, model, with_llama_outcomes):
    northwind = parse_profile(NORTHWIND_BANK, catalog.ecosystems)
    others = [e for e, slug in enumerate(catalog.ecosystems) if slug != "meta"]

    assert np.array_equal(with_llama_outcomes.model.coefficients, model.coefficients)
    assert np.array_equal(with_llama_outcomes.model.ecosystem_scale[others], model.ecosystem_scale[others])
    before, after = (
        assess([northwind], catalog, model),
        assess([northwind], catalog, with_llama_outcomes.model),
    )
    assert np.array_equal(after.exposure, before.exposure)
    assert np.array_equal(after.probability, before.probability)


@pytest.mark.slow
def test_fewer_outcomes_than_the_minimum_do_not_move_the_scale(catalog, model):
    count = A.MIN_OUTCOMES_PER_ECOSYSTEM - 1
    result = train(
        catalog, params=SMALL, outcomes=llama_exits(catalog, model, 2.5, count), code_version="test"
    )

    assert np.array_equal(result.model.ecosystem_scale, model.ecosystem_scale)
    assert [item.status for item in result.outcome_influence] == ["waiting"] * count


@pytest.mark.slow
def test_an_outlier_goes_to_review_and_moves_nothing(catalog, model):
    outcomes = llama_exits(catalog, model, 1.2)
    outcomes[4] = replace(outcomes[4], effort_person_months=outcomes[4].effort_person_months * 20)
    fair = train(catalog, params=SMALL, outcomes=outcomes[:4] + outcomes[5:])

    result = train(catalog, params=SMALL, outcomes=outcomes)

    assert result.outliers == (4,)
    assert "to be reviewed" in result.outcome_influence[4].reason
    assert result.model.ecosystem_scale.tolist() == fair.model.ecosystem_scale.tolist()
    assert result.passed, result.reasons


def test_without_outcomes_every_ecosystem_keeps_a_scale_of_one(model):
    assert model.ecosystem_scale.tolist() == [1.0] * len(model.ecosystems)
    assert model.outcome_counts.tolist() == [0] * len(model.ecosystems)


@pytest.mark.slow
def test_progress_is_reported_step_by_step(catalog):
    seen = []
    train(
        catalog,
        params=replace(SMALL, n_profiles=600, monotonicity_sample=5),
        progress=lambda *step: seen.append(step),
    )

    assert seen[0] == ("generating profiles", 0, 6)
    assert seen[-1] == ("done", 6, 6)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


@pytest.mark.slow
def test_the_self_hosted_golden_profile_stays_low_whatever_the_seed(catalog):
    model = train(catalog, params=TrainingParams(n_profiles=1500, seed=7, monotonicity_sample=10)).model
    profile = parse_profile(SELF_HOSTED_LLAMA, catalog.ecosystems)

    assert assess([profile], catalog, model).exposure.max() < 25


@pytest.mark.parametrize(
    ("effort", "cost", "message"),
    [
        (1e308, 1, "effort must be between 0 and 1200 person-months"),
        (A.OUTCOME_MAX_EFFORT_PERSON_MONTHS + 1, 1, "effort must be between 0 and 1200 person-months"),
        (10, 1e308, "cost must be between 0 and 150000000000 USD"),
        (10, float("inf"), "cost must be between 0 and 150000000000 USD"),
    ],
)
def test_an_outcome_beyond_a_realistic_bound_is_refused(catalog, northwind_profile, effort, cost, message):
    with pytest.raises(ValueError, match=message):
        check_outcome(Outcome(northwind_profile, "openai-microsoft", effort, cost, False), catalog)


def outcomes_of(northwind_profile, counts: dict[str, int]) -> list[Outcome]:
    return [
        Outcome(northwind_profile, "openai-microsoft", 10, 1000, False, tenant=tenant)
        for tenant, count in counts.items()
        for _ in range(count)
    ]


def tenant_weights(outcomes, weights) -> dict[str, float]:
    totals: dict[str, float] = {}
    for outcome, weight in zip(outcomes, weights, strict=True):
        totals[outcome.tenant] = totals.get(outcome.tenant, 0.0) + weight
    return totals


def test_no_tenant_carries_more_than_its_capped_share_of_the_outcome_weight(northwind_profile):
    outcomes = outcomes_of(
        northwind_profile, {"firm:1": 40, "firm:2": 2, "org:3": 1, "org:4": 1, "firm:5": 2, "firm:6": 2}
    )

    totals = tenant_weights(outcomes, outcome_weights(outcomes))

    assert totals["firm:1"] == pytest.approx(A.TENANT_OUTCOME_SHARE_CAP * sum(totals.values()))
    assert totals["org:3"] == A.OUTCOME_SAMPLE_WEIGHT  # the small ones keep their full weight
    assert totals["firm:5"] == 2 * A.OUTCOME_SAMPLE_WEIGHT
    assert sum(totals.values()) < 48 * A.OUTCOME_SAMPLE_WEIGHT


def test_every_tenant_over_the_cap_is_held_to_it(northwind_profile):
    outcomes = outcomes_of(northwind_profile, {"a": 40, "b": 3, "c": 2, "d": 1, "e": 1})

    totals = tenant_weights(outcomes, outcome_weights(outcomes))

    assert max(totals.values()) == pytest.approx(A.TENANT_OUTCOME_SHARE_CAP * sum(totals.values()))
    assert totals["a"] == pytest.approx(totals["b"])


def test_tenants_under_the_cap_keep_full_weight(northwind_profile):
    outcomes = outcomes_of(northwind_profile, {"a": 2, "b": 2, "c": 2, "d": 2, "e": 1})

    assert outcome_weights(outcomes).tolist() == [A.OUTCOME_SAMPLE_WEIGHT] * 9


def test_with_too_few_tenants_for_the_cap_each_weighs_as_much_as_the_smallest(northwind_profile):
    outcomes = outcomes_of(northwind_profile, {"big": 10, "small": 1})

    totals = tenant_weights(outcomes, outcome_weights(outcomes))

    assert totals == {"big": pytest.approx(A.OUTCOME_SAMPLE_WEIGHT), "small": A.OUTCOME_SAMPLE_WEIGHT}


def test_outcome_rows_carry_the_capped_weights(catalog, northwind_profile):
    outcomes = outcomes_of(northwind_profile, {"big": 10, "small": 1})

    rows = label_outcomes(outcomes, catalog)

    assert rows.sample_weight.tolist() == outcome_weights(outcomes).tolist()


def test_the_version_follows_the_tenant_of_an_outcome(catalog, northwind_profile):
    one = Outcome(northwind_profile, "openai-microsoft", 10, 100000, True, tenant="firm:1")
    other = replace(one, tenant="firm:2")

    assert model_version(catalog, (one,), SMALL, "abc") != model_version(catalog, (other,), SMALL, "abc")
