"""The improvement plan in the report's roadmap: snapshotted at request time, rendered in the PDF."""

import datetime

import pytest

from advisor.reports import services, tasks
from advisor.scoring import plans
from advisor.scoring.models import PlanItem
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    ids: list = []
    monkeypatch.setattr(tasks, "enqueue_render", ids.append)
    return ids


def test_the_plan_is_in_the_report_snapshot_and_its_roadmap(scored, personas, enqueued):
    first, second = scored.score.result["recommendations"][:2]
    item = plans.plan_item_accept(
        assessment=scored,
        action=first["action"],
        ecosystem=first["ecosystem"] or "",
        owner="Priya Natarajan",
        due_date=datetime.date(2027, 3, 31),
    )
    plans.plan_item_accept(assessment=scored, action=second["action"], ecosystem=second["ecosystem"] or "")
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    plans.plan_item_update(item=item, owner="Someone else", due_date=None, status=PlanItem.Status.DONE)

    report.refresh_from_db()
    assert [entry["owner"] for entry in report.plan["items"]] == ["Priya Natarajan", ""]  # as requested
    projected = report.plan["projected"]

    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    text = " ".join(pdf_text(report.file.read()).split())
    roadmap = text[text.index("Improvement plan") :]
    assert "Priya Natarajan" in roadmap
    assert "2027-03-31" in roadmap
    assert "To assign" in roadmap
    assert "Someone else" not in text
    assert f"lock-in index {projected['index_before']:.1f} → {projected['index_after']:.1f}" in roadmap


def test_a_report_without_a_plan_has_no_plan_section(scored, personas, enqueued):
    report = services.report_request(assessment=scored, user=personas.consultant_a)
    assert report.plan is None
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert "Improvement plan" not in pdf_text(report.file.read())
