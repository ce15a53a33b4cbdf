"""Issue 17: the coordinator of an empty kommun gets from nothing to a first open
follow-up with an invited reporter, guided by the start page, without Django admin.

The kommun and its coordinator are what a system administrator creates; every
step after that is the coordinator's, in the browser."""

from __future__ import annotations

import pytest
from django.core import mail

from intkommun.models import Membership, Organisation
from reports.models import FollowUpRound
from tests.browser.conftest import log_in, screenshot
from tests.factories import KommunFactory, member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "test-password"


def test_an_empty_kommuns_coordinator_opens_a_first_follow_up_with_an_invited_reporter(
    live_server, page
):
    kommun = KommunFactory(name="Exempelby kommun", short_name="Exempelby")
    member(kommun, Membership.Role.COORDINATOR, "exempelby.samordnare")
    log_in(page, live_server.url, "exempelby.samordnare", PASSWORD)

    steps = page.get_by_test_id("first-steps")
    steps.wait_for()
    screenshot(page, "first-day-start")
    assert steps.get_by_text("Att göra").count() == 5

    # Opening the follow-up first says what is missing, and links to it.
    page.get_by_role("link", name="Öppna en uppföljning").click()
    page.get_by_text("Lägg först till organisationerna som rapporterar").wait_for()
    page.get_by_role("link", name="Lägg till en organisation").click()
    page.get_by_label("Typ").select_option(label="förvaltning")
    page.get_by_label("Namn*").fill("Kultur- och fritidsförvaltningen")
    assert page.get_by_label("Ingår i").input_value() == str(kommun.pk)
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("Organisationen har skapats").wait_for()

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Bjud in en person").click()
    page.get_by_label("Förnamn").fill("Rut")
    page.get_by_label("Efternamn").fill("Exempel")
    page.get_by_label("E-postadress").fill("rut.exempel@exempel.invalid")
    forvaltning = Organisation.objects.get(name="Kultur- och fritidsförvaltningen")
    page.get_by_label("Organisation*").select_option(value=str(forvaltning.pk))
    page.get_by_label("Roll").select_option(label="rapportör")
    page.get_by_role("button", name="Skicka inbjudan").click()
    page.get_by_role("heading", name="Rut Exempel").wait_for()
    screenshot(page, "first-day-invited")

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Öppna en uppföljning").click()
    page.get_by_label("Sista dag").fill("2027-02-15")
    page.get_by_role("button", name="Öppna uppföljningen").click()
    page.get_by_text("Uppföljningen är öppen").wait_for()
    screenshot(page, "first-day-round-open")

    follow_up = FollowUpRound.objects.get(kommun=kommun)
    assert list(follow_up.reports.values_list("organisation", flat=True)) == [
        forvaltning.pk
    ]
    (invitation,) = [m for m in mail.outbox if "rut.exempel" in m.to[0]]
    assert "/konto/" in invitation.body or "http" in invitation.body
    page.goto(f"{live_server.url}/")
    assert page.get_by_test_id("first-steps").get_by_text("Klart").count() == 3
