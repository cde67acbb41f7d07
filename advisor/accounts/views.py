from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from advisor.accounts import services
from advisor.accounts.forms import ClientForm, PersonForm, SignUpForm
from advisor.accounts.models import Organization
from advisor.accounts.selectors import (
    firm_get_for_member,
    firm_is_admin,
    firms_of,
)


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home.html")
    firms = firms_of(request.user)
    organizations = list(Organization.objects.filter(memberships__user=request.user))
    if len(firms) == 1 and not organizations:
        return redirect("accounts:firm", slug=firms[0].slug)
    if len(organizations) == 1 and not firms:
        return redirect("questionnaire:organization", slug=organizations[0].slug)
    return render(request, "accounts/dashboard.html", {"firms": firms, "organizations": organizations})


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, _ = services.account_sign_up(**form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Your account is ready.")
        return redirect("accounts:home")
    return render(request, "registration/sign_up.html", {"form": form})


@login_required
def firm_detail(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    is_admin = firm_is_admin(user=request.user, firm=firm)
    return render(
        request,
        "accounts/firm.html",
        {
            "firm": firm,
            "is_admin": is_admin,
            "clients": firm.clients.order_by("name"),
            "consultants": firm.memberships.select_related("user").order_by("user__username"),
            "client_form": ClientForm(),
            "consultant_form": PersonForm(),
        },
    )


@login_required
@require_POST
def firm_add_client(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    form = ClientForm(request.POST)
    if form.is_valid():
        organization = services.organization_create(name=form.cleaned_data["name"], firm=firm)
        messages.success(request, f"Client “{organization.name}” added.")
        return redirect("questionnaire:organization", slug=organization.slug)
    messages.error(request, "The client needs a name.")
    return redirect("accounts:firm", slug=firm.slug)


@login_required
@require_POST
def firm_add_consultant(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    if not firm_is_admin(user=request.user, firm=firm):
        messages.error(request, "Only a firm admin can add consultants.")
        return redirect("accounts:firm", slug=firm.slug)
    form = PersonForm(request.POST)
    if form.is_valid():
        membership = services.firm_add_consultant(firm=firm, request=request, **form.cleaned_data)
        messages.success(
            request,
            f"{membership.user.email} is a consultant of {firm.name}; "
            "they got an email to choose a password.",
        )
    else:
        messages.error(request, "Enter a valid email address.")
    return redirect("accounts:firm", slug=firm.slug)
