"""Importing and exporting profiles: validated per field, nothing created on error, exact round trip."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advisor.domain.profile import upgrade_profile_document
from advisor.questionnaire.models import Answer, Assessment
from tests.paths import REPO

FORMAT_1_EXPORT = REPO / "tests" / "domain" / "regulated-bank-format-1.json"

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


def test_a_format_1_file_exported_before_format_2_imports_converted(client, catalog, personas):
    client.force_login(personas.cto)
    format_1 = json.loads(FORMAT_1_EXPORT.read_text())

    upload(client, personas.own_org, json.dumps(format_1).encode())

    assessment = Assessment.objects.get()
    exported = client.get(reverse("questionnaire:assessment_export", args=[assessment.pk])).json()
    assert exported == upgrade_profile_document(format_1)
    platforms = assessment.answers.filter(key__endswith=".platform").values_list("value", flat=True)
    assert sorted(platforms) == ["aws", "azure", "azure"]  # the questionnaire has them answered


def test_a_submitted_format_1_profile_exports_as_format_2(client, catalog, personas):
    client.force_login(personas.cto)
    format_1 = json.loads(FORMAT_1_EXPORT.read_text())
    upload(client, personas.own_org, json.dumps(format_1).encode())
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED, profile=format_1)

    exported = client.get(reverse("questionnaire:assessment_export", args=[assessment.pk])).json()

    assert exported["format"] == "lockin-profile/2"
    assert exported == upgrade_profile_document(format_1)


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
        (lambda p: p["workloads"][0].update(platform="vendor_direct"),
         "workloads[0].platform"),
        (lambda p: p["workloads"][1].update(deployment="self_hosted", platform="azure"),
         "workloads[1].deployment"),
        (lambda p: p["productivity_suite"].update(seats=10**6),
         "productivity_suite.seats"),
        (lambda p: p["workloads"][2].update(data_volume_gb=1e9),
         "workloads[2].data_volume_gb"),
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


def compact(document) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


@pytest.fixture
def schema_calls(monkeypatch) -> list:
    from advisor.domain import profile

    calls, real = [], profile._schema_errors
    monkeypatch.setattr(profile, "_schema_errors", lambda data: calls.append(1) or real(data))
    return calls


@pytest.mark.parametrize(("n_items", "size_kb"), [(1_500, 4.5), (26_000, 80)])
def test_an_import_bomb_gets_a_short_page_without_validating_its_items(
    client, catalog, personas, bank_profile, schema_calls, n_items, size_kb
):
    # The abuse case of issue 9: these uploads gave a 5.7 MB and a 117 MB page of errors.
    bank_profile["workloads"] = [{} for _ in range(n_items)]
    data = compact(bank_profile)
    assert abs(len(data) / 1000 - size_kb) < size_kb * 0.2
    client.force_login(personas.cto)

    response = upload(client, personas.own_org, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert f"has {n_items:,} items, more than any list of a profile may have" in page
    assert len(response.content) < 10_000
    assert schema_calls == []  # refused on its counts, before any item was validated
    assert not Assessment.objects.exists()


def test_the_same_problem_in_many_workloads_is_one_line(client, catalog, personas, bank_profile):
    bank_profile["workloads"] = [{} for _ in range(200)]
    client.force_login(personas.cto)

    response = upload(client, personas.own_org, compact(bank_profile))

    page = response.content.decode()
    assert page.count("<code>workloads[0..199].name</code>: required field missing") == 1
    assert page.count("<li><code>") == 10  # one per required field of a workload
    assert len(response.content) < 10_000


def test_more_problems_than_are_listed_are_counted(client, catalog, personas, bank_profile):
    bank_profile["organization"] = {f"field_{i}": i for i in range(30)}
    client.force_login(personas.cto)

    page = upload(client, personas.own_org, compact(bank_profile)).content.decode()

    assert page.count("<li><code>") == 20
    assert "and 16 more problems" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"format": 1' + b"0" * 399 + b"}", "a number has 400 digits"),
        (b'{"format": 1' + b"0" * 4999 + b"}", "a number has 5,000 digits"),
        (b" " * 300_000, "the file has 300,000 bytes; a profile has at most 262,144"),
    ],
)
def test_input_that_cannot_be_read_is_a_400_that_says_why(client, catalog, personas, content, message):
    client.force_login(personas.cto)

    response = upload(client, personas.own_org, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assessment.objects.exists()
