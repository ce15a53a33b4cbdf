"""Excel (.xlsx) exports of any list: one sheet, one row per object.

Headers in the active language, dates as real Excel dates so that the kommun can
sort and filter them, text exactly as registered, money as numbers.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
SHEET_TITLE_LENGTH = 31  # Excel's limit on a sheet's name.
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
    sheet.append([str(column.header) for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.comment:
            cell.comment = Comment(
                str(column.comment), "intkommun", height=120, width=320
            )
    for row in rows:
        sheet.append([_cell_value(column, row) for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        number_format = DATE_FORMAT if column.is_date else MONEY_FORMAT
        if column.is_date or column.is_money:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return workbook


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dated_filename(stem: str, today: datetime.date) -> str:
    return f"{stem}-{today.isoformat()}.xlsx"


def _cell_value(column: Column, row: Any) -> Any:
    value = column.value(row)
    if column.is_date:
        return value if isinstance(value, datetime.date) else None
    if isinstance(value, Decimal):
        return value
    return value if value not in (None, "") else None
