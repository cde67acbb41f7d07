"""The questionnaire as data: sections, questions and conditions, built from the catalog's part.

Answers are a flat dict keyed by profile path: `organization.name`, `practices.llm_gateway`,
and for an item of a repeat `workloads.<uid>.deployment`. A not-applicable answer is stored as
NOT_APPLICABLE and leaves its field out of the profile (only optional fields allow it).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

QUESTION_TYPES = ("text", "choice", "multiple_choice", "integer", "number", "boolean")
CHOICE_SOURCES = ("ecosystems",)
SUGGESTION_SOURCES = ("models",)
NOT_APPLICABLE = {"not_applicable": True}
# The most characters an answer may hold, whatever its question: text over a question's
# max_length is stored with its error (nothing typed is lost), but text over this is not stored
# at all, so a pasted megabyte never reaches the database or every page that shows the answer.
RAW_ANSWER_MAX_CHARS = 1000
# The keys of each mapping, in the order the canonical file writes them.
QUESTION_KEYS = (
    "key", "type", "label", "help", "required", "allow_na", "choices", "choices_from", "suggestions_from",
    "min", "max", "max_length", "unit", "display_scale", "show_if", "hidden_default", "default",
)  # fmt: skip
REPEAT_KEYS = ("key", "item_label", "min_items", "max_items", "show_if", "questions")
SECTION_KEYS = ("slug", "title", "intro", "questions", "repeat")


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
    show_if: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    hidden_default: Any = None
    default: Any = None

    @property
    def choice_values(self) -> tuple[Any, ...]:
        return tuple(value for value, _ in self.choices)


@dataclass(frozen=True)
class Repeat:
    key: str
    item_label: str
    min_items: int
    max_items: int
    questions: tuple[Question, ...]
    show_if: tuple[tuple[str, tuple[Any, ...]], ...] = ()


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


def questionnaire_from_document(
    part: dict[str, Any], *, ecosystems: Iterable[tuple[str, str]] = (), models: Iterable[str] = ()
) -> Questionnaire:
    """The questionnaire of a (valid) catalog part, with catalog choices filled in."""
    sources = {"ecosystems": tuple(ecosystems), "models": tuple(models)}
    sections = tuple(_section(raw, sources) for raw in part["sections"])
    return Questionnaire(sections=sections)


def _section(raw: dict[str, Any], sources: dict[str, tuple[Any, ...]]) -> Section:
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


def _question(raw: dict[str, Any], sources: dict[str, tuple[Any, ...]]) -> Question:
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


def _conditions(raw: dict[str, Any] | None) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    return tuple((key, tuple(values)) for key, values in (raw or {}).items())


def canonical_questionnaire(part: Any) -> Any:
    """The part with every mapping's keys in canonical order, whatever order it was stored in
    (PostgreSQL's jsonb, for one, does not keep key order)."""
    if not isinstance(part, dict) or not isinstance(part.get("sections"), list):
        return part
    return {**part, "sections": [_ordered(section, SECTION_KEYS) for section in part["sections"]]}


def _ordered(mapping: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    ordered = {key: mapping[key] for key in keys if key in mapping}
    ordered |= {key: mapping[key] for key in sorted(mapping, key=str) if key not in ordered}
    for name, value in ordered.items():
        if name == "questions" and isinstance(value, list):
            ordered[name] = [_ordered(question, QUESTION_KEYS) for question in value]
        elif name == "repeat":
            ordered[name] = _ordered(value, REPEAT_KEYS)
        elif name == "show_if" and isinstance(value, dict):
            ordered[name] = {key: value[key] for key in sorted(value, key=str)}
    return ordered
