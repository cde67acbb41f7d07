"""Scores on submission, the results page, and recorded outcomes."""

import pytest
from django.urls import reverse

from advisor.questionnaire import services as questionnaire
from advisor.scoring.models import MigrationOutcome, Score
from advisor.scoring.services import assessment_score
from tests.conftest import confirm_every_section

pytestmark = pytest.mark.django_db


def test_submitting_in_the_browser_scores_at_once(client, personas, active_model, catalog, bank_profile):
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment)
    client.force_login(personas.cto)
    response = client.post(reverse("questionnaire:assessment_submit", args=[assessment.pk]))
    assert response.url == reverse("scoring:results", args=[assessment.pk])
    score = Score.objects.get(assessment=assessment)
    assert (score.scoring_model, score.catalog_version) == (active_model, catalog)
    assert score.result["model_version"] == active_model.version


def test_without_an_active_model_the_submission_still_lands_and_scores_wait(
    client, personas, catalog, bank_profile
):
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment)
    client.force_login(personas.cto)
    page = client.post(
        reverse("questionnaire:assessment_submit", args=[assessment.pk]), follow=True
    ).content.decode()
    assessment.refresh_from_db()
    assert assessment.is_submitted
    assert "Scores are pending" in page


def test_scores_are_deterministic(submitted, active_model):
    first = assessment_score(submitted).result
    second = assessment_score(submitted).result
    assert first == second
    assert Score.objects.count() == 1


def test_the_results_page_shows_chart_drivers_scenarios_and_recommendations(
    client, personas, submitted, active_model
):
    assessment_score(submitted)
    client.force_login(personas.cto)
    page = client.get(reverse("scoring:results", args=[submitted.pk])).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Exposure to each AI ecosystem" in page
    assert "Productivity-suite and OS integration" in page  # a driver
    assert "Regulatory interoperability mandate" in page  # a scenario
    assert "Rebuild agents on a portable agent framework" in page or "Document an exit plan" in page
    assert f"model {active_model.version}" in page


def test_results_respect_tenancy(client, personas, submitted, active_model):
    assessment_score(submitted)
    for outsider in (personas.consultant_a, personas.outsider):
        client.force_login(outsider)
        assert client.get(reverse("scoring:results", args=[submitted.pk])).status_code == 404


def test_a_draft_has_no_results_yet(client, personas, catalog):
    draft = questionnaire.assessment_create(organization=personas.own_org, user=personas.cto)
    client.force_login(personas.cto)
    assert client.get(reverse("scoring:results", args=[draft.pk])).url == reverse(
        "questionnaire:assessment_review", args=[draft.pk]
    )


def test_a_manager_records_a_real_migration_outcome(client, personas, submitted):
    client.force_login(personas.cto)
    client.post(reverse("scoring:outcome_record", args=[submitted.pk]), {
        "ecosystem": "openai-microsoft", "effort_person_months": "30", "cost_usd": "900000", "high_cost": "on",
    })  # fmt: skip
    outcome = MigrationOutcome.objects.get()
    assert (outcome.ecosystem, outcome.effort_person_months, outcome.high_cost) == (
        "openai-microsoft",
        30,
        True,
    )
    assert outcome.recorded_by == personas.cto


def test_a_plain_member_cannot_record_outcomes(client, personas, submitted):
    client.force_login(personas.colleague)
    response = client.post(reverse("scoring:outcome_record", args=[submitted.pk]),
                           {"ecosystem": "openai-microsoft", "effort_person_months": "3", "cost_usd": "1"})  # fmt: skip
    assert response.status_code == 404
    assert not MigrationOutcome.objects.exists()
