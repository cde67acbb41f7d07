"""Issue 11's review findings, each stated as a property of the engine on probe profiles."""

import copy
from dataclasses import replace

import numpy as np
import pytest

from advisor.domain.scoring import Outcome, parse_profile, score_profile, train
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.golden import ALL_COPILOT, DEEP_MISTRAL, NORTHWIND_BANK
from advisor.domain.scoring.scores import assess
from tests.domain.builders import SMALL, profile_document, workload

ECOSYSTEMS = ("openai-microsoft", "google", "anthropic-amazon", "meta", "mistral", "xai", "cohere")


def scored(catalog, model, *documents):
    return assess([parse_profile(copy.deepcopy(d), catalog.ecosystems) for d in documents], catalog, model)


def entry(scores, slug):
    return next(e for e in scores["ecosystems"] if e["ecosystem"] == slug)


def commitment(slug, dollars, months):
    return {
        "ecosystem": slug,
        "committed_spend_usd": dollars,
        "months_remaining": months,
        "data_export_clause": False,
        "termination_assistance": False,
    }


@pytest.mark.parametrize("slug", ECOSYSTEMS)
@pytest.mark.parametrize("parts", [2, 5, 10])
def test_one_workload_or_the_same_estate_split_in_parts_scores_about_the_same(catalog, model, slug, parts):
    features = ["function_calling", "vendor_embeddings"]
    whole = profile_document(workload(slug, monthly_spend_usd=80000, criticality="high", features=features))
    split = profile_document(
        *[workload(slug, monthly_spend_usd=80000 / parts, criticality="high", features=features)] * parts
    )

    result = scored(catalog, model, whole, split)

    e = catalog.index_of(slug)
    assert result.exposure[1, e] == pytest.approx(result.exposure[0, e], abs=1.0)


def test_many_zero_spend_pilots_weigh_no_more_than_one(catalog, model):
    one = profile_document(workload(monthly_spend_usd=0, criticality="low"))
    fifty = profile_document(*[workload(monthly_spend_usd=0, criticality="low")] * 50)

    result = scored(catalog, model, one, fifty)

    assert result.exposure[1, 0] == pytest.approx(result.exposure[0, 0])
    assert result.exposure[1, 0] < 25


@pytest.mark.parametrize("slug", ECOSYSTEMS)
def test_a_commitment_raises_exposure_for_every_vendor_and_more_of_it_never_lowers_it(catalog, model, slug):
    base = profile_document(workload(slug, monthly_spend_usd=50000))
    with_contracts = [
        profile_document(
            workload(slug, monthly_spend_usd=50000), contracts=[commitment(slug, dollars, months)]
        )
        for dollars, months in ((300_000, 6), (600_000, 12), (600_000, 36), (1_800_000, 36), (6_000_000, 120))
    ]

    exposure = scored(catalog, model, base, *with_contracts).exposure[:, catalog.index_of(slug)]

    assert exposure[1] > exposure[0]
    assert (np.diff(exposure[1:]) >= 0).all(), exposure


def test_a_commitment_adds_the_same_for_every_vendor(catalog, model):
    added = []
    for slug in ECOSYSTEMS:
        base = profile_document(workload(slug, monthly_spend_usd=50000))
        committed = profile_document(
            workload(slug, monthly_spend_usd=50000), contracts=[commitment(slug, 1_800_000, 36)]
        )
        exposure = scored(catalog, model, base, committed).exposure[:, catalog.index_of(slug)]
        added.append(exposure[1] - exposure[0])

    assert max(added) - min(added) < 1.0, added  # only saturation differs: not scaled by price ratings


def test_a_deep_mistral_estate_and_an_all_copilot_company_are_not_low(catalog, model):
    mistral = score_profile(parse_profile(DEEP_MISTRAL, catalog.ecosystems), catalog, model)
    copilot = score_profile(parse_profile(ALL_COPILOT, catalog.ecosystems), catalog, model)

    assert entry(mistral, "mistral")["band"] != "low"
    assert entry(copilot, "openai-microsoft")["band"] != "low"
    assert entry(mistral, "mistral")["exit_cost"]["usd"][1] > 1_000_000_000  # the commitment is owed


def test_suite_seats_count_in_spend_shares(catalog, model):
    scores = score_profile(parse_profile(ALL_COPILOT, catalog.ecosystems), catalog, model)

    assert entry(scores, "openai-microsoft")["spend_share"] == 1.0
    assert scores["overall"]["concentration_hhi"] == 10000


def test_one_data_workload_gets_comparable_data_gravity_whichever_vendor(catalog, model):
    data_workload = {
        "deployment": "vendor_api",
        "monthly_spend_usd": 20000,
        "features": ["vendor_vector_store", "vendor_embeddings"],
        "data_location": "vendor_cloud",
    }
    drivers = []
    for slug in ECOSYSTEMS:
        scores = score_profile(
            parse_profile(profile_document(workload(slug, **data_workload)), catalog.ecosystems),
            catalog,
            model,
        )
        drivers.append(
            next(d["contribution"] for d in entry(scores, slug)["drivers"] if d["factor"] == "data_gravity")
        )

    assert min(drivers) > 0
    assert max(drivers) / min(drivers) < 1.5, drivers


def test_a_stated_data_volume_adds_data_gravity(catalog, model):
    small = profile_document(workload("google", features=["vendor_embeddings"]))
    large = profile_document(workload("google", features=["vendor_embeddings"]))
    profiles = [parse_profile(small, catalog.ecosystems), parse_profile(large, catalog.ecosystems)]
    profiles[1] = replace(profiles[1], workloads=(replace(profiles[1].workloads[0], data_volume_gb=500_000),))

    result = assess(profiles, catalog, model)

    google = catalog.index_of("google")
    assert result.exposure[1, google] > result.exposure[0, google]
    assert result.exit_cost.total_pm[1, google] > result.exit_cost.total_pm[0, google]


@pytest.mark.parametrize("step", [100, 1000])
def test_a_small_change_of_spend_moves_the_probability_a_little(catalog, model, step):
    for spend in (5000, 20000, 60000, 200000):
        documents = [
            profile_document(workload(monthly_spend_usd=spend + extra, features=["assistants_or_agents_api"]))
            for extra in (0, step)
        ]
        chance = scored(catalog, model, *documents).probability[:, 0]
        assert abs(chance[1] - chance[0]) < 0.02 * step / 1000 + 1e-9, (spend, chance)


def test_the_probability_is_smooth_not_a_step_function(catalog, model):
    documents = [
        profile_document(workload(criticality="high", monthly_spend_usd=spend, features=["fine_tuning"]))
        for spend in range(0, 200_001, 2000)
    ]

    chance = scored(catalog, model, *documents).probability[:, 0]

    assert (np.diff(chance[:20]) != 0).all()  # no plateau where dollars decide
    assert np.abs(np.diff(chance)).max() < 0.08  # no jump: $2,000 a month moves it a little


def test_a_single_vendor_profile_is_not_credited_with_multi_vendor_production(catalog, model):
    single = profile_document(workload(monthly_spend_usd=20000))
    claimed = profile_document(
        workload(monthly_spend_usd=20000), practices={"multi_vendor_in_production": True}
    )

    result = scored(catalog, model, single, claimed)
    scores = score_profile(parse_profile(claimed, catalog.ecosystems), catalog, model)

    assert result.exposure[1, 0] == result.exposure[0, 0]
    assert [item["practice"] for item in scores["practices_not_credited"]] == ["multi_vendor_in_production"]
    assert "one ecosystem" in scores["practices_not_credited"][0]["reason"]
    assert "multi_vendor_in_production" not in {r["action"] for r in scores["recommendations"]}


def test_an_open_weights_fallback_needs_an_open_weights_model(catalog, model):
    closed_only = profile_document(workload("openai-microsoft"), practices={"open_weights_fallback": True})
    with_llama = profile_document(
        workload("openai-microsoft"), workload("meta"), practices={"open_weights_fallback": True}
    )

    closed_scores = score_profile(parse_profile(closed_only, catalog.ecosystems), catalog, model)
    llama_scores = score_profile(parse_profile(with_llama, catalog.ecosystems), catalog, model)

    assert [item["practice"] for item in closed_scores["practices_not_credited"]] == ["open_weights_fallback"]
    assert llama_scores["practices_not_credited"] == []


def test_a_declared_budget_below_the_workloads_spend_does_not_inflate_exposure(catalog, model):
    documents = []
    for budget in (0, 100_000, 960_000):
        document = profile_document(*[workload(monthly_spend_usd=20000)] * 4)
        document["organization"]["annual_ai_spend_usd"] = budget
        documents.append(document)

    exposure = scored(catalog, model, *documents).exposure[:, 0]

    assert exposure[0] == exposure[1] == exposure[2]  # 960,000 is exactly what the workloads spend


def test_claude_on_vertex_puts_the_cloud_channel_on_google(catalog, model):
    profile = parse_profile(
        profile_document(workload("anthropic-amazon", deployment="cloud_marketplace")), catalog.ecosystems
    )
    on_vertex = replace(profile, workloads=(replace(profile.workloads[0], platform="google_cloud"),))

    scores = score_profile(on_vertex, catalog, model)

    google = entry(scores, "google")
    assert [driver["factor"] for driver in google["drivers"]] == ["cloud_platform"]
    assert "cloud_platform" not in {d["factor"] for d in entry(scores, "anthropic-amazon")["drivers"]}


def test_one_recorded_outcome_does_not_move_any_ecosystem(catalog, model):
    """Below MIN_OUTCOMES_PER_ECOSYSTEM nothing moves; above it only the outcome's ecosystem does."""
    northwind = parse_profile(NORTHWIND_BANK, catalog.ecosystems)
    probe = parse_profile(
        profile_document(workload("anthropic-amazon", monthly_spend_usd=30000)), catalog.ecosystems
    )
    outcome = Outcome(northwind, "openai-microsoft", 0.5, 10_000, False)

    result = train(catalog, params=SMALL, outcomes=[outcome], code_version="test")

    assert result.model.ecosystem_scale.tolist() == [1.0] * len(catalog.ecosystems)
    for profile in (northwind, probe):
        before, after = assess([profile], catalog, model), assess([profile], catalog, result.model)
        assert np.array_equal(after.exposure, before.exposure)
        assert np.array_equal(after.probability, before.probability)


def test_thin_evidence_is_flagged_not_shown_as_low_risk(catalog, model):
    document = profile_document(workload("xai"), workload("cohere"), workload("openai-microsoft"))

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)

    assert entry(scores, "xai")["evidence"] == "insufficient"
    assert entry(scores, "cohere")["evidence"] == "insufficient"
    assert entry(scores, "openai-microsoft")["evidence"] == "sufficient"
    assert "silence" in entry(scores, "xai")["evidence_note"]


def test_ranges_surround_the_exposure_and_the_exit_cost(catalog, model):
    scores = score_profile(parse_profile(NORTHWIND_BANK, catalog.ecosystems), catalog, model)

    ours = entry(scores, "openai-microsoft")
    low, high = ours["exposure_range"]
    assert low < high
    assert low - 0.1 <= ours["exposure"] <= high + 0.1
    pm, usd = ours["exit_cost"]["person_months"], ours["exit_cost"]["usd"]
    assert pm[0] < pm[1] < pm[2]
    assert usd[0] < usd[1] < usd[2]
    parts = {part["part"] for part in ours["exit_cost"]["parts"]}
    assert {"re_integration", "contract_run_off", "regulated_revalidation", "parallel_running"} <= parts
    assert sum(part["usd"] for part in ours["exit_cost"]["parts"]) == pytest.approx(usd[1], abs=10)


def test_the_probability_is_labelled_prior_implied_and_defines_its_event(catalog, model):
    scores = score_profile(parse_profile(NORTHWIND_BANK, catalog.ecosystems), catalog, model)

    assert scores["probability_basis"] == "prior-implied"
    assert f"{A.EXIT_HORIZON_MONTHS} months" in scores["probability_event"]
    assert f"{A.COSTLY_EXIT_PERSON_MONTHS:g} person-months" in scores["probability_event"]


def test_a_larger_exit_never_lowers_the_probability(catalog, model):
    plain = profile_document(workload(criticality="high", monthly_spend_usd=30000))
    agents = profile_document(
        workload(
            criticality="high", monthly_spend_usd=30000, features=["assistants_or_agents_api", "fine_tuning"]
        )
    )
    regulated = copy.deepcopy(agents)
    regulated["organization"]["regulated"] = True

    chance = scored(catalog, model, plain, agents, regulated).probability[:, 0]

    assert chance[0] < chance[1] < chance[2]
