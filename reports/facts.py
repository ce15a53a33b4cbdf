"""What the register already knows about an organisation's year, for its report.

The report is pre-filled from the register, never retyped: EU projects ongoing and
closed during the year, other international projects and exchanges, applications
submitted during the year with their outcome, the activities of the year in the
twin towns, networks and exchanges it is responsible for (all from ``projects``,
for the organisation and every unit below it), and the actions it is responsible
for with their latest update in the year (from ``actions``).

Read live, the facts are still those of the year as it stood at its end: projects
as the register held them on 31 December (``projects.year_end``), actions with the
status and latest progress they had then (``actions.year_end``: the newer of the
status held at year end and the status set by the newest progress entry dated in
or before the year). Standing and undated commitments of a plan in force in the
year are listed whether or not progress was logged on them.

An approved report is frozen: ``report_facts`` then reads the JSON snapshot stored
at approval instead of the live register. The snapshot round-trips into the very
same dataclasses (dates as ISO strings, money as strings turned back into Decimal).
"""

from __future__ import annotations

import datetime
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import translation
from django_countries.fields import Country

from actions.models import Action, ActionUpdate
from actions.models import Status as ActionStatus
from actions.year_end import action_records_of_year, actions_as_of
from intkommun.models import Organisation
from intkommun.partial_dates import PartialDate
from intkommun.permissions import subtree_ids
from projects.models import PartnershipActivity, Project
from projects.models import Status as ProjectStatus
from projects.models.partnerships import activity_counts_in_year_q
from projects.models.projects import running_in_year_q
from projects.year_end import project_records_at_year_end, projects_as_of
from strategies.models import Strategy

# 2: partnership activities of the year; a version 1 snapshot reads as having none.
SNAPSHOT_VERSION = 2


@dataclass(frozen=True)
class ProjectFact:
    pk: int
    title: str
    acronym: str
    kind: str
    status: str
    owner: str
    programme: str
    submitted_on: datetime.date | None
    decision_on: datetime.date | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    municipality_budget_sek: Decimal | None
    eu_grant_sek: Decimal | None

    @property
    def display_title(self) -> str:
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    @property
    def status_label(self) -> str:
        return _label(ProjectStatus, self.status)

    @property
    def kind_label(self) -> str:
        return _label(Project.Kind, self.kind)

    @property
    def url(self) -> str:
        return reverse("projects:detail", args=[self.pk])


@dataclass(frozen=True)
class ActionFact:
    pk: int
    reference: str
    title: str
    plan: str
    status: str
    timing_text: str
    latest_update_on: datetime.date | None
    latest_update_text: str
    participants: int | None
    young_participants: int | None

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 90 else self.title[:88].rstrip() + " …"

    @property
    def status_label(self) -> str:
        return _label(ActionStatus, self.status)

    @property
    def url(self) -> str:
        return reverse("actions:detail", args=[self.pk])


@dataclass(frozen=True)
class PartnershipActivityFact:
    pk: int
    partnership_pk: int
    partnership: str
    kind: str
    occurred_on: datetime.date
    occurred_on_precision: str
    purpose: str
    participants_text: str
    participants: int | None
    young_participants: int | None
    countries: list[str]
    cost: Decimal | None
    # A recurring activity (a yearly camp): how often it happened in the year,
    # participants and cost already multiplied; its rule in words.
    occurrences: int = 1
    recurrence_text: str = ""

    @property
    def occurred(self) -> PartialDate:
        return PartialDate.of(self.occurred_on, self.occurred_on_precision)

    @property
    def occurred_text(self) -> str:
        return self.recurrence_text or str(self.occurred)

    @property
    def kind_label(self) -> str:
        return _label(PartnershipActivity.Kind, self.kind)

    @property
    def country_names(self) -> list[str]:
        return [str(Country(code).name) for code in self.countries]

    @property
    def url(self) -> str:
        return reverse("projects:partnership_detail", args=[self.partnership_pk])


@dataclass(frozen=True)
class ReportFacts:
    year: int
    organisation: str
    eu_projects_ongoing: list[ProjectFact]
    eu_projects_closed: list[ProjectFact]
    other_projects: list[ProjectFact]
    applications: list[ProjectFact]
    actions: list[ActionFact]
    # When the facts were frozen; None while they are read live from the register.
    frozen_at: datetime.datetime | None = None
    partnership_activities: list[PartnershipActivityFact] = field(default_factory=list)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def eu_grant_sek(self) -> Decimal:
        """EU grants to the municipality of the EU projects of the year, in SEK."""
        projects = self.eu_projects_ongoing + self.eu_projects_closed
        return sum((p.eu_grant_sek or Decimal(0) for p in projects), Decimal(0))

    @property
    def participants(self) -> int:
        """Everyone taking part in the year's progress entries of the
        organisation's actions and in its partnership activities."""
        counted = self.actions + self.partnership_activities
        return sum(entry.participants or 0 for entry in counted)

    @property
    def young_participants(self) -> int:
        counted = self.actions + self.partnership_activities
        return sum(entry.young_participants or 0 for entry in counted)


def _label(choices: Any, value: str) -> str:
    return _labels(choices, translation.get_language()).get(value, value)


@functools.cache
def _labels(choices: Any, language: str | None) -> dict[str, str]:
    """The choices' labels in ``language`` (the active one), translated once per
    process rather than once per fact of a report of thousands."""
    return {value: str(label) for value, label in choices.choices}


# --- reading the register -----------------------------------------------------


def report_facts(report: Any) -> ReportFacts:
    """The facts of a report: frozen for an approved report, live otherwise."""
    if report.snapshot is not None:
        return facts_from_json(report.snapshot)
    return live_facts(report.organisation, report.round.year)


def live_facts(organisation: Organisation, year: int) -> ReportFacts:
    """The facts of the organisation's year, as it stood at the end of the year."""
    organisation_ids = subtree_ids([organisation])
    records = project_records_at_year_end(year, owner__in=organisation_ids)
    running = records.filter(running_in_year_q(year))
    running = running.order_by("starts_on", "title", "id")
    eu = running.filter(kind=Project.Kind.EU_PROJECT)
    ended = Q(ends_on__lte=datetime.date(year, 12, 31))
    return ReportFacts(
        year=year,
        organisation=organisation.name,
        eu_projects_ongoing=_project_facts(eu.exclude(ended)),
        eu_projects_closed=_project_facts(eu.filter(ended)),
        other_projects=_project_facts(running.exclude(kind=Project.Kind.EU_PROJECT)),
        applications=_project_facts(
            records.filter(submitted_on__year=year).order_by(
                "submitted_on", "title", "id"
            )
        ),
        actions=_action_facts(organisation, organisation_ids, year),
        partnership_activities=_partnership_activity_facts(organisation_ids, year),
    )


def _project_facts(records: Any) -> list[ProjectFact]:
    return [
        ProjectFact(
            pk=project.pk,
            title=project.title,
            acronym=project.acronym,
            kind=project.kind,
            status=project.status,
            owner=project.owner.name,
            programme=project.programme.name if project.programme else "",
            submitted_on=project.submitted_on,
            decision_on=project.decision_on,
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            municipality_budget_sek=project.municipality_budget_sek,
            eu_grant_sek=project.eu_grant_sek,
        )
        for project in projects_as_of(records)
    ]


def _action_facts(
    organisation: Organisation, organisation_ids: set[int], year: int
) -> list[ActionFact]:
    """The organisation's actions of the year, as they stood at its end."""
    # Deferred: reports.services imports this module.
    from reports.services import reference_day

    responsible = Action.objects.with_removed().filter(
        responsible_organisations__in=organisation_ids
    )
    in_force = Strategy.objects.in_force(reference_day(year))
    records = (
        action_records_of_year(year, in_force.filter(kommun=organisation.kommun_id))
        .filter(id__in=responsible.values("pk"))
        .order_by("plan__title", "position", "id")
    )
    actions = actions_as_of(records, year)
    totals = {
        row["action"]: row
        for row in ActionUpdate.objects.with_removed()
        .filter(occurred_on__year=year, action__in=records.values("id"))
        .values("action")
        .annotate(people=Sum("participants"), young=Sum("young_participants"))
        .order_by()
    }
    return [
        ActionFact(
            pk=action.pk,
            reference=action.reference,
            title=action.title,
            plan=action.plan.title,
            status=action.status,
            timing_text=action.timing_text,
            latest_update_on=_in_year(action.latest_update_on, year),
            latest_update_text=action.latest_update_text
            if _in_year(action.latest_update_on, year)
            else "",
            participants=totals.get(action.pk, {}).get("people"),
            young_participants=totals.get(action.pk, {}).get("young"),
        )
        for action in actions
    ]


def _in_year(day: datetime.date | None, year: int) -> datetime.date | None:
    # The annual report tells of the year: an older entry is not its news.
    return day if day is not None and day.year == year else None


def _partnership_activity_facts(
    organisation_ids: set[int], year: int
) -> list[PartnershipActivityFact]:
    """The year's activities of the partnerships the organisation is responsible
    for; one dated only "2017" counts in 2017, a recurring one in each year it
    recurs, as often as it does (as the KS report counts it)."""
    activities = (
        PartnershipActivity.objects.filter(
            activity_counts_in_year_q(year),
            partnership__responsible_organisation__in=organisation_ids,
        )
        .select_related("partnership")
        .order_by("partnership__name", "partnership__pk", "occurred_on", "pk")
    )
    facts = []
    for activity in activities:
        times = activity.occurrences_in(year)
        if not times:
            continue
        facts.append(
            PartnershipActivityFact(
                pk=activity.pk,
                partnership_pk=activity.partnership_id,
                partnership=activity.partnership.name,
                kind=activity.kind,
                occurred_on=activity.occurred_on,
                occurred_on_precision=activity.occurred_on_precision,
                purpose=activity.purpose,
                participants_text=activity.participants_text,
                participants=_times(activity.participants, times),
                young_participants=_times(activity.young_participants, times),
                countries=[country.code for country in activity.countries],
                cost=_times(activity.cost, times),
                occurrences=times,
                recurrence_text=str(activity.recurrence_text),
            )
        )
    return facts


def _times(value: Any, times: int) -> Any:
    return None if value is None else value * times


# --- the JSON snapshot ----------------------------------------------------------


def facts_to_json(facts: ReportFacts) -> dict[str, Any]:
    return {"version": SNAPSHOT_VERSION, "facts": _encode(facts)}


def facts_from_json(data: dict[str, Any]) -> ReportFacts:
    return _decode(ReportFacts, data["facts"])


def _encode(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode(cls: type, data: dict[str, Any]) -> Any:
    return cls(
        **{
            name: decode(data.get(name))
            for name, decode, has_default in _field_decoders(cls)
            if not has_default or name in data
        }
    )


@functools.cache
def _field_decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any], bool], ...]:
    """Each field of the dataclass with the decoder of its type and whether it
    has a default, worked out once per class: ``get_type_hints`` evaluates every
    annotation string each time it is asked, and a snapshot holds thousands of
    values of a few dozen types."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (entry.name, _decoder(hints[entry.name]), _has_default(entry))
        for entry in fields(cls)
    )


def _has_default(entry: Any) -> bool:
    """A field added in a later version: older snapshots take its default."""
    return entry.default is not MISSING or entry.default_factory is not MISSING


@functools.cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """The function that turns a JSON value back into a value of type ``hint``
    (None stays None)."""
    if isinstance(hint, types.UnionType):  # "X | None"
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decoder(inner)
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        decode_item = _decoder(item)
        return _or_none(lambda value: [decode_item(entry) for entry in value])
    if is_dataclass(hint):
        return _or_none(functools.partial(_decode, hint))
    if hint is datetime.datetime:
        return _or_none(datetime.datetime.fromisoformat)
    if hint is datetime.date:
        return _or_none(datetime.date.fromisoformat)
    if hint is Decimal:
        return _or_none(Decimal)
    return _as_it_is


def _or_none(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else decode(value)


def _as_it_is(value: Any) -> Any:
    return value
