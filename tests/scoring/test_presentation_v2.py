"""The v2 figures on the results page: each exposure with its range, the evidence flag, the exit
cost and its parts, the probability with its event and basis, the practices not credited, and a
plain-language explanation beside each headline figure linked to the methodology; format 1
scores of earlier assessments still shown."""

import copy
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from advisor.scoring.methodology import methodology_sections
from advisor.scoring.models import Score
from advisor.scoring.presentation import EXPLANATIONS, results_view
from advisor.scoring.services import assessment_score

pytestmark = pytest.mark.django_db

# The regulated bank's scores as the first engine recorded them: what an assessment scored before
# v2 keeps in its Score.
SCORES_FORMAT_1 = json.loads(Path(__file__).with_name("scores-format-1.json").read_text())
NOT_CREDITED = {"practice": "multi_vendor_in_production", "reason": "Every workload runs on one ecosystem."}


@pytest.fixture
def v2_score(submitted, active_model) -> Score:
    """The engine's own lockin-scores/2 document, with a practice it did not credit."""
    score = assessment_score(submitted)
    assert score.result["format"] == "lockin-scores/2"
    result = {**score.result, "practices_not_credited": [NOT_CREDITED]}
    Score.objects.filter(pk=score.pk).update(result=result)
    score.refresh_from_db()
    return score


@pytest.fixture
def v1_score(v2_score) -> Score:
    Score.objects.filter(pk=v2_score.pk).update(result=SCORES_FORMAT_1)
    v2_score.refresh_from_db()
    return v2_score


def view_of(result: dict):
    names = {"openai-microsoft": "OpenAI / Microsoft", "anthropic-amazon": "Anthropic / Amazon", "xai": "xAI"}
    return results_view(result=result, ecosystem_names=names, channel_names={}, workloads=[])


def results_page(client, personas, score) -> str:
    client.force_login(personas.cto)
    return client.get(reverse("scoring:results", args=[score.assessment.pk])).content.decode()


# --- the view model ---------------------------------------------------------------------------


def test_a_v2_document_gives_each_ecosystem_in_use_its_range_evidence_exit_cost_and_probability(v2_score):
    document = v2_score.result

    view = view_of(document)

    top = view.in_use[0]
    source = document["ecosystems"][0]
    assert view.is_v2
    assert top["exposure_range"] == tuple(source["exposure_range"])
    assert top["evidence"] == "sufficient"
    assert top["probability"] == source["probability_costly_exit"]
    assert top["exit_cost"]["person_months"] == dict(
        zip(("low", "mid", "high"), source["exit_cost"]["person_months"], strict=True)
    )
    assert [part["label"] for part in top["exit_cost"]["parts"]] == [
        part["label"] for part in source["exit_cost"]["parts"]
    ]
    assert (view.probability_basis, view.probability_basis_label) == ("prior-implied", "Prior-implied")
    assert view.probability_event == document["probability_event"]
    assert view.practices_not_credited == [{**NOT_CREDITED, "label": "Run a second vendor in production"}]


def test_an_organization_wide_practice_is_one_step_with_its_effort(v2_score):
    steps = view_of(v2_score.result).roadmap

    wide = [step for step in steps if step["organization_wide"]]
    assert wide
    assert len({step["action"] for step in wide}) == len(wide)
    assert all(step["effort_person_months"] > 0 for step in steps)
    assert [step["removed"] for step in steps] == sorted((step["removed"] for step in steps), reverse=True)
    for step in steps:
        assert all(effect["delta"] < 0 for effect in step["effects"]), step


def test_the_steps_are_also_ranked_by_exposure_removed_per_person_month(v2_score):
    view = view_of(v2_score.result)

    rates = [step["removed_per_person_month"] for step in view.best_value]
    assert view.best_value
    assert len(view.best_value) <= 3
    assert rates == sorted(rates, reverse=True)
    assert max(step["removed_per_person_month"] for step in view.roadmap) == rates[0]


def test_a_format_1_document_is_shown_without_the_figures_it_does_not_have():
    view = view_of(copy.deepcopy(SCORES_FORMAT_1))

    top = view.in_use[0]
    assert not view.is_v2
    assert (top["exposure_range"], top["evidence"], top["exit_cost"]) == (None, None, None)
    assert top["probability"] == SCORES_FORMAT_1["ecosystems"][0]["probability_high_cost_migration"]
    assert (view.probability_event, view.probability_basis_label, view.practices_not_credited) == ("", "", [])
    assert view.roadmap
    assert view.best_value == []
    assert "effort_person_months" not in view.roadmap[0]


def test_an_ecosystem_with_thin_evidence_is_flagged():
    entry = {
        "ecosystem": "xai", "exposure": 5.5, "band": "low", "spend_share": 1.0, "drivers": [],
        "exposure_range": [2.0, 14.5], "evidence": "insufficient", "evidence_note": "Ratings rest on silence.",
        "exit_cost": None, "probability_costly_exit": 0.2,
    }  # fmt: skip
    document = {
        "format": "lockin-scores/2", "model_version": "m", "catalog_version": "v1",
        "overall": {"lock_in_index": 5.5, "concentration_hhi": 10000, "band": "low"},
        "ecosystems": [entry], "recommendations": [], "scenarios": [],
        "probability_event": "e", "probability_basis": "prior-implied", "practices_not_credited": [],
    }  # fmt: skip

    (xai,) = view_of(document).in_use

    assert (xai["evidence"], xai["evidence_note"]) == ("insufficient", "Ratings rest on silence.")


def test_every_explanation_links_to_a_section_the_methodology_page_has():
    anchors = {section["anchor"] for section in methodology_sections()}

    explained = view_of_minimal().explanations

    assert set(explained) == set(EXPLANATIONS)
    for figure, explanation in explained.items():
        assert explanation["text"], figure
        assert explanation["anchor"] in anchors, figure  # a section, never a dead link


def view_of_minimal():
    return view_of(
        {
            "format": "lockin-scores/1",
            "model_version": "m",
            "catalog_version": "v1",
            "overall": {"lock_in_index": 0.0, "concentration_hhi": 0, "band": "low"},
            "ecosystems": [],
            "recommendations": [],
        }
    )


# --- the page ---------------------------------------------------------------------------------


def test_the_results_page_shows_the_v2_figures_with_their_explanations(client, personas, v2_score):
    page = results_page(client, personas, v2_score)
    top = v2_score.result["ecosystems"][0]
    low, high = top["exposure_range"]

    assert f"range {low:.1f}–{high:.1f}" in page
    assert "Cost of getting out" in page
    assert "person-months" in page
    assert "Re-integration of code, SDKs and infrastructure" in page
    assert "Chance of a costly exit" in page
    assert "prior-implied" in page
    assert "within the next 12 months" in page
    assert "Practices not credited" in page
    assert "Every workload runs on one ecosystem." in page
    assert "person-months of effort" in page
    assert "(calibrated)" not in page
    links = set(re.findall(r'href="/methodology/#([a-z0-9-]+)"', page))
    assert len(links) >= 3
    assert links <= {section["anchor"] for section in methodology_sections()}


def test_the_results_page_still_shows_a_format_1_score(client, personas, v1_score):
    page = results_page(client, personas, v1_score)

    assert "Chance of a high-cost migration" in page
    assert "first scoring model" in page
    assert "Cost of getting out" not in page
    assert "(calibrated)" not in page


def test_the_methodology_page_has_every_section_with_its_anchor(client, personas):
    client.force_login(personas.cto)

    page = client.get(reverse("scoring:methodology")).content.decode()

    for section in methodology_sections():
        assert f'id="{section["anchor"]}"' in page
    assert "<table>" in page  # the methodology's tables are rendered, not shown as pipes
