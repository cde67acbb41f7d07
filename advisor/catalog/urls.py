from django.urls import path

from advisor.catalog import views

urlpatterns = [
    path("", views.ecosystems, name="catalog_ecosystems"),
    path("models/", views.models, name="catalog_models"),
    path("channels/", views.channels, name="catalog_channels"),
]
