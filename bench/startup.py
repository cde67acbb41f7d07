"""Time for `make run` to answer /healthz from a cold start (processes not running).

The database is prepared first in a temporary VAR_DIR (timed separately as
`prepare_s`, the cost of migrations and fixtures on an empty database), then `make run`
is started and /healthz polled until it answers 200 (`startup_s`).
"""

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from bench import free_port, responds_ok

BASE_DIR = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lockin-bench-") as var_dir:
        port = free_port()
        # Embedded defaults, as on a fresh machine: SQLite and the filesystem broker.
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        env.update({"VAR_DIR": var_dir, "PORT": str(port)})
        started = time.perf_counter()
        subprocess.run(
            ["make", "--no-print-directory", "prepare"],
            cwd=BASE_DIR,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        prepare_s = time.perf_counter() - started

        url = f"http://127.0.0.1:{port}/healthz"
        started = time.perf_counter()
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            while not responds_ok(url):
                if time.perf_counter() - started > TIMEOUT_S or process.poll() is not None:
                    raise RuntimeError(f"make run did not answer {url} within {TIMEOUT_S} s")
                time.sleep(0.1)
            startup_s = time.perf_counter() - started
        finally:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    return {"prepare_s": round(prepare_s, 3), "startup_s": round(startup_s, 3)}
