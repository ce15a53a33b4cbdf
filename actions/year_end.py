"""Actions as they stood at the end of a year, for the reports about that year.

A report about year Y shows what the register held on 31 December of Y, never what
was changed afterwards (``intkommun.as_of`` reads the change history):

* **Which actions.** Each action as held at the end of Y (an action removed after Y
  still belongs to Y, one removed before the end of Y does not) that
  - has dates touching Y, or
  - has no dates at all and belongs to a plan in force in Y (a standing or undated
    commitment: it is part of the year whether or not progress was logged), or
  - has a progress entry dated in Y.
* **Its fields** (title, dates, plan, focus area) are those of that record; an
  action first registered after Y (a plan back-filled later) reads as registered.
* **Its status at the end of Y** is the newer of
  (a) the status of its newest history record made before the end of Y
      (Europe/Stockholm), and
  (b) the new status of its newest progress entry dated on or before 31 December
      of Y that set a status,
  compared by their dates (the record's local date against the entry's
  ``occurred_on``; on the same day the record wins). An entry dated in Y counts
  even when it was logged later (back-filled); an entry dated after Y never does.
  An action first registered after Y has no record (a): it starts from the status
  of its earliest record.
* **Its latest progress** is its newest progress entry dated on or before 31
  December of Y.

Everything is read in one query, whatever the number of actions.
"""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from actions.models import UNDATED, Action, ActionUpdate, active_in_year_q
from intkommun.as_of import (
    first_value,
    held_at_year_end,
    instance_of,
    recorded_after_year,
)


def _updates() -> QuerySet:
    # Progress entries of removed actions too: removal today does not rewrite Y.
    return ActionUpdate.objects.with_removed()


def action_records_of_year(year: int, plans_in_force: QuerySet) -> QuerySet:
    """The history record of each action of the year as held at its end (see the
    module docstring); filter it further, then read it with ``actions_as_of``."""
    dated_in_year = _updates().filter(occurred_on__year=year).values("action")
    return held_at_year_end(Action.history.all(), year).filter(
        active_in_year_q(year)
        | (UNDATED & Q(plan__in=plans_in_force.values("pk")))
        | Q(id__in=dated_in_year)
    )


def actions_as_of(records: QuerySet, year: int) -> list[Action]:
    """``records`` as actions, each with the status it had at the end of ``year``
    and its latest progress then (``latest_update_on``, ``latest_update_text``)."""
    year_end = datetime.date(year, 12, 31)
    logged = _updates().filter(action=OuterRef("id"), occurred_on__lte=year_end)
    logged = logged.order_by("-occurred_on", "-created_at")
    set_status = logged.exclude(new_status="")
    records = records.annotate(
        latest_update_on=Subquery(logged.values("occurred_on")[:1]),
        latest_update_text=Subquery(logged.values("text")[:1]),
        status_set_on=Subquery(set_status.values("occurred_on")[:1]),
        status_set_to=Subquery(set_status.values("new_status")[:1]),
        first_status=first_value(Action.history.all(), "status"),
    ).select_related("plan", "focus_area")
    return [_action(record, year) for record in records]


def _action(record, year: int) -> Action:
    action = instance_of(record)
    action.plan = record.plan
    action.focus_area = record.focus_area
    action.status = status_at_year_end(record, year)
    action.latest_update_on = record.latest_update_on
    action.latest_update_text = record.latest_update_text or ""
    return action


def status_at_year_end(record, year: int) -> str:
    """The rule of the module docstring, for one annotated record."""
    if recorded_after_year(record, year):
        recorded_on, status = None, record.first_status or record.status
    else:
        recorded_on, status = timezone.localdate(record.history_date), record.status
    entry_is_newer = record.status_set_on is not None and (
        recorded_on is None or record.status_set_on > recorded_on
    )
    return record.status_set_to if entry_is_newer else status
