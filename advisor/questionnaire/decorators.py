"""Views of one assessment get its AssessmentAccess, or the request gets a 404 (or sign-in)."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest

from advisor.questionnaire.selectors import AssessmentAccess, assessment_access

SESSION_INVITATIONS = "invitation_ids"


def with_access(view):
    """Decorator: the view gets an AssessmentAccess instead of the assessment id."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs):
        access = assessment_access(
            user=request.user, assessment_id=pk, invitation_ids=request.session.get(SESSION_INVITATIONS, [])
        )
        if access is None and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access is None:
            raise Http404("No such assessment.")
        return view(request, access, *args, **kwargs)

    return wrapper


def actor(access: AssessmentAccess) -> dict:
    """Who a write is recorded as: the signed-in user, or the invitation."""
    return {"user": access.user, "invitation": access.invitation}
