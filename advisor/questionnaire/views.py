import json
import logging
import re
import smtplib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from advisor.accounts import services as accounts_services
from advisor.accounts.forms import MemberForm
from advisor.accounts.limits import PEOPLE_ADDED_PER_USER
from advisor.accounts.models import Organization
from advisor.accounts.selectors import (
    organization_can_manage,
    organization_get_visible,
    organization_open_invitations,
)
from advisor.core.ratelimit import rate_limited, signed_in_user
from advisor.questionnaire import emails, profiles, services
from advisor.questionnaire.decorators import SESSION_INVITATIONS, with_access
from advisor.questionnaire.field_views import dom_id
from advisor.questionnaire.filling_views import section_progress
from advisor.questionnaire.forms import InvitationForm
from advisor.questionnaire.models import INVITATION_VALID_DAYS, Assessment
from advisor.questionnaire.selectors import AssessmentAccess
from advisor.questionnaire.signals import organization_page_panels

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# The organization's page: assessments, import, new, people


@login_required
def organization_home(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    assessments = (
        organization.assessments.filter(archived_at__isnull=True)
        .select_related("created_by")
        .order_by("-created_at")
    )
    can_manage = organization_can_manage(user=request.user, organization=organization)
    return render(
        request,
        "questionnaire/organization.html",
        {
            "organization": organization,
            "assessments": assessments,
            "latest": assessments.first(),
            "archived_count": organization.assessments.filter(archived_at__isnull=False).count(),
            "templates": profiles.profile_templates(),
            "can_manage": can_manage,
            "members": organization.memberships.select_related("user").order_by("user__username"),
            "invited": organization_open_invitations(organization=organization) if can_manage else [],
            "member_form": MemberForm(),
            "panels": [
                panel
                for _receiver, panel in organization_page_panels.send(
                    sender=Organization, organization=organization, request=request
                )
                if panel
            ],
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
        based_on = _assessment_to_copy(organization, request.POST.get("based_on", ""))
        if based_on is None:
            messages.error(request, "Choose an earlier assessment of this organization to copy.")
            return redirect("questionnaire:organization", slug=slug)
        assessment = services.assessment_create(
            organization=organization, user=request.user, origin=Assessment.Origin.COPY, based_on=based_on
        )
        messages.success(
            request, f"Started from a copy of “{based_on.title}”. Update what changed, then submit."
        )
    elif origin == "template":
        try:
            profile = profiles.profile_template(request.POST.get("template", ""))
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


def _assessment_to_copy(organization, posted: str) -> Assessment | None:
    if not re.fullmatch(r"[0-9]{1,18}", posted):  # a key column holds no more
        return None
    return organization.assessments.filter(pk=int(posted)).first()


@login_required
@require_POST
def assessment_import(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get_visible(user=request.user, slug=slug)
    upload = request.FILES.get("profile")
    if upload is None:
        messages.error(request, "Choose a profile JSON file to import.")
        return redirect("questionnaire:organization", slug=slug)
    try:
        profiles.profile_check_size(upload.size or 0)
        assessment = profiles.profile_import(organization=organization, user=request.user, data=upload.read())
    except profiles.ProfileInvalid as invalid:
        return render(
            request,
            "questionnaire/import_errors.html",
            {
                "organization": organization,
                "file_name": upload.name,
                "errors": invalid.errors,
                "omitted": invalid.omitted,
            },
            status=400,
        )
    messages.success(request, f"Imported {upload.name}: review the answers, then submit.")
    return redirect("questionnaire:assessment_review", pk=assessment.pk)


# ---------------------------------------------------------------------------------------------
# Review, submit, export


@with_access
def assessment_review(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    state = services.assessment_state(assessment)
    draft = not assessment.is_submitted
    problems = services.assessment_problems(assessment, state) if draft else []
    unconfirmed = services.assessment_unconfirmed(assessment, state) if draft else []
    profile = services.assessment_profile(assessment, state)
    return render(
        request,
        "questionnaire/review.html",
        {
            "assessment": assessment,
            "access": access,
            "problems": [_linked(assessment, p) for p in problems],
            "unconfirmed": [{"section": s, "url": _section_url(assessment, s.slug)} for s in unconfirmed],
            "template_left": _left_as_template(assessment, state) if draft else [],
            "progress": section_progress(
                state, problems, "review", services.assessment_confirmations(assessment)
            ),
            "answered": len(state.answers),
            "invitation_valid_days": INVITATION_VALID_DAYS,
            "profile_json": json.dumps(profile, indent=2, ensure_ascii=False),
            "profile_format": profile.get("format"),
        },
    )


def _section_url(assessment: Assessment, section: str) -> str:
    return reverse("questionnaire:assessment_section", args=[assessment.pk, section])


def _linked(assessment: Assessment, problem) -> dict:
    return {"problem": problem, "url": _section_url(assessment, problem.section) + f"#{dom_id(problem.key)}"}


def _left_as_template(assessment: Assessment, state) -> list[dict]:
    """The answers still exactly as a template set them, one line per section or item."""
    left = {key for key, answer in state.answers.items() if answer.from_template}
    lines = []
    for section in state.questionnaire.sections:
        labels = [q.label for q in section.questions if q.key in left]
        if labels:
            lines.append(
                {"where": section.title, "labels": labels, "url": _section_url(assessment, section.slug)}
            )
        repeat = section.repeat
        for position, uid in enumerate(state.items.get(repeat.key, []) if repeat else [], start=1):
            prefix = f"{repeat.key}.{uid}."
            labels = [q.label for q in repeat.questions if prefix + q.key in left]
            if labels:
                url = _section_url(assessment, section.slug) + f"?open={uid}#item-{uid}"
                lines.append({"where": f"{repeat.item_label} {position}", "labels": labels, "url": url})
    return lines


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
            request, f"Not submitted: {len(not_ready.problems)} thing(s) to do first, listed below."
        )
        return redirect("questionnaire:assessment_review", pk=assessment.pk)
    else:
        messages.success(request, "Submitted. The answers are frozen; start a new assessment to re-assess.")
    if not access.can_see_results:
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
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Enter one valid email address for the person to invite (one address, not a list)."
        )
        return redirect("questionnaire:assessment_review", pk=assessment.pk)
    try:
        # The link exists only if its email went out: an invitation the inviter never sees
        # confirmed must not stay usable.
        with transaction.atomic():
            invitation = services.invitation_create(
                assessment=assessment,
                email=form.cleaned_data["email"],
                user=request.user,
                results_visible=form.cleaned_data["results_visible"],
            )
            link = request.build_absolute_uri(
                reverse("questionnaire:invitation_open", args=[invitation.token])
            )
            emails.send_invitation(invitation=invitation, inviter=request.user, link=link)
    except services.AssessmentLocked:
        messages.error(request, "This assessment was submitted: invitations are for filling in a draft.")
    except (ValueError, smtplib.SMTPException, OSError) as error:  # ValueError: a bad header
        logger.warning("Invitation to %s not sent: %s", form.cleaned_data["email"], error)
        messages.error(request, "The invitation could not be sent, so no link was created. Try again later.")
    else:
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


@with_access
@require_POST
def invitation_results(request: HttpRequest, access: AssessmentAccess, invitation_id: int) -> HttpResponse:
    """The manager decides whether this invitee sees the results: `visible` is "yes" or "no"."""
    if not access.can_manage:
        raise Http404()
    invitation = get_object_or_404(access.assessment.invitations, pk=invitation_id)
    visible = request.POST.get("visible")
    if visible not in ("yes", "no"):
        messages.error(request, "Nothing changed: visible must be yes or no.")
        return redirect("questionnaire:assessment_review", pk=access.assessment.pk)
    services.invitation_show_results(invitation=invitation, visible=visible == "yes")
    if invitation.results_visible:
        messages.success(request, f"{invitation.email} may now see the results and reports.")
    else:
        messages.success(request, f"{invitation.email} no longer sees the results and reports.")
    return redirect("questionnaire:assessment_review", pk=access.assessment.pk)


def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_use(token=token)
    if invitation is None:
        return render(request, "questionnaire/invitation_invalid.html", status=404)
    ids = set(request.session.get(SESSION_INVITATIONS, []))
    request.session[SESSION_INVITATIONS] = sorted(ids | {invitation.pk})
    return redirect("questionnaire:assessment", pk=invitation.assessment_id)
