import pytest
from django.urls import reverse

from advisor.core import health
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "monitor-token-0123456789"


@pytest.fixture
def no_worker(monkeypatch):
    pings = []

    def ping(**kwargs):
        pings.append(kwargs)
        return []

    monkeypatch.setattr(health, "WORKER_PING_TIMEOUT_S", 0.3)
    monkeypatch.setattr(health.celery_app.control, "ping", ping)
    return pings


@pytest.fixture
def one_worker(monkeypatch):
    monkeypatch.setattr(health, "broker_state", lambda: {"up": True, "transport": "test"})
    monkeypatch.setattr(health.celery_app.control, "ping", lambda **kwargs: [{"celery@host": {"ok": "pong"}}])


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="ops@example.com", is_staff=True))
    return client


def test_healthz_is_503_and_names_the_worker_for_staff_when_no_worker_answers(staff_client, no_worker):
    response = staff_client.get(reverse("core:healthz"))
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["database"]["up"] is True
    assert body["worker"] == {"up": False, "error": "no worker answered the ping", "workers": []}


def test_healthz_is_200_when_database_broker_and_a_worker_are_up(staff_client, one_worker):
    response = staff_client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["worker"] == {"up": True, "workers": ["celery@host"]}


def test_healthz_reports_a_broker_it_cannot_reach(staff_client, monkeypatch, no_worker):
    monkeypatch.setattr(health.celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    body = staff_client.get(reverse("core:healthz")).json()
    assert body["broker"]["up"] is False
    assert body["broker"]["error"]


def test_anyone_else_gets_only_the_status_and_the_code(client, no_worker):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}
    assert b"sqlite" not in response.content
    assert b"postgresql" not in response.content


def test_a_signed_in_user_who_is_not_staff_gets_only_the_status(client, one_worker, personas):
    client.force_login(personas.cto)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_monitor_with_the_token_gets_the_details(client, settings, one_worker):
    settings.HEALTHZ_TOKEN = TOKEN
    assert client.get(reverse("core:healthz"), headers={"X-Healthz-Token": "wrong"}).json() == {
        "status": "ok"
    }
    body = client.get(reverse("core:healthz"), headers={"X-Healthz-Token": TOKEN}).json()
    assert body["worker"]["workers"] == ["celery@host"]
    assert body["database"]["vendor"]


def test_an_empty_token_setting_opens_nothing(client, settings, one_worker):
    settings.HEALTHZ_TOKEN = ""
    assert client.get(reverse("core:healthz"), headers={"X-Healthz-Token": ""}).json() == {"status": "ok"}


def test_the_worker_ping_is_cached_so_a_down_worker_costs_one_ping_per_period(client, no_worker):
    for _ in range(5):
        assert client.get(reverse("core:healthz")).status_code == 503
    assert len(no_worker) == 1
