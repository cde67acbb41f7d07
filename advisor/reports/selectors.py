"""Reads for reports: what a person may see and download."""

from advisor.accounts.models import Firm
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report, ReportBatch


def reports_of(assessment: Assessment):
    return (
        Report.objects.filter(assessment=assessment)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")
    )


def report_of(assessment: Assessment, report_id: int) -> Report | None:
    return (
        Report.objects.select_related("assessment__organization")
        .filter(assessment=assessment, pk=report_id)
        .first()
    )


def batch_assessments(firm: Firm):
    """The firm's clients' submitted and scored assessments, newest first: what a batch can include."""
    return (
        Assessment.objects.filter(
            organization__firm=firm, status=Assessment.Status.SUBMITTED, score__isnull=False
        )
        .select_related("organization")
        .order_by("organization__name", "-submitted_at")
    )


def batches_of(firm: Firm):
    return ReportBatch.objects.filter(firm=firm).prefetch_related("reports").order_by("-created_at")[:5]


def batch_progress(batch: ReportBatch) -> dict:
    reports = list(batch.reports.all())
    total = len(reports) or 1
    finished = [r for r in reports if r.is_finished]
    return {
        "total": len(reports),
        "finished": len(finished),
        "failed": sum(1 for r in reports if r.status == Report.Status.FAILED),
        "percent": round(sum(100 if r.is_finished else r.progress for r in reports) / total),
        "ready": bool(batch.archive),
    }
