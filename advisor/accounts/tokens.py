"""The token of the link that confirms a sign-up's email address."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class SignUpConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset tokens, salted apart from them.

    The hash covers the password and `is_active`: the link stops working once it has
    activated the account, and when a newer sign-up replaces an unconfirmed one.
    """

    key_salt = "advisor.accounts.tokens.SignUpConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.is_active}{user.email}{timestamp}"


sign_up_confirmation_token = SignUpConfirmationTokenGenerator()
