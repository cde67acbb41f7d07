from django.urls import path

from advisor.scoring import views

urlpatterns = [
    path("assessments/<int:pk>/results/", views.assessment_results, name="assessment_results"),
    path("assessments/<int:pk>/outcomes/", views.outcome_record, name="outcome_record"),
]
