"""An assessment's score (with its catalog and model versions) and its recorded migration outcomes."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from advisor.api.filters import OutcomeFilter
from advisor.api.idempotency import idempotent
from advisor.api.problems import VALIDATION, Problem, field_errors
from advisor.api.schema import IDEMPOTENCY_KEY
from advisor.api.serializers import OutcomeSerializer, ScoreSerializer
from advisor.api.views.base import AssessmentView
from advisor.scoring import services
from advisor.scoring.models import MigrationOutcome, Score


class AssessmentScore(AssessmentView):
    rights = {"GET": "can_see_results"}
    serializer_class = ScoreSerializer

    @extend_schema(
        summary="The assessment's scores",
        description="404 until the assessment is submitted and scored (scoring needs an active model).",
    )
    def get(self, request, pk: int):
        assessment = self.access.assessment
        score = (
            Score.objects.select_related("catalog_version", "scoring_model")
            .defer("catalog_version__questionnaire", "catalog_version__metadata")
            .defer("scoring_model__artifact", "scoring_model__card")
            .filter(assessment=assessment)
            .first()
        )
        if score is None:
            raise not_scored(assessment, status.HTTP_404_NOT_FOUND)
        return Response(ScoreSerializer(score).data)


def not_scored(assessment, status_code: int) -> Problem:
    why = (
        "it is waiting for a scoring model (an administrator runs train_model)"
        if assessment.is_submitted
        else "it is a draft: submit it first"
    )
    return Problem(status_code=status_code, kind="not-scored", detail=f"No score yet: {why}.")


class AssessmentOutcomes(mixins.ListModelMixin, AssessmentView):
    """Real migrations, recorded by the organization's admins and its firm's consultants; the next
    training run learns from them."""

    rights = {"GET": "can_manage", "POST": "can_manage"}
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    ordering_fields = ["created_at", "ecosystem"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MigrationOutcome.objects.none()
        return MigrationOutcome.objects.filter(assessment=self.access.assessment).select_related(
            "recorded_by"
        )

    @extend_schema(summary="The migration outcomes recorded for the assessment")
    def get(self, request, pk: int):
        return self.list(request)

    @extend_schema(
        summary="Record a real migration outcome of a submitted assessment",
        request=OutcomeSerializer,
        responses={201: OutcomeSerializer},
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent
    def post(self, request, pk: int):
        form = OutcomeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            outcome = services.outcome_record(
                assessment=self.access.assessment, user=request.user, **form.validated_data
            )
        except services.OutcomeInvalid as invalid:
            raise Problem(
                status_code=status.HTTP_400_BAD_REQUEST,
                kind=VALIDATION,
                detail=f"The outcome was not recorded: {invalid}",
                errors=field_errors(invalid.errors),
            ) from None
        return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)
