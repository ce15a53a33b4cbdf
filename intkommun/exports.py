"""Excel (.xlsx) exports of any list: one sheet, one row per object.

Headers in the active language, dates as real Excel dates so that the kommun can
sort and filter them, text exactly as registered, money as numbers. Every export
of the product goes through ``build_workbook``, so that text typed by one user can
never run as a formula on another user's computer (OWASP "CSV injection").
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
SHEET_TITLE_LENGTH = 31  # Excel's limit on a sheet's name.
CELL_TEXT_LENGTH = 32767  # Excel's limit on a cell; longer text makes it "repair".
CUT_MARK = " […]"
# What makes a spreadsheet read typed text as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str | Promise
    width: int
    value: Callable[[Any], Any]
    is_date: bool = False
    is_money: bool = False
    comment: str | Promise = ""  # shown on the header cell, to explain the column


def build_workbook(
    title: str, columns: Sequence[Column], rows: Iterable[Any]
) -> Workbook:
    """A workbook with a bold, frozen header row and an auto filter."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:SHEET_TITLE_LENGTH]
    for index, column in enumerate(columns, start=1):
        _write_header(sheet.cell(row=1, column=index), column)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row_index, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            _write(sheet.cell(row=row_index, column=index), column, row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return workbook


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    # RFC 6266's filename*: "åtgärder-….xlsx" is not Latin-1, and a plain
    # filename="" header of it made browsers save the URL's name ("export.xlsx").
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def dated_filename(stem: str, today: datetime.date) -> str:
    return f"{stem}-{today.isoformat()}.xlsx"


def write_text(cell: Cell, text: str) -> None:
    """Put ``text`` in ``cell`` as text, whatever it starts with.

    openpyxl stores a string that starts with "=" as a formula. The cell is typed
    as a string instead, which Excel and LibreOffice show as it is and never
    evaluate. We do not prefix a quote (OWASP's advice for CSV, which has no cell
    types): it would become part of the text, in the file and in whatever reads it
    back. The quote-prefix style keeps the cell text when someone edits it.
    Characters XML cannot hold (control characters) are dropped instead of making
    the whole export fail."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > CELL_TEXT_LENGTH:
        # Cut, but visibly: the whole text stays in intkommun.
        text = text[: CELL_TEXT_LENGTH - len(CUT_MARK)] + CUT_MARK
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def _write_header(cell: Cell, column: Column) -> None:
    write_text(cell, str(column.header))
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if column.comment:
        cell.comment = Comment(str(column.comment), "intkommun", height=120, width=320)


_PARTIAL_DATE_TEXT = re.compile(r"[0-9]{4}(?:-[0-9]{2})?")


def _is_date_or_partial(value: Any) -> bool:
    """A date, or a year or year-and-month as text ("2012", "2012-03")."""
    if isinstance(value, str):
        return _PARTIAL_DATE_TEXT.fullmatch(value) is not None
    return isinstance(value, datetime.date)


def _write(cell: Cell, column: Column, row: Any) -> None:
    """Dates and numbers typed, so that they sort and sum; anything else as text.
    A date column may hold text for a date known only by its year or month."""
    value = column.value(row)
    if column.is_date:
        value = value if _is_date_or_partial(value) else None
    if value is None or value == "":
        return
    if isinstance(value, bool | int | float | Decimal | datetime.date):
        cell.value = value
        if column.is_date or column.is_money:
            cell.number_format = DATE_FORMAT if column.is_date else MONEY_FORMAT
        return
    write_text(cell, str(value))
