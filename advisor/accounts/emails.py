"""The emails accounts send: one function each, their text in templates/email/."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from advisor.accounts.tokens import sign_up_confirmation_token
from advisor.core.emails import send_templated, site_context


def _uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def send_welcome(*, user, tenant=None, request=None) -> None:
    """A new account's first email: the link to choose a password, then sign in.

    Following it proves the address is theirs, as the confirmation of a sign-up does.
    """
    context = {
        "email": user.email,
        "tenant": tenant,
        "uid": _uid(user),
        "token": default_token_generator.make_token(user),
        **site_context(request),
    }
    send_templated("email/welcome", [user.email], context)


def send_sign_up_confirmation(*, user, pending, request=None) -> None:
    """The link that confirms a sign-up's address; the account works only once it is followed."""
    context = {
        "user": user,
        "pending": pending,
        "path": reverse(
            "accounts:sign_up_confirm",
            kwargs={"uidb64": _uid(user), "token": sign_up_confirmation_token.make_token(user)},
        ),
        **site_context(request),
    }
    send_templated("email/sign_up_confirmation", [user.email], context)


def send_sign_up_attempt(*, user, request=None) -> None:
    """To the owner of an address someone tried to sign up with: nothing changed."""
    context = {
        "user": user,
        "login_path": reverse("login"),
        "reset_path": reverse("password_reset"),
        **site_context(request),
    }
    send_templated("email/sign_up_attempt", [user.email], context)


def send_membership_invitation(*, invitation, request=None) -> None:
    """An existing account is asked to join a firm or an organization: the link to accept."""
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "tenant": invitation.tenant,
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "Someone",
        "path": reverse("accounts:membership_invitation", args=[invitation.token]),
        **site_context(request),
    }
    send_templated("email/membership_invitation", [invitation.user.email], context)


def send_password_reset(*, user, request=None) -> None:
    """The standard reset link (Django's token), in our words and encoding."""
    context = {
        "email": user.email,
        "uid": _uid(user),
        "token": default_token_generator.make_token(user),
        **site_context(request),
    }
    send_templated("email/password_reset", [user.email], context)
