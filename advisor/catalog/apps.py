from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "advisor.catalog"
    verbose_name = "Vendor catalog"
