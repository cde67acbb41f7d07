"""The model card: what a trained model is, what it was trained on and how well it did."""

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import numpy as np
import sklearn

from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.sensitivity import SensitivityRow, sensitivity_markdown
from advisor.domain.scoring.training import TrainingResult

CARD_FORMAT = "lockin-model-card/2"

CHANNEL_SOURCES = {
    "custom_silicon": "workloads[].accelerator (TPU → Google, Trainium → Anthropic/Amazon), fine_tuning",
    "model_api": "workloads[].deployment, function_calling, batch_api, fine_tuning, realtime_voice",
    "agent_runtime": "assistants_or_agents_api, code_interpreter, realtime_voice, function_calling",
    "suite_integration": "productivity_suite.suite × seats or seat_share, productivity_suite.code_assistant",
    "data_gravity": (
        "workloads[].data_location, data_volume_gb, vendor_vector_store, vendor_embeddings, fine_tuning, "
        "agents, the suite's seats"
    ),
    "cloud_platform": (
        "workloads[].platform (its owner), deployment, vendor_guardrails, vendor_eval_tools, "
        "vendor_vector_store, the suite's seats"
    ),
    "licence": "self_hosted deployment, fine_tuning (derivatives of licensed weights)",
    "pricing": "deployment, batch_api, fine_tuning",
    "contract": "contracts[] (committed spend still owed vs the annual spend base, while months remain)",
}
PROBABILITY_FEATURE_SOURCES = {
    "log_exit_cost_ratio": (
        "ln max(exit cost in dollars / a year of the ecosystem's spend, exit person-months / "
        f"{A.COSTLY_EXIT_PERSON_MONTHS:g})"
    ),
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
        "outcomes": [asdict(item) for item in result.outcome_influence],
        "sensitivity": [asdict(row) for row in result.sensitivity],
        "estimators": {
            "exposure": (
                "LinearRegression(positive=True, fit_intercept=False) on the channel pressures, times one "
                "least-squares scale per ecosystem fitted with the recorded outcomes"
            ),
            "probability": (
                f"LogisticRegression(C={params.classifier_c}) on the log exit-cost ratio, fitted on the "
                "synthetic labels only (smooth; recorded outcomes never enter it)"
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
            "probability": {
                "slope": round(float(model.classifier.coef_[0, 0]), 4),
                "intercept": round(float(model.classifier.intercept_[0]), 4),
                "prior_slope": round(1.0 / A.EXIT_COST_LOGISTIC_SCALE, 4),
            },
        },
        "hyperparameters": asdict(params),
        "seeds": {
            "population": params.seed,
            "labels": [params.seed, 1],
            "holdout": [params.seed, 2],
            "monotonicity_sample": params.seed + 10_000,
        },
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
        "## Held-out metrics, beside the label generator's own",
        "",
        "The labels are drawn from the prior formulas (there are no public data on AI-vendor exits), so",
        "the model can at best match the generator that made them. Matching it shows the fit works; it",
        "is no validation against real exits. The probability is prior-implied until enough real",
        f"outcomes are recorded ({A.MIN_OUTCOMES_CALIBRATED} per ecosystem in use).",
        "",
        "| metric | model | generator |",
        "|---|---|---|",
        f"| Brier score | {metrics['brier']:.4f} | {metrics['generator_brier']:.4f} |",
        f"| Brier score of the base rate (no skill) | {metrics['brier_no_skill']:.4f} | |",
        f"| Brier skill | {metrics['brier_skill']:.3f} | |",
        f"| Expected calibration error (10 bins) | {metrics['ece']:.4f} | {metrics['generator_ece']:.4f} |",
        f"| ROC AUC | {metrics['roc_auc']:.4f} | {metrics['generator_roc_auc']:.4f} |",
        f"| Base rate of costly exits | {metrics['base_rate']:.3f} | |",
        f"| Exposure MAE (points) | {metrics['exposure_mae']:.2f} | |",
        f"| Exposure R² | {metrics['exposure_r2']:.3f} | |",
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
        f"- Probability of a costly exit: {card['estimators']['probability']}",
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
        "## Recorded outcomes and their influence",
        "",
        *_outcome_lines(card.get("outcomes", [])),
        "",
        "## Probability inputs",
        "",
        *(f"- `{feature['name']}`: {feature['from']}" for feature in card["features"]["probability"]),
        "",
        "## Sensitivity: what each assumption moves",
        "",
        sensitivity_markdown(
            [SensitivityRow(**_row(row)) for row in card.get("sensitivity", [])],
            card["hyperparameters"].get("sensitivity_sample", 0),
        ),
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


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in row.items()}


def _outcome_lines(outcomes: list[dict[str, Any]]) -> list[str]:
    if not outcomes:
        return ["None recorded: every ecosystem scale is 1 and the probability is the prior's."]
    return [
        "| outcome | ecosystem | status | effort / estimate | influence on ln scale | why |",
        "|---|---|---|---|---|---|",
        *(
            f"| {item['index'] + 1} | {item['ecosystem']} | {item['status']} | {item['ratio']:.2f} | "
            f"{item['influence']:+.4f} | {item['reason']} |"
            for item in outcomes
        ),
    ]


def _gate_row(gate: dict[str, Any]) -> str:
    result = "pass" if gate["passed"] else "FAIL"
    return f"| {gate['name']} | {result} | {gate['value']} | {gate['threshold']} |"


def _coefficient_row(card: dict[str, Any], feature: dict[str, Any]) -> str:
    fitted = card["coefficients"]["exposure_points_at_full_pressure"][feature["name"]]
    prior = card["coefficients"]["prior_channel_weights"][feature["name"]]
    return f"| {feature['name']} | {fitted:.2f} | {prior:.2f} | {feature['from']} |"
