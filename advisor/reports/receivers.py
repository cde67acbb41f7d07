"""What reports does when a lower app publishes an event (connected in ReportsConfig.ready)."""

from django.dispatch import receiver

from advisor.accounts.signals import firm_page_panels
from advisor.scoring.signals import results_page_panels


@receiver(firm_page_panels, dispatch_uid="reports.batch_panel")
def batch_panel(sender, firm, request, **kwargs):
    """The firm page's panel for reports of several clients at once."""
    from advisor.reports.views import batch_panel_html

    return batch_panel_html(request, firm)


@receiver(results_page_panels, dispatch_uid="reports.results_panel")
def results_panel(sender, access, request, **kwargs):
    """The results page's report panel: generate, progress, downloads, failures and retry."""
    from advisor.reports.views import panel_html

    return panel_html(request, access)
