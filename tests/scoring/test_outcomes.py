"""Recorded migration outcomes: bounded, reviewed by an administrator before training, held to
a share per tenant, and recorded through a form that offers only what can be learned from."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from advisor.domain.scoring import assumptions as A
from advisor.questionnaire import services as questionnaire
from advisor.scoring import services
from advisor.scoring.models import MigrationOutcome
from tests.conftest import confirm_every_section
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def record(client, assessment, **fields):
    data = {"ecosystem": "openai-microsoft", "effort_person_months": "30", "cost_usd": "900000", **fields}
    return client.post(reverse("scoring:outcome_record", args=[assessment.pk]), data)


@pytest.fixture
def admin():
    client = Client()
    client.force_login(UserFactory(username="root@example.com", is_staff=True, is_superuser=True))
    return client


def review(admin, action: str, outcome: MigrationOutcome):
    changelist = reverse("admin:scoring_migrationoutcome_changelist")
    return admin.post(changelist, {"action": action, "_selected_action": [outcome.pk]}, follow=True)


def test_a_recorded_outcome_waits_for_an_administrator_before_training(client, personas, submitted, admin):
    client.force_login(personas.cto)
    record(client, submitted)
    outcome = MigrationOutcome.objects.get()
    catalog = services.engine_catalog(submitted.catalog_version)
    assert outcome.status == MigrationOutcome.Status.PENDING
    assert services.outcomes_for_training(catalog)[0] == []
    pending = admin.get(reverse("admin:scoring_migrationoutcome_changelist") + "?status__exact=pending")
    assert submitted.title in pending.content.decode()

    review(admin, "approve", outcome)

    outcome.refresh_from_db()
    assert outcome.status == MigrationOutcome.Status.APPROVED
    assert outcome.reviewed_by.username == "root@example.com"
    assert outcome.reviewed_at is not None
    [learned], _ = services.outcomes_for_training(catalog)
    assert learned.effort_person_months == 30


def test_a_rejected_outcome_never_enters_training(client, personas, submitted, admin):
    client.force_login(personas.cto)
    record(client, submitted)
    outcome = MigrationOutcome.objects.get()

    review(admin, "reject", outcome)

    outcome.refresh_from_db()
    assert outcome.status == MigrationOutcome.Status.REJECTED
    assert services.outcomes_for_training(services.engine_catalog(submitted.catalog_version))[0] == []


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("effort_person_months", "1e308", "Effort (person-months)"),
        ("effort_person_months", "5000", "Effort (person-months)"),
        ("cost_usd", "1e308", "Cost (USD)"),
        ("cost_usd", "-1", "Cost (USD)"),
    ],
)
def test_every_value_of_an_outcome_is_bounded(client, personas, submitted, field, value, label):
    client.force_login(personas.cto)

    response = record(client, submitted, **{field: value})

    page = response.content.decode()
    assert response.status_code == 400
    assert label in page
    assert "At most" in page or "greater than or equal to 0" in page
    assert not MigrationOutcome.objects.exists()


def test_the_bounds_are_the_engines(submitted, personas):
    outcome = MigrationOutcome(
        assessment=submitted,
        ecosystem="openai-microsoft",
        effort_person_months=A.OUTCOME_MAX_EFFORT_PERSON_MONTHS * 2,
        cost_usd=A.OUTCOME_MAX_COST_USD * 2,
        high_cost=False,
    )
    with pytest.raises(ValidationError) as refused:
        outcome.full_clean()
    assert {"effort_person_months", "cost_usd"} <= set(refused.value.message_dict)


def test_each_outcome_is_tagged_with_its_tenant_for_the_share_cap(personas, catalog, bank_profile, admin):
    own = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    client_of_firm = questionnaire.assessment_create(
        organization=personas.client_a1, user=personas.consultant_a, origin="template", profile=bank_profile
    )
    for assessment in (own, client_of_firm):
        confirm_every_section(assessment)
        questionnaire.assessment_submit(assessment=assessment)
        MigrationOutcome.objects.create(
            assessment=assessment,
            ecosystem="openai-microsoft",
            effort_person_months=10,
            cost_usd=1,
            high_cost=False,
            status=MigrationOutcome.Status.APPROVED,
        )

    outcomes, _ = services.outcomes_for_training(services.engine_catalog(catalog))

    assert sorted(o.tenant for o in outcomes) == sorted(
        [f"org:{personas.own_org.pk}", f"firm:{personas.firm_a.pk}"]
    )


def test_the_form_offers_only_the_ecosystems_the_profile_uses(client, personas, submitted):
    client.force_login(personas.cto)

    page = client.get(reverse("scoring:results", args=[submitted.pk])).content.decode()

    form = page.split('id="outcome-heading"', 1)[1]
    assert 'value="openai-microsoft"' in form
    assert 'value="anthropic-amazon"' in form
    assert 'value="xai"' not in form
    assert 'value="mistral"' not in form


def test_an_ecosystem_the_profile_does_not_use_is_refused_once_without_a_raw_slug(
    client, personas, submitted
):
    client.force_login(personas.cto)

    response = record(client, submitted, ecosystem="xai")

    page = response.content.decode()
    assert response.status_code == 400
    assert "does not use xai" not in page
    assert page.count("Select a valid choice") == 1
    assert not MigrationOutcome.objects.exists()


def test_a_bad_value_is_shown_once_next_to_its_field(client, personas, submitted):
    client.force_login(personas.cto)

    page = record(client, submitted, effort_person_months="-2").content.decode()

    assert page.count("Ensure this value is greater than or equal to 0") == 1


def test_a_recorded_outcome_shows_the_ecosystems_name_its_notes_and_its_review(client, personas, submitted):
    client.force_login(personas.cto)
    record(
        client, submitted, ecosystem="anthropic-amazon", notes="Moved the claims bot to Mistral in 3 months."
    )

    page = client.get(reverse("scoring:results", args=[submitted.pk])).content.decode()

    recorded = page.split('id="outcome-heading"', 1)[1].split("<form", 1)[0]
    assert "Left Anthropic / Amazon" in recorded
    assert "Moved the claims bot to Mistral in 3 months." in recorded
    assert "awaiting review" in recorded
