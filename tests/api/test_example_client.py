"""docs/api_example.py, run as a user would run it, against the live server; a real Celery
worker process renders the report, on this run's broker (Redis when REDIS_URL is set, as in CI;
else the filesystem broker under VAR_DIR), on a queue of this test's own."""

import re
import subprocess
import sys
import uuid

import pytest
import redis
from django.conf import settings

from advisor.questionnaire.models import Assessment
from advisor.reports import tasks as report_tasks
from advisor.reports.models import Report
from tests.conftest import require_service
from tests.integration.workers import report_worker_env, running_worker
from tests.paths import PROFILES_DIR
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = settings.BASE_DIR / "docs" / "api_example.py"
# Taken before tests/api/conftest.py's `enqueued` replaces it for each test.
ENQUEUE_RENDER = report_tasks.enqueue_render


def _run(live_server, token: str, organization: str, profile, output=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(EXAMPLE),
            "--url",
            live_server.url,
            "--token",
            token,
            "--organization",
            organization,
            "--profile",
            str(profile),
            *(["--output", str(output)] if output else []),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def reports_worker(world, settings, monkeypatch, tmp_path):
    """From here on, requested reports go to the broker, and a worker process renders them."""
    broker = settings.CELERY_BROKER_URL
    if broker.startswith("redis://"):
        try:
            answers = redis.Redis.from_url(broker, socket_connect_timeout=1).ping()
        except redis.RedisError:
            answers = False
        require_service(answers, f"Redis at {broker}")
    queue = f"test-{uuid.uuid4().hex[:10]}"
    settings.REPORTS_QUEUE = queue
    monkeypatch.setattr(report_tasks, "enqueue_render", ENQUEUE_RENDER)
    log = tmp_path / "worker.log"
    with running_worker(report_worker_env(queue), queue, log):
        yield log


@pytest.mark.integration
def test_the_example_creates_an_assessment_and_downloads_its_report_rendered_by_a_worker(
    world, live_server, reports_worker, tmp_path
):
    output = tmp_path / "out"

    result = _run(
        live_server,
        world.tokens["consultant"],
        world.organization.slug,
        PROFILES_DIR / "regulated-bank.json",
        output,
    )

    assert result.returncode == 0, result.stderr + reports_worker.read_text()
    created = Assessment.objects.filter(origin="import").get()
    report = Report.objects.get(assessment=created)
    assert created.is_submitted
    assert f"Created assessment {created.pk}" in result.stdout
    assert f"Lock-in index: {created.score.result['overall']['lock_in_index']}" in result.stdout
    assert f"Report {report.pk}: queued 0% (Waiting for a worker)" in result.stdout
    assert f"Report {report.pk}: ready 100% (Ready)" in result.stdout
    # The worker process rendered it (the request only queued it).
    assert (report.status, report.attempts, report.requested_by) == ("ready", 1, world.users["consultant"])
    assert re.search(
        r"advisor\.reports\.tasks\.render_report\[[\w-]+\] succeeded", reports_worker.read_text()
    )
    (saved,) = output.iterdir()
    assert f"Saved the report ({report.pages} pages) as {saved}" in result.stdout
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data == report.file.read()
    assert world.organization.name in pdf_text(data)


def test_the_example_prints_the_fields_a_bad_profile_gets_wrong(world, live_server, tmp_path, bank_profile):
    import json

    bank_profile["workloads"][1]["criticality"] = "whenever"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bank_profile))

    result = _run(live_server, world.tokens["owner"], world.organization.slug, bad)

    assert result.returncode == 1
    assert "workloads[1].criticality" in result.stderr
    assert not Assessment.objects.filter(origin="import").exists()


def test_the_example_says_why_a_colleague_cannot_request_the_report(world, live_server, tmp_path):
    result = _run(
        live_server,
        world.tokens["colleague"],
        world.organization.slug,
        PROFILES_DIR / "regulated-bank.json",
        tmp_path,
    )

    assert result.returncode == 1
    assert "HTTP 403: Only the organization's admins and the consultants of its firm" in result.stderr
    assert "Lock-in index:" in result.stdout  # everything before the report went through
    assert not Report.objects.filter(assessment__origin="import").exists()
