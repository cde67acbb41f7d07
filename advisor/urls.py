from django.contrib import admin
from django.urls import include, path

from advisor.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("catalog/", include("advisor.catalog.urls")),
    path("", include("advisor.questionnaire.urls")),
    path("", include("advisor.scoring.urls")),
    path("", include("advisor.accounts.urls")),
]
