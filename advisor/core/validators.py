"""Validators shared by the apps' forms."""

import unicodedata

from django.core.exceptions import ValidationError


def refuse_control_characters(value: str) -> None:
    """One-line text (a name) must not carry line breaks, tabs or other control characters.

    They end up in email subjects and headers, where a line break is refused or, worse,
    starts a new header.
    """
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in value):
        raise ValidationError(
            "Use one line of ordinary text: line breaks, tabs and other control characters are not allowed.",
            code="control_characters",
        )
