from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisor.catalog.models import CatalogVersion
from advisor.catalog.services import catalog_export


class Command(BaseCommand):
    help = "Write a published catalog version (default: the active one) as a fixture folder."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="folder to write (created if missing)")
        parser.add_argument("--catalog-version", type=int, dest="number", help="version number, e.g. 3")

    def handle(self, *args, path: Path, number: int | None, **options):
        published = CatalogVersion.objects.published()
        version = published.filter(number=number).first() if number else published.active()
        if version is None:
            raise CommandError(f"No published catalog version {number or ''}".strip() + ".")
        catalog_export(version=version, path=path)
        self.stdout.write(f"Wrote catalog {version.label} to {path}/.")
