from django.urls import path

from advisor.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.ecosystems, name="ecosystems"),
    path("models/", views.models, name="models"),
    path("channels/", views.channels, name="channels"),
]
