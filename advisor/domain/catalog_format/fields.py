"""A small schema language for catalog records: a check takes a value and returns its problems.

A problem is a (sub-path, message) pair; the sub-path is appended to the path of the value
checked ("" for the value itself, ".quote", "[2].tier").
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeGuard

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")

Problems = list[tuple[str, str]]


class QuoteFinder(Protocol):
    def problem_with(self, document: str, quote: str) -> tuple[str, str] | None: ...


@dataclass(frozen=True)
class Context:
    # Slugs of ecosystems.yaml, or None when that file is unusable: references then go unchecked
    # rather than each being reported as unknown.
    ecosystems: tuple[str, ...] | None
    sources: QuoteFinder


@dataclass(frozen=True)
class Field:
    name: str
    check: Callable[[Any, Context], Problems]
    nullable: bool = False
    optional: bool = False
    decimal: bool = False  # the canonical form stores it as a float (15 and 15.0 are one figure)
    item_fields: tuple["Field", ...] = ()  # for a mapping, or a list of mappings: their fields


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def is_integer(value: Any) -> bool:
    return type(value) is int


def is_number(value: Any) -> TypeGuard[int | float]:
    return type(value) in (int, float) and math.isfinite(value)


def text(value: Any, context: Context) -> Problems:
    if not isinstance(value, str):
        return [("", f"expected text, got {describe(value)}")]
    if not value.strip():
        return [("", "must not be empty")]
    return []


def slug(value: Any, context: Context) -> Problems:
    if not isinstance(value, str) or not SLUG_PATTERN.match(value):
        return [("", f"{describe(value)} is not a slug (lowercase letters and digits joined by - or _)")]
    return []


def boolean(value: Any, context: Context) -> Problems:
    if not isinstance(value, bool):
        return [("", f"expected true or false, got {describe(value)}")]
    return []


def on_scale(low: int, high: int) -> Callable[[Any, Context], Problems]:
    def check(value: Any, context: Context) -> Problems:
        if not is_integer(value):
            return [("", f"expected an integer on the scale {low}–{high}, got {describe(value)}")]
        if not low <= value <= high:
            return [("", f"{value} is off the scale {low}–{high}")]
        return []

    return check


def number(
    low: float, high: float | None = None, integer: bool = False
) -> Callable[[Any, Context], Problems]:
    bounds = f"{low}–{high}" if high is not None else f"≥ {low}"

    def check(value: Any, context: Context) -> Problems:
        if integer and not is_integer(value):
            return [("", f"expected an integer, got {describe(value)}")]
        if not is_number(value):
            return [("", f"expected a number, got {describe(value)}")]
        if value < low or (high is not None and value > high):
            return [("", f"{value} is out of range {bounds}")]
        return []

    return check


def one_of(*options: str) -> Callable[[Any, Context], Problems]:
    def check(value: Any, context: Context) -> Problems:
        if value not in options:
            return [("", f"{describe(value)} is not one of {', '.join(options)}")]
        return []

    return check


def known(kind: str, options: tuple[str, ...]) -> Callable[[Any, Context], Problems]:
    def check(value: Any, context: Context) -> Problems:
        if value not in options:
            return [("", f"unknown {kind} {describe(value)}")]
        return []

    return check


def ecosystem_reference(value: Any, context: Context) -> Problems:
    if context.ecosystems is None:
        return text(value, context)
    if value not in context.ecosystems:
        return [("", f"unknown ecosystem {describe(value)}")]
    return []


def list_of(
    item_check: Callable[[Any, Context], Problems], allow_empty: bool = True, unique: bool = False
) -> Callable[[Any, Context], Problems]:
    def check(value: Any, context: Context) -> Problems:
        if not isinstance(value, list):
            return [("", f"expected a list, got {describe(value)}")]
        if not value and not allow_empty:
            return [("", "must not be empty")]
        problems = []
        for index, item in enumerate(value):
            problems += [(f"[{index}]{sub}", message) for sub, message in item_check(item, context)]
            if unique and isinstance(item, str) and item in value[:index]:
                problems.append((f"[{index}]", f"{describe(item)} is listed twice"))
        return problems

    return check


def mapping_of(fields: tuple[Field, ...]) -> Callable[[Any, Context], Problems]:
    def check(value: Any, context: Context) -> Problems:
        return check_mapping(value, fields, context)

    return check


def check_mapping(value: Any, fields: tuple[Field, ...], context: Context) -> Problems:
    if not isinstance(value, dict):
        return [("", f"expected a mapping, got {describe(value)}")]
    names = {field.name for field in fields}
    problems = [("", f"unknown key {describe(key)}") for key in value if key not in names]
    for field in fields:
        if field.name not in value:
            if not field.optional:
                problems.append((f".{field.name}", "missing required field"))
            continue
        field_value = value[field.name]
        if field_value is None:
            if not field.nullable:
                problems.append((f".{field.name}", "must not be null"))
            continue
        problems += [(f".{field.name}{sub}", message) for sub, message in field.check(field_value, context)]
    return problems
