"""Scores documents (lockin-scores/2) for one profile or a batch.

Everything is computed for the whole batch with numpy (one classifier call per batch, for the
ecosystems in use only; counterfactuals need exposure only) and rounded at the very end.
The document is the one docs/profile-format.md describes, field by field.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from advisor.domain.profile import Profile
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.counterfactuals import (
    ACTIONS,
    WORKLOAD_ACTIONS,
    Counterfactuals,
    counterfactuals,
)
from advisor.domain.scoring.exit_cost import (
    PARTS,
    ExitCost,
    costly_exit_ratio,
    exit_costs,
    log_ratio,
    reintegration_factor,
)
from advisor.domain.scoring.features import (
    ACCELERATOR_INDEX,
    CHANNEL,
    DEPLOYMENT_INDEX,
    Features,
    engine_moat,
    extract_features,
    moat_factor,
    practice_problems,
    pressure_from_mass,
    sum_by_pair,
)
from advisor.domain.scoring.model import Model, exposure_from_raw, probability, raw_exposure

SCORES_FORMAT = "lockin-scores/2"
CONTRACT_RUN_OFF = list(PARTS).index("contract_run_off")
PROBABILITY_EVENT = (
    f"Leaving the ecosystem within the next {A.EXIT_HORIZON_MONTHS} months would cost more than a year of "
    f"the organization's spend on it (at least ${A.COSTLY_EXIT_MIN_USD:,.0f}) or more than "
    f"{A.COSTLY_EXIT_PERSON_MONTHS:g} person-months of work."
)
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
    exit_cost: ExitCost  # scaled by s_e
    exposure_range: FloatArray  # (P, E, 2) percentiles of the rating Monte Carlo
    exit_pm_range: FloatArray  # (P, E, 2)
    exit_usd_range: FloatArray  # (P, E, 2)


def assess(profiles: Sequence[Profile], catalog: Catalog, model: Model) -> RawScores:
    check_compatible(catalog, model)
    features = extract_features(profiles, catalog)
    raw = raw_exposure(features.pressure, model)
    exposure = exposure_from_raw(raw)
    costs = _scaled(exit_costs(profiles, catalog, features), model)
    ratio = costly_exit_ratio(costs.total_pm, costs.total_usd, 12.0 * features.monthly_spend)
    chance = np.where(features.in_use, probability(model, log_ratio(ratio)), 0.0)
    exposure_range, pm_range, usd_range = _monte_carlo(features, costs, catalog, model)
    return RawScores(
        features=features,
        raw_exposure=raw,
        exposure=exposure,
        probability=chance,
        exit_cost=costs,
        exposure_range=exposure_range,
        exit_pm_range=pm_range,
        exit_usd_range=usd_range,
    )


def _scaled(costs: ExitCost, model: Model) -> ExitCost:
    """The exit cost with each ecosystem's person-months times its outcome scale s_e."""
    scale = model.ecosystem_scale[None, :, None]
    pm = costs.pm * scale
    usd = costs.usd + (pm - costs.pm) * A.LOADED_COST_USD_PER_PERSON_MONTH
    return ExitCost(
        pm=pm,
        usd=usd,
        workload_reintegration_pm=costs.workload_reintegration_pm * model.ecosystem_scale[None, :],
        exit_plan=costs.exit_plan,
    )


@lru_cache(maxsize=16)
def moat_draws(catalog: Catalog) -> FloatArray:
    """(K, E, C) the engine's moats with each catalog rating moved by −1, 0 or +1, seeded."""
    rng = np.random.default_rng(A.MONTE_CARLO_SEED)
    moat = engine_moat(catalog)
    step = rng.integers(-1, 2, size=(A.MONTE_CARLO_DRAWS, *catalog.moat.shape))
    drawn = np.repeat(moat[None], A.MONTE_CARLO_DRAWS, axis=0)
    drawn[:, :, : catalog.moat.shape[1]] = np.clip(catalog.moat[None] + step, 0.0, 5.0)
    drawn.setflags(write=False)
    return drawn


def _monte_carlo(
    features: Features, costs: ExitCost, catalog: Catalog, model: Model
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(P, E, 2) 10th and 90th percentiles of exposure, exit person-months and exit dollars over
    the rating draws; exposure re-scored from the same masses and mitigations."""
    draws = moat_draws(catalog)
    saturation = 1.0 - np.exp(-A.MASS_RATE * features.mass)
    factor = moat_factor(draws)  # (K, E, C)
    weighted = factor * model.coefficients  # (K, E, C)
    kept = saturation * features.keep  # (P, E, C)
    raw = np.einsum("pec,kec->kpe", kept, weighted) * model.ecosystem_scale
    exposure = exposure_from_raw(raw)
    shift = reintegration_factor(draws) - reintegration_factor(engine_moat(catalog))  # (K, E)
    extra_pm = (
        costs.workload_reintegration_pm[None] * shift[:, None, :] * costs.exit_plan[None, :, None]
    ) * features.in_use[None]
    pm = costs.total_pm[None] + extra_pm
    usd = costs.total_usd[None] + extra_pm * A.LOADED_COST_USD_PER_PERSON_MONTH
    return _percentiles(exposure), _percentiles(pm), _percentiles(usd)


def _percentiles(values: FloatArray) -> FloatArray:
    """(K, P, E) draws → (P, E, 2) their RANGE_PERCENTILES."""
    result: FloatArray = np.moveaxis(np.percentile(values, list(A.RANGE_PERCENTILES), axis=0), 0, -1)
    return result


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
    return [
        _document(position, profiles[position], tables, catalog, model) for position in range(len(profiles))
    ]


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
    exposure_range_tenths: list[list[list[int]]]
    probability: list[list[float]]
    spend_share: list[list[float]]
    hhi: list[float]
    index_tenths: list[int]
    driver_values: list[list[list[float]]]  # [profile][ecosystem] → the channel contributions, then −removed
    raw_exposure: list[list[float]]
    in_use: list[list[bool]]
    exit_pm: list[list[list[float]]]  # [profile][ecosystem][part]
    exit_usd: list[list[list[float]]]
    exit_pm_range: list[list[list[float]]]  # [profile][ecosystem] → [low, high] before the spread
    exit_usd_range: list[list[list[float]]]
    recommendations: list[list[dict[str, Any]]]
    scenarios: list[list[list[dict[str, Any]]]]  # [profile] → scenario entries


def _tables(
    scored: RawScores, actions: Counterfactuals, scenarios: "ScenarioFigures", catalog: Catalog, model: Model
) -> Tables:
    features = scored.features
    exposure_tenths = tenths(scored.exposure)
    shares = _spend_shares(features.monthly_spend)
    costs = scored.exit_cost
    return Tables(
        exposure_tenths=exposure_tenths.tolist(),
        exposure_range_tenths=tenths(scored.exposure_range).tolist(),
        probability=scored.probability.tolist(),
        spend_share=shares.tolist(),
        hhi=np.sum((100.0 * shares) ** 2, axis=1).tolist(),
        index_tenths=tenths(_lock_in_index(scored.exposure, features.footprint)).tolist(),
        driver_values=_driver_values(scored, model).tolist(),
        raw_exposure=scored.raw_exposure.tolist(),
        in_use=features.in_use.tolist(),
        exit_pm=costs.pm.tolist(),
        exit_usd=costs.usd.tolist(),
        exit_pm_range=scored.exit_pm_range.tolist(),
        exit_usd_range=scored.exit_usd_range.tolist(),
        recommendations=_recommendation_entries(actions, exposure_tenths, features, catalog),
        scenarios=_scenario_entries(scenarios, catalog),
    )


def _document(
    position: int, profile: Profile, tables: Tables, catalog: Catalog, model: Model
) -> dict[str, Any]:
    exposure_tenths = tables.exposure_tenths[position]
    order = sorted(range(len(catalog.ecosystems)), key=lambda e: (-exposure_tenths[e], e))
    index = tables.index_tenths[position]
    in_use = tables.in_use[position]
    return {
        "format": SCORES_FORMAT,
        "model_version": model.version,
        "catalog_version": catalog.version,
        "overall": {
            "lock_in_index": index / 10,
            "concentration_hhi": round(tables.hhi[position]),
            "band": band(index),
        },
        "probability_event": PROBABILITY_EVENT,
        "probability_basis": _probability_basis(in_use, model),
        "ecosystems": [
            {
                "ecosystem": catalog.ecosystems[e],
                "exposure": exposure_tenths[e] / 10,
                "exposure_range": [value / 10 for value in tables.exposure_range_tenths[position][e]],
                "band": band(exposure_tenths[e]),
                **_evidence(e, catalog),
                "probability_costly_exit": round(tables.probability[position][e], 3),
                "spend_share": round(tables.spend_share[position][e], 4),
                "exit_cost": _exit_cost(position, e, tables) if in_use[e] else None,
                "drivers": _drivers(position, e, tables, model) if in_use[e] else [],
            }
            for e in order
        ],
        "practices_not_credited": [
            {"practice": name, "reason": reason}
            for name, reason in practice_problems(profile, catalog).items()
        ],
        "recommendations": tables.recommendations[position],
        "scenarios": [entry for e in order for entry in tables.scenarios[position][e]],
    }


def _probability_basis(in_use: list[bool], model: Model) -> str:
    counts = model.outcome_counts.tolist()
    used = [count for count, used in zip(counts, in_use, strict=True) if used]
    calibrated = bool(used) and min(used) >= A.MIN_OUTCOMES_CALIBRATED
    return "outcome-calibrated" if calibrated else "prior-implied"


def _evidence(e: int, catalog: Catalog) -> dict[str, str]:
    share = 0.0 if catalog.silent_share is None else float(catalog.silent_share[e])
    name = catalog.ecosystem_names[e]
    if share > A.INSUFFICIENT_EVIDENCE_SHARE:
        note = (
            f"{share:.0%} of {name}'s moat and risk ratings rest on the sources' silence, so a low score "
            "may only mean that little is known."
        )
        return {"evidence": "insufficient", "evidence_note": note}
    note = f"{1 - share:.0%} of {name}'s moat and risk ratings rest on a quoted source."
    return {"evidence": "sufficient", "evidence_note": note}


def _exit_cost(position: int, e: int, tables: Tables) -> dict[str, Any]:
    """The spread (EXIT_COST_LOW/HIGH_FACTOR) widens the estimated parts only: committed
    dollars still owed are known, and are owed in full at both ends."""
    pm_parts = tables.exit_pm[position][e]
    usd_parts = tables.exit_usd[position][e]
    pm_mid, usd_mid = sum(pm_parts), sum(usd_parts)
    pm_low, pm_high = tables.exit_pm_range[position][e]
    usd_low, usd_high = tables.exit_usd_range[position][e]
    owed = usd_parts[CONTRACT_RUN_OFF]
    return {
        "person_months": [
            round(min(pm_low, pm_mid) * A.EXIT_COST_LOW_FACTOR, 1),
            round(pm_mid, 1),
            round(max(pm_high, pm_mid) * A.EXIT_COST_HIGH_FACTOR, 1),
        ],
        "usd": [
            round(owed + (min(usd_low, usd_mid) - owed) * A.EXIT_COST_LOW_FACTOR),
            round(usd_mid),
            round(owed + (max(usd_high, usd_mid) - owed) * A.EXIT_COST_HIGH_FACTOR),
        ],
        "parts": [
            {"part": part, "label": label, "person_months": round(pm, 1), "usd": round(usd)}
            for (part, label), pm, usd in zip(PARTS.items(), pm_parts, usd_parts, strict=True)
            if pm > 0 or usd > 0
        ],
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
    actions: Counterfactuals, exposure_tenths: npt.NDArray[np.int64], features: Features, catalog: Catalog
) -> list[list[dict[str, Any]]]:
    """Per profile: every applicable action that lowers a shown exposure, re-scored. A practice
    is organization-wide: one entry, its removal summed over the ecosystems it lowers. Ranked by
    exposure removed (ties: action order, catalog order)."""
    after = tenths(actions.exposure_after)
    delta = np.where(actions.applicable, exposure_tenths[None] - after, 0)  # removed, ≥ 0 where it helps
    helps = delta > 0
    n_practices = len(A.PRACTICES)
    entries: list[list[tuple[tuple[int, int, int], dict[str, Any]]]] = [
        [] for _ in range(len(exposure_tenths))
    ]
    for a, p in zip(*np.nonzero(helps[:n_practices].any(axis=2)), strict=True):
        ecosystems = np.nonzero(helps[a, p])[0].tolist()
        removed = int(delta[a, p].sum())
        effort = A.ACTION_EFFORT_PERSON_MONTHS[ACTIONS[a]]
        entry = _recommendation(
            ACTIONS[a], None, removed, effort, {catalog.ecosystems[e]: after[a, p, e] for e in ecosystems}
        )
        entries[p].append(((-removed, int(a), -1), entry))
    for a, p, e in zip(*np.nonzero(helps[n_practices:]), strict=True):
        action = ACTIONS[n_practices + a]
        if action in WORKLOAD_ACTIONS:
            count = float(actions.changed_workloads[WORKLOAD_ACTIONS.index(action), p, e])
            effort = A.WORKLOAD_ACTION_EFFORT_PERSON_MONTHS[action] * count
        else:
            effort = A.ACTION_EFFORT_PERSON_MONTHS[action]
        removed = int(delta[n_practices + a, p, e])
        slug = catalog.ecosystems[e]
        entry = _recommendation(action, slug, removed, effort, {slug: after[n_practices + a, p, e]})
        entries[p].append(((-removed, n_practices + int(a), int(e)), entry))
    return [[entry for _, entry in sorted(bucket, key=lambda item: item[0])] for bucket in entries]


def _recommendation(
    action: str, ecosystem: str | None, removed_tenths: int, effort: float, after: dict[str, Any]
) -> dict[str, Any]:
    return {
        "action": action,
        "scope": "organization" if ecosystem is None else "ecosystem",
        "ecosystem": ecosystem,
        "exposure_removed": removed_tenths / 10,
        "effort_person_months": round(effort, 2),
        "removed_per_person_month": round(removed_tenths / 10 / effort, 2) if effort > 0 else None,
        "exposure_after": {slug: int(value) / 10 for slug, value in after.items()},
    }


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
    spend += (
        12.0
        * (features.monthly_spend - sum_by_pair(rows.profile, rows.ecosystem, rows.monthly_spend, pairs))[
            :, :, None
        ]
    )  # the suite's and the code assistant's seats are at risk in every scenario
    direct = np.array([A.SCENARIO_DIRECT_COST_SHARE[s] for s in A.SCENARIOS])
    forced = np.array([A.SCENARIO_FORCED_MIGRATION_SHARE[s] for s in A.SCENARIOS])
    exit_usd = scored.exit_cost.total_usd[:, :, None]
    cost = (catalog.impact / 5.0)[None] * (spend * direct + forced * exit_usd)
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
    moat = engine_moat(catalog).copy()
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
