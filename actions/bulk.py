"""Bulk update by spreadsheet: the action export, edited in Excel, read back.

The file is matched to actions by its Id column. For each action the preview says
exactly which fields change; status, dates, "ongoing" and a new progress note are
the columns read, everything else in the file is ignored.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from actions.exports import ID_HEADER, NOTE_HEADER
from actions.models import Action, Status
from actions.plan_parsing import Problem
from intkommun.formatting import format_long_date

HEADERS = {
    "id": ID_HEADER,
    "status": gettext_lazy("Status"),
    "starts_on": gettext_lazy("Starts on"),
    "ends_on": gettext_lazy("Ends on"),
    "is_ongoing": gettext_lazy("Ongoing"),
    "note": NOTE_HEADER,
}
YES = {"ja", "yes", "j", "y", "x", "1", "true", "sant"}
NO = {"nej", "no", "n", "0", "false", "falskt", ""}


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    value: Any


@dataclass(frozen=True)
class ActionChange:
    action: Action
    row: int
    fields: list[FieldChange]
    note: str


@dataclass
class BulkPlan:
    changes: list[ActionChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.changes)


def read_bulk_update(data: bytes, actions: dict[int, Action]) -> BulkPlan:
    """Compare the file with ``actions`` (those the user may edit, by id)."""
    plan = BulkPlan()
    rows = _rows(data, plan)
    if rows is None:
        return plan
    columns = _columns(rows[0]) if rows else {}
    if "id" not in columns:
        plan.problems.append(
            Problem(
                "",
                _(
                    "The file has no Id column; export the list again and edit that file."
                ),
            )
        )
        return plan
    for number, row in enumerate(rows[1:], start=2):
        if any(cell not in (None, "") for cell in row):
            _read_row(plan, number, row, columns, actions)
    if not plan.problems and not plan.changes:
        plan.problems.append(Problem("", _("The file changes nothing.")))
    return plan


def _rows(data: bytes, plan: BulkPlan) -> list[tuple] | None:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        plan.problems.append(
            Problem("", _("The file cannot be read as an Excel file (.xlsx)."))
        )
        return None
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _columns(header: tuple) -> dict[str, int]:
    """Column positions by key, from headers in Swedish or English."""
    names: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for key, header_text in HEADERS.items():
                names[str(header_text).casefold()] = key
    return {
        names[str(cell).strip().casefold()]: index
        for index, cell in enumerate(header)
        if cell is not None and str(cell).strip().casefold() in names
    }


def _read_row(plan, number, row, columns, actions) -> None:
    source = _("row %(number)s") % {"number": number}
    raw_id = _cell(row, columns, "id")
    action = actions.get(_as_int(raw_id))
    if action is None:
        plan.problems.append(
            Problem(
                source,
                _("Action %(id)s does not exist or you may not change it.")
                % {"id": raw_id},
            )
        )
        return
    problems_before = len(plan.problems)
    values = _values(plan, source, row, columns, action)
    if len(plan.problems) > problems_before:
        return
    fields = [change for change in _field_changes(action, values) if change is not None]
    note = str(_cell(row, columns, "note") or "").strip()
    if fields or note:
        plan.changes.append(ActionChange(action, number, fields, note))
    else:
        plan.unchanged += 1


def _values(plan, source, row, columns, action) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "status" in columns:
        values["status"] = _status(plan, source, _cell(row, columns, "status"))
    for key in ("starts_on", "ends_on"):
        if key in columns:
            values[key] = _date(plan, source, _cell(row, columns, key))
    if "is_ongoing" in columns:
        values["is_ongoing"] = _yes_no(plan, source, _cell(row, columns, "is_ongoing"))
    starts = values.get("starts_on", action.starts_on)
    ends = values.get("ends_on", action.ends_on)
    both_dates = all(isinstance(day, datetime.date) for day in (starts, ends))
    if both_dates and ends < starts:
        plan.problems.append(Problem(source, _("The end cannot be before the start.")))
    return values


def _field_changes(action: Action, values: dict[str, Any]) -> list[FieldChange | None]:
    return [_change(action, name, value) for name, value in values.items()]


def _change(action: Action, name: str, value: Any) -> FieldChange | None:
    if value is _UNREADABLE or getattr(action, name) == value:
        return None
    label = str(Action._meta.get_field(name).verbose_name)
    return FieldChange(
        name,
        label,
        _display(action, name, getattr(action, name)),
        _display(action, name, value),
        value,
    )


def _display(action: Action, name: str, value: Any) -> str:
    if name == "status":
        return capfirst(str(Status(value).label))
    if name == "is_ongoing":
        return _("Yes") if value else _("No")
    return format_long_date(value) if value else "–"


_UNREADABLE = object()


def _status(plan, source, value) -> Any:
    text = str(value or "").strip().casefold()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for status in Status:
                if text in (status.value, str(status.label).casefold()):
                    return status.value
    plan.problems.append(
        Problem(source, _("Unknown status “%(value)s”.") % {"value": value})
    )
    return _UNREADABLE


def _date(plan, source, value) -> Any:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        plan.problems.append(
            Problem(
                source,
                _("“%(value)s” is not a date (write 2017-05-31).") % {"value": value},
            )
        )
        return _UNREADABLE


def _yes_no(plan, source, value) -> Any:
    text = str(value if value is not None else "").strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    plan.problems.append(Problem(source, _("Write Ja or Nej in the Ongoing column.")))
    return _UNREADABLE


def _cell(row: tuple, columns: dict[str, int], key: str) -> Any:
    index = columns.get(key)
    return row[index] if index is not None and index < len(row) else None


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
