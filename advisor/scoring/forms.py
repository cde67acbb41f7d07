from django import forms

from advisor.scoring.models import MigrationOutcome


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

    def __init__(self, *args, ecosystems: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ecosystem"] = forms.ChoiceField(
            choices=ecosystems, label="Migrated away from", help_text="The ecosystem the organization left."
        )
