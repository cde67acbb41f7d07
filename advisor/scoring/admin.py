from django.contrib import admin, messages
from django.utils.html import format_html

from advisor.domain import scoring as engine
from advisor.scoring.models import MigrationOutcome, Score, ScoringFailure, ScoringModel
from advisor.scoring.services import (
    NoActiveModel,
    assessment_score_or_record,
    assessments_score_pending,
    model_activate,
    outcomes_review,
)


@admin.register(ScoringModel)
class ScoringModelAdmin(admin.ModelAdmin):
    list_display = ["version", "catalog_version", "passed", "active", "created_at"]
    list_filter = ["passed", "active"]
    exclude = ["artifact", "card"]
    readonly_fields = [
        "version",
        "catalog_version",
        "catalog_digest",
        "passed",
        "active",
        "created_at",
        "model_card",
    ]
    actions = ["activate"]

    @admin.display(description="Model card")
    def model_card(self, record: ScoringModel) -> str:
        return format_html('<pre class="model-card">{}</pre>', engine.model_card_markdown(record.card))

    def has_add_permission(self, request) -> bool:
        return False  # models come from `manage.py train_model`

    @admin.action(description="Activate the selected model (only one that passed its gates)")
    def activate(self, request, queryset):
        for record in queryset:
            try:
                model_activate(record)
            except ValueError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                # Assessments submitted while no model fitted are scored now, not at the next train.
                pending = assessments_score_pending()
                failed = f"; {pending.failed} failed (see Scoring failures)" if pending.failed else ""
                self.message_user(
                    request,
                    f"{record.version} is active. Scored {pending.scored} waiting assessment(s){failed}.",
                    messages.SUCCESS,
                )


@admin.register(MigrationOutcome)
class MigrationOutcomeAdmin(admin.ModelAdmin):
    """The review list: outcomes enter the shared model's training only once approved here."""

    list_display = [
        "assessment",
        "tenant",
        "ecosystem",
        "effort_person_months",
        "cost_usd",
        "high_cost",
        "recorded_by",
        "created_at",
        "status",
        "reviewed_by",
        "reviewed_at",
    ]
    list_filter = ["status", "ecosystem", "high_cost"]
    list_select_related = ["assessment__organization__firm", "recorded_by", "reviewed_by"]
    raw_id_fields = ["assessment"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "recorded_by", "created_at"]
    actions = ["approve", "reject"]

    @admin.display(description="Tenant")
    def tenant(self, outcome: MigrationOutcome) -> str:
        organization = outcome.assessment.organization
        return organization.firm.name if organization.firm is not None else organization.name

    @admin.action(description="Approve the selected outcomes for training")
    def approve(self, request, queryset):
        count = outcomes_review(outcomes=queryset, status=MigrationOutcome.Status.APPROVED, user=request.user)
        self.message_user(
            request, f"{count} outcome(s) approved: the next training run uses them.", messages.SUCCESS
        )

    @admin.action(description="Reject the selected outcomes")
    def reject(self, request, queryset):
        count = outcomes_review(outcomes=queryset, status=MigrationOutcome.Status.REJECTED, user=request.user)
        self.message_user(
            request, f"{count} outcome(s) rejected: training never uses them.", messages.SUCCESS
        )


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["assessment", "catalog_version", "scoring_model", "created_at"]
    readonly_fields = ["assessment", "catalog_version", "scoring_model", "result", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ScoringFailure)
class ScoringFailureAdmin(admin.ModelAdmin):
    """Submitted assessments whose scoring failed: why, how often, and a retry."""

    list_display = ["assessment", "error_summary", "attempts", "scoring_model", "failed_at"]
    list_select_related = ["assessment", "scoring_model"]
    readonly_fields = ["assessment", "scoring_model", "error", "attempts", "failed_at"]
    actions = ["retry"]

    @admin.display(description="Error")
    def error_summary(self, failure: ScoringFailure) -> str:
        return failure.error if len(failure.error) <= 120 else failure.error[:119] + "…"

    def has_add_permission(self, request) -> bool:
        return False  # failures are recorded by scoring

    @admin.action(description="Retry scoring the selected assessments")
    def retry(self, request, queryset):
        scored = failed = 0
        for failure in queryset.select_related("assessment"):
            try:
                score = assessment_score_or_record(failure.assessment)
            except NoActiveModel as error:
                self.message_user(request, str(error), messages.WARNING)
                return
            scored, failed = (scored + 1, failed) if score else (scored, failed + 1)
        if scored:
            self.message_user(request, f"Scored {scored} assessment(s).", messages.SUCCESS)
        if failed:
            self.message_user(request, f"{failed} failed again; see the error.", messages.ERROR)
