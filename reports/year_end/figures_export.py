"""The key figures of the KS report as an Excel appendix: the summary's table, one
row per figure and one column per year, each year as it stood at its end."""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _

from actions.status_scale import STANDARD, StatusScale
from intkommun.exports import Column, build_xlsx
from reports.year_end.data import FigureRow, YearFigures, figure_rows


def figures_xlsx(years: list[YearFigures], scale: StatusScale = STANDARD) -> IO[bytes]:
    """Labels as text (never formulas), figures as numbers, money with a format."""
    note = _("Statuses and figures are as they stood on 31 December of each year.")
    columns = [Column(_("Key figure"), 40, _label, comment=note)]
    for index, shown in enumerate(years):
        columns.append(
            Column(
                str(shown.year),
                14,
                lambda row, i=index: row.values[i],
                is_money_in=_is_money,
            )
        )
    title = _("Key figures %(year)s") % {"year": years[-1].year}
    return build_xlsx(title, columns, figure_rows(years, scale))


def _is_money(row: FigureRow) -> bool:
    return row.is_money


def _label(row: FigureRow) -> str:
    return f"– {row.label}" if row.is_part else row.label
