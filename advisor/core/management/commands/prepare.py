"""Everything `make run` does before serving, in one process (one Django start-up, not four)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files, load fixtures, create the demo accounts and clients (idempotent)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0, stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0, stdout=self.stdout)
        call_command("load_fixtures", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo", stdout=self.stdout)
        call_command("seed_demo_portfolio", stdout=self.stdout)
