import os
import uuid

import pytest
import redis

from tests.conftest import require_service
from tests.reports.conftest import active_model, scored, small_model  # noqa: F401 - report fixtures


@pytest.fixture
def redis_url() -> str:
    """REDIS_URL from the environment (CI sets it), else the local default Redis."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        available = True
    except redis.RedisError:
        available = False
    require_service(available, f"Redis at {url}")
    return url


@pytest.fixture
def queue_name() -> str:
    # A queue of its own so a worker of `make run` on the same broker never takes our task.
    return f"test-{uuid.uuid4().hex[:10]}"
