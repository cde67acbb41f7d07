"""What the workspace does when a lower app publishes an event (connected in WorkspaceConfig.ready)."""

from django.dispatch import receiver

from advisor.scoring.signals import results_page_panels


@receiver(results_page_panels, dispatch_uid="workspace.plan_panel")
def plan_panel(sender, access, request, **kwargs):
    """The results page's improvement plan and what-if."""
    from advisor.workspace.plan_views import plan_panel_html

    return plan_panel_html(request, access)
