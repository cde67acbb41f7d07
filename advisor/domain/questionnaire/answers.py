"""One answer: what a person typed, parsed into the profile's value, and shown back."""

import math
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
    cleaned = text.replace(",", "").replace("_", "").replace(" ", "").lstrip("$").rstrip("%")
    try:
        number = float(cleaned)
    except ValueError:
        return None, f"“{text}” is not a number."
    if not math.isfinite(number):
        return None, f"“{text}” is not a number."
    if question.type == "integer":
        if number != int(number):
            return None, "Enter a whole number."
        number = int(number)
    value = number / question.display_scale if question.display_scale != 1 else number
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        return None, f"Enter a number {_range_text(question)}."
    return value, ""


def _range_text(question: Question) -> str:
    scale = question.display_scale
    low = None if question.min is None else _number_text(question.min * scale)
    high = None if question.max is None else _number_text(question.max * scale)
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"of at least {low}" if low is not None else f"of at most {high}"


def _number_text(number: float) -> str:
    return f"{number:g}"


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
