"""The catalog document as the engine sees it."""

import copy
import dataclasses

import numpy as np
import pytest

from advisor.domain.scoring import (
    CatalogError,
    ModelMismatchError,
    TrainingParams,
    catalog_from_document,
    parse_profile,
    score_profile,
    train,
)
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.scores import assess
from tests.domain.builders import profile_document, workload


def small_document() -> dict:
    """Three ecosystems, rated by hand, in the format of docs/catalog-format.md."""
    ecosystems = [
        {"slug": "closed-camp", "name": "Closed camp", "open_weights": False},
        {"slug": "open-camp", "name": "Open camp", "open_weights": True},
        {"slug": "quiet-camp", "name": "Quiet camp", "open_weights": None},
    ]
    strength = {"closed-camp": 5, "open-camp": 1, "quiet-camp": 0}
    return {
        "catalog": {"title": "Hand-made"},
        "ecosystems": ecosystems,
        "channels": [{"slug": channel, "name": channel} for channel in reversed(A.CHANNELS)],
        "moats": [
            {"ecosystem": e["slug"], "channel": channel, "strength": strength[e["slug"]]}
            for e in ecosystems
            for channel in A.CHANNELS
        ],
        "risks": [
            {"ecosystem": e["slug"], "scenario": scenario, "likelihood": 3, "impact": 2}
            for e in ecosystems
            for scenario in A.SCENARIOS
        ],
        "models": [{"slug": "closed-1", "ecosystem": "closed-camp"}],
    }


def test_the_real_catalog_has_the_seven_ecosystems_in_order(catalog):
    assert catalog.ecosystems == (
        "openai-microsoft",
        "google",
        "anthropic-amazon",
        "meta",
        "mistral",
        "xai",
        "cohere",
    )
    assert catalog.channels == A.CHANNELS
    assert catalog.scenarios == A.SCENARIOS
    assert catalog.moat.shape == (7, 8)
    assert catalog.likelihood.shape == catalog.impact.shape == (7, 5)
    assert catalog.model_ecosystem["gpt-4o"] == "openai-microsoft"


def test_ratings_come_from_the_document(catalog, catalog_document):
    for record in catalog_document["moats"]:
        e, c = catalog.index_of(record["ecosystem"]), catalog.channels.index(record["channel"])
        assert catalog.moat[e, c] == record["strength"]
    for record in catalog_document["risks"]:
        e, s = catalog.index_of(record["ecosystem"]), catalog.scenarios.index(record["scenario"])
        assert (catalog.likelihood[e, s], catalog.impact[e, s]) == (record["likelihood"], record["impact"])


def test_the_matrices_are_read_only(catalog):
    with pytest.raises(ValueError, match="read-only"):
        catalog.moat[0, 0] = 5
    with pytest.raises(TypeError):
        catalog.model_ecosystem["new"] = "google"


def test_a_hand_made_document_works_and_channels_take_the_engine_order():
    catalog = catalog_from_document(small_document(), "hand-1")

    assert catalog.ecosystems == ("closed-camp", "open-camp", "quiet-camp")
    assert catalog.channels == A.CHANNELS
    assert catalog.moat[0].tolist() == [5.0] * 8
    assert catalog.open_weights.tolist() == [False, True, False]
    assert (
        parse_profile(profile_document(workload("open-camp")), catalog.ecosystems).workloads[0].ecosystem
        == "open-camp"
    )


def test_the_digest_follows_the_ratings_not_the_version():
    document = small_document()
    changed = copy.deepcopy(document)
    changed["moats"][0]["strength"] = 4

    first = catalog_from_document(document, "a")
    assert first.digest == catalog_from_document(document, "b").digest
    assert first.digest != catalog_from_document(changed, "a").digest


def test_a_missing_rating_is_an_error():
    document = small_document()
    document["risks"].pop()

    with pytest.raises(CatalogError, match="missing likelihood for quiet-camp × regulatory_mandate"):
        catalog_from_document(document, "x")


def test_a_rating_of_an_unknown_channel_is_an_error():
    document = small_document()
    document["moats"][0]["channel"] = "telepathy"

    with pytest.raises(CatalogError, match="unknown channel"):
        catalog_from_document(document, "x")


def test_channels_other_than_the_engines_are_an_error():
    document = small_document()
    document["channels"].append({"slug": "vendor_viability"})

    with pytest.raises(CatalogError, match="channels"):
        catalog_from_document(document, "x")


def test_duplicate_ecosystems_are_an_error():
    document = small_document()
    document["ecosystems"].append(dict(document["ecosystems"][0]))

    with pytest.raises(CatalogError, match="duplicate"):
        catalog_from_document(document, "x")


@pytest.fixture(scope="module")
def hand_made():
    catalog = catalog_from_document(small_document(), "hand-1")
    return catalog, train(catalog, params=TrainingParams(n_profiles=600, monotonicity_sample=5))


@pytest.mark.slow
def test_the_engine_scores_with_a_hand_made_catalog(hand_made):
    catalog, result = hand_made
    document = profile_document(workload("closed-camp"), workload("open-camp", deployment="self_hosted"))

    scores = score_profile(parse_profile(document, catalog.ecosystems), catalog, result.model)

    assert [entry["ecosystem"] for entry in scores["ecosystems"]][:2] == ["closed-camp", "open-camp"]
    assert np.isclose(sum(entry["spend_share"] for entry in scores["ecosystems"]), 1.0)
    assert not result.passed  # its golden cases need the seven ecosystems of the format
    assert any("the catalog lacks openai-microsoft" in reason for reason in result.reasons)


@pytest.mark.slow
def test_an_exposure_over_100_is_capped_and_its_drivers_scaled_to_match(hand_made):
    catalog, result = hand_made
    everything = list(A.FEATURES)
    document = profile_document(
        *[
            workload("closed-camp", deployment=deployment, criticality="mission_critical", monthly_spend_usd=100000,
                     features=everything, data_location="vendor_cloud", accelerator="tpu")
            for deployment in A.DEPLOYMENTS
        ],
        contracts=[{"ecosystem": "closed-camp", "committed_spend_usd": 5_000_000, "months_remaining": 60,
                    "data_export_clause": False, "termination_assistance": False}],
    )  # fmt: skip
    profile = parse_profile(document, catalog.ecosystems)
    # As if recorded outcomes had scaled the camp up by a third.
    scaled = dataclasses.replace(result.model, ecosystem_scale=result.model.ecosystem_scale * 4 / 3)

    assert assess([profile], catalog, scaled).raw_exposure[0, 0] > 100
    top = score_profile(profile, catalog, scaled)["ecosystems"][0]
    assert (top["exposure"], top["band"]) == (100.0, "critical")
    assert round(sum(driver["contribution"] for driver in top["drivers"]), 1) == 100.0


def test_a_model_refuses_a_catalog_with_other_ratings(catalog, model, northwind_profile):
    document = small_document()
    other = catalog_from_document(document, catalog.version)

    with pytest.raises(ModelMismatchError, match="retrain the model"):
        score_profile(northwind_profile, other, model)
