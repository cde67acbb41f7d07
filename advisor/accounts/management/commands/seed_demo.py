"""Demo users for a fresh install: an admin, a consultant with two clients, a CTO.

Creates only what does not exist yet, so `make run` can call it every time; prints
the credentials either way.
"""

from django.core.management.base import BaseCommand

from advisor.accounts.models import (
    Firm,
    FirmMembership,
    Organization,
    OrganizationMembership,
    User,
)

DEMO_PASSWORD = "lockin-demo"
ADMIN = "admin@example.com"
CONSULTANT = "consultant@example.com"
CTO = "cto@example.com"


class Command(BaseCommand):
    help = "Create the demo accounts (admin, consultant with two clients, CTO) when missing."

    def handle(self, *args, **options):
        self._user(ADMIN, "Ada", "Admin", is_staff=True, is_superuser=True)
        consultant = self._user(CONSULTANT, "Cora", "Consultant")
        cto = self._user(CTO, "Theo", "CTO")

        firm, _ = Firm.objects.get_or_create(slug="meridian-advisory", defaults={"name": "Meridian Advisory"})
        FirmMembership.objects.get_or_create(
            user=consultant, firm=firm, defaults={"role": FirmMembership.Role.ADMIN}
        )
        for slug, name in [("northwind-bank", "Northwind Bank"), ("contoso-health", "Contoso Health")]:
            Organization.objects.get_or_create(slug=slug, defaults={"name": name, "firm": firm})

        own, _ = Organization.objects.get_or_create(slug="fabrikam", defaults={"name": "Fabrikam Retail"})
        OrganizationMembership.objects.get_or_create(
            user=cto, organization=own, defaults={"role": OrganizationMembership.Role.ADMIN}
        )

        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        self.stdout.write(f"  admin       {ADMIN}  (catalog admin, /admin/)")
        self.stdout.write(f"  consultant  {CONSULTANT}  (Meridian Advisory and its demo clients)")
        self.stdout.write(f"  CTO         {CTO}  (Fabrikam Retail)")

    def _user(self, email: str, first: str, last: str, **flags) -> User:
        user, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first, "last_name": last, **flags}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user
