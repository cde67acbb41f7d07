"""The OpenAPI schema: problem responses on every operation, the two ways to authenticate,
and the profile as `advisor/domain/profile.schema.json` says it (loaded, never restated; format 1,
still accepted, as `profile-1.schema.json` says it)."""

from http import HTTPStatus

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers

from advisor.api.problems import PROBLEM_MEDIA_TYPE, ProblemSerializer
from advisor.domain.profile import FORMAT_1, profile_schema

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string (a UUID): a retry with the same key and the same request gets the first "
        "response again (header `Idempotent-Replayed: true`) and creates nothing twice. Kept 24 hours."
    ),
)


def profile_schema_for_openapi(profile_format: str | None = None) -> dict:
    """A profile schema file as an OpenAPI 3.1 schema object: the same document, less the keys
    that only make sense at the top of a file of its own."""
    source = profile_schema(profile_format) if profile_format else profile_schema()
    schema = {key: value for key, value in source.items() if key not in ("$schema", "$id")}
    if profile_format == FORMAT_1:
        schema["description"] = (
            "A workload profile in the former format `lockin-profile/1`: exactly "
            "advisor/domain/profile-1.schema.json (also served at /api/v1/profile-1.schema.json). Still "
            "accepted, and converted to format 2 (docs/profile-format.md, “Format 1 and its conversion”)."
        )
        return schema
    schema["description"] = (
        "A workload profile, format `lockin-profile/2`: exactly advisor/domain/profile.schema.json "
        "(also served at /api/v1/profile.schema.json), described field by field in docs/profile-format.md. "
        "Ecosystem slugs must also exist in the active catalog version, and the rules beyond the schema "
        "hold (no closed weights self-hosted, a platform that can carry the deployment, seats at most "
        "the employees)."
    )
    return schema


class ProfileSerializer(serializers.Serializer):
    """Stands for a profile document in the schema; the API reads and writes profiles as they are."""


class ProfileFormat1Serializer(serializers.Serializer):
    """Stands for a format 1 profile, which the API still accepts."""


class ProfileUploadSerializer(serializers.Serializer):
    """Stands for the profile a client sends: format 2, or format 1 (converted)."""


class DraftProfileSerializer(serializers.Serializer):
    """Stands for the profile of an assessment, which a draft may not have complete yet."""


class ProfileSchema(OpenApiSerializerExtension):
    target_class = ProfileSerializer

    def get_name(self, auto_schema, direction) -> str:
        return "Profile"

    def map_serializer(self, auto_schema, direction) -> dict:
        return profile_schema_for_openapi()


class ProfileFormat1Schema(OpenApiSerializerExtension):
    target_class = ProfileFormat1Serializer

    def get_name(self, auto_schema, direction) -> str:
        return "ProfileFormat1"

    def map_serializer(self, auto_schema, direction) -> dict:
        return profile_schema_for_openapi(FORMAT_1)


class ProfileUploadSchema(OpenApiSerializerExtension):
    target_class = ProfileUploadSerializer

    def get_name(self, auto_schema, direction) -> str:
        return "ProfileUpload"

    def map_serializer(self, auto_schema, direction) -> dict:
        return {
            "description": "A profile in format 2, or in format 1, which is converted to format 2.",
            "oneOf": [
                auto_schema.resolve_serializer(ProfileSerializer, direction).ref,
                auto_schema.resolve_serializer(ProfileFormat1Serializer, direction).ref,
            ],
        }


class DraftProfileSchema(OpenApiSerializerExtension):
    target_class = DraftProfileSerializer

    def get_name(self, auto_schema, direction) -> str:
        return "AssessmentProfile"

    def map_serializer(self, auto_schema, direction) -> dict:
        profile = auto_schema.resolve_serializer(ProfileSerializer, direction).ref
        return {
            "description": (
                "A submitted assessment's profile, frozen at submission (a valid `Profile`), or a draft's, "
                "assembled from the answers so far: the same format, missing what is not answered yet."
            ),
            "anyOf": [profile, {"type": "object"}],
        }


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "advisor.api.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on your account page (/account/).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "advisor.api.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": (
                "The browser session (these docs, and invitees' links); unsafe methods need the CSRF token."
            ),
        }


class ApiAutoSchema(AutoSchema):
    """Every operation documents the problems (RFC 9457) it can answer with."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in sorted(self._problem_statuses()):
            problem = OpenApiResponse(ProblemSerializer, description=HTTPStatus(code).phrase)
            responses.setdefault(
                str(code), self._get_response_for_code(problem, str(code), [PROBLEM_MEDIA_TYPE], direction)
            )
        return responses

    def _problem_statuses(self) -> set[int]:
        # 401: a bad token is refused everywhere; 406: an Accept the API cannot serve; 429: throttled.
        codes = {401, 406, 429}
        if not all(p is permissions.AllowAny for p in self.view.permission_classes):
            codes.add(403)
        if self.method in ("POST", "PUT", "PATCH"):
            codes |= {400, 413, 415}
        if self._is_list_view() and self.method == "GET":
            codes |= {400, 404}  # a filter value that is not valid, a page that does not exist
        if "{" in self.path:
            codes.add(404)
        if IDEMPOTENCY_KEY in self.get_override_parameters():
            codes |= {409, 422}  # the key is still in use by its first request; or reused for another
        codes |= set(getattr(self.view, "problem_statuses", {}).get(self.method, ()))
        return codes
