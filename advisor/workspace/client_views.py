import re
from itertools import pairwise

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from advisor.accounts import services as accounts_services
from advisor.accounts.selectors import organization_can_manage, organization_get_visible
from advisor.questionnaire import services as questionnaire_services
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.selectors import assessments_visible_to
from advisor.workspace import history
from advisor.workspace.forms import ArchiveForm, RenameForm


def _assessments(organization, *, show_archived: bool = True) -> list[Assessment]:
    assessments = organization.assessments.select_related(
        "score__catalog_version", "score__scoring_model", "catalog_version"
    ).order_by("-created_at")
    if not show_archived:
        assessments = assessments.filter(archived_at__isnull=True)
    return list(assessments)


@login_required
def client_page(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    show_archived = request.GET.get("archived") == "1"
    assessments = _assessments(organization, show_archived=show_archived)
    scored = history.scored_in_order(assessments)
    return render(
        request,
        "workspace/client.html",
        {
            "organization": organization,
            "rows": _rows(assessments, scored),
            "scored": scored,
            "latest": scored[-1] if scored else None,
            "trends": history.client_trends(scored),
            "show_archived": show_archived,
            "archived_count": organization.assessments.filter(archived_at__isnull=False).count(),
            "can_manage": organization_can_manage(user=request.user, organization=organization),
        },
    )


def _rows(assessments: list[Assessment], scored: list[Assessment]) -> list[dict]:
    """Each assessment with the scored one before it, for a "compare with previous" link."""
    previous = {later.pk: earlier for earlier, later in pairwise(scored)}
    return [{"assessment": a, "previous": previous.get(a.pk)} for a in assessments]


def _chosen(assessments: list[Assessment], posted: str | None) -> Assessment | None:
    if not posted or not re.fullmatch(r"[0-9]{1,18}", posted):
        return None
    return next((a for a in assessments if a.pk == int(posted)), None)


@login_required
def client_compare(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    submitted = [a for a in _assessments(organization) if a.is_submitted]
    first, second = _chosen(submitted, request.GET.get("a")), _chosen(submitted, request.GET.get("b"))
    if first is None and second is None and len(submitted) >= 2:
        first, second = submitted[1], submitted[0]  # the latest two
    if first is None or second is None or first == second:
        messages.error(request, "Choose two different submitted assessments of this client to compare.")
        return redirect("workspace:client", slug=organization.slug)
    older, newer = sorted((first, second), key=lambda a: (a.submitted_at or a.created_at, a.pk))
    rescore = request.GET.get("rescore") == "1"
    context = history.comparison(older=older, newer=newer, rescore=rescore)
    return render(
        request,
        "workspace/compare.html",
        {
            **context,
            "organization": organization,
            "submitted": submitted,
            "rescore_url": f"{reverse('workspace:compare', args=[organization.slug])}"
            f"?a={older.pk}&b={newer.pk}&rescore=1",
        },
    )


# ---------------------------------------------------------------------------------------------
# Rename and archive: organization admins and the firm's consultants


def _managed_organization(request: HttpRequest, slug: str):
    organization = organization_get_visible(user=request.user, slug=slug)
    if not organization_can_manage(user=request.user, organization=organization):
        raise PermissionDenied("Only an organization admin or its consultants can change this client.")
    return organization


def _managed_assessment(request: HttpRequest, pk: int) -> Assessment:
    assessment = get_object_or_404(assessments_visible_to(request.user).select_related("organization"), pk=pk)
    if not organization_can_manage(user=request.user, organization=assessment.organization):
        raise PermissionDenied("Only an organization admin or its consultants can change this assessment.")
    return assessment


def _name_error(request: HttpRequest, form: RenameForm) -> None:
    errors = "; ".join(f"{field}: {' '.join(str(m) for m in e)}" for field, e in form.errors.items())
    messages.error(request, f"Not renamed. {errors}")


@login_required
@require_POST
def client_rename(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _managed_organization(request, slug)
    form = RenameForm(request.POST)
    if not form.is_valid():
        _name_error(request, form)
    else:
        accounts_services.organization_rename(organization=organization, name=form.cleaned_data["name"])
        messages.success(request, f"Renamed to “{organization.name}”.")
    return redirect("workspace:client", slug=organization.slug)


@login_required
@require_POST
def client_archive(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _managed_organization(request, slug)
    form = ArchiveForm(request.POST)
    form.is_valid()
    archived = form.cleaned_data.get("archived", False)
    accounts_services.organization_archive(organization=organization, archived=archived)
    done = "archived: it is hidden from client lists" if archived else "restored"
    messages.success(request, f"{organization.name} {done}.")
    return redirect("workspace:client", slug=organization.slug)


@login_required
@require_POST
def assessment_rename(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed_assessment(request, pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        _name_error(request, form)
    else:
        questionnaire_services.assessment_retitle(assessment=assessment, title=form.cleaned_data["name"])
        messages.success(request, f"Assessment renamed to “{assessment.title}”.")
    return redirect("workspace:client", slug=assessment.organization.slug)


@login_required
@require_POST
def assessment_archive(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed_assessment(request, pk)
    form = ArchiveForm(request.POST)
    form.is_valid()
    archived = form.cleaned_data.get("archived", False)
    questionnaire_services.assessment_archive(assessment=assessment, archived=archived)
    done = "archived: “Show archived” lists it again" if archived else "restored"
    messages.success(request, f"“{assessment.title}” {done}.")
    return redirect("workspace:client", slug=assessment.organization.slug)
