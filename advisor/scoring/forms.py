from django import forms

from advisor.domain.scoring import assumptions as A
from advisor.scoring.models import MigrationOutcome
from advisor.scoring.services import engine_catalog, outcome_for_engine


class OutcomeForm(forms.ModelForm):
    """A real migration of the assessment's organization. Only the ecosystems its profile uses are
    offered (`ecosystems`), and every number is bounded as the engine bounds it."""

    effort_person_months = forms.FloatField(
        label="Effort (person-months)",
        min_value=0,
        max_value=A.OUTCOME_MAX_EFFORT_PERSON_MONTHS,
        error_messages={
            "max_value": f"At most {A.OUTCOME_MAX_EFFORT_PERSON_MONTHS:,.0f} person-months "
            "(a hundred people for a year)."
        },
    )
    cost_usd = forms.FloatField(
        label="Cost (USD)",
        min_value=0,
        max_value=A.OUTCOME_MAX_COST_USD,
        error_messages={"max_value": f"At most {A.OUTCOME_MAX_COST_USD:,.0f} USD."},
    )
    notes = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Notes (optional)"
    )

    class Meta:
        model = MigrationOutcome
        fields = ["ecosystem", "effort_person_months", "cost_usd", "high_cost", "notes"]
        labels = {"high_cost": "It was a high-cost migration"}

    def __init__(self, *args, assessment, ecosystems: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.assessment = assessment
        self.fields["ecosystem"] = forms.ChoiceField(
            choices=ecosystems,
            label="Migrated away from",
            help_text="An ecosystem this assessment's profile uses.",
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for name in ("ecosystem", "effort_person_months", "cost_usd", "high_cost"):
            setattr(self.instance, name, cleaned.get(name))
        catalog = engine_catalog(self.instance.assessment.catalog_version)
        try:
            outcome_for_engine(self.instance, catalog)
        except ValueError as error:
            raise forms.ValidationError(f"This outcome cannot be learned from: {error}.") from None
        return cleaned
