"""The published catalog versions, read-only: a list, and one version's canonical document."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from advisor.api.serializers import CatalogVersionDocumentSerializer, CatalogVersionSerializer
from advisor.catalog.models import CatalogVersion
from advisor.catalog.services import catalog_version_document


@extend_schema_view(get=extend_schema(summary="The published catalog versions, newest first"))
class CatalogVersionList(generics.ListAPIView):
    serializer_class = CatalogVersionSerializer
    ordering_fields = ["number", "published_at"]
    ordering = ["-number"]

    def get_queryset(self):
        return CatalogVersion.objects.published().defer("questionnaire", "metadata")


class CatalogVersionDetail(generics.GenericAPIView):
    serializer_class = CatalogVersionDocumentSerializer

    @extend_schema(summary="A published catalog version, as its canonical document")
    def get(self, request, number: int):
        version = get_object_or_404(CatalogVersion.objects.published(), number=number)
        context = {"request": request, "document": catalog_version_document(version)}
        return Response(CatalogVersionDocumentSerializer(version, context=context).data)
