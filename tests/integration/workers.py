"""Start real Celery worker processes for integration tests."""

import os
import signal
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from celery import Celery

BASE_DIR = Path(__file__).resolve().parents[2]


def filesystem_broker_options(var_dir: Path) -> dict:
    broker = var_dir / "broker"
    for folder in ("queue", "processed", "control", "results"):
        (broker / folder).mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "result_backend": f"file://{broker / 'results'}",
        "broker_transport_options": {
            "data_folder_in": str(broker / "queue"),
            "data_folder_out": str(broker / "queue"),
            "processed_folder": str(broker / "processed"),
            "control_folder": str(broker / "control"),
            "polling_interval": 0.1,
        },
    }


def client_app(conf: dict) -> Celery:
    """A Celery client configured like the worker, independent of this process's settings."""
    app = Celery(f"client-{uuid.uuid4().hex[:6]}")
    app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json", **conf)
    return app


@contextmanager
def running_worker(env: dict, queue: str, log_path: Path, *, pool: str = "solo", name: str = "", extra=()):
    """A `celery worker` process on its own queue, in its own process group (so a test can kill
    the worker and its children at once); stopped (and reaped) on exit."""
    full_env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "advisor",
        "worker",
        "--pool",
        pool,
        "--concurrency",
        "1",
        "--queues",
        queue,
        "--hostname",
        f"{name or queue}@%h",
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        *extra,
    ]
    with open(log_path, "a") as log:
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        process.wait()


def report_worker_env(queue: str, **extra) -> dict:
    """The environment of a reports worker that shares this test's database, media folder and
    broker (Redis when REDIS_URL is set, else the filesystem broker under VAR_DIR)."""
    from django.conf import settings

    from tests.conftest import subprocess_env

    env = subprocess_env()
    return {
        "DATABASE_URL": env["DATABASE_URL"],
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "VAR_DIR": str(settings.VAR_DIR),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REPORTS_QUEUE": queue,
        **{name: str(value) for name, value in extra.items()},
    }
