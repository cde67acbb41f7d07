"""Filling in an assessment: its section pages (with or without JavaScript) and the autosave."""

import re
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from advisor.domain.questionnaire import is_visible
from advisor.questionnaire import services
from advisor.questionnaire.decorators import actor, with_access
from advisor.questionnaire.field_views import conditions_json as _conditions_json
from advisor.questionnaire.field_views import dom_id, section_fields
from advisor.questionnaire.selectors import AssessmentAccess


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class BadRevision(Exception):
    """A posted revision is not a plain number: the page was not ours, or was tampered with."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"The revision sent with {key} is not a number; reload the page and try again.")


def _bad_request(text: str) -> HttpResponse:
    # Plain text: the message may quote what was posted, which must never be read as HTML.
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


@with_access
def assessment_start(request: HttpRequest, access: AssessmentAccess) -> HttpResponse:
    assessment = access.assessment
    if assessment.is_submitted:
        return redirect("scoring:results", pk=assessment.pk)  # invitees land on the review
    first = services.questionnaire_for(assessment.catalog_version).sections[0]
    return redirect("questionnaire:assessment_section", pk=assessment.pk, section=first.slug)


def section_progress(state, problems, current: str, confirmed) -> list[dict]:
    """Per section: open problems, whether anything in it was answered, and whether it was
    confirmed since its answers last changed."""
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
            "confirmed": s.slug in confirmed,
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
        try:
            conflicts, typed, refused = _save_section(request, access, state, current)
        except BadRevision as bad:
            return _bad_request(str(bad))
        for message in refused:
            messages.error(request, message)
        if refused and not conflicts:
            return redirect("questionnaire:assessment_section", pk=assessment.pk, section=current.slug)
        if not conflicts:
            return redirect(_after_section(request, access, state, current))
        state = services.assessment_state(assessment)
    return _render_section(request, access, state, current, conflicts, typed)


def _save_section(request, access: AssessmentAccess, state, section) -> tuple[dict, dict, list[str]]:
    """Save every answer of a posted section form that changed; report conflicts and answers
    refused as too long."""
    conflicts, typed, refused = {}, {}, []
    fields, items = section_fields(section, state.answers, state.values, state.items)
    views = fields + [f for item in items for f in item.fields]
    revisions = {view.key: _revision(request, view.key) for view in views}  # all, before any write
    for view in views:
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
            base_revision=revisions[view.key],
            not_applicable=not_applicable,
            na_reason=request.POST.get(f"na_reason:{view.key}", ""),
            **actor(access),
        )
        if result.status == "conflict":
            conflicts[view.key] = result.answer
            typed[view.key] = raw
        elif result.status == "too_long":
            refused.append(f"{view.question.label}: {result.message}")
    return conflicts, typed, refused


def _posted_raw(request, question, key):
    if question.type == "multiple_choice":
        return request.POST.getlist(key)
    return request.POST.get(key, "")


def _revision(request, key: str) -> int | None:
    """The revision of an answer the page showed (None: it showed none), or BadRevision."""
    text = request.POST.get(f"rev:{key}", "")
    if text == "":
        return None
    if not re.fullmatch(r"[0-9]{1,9}", text):  # not str.isdigit(): "²" is a digit to it
        raise BadRevision(key)
    return int(text)


def _after_section(request, access: AssessmentAccess, state, section) -> str:
    """Where to go once the section's answers are saved: a new or removed item, the next step."""
    assessment = access.assessment
    here = reverse("questionnaire:assessment_section", args=[assessment.pk, section.slug])
    if section.repeat and request.POST.get("add_item") == section.repeat.key:
        try:
            item = services.item_add(assessment=assessment, kind=section.repeat.key)
        except ValueError as error:
            messages.error(request, str(error))
            return here
        return f"{here}?open={item.uid}#item-{item.uid}"  # the new item opens, folded ones stay so
    if request.POST.get("remove_item"):
        services.item_remove(assessment=assessment, uid=request.POST["remove_item"])
        messages.success(request, f"{section.repeat.item_label} removed.")
        return here
    slugs = [s.slug for s in state.questionnaire.sections]
    if "next" not in request.POST:
        return here
    # "Confirm and continue": the person has looked at the whole section, even if none applies.
    services.section_confirm(assessment=assessment, section=section.slug, **actor(access))
    if section.slug != slugs[-1]:
        return reverse(
            "questionnaire:assessment_section", args=[assessment.pk, slugs[slugs.index(section.slug) + 1]]
        )
    return reverse("questionnaire:assessment_review", args=[assessment.pk])


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
    _fold(items, section, problems, request.GET.get("open", ""), conflicts or {})
    confirmations = services.assessment_confirmations(assessment)
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
            "progress": section_progress(state, problems, section.slug, confirmations),
            "confirmation": confirmations.get(section.slug),
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


def _fold(items, section, problems, open_uid: str, conflicts: dict) -> None:
    """Each item shows as a summary row; the one asked for (just added), and any with a problem
    or a conflict, open for editing."""
    for item in items:
        prefix = f"{section.repeat.key}.{item.uid}."
        item.problems = sum(1 for problem in problems if problem.key.startswith(prefix))
        in_conflict = any(key.startswith(prefix) for key in conflicts)
        item.open = item.uid == open_uid or item.problems > 0 or in_conflict


@with_access
@require_POST
def answer_save(request: HtmxHttpRequest, access: AssessmentAccess) -> HttpResponse:
    """Autosave of one answer (htmx): returns the field's save state, never the input itself."""
    key = request.POST.get("key", "")
    state_question = services.questionnaire_for(access.assessment.catalog_version).question_for(key)
    if state_question is None:
        return _bad_request(f"Unknown question “{key}”.")
    question = state_question[1]
    try:
        result = services.answer_save(
            assessment=access.assessment,
            key=key,
            raw=_posted_raw(request, question, key),
            base_revision=_revision(request, key),
            not_applicable=request.POST.get(f"na:{key}") == "on",
            na_reason=request.POST.get(f"na_reason:{key}", ""),
            force=request.POST.get("force") == "1",
            **actor(access),
        )
    except services.AssessmentLocked:
        return HttpResponse("This assessment was submitted; answers can no longer change.", status=409)
    except services.UnknownQuestion:
        return _bad_request("This item was removed; reload the page.")
    except BadRevision as bad:
        return _bad_request(str(bad))
    if not request.htmx:
        return redirect(_back_on_this_site(request, access.assessment.pk))
    answer = result.answer
    return render(
        request,
        "questionnaire/_save_state.html",
        {
            "status": result.status,
            "message": result.message,
            "answer": answer,
            "key": key,
            "dom_id": dom_id(key),
            "revision": answer.revision if answer else 0,
            "assessment": access.assessment,
        },
    )


def _back_on_this_site(request: HttpRequest, pk: int) -> str:
    """The page the form was posted from, as a path of this site; never another site the
    Referer may name (an open redirect)."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    parts = urlsplit(referer)
    if not same_site or not parts.path.startswith("/"):
        return reverse("questionnaire:assessment", args=[pk])
    return parts.path + (f"?{parts.query}" if parts.query else "")
