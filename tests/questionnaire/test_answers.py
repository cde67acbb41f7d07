"""Saving answers: nothing typed is lost, and colleagues never silently overwrite each other."""

import pytest

from advisor.questionnaire import services
from advisor.questionnaire.models import Answer

pytestmark = pytest.mark.django_db


def save(assessment, key, raw, revision, **kwargs):
    return services.answer_save(assessment=assessment, key=key, raw=raw, base_revision=revision, **kwargs)


def test_a_valid_answer_is_stored_parsed(assessment, personas):
    result = save(assessment, "organization.employees", "1,200", None, user=personas.cto)
    assert result.status == "saved"
    answer = Answer.objects.get(assessment=assessment, key="organization.employees")
    assert (answer.raw, answer.value, answer.error, answer.revision) == ("1,200", 1200, "", 1)
    assert answer.updated_by == personas.cto


def test_an_invalid_answer_is_kept_as_typed_with_its_error(assessment):
    result = save(assessment, "organization.employees", "a dozen", None)
    assert result.status == "invalid"
    answer = Answer.objects.get(assessment=assessment, key="organization.employees")
    assert (answer.raw, answer.value, answer.error) == ("a dozen", None, "“a dozen” is not a number.")


def test_a_later_save_with_the_revision_seen_replaces_the_answer(assessment):
    first = save(assessment, "organization.employees", "10", None).answer
    second = save(assessment, "organization.employees", "20", first.revision)
    assert second.status == "saved"
    assert second.answer.value == 20
    assert second.answer.revision == 2


def test_saving_the_same_text_again_changes_nothing(assessment):
    first = save(assessment, "organization.employees", "10", None).answer
    again = save(assessment, "organization.employees", "10", 0)
    assert again.status == "unchanged"
    assert again.answer.revision == first.revision


def test_a_colleagues_newer_answer_is_not_overwritten(assessment, personas):
    save(assessment, "organization.employees", "10", None, user=personas.cto)
    save(assessment, "organization.employees", "15", 1, user=personas.colleague)
    stale = save(assessment, "organization.employees", "12", 1, user=personas.cto)
    assert stale.status == "conflict"
    assert stale.answer.value == 15
    assert stale.answer.updated_by == personas.colleague
    assert Answer.objects.get(assessment=assessment, key="organization.employees").value == 15


def test_two_first_answers_at_once_conflict_instead_of_overwriting(assessment, personas):
    save(assessment, "organization.industry", "retail", None, user=personas.colleague)
    late = save(assessment, "organization.industry", "energy", None, user=personas.cto)
    assert late.status == "conflict"
    assert late.answer.value == "retail"


def test_keeping_my_answer_after_a_conflict_is_explicit(assessment, personas):
    save(assessment, "organization.employees", "10", None)
    save(assessment, "organization.employees", "15", 1)
    forced = save(assessment, "organization.employees", "12", 1, force=True, user=personas.cto)
    assert forced.status == "saved"
    assert forced.answer.value == 12


def test_not_applicable_is_only_allowed_where_the_question_allows_it(assessment):
    save(
        assessment,
        "productivity_suite.code_assistant",
        "",
        None,
        not_applicable=True,
        na_reason="No developers",
    )
    answer = Answer.objects.get(assessment=assessment, key="productivity_suite.code_assistant")
    assert (answer.not_applicable, answer.na_reason, answer.error) == (True, "No developers", "")
    result = save(assessment, "organization.employees", "", None, not_applicable=True)
    assert result.answer.not_applicable is False
    assert result.answer.error == "This answer is required."


def test_an_unknown_question_is_refused(assessment):
    with pytest.raises(services.UnknownQuestion):
        save(assessment, "organization.favourite_colour", "blue", None)
    with pytest.raises(services.UnknownQuestion):
        save(assessment, "workloads.nosuchitem.name", "Bot", None)


def test_items_are_added_in_order_and_removed_with_their_answers(assessment):
    first = services.item_add(assessment=assessment, kind="workloads")
    second = services.item_add(assessment=assessment, kind="workloads")
    save(assessment, f"workloads.{first.uid}.name", "First", None)
    save(assessment, f"workloads.{second.uid}.name", "Second", None)
    assert services.assessment_state(assessment).items["workloads"] == [first.uid, second.uid]
    services.item_remove(assessment=assessment, uid=first.uid)
    state = services.assessment_state(assessment)
    assert state.items["workloads"] == [second.uid]
    assert list(state.answers) == ["organization.name", f"workloads.{second.uid}.name"]


def test_a_submitted_assessment_is_frozen(complete_assessment, personas):
    services.assessment_submit(assessment=complete_assessment, user=personas.cto)
    with pytest.raises(services.AssessmentLocked):
        save(complete_assessment, "organization.employees", "1", 1)
    with pytest.raises(services.AssessmentLocked):
        services.item_add(assessment=complete_assessment, kind="workloads")


def test_submission_freezes_a_profile_equal_to_the_one_imported(
    complete_assessment, own_bank_profile, personas
):
    submitted = services.assessment_submit(assessment=complete_assessment, user=personas.cto)
    assert submitted.is_submitted
    assert submitted.profile == own_bank_profile
    assert submitted.submitted_by == personas.cto


def test_submission_of_an_incomplete_assessment_lists_what_is_missing(assessment):
    with pytest.raises(services.NotReady) as not_ready:
        services.assessment_submit(assessment=assessment)
    keys = {problem.key for problem in not_ready.value.problems}
    assert {"organization.industry", "organization.employees", "workloads"} <= keys
    assessment.refresh_from_db()
    assert not assessment.is_submitted


def test_a_new_assessment_can_start_as_a_copy_of_the_last(complete_assessment, personas, own_bank_profile):
    services.assessment_submit(assessment=complete_assessment, user=personas.cto)
    copy = services.assessment_create(
        organization=personas.own_org, user=personas.cto, origin="copy", based_on=complete_assessment
    )
    assert not copy.is_submitted
    assert services.assessment_profile(copy) == own_bank_profile


def test_an_answer_longer_than_any_answer_may_be_is_not_stored_and_the_saved_one_stays(assessment):
    before = Answer.objects.get(assessment=assessment, key="organization.name")
    result = save(assessment, "organization.name", "x" * 2_400_000, before.revision)
    assert result.status == "too_long"
    assert "2,400,000 characters" in result.message
    assert "kept" in result.message
    after = Answer.objects.get(assessment=assessment, key="organization.name")
    assert (after.raw, after.revision) == (before.raw, before.revision)


def test_a_long_answer_within_the_hard_limit_is_kept_with_its_error(assessment):
    result = save(assessment, "organization.name", "x" * 300, 1)
    assert result.status == "invalid"
    assert result.answer.raw == "x" * 300  # nothing typed is lost below the hard limit


def test_a_huge_list_of_ticks_is_not_stored(assessment):
    item = services.item_add(assessment=assessment, kind="workloads")
    result = save(assessment, f"workloads.{item.uid}.features", ["fine_tuning"] * 5000, None)
    assert result.status == "too_long"
    assert not Answer.objects.filter(key=f"workloads.{item.uid}.features").exists()
