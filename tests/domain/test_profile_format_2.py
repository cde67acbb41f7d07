"""Profile format 2: the hosting platform, data volume and suite seats; format 1 read and converted;
the catalog's facts and the combinations no real deployment has refused, naming the field."""

import copy
import json

import pytest

from advisor.domain.profile import (
    FORMAT,
    ProfileError,
    ProfileRules,
    parse_profile,
    profile_rules_from_catalog,
    profile_schema,
    profile_to_dict,
    upgrade_profile_document,
)
from tests.domain.builders import profile_document, workload
from tests.paths import PROFILES_DIR, REPO

FORMAT_1_EXPORT = REPO / "tests" / "domain" / "regulated-bank-format-1.json"


@pytest.fixture(scope="module")
def rules(catalog_document) -> ProfileRules:
    return profile_rules_from_catalog(catalog_document["ecosystems"], catalog_document["models"])


def workload_2(ecosystem="openai-microsoft", **fields):
    """A valid format 2 workload, its keys in the schema's order; keyword arguments replace fields."""
    item = workload(ecosystem, **{"platform": "vendor_direct", "data_volume_gb": None, **fields})
    order = list(profile_schema()["properties"]["workloads"]["items"]["properties"])
    ordered = {key: item[key] for key in order if item.get(key) is not None}
    return ordered | {key: value for key, value in item.items() if key not in order}


def document_2(*workloads, **sections):
    document = profile_document(*(workloads or [workload_2()]), **sections)
    document["format"] = FORMAT
    return document


def errors_of(document, rules) -> list[tuple[str, str]]:
    with pytest.raises(ProfileError) as caught:
        parse_profile(document, rules)
    return list(caught.value.errors)


def only_error(document, rules) -> tuple[str, str]:
    errors = errors_of(document, rules)
    assert len(errors) == 1, errors
    return errors[0]


# --- format 2 ---------------------------------------------------------------------------------


def test_format_2_states_the_platform_apart_from_the_model_vendor(rules):
    document = document_2(
        workload_2(
            "anthropic-amazon",
            model="claude-3-5-sonnet",
            deployment="cloud_marketplace",
            platform="google_cloud",
        ),
        workload_2("meta", model="llama-3-1-405b", deployment="cloud_marketplace", platform="aws"),
        workload_2("openai-microsoft", model="gpt-4o", deployment="vendor_api", platform="azure"),
    )

    claude, llama, gpt = parse_profile(document, rules).workloads

    assert (claude.hosting_platform, claude.platform_owner) == ("google_cloud", "google")
    assert (llama.hosting_platform, llama.platform_owner) == ("aws", "anthropic-amazon")
    assert (gpt.hosting_platform, gpt.platform_owner) == ("azure", "openai-microsoft")


def test_the_optional_figures_of_format_2_are_read(rules):
    document = document_2(
        workload_2(data_volume_gb=1200.5),
        productivity_suite={"suite": "microsoft_365_copilot", "seats": 450, "seat_price_usd_month": 30},
    )

    profile = parse_profile(document, rules)

    assert profile.workloads[0].data_volume_gb == 1200.5
    assert (profile.productivity_suite.seats, profile.productivity_suite.seat_price_usd_month) == (450, 30)


def test_format_2_requires_the_platform(rules):
    document = document_2(workload())

    assert only_error(document, rules) == ("workloads[0].platform", "required field missing")


def test_format_1_knows_no_platform(rules):
    document = profile_document(workload(platform="aws"))

    path, message = only_error(document, rules)
    assert (path, message.split(" (")[0]) == ("workloads[0].platform", "unknown field 'platform'")


def test_an_unknown_format_names_both_that_are_read(rules):
    document = document_2()
    document["format"] = "lockin-profile/3"

    assert only_error(document, rules) == (
        "format",
        "must be 'lockin-profile/2' (or 'lockin-profile/1', read and converted), got 'lockin-profile/3'",
    )


@pytest.mark.parametrize(
    "sections",
    [
        {},
        {"productivity_suite": {"suite": "other", "seats": 0}},
        {
            "productivity_suite": {
                "seat_share": 0.25,
                "seat_price_usd_month": 12.5,
                "code_assistant": "amazon_q",
            }
        },
        {"practices": {"exit_plan_documented": False, "llm_gateway": True}, "contracts": []},
    ],
)
def test_export_gives_back_exactly_a_format_2_document(rules, sections):
    document = document_2(
        workload_2("google", deployment="cloud_marketplace", platform="google_cloud", data_volume_gb=3),
        workload_2(
            "meta", model="llama-3-1-405b", deployment="self_hosted", platform="aws", accelerator="nvidia"
        ),
        **sections,
    )
    original = copy.deepcopy(document)

    exported = profile_to_dict(parse_profile(document, rules))

    assert json.dumps(exported) == json.dumps(original)  # same keys, order and number types


# --- format 1, converted ----------------------------------------------------------------------


def test_a_format_1_export_from_before_format_2_still_imports(rules):
    document = json.loads(FORMAT_1_EXPORT.read_text())
    assert document["format"] == "lockin-profile/1"

    profile = parse_profile(document, rules)

    assert [w.platform for w in profile.workloads] == [None, None, None]
    assert [w.hosting_platform for w in profile.workloads] == ["azure", "azure", "aws"]
    assert profile.productivity_suite.seats is None


def test_a_format_1_document_exports_as_format_2_with_the_implied_platforms(rules):
    document = json.loads(FORMAT_1_EXPORT.read_text())

    exported = profile_to_dict(parse_profile(document, rules))

    assert exported["format"] == "lockin-profile/2"
    assert [w["platform"] for w in exported["workloads"]] == ["azure", "azure", "aws"]
    assert exported == upgrade_profile_document(document)
    parse_profile(exported, rules)  # and the conversion is itself a valid format 2 document


@pytest.mark.parametrize(
    ("ecosystem", "deployment", "platform"),
    [
        ("openai-microsoft", "vendor_api", "vendor_direct"),
        ("openai-microsoft", "cloud_marketplace", "azure"),
        ("anthropic-amazon", "cloud_marketplace", "aws"),
        ("google", "cloud_marketplace", "google_cloud"),
        ("mistral", "cloud_marketplace", "other_cloud"),
        ("meta", "self_hosted", "own_infrastructure"),
    ],
)
def test_conversion_gives_each_deployment_its_implied_platform(rules, ecosystem, deployment, platform):
    document = profile_document(workload(ecosystem, deployment=deployment))

    converted = profile_to_dict(parse_profile(document, rules))

    assert converted["workloads"][0]["platform"] == platform
    assert parse_profile(converted, rules) == parse_profile(converted, rules)


def test_the_converted_profile_scores_as_its_format_1_original(rules):
    # The engine reads hosting_platform, which is the same whether stated or implied.
    document = json.loads(FORMAT_1_EXPORT.read_text())
    original = parse_profile(document, rules)
    converted = parse_profile(profile_to_dict(original), rules)

    assert [w.hosting_platform for w in converted.workloads] == [
        w.hosting_platform for w in original.workloads
    ]
    assert [w.platform_owner for w in converted.workloads] == [w.platform_owner for w in original.workloads]


def test_an_upgraded_document_that_is_already_format_2_is_given_back():
    document = document_2()

    assert upgrade_profile_document(document) is document


def test_the_shipped_template_profiles_are_format_2_and_valid(rules):
    for path in sorted(PROFILES_DIR.glob("*.json")):
        document = json.loads(path.read_text())
        assert document["format"] == FORMAT, path.name
        parse_profile(document, rules)


# --- the catalog's facts and impossible combinations ------------------------------------------


def test_the_catalog_rules_hold_closed_only_what_the_catalog_says_is_closed(rules):
    assert rules.closed_weight_ecosystems == {"openai-microsoft", "google", "anthropic-amazon"}
    assert rules.models["gpt-4o"] == ("openai-microsoft", False)
    assert rules.models["llama-3-1-405b"] == ("meta", True)


def test_a_self_hosted_closed_weights_model_is_refused(rules):
    document = document_2(
        workload_2(
            model="gpt-4o", deployment="self_hosted", platform="own_infrastructure", accelerator="nvidia"
        )
    )

    assert only_error(document, rules) == (
        "workloads[0].deployment",
        "'self_hosted' needs open weights; 'gpt-4o' has closed weights",
    )


def test_self_hosting_is_refused_in_a_format_1_document_too(rules):
    document = profile_document(workload("google", deployment="self_hosted", model="gemini-1-5-pro"))

    assert only_error(document, rules)[0] == "workloads[0].deployment"


def test_self_hosting_an_unnamed_model_of_a_closed_ecosystem_is_refused(rules):
    document = document_2(workload_2("anthropic-amazon", model="", deployment="self_hosted", platform="aws"))

    assert only_error(document, rules) == (
        "workloads[0].deployment",
        "'self_hosted' needs open weights; anthropic-amazon publishes none",
    )


def test_self_hosting_open_weights_or_an_ecosystem_the_catalog_is_silent_on_is_accepted(rules):
    document = document_2(
        workload_2("meta", model="llama-3-1-405b", deployment="self_hosted", platform="own_infrastructure"),
        workload_2("mistral", model="my-mixtral", deployment="self_hosted", platform="azure"),
        workload_2("cohere", model="command-r", deployment="self_hosted", platform="own_infrastructure"),
    )

    assert len(parse_profile(document, rules).workloads) == 3


def test_without_the_catalog_facts_only_the_slugs_are_checked(rules):
    document = document_2(workload_2(model="gpt-4o", deployment="self_hosted", platform="own_infrastructure"))

    assert parse_profile(document, rules.ecosystems).workloads[0].deployment == "self_hosted"


def test_a_catalog_model_named_under_another_ecosystem_is_refused(rules):
    document = document_2(workload_2("google", model="gpt-4o"))

    assert only_error(document, rules) == (
        "workloads[0].model",
        "'gpt-4o' is a model of openai-microsoft, not of google",
    )


@pytest.mark.parametrize(
    ("ecosystem", "deployment", "platform", "message"),
    [
        ("openai-microsoft", "cloud_marketplace", "vendor_direct",
         "'vendor_direct' is not a cloud marketplace; deployment 'cloud_marketplace' runs on azure, aws, "
         "google_cloud or other_cloud"),
        ("meta", "cloud_marketplace", "own_infrastructure",
         "'own_infrastructure' is not a cloud marketplace; deployment 'cloud_marketplace' runs on azure, aws, "
         "google_cloud or other_cloud"),
        ("meta", "self_hosted", "vendor_direct",
         "'vendor_direct' is the vendor's API, where weights cannot be self-hosted; deployment 'self_hosted' runs "
         "on azure, aws, google_cloud, other_cloud or own_infrastructure"),
        ("mistral", "vendor_api", "aws",
         "'aws' is not mistral's own API (a model bought through a cloud is 'cloud_marketplace'); deployment "
         "'vendor_api' runs on vendor_direct"),
        ("anthropic-amazon", "vendor_api", "google_cloud",
         "'google_cloud' is not anthropic-amazon's own API (a model bought through a cloud is "
         "'cloud_marketplace'); deployment 'vendor_api' runs on vendor_direct or aws"),
    ],
)  # fmt: skip
def test_a_platform_that_cannot_carry_the_deployment_is_refused(
    rules, ecosystem, deployment, platform, message
):
    document = document_2(workload_2(ecosystem, deployment=deployment, platform=platform))

    assert only_error(document, rules) == ("workloads[0].platform", message)


def test_the_vendors_own_cloud_is_its_own_api():
    document = document_2(workload_2("openai-microsoft", deployment="vendor_api", platform="azure"))

    assert parse_profile(document, ["openai-microsoft"]).workloads[0].platform_owner == "openai-microsoft"


def test_more_seats_than_employees_is_refused(rules):
    document = document_2(productivity_suite={"suite": "microsoft_365_copilot", "seats": 501})

    assert only_error(document, rules) == (
        "productivity_suite.seats",
        "501 is more than organization.employees (500); a seat is an employee's",
    )


def test_every_impossible_combination_is_named_in_document_order(rules):
    document = document_2(
        workload_2(model="gpt-4o", deployment="self_hosted", platform="vendor_direct"),
        workload_2("meta", deployment="cloud_marketplace", platform="own_infrastructure"),
        productivity_suite={"seats": 10_000},
    )

    paths = [path for path, _ in errors_of(document, rules)]

    assert paths == [
        "workloads[0].deployment",
        "workloads[0].platform",
        "workloads[1].platform",
        "productivity_suite.seats",
    ]


# --- bounds of the new numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "field", "value", "message"),
    [
        ("workload", "data_volume_gb", -1, "-1 is out of range: must be between 0 and 10000000"),
        ("workload", "data_volume_gb", 1e12, "1000000000000.0 is out of range: must be between 0 and 10000000"),
        ("suite", "seats", 6_000_000, "6000000 is out of range: must be between 0 and 5000000"),
        ("suite", "seats", -3, "-3 is out of range: must be between 0 and 5000000"),
        ("suite", "seat_price_usd_month", 5000, "5000 is out of range: must be between 0 and 1000"),
    ],
)  # fmt: skip
def test_an_absurd_figure_of_format_2_is_refused_naming_the_field(rules, where, field, value, message):
    if where == "workload":
        document = document_2(workload_2(**{field: value}))
        path = f"workloads[0].{field}"
    else:
        document = document_2(productivity_suite={"suite": "other", field: value})
        path = f"productivity_suite.{field}"

    assert only_error(document, rules) == (path, message)


def test_seats_are_whole_and_volume_is_finite(rules):
    document = document_2(workload_2(data_volume_gb=float("inf")), productivity_suite={"seats": 2.5})

    assert errors_of(document, rules) == [
        ("workloads[0].data_volume_gb", "must be a finite number"),
        ("productivity_suite.seats", "expected a whole number, got a number"),
    ]
