"""Reports: request one (or a batch for a firm's clients), follow its progress, download it.

A request only creates records through advisor.reports.services, which enqueues the render when
the transaction commits; a worker renders. Who may do what is the web app's rule
(advisor/reports/views.py): the organization's admins and its firm's consultants request a
report, everyone who sees the results reads and downloads it, and a firm's members request and
read the firm's batches."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, mixins, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from advisor.accounts.selectors import firms_of
from advisor.api.filters import ReportFilter
from advisor.api.idempotency import idempotent
from advisor.api.problems import VALIDATION, Problem, field_errors
from advisor.api.schema import IDEMPOTENCY_KEY
from advisor.api.serializers import ReportBatchCreateSerializer, ReportBatchSerializer, ReportSerializer
from advisor.api.views.base import AssessmentView
from advisor.api.views.results import not_scored
from advisor.reports import selectors, services
from advisor.reports.models import Report, ReportBatch

CONTENT_DISPOSITION = OpenApiParameter(
    "Content-Disposition",
    location=OpenApiParameter.HEADER,
    response=[200],
    required=True,
    description="`attachment` with a file name of ASCII letters, digits and dashes.",
)
LOCATION = OpenApiParameter(
    "Location", location=OpenApiParameter.HEADER, response=[202], required=True, description="Where to poll."
)
NOT_READY = "409 while it is not ready (poll its status; `Retry-After` says when) or when it failed."


class FileRenderer(JSONRenderer):
    """A download's one media type, so content negotiation accepts `Accept: application/pdf`:
    the file goes out as a FileResponse, and only a problem document is ever rendered (as JSON)."""


class PdfRenderer(FileRenderer):
    media_type = "application/pdf"
    format = "pdf"


class ZipRenderer(FileRenderer):
    media_type = "application/zip"
    format = "zip"


def _not_ready(what: str, *, failed: str = "") -> Problem:
    if failed:
        return Problem(status_code=409, kind="report-failed", detail=f"{what} failed: {failed}")
    return Problem(
        status_code=409,
        kind="report-not-ready",
        detail=f"{what} is not ready yet; poll its status until it is `ready`.",
        headers={"Retry-After": "2"},
    )


# ---------------------------------------------------------------------------------------------
# One assessment's reports


class AssessmentReports(mixins.ListModelMixin, AssessmentView):
    rights = {"GET": "can_see_results", "POST": "can_manage"}
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-id"]
    problem_statuses = {"POST": [409]}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Report.objects.none()
        return (
            selectors.reports_of(self.access.assessment)
            .select_related("catalog_version")
            .defer("profile", "result", "catalog_version__questionnaire", "catalog_version__metadata")
        )

    @extend_schema(tags=["reports"], summary="The assessment's reports, newest first")
    def get(self, request, pk: int):
        return self.list(request)

    @extend_schema(
        tags=["reports"],
        summary="Request a PDF report of the assessment's scores",
        description=(
            "Queues the report and answers at once (202): a worker renders it in a few seconds. Poll "
            "the report (`Location`, `url`) until its `status` is `ready` (or `failed`), then GET its "
            "`download_url`. 409 while the assessment has no score (a draft, or no scoring model yet)."
        ),
        request=None,
        responses={202: ReportSerializer},
        parameters=[IDEMPOTENCY_KEY, LOCATION],
    )
    @idempotent
    def post(self, request, pk: int):
        assessment = self.access.assessment
        try:
            report = services.report_request(assessment=assessment, user=request.user)
        except services.NotScored:
            raise not_scored(assessment, status.HTTP_409_CONFLICT) from None
        report = self.get_queryset().get(pk=report.pk)  # as the list reads it: no snapshot, no catalog
        data = ReportSerializer(report, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


class ReportView(AssessmentView):
    rights = {"GET": "can_see_results"}

    def report(self, report_id: int) -> Report:
        report = selectors.report_visible(self.access, report_id)
        if report is None:
            raise exceptions.NotFound("No such report of this assessment.")
        return report


class ReportDetail(ReportView):
    serializer_class = ReportSerializer

    @extend_schema(
        tags=["reports"],
        summary="A report: its status, progress and stage",
        description="`status` goes `queued`, `rendering`, then `ready` (or `failed`, with `error`).",
    )
    def get(self, request, pk: int, report_id: int):
        return Response(ReportSerializer(self.report(report_id), context={"request": request}).data)


class ReportPdf(ReportView):
    renderer_classes = [PdfRenderer]
    problem_statuses = {"GET": [409]}

    @extend_schema(
        tags=["reports"],
        summary="Download a ready report (PDF)",
        description=f"The same file as the web app's download. {NOT_READY}",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
        },
        parameters=[CONTENT_DISPOSITION],
    )
    def get(self, request, pk: int, report_id: int):
        report = self.report(report_id)
        if report.status == Report.Status.FAILED:
            raise _not_ready("The report", failed=report.error)
        if report.status != Report.Status.READY or not report.file:
            raise _not_ready("The report")
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=services.report_filename(report),
            content_type="application/pdf",
        )


# ---------------------------------------------------------------------------------------------
# Batches: a firm's members report on several of its clients at once


class ReportBatchCreate(generics.GenericAPIView):
    serializer_class = ReportBatchSerializer

    @extend_schema(
        tags=["reports"],
        summary="Request reports of several client assessments at once (a firm's members)",
        description=(
            "One report per assessment, rendered in parallel by the available workers, then a ZIP of "
            "them. Answers at once (202); poll the batch until its `status` is `ready`."
        ),
        request=ReportBatchCreateSerializer,
        responses={202: ReportBatchSerializer},
        parameters=[IDEMPOTENCY_KEY, LOCATION],
    )
    @idempotent
    def post(self, request):
        form = ReportBatchCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        firm = next((f for f in firms_of(request.user) if f.slug == form.validated_data["firm"]), None)
        if firm is None:
            raise exceptions.ValidationError({"firm": ["You are not a member of a firm with this slug."]})
        assessments = _batch_assessments(firm, form.validated_data["assessments"])
        try:
            batch = services.batch_request(firm=firm, user=request.user, assessments=assessments)
        except services.BatchInvalid as invalid:
            raise Problem(
                status_code=400,
                kind=VALIDATION,
                detail=f"No reports were started: {invalid}",
                errors=field_errors([("assessments", str(invalid))]),
            ) from None
        batch = selectors.batch_for_member(user=request.user, batch_id=batch.pk)
        data = ReportBatchSerializer(batch, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


def _batch_assessments(firm, requested: list[int]) -> list:
    """The requested assessments, once each, in the order given; a problem naming each one the
    firm cannot batch (another firm's, a draft, or none at all: the same words, no leak)."""
    found = {a.pk: a for a in selectors.batch_assessments(firm).filter(pk__in=requested)}
    missing = [
        (f"assessments[{index}]", f"{pk} is not a submitted, scored assessment of a client of {firm}.")
        for index, pk in enumerate(requested)
        if pk not in found
    ]
    if missing:
        raise Problem(
            status_code=400,
            kind=VALIDATION,
            detail=f"No reports were started: {missing[0][1]}",
            errors=field_errors(missing),
        )
    return [found[pk] for pk in dict.fromkeys(requested)]


class BatchView(generics.GenericAPIView):
    def batch(self, pk: int) -> ReportBatch:
        batch = selectors.batch_for_member(user=self.request.user, batch_id=pk)
        if batch is None:
            raise exceptions.NotFound("No such batch of a firm of yours.")
        return batch


class ReportBatchDetail(BatchView):
    serializer_class = ReportBatchSerializer

    @extend_schema(tags=["reports"], summary="A batch of reports: its status, progress, stage and reports")
    def get(self, request, pk: int):
        return Response(ReportBatchSerializer(self.batch(pk), context={"request": request}).data)


class ReportBatchArchive(BatchView):
    renderer_classes = [ZipRenderer]
    problem_statuses = {"GET": [409]}

    @extend_schema(
        tags=["reports"],
        summary="Download a ready batch: a ZIP of its ready reports",
        description=NOT_READY,
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The ZIP."),
        },
        parameters=[CONTENT_DISPOSITION],
    )
    def get(self, request, pk: int):
        batch = self.batch(pk)
        if not batch.archive:
            raise _not_ready("The batch")
        return FileResponse(
            batch.archive.open("rb"),
            as_attachment=True,
            filename=services.batch_filename(batch),
            content_type="application/zip",
        )
