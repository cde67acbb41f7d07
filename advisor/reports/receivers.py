"""What reports does when a lower app publishes an event (connected in ReportsConfig.ready)."""

from django.dispatch import receiver

from advisor.accounts.signals import firm_page_panels


@receiver(firm_page_panels, dispatch_uid="reports.batch_panel")
def batch_panel(sender, firm, request, **kwargs):
    """The firm page's panel for reports of several clients at once."""
    from advisor.reports.views import batch_panel_html

    return batch_panel_html(request, firm)
