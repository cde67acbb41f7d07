"""Scores of the fixtures' profiles, bit for bit as recorded before the pure modules moved into
advisor/domain: a refactoring changes no number. A deliberate change of the method re-records
them (`python -m tests.domain.scoring.test_recorded_scores`) and says so in its commit."""

import json
import sys
from pathlib import Path

from advisor.domain.scoring import parse_profile, score_profiles
from advisor.domain.scoring.golden import (
    ALL_COPILOT,
    DEEP_MISTRAL,
    GOOGLE_SHOP,
    NORTHWIND_BANK,
    SELF_HOSTED_LLAMA,
)
from tests.paths import PROFILES_DIR

RECORDED = Path(__file__).with_name("recorded_scores.json")


def fixture_profiles() -> dict[str, dict]:
    profiles = {path.stem: json.loads(path.read_text()) for path in sorted(PROFILES_DIR.glob("*.json"))}
    profiles["golden-northwind-bank"] = NORTHWIND_BANK
    profiles["golden-self-hosted-llama"] = SELF_HOSTED_LLAMA
    profiles["golden-google-shop"] = GOOGLE_SHOP
    profiles["golden-deep-mistral"] = DEEP_MISTRAL
    # A single-vendor company declaring practices it cannot have: they are listed, not credited.
    profiles["golden-all-copilot-claiming-two-vendors"] = {
        **ALL_COPILOT,
        "practices": {"multi_vendor_in_production": True, "open_weights_fallback": True},
    }
    return profiles


def scores_now(catalog, training) -> dict:
    profiles = fixture_profiles()
    documents = score_profiles(
        [parse_profile(profile, catalog.ecosystems) for profile in profiles.values()], catalog, training.model
    )
    return {"model_version": training.model.version, "scores": dict(zip(profiles, documents, strict=True))}


def test_the_fixtures_profiles_score_exactly_as_recorded(engine_catalog, small_training):
    recorded = json.loads(RECORDED.read_text())

    now = json.loads(json.dumps(scores_now(engine_catalog, small_training)))

    assert now["model_version"] == recorded["model_version"]
    assert sorted(now["scores"]) == sorted(recorded["scores"])
    for name, document in recorded["scores"].items():
        assert now["scores"][name] == document, name


if __name__ == "__main__":
    from advisor.domain.catalog_format import load_catalog_dir
    from advisor.domain.scoring import catalog_from_document, train
    from tests.domain.builders import SMALL
    from tests.paths import CATALOG_DIR

    catalog = catalog_from_document(load_catalog_dir(CATALOG_DIR), "v1")
    training = train(catalog, params=SMALL, code_version="test")
    RECORDED.write_text(json.dumps(scores_now(catalog, training), indent=1, sort_keys=True) + "\n")
    sys.stdout.write(f"Recorded {RECORDED}\n")
