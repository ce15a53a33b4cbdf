"""Change history of any object, as rows a person can read: who, when, what."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from intkommun.formatting import format_number

EMPTY = "–"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: datetime.datetime
    changed_by: str
    action: str
    reason: str
    changes: list[FieldChange]
    subject: str = ""  # what the change is about, where a page shows several objects


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    excluded = set(getattr(model.history.model, "_history_excluded_fields", []))
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in excluded
    ]


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``obj``, each compared with the one before."""
    return record_entries(obj.history.all(), type(obj), limit)


def record_entries(
    history: models.QuerySet, model: type[models.Model], limit: int = 200
) -> list[HistoryEntry]:
    """The newest ``limit`` of one object's historical records, as entries."""
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    fields = tracked_fields(model)
    display = _DisplayCache()
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        entries.append(
            HistoryEntry(
                changed_at=record.history_date,
                changed_by=_user_label(record.history_user),
                action=_action_label(record, previous),
                reason=record.history_change_reason or "",
                changes=_changes(record, previous, fields, display)
                + _m2m_changes(record, previous, display),
            )
        )
    return entries


def _changes(record, previous, fields, display) -> list[FieldChange]:
    changes = []
    for field in fields:
        new = display(record, field)
        old = display(previous, field) if previous is not None else EMPTY
        if previous is not None and getattr(record, field.attname) == getattr(
            previous, field.attname
        ):
            continue
        if previous is None and new == EMPTY:
            continue
        changes.append(FieldChange(label=str(field.verbose_name), old=old, new=new))
    return changes


def _m2m_changes(record, previous, display) -> list[FieldChange]:
    """Changes of many-to-many fields that the model's history keeps."""
    changes = []
    for field in getattr(record, "_history_m2m_fields", None) or []:
        new = display.related_set(record, field)
        old = display.related_set(previous, field) if previous is not None else EMPTY
        if new != old and not (previous is None and new == EMPTY):
            changes.append(FieldChange(label=str(field.verbose_name), old=old, new=new))
    return changes


def _user_label(user: Any) -> str:
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


def _action_label(record: Any, previous: Any) -> str:
    was = getattr(previous, "removed_at", None)
    now = getattr(record, "removed_at", None)
    if record.history_type == "~" and was is None and now is not None:
        return pgettext("history", "Removed")
    if record.history_type == "~" and was is not None and now is None:
        return _("Restored")
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[
        record.history_type
    ]


class _DisplayCache:
    """Formats field values; related objects are read once each, not per row."""

    def __init__(self) -> None:
        self._related: dict[tuple[type, Any], str] = {}

    def __call__(self, record: Any, field: models.Field) -> str:
        value = getattr(record, field.attname)
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, list | tuple):
            # A multiple-choice field such as the countries of a progress entry.
            return ", ".join(str(getattr(item, "name", item)) for item in value)
        if field.choices and field.flatchoices is not None:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.ForeignKey):
            return self._related_label(field.related_model, value)
        if isinstance(field, models.FileField):
            return str(value).rsplit("/", 1)[-1]
        return _format_value(value)

    def related_set(self, record: Any, field: models.ManyToManyField) -> str:
        """The related objects a historical record held, as one sorted line."""
        target = field.m2m_reverse_field_name()
        ids = getattr(record, field.name).values_list(target, flat=True)
        labels = sorted(self._related_label(field.related_model, pk) for pk in ids)
        return ", ".join(labels) or EMPTY

    def _related_label(self, model: type[models.Model], pk: Any) -> str:
        key = (model, pk)
        if key not in self._related:
            obj = model._default_manager.filter(pk=pk).first()
            self._related[key] = str(obj) if obj is not None else _("(removed)")
        return self._related[key]


def _format_value(value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)
