"""The calibration set: a synthetic population of profiles labelled from the catalog's priors,
plus the real migrations consultants record.

There is no public labelled data on AI-vendor migrations, so the labels are the priors made
explicit: exposure = Σ_c CHANNEL_WEIGHT[c] × pressure_c × noise, and a costly exit is drawn
as "the real exit cost (the estimate times a logistic error in log space) is over the
threshold", i.e. with probability sigmoid(ln ratio / EXIT_COST_LOGISTIC_SCALE). Every constant
is in assumptions.py. A model fitted on these labels can only re-learn them: the model card
shows the generator's own metrics beside the model's for that reason.
"""

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from advisor.domain.profile import (
    Contract,
    OrganizationFacts,
    Practices,
    ProductivitySuite,
    Profile,
    Workload,
)
from advisor.domain.scoring import assumptions as A
from advisor.domain.scoring.arrays import BoolArray, FloatArray, IntArray
from advisor.domain.scoring.catalog import Catalog
from advisor.domain.scoring.exit_cost import costly_exit_ratio, exit_costs, log_ratio
from advisor.domain.scoring.features import Features, extract_features

CHANNEL_WEIGHT_VECTOR: FloatArray = np.array([A.CHANNEL_WEIGHT[channel] for channel in A.ENGINE_CHANNELS])
# Features that only exist on a vendor's platform, rarer when the weights are self-hosted.
VENDOR_HOSTED_FEATURES = frozenset(A.FEATURES) - {"fine_tuning", "function_calling"}
OWN_SILICON = {owner: accelerator for accelerator, owner in A.ACCELERATOR_OWNER.items()}


@dataclass(frozen=True)
class Outcome:
    """A migration that really happened, recorded by a consultant for an assessment."""

    profile: Profile
    ecosystem: str
    effort_person_months: float
    cost_usd: float
    high_cost: bool
    # Who recorded it: "firm:<id>" or "org:<id>" for an organization without a firm. No tenant
    # carries more than TENANT_OUTCOME_SHARE_CAP of the outcome weight.
    tenant: str = ""


@dataclass(frozen=True, eq=False)
class LabelledRows:
    """One row per (profile, ecosystem in use)."""

    profile: IntArray  # (R,) index into the profiles the rows came from
    ecosystem: IntArray  # (R,) catalog index
    pressure: FloatArray  # (R, C)
    log_ratio: FloatArray  # (R,) ln of the exit-cost ratio (exit_cost.costly_exit_ratio)
    exit_pm: FloatArray  # (R,) the engine's exit-cost estimate, person-months
    exposure_label: FloatArray  # (R,) 0–100
    costly: IntArray  # (R,) 0/1
    prior_probability: FloatArray  # (R,) the generator's own probability of the label
    sample_weight: FloatArray | IntArray  # (R,)

    def __len__(self) -> int:
        return len(self.exposure_label)


def prior_exposure(pressure: FloatArray) -> FloatArray:
    return pressure @ CHANNEL_WEIGHT_VECTOR


def prior_probability(log_exit_ratio: FloatArray) -> FloatArray:
    """The generator's P(costly exit): the real cost is the estimate times exp(ε), ε logistic
    with scale EXIT_COST_LOGISTIC_SCALE, and the exit is costly when it crosses the threshold."""
    result: FloatArray = 1.0 / (1.0 + np.exp(-log_exit_ratio / A.EXIT_COST_LOGISTIC_SCALE))
    return result


def effort_to_exposure(effort_person_months: float) -> float:
    exposure: float = 100.0 * (1.0 - np.exp(-effort_person_months / A.COSTLY_EXIT_PERSON_MONTHS))
    return exposure


def label_synthetic(profiles: Sequence[Profile], catalog: Catalog, rng: np.random.Generator) -> LabelledRows:
    features = extract_features(profiles, catalog)
    profile_index, ecosystem_index = np.nonzero(features.in_use)
    rows = _rows(profiles, catalog, features, profile_index, ecosystem_index)
    sigma = A.EXPOSURE_LABEL_NOISE
    noise = np.exp(sigma * rng.standard_normal(len(profile_index)) - sigma**2 / 2.0)
    exposure = np.clip(prior_exposure(rows["pressure"]) * noise, 0.0, 100.0)
    chance = prior_probability(rows["log_ratio"])
    costly = (rng.random(len(chance)) < chance).astype(int)
    return LabelledRows(
        **rows,
        exposure_label=exposure,
        costly=costly,
        prior_probability=chance,
        sample_weight=np.ones(len(exposure)),
    )


def ecosystems_in_use(profile: Profile, catalog: Catalog) -> tuple[str, ...]:
    """The ecosystems a profile depends on (workloads, suite, code assistant, chips, contracts):
    the only ones an outcome for it can be about."""
    in_use = extract_features([profile], catalog).in_use[0]
    return tuple(slug for slug, used in zip(catalog.ecosystems, in_use, strict=True) if used)


def check_outcome(outcome: Outcome, catalog: Catalog) -> None:
    """Raise ValueError when an outcome cannot be learned from (check it when it is recorded)."""
    if outcome.ecosystem not in catalog.ecosystems:
        raise ValueError(f"outcome for unknown ecosystem {outcome.ecosystem!r}")
    if not (outcome.effort_person_months >= 0 and outcome.cost_usd >= 0):
        raise ValueError("outcome effort and cost must be numbers ≥ 0")
    if not outcome.effort_person_months <= A.OUTCOME_MAX_EFFORT_PERSON_MONTHS:
        raise ValueError(
            f"effort must be between 0 and {A.OUTCOME_MAX_EFFORT_PERSON_MONTHS:.0f} person-months"
        )
    if not outcome.cost_usd <= A.OUTCOME_MAX_COST_USD:
        raise ValueError(f"cost must be between 0 and {A.OUTCOME_MAX_COST_USD:.0f} USD")
    in_use = extract_features([outcome.profile], catalog).in_use[0, catalog.index_of(outcome.ecosystem)]
    if not in_use:
        raise ValueError(f"the outcome's profile does not use {outcome.ecosystem}, the ecosystem it left")


def label_outcomes(outcomes: Sequence[Outcome], catalog: Catalog) -> LabelledRows:
    """The outcomes as rows: the engine's estimate for the profile they were recorded on, and the
    recorded effort as label. The event is read from the recorded numbers (cost over a year of
    the ecosystem's spend, or effort over the person-month threshold), not from a yes/no."""
    for outcome in outcomes:
        check_outcome(outcome, catalog)
    profiles = [outcome.profile for outcome in outcomes]
    features = extract_features(profiles, catalog)
    profile_index = np.arange(len(outcomes), dtype=np.intp)
    ecosystem_index = np.array([catalog.index_of(outcome.ecosystem) for outcome in outcomes], dtype=np.intp)
    rows = _rows(profiles, catalog, features, profile_index, ecosystem_index)
    annual = 12.0 * features.monthly_spend[profile_index, ecosystem_index]
    effort = np.array([o.effort_person_months for o in outcomes], dtype=float)
    cost = np.array([o.cost_usd for o in outcomes], dtype=float)
    recorded_ratio = costly_exit_ratio(effort, cost, annual)
    return LabelledRows(
        **rows,
        exposure_label=np.array([effort_to_exposure(value) for value in effort]),
        costly=(recorded_ratio > 1.0).astype(int),
        prior_probability=prior_probability(rows["log_ratio"]),
        sample_weight=outcome_weights(outcomes),
    )


def outcome_weights(outcomes: Sequence[Outcome]) -> FloatArray:
    """The sample weight of each outcome: OUTCOME_SAMPLE_WEIGHT, except that the outcomes of a
    tenant over TENANT_OUTCOME_SHARE_CAP of the total weight share that capped weight equally."""
    counts = Counter(outcome.tenant for outcome in outcomes)
    if not counts:
        return np.zeros(0)
    level = _tenant_level(sorted(counts.values(), reverse=True), A.TENANT_OUTCOME_SHARE_CAP)
    return np.array([A.OUTCOME_SAMPLE_WEIGHT * min(1.0, level / counts[o.tenant]) for o in outcomes])


def _tenant_level(totals: list[int], cap: float) -> float:
    """The most outcomes' worth of weight one tenant may carry, for tenants' outcome counts in
    decreasing order: the level C at which the j largest tenants, capped at C, hold exactly the
    share `cap` each, C = cap × (j·C + the others' total). Infinite when nobody is over the cap."""
    if totals[0] <= cap * sum(totals):
        return math.inf
    for capped in range(1, len(totals)):
        others = sum(totals[capped:])
        if capped * cap >= 1:
            break
        level = cap * others / (1 - capped * cap)
        if totals[capped - 1] >= level >= totals[capped]:
            return level
    return float(totals[-1])  # too few tenants for the share: each weighs as much as the smallest


def _rows(
    profiles: Sequence[Profile],
    catalog: Catalog,
    features: Features,
    profile_index: IntArray,
    ecosystem_index: IntArray,
) -> dict[str, np.ndarray]:
    costs = exit_costs(profiles, catalog, features)
    ratio = costly_exit_ratio(costs.total_pm, costs.total_usd, 12.0 * features.monthly_spend)
    return {
        "profile": profile_index,
        "ecosystem": ecosystem_index,
        "pressure": features.pressure[profile_index, ecosystem_index],
        "log_ratio": log_ratio(ratio[profile_index, ecosystem_index]),
        "exit_pm": costs.total_pm[profile_index, ecosystem_index],
    }


def concatenate(first: LabelledRows, second: LabelledRows) -> LabelledRows:
    names = LabelledRows.__dataclass_fields__
    return LabelledRows(
        **{name: np.concatenate([getattr(first, name), getattr(second, name)]) for name in names}
    )


# --- the synthetic population -----------------------------------------------------------------
# Drawn column by column for the whole population at once (numpy), then assembled.


def synthetic_profiles(catalog: Catalog, n: int, seed: int) -> list[Profile]:
    """A wide, realistic population: skewed to one primary ecosystem per organization, with a
    share drawn uniformly over every answer so that rare combinations are covered too."""
    rng = np.random.default_rng(seed)
    organizations = _draw_organizations(rng, n)
    uniform = rng.random(n) < A.UNIFORM_PROFILE_SHARE
    primary = rng.choice(len(catalog.ecosystems), size=n, p=_market_share(catalog))
    counts = rng.choice(np.arange(1, A.MAX_WORKLOADS + 1), size=n, p=_workload_count_share())
    workloads = _draw_workloads(rng, catalog, organizations, counts, primary, uniform)
    suites = _draw_suites(rng, uniform)
    practices = _draw_practices(rng, organizations)
    contracts = _draw_contracts(rng, organizations, workloads, [catalog.ecosystems[p] for p in primary])
    return [
        Profile(
            organization=organizations[position],
            workloads=workloads[position],
            productivity_suite=suites[position],
            practices=practices[position],
            contracts=contracts[position],
            stated_practices=A.PRACTICES,
            has_contracts_section=True,
        )
        for position in range(n)
    ]


def _draw_organizations(rng: np.random.Generator, n: int) -> list[OrganizationFacts]:
    industries = _pick(rng, A.INDUSTRIES, np.tile(_shares(A.INDUSTRY_SHARE, A.INDUSTRIES), (n, 1)))
    regulated_share = np.array(
        [A.REGULATED_SHARE_BY_INDUSTRY.get(i, A.REGULATED_SHARE_OTHERWISE) for i in industries]
    )
    regulated = rng.random(n) < regulated_share
    eu = rng.random(n) < A.EU_OPERATIONS_SHARE
    employees = np.clip(np.exp(rng.normal(A.EMPLOYEES_LOG_MEDIAN, A.EMPLOYEES_LOG_SD, n)), 1, 500_000).astype(
        int
    )
    per_employee = np.exp(rng.normal(A.AI_SPEND_PER_EMPLOYEE_LOG_MEDIAN, A.AI_SPEND_PER_EMPLOYEE_LOG_SD, n))
    spend = np.round(employees * per_employee, -3)
    return [
        OrganizationFacts(
            name=f"Synthetic organization {position}",
            industry=industries[position],
            employees=int(employees[position]),
            regulated=bool(regulated[position]),
            eu_operations=bool(eu[position]),
            annual_ai_spend_usd=float(spend[position]),
        )
        for position in range(n)
    ]


def _draw_workloads(
    rng: np.random.Generator,
    catalog: Catalog,
    organizations: list[OrganizationFacts],
    counts: IntArray,
    primary: IntArray,
    uniform: BoolArray,
) -> list[tuple[Workload, ...]]:
    owner = np.repeat(np.arange(len(counts)), counts)
    n = len(owner)
    uniform_row = uniform[owner]
    n_ecosystems = len(catalog.ecosystems)
    ecosystem = np.where(
        rng.random(n) < A.PRIMARY_ECOSYSTEM_SHARE,
        primary[owner],
        rng.choice(n_ecosystems, size=n, p=_market_share(catalog)),
    )
    ecosystem = np.where(uniform_row, rng.integers(0, n_ecosystems, size=n), ecosystem)
    open_weights = catalog.open_weights[ecosystem]
    deployment = _pick(
        rng,
        A.DEPLOYMENTS,
        _row_shares(
            uniform_row,
            np.where(open_weights[:, None], _shares(A.DEPLOYMENT_SHARE_OPEN, A.DEPLOYMENTS), 0.0)
            + np.where(~open_weights[:, None], _shares(A.DEPLOYMENT_SHARE_CLOSED, A.DEPLOYMENTS), 0.0),
        ),
    )
    self_hosted = np.array([value == "self_hosted" for value in deployment])
    annual = np.array([organization.annual_ai_spend_usd for organization in organizations])
    weights = rng.gamma(1.0, size=n)
    shares = (
        weights
        / np.bincount(owner, weights=weights)[owner]
        * np.exp(rng.normal(0.0, A.WORKLOAD_SPEND_LOG_SD, n))
    )
    spend = np.round(annual[owner] / 12.0 * shares)
    spend[rng.random(n) < A.ZERO_SPEND_WORKLOAD_SHARE] = 0.0
    criticality = _pick(rng, A.CRITICALITIES, np.tile(_shares(A.CRITICALITY_SHARE, A.CRITICALITIES), (n, 1)))
    features = _draw_features(rng, uniform_row, self_hosted)
    location_shares = np.where(
        self_hosted[:, None],
        _shares(A.DATA_LOCATION_SHARE_SELF_HOSTED, A.DATA_LOCATIONS),
        _shares(A.DATA_LOCATION_SHARE, A.DATA_LOCATIONS),
    )
    data_location = _pick(rng, A.DATA_LOCATIONS, _row_shares(uniform_row, location_shares))
    accelerator = _draw_accelerators(rng, catalog, ecosystem, deployment, uniform_row)
    models = {slug: _model_of(catalog, slug) for slug in catalog.ecosystems}
    result: list[list[Workload]] = [[] for _ in counts]
    for row in range(n):
        slug = catalog.ecosystems[ecosystem[row]]
        result[owner[row]].append(
            Workload(
                name=f"Workload {len(result[owner[row]]) + 1}",
                ecosystem=slug,
                model=models[slug],
                deployment=deployment[row],
                criticality=criticality[row],
                monthly_spend_usd=float(spend[row]),
                features=features[row],
                data_location=data_location[row],
                accelerator=accelerator[row],
            )
        )
    return [tuple(workloads) for workloads in result]


def _draw_features(
    rng: np.random.Generator, uniform_row: BoolArray, self_hosted: BoolArray
) -> list[tuple[str, ...]]:
    share = np.tile([A.FEATURE_SHARE[feature] for feature in A.FEATURES], (len(uniform_row), 1))
    vendor_hosted = np.array([feature in VENDOR_HOSTED_FEATURES for feature in A.FEATURES])
    share = np.where(self_hosted[:, None] & vendor_hosted, share * A.SELF_HOSTED_VENDOR_FEATURE_FACTOR, share)
    share = np.where(uniform_row[:, None], A.UNIFORM_FEATURE_SHARE, share)
    chosen = rng.random(share.shape) < share
    return [
        tuple(feature for feature, on in zip(A.FEATURES, row, strict=True) if on) for row in chosen.tolist()
    ]


def _draw_accelerators(
    rng: np.random.Generator,
    catalog: Catalog,
    ecosystem: IntArray,
    deployment: list[str],
    uniform_row: BoolArray,
) -> list[str]:
    draws = rng.random(len(ecosystem))
    self_hosted = _pick(
        rng,
        A.ACCELERATORS,
        np.tile(_shares(A.ACCELERATOR_SHARE_SELF_HOSTED, A.ACCELERATORS), (len(ecosystem), 1)),
    )
    anything = _pick(
        rng, A.ACCELERATORS, np.full((len(ecosystem), len(A.ACCELERATORS)), 1.0 / len(A.ACCELERATORS))
    )
    result = []
    for row, (where, draw) in enumerate(zip(deployment, draws.tolist(), strict=True)):
        if uniform_row[row]:
            result.append(anything[row])
        elif where == "self_hosted":
            result.append(self_hosted[row])
        elif where == "cloud_marketplace" and draw < A.MARKETPLACE_CUSTOM_SILICON_SHARE:
            result.append(OWN_SILICON.get(catalog.ecosystems[ecosystem[row]], "nvidia"))
        else:
            result.append("none")
    return result


def _draw_suites(rng: np.random.Generator, uniform: BoolArray) -> list[ProductivitySuite | None]:
    n = len(uniform)
    has_suite = uniform | (rng.random(n) < A.HAS_SUITE_SHARE)
    suite = _pick(rng, A.SUITES, _row_shares(uniform, np.tile(_shares(A.SUITE_SHARE, A.SUITES), (n, 1))))
    assistant_shares = np.tile(_shares(A.CODE_ASSISTANT_SHARE, A.CODE_ASSISTANTS), (n, 1))
    assistant = _pick(rng, A.CODE_ASSISTANTS, _row_shares(uniform, assistant_shares))
    seats = np.round(rng.beta(*A.SEAT_SHARE_BETA, n), 2)
    return [
        ProductivitySuite(suite=suite[i], seat_share=float(seats[i]), code_assistant=assistant[i])
        if has_suite[i]
        else None
        for i in range(n)
    ]


def _draw_practices(rng: np.random.Generator, organizations: list[OrganizationFacts]) -> list[Practices]:
    n = len(organizations)
    maturity = rng.beta(*A.MATURITY_BETA, size=n)
    chance = maturity[:, None] * np.array([A.PRACTICE_ADOPTION_FACTOR[name] for name in A.PRACTICES])
    regulated = np.array([organization.regulated for organization in organizations])
    boosted = np.array([name in ("exit_plan_documented", "data_export_tested") for name in A.PRACTICES])
    chance = chance + A.REGULATED_EXIT_PLAN_BOOST * (regulated[:, None] & boosted)
    adopted = (rng.random((n, len(A.PRACTICES))) < chance).tolist()
    return [Practices(**dict(zip(A.PRACTICES, row, strict=True))) for row in adopted]


def _draw_contracts(
    rng: np.random.Generator,
    organizations: list[OrganizationFacts],
    workloads: list[tuple[Workload, ...]],
    primary: list[str],
) -> list[tuple[Contract, ...]]:
    n = len(organizations)
    first = rng.random(n) < A.CONTRACT_SHARE
    second = rng.random(n) < A.SECOND_CONTRACT_SHARE
    pick = rng.random(n)
    terms = rng.uniform(*A.CONTRACT_COMMITMENT_RANGE, (n, 2))
    months = rng.integers(0, A.CONTRACT_MONTHS_MAX + 1, (n, 2))
    clauses = rng.random((n, 2, 2)) < np.array([A.CONTRACT_CLAUSE_SHARE[c] for c in A.CONTRACT_CLAUSES])
    result = []
    for i, organization in enumerate(organizations):
        contracts = []
        others = sorted({workload.ecosystem for workload in workloads[i]} - {primary[i]})
        chosen = [primary[i]] if first[i] else []
        if others and second[i]:
            chosen.append(others[int(pick[i] * len(others))])
        for k, ecosystem in enumerate(chosen):
            contracts.append(
                Contract(
                    ecosystem=ecosystem,
                    committed_spend_usd=float(np.round(organization.annual_ai_spend_usd * terms[i, k], -3)),
                    months_remaining=int(months[i, k]),
                    data_export_clause=bool(clauses[i, k, 0]),
                    termination_assistance=bool(clauses[i, k, 1]),
                )
            )
        result.append(tuple(contracts))
    return result


def _pick(rng: np.random.Generator, options: Sequence[str], shares: FloatArray) -> list[str]:
    """One option per row of `shares` (rows sum to 1), by inverting the cumulative shares."""
    cumulative = np.cumsum(shares, axis=1)
    draws = rng.random(len(shares)) * cumulative[:, -1]
    index = (draws[:, None] >= cumulative).sum(axis=1)
    index = np.minimum(index, len(options) - 1)
    return [options[i] for i in index.tolist()]


def _row_shares(uniform_row: BoolArray, shares: FloatArray) -> FloatArray:
    """The given shares, or equal shares for the rows drawn uniformly."""
    equal = np.full(shares.shape[1], 1.0 / shares.shape[1])
    return np.where(uniform_row[:, None], equal, shares)


def _model_of(catalog: Catalog, ecosystem: str) -> str:
    for model, owner in catalog.model_ecosystem.items():
        if owner == ecosystem:
            return model
    return "unspecified"


def _market_share(catalog: Catalog) -> FloatArray:
    raw: FloatArray = np.array(
        [A.MARKET_SHARE.get(slug, A.DEFAULT_MARKET_SHARE) for slug in catalog.ecosystems]
    )
    return raw / raw.sum()


def _workload_count_share() -> FloatArray:
    raw = A.WORKLOAD_COUNT_DECAY ** np.arange(1, A.MAX_WORKLOADS + 1)
    return raw / raw.sum()


def _shares(mapping: Mapping[str, float], order: Sequence[str]) -> FloatArray:
    raw: FloatArray = np.array([mapping[key] for key in order], dtype=float)
    return raw / raw.sum()
