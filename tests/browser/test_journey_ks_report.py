"""Journey 3 of DESIGN §1: the coordinator generates and adopts the KS year-end
report for the kommun; a reader downloads the PDF, which opens with a summary of
key figures and holds every section of DESIGN §4.4."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader

from intkommun.demo import DEMO_PASSWORD
from intkommun.formatting import format_money_whole, format_number
from intkommun.models import Organisation
from reports.models import YearEndReport
from reports.year_end.data import YearEndData, year_end_data
from reports.year_end.document import default_summary
from tests.browser.conftest import SCREENSHOTS, log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

SKARA = "Skara kommun"
YEAR = 2017  # the year reports/demo.py fills: Skara's follow-up round of 2017
DIARY_NUMBER = "KS2017/0815"
KS_PARAGRAPH = "§ 187"

# DESIGN §4.4's sections as templates/reports/year_end/_*.html head them, in order.
SECTIONS = [
    "1. Sammanfattning och nyckeltal",
    "2. Mål och indikatorer",
    "3. Handlingsplanen",
    "4. EU-projekt och andra internationella projekt",
    "5. Den internationella fonden",
    "6. Förvaltningarnas redovisningar",
    "7. Vänorter, nätverk och utbyten under året",
    "8. Bilaga: nätverk, vänorter och styrdokument",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # The live server runs in this process: the PDF lands in tmp_path, not in var/.
    settings.MEDIA_ROOT = tmp_path / "media"


def words(text: str) -> str:
    """Runs of white space (line ends, no-break spaces) as one space."""
    return " ".join(text.replace("\u2010\n", "").split())


def log_out(page) -> None:
    page.locator("header").get_by_role("button", name="Samordnare").click()
    page.get_by_role("button", name="Logga ut").click()
    page.get_by_role("heading", name="Logga in").wait_for()


def generate_and_adopt_as_coordinator(page) -> None:
    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    row = page.get_by_role("row", name=f"Uppföljning {YEAR}")
    assert SKARA in row.inner_text()
    assert "Inte framtagen än" in row.inner_text()
    row.get_by_role("link", name=f"Uppföljning {YEAR}").click()
    page.get_by_role("heading", name=f"KS-rapport {YEAR}, {SKARA}").wait_for()

    memo = page.locator("form", has=page.get_by_role("button", name="Generera PDF"))
    memo.get_by_label("Diarienummer").fill(DIARY_NUMBER)
    memo.get_by_role("button", name="Generera PDF").click()
    # With a busy worker the page polls a status fragment (htmx) and reloads
    # itself once the file is there; the immediate backend in tests is done at once.
    page.get_by_role("link", name="Ladda ner PDF").wait_for(timeout=60_000)
    page.get_by_text("KS-rapporten har genererats").wait_for()
    screenshot(page, "journey3-preview")

    adopt = page.locator("form", has=page.get_by_role("button", name="Fastställ"))
    adopt.get_by_label("KS-paragraf").fill(KS_PARAGRAPH)
    assert adopt.get_by_label("Diarienummer").input_value() == DIARY_NUMBER
    adopt.get_by_role("button", name="Fastställ KS-rapporten").click()
    page.get_by_text("KS-rapporten har fastställts.").wait_for()
    assert page.get_by_role("button", name="Generera PDF").count() == 0


def download_as_reader(page, target: Path) -> str:
    """Download the adopted PDF from the list; return the checksum the page shows."""
    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    row = page.get_by_role("row", name=f"Uppföljning {YEAR}")
    assert "Fastställd" in row.inner_text()
    assert KS_PARAGRAPH in row.inner_text()
    screenshot(page, "journey3-reader-list")
    with page.expect_download() as download:
        row.get_by_role("link", name="Ladda ner PDF").click()
    download.value.save_as(target)
    return row.locator("code").inner_text().strip()


def assert_reader_cannot_generate(page) -> None:
    page.get_by_role("link", name=f"Uppföljning {YEAR}").click()
    page.get_by_role("heading", name=f"KS-rapport {YEAR}, {SKARA}").wait_for()
    page.get_by_role("link", name="Ladda ner PDF").wait_for()
    screenshot(page, "journey3-reader-preview")
    assert page.get_by_role("button", name="Generera PDF").count() == 0
    assert page.get_by_role("button", name="Fastställ KS-rapporten").count() == 0
    # A forged POST that passes the CSRF check is refused by the permission check.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        page.url + "generera/",
        headers={"X-CSRFToken": token},
        form={"diary_number": "X", "summary": "", "proposed_decision": ""},
    )
    assert response.status == 403
    assert "CSRF" not in response.text()


def key_figure_rows(data: YearEndData) -> list[str]:
    """Each row of the key figure table as the PDF's text holds it."""

    def cell(row: Any, value: Any) -> str:
        if value is None:
            return "–"
        return format_money_whole(value) if row.is_money else format_number(value)

    header = words(" ".join(["Nyckeltal", *(str(y.year) for y in data.years)]))
    return [header] + [
        words(
            " ".join(
                [("– " if row.is_part else "") + str(row.label)]
                + [cell(row, value) for value in row.values]
            )
        )
        for row in data.figure_rows
    ]


def assert_opens_with_the_summary(pages: list[str], data: YearEndData) -> None:
    cover, memo, contents, summary = pages[:4]
    assert words(f"{SKARA} Uppföljning av internationellt arbete {YEAR}") in cover
    assert DIARY_NUMBER in cover
    assert "Tjänsteskrivelse" in memo
    with translation.override("sv"):
        summary_text = default_summary(data)
    assert words(f"Sammanfattning {summary_text}") in memo
    assert "Förslag till beslut" in memo
    assert contents.startswith("Innehåll")
    assert summary.startswith(SECTIONS[0])
    first = data.years[0].year
    caption = f"Nyckeltal {first}–{YEAR}" if first != YEAR else f"Nyckeltal {YEAR}"
    assert caption in summary
    for row in key_figure_rows(data):
        assert row in summary


def assert_holds_every_section(pages: list[str]) -> None:
    """Each section starts a page, in order, on the page the contents list gives."""
    contents = pages[2]
    starts = []
    for heading in SECTIONS:
        listed = re.search(re.escape(heading) + r" [.\s]*(\d+)", contents)
        assert listed, f"{heading!r} is missing from the contents"
        start = next(
            (n for n, text in enumerate(pages, 1) if text.startswith(heading)), None
        )
        assert start == int(listed.group(1)), f"{heading!r} starts on page {start}"
        starts.append(start)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    organisations = " ".join(pages[starts[5] - 1 : starts[6] - 1])
    for reported in ("Kommunledningsförvaltningen", "Socialförvaltningen"):
        assert reported in organisations
    assert "Organisationer som inte redovisat" in organisations


def render_first_pages(pdf: Path) -> None:
    """Cover, memo, contents and key figures as PNGs for a person to look at."""
    if shutil.which("pdftoppm") is None:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENSHOTS / "journey3-pdf"
    command = ["pdftoppm", "-r", "60", "-f", "1", "-l", "4", "-png"]
    subprocess.run([*command, str(pdf), str(prefix)], check=True, timeout=30)


def test_coordinator_generates_and_adopts_the_ks_report_and_a_reader_downloads_it(
    live_server, page, tmp_path
):
    call_command("seed_demo", stdout=StringIO())
    log_in(page, live_server.url, "skara.samordnare", DEMO_PASSWORD)
    generate_and_adopt_as_coordinator(page)
    log_out(page)

    log_in(page, live_server.url, "skara.lasare", DEMO_PASSWORD)
    pdf = tmp_path / "ks-rapport.pdf"
    shown_checksum = download_as_reader(page, pdf)
    assert_reader_cannot_generate(page)

    report = YearEndReport.objects.get(kommun__name=SKARA, year=YEAR)
    assert (report.status, report.ks_paragraph) == ("adopted", KS_PARAGRAPH)
    assert report.generated_by.username == "skara.samordnare"
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == report.sha256
    assert shown_checksum == report.sha256
    render_first_pages(pdf)

    pages = [words(page.extract_text()) for page in PdfReader(pdf).pages]
    assert len(pages) == report.page_count
    with translation.override("sv"):
        data = year_end_data(Organisation.objects.get(name=SKARA), YEAR)
    # The demo's year has reports to show: the figures are not all zero.
    assert data.current.actions_total > 0
    assert data.current.organisations_reported == 2
    assert_opens_with_the_summary(pages, data)
    assert_holds_every_section(pages)
