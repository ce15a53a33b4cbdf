"""Every demo user logs in through the real login form and lands on a Swedish start page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from intkommun.demo import DEMO_PASSWORD, KOMMUNER
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

ROLE_LABELS = {"coordinator": "Samordnare", "reporter": "Rapportör", "reader": "Läsare"}


def test_chromium_launches_and_renders_a_page(page):
    page.set_content("<main><h1>Hej världen</h1></main>")
    assert page.inner_text("h1") == "Hej världen"


def test_each_demo_user_lands_on_a_swedish_start_page_with_kommun_and_role(
    live_server, page
):
    call_command("seed_demo", stdout=StringIO())
    for demo in KOMMUNER:
        for demo_user in demo.users:
            log_in(page, live_server.url, demo_user.username, DEMO_PASSWORD)
            header = page.get_by_test_id("dashboard-header").first
            assert page.locator("html").get_attribute("lang") == "sv"
            assert header.locator("h2").inner_text() == demo.name
            assert (
                header.get_by_test_id("role").inner_text()
                == ROLE_LABELS[demo_user.role]
            )
            if demo_user.username in {"skara.samordnare", "skara.buf", "skara.lasare"}:
                screenshot(page, f"start-{demo_user.username}")
            page.get_by_role("button", name=demo_user.first_name).click()
            page.get_by_role("button", name="Logga ut").click()
            assert "/konto/logga-in/" in page.url


def test_a_wrong_password_gives_a_swedish_error_and_no_session(live_server, page):
    call_command("seed_demo", stdout=StringIO())
    log_in(page, live_server.url, "skara.samordnare", "fel-lösenord")
    assert "/konto/logga-in/" in page.url
    assert "Ange ett korrekt användarnamn och lösenord" in page.content()
