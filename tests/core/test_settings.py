import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from advisor.celery import app as celery_app


def test_celery_settings_are_the_ones_we_meant():
    # A misspelt CELERY_ setting is silently ignored, so assert what the app really uses.
    conf = celery_app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit


def _settings_in_subprocess(env: dict, expression: str) -> str:
    code = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'advisor.settings'); "
        f"django.setup(); from django.conf import settings; print({expression})"
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_embedded_defaults_need_no_server(tmp_path):
    out = _settings_in_subprocess(
        {"VAR_DIR": str(tmp_path)},
        "(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL, settings.DEBUG)",
    )
    assert out == "('django.db.backends.sqlite3', 'filesystem://', False)"


def test_the_secret_key_is_generated_once_into_var_and_kept_private(tmp_path):
    first = _settings_in_subprocess({"VAR_DIR": str(tmp_path)}, "settings.SECRET_KEY")
    second = _settings_in_subprocess({"VAR_DIR": str(tmp_path)}, "settings.SECRET_KEY")
    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text()
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_redis_url_switches_broker_and_results_to_redis(tmp_path):
    out = _settings_in_subprocess(
        {"VAR_DIR": str(tmp_path), "REDIS_URL": "redis://example:6379/3"},
        "(settings.CELERY_BROKER_URL, settings.CELERY_RESULT_BACKEND)",
    )
    assert out == "('redis://example:6379/3', 'redis://example:6379/3')"


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client):
    page = client.get(reverse("login")).content.decode()
    assert "<style" not in page
    assert " style=" not in page
    assert "<script>" not in page
    for tag in page.split("<script")[1:]:
        assert "src=" in tag.split(">")[0]


@pytest.mark.django_db
def test_static_assets_are_served_by_the_app_with_no_cdn(client):
    page = client.get(reverse("login")).content.decode()
    assert "https://" not in page
    assert "http://" not in page.replace("http://www.w3.org", "")
    for path in ("/static/css/app.css", "/static/django_htmx/htmx-2.min.js", "/static/js/app.js"):
        response = client.get(path)
        assert response.status_code == 200, path


@pytest.mark.django_db
def test_the_favicon_is_served_from_the_app(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.startswith("/static/img/favicon")
    assert client.get(response.url).status_code == 200
