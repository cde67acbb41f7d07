from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from advisor.accounts import emails
from advisor.accounts.models import OrganizationMembership, User
from advisor.core.validators import refuse_control_characters


class SignUpForm(forms.Form):
    KIND_CHOICES = [
        ("organization", "My organization wants to assess its own AI lock-in"),
        ("firm", "I advise client organizations (advisory firm)"),
    ]
    kind = forms.ChoiceField(
        choices=KIND_CHOICES, widget=forms.RadioSelect, initial="organization", label="I am signing up for"
    )
    name = forms.CharField(
        max_length=200, label="Organization or firm name", validators=[refuse_control_characters]
    )
    first_name = forms.CharField(max_length=150, validators=[refuse_control_characters])
    last_name = forms.CharField(max_length=150, validators=[refuse_control_characters])
    email = forms.EmailField(help_text="You sign in with this address; we send a link to confirm it.")
    password = forms.CharField(
        widget=forms.PasswordInput,
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )

    def clean_email(self) -> str:
        # Whether the address has an account is never said here (the email says it).
        return self.cleaned_data["email"].strip().lower()

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


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    """Sign in by email address: the label says so, and the address is matched in lower case."""

    username = auth_forms.UsernameField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": (
            "This email and password do not match an active account. "
            "If you have just signed up, follow the link in the email we sent you first."
        ),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form and token, with our email (8bit text, signed by the app)."""

    def save(self, *args, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            emails.send_password_reset(user=user, request=kwargs.get("request"))


class PersonForm(forms.Form):
    email = forms.EmailField()
    first_name = forms.CharField(max_length=150, required=False, validators=[refuse_control_characters])
    last_name = forms.CharField(max_length=150, required=False, validators=[refuse_control_characters])


class MemberForm(PersonForm):
    role = forms.ChoiceField(
        choices=OrganizationMembership.Role.choices, initial=OrganizationMembership.Role.MEMBER
    )


class ClientForm(forms.Form):
    name = forms.CharField(
        max_length=200, label="Client organization name", validators=[refuse_control_characters]
    )


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
