"""The fitted model, its two predictions, and safe persistence with skops.

Exposure is a non-negative linear model of the channel pressures (no intercept), in two stages:
channel weights β_c fitted on the calibration set, and one least-squares scale s_e per
ecosystem fitted on the same rows plus the recorded outcomes (s_e ≈ 1 until outcomes say so):
exposure = min(100, s_e × Σ_c β_c × pressure_c). The drivers are exact and an unused ecosystem
scores 0. The probability of a high-cost migration comes from a monotone gradient-boosted
classifier, calibrated by isotonic regression.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import skops.io
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LinearRegression

from advisor.domain.scoring.arrays import BoolArray, FloatArray, IntArray

MODEL_FORMAT = "lockin-model/1"

# The only types a model file may contain beyond the ones skops trusts by default (builtins,
# numpy, scikit-learn estimators). Anything else is refused before it is loaded.
TRUSTED_TYPES = (
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.model_selection._split.StratifiedKFold",
)


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
    ecosystem_scale: FloatArray  # s_e ≥ 0, one per ecosystem in catalog order
    classifier: CalibratedClassifierCV
    fast_classifier: "FastClassifier | None" = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fast_classifier", FastClassifier.build(self.classifier))

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


def probability(model: Model, inputs: FloatArray) -> FloatArray:
    if len(inputs) == 0:
        return np.zeros(0)
    if model.fast_classifier is not None:
        return model.fast_classifier.predict(inputs)
    high_cost: FloatArray = model.classifier.predict_proba(inputs)[:, 1]
    return high_cost


@dataclass(frozen=True, eq=False)
class FastClassifier:
    """The calibrated classifier's own trees and isotonic calibrator, evaluated without
    scikit-learn's per-call overhead.

    scikit-learn walks the trees one at a time, each with an OpenMP parallel loop: ~10 µs per
    tree on an idle machine, and milliseconds when other processes hold the cores, for a
    handful of rows. Here all trees are walked at once with numpy, the leaf values are added in
    scikit-learn's order (so the sums are bit-identical), and the fitted IsotonicRegression maps
    them to probabilities as in CalibratedClassifierCV. `build` checks the result equals
    `predict_proba` exactly on a probe set and returns None (use scikit-learn) when it does not.
    """

    baseline: float
    feature: IntArray  # (trees, nodes) feature index tested at each node
    threshold: FloatArray  # (trees, nodes) go left when x <= threshold
    missing_left: BoolArray  # (trees, nodes) where a NaN goes
    left: IntArray  # (trees, nodes)
    right: IntArray  # (trees, nodes)
    is_leaf: BoolArray  # (trees, nodes)
    value: FloatArray  # (trees, nodes)
    calibrator: Any  # the fitted IsotonicRegression

    @classmethod
    def build(cls, classifier: CalibratedClassifierCV) -> "FastClassifier | None":
        try:
            fast = cls._extract(classifier)
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return None
        probe = np.random.default_rng(0).random((512, classifier.n_features_in_))
        probe[:64] = np.round(probe[:64] * 4) / 4  # exact grid values, to exercise the ties
        if not np.array_equal(fast.predict(probe), classifier.predict_proba(probe)[:, 1]):
            return None
        return fast

    @classmethod
    def _extract(cls, classifier: CalibratedClassifierCV) -> "FastClassifier":
        (calibrated,) = classifier.calibrated_classifiers_
        (calibrator,) = calibrated.calibrators
        boosted = calibrated.estimator
        if list(classifier.classes_) != [0, 1] or getattr(boosted, "is_categorical_", None) is not None:
            raise ValueError("only binary classifiers on numeric features are compiled")
        trees = [predictors[0] for predictors in boosted._predictors]
        width = max(len(tree.nodes) for tree in trees)
        columns = {}
        for name, dtype in (
            ("feature_idx", np.intp),
            ("num_threshold", float),
            ("missing_go_to_left", bool),
            ("left", np.intp),
            ("right", np.intp),
            ("is_leaf", bool),
            ("value", float),
        ):
            table = np.zeros((len(trees), width), dtype=dtype)
            for row, tree in enumerate(trees):
                table[row, : len(tree.nodes)] = tree.nodes[name]
            columns[name] = table
        columns["is_leaf"][:, :] |= np.arange(width) >= np.array([[len(t.nodes)] for t in trees])
        return cls(
            baseline=float(np.asarray(boosted._baseline_prediction).ravel()[0]),
            feature=columns["feature_idx"],
            threshold=columns["num_threshold"],
            missing_left=columns["missing_go_to_left"],
            left=columns["left"],
            right=columns["right"],
            is_leaf=columns["is_leaf"],
            value=columns["value"],
            calibrator=calibrator,
        )

    def predict(self, inputs: FloatArray) -> FloatArray:
        inputs = np.asarray(inputs, dtype=float)
        n_rows, n_trees = len(inputs), len(self.feature)
        tree = np.arange(n_trees)[None, :]
        row = np.arange(n_rows)[:, None]
        node = np.zeros((n_rows, n_trees), dtype=np.intp)
        while True:
            leaf = self.is_leaf[tree, node]
            if leaf.all():
                break
            x = inputs[row, self.feature[tree, node]]
            go_left = np.where(np.isnan(x), self.missing_left[tree, node], x <= self.threshold[tree, node])
            node = np.where(leaf, node, np.where(go_left, self.left[tree, node], self.right[tree, node]))
        leaves = self.value[tree, node]
        raw = np.zeros(n_rows) + self.baseline
        for column in range(n_trees):
            raw += leaves[:, column]
        # IsotonicRegression.predict without its input checks: clip, then its fitted `f_`.
        clipped = np.clip(raw, self.calibrator.X_min_, self.calibrator.X_max_)
        probabilities: FloatArray = self.calibrator.f_(clipped).astype(float)
        return probabilities


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
    if not isinstance(content.get("classifier"), CalibratedClassifierCV):
        raise ModelError("the model file's classifier is not a CalibratedClassifierCV")
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
    )
