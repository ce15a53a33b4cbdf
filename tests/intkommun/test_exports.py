"""The one way the product writes a spreadsheet (intkommun/exports.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from openpyxl import load_workbook

from intkommun.exports import (
    CELL_TEXT_LENGTH,
    DATE_FORMAT,
    MONEY_FORMAT,
    Column,
    build_xlsx,
)
from tests.spreadsheets import HOSTILE


def one_row(column: Column, value):
    """The cell as read back from the file that the export writes."""
    sheet = load_workbook(build_xlsx("Blad", [column], [value])).active
    return sheet.cell(row=2, column=1)


def test_every_formula_opener_is_written_as_text_that_stays_text_when_edited():
    for text in HOSTILE:
        cell = one_row(Column("Text", 10, lambda row: row), text)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_ordinary_text_is_text_without_a_quote_prefix():
    cell = one_row(Column("Text", 10, lambda row: row), "Europaveckan")
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        "Europaveckan",
        "s",
        False,
    )


def test_a_negative_amount_stays_a_number_with_the_money_format():
    cell = one_row(Column("Belopp", 10, lambda row: row, is_money=True), Decimal("-5"))
    assert (cell.value, cell.data_type) == (Decimal("-5"), "n")
    assert cell.number_format == MONEY_FORMAT


def test_dates_stay_dates_and_a_date_column_ignores_anything_else():
    column = Column("Datum", 10, lambda row: row, is_date=True)
    assert one_row(column, datetime.date(2017, 5, 1)).is_date
    assert one_row(column, datetime.date(2017, 5, 1)).number_format == DATE_FORMAT
    assert one_row(column, datetime.datetime(2017, 5, 1, 9)).number_format == (
        DATE_FORMAT
    )
    assert one_row(column, "=1+1").value is None
    # A date known only by its year or month goes out as that text.
    assert one_row(column, "2012").value == "2012"
    assert one_row(column, "2012-03").value == "2012-03"
    assert one_row(column, "2012-03 =1+1").value is None


def test_control_characters_are_dropped_instead_of_breaking_the_export():
    cell = one_row(Column("Text", 10, lambda row: row), "Vänort\x0b\x1bsutbyte")
    assert cell.value == "Vänortsutbyte"


def test_text_longer_than_excel_allows_is_cut_to_fit_and_says_so():
    cell = one_row(Column("Text", 10, lambda row: row), "x" * (CELL_TEXT_LENGTH + 5))
    assert len(cell.value) == CELL_TEXT_LENGTH
    assert cell.value.endswith(" […]")


def test_the_header_row_is_bold_explained_in_view_and_filtered():
    columns = [
        Column("Namn", 30, lambda row: row, comment="Som registrerat."),
        Column("Belopp", 14, lambda row: len(row), is_money=True),
    ]
    sheet = load_workbook(build_xlsx("Blad", columns, ["a", "bb"])).active
    assert [cell.value for cell in sheet[1]] == ["Namn", "Belopp"]
    assert sheet["A1"].font.b
    assert sheet["A1"].comment.text == "Som registrerat."
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"
    assert sheet.column_dimensions["A"].width == 30


def test_labels_are_words_for_the_values_and_anything_else_stays_as_it_is():
    column = Column("Ja/nej", 8, lambda row: row, labels=lambda: {True: "Ja"})
    assert one_row(column, True).value == "Ja"
    assert one_row(column, "okänt").value == "okänt"
