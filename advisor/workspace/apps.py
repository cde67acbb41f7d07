from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "advisor.workspace"

    def ready(self) -> None:
        from advisor.workspace import receivers  # noqa: F401 - connects the signal receivers
