"""Reports rendered by real worker processes over Redis: read back, crash-safe, time-limited."""

import io
import os
import re
import signal
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from advisor.reports import services
from advisor.reports.document import SECTION_TITLES
from advisor.reports.models import Report
from tests.conftest import require_service
from tests.integration.workers import report_worker_env, running_worker
from tests.reports.conftest import pdf_text

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def on_redis(settings, queue_name):
    require_service(
        settings.CELERY_BROKER_URL.startswith("redis://"), "Redis as this run's broker (REDIS_URL)"
    )
    settings.REPORTS_QUEUE = queue_name
    return queue_name


def wait_for(report: Report, statuses, timeout=120.0) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        time.sleep(0.05)
    raise AssertionError(f"report {report.pk} stayed {report.status} ({report.stage}, {report.error})")


def request_report(assessment, user) -> Report:
    # Through the service, as the view does: the task is enqueued when the transaction commits.
    return services.report_request(assessment=assessment, user=user)


def test_a_worker_renders_a_report_that_reads_back_with_everything_the_page_shows(
    on_redis, scored, personas, tmp_path, client
):
    with running_worker(report_worker_env(on_redis), on_redis, tmp_path / "worker.log", pool="prefork"):
        report = wait_for(
            request_report(scored, personas.consultant_a), {Report.Status.READY, Report.Status.FAILED}
        )
    assert report.status == Report.Status.READY, report.error
    data = report.file.read()
    text = pdf_text(data)
    flat = re.sub(r"\s+", " ", text)

    assert "Northwind Bank" in flat
    for title in SECTION_TITLES:
        assert title in flat, title
    client.force_login(personas.consultant_a)
    page = client.get(reverse("scoring:results", args=[scored.pk])).content.decode()
    shown = re.findall(r'<span class="badge band-(\w+)">([\d.]+) · \w+</span>', page)
    assert len(shown) == 2  # OpenAI / Microsoft and Anthropic / Amazon are in use
    for band, exposure in shown:
        assert f"{exposure} · {band.upper()}" in flat  # the report's badges print the band in capitals

    reader = PdfReader(io.BytesIO(data))
    assert list(reader.attachments) == ["profile.json"]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp  # the PDF/A identification: PDF/A-3u
    assert 'pdfaid:conformance="U"' in xmp


def test_a_report_survives_its_worker_being_killed_mid_render(on_redis, scored, personas, tmp_path):
    limits = {"REPORT_SOFT_TIME_LIMIT": 20, "REPORT_TIME_LIMIT": 25, "REPORT_STUCK_AFTER": 30}
    with running_worker(
        report_worker_env(on_redis, **limits), on_redis, tmp_path / "first.log", pool="prefork"
    ) as first:
        report = wait_for(
            request_report(scored, personas.consultant_a), {Report.Status.RENDERING}, timeout=60
        )
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its child, mid-render
        first.wait()
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert not report.file

    # A new worker with beat: the sweep finds the report stuck and enqueues it again.
    sweep = {**limits, "REPORT_STUCK_AFTER": 1, "REPORT_SWEEP_EVERY": 1}
    beat = ("--beat", "--schedule", str(tmp_path / "beat-schedule"))
    with running_worker(
        report_worker_env(on_redis, **sweep),
        on_redis,
        tmp_path / "second.log",
        pool="prefork",
        name="second",
        extra=beat,
    ):
        report = wait_for(report, {Report.Status.READY, Report.Status.FAILED})
    assert report.status == Report.Status.READY, report.error
    assert report.attempts == 2
    assert pdf_text(report.file.read()).count("Northwind Bank") > 1


def test_a_render_past_its_time_limit_fails_with_a_reason_and_a_retry_succeeds(
    on_redis, scored, personas, tmp_path
):
    tight = {"REPORT_SOFT_TIME_LIMIT": 0.05, "REPORT_TIME_LIMIT": 20}
    with running_worker(
        report_worker_env(on_redis, **tight), on_redis, tmp_path / "tight.log", pool="prefork"
    ):
        report = wait_for(
            request_report(scored, personas.consultant_a), {Report.Status.READY, Report.Status.FAILED}
        )
    assert report.status == Report.Status.FAILED
    assert "took longer than its limit" in report.error
    assert not report.file

    with running_worker(report_worker_env(on_redis), on_redis, tmp_path / "normal.log", pool="prefork"):
        services.report_retry(report=report)
        report = wait_for(report, {Report.Status.READY, Report.Status.FAILED})
    assert report.status == Report.Status.READY, report.error
    assert report.error == ""
    assert report.file.read().startswith(b"%PDF-")
