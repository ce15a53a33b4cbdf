"""Journey 2 of DESIGN §1: a förvaltning files its annual report; the coordinator
returns it with a comment, the förvaltning fixes and resubmits it, the coordinator
approves it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from intkommun.demo import DEMO_PASSWORD
from reports.models import AnnualReport
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

BUF = "Barn- och utbildningsförvaltningen"
RETURN_COMMENT = "Beskriv vad elevutbytet gav eleverna och skolan."


def switch_user(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, base_url, username, DEMO_PASSWORD)


def open_buf_report_as_reporter(page) -> None:
    page.get_by_role("link", name="Uppföljning", exact=True).first.click()
    page.get_by_role("link", name="Min redovisning").click()
    page.get_by_role("link", name=BUF).click()


def open_buf_report_as_coordinator(page) -> None:
    page.get_by_role("link", name="Uppföljning", exact=True).first.click()
    page.get_by_role("link", name="Uppföljning 2017").click()
    page.get_by_role("link", name=BUF).click()


def status(page) -> str:
    return page.locator("#report-status").inner_text()


def test_reporter_files_coordinator_returns_reporter_resubmits_coordinator_approves(
    live_server, page
):
    call_command("seed_demo", stdout=StringIO())

    # The reporter finds the draft, pre-filled from the register, and files it.
    log_in(page, live_server.url, "skara.buf", DEMO_PASSWORD)
    open_buf_report_as_reporter(page)
    page.get_by_role("heading", name="Från registret").wait_for()
    assert "Utkast" in status(page)
    page.get_by_label("Aktivitetstyp").select_option(label="Transnationellt utbyte")
    page.get_by_label("Vad som gjordes").fill("Elevutbyte med Radviliskis")
    page.get_by_label("Antal deltagare").fill("24")
    page.get_by_label("Varav unga (under 26 år)").fill("20")
    page.get_by_label("Berörda länder").select_option("LT")
    page.get_by_label("Resultat", exact=True).fill("Tjugo elever deltog i utbytet.")
    achieved = page.get_by_label("Uppnått", exact=True)
    for index in range(achieved.count()):
        achieved.nth(index).check()
    page.get_by_role("button", name="Skicka in").click()
    page.get_by_text("Redovisningen har skickats in till samordnaren.").wait_for()
    assert "Inskickad" in status(page)
    assert page.locator("#report-form").count() == 0
    screenshot(page, "journey2-submitted")

    # The coordinator sees it as submitted and returns it with a comment.
    switch_user(page, live_server.url, "skara.samordnare")
    page.get_by_role("link", name="Uppföljning", exact=True).first.click()
    page.get_by_role("link", name="Uppföljning 2017").click()
    assert "Inskickad" in page.get_by_role("row", name=BUF).inner_text()
    page.get_by_role("link", name=BUF).click()
    page.get_by_label("Vad som ska ändras").fill(RETURN_COMMENT)
    page.get_by_role("button", name="Returnera med kommentar").click()
    page.get_by_text("Redovisningen har returnerats till organisationen").wait_for()
    assert "Returnerad" in status(page)
    screenshot(page, "journey2-returned")

    # The reporter reads the comment, fixes the report and submits it again.
    switch_user(page, live_server.url, "skara.buf")
    open_buf_report_as_reporter(page)
    assert RETURN_COMMENT in page.locator("#return-comment").inner_text()
    page.get_by_label("Resultat", exact=True).fill(
        "Tjugo elever deltog; de arbetade i internationella grupper och skolan "
        "har nu en partnerskola för fortsatta utbyten."
    )
    page.get_by_role("button", name="Skicka in").click()
    page.get_by_text("Redovisningen har skickats in till samordnaren.").wait_for()
    assert "Inskickad" in status(page)

    # The coordinator approves it; the facts from the register are frozen.
    switch_user(page, live_server.url, "skara.samordnare")
    open_buf_report_as_coordinator(page)
    page.get_by_role("button", name="Godkänn redovisningen").click()
    page.get_by_text("Redovisningen är godkänd.").wait_for()
    assert "Godkänd" in status(page)
    page.get_by_text("Som det var registrerat när redovisningen godkändes").wait_for()
    events = page.locator("#report-events").inner_text()
    for step in ("Skapad", "Inskickad", "Returnerad", "Godkänd"):
        assert step in events
    screenshot(page, "journey2-approved")

    report = AnnualReport.objects.get(
        round__kommun__name="Skara kommun", round__year=2017, organisation__name=BUF
    )
    assert report.status == "approved"
    assert report.results.startswith("Tjugo elever deltog; de arbetade")
    activity = report.activities.get()
    assert (activity.young_participants, activity.countries[0].code) == (20, "LT")
    assert {a.assessment for a in report.goal_assessments.all()} == {"achieved"}
    assert report.snapshot is not None
    steps = [
        (event.kind, event.by.username)
        for event in report.events.exclude(kind__in=["created", "saved"])
    ]
    assert steps == [
        ("submitted", "skara.buf"),
        ("returned", "skara.samordnare"),
        ("submitted", "skara.buf"),
        ("approved", "skara.samordnare"),
    ]
