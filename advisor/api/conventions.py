"""The conventions every endpoint shares: access to one assessment through the one selector,
throttling per token, pagination. (Named in settings.REST_FRAMEWORK, so nothing here may import
rest_framework.generics or views, which read those settings while they load.)"""

from django.conf import settings
from rest_framework import exceptions, pagination, permissions, throttling

from advisor.api.authentication import invitation_ids
from advisor.api.models import ApiToken
from advisor.questionnaire.selectors import assessment_access

# What an AssessmentAccess right means to a client who lacks it.
RIGHT_REFUSALS = {
    "can_see_results": "Scores and results are for the organization's members and consultants, not invitees.",
    "can_manage": "Only the organization's admins and the consultants of its firm may do this.",
}


class AssessmentPermission(permissions.BasePermission):
    """The assessment of the URL (`pk`) as `advisor.questionnaire.selectors.assessment_access`
    decides, and the right the view names per method (`view.rights`). No access: 404 (never
    403: no leak of existence), or 401 for a request that is not signed in."""

    def has_permission(self, request, view) -> bool:
        access = assessment_access(
            user=request.user, assessment_id=view.kwargs["pk"], invitation_ids=invitation_ids(request)
        )
        if access is None:
            if not request.user.is_authenticated:
                raise exceptions.NotAuthenticated()
            raise exceptions.NotFound("No such assessment.")
        right = getattr(view, "rights", {}).get(request.method)
        if right is not None and not getattr(access, right):
            raise exceptions.PermissionDenied(RIGHT_REFUSALS[right])
        view.access = access
        return True


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Requests per token (per user on a session, per address when anonymous), counted in the
    default cache, which every web worker shares (Redis, or a table in the database)."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE

    def allow_request(self, request, view) -> bool:
        self.rate = (
            settings.API_THROTTLE_RATE if request.user.is_authenticated else settings.API_ANON_THROTTLE_RATE
        )
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        if isinstance(request.auth, ApiToken):
            who = f"token-{request.auth.pk}"
        elif request.user.is_authenticated:
            who = f"user-{request.user.pk}"
        else:
            who = f"address-{self.get_ident(request)}"
        return f"throttle-{who}"


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
