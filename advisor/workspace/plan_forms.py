"""Forms of the improvement plan and the what-if. Every error names its field."""

from django import forms

from advisor.domain.profile import Profile
from advisor.domain.scoring.whatif import Change, contract_ecosystems
from advisor.domain.vocabulary import PRACTICES
from advisor.scoring.labels import ACTIONS as ACTION_LABELS
from advisor.scoring.models import PlanItem


class AcceptForm(forms.Form):
    action = forms.CharField(max_length=60)
    ecosystem = forms.SlugField(required=False)
    owner = forms.CharField(max_length=200, required=False)
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["owner", "due_date", "status"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # the inputs sit in table cells, the form in the last one
            field.widget.attrs["form"] = self.prefix


class NameForm(forms.Form):
    name = forms.CharField(max_length=120)


class WhatIfForm(forms.Form):
    """Practices to adopt, contracts to end, one workload to move: the answers the what-if
    changes on top of the assessment's own."""

    def __init__(self, *args, profile: Profile, ecosystems: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        adopted = set(profile.practices.adopted())
        practices = [(p, ACTION_LABELS[p]) for p in PRACTICES if p not in adopted]
        contracts = [(e, ecosystems.get(e, e)) for e in contract_ecosystems(profile)]
        workloads = [
            (str(i), f"{w.name} ({ecosystems.get(w.ecosystem, w.ecosystem)})")
            for i, w in enumerate(profile.workloads)
        ]
        checkboxes = forms.CheckboxSelectMultiple
        self.fields["practice"] = forms.MultipleChoiceField(
            choices=practices, required=False, widget=checkboxes
        )
        self.fields["end_contract"] = forms.MultipleChoiceField(
            choices=contracts, required=False, widget=checkboxes
        )
        self.fields["move_workload"] = forms.TypedChoiceField(
            choices=[("", "No workload"), *workloads], required=False, coerce=int, empty_value=None
        )
        self.fields["move_to"] = forms.ChoiceField(
            choices=[("", "Choose an ecosystem"), *ecosystems.items()], required=False
        )

    def clean(self):
        data = super().clean()
        if data.get("move_workload") is not None and not data.get("move_to"):
            self.add_error("move_to", "Say which ecosystem the workload moves to.")
        return data

    def changes(self) -> list[Change]:
        data = self.cleaned_data
        changes = [Change(practice) for practice in data["practice"]]
        changes += [Change("end_contract", ecosystem) for ecosystem in data["end_contract"]]
        if data.get("move_workload") is not None:
            changes.append(Change("move_workload", workload=data["move_workload"], to=data["move_to"]))
        return changes
