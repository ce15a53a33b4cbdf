"""The register as it stood at the end of a year, read from the change history.

Every model edited by users keeps its history (django-simple-history): one record
per save, with ``history_date``. A report about a past year reads the record each
object had at the end of that year, so that what was changed afterwards (a status,
a grant, a date, a removal) never leaks into it.

``held_at_year_end(history, year)`` gives one record per object:

* the newest record made before the end of the year (midnight of 1 January of the
  next year, Europe/Stockholm);
* for an object first registered after the year (back-filled later), its newest
  record: the register then held nothing about it, and what was entered later is
  written about the past;
* never an object deleted or (softly) removed by the end of the year, nor one that
  is removed today and was first registered after the year.
"""

from __future__ import annotations

import datetime

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from intkommun.search_columns import SEARCH_COLUMNS


def year_end_moment(year: int) -> datetime.datetime:
    """The first moment after the year, in local time."""
    start_of_next = datetime.datetime(year + 1, 1, 1)
    return timezone.make_aware(start_of_next, timezone.get_default_timezone())


def recorded_after_year(record, year: int) -> bool:
    """Whether ``record`` (one of ``held_at_year_end``) was made after the year,
    i.e. its object was back-filled."""
    return record.history_date >= year_end_moment(year)


def held_at_year_end(history: QuerySet, year: int) -> QuerySet:
    """The record of each object of ``history`` that the register held at the end
    of ``year`` (see the module docstring); filter ``history`` first to keep the
    correlated subqueries few."""
    model = history.model
    records = (
        model._default_manager.filter(id=OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")
    )
    before = records.filter(history_date__lt=year_end_moment(year))
    held = Coalesce(Subquery(before[:1]), Subquery(records[:1]))
    chosen = history.alias(held_record=held).filter(history_id=F("held_record"))
    chosen = chosen.exclude(history_type="-")
    if any(field.name == "removed_at" for field in model._meta.fields):
        chosen = chosen.filter(removed_at__isnull=True)
    return chosen


def first_value(history: QuerySet, field: str) -> Subquery:
    """``field`` of the earliest record of the object of the outer record."""
    model = history.model
    earliest = model._default_manager.filter(id=OuterRef("id")).order_by(
        "history_date", "history_id"
    )
    return Subquery(earliest.values(field)[:1])


def instance_of(record):
    """The object as ``record`` (a historical record) holds it, like simple-history's
    ``record.instance`` but without its query per record: history leaves out only
    the stored search columns (``intkommun.search_columns``), which the database
    keeps and no report reads, so nothing needs to be fetched from the live row."""
    model = record.instance_type
    excluded = set(record._history_excluded_fields)
    if excluded - set(SEARCH_COLUMNS):
        return record.instance  # another excluded field: only the live row has it
    instance = model(
        **{
            field.attname: getattr(record, field.attname)
            for field in model._meta.concrete_fields
            if field.name not in excluded
        }
    )
    setattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, record)
    return instance
