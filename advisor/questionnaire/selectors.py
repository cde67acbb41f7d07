"""Who may reach an assessment, and with which rights: the one answer every view, the report
downloads and the API ask for."""

from dataclasses import dataclass
from functools import cached_property

from advisor.accounts.models import Organization, User
from advisor.accounts.selectors import organization_can_manage
from advisor.questionnaire.models import Assessment, Invitation


@dataclass
class AssessmentAccess:
    """How a request reaches an assessment: through tenancy (`user`) or an invitation link."""

    assessment: Assessment
    user: User | None = None  # the signed-in member or consultant; None for an invitee
    invitation: Invitation | None = None

    @property
    def is_invitee(self) -> bool:
        return self.invitation is not None

    @property
    def can_edit(self) -> bool:
        """Change answers: anyone who reaches a draft."""
        return not self.assessment.is_submitted

    @property
    def can_see_results(self) -> bool:
        """Scores, results and reports: members and consultants; an invitee only when the
        consultant (or the organization's admin) who manages the invitation allowed it."""
        return self.invitation is None or self.invitation.results_visible

    @cached_property
    def can_manage(self) -> bool:
        """Invite and revoke, record outcomes: organization admins and the firm's consultants."""
        return self.user is not None and organization_can_manage(
            user=self.user, organization=self.assessment.organization
        )


def assessments_visible_to(user):
    """Every assessment of the organizations the user sees (tenancy: Organization.visible_to)."""
    return Assessment.objects.filter(organization__in=Organization.objects.visible_to(user))


def assessment_access(*, user, assessment_id: int, invitation_ids=()) -> AssessmentAccess | None:
    """The access a user (or the invitations held in their session) has to an assessment; None
    when they may not reach it at all. Revocation and expiry of an invitation count at once."""
    if user.is_authenticated:
        # One query: the assessment, only if its organization is visible to the user. The
        # catalog's questionnaire is cached per process (services.questionnaire_for), so its
        # large JSON columns are not fetched on every request.
        assessment = (
            Assessment.objects.select_related("organization", "catalog_version")
            .defer("catalog_version__questionnaire", "catalog_version__metadata")
            .filter(pk=assessment_id, organization__in=Organization.objects.visible_to(user))
            .first()
        )
        if assessment is not None:
            return AssessmentAccess(assessment, user=user)
    invitation = (
        Invitation.objects.select_related("assessment__organization", "assessment__catalog_version")
        .filter(pk__in=list(invitation_ids), assessment_id=assessment_id)
        .first()
    )
    if invitation is not None and invitation.is_usable:
        return AssessmentAccess(invitation.assessment, invitation=invitation)
    return None
