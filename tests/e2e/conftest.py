"""Playwright driving Debian's chromium, headless, against pytest-django's live server."""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.reports.conftest import active_model, scored, small_model  # noqa: F401 - report fixtures

# Playwright's sync API runs an event loop in this thread; the ORM calls our tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    return shutil.which("chromium") or (("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else None)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    require_service(executable is not None, "Debian's chromium (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.console_errors = console_errors
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "step") saves test-artifacts/e2e/<test>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^a-z0-9_]+", "-", request.node.name.lower())

    def take(page, step: str) -> Path:
        path = ARTIFACTS / f"{test_name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
