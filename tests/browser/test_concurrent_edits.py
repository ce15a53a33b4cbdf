"""Two people, two browser sessions, one object: nobody's work is silently lost.

Each test opens the same form in two sessions, saves in the first, then saves the
stale form in the second. Either both people's changes are kept, or the second
person sees the conflict with the first person's value and keeps what they typed.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from actions.models import Action, Status
from intkommun.demo import DEMO_PASSWORD
from reports.models import AnnualReport
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

COORDINATOR = "skara.samordnare"
REPORTER = "skara.buf"
BUF = "Barn- och utbildningsförvaltningen"


@pytest.fixture
def sessions(browser, live_server):
    """A page for the coordinator and one for the reporter, each its own session."""
    call_command("seed_demo", stdout=StringIO())
    pages = {}
    for username in (COORDINATOR, REPORTER):
        context = browser.new_context(
            locale="sv-SE", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        pages[username] = page
    yield pages
    for page in pages.values():
        page.context.close()


def full_name(username: str) -> str:
    return get_user_model().objects.get(username=username).get_full_name()


def reporters_action() -> Action:
    reporter = get_user_model().objects.get(username=REPORTER)
    return Action.objects.editable_by(reporter).order_by("pk").first()


def open_edit_form(page, base_url: str, action: Action) -> None:
    page.goto(f"{base_url}/atgarder/{action.pk}/andra/")
    page.get_by_role("heading", level=1).wait_for()


def save(page) -> None:
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_load_state()


def test_two_people_editing_one_action_keep_both_changes_or_see_the_conflict(
    sessions, live_server
):
    coordinator, reporter = sessions[COORDINATOR], sessions[REPORTER]
    action = reporters_action()
    original_title = action.title

    # Different fields: both are kept, and the reporter is told what was merged.
    open_edit_form(coordinator, live_server.url, action)
    open_edit_form(reporter, live_server.url, action)
    coordinator.locator("#id_title").fill(original_title + " (reviderad)")
    save(coordinator)
    reporter.get_by_label("Beskrivning").fill("Rapportörens beskrivning.")
    save(reporter)

    action.refresh_from_db()
    assert action.title == original_title + " (reviderad)"
    assert action.description == "Rapportörens beskrivning."
    notice = reporter.get_by_role("status").filter(has_text="Medan du redigerade")
    assert full_name(COORDINATOR) in notice.inner_text()

    # The same field: nothing is saved, the reporter sees the coordinator's value
    # beside their own typed text, and saving again is their conscious choice.
    open_edit_form(coordinator, live_server.url, action)
    open_edit_form(reporter, live_server.url, action)
    coordinator.get_by_label("Beskrivning").fill("Samordnarens beskrivning.")
    save(coordinator)
    reporter.get_by_label("Beskrivning").fill("Rapportörens nya beskrivning.")
    save(reporter)

    page_text = reporter.locator("main").inner_text()
    assert "Inget har sparats" in page_text
    assert full_name(COORDINATOR) in page_text
    assert "Samordnarens beskrivning." in page_text
    assert (
        reporter.get_by_label("Beskrivning").input_value()
        == "Rapportörens nya beskrivning."
    )
    screenshot(reporter, "conflict-action-form")
    action.refresh_from_db()
    assert action.description == "Samordnarens beskrivning."

    save(reporter)
    action.refresh_from_db()
    assert action.description == "Rapportörens nya beskrivning."


def test_a_stale_form_does_not_undo_the_status_a_progress_entry_set(
    sessions, live_server
):
    coordinator, reporter = sessions[COORDINATOR], sessions[REPORTER]
    action = reporters_action()
    assert action.status != Status.DONE

    open_edit_form(coordinator, live_server.url, action)
    reporter.goto(f"{live_server.url}/atgarder/{action.pk}/")
    reporter.get_by_label("Vad som hänt").fill("Genomfört med alla skolor.")
    reporter.get_by_label("Ny status").select_option(label="Genomförd")
    reporter.get_by_role("button", name="Logga uppdatering").click()
    reporter.locator("#progress-log").get_by_text(
        "Genomfört med alla skolor."
    ).wait_for()
    coordinator.get_by_label("Tidpunkt").fill("Hösten 2017")
    save(coordinator)

    action.refresh_from_db()
    assert action.status == Status.DONE
    assert action.timing_text == "Hösten 2017"


def open_buf_report(page, base_url: str, report: AnnualReport) -> None:
    page.goto(f"{base_url}/uppfoljning/redovisning/{report.pk}/")
    page.get_by_role("heading", name="Från registret").wait_for()


def test_two_people_editing_one_annual_report_keep_both_changes_or_see_the_conflict(
    sessions, live_server
):
    coordinator, reporter = sessions[COORDINATOR], sessions[REPORTER]
    report = AnnualReport.objects.get(
        organisation__name=BUF, status=AnnualReport.Status.DRAFT
    )

    open_buf_report(reporter, live_server.url, report)
    open_buf_report(coordinator, live_server.url, report)
    reporter.get_by_label("Resultat", exact=True).fill("Tjugo elever deltog.")
    reporter.get_by_role("button", name="Spara utkast").click()
    reporter.wait_for_load_state()
    coordinator.get_by_label("Behov", exact=True).fill("Stöd i ansökningsskrivande.")
    coordinator.get_by_role("button", name="Spara utkast").click()
    coordinator.wait_for_load_state()

    report.refresh_from_db()
    assert report.results == "Tjugo elever deltog."
    assert report.needs == "Stöd i ansökningsskrivande."

    open_buf_report(reporter, live_server.url, report)
    open_buf_report(coordinator, live_server.url, report)
    reporter.get_by_label("Resultat", exact=True).fill("Tjugofyra elever deltog.")
    reporter.get_by_role("button", name="Spara utkast").click()
    reporter.wait_for_load_state()
    coordinator.get_by_label("Resultat", exact=True).fill("Samordnarens version.")
    coordinator.get_by_role("button", name="Spara utkast").click()
    coordinator.wait_for_load_state()

    page_text = coordinator.locator("main").inner_text()
    assert "Inget har sparats" in page_text
    assert full_name(REPORTER) in page_text
    assert "Tjugofyra elever deltog." in page_text
    assert (
        coordinator.get_by_label("Resultat", exact=True).input_value()
        == "Samordnarens version."
    )
    screenshot(coordinator, "conflict-annual-report")
    report.refresh_from_db()
    assert report.results == "Tjugofyra elever deltog."
