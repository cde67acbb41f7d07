"""Sign-in plumbing for django-axes: the key it counts failures under, and its lockout page."""

from django.conf import settings
from django.shortcuts import render


def lockout_username(request, credentials) -> str:
    """Failures count per address however it is typed, for existing and unknown ones alike."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).strip().lower()


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: the same for every address, known or not."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
