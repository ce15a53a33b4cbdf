"""The key figures of the KS report as an Excel appendix: the summary's table, one
row per figure and one column per year, each year as it stood at its end."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from actions.status_scale import STANDARD, StatusScale
from intkommun.exports import MONEY_FORMAT, Column, build_workbook
from reports.year_end.data import FigureRow, YearFigures, figure_rows


def figures_workbook(
    years: list[YearFigures], scale: StatusScale = STANDARD
) -> Workbook:
    """Labels as text (never formulas), figures as numbers, money with a format."""
    note = _("Statuses and figures are as they stood on 31 December of each year.")
    columns = [Column(_("Key figure"), 40, _label, comment=note)]
    for index, shown in enumerate(years):
        columns.append(Column(str(shown.year), 14, lambda row, i=index: row.values[i]))
    rows = figure_rows(years, scale)
    title = _("Key figures %(year)s") % {"year": years[-1].year}
    workbook = build_workbook(title, columns, rows)
    _format_money(workbook, rows)
    return workbook


def _format_money(workbook: Workbook, rows: list[FigureRow]) -> None:
    sheet = workbook.active
    for row_index, row in enumerate(rows, start=2):
        if row.is_money:
            for cell in sheet[row_index][1:]:
                cell.number_format = MONEY_FORMAT


def _label(row: FigureRow) -> str:
    return f"– {row.label}" if row.is_part else row.label
