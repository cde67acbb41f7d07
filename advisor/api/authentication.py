"""Who an API request is: a personal token (`Authorization: Bearer lia_…`) or the browser session.

The session is for the browser docs ("Try it out") and for invitees, whose session holds the
invitation links they opened: they reach those assessments and nothing else.
"""

from rest_framework import authentication, exceptions

from advisor.api import selectors, services
from advisor.questionnaire.decorators import SESSION_INVITATIONS


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as `Authorization: Bearer <token>`.")
        token = selectors.token_for_key(header[1])
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Unknown API token.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This API token was revoked.")
        if token.is_expired:
            raise exceptions.AuthenticationFailed("This API token has expired.")
        services.token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, which checks CSRF only for a signed-in user; an invitee
    has no user but writes through the session too, so their unsafe requests are checked as well."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None and _session_invitations(request):
            self.enforce_csrf(request)
        return result


def invitation_ids(request) -> list[int]:
    """The invitations opened in this browser session; a token request never carries any."""
    if isinstance(request.successful_authenticator, BearerTokenAuthentication):
        return []
    return _session_invitations(request)


def _session_invitations(request) -> list[int]:
    session = getattr(request._request, "session", None)
    return list(session.get(SESSION_INVITATIONS, [])) if session is not None else []
