from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisor.catalog.services import CatalogInvalid, catalog_import, catalog_publish_warnings


class Command(BaseCommand):
    help = (
        "Validate a catalog fixture folder (docs/catalog-format.md) and publish it as a new "
        "catalog version when its content changed. On any error, list every problem, change "
        "nothing and exit non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the folder, e.g. fixtures/catalog")

    def handle(self, *args, path: Path, **options):
        if not path.is_dir():
            raise CommandError(f"{path}: not a folder")
        try:
            result = catalog_import(path=path)
        except CatalogInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(invalid.errors)} problem(s) in {path}; nothing was imported.") from None
        version = result.version
        if result.created:
            self.stdout.write(f"Published catalog {version.label} ({version.content_hash[:12]}).")
            for warning in catalog_publish_warnings(version=version):
                self.stderr.write(warning)
        else:
            self.stdout.write(f"Catalog unchanged: {version.label} is active ({version.content_hash[:12]}).")
