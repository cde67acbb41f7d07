from django import forms

from advisor.scoring.models import MigrationOutcome
from advisor.scoring.services import engine_catalog, outcome_for_engine


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = MigrationOutcome
        fields = ["ecosystem", "effort_person_months", "cost_usd", "high_cost", "notes"]
        labels = {
            "effort_person_months": "Effort (person-months)",
            "cost_usd": "Cost (USD)",
            "high_cost": "It was a high-cost migration",
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, assessment, ecosystems: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.assessment = assessment
        self.fields["ecosystem"] = forms.ChoiceField(
            choices=ecosystems, label="Migrated away from", help_text="The ecosystem the organization left."
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
