"""Events scoring publishes. Higher apps subscribe; scoring imports none of them."""

from django.dispatch import Signal

# Sent while the results page is built, with keyword arguments `access` (AssessmentAccess) and
# `request`; a receiver returns a panel of HTML for the page (or None), e.g. reports' panel.
results_page_panels = Signal()
