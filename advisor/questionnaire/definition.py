"""The questionnaire as data: sections, questions, conditions and the profile they produce.

Pure Python (no Django): the catalog validator checks `questionnaire.yaml` with
`validate_questionnaire`, and the web app turns answers into a profile with
`assemble_profile` and a profile back into answers with `answers_from_profile`.

Answers are a flat dict keyed by profile path: `organization.name`,
`practices.llm_gateway`, and for an item of a repeat `workloads.<uid>.deployment`.
A not-applicable answer is stored as NOT_APPLICABLE and leaves its field out of the
profile (only optional fields allow it).
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

QUESTION_TYPES = ("text", "choice", "multiple_choice", "integer", "number", "boolean")
CHOICE_SOURCES = ("ecosystems",)
SUGGESTION_SOURCES = ("models",)
NOT_APPLICABLE = {"not_applicable": True}
# The keys of each mapping, in the order the canonical file writes them.
_QUESTION_KEYS = (
    "key", "type", "label", "help", "required", "allow_na", "choices", "choices_from", "suggestions_from",
    "min", "max", "max_length", "unit", "display_scale", "show_if", "hidden_default", "default",
)  # fmt: skip
_REPEAT_KEYS = ("key", "item_label", "min_items", "max_items", "show_if", "questions")
_SECTION_KEYS = ("slug", "title", "intro", "questions", "repeat")


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    allow_na: bool = False
    choices: tuple[tuple[Any, str], ...] = ()
    suggestions: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    unit: str = ""
    display_scale: float = 1
    show_if: tuple[tuple[str, tuple], ...] = ()
    hidden_default: Any = None
    default: Any = None

    @property
    def choice_values(self) -> tuple:
        return tuple(value for value, _ in self.choices)


@dataclass(frozen=True)
class Repeat:
    key: str
    item_label: str
    min_items: int
    max_items: int
    questions: tuple[Question, ...]
    show_if: tuple[tuple[str, tuple], ...] = ()


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str = ""
    questions: tuple[Question, ...] = ()
    repeat: Repeat | None = None


@dataclass(frozen=True)
class Problem:
    """Something the review page lists: where it is and what is wrong."""

    section: str
    key: str
    label: str
    message: str
    item: int | None = None  # 1-based position of the repeat item, for "Workload 2: …"


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple[Section, ...]

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)

    def repeats(self) -> tuple[Repeat, ...]:
        return tuple(s.repeat for s in self.sections if s.repeat)

    @cached_property
    def _questions(self) -> dict[str, tuple[Section, Question]]:
        return {q.key: (s, q) for s in self.sections for q in s.questions}

    @cached_property
    def _repeats(self) -> dict[str, tuple[Section, Repeat, dict[str, Question]]]:
        return {
            s.repeat.key: (s, s.repeat, {q.key: q for q in s.repeat.questions})
            for s in self.sections
            if s.repeat
        }

    def question_for(self, answer_key: str) -> tuple[Section, Question, Repeat | None] | None:
        """The question an answer key belongs to (`workloads.<uid>.name` → the workload name)."""
        if answer_key in self._questions:
            return (*self._questions[answer_key], None)
        head, _, rest = answer_key.partition(".")
        if head not in self._repeats or "." not in rest:
            return None
        section, repeat, questions = self._repeats[head]
        question = questions.get(rest.split(".", 1)[1])
        return (section, question, repeat) if question else None

    def section_for(self, answer_key: str) -> str | None:
        """The slug of the section an answer key belongs to."""
        if answer_key in self._questions:
            return self._questions[answer_key][0].slug
        found = self._repeats.get(answer_key.split(".", 1)[0])
        return found[0].slug if found else None


# ---------------------------------------------------------------------------------------------
# Building and validating the definition


def questionnaire_from_document(
    part: dict, *, ecosystems: Iterable[tuple[str, str]] = (), models: Iterable[str] = ()
) -> Questionnaire:
    """The questionnaire of a (valid) catalog part, with catalog choices filled in."""
    sources = {"ecosystems": tuple(ecosystems), "models": tuple(models)}
    sections = tuple(_section(raw, sources) for raw in part["sections"])
    return Questionnaire(sections=sections)


def _section(raw: dict, sources: dict) -> Section:
    repeat = raw.get("repeat")
    return Section(
        slug=raw["slug"],
        title=raw["title"],
        intro=raw.get("intro", ""),
        questions=tuple(_question(q, sources) for q in raw.get("questions", ())),
        repeat=Repeat(
            key=repeat["key"],
            item_label=repeat.get("item_label", "Item"),
            min_items=repeat.get("min_items", 0),
            max_items=repeat.get("max_items", 200),
            questions=tuple(_question(q, sources) for q in repeat["questions"]),
            show_if=_conditions(repeat.get("show_if")),
        )
        if repeat
        else None,
    )


def _question(raw: dict, sources: dict) -> Question:
    choices = tuple((value, label) for value, label in raw.get("choices", ()))
    if raw.get("choices_from"):
        choices = sources[raw["choices_from"]]
    if raw["type"] == "boolean":
        choices = ((True, "Yes"), (False, "No"))
    return Question(
        key=raw["key"],
        type=raw["type"],
        label=raw["label"],
        help=raw.get("help", ""),
        required=raw.get("required", False),
        allow_na=raw.get("allow_na", False),
        choices=choices,
        suggestions=sources[raw["suggestions_from"]] if raw.get("suggestions_from") else (),
        min=raw.get("min"),
        max=raw.get("max"),
        max_length=raw.get("max_length"),
        unit=raw.get("unit", ""),
        display_scale=raw.get("display_scale", 1),
        show_if=_conditions(raw.get("show_if")),
        hidden_default=raw.get("hidden_default"),
        default=raw.get("default"),
    )


def _conditions(raw: dict | None) -> tuple[tuple[str, tuple], ...]:
    return tuple((key, tuple(values)) for key, values in (raw or {}).items())


def canonical_questionnaire(part: Any) -> Any:
    """The part with every mapping's keys in canonical order, whatever order it was stored in
    (PostgreSQL's jsonb, for one, does not keep key order)."""
    if not isinstance(part, dict) or not isinstance(part.get("sections"), list):
        return part
    return {**part, "sections": [_ordered(section, _SECTION_KEYS) for section in part["sections"]]}


def _ordered(mapping: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    ordered = {key: mapping[key] for key in keys if key in mapping}
    ordered |= {key: mapping[key] for key in sorted(mapping, key=str) if key not in ordered}
    for name, value in ordered.items():
        if name == "questions" and isinstance(value, list):
            ordered[name] = [_ordered(question, _QUESTION_KEYS) for question in value]
        elif name == "repeat":
            ordered[name] = _ordered(value, _REPEAT_KEYS)
        elif name == "show_if" and isinstance(value, dict):
            ordered[name] = {key: value[key] for key in sorted(value, key=str)}
    return ordered


def validate_questionnaire(part: Any, ecosystems: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Every problem of a questionnaire part as (path, message); paths like `.sections[1].type`."""
    if not isinstance(part, dict) or not isinstance(part.get("sections"), list) or not part["sections"]:
        return [("", "expected a mapping with a non-empty list of sections")]
    problems = [(".", f"unknown key '{key}'") for key in part if key != "sections"]
    slugs, keys = set(), set()
    for index, section in enumerate(part["sections"]):
        path = f".sections[{index}]"
        if not isinstance(section, dict):
            problems.append((path, "expected a mapping"))
            continue
        problems += [(path, f"unknown key '{key}'") for key in section if key not in _SECTION_KEYS]
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
    problems = [(path, f"unknown key '{key}'") for key in repeat if key not in _REPEAT_KEYS]
    problems += _required_text(repeat, ("key",), path)
    if not isinstance(repeat.get("questions"), list) or not repeat["questions"]:
        return [*problems, (f"{path}.questions", "expected a non-empty list of questions")]
    keys: set = set()
    for index, question in enumerate(repeat["questions"]):
        problems += _question_problems(question, f"{path}.questions[{index}]", keys)
    return problems


def _question_problems(question: Any, path: str, seen_keys: set) -> list[tuple[str, str]]:
    if not isinstance(question, dict):
        return [(path, "expected a mapping")]
    problems = [(path, f"unknown key '{key}'") for key in question if key not in _QUESTION_KEYS]
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
    if question.get("allow_na") and question.get("required"):
        problems.append((path, "a required question cannot allow 'not applicable'"))
    if "show_if" in question and not isinstance(question["show_if"], dict):
        problems.append((f"{path}.show_if", "expected a mapping of question key to allowed values"))
    return problems


def _required_text(record: dict, names: tuple[str, ...], path: str) -> list[tuple[str, str]]:
    return [
        (f"{path}.{name}", "required text is missing")
        for name in names
        if not isinstance(record.get(name), str) or not record[name].strip()
    ]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# ---------------------------------------------------------------------------------------------
# Answers


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


def is_visible(conditions: tuple[tuple[str, tuple], ...], answers: dict, prefix: str = "") -> bool:
    """Whether every `show_if` condition holds; keys resolve inside the item (`prefix`) first."""
    for key, allowed in conditions:
        value = answers.get(prefix + key, answers.get(key))
        if value not in allowed:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Answers <-> profile


def assemble_profile(questionnaire: Questionnaire, answers: dict, items: dict[str, list[str]]) -> dict:
    """The profile document the answers make (incomplete when answers are missing).

    `items` maps a repeat key to its item ids in order. Answers of hidden questions are
    kept (nothing typed is lost); a hidden question without an answer takes its
    `hidden_default`. Optional sections appear only when something in them was answered.
    """
    profile: dict = {"format": "lockin-profile/1"}
    for section in questionnaire.sections:
        for question in section.questions:
            if question.key == (section.repeat.key if section.repeat else None):
                continue
            _put(profile, question.key, _profile_value(question, answers.get(question.key), visible=True))
        if section.repeat:
            _put_repeat(profile, section.repeat, answers, items.get(section.repeat.key, []))
    return profile


def _put_repeat(profile: dict, repeat: Repeat, answers: dict, item_ids: list[str]) -> None:
    gate = answers.get(repeat.key)
    if gate is False:
        # "No contracts": items typed before the answer changed are kept, not exported.
        profile[repeat.key] = []
        return
    if not item_ids or not is_visible(repeat.show_if, answers):
        return
    records = []
    for item_id in item_ids:
        prefix = f"{repeat.key}.{item_id}."
        record = {}
        for question in repeat.questions:
            visible = is_visible(question.show_if, answers, prefix)
            value = _profile_value(question, answers.get(prefix + question.key), visible)
            if value is not None:
                record[question.key] = value
        records.append(record)
    profile[repeat.key] = records


def _profile_value(question: Question, answer: Any, visible: bool) -> Any:
    if answer == NOT_APPLICABLE:
        return None
    if answer is None and not visible and question.hidden_default is not None:
        return question.hidden_default
    if answer is None:
        return question.default
    return answer


def _put(profile: dict, key: str, value: Any) -> None:
    if value is None:
        return
    *parents, name = key.split(".")
    target = profile
    for parent in parents:
        target = target.setdefault(parent, {})
    target[name] = value


def answers_from_profile(
    questionnaire: Questionnaire, profile: dict, new_id: Callable[[], str]
) -> tuple[dict, dict[str, list[str]]]:
    """(answers, items) that assemble back into exactly `profile` (a valid profile)."""
    answers: dict = {}
    items: dict[str, list[str]] = {}
    for section in questionnaire.sections:
        repeat_key = section.repeat.key if section.repeat else None
        for question in section.questions:
            if question.key == repeat_key:
                if profile.get(repeat_key) == []:
                    answers[question.key] = False
                elif profile.get(repeat_key):
                    answers[question.key] = True
                continue
            value = _get(profile, question.key)
            if value is not None:
                answers[question.key] = value
        if section.repeat:
            ids = []
            for record in profile.get(repeat_key, []):
                item_id = new_id()
                ids.append(item_id)
                for name, value in record.items():
                    answers[f"{repeat_key}.{item_id}.{name}"] = value
            items[repeat_key] = ids
    return answers, items


def _get(profile: dict, key: str) -> Any:
    value: Any = profile
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def review_problems(
    questionnaire: Questionnaire, answers: dict, errors: dict[str, str], items: dict[str, list[str]]
) -> list[Problem]:
    """What stands between these answers and a valid profile: missing and invalid answers."""
    problems = []
    for section in questionnaire.sections:
        for question in section.questions:
            problems += _question_review(section, question, question.key, answers, errors, visible=True)
        repeat = section.repeat
        if repeat is None:
            continue
        item_ids = items.get(repeat.key, [])
        if is_visible(repeat.show_if, answers) and len(item_ids) < repeat.min_items:
            problems.append(
                Problem(
                    section.slug,
                    repeat.key,
                    repeat.item_label,
                    f"Add at least {repeat.min_items} {repeat.item_label.lower()}.",
                )
            )
        for position, item_id in enumerate(item_ids, start=1):
            prefix = f"{repeat.key}.{item_id}."
            for question in repeat.questions:
                visible = is_visible(question.show_if, answers, prefix)
                found = _question_review(section, question, prefix + question.key, answers, errors, visible)
                problems += [Problem(p.section, p.key, p.label, p.message, item=position) for p in found]
    return problems


def _question_review(section, question, key, answers, errors, visible) -> list[Problem]:
    if key in errors:
        return [Problem(section.slug, key, question.label, errors[key])]
    needs_answer = visible and question.required and question.default is None
    if needs_answer and answers.get(key) is None:
        return [Problem(section.slug, key, question.label, "Not answered yet.")]
    return []
