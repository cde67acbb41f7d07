"""Training: calibration set → two estimators → held-out metrics → quality gates.

Deterministic: the same catalog, outcomes, parameters and code give the same model, the same
version string and the same scores.
"""

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LinearRegression
from sklearn.metrics import brier_score_loss, mean_absolute_error, r2_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from advisor.domain.profile import Profile, profile_to_dict
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray, IntArray
from advisor.domain.scoring.calibration import (
    LabelledRows,
    Outcome,
    check_outcome,
    concatenate,
    label_outcomes,
    label_synthetic,
    outcome_weights,
    synthetic_profiles,
)
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.features import CLASSIFIER_FEATURES, stack_classifier_inputs
from advisor.domain.scoring.golden import GoldenResult, run_golden_cases
from advisor.domain.scoring.model import MODEL_FORMAT, Model, exposure_from_raw, probability, row_exposure
from advisor.domain.scoring.scores import assess

Progress = Callable[[str, int, int], None]
STEPS = ("generating profiles", "labelling", "fitting exposure", "fitting probability", "evaluating", "gates")


@dataclass(frozen=True)
class TrainingParams:
    n_profiles: int = A.N_PROFILES
    seed: int = 0
    holdout_share: float = A.HOLDOUT_SHARE
    classifier_trees: int = A.CLASSIFIER_TREES
    classifier_max_depth: int = A.CLASSIFIER_MAX_DEPTH
    classifier_learning_rate: float = A.CLASSIFIER_LEARNING_RATE
    classifier_min_samples_leaf: int = A.CLASSIFIER_MIN_SAMPLES_LEAF
    classifier_l2: float = A.CLASSIFIER_L2
    calibration_folds: int = A.CALIBRATION_FOLDS
    monotonicity_sample: int = A.MONOTONICITY_SAMPLE


@dataclass(frozen=True)
class Metrics:
    """Held-out figures (synthetic profiles never seen in training)."""

    brier: float
    brier_no_skill: float
    brier_skill: float  # 1 − brier / brier_no_skill
    ece: float  # expected calibration error, ECE_BINS equal-width bins
    roc_auc: float
    base_rate: float
    exposure_mae: float
    exposure_r2: float


@dataclass(frozen=True)
class Gate:
    name: str
    passed: bool
    value: str
    threshold: str


@dataclass(frozen=True)
class DataSizes:
    profiles: int
    rows: int
    training_rows: int
    holdout_rows: int
    outcomes: int
    outcome_weight: float  # of one outcome, before the tenant cap
    outcome_tenants: int
    outcome_weight_total: float  # after the tenant cap


@dataclass(frozen=True, eq=False)
class TrainingResult:
    model: Model
    params: TrainingParams
    metrics: Metrics
    data_sizes: DataSizes
    gates: tuple[Gate, ...]
    golden: tuple[GoldenResult, ...]
    monotonicity_violations: tuple[str, ...]
    code_version: str
    passed: bool
    reasons: tuple[str, ...] = field(default=())


def train(
    catalog: Catalog,
    *,
    outcomes: Sequence[Outcome] = (),
    n_profiles: int | None = None,
    seed: int | None = None,
    code_version: str = "unknown",
    params: TrainingParams | None = None,
    progress: Progress | None = None,
) -> TrainingResult:
    """Train, evaluate and gate a model. `params` holds every hyperparameter (defaults: the
    production ones in assumptions.py); `n_profiles` and `seed`, when given, override its own.
    `progress(step, done, total)` is called before each step, for a progress bar."""
    params = _with_overrides(params or TrainingParams(), n_profiles, seed)
    report = progress or (lambda step, done, total: None)
    for outcome in outcomes:
        check_outcome(outcome, catalog)  # fail before the long steps

    report(STEPS[0], 0, len(STEPS))
    profiles = synthetic_profiles(catalog, params.n_profiles, params.seed)
    report(STEPS[1], 1, len(STEPS))
    synthetic = label_synthetic(profiles, catalog, np.random.default_rng([params.seed, 1]))
    holdout = _holdout_rows(synthetic, params)
    calibration_rows, holdout_rows = _select(synthetic, ~holdout), _select(synthetic, holdout)
    training_rows = calibration_rows
    if outcomes:
        training_rows = concatenate(calibration_rows, label_outcomes(outcomes, catalog))
    version = model_version(catalog, outcomes, params, code_version)
    model = _fit(catalog, calibration_rows, training_rows, params, version, report)

    report(STEPS[4], 4, len(STEPS))
    metrics = evaluate(model, holdout_rows, training_rows)
    report(STEPS[5], 5, len(STEPS))
    violations = monotonicity_violations(catalog, model, params)
    golden = run_golden_cases(catalog, model)
    gates = _gates(metrics, violations, golden, model)
    reasons = tuple(
        f"{gate.name}: {gate.value} (needs {gate.threshold})" for gate in gates if not gate.passed
    )
    report("done", len(STEPS), len(STEPS))
    sizes = DataSizes(
        profiles=params.n_profiles,
        rows=len(synthetic) + len(outcomes),
        training_rows=len(training_rows),
        holdout_rows=len(holdout_rows),
        outcomes=len(outcomes),
        outcome_weight=A.OUTCOME_SAMPLE_WEIGHT,
        outcome_tenants=len({outcome.tenant for outcome in outcomes}),
        outcome_weight_total=float(outcome_weights(outcomes).sum()),
    )
    return TrainingResult(
        model=model,
        params=params,
        metrics=metrics,
        data_sizes=sizes,
        gates=gates,
        golden=golden,
        monotonicity_violations=tuple(violations),
        code_version=code_version,
        passed=not reasons,
        reasons=reasons,
    )


def _with_overrides(params: TrainingParams, n_profiles: int | None, seed: int | None) -> TrainingParams:
    if n_profiles is not None:
        params = replace(params, n_profiles=n_profiles)
    if seed is not None:
        params = replace(params, seed=seed)
    return params


def _fit(
    catalog: Catalog,
    calibration_rows: LabelledRows,
    training_rows: LabelledRows,
    params: TrainingParams,
    version: str,
    report: Progress,
) -> Model:
    """Channel weights on the calibration rows; ecosystem scales and the classifier on those
    plus the recorded outcomes."""
    report(STEPS[2], 2, len(STEPS))
    regressor = _fit_channel_weights(calibration_rows)
    ecosystem_scale = _fit_ecosystem_scales(training_rows, regressor, len(catalog.ecosystems))
    report(STEPS[3], 3, len(STEPS))
    raw = (training_rows.pressure @ regressor.coef_) * ecosystem_scale[training_rows.ecosystem]
    classifier = _fit_classifier(training_rows, exposure_from_raw(raw), params)
    return Model(
        version=version,
        catalog_version=catalog.version,
        catalog_digest=catalog.digest,
        ecosystems=catalog.ecosystems,
        channels=A.CHANNELS,
        classifier_features=CLASSIFIER_FEATURES,
        regressor=regressor,
        ecosystem_scale=ecosystem_scale,
        classifier=classifier,
    )


def model_version(
    catalog: Catalog, outcomes: Sequence[Outcome], params: TrainingParams, code_version: str
) -> str:
    inputs = {
        "format": MODEL_FORMAT,
        "catalog_version": catalog.version,
        "catalog_digest": catalog.digest,
        "assumptions": A.ASSUMPTIONS_DIGEST,
        "params": asdict(params),
        "outcomes": [_outcome_dict(outcome) for outcome in outcomes],
        "code_version": code_version,
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    return f"model-{digest[:16]}"


def _outcome_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "profile": profile_to_dict(outcome.profile),
        "ecosystem": outcome.ecosystem,
        "effort_person_months": outcome.effort_person_months,
        "cost_usd": outcome.cost_usd,
        "high_cost": outcome.high_cost,
        "tenant": outcome.tenant,
    }


def _fit_channel_weights(rows: LabelledRows) -> LinearRegression:
    """β_c ≥ 0 from the calibration set alone: the catalog's priors, recovered through the noise."""
    regressor = LinearRegression(positive=True, fit_intercept=False)
    return regressor.fit(rows.pressure, rows.exposure_label)


def _fit_ecosystem_scales(rows: LabelledRows, regressor: LinearRegression, n_ecosystems: int) -> FloatArray:
    """s_e = Σ w·ŷ·y / Σ w·ŷ² over the ecosystem's rows (ŷ = Σ β_c x_c, y the label, w the
    weight: 1 for calibration rows, OUTCOME_SAMPLE_WEIGHT for a recorded outcome): the
    least-squares scale of that ecosystem's exposures, always ≥ 0 since ŷ and y are.

    Outcomes move only the ecosystem they are about: the channel weights are shared by every
    ecosystem, and a few outcomes that contradict the catalog would otherwise bend them for all.
    One anchor row per ecosystem (ŷ = y = 1) keeps s_e = 1 for an ecosystem without rows.
    """
    predicted = rows.pressure @ regressor.coef_
    numerator = np.bincount(
        rows.ecosystem, rows.sample_weight * predicted * rows.exposure_label, n_ecosystems
    )
    denominator = np.bincount(rows.ecosystem, rows.sample_weight * predicted**2, n_ecosystems)
    scale = (numerator + 1.0) / (denominator + 1.0)
    scale.setflags(write=False)
    return scale


def _fit_classifier(
    rows: LabelledRows, exposure: FloatArray, params: TrainingParams
) -> CalibratedClassifierCV:
    inputs = stack_classifier_inputs(exposure, rows.risk, rows.regulated, rows.eu_operations)
    # Equal weights go as None: scikit-learn's weighted binning is several times slower.
    weights = None if np.all(rows.sample_weight == 1) else rows.sample_weight
    return _classifier(params).fit(inputs, rows.high_cost, sample_weight=weights)


def _classifier(params: TrainingParams) -> CalibratedClassifierCV:
    boosted = HistGradientBoostingClassifier(
        max_iter=params.classifier_trees,
        max_depth=params.classifier_max_depth,
        learning_rate=params.classifier_learning_rate,
        min_samples_leaf=params.classifier_min_samples_leaf,
        l2_regularization=params.classifier_l2,
        # Every input is oriented so that more means a costlier exit.
        monotonic_cst=[1] * len(CLASSIFIER_FEATURES),
        early_stopping=False,
        random_state=params.seed,
    )
    # ensemble=False: one boosted model on all the data, calibrated on out-of-fold predictions;
    # scoring then pays for one set of trees, not one per fold.
    folds = StratifiedKFold(n_splits=params.calibration_folds, shuffle=True, random_state=params.seed)
    return CalibratedClassifierCV(boosted, method="isotonic", cv=folds, ensemble=False)


def _inputs(rows: LabelledRows, model: Model) -> FloatArray:
    exposure = exposure_from_raw(row_exposure(rows.pressure, rows.ecosystem, model))
    return stack_classifier_inputs(exposure, rows.risk, rows.regulated, rows.eu_operations)


def _holdout_rows(rows: LabelledRows, params: TrainingParams) -> BoolArray:
    """Hold out whole profiles, so that no organization is on both sides."""
    order = np.random.default_rng([params.seed, 2]).permutation(params.n_profiles)
    held = np.zeros(params.n_profiles, dtype=bool)
    held[order[: round(params.holdout_share * params.n_profiles)]] = True
    return held[rows.profile]


def _select(rows: LabelledRows, mask: BoolArray) -> LabelledRows:
    return LabelledRows(**{name: getattr(rows, name)[mask] for name in LabelledRows.__dataclass_fields__})


def evaluate(model: Model, holdout: LabelledRows, training: LabelledRows) -> Metrics:
    predicted = probability(model, _inputs(holdout, model))
    truth = holdout.high_cost
    base_rate = float(np.average(training.high_cost, weights=training.sample_weight))
    brier = float(brier_score_loss(truth, predicted))
    no_skill = float(np.mean((base_rate - truth) ** 2))
    exposure = exposure_from_raw(row_exposure(holdout.pressure, holdout.ecosystem, model))
    return Metrics(
        brier=brier,
        brier_no_skill=no_skill,
        brier_skill=1.0 - brier / no_skill,
        ece=expected_calibration_error(truth, predicted),
        roc_auc=float(roc_auc_score(truth, predicted)),
        base_rate=base_rate,
        exposure_mae=float(mean_absolute_error(holdout.exposure_label, exposure)),
        exposure_r2=float(r2_score(holdout.exposure_label, exposure)),
    )


def expected_calibration_error(truth: IntArray, predicted: FloatArray, bins: int = A.ECE_BINS) -> float:
    which = np.minimum((predicted * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            total += members.mean() * abs(truth[members].mean() - predicted[members].mean())
    return float(total)


# --- monotonicity -----------------------------------------------------------------------------


def monotonicity_violations(catalog: Catalog, model: Model, params: TrainingParams) -> list[str]:
    """On a fresh random sample: more use never lowers, a mitigation never raises, any score."""
    rng = np.random.default_rng([params.seed, 3])
    base = synthetic_profiles(catalog, params.monotonicity_sample, seed=params.seed + 10_000)
    variants = []  # (base position, change, direction)
    for position, profile in enumerate(base):
        for change, changed, direction in _changes(profile, rng):
            variants.append((position, change, direction, changed))
    everything = base + [changed for *_, changed in variants]
    scored = assess(everything, catalog, model)
    violations = []
    for number, (position, change, direction, _) in enumerate(variants):
        row = len(base) + number
        for name, scores in (("exposure", scored.exposure), ("probability", scored.probability)):
            difference = direction * (scores[row] - scores[position])
            if np.any(difference < -A.MONOTONICITY_TOLERANCE):
                violations.append(f"profile {position}: {change} moved {name} the wrong way")
    return violations


def _changes(profile: Profile, rng: np.random.Generator) -> list[tuple[str, Profile, int]]:
    changes = []
    index = int(rng.integers(len(profile.workloads)))
    workload = profile.workloads[index]
    missing = [feature for feature in A.FEATURES if feature not in workload.features]
    if missing:
        feature = missing[int(rng.integers(len(missing)))]
        changes.append(
            (f"add {feature}", _with_workload(profile, index, features=(*workload.features, feature)), +1)
        )
    spend = workload.monthly_spend_usd * 1.5 + 1000.0
    changes.append(("more spend", _with_workload(profile, index, monthly_spend_usd=spend), +1))
    level = A.CRITICALITIES.index(workload.criticality)
    if level + 1 < len(A.CRITICALITIES):
        raised = A.CRITICALITIES[level + 1]
        changes.append((f"criticality {raised}", _with_workload(profile, index, criticality=raised), +1))
    not_adopted = [name for name in A.PRACTICES if not getattr(profile.practices, name)]
    if not_adopted:
        practice = not_adopted[int(rng.integers(len(not_adopted)))]
        practices = replace(profile.practices, **{practice: True})
        changes.append((f"adopt {practice}", replace(profile, practices=practices), -1))
    for k, contract in enumerate(profile.contracts):
        for clause in A.CONTRACT_CLAUSES:
            if not getattr(contract, clause):
                contracts = list(profile.contracts)
                with_clause: dict[str, Any] = {clause: True}
                contracts[k] = replace(contract, **with_clause)
                changes.append((f"add {clause}", replace(profile, contracts=tuple(contracts)), -1))
    return changes


def _with_workload(profile: Profile, index: int, **changes: Any) -> Profile:
    workloads = list(profile.workloads)
    workloads[index] = replace(workloads[index], **changes)
    return replace(profile, workloads=tuple(workloads))


def _gates(
    metrics: Metrics, violations: list[str], golden: tuple[GoldenResult, ...], model: Model
) -> tuple[Gate, ...]:
    gates = [
        Gate("calibration_error", metrics.ece <= A.GATE_MAX_ECE, f"{metrics.ece:.4f}", f"≤ {A.GATE_MAX_ECE}"),
        Gate(
            "brier_skill",
            metrics.brier_skill >= A.GATE_MIN_BRIER_SKILL,
            f"{metrics.brier:.4f} vs no-skill {metrics.brier_no_skill:.4f} (skill {metrics.brier_skill:.3f})",
            f"skill ≥ {A.GATE_MIN_BRIER_SKILL}",
        ),
        Gate("roc_auc", metrics.roc_auc >= A.GATE_MIN_AUC, f"{metrics.roc_auc:.4f}", f"≥ {A.GATE_MIN_AUC}"),
        Gate(
            "monotonicity",
            not violations,
            f"{len(violations)} violations" + (f", first: {violations[0]}" if violations else ""),
            "0 violations",
        ),
    ]
    gates.append(_scale_gate(model))
    gates += [Gate(f"golden:{result.name}", result.passed, result.detail, "passes") for result in golden]
    return tuple(gates)


def _scale_gate(model: Model) -> Gate:
    scales = model.ecosystem_scale
    worst = int(np.argmax(np.maximum(scales, 1.0 / np.maximum(scales, 1e-12))))
    limit = A.GATE_MAX_ECOSYSTEM_SCALE
    passed = bool(np.all((scales <= limit) & (scales >= 1.0 / limit)))
    value = f"{model.ecosystems[worst]} × {scales[worst]:.2f}"
    return Gate("ecosystem_scale", passed, value, f"every ecosystem between × 1/{limit:g} and × {limit:g}")
