"""The improvement plan: accepting recommendations, the projection re-scored with every action at
once, the change realised by a re-assessment, scenarios and immutable milestones."""

import pytest

from advisor.domain.scoring.whatif import Change
from advisor.questionnaire import services as questionnaire
from advisor.scoring import plans
from advisor.scoring.models import PlanItem, PlanMilestone, Score
from tests.conftest import confirm_every_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(active_model, submitted):
    assert Score.objects.filter(assessment=submitted).exists()
    return submitted


def recommended(assessment, count):
    return [(r["action"], r["ecosystem"] or "") for r in assessment.score.result["recommendations"][:count]]


def accept(assessment, count):
    return [
        plans.plan_item_accept(assessment=assessment, action=action, ecosystem=ecosystem)
        for action, ecosystem in recommended(assessment, count)
    ]


def test_projection_rescores_all_accepted_actions_together(scored):
    items = accept(scored, 3)
    plan = plans.plan_of(scored)
    projected = plans.projection(plan, items)
    expected = plans.whatif(scored, [plans.item_change(item) for item in items])
    assert projected == expected
    by_removed = {
        (r["action"], r["ecosystem"] or ""): r["exposure_removed"]
        for r in scored.score.result["recommendations"]
    }
    summed = sum(by_removed[(item.action, item.ecosystem)] for item in items)
    removed = -sum(row["delta"] for row in projected["ecosystems"])
    assert 0 < removed < summed  # overlapping actions: less than the sum of each one's gain
    assert projected["index_after"] < projected["index_before"]


def test_an_action_is_accepted_once_and_only_if_recommended(scored):
    (action, ecosystem), *_ = recommended(scored, 1)
    plans.plan_item_accept(assessment=scored, action=action, ecosystem=ecosystem)
    with pytest.raises(plans.PlanInvalid) as again:
        plans.plan_item_accept(assessment=scored, action=action, ecosystem=ecosystem)
    assert again.value.field == "action"
    with pytest.raises(plans.PlanInvalid, match="not one of this assessment's recommendations"):
        plans.plan_item_accept(assessment=scored, action="move_off_custom_silicon", ecosystem="xai")


def reassess(personas, profile):
    assessment = questionnaire.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="template", profile=profile
    )
    confirm_every_section(assessment, personas.cto)
    return questionnaire.assessment_submit(assessment=assessment, user=personas.cto)


def test_done_actions_and_a_reassessment_show_the_realised_change(scored, personas, bank_profile):
    items = accept(scored, 3)
    practice = next(item for item in items if item.ecosystem == "")  # an organization-wide practice
    plans.plan_item_update(item=practice, owner="Theo", due_date=None, status=PlanItem.Status.DONE)
    plan = plans.plan_of(scored)
    assert plans.realised(plan) is None
    document = plans.plan_document(plan)
    assert document["projected_done"]["index_after"] > document["projected"]["index_after"]

    later = reassess(
        personas, {**bank_profile, "practices": {**bank_profile["practices"], practice.action: True}}
    )
    realised = plans.realised(plan)
    assert realised["assessment_id"] == later.pk
    assert realised["same_method"] is True
    # The re-assessment made exactly the done change: what it realised is what was projected for it.
    assert (
        plans.named(realised, {})["ecosystems"]
        == plans.named(plans.projection(plan, [practice]), {})["ecosystems"]
    )
    assert plans.plan_document(plan)["realised"]["index_after"] == document["projected_done"]["index_after"]


def test_a_scenario_keeps_its_changes_and_projection(scored, personas):
    changes = [Change("llm_gateway"), Change("end_contract", "openai-microsoft")]
    scenario = plans.scenario_save(
        assessment=scored, name="Gateway, no renewal", changes=changes, user=personas.cto
    )
    assert scenario.changes[1] == {
        "action": "end_contract",
        "ecosystem": "openai-microsoft",
        "workload": None,
        "to": None,
    }
    assert scenario.projection == plans.whatif(scored, changes)
    assert Score.objects.get(assessment=scored).result == scored.score.result  # the score is untouched


def test_a_milestone_is_a_snapshot_that_never_changes(scored, personas):
    items = accept(scored, 2)
    milestone = plans.milestone_create(assessment=scored, name="Q1 review", user=personas.cto)
    snapshot = milestone.snapshot
    assert [entry["action"] for entry in snapshot["items"]] == [item.action for item in items]
    assert snapshot["results"]["overall"] == scored.score.result["overall"]
    assert snapshot["projected"]["index_after"] < snapshot["projected"]["index_before"]

    plans.plan_item_update(item=items[0], owner="Mia", due_date=None, status=PlanItem.Status.DONE)
    plans.plan_item_remove(item=items[1])
    assert PlanMilestone.objects.get(pk=milestone.pk).snapshot == snapshot
    milestone.name = "Renamed"
    with pytest.raises(ValueError, match="never changed"):
        milestone.save()
    assert PlanMilestone.objects.get(pk=milestone.pk).name == "Q1 review"


def test_the_report_plan_is_none_without_items(scored):
    assert plans.report_plan(scored) is None
    accept(scored, 1)
    assert plans.report_plan(scored)["items"][0]["status"] == "open"
