"""Errors as problem details (RFC 9457): `application/problem+json`, naming the field.

Every error the API answers has `type`, `title`, `status`, `detail` and `instance`; a
validation error also lists `errors`, one per offending field, each with the field's path as
the web app names it (`workloads[2].deployment`), a JSON Pointer into the request body
(`/workloads/2/deployment`) and what is wrong with it.
"""

import logging
import re
from http import HTTPStatus

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:lockin-advisor:problem:"
VALIDATION = "validation-error"


class Problem(exceptions.APIException):
    """An error with a problem type of its own (`urn:lockin-advisor:problem:<kind>`)."""

    def __init__(self, *, status_code: int, kind: str, detail: str, errors=(), headers=None):
        super().__init__(detail=detail)
        self.status_code = status_code
        self.kind = kind
        self.errors = list(errors)
        self.headers = headers or {}


def field_errors(pairs, prefix: str = "") -> list[dict]:
    """(path, message) pairs as problem `errors`; `prefix` is where they sit in the body."""
    return [
        {"field": _join(prefix, path), "pointer": pointer(_join(prefix, path)), "detail": message}
        for path, message in pairs
    ]


def pointer(path: str) -> str:
    """`workloads[2].deployment` -> `/workloads/2/deployment` (JSON Pointer, RFC 6901)."""
    if not path:
        return ""
    parts = [p for p in re.split(r"\.|\[|\]", path) if p != ""]
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


def _flatten(detail, path: str = "") -> list[tuple[str, str]]:
    """DRF's nested validation detail as (field path, message) pairs."""
    if isinstance(detail, dict):
        pairs = []
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            pairs += _flatten(value, _join(path, name))
        return pairs
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [(path, str(item)) for item in detail]
        pairs = []
        for index, item in enumerate(detail):
            pairs += _flatten(item, f"{path}[{index}]")
        return pairs
    return [(path, str(detail))]


def problem_response(
    *, status_code: int, kind: str | None, detail: str, instance: str, errors=(), headers=None
):
    body = {
        "type": TYPE_PREFIX + kind if kind else "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = list(errors)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_MEDIA_TYPE)


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error as a problem document."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, RequestDataTooBig):
        exc = Problem(
            status_code=413, kind="too-large", detail="The request body is larger than this API accepts."
        )
    response = exception_handler(exc, context)  # also maps Http404 and Django's PermissionDenied
    if response is None:
        logger.exception("Unhandled error in the API", exc_info=exc)
        return problem_response(
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
            kind=None,
            detail="Something went wrong on our side; the error was logged.",
            instance=instance,
        )
    headers = {
        name: value
        for name, value in response.items()
        if name in ("Retry-After", "WWW-Authenticate", "Allow")
    }
    if isinstance(exc, Problem):
        headers.update(exc.headers)
        return problem_response(
            status_code=exc.status_code,
            kind=exc.kind,
            detail=str(exc.detail),
            instance=instance,
            errors=exc.errors,
            headers=headers,
        )
    if isinstance(exc, exceptions.ValidationError):
        errors = field_errors(_flatten(exc.detail))
        return problem_response(
            status_code=response.status_code,
            kind=VALIDATION,
            detail=_summary(errors),
            instance=instance,
            errors=errors,
            headers=headers,
        )
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    return problem_response(
        status_code=response.status_code, kind=None, detail=str(detail), instance=instance, headers=headers
    )


def _summary(errors: list[dict]) -> str:
    if len(errors) == 1:
        where = errors[0]["field"] or "the request"
        return f"{where}: {errors[0]['detail']}"
    return f"{len(errors)} problems; see `errors`."


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text="The field's path, e.g. `workloads[2].deployment` (empty: the whole body)."
    )
    pointer = serializers.CharField(
        help_text="JSON Pointer into the request body, e.g. `/workloads/2/deployment`."
    )
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details (for the schema: the handler above writes them)."""

    def get_fields(self) -> dict:
        # Declared here, not as class attributes: `errors` would hide Serializer.errors.
        return {
            "type": serializers.CharField(help_text="`about:blank`, or `urn:lockin-advisor:problem:<kind>`."),
            "title": serializers.CharField(),
            "status": serializers.IntegerField(),
            "detail": serializers.CharField(),
            "instance": serializers.CharField(help_text="The path of the request."),
            "errors": FieldErrorSerializer(many=True, required=False, help_text="One per offending field."),
        }


def page_not_found(request, exception):
    """handler404: a URL under /api/ that matches no route is a problem document too."""
    if not request.path.startswith("/api/"):
        return defaults.page_not_found(request, exception)
    body = {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No such resource in this API; see /api/v1/docs/.",
        "instance": request.path,
    }
    return JsonResponse(body, status=404, content_type=PROBLEM_MEDIA_TYPE)
