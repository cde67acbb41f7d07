"""`Idempotency-Key` on the POSTs that create: a retried request gets the first one's answer.

A client that lost the response to a POST (time-out, dropped connection) sends it again with
the same key and gets the same 201 and body, and nothing is created twice. The key belongs to
the user and lives for a day. The same key with a different request is refused (422); a retry
while the first request is still running gets 409. Only a success is remembered: after an
error the client fixes the request and may use the key again.
"""

import functools
import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.response import Response

from advisor.api.models import IdempotencyRecord
from advisor.api.problems import Problem, field_errors

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
MAX_LENGTH = 255


def idempotent(handler):
    """Decorator for a view's `post`."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return handler(view, request, *args, **kwargs)
        _check_key(key)
        # Read the raw body first: the parsers then read it from memory.
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.path.encode(), request._request.body])
        ).hexdigest()
        record = _claim(request.user, key, fingerprint)
        if record.status_code is not None:
            return _replay(record)
        try:
            response = handler(view, request, *args, **kwargs)
        except BaseException:
            record.delete()
            raise
        if status.is_success(response.status_code):
            record.status_code = response.status_code
            record.body = response.data
            record.location = response.get("Location", "")
            record.save(update_fields=["status_code", "body", "location"])
        else:
            record.delete()
        return response

    return wrapper


def _check_key(key: str) -> None:
    if not 1 <= len(key) <= MAX_LENGTH or not key.isprintable():
        raise Problem(
            status_code=400,
            kind="validation-error",
            detail=f"{HEADER} must be 1 to {MAX_LENGTH} printable characters.",
            errors=field_errors([(HEADER, "must be 1 to 255 printable characters")]),
        )


def _claim(user, key: str, fingerprint: str) -> IdempotencyRecord:
    """This request's record: new (in progress), or the earlier one with the same key."""
    # Keys live for a day: the user's older ones go now (so the table stays small without a cron job).
    IdempotencyRecord.objects.filter(user=user, created_at__lt=timezone.now() - KEPT_FOR).delete()
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(user=user, key=key, fingerprint=fingerprint)
    except IntegrityError:
        pass
    record = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if record is None:  # the first request failed and let the key go a moment ago
        return _claim(user, key, fingerprint)
    if record.fingerprint != fingerprint:
        raise Problem(
            status_code=422,
            kind="idempotency-key-reused",
            detail=f"This {HEADER} was used for a different request; use a new key for a new request.",
        )
    if record.status_code is None:
        raise Problem(
            status_code=409,
            kind="idempotency-key-in-use",
            detail=f"A request with this {HEADER} is still being processed; retry in a moment.",
        )
    return record


def _replay(record: IdempotencyRecord) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    return Response(record.body, status=record.status_code, headers=headers)
