"""Each assessment is scored on its own: a failure is logged, recorded, shown with a retry, and
never blocks the submission or the other assessments."""

import pytest
from django.contrib.admin.sites import site
from django.test import Client
from django.urls import reverse

from advisor.questionnaire import services as questionnaire
from advisor.questionnaire.models import Assessment
from advisor.scoring import services
from advisor.scoring.models import Score, ScoringFailure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_engine(monkeypatch):
    """Scoring raises, as the scenario costs did on a spend of 1e308."""

    def overflow(*args, **kwargs):
        raise OverflowError("(34, 'Numerical result out of range')")

    monkeypatch.setattr(services.engine, "score_profile", overflow)


def submitted_with_legacy_profile(personas, bank_profile, spend: float) -> Assessment:
    """A submitted assessment whose frozen profile predates the bounds (as old rows may)."""
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    bank_profile["workloads"][0]["monthly_spend_usd"] = spend
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.SUBMITTED, profile=bank_profile
    )
    assessment.refresh_from_db()
    return assessment


def test_a_submission_whose_scoring_fails_is_kept_and_says_scoring_failed(
    client, personas, active_model, complete_assessment, broken_engine
):
    client.force_login(personas.cto)

    response = client.post(
        reverse("questionnaire:assessment_submit", args=[complete_assessment.pk]), follow=True
    )

    page = response.content.decode()
    complete_assessment.refresh_from_db()
    assert response.status_code == 200
    assert complete_assessment.is_submitted
    assert not Score.objects.exists()
    failure = ScoringFailure.objects.get(assessment=complete_assessment)
    assert "OverflowError" in failure.error
    assert "Scoring failed" in page
    assert "No scoring model is active" not in page
    assert "Retry scoring" in page  # the CTO manages the organization


def test_a_plain_member_is_told_it_failed_without_a_retry_button(
    client, personas, active_model, complete_assessment, broken_engine
):
    questionnaire.assessment_submit(assessment=complete_assessment, user=personas.cto)
    client.force_login(personas.colleague)

    page = client.get(reverse("scoring:results", args=[complete_assessment.pk])).content.decode()

    assert "Scoring failed" in page
    assert "Retry scoring" not in page


def test_scoring_the_waiting_assessments_continues_past_a_failing_one(
    personas, catalog, bank_profile, active_model
):
    bad = submitted_with_legacy_profile(personas, bank_profile, spend=1e308)
    good = submitted_with_legacy_profile(personas, bank_profile, spend=4200)

    result = services.assessments_score_pending()

    assert (result.scored, result.failed) == (1, 1)
    assert Score.objects.get().assessment == good
    failure = ScoringFailure.objects.get()
    assert failure.assessment == bad
    # PostgreSQL's jsonb gives 1e308 back as a 309-digit integer, SQLite as a float: either way
    # the failure names the field.
    assert failure.error.startswith("ProfileError: workloads[0].monthly_spend_usd: ")


def test_a_manager_retries_and_a_success_clears_the_failure(
    client, personas, active_model, complete_assessment, broken_engine, monkeypatch
):
    questionnaire.assessment_submit(assessment=complete_assessment, user=personas.cto)
    assert ScoringFailure.objects.filter(assessment=complete_assessment).exists()
    monkeypatch.undo()  # the cause is fixed
    retry = reverse("scoring:score_retry", args=[complete_assessment.pk])
    for someone_else in (personas.colleague, personas.consultant_b, personas.outsider):
        other = Client()
        other.force_login(someone_else)
        assert other.post(retry).status_code == 404
    assert not Score.objects.exists()
    client.force_login(personas.cto)

    client.post(retry)

    assert Score.objects.get().assessment == complete_assessment
    assert not ScoringFailure.objects.exists()


def test_the_admin_retries_the_failures_it_lists(
    personas, active_model, complete_assessment, broken_engine, monkeypatch
):
    questionnaire.assessment_submit(assessment=complete_assessment, user=personas.cto)
    monkeypatch.undo()
    admin = Client()
    admin.force_login(UserFactory(username="root@example.com", is_staff=True, is_superuser=True))
    changelist = reverse("admin:scoring_scoringfailure_changelist")
    assert complete_assessment.title in admin.get(changelist).content.decode()

    admin.post(changelist, {"action": "retry", "_selected_action": [ScoringFailure.objects.get().pk]})

    assert Score.objects.filter(assessment=complete_assessment).exists()
    assert not ScoringFailure.objects.exists()
    assert ScoringFailure in site._registry


def test_waiting_for_a_model_is_not_a_failure_and_the_cto_gets_no_admin_instruction(
    client, personas, complete_assessment
):
    questionnaire.assessment_submit(assessment=complete_assessment, user=personas.cto)
    client.force_login(personas.cto)

    page = client.get(reverse("scoring:results", args=[complete_assessment.pk])).content.decode()

    assert not ScoringFailure.objects.exists()
    assert "Scores are pending" in page
    assert "manage.py" not in page
    assert "Scoring failed" not in page


def test_staff_see_what_to_run_while_scores_are_pending(client, personas, complete_assessment):
    questionnaire.assessment_submit(assessment=complete_assessment, user=personas.cto)
    personas.cto.is_staff = True
    personas.cto.save()
    client.force_login(personas.cto)

    page = client.get(reverse("scoring:results", args=[complete_assessment.pk])).content.decode()

    assert "python manage.py train_model" in page


def test_the_results_page_of_a_profile_that_predates_the_bounds_opens_and_says_why(
    client, personas, catalog, bank_profile, active_model
):
    legacy = submitted_with_legacy_profile(personas, bank_profile, spend=1e308)
    services.assessment_score_or_record(legacy)
    client.force_login(personas.cto)

    response = client.get(reverse("scoring:results", args=[legacy.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Scoring failed" in page
    assert "workloads[0].monthly_spend_usd" in page
    assert "No outcome can be recorded" in page
