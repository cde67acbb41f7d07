"""What the workspace does when a lower app publishes an event (connected in WorkspaceConfig.ready)."""

import logging
import smtplib
from functools import partial

from django.db import transaction
from django.dispatch import receiver

from advisor.accounts.models import Organization
from advisor.questionnaire.signals import assessment_submitted, organization_page_panels
from advisor.scoring.signals import results_page_panels
from advisor.workspace import emails

logger = logging.getLogger(__name__)


@receiver(assessment_submitted, dispatch_uid="workspace.tell_inviters")
def tell_inviters(sender, assessment, **kwargs) -> None:
    """An invitee submitted (nobody signed in did): whoever invited them hears of it by email,
    once the submission is committed. The dashboard shows it too (selectors.ClientRow)."""
    if assessment.submitted_by_id is not None:
        return
    transaction.on_commit(partial(_send_submitted_emails, assessment.pk))


def _send_submitted_emails(assessment_id: int) -> None:
    try:
        emails.send_invitee_submitted(assessment_id=assessment_id)
    except (ValueError, smtplib.SMTPException, OSError) as error:  # the submission stands regardless
        logger.warning("Could not tell the inviters of assessment %s: %s", assessment_id, error)


@receiver(organization_page_panels, dispatch_uid="workspace.portfolio_position_panel")
def portfolio_position_panel(sender, organization: Organization, request, **kwargs) -> str | None:
    """The organization page's block: where it sits among its firm's clients, percentiles only."""
    from advisor.workspace.views import portfolio_position_html

    return portfolio_position_html(request, organization)


@receiver(results_page_panels, dispatch_uid="workspace.plan_panel")
def plan_panel(sender, access, request, **kwargs):
    """The results page's improvement plan and what-if."""
    from advisor.workspace.plan_views import plan_panel_html

    return plan_panel_html(request, access)
