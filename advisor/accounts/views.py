from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from advisor.accounts import services
from advisor.accounts.forms import BrandingForm, ClientForm, PersonForm, SignUpForm
from advisor.accounts.models import Firm, Organization
from advisor.accounts.selectors import (
    firm_get_for_member,
    firm_is_admin,
    firms_of,
)
from advisor.accounts.signals import firm_page_panels


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
            "branding_form": BrandingForm(initial={"accent_colour": firm.accent_colour or "#1f4e79"}),
            "panels": [
                panel
                for _receiver, panel in firm_page_panels.send(sender=Firm, firm=firm, request=request)
                if panel
            ],
        },
    )


@login_required
@require_POST
def firm_branding(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    if not firm_is_admin(user=request.user, firm=firm):
        messages.error(request, "Only a firm admin can change the branding.")
        return redirect("accounts:firm", slug=firm.slug)
    form = BrandingForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label or name}: {' '.join(map(str, errors))}"
            for name, errors in form.errors.items()
        )
        messages.error(request, f"The branding was not changed. {problems}")
        return redirect("accounts:firm", slug=firm.slug)
    upload = form.cleaned_data["logo"]
    try:
        services.firm_set_branding(
            firm=firm,
            logo=upload.read(services.LOGO_MAX_BYTES + 1) if upload else None,
            accent_colour=form.cleaned_data["accent_colour"],
            remove_logo=form.cleaned_data["remove_logo"],
        )
    except services.BrandingInvalid as error:
        label = form.fields[error.field].label or error.field.replace("_", " ").capitalize()
        messages.error(request, f"The branding was not changed. {label}: {error}")
    else:
        messages.success(request, "Branding saved. Your clients' next reports carry it.")
    return redirect("accounts:firm", slug=firm.slug)


@login_required
def firm_logo(request: HttpRequest, slug: str) -> FileResponse:
    """The stored logo, to the firm's own members only."""
    firm = firm_get_for_member(user=request.user, slug=slug)
    if not firm.logo:
        raise Http404("No logo.")
    return FileResponse(firm.logo.open("rb"), content_type="image/png")


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
