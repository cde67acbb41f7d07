"""Personal API tokens: created, named, listed and revoked on the account page; stored hashed,
shown once; an optional expiry; session authentication for the browser."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from advisor.api import services
from advisor.api.models import ApiToken
from tests.api.conftest import problem

pytestmark = pytest.mark.django_db


def _bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_a_user_creates_a_named_token_and_sees_it_once(client, personas):
    client.force_login(personas.cto)

    page = client.post(reverse("account:home"), {"name": "nightly import", "expires_in": "30"})

    key = page.context["new_key"]
    assert key.startswith("lia_")
    assert key in page.content.decode()
    token = ApiToken.objects.get(user=personas.cto)
    assert token.name == "nightly import"
    assert token.expires_at == pytest.approx(timezone.now() + timedelta(days=30), abs=timedelta(minutes=1))
    # Later visits list it by name and prefix, never the secret.
    again = client.get(reverse("account:home")).content.decode()
    assert "nightly import" in again
    assert token.prefix in again
    assert key not in again


def test_only_a_digest_of_the_token_is_stored(personas):
    token, key = services.token_create(user=personas.cto, name="ci")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in {str(value) for value in stored.values()}
    assert stored["digest"] == services.token_digest(key)


def test_a_token_without_a_name_is_refused_with_the_field_named(client, personas):
    client.force_login(personas.cto)

    page = client.post(reverse("account:home"), {"name": "", "expires_in": ""})

    assert page.status_code == 400
    assert page.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_a_token_authenticates_as_its_user(personas):
    _token, key = services.token_create(user=personas.cto, name="ci")

    response = _bearer(key).get("/api/v1/organizations/")

    assert response.status_code == 200
    assert [o["slug"] for o in response.json()["results"]] == ["fabrikam"]


def test_a_revoked_token_stops_working_at_once(client, personas):
    token, key = services.token_create(user=personas.cto, name="ci")
    client.force_login(personas.cto)

    client.post(reverse("account:token_revoke", args=[token.pk]))

    response = _bearer(key).get("/api/v1/organizations/")
    assert response.status_code == 401
    assert problem(response)["detail"] == "This API token was revoked."
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "revoked" in client.get(reverse("account:home")).content.decode()


def test_nobody_revokes_another_users_token(client, personas):
    token, key = services.token_create(user=personas.cto, name="ci")
    client.force_login(personas.colleague)

    response = client.post(reverse("account:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert _bearer(key).get("/api/v1/organizations/").status_code == 200


def test_an_expired_token_is_refused(personas):
    _token, key = services.token_create(
        user=personas.cto, name="old", expires_at=timezone.now() - timedelta(seconds=1)
    )

    response = _bearer(key).get("/api/v1/organizations/")

    assert response.status_code == 401
    assert problem(response)["detail"] == "This API token has expired."


@pytest.mark.parametrize("header", ["Bearer lia_not-a-token", "Bearer", "Bearer two parts"])
def test_an_unknown_or_malformed_token_is_refused(personas, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/organizations/")

    assert response.status_code == 401
    problem(response)


def test_a_token_records_when_it_was_last_used(personas):
    token, key = services.token_create(user=personas.cto, name="ci")

    _bearer(key).get("/api/v1/organizations/")

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_account_page_needs_a_sign_in(client):
    response = client.get(reverse("account:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_browser_session_works_for_the_docs(client, personas):
    client.force_login(personas.cto)

    response = client.get("/api/v1/organizations/")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_session_write_needs_the_csrf_token(personas, catalog):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(personas.consultant_a)

    response = client.post(
        "/api/v1/organizations/", {"name": "Initech", "firm": "alpha-advisory"}, format="json"
    )

    assert response.status_code == 403
    assert "CSRF" in problem(response)["detail"]


def test_only_the_whole_secret_opens_a_token(personas):
    _token, key = services.token_create(user=personas.cto, name="ci")
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")

    assert _bearer(forged).get("/api/v1/organizations/").status_code == 401
