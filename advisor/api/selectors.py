"""Reads of the API app: which token a request carries, a user's tokens."""

from advisor.api.models import ApiToken
from advisor.api.services import token_digest


def token_for_key(key: str) -> ApiToken | None:
    """The token whose secret is `key` (usable or not), with its user."""
    return ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()


def tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
