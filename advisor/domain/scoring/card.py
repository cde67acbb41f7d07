"""The model card: what a trained model is, what it was trained on and how well it did."""

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import numpy as np
import sklearn

from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.training import TrainingResult

CARD_FORMAT = "lockin-model-card/1"

CHANNEL_SOURCES = {
    "custom_silicon": "workloads[].accelerator (TPU → Google, Trainium → Anthropic/Amazon), fine_tuning",
    "model_api": "workloads[].deployment, function_calling, batch_api, fine_tuning, realtime_voice",
    "agent_runtime": "assistants_or_agents_api, code_interpreter, realtime_voice, function_calling",
    "suite_integration": "productivity_suite.suite × seat_share, productivity_suite.code_assistant",
    "data_gravity": "workloads[].data_location, vendor_vector_store, vendor_embeddings, fine_tuning, agents",
    "cloud_platform": "workloads[].deployment, vendor_guardrails, vendor_eval_tools, vendor_vector_store",
    "licence": "self_hosted deployment, fine_tuning (derivatives of licensed weights)",
    "pricing": "contracts[] (committed spend vs annual AI spend, months remaining), deployment, batch_api",
}
PROBABILITY_FEATURE_SOURCES = {
    "exposure": "the predicted exposure / 100",
    **{
        f"risk_{scenario}": f"catalog likelihood/5 × impact/5 of {scenario} × the ecosystem's footprint"
        for scenario in A.SCENARIOS
    },
    "regulated": "organization.regulated",
    "eu_operations": "organization.eu_operations",
}


def model_card(result: TrainingResult, *, created_at: datetime | None = None) -> dict[str, Any]:
    model = result.model
    params = result.params
    return {
        "format": CARD_FORMAT,
        "model_version": model.version,
        "catalog_version": model.catalog_version,
        "catalog_digest": model.catalog_digest,
        "code_version": result.code_version,
        "assumptions_digest": A.ASSUMPTIONS_DIGEST,
        "created_at": (created_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "passed": result.passed,
        "reasons": list(result.reasons),
        "data": asdict(result.data_sizes),
        "metrics": asdict(result.metrics),
        "gates": [asdict(gate) for gate in result.gates],
        "monotonicity_violations": list(result.monotonicity_violations[:20]),
        "estimators": {
            "exposure": (
                "LinearRegression(positive=True, fit_intercept=False) on the channel pressures, times one "
                "least-squares scale per ecosystem fitted with the recorded outcomes"
            ),
            "probability": (
                "CalibratedClassifierCV(HistGradientBoostingClassifier(monotonic_cst=+1 on every input), "
                f"method='isotonic', cv={params.calibration_folds} stratified folds, ensemble=False)"
            ),
        },
        "features": {
            "exposure": [{"name": channel, "from": CHANNEL_SOURCES[channel]} for channel in model.channels],
            "probability": [
                {"name": name, "from": PROBABILITY_FEATURE_SOURCES[name]}
                for name in model.classifier_features
            ],
        },
        "coefficients": {
            "exposure_points_at_full_pressure": dict(
                zip(model.channels, (round(float(beta), 4) for beta in model.coefficients), strict=True)
            ),
            "prior_channel_weights": dict(A.CHANNEL_WEIGHT),
            "ecosystem_scale": dict(
                zip(
                    model.ecosystems, (round(float(scale), 4) for scale in model.ecosystem_scale), strict=True
                )
            ),
        },
        "hyperparameters": asdict(params),
        "seeds": {
            "population": params.seed,
            "labels": [params.seed, 1],
            "holdout": [params.seed, 2],
            "monotonicity_sample": params.seed + 10_000,
        },
        "fast_classifier": model.fast_classifier is not None,
    }


def model_card_markdown(card: dict[str, Any]) -> str:
    metrics = card["metrics"]
    data = card["data"]
    lines = [
        f"# Model card: {card['model_version']}",
        "",
        f"- Status: **{'passed its quality gates' if card['passed'] else 'FAILED its quality gates'}**",
        f"- Catalog version: {card['catalog_version']} (ratings digest {card['catalog_digest']})",
        f"- Code version: {card['code_version']}; assumptions digest {card['assumptions_digest']}",
        f"- Created: {card['created_at']}",
        f"- Libraries: scikit-learn {card['libraries']['scikit-learn']}, numpy {card['libraries']['numpy']}",
        "",
        "## Data",
        "",
        f"- Synthetic profiles: {data['profiles']:,} ({data['rows']:,} profile × ecosystem rows)",
        f"- Training rows: {data['training_rows']:,}; held out: {data['holdout_rows']:,} (whole profiles)",
        f"- Recorded outcomes (approved by an administrator): {data['outcomes']} from "
        f"{data.get('outcome_tenants', 0)} tenant(s), each counted as up to {data['outcome_weight']:g} "
        f"synthetic rows ({data.get('outcome_weight_total', 0):g} in all; no tenant over "
        f"{A.TENANT_OUTCOME_SHARE_CAP:.0%} of it when there are enough tenants)",
        "",
        "## Held-out metrics",
        "",
        "| metric | value |",
        "|---|---|",
        f"| Brier score | {metrics['brier']:.4f} |",
        f"| Brier score of the base rate (no skill) | {metrics['brier_no_skill']:.4f} |",
        f"| Brier skill | {metrics['brier_skill']:.3f} |",
        f"| Expected calibration error (10 bins) | {metrics['ece']:.4f} |",
        f"| ROC AUC | {metrics['roc_auc']:.4f} |",
        f"| Base rate of high-cost migrations | {metrics['base_rate']:.3f} |",
        f"| Exposure MAE (points) | {metrics['exposure_mae']:.2f} |",
        f"| Exposure R² | {metrics['exposure_r2']:.3f} |",
        "",
        "## Quality gates",
        "",
        "| gate | result | value | needs |",
        "|---|---|---|---|",
        *(_gate_row(gate) for gate in card["gates"]),
        "",
        "## Estimators",
        "",
        f"- Exposure: {card['estimators']['exposure']}",
        f"- Probability of a high-cost migration: {card['estimators']['probability']}",
        "",
        "## Exposure coefficients (points at full pressure)",
        "",
        "| channel | fitted | prior | from the profile |",
        "|---|---|---|---|",
        *(_coefficient_row(card, feature) for feature in card["features"]["exposure"]),
        "",
        "## Ecosystem scales (1 unless recorded outcomes moved them)",
        "",
        "| ecosystem | scale |",
        "|---|---|",
        *(f"| {slug} | {scale:.3f} |" for slug, scale in card["coefficients"]["ecosystem_scale"].items()),
        "",
        "## Probability inputs",
        "",
        *(f"- `{feature['name']}`: {feature['from']}" for feature in card["features"]["probability"]),
        "",
        "## Hyperparameters and seeds",
        "",
        *(f"- {name}: {value}" for name, value in card["hyperparameters"].items()),
        *(f"- seed for {name}: {value}" for name, value in card["seeds"].items()),
        "",
    ]
    if card["reasons"]:
        lines[3:3] = ["", "Not activated because:", *(f"- {reason}" for reason in card["reasons"])]
    return "\n".join(lines)


def _gate_row(gate: dict[str, Any]) -> str:
    result = "pass" if gate["passed"] else "FAIL"
    return f"| {gate['name']} | {result} | {gate['value']} | {gate['threshold']} |"


def _coefficient_row(card: dict[str, Any], feature: dict[str, Any]) -> str:
    fitted = card["coefficients"]["exposure_points_at_full_pressure"][feature["name"]]
    prior = card["coefficients"]["prior_channel_weights"][feature["name"]]
    return f"| {feature['name']} | {fitted:.2f} | {prior:.2f} | {feature['from']} |"
