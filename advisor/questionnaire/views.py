import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from advisor.accounts import services as accounts_services
from advisor.accounts.forms import MemberForm
from advisor.accounts.limits import PEOPLE_ADDED_PER_USER
from advisor.accounts.selectors import (
    organization_can_manage,
    organization_get_visible,
    organization_open_invitations,
)
from advisor.core.ratelimit import rate_limited, signed_in_user
from advisor.domain.questionnaire import is_visible
from advisor.questionnaire import emails, services
from advisor.questionnaire.decorators import SESSION_INVITATIONS, actor, with_access
from advisor.questionnaire.field_views import conditions_json as _conditions_json
from advisor.questionnaire.field_views import dom_id, section_fields
from advisor.questionnaire.models import INVITATION_VALID_DAYS, Assessment
from advisor.questionnaire.selectors import AssessmentAccess


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# ---------------------------------------------------------------------------------------------
# The organization's page: assessments, import, new, people


@login_required
def organization_home(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    assessments = organization.assessments.select_related("created_by").order_by("-created_at")
    can_manage = organization_can_manage(user=request.user, organization=organization)
    return render(
        request,
        "questionnaire/organization.html",
        {
            "organization": organization,
            "assessments": assessments,
            "latest": assessments.first(),
            "templates": services.profile_templates(),
            "can_manage": can_manage,
            "members": organization.memberships.select_related("user").order_by("user__username"),
            "invited": organization_open_invitations(organization=organization) if can_manage else [],
            "member_form": MemberForm(),
        },
    )


@login_required
@require_POST
@rate_limited(PEOPLE_ADDED_PER_USER, by=signed_in_user)
def organization_add_member(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    if not organization_can_manage(user=request.user, organization=organization):
        messages.error(request, "Only an organization admin or its consultants can add members.")
        return redirect("questionnaire:organization", slug=organization.slug)
    form = MemberForm(request.POST)
    if form.is_valid():
        added = accounts_services.organization_add_member(
            organization=organization, invited_by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, added.summary)
    else:
        messages.error(request, "Enter a valid email address and role.")
    return redirect("questionnaire:organization", slug=organization.slug)


@login_required
@require_POST
def assessment_new(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    origin = request.POST.get("origin", "blank")
    if origin == "copy":
        based_on = get_object_or_404(organization.assessments, pk=request.POST.get("based_on"))
        assessment = services.assessment_create(
            organization=organization, user=request.user, origin=Assessment.Origin.COPY, based_on=based_on
        )
        messages.success(
            request, f"Started from a copy of “{based_on.title}”. Update what changed, then submit."
        )
    elif origin == "template":
        try:
            profile = services.profile_template(request.POST.get("template", ""))
        except FileNotFoundError:
            messages.error(request, "Choose one of the template profiles.")
            return redirect("questionnaire:organization", slug=slug)
        assessment = services.assessment_create(
            organization=organization, user=request.user, origin=Assessment.Origin.TEMPLATE, profile=profile
        )
        messages.success(request, "Started from a template. Replace its answers with yours.")
    else:
        assessment = services.assessment_create(organization=organization, user=request.user)
    return redirect("questionnaire:assessment", pk=assessment.pk)


@login_required
@require_POST
def assessment_import(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    upload = request.FILES.get("profile")
    if upload is None:
        messages.error(request, "Choose a profile JSON file to import.")
        return redirect("questionnaire:organization", slug=slug)
    if (upload.size or 0) > 2_000_000:
        messages.error(request, "The file is larger than 2 MB; a profile is a few kilobytes.")
        return redirect("questionnaire:organization", slug=slug)
    try:
        assessment = services.profile_import(organization=organization, user=request.user, data=upload.read())
    except services.ProfileInvalid as invalid:
        return render(
            request,
            "questionnaire/import_errors.html",
            {
                "organization": organization,
                "file_name": upload.name,
                "errors": invalid.errors,
            },
            status=400,
        )
    messages.success(request, f"Imported {upload.name}: review the answers, then submit.")
    return redirect("questionnaire:assessment_review", pk=assessment.pk)


# ---------------------------------------------------------------------------------------------
# Filling in


@with_access
def assessment_start(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    if assessment.is_submitted:
        return redirect("scoring:results", pk=assessment.pk)  # invitees land on the review
    first = services.questionnaire_for(assessment.catalog_version).sections[0]
    return redirect("questionnaire:assessment_section", pk=assessment.pk, section=first.slug)


def _progress(state, problems, current: str) -> list[dict]:
    """Per section: open problems, and whether anything in it was answered yet."""
    open_by_section: dict[str, int] = {}
    for problem in problems:
        open_by_section[problem.section] = open_by_section.get(problem.section, 0) + 1
    answered = {state.questionnaire.section_for(key) for key in state.answers}
    return [
        {
            "slug": s.slug,
            "title": s.title,
            "current": s.slug == current,
            "open": open_by_section.get(s.slug, 0),
            "started": s.slug in answered,
        }
        for s in state.questionnaire.sections
    ]


@with_access
def assessment_section(request: HttpRequest, access: AssessmentAccess, section: str) -> HttpResponse:
    assessment = access.assessment
    state = services.assessment_state(assessment)
    current = state.questionnaire.section(section)
    if current is None:
        raise Http404("No such section.")
    conflicts: dict = {}
    typed: dict = {}
    if request.method == "POST":
        if assessment.is_submitted:
            messages.error(request, "This assessment was submitted; its answers can no longer change.")
            return redirect("questionnaire:assessment_review", pk=assessment.pk)
        conflicts, typed = _save_section(request, access, state, current)
        if not conflicts:
            return redirect(_after_section(request, assessment, state, current))
        state = services.assessment_state(assessment)
    return _render_section(request, access, state, current, conflicts, typed)


def _save_section(request, access: AssessmentAccess, state, section) -> tuple[dict, dict]:
    """Save every answer of a posted section form that changed; report conflicts."""
    conflicts, typed = {}, {}
    fields, items = section_fields(section, state.answers, state.values, state.items)
    for view in fields + [f for item in items for f in item.fields]:
        raw = _posted_raw(request, view.question, view.key)
        not_applicable = request.POST.get(f"na:{view.key}") == "on"
        current = state.answers.get(view.key)
        unchanged = (current.raw if current else None) == raw or (current is None and raw in ("", []))
        if unchanged and bool(current and current.not_applicable) == not_applicable:
            continue
        result = services.answer_save(
            assessment=access.assessment,
            key=view.key,
            raw=raw,
            base_revision=_int(request.POST.get(f"rev:{view.key}")),
            not_applicable=not_applicable,
            na_reason=request.POST.get(f"na_reason:{view.key}", ""),
            **actor(access),
        )
        if result.status == "conflict":
            conflicts[view.key] = result.answer
            typed[view.key] = raw
    return conflicts, typed


def _posted_raw(request, question, key):
    if question.type == "multiple_choice":
        return request.POST.getlist(key)
    return request.POST.get(key, "")


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _after_section(request, assessment, state, section) -> str:
    """Where to go once the section's answers are saved: a new or removed item, the next step."""
    here = reverse("questionnaire:assessment_section", args=[assessment.pk, section.slug])
    if section.repeat and request.POST.get("add_item") == section.repeat.key:
        try:
            item = services.item_add(assessment=assessment, kind=section.repeat.key)
        except ValueError as error:
            messages.error(request, str(error))
            return here
        return f"{here}#item-{item.uid}"
    if request.POST.get("remove_item"):
        services.item_remove(assessment=assessment, uid=request.POST["remove_item"])
        messages.success(request, f"{section.repeat.item_label} removed.")
        return here
    slugs = [s.slug for s in state.questionnaire.sections]
    if "next" in request.POST and section.slug != slugs[-1]:
        return reverse(
            "questionnaire:assessment_section", args=[assessment.pk, slugs[slugs.index(section.slug) + 1]]
        )
    if "next" in request.POST:
        return reverse("questionnaire:assessment_review", args=[assessment.pk])
    return here


def _render_section(request, access, state, section, conflicts=None, typed=None) -> HttpResponse:
    assessment = access.assessment
    fields, items = section_fields(section, state.answers, state.values, state.items)
    for view in fields + [f for item in items for f in item.fields]:
        if view.key in (conflicts or {}):
            view.conflict = conflicts[view.key]
            view.shown = typed[view.key]
            # Posting again with their revision is how the person keeps their own answer.
            view.revision = view.conflict.revision if view.conflict else 0
    problems = services.assessment_problems(assessment, state)
    slugs = [s.slug for s in state.questionnaire.sections]
    index = slugs.index(section.slug)
    return render(
        request,
        "questionnaire/section.html",
        {
            "assessment": assessment,
            "access": access,
            "section": section,
            "save_url": reverse("questionnaire:answer_save", args=[assessment.pk]),
            "fields": fields,
            "items": items,
            "progress": _progress(state, problems, section.slug),
            "previous": slugs[index - 1] if index else None,
            "is_last": index == len(slugs) - 1,
            "locked": assessment.is_submitted,
            "suggestions": [
                q.suggestions for q in (section.repeat.questions if section.repeat else ()) if q.suggestions
            ],
            "repeat_visible": not section.repeat or is_visible(section.repeat.show_if, state.values),
            "repeat_show_if_json": _conditions_json(section.repeat.show_if) if section.repeat else "",
        },
        status=409 if conflicts else 200,
    )


@with_access
@require_POST
def answer_save(request: HtmxHttpRequest, access: AssessmentAccess) -> HttpResponse:
    """Autosave of one answer (htmx): returns the field's save state, never the input itself."""
    key = request.POST.get("key", "")
    state_question = services.questionnaire_for(access.assessment.catalog_version).question_for(key)
    if state_question is None:
        return HttpResponseBadRequest(f"Unknown question “{key}”.")
    question = state_question[1]
    try:
        result = services.answer_save(
            assessment=access.assessment,
            key=key,
            raw=_posted_raw(request, question, key),
            base_revision=_int(request.POST.get(f"rev:{key}")),
            not_applicable=request.POST.get(f"na:{key}") == "on",
            na_reason=request.POST.get(f"na_reason:{key}", ""),
            force=request.POST.get("force") == "1",
            **actor(access),
        )
    except services.AssessmentLocked:
        return HttpResponse("This assessment was submitted; answers can no longer change.", status=409)
    except services.UnknownQuestion:
        return HttpResponseBadRequest("This item was removed; reload the page.")
    if not request.htmx:
        return redirect(
            request.META.get("HTTP_REFERER")
            or reverse("questionnaire:assessment", args=[access.assessment.pk])
        )
    answer = result.answer
    return render(
        request,
        "questionnaire/_save_state.html",
        {
            "status": result.status,
            "answer": answer,
            "key": key,
            "dom_id": dom_id(key),
            "revision": answer.revision if answer else 0,
            "assessment": access.assessment,
        },
    )


# ---------------------------------------------------------------------------------------------
# Review, submit, export


@with_access
def assessment_review(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    state = services.assessment_state(assessment)
    problems = [] if assessment.is_submitted else services.assessment_problems(assessment, state)
    return render(
        request,
        "questionnaire/review.html",
        {
            "assessment": assessment,
            "access": access,
            "problems": [_linked(assessment, p) for p in problems],
            "progress": _progress(state, problems, "review"),
            "answered": len(state.answers),
            "invitation_valid_days": INVITATION_VALID_DAYS,
            "profile_json": json.dumps(
                services.assessment_profile(assessment, state), indent=2, ensure_ascii=False
            ),
        },
    )


def _linked(assessment: Assessment, problem) -> dict:
    return {
        "problem": problem,
        "url": reverse("questionnaire:assessment_section", args=[assessment.pk, problem.section])
        + f"#{dom_id(problem.key)}",
    }


@with_access
@require_POST
def assessment_submit(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    try:
        services.assessment_submit(assessment=assessment, user=access.user)
    except services.AssessmentLocked:
        messages.info(request, "This assessment was already submitted.")
    except services.NotReady as not_ready:
        messages.error(
            request, f"{len(not_ready.problems)} answer(s) still missing or invalid: see the list below."
        )
        return redirect("questionnaire:assessment_review", pk=assessment.pk)
    else:
        messages.success(request, "Submitted. The answers are frozen; start a new assessment to re-assess.")
    if access.is_invitee:
        return redirect("questionnaire:assessment_review", pk=assessment.pk)
    return redirect("scoring:results", pk=assessment.pk)


@with_access
def assessment_export(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    profile = services.assessment_profile(assessment)
    name = slugify(assessment.title) or f"assessment-{assessment.pk}"
    suffix = "" if assessment.is_submitted else "-draft"
    response = JsonResponse(profile, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.json"'
    return response


# ---------------------------------------------------------------------------------------------
# Invitations


@with_access
@require_POST
@rate_limited(PEOPLE_ADDED_PER_USER, by=signed_in_user)
def invitation_create(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    if not access.can_manage:
        raise Http404()
    email = request.POST.get("email", "").strip()
    if "@" not in email:
        messages.error(request, "Enter the email address of the person to invite.")
        return redirect("questionnaire:assessment_review", pk=assessment.pk)
    invitation = services.invitation_create(assessment=assessment, email=email, user=request.user)
    link = request.build_absolute_uri(reverse("questionnaire:invitation_open", args=[invitation.token]))
    emails.send_invitation(invitation=invitation, inviter=request.user, link=link)
    messages.success(request, f"Invitation sent to {invitation.email}. Link: {link}")
    return redirect("questionnaire:assessment_review", pk=assessment.pk)


@with_access
@require_POST
def invitation_revoke(request: HttpRequest, access: AssessmentAccess, invitation_id: int) -> HttpResponse:
    if not access.can_manage:
        raise Http404()
    invitation = get_object_or_404(access.assessment.invitations, pk=invitation_id)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"Invitation for {invitation.email} revoked; the link no longer works.")
    return redirect("questionnaire:assessment_review", pk=access.assessment.pk)


def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_use(token=token)
    if invitation is None:
        return render(request, "questionnaire/invitation_invalid.html", status=404)
    ids = set(request.session.get(SESSION_INVITATIONS, []))
    request.session[SESSION_INVITATIONS] = sorted(ids | {invitation.pk})
    return redirect("questionnaire:assessment", pk=invitation.assessment_id)
