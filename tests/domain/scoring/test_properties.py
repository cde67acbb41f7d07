"""Properties that hold for every profile (hypothesis): the directions the model must respect,
invariance to names and order, and determinism."""

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring import parse_profile, score_profile
from advisor.domain.scoring.scores import assess

ECOSYSTEMS = ("openai-microsoft", "google", "anthropic-amazon", "meta", "mistral", "xai", "cohere")
TOLERANCE = 1e-9
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

workloads = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=12),
        "ecosystem": st.sampled_from(ECOSYSTEMS),
        "model": st.just("any"),
        "deployment": st.sampled_from(A.DEPLOYMENTS),
        "criticality": st.sampled_from(A.CRITICALITIES),
        "monthly_spend_usd": st.one_of(st.integers(0, 300_000), st.floats(0, 300_000, allow_nan=False)),
        "features": st.lists(st.sampled_from(A.FEATURES), unique=True, max_size=6),
        "data_location": st.sampled_from(A.DATA_LOCATIONS),
        "accelerator": st.sampled_from(A.ACCELERATORS),
    }
)
contracts = st.fixed_dictionaries(
    {
        "ecosystem": st.sampled_from(ECOSYSTEMS),
        "committed_spend_usd": st.integers(0, 5_000_000),
        "months_remaining": st.integers(0, 120),
        "data_export_clause": st.booleans(),
        "termination_assistance": st.booleans(),
    }
)
profiles = st.fixed_dictionaries(
    {
        "format": st.just("lockin-profile/1"),
        "organization": st.fixed_dictionaries(
            {
                "name": st.just("Property Co"),
                "industry": st.sampled_from(A.INDUSTRIES),
                "employees": st.integers(1, 200_000),
                "regulated": st.booleans(),
                "eu_operations": st.booleans(),
                "annual_ai_spend_usd": st.integers(0, 20_000_000),
            }
        ),
        "workloads": st.lists(workloads, min_size=1, max_size=6),
    },
    optional={
        "productivity_suite": st.fixed_dictionaries(
            {
                "suite": st.sampled_from(A.SUITES),
                "seat_share": st.floats(0, 1),
                "code_assistant": st.sampled_from(A.CODE_ASSISTANTS),
            }
        ),
        "practices": st.fixed_dictionaries({name: st.booleans() for name in A.PRACTICES}),
        "contracts": st.lists(contracts, max_size=3),
    },
)


def scores_of(documents, catalog, model):
    scored = assess([parse_profile(document, catalog.ecosystems) for document in documents], catalog, model)
    return scored.exposure, scored.probability


def assert_not_lower(after, before):
    assert (after >= before - TOLERANCE).all(), (after - before).min()


def assert_not_higher(after, before):
    assert (after <= before + TOLERANCE).all(), (after - before).max()


@FAST
@given(document=profiles, data=st.data())
def test_adding_a_proprietary_feature_never_lowers_exposure_or_probability(catalog, model, document, data):
    index = data.draw(st.integers(0, len(document["workloads"]) - 1))
    workload = document["workloads"][index]
    missing = [feature for feature in A.FEATURES if feature not in workload["features"]]
    if not missing:
        return
    changed = copy.deepcopy(document)
    changed["workloads"][index]["features"].append(data.draw(st.sampled_from(missing)))

    (exposure, chance) = scores_of([document, changed], catalog, model)

    assert_not_lower(exposure[1], exposure[0])
    assert_not_lower(chance[1], chance[0])
    e = catalog.index_of(workload["ecosystem"])
    assert exposure[1, e] >= exposure[0, e]


@FAST
@given(document=profiles, data=st.data(), extra=st.floats(1, 500_000))
def test_adding_spend_within_the_budget_never_lowers_exposure(catalog, model, document, data, extra):
    """Within a declared budget that covers it. Beyond it the spend base grows with the spend and
    every other workload's share shrinks: that is what keeps totals independent of the budget.
    The probability is not monotone in spend: its threshold is a year of that same spend."""
    document["organization"]["annual_ai_spend_usd"] = 1_000_000_000
    index = data.draw(st.integers(0, len(document["workloads"]) - 1))
    changed = copy.deepcopy(document)
    changed["workloads"][index]["monthly_spend_usd"] += extra

    (exposure, _) = scores_of([document, changed], catalog, model)

    assert_not_lower(exposure[1], exposure[0])


@FAST
@given(document=profiles, data=st.data())
def test_raising_criticality_never_lowers_exposure_or_probability(catalog, model, document, data):
    index = data.draw(st.integers(0, len(document["workloads"]) - 1))
    level = A.CRITICALITIES.index(document["workloads"][index]["criticality"])
    if level == len(A.CRITICALITIES) - 1:
        return
    changed = copy.deepcopy(document)
    changed["workloads"][index]["criticality"] = A.CRITICALITIES[level + 1]

    (exposure, chance) = scores_of([document, changed], catalog, model)

    assert_not_lower(exposure[1], exposure[0])
    assert_not_lower(chance[1], chance[0])


@FAST
@given(document=profiles, practice=st.sampled_from(A.PRACTICES))
def test_adopting_a_practice_never_raises_any_exposure_or_probability(catalog, model, document, practice):
    changed = copy.deepcopy(document)
    changed.setdefault("practices", {})[practice] = True

    (exposure, chance) = scores_of([document, changed], catalog, model)

    assert_not_higher(exposure[1], exposure[0])
    assert_not_higher(chance[1], chance[0])


@FAST
@given(document=profiles, clause=st.sampled_from(A.CONTRACT_CLAUSES))
def test_adding_a_contract_clause_never_raises_any_exposure(catalog, model, document, clause):
    if not document.get("contracts"):
        return
    changed = copy.deepcopy(document)
    for contract in changed["contracts"]:
        contract[clause] = True

    (exposure, chance) = scores_of([document, changed], catalog, model)

    assert_not_higher(exposure[1], exposure[0])
    assert_not_higher(chance[1], chance[0])


@FAST
@given(document=profiles, data=st.data())
def test_scores_do_not_depend_on_workload_names_or_order(catalog, model, document, data):
    changed = copy.deepcopy(document)
    changed["workloads"] = data.draw(st.permutations(changed["workloads"]))
    for number, workload in enumerate(changed["workloads"]):
        workload["name"] = f"renamed {number}"
    if "contracts" in changed:
        changed["contracts"] = data.draw(st.permutations(changed["contracts"]))

    first = score_profile(parse_profile(document, catalog.ecosystems), catalog, model)
    second = score_profile(parse_profile(changed, catalog.ecosystems), catalog, model)

    assert json.dumps(first) == json.dumps(second)


@FAST
@given(document=profiles)
def test_scoring_is_deterministic_and_total(catalog, model, document):
    profile = parse_profile(document, catalog.ecosystems)

    first = json.dumps(score_profile(profile, catalog, model), allow_nan=False)
    second = json.dumps(
        score_profile(parse_profile(copy.deepcopy(document), catalog.ecosystems), catalog, model)
    )

    assert first == second


@FAST
@given(document=profiles, data=st.data(), parts=st.integers(2, 10))
def test_splitting_a_workload_into_equal_parts_changes_no_exposure(catalog, model, document, data, parts):
    index = data.draw(st.integers(0, len(document["workloads"]) - 1))
    changed = copy.deepcopy(document)
    piece = changed["workloads"].pop(index)
    piece["monthly_spend_usd"] = piece["monthly_spend_usd"] / parts
    changed["workloads"] += [copy.deepcopy(piece) for _ in range(parts)]

    (exposure, _) = scores_of([document, changed], catalog, model)

    assert abs(exposure[1] - exposure[0]).max() < 1e-6


@FAST
@given(document=profiles, data=st.data(), months=st.integers(1, 60), factor=st.floats(1, 10))
def test_a_longer_or_larger_commitment_never_lowers_exposure_or_probability(
    catalog, model, document, data, months, factor
):
    if not document.get("contracts"):
        return
    index = data.draw(st.integers(0, len(document["contracts"]) - 1))
    longer, larger = copy.deepcopy(document), copy.deepcopy(document)
    contract = longer["contracts"][index]
    contract["months_remaining"] = min(contract["months_remaining"] + months, 120)
    larger["contracts"][index]["committed_spend_usd"] *= factor

    (exposure, chance) = scores_of([document, longer, larger], catalog, model)

    for changed in (1, 2):
        assert_not_lower(exposure[changed], exposure[0])
        assert_not_lower(chance[changed], chance[0])
