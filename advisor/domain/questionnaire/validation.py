"""Checks of the questionnaire part of a catalog: every problem as (path, message)."""

import math
from collections.abc import Iterable
from typing import Any

from advisor.domain.questionnaire.definition import (
    CHOICE_SOURCES,
    QUESTION_KEYS,
    QUESTION_TYPES,
    RAW_ANSWER_MAX_CHARS,
    REPEAT_KEYS,
    SECTION_KEYS,
    SUGGESTION_SOURCES,
)


def validate_questionnaire(part: Any, ecosystems: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Every problem of a questionnaire part as (path, message); paths like `.sections[1].type`."""
    if not isinstance(part, dict) or not isinstance(part.get("sections"), list) or not part["sections"]:
        return [("", "expected a mapping with a non-empty list of sections")]
    problems = [(".", f"unknown key '{key}'") for key in part if key != "sections"]
    slugs: set[Any] = set()
    keys: set[Any] = set()
    for index, section in enumerate(part["sections"]):
        path = f".sections[{index}]"
        if not isinstance(section, dict):
            problems.append((path, "expected a mapping"))
            continue
        problems += [(path, f"unknown key '{key}'") for key in section if key not in SECTION_KEYS]
        problems += _required_text(section, ("slug", "title"), path)
        if section.get("slug") in slugs:
            problems.append((f"{path}.slug", f"duplicate section '{section['slug']}'"))
        slugs.add(section.get("slug"))
        for q_index, question in enumerate(section.get("questions", [])):
            problems += _question_problems(question, f"{path}.questions[{q_index}]", keys)
        if "repeat" in section:
            problems += _repeat_problems(section["repeat"], f"{path}.repeat")
    return problems


def _repeat_problems(repeat: Any, path: str) -> list[tuple[str, str]]:
    if not isinstance(repeat, dict):
        return [(path, "expected a mapping")]
    problems = [(path, f"unknown key '{key}'") for key in repeat if key not in REPEAT_KEYS]
    problems += _required_text(repeat, ("key",), path)
    if not isinstance(repeat.get("questions"), list) or not repeat["questions"]:
        return [*problems, (f"{path}.questions", "expected a non-empty list of questions")]
    keys: set[Any] = set()
    for index, question in enumerate(repeat["questions"]):
        problems += _question_problems(question, f"{path}.questions[{index}]", keys)
    return problems


def _question_problems(question: Any, path: str, seen_keys: set[Any]) -> list[tuple[str, str]]:
    if not isinstance(question, dict):
        return [(path, "expected a mapping")]
    problems = [(path, f"unknown key '{key}'") for key in question if key not in QUESTION_KEYS]
    problems += _required_text(question, ("key", "label"), path)
    if question.get("key") in seen_keys:
        problems.append((f"{path}.key", f"duplicate question key '{question['key']}'"))
    seen_keys.add(question.get("key"))
    kind = question.get("type")
    if kind not in QUESTION_TYPES:
        return [*problems, (f"{path}.type", f"'{kind}' is not one of {', '.join(QUESTION_TYPES)}")]
    if kind in ("choice", "multiple_choice"):
        has_choices = bool(question.get("choices")) or question.get("choices_from") in CHOICE_SOURCES
        if not has_choices:
            problems.append(
                (path, f"a {kind} question needs choices or choices_from ({', '.join(CHOICE_SOURCES)})")
            )
        for c_index, choice in enumerate(question.get("choices", [])):
            if not (isinstance(choice, list) and len(choice) == 2 and isinstance(choice[1], str)):
                problems.append((f"{path}.choices[{c_index}]", "expected [value, label]"))
    if question.get("suggestions_from") not in (None, *SUGGESTION_SOURCES):
        problems.append((f"{path}.suggestions_from", f"expected one of {', '.join(SUGGESTION_SOURCES)}"))
    for bound in ("min", "max", "max_length", "display_scale"):
        if bound in question and not _is_number(question[bound]):
            problems.append((f"{path}.{bound}", "expected a number"))
    problems += _bound_problems(question, kind, path)
    if question.get("allow_na") and question.get("required"):
        problems.append((path, "a required question cannot allow 'not applicable'"))
    if "show_if" in question and not isinstance(question["show_if"], dict):
        problems.append((f"{path}.show_if", "expected a mapping of question key to allowed values"))
    return problems


def _bound_problems(question: dict[str, Any], kind: str, path: str) -> list[tuple[str, str]]:
    """Every number has a realistic upper bound and every text a length limit: one extreme
    answer must not be able to overflow the scoring of a whole assessment or every page."""
    if kind in ("integer", "number") and not _is_number(question.get("max")):
        return [(path, f"a {kind} question needs a realistic max")]
    length = question.get("max_length", 0)
    if kind == "text" and not (_is_number(length) and 0 < length <= RAW_ANSWER_MAX_CHARS):
        return [(path, f"a text question needs a max_length of at most {RAW_ANSWER_MAX_CHARS}")]
    return []


def _required_text(record: dict[str, Any], names: tuple[str, ...], path: str) -> list[tuple[str, str]]:
    return [
        (f"{path}.{name}", "required text is missing")
        for name in names
        if not isinstance(record.get(name), str) or not record[name].strip()
    ]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
