"""A real worker process, a real broker, a task's result back."""

import pytest

from tests.integration.workers import client_app, filesystem_broker_options, running_worker

pytestmark = pytest.mark.integration


def _round_trip(app, queue: str) -> dict:
    return app.send_task("advisor.core.tasks.ping", queue=queue).get(timeout=60)


def test_a_worker_on_redis_runs_a_task_and_returns_its_result(redis_url, queue_name, tmp_path):
    env = {"REDIS_URL": redis_url, "VAR_DIR": str(tmp_path)}
    app = client_app({"broker_url": redis_url, "result_backend": redis_url})
    with running_worker(env, queue_name, tmp_path / "worker.log"):
        result = _round_trip(app, queue_name)
    assert result["pong"] is True
    assert result["worker_host"]


def test_a_worker_on_the_embedded_filesystem_broker_runs_a_task(queue_name, tmp_path):
    env = {"REDIS_URL": "", "CELERY_BROKER_URL": "", "VAR_DIR": str(tmp_path)}
    app = client_app(filesystem_broker_options(tmp_path))
    with running_worker(env, queue_name, tmp_path / "worker.log"):
        result = _round_trip(app, queue_name)
    assert result["pong"] is True


def test_a_live_worker_answers_the_health_ping(redis_url, queue_name, tmp_path):
    env = {"REDIS_URL": redis_url, "VAR_DIR": str(tmp_path)}
    app = client_app({"broker_url": redis_url, "result_backend": redis_url})
    with running_worker(env, queue_name, tmp_path / "worker.log"):
        _round_trip(app, queue_name)  # the worker is up once it has served a task
        replies = app.control.ping(destination=[f"{queue_name}@{_hostname()}"], timeout=5)
    assert replies
    assert f"{queue_name}@{_hostname()}" in replies[0]


def _hostname() -> str:
    import socket

    return socket.gethostname()
