"""What the API shows and accepts. Reads only: every write goes through a service."""

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advisor.accounts.models import Organization
from advisor.catalog.models import CatalogVersion
from advisor.questionnaire.models import Assessment
from advisor.scoring.models import MigrationOutcome, Score

# Any value both an <int:> and a <slug:> route accept, to mark where a route's argument goes.
_ARGUMENT = "2147483647"


@cache
def _route(name: str) -> str:
    """The path of route `name`, with `{}` for its one argument: reverse() runs once per process,
    not once per link of every row of every list."""
    return reverse(name, args=[_ARGUMENT]).replace(_ARGUMENT, "{}")


def absolute_url(context: Mapping, name: str, argument) -> str:
    """The absolute URL of route `name` for `argument`, as DRF's reverse() would give it."""
    request = context.get("request")
    path = _route(name).format(argument)
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
            for name in ("profile", "score", "outcomes", "submit")
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
        help_text="The scores document, format `lockin-scores/2` (docs/profile-format.md, “Scores”).",
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
