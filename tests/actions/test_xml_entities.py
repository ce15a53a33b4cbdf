"""An uploaded workbook is XML from outside: entity declarations are refused."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from actions.plan_parsing import parse_upload

ENTITIES = (
    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
)


def workbook_with_entities() -> bytes:
    book = Workbook()
    book.active.append(["Åtgärd", "Medverkande", "Tidpunkt", "Ansvarig"])
    book.active.append(["Ordna en vänortsvecka", "-", "Våren 2017", "Samordnare"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = ENTITIES + data
            target.writestr(item, data)
    return hostile.getvalue()


def test_a_workbook_that_declares_xml_entities_is_refused_in_swedish():
    parsed = parse_upload("plan.xlsx", workbook_with_entities())

    assert parsed.actions == []
    assert [problem.message for problem in parsed.problems] == [
        "Filen går inte att läsa som en Excel-fil (.xlsx)."
    ]
