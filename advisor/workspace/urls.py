from django.urls import path

from advisor.workspace import client_views, plan_views, views

app_name = "workspace"
urlpatterns = [
    # The firm dashboard.
    path("firms/<slug:slug>/", views.firm_dashboard, name="firm"),
    path("firms/<slug:slug>/clients.csv", views.firm_dashboard_csv, name="firm_csv"),
    path("firms/<slug:slug>/panels/", views.firm_panels, name="firm_panels"),
    # A client's page: its assessments over time, comparisons, renaming and archiving.
    path("clients/<slug:slug>/", client_views.client_page, name="client"),
    path("clients/<slug:slug>/compare/", client_views.client_compare, name="compare"),
    path("clients/<slug:slug>/rename/", client_views.client_rename, name="client_rename"),
    path("clients/<slug:slug>/archive/", client_views.client_archive, name="client_archive"),
    path("clients/assessments/<int:pk>/rename/", client_views.assessment_rename, name="assessment_rename"),
    path("clients/assessments/<int:pk>/archive/", client_views.assessment_archive, name="assessment_archive"),
    # The improvement plan and the what-if of a scored assessment (its results page's panel).
    path("assessments/<int:pk>/plan/items/", plan_views.plan_item_accept, name="plan_item_accept"),
    path(
        "assessments/<int:pk>/plan/items/<int:item_id>/", plan_views.plan_item_update, name="plan_item_update"
    ),
    path(
        "assessments/<int:pk>/plan/items/<int:item_id>/remove/",
        plan_views.plan_item_remove,
        name="plan_item_remove",
    ),
    path("assessments/<int:pk>/plan/milestones/", plan_views.milestone_create, name="milestone_create"),
    path(
        "assessments/<int:pk>/plan/milestones/<int:milestone_id>/",
        plan_views.milestone_detail,
        name="milestone_detail",
    ),
    path("assessments/<int:pk>/plan/scenarios/", plan_views.scenario_save, name="scenario_save"),
    path("assessments/<int:pk>/whatif/", plan_views.whatif, name="whatif"),
]
