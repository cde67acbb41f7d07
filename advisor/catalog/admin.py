"""Catalog admin: edit a draft, see its diff against the active version, publish.

Published versions are read-only here (and refuse changes at the model level too).
Who changed what is Django's admin log, shown on each draft's review page.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join

from advisor.catalog import services
from advisor.catalog.admin_forms import CatalogRecordForm
from advisor.catalog.models import (
    CatalogVersion,
    Channel,
    Ecosystem,
    FoundationModel,
    MarketFigure,
    MoatRating,
    Prediction,
    RiskRating,
)


@admin.register(CatalogVersion)
class CatalogVersionAdmin(admin.ModelAdmin):
    list_display = [
        "label",
        "status",
        "short_hash",
        "note",
        "created_by",
        "created_at",
        "published_by",
        "published_at",
    ]
    list_filter = ["status"]
    readonly_fields = [
        "label",
        "status",
        "content_hash",
        "based_on",
        "created_by",
        "created_at",
        "published_by",
        "published_at",
        "actions_links",
    ]
    fields = [
        "label",
        "status",
        "note",
        "actions_links",
        "questionnaire",
        "based_on",
        "content_hash",
        "created_by",
        "created_at",
        "published_by",
        "published_at",
    ]
    change_list_template = "admin/catalog/catalogversion/change_list.html"

    @admin.display(description="hash")
    def short_hash(self, version: CatalogVersion) -> str:
        return version.content_hash[:12]

    @admin.display(description="Review")
    def actions_links(self, version: CatalogVersion) -> str:
        if version.pk is None:
            return "-"
        links = [
            (
                str(model._meta.verbose_name_plural).capitalize(),
                reverse(f"admin:catalog_{model._meta.model_name}_changelist")
                + f"?version__id__exact={version.pk}",
            )
            for model in services.RECORD_MODELS.values()
        ]
        links.append(("Diff and history", reverse("admin:catalog_version_review", args=[version.pk])))
        return format_html_join(" · ", '<a href="{}">{}</a>', ((url, label) for label, url in links))

    def has_add_permission(self, request) -> bool:
        return False  # drafts are started from a version: see the "Start a draft" button

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_published)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("new-draft/", view(self.new_draft_view), name="catalog_version_new_draft"),
            path("<int:pk>/review/", view(self.review_view), name="catalog_version_review"),
            path("<int:pk>/publish/", view(self.publish_view), name="catalog_version_publish"),
            *super().get_urls(),
        ]

    def new_draft_view(self, request):
        if request.method != "POST" or not self.has_change_permission(request):
            return redirect("admin:catalog_catalogversion_changelist")
        draft = services.catalog_draft_create(user=request.user)
        self.log_addition(request, draft, [{"added": {}}])
        messages.success(
            request,
            f"Started {draft.label} as a copy of the active catalog. Edit its records, then publish.",
        )
        return redirect("admin:catalog_version_review", draft.pk)

    def review_view(self, request, pk: int):
        version = get_object_or_404(CatalogVersion, pk=pk)
        active = CatalogVersion.objects.active()
        compare_to = version.based_on or active
        if version == active:
            compare_to = CatalogVersion.objects.published().filter(number__lt=version.number).first()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review catalog {version.label}",
            "version": version,
            "compare_to": compare_to,
            "diff_lines": diff_lines(services.catalog_diff(old=compare_to, new=version)),
            "errors": []
            if version.is_published
            else services.catalog_validate(services.catalog_version_document(version)),
            "history": _history(version),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/catalog/review.html", context)

    def publish_view(self, request, pk: int):
        version = get_object_or_404(CatalogVersion, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, version):
            return redirect("admin:catalog_version_review", pk)
        try:
            services.catalog_publish(draft=version, user=request.user)
        except services.CatalogInvalid as invalid:
            for error in invalid.errors[:20]:
                messages.error(request, str(error))
            return redirect("admin:catalog_version_review", pk)
        version.refresh_from_db()
        self.log_change(request, version, f"Published as {version.label}")
        messages.success(
            request, f"Published catalog {version.label}. New assessments are scored against it."
        )
        for warning in services.catalog_publish_warnings(version=version):
            messages.warning(request, warning)
        return redirect("admin:catalog_version_review", pk)


def diff_lines(diff: str) -> list[tuple[str, str]]:
    """Each line of a unified diff with the class that colours it (added, removed, …)."""
    lines = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            kind = "diff-file"
        elif line.startswith("@@"):
            kind = "diff-hunk"
        elif line.startswith("+"):
            kind = "diff-added"
        elif line.startswith("-"):
            kind = "diff-removed"
        else:
            kind = "diff-context"
        lines.append((kind, line))
    return lines


def _history(version: CatalogVersion) -> list[LogEntry]:
    """Admin log entries for the records of this version, newest first."""
    entries = LogEntry.objects.none()
    for model in services.RECORD_MODELS.values():
        ids = [str(pk) for pk in model.objects.filter(version=version).values_list("pk", flat=True)]
        content_type = ContentType.objects.get_for_model(model)
        entries = entries | LogEntry.objects.filter(content_type=content_type, object_id__in=ids)
    version_type = ContentType.objects.get_for_model(CatalogVersion)
    entries = entries | LogEntry.objects.filter(content_type=version_type, object_id=str(version.pk))
    return list(entries.select_related("user").order_by("-action_time")[:200])


def titled_filter(title: str):
    """A filter on a related record's slug, titled by the record ("By ecosystem", not "By slug")."""

    class TitledFilter(admin.AllValuesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


class CatalogRecordAdmin(admin.ModelAdmin):
    """Records are editable only while their version is a draft."""

    form = CatalogRecordForm
    list_filter = ["version"]
    list_select_related = ["version"]
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or not obj.version.is_published)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or not obj.version.is_published)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = CatalogVersion.objects.filter(status=CatalogVersion.Status.DRAFT)
        if db_field.name in ("ecosystem", "channel"):
            kwargs["queryset"] = db_field.related_model.objects.filter(
                version__status=CatalogVersion.Status.DRAFT
            ).select_related("version")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        except ValidationError as error:  # a published version changed under the form
            messages.error(request, error.message)


@admin.register(Ecosystem)
class EcosystemAdmin(CatalogRecordAdmin):
    list_display = ["name", "slug", "version", "hardware", "model_strategy", "primary_moat", "key_risk"]
    search_fields = ["name", "slug"]


@admin.register(FoundationModel)
class FoundationModelAdmin(CatalogRecordAdmin):
    list_display = [
        "name",
        "ecosystem",
        "version",
        "mmlu",
        "first_token_latency_ms",
        "cost_per_1m_output_usd",
    ]
    search_fields = ["name", "slug"]


@admin.register(Channel)
class ChannelAdmin(CatalogRecordAdmin):
    list_display = ["name", "slug", "version"]


@admin.register(MoatRating)
class MoatRatingAdmin(CatalogRecordAdmin):
    list_display = ["ecosystem", "channel", "strength", "version"]
    list_filter = [
        "version",
        ("channel__slug", titled_filter("channel")),
        ("ecosystem__slug", titled_filter("ecosystem")),
    ]
    list_select_related = ["version", "ecosystem", "channel"]


@admin.register(RiskRating)
class RiskRatingAdmin(CatalogRecordAdmin):
    list_display = ["ecosystem", "scenario", "likelihood", "impact", "version"]
    list_filter = ["version", "scenario", ("ecosystem__slug", titled_filter("ecosystem"))]
    list_select_related = ["version", "ecosystem"]


@admin.register(Prediction)
class PredictionAdmin(CatalogRecordAdmin):
    list_display = ["slug", "horizon", "version"]


@admin.register(MarketFigure)
class MarketFigureAdmin(CatalogRecordAdmin):
    list_display = ["label", "kind", "version"]
