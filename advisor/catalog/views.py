from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from advisor.catalog.models import CatalogVersion
from advisor.catalog.selectors import catalog_version_for_display, moat_matrix, risk_matrix


def _context(request: HttpRequest, tab: str) -> dict:
    version = catalog_version_for_display(request.GET.get("version"))
    return {
        "version": version,
        "versions": CatalogVersion.objects.published(),
        "tab": tab,
    }


@login_required
def ecosystems(request: HttpRequest) -> HttpResponse:
    context = _context(request, "ecosystems")
    context["ecosystems"] = context["version"].ecosystems.all()
    context["predictions"] = context["version"].predictions.all()
    return render(request, "catalog/ecosystems.html", context)


@login_required
def models(request: HttpRequest) -> HttpResponse:
    context = _context(request, "models")
    context["models"] = context["version"].foundationmodels.select_related("ecosystem")
    context["market"] = context["version"].marketfigures.all()
    return render(request, "catalog/models.html", context)


@login_required
def channels(request: HttpRequest) -> HttpResponse:
    context = _context(request, "channels")
    version = context["version"]
    context["channels"], context["moat_rows"] = moat_matrix(version)
    context["scenarios"], context["risk_rows"] = risk_matrix(version)
    return render(request, "catalog/channels.html", context)
