"""One answer: what a person typed, parsed into the profile's value, and shown back."""

import math
import re
from collections.abc import Callable
from typing import Any

from advisor.domain.questionnaire.definition import NOT_APPLICABLE, Question


def parse_answer(question: Question, raw: Any) -> tuple[Any, str]:
    """(value, error) for what a person typed or ticked; error is "" when the value is good.

    `raw` is a string for most types and a list of strings for multiple choice. Empty
    input is (None, "") for an optional question and an error for a required one.
    """
    if question.type == "multiple_choice":
        values = [item for item in (raw or []) if item != ""]
        unknown = [item for item in values if item not in question.choice_values]
        if unknown:
            return None, f"“{unknown[0]}” is not one of the choices."
        return [value for value in question.choice_values if value in values], ""
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return None, "This answer is required." if question.required else ""
    parse = _PARSERS[question.type]
    return parse(question, text)


def _parse_text(question: Question, text: str) -> tuple[Any, str]:
    if question.max_length and len(text) > question.max_length:
        return None, f"Use at most {question.max_length} characters (this has {len(text)})."
    return text, ""


def _parse_choice(question: Question, text: str) -> tuple[Any, str]:
    for value, _label in question.choices:
        if str(value) == text:
            return value, ""
    return None, "Choose one of the options."


def _parse_boolean(question: Question, text: str) -> tuple[Any, str]:
    if text.lower() in ("true", "yes", "1", "on"):
        return True, ""
    if text.lower() in ("false", "no", "0", "off"):
        return False, ""
    return None, "Answer yes or no."


def _parse_number(question: Question, text: str) -> tuple[Any, str]:
    number, problem = read_number(text)
    if number is None:
        return None, problem
    if question.type == "integer":
        if number != int(number):
            return None, "Enter a whole number."
        number = int(number)
    value = number / question.display_scale if question.display_scale != 1 else number
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        return None, f"Enter a number {_range_text(question)}."
    return value, ""


# Forms a number is read from without doubt: plain (1200.50, 2.4e+06, .5), or with a comma or a
# space between groups of three digits (1,200 / 1 200 / 1,200,000.75).
_PLAIN = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}([, ])\d{3}(?:\1\d{3})*(?:\.\d+)?")
# 1.200 is 1.2 to some and 1200 to others (a dot between thousands): never guess which.
_AMBIGUOUS_DOT = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_MARKS = re.compile(r"[., ]")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def read_number(text: str) -> tuple[float | None, str]:
    """The number a person typed, or (None, why it cannot be read with certainty).

    A number is stored only when its reading is certain: a decimal comma (1,5 or 5.000,50) or
    a dot that may separate thousands (1.200) is refused with the readings it could have,
    so the person retypes it instead of a wrong number being saved as "Saved".
    """
    cleaned = _SPACES.sub(" ", text.strip().removeprefix("$").removesuffix("%").strip().replace("_", ""))
    sign = ""
    if cleaned[:1] in ("-", "+"):
        sign, cleaned = cleaned[0], cleaned[1:]
    if _AMBIGUOUS_DOT.fullmatch(cleaned):
        whole, decimals = cleaned.split(".")
        return None, _did_you_mean(sign, [_decimal(whole, decimals), whole + decimals])
    if _PLAIN.fullmatch(cleaned):
        return _finite(sign + cleaned, text)
    if _GROUPED.fullmatch(cleaned):
        return _finite(sign + re.sub(r"[, ]", "", cleaned), text)
    readings = _readings(cleaned)
    if readings:
        return None, _did_you_mean(sign, readings)
    return None, f"“{text}” is not a number."


def _readings(text: str) -> list[str]:
    """What digits with dots, commas or spaces between them could mean."""
    if not re.fullmatch(r"\d+(?:[., ]\d+)+", text):
        return []
    marks = _MARKS.findall(text)
    groups = _MARKS.split(text)
    joined = "".join(groups).lstrip("0") or "0"
    if len(marks) > 1 and len(set(marks)) == 1:
        return [joined]  # the same mark between every group separates thousands
    if marks == [","]:
        return [_decimal(groups[0], groups[1]), joined]  # a decimal comma, or a stray one
    if marks == [" "]:
        return [joined]
    if marks[-1] == " ":
        return []
    return [_decimal("".join(groups[:-1]), groups[-1])]  # 5.000,50: the last mark is the decimal one


def _decimal(whole: str, decimals: str) -> str:
    """whole.decimals, written so that it cannot be misread in turn (1.2, not 1.200)."""
    whole = whole.lstrip("0") or "0"
    if _AMBIGUOUS_DOT.fullmatch(f"{whole}.{decimals}"):
        decimals = decimals.rstrip("0")
        decimals = decimals + "0" if len(decimals) == 3 else decimals
    return f"{whole}.{decimals}" if decimals else whole


def _did_you_mean(sign: str, readings: list[str]) -> str:
    options = " or ".join(sign + reading for reading in dict.fromkeys(readings))
    return f"Did you mean {options}? Type it as {options}."


def _finite(number_text: str, typed: str) -> tuple[float | None, str]:
    number = float(number_text)
    if not math.isfinite(number):
        return None, f"“{typed}” is not a number."
    return number, ""


def _range_text(question: Question) -> str:
    scale = question.display_scale
    low = None if question.min is None else _bound_text(question.min * scale)
    high = None if question.max is None else _bound_text(question.max * scale)
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"of at least {low}" if low is not None else f"of at most {high}"


def _bound_text(number: float) -> str:
    """A bound as a message shows it: 100,000,000,000, not 1e+11."""
    return f"{int(number):,}" if float(number).is_integer() else _number_text(number)


def _number_text(number: float) -> str:
    """A number in plain digits (2400000, not 2.4e+06), as a person would type it back."""
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(float(number))


def display_value(question: Question, value: Any) -> str:
    """The value as it goes back into a form field (the inverse of parse_answer)."""
    if value is None or value == NOT_APPLICABLE:
        return ""
    if question.type in ("integer", "number"):
        return _number_text(value * question.display_scale)
    if question.type == "boolean":
        return "true" if value else "false"
    return str(value)


_PARSERS: dict[str, Callable[[Question, str], tuple[Any, str]]] = {
    "text": _parse_text,
    "choice": _parse_choice,
    "boolean": _parse_boolean,
    "integer": _parse_number,
    "number": _parse_number,
}


def is_visible(
    conditions: tuple[tuple[str, tuple[Any, ...]], ...], answers: dict[str, Any], prefix: str = ""
) -> bool:
    """Whether every `show_if` condition holds; keys resolve inside the item (`prefix`) first."""
    for key, allowed in conditions:
        value = answers.get(prefix + key, answers.get(key))
        if value not in allowed:
            return False
    return True
