"""The results view model: built from a stored score, never changing it."""

import copy

import pytest

from advisor.scoring.presentation import results_view, score_results_view
from advisor.scoring.services import assessment_score

pytestmark = pytest.mark.django_db


def test_the_view_model_leaves_the_stored_result_untouched(submitted, active_model):
    score = assessment_score(submitted)
    stored = copy.deepcopy(score.result)

    view = score_results_view(score)
    view.in_use[0]["name"] = "changed by a page"

    score.refresh_from_db()
    assert score.result == stored
    assert "name" not in score.result["ecosystems"][0]


def test_it_names_ecosystems_channels_actions_and_scenarios_from_the_catalog(submitted, active_model):
    view = score_results_view(assessment_score(submitted))

    top = view.in_use[0]
    assert (top["ecosystem"], top["name"]) == ("openai-microsoft", "OpenAI / Microsoft")
    assert {row["label"] for row in top["driver_rows"]} >= {"Proprietary model APIs"}
    assert view.recommendations[0]["label"][0].isupper()
    assert {s["label"] for s in view.scenarios} >= {"Price shock", "Compute-dependency failure"}
    assert 'role="img"' in view.chart
    assert (view.catalog_version, view.model_version) == ("v1", active_model.version)


def test_each_ecosystem_in_use_lists_its_workloads_by_name(submitted, active_model):
    view = score_results_view(assessment_score(submitted))

    workloads = {e["ecosystem"]: [w["name"] for w in e["workloads"]] for e in view.in_use}
    expected: dict[str, list[str]] = {}
    for workload in submitted.profile["workloads"]:
        expected.setdefault(workload["ecosystem"], []).append(workload["name"])
    assert {slug: names for slug, names in workloads.items() if names} == expected


def test_unknown_codes_fall_back_to_their_slug():
    result = {
        "format": "lockin-scores/1",
        "model_version": "m",
        "catalog_version": "v9",
        "overall": {"lock_in_index": 1.0, "concentration_hhi": 10000, "band": "low"},
        "ecosystems": [
            {"ecosystem": "newcamp", "exposure": 1.0, "band": "low", "probability_high_cost_migration": 0.1,
             "spend_share": 1.0, "drivers": [{"factor": "new_channel", "contribution": 1.0}]}
        ],
        "recommendations": [{"action": "new_action", "ecosystem": "newcamp", "exposure_after": 0.5, "delta": -0.5}],
    }  # fmt: skip

    view = results_view(result=result, ecosystem_names={}, channel_names={}, workloads=[])

    assert view.in_use[0]["name"] == "newcamp"
    assert view.in_use[0]["driver_rows"][0]["label"] == "new_channel"
    assert view.recommendations[0]["label"] == "new_action"
    assert view.scenarios == []


def test_a_format_2_recommendation_becomes_one_row_per_ecosystem_it_lowers():
    result = {
        "format": "lockin-scores/2",
        "model_version": "m",
        "catalog_version": "v9",
        "overall": {"lock_in_index": 40.0, "concentration_hhi": 5000, "band": "moderate"},
        "probability_event": "Leaving would cost more than a year of spend.",
        "probability_basis": "prior-implied",
        "ecosystems": [
            {"ecosystem": "a", "exposure": 40.0, "band": "moderate", "probability_costly_exit": 0.2,
             "spend_share": 0.5, "drivers": [{"factor": "contract", "contribution": 40.0}]},
            {"ecosystem": "b", "exposure": 30.0, "band": "moderate", "probability_costly_exit": 0.1,
             "spend_share": 0.5, "drivers": []},
        ],
        "recommendations": [
            {"action": "llm_gateway", "scope": "organization", "ecosystem": None, "exposure_removed": 7.0,
             "effort_person_months": 2.0, "removed_per_person_month": 3.5,
             "exposure_after": {"a": 35.0, "b": 28.0}},
        ],
    }  # fmt: skip

    view = results_view(result=result, ecosystem_names={"a": "A", "b": "B"}, channel_names={}, workloads=[])

    assert [(r["name"], r["delta"]) for r in view.recommendations] == [("A", -5.0), ("B", -2.0)]
    assert [(step["scope"], step["removed"]) for step in view.roadmap] == [("Organization-wide", 7.0)]
    assert [e["probability"] for e in view.ecosystems] == [0.2, 0.1]
    assert view.probability_basis == "prior-implied"
    assert view.in_use[0]["driver_rows"][0]["label"] == "Committed spend still owed"
