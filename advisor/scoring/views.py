from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from advisor.domain import scoring as engine
from advisor.questionnaire.decorators import with_access
from advisor.questionnaire.selectors import AssessmentAccess
from advisor.scoring import services
from advisor.scoring.forms import OutcomeForm
from advisor.scoring.methodology import methodology_sections
from advisor.scoring.models import Score, ScoringFailure
from advisor.scoring.presentation import score_results_view
from advisor.scoring.signals import results_page_panels


@with_access
def assessment_results(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    if not access.can_see_results or not assessment.is_submitted:
        return redirect("questionnaire:assessment_review", pk=assessment.pk)
    return _results_page(request, access)


def _results_page(request: HttpRequest, access: AssessmentAccess, outcome_form=None) -> HttpResponse:
    assessment = access.assessment
    score = (
        Score.objects.select_related("scoring_model", "catalog_version", "assessment")
        .filter(assessment=assessment)
        .first()
    )
    context: dict[str, Any] = {"assessment": assessment, "score": score, "access": access}
    if score is not None:
        context["results"] = score_results_view(score)
    else:
        context["failure"] = ScoringFailure.objects.filter(assessment=assessment).first()
        context["model_ready"] = services.has_active_model(assessment.catalog_version)
    if access.can_manage:
        try:
            ecosystems = services.outcome_ecosystems(assessment)
        except engine.ProfileError as error:  # a profile frozen before today's bounds
            context["outcome_blocked"] = str(error)
        else:
            context["outcome_form"] = outcome_form or OutcomeForm(
                assessment=assessment, ecosystems=ecosystems
            )
        names = dict(assessment.catalog_version.ecosystems.values_list("slug", "name"))
        context["outcomes"] = [
            {"outcome": outcome, "name": names.get(outcome.ecosystem, outcome.ecosystem)}
            for outcome in assessment.outcomes.select_related("recorded_by")
        ]
    if score is not None:
        panels = results_page_panels.send(sender=Score, access=access, request=request)
        context["panels"] = [panel for _receiver, panel in panels if panel]
    return render(request, "scoring/results.html", context, status=400 if outcome_form else 200)


@with_access
@require_POST
def outcome_record(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    if not access.can_manage or not assessment.is_submitted:
        raise Http404()
    try:
        ecosystems = services.outcome_ecosystems(assessment)
    except engine.ProfileError:
        raise Http404("This assessment's profile cannot be learned from.") from None
    form = OutcomeForm(request.POST, assessment=assessment, ecosystems=ecosystems)
    if not form.is_valid():
        # The page again, with the form and each error next to its field (once).
        return _results_page(request, access, outcome_form=form)
    outcome = form.save(commit=False)
    outcome.recorded_by = request.user
    outcome.save()
    messages.success(
        request,
        "Outcome recorded. An administrator reviews it; once approved, it joins the training data "
        "the next time the model is trained.",
    )
    return redirect("scoring:results", pk=assessment.pk)


@with_access
@require_POST
def score_retry(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    """Score a submitted assessment again (after a failure, or a model activated since)."""
    assessment = access.assessment
    if not access.can_manage or not assessment.is_submitted:
        raise Http404()
    try:
        score = services.assessment_score_or_record(assessment)
    except services.NoActiveModel:
        messages.info(
            request, "Scores are still pending: the scoring model for this catalog is not ready yet."
        )
    else:
        if score is None:
            messages.error(request, "Scoring failed again; the reason is below.")
        else:
            messages.success(request, "Scored.")
    return redirect("scoring:results", pk=assessment.pk)


@login_required
def methodology(request: HttpRequest) -> HttpResponse:
    """docs/methodology.md, section by section: where each figure of the results page is explained."""
    return render(request, "scoring/methodology.html", {"sections": methodology_sections()})
