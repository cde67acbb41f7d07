"""Score.summary: the headline figures lists of many scores read instead of the document."""

import json
from importlib import import_module
from pathlib import Path

import pytest

from advisor.scoring.models import Score
from advisor.scoring.services import assessment_score

pytestmark = pytest.mark.django_db

SCORES_FORMAT_1 = json.loads(Path(__file__).with_name("scores-format-1.json").read_text())


def expected_summary(result: dict) -> dict:
    return {
        "lock_in_index": result["overall"]["lock_in_index"],
        "band": result["overall"]["band"],
        "ecosystems": [
            {"ecosystem": e["ecosystem"], "exposure": e["exposure"], "band": e["band"]}
            for e in result["ecosystems"]
        ],
    }


def test_scoring_keeps_the_summary_of_the_scores_document(submitted, active_model):
    score = assessment_score(submitted)
    stored = Score.objects.get(pk=score.pk)
    assert stored.summary == expected_summary(stored.result)
    assert len(json.dumps(stored.summary)) < len(json.dumps(stored.result)) / 5


def test_re_scoring_updates_the_summary(submitted, active_model):
    score = assessment_score(submitted)
    Score.objects.filter(pk=score.pk).update(summary={})
    assessment_score(submitted)
    assert Score.objects.get(pk=score.pk).summary == expected_summary(score.result)


def test_the_migration_fills_the_summary_of_scores_stored_before_it(submitted, active_model):
    """Scores of either format stored before the column existed get their summary."""
    from django.apps import apps

    score = assessment_score(submitted)
    Score.objects.filter(pk=score.pk).update(result=SCORES_FORMAT_1, summary={})
    migration = import_module("advisor.scoring.migrations.0006_score_summary")
    migration.fill_summaries(apps, None)
    assert Score.objects.get(pk=score.pk).summary == expected_summary(SCORES_FORMAT_1)
