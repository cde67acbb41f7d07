from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "advisor.core"

    def ready(self) -> None:
        # Create the Celery app with Django so @shared_task and .delay() use its settings.
        import advisor.celery  # noqa: F401

        # Registers our deploy checks.
        from advisor.core import checks  # noqa: F401
