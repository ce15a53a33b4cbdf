"""Excel (.xlsx) exports of any list: one sheet, one row per object.

Headers in the active language, dates as real Excel dates so that the kommun can
sort and filter them, text exactly as registered, money as numbers. Every export
of the product goes through ``build_xlsx``, so that text typed by one user can
never run as a formula on another user's computer (OWASP "CSV injection").

The sheet is written row by row with openpyxl's write-only mode into a spooled
temporary file (kept in memory, on disk beyond ``SPOOL_SIZE``), so that a long
list never stands in memory as a tree of cell objects. An .xlsx file is a zip
archive whose directory comes last: it cannot go to the browser before it is
finished, so the response streams the finished file.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.db.models import Model
from django.http import FileResponse
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.styles.numbers import FORMAT_DATE_YYYYMMDD2
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# The format openpyxl gives a date by itself, so that a date cell needs no style
# of its own (a styled cell costs a cell object more in write-only mode).
DATE_FORMAT = FORMAT_DATE_YYYYMMDD2  # "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
SHEET_TITLE_LENGTH = 31  # Excel's limit on a sheet's name.
CELL_TEXT_LENGTH = 32767  # Excel's limit on a cell; longer text makes it "repair".
CUT_MARK = " […]"
# What makes a spreadsheet read typed text as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_SIZE = 8 * 1024 * 1024  # bytes of a file kept in memory before it goes to disk


@dataclass(frozen=True)
class Column:
    header: str | Promise
    width: int
    value: Callable[[Any], Any]
    is_date: bool = False
    is_money: bool = False
    comment: str | Promise = ""  # shown on the header cell, to explain the column
    # Words for the values (a choice's code, True/False), made once per export in
    # the active language instead of translating every row's.
    labels: Callable[[], Mapping[Any, str]] | None = None
    # Money only in the rows for which this is true (a table of mixed figures).
    is_money_in: Callable[[Any], bool] | None = None


def yes_no() -> dict[bool, str]:
    return {True: gettext("Yes"), False: gettext("No")}


def choice_labels(model: type[Model], field_name: str) -> Callable[[], dict[Any, str]]:
    """The labels of a model field's choices, for a column of its stored values."""

    def labels() -> dict[Any, str]:
        field = model._meta.get_field(field_name)
        return {value: str(label) for value, label in field.flatchoices}

    return labels


def build_xlsx(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> IO[bytes]:
    """The rows as an .xlsx file, rewound: a bold header row that stays in view
    while scrolling, with an auto filter."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:SHEET_TITLE_LENGTH])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, column) for column in columns])
    cells = [_ColumnWriter(sheet, column).cell for column in columns]
    count = 0
    for row in rows:
        sheet.append([cell(row) for cell in cells])
        count += 1
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE)
    workbook.save(file)
    file.seek(0)
    return file


def xlsx_response(file: IO[bytes], filename: str) -> FileResponse:
    # RFC 6266's filename*: "åtgärder-….xlsx" is not Latin-1, and a plain
    # filename="" header of it made browsers save the URL's name ("export.xlsx").
    # FileResponse writes it with django.utils.http.content_disposition_header.
    return FileResponse(
        file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


def dated_filename(stem: str, today: datetime.date) -> str:
    return f"{stem}-{today.isoformat()}.xlsx"


def safe_text(text: str) -> str:
    """Characters XML cannot hold (control characters) dropped instead of making
    the whole export fail, and text too long for a cell cut, visibly (the whole
    text stays in intkommun)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > CELL_TEXT_LENGTH:
        text = text[: CELL_TEXT_LENGTH - len(CUT_MARK)] + CUT_MARK
    return text


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> str | WriteOnlyCell:
    """``text`` as a cell's text, whatever it starts with.

    openpyxl stores a string that starts with "=" as a formula. Such a cell is
    typed as a string instead, which Excel and LibreOffice show as it is and never
    evaluate. We do not prefix a quote (OWASP's advice for CSV, which has no cell
    types): it would become part of the text, in the file and in whatever reads it
    back. The quote-prefix style keeps the cell text when someone edits it.
    Ordinary text goes as it is (openpyxl types it as a string)."""
    text = safe_text(text)
    if not text.startswith(FORMULA_TRIGGERS):
        return text
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _header(sheet: WriteOnlyWorksheet, column: Column) -> WriteOnlyCell:
    cell = text_cell(sheet, str(column.header))
    if isinstance(cell, str):
        cell = WriteOnlyCell(sheet, cell)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if column.comment:
        cell.comment = Comment(str(column.comment), "intkommun", height=120, width=320)
    return cell


_PARTIAL_DATE_TEXT = re.compile(r"[0-9]{4}(?:-[0-9]{2})?")


def _is_date_or_partial(value: Any) -> bool:
    """A date, or a year or year-and-month as text ("2012", "2012-03")."""
    if isinstance(value, str):
        return _PARTIAL_DATE_TEXT.fullmatch(value) is not None
    return isinstance(value, datetime.date)


class _ColumnWriter:
    """One column's cells, its labels made and its money format registered once
    for the whole export."""

    def __init__(self, sheet: WriteOnlyWorksheet, column: Column) -> None:
        self.sheet = sheet
        self.column = column
        self.value = column.value
        self.labels = column.labels() if column.labels else None
        self.is_date = column.is_date
        formatted = WriteOnlyCell(sheet)
        formatted.number_format = MONEY_FORMAT
        self.money_style = formatted._style

    def cell(self, row: Any) -> Any:
        """Dates and numbers typed, so that they sort and sum; anything else as
        text. A date column may hold text for a date known only by its year or
        month."""
        value = self.value(row)
        if self.labels is not None:
            value = self.labels.get(value, value)
        # Most cells are text: the shortest way for them (a list of thousands of
        # rows makes tens of thousands of cells).
        if type(value) is str and not self.is_date:
            return text_cell(self.sheet, value) if value else None
        return self._typed(row, value)

    def _typed(self, row: Any, value: Any) -> Any:
        column = self.column
        if column.is_date and not _is_date_or_partial(value):
            return None
        if value is None or value == "":
            return None
        if isinstance(value, datetime.date):
            # A plain value: openpyxl gives a date DATE_FORMAT by itself.
            if type(value) is datetime.date or not column.is_date:
                return value
            return self._date(value)
        if isinstance(value, bool | int | float | Decimal):
            if column.is_money or (column.is_money_in and column.is_money_in(row)):
                cell = WriteOnlyCell(self.sheet, value)
                cell._style = copy(self.money_style)
                return cell
            return value
        return text_cell(self.sheet, str(value))

    def _date(self, moment: datetime.datetime) -> WriteOnlyCell:
        """A moment shown by its day in a column of dates."""
        cell = WriteOnlyCell(self.sheet, moment)
        cell.number_format = DATE_FORMAT
        return cell
