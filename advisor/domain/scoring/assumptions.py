"""Every modelling constant of the scoring engine, in one place.

These numbers are judgements, not measurements: there is no public data on what AI-vendor
migrations cost. Each one says why it has the value it has, and docs/methodology.md quotes them.
Changing any of them changes `ASSUMPTIONS_DIGEST`, and with it the version of every model trained
afterwards, so a score can always be traced to the assumptions it rests on.
"""

import hashlib
import json

# The shared vocabulary is part of this module's constants (and of ASSUMPTIONS_DIGEST).
from advisor.domain.vocabulary import (  # noqa: F401
    ACCELERATORS,
    CHANNELS,
    CODE_ASSISTANTS,
    CONTRACT_CLAUSES,
    CRITICALITIES,
    DATA_LOCATIONS,
    DEPLOYMENTS,
    FEATURES,
    INDUSTRIES,
    PRACTICES,
    SCENARIOS,
    SUITES,
)

# ---------------------------------------------------------------------------------------------
# How much one workload weighs in its ecosystem: criticality × (base + spend / scale).

# A mission-critical workload is about four times as hard to move as a low-criticality one:
# it needs a parallel run, sign-off and a rollback plan, a low one can simply be switched.
CRITICALITY_WEIGHT = {"low": 0.25, "medium": 0.5, "high": 0.8, "mission_critical": 1.0}

# A workload counts even at zero spend (pilots, free tiers): its integration work exists anyway.
WORKLOAD_BASE_WEIGHT = 0.5

# Spend is measured against the organization's own monthly AI budget (annual_ai_spend_usd / 12),
# never against the other workloads, so adding spend can only raise an ecosystem's weight.
# The floor keeps a small or unstated budget from turning any spend into total dependence.
SPEND_SCALE_FLOOR_USD_PER_MONTH = 10_000.0

# Masses saturate: M = 1 − exp(−MASS_RATE × Σ weight × usage). At 2.0 one mission-critical
# workload using a channel fully (weight ≈ 0.7) already fills three quarters of it; a second
# adds less. Leaving is not twice as hard for twice the workloads once the channel is adopted.
MASS_RATE = 2.0

# ---------------------------------------------------------------------------------------------
# Channel usage of one workload, each in [0, 1] after summing and clipping at 1.
# Read as: "how much of this channel's lock-in does this answer switch on".

DEPLOYMENT_USAGE = {
    # The vendor's own API: prompts, tool schemas and SDK calls are written to its surface.
    "vendor_api": {"model_api": 0.8, "cloud_platform": 0.1, "pricing": 0.2},
    # Azure OpenAI / Bedrock / Vertex: same API dependence, plus the cloud's IAM, networking,
    # quotas and (often) a committed-spend agreement.
    "cloud_marketplace": {"model_api": 0.6, "cloud_platform": 0.6, "pricing": 0.3},
    # Own serving of downloadable weights: little API dependence, but bound by the licence.
    "self_hosted": {"model_api": 0.1, "cloud_platform": 0.1, "licence": 0.6},
}
FEATURE_USAGE = {
    # Fine-tuned weights live behind the vendor and cannot be exported from closed vendors;
    # the training data is uploaded there; derivatives of open weights inherit the licence.
    "fine_tuning": {"model_api": 0.2, "data_gravity": 0.25, "licence": 0.3, "custom_silicon": 0.1},
    # Seed 000: agentic workflows are "a deliberate move to lock users into a proprietary
    # execution environment"; threads and files also stay with the vendor.
    "assistants_or_agents_api": {"agent_runtime": 0.7, "data_gravity": 0.1},
    "vendor_vector_store": {"data_gravity": 0.35, "cloud_platform": 0.1},
    "code_interpreter": {"agent_runtime": 0.4},
    "function_calling": {"model_api": 0.1, "agent_runtime": 0.15},
    "batch_api": {"model_api": 0.1, "pricing": 0.1},
    "realtime_voice": {"model_api": 0.1, "agent_runtime": 0.2},
    # Embeddings are model-specific: switching means re-embedding the whole corpus.
    "vendor_embeddings": {"data_gravity": 0.3},
    "vendor_eval_tools": {"cloud_platform": 0.2},
    "vendor_guardrails": {"cloud_platform": 0.2, "model_api": 0.05},
}
DATA_LOCATION_USAGE = {
    "vendor_cloud": {"data_gravity": 0.5},
    "own_cloud": {"data_gravity": 0.1},
    "on_premises": {},
}
# Custom silicon: TPU and Trainium bind the workload to the chip's owner (seed 000: models
# "cannot easily run on NVIDIA's Hopper or Blackwell architectures without significant
# recompilation"). "none" means the vendor runs the model on silicon of its choice, which ties
# the model (not the customer's code) to it; NVIDIA is the portable baseline.
ACCELERATOR_USAGE = {
    "none": {"custom_silicon": 0.2},
    "nvidia": {"custom_silicon": 0.05},
    "tpu": {"custom_silicon": 1.0},
    "trainium": {"custom_silicon": 1.0},
    "other": {"custom_silicon": 0.3},
}
# Whose silicon it is: a Llama workload on TPUs is a custom-silicon dependency on Google,
# whatever ecosystem the model belongs to. Missing from the catalog → the workload's own.
ACCELERATOR_OWNER = {"tpu": "google", "trainium": "anthropic-amazon"}

# ---------------------------------------------------------------------------------------------
# Organization-wide masses, in the same units as Σ weight × usage.

# Seed 000: "Microsoft's integration of Copilot into Office 365, Windows, and GitHub creates a
# sticky ecosystem where switching costs are enormous". A suite on every seat counts as about
# two mission-critical workloads on the suite channel.
# Looked up with the profile's optional fields: None (not stated) finds no ecosystem.
SUITE_ECOSYSTEM: dict[str | None, str] = {
    "microsoft_365_copilot": "openai-microsoft",
    "google_workspace_gemini": "google",
}
SUITE_MASS_AT_FULL_SEATS = 1.5
# When the suite is named but the seat share is not, assume half the employees have it.
DEFAULT_SEAT_SHARE = 0.5
CODE_ASSISTANT_ECOSYSTEM: dict[str | None, str] = {
    "github_copilot": "openai-microsoft",
    "gemini_code_assist": "google",
    "amazon_q": "anthropic-amazon",
}
# A code assistant is easier to swap than a suite (an IDE plug-in), but seed 000 counts GitHub
# in the 90% cross-product retention figure, so it still binds.
CODE_ASSISTANT_MASS = 0.4

# Committed spend is a switching cost until it runs out: each contract adds
# CONTRACT_MASS × min(committed / annual AI budget, CONTRACT_SHARE_CAP)
#              × min(months_remaining / CONTRACT_HORIZON_MONTHS, 1) to the pricing channel.
CONTRACT_MASS = 1.0
CONTRACT_SHARE_CAP = 2.0
CONTRACT_HORIZON_MONTHS = 24
ANNUAL_SPEND_FLOOR_USD = 120_000.0

# Footprint of an ecosystem: F = 1 − exp(−FOOTPRINT_RATE × Σ_channels mass). It scales the
# ecosystem's risk pressures: a key risk only matters as much as the organization depends on it.
FOOTPRINT_RATE = 0.6

# ---------------------------------------------------------------------------------------------
# Mitigations: each adopted practice keeps (1 − fraction) of a channel's pressure.
# Multiplicative, so practices overlap instead of adding up past 100%.

PRACTICE_MITIGATION = {
    # Routing through a gateway makes the model behind it a configuration change.
    "llm_gateway": {"model_api": 0.35, "agent_runtime": 0.10, "pricing": 0.10},
    # An eval harness proves a replacement model is good enough, the slowest part of a switch.
    "eval_harness": {"model_api": 0.20, "agent_runtime": 0.10},
    "prompt_portability": {"model_api": 0.20, "agent_runtime": 0.10},
    # A tested open-weights fallback caps how far a price rise or a chip dependency can go.
    "open_weights_fallback": {"model_api": 0.25, "pricing": 0.20, "custom_silicon": 0.15},
    # Running two vendors in production is the strongest proof that leaving is possible.
    "multi_vendor_in_production": {
        "model_api": 0.30,
        "agent_runtime": 0.10,
        "cloud_platform": 0.15,
        "pricing": 0.25,
    },
    # A written exit plan (DORA/EBA style) helps everywhere a little, nowhere a lot.
    "exit_plan_documented": {channel: 0.10 for channel in CHANNELS},
    "data_export_tested": {"data_gravity": 0.40},
}
# Contract clauses act on the ecosystem whose contract has them (any contract with it).
CLAUSE_MITIGATION = {
    "data_export_clause": {"data_gravity": 0.25},
    "termination_assistance": {
        "model_api": 0.05,
        "agent_runtime": 0.10,
        "data_gravity": 0.10,
        "cloud_platform": 0.10,
        "pricing": 0.10,
    },
}

# ---------------------------------------------------------------------------------------------
# Labels of the calibration set (the structured priors).

# Exposure points a channel adds at full pressure (moat 5, saturated mass, no mitigation).
# The seeds put the application layer (suite), agents, data and the API surface first; silicon
# binds model builders more than API customers; licence and pricing are real but cheaper to get
# out of. They sum to 125, not 100: no camp in the catalog is rated 5 on every channel (the most
# integrated average about 3.3 of 5), and with a sum of 100 even a fully saturated OpenAI/Microsoft
# or Google estate could not reach "critical" (75). Exposure is capped at 100.
CHANNEL_WEIGHT = {
    "custom_silicon": 12.5,
    "model_api": 20.0,
    "agent_runtime": 19.0,
    "suite_integration": 20.0,
    "data_gravity": 20.0,
    "cloud_platform": 15.0,
    "licence": 9.0,
    "pricing": 9.5,
}
# Noise of the exposure labels: two organizations with the same answers do not face the same
# migration. Multiplicative, label = prior × exp(σz − σ²/2) with z standard normal: the spread
# grows with the size of the exit (±15% of it), the mean stays the prior, and a label never
# goes below 0. Additive noise clipped at 0 would inflate the small labels and bias the fitted
# weights of the channels that only small exits use (licence, above all) by a third.
EXPOSURE_LABEL_NOISE = 0.15

# P(high-cost migration) = sigmoid(intercept + exposure_coef × exposure/100
#                                   + Σ risk_coef[s] × risk pressure[s]
#                                   + regulated_coef × regulated + eu_coef × eu_operations)
HIGH_COST_INTERCEPT = -3.4
HIGH_COST_EXPOSURE_COEF = 5.0
HIGH_COST_RISK_COEF = {
    # A price shock mostly costs money without forcing a move.
    "price_shock": 0.8,
    # A retired model forces a re-validation or a move within months.
    "model_deprecation": 1.2,
    # Seed 000: Mistral "will likely be acquired"; an acquirer changes terms and roadmaps.
    "vendor_acquisition": 1.5,
    "compute_dependency": 1.0,
    # A mandated interoperability regime lowers switching costs as much as it causes a move.
    "regulatory_mandate": 0.5,
}
# Regulated organizations must be able to execute their exit plans (DORA, EBA outsourcing
# guidelines): a migration is documented, tested and audited, so it costs more.
HIGH_COST_REGULATED_COEF = 0.5
# EU operations add data-residency and AI Act work to any move.
HIGH_COST_EU_COEF = 0.2

# Recorded migrations: each counts as this many synthetic rows (its sample weight in the
# ecosystem-scale fit and in the classifier's), and its effort becomes an exposure label of
# 100 × (1 − exp(−effort / EFFORT_SCALE)): 6 person-months → 39, 12 → 63, 30 → 92. Twelve
# person-months to leave one ecosystem is a serious migration.
OUTCOME_SAMPLE_WEIGHT = 200
EFFORT_SCALE_PERSON_MONTHS = 12.0
# Bounds of a recorded outcome, far above any real one, so that a typo or a hostile 1e308 is
# refused when it is recorded. 1,200 person-months is a hundred people for a year, beyond any
# migration off one AI vendor (the exposure label is 99 from about 55 person-months on anyway);
# the cost bound is 1.5 years (MIGRATION_COST_YEARS_AT_FULL_EXPOSURE) of the largest yearly AI
# spend a profile accepts (100 billion USD).
OUTCOME_MAX_EFFORT_PERSON_MONTHS = 1_200.0
OUTCOME_MAX_COST_USD = 150_000_000_000.0
# Every tenant (a consulting firm, or an organization without one) trains the one shared model,
# so none may carry more than this share of the outcome weight in a training run: one tenant's
# view of migrations then cannot outvote three others'. A larger tenant's outcomes are weighted
# down together until it holds exactly this share; the others keep OUTCOME_SAMPLE_WEIGHT. With
# fewer than 1 / share tenants no re-weighting can meet the share, and each tenant then weighs
# as much as the one that recorded fewest. An administrator approves every outcome before it
# is used at all.
TENANT_OUTCOME_SHARE_CAP = 0.25

# ---------------------------------------------------------------------------------------------
# Scenarios (reported per ecosystem in use; none of them enters the model).

# Probability of the scenario within about three years, by catalog likelihood rating.
LIKELIHOOD_PROBABILITY = {1: 0.05, 2: 0.15, 3: 0.30, 4: 0.50, 5: 0.75}
# Share of the annual spend at risk lost directly when the scenario hits at impact 5
# (a 50% price rise for a year; re-validation after a deprecation; …).
SCENARIO_DIRECT_COST_SHARE = {
    "price_shock": 0.50,
    "model_deprecation": 0.10,
    "vendor_acquisition": 0.20,
    "compute_dependency": 0.30,
    "regulatory_mandate": 0.05,
}
# Share of a full migration the scenario forces at impact 5.
SCENARIO_FORCED_MIGRATION_SHARE = {
    "price_shock": 0.25,
    "model_deprecation": 0.50,
    "vendor_acquisition": 0.50,
    "compute_dependency": 0.50,
    "regulatory_mandate": 0.0,
}
# A full migration of an ecosystem at exposure 100 costs this many years of its AI spend.
MIGRATION_COST_YEARS_AT_FULL_EXPOSURE = 1.5
# Self-hosted weights cannot be repriced, retired or starved of the vendor's compute.
SCENARIOS_SPARING_SELF_HOSTED = ("price_shock", "model_deprecation", "compute_dependency")
# Seed 000: "The remedy will likely be mandated interoperability (e.g., requiring APIs to be
# open)". Moat multipliers in that world; the scenario re-scores with them.
MANDATE_MOAT_FACTOR = {"model_api": 0.5, "agent_runtime": 0.6, "suite_integration": 0.7}

# ---------------------------------------------------------------------------------------------
# Estimators, quality gates and the production training size.

N_PROFILES = 20_000
HOLDOUT_SHARE = 0.2
CLASSIFIER_TREES = 50  # each tree costs ~10 µs per predict call: keep scoring under 5 ms
CLASSIFIER_MAX_DEPTH = 3
CLASSIFIER_LEARNING_RATE = 0.1
CLASSIFIER_MIN_SAMPLES_LEAF = 50
CLASSIFIER_L2 = 1.0
CALIBRATION_FOLDS = 5
ECE_BINS = 10

GATE_MAX_ECE = 0.05
GATE_MIN_AUC = 0.70
# Brier score at least this fraction below the no-skill Brier (always predicting the base rate).
GATE_MIN_BRIER_SKILL = 0.10
MONOTONICITY_SAMPLE = 200
MONOTONICITY_TOLERANCE = 1e-9
# Recorded outcomes scale an ecosystem's exposures (s_e). Beyond this factor the outcomes
# contradict the catalog's moat ratings more than a scale should absorb: the model is not
# activated, and the gate names the ecosystem, so that its ratings or the outcomes get reviewed.
GATE_MAX_ECOSYSTEM_SCALE = 3.0

# ---------------------------------------------------------------------------------------------
# The synthetic population the model is calibrated on. Skewed like the market the seeds
# describe: most organizations build on one camp and try a second.

# Relative share of workloads per ecosystem; ecosystems missing here get DEFAULT_MARKET_SHARE.
MARKET_SHARE = {
    "openai-microsoft": 0.36,
    "google": 0.20,
    "anthropic-amazon": 0.20,
    "meta": 0.12,
    "mistral": 0.06,
    "xai": 0.02,
    "cohere": 0.04,
}
DEFAULT_MARKET_SHARE = 0.03
# Probability that a workload goes to the organization's primary ecosystem.
PRIMARY_ECOSYSTEM_SHARE = 0.65
# Share of profiles drawn uniformly over every answer, so that rare combinations are covered.
UNIFORM_PROFILE_SHARE = 0.10
MAX_WORKLOADS = 15
# P(n workloads) ∝ WORKLOAD_COUNT_DECAY ** n for n = 1…MAX_WORKLOADS.
WORKLOAD_COUNT_DECAY = 0.8
INDUSTRY_SHARE = {
    "financial_services": 0.15,
    "healthcare": 0.10,
    "retail": 0.12,
    "software": 0.20,
    "public_sector": 0.08,
    "manufacturing": 0.10,
    "telecom": 0.07,
    "energy": 0.06,
    "other": 0.12,
}
REGULATED_SHARE_BY_INDUSTRY = {
    "financial_services": 0.9,
    "healthcare": 0.7,
    "public_sector": 0.8,
    "telecom": 0.6,
    "energy": 0.6,
}
REGULATED_SHARE_OTHERWISE = 0.15
EU_OPERATIONS_SHARE = 0.45
EMPLOYEES_LOG_MEDIAN = 7.6  # e^7.6 ≈ 2,000 employees
EMPLOYEES_LOG_SD = 1.5
AI_SPEND_PER_EMPLOYEE_LOG_MEDIAN = 5.0  # e^5 ≈ $150 per employee per year
AI_SPEND_PER_EMPLOYEE_LOG_SD = 1.0
ZERO_SPEND_WORKLOAD_SHARE = 0.05
# A workload's share of the monthly budget: Dirichlet(1, …, 1) over the organization's workloads,
# times a log-normal factor of this spread (budgets and actual spend never quite match).
WORKLOAD_SPEND_LOG_SD = 0.3
CRITICALITY_SHARE = {"low": 0.20, "medium": 0.35, "high": 0.30, "mission_critical": 0.15}
DEPLOYMENT_SHARE_CLOSED = {"vendor_api": 0.5, "cloud_marketplace": 0.5, "self_hosted": 0.0}
DEPLOYMENT_SHARE_OPEN = {"vendor_api": 0.2, "cloud_marketplace": 0.3, "self_hosted": 0.5}
FEATURE_SHARE = {
    "fine_tuning": 0.15,
    "assistants_or_agents_api": 0.25,
    "vendor_vector_store": 0.20,
    "code_interpreter": 0.10,
    "function_calling": 0.50,
    "batch_api": 0.20,
    "realtime_voice": 0.05,
    "vendor_embeddings": 0.30,
    "vendor_eval_tools": 0.10,
    "vendor_guardrails": 0.15,
}
# In the uniformly drawn profiles, every feature has this chance.
UNIFORM_FEATURE_SHARE = 0.3
# Vendor-hosted features are rarer on self-hosted deployments.
SELF_HOSTED_VENDOR_FEATURE_FACTOR = 0.2
DATA_LOCATION_SHARE = {"vendor_cloud": 0.45, "own_cloud": 0.40, "on_premises": 0.15}
DATA_LOCATION_SHARE_SELF_HOSTED = {"vendor_cloud": 0.05, "own_cloud": 0.6, "on_premises": 0.35}
ACCELERATOR_SHARE_SELF_HOSTED = {"none": 0.0, "nvidia": 0.8, "tpu": 0.05, "trainium": 0.05, "other": 0.1}
# On a cloud marketplace the customer sometimes picks the cloud's own chips.
MARKETPLACE_CUSTOM_SILICON_SHARE = 0.2
HAS_SUITE_SHARE = 0.7
SEAT_SHARE_BETA = (2.0, 3.0)  # mean 40% of employees with the AI suite
SUITE_SHARE = {"microsoft_365_copilot": 0.45, "google_workspace_gemini": 0.2, "other": 0.1, "none": 0.25}
CODE_ASSISTANT_SHARE = {
    "github_copilot": 0.45,
    "gemini_code_assist": 0.10,
    "amazon_q": 0.10,
    "other": 0.10,
    "none": 0.25,
}
# Organization maturity ~ Beta(a, b); each practice is adopted with P = maturity × factor.
MATURITY_BETA = (1.5, 3.0)
PRACTICE_ADOPTION_FACTOR = {
    "llm_gateway": 1.0,
    "eval_harness": 1.1,
    "prompt_portability": 0.8,
    "open_weights_fallback": 0.6,
    "multi_vendor_in_production": 0.9,
    "exit_plan_documented": 0.9,
    "data_export_tested": 0.6,
}
# Regulated organizations are pushed towards exit plans and export tests.
REGULATED_EXIT_PLAN_BOOST = 0.3
CONTRACT_SHARE = 0.5
SECOND_CONTRACT_SHARE = 0.15
# Committed spend as a multiple of the annual AI budget, uniform in this range; months left
# uniform from 0 to CONTRACT_MONTHS_MAX.
CONTRACT_COMMITMENT_RANGE = (0.2, 1.2)
CONTRACT_MONTHS_MAX = 48
CONTRACT_CLAUSE_SHARE = {"data_export_clause": 0.3, "termination_assistance": 0.2}


def _assumptions_digest() -> str:
    constants = {
        name: value
        for name, value in globals().items()
        if name.isupper() and not name.startswith("_") and name != "ASSUMPTIONS_DIGEST"
    }
    text = json.dumps(constants, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


ASSUMPTIONS_DIGEST = _assumptions_digest()
