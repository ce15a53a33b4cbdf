"""A coordinator logs in with the kommun's account (OpenID Connect) in a real
browser: our login page, the identity provider's page (oidc-provider-mock, in a
thread of the test process), back to the start page; and logs out, at the provider
too, back to our login page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oidc_provider_mock import run_server_in_thread

from tests.browser.axe import run_axe
from tests.browser.conftest import screenshot
from tests.intkommun.test_sso import EMAIL, configure, set_provider_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider():
    with run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


def test_an_sso_login_lands_the_coordinator_on_the_start_page(
    live_server, page, settings, provider
):
    call_command("seed_demo", stdout=StringIO())
    get_user_model().objects.filter(username="skara.samordnare").update(email=EMAIL)
    configure(settings, provider)
    set_provider_user(provider, "anna")

    page.goto(f"{live_server.url}/konto/logga-in/")
    assert run_axe(page) == []  # the login page with its SSO button
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.get_by_placeholder("sub").fill("anna")  # the provider's own page
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url(f"{live_server.url}/")
    header = page.get_by_test_id("dashboard-header").first
    assert header.locator("h2").inner_text() == "Skara kommun"
    assert header.get_by_test_id("role").inner_text() == "Samordnare"
    screenshot(page, "sso-start-page")


def test_an_unknown_person_is_told_in_swedish_and_not_logged_in(
    live_server, page, settings, provider
):
    call_command("seed_demo", stdout=StringIO())
    configure(settings, provider)
    set_provider_user(provider, "okand", email="okand@exempel.invalid")

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.get_by_placeholder("sub").fill("okand")
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url("**/konto/logga-in/**")
    assert "Det finns ingen användare med e-postadressen i ditt kommunkonto" in (
        page.content()
    )
    assert get_user_model().objects.filter(email="okand@exempel.invalid").count() == 0
    screenshot(page, "sso-unknown-person")


def test_logging_out_ends_the_session_at_the_provider_and_returns_to_login(
    live_server, page, settings, provider
):
    call_command("seed_demo", stdout=StringIO())
    get_user_model().objects.filter(username="skara.samordnare").update(email=EMAIL)
    configure(settings, provider)
    set_provider_user(provider, "anna")
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.get_by_placeholder("sub").fill("anna")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{live_server.url}/")

    page.locator(".user-menu").click()
    page.get_by_role("button", name="Logga ut").click()

    # The provider's page (the form's redirect is allowed by our CSP), with the
    # id_token of the login as hint and our login page to come back to.
    page.wait_for_url(f"{provider}/oauth2/end_session?**")
    assert "Recommended parameter" not in page.content()  # id_token_hint was sent
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{live_server.url}/konto/logga-in/")
    page.goto(f"{live_server.url}/")
    assert "/konto/logga-in/" in page.url  # logged out here too
