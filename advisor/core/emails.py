"""Sending an email whose subject and body are templates: `<name>_subject.txt`, `<name>_body.txt`.

Each app keeps one function per email in its own emails.py; views send nothing themselves.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string


class PlainTextEmail(EmailMessage):
    """A text email sent as plain 8-bit UTF-8.

    Left to itself, Python's email package encodes a body with a line over 78 characters
    as quoted-printable, which cuts a long link with `=` line breaks; copied from a mail
    client or a console, the link no longer works. Our bodies are short lines of text and
    links, far below the 998-character limit of 8bit.
    """

    def _add_bodies(self, msg) -> None:
        msg.set_content(self.body, subtype="plain", charset="utf-8", cte="8bit")


def send_templated(name: str, to: list[str], context: dict) -> None:
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    body = render_to_string(f"{name}_body.txt", context)
    PlainTextEmail(subject, body, None, to).send()


def site_context(request) -> dict:
    """`protocol` and `domain` for links in an email, from the request that caused it."""
    if request is None:
        return {"protocol": "http", "domain": "127.0.0.1:8000"}
    return {"protocol": "https" if request.is_secure() else "http", "domain": request.get_host()}
