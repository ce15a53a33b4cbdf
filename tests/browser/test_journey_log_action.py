"""Journey 1 of DESIGN §1: a coordinator logs progress on an action and sees it
on the start page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from actions.models import Action, ActionUpdate
from intkommun.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_finds_europaveckan_logs_an_update_and_sees_the_status(
    live_server, page
):
    call_command("seed_demo", stdout=StringIO())
    log_in(page, live_server.url, "skara.samordnare", DEMO_PASSWORD)

    page.get_by_role("link", name="Åtgärder", exact=True).first.click()
    page.get_by_label("Sök", exact=True).fill("Europaveckan")
    page.get_by_role("button", name="Filtrera").click()
    page.get_by_role("link", name="Genomföra Europaveckan", exact=False).click()

    page.get_by_label("Datum").fill("2017-05-12")
    page.get_by_label("Vad som hänt").fill(
        "Europaveckan genomförd med V6 och Europa Direkt."
    )
    page.get_by_label("Ny status").select_option(label="Genomförd")
    page.get_by_label("Antal deltagare").fill("140")
    page.get_by_label("Varav unga (under 26 år)").fill("60")
    page.get_by_role("button", name="Logga uppdatering").click()

    log = page.locator("#progress-log")
    log.get_by_text("Europaveckan genomförd med V6").wait_for()
    assert "140 deltagare" in log.inner_text()
    screenshot(page, "journey1-action-logged")

    page.get_by_role("link", name="Åtgärder", exact=True).first.click()
    page.get_by_label("Sök", exact=True).fill("Europaveckan")
    page.get_by_role("button", name="Filtrera").click()
    row = page.get_by_role("row", name="Genomföra Europaveckan")
    assert "Genomförd" in row.inner_text()
    assert "12 maj 2017" in row.inner_text()
    screenshot(page, "journey1-list")

    page.get_by_role("link", name="intkommun").click()
    latest = page.get_by_test_id("latest-updates")
    assert "Europaveckan genomförd med V6 och Europa Direkt." in latest.inner_text()
    assert "Genomförd" in latest.locator("li").first.inner_text()
    overdue = page.get_by_role("region", name="Försenade åtgärder")
    assert "Genomföra Europaveckan" not in overdue.inner_text()
    screenshot(page, "journey1-dashboard")

    action = Action.objects.get(title__startswith="Genomföra Europaveckan")
    assert action.status == "done"
    update = ActionUpdate.objects.get(action=action, participants=140)
    assert update.young_participants == 60
    assert update.author.username == "skara.samordnare"
