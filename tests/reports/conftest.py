"""A 2017 follow-up in kommun A ("Skara") for förvaltning A and förvaltning B,
assessing the two year goals of an action plan in force in 2017."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from projects.models import Project
from reports import services
from reports.models import AnnualReport, FollowUpRound
from strategies.models import Goal, Strategy
from tests.strategy_factories import GoalFactory, StrategyFactory
from tests.versions import loaded_version

YEAR = 2017
DEADLINE = datetime.date(2017, 11, 30)


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def plan(kommun) -> Strategy:
    return StrategyFactory(
        kommun=kommun,
        title="Handlingsplan 2017",
        adopted_on=datetime.date(2016, 12, 12),
        valid_from=datetime.date(2017, 1, 1),
        valid_until=datetime.date(2017, 12, 31),
    )


@pytest.fixture
def goals(plan) -> list[Goal]:
    GoalFactory(strategy=plan, kind=Goal.Kind.PURPOSE, order=1, text="Ett syfte.")
    return [
        GoalFactory(
            strategy=plan,
            order=1,
            label="a",
            text="Att förankra det internationella arbetet",
        ),
        GoalFactory(
            strategy=plan,
            order=2,
            label="c",
            text="Att sondera behov som kan lösas genom EU-projekt",
        ),
    ]


@pytest.fixture
def follow_up_round(
    kommun, coordinator, forvaltning_a, forvaltning_b, goals
) -> FollowUpRound:
    return services.round_open(
        kommun=kommun,
        year=YEAR,
        deadline=DEADLINE,
        instructions="Redovisa före sista november.",
        organisations=[forvaltning_a, forvaltning_b],
        by=coordinator,
    )


@pytest.fixture
def report_a(follow_up_round, forvaltning_a) -> AnnualReport:
    return follow_up_round.reports.get(organisation=forvaltning_a)


@pytest.fixture
def report_b(follow_up_round, forvaltning_b) -> AnnualReport:
    return follow_up_round.reports.get(organisation=forvaltning_b)


def complete(report: AnnualReport, by: Any) -> AnnualReport:
    """Everything the checklist asks for, written straight to the database."""
    report.contact_name = "Anna Exempelperson"
    report.results = "Tjugo elever deltog i ett utbyte."
    report.save()
    for assessment in report.goal_assessments.all():
        assessment.assessment = "achieved"
        assessment.save()
    return report


def submitted(report: AnnualReport, by: Any) -> AnnualReport:
    complete(report, by)
    return services.report_submit(report=report, by=by)


def approved(report: AnnualReport, reporter: Any, coordinator: Any) -> AnnualReport:
    report = submitted(report, reporter)
    return services.report_approve(report=report, by=coordinator)


def page_data(report: AnnualReport, **overrides: Any) -> dict[str, Any]:
    """What the report page posts: the sections, one new activity, every goal, each
    with the version the page was loaded from."""
    assessments = list(report.goal_assessments.order_by("position", "pk"))
    data: dict[str, Any] = {
        "report-contact_person": report.contact_person_id or "",
        "report-contact_name": "",
        "report-results": "Tjugo elever deltog i ett utbyte med Radviliskis.",
        "report-needs": "Stöd att skriva ansökningar.",
        "report-project_ideas": "Ett Erasmus+-projekt om hållbarhet.",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
        "activities-0-activity_type": "transnational_exchange",
        "activities-0-title": "Elevutbyte med Radviliskis",
        "activities-0-participants": "24",
        "activities-0-young_participants": "20",
        "activities-0-countries": ["LT"],
        "activities-0-description": "",
        "goals-TOTAL_FORMS": str(len(assessments)),
        "goals-INITIAL_FORMS": str(len(assessments)),
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "1000",
        **loaded_version(report, "report"),
    }
    for index, assessment in enumerate(assessments):
        data[f"goals-{index}-id"] = str(assessment.pk)
        data[f"goals-{index}-assessment"] = "achieved"
        data[f"goals-{index}-comment"] = ""
        data.update(loaded_version(assessment, f"goals-{index}"))
    data.update(overrides)
    return data


def make_project(owner: Any, **fields: Any) -> Project:
    """A project of ``owner``, validated as a form would."""
    values = {"title": "Ungdomsutbyte i Europa", "status": Project.Status.IDEA}
    project = Project(owner=owner, **{**values, **fields})
    project.full_clean()
    project.save()
    return project
