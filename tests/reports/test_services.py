"""Report records: snapshot, idempotent render, time limits, transient errors, the sweep, batches."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from advisor.reports import services, tasks
from advisor.reports.models import Report
from tests.reports.conftest import scored_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """The ids the services enqueue, instead of a broker."""
    ids: list = []
    monkeypatch.setattr(tasks, "enqueue_render", ids.append)
    monkeypatch.setattr(tasks, "enqueue_archive", lambda batch_id: ids.append(("archive", batch_id)))
    return ids


def test_requesting_a_report_enqueues_its_task_only_when_the_transaction_commits(
    scored, personas, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = services.report_request(assessment=scored, user=personas.consultant_a)
    assert enqueued == []  # nothing leaves before the commit
    assert (report.status, report.file.name) == (Report.Status.QUEUED, "")
    for callback in callbacks:
        callback()
    assert enqueued == [report.pk]


def test_a_report_is_a_snapshot_of_the_scores_when_it_was_requested(scored, personas, enqueued):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    score = scored.score
    score.result = {**score.result, "overall": {**score.result["overall"], "lock_in_index": 1.0}}
    score.save()
    report.refresh_from_db()
    assert report.result["overall"]["lock_in_index"] != 1.0
    assert report.model_version == score.scoring_model.version
    assert report.template_version == "report-2"


def test_rendering_again_replaces_the_file_and_leaves_no_orphan(scored, personas, enqueued, settings):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    first = report.file.name
    assert report.status == Report.Status.READY
    assert report.pages > 8
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.file.name != first
    assert report.file.storage.exists(report.file.name)
    assert not report.file.storage.exists(first)
    assert report.attempts == 2


def test_a_report_that_is_not_queued_is_not_rendered_twice(scored, personas, enqueued):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RENDERING)
    assert services.report_render(report_id=report.pk) is None
    report.refresh_from_db()
    assert (report.status, report.attempts, report.file.name) == (Report.Status.RENDERING, 0, "")


def test_a_render_past_its_time_limit_ends_failed_with_the_reason(scored, personas, enqueued, settings):
    settings.REPORT_SOFT_TIME_LIMIT = 0.001
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "took longer than its limit of 0.001 seconds" in report.error
    assert not report.file


def test_a_transient_error_puts_the_report_back_in_the_queue(scored, personas, enqueued, monkeypatch):
    report = services.report_request(assessment=scored, user=personas.consultant_a)

    def storage_down(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "_store", storage_down)
    with pytest.raises(services.TransientError):
        services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert (report.status, report.progress) == (Report.Status.QUEUED, 0)
    assert "Waiting to retry" in report.stage


def test_a_failed_report_can_be_retried(scored, personas, enqueued, django_capture_on_commit_callbacks):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    services.report_fail(report_id=report.pk, reason="boom")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_retry(report=report)
    assert (report.status, report.error, report.attempts) == (Report.Status.QUEUED, "", 0)
    assert enqueued == [report.pk]  # only the retry's: the request's own never committed


def test_the_sweep_requeues_stuck_reports_and_fails_them_after_the_last_attempt(
    scored, personas, enqueued, settings
):
    settings.REPORT_MAX_ATTEMPTS = 2
    long_ago = timezone.now() - timedelta(seconds=settings.REPORT_STUCK_AFTER + 5)
    stuck = services.report_request(assessment=scored, user=personas.consultant_a)
    fresh = services.report_request(assessment=scored, user=personas.consultant_a)
    Report.objects.filter(pk=stuck.pk).update(status=Report.Status.RENDERING, started_at=long_ago, attempts=1)
    Report.objects.filter(pk=fresh.pk).update(
        status=Report.Status.RENDERING, started_at=timezone.now(), attempts=1
    )
    enqueued.clear()

    assert services.reports_sweep()["requeued"] == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert enqueued == [stuck.pk]
    assert stuck.status == Report.Status.QUEUED
    assert fresh.status == Report.Status.RENDERING  # still within its time: never taken for lost

    Report.objects.filter(pk=stuck.pk).update(status=Report.Status.RENDERING, started_at=long_ago, attempts=2)
    assert services.reports_sweep()["failed"] == 1
    stuck.refresh_from_db()
    assert stuck.status == Report.Status.FAILED
    assert "started 2 times and never finished" in stuck.error


def test_a_batch_renders_one_report_per_client_and_zips_them(
    catalog, personas, bank_profile, active_model, enqueued, django_capture_on_commit_callbacks
):
    first = scored_assessment(personas.client_a1, personas.consultant_a, bank_profile)
    second = scored_assessment(personas.client_a2, personas.consultant_a, bank_profile)
    batch = services.batch_request(
        firm=personas.firm_a, user=personas.consultant_a, assessments=[first, second]
    )
    assert sorted(r.assessment_id for r in batch.reports.all()) == sorted([first.pk, second.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for report in batch.reports.all():
            services.report_render(report_id=report.pk)
    assert ("archive", batch.pk) in enqueued
    batch = services.batch_archive(batch_id=batch.pk)
    names = zipfile.ZipFile(io.BytesIO(batch.archive.read())).namelist()
    assert len(names) == 2
    assert all(name.endswith(".pdf") for name in names)
    assert any(name.startswith("contoso-health-") for name in names)


def test_a_batch_refuses_an_assessment_of_another_firms_client(catalog, personas, bank_profile, active_model):
    theirs = scored_assessment(personas.client_b, personas.consultant_b, bank_profile)
    with pytest.raises(services.BatchInvalid, match="not an assessment of a client of Alpha Advisory"):
        services.batch_request(firm=personas.firm_a, user=personas.consultant_a, assessments=[theirs])
