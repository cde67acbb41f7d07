from django.urls import path

from advisor.workspace import views

app_name = "workspace"
urlpatterns = [
    path("firms/<slug:slug>/", views.firm_dashboard, name="firm"),
    path("firms/<slug:slug>/clients.csv", views.firm_dashboard_csv, name="firm_csv"),
    path("firms/<slug:slug>/panels/", views.firm_panels, name="firm_panels"),
]
