"""The workload profile (lockin-profile/2, and /1 converted): validation, frozen dataclasses, export.

`parse_profile` validates against the JSON Schema of the document's format beside this file
(profile.schema.json for format 2, profile-1.schema.json for format 1; both described in
docs/profile-format.md), against the catalog's facts (ecosystem slugs, which weights are open) and
against the combinations no real deployment has, and reports every error with a path a person can
follow (`workloads[2].platform`). A format 1 document becomes the same dataclasses with no stated
platform (`Workload.hosting_platform` derives it). `profile_to_dict` writes format 2 and gives back
exactly a format 2 document that was parsed: optional sections and fields stay absent when they
were absent.
"""

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, cast

import jsonschema

from advisor.domain.profile_limits import (
    MAX_REPORTED_ERRORS,
    JsonPath,
    Unreadable,
    check_size,
    collapse,
    limit_problems,
    read_json,
)
from advisor.domain.vocabulary import ECOSYSTEM_CLOUD, PLATFORM_OWNER, PRACTICES

FORMAT = "lockin-profile/2"
FORMAT_1 = "lockin-profile/1"  # still read, converted; never written
SCHEMA_FILES = {FORMAT: "profile.schema.json", FORMAT_1: "profile-1.schema.json"}
ROOT_PATH = "profile"
# The platforms a deployment can run on: a marketplace is someone's cloud, self-hosted weights run
# on a cloud or on the organization's own machines, and only the vendor's API is vendor_direct.
MARKETPLACE_PLATFORMS = ("azure", "aws", "google_cloud", "other_cloud")
SELF_HOSTED_PLATFORMS = (*MARKETPLACE_PLATFORMS, "own_infrastructure")


def implied_platform(ecosystem: str, deployment: str) -> str:
    """The platform a format 1 workload runs on, which that format did not state: the vendor's
    API, the organization's machines, or the cloud of the ecosystem's marketplace."""
    if deployment == "vendor_api":
        return "vendor_direct"
    if deployment == "self_hosted":
        return "own_infrastructure"
    return ECOSYSTEM_CLOUD.get(ecosystem, "other_cloud")


@dataclass(frozen=True)
class ProfileRules:
    """The catalog's facts a profile is checked against: its ecosystems, and whose weights are
    closed (an ecosystem whose catalog record says `open_weights: false`; a catalog model says it
    for itself). An ecosystem the catalog is silent about is not held closed."""

    ecosystems: tuple[str, ...]
    closed_weight_ecosystems: frozenset[str] = frozenset()
    # A catalog model's slug -> (its ecosystem, whether its weights are open; None when unknown).
    models: Mapping[str, tuple[str, bool | None]] = field(default_factory=dict)


def profile_rules_from_catalog(
    ecosystems: Iterable[Mapping[str, Any]], models: Iterable[Mapping[str, Any]] = ()
) -> ProfileRules:
    """ProfileRules from catalog records as the catalog document has them: ecosystems with `slug`
    and `open_weights`, models with `slug`, `ecosystem` and `open_weights`."""
    ecosystems = list(ecosystems)
    return ProfileRules(
        ecosystems=tuple(record["slug"] for record in ecosystems),
        closed_weight_ecosystems=frozenset(r["slug"] for r in ecosystems if r.get("open_weights") is False),
        models={r["slug"]: (r["ecosystem"], r.get("open_weights")) for r in models},
    )


@dataclass(frozen=True)
class OrganizationFacts:
    name: str
    industry: str
    employees: int
    regulated: bool
    eu_operations: bool
    annual_ai_spend_usd: float


@dataclass(frozen=True)
class Workload:
    name: str
    ecosystem: str
    model: str
    deployment: str
    criticality: str
    monthly_spend_usd: float
    features: tuple[str, ...]
    data_location: str
    accelerator: str
    platform: str | None = None  # format 2; None in a format 1 profile, see hosting_platform
    data_volume_gb: float | None = None  # format 2, optional

    @property
    def hosting_platform(self) -> str:
        """The platform stated (format 2), or the one a format 1 deployment implies."""
        if self.platform is not None:
            return self.platform
        return implied_platform(self.ecosystem, self.deployment)

    @property
    def platform_owner(self) -> str | None:
        """The ecosystem that owns the infrastructure this workload runs on, if any."""
        platform = self.hosting_platform
        return self.ecosystem if platform == "vendor_direct" else PLATFORM_OWNER[platform]


@dataclass(frozen=True)
class ProductivitySuite:
    suite: str | None = None
    seat_share: float | None = None
    code_assistant: str | None = None
    seats: int | None = None  # format 2, optional
    seat_price_usd_month: float | None = None  # format 2, optional


@dataclass(frozen=True)
class Practices:
    llm_gateway: bool = False
    eval_harness: bool = False
    prompt_portability: bool = False
    open_weights_fallback: bool = False
    multi_vendor_in_production: bool = False
    exit_plan_documented: bool = False
    data_export_tested: bool = False

    def adopted(self) -> tuple[str, ...]:
        return tuple(name for name in PRACTICES if getattr(self, name))


@dataclass(frozen=True)
class Contract:
    ecosystem: str
    committed_spend_usd: float
    months_remaining: int
    data_export_clause: bool
    termination_assistance: bool


@dataclass(frozen=True)
class Profile:
    organization: OrganizationFacts
    workloads: tuple[Workload, ...]
    productivity_suite: ProductivitySuite | None = None
    practices: Practices = field(default_factory=Practices)
    contracts: tuple[Contract, ...] = ()
    # What the document said, so that export gives it back exactly: the practice keys it stated
    # (None when it had no "practices" section) and whether it had a "contracts" list.
    stated_practices: tuple[str, ...] | None = None
    has_contracts_section: bool = False


class ProfileError(Exception):
    """A profile that cannot be accepted. `errors` holds each (path, message) found, at most
    MAX_REPORTED_ERRORS of them; `omitted` counts the rest."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = tuple(errors[:MAX_REPORTED_ERRORS])
        self.omitted = len(errors) - len(self.errors)
        path, message = self.errors[0]
        super().__init__(f"{path}: {message}".replace("\r", "\\r").replace("\n", "\\n"))


def load_profile_json(data: bytes | str) -> object:
    """The JSON document of an uploaded profile, or ProfileError saying why it cannot be read
    (too large, not UTF-8, not JSON, nested too deeply, a number with too many digits)."""
    try:
        return read_json(data)
    except Unreadable as error:
        raise ProfileError([("", str(error))]) from None


def check_profile_size(n_bytes: int) -> None:
    """ProfileError when a file of this many bytes is larger than any profile."""
    try:
        check_size(n_bytes)
    except Unreadable as error:
        raise ProfileError([("", str(error))]) from None


def parse_profile(data: object, rules: ProfileRules | Iterable[str]) -> Profile:
    """The profile, or ProfileError with each problem once, in document order. The bounds of
    profile_limits are checked first: the schema only ever sees a document of bounded size.

    `rules` are the catalog's facts; plain ecosystem slugs check the slugs alone (a profile that
    was checked against the full facts before, such as an assessment's stored profile)."""
    if not isinstance(rules, ProfileRules):
        rules = ProfileRules(ecosystems=tuple(rules))
    known = rules.ecosystems
    errors = limit_problems(data)
    if not errors:
        errors = _schema_errors(data) + _ecosystem_errors(data, known) + _non_finite_errors(data, ())
    if not errors:
        errors = _combination_errors(cast(dict[str, Any], data), rules)
    if errors:
        errors.sort(key=lambda error: _order_key(error[0]))
        raise ProfileError([(path or ROOT_PATH, message) for path, message in collapse(errors)])
    return _build_profile(cast(dict[str, Any], data))  # valid against the schema: an object


def upgrade_profile_document(document: dict[str, Any]) -> dict[str, Any]:
    """A stored profile document in format 2: a format 1 one gains the format and each workload's
    implied platform (what parse_profile would derive); anything else is given back as it is.
    Stored documents were validated when they came in, so nothing is checked again here."""
    if document.get("format") != FORMAT_1:
        return document
    upgraded = {**document, "format": FORMAT}
    upgraded["workloads"] = [_with_platform(item) for item in document.get("workloads", [])]
    return upgraded


def _with_platform(item: dict[str, Any]) -> dict[str, Any]:
    platform = implied_platform(item.get("ecosystem", ""), item.get("deployment", ""))
    upgraded: dict[str, Any] = {}
    for key, value in item.items():
        upgraded[key] = value
        if key == "deployment":
            upgraded["platform"] = platform
    upgraded.setdefault("platform", platform)
    return upgraded


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "organization": _organization_dict(profile.organization),
        "workloads": [_workload_dict(workload) for workload in profile.workloads],
    }
    if profile.productivity_suite is not None:
        document["productivity_suite"] = _suite_dict(profile.productivity_suite)
    practices = _practices_dict(profile)
    if practices is not None:
        document["practices"] = practices
    if profile.contracts or profile.has_contracts_section:
        document["contracts"] = [_contract_dict(contract) for contract in profile.contracts]
    return document


# --- validation -------------------------------------------------------------------------------


@cache
def profile_schema(profile_format: str = FORMAT) -> dict[str, Any]:
    """The JSON Schema of a profile format (format 2 unless told)."""
    text = resources.files("advisor.domain").joinpath(SCHEMA_FILES[profile_format]).read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(profile_format: str) -> jsonschema.Draft202012Validator:
    schema = profile_schema(profile_format)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(data: object) -> list[tuple[JsonPath, str]]:
    # A document that says format 1 is checked as format 1; anything else as format 2, whose
    # message for a wrong `format` names both.
    stated = data.get("format") if isinstance(data, dict) else None
    profile_format = FORMAT_1 if stated == FORMAT_1 else FORMAT
    errors = []
    for error in _validator(profile_format).iter_errors(data):
        errors.extend(_describe(error))
    return errors


def _describe(error: jsonschema.ValidationError) -> list[tuple[JsonPath, str]]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = cast(str, error.validator)
    # The JSON values involved (the stubs add the "unset" of an error built by hand).
    instance: Any = error.instance
    rule: Any = error.validator_value
    schema: Any = error.schema
    if keyword == "required":
        missing = [name for name in rule if name not in instance]
        return [((*path, name), "required field missing") for name in missing]
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = [name for name in instance if name not in allowed]
        return [
            ((*path, name), f"unknown field {_show(name)} (allowed: {', '.join(allowed)})") for name in extra
        ]
    if keyword == "pattern" and path and path[-1] == "ecosystem":
        return []  # _ecosystem_errors says it better, with the known slugs
    if keyword in ("minimum", "maximum") and isinstance(instance, float) and not math.isfinite(instance):
        return []  # _non_finite_errors says it better
    return [(path, _message(keyword, error))]


def _message(keyword: str, error: jsonschema.ValidationError) -> str:
    value: Any = error.instance
    rule: Any = error.validator_value
    schema: Any = error.schema
    if keyword == "type":
        return f"expected {_json_type_name(rule)}, got {_json_type_name(_type_of(value))}"
    if keyword == "enum":
        return f"{_show(value)} is not one of: {', '.join(str(option) for option in rule)}"
    if keyword == "const" and rule == FORMAT:
        return f"must be {_show(FORMAT)} (or {_show(FORMAT_1)}, read and converted), got {_show(value)}"
    if keyword == "const":
        return f"must be {_show(rule)}, got {_show(value)}"
    if keyword in ("minimum", "maximum"):
        return f"{_show(value)} is out of range: {_range_text(schema)}"
    if keyword == "minLength":
        return "must not be empty"
    if keyword == "maxLength":
        return f"is longer than {rule} characters"
    if keyword == "minItems":
        return f"must have at least {rule} item{'s' if rule != 1 else ''}"
    if keyword == "maxItems":
        return f"must have at most {rule} items (got {len(value)})"
    if keyword == "uniqueItems":
        shown = [_show(item) for item in value]
        duplicates = sorted({text for text in shown if shown.count(text) > 1})
        return f"lists {', '.join(duplicates)} more than once"
    if keyword == "pattern":
        return f"{_show(value)} does not have the expected form"
    return error.message


def _range_text(schema: Mapping[str, Any]) -> str:
    if "minimum" in schema and "maximum" in schema:
        return f"must be between {schema['minimum']} and {schema['maximum']}"
    if "minimum" in schema:
        return f"must be at least {schema['minimum']}"
    return f"must be at most {schema['maximum']}"


def _ecosystem_errors(data: object, known: tuple[str, ...]) -> list[tuple[JsonPath, str]]:
    if not isinstance(data, dict):
        return []
    errors: list[tuple[JsonPath, str]] = []
    for section in ("workloads", "contracts"):
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            slug = item.get("ecosystem") if isinstance(item, dict) else None
            if isinstance(slug, str) and slug not in known:
                message = f"unknown ecosystem {_show(slug)} (known: {', '.join(known)})"
                errors.append(((section, index, "ecosystem"), message))
    return errors


def _combination_errors(data: dict[str, Any], rules: ProfileRules) -> list[tuple[JsonPath, str]]:
    """What the schema cannot see: deployments no vendor offers, and figures that contradict each
    other. Only looked for in a document the schema accepts, so every field has its type."""
    errors: list[tuple[JsonPath, str]] = []
    for index, item in enumerate(data["workloads"]):
        errors += [(("workloads", index, name), message) for name, message in _workload_problems(item, rules)]
    suite = data.get("productivity_suite") or {}
    employees = data["organization"]["employees"]
    if suite.get("seats", 0) > employees:
        message = (
            f"{suite['seats']} is more than organization.employees ({employees}); a seat is an employee's"
        )
        errors.append((("productivity_suite", "seats"), message))
    return errors


def _workload_problems(item: dict[str, Any], rules: ProfileRules) -> list[tuple[str, str]]:
    ecosystem, model, deployment = item["ecosystem"], item["model"], item["deployment"]
    problems = []
    model_ecosystem, model_open = rules.models.get(model, (None, None))
    if model_ecosystem is not None and model_ecosystem != ecosystem:
        problems.append(("model", f"{_show(model)} is a model of {model_ecosystem}, not of {ecosystem}"))
    if deployment == "self_hosted" and model_open is not True:
        if model_open is False:
            problems.append(
                ("deployment", f"'self_hosted' needs open weights; {_show(model)} has closed weights")
            )
        elif ecosystem in rules.closed_weight_ecosystems:
            problems.append(("deployment", f"'self_hosted' needs open weights; {ecosystem} publishes none"))
    platform = item.get("platform")
    if platform is not None and platform not in _platforms_for(ecosystem, deployment):
        problems.append(("platform", _platform_message(platform, ecosystem, deployment)))
    return problems


def _platforms_for(ecosystem: str, deployment: str) -> tuple[str, ...]:
    """Where a deployment can run: the vendor's own API is vendor_direct, or the vendor's own cloud
    when the ecosystem has one (GPT through Azure is still Microsoft's)."""
    if deployment == "vendor_api":
        own_cloud = ECOSYSTEM_CLOUD.get(ecosystem)
        return ("vendor_direct",) if own_cloud is None else ("vendor_direct", own_cloud)
    if deployment == "cloud_marketplace":
        return MARKETPLACE_PLATFORMS
    return SELF_HOSTED_PLATFORMS


def _platform_message(platform: str, ecosystem: str, deployment: str) -> str:
    *others, last = _platforms_for(ecosystem, deployment)
    allowed = f"{', '.join(others)} or {last}" if others else last
    if deployment == "vendor_api":
        bought = "a model bought through a cloud is 'cloud_marketplace'"
        reason = f"{_show(platform)} is not {ecosystem}'s own API ({bought})"
    elif deployment == "cloud_marketplace":
        reason = f"{_show(platform)} is not a cloud marketplace"
    else:
        reason = f"{_show(platform)} is the vendor's API, where weights cannot be self-hosted"
    return f"{reason}; deployment {_show(deployment)} runs on {allowed}"


def _non_finite_errors(value: object, path: JsonPath) -> list[tuple[JsonPath, str]]:
    # Python's json module reads NaN and Infinity, which pass "minimum" checks and poison sums.
    if isinstance(value, float) and not math.isfinite(value):
        return [(path, "must be a finite number")]
    if isinstance(value, dict):
        return [error for key, item in value.items() for error in _non_finite_errors(item, (*path, key))]
    if isinstance(value, list):
        return [
            error for index, item in enumerate(value) for error in _non_finite_errors(item, (*path, index))
        ]
    return []


def _order_key(path: JsonPath) -> tuple[int, ...]:
    """Document order: fields in the schema's order, list items by index, unknown fields last."""
    key = []
    schema = profile_schema()
    for segment in path:
        if isinstance(segment, int):
            key.append(segment)
            schema = schema.get("items", {})
            continue
        properties = list(schema.get("properties", {}))
        key.append(properties.index(segment) if segment in properties else len(properties))
        schema = schema.get("properties", {}).get(segment, {})
    return tuple(key)


def _type_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _json_type_name(json_type: str | list[str]) -> str:
    if isinstance(json_type, list):
        return " or ".join(_json_type_name(each) for each in json_type)
    names = {
        "string": "a string",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "object": "an object",
        "array": "a list",
        "null": "null",
    }
    return names.get(json_type, json_type)


def _show(value: object, limit: int = 60) -> str:
    """A value as the message shows it: quoted, and cut short when long."""
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- building the dataclasses -----------------------------------------------------------------


def _build_profile(data: dict[str, Any]) -> Profile:
    suite = data.get("productivity_suite")
    practices = data.get("practices")
    return Profile(
        organization=OrganizationFacts(**data["organization"]),
        workloads=tuple(_build_workload(item) for item in data["workloads"]),
        productivity_suite=None if suite is None else ProductivitySuite(**suite),
        practices=Practices(**(practices or {})),
        contracts=tuple(Contract(**item) for item in data.get("contracts", ())),
        stated_practices=None if practices is None else tuple(practices),
        has_contracts_section="contracts" in data,
    )


def _build_workload(item: dict[str, Any]) -> Workload:
    return Workload(**{**item, "features": tuple(item["features"])})


# --- export -----------------------------------------------------------------------------------


def _organization_dict(organization: OrganizationFacts) -> dict[str, Any]:
    return {
        "name": organization.name,
        "industry": organization.industry,
        "employees": organization.employees,
        "regulated": organization.regulated,
        "eu_operations": organization.eu_operations,
        "annual_ai_spend_usd": organization.annual_ai_spend_usd,
    }


def _workload_dict(workload: Workload) -> dict[str, Any]:
    document = {
        "name": workload.name,
        "ecosystem": workload.ecosystem,
        "model": workload.model,
        "deployment": workload.deployment,
        "platform": workload.hosting_platform,  # a format 1 workload's implied one
        "criticality": workload.criticality,
        "monthly_spend_usd": workload.monthly_spend_usd,
        "features": list(workload.features),
        "data_location": workload.data_location,
        "data_volume_gb": workload.data_volume_gb,
        "accelerator": workload.accelerator,
    }
    return {key: value for key, value in document.items() if value is not None}


def _suite_dict(suite: ProductivitySuite) -> dict[str, Any]:
    document = {
        "suite": suite.suite,
        "seat_share": suite.seat_share,
        "seats": suite.seats,
        "seat_price_usd_month": suite.seat_price_usd_month,
        "code_assistant": suite.code_assistant,
    }
    return {key: value for key, value in document.items() if value is not None}


def _practices_dict(profile: Profile) -> dict[str, Any] | None:
    """The practices the document stated, plus any adopted since (a practice is never dropped)."""
    stated = profile.stated_practices or ()
    adopted = profile.practices.adopted()
    if profile.stated_practices is None and not adopted:
        return None
    keys = list(stated) + [name for name in adopted if name not in stated]
    return {name: getattr(profile.practices, name) for name in keys}


def _contract_dict(contract: Contract) -> dict[str, Any]:
    return {
        "ecosystem": contract.ecosystem,
        "committed_spend_usd": contract.committed_spend_usd,
        "months_remaining": contract.months_remaining,
        "data_export_clause": contract.data_export_clause,
        "termination_assistance": contract.termination_assistance,
    }
