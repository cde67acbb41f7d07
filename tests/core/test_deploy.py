"""Issue 9, item 12: the documented production environment passes Django's deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

PRODUCTION_ENV = settings.BASE_DIR / "deploy" / "production.env.example"
# What this process's environment may carry that the production file must decide alone, and
# what the test harness sets for itself (the browser tests allow async-unsafe ORM calls).
OURS = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "EMAIL_URL",
    "EMAIL_BACKEND",
    "DEBUG",
    "CI",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def env_file(path) -> dict:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def manage(args: list[str], env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, **env, "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_environment(tmp_path):
    result = manage(["check", "--deploy", "--fail-level", "WARNING"], env_file(PRODUCTION_ENV), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_with_the_development_defaults(tmp_path):
    """The check is not a formality: `make run`'s settings are refused for production."""
    result = manage(["check", "--deploy", "--fail-level", "WARNING"], {}, tmp_path)
    assert result.returncode != 0
    for problem in ("security.W004", "security.W008", "security.W012", "mail.E001"):
        assert problem in result.stderr


def test_the_production_environment_sends_real_email_through_smtp(tmp_path):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'advisor.settings'); django.setup();"
        "from django.conf import settings as s; m = s.MAILERS['default'];"
        "print(m['BACKEND'], m['OPTIONS']['host'], m['OPTIONS']['port'], m['OPTIONS']['use_tls'], m['OPTIONS']['username'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env_file(PRODUCTION_ENV), "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
        "587",
        "True",
        "lockin@example.com",
    ]


def test_the_defaults_still_serve_plain_http_on_localhost(tmp_path):
    """`make run` on http://127.0.0.1: no redirect to HTTPS, no HSTS, cookies sent over HTTP."""
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'advisor.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.CACHES['default']['BACKEND'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert result.stdout.split() == [
        "False",
        "0",
        "False",
        "False",
        "django.core.cache.backends.db.DatabaseCache",
    ]


@pytest.mark.django_db
def test_plain_http_is_served_without_a_redirect(client):
    assert client.get(reverse("login")).status_code == 200
    assert "Strict-Transport-Security" not in client.get(reverse("login")).headers
