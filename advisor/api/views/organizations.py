"""Organizations: the ones you see (tenancy: Organization.objects.visible_to); firm admins add clients.
An organization's assessments are created here, from a profile."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.reverse import reverse

from advisor.accounts import services as accounts
from advisor.accounts.models import Organization
from advisor.accounts.selectors import firm_is_admin, firms_of, organization_get_visible
from advisor.api.filters import OrganizationFilter
from advisor.api.idempotency import idempotent
from advisor.api.problems import VALIDATION, Problem, field_errors
from advisor.api.schema import IDEMPOTENCY_KEY, ProfileUploadSerializer
from advisor.api.serializers import AssessmentSerializer, OrganizationCreateSerializer, OrganizationSerializer
from advisor.domain.profile_limits import MAX_PROFILE_BYTES
from advisor.questionnaire import profiles


@extend_schema_view(get=extend_schema(summary="The organizations you see"))
class OrganizationList(generics.ListAPIView):
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        return Organization.objects.visible_to(self.request.user).select_related("firm")

    @extend_schema(
        summary="Add a client organization to a firm (firm admins)",
        request=OrganizationCreateSerializer,
        responses={201: OrganizationSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def post(self, request):
        form = OrganizationCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        firm = next((f for f in firms_of(request.user) if f.slug == form.validated_data["firm"]), None)
        if firm is None:
            raise exceptions.ValidationError({"firm": ["You are not a consultant of a firm with this slug."]})
        if not firm_is_admin(user=request.user, firm=firm):
            raise exceptions.PermissionDenied("Only a firm admin can add client organizations.")
        organization = accounts.organization_create(name=form.validated_data["name"], firm=firm)
        data = OrganizationSerializer(organization, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema_view(get=extend_schema(summary="An organization"))
class OrganizationDetail(generics.RetrieveAPIView):
    serializer_class = OrganizationSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return Organization.objects.visible_to(self.request.user).select_related("firm")


class RawJSONParser(BaseParser):
    """The body as bytes: a profile is validated exactly as the web import validates a file."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:  # type: ignore[override]
        # One byte past the limit is enough for the import to refuse it; the rest is never read.
        return stream.read(MAX_PROFILE_BYTES + 1) if stream is not None else b""


class OrganizationAssessmentCreate(generics.GenericAPIView):
    parser_classes = [RawJSONParser]
    serializer_class = AssessmentSerializer

    @extend_schema(
        summary="Create an assessment from a profile",
        description=(
            "The body is a profile document, validated as the web app's import validates a file; every "
            "problem names its field path (`workloads[2].platform`). A format 1 profile is converted to "
            "format 2. The new assessment is a draft: review it, then submit it to have it scored."
        ),
        request=ProfileUploadSerializer,
        responses={201: AssessmentSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def post(self, request, slug: str):
        organization = organization_get_visible(user=request.user, slug=slug)
        data = request.data if isinstance(request.data, bytes) else b""
        try:
            assessment = profiles.profile_import(organization=organization, user=request.user, data=data)
        except profiles.ProfileInvalid as invalid:
            raise Problem(
                status_code=status.HTTP_400_BAD_REQUEST,
                kind=VALIDATION,
                detail=f"The profile is not valid: {invalid}",
                errors=field_errors(invalid.errors),
            ) from None
        body = AssessmentSerializer(assessment, context={"request": request}).data
        location = reverse("api:assessment", args=[assessment.pk], request=request)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})
