from django.urls import path

from advisor.workspace import client_views as views

app_name = "workspace"
urlpatterns = [
    path("clients/<slug:slug>/", views.client_page, name="client"),
    path("clients/<slug:slug>/compare/", views.client_compare, name="compare"),
    path("clients/<slug:slug>/rename/", views.client_rename, name="client_rename"),
    path("clients/<slug:slug>/archive/", views.client_archive, name="client_archive"),
    path("clients/assessments/<int:pk>/rename/", views.assessment_rename, name="assessment_rename"),
    path("clients/assessments/<int:pk>/archive/", views.assessment_archive, name="assessment_archive"),
]
