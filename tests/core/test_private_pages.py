"""Issue 9, item 12: pages with a tenant's data are never kept by a browser or proxy cache."""

import pytest
from django.urls import reverse

from advisor.questionnaire import services as questionnaire
from tests.conftest import confirm_every_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(catalog, personas, bank_profile):
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=bank_profile
    )
    confirm_every_section(assessment, personas.cto)
    return questionnaire.assessment_submit(assessment=assessment, user=personas.cto)


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


def assert_private(response) -> None:
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_tenant_pages_are_private(client, personas, submitted):
    client.force_login(personas.cto)
    assert_private(client.get(reverse("questionnaire:organization", args=[personas.own_org.slug])))
    assert_private(client.get(reverse("questionnaire:assessment_review", args=[submitted.pk])))
    client.force_login(personas.consultant_a)
    assert_private(client.get(reverse("workspace:firm", args=[personas.firm_a.slug])))


def test_results_pages_are_private(client, personas, submitted):
    client.force_login(personas.cto)
    assert_private(client.get(reverse("scoring:results", args=[submitted.pk])))


def test_profile_downloads_are_private(client, personas, submitted):
    client.force_login(personas.cto)
    response = client.get(reverse("questionnaire:assessment_export", args=[submitted.pk]))
    assert response["Content-Type"] == "application/json"
    assert_private(response)


def test_an_invitees_pages_are_private(client, personas, submitted, catalog):
    draft = questionnaire.assessment_create(organization=personas.own_org, user=personas.cto)
    invitation = questionnaire.invitation_create(
        assessment=draft, email="guest@client.example", user=personas.cto
    )
    client.get(reverse("questionnaire:invitation_open", args=[invitation.token]))
    assert_private(client.get(reverse("questionnaire:assessment_review", args=[draft.pk])))


def test_static_files_stay_cacheable(client):
    response = client.get("/static/css/app.css")
    assert "no-store" not in cache_control(response)
