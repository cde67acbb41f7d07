import pytest
from django.urls import reverse

from advisor.core import health

pytestmark = pytest.mark.django_db


def test_healthz_is_503_and_names_the_worker_when_no_worker_answers(client, monkeypatch):
    monkeypatch.setattr(health, "WORKER_PING_TIMEOUT_S", 0.3)
    monkeypatch.setattr(health.celery_app.control, "ping", lambda **kwargs: [])
    response = client.get(reverse("core:healthz"))
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "fail"
    assert body["database"]["up"] is True
    assert body["worker"] == {"up": False, "error": "no worker answered the ping", "workers": []}


def test_healthz_is_200_when_database_broker_and_a_worker_are_up(client, monkeypatch):
    monkeypatch.setattr(health, "broker_state", lambda: {"up": True, "transport": "test"})
    monkeypatch.setattr(health.celery_app.control, "ping", lambda **kwargs: [{"celery@host": {"ok": "pong"}}])
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["worker"] == {"up": True, "workers": ["celery@host"]}


def test_healthz_reports_a_broker_it_cannot_reach(client, settings, monkeypatch):
    monkeypatch.setattr(health.celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(health.celery_app.control, "ping", lambda **kwargs: [])
    body = client.get(reverse("core:healthz")).json()
    assert body["broker"]["up"] is False
    assert body["broker"]["error"]
