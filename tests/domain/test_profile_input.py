"""A profile read from untrusted bytes: size, syntax, nesting and counts are checked before the
schema, every problem is reported once, and the list is capped. Pure: no database."""

import json

import pytest

from advisor.domain import profile, profile_limits
from advisor.domain.profile import ProfileError, load_profile_json, parse_profile
from advisor.domain.vocabulary import ECOSYSTEMS
from tests.domain.builders import profile_document, workload


def bomb(n_items: int) -> dict:
    """A valid profile whose workloads are `n_items` empty objects."""
    document = profile_document()
    document["workloads"] = [{} for _ in range(n_items)]
    return document


def problems_of(read) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        read()
    return caught.value


@pytest.fixture
def schema_calls(monkeypatch) -> list:
    """Every call of the schema validation, counted."""
    calls = []
    real = profile._schema_errors

    def counting(data):
        calls.append(1)
        return real(data)

    monkeypatch.setattr(profile, "_schema_errors", counting)
    return calls


def test_a_list_longer_than_any_in_a_profile_is_refused_before_the_schema_runs(schema_calls):
    text = json.dumps(bomb(26_000), separators=(",", ":"))
    assert 70_000 < len(text) < 90_000  # the 80 KB upload that produced a 117 MB page

    error = problems_of(lambda: parse_profile(load_profile_json(text.encode()), ECOSYSTEMS))

    assert error.errors == (("workloads", "has 26,000 items, more than any list of a profile may have"),)
    assert schema_calls == []


def test_the_same_problem_of_many_items_is_reported_once_with_their_range():
    error = problems_of(lambda: parse_profile(bomb(200), ECOSYSTEMS))

    assert ("workloads[0..199].name", "required field missing") in error.errors
    assert len(error.errors) == 9  # one line per missing field, not 1,800


def test_ranges_show_which_items_have_the_problem():
    items = [workload(deployment="on_prem" if i in (0, 2, 3, 4, 9) else "vendor_api") for i in range(12)]

    error = problems_of(lambda: parse_profile(profile_document(*items), ECOSYSTEMS))

    assert [path for path, _ in error.errors] == ["workloads[0, 2..4, 9].deployment"]


def test_the_list_of_problems_is_capped_and_says_how_many_more():
    document = profile_document()
    document["organization"] = {f"field_{i}": i for i in range(40)}

    error = problems_of(lambda: parse_profile(document, ECOSYSTEMS))

    assert len(error.errors) == profile_limits.MAX_REPORTED_ERRORS
    assert error.omitted == 46 - profile_limits.MAX_REPORTED_ERRORS  # 40 unknown fields, 6 missing ones


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"format": ' + "[" * 50 + "]" * 50 + "}", "nested deeper than 8 levels"),
        ('{"format": 1' + "0" * 399 + "}", "a number has 400 digits; a number in a profile has at most 30"),
        (
            '{"format": 1' + "0" * 4999 + "}",
            "a number has 5,000 digits; a number in a profile has at most 30",
        ),
        ('{"format": 1.' + "5" * 400 + "}", "a number has 401 digits; a number in a profile has at most 30"),
        (
            "{not json",
            "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        ),
    ],
)
def test_unreadable_input_is_one_problem_that_says_what_is_wrong(text, message):
    error = problems_of(lambda: parse_profile(load_profile_json(text.encode()), ECOSYSTEMS))

    assert len(error.errors) == 1
    assert message in error.errors[0][1]


def test_a_file_over_the_size_limit_is_refused_unread():
    data = b" " * (profile_limits.MAX_PROFILE_BYTES + 1)

    error = problems_of(lambda: load_profile_json(data))

    assert error.errors == (("", f"the file has {len(data):,} bytes; a profile has at most 262,144"),)


def test_a_file_that_is_not_utf8_is_refused():
    error = problems_of(lambda: load_profile_json(b"\xff\xfe{}"))

    assert error.errors == (("", "the file is not UTF-8 text"),)


def test_a_very_long_text_is_refused_before_validation():
    document = profile_document(workload(name="x" * 100_000))

    error = problems_of(lambda: parse_profile(document, ECOSYSTEMS))

    assert error.errors == (
        ("workloads[0].name", "is 100,000 characters long; a text in a profile has at most 1,000"),
    )


def test_a_valid_profile_read_from_bytes_parses():
    document = profile_document(workload(), workload("google"))

    parsed = parse_profile(load_profile_json(json.dumps(document).encode()), ECOSYSTEMS)

    assert len(parsed.workloads) == 2
