"""Middleware of the whole site."""

from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """Every page the app renders is private to its reader: `Cache-Control: private, no-store`.

    Tenant pages, results and profile downloads carry one tenant's data; no browser cache,
    shared proxy or back button on a shared computer should keep a copy. Static files are
    served before this (WhiteNoise, with long caching), and a view that sets its own
    Cache-Control keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
