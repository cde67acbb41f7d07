"""The names the catalog, the profile, the questionnaire, the engine and the apps all share.

Owned here, written once: the catalog format checks fixtures against them, the Django models take
their choices from them, and the engine orders its columns by them.
"""

# The ecosystems the profile format names; a catalog may add more, never drop these.
ECOSYSTEMS = ("openai-microsoft", "google", "anthropic-amazon", "meta", "mistral", "xai", "cohere")

# Lock-in channels, in the order of the engine's columns.
CHANNELS = (
    "custom_silicon",
    "model_api",
    "agent_runtime",
    "suite_integration",
    "data_gravity",
    "cloud_platform",
    "licence",
    "pricing",
)

# Exit scenarios: slug -> the name pages and reports show, in the engine's column order.
SCENARIO_NAMES = {
    "price_shock": "Price shock",
    "model_deprecation": "Model deprecation",
    "vendor_acquisition": "Vendor acquisition",
    "compute_dependency": "Compute-dependency failure",
    "regulatory_mandate": "Regulatory interoperability mandate",
}
SCENARIOS = tuple(SCENARIO_NAMES)

# ---------------------------------------------------------------------------------------------
# The profile's answers (lockin-profile/2, docs/profile-format.md).

INDUSTRIES = (
    "financial_services",
    "healthcare",
    "retail",
    "software",
    "public_sector",
    "manufacturing",
    "telecom",
    "energy",
    "other",
)
DEPLOYMENTS = ("vendor_api", "cloud_marketplace", "self_hosted")
CRITICALITIES = ("low", "medium", "high", "mission_critical")
FEATURES = (
    "fine_tuning",
    "assistants_or_agents_api",
    "vendor_vector_store",
    "code_interpreter",
    "function_calling",
    "batch_api",
    "realtime_voice",
    "vendor_embeddings",
    "vendor_eval_tools",
    "vendor_guardrails",
)
DATA_LOCATIONS = ("vendor_cloud", "own_cloud", "on_premises")
# Format 2: whose infrastructure a workload's model runs on, apart from who made the model (Claude
# via Vertex runs on Google's cloud, Llama via Bedrock on Amazon's). The owner takes the cloud
# channel; None owns none of the ecosystems (another cloud, or the organization's own machines).
PLATFORM_OWNER: dict[str, str | None] = {
    "vendor_direct": None,  # the model vendor's own API: its ecosystem, whichever that is
    "azure": "openai-microsoft",
    "aws": "anthropic-amazon",
    "google_cloud": "google",
    "other_cloud": None,
    "own_infrastructure": None,
}
PLATFORMS = tuple(PLATFORM_OWNER)
# The cloud an ecosystem's marketplace deployments run on when a format 1 profile doesn't say.
ECOSYSTEM_CLOUD = {"openai-microsoft": "azure", "anthropic-amazon": "aws", "google": "google_cloud"}
ACCELERATORS = ("none", "nvidia", "tpu", "trainium", "other")
SUITES = ("microsoft_365_copilot", "google_workspace_gemini", "other", "none")
CODE_ASSISTANTS = ("github_copilot", "gemini_code_assist", "amazon_q", "other", "none")
PRACTICES = (
    "llm_gateway",
    "eval_harness",
    "prompt_portability",
    "open_weights_fallback",
    "multi_vendor_in_production",
    "exit_plan_documented",
    "data_export_tested",
)
CONTRACT_CLAUSES = ("data_export_clause", "termination_assistance")
