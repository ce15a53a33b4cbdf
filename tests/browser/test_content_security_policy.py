"""The pages work under their Content-Security-Policy: the browser reports no
violation, htmx still swaps in a logged update, and the print button still prints."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from intkommun.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in
from tests.browser.pages import COORDINATOR, USERNAMES, Demo, url_for

pytestmark = pytest.mark.django_db(transaction=True)


def watch_for_violations(page) -> list[str]:
    """Console messages and page errors about the Content-Security-Policy."""
    violations: list[str] = []

    def note(text: str) -> None:
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            violations.append(f"{page.url}: {text}")

    page.on("console", lambda message: note(message.text))
    page.on("pageerror", lambda error: note(str(error)))
    return violations


def test_pages_work_under_the_content_security_policy(live_server, page):
    call_command("seed_demo", stdout=StringIO())
    demo = Demo()
    demo.prepare()
    violations = watch_for_violations(page)
    log_in(page, live_server.url, USERNAMES[COORDINATOR], DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    response = page.goto(live_server.url + url_for("start", demo))
    assert "script-src 'self'" in response.headers["content-security-policy"]

    page.goto(live_server.url + url_for("actions:detail", demo, ("action",)))
    page.get_by_label("Datum").fill("2017-05-12")
    page.get_by_label("Vad som hänt").fill("Loggat under innehållspolicyn.")
    page.evaluate("window.stayed = true")
    page.get_by_role("button", name="Logga uppdatering").click()
    page.locator("#progress-log").get_by_text(
        "Loggat under innehållspolicyn."
    ).wait_for()
    # Swapped in by htmx: the page was not reloaded after a redirect.
    assert page.evaluate("window.stayed === true")

    page.goto(live_server.url + url_for("actions:timeline", demo, ("plan",)))
    # A stand-in set from outside the page: the real dialog would block headless.
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("window.printed === true")

    page.goto(
        live_server.url + url_for("strategies:indicator_detail", demo, ("indicator",))
    )
    for args in (("kommun", "generated_year"), ("kommun", "generating_year")):
        page.goto(live_server.url + url_for("reports:year_end_preview", demo, args))
        page.wait_for_load_state("networkidle")

    assert violations == []
