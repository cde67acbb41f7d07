"""Everything under /api/v1/. tests/api/test_permissions.py holds a row per route and method:
a route added here without its rows fails that test."""

from django.urls import path

from advisor.api.views import assessments, catalog, docs, organizations, reports, results

app_name = "api"
urlpatterns = [
    path("organizations/", organizations.OrganizationList.as_view(), name="organizations"),
    path("organizations/<slug:slug>/", organizations.OrganizationDetail.as_view(), name="organization"),
    path(
        "organizations/<slug:slug>/assessments/",
        organizations.OrganizationAssessmentCreate.as_view(),
        name="organization_assessments",
    ),
    path("assessments/", assessments.AssessmentList.as_view(), name="assessments"),
    path("assessments/<int:pk>/", assessments.AssessmentDetail.as_view(), name="assessment"),
    path("assessments/<int:pk>/profile/", assessments.AssessmentProfile.as_view(), name="assessment_profile"),
    path("assessments/<int:pk>/submit/", assessments.AssessmentSubmit.as_view(), name="assessment_submit"),
    path("assessments/<int:pk>/score/", results.AssessmentScore.as_view(), name="assessment_score"),
    path("assessments/<int:pk>/outcomes/", results.AssessmentOutcomes.as_view(), name="assessment_outcomes"),
    path("assessments/<int:pk>/reports/", reports.AssessmentReports.as_view(), name="assessment_reports"),
    path(
        "assessments/<int:pk>/reports/<int:report_id>/",
        reports.ReportDetail.as_view(),
        name="assessment_report",
    ),
    path(
        "assessments/<int:pk>/reports/<int:report_id>/pdf/",
        reports.ReportPdf.as_view(),
        name="assessment_report_pdf",
    ),
    path("report-batches/", reports.ReportBatchCreate.as_view(), name="report_batches"),
    path("report-batches/<int:pk>/", reports.ReportBatchDetail.as_view(), name="report_batch"),
    path(
        "report-batches/<int:pk>/archive/", reports.ReportBatchArchive.as_view(), name="report_batch_archive"
    ),
    path("catalog/versions/", catalog.CatalogVersionList.as_view(), name="catalog_versions"),
    path("catalog/versions/<int:number>/", catalog.CatalogVersionDetail.as_view(), name="catalog_version"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("profile.schema.json", docs.profile_schema_file, name="profile_schema"),
    path("profile-1.schema.json", docs.profile_format_1_schema_file, name="profile_format_1_schema"),
]
