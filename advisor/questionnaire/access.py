"""Who may open an assessment: members and consultants through tenancy, invitees through
their link (kept in the session, and re-checked on every request)."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest

from advisor.accounts.models import Organization
from advisor.accounts.selectors import organization_can_manage
from advisor.questionnaire.models import Assessment, Invitation

SESSION_INVITATIONS = "invitation_ids"


class Access:
    def __init__(self, assessment: Assessment, invitation: Invitation | None):
        self.assessment = assessment
        self.invitation = invitation

    @property
    def is_invitee(self) -> bool:
        return self.invitation is not None

    def can_manage(self, user) -> bool:
        """Organization admins and the firm's consultants may invite and record outcomes;
        an invitee never."""
        return not self.is_invitee and organization_can_manage(
            user=user, organization=self.assessment.organization
        )


def _access(request: HttpRequest, pk: int) -> Access:
    """The assessment if this request may open it, else 404 (or the sign-in page)."""
    if request.user.is_authenticated:
        # One query: the assessment, only if its organization is visible to the user. The
        # catalog's questionnaire is cached per process (services.questionnaire_for), so its
        # large JSON columns are not fetched on every request.
        assessment = (
            Assessment.objects.select_related("organization", "catalog_version")
            .defer("catalog_version__questionnaire", "catalog_version__metadata")
            .filter(pk=pk, organization__in=Organization.objects.visible_to(request.user))
            .first()
        )
        if assessment is not None:
            return Access(assessment, None)
    invitation = _session_invitation(request, pk)
    if invitation is not None:
        return Access(invitation.assessment, invitation)
    if not request.user.is_authenticated:
        raise _LoginRequired()
    raise Http404("No such assessment.")


def _session_invitation(request: HttpRequest, pk: int) -> Invitation | None:
    ids = request.session.get(SESSION_INVITATIONS, [])
    invitation = (
        Invitation.objects.select_related("assessment__organization", "assessment__catalog_version")
        .filter(pk__in=ids, assessment_id=pk)
        .first()
    )
    # Revocation and expiry take effect at once, not only when the link is opened.
    return invitation if invitation is not None and invitation.is_usable else None


class _LoginRequired(Exception):
    pass


def with_access(view):
    """Decorator: the view gets an Access instead of the assessment id, or the request gets 404."""

    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        try:
            access = _access(request, pk)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())
        return view(request, access, *args, **kwargs)

    return wrapper


def actor(request: HttpRequest, access: Access) -> dict:
    if access.is_invitee:
        return {"user": None, "invitation": access.invitation}
    return {"user": request.user, "invitation": None}
