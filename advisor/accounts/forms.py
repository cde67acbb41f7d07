from django import forms
from django.contrib.auth import password_validation

from advisor.accounts.models import OrganizationMembership, User


class SignUpForm(forms.Form):
    KIND_CHOICES = [
        ("organization", "My organization wants to assess its own AI lock-in"),
        ("firm", "I advise client organizations (advisory firm)"),
    ]
    kind = forms.ChoiceField(
        choices=KIND_CHOICES, widget=forms.RadioSelect, initial="organization", label="I am signing up for"
    )
    name = forms.CharField(max_length=200, label="Organization or firm name")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(help_text="You sign in with this address.")
    password = forms.CharField(
        widget=forms.PasswordInput,
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(username=email).exists():
            raise forms.ValidationError("An account with this email already exists; sign in instead.")
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            user = User(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class PersonForm(forms.Form):
    email = forms.EmailField()
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)


class MemberForm(PersonForm):
    role = forms.ChoiceField(
        choices=OrganizationMembership.Role.choices, initial=OrganizationMembership.Role.MEMBER
    )


class ClientForm(forms.Form):
    name = forms.CharField(max_length=200, label="Client organization name")


class BrandingForm(forms.Form):
    logo = forms.FileField(
        required=False, help_text="PNG or JPEG, at most 2 MB; shown on the cover of your clients' reports."
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the current logo")
    accent_colour = forms.CharField(
        required=False,
        max_length=7,
        label="Accent colour",
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text="Headings and rules of your clients' reports.",
    )
