"""Assessments through the API: created from a profile (validated as the import is), read,
exported, submitted, scored; lists show exactly what the web app would show each role."""

import copy
import json

import pytest

from advisor.domain.profile import upgrade_profile_document
from advisor.questionnaire.models import Assessment
from advisor.scoring.models import MigrationOutcome
from tests.api.conftest import ROLES, problem
from tests.paths import REPO

FORMAT_1_EXPORT = REPO / "tests" / "domain" / "regulated-bank-format-1.json"

pytestmark = pytest.mark.django_db


def _post_profile(client, slug: str, profile) -> object:
    body = profile if isinstance(profile, str | bytes) else json.dumps(profile)
    return client.post(
        f"/api/v1/organizations/{slug}/assessments/", data=body, content_type="application/json"
    )


def test_an_assessment_is_created_from_a_profile(world, bank_profile):
    client = world.client("consultant")

    response = _post_profile(client, world.organization.slug, bank_profile)

    assert response.status_code == 201
    body = response.json()
    assessment = Assessment.objects.get(pk=body["id"])
    assert (assessment.organization, assessment.origin, assessment.status) == (
        world.organization,
        "import",
        "draft",
    )
    assert response["Location"].endswith(f"/api/v1/assessments/{assessment.pk}/")
    assert body["catalog_version"] == 1
    # Export gives back the document that was imported.
    assert client.get(body["links"]["profile"]).json() == bank_profile


def test_a_format_1_profile_is_accepted_and_kept_converted_to_format_2(world):
    format_1 = json.loads(FORMAT_1_EXPORT.read_text())
    client = world.client("consultant")

    response = _post_profile(client, world.organization.slug, format_1)

    assert response.status_code == 201
    exported = client.get(response.json()["links"]["profile"]).json()
    assert exported["format"] == "lockin-profile/2"
    assert [w["platform"] for w in exported["workloads"]] == ["azure", "azure", "aws"]
    assert exported == upgrade_profile_document(format_1)


def test_a_self_hosted_closed_weights_model_is_refused_naming_the_field(world, bank_profile):
    profile = copy.deepcopy(bank_profile)
    profile["workloads"][0].update(deployment="self_hosted", platform="own_infrastructure")

    body = problem(_post_profile(world.client("owner"), world.organization.slug, profile))

    assert [(e["field"], e["detail"]) for e in body["errors"]] == [
        ("workloads[0].deployment", "'self_hosted' needs open weights; 'gpt-4o' has closed weights")
    ]


def test_an_invalid_profile_is_refused_naming_each_field_path(world, bank_profile):
    profile = copy.deepcopy(bank_profile)
    profile["workloads"][2]["deployment"] = "on_a_boat"
    profile["organization"]["employees"] = -5
    before = Assessment.objects.count()

    response = _post_profile(world.client("owner"), world.organization.slug, profile)

    assert response.status_code == 400
    body = problem(response)
    assert body["type"] == "urn:lockin-advisor:problem:validation-error"
    fields = {error["field"]: error for error in body["errors"]}
    assert set(fields) == {"workloads[2].deployment", "organization.employees"}
    assert fields["workloads[2].deployment"]["pointer"] == "/workloads/2/deployment"
    assert "on_a_boat" in fields["workloads[2].deployment"]["detail"]
    assert Assessment.objects.count() == before


def test_an_unknown_ecosystem_is_named_like_the_import_names_it(world, bank_profile):
    profile = copy.deepcopy(bank_profile)
    profile["workloads"][0]["ecosystem"] = "acme-ai"

    body = problem(_post_profile(world.client("owner"), world.organization.slug, profile))

    assert [error["field"] for error in body["errors"]] == ["workloads[0].ecosystem"]


@pytest.mark.parametrize("body", ["{not json", b"\xff\xfe", ""])
def test_a_body_that_is_not_a_json_document_says_so(world, body):
    response = _post_profile(world.client("owner"), world.organization.slug, body)

    assert response.status_code == 400
    errors = problem(response)["errors"]
    assert errors[0]["field"] == ""
    assert "JSON" in errors[0]["detail"] or "UTF-8" in errors[0]["detail"]


def test_a_profile_must_be_sent_as_json(world, bank_profile):
    response = world.client("owner").post(
        f"/api/v1/organizations/{world.organization.slug}/assessments/", data={"profile": "x"}
    )
    assert response.status_code == 415
    problem(response)


def test_submitting_freezes_the_assessment_and_scores_it(world):
    client = world.client("owner")

    response = client.post(f"/api/v1/assessments/{world.draft.pk}/submit/")

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    score = client.get(f"/api/v1/assessments/{world.draft.pk}/score/").json()
    assert score["result"]["format"] == "lockin-scores/2"
    assert score["catalog_version"] == 1
    assert score["model_version"] == score["result"]["model_version"]
    again = client.post(f"/api/v1/assessments/{world.draft.pk}/submit/")
    assert again.status_code == 409
    assert problem(again)["type"].endswith("assessment-submitted")


def test_an_incomplete_assessment_is_not_submitted_and_the_answers_missing_are_named(world, personas):
    from advisor.questionnaire import services

    blank = services.assessment_create(organization=world.organization, user=world.users["owner"])

    response = world.client("owner").post(f"/api/v1/assessments/{blank.pk}/submit/")

    assert response.status_code == 409
    body = problem(response)
    assert body["type"].endswith("assessment-not-ready")
    assert "organization.employees" in {error["field"] for error in body["errors"]}
    blank.refresh_from_db()
    assert not blank.is_submitted


def test_a_draft_has_no_score_yet_and_says_why(world):
    response = world.client("owner").get(f"/api/v1/assessments/{world.draft.pk}/score/")

    assert response.status_code == 404
    body = problem(response)
    assert body["type"].endswith("not-scored")
    assert "submit it first" in body["detail"]


def test_a_manager_records_an_outcome_and_lists_it(world):
    client = world.client("owner")
    url = f"/api/v1/assessments/{world.submitted.pk}/outcomes/"

    created = client.post(
        url,
        {"ecosystem": "anthropic-amazon", "effort_person_months": 3, "cost_usd": 90000, "high_cost": False},
        format="json",
    )

    assert created.status_code == 201
    assert created.json()["recorded_by"] == world.users["owner"].email
    listed = client.get(url, {"ecosystem": "anthropic-amazon"}).json()
    assert [o["id"] for o in listed["results"]] == [created.json()["id"]]
    assert MigrationOutcome.objects.filter(assessment=world.submitted).count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ecosystem": "acme-ai"}, "ecosystem"),
        ({"effort_person_months": -1}, "effort_person_months"),
        ({"cost_usd": "lots"}, "cost_usd"),
        ({"high_cost": None}, "high_cost"),
    ],
)
def test_an_outcome_that_cannot_be_recorded_names_the_field(world, change, field):
    outcome = {"ecosystem": "openai-microsoft", "effort_person_months": 3, "cost_usd": 9, "high_cost": False}

    response = world.client("consultant").post(
        f"/api/v1/assessments/{world.submitted.pk}/outcomes/", {**outcome, **change}, format="json"
    )

    assert response.status_code == 400
    assert [error["field"] for error in problem(response)["errors"]] == [field]
    assert MigrationOutcome.objects.filter(assessment=world.submitted).count() == 1


def test_an_outcome_the_engine_cannot_learn_from_is_refused(world):
    # The bank's profile uses no Mistral workload, so "it left Mistral" cannot be true.
    response = world.client("consultant").post(
        f"/api/v1/assessments/{world.submitted.pk}/outcomes/",
        {"ecosystem": "mistral", "effort_person_months": 3, "cost_usd": 9, "high_cost": False},
        format="json",
    )

    assert response.status_code == 400
    error = problem(response)["errors"][0]
    assert error["field"] == "ecosystem"
    assert "not an ecosystem this profile uses" in error["detail"]


def test_outcomes_of_a_draft_cannot_be_recorded(world):
    response = world.client("consultant").post(
        f"/api/v1/assessments/{world.draft.pk}/outcomes/",
        {"ecosystem": "openai-microsoft", "effort_person_months": 3, "cost_usd": 9, "high_cost": False},
        format="json",
    )

    assert response.status_code == 400
    assert "submitted" in problem(response)["detail"]


# role -> what GET /api/v1/assessments/ and /organizations/ list (by title and slug)
SEES = {
    "owner": ({"Q3 draft", "Q2 submitted"}, {"northwind-bank"}),
    "colleague": ({"Q3 draft", "Q2 submitted"}, {"northwind-bank"}),
    "consultant": ({"Q3 draft", "Q2 submitted", "Contoso first"}, {"northwind-bank", "contoso-health"}),
    "other_firm": ({"Globex first"}, {"globex"}),
    "other_org": ({"Fabrikam first"}, {"fabrikam"}),
}


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_each_role_exactly_its_tenants_data(world, personas, role):
    from advisor.questionnaire import services

    for organization, title in [
        (personas.client_a2, "Contoso first"),
        (personas.client_b, "Globex first"),
        (personas.own_org, "Fabrikam first"),
    ]:
        services.assessment_create(organization=organization, user=None, title=title)
    client = world.client(role)

    assessments = client.get("/api/v1/assessments/")
    organizations = client.get("/api/v1/organizations/")

    if role in ("invitee", "anonymous"):
        assert (assessments.status_code, organizations.status_code) == (401, 401)
        return
    titles = {a["title"] for a in assessments.json()["results"]}
    slugs = {o["slug"] for o in organizations.json()["results"]}
    assert (titles, slugs) == SEES[role]


def test_every_link_of_a_listed_assessment_leads_to_its_resource(world):
    from django.urls import reverse

    client = world.client("owner")
    listed = next(
        a for a in client.get("/api/v1/assessments/").json()["results"] if a["id"] == world.submitted.pk
    )

    assert listed["url"] == "http://testserver" + reverse("api:assessment", args=[world.submitted.pk])
    for name, url in listed["links"].items():
        assert url == "http://testserver" + reverse(f"api:assessment_{name}", args=[world.submitted.pk])
    for name in ("profile", "score", "outcomes"):
        assert client.get(listed["links"][name]).status_code == 200, name


def test_a_profile_larger_than_the_import_allows_is_refused(world, bank_profile):
    huge = json.dumps({**bank_profile, "padding": "x" * 300_000})

    response = _post_profile(world.client("owner"), world.organization.slug, huge)

    assert response.status_code == 400
    assert "a profile has at most 262,144" in problem(response)["errors"][0]["detail"]


def test_a_body_past_the_servers_upload_limit_is_refused_as_too_large(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = world.client("owner").post(
        f"/api/v1/organizations/{world.organization.slug}/assessments/",
        data="x" * 2000,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="big",
    )

    assert response.status_code == 413
    problem(response)


def test_the_fast_representation_of_an_assessment_is_drf_s_own(world, rf):
    from rest_framework import serializers

    from advisor.api.serializers import AssessmentSerializer

    for assessment in (world.draft, world.submitted):
        serializer = AssessmentSerializer(context={"request": rf.get("/")})

        assert serializer.to_representation(assessment) == serializers.ModelSerializer.to_representation(
            serializer, assessment
        )
