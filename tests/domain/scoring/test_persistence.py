"""Persistence with skops: identical scores after a round trip, untrusted content refused."""

import json

import numpy as np
import pytest
import skops.io

from advisor.domain.scoring import ModelError, UntrustedModelError, dump_model, load_model, score_profiles
from advisor.domain.scoring.calibration import synthetic_profiles
from advisor.domain.scoring.model import MODEL_FORMAT


class Payload:
    """Stands for anything a model file should never smuggle in."""

    def __init__(self):
        self.command = "rm -rf /"


def model_content(model, **changes) -> dict:
    content = {
        "format": MODEL_FORMAT,
        "version": model.version,
        "catalog_version": model.catalog_version,
        "catalog_digest": model.catalog_digest,
        "ecosystems": list(model.ecosystems),
        "channels": list(model.channels),
        "classifier_features": list(model.classifier_features),
        "regressor": model.regressor,
        "ecosystem_scale": np.asarray(model.ecosystem_scale),
        "classifier": model.classifier,
        "outcome_counts": np.asarray(model.outcome_counts),
    }
    return {**content, **changes}


def test_a_loaded_model_scores_exactly_like_the_trained_one(catalog, model):
    loaded = load_model(dump_model(model))
    profiles = synthetic_profiles(catalog, 60, seed=5)

    assert loaded.version == model.version
    assert loaded.catalog_digest == model.catalog_digest
    assert np.array_equal(loaded.coefficients, model.coefficients)
    assert json.dumps(score_profiles(profiles, catalog, loaded)) == json.dumps(
        score_profiles(profiles, catalog, model)
    )


def test_a_file_with_an_untrusted_type_is_refused_before_loading(model):
    data = skops.io.dumps(model_content(model, payload=Payload()))

    with pytest.raises(UntrustedModelError, match=r"not trusted: .*Payload"):
        load_model(data)


def test_a_function_reference_is_refused(model):
    data = skops.io.dumps(model_content(model, hook=np.save))

    with pytest.raises(UntrustedModelError):
        load_model(data)


def test_garbage_is_not_a_model():
    with pytest.raises(ModelError, match="not a skops model file"):
        load_model(b"certainly not a zip file")


def test_a_skops_file_of_something_else_is_not_a_model(model):
    with pytest.raises(ModelError, match="not a lockin-model/2 file"):
        load_model(skops.io.dumps({"format": "other", "regressor": model.regressor}))


def test_a_model_file_with_the_wrong_estimator_is_refused(model):
    data = skops.io.dumps(model_content(model, regressor=model.classifier))

    with pytest.raises(ModelError, match="regressor is not a LinearRegression"):
        load_model(data)


def test_the_numpy_probability_matches_scikit_learn(model):
    from advisor.domain.scoring.model import probability

    inputs = np.linspace(-5, 5, 401)

    assert np.allclose(probability(model, inputs), model.classifier.predict_proba(inputs[:, None])[:, 1])


def test_a_model_file_without_outcome_counts_is_refused(model):
    content = model_content(model)
    del content["outcome_counts"]

    with pytest.raises(ModelError, match="outcome counts"):
        load_model(skops.io.dumps(content))


def test_the_loaded_model_is_read_only(model):
    loaded = load_model(dump_model(model))

    with pytest.raises(ValueError, match="read-only"):
        loaded.ecosystem_scale[0] = 2.0
