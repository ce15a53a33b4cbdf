"""Journey 1 of DESIGN §1 with the keyboard only: after opening the login page the
coordinator never uses a mouse. Every stop on the way must show focus."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from actions.models import Action, ActionUpdate
from intkommun.demo import DEMO_PASSWORD
from tests.browser.conftest import screenshot
from tests.browser.keyboard import (
    assert_focus_visible,
    has_focus,
    skip_to_main,
    tab_to,
    type_date,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

ACTION = "Genomföra Europaveckan"
TEXT = "Europaveckan genomförd med V6 och Europa Direkt, utan mus."


def log_in_with_the_keyboard(page, base_url: str) -> None:
    page.goto(f"{base_url}/konto/logga-in/")
    type_into(page, page.get_by_label("Användarnamn"), "skara.samordnare")
    type_into(page, page.get_by_label("Lösenord"), DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/")


def search_for_the_action(page, base_url: str) -> None:
    """From the start page, through the header's search box, to the action."""
    page.keyboard.press("Tab")
    assert has_focus(page.get_by_role("link", name="Hoppa till innehållet"))
    assert_focus_visible(page)
    type_into(
        page, page.get_by_role("searchbox", name="Sök i registret"), "Europaveckan"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=Europaveckan"))

    skip_to_main(page)
    tab_to(page, page.locator("main").get_by_role("link", name=ACTION).first)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=ACTION).wait_for()


def log_progress(page) -> None:
    skip_to_main(page)
    date_field = page.get_by_label("Datum")
    tab_to(page, date_field)
    type_date(page, date_field, datetime.date(2017, 5, 12))

    status = page.get_by_label("Ny status")
    tab_to(page, status)
    # A closed select picks the option whose label starts with what is typed.
    page.keyboard.type("Genomf")
    assert status.evaluate("el => el.selectedOptions[0].label") == "Genomförd"

    type_into(page, page.get_by_label("Antal deltagare"), "140")
    type_into(page, page.get_by_label("Varav unga (under 26 år)"), "60")
    type_into(page, page.get_by_label("Vad som hänt"), TEXT)
    tab_to(page, page.get_by_role("button", name="Logga uppdatering"))
    page.keyboard.press("Enter")

    log = page.locator("#progress-log")
    log.get_by_text(TEXT).wait_for()
    assert "140 deltagare, varav 60 unga" in log.inner_text()
    assert "Ny status: Genomförd" in log.inner_text()
    # Focus stays in the log that was swapped in, and the page's status follows.
    # Moved there when htmx has settled the swap, a moment after the text shows.
    expect(page.get_by_role("heading", name="Logg", exact=True)).to_be_focused()
    assert "Genomförd" in page.locator("#action-status").inner_text()
    assert "Försenad" not in page.locator("#action-status").inner_text()
    screenshot(page, "keyboard-journey1-logged")


def find_it_in_the_action_list(page, base_url: str) -> None:
    nav = page.get_by_role("navigation", name="Huvudmeny")
    tab_to(page, nav.get_by_role("link", name="Åtgärder", exact=True), backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/atgarder/")

    skip_to_main(page)
    type_into(page, page.get_by_label("Sök", exact=True), "Europaveckan")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/atgarder/\?.*Europaveckan"))
    row = page.get_by_role("row", name=ACTION)
    assert "Genomförd" in row.inner_text()
    assert "12 maj 2017" in row.inner_text()
    screenshot(page, "keyboard-journey1-list")


def overdue_count(page) -> int:
    return int(page.get_by_test_id("overdue-count").inner_text())


def see_it_on_the_dashboard(page, base_url: str, overdue_before: int) -> None:
    header = page.locator("header")
    brand = header.get_by_role("link", name="intkommun", exact=True)
    tab_to(page, brand, backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/")
    latest = page.get_by_test_id("latest-updates")
    assert TEXT in latest.inner_text()
    assert "Genomförd" in latest.inner_text()
    # Done now, so no longer overdue (it ended in May 2017).
    assert overdue_count(page) == overdue_before - 1
    screenshot(page, "keyboard-journey1-dashboard")


def test_coordinator_logs_europaveckan_with_the_keyboard_only(live_server, page):
    call_command("seed_demo", stdout=StringIO())
    assert Action.objects.get(title__startswith=ACTION).is_overdue
    log_in_with_the_keyboard(page, live_server.url)
    overdue_before = overdue_count(page)
    search_for_the_action(page, live_server.url)
    log_progress(page)
    find_it_in_the_action_list(page, live_server.url)
    see_it_on_the_dashboard(page, live_server.url, overdue_before)

    action = Action.objects.get(title__startswith=ACTION)
    assert action.status == "done"
    update = ActionUpdate.objects.get(action=action, text=TEXT)
    assert update.occurred_on == datetime.date(2017, 5, 12)
    assert (update.participants, update.young_participants) == (140, 60)
    assert update.new_status == "done"
    assert update.author.username == "skara.samordnare"
