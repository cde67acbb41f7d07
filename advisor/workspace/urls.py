from django.urls import path

from advisor.workspace import client_views, views

app_name = "workspace"
urlpatterns = [
    path("firms/<slug:slug>/", views.firm_dashboard, name="firm"),
    path("firms/<slug:slug>/clients.csv", views.firm_dashboard_csv, name="firm_csv"),
    path("firms/<slug:slug>/panels/", views.firm_panels, name="firm_panels"),
    path("clients/<slug:slug>/", client_views.client_page, name="client"),
    path("clients/<slug:slug>/compare/", client_views.client_compare, name="compare"),
    path("clients/<slug:slug>/rename/", client_views.client_rename, name="client_rename"),
    path("clients/<slug:slug>/archive/", client_views.client_archive, name="client_archive"),
    path("clients/assessments/<int:pk>/rename/", client_views.assessment_rename, name="assessment_rename"),
    path("clients/assessments/<int:pk>/archive/", client_views.assessment_archive, name="assessment_archive"),
]
