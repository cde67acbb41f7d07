"""Query parameters of the lists (django-filter)."""

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField

from advisor.accounts.models import Organization
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report
from advisor.scoring.models import MigrationOutcome


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, in UTC: Python accepts offsets up to a day, PostgreSQL only ±15:59."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValidationError("This date-time is out of range.", code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class OrganizationFilter(django_filters.FilterSet):
    firm = django_filters.CharFilter(
        field_name="firm__slug", help_text="Only the clients of this firm (slug)."
    )
    name = django_filters.CharFilter(lookup_expr="icontains", help_text="Name contains (any case).")

    class Meta:
        model = Organization
        fields = ["firm", "name"]


class AssessmentFilter(django_filters.FilterSet):
    organization = django_filters.CharFilter(
        field_name="organization__slug", help_text="Only this organization's assessments (slug)."
    )
    status = django_filters.ChoiceFilter(choices=Assessment.Status.choices)
    origin = django_filters.ChoiceFilter(choices=Assessment.Origin.choices)
    title = django_filters.CharFilter(lookup_expr="icontains", help_text="Title contains (any case).")
    created_after = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Assessment
        fields = ["organization", "status", "origin", "title", "created_after", "created_before"]


class OutcomeFilter(django_filters.FilterSet):
    ecosystem = django_filters.CharFilter(help_text="Only migrations away from this ecosystem (slug).")

    class Meta:
        model = MigrationOutcome
        fields = ["ecosystem", "high_cost"]


class ReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Report.Status.choices)

    class Meta:
        model = Report
        fields = ["status"]
