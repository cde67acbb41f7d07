from django.urls import path

from advisor.reports import views

app_name = "reports"
urlpatterns = [
    path("assessments/<int:pk>/reports/", views.report_create, name="create"),
    path("assessments/<int:pk>/reports/panel/", views.report_panel, name="panel"),
    path("assessments/<int:pk>/reports/<int:report_id>/retry/", views.report_retry, name="retry"),
    path("assessments/<int:pk>/reports/<int:report_id>/download/", views.report_download, name="download"),
    path("firms/<slug:slug>/reports/", views.batch_create, name="batch_create"),
    path("firms/<slug:slug>/reports/<int:batch_id>/", views.batch_detail, name="batch"),
    path("firms/<slug:slug>/reports/<int:batch_id>/download/", views.batch_download, name="batch_download"),
]
