from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_POST

from advisor.accounts import services
from advisor.accounts.forms import (
    BrandingForm,
    ClientForm,
    EmailAuthenticationForm,
    PasswordResetForm,
    PersonForm,
    SignUpForm,
)
from advisor.accounts.limits import (
    PEOPLE_ADDED_PER_USER,
    RESETS_PER_ADDRESS,
    RESETS_PER_CLIENT,
    SIGN_INS_PER_CLIENT,
    SIGN_UPS_PER_ADDRESS,
    SIGN_UPS_PER_CLIENT,
)
from advisor.accounts.models import Firm, MembershipInvitation, Organization, User
from advisor.accounts.selectors import (
    firm_get_for_member,
    firm_is_admin,
    firms_of,
)
from advisor.accounts.tokens import sign_up_confirmation_token
from advisor.core.ratelimit import client_ip, posted_email, rate_limited, signed_in_user


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home.html")
    firms = firms_of(request.user)
    organizations = list(Organization.objects.filter(memberships__user=request.user))
    if len(firms) == 1 and not organizations:
        return redirect("workspace:firm", slug=firms[0].slug)
    if len(organizations) == 1 and not firms:
        return redirect("questionnaire:organization", slug=organizations[0].slug)
    return render(request, "accounts/dashboard.html", {"firms": firms, "organizations": organizations})


# ---------------------------------------------------------------------------------------------
# Signing up and in


@rate_limited(SIGN_UPS_PER_CLIENT, by=client_ip)
@rate_limited(SIGN_UPS_PER_ADDRESS, by=posted_email)
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_sign_up(request=request, **form.cleaned_data)
        return redirect("accounts:sign_up_sent")
    return render(request, "registration/sign_up.html", {"form": form})


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/sign_up_sent.html")


def sign_up_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows a button (link previews must not activate accounts); POST confirms."""
    user = _user_from_uid(uidb64)
    if user is None or user.is_active or not sign_up_confirmation_token.check_token(user, token):
        return render(request, "registration/sign_up_invalid.html", status=404)
    if request.method != "POST":
        return render(request, "registration/sign_up_confirm.html", {"pending": user.pending_sign_up})
    tenant = services.account_confirm(user=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, f"Your address is confirmed. Welcome to {tenant.name}!")
    return _tenant_redirect(tenant)


def _user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).select_related("pending_sign_up").first()


def _tenant_redirect(tenant: Firm | Organization) -> HttpResponse:
    if isinstance(tenant, Firm):
        return redirect("workspace:firm", slug=tenant.slug)
    return redirect("questionnaire:organization", slug=tenant.slug)


sign_in = rate_limited(SIGN_INS_PER_CLIENT, by=client_ip)(
    auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm)
)

password_reset = rate_limited(RESETS_PER_CLIENT, by=client_ip)(
    rate_limited(RESETS_PER_ADDRESS, by=posted_email)(
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm)
    )
)


# ---------------------------------------------------------------------------------------------
# Firms and membership invitations


@login_required
@require_POST
def firm_branding(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    if not firm_is_admin(user=request.user, firm=firm):
        messages.error(request, "Only a firm admin can change the branding.")
        return redirect("workspace:firm", slug=firm.slug)
    form = BrandingForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label or name}: {' '.join(map(str, errors))}"
            for name, errors in form.errors.items()
        )
        messages.error(request, f"The branding was not changed. {problems}")
        return redirect("workspace:firm", slug=firm.slug)
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
    return redirect("workspace:firm", slug=firm.slug)


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
    messages.error(request, f"Client organization name: {' '.join(map(str, form.errors['name']))}")
    return redirect("workspace:firm", slug=firm.slug)


@login_required
@require_POST
@rate_limited(PEOPLE_ADDED_PER_USER, by=signed_in_user)
def firm_add_consultant(request: HttpRequest, slug: str) -> HttpResponse:
    firm = firm_get_for_member(user=request.user, slug=slug)
    if not firm_is_admin(user=request.user, firm=firm):
        messages.error(request, "Only a firm admin can add consultants.")
        return redirect("workspace:firm", slug=firm.slug)
    form = PersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("workspace:firm", slug=firm.slug)
    added = services.firm_add_consultant(
        firm=firm, invited_by=request.user, request=request, **form.cleaned_data
    )
    messages.success(request, added.summary)
    return redirect("workspace:firm", slug=firm.slug)


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label or name.replace('_', ' ').capitalize()}: {' '.join(map(str, errors))}"
        for name, errors in form.errors.items()
    )


@login_required
def membership_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invited account's owner, signed in, accepts or declines; anyone else gets a 404."""
    invitation = get_object_or_404(
        MembershipInvitation.objects.select_related("firm", "organization", "invited_by"),
        token=token,
        user=request.user,
    )
    if not invitation.is_open:
        return render(request, "accounts/invitation_closed.html", {"invitation": invitation}, status=410)
    if request.method != "POST":
        return render(request, "accounts/invitation.html", {"invitation": invitation})
    try:
        if request.POST.get("answer") == "accept":
            tenant = services.membership_invitation_accept(invitation=invitation)
            messages.success(request, f"You joined {tenant.name}.")
            return _tenant_redirect(tenant)
        services.membership_invitation_decline(invitation=invitation)
    except services.InvitationClosed:
        return render(request, "accounts/invitation_closed.html", {"invitation": invitation}, status=410)
    messages.info(request, f"You declined the invitation to {invitation.tenant.name}.")
    return redirect("accounts:home")
