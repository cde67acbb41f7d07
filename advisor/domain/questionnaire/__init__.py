"""The questionnaire as data (pure Python): the catalog validator checks `questionnaire.yaml`
with `validate_questionnaire`, and the web app turns answers into a profile with
`assemble_profile` and a profile back into answers with `answers_from_profile`."""

from advisor.domain.questionnaire.answers import display_value, is_visible, parse_answer
from advisor.domain.questionnaire.assembly import answers_from_profile, assemble_profile, review_problems
from advisor.domain.questionnaire.definition import (
    NOT_APPLICABLE,
    RAW_ANSWER_MAX_CHARS,
    Problem,
    Question,
    Questionnaire,
    Repeat,
    Section,
    canonical_questionnaire,
    questionnaire_from_document,
)
from advisor.domain.questionnaire.validation import validate_questionnaire

__all__ = [
    "NOT_APPLICABLE",
    "RAW_ANSWER_MAX_CHARS",
    "Problem",
    "Question",
    "Questionnaire",
    "Repeat",
    "Section",
    "answers_from_profile",
    "assemble_profile",
    "canonical_questionnaire",
    "display_value",
    "is_visible",
    "parse_answer",
    "questionnaire_from_document",
    "review_problems",
    "validate_questionnaire",
]
