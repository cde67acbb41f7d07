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
