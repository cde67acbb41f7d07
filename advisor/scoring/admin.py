from django.contrib import admin, messages
from django.utils.html import format_html

from advisor.domain import scoring as engine
from advisor.scoring.models import MigrationOutcome, Score, ScoringModel
from advisor.scoring.services import model_activate


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
                self.message_user(request, f"{record.version} is active.", messages.SUCCESS)


@admin.register(MigrationOutcome)
class MigrationOutcomeAdmin(admin.ModelAdmin):
    list_display = [
        "assessment",
        "ecosystem",
        "effort_person_months",
        "cost_usd",
        "high_cost",
        "recorded_by",
        "created_at",
    ]
    list_filter = ["ecosystem", "high_cost"]
    raw_id_fields = ["assessment"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["assessment", "catalog_version", "scoring_model", "created_at"]
    readonly_fields = ["assessment", "catalog_version", "scoring_model", "result", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
