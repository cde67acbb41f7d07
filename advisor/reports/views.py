"""Report pages: the panel on the results page, downloads, retries and firm batches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from advisor.accounts.models import Firm
from advisor.accounts.selectors import firm_get_for_member
from advisor.questionnaire.decorators import with_access
from advisor.questionnaire.selectors import AssessmentAccess
from advisor.reports import selectors, services
from advisor.reports.models import Report, ReportBatch


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def panel_html(request: HttpRequest, access: AssessmentAccess) -> str:
    return render_to_string("reports/_panel.html", _panel_context(access), request=request)


def _panel_context(access: AssessmentAccess) -> dict:
    reports = list(selectors.reports_of(access.assessment))
    return {
        "assessment": access.assessment,
        "reports": reports,
        "can_manage": access.can_manage,
        "polling": any(not r.is_finished for r in reports),
    }


def _results_only(access: AssessmentAccess) -> None:
    if not access.can_see_results or not access.assessment.is_submitted:
        raise Http404()


@with_access
def report_panel(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    _results_only(access)
    return render(request, "reports/_panel.html", _panel_context(access))


@with_access
@require_POST
def report_create(request: HtmxHttpRequest, access: AssessmentAccess) -> HttpResponse:
    _results_only(access)
    if not access.can_manage:
        raise Http404()
    try:
        services.report_request(assessment=access.assessment, user=request.user)
    except services.NotScored as error:
        messages.error(request, str(error))
    return _back_to_panel(request, access)


@with_access
@require_POST
def report_retry(request: HtmxHttpRequest, access: AssessmentAccess, report_id: int) -> HttpResponse:
    _results_only(access)
    report = selectors.report_of(access.assessment, report_id)
    if report is None or not access.can_manage:
        raise Http404()
    services.report_retry(report=report)
    return _back_to_panel(request, access)


def _back_to_panel(request: HtmxHttpRequest, access: AssessmentAccess) -> HttpResponse:
    if request.htmx:
        return render(request, "reports/_panel.html", _panel_context(access))
    return redirect("scoring:results", pk=access.assessment.pk)


@with_access
def report_download(request: HttpRequest, access: AssessmentAccess, report_id: int) -> FileResponse:
    report = selectors.report_visible(access, report_id)
    if report is None or report.status != Report.Status.READY or not report.file:
        raise Http404("No such report, or it is not ready.")
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=services.report_filename(report),
        content_type="application/pdf",
    )


# ---------------------------------------------------------------------------------------------
# Batches of client reports, from the firm page


def batch_panel_html(request: HttpRequest, firm: Firm) -> str:
    context = {
        "firm": firm,
        # Only what the checklist shows: not each assessment's profile, on the firm's landing page.
        "assessments": selectors.batch_assessments(firm).only("pk", "title", "organization__name"),
        "batches": selectors.batches_of(firm),
    }
    return render_to_string("reports/_batch_panel.html", context, request=request)


@login_required
@require_POST
def batch_create(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    ids = [int(value) for value in request.POST.getlist("assessment") if value.isdigit()]
    assessments = list(selectors.batch_assessments(firm).filter(pk__in=ids))
    try:
        batch = services.batch_request(firm=firm, user=request.user, assessments=assessments)
    except services.BatchInvalid as error:
        messages.error(request, f"No reports were started. {error}")
        return redirect("workspace:firm", slug=firm.slug)
    return redirect("reports:batch", slug=firm.slug, batch_id=batch.pk)


def _batch(request: HttpRequest, slug: str, batch_id: int) -> ReportBatch:
    firm = firm_get_for_member(user=request.user, slug=slug)
    batch = ReportBatch.objects.filter(firm=firm, pk=batch_id).select_related("firm").first()
    if batch is None:
        raise Http404("No such batch.")
    return batch


@login_required
def batch_detail(request: HtmxHttpRequest, slug: str, batch_id: int) -> HttpResponse:
    batch = _batch(request, slug, batch_id)
    template = "reports/_batch_progress.html" if request.htmx else "reports/batch.html"
    return render(request, template, _batch_context(batch))


def _batch_context(batch: ReportBatch) -> dict:
    return {
        "batch": batch,
        "firm": batch.firm,
        "reports": batch.reports.select_related("assessment__organization").order_by("pk"),
        "progress": selectors.batch_progress(batch),
    }


@login_required
def batch_download(request: HttpRequest, slug: str, batch_id: int) -> FileResponse:
    batch = _batch(request, slug, batch_id)
    if not batch.archive:
        raise Http404("The archive is not ready.")
    return FileResponse(
        batch.archive.open("rb"),
        as_attachment=True,
        filename=services.batch_filename(batch),
        content_type="application/zip",
    )
