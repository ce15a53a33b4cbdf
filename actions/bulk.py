"""Bulk update by spreadsheet: the action export, edited in Excel, read back.

The file is matched to actions by its Id column. For each action the preview says
exactly which fields change; status, dates, "ongoing" and a new progress note are
the columns read, everything else in the file is ignored.

Each cell is compared with what the spreadsheet saw: the action at the row's version
(the Version column of the export, DESIGN §7). A cell left as exported is no change,
even if the action has been changed in intkommun since. A cell the user changed is a
change; if someone also changed that field in intkommun after the export, the row is
a conflict, shown with both values and saved only if the user says so. Fields are
compared one by one rather than flagging every row of a newer action: a colleague's
new status does not stop the user's new end date, and only a real collision asks for
a decision. A file without a Version column is compared with today's values.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from actions.exports import ID_HEADER, NOTE_HEADER, VERSION_HEADER
from actions.models import Action
from actions.plan_parsing import Problem
from actions.status_scale import STANDARD, StatusScale
from actions.upload_limits import (
    Limits,
    UploadRefused,
    check_zip,
    too_many_cells,
    too_many_rows,
)
from intkommun.formatting import format_long_date
from intkommun.limits import TEXT_LENGTH
from intkommun.versioning import changes_since, version_records
from intkommun.years import PlausibleDateValidator, implausible_date_message

HEADERS = {
    "id": ID_HEADER,
    "version": VERSION_HEADER,
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
    """A field the file changes from ``old`` (stored now) to ``new``.

    A conflict is a field someone else also changed in intkommun after the export:
    ``seen`` is then the value the spreadsheet saw, and ``changed_by`` and
    ``changed_at`` say who changed it since, and when."""

    name: str
    label: str
    old: str
    new: str
    value: Any
    old_value: Any = None
    is_conflict: bool = False
    seen: str = ""
    changed_by: str = ""
    changed_at: datetime.datetime | None = None


@dataclass(frozen=True)
class ActionChange:
    action: Action
    row: int
    fields: list[FieldChange]
    note: str

    @property
    def conflicts(self) -> list[FieldChange]:
        return [change for change in self.fields if change.is_conflict]

    @property
    def is_conflict(self) -> bool:
        """Saved only if the user ticks the row: a new progress note alone never
        is, since it adds to the log and overwrites nothing."""
        return bool(self.conflicts)

    @property
    def latest_conflict(self) -> FieldChange | None:
        dated = [change for change in self.conflicts if change.changed_at]
        return max(dated, key=lambda change: change.changed_at, default=None)


@dataclass
class BulkPlan:
    changes: list[ActionChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0
    has_versions: bool = True
    # The kommun's words for the statuses: read from the file and shown back.
    scale: StatusScale = STANDARD

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.changes)

    @property
    def conflicts(self) -> list[ActionChange]:
        return [change for change in self.changes if change.is_conflict]

    @property
    def digest(self) -> str:
        """A fingerprint of what the preview shows. The confirm reads the file again
        and saves only if it finds the same plan, so that nothing changed in
        between is saved unseen."""
        shown = [
            (
                change.row,
                change.action.pk,
                change.note,
                [(f.name, f.old_value, f.value, f.is_conflict) for f in change.fields],
            )
            for change in self.changes
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()


def read_bulk_update(
    rows: list[list], actions: dict[int, Action], scale: StatusScale = STANDARD
) -> BulkPlan:
    """Compare the file's ``rows`` (from `read_rows`) with ``actions`` (those the
    user may edit, by id, each with its ``.version`` from ``with_versions``); a
    status is read and shown in the words of the kommun's ``scale``."""
    plan = BulkPlan(scale=scale)
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
    plan.has_versions = "version" in columns
    body = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]
    records = _exported_records(body, columns) if plan.has_versions else {}
    for number, row in body:
        _read_row(plan, number, row, columns, actions, records)
    if not plan.problems and not plan.changes:
        plan.problems.append(Problem("", _("The file changes nothing.")))
    return plan


def read_rows(data: bytes, limits: Limits | None = None) -> list[list]:
    """The first sheet's rows, as JSON values, so that a staged update keeps them
    and its preview never reads the file again. Raises `UploadRefused` for a file
    that is no workbook or is over the ``limits``."""
    limits = limits or Limits.from_settings()
    unreadable = UploadRefused(_("The file cannot be read as an Excel file (.xlsx)."))
    if not check_zip(data, limits):
        raise unreadable
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_rows(workbook.worksheets[0], limits)
        finally:
            workbook.close()
    except UploadRefused:
        raise
    except Exception as error:
        # openpyxl and zipfile fail in many ways on a damaged file; all mean this.
        raise unreadable from error


def _sheet_rows(sheet: Any, limits: Limits) -> list[list]:
    rows: list[list] = []
    cells = 0
    for row in sheet.iter_rows(values_only=True):
        cells += len(row)
        if len(rows) >= limits.rows:
            raise too_many_rows(limits.rows)
        if cells > limits.cells:
            raise too_many_cells(limits.cells)
        rows.append([_json_cell(value) for value in row])
    return rows


def _json_cell(value: Any) -> Any:
    """Dates as ISO text, which `_date` reads back; numbers, text and booleans as
    they are."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


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


def _exported_records(body: list, columns: dict[str, int]) -> dict:
    """The action that each row's version stands for, all in one query."""
    pairs = []
    for _number, row in body:
        pk = _as_int(_cell(row, columns, "id"))
        version = _as_version(_cell(row, columns, "version"))
        if pk is not None and version is not None:
            pairs.append((pk, version))
    return version_records(Action, pairs)


def _read_row(plan, number, row, columns, actions, records) -> None:
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
    exported = action
    if plan.has_versions:
        exported = _exported(
            plan, source, _cell(row, columns, "version"), action, records
        )
    values = _values(plan, source, row, columns)
    if len(plan.problems) > problems_before:
        return
    fields = _field_changes(action, exported, values, plan.scale)
    if _ends_before_start(action, fields):
        plan.problems.append(Problem(source, _("The end cannot be before the start.")))
        return
    if any(change.is_conflict for change in fields):
        fields = _with_authors(action, exported.history_id, fields)
    note = str(_cell(row, columns, "note") or "").strip()
    if len(note) > TEXT_LENGTH:
        plan.problems.append(Problem(source, _("The note is too long.")))
        return
    if fields or note:
        plan.changes.append(ActionChange(action, number, fields, note))
    else:
        plan.unchanged += 1


def _exported(plan, source, raw, action, records) -> Any:
    """The action as the spreadsheet saw it: the historical record at the row's
    version (the action itself if it has no history, so no version to carry)."""
    if raw in (None, "") and action.version is None:
        return action
    version = _as_version(raw)
    record = records.get((action.pk, version))
    if record is not None:
        return record
    if raw in (None, ""):
        message = _(
            "The Version cell is empty. Put back the number from the export, or "
            "export the list again and edit that file."
        )
    elif version is None:
        message = _(
            "“%(value)s” is not a version. Leave the Version column as it was exported."
        ) % {"value": raw}
    else:
        message = _(
            "%(version)s is not a version of action %(id)s. Export the list again "
            "and edit that file."
        ) % {"version": version, "id": action.pk}
    plan.problems.append(Problem(source, message))
    return None


def _values(plan, source, row, columns) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "status" in columns:
        values["status"] = _status(plan, source, _cell(row, columns, "status"))
    for key in ("starts_on", "ends_on"):
        if key in columns:
            values[key] = _date(plan, source, _cell(row, columns, key))
    if "is_ongoing" in columns:
        values["is_ongoing"] = _yes_no(plan, source, _cell(row, columns, "is_ongoing"))
    return values


def _field_changes(
    action: Action, exported: Any, values: dict[str, Any], scale: StatusScale
) -> list[FieldChange]:
    changes = (
        _change(action, exported, name, value, scale) for name, value in values.items()
    )
    return [change for change in changes if change is not None]


def _change(
    action: Action, exported: Any, name: str, value: Any, scale: StatusScale
) -> FieldChange | None:
    """The user's change of one field: a cell unlike the value the spreadsheet saw.
    A cell that already equals the stored value changes nothing either."""
    seen, current = getattr(exported, name), getattr(action, name)
    if value is _UNREADABLE or value in (seen, current):
        return None
    return FieldChange(
        name=name,
        label=str(Action._meta.get_field(name).verbose_name),
        old=_display(name, current, scale),
        new=_display(name, value, scale),
        value=value,
        old_value=current,
        is_conflict=current != seen,
        seen=_display(name, seen, scale),
    )


def _ends_before_start(action: Action, fields: list[FieldChange]) -> bool:
    after = {change.name: change.value for change in fields}
    starts = after.get("starts_on", action.starts_on)
    ends = after.get("ends_on", action.ends_on)
    return starts is not None and ends is not None and ends < starts


def _with_authors(
    action: Action, version: int, fields: list[FieldChange]
) -> list[FieldChange]:
    """Who changed each conflicting field in intkommun after the export, and when."""
    later = changes_since(action, version, names=[f.name for f in fields])
    return [
        replace(
            f, changed_by=later[f.name].changed_by, changed_at=later[f.name].changed_at
        )
        if f.is_conflict and f.name in later
        else f
        for f in fields
    ]


def _display(name: str, value: Any, scale: StatusScale) -> str:
    if name == "status":
        return capfirst(scale.label(value))
    if name == "is_ongoing":
        return _("Yes") if value else _("No")
    return format_long_date(value) if value else "–"


_UNREADABLE = object()


def _status(plan, source, value) -> Any:
    """One of the kommun's terms, a status's name (Swedish or English) or its
    code."""
    status = plan.scale.status_for(value)
    if status is not None:
        return status
    message = _("Unknown status “%(value)s”. Write one of: %(terms)s.") % {
        "value": "" if value is None else value,
        "terms": ", ".join(plan.scale.accepted_terms()),
    }
    plan.problems.append(Problem(source, message))
    return _UNREADABLE


def _date(plan, source, value) -> Any:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    try:
        if not isinstance(value, datetime.date):
            value = datetime.date.fromisoformat(str(value).strip())
        PlausibleDateValidator()(value)
        return value
    except ValidationError:
        plan.problems.append(Problem(source, implausible_date_message()))
        return _UNREADABLE
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


def _as_version(value: Any) -> int | None:
    """A whole number as exported (Excel may turn it into 12.0), else None."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() else None
