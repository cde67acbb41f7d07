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
# How much one workload weighs: criticality × (WORKLOAD_BASE_WEIGHT + SPEND_WEIGHT × share), its
# share being its part of the organization's spend base. On each channel of each ecosystem the
# base counts once, the largest among the workloads landing there (a maximum, not a sum), and
# the spend terms add up: the same estate described as one workload or as ten gives the same
# masses, and fifty zero-spend pilots weigh what one does.

# A mission-critical workload is about four times as hard to move as a low-criticality one:
# it needs a parallel run, sign-off and a rollback plan, a low one can simply be switched.
CRITICALITY_WEIGHT = {"low": 0.25, "medium": 0.5, "high": 0.8, "mission_critical": 1.0}

# A workload counts even at zero spend (pilots, free tiers): its integration work exists anyway.
WORKLOAD_BASE_WEIGHT = 0.5
# A workload carrying all of the organization's spend adds this much on top of its base.
SPEND_WEIGHT = 1.0
# The spend base: max(declared annual AI spend, the workloads' annual spend + the suite's seats,
# this floor). Workloads can never exceed it, so a declared budget below what the workloads
# spend cannot inflate their shares; the floor keeps a tiny estate from being "all of" nothing.
ANNUAL_SPEND_FLOOR_USD = 120_000.0

# Masses saturate: M = 1 − exp(−MASS_RATE × Σ weight × usage). At 2.0 one mission-critical
# workload using a channel fully (weight ≈ 0.7) already fills three quarters of it; a second
# adds less. Leaving is not twice as hard for twice the workloads once the channel is adopted.
MASS_RATE = 2.0

# The engine's channels: the catalog's eight, on which vendors have moats, plus `contract`,
# committed spend, which binds the customer whoever the vendor is and has no moat rating.
ENGINE_CHANNELS = (*CHANNELS, "contract")

# Pressure of a channel = M × (α + (1 − α) × moat / 5): a vendor-neutral floor α for what leaving
# costs whoever the vendor is, plus the vendor's moat on top. Reasons, channel by channel:
VENDOR_NEUTRAL_FLOOR = {
    # Chips: a model compiled for TPUs or Trainium is the vendor's bind; on NVIDIA little is left.
    "custom_silicon": 0.2,
    # Prompts, tool schemas and evaluations are tuned to one model family, open or closed: half of
    # the work of moving an API integration is the customer's own.
    "model_api": 0.5,
    # Agent code written to any runtime must be rewritten, but a proprietary runtime (threads,
    # files, hosted tools) adds most of it.
    "agent_runtime": 0.4,
    # Retraining users and re-rolling a suite costs the same whichever suite; the deep integration
    # into mail, documents and the operating system is the vendor's moat.
    "suite_integration": 0.4,
    # The customer's data, embeddings and vector stores must be moved and re-embedded whoever holds
    # them: data gravity is mostly the customer's, which keeps the same data workload comparable
    # across vendors (within 1 / 0.7 ≈ 1.4×).
    "data_gravity": 0.7,
    # IAM, networking, quotas and monitoring are rebuilt on any cloud move.
    "cloud_platform": 0.5,
    # A licence binds only as far as its terms do: mostly the vendor's.
    "licence": 0.2,
    # Pricing (batch discounts, tiers) is mostly the vendor's lever.
    "pricing": 0.3,
    # Money committed is owed whoever it is owed to: no moat on top.
    "contract": 1.0,
}

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
# A stated data volume adds to the workload's data gravity: this much per factor of ten above
# 1 GB, at most DATA_VOLUME_USAGE_CAP (1 TB adds 0.15, a petabyte 0.3). Unstated adds nothing.
DATA_VOLUME_USAGE_PER_DECADE = 0.05
DATA_VOLUME_USAGE_CAP = 0.3
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
# two mission-critical workloads on the suite channel, and it also binds the organization's
# documents and mail (the suite grounds its answers on them: data gravity) and its identity
# and tenant (cloud platform).
# Looked up with the profile's optional fields: None (not stated) finds no ecosystem.
SUITE_ECOSYSTEM: dict[str | None, str] = {
    "microsoft_365_copilot": "openai-microsoft",
    "google_workspace_gemini": "google",
}
SUITE_MASS_AT_FULL_SEATS = {"suite_integration": 1.5, "data_gravity": 0.5, "cloud_platform": 0.4}
# When the suite is named but the seat share is not, assume half the employees have it.
DEFAULT_SEAT_SHARE = 0.5
# List prices per seat and month when the profile does not state one (2025 list prices: Microsoft
# 365 Copilot $30, Gemini for Workspace about $20; code assistants about $19 per developer).
DEFAULT_SEAT_PRICE_USD_MONTH = {"microsoft_365_copilot": 30.0, "google_workspace_gemini": 20.0, "other": 20.0}
CODE_ASSISTANT_ECOSYSTEM: dict[str | None, str] = {
    "github_copilot": "openai-microsoft",
    "gemini_code_assist": "google",
    "amazon_q": "anthropic-amazon",
}
# A code assistant is easier to swap than a suite (an IDE plug-in), but seed 000 counts GitHub
# in the 90% cross-product retention figure, so it still binds.
CODE_ASSISTANT_MASS = {"suite_integration": 0.4, "model_api": 0.1}
# Code-assistant seats are not asked: about one employee in ten is a developer.
CODE_ASSISTANT_SEAT_SHARE = 0.1
CODE_ASSISTANT_SEAT_PRICE_USD_MONTH = 19.0

# Committed spend is owed whoever the vendor is: each contract adds
# CONTRACT_MASS × committed / spend base to the contract channel while months remain. No cap and
# no horizon: a larger commitment always adds, and a longer one never subtracts. At 1.0 a
# commitment of one year's spend fills the channel to 86%.
CONTRACT_MASS = 1.0

# Footprint of an ecosystem: F = 1 − exp(−FOOTPRINT_RATE × Σ_channels mass). It weighs each
# ecosystem in the lock-in index: how much of the organization runs on it.
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
# out of; committed spend (contract, 10) is money owed on exit, whoever the vendor. The eight
# catalog channels sum to 125, not 100: no camp in the catalog is rated 5 on every channel (the most
# integrated average about 3.3 of 5), and with a sum of 100 even a fully saturated OpenAI/Microsoft
# or Google estate could not reach "critical" (75). Exposure is capped at 100.
CHANNEL_WEIGHT = {
    "contract": 10.0,
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

# ---------------------------------------------------------------------------------------------
# Exit cost of an ecosystem in use: what leaving it would take, part by part, summed over its
# workloads (plus the suite, the code assistant and the contracts held with it). Person-months
# (PM) become dollars at LOADED_COST_USD_PER_PERSON_MONTH; some parts are dollars only.

# A fully loaded engineer-month (salary, overhead, contractors' day rates) in the US/EU market.
LOADED_COST_USD_PER_PERSON_MONTH = 15_000.0
# Re-integration: rewriting the calls, SDKs and infrastructure code of one workload, by how it is
# deployed (own serving of weights is mostly portable; a marketplace adds the cloud's IAM and
# networking), plus per proprietary feature it uses (an agent runtime is a rewrite, function
# calling a schema port).
REINTEGRATION_PM_BY_DEPLOYMENT = {"vendor_api": 0.5, "cloud_marketplace": 0.75, "self_hosted": 0.25}
REINTEGRATION_PM_BY_FEATURE = {
    "fine_tuning": 0.0,  # its own part: retraining_fine_tunes
    "assistants_or_agents_api": 2.0,
    "vendor_vector_store": 0.0,  # its own part: re_embedding_and_data_migration
    "code_interpreter": 0.5,
    "function_calling": 0.5,
    "batch_api": 0.25,
    "realtime_voice": 1.0,
    "vendor_embeddings": 0.0,  # its own part
    "vendor_eval_tools": 0.5,
    "vendor_guardrails": 0.5,
}
# The vendor's moat makes re-integration harder on top of the customer's own work: the
# re-integration of a workload is multiplied by α + (1 − α) × (mean of its ecosystem's model_api
# and agent_runtime moats) / 5, with α = REINTEGRATION_NEUTRAL_FLOOR; this is where the catalog's
# rating uncertainty enters the exit cost.
REINTEGRATION_NEUTRAL_FLOOR = 0.6
# Re-evaluation: proving the replacement model is good enough, by criticality; halved by a
# credited eval harness (the tests exist already).
REEVALUATION_PM = {"low": 0.25, "medium": 0.5, "high": 1.0, "mission_critical": 2.0}
EVAL_HARNESS_REEVALUATION_FACTOR = 0.5
# Re-embedding and data migration: a workload with vendor embeddings or a vendor vector store
# re-embeds its corpus; data in the vendor's cloud is exported. The effort grows with the log of
# the stated volume (tooling, not hands, scales with size); DEFAULT_DATA_VOLUME_GB when not stated.
REEMBEDDING_PM = 0.75
DATA_EXPORT_PM = 0.5
DATA_VOLUME_PM_PER_DECADE = 0.25  # per factor of ten above 1 GB
DEFAULT_DATA_VOLUME_GB = 100.0
# Egress and re-embedding compute, in dollars per GB moved (cloud egress ≈ $0.09/GB, embedding
# compute of the same order).
DATA_MIGRATION_USD_PER_GB = 0.2
# A tested data export halves the data part; a contractual export clause takes a quarter off.
DATA_EXPORT_TESTED_FACTOR = 0.5
DATA_EXPORT_CLAUSE_FACTOR = 0.75
# Retraining fine-tunes: closed vendors' fine-tuned weights cannot be taken away, so the tuning is
# redone (data preparation, runs, evaluation); open weights' derivatives need porting only.
RETRAIN_FINE_TUNE_PM = {"closed": 2.0, "open": 0.75}
RETRAIN_FINE_TUNE_USD = 20_000.0  # training compute of one fine-tune
# Parallel running: both systems run side by side before the switch, by criticality, in months
# of the workload's spend (and of the suite's seats for a suite move).
PARALLEL_RUN_MONTHS = {"low": 0.5, "medium": 1.0, "high": 2.0, "mission_critical": 3.0}
PARALLEL_RUN_PM = {"low": 0.0, "medium": 0.1, "high": 0.25, "mission_critical": 0.5}
# Termination assistance (the vendor helps during the exit) shortens the parallel run.
TERMINATION_ASSISTANCE_FACTOR = 0.75
# Re-validating regulated processes (DORA, EBA outsourcing guidelines, model risk management):
# only for regulated organizations, by criticality.
REGULATED_REVALIDATION_PM = {"low": 0.25, "medium": 0.5, "high": 1.5, "mission_critical": 3.0}
# Suite and code assistant: change management and retraining of users, per 1,000 seats, and the
# admin work of moving tenants, plus parallel licences.
SUITE_PM_PER_THOUSAND_SEATS = 2.0
SUITE_FIXED_PM = 1.0
SUITE_PARALLEL_MONTHS = 2.0
CODE_ASSISTANT_PM = 0.5
# A workload on another ecosystem's chips or cloud also costs its owner a port: recompiling off
# TPUs/Trainium, or moving the deployment to another cloud.
CHIP_PORT_PM = 1.0
PLATFORM_MOVE_PM = 0.5
# A written exit plan takes this share off every part measured in person-months.
EXIT_PLAN_FACTOR = 0.9
# Contract run-off: the committed dollars still owed are paid whether the ecosystem is used or not.
# The range: low and high are the 10th and 90th percentiles of the rating Monte Carlo, times these
# factors for the spread of real projects around any estimate (software estimates miss by −40% to
# +80% as a rule; Flyvbjerg's IT-project overruns are skewed upwards).
EXIT_COST_LOW_FACTOR = 0.6
EXIT_COST_HIGH_FACTOR = 1.8

# ---------------------------------------------------------------------------------------------
# The probability: P(costly exit) is the chance that leaving the ecosystem within the next
# EXIT_HORIZON_MONTHS would cost more than a year of the organization's spend on it (at least
# COSTLY_EXIT_MIN_USD) or more than COSTLY_EXIT_PERSON_MONTHS of work. The real cost is the
# estimate times a log-normal error, so P = sigmoid(ln(max(usd / usd threshold,
# PM / PM threshold)) / EXIT_COST_LOGISTIC_SCALE): smooth in every input, 0.5 where the estimate
# meets the threshold. A logistic of scale 0.5 approximates the normal CDF of a log-error with
# σ ≈ 0.85 (a real cost within ×0.2–×5 of the estimate 95% of the time): wide, because nothing
# public measures these exits, and wide enough that 10% more spend moves the probability by at
# most about 0.05 (the threshold, a year of spend, moves with it).
EXIT_HORIZON_MONTHS = 12
COSTLY_EXIT_PERSON_MONTHS = 12.0
COSTLY_EXIT_MIN_USD = 100_000.0
EXIT_COST_LOGISTIC_SCALE = 0.5
# The probability is labelled "outcome-calibrated" only when every ecosystem in use has at least
# this many approved outcomes; before that it is the prior's, and says so.
MIN_OUTCOMES_CALIBRATED = 30

# Recorded migrations move one thing: the scale s_e of their own ecosystem's exposure and exit
# cost. Their recorded effort is compared with the exit cost the engine estimates for the same
# profile: s_e = exp(Z × mean ln(effort / estimate)) with credibility Z = n / (n + CREDIBILITY_K)
# (ten outcomes move it half-way), and only from MIN_OUTCOMES_PER_ECOSYSTEM outcomes on. An
# outcome over OUTLIER_RATIO times off its estimate (either way) is not used: it goes to the
# review queue, since a typo or a one-off disaster should neither veto nor swing a shared model.
CREDIBILITY_K = 10.0
MIN_OUTCOMES_PER_ECOSYSTEM = 3
OUTLIER_RATIO = 4.0
# Each outcome's weight in the tenant-capped mean (see TENANT_OUTCOME_SHARE_CAP).
OUTCOME_SAMPLE_WEIGHT = 1.0
# Bounds of a recorded outcome, far above any real one, so that a typo or a hostile 1e308 is
# refused when it is recorded. 1,200 person-months is a hundred people for a year, beyond any
# migration off one AI vendor; the cost bound is 1.5 years of the largest yearly AI spend a
# profile accepts (100 billion USD).
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
# Self-hosted weights cannot be repriced, retired or starved of the vendor's compute.
SCENARIOS_SPARING_SELF_HOSTED = ("price_shock", "model_deprecation", "compute_dependency")
# Seed 000: "The remedy will likely be mandated interoperability (e.g., requiring APIs to be
# open)". Moat multipliers in that world; the scenario re-scores with them.
MANDATE_MOAT_FACTOR = {"model_api": 0.5, "agent_runtime": 0.6, "suite_integration": 0.7}

# ---------------------------------------------------------------------------------------------
# Estimators, quality gates and the production training size.

N_PROFILES = 20_000
HOLDOUT_SHARE = 0.2
# The probability model: a logistic regression on the log exit-cost ratio (smooth, monotone when
# its slope is positive, which the monotonicity gate checks). Inverse L2 strength, scikit-learn's C.
CLASSIFIER_C = 1.0
ECE_BINS = 10

GATE_MAX_ECE = 0.05
GATE_MIN_AUC = 0.70
# Brier score at least this fraction below the no-skill Brier (always predicting the base rate).
GATE_MIN_BRIER_SKILL = 0.10
MONOTONICITY_SAMPLE = 200
# Synthetic profiles the sensitivity table (sensitivity.py) is measured on, at every training.
SENSITIVITY_SAMPLE = 100
MONOTONICITY_TOLERANCE = 1e-9
# Recorded outcomes scale an ecosystem's exposures (s_e). Beyond this factor the outcomes
# contradict the catalog's moat ratings more than a scale should absorb: the model is not
# activated, and the gate names the ecosystem, so that its ratings or the outcomes get reviewed.
GATE_MAX_ECOSYSTEM_SCALE = 3.0

# ---------------------------------------------------------------------------------------------
# Uncertainty and evidence.

# The ranges: a seeded Monte Carlo over the catalog's ratings, each moat rating moved by −1, 0 or
# +1 (equally likely, clipped to 0–5) in every draw; the 10th and 90th percentiles are shown. The
# seed is fixed, so the same profile always gets the same range.
MONTE_CARLO_DRAWS = 48
MONTE_CARLO_SEED = 20_261_202
RANGE_PERCENTILES = (10.0, 90.0)
# A rating rests on the seeds' silence when its justification says the seeds are silent (or give
# or name nothing), or when its quote is the same sentence as at least SILENT_QUOTE_REPEATS of the
# ecosystem's ratings: the nearest sentence, not evidence for that channel. The catalog has no
# field that marks it, so it is derived from the text.
SILENT_QUOTE_REPEATS = 4
SILENCE_WORDS = ("silent", "give no", "gives no", "name no", "names no", "no source")
# An ecosystem with more than this share of its moat and risk ratings resting on silence is
# flagged "insufficient evidence", whatever its score.
INSUFFICIENT_EVIDENCE_SHARE = 0.5

# ---------------------------------------------------------------------------------------------
# Effort of each recommended action, in person-months, so that actions can be ranked by the
# exposure they remove per person-month. Judgements from typical platform-team projects:
# organization-wide practices are one-off projects; workload actions cost per workload changed.
ACTION_EFFORT_PERSON_MONTHS = {
    "llm_gateway": 2.0,
    "eval_harness": 3.0,
    "prompt_portability": 2.0,
    "open_weights_fallback": 3.0,
    "multi_vendor_in_production": 6.0,
    "exit_plan_documented": 1.0,
    "data_export_tested": 1.0,
    "negotiate_data_export_clause": 0.5,
    "negotiate_termination_assistance": 0.5,
}
WORKLOAD_ACTION_EFFORT_PERSON_MONTHS = {
    "move_data_to_own_cloud": 1.0,
    "portable_vector_store": 1.5,
    "portable_agent_framework": 2.5,
    "move_off_custom_silicon": 2.0,
}

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
