import pytest

from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_cto_sees_their_organization_and_nothing_else(page, personas, screenshot):
    sign_in(page, personas.cto.username, PASSWORD)
    assert page.get_by_role("heading", name="Fabrikam Retail").is_visible()
    navigation = page.get_by_role("navigation", name="Main")
    assert navigation.get_by_role("link", name="Fabrikam Retail").is_visible()
    assert navigation.get_by_text("Northwind Bank").count() == 0
    screenshot(page, "cto-home")
    assert page.console_errors == []

    response = page.goto(f"/orgs/{personas.client_a1.slug}/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()


def test_a_consultant_sees_their_clients_and_not_another_firms(page, personas, screenshot):
    sign_in(page, personas.consultant_a.username, PASSWORD)
    assert page.get_by_role("heading", name="Alpha Advisory").is_visible()
    clients = page.get_by_role("region", name="Clients")
    assert clients.get_by_role("link", name="Northwind Bank").is_visible()
    assert clients.get_by_role("link", name="Contoso Health").is_visible()
    assert page.get_by_text("Globex").count() == 0
    screenshot(page, "consultant-firm")

    clients.get_by_role("link", name="Northwind Bank").click()
    assert page.get_by_role("heading", name="Northwind Bank").is_visible()
    assert page.console_errors == []
    assert page.goto(f"/orgs/{personas.client_b.slug}/").status == 404
    assert page.goto(f"/firms/{personas.firm_b.slug}/").status == 404
    screenshot(page, "consultant-forbidden")
