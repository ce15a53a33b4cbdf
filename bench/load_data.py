"""Synthetic large kommuner for benchmarking the KS report (issue 7) and the pages
of a shared instance with many kommuner (issue 18).

At scale 1: 30 organisations, 400 actions with 3 updates each, 120 projects,
60 fund applications, 30 approved annual reports and 5 years of indicator values.
Rows are bulk-created, with one history record each for actions and projects (the
KS report reads every year as the history held it at its end); the annual reports
go through the real services so that their snapshots are real.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from actions.models import Action, ActionUpdate
from intkommun.models import Membership, Organisation
from projects.models import (
    FundAllocation,
    FundApplication,
    InternationalFund,
    Partnership,
    Project,
)
from reports import services
from strategies.models import (
    DocumentType,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Strategy,
)

YEAR = 2024
PER_SCALE = {
    "organisations": 30,
    "actions": 400,
    "projects": 120,
    "fund_applications": 60,
}
STATUSES = ["planned", "in_progress", "done", "postponed", "cancelled"]
TEXT = (
    "Samverkan med partnerkommuner i Östersjöregionen kring unga, kompetens och "
    "hållbar utveckling, med studiebesök, workshoppar och gemensamma ansökningar."
)


def kommun_name(scale: int, number: int | None = None) -> str:
    """ "Lastkommun 5" alone, "Lastkommun 5-1" … "Lastkommun 5-N" of many."""
    return f"Lastkommun {scale}" if number is None else f"Lastkommun {scale}-{number}"


def coordinator_username(scale: int, number: int | None = None) -> str:
    suffix = str(scale) if number is None else f"{scale}_{number}"
    return f"last_samordnare_{suffix}"


@transaction.atomic
def load_data(scale: int, number: int | None = None) -> tuple[Organisation, Any]:
    """Create one kommun, the ``number``-th of many if given (refuses nothing
    itself: the caller checks that its name and coordinator are free)."""
    kommun = Organisation.objects.create(
        kind=Organisation.Kind.KOMMUN,
        name=kommun_name(scale, number),
        population=50000,
    )
    coordinator = _coordinator(kommun, coordinator_username(scale, number))
    organisations = Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.FORVALTNING,
            name=f"Förvaltning {number:03d}",
            parent=kommun,
            kommun=kommun,
        )
        for number in range(PER_SCALE["organisations"] * scale)
    )
    Organisation.history.bulk_history_create(organisations)
    plan, goals = _plan(kommun)
    _actions(plan, organisations, scale)
    _projects(organisations, scale)
    _fund(kommun, organisations, scale)
    _partnerships(kommun, organisations)
    _approved_reports(kommun, organisations, coordinator)
    return kommun, coordinator


def _coordinator(kommun: Organisation, username: str) -> Any:
    user = get_user_model().objects.create_user(
        username=username, first_name="Lasse", last_name="Last"
    )
    Membership.objects.create(
        user=user, organisation=kommun, role=Membership.Role.COORDINATOR
    )
    return user


def _plan(kommun: Organisation) -> tuple[Strategy, list[Goal]]:
    plan = Strategy.objects.create(
        kommun=kommun,
        document_type=DocumentType.objects.defaults().get(name="Handlingsplan"),
        title=f"Handlingsplan för internationellt arbete {YEAR}",
        adopted_on=datetime.date(YEAR - 1, 12, 1),
        valid_from=datetime.date(YEAR, 1, 1),
        valid_until=datetime.date(YEAR, 12, 31),
        next_review_on=datetime.date(YEAR, 10, 1),
    )
    for number in range(1, 4):
        FocusArea.objects.create(
            strategy=plan, number=number, title=f"Prioriterat område {number}"
        )
    goals = [
        Goal.objects.create(
            strategy=plan, order=number, label="abcde"[number], text=f"Mål {number}"
        )
        for number in range(5)
    ]
    for goal in goals:
        indicator = Indicator.objects.create(goal=goal, name="Deltagare", unit="st")
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, year=year, value=Decimal(year % 97))
            for year in range(YEAR - 4, YEAR + 1)
        )
    return plan, goals


def _actions(plan: Strategy, organisations: list[Organisation], scale: int) -> None:
    areas = list(plan.focus_areas.all())
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            focus_area=areas[number % len(areas)],
            reference=f"{number % len(areas) + 1}.{number}",
            position=number,
            title=f"Åtgärd {number}: {TEXT}",
            responsible_text=organisations[number % len(organisations)].name,
            timing_text=f"Hela {YEAR}",
            starts_on=datetime.date(YEAR, 1, 1),
            ends_on=datetime.date(YEAR, 12, 31),
            status=STATUSES[number % len(STATUSES)],
        )
        for number in range(PER_SCALE["actions"] * scale)
    )
    Action.history.bulk_history_create(actions)
    through = Action.responsible_organisations.through
    through.objects.bulk_create(
        through(action=action, organisation=organisations[i % len(organisations)])
        for i, action in enumerate(actions)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            occurred_on=datetime.date(YEAR, 3 + 3 * update, 1 + i % 28),
            text=f"Uppdatering {update + 1}: {TEXT}",
            participants=20,
            young_participants=10,
        )
        for i, action in enumerate(actions)
        for update in range(3)
    )


def _projects(organisations: list[Organisation], scale: int) -> None:
    projects = Project.objects.bulk_create(
        Project(
            owner=organisations[number % len(organisations)],
            title=f"Projekt {number}: samverkan i Europa",
            kind=Project.Kind.EU_PROJECT if number % 2 else Project.Kind.EXCHANGE,
            status=[
                Project.Status.ONGOING,
                Project.Status.SUBMITTED,
                Project.Status.REJECTED,
            ][number % 3],
            submitted_on=datetime.date(YEAR - number % 2, 2, 1),
            decision_on=datetime.date(YEAR, 5, 1) if number % 3 != 1 else None,
            starts_on=datetime.date(YEAR, 6, 1),
            ends_on=datetime.date(YEAR + 2, 5, 31),
            municipality_budget=Decimal(400000 + number * 1000),
            eu_grant=Decimal(300000),
            own_cofinancing_cash=Decimal(100000),
        )
        for number in range(PER_SCALE["projects"] * scale)
    )
    Project.history.bulk_history_create(projects)


def _fund(kommun: Organisation, organisations: list[Organisation], scale: int):
    fund = InternationalFund.objects.create(
        kommun=kommun, year=YEAR, budget=Decimal(500000 * scale * 10)
    )
    allocation = FundAllocation.objects.create(
        fund=fund, name="Skolutbyten", amount=Decimal(250000 * scale)
    )
    FundApplication.objects.bulk_create(
        FundApplication(
            fund=fund,
            allocation=allocation if number % 2 else None,
            applicant=organisations[number % len(organisations)],
            purpose=f"Ansökan {number}: {TEXT}",
            amount_requested=Decimal(50000),
            submitted_on=datetime.date(YEAR, 3, 1),
            status=FundApplication.Status.GRANTED,
            decided_on=datetime.date(YEAR, 4, 1),
            granted_amount=Decimal(40000),
            amount_used=Decimal(30000),
        )
        for number in range(PER_SCALE["fund_applications"] * scale)
    )


def _partnerships(kommun: Organisation, organisations: list[Organisation]) -> None:
    Partnership.objects.bulk_create(
        Partnership(
            kind=[Partnership.Kind.TWIN_TOWN, Partnership.Kind.NETWORK][number % 2],
            name=f"Partnerskap {number}",
            responsible_organisation=organisations[number % len(organisations)],
        )
        for number in range(10)
    )


def _approved_reports(
    kommun: Organisation, organisations: list[Organisation], coordinator: Any
) -> None:
    follow_up_round = services.round_open(
        kommun=kommun,
        year=YEAR,
        deadline=datetime.date(YEAR + 1, 1, 31),
        organisations=organisations,
        by=coordinator,
    )
    for report in follow_up_round.reports.all():
        report.contact_name = "Kontaktperson"
        report.results = TEXT
        report.needs = TEXT
        report.save()
        report.goal_assessments.update(assessment="partly", comment=TEXT)
        report = services.report_submit(report=report, by=coordinator)
        services.report_approve(report=report, by=coordinator)
