"""A coordinator creates an API token, copies it from the one page that shows it,
and revokes it; every state of the pages passes axe."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from api.models import ApiToken, secret_hash
from tests.browser.pages import COORDINATOR, Demo, url_for
from tests.browser.test_accessibility import Audit, log_in_as

pytestmark = pytest.mark.browser


def test_coordinator_creates_copies_and_revokes_a_token(live_server, page):
    call_command("seed_demo", stdout=StringIO())
    demo, audit = Demo(), Audit(COORDINATOR)
    log_in_as(page, live_server.url, COORDINATOR)
    page.goto(live_server.url + url_for("api:token_create", demo, ("kommun",)))
    page.get_by_role("button", name="Skapa nyckeln").click()
    page.wait_for_load_state()
    audit.check(page, "api:token_create (no name)")
    page.get_by_label("Namn").fill("Kommunens webbplats")
    page.get_by_role("button", name="Skapa nyckeln").click()
    page.get_by_role("heading", name="API-nyckeln har skapats").wait_for()
    audit.check(page, "the new token, shown once")
    secret = page.get_by_label("Nyckeln ”Kommunens webbplats”").input_value()
    token = ApiToken.objects.get(secret_hash=secret_hash(secret))
    page.get_by_role("link", name="Tillbaka till API-nycklarna").click()
    audit.check(page, "api:token_list with an active token")
    assert secret not in page.content()
    page.get_by_role("button", name="Återkalla").click()
    page.get_by_text("har återkallats").wait_for()
    audit.check(page, "api:token_list with a revoked token")
    token.refresh_from_db()
    assert token.is_revoked
    audit.assert_clean()
