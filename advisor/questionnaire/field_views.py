"""What a section page shows for each question: the view model behind the field templates."""

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from advisor.domain.questionnaire import Question, Section, is_visible
from advisor.questionnaire.models import Answer

RADIO_LIMIT = 5  # more choices than this render as a <select>
# What the folded row of a workload or contract shows beside its name, when the item has them.
SUMMARY_KEYS = ("ecosystem", "criticality", "monthly_spend_usd", "committed_spend_usd", "months_remaining")


@dataclass
class FieldView:
    question: Question
    key: str
    dom_id: str
    shown: Any  # what the input shows: the typed text, or a list for multiple choice
    revision: int
    error: str = ""
    not_applicable: bool = False
    na_reason: str = ""
    visible: bool = True
    show_if_json: str = ""
    prefix: str = ""
    conflict: Answer | None = None

    @property
    def widget(self) -> str:
        kind = self.question.type
        if kind == "choice":
            return "radio" if len(self.question.choices) <= RADIO_LIMIT else "select"
        if kind == "boolean":
            return "radio"
        if kind == "multiple_choice":
            return "checkbox"
        return "input"

    @property
    def inputmode(self) -> str:
        # Numbers use a text input with inputmode, so "1,200" or "$5000" are accepted and
        # explained rather than blocked by the browser.
        return {"integer": "numeric", "number": "decimal"}.get(self.question.type, "")

    def is_chosen(self, value) -> bool:
        if isinstance(self.shown, list):
            return value in self.shown
        return self.shown not in (None, "") and str(self.shown).lower() == str(value).lower()

    @cached_property
    def options(self) -> list[dict]:
        return [
            {
                "value": _form_value(value),
                "label": label,
                "chosen": self.is_chosen(_form_value(value)),
                "id": f"{self.dom_id}-{index}",
            }
            for index, (value, label) in enumerate(self.question.choices)
        ]


@dataclass
class ItemView:
    uid: str
    label: str
    fields: list[FieldView] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # its main answers, for the folded row
    problems: int = 0
    open: bool = False


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def conditions_json(conditions: tuple) -> str:
    """`show_if` for the browser, with values as the form sends them."""
    if not conditions:
        return ""
    return json.dumps({key: [_form_value(value) for value in values] for key, values in conditions})


def dom_id(key: str) -> str:
    return "q-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


def field_view(
    question: Question, key: str, answers: dict[str, Answer], values: dict, prefix: str = ""
) -> FieldView:
    answer = answers.get(key)
    return FieldView(
        question=question,
        key=key,
        dom_id=dom_id(key),
        shown=_shown(question, answer),
        revision=answer.revision if answer else 0,
        error=answer.error if answer else "",
        not_applicable=bool(answer and answer.not_applicable),
        na_reason=answer.na_reason if answer else "",
        visible=is_visible(question.show_if, values, prefix),
        show_if_json=conditions_json(question.show_if),
        prefix=prefix,
    )


def _shown(question: Question, answer: Answer | None):
    if question.type == "multiple_choice":
        raw = answer.raw if answer else None
        return list(raw) if isinstance(raw, list) else []
    if answer is None or answer.raw is None:
        return ""
    return _form_value(answer.raw) if isinstance(answer.raw, bool) else answer.raw


def section_fields(
    section: Section, answers: dict[str, Answer], values: dict, items: dict[str, list[str]]
) -> tuple[list[FieldView], list[ItemView]]:
    fields = [field_view(q, q.key, answers, values) for q in section.questions]
    item_views = []
    if section.repeat:
        repeat = section.repeat
        for position, uid in enumerate(items.get(repeat.key, []), start=1):
            prefix = f"{repeat.key}.{uid}."
            views = [field_view(q, prefix + q.key, answers, values, prefix) for q in repeat.questions]
            name = values.get(prefix + "name")
            label = f"{repeat.item_label} {position}" + (
                f": {name}" if isinstance(name, str) and name else ""
            )
            item_views.append(ItemView(uid=uid, label=label, fields=views, summary=_summary(views, values)))
    return fields, item_views


def _summary(views: list[FieldView], values: dict) -> list[str]:
    """The answers a folded item shows: choices by their label, numbers with their unit."""
    texts = []
    for view in views:
        value = values.get(view.key)
        if view.question.key not in SUMMARY_KEYS or value is None or isinstance(value, dict):
            continue
        if view.question.type in ("integer", "number"):
            shown = value * view.question.display_scale
            number = f"{shown:,.0f}" if float(shown).is_integer() else f"{shown:,.2f}"
            texts.append(f"{number} {view.question.unit}".strip())
        else:
            texts.append(dict(view.question.choices).get(value, str(value)))
    return texts
