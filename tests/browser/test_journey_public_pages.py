"""Issue 19, in the browser: a resident, not logged in, reads the action plan a
kommun publishes and downloads its adopted KS report, whose checksum is the one
the page shows; a kommun that does not publish has no public pages."""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actions.demo import PLAN_TITLE, example_plan_title
from actions.status_scale import scale_for
from intkommun.demo import EXAMPLE_SURNAME
from intkommun.models import Organisation
from reports.models import YearEndReport
from strategies.models import Strategy
from tests.browser.axe import Audit
from tests.browser.pages import Demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(live_server) -> Demo:
    call_command("seed_demo", stdout=StringIO())
    demo = Demo()
    demo.prepare()  # the adopted KS report; seed_demo made Skara publish
    return demo


def test_a_resident_reads_the_plan_and_downloads_the_adopted_report(
    live_server, page, demo, tmp_path
):
    audit = Audit("resident")
    base = live_server.url
    page.goto(base + reverse("public:kommun", args=[demo.kommun.pk]))
    page.get_by_role(
        "heading", level=1, name="Internationellt arbete i Skara kommun"
    ).wait_for()
    # The demo's register mixes the seed documents with invented examples.
    notice = page.get_by_test_id("demonstration-notice")
    assert "inte kommunens officiella uppgifter" in notice.inner_text()
    assert "Uppgifterna ändrades senast den" in page.locator("footer").inner_text()
    audit.check(page, "public start")

    # The demo's plan of last year to next is in force; its 2017 plan has expired.
    plan = Strategy.objects.get(
        kommun=demo.kommun, title=example_plan_title(timezone.localdate().year)
    )
    action = plan.actions.order_by("position", "pk").first()
    page.get_by_role("link", name="Handlingsplaner och varje åtgärds status").click()
    page.get_by_role("heading", name=plan.title).wait_for()
    assert page.get_by_role("heading", name=PLAN_TITLE).count() == 0
    row = page.get_by_role("row", name=action.title).first
    assert row.locator(".action-status").inner_text().strip() == (
        scale_for(demo.kommun).label(action.status)
    )
    assert EXAMPLE_SURNAME not in page.content()  # no person's name by default
    audit.check(page, "public action plans")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    page.get_by_role("link", name="KS-rapporter", exact=True).click()
    row = page.get_by_role("row", name=str(demo.adopted_year))
    shown = row.locator("code").inner_text().strip()
    audit.check(page, "public KS reports")
    # Only the adopted report: the draft of another year is not listed.
    assert page.get_by_role("row", name=str(demo.generated_year)).count() == 0
    with page.expect_download() as download:
        row.get_by_role(
            "link", name=f"Ladda ner KS-rapporten {demo.adopted_year}"
        ).click()
    target = Path(tmp_path) / "ks.pdf"
    download.value.save_as(target)
    adopted = YearEndReport.objects.get(kommun=demo.kommun, year=demo.adopted_year)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == shown == adopted.sha256
    audit.assert_clean()


def test_a_kommun_that_does_not_publish_answers_404(live_server, page, demo):
    essunga = Organisation.objects.kommuner().get(name="Essunga kommun")
    assert not essunga.publishes_publicly
    response = page.goto(live_server.url + reverse("public:kommun", args=[essunga.pk]))
    assert response.status == 404
