"""Changes applied to a profile and scored again together: the plan's projection and the what-if."""

import itertools
import json

import pytest

from advisor.domain.scoring import parse_profile, score_profile
from advisor.domain.scoring.counterfactuals import ACTIONS
from advisor.domain.scoring.whatif import Change, ChangeError, apply_changes, exposure_change, rescore
from tests.domain.builders import profile_document, workload
from tests.paths import PROFILES_DIR


@pytest.fixture(scope="module")
def model(small_training):
    return small_training.model


@pytest.fixture(scope="module")
def bank(engine_catalog):
    document = json.loads((PROFILES_DIR / "regulated-bank.json").read_text())
    return parse_profile(document, engine_catalog.ecosystems)


def exposures(document):
    return {entry["ecosystem"]: entry["exposure"] for entry in document["ecosystems"]}


def test_each_recommendation_rescores_as_the_engine_says(bank, engine_catalog, model):
    """The profile-level actions are the engine's counterfactuals: same names, same figures."""
    baseline = score_profile(bank, engine_catalog, model)
    assert baseline["recommendations"]
    for entry in baseline["recommendations"]:
        after = exposures(rescore(bank, [Change(entry["action"], entry["ecosystem"])], engine_catalog, model))
        assert {slug: after[slug] for slug in entry["exposure_after"]} == entry["exposure_after"]


def test_actions_on_the_same_channel_combine_to_less_than_their_sum(bank, engine_catalog, model):
    before = exposures(score_profile(bank, engine_catalog, model))["openai-microsoft"]

    def removed(*actions):
        after = rescore(bank, [Change(action) for action in actions], engine_catalog, model)
        return round(before - exposures(after)["openai-microsoft"], 1)

    gateway, portability = removed("llm_gateway"), removed("prompt_portability")
    together = removed("llm_gateway", "prompt_portability")
    assert 0 < together < round(gateway + portability, 1)
    assert together > max(gateway, portability)


def test_adding_an_action_never_raises_any_exposure(bank, engine_catalog, model):
    recommended = [
        Change(entry["action"], entry["ecosystem"])
        for entry in score_profile(bank, engine_catalog, model)["recommendations"]
    ]
    for size in (1, 2, 3):
        for plan in itertools.islice(itertools.combinations(recommended, size), 12):
            before = exposures(rescore(bank, list(plan), engine_catalog, model))
            for extra in recommended:
                after = exposures(rescore(bank, [*plan, extra], engine_catalog, model))
                assert all(after[slug] <= before[slug] for slug in before), (plan, extra)


def test_every_engine_action_is_a_change(bank, engine_catalog, model):
    for action in ACTIONS:
        assert rescore(bank, [Change(action)], engine_catalog, model)["format"] == "lockin-scores/2"


def test_moving_a_workload_moves_its_exposure(engine_catalog, model):
    document = profile_document(
        workload("openai-microsoft", monthly_spend_usd=50000, features=["assistants_or_agents_api"]),
        workload("mistral", monthly_spend_usd=5000),
    )
    profile = parse_profile(document, engine_catalog.ecosystems)
    before = score_profile(profile, engine_catalog, model)
    after = rescore(profile, [Change("move_workload", workload=0, to="mistral")], engine_catalog, model)
    assert exposures(after)["openai-microsoft"] == 0
    assert exposures(after)["mistral"] > exposures(before)["mistral"]
    moved = apply_changes(profile, [Change("move_workload", workload=0, to="mistral")]).workloads[0]
    assert (moved.ecosystem, moved.deployment, moved.platform) == ("mistral", "vendor_api", "vendor_direct")
    change = exposure_change(before, after)
    row = {r["ecosystem"]: r for r in change["ecosystems"]}["openai-microsoft"]
    assert row["after"] == 0
    assert row["delta"] == -row["before"]


def test_ending_a_contract_lowers_that_ecosystem_only(engine_catalog, model):
    contract = {
        "ecosystem": "openai-microsoft",
        "committed_spend_usd": 3_000_000,
        "months_remaining": 36,
        "data_export_clause": False,
        "termination_assistance": False,
    }
    document = profile_document(workload("openai-microsoft"), workload("google"), contracts=[contract])
    profile = parse_profile(document, engine_catalog.ecosystems)
    before = exposures(score_profile(profile, engine_catalog, model))
    after = exposures(rescore(profile, [Change("end_contract", "openai-microsoft")], engine_catalog, model))
    assert after["openai-microsoft"] < before["openai-microsoft"]
    assert after["google"] == before["google"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (Change("buy_a_yacht"), "changes[0].action"),
        (Change("portable_vector_store", "acme"), "changes[0].ecosystem"),
        (Change("end_contract"), "changes[0].ecosystem"),
        (Change("move_workload", workload=7, to="google"), "changes[0].workload"),
        (Change("move_workload", workload=0, to="nowhere"), "changes[0].to"),
    ],
)
def test_a_bad_change_names_its_field(bank, engine_catalog, model, change, field):
    with pytest.raises(ChangeError) as caught:
        rescore(bank, [change], engine_catalog, model)
    assert caught.value.field == field
    assert str(caught.value).startswith(field)
