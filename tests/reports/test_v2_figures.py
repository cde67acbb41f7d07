"""The PDF report shows scoring v2's figures (ranges, exit cost and its parts, the probability with
its event and basis, practices not credited, effort), and still renders a format 1 score."""

import json
from pathlib import Path

import pytest

from advisor.questionnaire.models import Assessment
from advisor.reports import services
from advisor.scoring.models import Score
from advisor.scoring.services import assessment_score
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

SCORES_FORMAT_1 = json.loads((Path(__file__).parents[1] / "scoring" / "scores-format-1.json").read_text())
FORMAT_1_PROFILE = Path(__file__).parents[1] / "domain" / "regulated-bank-format-1.json"


def report_text(assessment, user) -> str:
    report = services.report_request(assessment=assessment, user=user)
    services.report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "ready", report.error
    return " ".join(pdf_text(report.file.read()).split())


def test_the_report_shows_the_v2_figures_and_says_how_to_read_them(scored, personas):
    score = assessment_score(scored)
    not_credited = {
        "practice": "multi_vendor_in_production",
        "reason": "Every workload runs on one ecosystem.",
    }
    Score.objects.filter(pk=score.pk).update(
        result={**score.result, "practices_not_credited": [not_credited]}
    )
    top = score.result["ecosystems"][0]
    low, high = top["exposure_range"]

    text = report_text(scored, personas.consultant_a)

    assert f"range {low:.1f}–{high:.1f}" in text
    assert "What the exit cost is made of" in text
    assert "Re-integration of code, SDKs and infrastructure" in text
    assert f"${top['exit_cost']['usd'][1]:,}" in text
    assert "How to read these figures" in text
    assert "prior-implied" in text
    assert "Practices declared but not credited" in text
    assert "Every workload runs on one ecosystem." in text
    assert "Effort (person-" in text  # the column header wraps
    assert "(calibrated)" not in text


def test_a_format_1_score_of_a_format_1_profile_still_makes_a_report(scored, personas):
    score = assessment_score(scored)
    Score.objects.filter(pk=score.pk).update(result=SCORES_FORMAT_1)
    Assessment.objects.filter(pk=scored.pk).update(profile=json.loads(FORMAT_1_PROFILE.read_text()))
    scored.refresh_from_db()

    text = report_text(scored, personas.consultant_a)

    assert "first scoring model" in text
    assert "on Microsoft Azure" in text  # the platform its deployment implies
    assert "What the exit cost is made of" not in text
    assert "How to read these figures" not in text
