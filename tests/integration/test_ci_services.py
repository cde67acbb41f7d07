"""CI must exercise the production services, not the embedded defaults."""

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require_service

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql():
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]


def test_celery_uses_redis():
    require_service(settings.CELERY_BROKER_URL.startswith("redis://"), "Redis (REDIS_URL)")
    assert settings.CELERY_RESULT_BACKEND.startswith("redis://")
