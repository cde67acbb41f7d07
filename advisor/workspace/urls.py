from django.urls import path

from advisor.workspace import plan_views

app_name = "workspace"

# The firm dashboard, client pages, comparisons, plans and what-if come here (issue 12).
urlpatterns: list = [
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
