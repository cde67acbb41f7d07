from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from advisor.core import health


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 only when the database, the broker and at least one worker are all up."""
    checks = {
        "database": health.database_state(),
        "broker": health.broker_state(),
        "worker": health.worker_state(),
    }
    healthy = all(check["up"] for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", **checks}, status=200 if healthy else 503)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return redirect(static("img/favicon.svg"), permanent=True)
