"""axe-core finds no WCAG 2.1 A or AA violation on any page, for any role.

Each role opens every page ``tests/browser/pages.py`` lists for it (the fast test
``tests/intkommun/test_every_page_is_audited.py`` keeps that table complete); the
coordinator and the reporter then submit the forms with bad input and axe checks
the pages that show the errors. The reader, and the login pages, are checked on a
phone's width, the coordinator's own pages at both widths. One test per role, each
seeding the demo once; every violation is collected and reported once at the end,
with its rule, impact, elements, page and role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from intkommun.demo import DEMO_PASSWORD
from tests.browser.axe import Audit
from tests.browser.conftest import log_in
from tests.browser.pages import (
    ADMINISTRATOR,
    COORDINATOR,
    LOGGED_OUT,
    PASTED_PLAN,
    READER,
    REPORTER,
    RESIDENT,
    USERNAMES,
    Demo,
    edited_action_export,
    url_for,
    visits_for,
)

pytestmark = pytest.mark.django_db(transaction=True)

# What a page shows when a form was refused: crispy's field errors, a form's or a
# formset's errors, or an error message.
ERRORS = ".is-invalid, .invalid-feedback, .errorlist, .alert-danger"
PHONE = {"width": 320, "height": 800}
TEXT_INPUTS = (
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio])"
    ":not([type=file]):not([type=submit]):not([type=button]), textarea"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # Staged imports and the KS report are files: keep them out of var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(live_server) -> Demo:
    call_command("seed_demo", stdout=StringIO())
    demo = Demo()
    demo.prepare()
    return demo


def log_in_as(page, base_url: str, role: str) -> None:
    log_in(page, base_url, USERNAMES[role], DEMO_PASSWORD)
    page.wait_for_url(f"{base_url}/")


def open_and_check(
    page, audit: Audit, url: str, label: str, *, status: int = 200
) -> bool:
    response = page.goto(url)
    if response is None or response.status != status:
        answered = response.status if response else "nothing"
        audit.problem(f"{label}: {url} answered {answered}, expected {status}")
        return False
    audit.check(page, label)
    return True


def check_every_page(page, base_url: str, audit: Audit, demo: Demo, role: str) -> None:
    for name, visit in visits_for(role):
        label = f"{name} ({visit.state})" if visit.state else name
        open_and_check(page, audit, base_url + visit.path(name, demo), label)


# --- Forms with validation errors -------------------------------------------------


@dataclass(frozen=True)
class BadSubmit:
    """Open a page, empty its form's text fields (unless ``keep``), type the bad
    values, submit with ``button`` and check the page that shows the errors."""

    name: str
    args: tuple[str, ...] = ()
    query: str = ""
    button: str = "Spara"
    fill: tuple[tuple[str, str], ...] = ()
    keep: bool = False
    state: str = "empty"


COORDINATOR_FORMS = (
    BadSubmit("intkommun:organisation_create"),
    BadSubmit("intkommun:organisation_update", ("organisation",)),
    BadSubmit("strategies:create"),
    BadSubmit("strategies:update", ("plan",)),
    BadSubmit("strategies:indicator_create", ("goal",)),
    BadSubmit("strategies:indicator_update", ("indicator",)),
    BadSubmit("strategies:indicator_values", ("indicator",)),
    BadSubmit("strategies:document_type_create", query="kommun={d.kommun.pk}"),
    BadSubmit("strategies:document_type_update", ("document_type",)),
    BadSubmit("password_change", button="Byt lösenord"),
    BadSubmit("actions:create"),
    BadSubmit("actions:update", ("action",)),
    BadSubmit("actions:detail", ("action",), button="Logga uppdatering"),
    BadSubmit("actions:bulk_update", button="Visa ändringarna"),
    BadSubmit("projects:create"),
    BadSubmit("projects:update", ("project",)),
    BadSubmit("projects:partners", ("project",)),
    BadSubmit("projects:programme_create"),
    BadSubmit("projects:programme_update", ("programme",)),
    BadSubmit("projects:partnership_create"),
    BadSubmit("projects:partnership_update", ("partnership",)),
    BadSubmit(
        "projects:partnership_detail", ("partnership",), button="Logga aktivitet"
    ),
    BadSubmit("projects:fund_create"),
    BadSubmit("projects:fund_update", ("fund",)),
    BadSubmit("projects:allocation_create", ("fund",)),
    BadSubmit("projects:allocation_update", ("allocation",)),
    BadSubmit("projects:application_create", ("fund",), button="Skicka in ansökan"),
    BadSubmit("projects:application_update", ("open_application",)),
    BadSubmit(
        "projects:application_detail",
        ("open_application",),
        button="Registrera beslutet",
        state="decision",
    ),
    BadSubmit(
        "projects:application_detail",
        ("granted_application",),
        button="Spara",
        fill=(("Använt belopp (kr)", "-100"),),
        state="amount used",
    ),
    BadSubmit("reports:round_create", button="Öppna uppföljningen"),
    BadSubmit("reports:round_update", ("round",)),
    BadSubmit(
        "reports:report_detail",
        ("submitted_report",),
        button="Returnera med kommentar",
        state="return without a comment",
    ),
)

REPORTER_FORMS = (
    BadSubmit(
        "reports:report_detail",
        ("draft_report",),
        button="Spara utkast",
        keep=True,
        fill=(("Antal deltagare", "5"), ("Varav unga (under 26 år)", "50")),
        state="more young people than participants",
    ),
    BadSubmit("actions:update", ("action",)),
    BadSubmit("projects:create"),
    BadSubmit("projects:partnership_update", ("partnership",)),
    BadSubmit("projects:application_create", ("fund",), button="Skicka in ansökan"),
)


def submit_with_errors(
    page, base_url: str, audit: Audit, demo: Demo, bad: BadSubmit
) -> None:
    url = base_url + url_for(bad.name, demo, bad.args, bad.query)
    label = f"{bad.name} with errors ({bad.state})"
    # The page as it opens was checked with the others; here only its errors.
    response = page.goto(url)
    if response is None or not response.ok:
        audit.problem(f"{label}: {url} did not open")
        return
    submit = page.get_by_role("button", name=bad.button, exact=True)
    form = page.locator("main form").filter(has=submit)
    button = form.get_by_role("button", name=bad.button, exact=True)
    # Server-side errors are the point: the browser's own checks step aside.
    form.evaluate("form => { form.noValidate = true; }")
    if not bad.keep:
        form.locator(TEXT_INPUTS).evaluate_all(
            "fields => fields.forEach(f => f.value = '')"
        )
    for label_text, value in bad.fill:
        form.get_by_label(label_text, exact=True).first.fill(value)
    send(page, audit, label, button.click)


def send(page, audit: Audit, label: str, submit: Callable[[], Any]) -> None:
    """Submit (a page load or an htmx swap), wait for the errors, check the page."""
    with page.expect_response(lambda response: response.request.method == "POST"):
        submit()
    try:
        page.locator(ERRORS).first.wait_for(timeout=5_000)
    except PlaywrightTimeoutError:
        audit.problem(f"{label}: the form was accepted or showed no error ({page.url})")
        return
    page.wait_for_load_state()  # the page with the errors, not the one submitted
    audit.check(page, label)


def check_plan_import(page, base_url: str, audit: Audit, demo: Demo) -> None:
    """A file of the wrong type, an unreadable Word file and a pasted plan with
    problems: the form's errors and both previews."""
    start = base_url + url_for("actions:import", demo)
    for name, data, state in (
        ("plan.exe", b"MZ", "form error: wrong file type"),
        ("plan.docx", b"this is not a word file", "preview: unreadable file"),
    ):
        page.goto(start)
        page.get_by_label("Eller en fil").set_input_files(
            files=[
                {"name": name, "mimeType": "application/octet-stream", "buffer": data}
            ]
        )
        preview = page.get_by_role("button", name="Förhandsgranska")
        send(page, audit, f"actions:import ({state})", preview.click)
    page.goto(start)
    page.get_by_label("Inklistrad text").fill(PASTED_PLAN)
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_url("**/import/*/")
    audit.check(page, "actions:import_preview (pasted plan with problems)")


def check_bulk_update(page, base_url: str, audit: Audit, demo: Demo) -> None:
    """The edited export uploaded: the preview with changes and a problem."""
    page.goto(base_url + url_for("actions:bulk_update", demo))
    page.get_by_label("Redigerad Excel-fil (.xlsx)").set_input_files(
        files=[
            {
                "name": "atgarder.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": edited_action_export(demo),
            }
        ]
    )
    page.get_by_role("button", name="Visa ändringarna").click()
    page.wait_for_url("**/uppdatera/*/")
    audit.check(page, "actions:bulk_preview (uploaded export with a problem)")


# --- The tests ---------------------------------------------------------------------


def test_coordinator_finds_no_wcag_violation_on_any_page_or_form_error(
    live_server, page, demo
):
    audit = Audit(COORDINATOR)
    log_in_as(page, live_server.url, COORDINATOR)
    check_every_page(page, live_server.url, audit, demo, COORDINATOR)
    for bad in COORDINATOR_FORMS:
        submit_with_errors(page, live_server.url, audit, demo, bad)
    check_plan_import(page, live_server.url, audit, demo)
    check_bulk_update(page, live_server.url, audit, demo)
    # The reader's test sees every other page on a phone; these pages too.
    page.set_viewport_size(PHONE)
    for name, visit in visits_for(COORDINATOR):
        if READER not in visit.roles:
            label = f"{name} at {PHONE['width']} px"
            open_and_check(page, audit, live_server.url + visit.path(name, demo), label)
    audit.assert_clean()


def test_reporter_finds_no_wcag_violation_on_any_page_or_form_error(
    live_server, page, demo
):
    audit = Audit(REPORTER)
    log_in_as(page, live_server.url, REPORTER)
    check_every_page(page, live_server.url, audit, demo, REPORTER)
    for bad in REPORTER_FORMS:
        submit_with_errors(page, live_server.url, audit, demo, bad)
    audit.assert_clean()


def test_reader_on_a_phone_finds_no_wcag_violation_on_any_page_nor_403_and_404(
    live_server, page, demo
):
    # KS members read on their phones; a table wider than the screen must still
    # scroll by keyboard. 320 px is the width WCAG 1.4.10 asks content to fit.
    page.set_viewport_size(PHONE)
    audit = Audit(f"{READER}, {PHONE['width']} px wide")
    log_in_as(page, live_server.url, READER)
    check_every_page(page, live_server.url, audit, demo, READER)
    base = live_server.url
    open_and_check(
        page, audit, base + url_for("actions:create", demo), "403", status=403
    )
    open_and_check(page, audit, f"{base}/finns-inte/", "404", status=404)
    audit.assert_clean()


def test_administrator_finds_no_wcag_violation_where_a_kommun_is_chosen(
    live_server, page, demo
):
    audit = Audit(ADMINISTRATOR)
    log_in_as(page, live_server.url, ADMINISTRATOR)
    check_every_page(page, live_server.url, audit, demo, ADMINISTRATOR)
    audit.assert_clean()


def test_public_pages_have_no_wcag_violation_for_a_resident(live_server, page, demo):
    # Logged out, at a desktop's width and then a phone's.
    audit = Audit(RESIDENT)
    check_every_page(page, live_server.url, audit, demo, RESIDENT)
    page.set_viewport_size(PHONE)
    check_every_page(page, live_server.url, audit, demo, RESIDENT)
    audit.assert_clean()


def test_logged_out_pages_have_no_wcag_violation_on_a_phone(
    live_server, page, settings
):
    page.set_viewport_size(PHONE)
    audit = Audit(f"{LOGGED_OUT}, {PHONE['width']} px wide")
    base = live_server.url
    # Without the demo's data: only what a logged-out page needs (an invitation
    # link) is made, by Demo, on demand.
    demo = Demo()
    for name, visit in visits_for(LOGGED_OUT):
        open_and_check(page, audit, base + visit.path(name, demo), name)
    log_in(page, base, "ingen.alls", "fel-lösenord")
    page.locator(ERRORS).first.wait_for()
    audit.check(page, "login (wrong password)")
    locked_out = page.get_by_role("heading", name="För många misslyckade inloggningar")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, base, "ingen.alls", "fel-lösenord")
        page.wait_for_load_state()
        if locked_out.count():
            break
    locked_out.wait_for()
    audit.check(page, "locked out after too many wrong passwords")
    open_and_check(page, audit, f"{base}/finns-inte/", "404", status=404)
    # A server error cannot be provoked on purpose: check the template itself.
    page.set_content(render_to_string("500.html"))
    audit.check(page, "500 (the template)")
    audit.assert_clean()
