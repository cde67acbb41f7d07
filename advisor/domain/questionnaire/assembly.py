"""Answers <-> profile: the profile the answers make, the answers a profile gives, and what is
missing before the answers make a valid profile."""

from collections.abc import Callable
from typing import Any

from advisor.domain.profile import FORMAT, FORMAT_1, upgrade_profile_document
from advisor.domain.questionnaire.answers import is_visible
from advisor.domain.questionnaire.definition import (
    NOT_APPLICABLE,
    Problem,
    Question,
    Questionnaire,
    Repeat,
    Section,
)


def assemble_profile(
    questionnaire: Questionnaire, answers: dict[str, Any], items: dict[str, list[str]]
) -> dict[str, Any]:
    """The profile document the answers make (incomplete when answers are missing).

    `items` maps a repeat key to its item ids in order. Answers of hidden questions are
    kept (nothing typed is lost); a hidden question without an answer takes its
    `hidden_default`. Optional sections appear only when something in them was answered.
    """
    profile: dict[str, Any] = {"format": profile_format(questionnaire)}
    for section in questionnaire.sections:
        for question in section.questions:
            if question.key == (section.repeat.key if section.repeat else None):
                continue
            _put(profile, question.key, _profile_value(question, answers.get(question.key), visible=True))
        if section.repeat:
            _put_repeat(profile, section.repeat, answers, items.get(section.repeat.key, []))
    return profile


def profile_format(questionnaire: Questionnaire) -> str:
    """The profile format the questionnaire's answers make: format 2 needs each workload's
    platform, which the questionnaires of catalogs published before it do not ask (a draft begun
    on one of those still makes a valid format 1 profile)."""
    workloads = next((repeat for repeat in questionnaire.repeats() if repeat.key == "workloads"), None)
    asks_platform = workloads is not None and any(q.key == "platform" for q in workloads.questions)
    return FORMAT if asks_platform else FORMAT_1


def _put_repeat(
    profile: dict[str, Any], repeat: Repeat, answers: dict[str, Any], item_ids: list[str]
) -> None:
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


def _put(profile: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        return
    *parents, name = key.split(".")
    target = profile
    for parent in parents:
        target = target.setdefault(parent, {})
    target[name] = value


def answers_from_profile(
    questionnaire: Questionnaire, profile: dict[str, Any], new_id: Callable[[], str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(answers, items) that assemble back into exactly `profile` (a valid profile), converted to
    format 2 when the questionnaire asks format 2's questions."""
    if profile_format(questionnaire) == FORMAT:
        profile = upgrade_profile_document(profile)
    answers: dict[str, Any] = {}
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
            for record in profile.get(section.repeat.key, []):
                item_id = new_id()
                ids.append(item_id)
                for name, value in record.items():
                    answers[f"{section.repeat.key}.{item_id}.{name}"] = value
            items[section.repeat.key] = ids
    return answers, items


def _get(profile: dict[str, Any], key: str) -> Any:
    value: Any = profile
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def review_problems(
    questionnaire: Questionnaire, answers: dict[str, Any], errors: dict[str, str], items: dict[str, list[str]]
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


def _question_review(
    section: Section,
    question: Question,
    key: str,
    answers: dict[str, Any],
    errors: dict[str, str],
    visible: bool,
) -> list[Problem]:
    if key in errors:
        return [Problem(section.slug, key, question.label, errors[key])]
    needs_answer = visible and question.required and question.default is None
    if needs_answer and answers.get(key) is None:
        return [Problem(section.slug, key, question.label, "Not answered yet.")]
    return []
