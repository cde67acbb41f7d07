import re


def without_csrf_token(content: bytes) -> str:
    """A page without its CSRF token, which is masked anew in each response."""
    return re.sub(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())
