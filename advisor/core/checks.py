"""Deployment checks of our own, run by `manage.py check --deploy` next to Django's.

(Django itself refuses a development email backend there: mail.E001.)
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

NOT_SHARED = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs) -> list[Warning]:
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in NOT_SHARED:
        return [
            Warning(
                f"The cache ({backend}) is not shared between processes: each web worker would "
                "count rate limits on its own.",
                hint="Set REDIS_URL, or keep the default database cache.",
                id="advisor.W002",
            )
        ]
    return []
