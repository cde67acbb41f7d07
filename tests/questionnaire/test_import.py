"""Importing and exporting profiles: validated per field, nothing created on error, exact round trip."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advisor.questionnaire.models import Answer, Assessment

pytestmark = pytest.mark.django_db


def upload(client, organization, content: bytes, name="profile.json"):
    return client.post(reverse("questionnaire:assessment_import", args=[organization.slug]),
                       {"profile": SimpleUploadedFile(name, content, content_type="application/json")})  # fmt: skip


def test_an_imported_profile_exports_back_identically(client, catalog, personas, bank_profile):
    client.force_login(personas.cto)
    response = upload(client, personas.own_org, json.dumps(bank_profile).encode())
    assessment = Assessment.objects.get()
    assert response.url == reverse("questionnaire:assessment_review", args=[assessment.pk])
    assert assessment.origin == "import"
    assert client.get(reverse("questionnaire:assessment_export", args=[assessment.pk])).json() == bank_profile


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: p["workloads"][2].update(deployment="on_prem"),
         "workloads[2].deployment"),
        (lambda p: p["workloads"][0].update(ecosystem="acme"),
         "workloads[0].ecosystem"),
        (lambda p: p["organization"].pop("name"),
         "organization.name"),
        (lambda p: p["contracts"][0].update(months_remaining=500),
         "contracts[0].months_remaining"),
        (lambda p: p.update(colour="blue"),
         "colour"),
    ],
)  # fmt: skip
def test_a_bad_profile_names_the_field_and_creates_nothing(
    client, catalog, personas, bank_profile, change, expected
):
    client.force_login(personas.cto)
    change(bank_profile)
    response = upload(client, personas.own_org, json.dumps(bank_profile).encode())
    assert response.status_code == 400
    assert f"<code>{expected}</code>" in response.content.decode()
    assert not Assessment.objects.exists()
    assert not Answer.objects.exists()


def test_a_file_that_is_not_json_is_explained(client, catalog, personas):
    client.force_login(personas.cto)
    response = upload(client, personas.own_org, b"{not json")
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()
    assert not Assessment.objects.exists()


def test_importing_into_another_tenants_organization_is_impossible(client, catalog, personas, bank_profile):
    client.force_login(personas.consultant_b)
    response = upload(client, personas.own_org, json.dumps(bank_profile).encode())
    assert response.status_code == 404
    assert not Assessment.objects.exists()
