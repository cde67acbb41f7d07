"""Sending an email whose subject and body are templates: `<name>_subject.txt`, `<name>_body.txt`.

Each app keeps one function per email in its own emails.py; views send nothing themselves.
"""

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_templated(name: str, to: list[str], context: dict) -> None:
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    body = render_to_string(f"{name}_body.txt", context)
    send_mail(subject, body, None, to)


def site_context(request) -> dict:
    """`protocol` and `domain` for links in an email, from the request that caused it."""
    if request is None:
        return {"protocol": "http", "domain": "127.0.0.1:8000"}
    return {"protocol": "https" if request.is_secure() else "http", "domain": request.get_host()}
