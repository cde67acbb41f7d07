app_name = "workspace"

# The firm dashboard, client pages, comparisons, plans and what-if come here (issue 12).
urlpatterns: list = []
