from datetime import timedelta

from django import forms
from django.utils import timezone


class TokenForm(forms.Form):
    EXPIRY_CHOICES = [("30", "in 30 days"), ("90", "in 90 days"), ("365", "in a year"), ("", "never")]

    name = forms.CharField(max_length=100, help_text="What it is for, e.g. “nightly import script”.")
    expires_in = forms.ChoiceField(choices=EXPIRY_CHOICES, initial="90", required=False, label="Expires")

    def expires_at(self):
        days = self.cleaned_data.get("expires_in")
        return timezone.now() + timedelta(days=int(days)) if days else None
