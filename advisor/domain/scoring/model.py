"""The fitted model, its two predictions, and safe persistence with skops.

Exposure is a non-negative linear model of the channel pressures (no intercept), in two stages:
channel weights β_c fitted on the calibration set, and one scale s_e per ecosystem that only
recorded outcomes move (credibility-weighted, see training.py; 1 without them):
exposure = min(100, s_e × Σ_c β_c × pressure_c). The drivers are exact and an unused ecosystem
scores 0. The probability of a costly exit is a logistic regression on the log of the exit-cost
ratio (exit_cost.py): smooth and, with a positive slope, monotone in every input.
"""

from dataclasses import dataclass

import numpy as np
import skops.io
from sklearn.linear_model import LinearRegression, LogisticRegression

from advisor.domain.scoring.arrays import FloatArray, IntArray

MODEL_FORMAT = "lockin-model/2"

# The only types a model file may contain beyond the ones skops trusts by default (builtins,
# numpy, scikit-learn estimators). Anything else is refused before it is loaded.
TRUSTED_TYPES: tuple[str, ...] = ()


class ModelError(ValueError):
    pass


class UntrustedModelError(ModelError):
    pass


@dataclass(frozen=True, eq=False)
class Model:
    version: str
    catalog_version: str
    catalog_digest: str
    ecosystems: tuple[str, ...]
    channels: tuple[str, ...]
    classifier_features: tuple[str, ...]
    regressor: LinearRegression  # channel weights β_c (coef_, one per channel)
    ecosystem_scale: FloatArray  # s_e > 0, one per ecosystem in catalog order
    classifier: LogisticRegression  # on the log exit-cost ratio
    outcome_counts: IntArray  # (E,) outcomes that moved each ecosystem's scale

    @property
    def coefficients(self) -> FloatArray:
        """Exposure points per channel at full pressure (β_c ≥ 0), in channel order."""
        coefficients: FloatArray = self.regressor.coef_
        return coefficients


def raw_exposure(pressure: FloatArray, model: Model) -> FloatArray:
    """s_e × Σ_c β_c × pressure_c for pressures shaped (…, E, C); the same arithmetic for every
    caller, so a counterfactual that changes nothing gives exactly today's number."""
    return (pressure @ model.coefficients) * model.ecosystem_scale


def row_exposure(pressure: FloatArray, ecosystem: IntArray, model: Model) -> FloatArray:
    """The same for rows of pressures (R, C) with their ecosystem index (R,)."""
    return (pressure @ model.coefficients) * model.ecosystem_scale[ecosystem]


def exposure_from_raw(raw: FloatArray) -> FloatArray:
    return np.clip(raw, 0.0, 100.0)


def probability(model: Model, log_ratio: FloatArray) -> FloatArray:
    """P(costly exit) for log exit-cost ratios of any shape: the fitted logistic, in numpy (no
    per-call overhead of scikit-learn)."""
    slope = float(model.classifier.coef_[0, 0])
    intercept = float(model.classifier.intercept_[0])
    result: FloatArray = 1.0 / (1.0 + np.exp(-(intercept + slope * np.asarray(log_ratio, dtype=float))))
    return result


def dump_model(model: Model) -> bytes:
    data: bytes = skops.io.dumps(
        {
            "format": MODEL_FORMAT,
            "version": model.version,
            "catalog_version": model.catalog_version,
            "catalog_digest": model.catalog_digest,
            "ecosystems": list(model.ecosystems),
            "channels": list(model.channels),
            "classifier_features": list(model.classifier_features),
            "regressor": model.regressor,
            "ecosystem_scale": np.asarray(model.ecosystem_scale, dtype=float),
            "classifier": model.classifier,
            "outcome_counts": np.asarray(model.outcome_counts, dtype=np.int64),
        }
    )
    return data


def load_model(data: bytes) -> Model:
    try:
        untrusted = skops.io.get_untrusted_types(data=data)
    except Exception as error:
        raise ModelError(f"not a skops model file: {error}") from error
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise UntrustedModelError(f"the model file contains types that are not trusted: {', '.join(refused)}")
    content = skops.io.loads(data, trusted=list(untrusted))
    return _model_from_content(content)


def _model_from_content(content: object) -> Model:
    if not isinstance(content, dict) or content.get("format") != MODEL_FORMAT:
        raise ModelError(f"not a {MODEL_FORMAT} file")
    if not isinstance(content.get("regressor"), LinearRegression):
        raise ModelError("the model file's regressor is not a LinearRegression")
    scale = content.get("ecosystem_scale")
    if not isinstance(scale, np.ndarray) or scale.shape != (len(content.get("ecosystems", ())),):
        raise ModelError("the model file's ecosystem scales do not match its ecosystems")
    scale = scale.astype(float)
    scale.setflags(write=False)
    if not isinstance(content.get("classifier"), LogisticRegression):
        raise ModelError("the model file's classifier is not a LogisticRegression")
    counts = content.get("outcome_counts")
    if not isinstance(counts, np.ndarray) or counts.shape != scale.shape:
        raise ModelError("the model file's outcome counts do not match its ecosystems")
    return Model(
        version=str(content["version"]),
        catalog_version=str(content["catalog_version"]),
        catalog_digest=str(content["catalog_digest"]),
        ecosystems=tuple(content["ecosystems"]),
        channels=tuple(content["channels"]),
        classifier_features=tuple(content["classifier_features"]),
        regressor=content["regressor"],
        ecosystem_scale=scale,
        classifier=content["classifier"],
        outcome_counts=counts.astype(np.intp),
    )
