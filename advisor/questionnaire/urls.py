from django.urls import path

from advisor.questionnaire import filling_views, views

app_name = "questionnaire"
urlpatterns = [
    # An organization's page belongs here: it lists the organization's assessments.
    path("orgs/<slug:slug>/", views.organization_home, name="organization"),
    path("orgs/<slug:slug>/members/", views.organization_add_member, name="organization_add_member"),
    path("orgs/<slug:slug>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("orgs/<slug:slug>/assessments/import/", views.assessment_import, name="assessment_import"),
    path("assessments/<int:pk>/", filling_views.assessment_start, name="assessment"),
    path(
        "assessments/<int:pk>/sections/<slug:section>/",
        filling_views.assessment_section,
        name="assessment_section",
    ),
    path("assessments/<int:pk>/answer/", filling_views.answer_save, name="answer_save"),
    path("assessments/<int:pk>/review/", views.assessment_review, name="assessment_review"),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/profile.json", views.assessment_export, name="assessment_export"),
    path("assessments/<int:pk>/invitations/", views.invitation_create, name="invitation_create"),
    path(
        "assessments/<int:pk>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "assessments/<int:pk>/invitations/<int:invitation_id>/results/",
        views.invitation_results,
        name="invitation_results",
    ),
    path("invite/<str:token>/", views.invitation_open, name="invitation_open"),
]
