"""The scores document (lockin-scores/2): exact keys, types, ranges and arithmetic."""

import json
import math

import pytest

from advisor.domain.scoring import parse_profile, score_profile, score_profiles
from advisor.domain.scoring.calibration import synthetic_profiles
from advisor.domain.scoring.counterfactuals import ACTIONS
from tests.domain.builders import profile_document, workload

TOP_KEYS = [
    "format",
    "model_version",
    "catalog_version",
    "overall",
    "probability_event",
    "probability_basis",
    "ecosystems",
    "practices_not_credited",
    "recommendations",
    "scenarios",
]
ECOSYSTEM_KEYS = [
    "ecosystem",
    "exposure",
    "exposure_range",
    "band",
    "evidence",
    "evidence_note",
    "probability_costly_exit",
    "spend_share",
    "exit_cost",
    "drivers",
]
RECOMMENDATION_KEYS = [
    "action",
    "scope",
    "ecosystem",
    "exposure_removed",
    "effort_person_months",
    "removed_per_person_month",
    "exposure_after",
]
EXIT_PARTS = [
    "re_integration",
    "re_evaluation",
    "re_embedding_and_data_migration",
    "retraining_fine_tunes",
    "contract_run_off",
    "parallel_running",
    "regulated_revalidation",
]
SCENARIO_KEYS = [
    "ecosystem",
    "scenario",
    "likelihood",
    "impact",
    "affected_workloads",
    "annual_spend_at_risk_usd",
    "cost_if_it_happens_usd",
    "expected_cost_usd",
    "exposure_after",
]
CHANNELS = {
    "custom_silicon",
    "model_api",
    "agent_runtime",
    "suite_integration",
    "data_gravity",
    "cloud_platform",
    "licence",
    "pricing",
    "contract",
}


def expected_band(exposure: float) -> str:
    if exposure < 25:
        return "low"
    if exposure < 50:
        return "moderate"
    if exposure < 75:
        return "high"
    return "critical"


@pytest.fixture(scope="module")
def population_scores(catalog, model):
    return score_profiles(synthetic_profiles(catalog, 150, seed=99), catalog, model)


def test_the_example_gets_a_complete_document(catalog, model, northwind_profile):
    scores = score_profile(northwind_profile, catalog, model)

    assert list(scores) == TOP_KEYS
    assert scores["format"] == "lockin-scores/2"
    assert scores["probability_basis"] == "prior-implied"
    assert "12 months" in scores["probability_event"]
    assert scores["model_version"] == model.version
    assert scores["catalog_version"] == "v1"
    assert list(scores["overall"]) == ["lock_in_index", "concentration_hhi", "band"]
    json.dumps(scores, allow_nan=False)


def test_every_document_has_the_exact_shape(catalog, population_scores):
    for scores in population_scores:
        assert list(scores) == TOP_KEYS
        assert sorted(entry["ecosystem"] for entry in scores["ecosystems"]) == sorted(catalog.ecosystems)
        for entry in scores["ecosystems"]:
            assert list(entry) == ECOSYSTEM_KEYS
            assert all(list(driver) == ["factor", "contribution"] for driver in entry["drivers"])
        for entry in scores["recommendations"]:
            assert list(entry) == RECOMMENDATION_KEYS
        for entry in scores["ecosystems"]:
            if entry["exit_cost"] is not None:
                assert list(entry["exit_cost"]) == ["person_months", "usd", "parts"]
                assert [part["part"] for part in entry["exit_cost"]["parts"]] == [
                    part for part in EXIT_PARTS if part in {p["part"] for p in entry["exit_cost"]["parts"]}
                ]
        for entry in scores["scenarios"]:
            assert list(entry) == SCENARIO_KEYS
        json.dumps(scores, allow_nan=False)


def test_types_ranges_and_bands(population_scores):
    for scores in population_scores:
        overall = scores["overall"]
        assert isinstance(overall["concentration_hhi"], int)
        assert 0 <= overall["concentration_hhi"] <= 10000
        assert 0 <= overall["lock_in_index"] <= 100
        assert overall["band"] == expected_band(overall["lock_in_index"])
        for entry in scores["ecosystems"]:
            assert isinstance(entry["exposure"], float)
            assert 0 <= entry["exposure"] <= 100
            assert entry["exposure"] == round(entry["exposure"], 1)
            assert entry["band"] == expected_band(entry["exposure"])
            assert 0 <= entry["probability_costly_exit"] <= 1
            assert 0 <= entry["spend_share"] <= 1
            low, high = entry["exposure_range"]
            assert 0 <= low <= high <= 100
            assert entry["evidence"] in ("sufficient", "insufficient")
            if entry["exit_cost"] is not None:
                for figures in (entry["exit_cost"]["person_months"], entry["exit_cost"]["usd"]):
                    assert 0 <= figures[0] <= figures[1] <= figures[2]


def test_ecosystems_are_sorted_by_exposure_then_catalog_order(catalog, population_scores):
    for scores in population_scores:
        keys = [(-entry["exposure"], catalog.index_of(entry["ecosystem"])) for entry in scores["ecosystems"]]
        assert keys == sorted(keys)


def test_an_unused_ecosystem_scores_zero_with_no_drivers(catalog, model):
    scores = score_profile(
        parse_profile(profile_document(workload("mistral")), catalog.ecosystems), catalog, model
    )

    unused = [entry for entry in scores["ecosystems"] if entry["ecosystem"] != "mistral"]
    assert all(entry["exposure"] == 0.0 for entry in unused)
    assert all(entry["probability_costly_exit"] == 0.0 for entry in unused)
    assert all(entry["drivers"] == [] for entry in unused)
    assert all(entry["exit_cost"] is None for entry in unused)
    assert all(entry["exposure_range"] == [0.0, 0.0] for entry in unused)
    assert {entry["ecosystem"] for entry in scores["scenarios"]} == {"mistral"}


def test_spend_shares_and_hhi(catalog, model):
    document = profile_document(
        workload("openai-microsoft", monthly_spend_usd=30000),
        workload("google", monthly_spend_usd=10000),
        workload("openai-microsoft", monthly_spend_usd=20000),
    )

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)

    shares = {entry["ecosystem"]: entry["spend_share"] for entry in scores["ecosystems"]}
    assert shares["openai-microsoft"] == pytest.approx(50000 / 60000, abs=1e-4)
    assert shares["google"] == pytest.approx(10000 / 60000, abs=1e-4)
    assert shares["meta"] == 0.0
    assert scores["overall"]["concentration_hhi"] == round((100 * 5 / 6) ** 2 + (100 / 6) ** 2)


def test_spend_share_and_hhi_are_zero_when_nothing_is_spent(catalog, model):
    document = profile_document(
        workload("google", monthly_spend_usd=0), workload("meta", monthly_spend_usd=0)
    )

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)

    assert all(entry["spend_share"] == 0.0 for entry in scores["ecosystems"])
    assert scores["overall"]["concentration_hhi"] == 0


def test_one_ecosystem_taking_all_spend_has_hhi_10000(catalog, model, northwind_profile):
    assert score_profile(northwind_profile, catalog, model)["overall"]["concentration_hhi"] == 10000


def test_drivers_add_up_to_the_exposure_largest_first(population_scores):
    for scores in population_scores:
        for entry in scores["ecosystems"]:
            contributions = [driver["contribution"] for driver in entry["drivers"]]
            assert contributions == sorted(contributions, reverse=True)
            assert round(sum(contributions), 1) == entry["exposure"]
            factors = [driver["factor"] for driver in entry["drivers"]]
            assert set(factors) <= CHANNELS | {"portability_practices"}
            for driver in entry["drivers"]:
                negative = driver["factor"] == "portability_practices"
                assert (driver["contribution"] < 0) == negative


def test_practices_show_as_one_negative_driver(catalog, model, northwind):
    northwind["practices"] = {"llm_gateway": True, "data_export_tested": True}

    scores = score_profile(parse_profile(northwind, catalog.ecosystems), catalog, model)

    drivers = scores["ecosystems"][0]["drivers"]
    assert drivers[-1]["factor"] == "portability_practices"
    assert drivers[-1]["contribution"] < 0


def test_lock_in_index_is_the_exposure_for_a_single_ecosystem(catalog, model, northwind_profile):
    scores = score_profile(northwind_profile, catalog, model)

    assert scores["overall"]["lock_in_index"] == scores["ecosystems"][0]["exposure"]


def test_lock_in_index_lies_between_the_exposures_in_use(population_scores):
    for scores in population_scores:
        used = {entry["ecosystem"] for entry in scores["scenarios"]}
        exposures = [entry["exposure"] for entry in scores["ecosystems"] if entry["ecosystem"] in used]
        assert min(exposures) - 0.1 <= scores["overall"]["lock_in_index"] <= max(exposures) + 0.1


def test_recommendations_are_ranked_by_total_exposure_removed_and_add_up(catalog, population_scores):
    for scores in population_scores:
        today = {entry["ecosystem"]: entry["exposure"] for entry in scores["ecosystems"]}
        removed = [entry["exposure_removed"] for entry in scores["recommendations"]]
        assert removed == sorted(removed, reverse=True)
        pairs = [(entry["action"], entry["ecosystem"]) for entry in scores["recommendations"]]
        assert len(pairs) == len(set(pairs))
        for entry in scores["recommendations"]:
            assert entry["action"] in ACTIONS
            assert entry["exposure_removed"] > 0
            gains = [today[slug] - after for slug, after in entry["exposure_after"].items()]
            assert all(gain > 0 for gain in gains)
            assert entry["exposure_removed"] == pytest.approx(sum(gains), abs=1e-6)
            assert entry["effort_person_months"] > 0
            assert entry["removed_per_person_month"] == pytest.approx(
                entry["exposure_removed"] / entry["effort_person_months"], abs=0.01
            )
            assert (entry["scope"] == "organization") == (entry["ecosystem"] is None)


def test_an_organization_wide_practice_appears_once(catalog, model):
    document = profile_document(
        *[workload(slug, features=["function_calling"]) for slug in ("openai-microsoft", "google", "mistral")]
    )

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)

    gateway = [entry for entry in scores["recommendations"] if entry["action"] == "llm_gateway"]
    assert len(gateway) == 1
    assert gateway[0]["scope"] == "organization"
    assert set(gateway[0]["exposure_after"]) == {"openai-microsoft", "google", "mistral"}


def test_recommendations_leave_out_what_is_already_done(catalog, model, northwind):
    northwind["practices"]["llm_gateway"] = True
    northwind["contracts"][0]["data_export_clause"] = True

    scores = score_profile(parse_profile(northwind, catalog.ecosystems), catalog, model)

    actions = {entry["action"] for entry in scores["recommendations"]}
    assert "llm_gateway" not in actions
    assert "negotiate_data_export_clause" not in actions
    assert {"eval_harness", "negotiate_termination_assistance", "portable_vector_store"} <= actions


def test_a_recommendation_is_the_profile_rescored_with_the_action_applied(catalog, model, northwind):
    scores = score_profile(parse_profile(northwind, catalog.ecosystems), catalog, model)
    recommended = {entry["action"]: entry for entry in scores["recommendations"]}

    northwind["workloads"][0]["features"].remove("vendor_vector_store")
    rescored = score_profile(parse_profile(northwind, catalog.ecosystems), catalog, model)
    northwind["practices"]["exit_plan_documented"] = True
    northwind["workloads"][0]["features"].append("vendor_vector_store")
    with_plan = score_profile(parse_profile(northwind, catalog.ecosystems), catalog, model)

    ours = "openai-microsoft"
    assert (
        recommended["portable_vector_store"]["exposure_after"][ours] == rescored["ecosystems"][0]["exposure"]
    )
    assert (
        recommended["exit_plan_documented"]["exposure_after"][ours] == with_plan["ecosystems"][0]["exposure"]
    )


def test_moving_off_tpus_is_credited_to_the_chip_owner(catalog, model):
    document = profile_document(workload("meta", deployment="self_hosted", accelerator="tpu"))

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)

    moves = [entry for entry in scores["recommendations"] if entry["action"] == "move_off_custom_silicon"]
    assert [entry["ecosystem"] for entry in moves] == ["google"]


def test_scenarios_cover_every_ecosystem_in_use_and_every_scenario(catalog, model):
    document = profile_document(
        workload("google"), workload("anthropic-amazon", deployment="cloud_marketplace")
    )

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)

    pairs = [(entry["ecosystem"], entry["scenario"]) for entry in scores["scenarios"]]
    assert len(pairs) == 10
    assert {ecosystem for ecosystem, _ in pairs} == {"google", "anthropic-amazon"}
    for entry in scores["scenarios"]:
        e, s = catalog.index_of(entry["ecosystem"]), catalog.scenarios.index(entry["scenario"])
        assert entry["likelihood"] == catalog.likelihood[e, s]
        assert entry["impact"] == catalog.impact[e, s]
        assert entry["affected_workloads"] == 1
        assert entry["annual_spend_at_risk_usd"] == 120000
        assert entry["expected_cost_usd"] <= entry["cost_if_it_happens_usd"]
        assert (entry["exposure_after"] is None) == (entry["scenario"] != "regulatory_mandate")


def test_a_mandate_lowers_exposure_and_self_hosting_escapes_a_price_shock(catalog, model, northwind_profile):
    scores = score_profile(northwind_profile, catalog, model)
    mandate = next(entry for entry in scores["scenarios"] if entry["scenario"] == "regulatory_mandate")
    assert mandate["exposure_after"] < scores["ecosystems"][0]["exposure"]

    document = profile_document(workload("meta", deployment="self_hosted", accelerator="nvidia"))
    self_hosted = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)["scenarios"]
    by_scenario = {entry["scenario"]: entry for entry in self_hosted}
    assert by_scenario["price_shock"]["affected_workloads"] == 0
    assert by_scenario["vendor_acquisition"]["affected_workloads"] == 1


def test_scenario_cost_follows_its_formula(catalog, model, northwind_profile):
    from advisor.domain.scoring import assumptions as A

    scores = score_profile(northwind_profile, catalog, model)
    exit_usd = scores["ecosystems"][0]["exit_cost"]["usd"][1]
    entry = next(entry for entry in scores["scenarios"] if entry["scenario"] == "price_shock")

    seats = 12 * (0.8 * 12000 * 30 + 0.1 * 12000 * 19)  # Copilot seats, GitHub Copilot developers
    assert entry["annual_spend_at_risk_usd"] == pytest.approx(504000 + seats, abs=1)
    expected = entry["impact"] / 5 * ((504000 + seats) * 0.5 + 0.25 * exit_usd)
    assert entry["cost_if_it_happens_usd"] == pytest.approx(expected, rel=1e-3)
    chance = A.LIKELIHOOD_PROBABILITY[entry["likelihood"]]
    assert entry["expected_cost_usd"] == pytest.approx(chance * entry["cost_if_it_happens_usd"], abs=1)


def test_batch_scoring_equals_one_by_one(catalog, model):
    profiles = synthetic_profiles(catalog, 25, seed=3)

    assert score_profiles(profiles, catalog, model) == [score_profile(p, catalog, model) for p in profiles]
    assert score_profiles([], catalog, model) == []


def test_probabilities_are_numbers_not_nan(population_scores):
    values = [e["probability_costly_exit"] for s in population_scores for e in s["ecosystems"]]
    assert not any(math.isnan(value) for value in values)
    assert max(values) > 0.3
