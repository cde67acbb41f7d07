"""Issue 9, item 13: where a task survives the death of its worker, proven by killing one.

On Redis, acks_late + reject_on_worker_lost + the visibility timeout make a task whose
worker was SIGKILLed mid-task run again, to completion, once a worker is back. (The
default filesystem broker cannot: it forgets a message as soon as a worker takes it, see
README.md.)
"""

import os
import signal
import time
from pathlib import Path

import pytest

from tests.integration.workers import client_app, running_worker

pytestmark = pytest.mark.integration

TASK = "tests.integration.tasks.slow_the_first_time"
INCLUDE = ("--include", "tests.integration.tasks")


def wait_for_lines(path: Path, count: int, timeout_s: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        lines = path.read_text().split() if path.exists() else []
        if len(lines) >= count:
            return lines
        time.sleep(0.2)
    raise AssertionError(f"{path.name} did not reach {count} line(s) in {timeout_s} s")


def test_a_task_whose_worker_is_sigkilled_completes_once_a_new_worker_starts(redis_url, queue_name, tmp_path):
    env = {"REDIS_URL": redis_url, "VAR_DIR": str(tmp_path), "CELERY_VISIBILITY_TIMEOUT": "5"}
    app = client_app({"broker_url": redis_url, "result_backend": redis_url})
    result = app.send_task(TASK, args=[str(tmp_path)], queue=queue_name)

    with running_worker(env, queue_name, tmp_path / "worker.log", extra=INCLUDE) as first:
        wait_for_lines(tmp_path / "starts", 1)
        first.send_signal(signal.SIGKILL)  # no warm shutdown, no chance to requeue anything
        first.wait(timeout=10)
    assert not (tmp_path / "finished").exists()

    with running_worker(env, queue_name, tmp_path / "worker.log", extra=INCLUDE):
        assert result.get(timeout=120) == {"runs": 2}
    assert len((tmp_path / "finished").read_text().split()) == 1  # completed exactly once


def test_a_task_whose_pool_process_is_sigkilled_is_run_again_by_the_same_worker(
    redis_url, queue_name, tmp_path
):
    env = {"REDIS_URL": redis_url, "VAR_DIR": str(tmp_path)}
    app = client_app({"broker_url": redis_url, "result_backend": redis_url})
    result = app.send_task(TASK, args=[str(tmp_path)], queue=queue_name)

    with running_worker(env, queue_name, tmp_path / "worker.log", pool="prefork", extra=INCLUDE):
        child_pid = int(wait_for_lines(tmp_path / "starts", 1)[0])
        os.kill(child_pid, signal.SIGKILL)  # the task's process dies; the worker lives on
        assert result.get(timeout=120) == {"runs": 2}
    assert len((tmp_path / "finished").read_text().split()) == 1
