"""Assessments: list the ones you see, read one, rename it (If-Match), export its profile, submit it.

One assessment is reached only through advisor.questionnaire.selectors.assessment_access (the
AssessmentPermission), exactly as the web views reach it."""

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from advisor.api.filters import AssessmentFilter
from advisor.api.preconditions import assessment_etag, require_if_match
from advisor.api.problems import Problem, field_errors
from advisor.api.schema import DraftProfileSerializer
from advisor.api.serializers import AssessmentSerializer, AssessmentUpdateSerializer
from advisor.api.views.base import AssessmentView
from advisor.questionnaire import services
from advisor.questionnaire.selectors import assessments_visible_to

ETAG = OpenApiParameter(
    "ETag",
    location=OpenApiParameter.HEADER,
    response=[200],
    required=True,
    description="The assessment's entity tag: send it back in If-Match to change the assessment.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "The ETag of the assessment as you read it. Answers saved in the meantime do not change it; a "
        "colleague's rename or a submission does (412: read it again)."
    ),
)
SUBMITTED = "assessment-submitted"


@extend_schema_view(get=extend_schema(summary="The assessments you see, newest first"))
class AssessmentList(generics.ListAPIView):
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    ordering_fields = ["created_at", "title", "submitted_at"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return (
            assessments_visible_to(self.request.user)
            .select_related("organization", "catalog_version")
            .only(
                "id",
                "title",
                "status",
                "origin",
                "created_at",
                "submitted_at",
                "organization",
                "organization__slug",
                "catalog_version",
                "catalog_version__number",
            )
        )


class AssessmentDetail(AssessmentView):
    serializer_class = AssessmentSerializer
    problem_statuses = {"PATCH": [409, 412, 428]}

    @extend_schema(summary="An assessment", parameters=[ETAG])
    def get(self, request, pk: int):
        assessment = self.access.assessment
        data = AssessmentSerializer(assessment, context={"request": request}).data
        return Response(data, headers={"ETag": assessment_etag(assessment)})

    @extend_schema(
        summary="Rename a draft assessment",
        request=AssessmentUpdateSerializer,
        responses={200: AssessmentSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def patch(self, request, pk: int):
        assessment = self.access.assessment
        require_if_match(request, assessment_etag(assessment))
        change = AssessmentUpdateSerializer(data=request.data, partial=True)
        change.is_valid(raise_exception=True)
        if "title" in change.validated_data:
            try:
                services.assessment_rename(
                    assessment=assessment, title=change.validated_data["title"], base_title=assessment.title
                )
            except services.AssessmentLocked:
                raise Problem(
                    status_code=status.HTTP_409_CONFLICT,
                    kind=SUBMITTED,
                    detail="This assessment was submitted; its title and answers can no longer change.",
                ) from None
            except services.EditConflict:
                raise Problem(
                    status_code=status.HTTP_412_PRECONDITION_FAILED,
                    kind="precondition-failed",
                    detail="Someone renamed the assessment a moment ago; GET it again, then retry.",
                ) from None
        data = AssessmentSerializer(assessment, context={"request": request}).data
        return Response(data, headers={"ETag": assessment_etag(assessment)})


class AssessmentProfile(AssessmentView):
    @extend_schema(
        summary="Export the assessment's profile",
        responses={200: DraftProfileSerializer},
    )
    def get(self, request, pk: int):
        return Response(services.assessment_profile(self.access.assessment))


class AssessmentSubmit(AssessmentView):
    problem_statuses = {"POST": [409]}

    @extend_schema(
        summary="Submit the assessment (freezes its answers; it is then scored)",
        description=(
            "Submitting through the API confirms every section for you (the web app asks a person to "
            "confirm each one). Answers 409 while answers are missing or invalid: `errors` lists each "
            "by its answer key, as the review page does; and 409 when it was submitted already."
        ),
        request=None,
        responses={200: AssessmentSerializer},
    )
    def post(self, request, pk: int):
        try:
            with transaction.atomic():
                services.sections_confirm_all(
                    assessment=self.access.assessment,
                    user=self.access.user,
                    invitation=self.access.invitation,
                )
                assessment = services.assessment_submit(
                    assessment=self.access.assessment, user=self.access.user
                )
        except services.AssessmentLocked:
            raise Problem(
                status_code=status.HTTP_409_CONFLICT,
                kind=SUBMITTED,
                detail="This assessment was already submitted.",
            ) from None
        except services.NotReady as not_ready:
            raise Problem(
                status_code=status.HTTP_409_CONFLICT,
                kind="assessment-not-ready",
                detail=f"{len(not_ready.problems)} answer(s) still missing or invalid.",
                errors=field_errors((p.key, f"{p.label}: {p.message}") for p in not_ready.problems),
            ) from None
        return Response(AssessmentSerializer(assessment, context={"request": request}).data)
