"""The improvement plan and the what-if, on the results page (a panel) and behind its forms.

Who may do what follows the shared access selector: whoever sees the results sees the plan and
may try what-ifs (nothing is stored); only those who manage the assessment change the plan.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from advisor.domain import scoring as engine
from advisor.domain.scoring.scores import SCORES_FORMAT
from advisor.domain.scoring.whatif import ChangeError, exposure_change
from advisor.questionnaire.decorators import with_access
from advisor.questionnaire.selectors import AssessmentAccess
from advisor.scoring import plans
from advisor.scoring.models import PlanItem, PlanMilestone, Score
from advisor.workspace.plan_forms import AcceptForm, ItemForm, NameForm, WhatIfForm

# What the plan's pages never read: the model's artifact and card, the catalog's questionnaire.
LARGE_COLUMNS = (
    "scoring_model__artifact",
    "scoring_model__card",
    "catalog_version__questionnaire",
    "catalog_version__metadata",
)


def _score(access: AssessmentAccess, manage: bool = False) -> Score:
    """The assessment's score, for someone who may see its results (and manage it, if asked)."""
    assessment = access.assessment
    if not access.can_see_results or not assessment.is_submitted:
        raise Http404()
    if manage and not access.can_manage:
        raise PermissionDenied("Only the organization's admins and its consultants change the plan.")
    score = (
        Score.objects.select_related("catalog_version", "scoring_model")
        .defer(*LARGE_COLUMNS)
        .filter(assessment=assessment)
        .first()
    )
    if score is None:
        raise Http404("This assessment has no scores yet.")
    if score.result.get("format") != SCORES_FORMAT:
        # Plans and what-ifs re-score with today's engine, whose actions an older score lacks.
        raise Http404("This assessment was scored with an earlier method.")
    score.assessment = assessment
    return score


def _names(score: Score) -> dict[str, str]:
    """The catalog's ecosystem names, from the engine's catalog (cached per process, no query)."""
    return plans.ecosystem_names(score)


def _whatif_form(score: Score, names: dict[str, str], data=None) -> tuple[WhatIfForm, engine.Profile]:
    profile = plans.baseline_profile(score)
    return WhatIfForm(data, profile=profile, ecosystems=names), profile


def _back(access: AssessmentAccess) -> HttpResponse:
    return redirect(reverse("scoring:results", kwargs={"pk": access.assessment.pk}) + "#plan")


def _invalid(request: HttpRequest, access: AssessmentAccess, errors: Mapping[str, Any]) -> HttpResponse:
    context = {"assessment": access.assessment, "errors": errors}
    return render(request, "workspace/plan_error.html", context, status=400)


def plan_panel_html(request: HttpRequest, access: AssessmentAccess) -> str | None:
    """The results page's plan and what-if panel (None where the results are not shown)."""
    try:
        score = _score(access)
    except Http404:
        return None
    return render_to_string("workspace/_plan_panel.html", _panel_context(access, score), request=request)


def _panel_context(access: AssessmentAccess, score: Score) -> dict[str, Any]:
    names = _names(score)
    plan = plans.plan_of(access.assessment)
    document = plans.plan_document(plan) if plan is not None else None
    items = list(plan.items.all()) if plan is not None else []
    accepted = {(item.action, item.ecosystem) for item in items}
    available = [
        {
            "action": r["action"],
            "ecosystem": r["ecosystem"] or "",
            "label": plans.action_label(r["action"], r["ecosystem"] or "", names),
            "removed": r["exposure_removed"],
            "effort": r.get("effort_person_months"),
        }
        for r in score.result.get("recommendations", [])
        if (r["action"], r["ecosystem"] or "") not in accepted
    ]
    rows = [
        {"item": item, "entry": entry, "form": ItemForm(instance=item, prefix=f"item-{item.pk}")}
        for item, entry in zip(items, (document or {}).get("items", []), strict=False)
    ]
    return {
        "assessment": access.assessment,
        "can_manage": access.can_manage,
        "plan": document,
        "rows": rows,
        "available": available,
        "milestones": list(plan.milestones.all()) if plan is not None else [],
        "earlier_plan": plans.earlier_plan(access.assessment) if plan is None else None,
        "whatif_form": _whatif_form(score, names)[0],
    }


@with_access
@require_POST
def plan_item_accept(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    _score(access, manage=True)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _invalid(request, access, form.errors)
    try:
        item = plans.plan_item_accept(assessment=access.assessment, **form.cleaned_data)
    except plans.PlanInvalid as error:
        return _invalid(request, access, {error.field: [error.message]})
    messages.success(request, f"Added to the plan: {plans.action_label(item.action, item.ecosystem, {})}.")
    return _back(access)


def _item(access: AssessmentAccess, item_id: int) -> PlanItem:
    return get_object_or_404(PlanItem, pk=item_id, plan__assessment=access.assessment)


@with_access
@require_POST
def plan_item_update(request: HttpRequest, access: AssessmentAccess, item_id: int) -> HttpResponse:
    _score(access, manage=True)
    item = _item(access, item_id)
    form = ItemForm(request.POST, instance=item, prefix=f"item-{item.pk}")
    if not form.is_valid():
        return _invalid(request, access, form.errors)
    form.save()
    messages.success(request, "Plan updated.")
    return _back(access)


@with_access
@require_POST
def plan_item_remove(request: HttpRequest, access: AssessmentAccess, item_id: int) -> HttpResponse:
    _score(access, manage=True)
    plans.plan_item_remove(item=_item(access, item_id))
    messages.success(request, "Removed from the plan.")
    return _back(access)


@with_access
@require_POST
def milestone_create(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    _score(access, manage=True)
    form = NameForm(request.POST)
    if not form.is_valid():
        return _invalid(request, access, form.errors)
    milestone = plans.milestone_create(
        assessment=access.assessment, name=form.cleaned_data["name"], user=request.user
    )
    messages.success(request, f"Milestone “{milestone.name}” saved.")
    return _back(access)


@with_access
def milestone_detail(request: HttpRequest, access: AssessmentAccess, milestone_id: int) -> HttpResponse:
    _score(access)
    milestone = get_object_or_404(PlanMilestone, pk=milestone_id, plan__assessment=access.assessment)
    context = {"assessment": access.assessment, "milestone": milestone, "plan": milestone.snapshot}
    return render(request, "workspace/milestone.html", context)


@with_access
@require_POST
def whatif(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    """The what-if re-scored (an htmx fragment); a bad input answers 400, naming the field."""
    score = _score(access)
    names = _names(score)
    form, profile = _whatif_form(score, names, request.POST)
    if not form.is_valid():
        return _whatif_response(request, {"assessment": access.assessment, "errors": form.errors}, status=400)
    changes = form.changes()
    try:
        change = exposure_change(score.result, plans.whatif_result(score, changes, profile))
    except ChangeError as error:
        errors = {error.field: [str(error)]}
        return _whatif_response(request, {"assessment": access.assessment, "errors": errors}, status=400)
    context = {
        "assessment": access.assessment,
        "change": plans.named(change, names),
        "changes": changes,
    }
    return _whatif_response(request, context)


def _whatif_response(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    template = (
        "workspace/_whatif_result.html" if request.headers.get("HX-Request") else "workspace/whatif.html"
    )
    return render(request, template, context, status=status)


@with_access
@require_POST
def scenario_save(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    score = _score(access, manage=True)
    form, _profile = _whatif_form(score, _names(score), request.POST)
    name = NameForm(request.POST)
    if not form.is_valid() or not name.is_valid():
        return _invalid(request, access, {**dict(form.errors), **dict(name.errors)})
    if not form.changes():
        return _invalid(
            request, access, {"practice": ["Change at least one answer before saving a scenario."]}
        )
    plans.scenario_save(
        assessment=access.assessment,
        name=name.cleaned_data["name"],
        changes=form.changes(),
        user=request.user,
    )
    messages.success(request, f"Scenario “{name.cleaned_data['name']}” saved in the plan.")
    return _back(access)
