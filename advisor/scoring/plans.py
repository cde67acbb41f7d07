"""The improvement plan and the what-if: accepted recommendations with an owner, a due date and a
status; the exposure projected once all of them are done (the baseline profile scored again with
every action applied together, see domain/scoring/whatif.py); the change realised by the next
assessment; named milestones; what-ifs kept as scenarios. Nothing here touches a Score."""

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from advisor.domain import scoring as engine
from advisor.domain.scoring.whatif import Change, exposure_change, rescore
from advisor.questionnaire.models import Assessment
from advisor.scoring import services
from advisor.scoring.labels import ACTIONS as ACTION_LABELS
from advisor.scoring.models import ImprovementPlan, PlanItem, PlanMilestone, PlanScenario, Score

PLAN_FORMAT = "lockin-plan/1"


class PlanInvalid(ValueError):
    """A plan change that cannot be made; `field` names the input at fault."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def action_label(action: str, ecosystem: str, names: dict[str, str]) -> str:
    label = ACTION_LABELS.get(action, action)
    return f"{label} ({names.get(ecosystem, ecosystem)})" if ecosystem else label


def item_change(item: PlanItem) -> Change:
    return Change(item.action, item.ecosystem or None)


# --- the baseline and its engine ----------------------------------------------------------------


def baseline_score(assessment: Assessment) -> Score:
    score = (
        Score.objects.select_related("scoring_model", "catalog_version").filter(assessment=assessment).first()
    )
    if score is None:
        raise PlanInvalid("assessment", "this assessment has no scores yet, so there is nothing to plan from")
    return score


def ecosystem_names(score: Score) -> dict[str, str]:
    catalog = services.engine_catalog(score.catalog_version)
    return dict(zip(catalog.ecosystems, catalog.ecosystem_names, strict=True))


def baseline_profile(score: Score) -> engine.Profile:
    """The scored assessment's profile, checked as scoring checked it."""
    return engine.parse_profile(
        score.assessment.profile, services.engine_catalog(score.catalog_version).ecosystems
    )


def whatif_result(
    score: Score, changes: list[Change], profile: engine.Profile | None = None
) -> dict[str, Any]:
    """The scores document of the assessment's profile with the changes made, scored with the
    catalog and the model of its own score (so the difference is the changes', not a method's)."""
    catalog = services.engine_catalog(score.catalog_version)
    model = services.engine_model(score.scoring_model.version)
    return rescore(profile or baseline_profile(score), changes, catalog, model)


def whatif(assessment: Assessment, changes: list[Change]) -> dict[str, Any]:
    """The exposure change of a what-if (ChangeError names the change at fault)."""
    score = baseline_score(assessment)
    return exposure_change(score.result, whatif_result(score, changes))


# --- items ----------------------------------------------------------------------------------------


def plan_of(assessment: Assessment) -> ImprovementPlan | None:
    return ImprovementPlan.objects.filter(assessment=assessment).first()


@transaction.atomic
def plan_item_accept(
    *, assessment: Assessment, action: str, ecosystem: str, owner: str = "", due_date: date | None = None
) -> PlanItem:
    """Accept one of the assessment's recommendations into its plan (once)."""
    score = baseline_score(assessment)
    recommended = {(r["action"], r["ecosystem"] or "") for r in score.result.get("recommendations", [])}
    if (action, ecosystem) not in recommended:
        raise PlanInvalid("action", f"{action!r} is not one of this assessment's recommendations")
    plan, _ = ImprovementPlan.objects.get_or_create(assessment=assessment)
    if plan.items.filter(action=action, ecosystem=ecosystem).exists():
        raise PlanInvalid("action", "this recommendation is already in the plan")
    return PlanItem.objects.create(
        plan=plan, action=action, ecosystem=ecosystem, owner=owner, due_date=due_date
    )


def plan_item_update(*, item: PlanItem, owner: str, due_date: date | None, status: str) -> PlanItem:
    if status not in PlanItem.Status.values:
        raise PlanInvalid("status", f"{status!r} is not one of {', '.join(PlanItem.Status.values)}")
    item.owner, item.due_date, item.status = owner, due_date, status
    item.save(update_fields=["owner", "due_date", "status", "updated_at"])
    return item


def plan_item_remove(*, item: PlanItem) -> None:
    item.delete()


# --- projection and realised change -------------------------------------------------------------


def projection(plan: ImprovementPlan, items: list[PlanItem]) -> dict[str, Any] | None:
    """The baseline against the baseline scored again with all these items done together."""
    if not items:
        return None
    score = baseline_score(plan.assessment)
    return exposure_change(score.result, whatif_result(score, [item_change(item) for item in items]))


def named(change: dict[str, Any] | None, names: dict[str, str]) -> dict[str, Any] | None:
    """An exposure change with each ecosystem's name beside its slug, for pages and reports."""
    if change is None:
        return None
    rows = [{**row, "name": names.get(row["ecosystem"], row["ecosystem"])} for row in change["ecosystems"]]
    return {**change, "ecosystems": rows}


def earlier_plan(assessment: Assessment) -> ImprovementPlan | None:
    """The plan of the organization's latest assessment submitted before this one, if any: the
    plan whose realised change this assessment may show."""
    return (
        ImprovementPlan.objects.filter(
            assessment__organization_id=assessment.organization_id,
            assessment__submitted_at__lt=assessment.submitted_at,
            items__isnull=False,
        )
        .select_related("assessment")
        .order_by("-assessment__submitted_at")
        .first()
    )


def latest_reassessment(plan: ImprovementPlan) -> Assessment | None:
    """The organization's latest scored assessment submitted after the plan's baseline."""
    baseline = plan.assessment
    return (
        Assessment.objects.filter(
            organization_id=baseline.organization_id,
            submitted_at__gt=baseline.submitted_at,
            score__isnull=False,
        )
        .exclude(pk=baseline.pk)
        .select_related("score")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def realised(plan: ImprovementPlan) -> dict[str, Any] | None:
    """What the latest re-assessment actually changed against the baseline (None until one is
    scored). Different catalogs or models are flagged: then the change is partly the method's."""
    later = latest_reassessment(plan)
    if later is None:
        return None
    before, after = baseline_score(plan.assessment).result, later.score.result
    same_method = (before["catalog_version"], before["model_version"]) == (
        after["catalog_version"],
        after["model_version"],
    )
    return {
        "assessment_id": later.pk,
        "title": later.title,
        "same_method": same_method,
        **exposure_change(before, after),
    }


# --- scenarios and milestones ---------------------------------------------------------------------


@transaction.atomic
def scenario_save(*, assessment: Assessment, name: str, changes: list[Change], user) -> PlanScenario:
    if not name.strip():
        raise PlanInvalid("name", "give the scenario a name")
    projected = whatif(assessment, changes)
    plan, _ = ImprovementPlan.objects.get_or_create(assessment=assessment)
    return PlanScenario.objects.create(
        plan=plan,
        name=name.strip(),
        changes=[asdict(change) for change in changes],
        projection=projected,
        created_by=user,
    )


@transaction.atomic
def milestone_create(*, assessment: Assessment, name: str, user) -> PlanMilestone:
    if not name.strip():
        raise PlanInvalid("name", "give the milestone a name")
    plan, _ = ImprovementPlan.objects.get_or_create(assessment=assessment)
    return PlanMilestone.objects.create(
        plan=plan, name=name.strip(), snapshot=plan_document(plan, taken_at=timezone.now()), created_by=user
    )


def plan_document(plan: ImprovementPlan, taken_at=None) -> dict[str, Any]:
    """The plan as plain JSON, with the results it was built on: what a milestone keeps and what
    a report renders."""
    score = baseline_score(plan.assessment)
    names = ecosystem_names(score)
    items = list(plan.items.all())
    done = [item for item in items if item.status == PlanItem.Status.DONE]
    result = score.result
    return {
        "format": PLAN_FORMAT,
        "taken_at": (taken_at or timezone.now()).isoformat(),
        "assessment": {"id": plan.assessment_id, "title": plan.assessment.title},
        "results": {
            "catalog_version": result["catalog_version"],
            "model_version": result["model_version"],
            "overall": result["overall"],
            "ecosystems": [
                {
                    "ecosystem": e["ecosystem"],
                    "name": names.get(e["ecosystem"]),
                    "exposure": e["exposure"],
                    "band": e["band"],
                }
                for e in result["ecosystems"]
                if e["exit_cost"]
            ],
        },
        "items": [
            {
                "action": item.action,
                "ecosystem": item.ecosystem,
                "label": action_label(item.action, item.ecosystem, names),
                "owner": item.owner,
                "due_date": item.due_date.isoformat() if item.due_date else None,
                "status": item.status,
                "status_label": item.get_status_display(),
            }
            for item in items
        ],
        "projected": named(projection(plan, items), names),
        "done_count": len(done),
        "projected_done": named(projection(plan, done), names),
        "realised": named(realised(plan), names),
        "scenarios": [
            {"name": s.name, "changes": s.changes, "projection": named(s.projection, names)}
            for s in plan.scenarios.all()
        ],
    }


def report_plan(assessment: Assessment) -> dict[str, Any] | None:
    """The plan a report of this assessment shows in its roadmap; None without accepted items."""
    plan = plan_of(assessment)
    if plan is None or not plan.items.exists():
        return None
    return plan_document(plan)
