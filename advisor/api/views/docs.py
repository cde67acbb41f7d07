"""The schema, its browser docs (Swagger UI from the app's own static files) and the profile schema."""

from django.http import JsonResponse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import permissions
from rest_framework.decorators import api_view, permission_classes, schema

from advisor.domain.profile import FORMAT_1, profile_schema


class SchemaView(SpectacularAPIView):
    permission_classes = [permissions.AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a file of its own (`?script=`), so the page runs
    under the app's strict Content-Security-Policy; the template adds no inline style either."""

    permission_classes = [permissions.AllowAny]
    template_name = "api/docs.html"
    url_name = "api:schema"
    title = "Lock-in Advisor API"


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
@schema(None)
def profile_schema_file(request):
    """advisor/domain/profile.schema.json, as the OpenAPI schema's Profile refers to it."""
    return JsonResponse(profile_schema(), json_dumps_params={"indent": 2})


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
@schema(None)
def profile_format_1_schema_file(request):
    """advisor/domain/profile-1.schema.json, as the OpenAPI schema's ProfileFormat1 refers to it."""
    return JsonResponse(profile_schema(FORMAT_1), json_dumps_params={"indent": 2})
