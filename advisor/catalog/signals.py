"""Events the catalog publishes. Higher apps subscribe; the catalog imports none of them."""

from django.dispatch import Signal

# Sent once a catalog version is published (from the admin or by import_catalog); keyword
# argument `version`. A receiver may return a warning for whoever published it (text), or None:
# scoring warns when no active model fits the new version's ratings.
catalog_published = Signal()
