"""Sign-in plumbing: the login lockout (django-axes) keys on the address in lower case."""


def lockout_username(request, credentials) -> str:
    """Failures count per address however it is typed, for existing and unknown ones alike."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).strip().lower()
