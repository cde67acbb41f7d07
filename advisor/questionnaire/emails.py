"""The emails the questionnaire sends: one function each, their text in templates/email/."""

from advisor.core.emails import send_templated
from advisor.questionnaire.models import Invitation


def send_invitation(*, invitation: Invitation, inviter, link: str) -> None:
    """The link that lets a client contact fill in one assessment."""
    context = {
        "invitation": invitation,
        "assessment": invitation.assessment,
        "inviter": inviter.get_full_name() or inviter.email,
        "link": link,
    }
    send_templated("email/invitation", [invitation.email], context)
