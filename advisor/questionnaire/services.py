"""Writes for assessments: create, answer, confirm sections, add and remove items, submit, invite
(profiles in and out are in profiles.py)."""

import secrets
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from advisor.accounts.models import Organization
from advisor.catalog.models import CatalogVersion
from advisor.catalog.selectors import profile_rules
from advisor.domain import questionnaire as definition
from advisor.domain.profile import ProfileError, parse_profile, upgrade_profile_document
from advisor.domain.questionnaire import NOT_APPLICABLE, Problem, Questionnaire
from advisor.questionnaire.models import Answer, Assessment, Invitation, RepeatItem, SectionConfirmation
from advisor.questionnaire.signals import assessment_submitted


class AssessmentLocked(Exception):
    """The assessment was submitted; its answers are frozen."""


class UnknownQuestion(Exception):
    pass


class EditConflict(Exception):
    """What the edit was based on changed in the meantime (a colleague's edit landed first)."""


class NotReady(Exception):
    """The assessment cannot be submitted yet; `problems` says what is missing or invalid."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} answer(s) missing or invalid")


# ---------------------------------------------------------------------------------------------
# The questionnaire of a catalog version


@lru_cache(maxsize=16)
def _questionnaire_for(version_pk: int) -> Questionnaire:
    # Published catalog versions never change, so their questionnaire is built once per process.
    version = CatalogVersion.objects.get(pk=version_pk)
    ecosystems = [(e.slug, e.name) for e in version.ecosystems.all()]
    models = [m.slug for m in version.foundationmodels.all()]
    return definition.questionnaire_from_document(version.questionnaire, ecosystems=ecosystems, models=models)


def questionnaire_for(version: CatalogVersion) -> Questionnaire:
    if not version.is_published:
        _questionnaire_for.cache_clear()  # drafts change; never serve a stale one
    return _questionnaire_for(version.pk)


# ---------------------------------------------------------------------------------------------
# Reading an assessment's answers


@dataclass(frozen=True)
class AssessmentState:
    questionnaire: Questionnaire
    answers: dict[str, Answer]
    items: dict[str, list[str]]

    @cached_property
    def values(self) -> dict:
        """Answer key -> value the profile uses (NOT_APPLICABLE for n/a, None when invalid)."""
        return {key: NOT_APPLICABLE if a.not_applicable else a.value for key, a in self.answers.items()}

    @cached_property
    def errors(self) -> dict[str, str]:
        return {key: a.error for key, a in self.answers.items() if a.error}


def assessment_state(assessment: Assessment) -> AssessmentState:
    answers = {a.key: a for a in assessment.answers.all()}
    items: dict[str, list[str]] = {}
    for kind, uid in assessment.items.order_by("kind", "position", "pk").values_list("kind", "uid"):
        items.setdefault(kind, []).append(uid)
    return AssessmentState(questionnaire_for(assessment.catalog_version), answers, items)


def assessment_profile(assessment: Assessment, state: AssessmentState | None = None) -> dict:
    """The profile: frozen at submission (one frozen in format 1 given in format 2), else
    assembled from the answers so far."""
    if assessment.is_submitted and assessment.profile is not None:
        return upgrade_profile_document(assessment.profile)
    state = state or assessment_state(assessment)
    return definition.assemble_profile(state.questionnaire, state.values, state.items)


def assessment_problems(assessment: Assessment, state: AssessmentState | None = None) -> list[Problem]:
    state = state or assessment_state(assessment)
    return definition.review_problems(state.questionnaire, state.values, state.errors, state.items)


# ---------------------------------------------------------------------------------------------
# Answering


@dataclass(frozen=True)
class SaveResult:
    status: str  # "saved", "invalid" (saved, with an error), "unchanged", "conflict" or "too_long"
    answer: Answer | None
    message: str = ""


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    key: str,
    raw,
    base_revision: int | None,
    user=None,
    invitation=None,
    not_applicable: bool = False,
    na_reason: str = "",
    force: bool = False,
) -> SaveResult:
    """Store one answer as given; never overwrite a colleague's newer answer unless `force`.

    `base_revision` is the revision the person saw (None: they saw no answer). Invalid
    input is stored too, with its error, so nothing typed is ever lost.
    """
    _check_draft(assessment)
    question = _question_for_key(assessment, key)
    size = _raw_size(raw)
    if size > definition.RAW_ANSWER_MAX_CHARS:
        # Unlike an invalid answer, this is not stored: kept, it would be rendered on every page.
        current = Answer.objects.filter(assessment=assessment, key=key).first()
        return SaveResult("too_long", current, _too_long_message(size, kept=current is not None))
    if not_applicable and not question.allow_na:
        not_applicable = False
    value, error = (None, "") if not_applicable else definition.parse_answer(question, raw)
    fields = {
        "raw": raw,
        "value": value,
        "error": error,
        "not_applicable": not_applicable,
        "na_reason": na_reason.strip()[:500] if not_applicable else "",
        "updated_by": user,
        "updated_by_invitation": invitation,
        "from_template": False,
    }
    status = "invalid" if error else "saved"
    current = Answer.objects.select_for_update().filter(assessment=assessment, key=key).first()
    if current is None:
        if base_revision not in (None, 0) and not force:
            return SaveResult("conflict", None)  # it was there when they looked; someone removed it
        try:
            with transaction.atomic():
                created = Answer.objects.create(assessment=assessment, key=key, **fields)
            _unconfirm(assessment, key)
            return SaveResult(status, created)
        except IntegrityError:  # a colleague's first answer landed a moment earlier
            current = Answer.objects.get(assessment=assessment, key=key)
            return SaveResult("conflict", current)
    same = (
        current.raw == raw
        and current.not_applicable == not_applicable
        and current.na_reason == fields["na_reason"]
    )
    if same:
        return SaveResult("unchanged", current)
    if current.revision != base_revision and not force:
        return SaveResult("conflict", current)
    # A sort of optimistic lock: update only the revision we read, then check the row count.
    updated = Answer.objects.filter(pk=current.pk, revision=current.revision).update(
        revision=F("revision") + 1, **fields
    )
    if not updated:
        current.refresh_from_db()
        return SaveResult("conflict", current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.revision += 1
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    _unconfirm(assessment, key)
    return SaveResult(status, current)


def _raw_size(raw) -> int:
    """Characters in what was typed or ticked (a list counts each tick and its text)."""
    if isinstance(raw, list | tuple):
        return sum(len(str(item)) + 1 for item in raw)
    return len(str(raw)) if raw is not None else 0


def _too_long_message(size: int, kept: bool) -> str:
    limit = definition.RAW_ANSWER_MAX_CHARS
    kept_text = "The answer saved before is kept." if kept else "Nothing was saved."
    return (
        f"Not saved: this answer has {size:,} characters, more than the {limit:,} any answer "
        f"may have. {kept_text}"
    )


def _question_for_key(assessment: Assessment, key: str) -> definition.Question:
    found = questionnaire_for(assessment.catalog_version).question_for(key)
    if found is None:
        raise UnknownQuestion(key)
    _section, question, repeat = found
    if repeat is not None:
        uid = key.split(".")[1]
        if not RepeatItem.objects.filter(assessment=assessment, kind=repeat.key, uid=uid).exists():
            raise UnknownQuestion(key)
    return question


@transaction.atomic
def item_add(*, assessment: Assessment, kind: str) -> RepeatItem:
    _check_draft(assessment)
    repeat = next((r for r in questionnaire_for(assessment.catalog_version).repeats() if r.key == kind), None)
    if repeat is None:
        raise UnknownQuestion(kind)
    items = RepeatItem.objects.select_for_update().filter(assessment=assessment, kind=kind)
    if items.count() >= repeat.max_items:
        raise ValueError(f"At most {repeat.max_items} {repeat.item_label.lower()}s.")
    position = (items.aggregate(last=Max("position"))["last"] or 0) + 1
    _unconfirm(assessment, kind)
    return RepeatItem.objects.create(assessment=assessment, kind=kind, uid=_new_uid(), position=position)


@transaction.atomic
def item_remove(*, assessment: Assessment, uid: str) -> None:
    _check_draft(assessment)
    item = RepeatItem.objects.filter(assessment=assessment, uid=uid).first()
    if item is None:
        return
    Answer.objects.filter(assessment=assessment, key__startswith=f"{item.kind}.{uid}.").delete()
    item.delete()
    _unconfirm(assessment, item.kind)


# ---------------------------------------------------------------------------------------------
# Confirming sections


def section_confirm(
    *, assessment: Assessment, section: str, user=None, invitation=None
) -> SectionConfirmation:
    """Record that someone checked a section's answers (even as "none applies")."""
    _check_draft(assessment)
    confirmation, _ = SectionConfirmation.objects.update_or_create(
        assessment=assessment,
        section=section,
        defaults={"confirmed_by": user, "confirmed_by_invitation": invitation},
    )
    return confirmation


def sections_confirm_all(*, assessment: Assessment, user=None, invitation=None) -> None:
    """Confirm every section at once: a client of the API states the whole profile it sends."""
    for section in questionnaire_for(assessment.catalog_version).sections:
        section_confirm(assessment=assessment, section=section.slug, user=user, invitation=invitation)


def assessment_unconfirmed(
    assessment: Assessment, state: AssessmentState | None = None
) -> list[definition.Section]:
    """The sections nobody confirmed since their answers last changed, in questionnaire order."""
    questionnaire = state.questionnaire if state else questionnaire_for(assessment.catalog_version)
    confirmed = set(assessment.confirmations.values_list("section", flat=True))
    return [section for section in questionnaire.sections if section.slug not in confirmed]


def assessment_confirmations(assessment: Assessment) -> dict[str, SectionConfirmation]:
    confirmations = assessment.confirmations.select_related("confirmed_by", "confirmed_by_invitation")
    return {confirmation.section: confirmation for confirmation in confirmations}


def _unconfirm(assessment: Assessment, key: str) -> None:
    # An answer changed after its section was confirmed: the section must be looked at again.
    section = questionnaire_for(assessment.catalog_version).section_for(key)
    SectionConfirmation.objects.filter(assessment=assessment, section=section).delete()


def _confirmation_problems(sections: list[definition.Section]) -> list[Problem]:
    message = "Not confirmed yet: open it, check its answers (even if none applies) and confirm it."
    return [Problem(section.slug, f"section:{section.slug}", section.title, message) for section in sections]


def _check_draft(assessment: Assessment) -> None:
    if Assessment.objects.filter(pk=assessment.pk, status=Assessment.Status.SUBMITTED).exists():
        raise AssessmentLocked()


def _new_uid() -> str:
    return secrets.token_hex(4)


# ---------------------------------------------------------------------------------------------
# Creating assessments: blank, copy, template, import


@transaction.atomic
def assessment_create(
    *,
    organization: Organization,
    user,
    origin: str = Assessment.Origin.BLANK,
    based_on: Assessment | None = None,
    profile: dict | None = None,
    title: str = "",
) -> Assessment:
    version = CatalogVersion.objects.require_active()
    assessment = Assessment.objects.create(
        organization=organization,
        title=title or distinct_title(organization, _default_title(organization)),
        catalog_version=version,
        origin=origin,
        based_on=based_on,
        created_by=user,
    )
    if based_on is not None:
        _copy_answers(based_on, assessment)
    elif profile is not None:
        _write_profile(assessment, profile, user, from_template=origin == Assessment.Origin.TEMPLATE)
    if origin == Assessment.Origin.TEMPLATE or (based_on is None and profile is None):
        # A blank assessment starts with the organization's name; a template describes a typical
        # organization, and its name is replaced by this one's own.
        answer_save(
            assessment=assessment,
            key="organization.name",
            raw=organization.name,
            base_revision=None,
            user=user,
            force=True,
        )
    return assessment


def _default_title(organization: Organization) -> str:
    today = timezone.localdate()
    return f"{organization.name} – Q{(today.month - 1) // 3 + 1} {today.year}"


def distinct_title(organization: Organization, base: str) -> str:
    """`base`, or `base (2)`, `(3)`…: the first that none of the organization's assessments has,
    so a list of quarterly re-assessments never shows the same title twice."""
    base = base[:190]
    taken = set(organization.assessments.filter(title__startswith=base).values_list("title", flat=True))
    title, number = base, 1
    while title in taken:
        number += 1
        title = f"{base} ({number})"
    return title


def _copy_answers(source: Assessment, target: Assessment) -> None:
    RepeatItem.objects.bulk_create(
        RepeatItem(assessment=target, kind=i.kind, uid=i.uid, position=i.position) for i in source.items.all()
    )
    Answer.objects.bulk_create(
        Answer(
            assessment=target,
            key=a.key,
            raw=a.raw,
            value=a.value,
            error=a.error,
            not_applicable=a.not_applicable,
            na_reason=a.na_reason,
        )
        for a in source.answers.all()
    )


def _write_profile(assessment: Assessment, profile: dict, user, from_template: bool = False) -> None:
    questionnaire = questionnaire_for(assessment.catalog_version)
    values, items = definition.answers_from_profile(questionnaire, profile, _new_uid)
    RepeatItem.objects.bulk_create(
        RepeatItem(assessment=assessment, kind=kind, uid=uid, position=position)
        for kind, uids in items.items()
        for position, uid in enumerate(uids, start=1)
    )
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            key=key,
            raw=_raw_for(questionnaire, key, value),
            value=value,
            updated_by=user,
            from_template=from_template,
        )
        for key, value in values.items()
    )


def _raw_for(questionnaire: Questionnaire, key: str, value):
    """What a person would have typed to give `value` (the form shows `raw`)."""
    found = questionnaire.question_for(key)
    if found is None or found[1].type == "multiple_choice":
        return value
    return definition.display_value(found[1], value)


def assessment_rename(*, assessment: Assessment, title: str, base_title: str) -> Assessment:
    """Give a draft a new title, unless its title is no longer `base_title` (EditConflict).

    A submitted assessment keeps its title, as it keeps its answers: what was printed from it
    must still match.
    """
    _check_draft(assessment)
    # A sort of optimistic lock, as in answer_save: update only the title that was read.
    updated = Assessment.objects.filter(
        pk=assessment.pk, title=base_title, status=Assessment.Status.DRAFT
    ).update(title=title.strip()[:200], updated_at=timezone.now())
    if not updated:
        raise EditConflict()
    assessment.refresh_from_db(fields=["title", "updated_at"])
    return assessment


def assessment_retitle(*, assessment: Assessment, title: str) -> Assessment:
    """Rename any assessment, submitted or not, from the client page: the title is a label, and
    reports made before keep the title they were rendered with (assessment_rename, for drafts,
    guards against a colleague's concurrent rename instead)."""
    assessment.title = title.strip()[:200]
    assessment.save(update_fields=["title", "updated_at"])
    return assessment


def assessment_archive(*, assessment: Assessment, archived: bool) -> Assessment:
    """Hide the assessment from the client's lists (archived) or bring it back; nothing is deleted."""
    assessment.archived_at = timezone.now() if archived else None
    assessment.save(update_fields=["archived_at", "updated_at"])
    return assessment


# ---------------------------------------------------------------------------------------------
# Submitting


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user=None) -> Assessment:
    """Freeze the answers as a valid profile, or raise NotReady with what is missing."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_submitted:
        raise AssessmentLocked()
    state = assessment_state(assessment)
    problems = assessment_problems(assessment, state)
    problems += _confirmation_problems(assessment_unconfirmed(assessment, state))
    if problems:
        raise NotReady(problems)
    profile = definition.assemble_profile(state.questionnaire, state.values, state.items)
    try:
        parse_profile(profile, profile_rules(assessment.catalog_version))
    except ProfileError as error:
        raise NotReady([Problem("review", path, path, message) for path, message in error.errors]) from None
    assessment.profile = profile
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    assessment.save()
    assessment_submitted.send(sender=Assessment, assessment=assessment)
    return assessment


# ---------------------------------------------------------------------------------------------
# Invitations


def invitation_create(
    *, assessment: Assessment, email: str, user, results_visible: bool = False
) -> Invitation:
    _check_draft(assessment)
    return Invitation.objects.create(
        assessment=assessment, email=email.strip().lower(), created_by=user, results_visible=results_visible
    )


def invitation_show_results(*, invitation: Invitation, visible: bool) -> None:
    """Let the invitee see the results (and reports) of the assessment, or stop letting them."""
    Invitation.objects.filter(pk=invitation.pk).update(results_visible=visible)
    invitation.results_visible = visible


def invitation_revoke(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def invitation_use(*, token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("assessment").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return None
    Invitation.objects.filter(pk=invitation.pk).update(last_used_at=timezone.now())
    return invitation
