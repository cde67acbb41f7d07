"""Profile validation (every error, its path and message) and exact export."""

import copy
import json

import pytest

from advisor.domain.profile import (
    Practices,
    ProfileError,
    parse_profile,
    profile_to_dict,
    upgrade_profile_document,
)
from advisor.domain.vocabulary import ECOSYSTEMS
from tests.domain.builders import profile_document, workload

SLUGS = ECOSYSTEMS


def errors_of(document) -> list[tuple[str, str]]:
    with pytest.raises(ProfileError) as caught:
        parse_profile(document, SLUGS)
    return list(caught.value.errors)


def only_error(document) -> tuple[str, str]:
    errors = errors_of(document)
    assert len(errors) == 1, errors
    return errors[0]


def test_it_accepts_the_example_of_the_format(catalog, northwind):
    profile = parse_profile(northwind, catalog.ecosystems)

    assert profile.organization.name == "Northwind Bank"
    assert profile.workloads[0].features == ("fine_tuning", "assistants_or_agents_api", "vendor_vector_store")
    assert profile.contracts[0].committed_spend_usd == 1500000


def test_an_ecosystem_is_known_when_the_catalog_lists_it(catalog):
    document = profile_document(workload("cohere"))

    assert parse_profile(document, catalog.ecosystems).workloads[0].ecosystem == "cohere"
    assert parse_profile(document, ["cohere"]).workloads[0].ecosystem == "cohere"
    with pytest.raises(ProfileError):
        parse_profile(document, ["meta"])


def test_practices_default_to_false():
    profile = parse_profile(profile_document(practices={"llm_gateway": True}), SLUGS)

    assert profile.practices == Practices(llm_gateway=True)
    assert parse_profile(profile_document(), SLUGS).practices == Practices()


# --- every kind of error ----------------------------------------------------------------------


def test_a_missing_required_field_is_named():
    document = profile_document()
    del document["organization"]["name"]

    assert only_error(document) == ("organization.name", "required field missing")


def test_a_missing_workload_field_has_the_workload_index():
    document = profile_document(workload(), workload(), workload())
    del document["workloads"][2]["deployment"]

    assert only_error(document) == ("workloads[2].deployment", "required field missing")


def test_a_missing_section_is_named():
    document = profile_document()
    del document["workloads"]

    assert only_error(document) == ("workloads", "required field missing")


def test_an_unknown_field_is_named_with_the_allowed_ones():
    document = profile_document(workload(colour="blue"))

    path, message = only_error(document)
    assert path == "workloads[0].colour"
    assert message.startswith("unknown field 'colour' (allowed: name, ecosystem, model, deployment")


def test_an_unknown_top_level_field_is_named():
    path, message = only_error(profile_document(extra=1))

    assert (path, message.split(" (")[0]) == ("extra", "unknown field 'extra'")


def test_a_wrong_type_says_what_was_expected_and_what_came():
    document = profile_document()
    document["organization"]["employees"] = "many"

    assert only_error(document) == ("organization.employees", "expected a whole number, got a string")


def test_a_boolean_is_not_a_number():
    document = profile_document(workload(monthly_spend_usd=True))

    assert only_error(document) == ("workloads[0].monthly_spend_usd", "expected a number, got true or false")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected an object, got a list"),
        ("profile", "expected an object, got a string"),
        (None, "expected an object, got null"),
    ],
)
def test_a_document_that_is_not_an_object_is_refused(data, message):
    assert only_error(data) == ("profile", message)


def test_a_value_outside_the_allowed_ones_lists_them():
    document = profile_document(workload(), workload(deployment="on_a_laptop"))

    assert only_error(document) == (
        "workloads[1].deployment",
        "'on_a_laptop' is not one of: vendor_api, cloud_marketplace, self_hosted",
    )


def test_an_unknown_feature_has_its_position():
    document = profile_document(workload(features=["function_calling", "telepathy"]))

    path, message = only_error(document)
    assert path == "workloads[0].features[1]"
    assert message.startswith("'telepathy' is not one of: fine_tuning, assistants_or_agents_api")


def test_a_repeated_feature_is_refused():
    document = profile_document(workload(features=["batch_api", "batch_api"]))

    assert only_error(document) == ("workloads[0].features", "lists 'batch_api' more than once")


def test_the_wrong_format_is_refused():
    document = profile_document()
    document["format"] = "lockin-profile/0"

    assert errors_of(document)[0] == (
        "format",
        "must be 'lockin-profile/2' (or 'lockin-profile/1', read and converted), got 'lockin-profile/0'",
    )


@pytest.mark.parametrize(
    ("section", "field", "value", "message"),
    [
        ("organization", "employees", 0, "0 is out of range: must be between 1 and 5000000"),
        ("organization", "annual_ai_spend_usd", -1, "-1 is out of range: must be between 0 and 100000000000"),
        ("productivity_suite", "seat_share", 1.5, "1.5 is out of range: must be between 0 and 1"),
        ("organization", "employees", 10**7, "10000000 is out of range: must be between 1 and 5000000"),
        ("organization", "annual_ai_spend_usd", 1e308,
         "1e+308 is out of range: must be between 0 and 100000000000"),
    ],
)  # fmt: skip
def test_a_number_out_of_range_gives_the_range(section, field, value, message):
    document = profile_document(productivity_suite={"suite": "other"})
    document[section][field] = value

    assert only_error(document) == (f"{section}.{field}", message)


def test_an_extreme_spend_is_refused_wherever_it_is():
    contract = {
        "ecosystem": "google",
        "committed_spend_usd": 1e308,
        "months_remaining": 12,
        "data_export_clause": False,
        "termination_assistance": False,
    }
    document = profile_document(workload(monthly_spend_usd=1e308), contracts=[contract])

    assert errors_of(document) == [
        ("workloads[0].monthly_spend_usd", "1e+308 is out of range: must be between 0 and 10000000000"),
        ("contracts[0].committed_spend_usd", "1e+308 is out of range: must be between 0 and 1000000000000"),
    ]


def test_months_remaining_out_of_range():
    contract = {
        "ecosystem": "google",
        "committed_spend_usd": 1,
        "months_remaining": 121,
        "data_export_clause": False,
        "termination_assistance": False,
    }

    assert only_error(profile_document(contracts=[contract])) == (
        "contracts[0].months_remaining",
        "121 is out of range: must be between 0 and 120",
    )


def test_an_empty_name_and_an_overlong_name_are_refused():
    empty = profile_document()
    empty["organization"]["name"] = ""
    long = profile_document(workload(name="x" * 201))

    assert only_error(empty) == ("organization.name", "must not be empty")
    assert only_error(long) == ("workloads[0].name", "is longer than 200 characters")


def test_no_workloads_and_too_many_workloads_are_refused():
    too_many = profile_document(*[workload() for _ in range(201)])
    none = profile_document()
    none["workloads"] = []

    assert only_error(none) == ("workloads", "must have at least 1 item")
    assert only_error(too_many) == ("workloads", "must have at most 200 items (got 201)")


def test_an_unknown_ecosystem_lists_the_known_ones():
    document = profile_document(workload("acme-ai"))

    assert only_error(document) == (
        "workloads[0].ecosystem",
        "unknown ecosystem 'acme-ai' (known: openai-microsoft, google, anthropic-amazon, meta, mistral, xai, cohere)",
    )


def test_an_ecosystem_that_is_not_even_a_slug_is_reported_once_as_unknown():
    document = profile_document(workload("Open AI"))

    path, message = only_error(document)
    assert (path, message.split(" (")[0]) == ("workloads[0].ecosystem", "unknown ecosystem 'Open AI'")


def test_a_contract_with_an_unknown_ecosystem_is_refused():
    contract = {
        "ecosystem": "acme-ai",
        "committed_spend_usd": 1,
        "months_remaining": 1,
        "data_export_clause": False,
        "termination_assistance": False,
    }

    path, _ = only_error(profile_document(contracts=[contract]))
    assert path == "contracts[0].ecosystem"


def test_not_a_number_and_infinity_are_refused():
    document = profile_document(workload(monthly_spend_usd=float("nan")))
    document["organization"]["annual_ai_spend_usd"] = float("inf")

    assert errors_of(document) == [
        ("organization.annual_ai_spend_usd", "must be a finite number"),
        ("workloads[0].monthly_spend_usd", "must be a finite number"),
    ]


def test_every_error_is_reported_in_document_order_and_the_first_is_the_message():
    document = profile_document(workload(), workload(criticality="extreme"))
    document["organization"]["industry"] = "farming"
    document["practices"] = {"llm_gateway": "yes"}
    del document["format"]

    with pytest.raises(ProfileError) as caught:
        parse_profile(document, SLUGS)

    # Without a format, the document is read as the current one, which also wants each platform.
    paths = [path for path, _ in caught.value.errors]
    assert paths == [
        "format",
        "organization.industry",
        "workloads[0..1].platform",
        "workloads[1].criticality",
        "practices.llm_gateway",
    ]
    assert str(caught.value) == "format: required field missing"
    assert "\n" not in str(caught.value)


# --- export -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sections",
    [
        {},
        {"productivity_suite": {}},
        {"productivity_suite": {"suite": "google_workspace_gemini"}},
        {"productivity_suite": {"seat_share": 0.25, "code_assistant": "amazon_q"}},
        {"practices": {}},
        {"practices": {"exit_plan_documented": False, "llm_gateway": True}},
        {"contracts": []},
        {
            "contracts": [
                {
                    "ecosystem": "meta",
                    "committed_spend_usd": 1200.5,
                    "months_remaining": 0,
                    "data_export_clause": True,
                    "termination_assistance": False,
                }
            ]
        },
    ],
)
def test_export_gives_back_what_was_imported_in_format_2(sections):
    document = profile_document(
        workload("google", features=["vendor_embeddings", "batch_api"], monthly_spend_usd=12.5),
        workload("meta", deployment="self_hosted", monthly_spend_usd=0),
        **sections,
    )
    expected = upgrade_profile_document(copy.deepcopy(document))

    exported = profile_to_dict(parse_profile(document, SLUGS))

    assert expected["format"] == "lockin-profile/2"
    assert json.dumps(exported) == json.dumps(expected)  # same key order, same number types
    assert json.dumps(profile_to_dict(parse_profile(exported, SLUGS))) == json.dumps(exported)


def test_export_of_the_example_is_the_example_in_format_2(catalog, northwind):
    exported = profile_to_dict(parse_profile(northwind, catalog.ecosystems))

    assert json.dumps(exported) == json.dumps(upgrade_profile_document(northwind))
    assert exported["workloads"][0]["platform"] == "azure"


def test_export_shows_a_practice_adopted_after_import():
    from dataclasses import replace

    profile = parse_profile(profile_document(), SLUGS)
    adopted = replace(profile, practices=Practices(eval_harness=True))

    assert profile_to_dict(adopted)["practices"] == {"eval_harness": True}
    assert "practices" not in profile_to_dict(profile)


def test_the_one_line_message_stays_on_one_line_and_short():
    document = profile_document(workload(deployment="on\npremises " + "x" * 500))

    with pytest.raises(ProfileError) as caught:
        parse_profile(document, SLUGS)

    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith("workloads[0].deployment: 'on\\npremises xxx")
    assert len(text) < 200
