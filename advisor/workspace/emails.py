"""The emails the workspace sends: one function each, their text in templates/email/."""

from django.urls import reverse

from advisor.core.emails import send_templated, site_context
from advisor.questionnaire.models import Assessment


def send_invitee_submitted(*, assessment_id: int) -> None:
    """Each person who invited someone to the assessment learns that it was submitted."""
    assessment = Assessment.objects.select_related("organization__firm").get(pk=assessment_id)
    inviters = {
        invitation.created_by.email: invitation.created_by
        for invitation in assessment.invitations.select_related("created_by")
        if invitation.created_by is not None and invitation.created_by.email
    }
    emails = sorted({invitation.email for invitation in assessment.invitations.all()})
    site = site_context(None)
    for address, inviter in inviters.items():
        firm = assessment.organization.firm
        context = {
            **site,
            "assessment": assessment,
            "inviter": inviter,
            "invitees": ", ".join(emails),
            "results_path": reverse("scoring:results", args=[assessment.pk]),
            "dashboard_path": reverse("workspace:firm", args=[firm.slug]) if firm else "",
        }
        send_templated("email/invitee_submitted", [address], context)
