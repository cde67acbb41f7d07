"""The account page: who you are, and your personal API tokens (create, list, revoke)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from advisor.api import services
from advisor.api.forms import TokenForm
from advisor.api.models import ApiToken
from advisor.api.selectors import tokens_of


@never_cache
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_key = services.token_create(
                user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
            # Rendered, not redirected: the secret is shown this once and kept in no session or cookie.
            form = TokenForm()
        else:
            status = 400
    return render(
        request,
        "api/account.html",
        {"form": form, "tokens": tokens_of(request.user), "new_key": new_key},
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("account:home")
