"""The emails accounts send: one function each, their text in templates/email/."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from advisor.core.emails import send_templated, site_context


def send_welcome(*, user, request=None) -> None:
    """A new account's first email: the link to choose a password, then sign in."""
    context = {
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        **site_context(request),
    }
    send_templated("email/welcome", [user.email], context)
