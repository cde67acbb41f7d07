from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from advisor.catalog.models import RiskRating
from advisor.questionnaire.access import Access, with_access
from advisor.scoring import labels
from advisor.scoring.charts import exposure_chart_svg
from advisor.scoring.forms import OutcomeForm
from advisor.scoring.models import Score


def _ecosystem_names(assessment) -> dict[str, str]:
    return dict(assessment.catalog_version.ecosystems.values_list("slug", "name"))


def _factor_names(assessment) -> dict[str, str]:
    return dict([*assessment.catalog_version.channels.values_list("slug", "name"), labels.PRACTICES_FACTOR])


@with_access
def assessment_results(request: HttpRequest, access: Access) -> HttpResponse:
    assessment = access.assessment
    if access.is_invitee or not assessment.is_submitted:
        return redirect("assessment_review", pk=assessment.pk)
    score = (
        Score.objects.select_related("scoring_model", "catalog_version").filter(assessment=assessment).first()
    )
    names = _ecosystem_names(assessment)
    context = {"assessment": assessment, "score": score, "names": names}
    if score is not None:
        context.update(_score_context(score.result, names, _factor_names(assessment)))
    if access.can_manage(request.user):
        context["outcome_form"] = OutcomeForm(assessment=assessment, ecosystems=list(names.items()))
        context["outcomes"] = assessment.outcomes.select_related("recorded_by")
    return render(request, "scoring/results.html", context)


def _score_context(result: dict, names: dict[str, str], factors: dict[str, str]) -> dict:
    in_use = [e for e in result["ecosystems"] if e["spend_share"] > 0 or e["exposure"] > 0]
    for entry in in_use:
        entry["name"] = names.get(entry["ecosystem"], entry["ecosystem"])
        entry["driver_rows"] = [
            {
                **d,
                "label": factors.get(d["factor"], d["factor"]),
                "width": min(abs(d["contribution"]), 100),
            }
            for d in entry["drivers"]
        ]
    return {
        "result": result,
        "in_use": in_use,
        "chart": mark_safe(exposure_chart_svg(result["ecosystems"], names)),
        "recommendations": [
            {
                **r,
                "label": labels.ACTIONS.get(r["action"], r["action"]),
                "name": names.get(r["ecosystem"], r["ecosystem"]),
            }
            for r in result["recommendations"]
        ],
        "scenarios": [
            {
                **s,
                "label": RiskRating.Scenario(s["scenario"]).label,
                "name": names.get(s["ecosystem"], s["ecosystem"]),
            }
            for s in result.get("scenarios", [])
        ],
    }


@with_access
@require_POST
def outcome_record(request: HttpRequest, access: Access) -> HttpResponse:
    assessment = access.assessment
    if not access.can_manage(request.user):
        raise Http404()
    if not assessment.is_submitted:
        raise Http404()
    form = OutcomeForm(
        request.POST, assessment=assessment, ecosystems=list(_ecosystem_names(assessment).items())
    )
    if form.is_valid():
        outcome = form.save(commit=False)
        outcome.recorded_by = request.user
        outcome.save()
        messages.success(
            request, "Outcome recorded. It joins the training data the next time the model is trained."
        )
    else:
        errors = "; ".join(
            " ".join(messages_) if name == "__all__" else f"{form.fields[name].label}: {' '.join(messages_)}"
            for name, messages_ in form.errors.items()
        )
        messages.error(request, f"The outcome was not recorded. {errors}")
    return redirect("assessment_results", pk=assessment.pk)
