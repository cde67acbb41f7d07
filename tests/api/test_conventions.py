"""The conventions: pagination, filtering and ordering; throttling per token; idempotency keys
on the creating POSTs; ETag / If-Match on updates; problem details for every error."""

import json

import pytest

from advisor.accounts.models import Organization
from advisor.api.models import IdempotencyRecord
from advisor.api.preconditions import assessment_etag
from advisor.questionnaire import services
from advisor.questionnaire.models import Assessment
from tests.api.conftest import problem

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# Pagination, filtering, ordering


@pytest.fixture
def many(world):
    for n in range(30):
        services.assessment_create(organization=world.organization, user=None, title=f"Sitting {n:02d}")
    return world


def test_lists_are_paginated(many):
    client = many.client("owner")

    first = client.get("/api/v1/assessments/").json()
    second = client.get(first["next"]).json()

    assert first["count"] == 32
    assert len(first["results"]) == 25
    assert len(second["results"]) == 7
    assert second["next"] is None
    assert {a["id"] for a in first["results"]}.isdisjoint({a["id"] for a in second["results"]})
    assert len(client.get("/api/v1/assessments/", {"page_size": 5}).json()["results"]) == 5


def test_a_page_past_the_end_is_a_problem_not_an_empty_list(many):
    response = many.client("owner").get("/api/v1/assessments/", {"page": 9})
    assert response.status_code == 404
    problem(response)


def test_lists_filter(many):
    client = many.client("owner")

    submitted = client.get("/api/v1/assessments/", {"status": "submitted"}).json()
    titled = client.get("/api/v1/assessments/", {"title": "sitting 1"}).json()

    assert [a["title"] for a in submitted["results"]] == ["Q2 submitted"]
    assert titled["count"] == 10


def test_a_filter_value_that_is_not_valid_names_the_parameter(many):
    response = many.client("owner").get("/api/v1/assessments/", {"status": "archived"})

    assert response.status_code == 400
    assert [error["field"] for error in problem(response)["errors"]] == ["status"]


def test_lists_order(many):
    client = many.client("owner")

    by_title = client.get("/api/v1/assessments/", {"ordering": "title", "page_size": 3}).json()["results"]
    newest = client.get("/api/v1/assessments/", {"page_size": 1}).json()["results"]

    assert [a["title"] for a in by_title] == ["Q2 submitted", "Q3 draft", "Sitting 00"]
    assert newest[0]["title"] == "Sitting 29"


# ---------------------------------------------------------------------------------------------
# Throttling


def test_each_token_is_throttled_on_its_own(world, settings):
    settings.API_THROTTLE_RATE = "3/min"
    owner, colleague = world.client("owner"), world.client("colleague")

    statuses = [owner.get("/api/v1/organizations/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = owner.get("/api/v1/organizations/")
    assert int(refused["Retry-After"]) > 0
    assert problem(refused)["status"] == 429
    assert colleague.get("/api/v1/organizations/").status_code == 200


# ---------------------------------------------------------------------------------------------
# Idempotency keys


def _create_client(world, key: str | None, name: str = "Initech"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return world.client("consultant").post(
        "/api/v1/organizations/",
        data=json.dumps({"name": name, "firm": world.personas.firm_a.slug}),
        content_type="application/json",
        **headers,
    )


def test_a_retried_post_with_its_key_creates_once_and_gets_the_same_answer(world):
    first = _create_client(world, "5b0c6c3e-retry")
    again = _create_client(world, "5b0c6c3e-retry")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert Organization.objects.filter(name="Initech").count() == 1


def test_without_a_key_each_post_creates(world):
    _create_client(world, None)
    _create_client(world, None)

    assert Organization.objects.filter(name="Initech").count() == 2


def test_a_key_reused_for_another_request_is_refused(world):
    _create_client(world, "k-1", name="Initech")

    response = _create_client(world, "k-1", name="Hooli")

    assert response.status_code == 422
    assert problem(response)["type"].endswith("idempotency-key-reused")
    assert not Organization.objects.filter(name="Hooli").exists()


def test_a_key_still_in_progress_gets_409(world):
    user = world.users["consultant"]
    _create_client(world, "k-2")
    IdempotencyRecord.objects.filter(user=user, key="k-2").update(status_code=None)

    response = _create_client(world, "k-2")

    assert response.status_code == 409
    assert problem(response)["type"].endswith("idempotency-key-in-use")


def test_a_failed_request_lets_its_key_go(world, bank_profile):
    url = f"/api/v1/organizations/{world.organization.slug}/assessments/"
    client = world.client("owner")

    bad = client.post(url, data="{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-3")
    good = client.post(
        url, data=json.dumps(bank_profile), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-3"
    )

    assert (bad.status_code, good.status_code) == (400, 201)


def test_keys_belong_to_their_user(world):
    _create_client(world, "shared-key")
    other = world.client("owner").post(
        "/api/v1/organizations/",
        data=json.dumps({"name": "Initech", "firm": world.personas.firm_a.slug}),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="shared-key",
    )

    assert other.status_code == 400  # the owner's own answer, not a replay of the consultant's 201


# ---------------------------------------------------------------------------------------------
# ETag / If-Match


def _rename(client, assessment, title: str, etag: str | None):
    headers = {"HTTP_IF_MATCH": etag} if etag is not None else {}
    return client.patch(f"/api/v1/assessments/{assessment.pk}/", {"title": title}, format="json", **headers)


def test_a_rename_with_the_etag_that_was_read_succeeds(world):
    client = world.client("owner")
    read = client.get(f"/api/v1/assessments/{world.draft.pk}/")

    response = _rename(client, world.draft, "Q3 board version", read["ETag"])

    assert response.status_code == 200
    assert response.json()["title"] == "Q3 board version"
    assert response["ETag"] != read["ETag"]
    assert Assessment.objects.get(pk=world.draft.pk).title == "Q3 board version"


def test_a_rename_without_if_match_is_refused(world):
    response = _rename(world.client("owner"), world.draft, "Q3 board version", None)

    assert response.status_code == 428
    assert response["ETag"] == assessment_etag(world.draft)
    assert Assessment.objects.get(pk=world.draft.pk).title == "Q3 draft"


def test_a_colleagues_rename_in_between_makes_a_stale_rename_fail(world):
    owner, colleague = world.client("owner"), world.client("colleague")
    etag = owner.get(f"/api/v1/assessments/{world.draft.pk}/")["ETag"]
    assert _rename(colleague, world.draft, "Colleague's title", etag).status_code == 200

    response = _rename(owner, world.draft, "Owner's title", etag)

    assert response.status_code == 412
    assert problem(response)["type"].endswith("precondition-failed")
    assert Assessment.objects.get(pk=world.draft.pk).title == "Colleague's title"


def test_answers_saved_in_between_do_not_block_a_rename(world):
    # As optimistic as the questionnaire: only a change to the same thing conflicts.
    owner = world.client("owner")
    etag = owner.get(f"/api/v1/assessments/{world.draft.pk}/")["ETag"]
    answer = world.draft.answers.get(key="organization.employees")
    services.answer_save(
        assessment=world.draft,
        key=answer.key,
        raw="12500",
        base_revision=answer.revision,
        user=world.users["colleague"],
    )

    assert _rename(owner, world.draft, "Q3 board version", etag).status_code == 200


def test_a_submitted_assessment_keeps_its_title(world):
    client = world.client("owner")
    etag = client.get(f"/api/v1/assessments/{world.submitted.pk}/")["ETag"]

    response = _rename(client, world.submitted, "Renamed", etag)

    assert response.status_code == 409
    assert Assessment.objects.get(pk=world.submitted.pk).title == "Q2 submitted"


def test_a_blank_title_names_the_field(world):
    response = _rename(world.client("owner"), world.draft, "  ", assessment_etag(world.draft))

    assert response.status_code == 400
    assert [error["field"] for error in problem(response)["errors"]] == ["title"]


# ---------------------------------------------------------------------------------------------
# Problem details


def test_an_unknown_assessment_is_a_problem_document(world):
    response = world.client("owner").get("/api/v1/assessments/999999/")

    assert response.status_code == 404
    assert problem(response) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No such assessment.",
        "instance": "/api/v1/assessments/999999/",
    }


def test_each_invalid_field_is_named_with_a_pointer_into_the_body(world):
    response = world.client("consultant").post("/api/v1/organizations/", {"firm": ["x"]}, format="json")

    fields = {error["field"]: error["pointer"] for error in problem(response)["errors"]}
    assert fields == {"name": "/name", "firm": "/firm"}


def test_the_rename_service_refuses_a_title_changed_since_it_was_read(world):
    # The service's own optimistic lock closes the gap between the If-Match check and the write.
    with pytest.raises(services.EditConflict):
        services.assessment_rename(assessment=world.draft, title="Mine", base_title="What I saw earlier")

    assert Assessment.objects.get(pk=world.draft.pk).title == "Q3 draft"


def test_a_url_under_the_api_that_matches_nothing_is_a_problem_document(world):
    response = world.client("owner").get("/api/v1/assessments/-1/")

    assert response.status_code == 404
    assert problem(response)["instance"] == "/api/v1/assessments/-1/"


def test_an_invitees_session_writes_need_the_csrf_token(world):
    client = world.client("invitee", enforce_csrf_checks=True)
    url = f"/api/v1/assessments/{world.draft.pk}/"
    etag = client.get(url)["ETag"]

    refused = client.patch(url, {"title": "Forged"}, format="json", HTTP_IF_MATCH=etag)
    client.get("/accounts/login/")  # any page sets the CSRF cookie, as the invitee's browser has it
    allowed = client.patch(
        url,
        {"title": "Ours"},
        format="json",
        HTTP_IF_MATCH=etag,
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert refused.status_code == 403
    assert "CSRF" in problem(refused)["detail"]
    assert allowed.status_code == 200
    assert Assessment.objects.get(pk=world.draft.pk).title == "Ours"


def test_a_key_is_kept_for_a_day(world):
    from datetime import timedelta

    from django.utils import timezone

    _create_client(world, "k-old", name="Initech")
    _create_client(world, "k-other", name="Hooli")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))

    again = _create_client(world, "k-old", name="Initech")

    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert Organization.objects.filter(name="Initech").count() == 2
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["k-old"]


def test_date_filters_take_any_offset_python_reads_and_name_a_date_out_of_range(many):
    client = many.client("owner")

    # PostgreSQL refuses offsets past ±15:59 (a 500, found by the schemathesis pass): sent in UTC.
    future = client.get("/api/v1/assessments/", {"created_after": "3049-02-05T11:53:24+20:03"})
    past = client.get("/api/v1/assessments/", {"created_after": "2001-01-01T00:00:00-23:30"})
    edge = client.get("/api/v1/assessments/", {"created_before": "0001-01-01T00:00:00+05:00"})

    assert (future.status_code, future.json()["count"]) == (200, 0)
    assert (past.status_code, past.json()["count"]) == (200, 32)
    assert edge.status_code == 400
    assert [error["field"] for error in problem(edge)["errors"]] == ["created_before"]
