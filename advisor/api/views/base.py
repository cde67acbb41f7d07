from rest_framework import generics

from advisor.api.conventions import AssessmentPermission
from advisor.questionnaire.selectors import AssessmentAccess


class AssessmentView(generics.GenericAPIView):
    """A view of one assessment (`pk` in the URL): `self.access` is how the request reaches it,
    as advisor.questionnaire.selectors.assessment_access answers."""

    permission_classes = [AssessmentPermission]
    rights: dict[str, str] = {}  # method -> the AssessmentAccess right it needs
    access: AssessmentAccess
