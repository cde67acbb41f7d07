"""Rate limits count across processes: `make run` has three web workers on SQLite."""

import os
import subprocess
import sys

from django.conf import settings

COUNT_ONE = (
    "from advisor.core.ratelimit import Limit, allow;"
    "print(allow(Limit('shared-test', 2, 3600, 'tests'), 'someone@example.com'))"
)


def run(args: list[str], env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_migrate_creates_the_cache_table_and_separate_processes_share_the_counts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CI")}
    env["VAR_DIR"] = str(tmp_path)
    run(["migrate", "--noinput", "--verbosity", "0"], env)
    # Three processes, one request each, like three requests landing on different gunicorn workers.
    answers = [run(["shell", "--no-imports", "-c", COUNT_ONE], env) for _ in range(3)]
    assert answers == ["True", "True", "False"]
