"""Feature extraction: usage, masses, pressures, mitigations, footprint and risk."""

from dataclasses import replace

import numpy as np
import pytest

from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring import parse_profile
from advisor.domain.scoring.features import CHANNEL, NEUTRAL_FLOOR, engine_moat, extract_features
from tests.domain.builders import profile_document, workload


def features_of(catalog, document):
    return extract_features([parse_profile(document, catalog.ecosystems)], catalog)


def test_one_workload_has_its_weight_times_its_usage(catalog):
    document = profile_document(
        workload("anthropic-amazon", deployment="vendor_api", criticality="high", monthly_spend_usd=25000,
                 features=["function_calling"], data_location="vendor_cloud", accelerator="none")
    )  # fmt: skip
    features = features_of(catalog, document)

    weight = 0.8 * (A.WORKLOAD_BASE_WEIGHT + A.SPEND_WEIGHT * 25000 / (600000 / 12))
    e = catalog.index_of("anthropic-amazon")
    mass = features.mass[0, e]
    assert mass[CHANNEL["model_api"]] == pytest.approx(weight * (0.8 + 0.1))
    assert mass[CHANNEL["agent_runtime"]] == pytest.approx(weight * 0.15)
    assert mass[CHANNEL["data_gravity"]] == pytest.approx(weight * 0.5)
    assert mass[CHANNEL["custom_silicon"]] == pytest.approx(weight * 0.2)
    moat_factor = NEUTRAL_FLOOR + (1 - NEUTRAL_FLOOR) * engine_moat(catalog)[e] / 5
    expected = moat_factor * (1 - np.exp(-A.MASS_RATE * mass))
    assert features.pressure_raw[0, e] == pytest.approx(expected)
    assert features.in_use[0].tolist() == [slug == "anthropic-amazon" for slug in catalog.ecosystems]


def test_usage_is_clipped_at_one_per_workload(catalog):
    many = ["fine_tuning", "vendor_vector_store", "vendor_embeddings", "assistants_or_agents_api"]
    features = features_of(
        catalog, profile_document(workload("google", features=many, data_location="vendor_cloud"))
    )

    weight = 0.5 * (A.WORKLOAD_BASE_WEIGHT + A.SPEND_WEIGHT * 10000 / 50000)
    assert features.mass[0, catalog.index_of("google"), CHANNEL["data_gravity"]] == pytest.approx(weight)


def test_spend_is_measured_against_the_budget_with_a_floor(catalog):
    tiny_budget = profile_document(workload(monthly_spend_usd=5000))
    tiny_budget["organization"]["annual_ai_spend_usd"] = 0

    features = features_of(catalog, tiny_budget)

    weight = 0.5 * (A.WORKLOAD_BASE_WEIGHT + A.SPEND_WEIGHT * 5000 * 12 / A.ANNUAL_SPEND_FLOOR_USD)
    assert features.mass[0, 0, CHANNEL["model_api"]] == pytest.approx(weight * 0.8)


def test_a_budget_below_the_workloads_spend_is_replaced_by_their_spend(catalog):
    low_budget = profile_document(workload(monthly_spend_usd=50000), workload(monthly_spend_usd=30000))
    low_budget["organization"]["annual_ai_spend_usd"] = 1000

    features = features_of(catalog, low_budget)

    assert features.spend_base[0] == 12 * 80000
    assert sorted(features.rows.spend_weight.tolist()) == pytest.approx([0.5 * 3 / 8, 0.5 * 5 / 8])
    assert features.rows.base_weight.tolist() == [0.5 * A.WORKLOAD_BASE_WEIGHT] * 2


def test_the_workload_base_counts_once_per_channel_the_largest(catalog):
    one = features_of(catalog, profile_document(workload(monthly_spend_usd=0)))
    ten = features_of(catalog, profile_document(*[workload(monthly_spend_usd=0)] * 10))
    with_agent = features_of(
        catalog,
        profile_document(
            workload(monthly_spend_usd=0),
            workload(monthly_spend_usd=0, criticality="high", features=["assistants_or_agents_api"]),
        ),
    )

    assert np.array_equal(ten.mass, one.mass)
    agent = CHANNEL["agent_runtime"]
    assert with_agent.mass[0, 0, agent] == pytest.approx(0.8 * A.WORKLOAD_BASE_WEIGHT * 0.7)
    assert with_agent.mass[0, 0, CHANNEL["model_api"]] == pytest.approx(0.8 * A.WORKLOAD_BASE_WEIGHT * 0.8)


def test_splitting_one_workload_of_a_mixed_estate_changes_no_mass(catalog):
    agent = workload(
        "anthropic-amazon", criticality="mission_critical", features=["assistants_or_agents_api"]
    )
    whole = features_of(catalog, profile_document(agent, workload("google", monthly_spend_usd=60000)))
    split = features_of(catalog, profile_document(agent, *[workload("google", monthly_spend_usd=3000)] * 20))

    assert split.mass == pytest.approx(whole.mass)


def test_the_cloud_channel_lands_on_the_platforms_owner(catalog):
    document = profile_document(workload("anthropic-amazon", deployment="cloud_marketplace"))
    on_aws = parse_profile(document, catalog.ecosystems)
    on_vertex = replace(on_aws, workloads=(replace(on_aws.workloads[0], platform="google_cloud"),))
    own = replace(on_aws, workloads=(replace(on_aws.workloads[0], platform="own_infrastructure"),))

    features = extract_features([on_aws, on_vertex, own], catalog)

    cloud = CHANNEL["cloud_platform"]
    aws, google = catalog.index_of("anthropic-amazon"), catalog.index_of("google")
    assert features.mass[0, aws, cloud] > 0
    assert features.mass[0, google, cloud] == 0
    assert features.mass[1, aws, cloud] == 0
    assert features.mass[1, google, cloud] == features.mass[0, aws, cloud]
    assert features.mass[2, :, cloud].tolist() == [0.0] * len(catalog.ecosystems)


def test_tpus_bind_the_workload_to_google_whatever_its_model(catalog):
    features = features_of(
        catalog, profile_document(workload("meta", deployment="self_hosted", accelerator="tpu"))
    )

    google, meta = catalog.index_of("google"), catalog.index_of("meta")
    assert features.mass[0, google, CHANNEL["custom_silicon"]] > 0
    assert features.mass[0, meta, CHANNEL["custom_silicon"]] == 0
    assert features.mass[0, google].sum() == features.mass[0, google, CHANNEL["custom_silicon"]]
    assert features.in_use[0, google]


def test_the_suite_and_code_assistant_bind_their_owners(catalog):
    document = profile_document(
        workload("anthropic-amazon"),
        productivity_suite={
            "suite": "microsoft_365_copilot",
            "seat_share": 0.4,
            "code_assistant": "gemini_code_assist",
        },
    )
    features = features_of(catalog, document)

    suite = CHANNEL["suite_integration"]
    assert features.mass[0, catalog.index_of("openai-microsoft"), suite] == pytest.approx(
        0.4 * A.SUITE_MASS_AT_FULL_SEATS["suite_integration"]
    )
    assert features.mass[0, catalog.index_of("google"), suite] == pytest.approx(
        A.CODE_ASSISTANT_MASS["suite_integration"]
    )
    seats = 0.4 * 500 * A.DEFAULT_SEAT_PRICE_USD_MONTH["microsoft_365_copilot"]
    assert features.monthly_spend[0, catalog.index_of("openai-microsoft")] == pytest.approx(seats)
    assert features.in_use[0, catalog.index_of("openai-microsoft")]


def test_an_unstated_seat_share_takes_the_default(catalog):
    document = profile_document(productivity_suite={"suite": "google_workspace_gemini"})
    features = features_of(catalog, document)

    expected = A.DEFAULT_SEAT_SHARE * A.SUITE_MASS_AT_FULL_SEATS["suite_integration"]
    assert features.mass[0, catalog.index_of("google"), CHANNEL["suite_integration"]] == pytest.approx(
        expected
    )


def contract(ecosystem="openai-microsoft", committed=300000, months=12, export=False, assistance=False):
    return {
        "ecosystem": ecosystem,
        "committed_spend_usd": committed,
        "months_remaining": months,
        "data_export_clause": export,
        "termination_assistance": assistance,
    }


def test_a_contract_adds_contract_mass_until_it_runs_out(catalog):
    running = features_of(catalog, profile_document(contracts=[contract(months=12)]))
    longer = features_of(catalog, profile_document(contracts=[contract(months=120)]))
    expired = features_of(catalog, profile_document(contracts=[contract(months=0)]))
    none = features_of(catalog, profile_document())

    channel = CHANNEL["contract"]
    extra = A.CONTRACT_MASS * 300000 / 600000
    assert running.mass[0, 0, channel] - none.mass[0, 0, channel] == pytest.approx(extra)
    assert longer.mass[0, 0, channel] == running.mass[0, 0, channel]
    assert expired.mass[0, 0, channel] == none.mass[0, 0, channel] == 0
    assert running.mass[0, 0, CHANNEL["pricing"]] == none.mass[0, 0, CHANNEL["pricing"]]
    assert running.pressure_raw[0, 0, channel] == pytest.approx(1 - np.exp(-A.MASS_RATE * extra))


def test_practices_and_clauses_keep_their_documented_share(catalog):
    document = profile_document(
        practices={"llm_gateway": True, "data_export_tested": True},
        contracts=[contract(export=True)],
    )
    features = features_of(catalog, document)

    keep = features.keep[0, 0]
    assert keep[CHANNEL["model_api"]] == pytest.approx(1 - 0.35)
    assert keep[CHANNEL["data_gravity"]] == pytest.approx((1 - 0.40) * (1 - 0.25))
    assert keep[CHANNEL["suite_integration"]] == 1.0
    assert features.keep[0, 1, CHANNEL["data_gravity"]] == pytest.approx(1 - 0.40)  # the clause is openai's
    assert np.allclose(features.pressure, features.pressure_raw * features.keep)


def test_footprint(catalog):
    features = features_of(catalog, profile_document(workload("mistral")))

    m = catalog.index_of("mistral")
    footprint = 1 - np.exp(-A.FOOTPRINT_RATE * features.mass[0, m].sum())
    assert features.footprint[0, m] == pytest.approx(footprint)
    assert features.footprint[0, catalog.index_of("google")] == 0.0


def test_every_usage_table_stays_within_one_per_answer():
    from advisor.domain.scoring import features as F

    for table in (F.DEPLOYMENT_USAGE, F.DATA_LOCATION_USAGE, F.ACCELERATOR_USAGE, F.FEATURE_USAGE):
        assert ((table >= 0) & (table <= 1)).all()
    assert ((F.PRACTICE_KEEP > 0) & (F.PRACTICE_KEEP <= 1)).all()
    assert ((F.CLAUSE_KEEP > 0) & (F.CLAUSE_KEEP <= 1)).all()
