from django import forms


class RenameForm(forms.Form):
    name = forms.CharField(max_length=200, strip=True, error_messages={"required": "Enter a name."})


class ArchiveForm(forms.Form):
    archived = forms.BooleanField(required=False)
