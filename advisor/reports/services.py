"""Writes for reports: request, render, retry, batches and the sweep of stuck reports.

A web request only creates a Report and enqueues its task after the transaction commits;
workers render. Rendering is idempotent: it renders the snapshot stored on the record and
replaces the file through Django's storage API, so a redelivered or re-enqueued task is safe.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from advisor.accounts.models import Firm
from advisor.catalog.models import CatalogVersion
from advisor.questionnaire.models import Assessment
from advisor.reports.document import TEMPLATE_VERSION, ReportInput, branding_for, report_context
from advisor.reports.models import Report, ReportBatch
from advisor.reports.rendering import PdfMetadata, RenderedPdf, RenderError, render_html, render_pdf
from advisor.scoring.models import Score
from advisor.scoring.plans import report_plan
from advisor.scoring.services import profile_score

logger = logging.getLogger(__name__)


class NotScored(Exception):
    """The assessment has no score yet, so there is nothing to report."""


class TransientError(Exception):
    """Worth trying again later: the database or the storage hiccuped."""


class RenderTimedOut(Exception):
    """The render passed REPORT_SOFT_TIME_LIMIT.

    Celery's soft limit is a signal that raises inside whatever Python code runs at the time, and
    WeasyPrint catches broad exceptions in places (fetching, fonts): the limit is also checked here,
    at every stage, so a slow render always ends failed with its reason. The hard limit stays the
    backstop for a render stuck inside one stage."""


# ---------------------------------------------------------------------------------------------
# The document, from a snapshot: the one path the task and render_report share


def report_pdf(data: ReportInput, progress=None) -> RenderedPdf:
    """Lay out and write the PDF of one report (`progress(stage, percent)` hears how it goes)."""
    if progress is not None:
        progress("Gathering the figures", 15)
    context = report_context(data)
    html = render_html(context)
    if progress is not None:
        progress("Laying out the pages", 30)
    return render_pdf(
        html=html,
        profile=data.profile,
        metadata=PdfMetadata(
            title=f"{data.client_name}: AI vendor lock-in and migration-risk report",
            author=data.branding.name,
            subject=f"Exposure to each AI ecosystem, mitigation roadmap and draft exit plans ({data.title})",
            created=timezone.now(),
        ),
        accent=data.branding.accent,
        logo_name=data.branding.logo_name,
        progress=progress,
    )


def profile_report_pdf(*, profile: dict, firm: Firm | None = None) -> RenderedPdf:
    """A report straight from a profile: scored now with the active catalog and model
    (raises ProfileError or NoActiveModel), rendered by the same code as the workers."""
    version = CatalogVersion.objects.require_active()
    result = profile_score(profile, version)
    name = profile["organization"]["name"]
    return report_pdf(
        ReportInput(
            profile=profile,
            result=result,
            catalog_version=version,
            client_name=name,
            title=f"{name} – assessment of {timezone.localdate():%Y-%m-%d}",
            branding=branding_for(firm),
            date=timezone.localdate(),
        )
    )


def report_input(report: Report) -> ReportInput:
    organization = report.assessment.organization
    return ReportInput(
        profile=report.profile,
        result=report.result,
        catalog_version=report.catalog_version,
        client_name=organization.name,
        title=report.assessment.title,
        branding=branding_for(organization.firm),
        date=timezone.localtime(report.created_at).date(),
        plan=report.plan,
    )


# ---------------------------------------------------------------------------------------------
# Requesting


@transaction.atomic
def report_request(*, assessment: Assessment, user, batch: ReportBatch | None = None) -> Report:
    """A queued report of the assessment's current score; its task is enqueued on commit."""
    score = Score.objects.select_related("scoring_model").filter(assessment=assessment).first()
    if score is None:
        raise NotScored(f"{assessment} has no scores yet, so there is nothing to report.")
    report = Report.objects.create(
        assessment=assessment,
        score=score,
        batch=batch,
        requested_by=user,
        stage="Waiting for a worker",
        profile=assessment.profile,
        result=score.result,
        plan=report_plan(assessment),
        catalog_version_id=score.catalog_version_id,
        model_version=score.scoring_model.version,
        template_version=TEMPLATE_VERSION,
    )
    _enqueue_on_commit(report.pk)
    return report


@transaction.atomic
def report_retry(*, report: Report) -> Report:
    """Queue a failed report again, with its attempts counted afresh."""
    updated = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
        status=Report.Status.QUEUED, progress=0, stage="Waiting for a worker", error="", attempts=0
    )
    if updated:
        _enqueue_on_commit(report.pk)
    report.refresh_from_db()
    return report


def _enqueue_on_commit(report_id: int) -> None:
    from advisor.reports import tasks

    transaction.on_commit(lambda: tasks.enqueue_render(report_id))


# ---------------------------------------------------------------------------------------------
# Rendering (in a worker)


def report_claim(report_id: int) -> bool:
    """Take a queued report for rendering; False when it is not queued (done, failed, or taken
    by another worker): an optimistic lock, update then check the row count."""
    return bool(
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            status=Report.Status.RENDERING,
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
            progress=5,
            stage="Starting",
        )
    )


def report_render(*, report_id: int) -> Report | None:
    """Render a claimed report and store its file; None when there was nothing to do."""
    if not report_claim(report_id):
        logger.info("Report %s is not queued; nothing to do", report_id)
        return None
    report = Report.objects.select_related("assessment__organization__firm", "catalog_version").get(
        pk=report_id
    )

    started = time.perf_counter()
    deadline = started + settings.REPORT_SOFT_TIME_LIMIT

    def progress(stage: str, percent: int) -> None:
        if time.perf_counter() > deadline:
            raise RenderTimedOut(stage)
        Report.objects.filter(pk=report_id, status=Report.Status.RENDERING).update(
            stage=stage, progress=percent
        )

    try:
        rendered = report_pdf(report_input(report), progress=progress)
        progress("Storing the file", 90)
        _store(report, rendered)
    except (OperationalError, OSError) as error:
        _back_to_queue(report_id, f"Waiting to retry ({type(error).__name__})")
        raise TransientError(str(error)) from error
    except RenderError as error:
        report_fail(report_id=report_id, reason=f"The report could not be rendered: {error}")
        return None
    except RenderTimedOut:
        report_time_limit_exceeded(report_id=report_id)
        return None
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.READY,
        progress=100,
        stage="Ready",
        error="",
        pages=rendered.pages,
        size_bytes=len(rendered.data),
        finished_at=timezone.now(),
        render_seconds=round(time.perf_counter() - started, 3),
        file=report.file.name,
    )
    report.refresh_from_db()
    if report.batch_id:
        batch_check(batch_id=report.batch_id)
    return report


def _store(report: Report, rendered: RenderedPdf) -> None:
    """Save the new file under a fresh name, then point the record at it and delete the old one:
    readers see either the old file or the new, never half of one."""
    old = report.file.name
    name = f"{slugify(report.assessment.organization.name)[:40] or 'report'}-{report.pk}.pdf"
    report.file.save(name, ContentFile(rendered.data), save=False)
    Report.objects.filter(pk=report.pk).update(file=report.file.name)
    if old and old != report.file.name:
        report.file.storage.delete(old)


def _back_to_queue(report_id: int, stage: str) -> None:
    Report.objects.filter(pk=report_id, status=Report.Status.RENDERING).update(
        status=Report.Status.QUEUED, stage=stage, progress=0
    )


def report_fail(*, report_id: int, reason: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.READY).update(
        status=Report.Status.FAILED, stage="Failed", error=reason[:2000], finished_at=timezone.now()
    )
    batch_id = Report.objects.filter(pk=report_id).values_list("batch_id", flat=True).first()
    if batch_id:
        batch_check(batch_id=batch_id)


def report_time_limit_exceeded(*, report_id: int) -> None:
    report_fail(
        report_id=report_id,
        reason=(
            f"The render took longer than its limit of {settings.REPORT_SOFT_TIME_LIMIT:g} seconds and was "
            "stopped. Try again; if it fails again, the workers are overloaded."
        ),
    )


def report_give_up(*, report_id: int, error: str) -> None:
    report_fail(report_id=report_id, reason=f"The report could not be rendered after several tries: {error}")


# ---------------------------------------------------------------------------------------------
# The sweep: reports a dead worker left behind


def reports_sweep(*, now=None) -> dict[str, int]:
    """Re-enqueue reports stuck in queued or rendering past REPORT_STUCK_AFTER seconds; fail
    those that already had REPORT_MAX_ATTEMPTS renders, with a reason a person can read."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.REPORT_STUCK_AFTER)
    stuck = Report.objects.filter(
        Q(status=Report.Status.RENDERING, started_at__lt=stale)
        | Q(status=Report.Status.QUEUED, created_at__lt=stale, started_at__isnull=True)
        | Q(status=Report.Status.QUEUED, started_at__lt=stale)
    )
    requeued = failed = 0
    for report in stuck.only("pk", "attempts", "status"):
        if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
            report_fail(
                report_id=report.pk,
                reason=(
                    f"The report was started {report.attempts} times and never finished: the worker "
                    "stopped each time (a crash, running out of memory or a time limit). Try again later, "
                    "or ask an administrator to look at the workers' logs."
                ),
            )
            failed += 1
            continue
        # Only the sweep that moves it back to the queue enqueues it again.
        moved = (
            Report.objects.filter(pk=report.pk, status=report.status)
            .filter(Q(started_at__lt=stale) | Q(started_at__isnull=True))
            .update(
                status=Report.Status.QUEUED,
                stage="Restarted after a stalled worker",
                progress=0,
                started_at=now,
            )
        )
        if moved:
            from advisor.reports import tasks

            tasks.enqueue_render(report.pk)
            requeued += 1
    batches = batches_sweep()
    return {"requeued": requeued, "failed": failed, "batches": batches}


# ---------------------------------------------------------------------------------------------
# Batches


class BatchInvalid(ValueError):
    pass


@transaction.atomic
def batch_request(*, firm: Firm, user, assessments: list[Assessment]) -> ReportBatch:
    """One report per assessment (each a client of the firm, submitted and scored), rendered in
    parallel by the available workers; the ZIP is built when the last one finishes."""
    if not assessments:
        raise BatchInvalid("Select at least one assessment.")
    if len(assessments) > settings.REPORT_BATCH_MAX:
        raise BatchInvalid(f"Select at most {settings.REPORT_BATCH_MAX} assessments at once.")
    for assessment in assessments:
        if assessment.organization.firm_id != firm.pk:
            raise BatchInvalid(f"{assessment} is not an assessment of a client of {firm}.")
    batch = ReportBatch.objects.create(firm=firm, requested_by=user)
    for assessment in assessments:
        try:
            report_request(assessment=assessment, user=user, batch=batch)
        except NotScored as error:
            raise BatchInvalid(str(error)) from None
    return batch


def batch_check(*, batch_id: int) -> None:
    """When every report of the batch has finished, enqueue the ZIP (once)."""
    with transaction.atomic():
        batch = ReportBatch.objects.select_for_update().filter(pk=batch_id, finished_at__isnull=True).first()
        if (
            batch is None
            or batch.reports.exclude(status__in=(Report.Status.READY, Report.Status.FAILED)).exists()
        ):
            return
        from advisor.reports import tasks

        transaction.on_commit(lambda: tasks.enqueue_archive(batch_id))


def batch_archive(*, batch_id: int) -> ReportBatch:
    """Write the ZIP of the batch's ready reports (idempotent: a re-run writes it again)."""
    import io
    import zipfile

    batch = ReportBatch.objects.get(pk=batch_id)
    buffer = io.BytesIO()
    used: set[str] = set()
    failed = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for report in batch.reports.select_related("assessment__organization").order_by("pk"):
            if report.status != Report.Status.READY or not report.file:
                failed.append(f"{report.assessment.organization.name}: {report.error or 'not rendered'}")
                continue
            name = report_filename(report)
            while name in used:
                name = name.replace(".pdf", f"-{report.pk}.pdf")
            used.add(name)
            with report.file.open("rb") as file:
                archive.writestr(name, file.read())
    old = batch.archive.name
    batch.archive.save(
        f"batch-{batch.pk}-{timezone.now():%Y%m%d%H%M%S}.zip", ContentFile(buffer.getvalue()), save=False
    )
    ReportBatch.objects.filter(pk=batch.pk).update(
        archive=batch.archive.name, finished_at=timezone.now(), error="\n".join(failed)
    )
    if old and old != batch.archive.name:
        batch.archive.storage.delete(old)
    batch.refresh_from_db()
    return batch


def batches_sweep() -> int:
    """Batches whose reports all finished but whose ZIP never got written (a lost task)."""
    count = 0
    stale = timezone.now() - timedelta(seconds=settings.REPORT_STUCK_AFTER)
    for batch_id in ReportBatch.objects.filter(finished_at__isnull=True, created_at__lt=stale).values_list(
        "pk", flat=True
    ):
        batch_check(batch_id=batch_id)
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Names


def report_filename(report: Report) -> str:
    """A safe download name: ASCII letters, digits and dashes only, so no header injection."""
    client = slugify(report.assessment.organization.name)[:60] or "client"
    return f"{client}-lock-in-report-{timezone.localtime(report.created_at):%Y-%m-%d}-{report.pk}.pdf"


def batch_filename(batch: ReportBatch) -> str:
    return f"{batch.firm.slug}-client-reports-{batch.created_at:%Y-%m-%d}-{batch.pk}.zip"
