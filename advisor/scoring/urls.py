from django.urls import path

from advisor.scoring import views

app_name = "scoring"
urlpatterns = [
    path("assessments/<int:pk>/results/", views.assessment_results, name="results"),
    path("methodology/", views.methodology, name="methodology"),
    path("assessments/<int:pk>/outcomes/", views.outcome_record, name="outcome_record"),
    path("assessments/<int:pk>/score/", views.score_retry, name="score_retry"),
]
