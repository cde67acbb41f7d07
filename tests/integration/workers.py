"""Start real Celery worker processes for integration tests."""

import os
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
def running_worker(env: dict, queue: str, log_path: Path, extra_args: tuple[str, ...] = ()):
    """A `celery worker` process on its own queue; stopped (and reaped) on exit.

    `extra_args` end the command line, e.g. ("--include", "tests.integration.tasks").
    """
    full_env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "advisor",
        "worker",
        "--pool",
        "solo",
        "--queues",
        queue,
        "--hostname",
        f"{queue}@%h",
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        *extra_args,  # after the defaults, so "--pool prefork" wins over "--pool solo"
    ]
    with open(log_path, "a") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
