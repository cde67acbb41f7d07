from django.contrib import admin
from django.urls import include, path

from advisor.accounts import views as accounts_views

urlpatterns = [
    path("", include("advisor.core.urls")),
    path("admin/", admin.site.urls),
    # Ours first: sign-in by email (with the lockout), rate-limited reset with our email.
    path("accounts/login/", accounts_views.sign_in, name="login"),
    path("accounts/password_reset/", accounts_views.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("catalog/", include("advisor.catalog.urls")),
    path("", include("advisor.questionnaire.urls")),
    path("", include("advisor.scoring.urls")),
    path("", include("advisor.reports.urls")),
    path("", include("advisor.workspace.urls")),
    path("", include("advisor.accounts.urls")),
    path("api/v1/", include("advisor.api.urls")),
    path("account/", include("advisor.api.account_urls")),
]

# Under /api/ a URL that matches no route answers with a problem document, not an HTML page.
handler404 = "advisor.api.problems.page_not_found"
