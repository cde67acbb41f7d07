"""Load the shipped fixtures into the database; safe to run on every start.

Each step is idempotent: the catalog is published only when its content changed,
the scoring model is trained only when no model is active for the catalog.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the catalog and questionnaire fixtures and train a scoring model if none is active."

    def handle(self, *args, **options):
        steps = [
            ("Vendor catalog and questionnaire", "import_catalog", [str(settings.FIXTURES_DIR / "catalog")]),
            ("Scoring model", "train_model", ["--if-missing"]),
        ]
        for label, command, command_args in steps:
            self.stdout.write(f"• {label}")
            call_command(command, *command_args, stdout=self.stdout, stderr=self.stderr)
