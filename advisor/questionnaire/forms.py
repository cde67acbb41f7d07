from django import forms


class InvitationForm(forms.Form):
    """One address: Django's validator refuses lists ("a@x, b@y") and line breaks, which would
    send the invitation to several people or inject mail headers."""

    email = forms.EmailField(max_length=254)
    results_visible = forms.BooleanField(
        required=False, label="They may see the results and reports once it is scored"
    )
