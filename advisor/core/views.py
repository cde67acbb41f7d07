from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache

from advisor.core import health


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 only when the database, the broker and at least one worker are all up.

    Anyone gets the status; staff, and monitors sending the X-Healthz-Token header, also get
    each check's details (worker names, database vendor, errors).
    """
    checks = {
        "database": health.database_state(),
        "broker": health.broker_state(),
        "worker": health.worker_state(),
    }
    healthy = all(check["up"] for check in checks.values())
    body: dict = {"status": "ok" if healthy else "fail"}
    if _may_see_details(request):
        body.update(checks)
    return JsonResponse(body, status=200 if healthy else 503)


def _may_see_details(request: HttpRequest) -> bool:
    if request.user.is_authenticated and request.user.is_staff:
        return True
    token = request.headers.get("X-Healthz-Token", "")
    return bool(settings.HEALTHZ_TOKEN) and constant_time_compare(token, settings.HEALTHZ_TOKEN)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (the admin's)."""
    return redirect(static("img/favicon.svg"), permanent=True)
