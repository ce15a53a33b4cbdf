"""A plan's actions month by month: which months each action covers.

Pure: takes actions (anything with starts_on, ends_on, is_ongoing and
``is_overdue_on(day)``) and the span of the dates of all the plan's actions,
returns rows of cells for a server-rendered, printable table. A page of the
timeline shows some of the actions against the months of all of them, so every
page has the same columns.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_MONTHS = 48


@dataclass(frozen=True)
class DateSpan:
    """The earliest and latest date of some actions; ongoing ones reach further."""

    first: datetime.date | None
    last: datetime.date | None
    has_ongoing: bool = False

    @classmethod
    def of(cls, actions: Sequence[Any]) -> DateSpan:
        days = [d for a in actions for d in (a.starts_on, a.ends_on) if d is not None]
        return cls(
            first=min(days, default=None),
            last=max(days, default=None),
            has_ongoing=any(a.is_ongoing for a in actions),
        )


@dataclass(frozen=True)
class Cell:
    is_active: bool
    is_start: bool = False
    is_open_end: bool = False


@dataclass(frozen=True)
class TimelineRow:
    action: Any
    cells: list[Cell]
    is_dated: bool
    is_overdue: bool = False


@dataclass(frozen=True)
class Timeline:
    months: list[datetime.date]
    rows: list[TimelineRow]

    @property
    def years(self) -> list[tuple[int, int]]:
        """(year, number of months shown) for a header row spanning the months."""
        spans: dict[int, int] = {}
        for month in self.months:
            spans[month.year] = spans.get(month.year, 0) + 1
        return list(spans.items())


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, count: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, current = [], month_start(first)
    while current <= last and len(months) < MAX_MONTHS:
        months.append(current)
        current = add_months(current, 1)
    return months


def horizon(
    span: DateSpan, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """From the earliest start to the latest end; ongoing actions reach a year on."""
    if span.first is None or span.last is None:
        return month_start(today), add_months(month_start(today), 11)
    last = span.last
    if span.has_ongoing:
        last = max(last, add_months(month_start(last), 12) - datetime.timedelta(days=1))
    return month_start(span.first), last


def build_timeline(
    actions: Iterable[Any], today: datetime.date, span: DateSpan | None = None
) -> Timeline:
    """The actions' rows against the months of ``span`` (by default their own)."""
    actions = list(actions)
    first, last = horizon(span or DateSpan.of(actions), today)
    months = month_range(first, last)
    rows = [
        TimelineRow(a, _cells(a, months), _is_dated(a), a.is_overdue_on(today))
        for a in actions
    ]
    return Timeline(months=months, rows=rows)


def _is_dated(action: Any) -> bool:
    return action.starts_on is not None or action.ends_on is not None


def _cells(action: Any, months: list[datetime.date]) -> list[Cell]:
    if not _is_dated(action):
        return [Cell(False) for _ in months]
    start = month_start(action.starts_on or action.ends_on)
    if action.ends_on:
        end = month_start(action.ends_on)
    else:
        end = None if action.is_ongoing else start
    cells = []
    for month in months:
        after_start = month >= start
        before_end = end is None or month <= end
        active = after_start and before_end
        cells.append(
            Cell(
                is_active=active,
                is_start=active and month == start,
                is_open_end=active and end is None and month == months[-1],
            )
        )
    return cells
