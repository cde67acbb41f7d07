"""Reads for reports: what a person may see and download."""

from django.db.models import Prefetch

from advisor.accounts.models import Firm
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.selectors import AssessmentAccess
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


def report_visible(access: AssessmentAccess, report_id: int) -> Report | None:
    """A report of the assessment, for those who see its results (never an invitee) once it is
    submitted; None otherwise. The web download and the API both ask this."""
    if not access.can_see_results or not access.assessment.is_submitted:
        return None
    return report_of(access.assessment, report_id)


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


def batch_for_member(*, user, batch_id: int) -> ReportBatch | None:
    """A batch of a firm the user is a member of (as the firm page's batches), with its reports."""
    reports = Report.objects.select_related("requested_by", "catalog_version").defer(
        "profile", "result", "catalog_version__questionnaire", "catalog_version__metadata"
    )
    return (
        ReportBatch.objects.filter(firm__memberships__user=user, pk=batch_id)
        .select_related("firm")
        .prefetch_related(Prefetch("reports", queryset=reports.order_by("pk")))
        .first()
    )
