from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "advisor.reports"

    def ready(self) -> None:
        from advisor.reports import receivers  # noqa: F401 - connects the signal receivers
