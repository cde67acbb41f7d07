"""The fields of each kind of catalog record, in canonical key order."""

from typing import Any

from advisor.domain.catalog_format.fields import (
    Field,
    Problems,
    boolean,
    describe,
    ecosystem_reference,
    is_integer,
    known,
    list_of,
    mapping_of,
    number,
    on_scale,
    one_of,
    slug,
    text,
)
from advisor.domain.catalog_format.sources import SOURCE_FIELD, SOURCES_FIELD
from advisor.domain.vocabulary import CHANNELS, SCENARIOS

SCALES = {"moat_strength": (0, 5), "likelihood": (1, 5), "impact": (1, 5)}
TIERS = (1, 4)
ARCHITECTURES = ("moe", "dense", "unknown")
TIER_BASES = ("stated", "inferred")
MARKET_KINDS = ("spending", "price_compression", "retention", "funding")
SPENDING_FIGURES = ("value_2024_busd", "value_2027_busd", "cagr_pct")
SINGLE_FIGURES = ("value", "unit")
# Upper bounds of the figures, each far above any real one, so that a typo (or 1e308) is
# caught at import instead of reaching a page or a computation. See catalog-format.md.
MAX_PARAMETERS_BILLIONS = 100_000  # 100 trillion parameters; the largest models have a few trillion
MAX_LATENCY_MS = 600_000  # ten minutes to a first token is no longer an interactive model
MAX_COST_PER_1M_USD = 10_000  # the dearest models charge hundreds of dollars per million tokens
MAX_MARKET_BUSD = 100_000  # 100 trillion USD, about the world's yearly GDP
MAX_CAGR_PCT = 1_000  # growing elevenfold every year
MAX_FIGURE_VALUE = 1_000_000  # above any percent, month count or price per million tokens

_TIER_FIELDS = (
    Field("company", text),
    Field("tier", number(*TIERS, integer=True)),
    Field("basis", one_of(*TIER_BASES)),
)
SCALE_NAMES = tuple(SCALES)

CATALOG_FIELDS = (
    Field("title", text),
    Field("description", text),
    Field("scales", lambda value, context: _check_scales(value)),
)
RECORD_FIELDS: dict[str, tuple[Field, ...]] = {
    "ecosystems": (
        Field("slug", slug),
        Field("name", text),
        Field("companies", list_of(text, allow_empty=False, unique=True)),
        Field("hardware", text, nullable=True),
        Field("model_strategy", text, nullable=True),
        Field("open_weights", boolean, nullable=True),
        Field("primary_moat", text, nullable=True),
        Field("key_risk", text, nullable=True),
        Field(
            "infrastructure_tiers",
            list_of(mapping_of(_TIER_FIELDS), allow_empty=False),
            item_fields=_TIER_FIELDS,
        ),
        Field("summary", text),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
    "models": (
        Field("slug", slug),
        Field("name", text),
        Field("ecosystem", ecosystem_reference),
        Field("parameters", text, nullable=True),
        Field("parameters_billions", number(0, MAX_PARAMETERS_BILLIONS), nullable=True, decimal=True),
        Field("architecture", one_of(*ARCHITECTURES)),
        Field("open_weights", boolean),
        Field("mmlu", number(0, 100), nullable=True, decimal=True),
        Field("first_token_latency_ms", number(0, MAX_LATENCY_MS, integer=True), nullable=True),
        Field("cost_per_1m_output_usd", number(0, MAX_COST_PER_1M_USD), nullable=True, decimal=True),
        Field("price_served_by", text, nullable=True),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
    "channels": (
        Field("slug", known("channel", CHANNELS)),
        Field("name", text),
        Field("description", text),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
    "moats": (
        Field("ecosystem", ecosystem_reference),
        Field("channel", known("channel", CHANNELS)),
        Field("strength", on_scale(*SCALES["moat_strength"])),
        Field("justification", text),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
    "risks": (
        Field("ecosystem", ecosystem_reference),
        Field("scenario", known("scenario", SCENARIOS)),
        Field("likelihood", on_scale(*SCALES["likelihood"])),
        Field("impact", on_scale(*SCALES["impact"])),
        Field("justification", text),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
    "predictions": (
        Field("slug", slug),
        Field("text", text),
        Field("horizon", text, nullable=True),
        Field("ecosystems", list_of(ecosystem_reference, unique=True)),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
    "market": (
        Field("slug", slug),
        Field("kind", one_of(*MARKET_KINDS)),
        Field("label", text),
        Field("value_2024_busd", number(0, MAX_MARKET_BUSD), optional=True, decimal=True),
        Field("value_2027_busd", number(0, MAX_MARKET_BUSD), optional=True, decimal=True),
        Field("cagr_pct", number(-100, MAX_CAGR_PCT), optional=True, decimal=True),
        Field("value", number(0, MAX_FIGURE_VALUE), optional=True, decimal=True),
        Field("unit", text, optional=True),
        SOURCE_FIELD,
        SOURCES_FIELD,
    ),
}
# The record field naming each record, for duplicate checks.
SLUGGED = ("ecosystems", "models", "channels", "predictions", "market")
PAIRED = {"moats": ("channel", CHANNELS), "risks": ("scenario", SCENARIOS)}


def _check_scales(value: Any) -> Problems:
    if not isinstance(value, dict):
        return [("", f"expected a mapping, got {describe(value)}")]
    problems = [("", f"unknown scale {describe(name)}") for name in value if name not in SCALES]
    for name, (low, high) in SCALES.items():
        if name not in value:
            problems.append((f".{name}", "missing required field"))
            continue
        problems += [
            (f".{name}{sub}", message) for sub, message in _check_scale_labels(value[name], low, high)
        ]
    return problems


def _check_scale_labels(labels: Any, low: int, high: int) -> Problems:
    points = list(range(low, high + 1))
    if not isinstance(labels, dict) or set(labels) != set(points) or not all(map(is_integer, labels)):
        return [("", f"must label exactly the points {', '.join(map(str, points))}")]
    problems: Problems = []
    for point in points:
        if not isinstance(labels[point], str) or not labels[point].strip():
            problems.append((f".{point}", "expected a non-empty label"))
    return problems
