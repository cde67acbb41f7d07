"""The database cache's table, created by `migrate` so no deployment step can forget it.

Without REDIS_URL the cache (rate-limit counts, the health check's last ping) is a database
table (settings.CACHES); with Redis, createcachetable has nothing to do.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
