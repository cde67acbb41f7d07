"""Checks behind /healthz: the database, the broker and at least one live worker."""

from django.core.cache import cache
from django.db import connection

from advisor.celery import app as celery_app

WORKER_PING_TIMEOUT_S = 2.0
# The worker's answer (or its silence) is kept this long, in the cache all web workers share:
# a monitor polling every second costs one ping, and one 2 s wait when no worker is up, per
# period instead of per call.
WORKER_STATE_CACHE_S = 10
WORKER_STATE_KEY = "healthz:worker"


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means "down"
        return {"up": False, "error": str(error)}
    return {"up": True, "vendor": connection.vendor}


def broker_state() -> dict:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as error:  # noqa: BLE001
        return {"up": False, "error": str(error)}
    return {"up": True, "transport": str(transport)}


def worker_state() -> dict:
    """The last ping's answer if it is recent enough, else a new ping."""
    state = cache.get(WORKER_STATE_KEY)
    if state is None:
        state = ping_workers()
        cache.set(WORKER_STATE_KEY, state, timeout=WORKER_STATE_CACHE_S)
    return state


def ping_workers() -> dict:
    try:
        # limit=1: answer as soon as one worker replies instead of waiting out the timeout.
        replies = celery_app.control.ping(timeout=WORKER_PING_TIMEOUT_S, limit=1)
    except Exception as error:  # noqa: BLE001
        return {"up": False, "error": str(error)}
    workers = sorted(name for reply in replies or [] for name in reply)
    if not workers:
        return {"up": False, "error": "no worker answered the ping", "workers": []}
    return {"up": True, "workers": workers}
