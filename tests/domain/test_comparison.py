"""The comparison of two assessments: answers that changed, exposures and drivers that moved.
Pure, no database."""

import copy

import pytest

from advisor.domain.comparison import driver_moves, profile_diff, scores_diff
from tests.domain.test_questionnaire import NORTHWIND, questionnaire  # noqa: F401 - fixture


@pytest.fixture
def before():
    return copy.deepcopy(NORTHWIND)


def _changes(diff):
    return [(c.question.label, c.item, c.old, c.new) for c in diff.answers]


def test_identical_profiles_have_no_difference(questionnaire, before):  # noqa: F811
    diff = profile_diff(before, copy.deepcopy(before), questionnaire)

    assert not diff
    assert diff.answers == []
    assert diff.items == []


def test_changed_answers_are_named_by_their_question_label_with_old_and_new(questionnaire, before):  # noqa: F811
    after = copy.deepcopy(before)
    after["practices"]["llm_gateway"] = True
    after["workloads"][0]["model"] = "gpt-4.1"
    after["organization"]["employees"] = 13000

    diff = profile_diff(before, after, questionnaire)

    assert _changes(diff) == [
        ("Employees", "", 12000, 13000),
        ("Model", "Customer support assistant", "gpt-4o", "gpt-4.1"),
        ("Do your applications call models through an LLM gateway or abstraction layer?", "", False, True),
    ]
    workload_change = diff.answers[1]
    assert workload_change.section == "AI workloads"
    assert workload_change.ecosystems == {"openai-microsoft"}
    assert diff.answers[2].ecosystems == frozenset()  # organization-wide


def test_a_workload_moved_to_another_ecosystem_concerns_both(questionnaire, before):  # noqa: F811
    after = copy.deepcopy(before)
    after["workloads"][0]["ecosystem"] = "anthropic-amazon"

    [change] = profile_diff(before, after, questionnaire).answers

    assert (change.question.label, change.old, change.new) == (
        "Ecosystem",
        "openai-microsoft",
        "anthropic-amazon",
    )
    assert change.ecosystems == {"openai-microsoft", "anthropic-amazon"}


def test_workloads_are_matched_by_name_not_position(questionnaire, before):  # noqa: F811
    second = {**before["workloads"][0], "name": "Fraud triage", "ecosystem": "google", "model": "gemini"}
    before["workloads"].append(second)
    after = copy.deepcopy(before)
    after["workloads"].reverse()

    assert not profile_diff(before, after, questionnaire)


def test_added_and_removed_items_are_listed_once_not_field_by_field(questionnaire, before):  # noqa: F811
    after = copy.deepcopy(before)
    after["workloads"][0]["name"] = "Support copilot"
    after["contracts"] = []

    diff = profile_diff(before, after, questionnaire)

    assert [(i.item, i.added) for i in diff.items] == [
        ("Support copilot", True),
        ("Customer support assistant", False),
        ("Contract with openai-microsoft", False),
    ]
    # "Do you have committed-spend contracts?" went from yes (a list) to no (an empty one).
    assert ("Do you have committed-spend contracts with AI vendors?", "", True, False) in _changes(diff)


def test_unnamed_contracts_with_one_vendor_stay_distinct(questionnaire, before):  # noqa: F811
    before["contracts"].append({**before["contracts"][0], "months_remaining": 6})
    after = copy.deepcopy(before)
    after["contracts"][1]["months_remaining"] = 3

    [change] = profile_diff(before, after, questionnaire).answers

    assert (change.item, change.old, change.new) == ("Contract with openai-microsoft (2)", 6, 3)


def scores(index, band, ecosystems, catalog="v1", model="m1"):
    return {
        "format": "lockin-scores/1",
        "catalog_version": catalog,
        "model_version": model,
        "overall": {"lock_in_index": index, "band": band},
        "ecosystems": [
            {"ecosystem": slug, "exposure": exposure, "band": b, "drivers": drivers}
            for slug, exposure, b, drivers in ecosystems
        ],
    }


def test_drivers_that_moved_are_listed_in_points_largest_first():
    old = [{"factor": "api", "contribution": 20.0}, {"factor": "data", "contribution": 5.0}]
    new = [
        {"factor": "api", "contribution": 12.5},
        {"factor": "data", "contribution": 5.0},
        {"factor": "agents", "contribution": 3.0},
    ]

    moves = driver_moves(old, new)

    assert [(m.factor, m.old, m.new, m.delta) for m in moves] == [
        ("api", 20.0, 12.5, -7.5),
        ("agents", 0.0, 3.0, 3.0),
    ]


def test_scores_diff_orders_ecosystems_by_move_and_keeps_bands():
    old = scores(60.0, "high", [("openai", 70.0, "high", [{"factor": "api", "contribution": 30.0}]),
                                ("google", 20.0, "low", [])])  # fmt: skip
    new = scores(48.5, "moderate", [("google", 22.0, "low", []),
                                    ("openai", 51.0, "high", [{"factor": "api", "contribution": 11.0}])])  # fmt: skip

    diff = scores_diff(old, new)

    assert diff.index_delta == -11.5
    assert (diff.old_band, diff.new_band) == ("high", "moderate")
    assert [(e.ecosystem, e.delta) for e in diff.ecosystems] == [("openai", -19.0), ("google", 2.0)]
    assert [(d.factor, d.delta) for d in diff.ecosystems[0].drivers] == [("api", -19.0)]
    assert not diff.method_changed


def test_scores_v2_documents_are_read_through_the_shared_fields():
    old = scores(40.0, "moderate", [("openai", 40.0, "moderate", [])])
    new = {**scores(40.0, "moderate", [("openai", 40.0, "moderate", [])]), "format": "lockin-scores/2"}
    new["ecosystems"][0]["something_new"] = {"only": "in v2"}

    assert scores_diff(old, new).ecosystems[0].delta == 0


def test_a_different_catalog_or_model_is_a_method_change():
    old = scores(40.0, "moderate", [("openai", 40.0, "moderate", [])], catalog="v1", model="m1")
    new = scores(45.0, "moderate", [("openai", 45.0, "moderate", [])], catalog="v2", model="m2")

    diff = scores_diff(old, new)

    assert diff.method_changed
    assert diff.method_changes == [("Catalog", "v1", "v2"), ("Scoring model", "m1", "m2")]


def test_an_ecosystem_scored_only_once_has_no_delta():
    old = scores(40.0, "moderate", [("openai", 40.0, "moderate", [])])
    new = scores(40.0, "moderate", [("openai", 40.0, "moderate", []), ("xai", 5.0, "low", [])])

    xai = next(e for e in scores_diff(old, new).ecosystems if e.ecosystem == "xai")

    assert (xai.old_exposure, xai.new_exposure, xai.delta) == (None, 5.0, None)
