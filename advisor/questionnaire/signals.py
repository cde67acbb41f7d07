"""Events the questionnaire publishes. Higher apps subscribe; the questionnaire imports none of them."""

from django.dispatch import Signal

# Sent inside the submitting transaction, once the answers are frozen as a profile; keyword
# argument `assessment`. Scoring subscribes and scores it at once.
assessment_submitted = Signal()

# Sent while an organization's page is built, with keyword arguments `organization` and
# `request`; a receiver returns a block of HTML for the page (or None).
organization_page_panels = Signal()
