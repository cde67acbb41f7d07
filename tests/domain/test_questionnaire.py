"""The questionnaire definition and the answers <-> profile mapping: pure, no database."""

import copy
import itertools
import json

import pytest

from advisor.domain import questionnaire as definition
from advisor.domain.catalog_format import load_catalog_dir
from advisor.domain.profile import parse_profile, upgrade_profile_document
from advisor.domain.questionnaire import NOT_APPLICABLE
from advisor.domain.vocabulary import PLATFORMS
from tests.paths import CATALOG_DIR, PROFILES_DIR

ECOSYSTEMS = [("openai-microsoft", "OpenAI / Microsoft"), ("google", "Google"), ("anthropic-amazon", "Anthropic / Amazon"),
              ("meta", "Meta"), ("mistral", "Mistral AI"), ("xai", "xAI"), ("cohere", "Cohere")]  # fmt: skip
NORTHWIND = {
    "format": "lockin-profile/1",
    "organization": {"name": "Northwind Bank", "industry": "financial_services", "employees": 12000,
                     "regulated": True, "eu_operations": True, "annual_ai_spend_usd": 2400000},
    "workloads": [{"name": "Customer support assistant", "ecosystem": "openai-microsoft", "model": "gpt-4o",
                   "deployment": "cloud_marketplace", "criticality": "mission_critical", "monthly_spend_usd": 42000,
                   "features": ["fine_tuning", "assistants_or_agents_api", "vendor_vector_store"],
                   "data_location": "vendor_cloud", "accelerator": "none"}],
    "productivity_suite": {"suite": "microsoft_365_copilot", "seat_share": 0.8, "code_assistant": "github_copilot"},
    "practices": {"llm_gateway": False, "eval_harness": False, "prompt_portability": False,
                  "open_weights_fallback": False, "multi_vendor_in_production": False,
                  "exit_plan_documented": False, "data_export_tested": False},
    "contracts": [{"ecosystem": "openai-microsoft", "committed_spend_usd": 1500000, "months_remaining": 24,
                   "data_export_clause": False, "termination_assistance": False}],
}  # fmt: skip


@pytest.fixture(scope="module")
def questionnaire():
    part = load_catalog_dir(CATALOG_DIR)["questionnaire"]
    return definition.questionnaire_from_document(part, ecosystems=ECOSYSTEMS, models=["gpt-4o"])


def _ids():
    counter = itertools.count(1)
    return lambda: f"id{next(counter)}"


def _question(questionnaire, key):
    return questionnaire.question_for(key)[1]


def test_the_shipped_questionnaire_is_valid():
    part = load_catalog_dir(CATALOG_DIR)["questionnaire"]
    assert definition.validate_questionnaire(part) == []


@pytest.mark.parametrize(
    "profile",
    [
        NORTHWIND,
        *(json.loads(p.read_text()) for p in sorted(PROFILES_DIR.glob("*.json"))),
    ],
    ids=lambda p: p["organization"]["name"],
)
def test_answers_from_a_profile_assemble_back_into_exactly_that_profile_in_format_2(questionnaire, profile):
    answers, items = definition.answers_from_profile(questionnaire, profile, _ids())
    assert definition.assemble_profile(questionnaire, answers, items) == upgrade_profile_document(profile)


def test_optional_sections_left_out_stay_out(questionnaire):
    minimal = {key: NORTHWIND[key] for key in ("format", "organization", "workloads")}
    answers, items = definition.answers_from_profile(questionnaire, minimal, _ids())
    assert definition.assemble_profile(questionnaire, answers, items) == upgrade_profile_document(minimal)


def test_the_platform_data_volume_and_seats_answers_make_a_valid_format_2_profile(questionnaire):
    answers, items = definition.answers_from_profile(questionnaire, NORTHWIND, _ids())
    (uid,) = items["workloads"]
    answers |= {
        f"workloads.{uid}.platform": "azure",
        f"workloads.{uid}.data_volume_gb": 800.0,
        "productivity_suite.seats": 9000,
        "productivity_suite.seat_price_usd_month": 30.0,
    }

    document = definition.assemble_profile(questionnaire, answers, items)
    profile = parse_profile(document, [slug for slug, _ in ECOSYSTEMS])

    assert document["format"] == "lockin-profile/2"
    assert (profile.workloads[0].platform, profile.workloads[0].data_volume_gb) == ("azure", 800.0)
    assert (profile.productivity_suite.seats, profile.productivity_suite.seat_price_usd_month) == (9000, 30.0)


def test_the_questionnaire_asks_the_platform_of_every_workload_and_the_suite_seats(questionnaire):
    platform = _question(questionnaire, "workloads.x.platform")
    volume = _question(questionnaire, "workloads.x.data_volume_gb")
    seats = _question(questionnaire, "productivity_suite.seats")
    price = _question(questionnaire, "productivity_suite.seat_price_usd_month")

    assert platform.required
    assert platform.choice_values == PLATFORMS
    assert (volume.required, volume.min, volume.max) == (False, 0, 10_000_000)
    assert (seats.type, seats.allow_na, seats.max) == ("integer", True, 5_000_000)
    assert (price.allow_na, price.max) == (True, 1000)


def test_a_workload_without_a_platform_answer_is_not_ready(questionnaire):
    answers, items = definition.answers_from_profile(questionnaire, NORTHWIND, _ids())
    (uid,) = items["workloads"]
    del answers[f"workloads.{uid}.platform"]

    problems = definition.review_problems(questionnaire, answers, {}, items)

    assert [(p.key, p.message, p.item) for p in problems] == [
        (f"workloads.{uid}.platform", "Not answered yet.", 1)
    ]


def test_a_questionnaire_that_does_not_ask_the_platform_still_makes_format_1():
    part = copy.deepcopy(load_catalog_dir(CATALOG_DIR)["questionnaire"])
    workloads = next(
        section["repeat"]
        for section in part["sections"]
        if section.get("repeat", {}).get("key") == "workloads"
    )
    workloads["questions"] = [
        q for q in workloads["questions"] if q["key"] not in ("platform", "data_volume_gb")
    ]
    before_format_2 = definition.questionnaire_from_document(part, ecosystems=ECOSYSTEMS)

    answers, items = definition.answers_from_profile(before_format_2, NORTHWIND, _ids())

    assert definition.assemble_profile(before_format_2, answers, items) == NORTHWIND


def test_a_hidden_question_without_an_answer_takes_its_default(questionnaire):
    answers = {"workloads.a.deployment": "vendor_api"}
    profile = definition.assemble_profile(questionnaire, answers, {"workloads": ["a"]})
    assert profile["workloads"][0]["accelerator"] == "none"


def test_an_answer_to_a_hidden_question_is_kept(questionnaire):
    answers = {"workloads.a.deployment": "vendor_api", "workloads.a.accelerator": "tpu"}
    profile = definition.assemble_profile(questionnaire, answers, {"workloads": ["a"]})
    assert profile["workloads"][0]["accelerator"] == "tpu"


def test_no_contracts_exports_an_empty_list_and_keeps_earlier_items_out(questionnaire):
    answers = {"contracts": False, "contracts.c1.ecosystem": "google"}
    assert definition.assemble_profile(questionnaire, answers, {"contracts": ["c1"]})["contracts"] == []


def test_not_applicable_leaves_the_field_out(questionnaire):
    answers = {"productivity_suite.suite": "none", "productivity_suite.code_assistant": NOT_APPLICABLE}
    profile = definition.assemble_profile(questionnaire, answers, {})
    assert profile["productivity_suite"] == {"suite": "none"}


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("organization.employees", "2,500", (2500, "")),
        ("organization.employees", "2.5", (None, "Enter a whole number.")),
        ("organization.employees", "0", (None, "Enter a number from 1 to 5,000,000.")),
        ("organization.employees", "many", (None, "“many” is not a number.")),
        ("organization.employees", "", (None, "This answer is required.")),
        ("organization.annual_ai_spend_usd", "$1,200,000", (1200000.0, "")),
        ("organization.annual_ai_spend_usd", "nan", (None, "“nan” is not a number.")),
        ("organization.regulated", "true", (True, "")),
        ("organization.regulated", "maybe", (None, "Answer yes or no.")),
        ("organization.industry", "retail", ("retail", "")),
        ("organization.industry", "fishing", (None, "Choose one of the options.")),
        ("organization.name", "x" * 201, (None, "Use at most 200 characters (this has 201).")),
        ("productivity_suite.seat_share", "80", (0.8, "")),
        ("productivity_suite.seat_share", "120", (None, "Enter a number from 0 to 100.")),
        ("productivity_suite.code_assistant", "", (None, "")),
        ("organization.annual_ai_spend_usd", "1e308", (None, "Enter a number from 0 to 100,000,000,000.")),
        ("organization.employees", "6,000,000", (None, "Enter a number from 1 to 5,000,000.")),
        ("workloads.x.monthly_spend_usd", "1e308", (None, "Enter a number from 0 to 10,000,000,000.")),
        ("contracts.x.committed_spend_usd", "2e12", (None, "Enter a number from 0 to 1,000,000,000,000.")),
    ],
)
def test_each_answer_is_parsed_and_checked(questionnaire, key, raw, expected):
    assert definition.parse_answer(_question(questionnaire, key), raw) == expected


def test_multiple_choice_keeps_the_choice_order_and_rejects_unknown_values(questionnaire):
    features = questionnaire.question_for("workloads.x.features")[1]
    assert definition.parse_answer(features, ["batch_api", "fine_tuning"]) == (
        ["fine_tuning", "batch_api"],
        "",
    )
    assert definition.parse_answer(features, []) == ([], "")
    assert definition.parse_answer(features, ["telepathy"]) == (
        None,
        "“telepathy” is not one of the choices.",
    )


def test_review_lists_missing_and_invalid_answers_with_their_item(questionnaire):
    answers = {"organization.name": "N", "workloads.a.name": "Bot"}
    problems = definition.review_problems(questionnaire, answers, {"organization.employees": "Enter a whole number."},
                                          {"workloads": ["a"]})  # fmt: skip
    by_key = {p.key: p for p in problems}
    assert by_key["organization.employees"].message == "Enter a whole number."
    assert by_key["organization.industry"].message == "Not answered yet."
    assert by_key["workloads.a.ecosystem"].item == 1
    assert "workloads.a.features" not in by_key  # ticking none is an answer
    assert "workloads.a.accelerator" not in by_key  # hidden unless self-hosted


def test_review_asks_for_at_least_one_workload(questionnaire):
    problems = definition.review_problems(questionnaire, {}, {}, {})
    assert any(p.key == "workloads" and "at least 1" in p.message for p in problems)


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ({"sections": []}, ("", "expected a mapping with a non-empty list of sections")),
        ({"sections": [{"slug": "a", "title": "A", "questions": [{"key": "x", "label": "X", "type": "slider"}]}]},
         (".sections[0].questions[0].type", "'slider' is not one of text, choice, multiple_choice, integer, number, boolean")),
        ({"sections": [{"slug": "a", "title": "A", "questions": [{"key": "x", "label": "X", "type": "choice"}]}]},
         (".sections[0].questions[0]", "a choice question needs choices or choices_from (ecosystems)")),
        ({"sections": [{"slug": "a", "title": "A", "colour": "red"}]}, (".sections[0]", "unknown key 'colour'")),
        ({"sections": [{"slug": "a", "title": "A", "questions": [
            {"key": "x", "label": "X", "type": "text", "required": True, "allow_na": True}]}]},
         (".sections[0].questions[0]", "a required question cannot allow 'not applicable'")),
        ({"sections": [{"slug": "a", "title": "A", "questions": [{"key": "x", "label": "X", "type": "number"}]}]},
         (".sections[0].questions[0]", "a number question needs a realistic max")),
        ({"sections": [{"slug": "a", "title": "A", "questions": [{"key": "x", "label": "X", "type": "text"}]}]},
         (".sections[0].questions[0]", "a text question needs a max_length of at most 1000")),
        ({"sections": [{"slug": "a", "title": "A", "questions": [
            {"key": "x", "label": "X", "type": "text", "max_length": 5000}]}]},
         (".sections[0].questions[0]", "a text question needs a max_length of at most 1000")),
    ],
)  # fmt: skip
def test_a_broken_questionnaire_is_reported_with_its_path(broken, expected):
    assert expected in definition.validate_questionnaire(broken)


def test_key_order_does_not_survive_storage_so_the_canonical_form_restores_it():
    part = load_catalog_dir(CATALOG_DIR)["questionnaire"]

    def shuffled(value):
        if isinstance(value, dict):
            return {key: shuffled(value[key]) for key in sorted(value, key=lambda k: (len(k), k))}
        if isinstance(value, list):
            return [shuffled(item) for item in value]
        return value

    stored = shuffled(part)  # PostgreSQL's jsonb orders keys by length, then bytes
    assert json.dumps(stored) != json.dumps(part)
    assert json.dumps(definition.canonical_questionnaire(stored)) == json.dumps(part)


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        # Unambiguous forms are read as the number they show.
        ("organization.employees", "1,200", (1200, "")),
        ("organization.employees", "1 200", (1200, "")),
        ("organization.employees", "1\u00a0200", (1200, "")),
        ("organization.annual_ai_spend_usd", "$5000", (5000.0, "")),
        ("organization.annual_ai_spend_usd", "1200.50", (1200.5, "")),
        ("organization.annual_ai_spend_usd", "1,200,000.75", (1200000.75, "")),
        ("organization.annual_ai_spend_usd", "0.125", (0.125, "")),
        ("organization.annual_ai_spend_usd", "2.4e+06", (2400000.0, "")),
        # A decimal comma or a dot between thousands is refused, showing the number as read.
        ("organization.annual_ai_spend_usd", "5.000,50",
         (None, "Did you mean 5000.50? Type it as 5000.50.")),
        ("organization.annual_ai_spend_usd", "1,5",
         (None, "Did you mean 1.5 or 15? Type it as 1.5 or 15.")),
        ("organization.annual_ai_spend_usd", "1.200",
         (None, "Did you mean 1.2 or 1200? Type it as 1.2 or 1200.")),
        ("organization.annual_ai_spend_usd", "1.234",
         (None, "Did you mean 1.2340 or 1234? Type it as 1.2340 or 1234.")),
        ("organization.annual_ai_spend_usd", "5.000.000",
         (None, "Did you mean 5000000? Type it as 5000000.")),
        ("organization.annual_ai_spend_usd", "1 200,5",
         (None, "Did you mean 1200.5? Type it as 1200.5.")),
        ("organization.employees", "2,5", (None, "Did you mean 2.5 or 25? Type it as 2.5 or 25.")),
        ("organization.employees", "12,00,000", (None, "Did you mean 1200000? Type it as 1200000.")),
        ("organization.employees", "1,2,3", (None, "Did you mean 123? Type it as 123.")),
        ("organization.employees", "1..2", (None, "“1..2” is not a number.")),
    ],
)  # fmt: skip
def test_numbers_are_stored_only_as_the_person_meant_them(questionnaire, key, raw, expected):
    assert definition.parse_answer(_question(questionnaire, key), raw) == expected


def test_a_number_goes_back_into_its_field_in_plain_digits(questionnaire):
    spend = _question(questionnaire, "organization.annual_ai_spend_usd")
    assert definition.display_value(spend, 2400000.0) == "2400000"
    assert definition.display_value(spend, 1200.5) == "1200.5"
    share = _question(questionnaire, "productivity_suite.seat_share")
    assert definition.display_value(share, 0.8) == "80"
