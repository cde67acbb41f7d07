"""Events accounts publishes. Higher apps subscribe; accounts imports none of them."""

from django.dispatch import Signal

# Sent while the firm page is built, with keyword arguments `firm` and `request`; a receiver
# returns a panel of HTML for the page (or None), e.g. reports' batch of client reports.
firm_page_panels = Signal()
