from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "advisor.scoring"

    def ready(self) -> None:
        from advisor.scoring import receivers  # noqa: F401 - connects the signal receivers
