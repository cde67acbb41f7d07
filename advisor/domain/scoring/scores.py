"""Scores documents (lockin-scores/1) for one profile or a batch.

Everything is computed for the whole batch with numpy (one classifier call per batch, for the
ecosystems in use only; counterfactuals need exposure only) and rounded at the very end.
The document is the one docs/profile-format.md describes, field by field.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from advisor.domain.profile import Profile
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.counterfactuals import ACTIONS, Counterfactuals, counterfactuals
from advisor.domain.scoring.features import (
    ACCELERATOR_INDEX,
    CHANNEL,
    DEPLOYMENT_INDEX,
    Features,
    classifier_inputs,
    extract_features,
    pressure_from_mass,
    sum_by_pair,
)
from advisor.domain.scoring.model import Model, exposure_from_raw, probability, raw_exposure

SCORES_FORMAT = "lockin-scores/1"
BANDS = ((25.0, "low"), (50.0, "moderate"), (75.0, "high"))
TOP_BAND = "critical"
PORTABILITY_FACTOR = "portability_practices"
CUSTOM_SILICON = [ACCELERATOR_INDEX[accelerator] for accelerator in A.ACCELERATOR_OWNER]


class ModelMismatchError(ValueError):
    pass


@dataclass(frozen=True, eq=False)
class RawScores:
    """Unrounded per-(profile, ecosystem) results for a batch."""

    features: Features
    raw_exposure: FloatArray  # (P, E) s_e Σ β_c x_c before clipping to 100
    exposure: FloatArray  # (P, E)
    probability: FloatArray  # (P, E), 0 where the ecosystem is not in use


def assess(profiles: Sequence[Profile], catalog: Catalog, model: Model) -> RawScores:
    check_compatible(catalog, model)
    features = extract_features(profiles, catalog)
    raw = raw_exposure(features.pressure, model)
    exposure = exposure_from_raw(raw)
    profile_index, ecosystem_index = np.nonzero(features.in_use)
    chance = np.zeros(exposure.shape)
    inputs = classifier_inputs(
        exposure[profile_index, ecosystem_index], features, profile_index, ecosystem_index
    )
    chance[profile_index, ecosystem_index] = probability(model, inputs)
    return RawScores(features=features, raw_exposure=raw, exposure=exposure, probability=chance)


def check_compatible(catalog: Catalog, model: Model) -> None:
    if model.catalog_digest != catalog.digest or model.ecosystems != catalog.ecosystems:
        raise ModelMismatchError(
            f"model {model.version} was trained on catalog {model.catalog_version}, whose ratings differ "
            f"from those of catalog {catalog.version}: retrain the model"
        )


def score_profile(profile: Profile, catalog: Catalog, model: Model) -> dict[str, Any]:
    return score_profiles([profile], catalog, model)[0]


def score_profiles(profiles: Sequence[Profile], catalog: Catalog, model: Model) -> list[dict[str, Any]]:
    profiles = list(profiles)
    if not profiles:
        return []
    scored = assess(profiles, catalog, model)
    actions = counterfactuals(profiles, catalog, model, scored.features)
    scenarios = _scenario_figures(scored, catalog, model)
    tables = _tables(scored, actions, scenarios, catalog, model)
    return [_document(position, tables, catalog, model) for position in range(len(profiles))]


def band(exposure_tenths: int) -> str:
    for limit, name in BANDS:
        if exposure_tenths < limit * 10:
            return name
    return TOP_BAND


def tenths(values: FloatArray) -> npt.NDArray[np.int64]:
    """Every one-decimal figure goes through here (round half to even, like Python's round),
    so that shown numbers, sums and differences agree."""
    return np.rint(np.asarray(values, dtype=float) * 10.0).astype(np.int64)


# --- the document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tables:
    """The batch's figures as plain Python lists, indexed [profile][ecosystem]."""

    exposure_tenths: list[list[int]]
    probability: list[list[float]]
    spend_share: list[list[float]]
    hhi: list[float]
    index_tenths: list[int]
    driver_values: list[list[list[float]]]  # [profile][ecosystem] → the channel contributions, then −removed
    raw_exposure: list[list[float]]
    in_use: list[list[bool]]
    # [profile] → sorted (delta_tenths, action index, ecosystem, after_tenths)
    recommendations: list[list[tuple[int, int, int, int]]]
    scenarios: list[list[list[dict[str, Any]]]]  # [profile] → scenario entries


def _tables(
    scored: RawScores, actions: Counterfactuals, scenarios: "ScenarioFigures", catalog: Catalog, model: Model
) -> Tables:
    features = scored.features
    exposure_tenths = tenths(scored.exposure)
    shares = _spend_shares(features.monthly_spend)
    return Tables(
        exposure_tenths=exposure_tenths.tolist(),
        probability=scored.probability.tolist(),
        spend_share=shares.tolist(),
        hhi=np.sum((100.0 * shares) ** 2, axis=1).tolist(),
        index_tenths=tenths(_lock_in_index(scored.exposure, features.footprint)).tolist(),
        driver_values=_driver_values(scored, model).tolist(),
        raw_exposure=scored.raw_exposure.tolist(),
        in_use=features.in_use.tolist(),
        recommendations=_recommendation_entries(actions, exposure_tenths),
        scenarios=_scenario_entries(scenarios, catalog),
    )


def _document(position: int, tables: Tables, catalog: Catalog, model: Model) -> dict[str, Any]:
    exposure_tenths = tables.exposure_tenths[position]
    order = sorted(range(len(catalog.ecosystems)), key=lambda e: (-exposure_tenths[e], e))
    index = tables.index_tenths[position]
    return {
        "format": SCORES_FORMAT,
        "model_version": model.version,
        "catalog_version": catalog.version,
        "overall": {
            "lock_in_index": index / 10,
            "concentration_hhi": round(tables.hhi[position]),
            "band": band(index),
        },
        "ecosystems": [
            {
                "ecosystem": catalog.ecosystems[e],
                "exposure": exposure_tenths[e] / 10,
                "band": band(exposure_tenths[e]),
                "probability_high_cost_migration": round(tables.probability[position][e], 3),
                "spend_share": round(tables.spend_share[position][e], 4),
                "drivers": _drivers(position, e, tables, model) if tables.in_use[position][e] else [],
            }
            for e in order
        ],
        "recommendations": [
            {
                "action": ACTIONS[action],
                "ecosystem": catalog.ecosystems[e],
                "exposure_after": after / 10,
                "delta": delta / 10,
            }
            for delta, action, e, after in tables.recommendations[position]
        ],
        "scenarios": [entry for e in order for entry in tables.scenarios[position][e]],
    }


def _spend_shares(monthly_spend: FloatArray) -> FloatArray:
    """(P, E) each ecosystem's share of the summed monthly spend; 0 when nothing is spent."""
    total = monthly_spend.sum(axis=1, keepdims=True)
    return np.divide(monthly_spend, total, out=np.zeros_like(monthly_spend), where=total > 0)


def _lock_in_index(exposure: FloatArray, footprint: FloatArray) -> FloatArray:
    """(P,) footprint-weighted mean exposure: how locked in the organization is where it runs."""
    total = footprint.sum(axis=1)
    weighted = (exposure * footprint).sum(axis=1)
    return np.divide(weighted, total, out=np.zeros_like(total), where=total > 0)


def _driver_values(scored: RawScores, model: Model) -> FloatArray:
    """(P, E, C + 1): s_e β_c x_raw_c per channel, then minus what practices and clauses remove."""
    features = scored.features
    gross = model.ecosystem_scale[:, None] * model.coefficients * features.pressure_raw
    removed = np.sum(gross * (1.0 - features.keep), axis=2, keepdims=True)
    return np.concatenate([gross, -removed], axis=2)


def _drivers(position: int, e: int, tables: Tables, model: Model) -> list[dict[str, Any]]:
    """The driver values, rounded so that they add up to the exposure shown (scaled down first
    when the exposure was capped at 100), largest first."""
    values = tables.driver_values[position][e]
    raw = tables.raw_exposure[position][e]
    if raw > 100.0:
        values = [value * 100.0 / raw for value in values]
    rounded = _round_to_total(values, tables.exposure_tenths[position][e])
    names = (*model.channels, PORTABILITY_FACTOR)
    drivers = [(-amount, i, names[i], amount) for i, amount in enumerate(rounded) if amount != 0]
    drivers.sort()
    return [{"factor": name, "contribution": amount / 10} for _, _, name, amount in drivers]


def _round_to_total(values: list[float], total_tenths: int) -> list[int]:
    """Largest-remainder rounding to tenths, so the rounded parts add up to the rounded total."""
    scaled = [value * 10.0 for value in values]
    floors = [math.floor(value) for value in scaled]
    missing = total_tenths - sum(floors)
    by_remainder = sorted(range(len(values)), key=lambda i: (floors[i] - scaled[i], i))
    for i in by_remainder[: max(missing, 0)]:
        floors[i] += 1
    for i in reversed(by_remainder[len(by_remainder) + min(missing, 0) :]):
        floors[i] -= 1
    return floors


def _recommendation_entries(
    actions: Counterfactuals, exposure_tenths: npt.NDArray[np.int64]
) -> list[list[tuple[int, int, int, int]]]:
    """Per profile: (delta, action, ecosystem, after) in tenths, for every applicable action that
    lowers the shown exposure, most exposure removed first (ties: action order, catalog order)."""
    after = tenths(actions.exposure_after)
    delta = after - exposure_tenths[None]
    action, profile, ecosystem = np.nonzero(actions.applicable & (delta < 0))
    entries: list[list[tuple[int, int, int, int]]] = [[] for _ in range(len(exposure_tenths))]
    for a, p, e, d, t in zip(
        action.tolist(),
        profile.tolist(),
        ecosystem.tolist(),
        delta[action, profile, ecosystem].tolist(),
        after[action, profile, ecosystem].tolist(),
        strict=True,
    ):
        entries[p].append((d, a, e, t))
    for bucket in entries:
        bucket.sort()
    return entries


# --- scenarios ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ScenarioFigures:
    affected: FloatArray  # (P, E, S) number of workloads
    annual_spend: FloatArray  # (P, E, S) annual spend of those workloads
    cost_if_it_happens: FloatArray  # (P, E, S)
    expected_cost: FloatArray  # (P, E, S)
    mandate_exposure: FloatArray  # (P, E) exposure once interoperability is mandated
    in_use: BoolArray  # (P, E)


def _scenario_figures(scored: RawScores, catalog: Catalog, model: Model) -> ScenarioFigures:
    features = scored.features
    rows = features.rows
    pairs = features.in_use.shape
    self_hosted = rows.deployment == DEPLOYMENT_INDEX["self_hosted"]
    everyone = np.ones(len(self_hosted), dtype=bool)
    # A workload on TPUs or Trainium depends on the chip owner's compute, wherever it runs.
    chip = np.isin(rows.accelerator, CUSTOM_SILICON) & ((rows.silicon_target != rows.ecosystem) | self_hosted)
    affected_parts: list[FloatArray] = []
    spend_parts: list[FloatArray] = []
    for scenario in A.SCENARIOS:
        hit = ~self_hosted if scenario in A.SCENARIOS_SPARING_SELF_HOSTED else everyone
        count = sum_by_pair(rows.profile[hit], rows.ecosystem[hit], np.ones(int(hit.sum())), pairs)
        monthly = sum_by_pair(rows.profile[hit], rows.ecosystem[hit], rows.monthly_spend[hit], pairs)
        if scenario == "compute_dependency":
            count += sum_by_pair(
                rows.profile[chip], rows.silicon_target[chip], np.ones(int(chip.sum())), pairs
            )
            monthly += sum_by_pair(
                rows.profile[chip], rows.silicon_target[chip], rows.monthly_spend[chip], pairs
            )
        affected_parts.append(count)
        spend_parts.append(12.0 * monthly)
    affected = np.stack(affected_parts, axis=2)
    spend = np.stack(spend_parts, axis=2)
    direct = np.array([A.SCENARIO_DIRECT_COST_SHARE[s] for s in A.SCENARIOS])
    forced = np.array([A.SCENARIO_FORCED_MIGRATION_SHARE[s] for s in A.SCENARIOS])
    migration_years = A.MIGRATION_COST_YEARS_AT_FULL_EXPOSURE * scored.exposure[:, :, None] / 100.0
    cost = (catalog.impact / 5.0)[None] * spend * (direct + forced * migration_years)
    chance = np.vectorize(lambda rating: A.LIKELIHOOD_PROBABILITY[int(rating)])(catalog.likelihood)
    return ScenarioFigures(
        affected=affected,
        annual_spend=spend,
        cost_if_it_happens=cost,
        expected_cost=chance[None] * cost,
        mandate_exposure=_mandate_exposure(features, catalog, model),
        in_use=features.in_use,
    )


def _mandate_exposure(features: Features, catalog: Catalog, model: Model) -> FloatArray:
    moat = catalog.moat.copy()
    for channel, factor in A.MANDATE_MOAT_FACTOR.items():
        moat[:, CHANNEL[channel]] *= factor
    pressure = pressure_from_mass(features.mass, catalog, moat) * features.keep
    return exposure_from_raw(raw_exposure(pressure, model))


def _scenario_entries(figures: ScenarioFigures, catalog: Catalog) -> list[list[list[dict[str, Any]]]]:
    """[profile][ecosystem] → one entry per scenario, for the ecosystems in use."""
    in_use = figures.in_use.tolist()
    affected = figures.affected.tolist()
    spend = figures.annual_spend.tolist()
    cost = figures.cost_if_it_happens.tolist()
    expected = figures.expected_cost.tolist()
    mandate = tenths(figures.mandate_exposure).tolist()
    likelihood = catalog.likelihood.astype(int).tolist()
    impact = catalog.impact.astype(int).tolist()
    result = []
    for p, used in enumerate(in_use):
        per_ecosystem: list[list[dict[str, Any]]] = []
        for e, slug in enumerate(catalog.ecosystems):
            if not used[e]:
                per_ecosystem.append([])
                continue
            per_ecosystem.append(
                [
                    {
                        "ecosystem": slug,
                        "scenario": scenario,
                        "likelihood": likelihood[e][s],
                        "impact": impact[e][s],
                        "affected_workloads": round(affected[p][e][s]),
                        "annual_spend_at_risk_usd": round(spend[p][e][s]),
                        "cost_if_it_happens_usd": round(cost[p][e][s]),
                        "expected_cost_usd": round(expected[p][e][s]),
                        "exposure_after": mandate[p][e] / 10 if scenario == "regulatory_mandate" else None,
                    }
                    for s, scenario in enumerate(catalog.scenarios)
                ]
            )
        result.append(per_ecosystem)
    return result
