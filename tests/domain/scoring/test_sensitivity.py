"""The sensitivity table: generated from the engine, restoring every assumption it moves."""

import json

import pytest

from advisor.domain.scoring import model_card, model_card_markdown, score_profiles
from advisor.domain.scoring.calibration import synthetic_profiles
from advisor.domain.scoring.sensitivity import (
    CHANGES,
    SECTION_END,
    SECTION_START,
    production_table,
    sensitivity,
    with_section,
)
from tests.paths import CATALOG_DIR

METHODOLOGY = CATALOG_DIR.parents[1] / "docs" / "methodology.md"


def test_every_assumption_gets_a_row_and_is_restored_afterwards(catalog, model):
    profiles = synthetic_profiles(catalog, 30, seed=4)
    before = json.dumps(score_profiles(profiles, catalog, model))

    rows = sensitivity(catalog, model, profiles)

    assert sorted(row.assumption for row in rows) == sorted(change[0] for change in CHANGES)
    assert json.dumps(score_profiles(profiles, catalog, model)) == before
    by_name = {row.assumption: row for row in rows}
    assert by_name["MASS_RATE"].exposure[0] < 0 < by_name["MASS_RATE"].exposure[1]
    assert by_name["COSTLY_EXIT_PERSON_MONTHS"].exposure == (0.0, 0.0)
    assert (
        by_name["COSTLY_EXIT_PERSON_MONTHS"].probability[0]
        > 0
        > by_name["COSTLY_EXIT_PERSON_MONTHS"].probability[1]
    )


def test_the_model_card_shows_the_table_of_its_model(trained):
    text = model_card_markdown(model_card(trained))

    assert "## Sensitivity: what each assumption moves" in text
    assert "| MASS_RATE | ×0.75 / ×1.25 |" in text


def test_with_section_replaces_only_the_generated_part():
    document = f"before\n{SECTION_START}\nold\n{SECTION_END}\nafter"

    assert with_section(document, "new") == f"before\n{SECTION_START}\nnew\n{SECTION_END}\nafter"


@pytest.mark.slow
def test_the_methodology_shows_the_table_the_engine_generates_today():
    committed = METHODOLOGY.read_text()

    assert with_section(committed, production_table(CATALOG_DIR)) == committed, (
        "run `python -m advisor.domain.scoring.sensitivity` and commit docs/methodology.md"
    )
