"""Issue 15: a coordinator imports an agency's Excel template with columns the
importer does not know: says which column is which, corrects a row in the
preview, and imports."""

from __future__ import annotations

import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command

from actions.demo import PLAN_TITLE
from actions.models import Action
from intkommun.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["Vad", "Vem leder", "Samarbetspartners", "Period", "Förväntat resultat"]
ROWS = [
    ["Besöka Europaparlamentet med presidiet", "KS", "Europa Direkt", "maj", "En resa"],
    ["Samla EU-samordnarna; ta fram en EU-guide", "KS", "", "hösten", "En guide"],
]


def agency_template(path) -> str:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Mall för handlingsplan"])
    workbook.active.append([])
    for row in (HEADER, *ROWS):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_coordinator_maps_an_unknown_excel_corrects_a_row_and_imports(
    live_server, page, tmp_path
):
    call_command("seed_demo", stdout=StringIO())
    log_in(page, live_server.url, "skara.samordnare", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/atgarder/import/")
    page.get_by_label("Handlingsplan").select_option(label=PLAN_TITLE)
    page.get_by_label("Eller en fil").set_input_files(
        agency_template(tmp_path / "mall.xlsx")
    )
    page.get_by_role("button", name="Förhandsgranska").click()

    page.get_by_text("Kolumnerna i en tabell kändes inte igen").wait_for()
    page.get_by_label("Vad", exact=True).select_option(label="Åtgärd")
    page.get_by_label("Vem leder").select_option(label="Ansvarig")
    page.get_by_label("Period").select_option(label="Tidpunkt")
    screenshot(page, "import-table-columns")
    page.get_by_role("button", name="Använd kolumnerna").click()

    row = page.get_by_role("group", name="Rad 2")
    row.get_by_role("button", name="Dela vid varje semikolon").click()
    page.get_by_role("group", name="Rad 3").get_by_label("Tidpunkt").fill("juni")
    screenshot(page, "import-table-preview")
    page.get_by_role("button", name="Importera 3 åtgärder").first.click()
    page.get_by_text("3 åtgärder importerades").first.wait_for()

    guide = Action.objects.get(title="ta fram en EU-guide")
    assert guide.timing_text == "juni"
    assert guide.participants_text == ""
    visit = Action.objects.get(title="Besöka Europaparlamentet med presidiet")
    assert (visit.responsible_text, visit.participants_text) == ("KS", "Europa Direkt")
    assert visit.description == "Förväntat resultat: En resa"


PUBLISHED_PLAN = """\
Internationellt arbete 2026

Kommunen åtar sig att:
 • Arrangera en EU-dag för gymnasieelever under Europaveckan 2026 (4–10 maj)
   tillsammans med Europa Direkt.
 • Efter valet 2026 erbjuda nya förtroendevalda en introduktion om EU.
   Under mandatperioden besöka Europaparlamentet.
"""


def test_coordinator_pastes_a_published_bullet_plan_and_keeps_the_lead_in_as_a_row(
    live_server, page
):
    call_command("seed_demo", stdout=StringIO())
    before = Action.objects.count()
    log_in(page, live_server.url, "skara.samordnare", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/atgarder/import/")
    page.get_by_label("Handlingsplan").select_option(label=PLAN_TITLE)
    page.get_by_label("Inklistrad text").fill(PUBLISHED_PLAN)
    page.get_by_role("button", name="Förhandsgranska").click()

    page.get_by_text("1 textstycke blev ingen åtgärd").first.wait_for()
    first = page.get_by_role("group", name="Rad 1")
    assert first.get_by_label("Medverkande").input_value() == "Europa Direkt"
    assert first.get_by_label("Tidpunkt").input_value() == (
        "under Europaveckan 2026 (4–10 maj)"
    )
    assert page.get_by_role("group", name="Rad 3").get_by_label(
        "Åtgärd"
    ).input_value() == ("Under mandatperioden besöka Europaparlamentet.")
    screenshot(page, "import-prose-preview")
    page.get_by_role("button", name="Gör till en rad").click()
    page.get_by_text("Dina rättelser har sparats").wait_for()
    page.get_by_role("button", name="Importera 4 åtgärder").first.click()
    page.get_by_text("4 åtgärder importerades").first.wait_for()

    assert Action.objects.count() == before + 4
    assert Action.objects.filter(title="Kommunen åtar sig att:").exists()
