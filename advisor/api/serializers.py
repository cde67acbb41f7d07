"""What the API shows and accepts. Reads only: every write goes through a service."""

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advisor.accounts.models import Organization
from advisor.catalog.models import CatalogVersion
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report, ReportBatch
from advisor.reports.selectors import batch_progress
from advisor.scoring.models import MigrationOutcome, Score

# Any value both an <int:> and a <slug:> route accept, to mark where a route's argument goes.
_ARGUMENT = "2147483647"


@cache
def _route(name: str, count: int = 1) -> str:
    """The path of route `name`, with `{}` for each of its `count` arguments: reverse() runs once
    per process, not once per link of every row of every list."""
    return reverse(name, args=[_ARGUMENT] * count).replace(_ARGUMENT, "{}")


def absolute_url(context: Mapping, name: str, *arguments) -> str:
    """The absolute URL of route `name` for `arguments`, as DRF's reverse() would give it."""
    request = context.get("request")
    path = _route(name, len(arguments)).format(*arguments)
    if request is None:
        return path
    origin = getattr(request, "api_origin", None)
    if origin is None:
        origin = request.api_origin = request.build_absolute_uri("/")[:-1]
    return origin + path


_DATETIME = serializers.DateTimeField()


class FirmRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class OrganizationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    firm = FirmRefSerializer(allow_null=True, read_only=True)
    assessments_url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "firm", "url", "assessments_url", "created_at"]

    def get_url(self, organization) -> str:
        return absolute_url(self.context, "api:organization", organization.slug)

    def get_assessments_url(self, organization) -> str:
        return absolute_url(self.context, "api:organization_assessments", organization.slug)


class OrganizationCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    firm = serializers.SlugField(
        help_text="The slug of the firm whose client this is; you must be its admin."
    )


class AssessmentLinksSerializer(serializers.Serializer):
    profile = serializers.URLField()
    score = serializers.URLField()
    outcomes = serializers.URLField()
    submit = serializers.URLField()
    reports = serializers.URLField()


class AssessmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    organization: "serializers.SlugRelatedField[Organization]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    catalog_version = serializers.IntegerField(
        source="catalog_version.number", read_only=True, help_text="The published catalog version it uses."
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "url",
            "title",
            "status",
            "origin",
            "organization",
            "catalog_version",
            "created_at",
            "submitted_at",
            "links",
        ]
        read_only_fields = fields

    def get_url(self, assessment) -> str:
        return absolute_url(self.context, "api:assessment", assessment.pk)

    @extend_schema_field(AssessmentLinksSerializer)
    def get_links(self, assessment) -> dict:
        return {
            name: absolute_url(self.context, f"api:assessment_{name}", assessment.pk)
            for name in ("profile", "score", "outcomes", "submit", "reports")
        }

    def to_representation(self, assessment) -> dict:
        # The list endpoint's hot path (make bench: api_list_assessments), built directly: DRF's
        # generic field walk cost a third of a list request. The fields declared above still
        # describe it (the schema); a test holds the two equal.
        submitted_at = assessment.submitted_at
        return {
            "id": assessment.pk,
            "url": self.get_url(assessment),
            "title": assessment.title,
            "status": assessment.status,
            "origin": assessment.origin,
            "organization": assessment.organization.slug,
            "catalog_version": assessment.catalog_version.number,
            "created_at": _DATETIME.to_representation(assessment.created_at),
            "submitted_at": _DATETIME.to_representation(submitted_at) if submitted_at else None,
            "links": self.get_links(assessment),
        }


class AssessmentUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)


class ScoreSerializer(serializers.ModelSerializer):
    assessment: "serializers.PrimaryKeyRelatedField[Assessment]" = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    catalog_version = serializers.IntegerField(source="catalog_version.number", read_only=True)
    model_version = serializers.CharField(source="scoring_model.version", read_only=True)
    result = serializers.JSONField(
        read_only=True,
        help_text=(
            "The scores document, format `lockin-scores/2` (docs/profile-format.md, “Scores”); "
            "assessments scored before v2 keep their `lockin-scores/1` document."
        ),
    )

    class Meta:
        model = Score
        fields = ["assessment", "catalog_version", "model_version", "created_at", "result"]


class OutcomeSerializer(serializers.ModelSerializer):
    recorded_by: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="email", read_only=True, allow_null=True
    )

    class Meta:
        model = MigrationOutcome
        fields = [
            "id",
            "ecosystem",
            "effort_person_months",
            "cost_usd",
            "high_cost",
            "notes",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["id", "recorded_by", "created_at"]
        extra_kwargs = {
            "effort_person_months": {"min_value": 0, "max_value": 1e6},
            "cost_usd": {"min_value": 0, "max_value": 1e12},
        }


class ReportSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    assessment: "serializers.PrimaryKeyRelatedField[Assessment]" = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    catalog_version = serializers.IntegerField(source="catalog_version.number", read_only=True)
    requested_by: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="email", read_only=True, allow_null=True
    )
    download_url = serializers.SerializerMethodField(
        help_text="Where to GET the PDF once the report is `ready`; null until then."
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "url",
            "assessment",
            "status",
            "progress",
            "stage",
            "error",
            "catalog_version",
            "model_version",
            "template_version",
            "pages",
            "size_bytes",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_url(self, report) -> str:
        return absolute_url(self.context, "api:assessment_report", report.assessment_id, report.pk)

    def get_download_url(self, report) -> str | None:
        if report.status != Report.Status.READY:
            return None
        return absolute_url(self.context, "api:assessment_report_pdf", report.assessment_id, report.pk)


class ReportBatchCreateSerializer(serializers.Serializer):
    firm = serializers.SlugField(
        help_text="The slug of the firm whose clients they are; you must be its member."
    )
    assessments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=settings.REPORT_BATCH_MAX,
        help_text="Ids of submitted, scored assessments of the firm's clients: one report each.",
    )


class ReportBatchSerializer(serializers.ModelSerializer):
    """A batch and its reports; its progress counts every report (a finished one as 100)."""

    url = serializers.SerializerMethodField()
    firm: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    status = serializers.SerializerMethodField(
        help_text="`rendering` until every report finished and the ZIP is written, then `ready`."
    )
    progress = serializers.SerializerMethodField(help_text="Percent done (100 when ready).")
    stage = serializers.SerializerMethodField()
    reports_finished = serializers.SerializerMethodField(help_text="Reports ready or failed.")
    reports_failed = serializers.SerializerMethodField()
    error = serializers.CharField(read_only=True, help_text="The reports left out of the ZIP, and why.")
    reports = ReportSerializer(many=True, read_only=True)
    archive_url = serializers.SerializerMethodField(
        help_text="Where to GET the ZIP of the ready reports once the batch is `ready`; null until then."
    )

    class Meta:
        model = ReportBatch
        fields = [
            "id",
            "url",
            "firm",
            "status",
            "progress",
            "stage",
            "reports_finished",
            "reports_failed",
            "error",
            "created_at",
            "finished_at",
            "reports",
            "archive_url",
        ]
        read_only_fields = fields

    def get_url(self, batch) -> str:
        return absolute_url(self.context, "api:report_batch", batch.pk)

    @extend_schema_field(serializers.ChoiceField(choices=["rendering", "ready"]))
    def get_status(self, batch) -> str:
        return "ready" if batch.archive else "rendering"

    def get_progress(self, batch) -> int:
        return 100 if batch.archive else batch_progress(batch)["percent"]

    def get_stage(self, batch) -> str:
        progress = batch_progress(batch)
        if batch.archive:
            return "Ready"
        if progress["finished"] == progress["total"]:
            return "Writing the ZIP"
        failed = f", {progress['failed']} failed" if progress["failed"] else ""
        return f"{progress['finished']} of {progress['total']} reports finished{failed}"

    def get_reports_finished(self, batch) -> int:
        return batch_progress(batch)["finished"]

    def get_reports_failed(self, batch) -> int:
        return batch_progress(batch)["failed"]

    def get_archive_url(self, batch) -> str | None:
        return absolute_url(self.context, "api:report_batch_archive", batch.pk) if batch.archive else None


class CatalogVersionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = CatalogVersion
        fields = ["number", "label", "url", "content_hash", "note", "published_at"]

    def get_url(self, version) -> str:
        return absolute_url(self.context, "api:catalog_version", version.number)


class CatalogVersionDocumentSerializer(CatalogVersionSerializer):
    document = serializers.SerializerMethodField(
        help_text="The canonical catalog document (docs/catalog-format.md), as `export_catalog` writes it."
    )

    class Meta(CatalogVersionSerializer.Meta):
        fields = [*CatalogVersionSerializer.Meta.fields, "document"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_document(self, version) -> dict:
        return self.context["document"]
