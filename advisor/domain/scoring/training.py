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
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import brier_score_loss, mean_absolute_error, r2_score, roc_auc_score

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
from advisor.domain.scoring.features import seat_monthly_spend
from advisor.domain.scoring.golden import GoldenResult, run_golden_cases
from advisor.domain.scoring.model import MODEL_FORMAT, Model, exposure_from_raw, probability, row_exposure
from advisor.domain.scoring.scores import assess
from advisor.domain.scoring.sensitivity import SAMPLE_SEED, SensitivityRow, sensitivity

CLASSIFIER_FEATURES = ("log_exit_cost_ratio",)

Progress = Callable[[str, int, int], None]
STEPS = ("generating profiles", "labelling", "fitting exposure", "fitting probability", "evaluating", "gates")


@dataclass(frozen=True)
class TrainingParams:
    n_profiles: int = A.N_PROFILES
    seed: int = 0
    holdout_share: float = A.HOLDOUT_SHARE
    classifier_c: float = A.CLASSIFIER_C
    monotonicity_sample: int = A.MONOTONICITY_SAMPLE
    sensitivity_sample: int = A.SENSITIVITY_SAMPLE


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
    # The label generator's own figures on the same held-out rows: the model cannot do better
    # than the formula it re-learns, and matching it is no validation against real exits.
    generator_brier: float
    generator_ece: float
    generator_roc_auc: float


@dataclass(frozen=True)
class OutcomeInfluence:
    """What one recorded outcome did to the model: its ecosystem's scale only."""

    index: int  # position in the outcomes given to train()
    ecosystem: str
    status: str  # "used", "outlier" (to review, not used) or "waiting" (too few for its ecosystem)
    ratio: float  # recorded effort / the engine's estimate
    influence: float  # its share of ln s_e (Σ over an ecosystem's outcomes = ln s_e)
    reason: str


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
    outcome_influence: tuple[OutcomeInfluence, ...] = field(default=())
    sensitivity: tuple[SensitivityRow, ...] = field(default=())

    @property
    def outliers(self) -> tuple[int, ...]:
        """Positions of the outcomes sent to the review queue."""
        return tuple(item.index for item in self.outcome_influence if item.status == "outlier")


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
    outcome_rows = label_outcomes(outcomes, catalog) if outcomes else None
    if outcome_rows is not None:
        training_rows = concatenate(calibration_rows, outcome_rows)
    version = model_version(catalog, outcomes, params, code_version)
    influence = outcome_influence(outcomes, outcome_rows, catalog)
    model = _fit(catalog, calibration_rows, influence, params, version, report)

    report(STEPS[4], 4, len(STEPS))
    metrics = evaluate(model, holdout_rows, training_rows)
    report(STEPS[5], 5, len(STEPS))
    violations = monotonicity_violations(catalog, model, params)
    golden = run_golden_cases(catalog, model)
    gates = _gates(metrics, violations, golden, model)
    swings = sensitivity(catalog, model, synthetic_profiles(catalog, params.sensitivity_sample, SAMPLE_SEED))
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
        outcome_influence=influence,
        sensitivity=swings,
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
    influence: tuple[OutcomeInfluence, ...],
    params: TrainingParams,
    version: str,
    report: Progress,
) -> Model:
    """Channel weights and the classifier on the calibration rows; ecosystem scales from the
    recorded outcomes alone, each confined to its own ecosystem."""
    report(STEPS[2], 2, len(STEPS))
    regressor = _fit_channel_weights(calibration_rows)
    scale, counts = ecosystem_scales(influence, catalog)
    report(STEPS[3], 3, len(STEPS))
    classifier = _fit_classifier(calibration_rows, params)
    return Model(
        version=version,
        catalog_version=catalog.version,
        catalog_digest=catalog.digest,
        ecosystems=catalog.ecosystems,
        channels=A.ENGINE_CHANNELS,
        classifier_features=CLASSIFIER_FEATURES,
        regressor=regressor,
        ecosystem_scale=scale,
        classifier=classifier,
        outcome_counts=counts,
    )


def outcome_influence(
    outcomes: Sequence[Outcome], rows: LabelledRows | None, catalog: Catalog
) -> tuple[OutcomeInfluence, ...]:
    """Each outcome's fate: an outlier (recorded effort over OUTLIER_RATIO times off the engine's
    estimate) goes to review; the others move ln s_e of their ecosystem by
    Z × w_i × ln(effort_i / estimate_i) / Σ w, Z = n / (n + CREDIBILITY_K), once the ecosystem has
    MIN_OUTCOMES_PER_ECOSYSTEM of them."""
    if rows is None or not outcomes:
        return ()
    ratio = (np.array([o.effort_person_months for o in outcomes]) + 1e-9) / np.maximum(rows.exit_pm, 1e-9)
    outlier = (ratio > A.OUTLIER_RATIO) | (ratio < 1.0 / A.OUTLIER_RATIO)
    weight = np.asarray(rows.sample_weight, dtype=float)
    result = []
    for e, slug in enumerate(catalog.ecosystems):
        members = np.nonzero((rows.ecosystem == e) & ~outlier)[0]
        n = len(members)
        enough = n >= A.MIN_OUTCOMES_PER_ECOSYSTEM
        credibility = n / (n + A.CREDIBILITY_K)
        total = weight[members].sum()
        for i in members.tolist():
            share = credibility * weight[i] * float(np.log(ratio[i])) / total if enough and total > 0 else 0.0
            status, reason = ("used", f"credibility Z = {credibility:.2f} over {n} outcome(s)")
            if not enough:
                status = "waiting"
                reason = (
                    f"{n} of the {A.MIN_OUTCOMES_PER_ECOSYSTEM} outcomes {slug} needs before its scale moves"
                )
            result.append(OutcomeInfluence(i, slug, status, float(ratio[i]), share, reason))
    for i in np.nonzero(outlier)[0].tolist():
        reason = (
            f"recorded effort is {ratio[i]:.2f} × the engine's estimate, beyond ×{A.OUTLIER_RATIO:g} "
            "either way: to be reviewed before it is used"
        )
        result.append(OutcomeInfluence(i, outcomes[i].ecosystem, "outlier", float(ratio[i]), 0.0, reason))
    return tuple(sorted(result, key=lambda item: item.index))


def ecosystem_scales(influence: Sequence[OutcomeInfluence], catalog: Catalog) -> tuple[FloatArray, IntArray]:
    """s_e = exp(Σ influence over the ecosystem's used outcomes), and how many were used."""
    log_scale = np.zeros(len(catalog.ecosystems))
    counts = np.zeros(len(catalog.ecosystems), dtype=np.intp)
    for item in influence:
        if item.status == "used":
            e = catalog.index_of(item.ecosystem)
            log_scale[e] += item.influence
            counts[e] += 1
    scale = np.exp(log_scale)
    scale.setflags(write=False)
    return scale, counts


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


def _fit_classifier(rows: LabelledRows, params: TrainingParams) -> LogisticRegression:
    classifier = LogisticRegression(C=params.classifier_c)
    return classifier.fit(rows.log_ratio[:, None], rows.costly)


def _holdout_rows(rows: LabelledRows, params: TrainingParams) -> BoolArray:
    """Hold out whole profiles, so that no organization is on both sides."""
    order = np.random.default_rng([params.seed, 2]).permutation(params.n_profiles)
    held = np.zeros(params.n_profiles, dtype=bool)
    held[order[: round(params.holdout_share * params.n_profiles)]] = True
    return held[rows.profile]


def _select(rows: LabelledRows, mask: BoolArray) -> LabelledRows:
    return LabelledRows(**{name: getattr(rows, name)[mask] for name in LabelledRows.__dataclass_fields__})


def evaluate(model: Model, holdout: LabelledRows, training: LabelledRows) -> Metrics:
    predicted = probability(model, holdout.log_ratio)
    truth = holdout.costly
    base_rate = float(np.average(training.costly, weights=training.sample_weight))
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
        generator_brier=float(brier_score_loss(truth, holdout.prior_probability)),
        generator_ece=expected_calibration_error(truth, holdout.prior_probability),
        generator_roc_auc=float(roc_auc_score(truth, holdout.prior_probability)),
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
    """On a fresh random sample: more use never lowers, a mitigation never raises, any score.

    More spend is only checked on exposure, within the declared budget (a spend share measured
    against a larger total shrinks the other workloads' shares, which is the point of it), and
    not on the probability, whose threshold is a year of that same spend."""
    rng = np.random.default_rng([params.seed, 3])
    base = synthetic_profiles(catalog, params.monotonicity_sample, seed=params.seed + 10_000)
    variants = []  # (base position, change, direction, changed profile)
    for position, profile in enumerate(base):
        for change, changed, direction in _changes(profile, rng):
            variants.append((position, change, direction, changed))
    everything = base + [changed for *_, changed in variants]
    scored = assess(everything, catalog, model)
    violations = []
    for number, (position, change, direction, _) in enumerate(variants):
        row = len(base) + number
        checked = [("exposure", scored.exposure)]
        if change != "more spend":
            checked.append(("probability", scored.probability))
        for name, scores in checked:
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
    slack = (profile.organization.annual_ai_spend_usd - annual_spend_base_used(profile)) / 12.0
    if slack > 0:
        spend = workload.monthly_spend_usd + min(workload.monthly_spend_usd * 0.5 + 1000.0, slack)
        changes.append(("more spend", _with_workload(profile, index, monthly_spend_usd=spend), +1))
    for k, contract in enumerate(profile.contracts):
        contracts = list(profile.contracts)
        contracts[k] = replace(contract, months_remaining=contract.months_remaining + 12)
        changes.append(("longer commitment", replace(profile, contracts=tuple(contracts)), +1))
        contracts[k] = replace(contract, committed_spend_usd=contract.committed_spend_usd * 2 + 1000.0)
        changes.append(("larger commitment", replace(profile, contracts=tuple(contracts)), +1))
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


def annual_spend_base_used(profile: Profile) -> float:
    """What the workloads and the seats spend in a year (the spend base without the declaration)."""
    return 12.0 * (sum(w.monthly_spend_usd for w in profile.workloads) + sum(seat_monthly_spend(profile)))


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
