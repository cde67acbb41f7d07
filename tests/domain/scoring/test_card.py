"""The model card."""

import json
from datetime import UTC, datetime

from advisor.domain.scoring import model_card, model_card_markdown


def test_the_card_carries_what_the_report_appendix_needs(trained):
    card = model_card(trained, created_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))

    json.dumps(card, allow_nan=False)
    assert card["model_version"] == trained.model.version
    assert card["catalog_version"] == "v1"
    assert card["code_version"] == "test"
    assert card["created_at"] == "2026-01-02T03:04:05+00:00"
    assert card["data"]["profiles"] == 2500
    assert card["metrics"]["ece"] == trained.metrics.ece
    assert [gate["name"] for gate in card["gates"]][:3] == ["calibration_error", "brier_skill", "roc_auc"]
    assert card["features"]["exposure"][0]["name"] == "custom_silicon"
    assert set(card["coefficients"]["ecosystem_scale"]) == set(trained.model.ecosystems)
    assert card["hyperparameters"]["classifier_c"] == 1.0
    assert card["metrics"]["generator_brier"] == trained.metrics.generator_brier
    assert card["passed"] is True


def test_the_markdown_card_shows_the_held_out_figures(trained):
    text = model_card_markdown(model_card(trained))

    assert text.startswith(f"# Model card: {trained.model.version}")
    metrics = trained.metrics
    assert (
        f"| Expected calibration error (10 bins) | {metrics.ece:.4f} | {metrics.generator_ece:.4f} |" in text
    )
    assert "no validation against real exits" in text
    assert "| calibration_error | pass |" in text
    assert "passed its quality gates" in text


def test_a_failed_card_says_why(trained):
    card = {**model_card(trained), "passed": False, "reasons": ["roc_auc: 0.6 (needs ≥ 0.7)"]}

    text = model_card_markdown(card)

    assert "FAILED its quality gates" in text
    assert "- roc_auc: 0.6 (needs ≥ 0.7)" in text
