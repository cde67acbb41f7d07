"""Bounds on a profile read from untrusted input, checked before the schema looks at it.

A small upload must not make a large amount of work: 80 KB of `{}` items once produced a
117 MB page of errors in 20 s, and deep nesting or huge numbers broke the JSON reader itself.
So the bytes, the nesting, the list lengths, the keys, the texts and the digits of numbers are
checked first (without recursion), each problem is reported once for all the items that have
it (`workloads[0..199].name`), and the list of problems is capped.
"""

import json
from collections.abc import Iterable

# Where in the document: keys and list indexes, `("workloads", 2, "deployment")`.
type JsonPath = tuple[str | int, ...]

# A profile with 200 workloads of 200-character names takes about 130 KB.
MAX_PROFILE_BYTES = 256 * 1024
# The profile nests 4 levels (document, workloads, a workload, its features).
MAX_DEPTH = 8
# Five times the longest list the format allows (200 workloads): up to this, the schema's own
# message names the exact limit; a longer list is refused without looking at its items.
MAX_LIST_ITEMS = 1000
# The most fields an object of the format has is 9; the rest are unknown fields, each a problem.
MAX_KEYS = 50
# The longest text the format allows is 200 characters.
MAX_TEXT_CHARS = 1000
# A spend of a trillion dollars with cents has 15 digits.
MAX_DIGITS = 30
# Values in the document: a full profile of 200 workloads has about 4,000.
MAX_VALUES = 20_000
# Problems listed; the rest are counted (each problem is already one line for all its items).
MAX_REPORTED_ERRORS = 20


class Unreadable(Exception):
    """The input is not a JSON document that may be looked at further; the message says why."""


class _TooManyDigits(Exception):
    def __init__(self, digits: int):
        self.digits = digits


def read_json(data: bytes | str) -> object:
    """The JSON document in `data`, or Unreadable with one message a person can act on."""
    check_size(len(data))
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise Unreadable("the file is not UTF-8 text") from None
    try:
        return json.loads(text, parse_int=_integer, parse_float=_decimal)
    except json.JSONDecodeError as error:
        raise Unreadable(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise Unreadable(
            f"nested too deeply to read; a profile is nested at most {MAX_DEPTH} levels"
        ) from None
    except _TooManyDigits as error:
        raise Unreadable(
            f"a number has {error.digits:,} digits; a number in a profile has at most {MAX_DIGITS}"
        ) from None


def check_size(n_bytes: int) -> None:
    """Unreadable when a file of this size is larger than any profile (checked before reading)."""
    if n_bytes > MAX_PROFILE_BYTES:
        raise Unreadable(f"the file has {n_bytes:,} bytes; a profile has at most {MAX_PROFILE_BYTES:,}")


def _integer(text: str) -> int:
    # Checked before int(): Python refuses to convert over 4,300 digits with a ValueError.
    _check_digits(text)
    return int(text)


def _decimal(text: str) -> float:
    _check_digits(text)
    return float(text)


def _check_digits(text: str) -> None:
    digits = sum(character.isdigit() for character in text)
    if digits > MAX_DIGITS:
        raise _TooManyDigits(digits)


def limit_problems(document: object) -> list[tuple[JsonPath, str]]:
    """What in the document exceeds the bounds above; walked with a stack, not recursion."""
    problems: list[tuple[JsonPath, str]] = []
    stack: list[tuple[object, JsonPath]] = [(document, ())]
    seen = 0
    while stack:
        value, path = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return [((), f"has more than {MAX_VALUES:,} values; a profile has at most a few thousand")]
        problem = _value_problem(value, path)
        if problem:
            problems.append((path, problem))
        elif isinstance(value, dict):
            stack.extend((item, (*path, str(key))) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(value))))
    return problems


def _value_problem(value: object, path: JsonPath) -> str:
    if isinstance(value, dict | list) and len(path) >= MAX_DEPTH:
        return f"nested deeper than {MAX_DEPTH} levels; a profile is nested 4 levels"
    if isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
        return f"has {len(value):,} items, more than any list of a profile may have"
    if isinstance(value, dict) and len(value) > MAX_KEYS:
        return f"has {len(value):,} fields, more than any object of a profile may have"
    if isinstance(value, dict) and any(len(str(key)) > MAX_TEXT_CHARS for key in value):
        return f"has a field name over {MAX_TEXT_CHARS:,} characters long"
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        return f"is {len(value):,} characters long; a text in a profile has at most {MAX_TEXT_CHARS:,}"
    # bit_length, not str(): converting a huge int to text is itself refused past 4,300 digits.
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_DIGITS * 10 // 3:
        return f"is a number with more than {MAX_DIGITS} digits, far out of any range of a profile"
    return ""


def collapse(errors: Iterable[tuple[JsonPath, str]]) -> list[tuple[str, str]]:
    """Each problem once: the same message at paths that differ only in list indexes becomes one
    line naming the indexes (`workloads[0..4, 9].name`), in the order first met."""
    groups: dict[tuple[tuple[str | None, ...], str], list[JsonPath]] = {}
    for path, message in errors:
        template = tuple(None if isinstance(segment, int) else segment for segment in path)
        groups.setdefault((template, message), []).append(path)
    return [(_collapsed_path(template, paths), message) for (template, message), paths in groups.items()]


def _collapsed_path(template: tuple[str | None, ...], paths: list[JsonPath]) -> str:
    text = ""
    for position, segment in enumerate(template):
        if segment is None:
            indexes = {path[position] for path in paths}
            text += f"[{_ranges(sorted(index for index in indexes if isinstance(index, int)))}]"
        else:
            text += f".{segment}" if text else segment
    return text


def _ranges(numbers: list[int], shown: int = 4) -> str:
    """0..4, 9 for [0, 1, 2, 3, 4, 9]; at most `shown` runs, then how many items in all."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [str(first) if first == last else f"{first}..{last}" for first, last in runs[:shown]]
    if len(runs) > shown:
        parts.append(f"… ({len(numbers):,} items)")
    return ", ".join(parts)
