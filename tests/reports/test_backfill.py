"""Back-filling: a follow-up round for a year that is over (efterregistrering)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from reports.models import AnnualReport, FollowUpRound, ReminderSent, ReportEvent
from reports.year_end.data import year_end_data
from strategies.models import Goal
from tests.reports.conftest import page_data
from tests.strategy_factories import GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db

PAST_DEADLINE = datetime.date(2013, 3, 31)


@pytest.fixture
def plan_2012(kommun) -> Goal:
    plan = StrategyFactory(
        kommun=kommun,
        title="Internationellt program 2012",
        adopted_on=datetime.date(2011, 11, 28),
        valid_from=datetime.date(2012, 1, 1),
        valid_until=datetime.date(2012, 12, 31),
    )
    return GoalFactory(strategy=plan, label="1", text="Fler elever på utbyte")


def open_form(forvaltning_a, **overrides) -> dict:
    return {
        "year": "2012",
        "deadline": PAST_DEADLINE.isoformat(),
        "is_backfill": "on",
        "instructions": "",
        "organisations": [str(forvaltning_a.pk)],
        **overrides,
    }


def filled(report: AnnualReport) -> dict:
    """The report page as the coordinator posts it, with a contact who has no
    account (as in an old report typed in afterwards)."""
    return page_data(report, **{"report-contact_name": "Anna Exempelperson"})


@pytest.fixture
def round_2012(coordinator_client, forvaltning_a, forvaltning_b, plan_2012):
    data = open_form(forvaltning_a)
    data["organisations"].append(str(forvaltning_b.pk))
    response = coordinator_client.post(reverse("reports:round_create"), data)
    assert response.status_code == 302, response.content.decode()
    return FollowUpRound.objects.get(year=2012)


def test_a_2012_round_opens_as_back_filling_with_a_deadline_long_past(
    round_2012, forvaltning_a, plan_2012
):
    assert round_2012.is_backfill
    assert round_2012.deadline == PAST_DEADLINE
    report = round_2012.reports.get(organisation=forvaltning_a)
    assert [a.goal for a in report.goal_assessments.all()] == [plan_2012]


def test_an_ordinary_round_with_a_past_deadline_is_still_refused(
    coordinator_client, forvaltning_a
):
    data = open_form(forvaltning_a, is_backfill="")
    response = coordinator_client.post(reverse("reports:round_create"), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Sista dag kan inte ha passerat" in html
    assert "Efterregistrering av ett tidigare år" in html
    assert not FollowUpRound.objects.exists()


@pytest.mark.parametrize("years_ahead", [0, 1])
def test_back_filling_this_year_or_a_later_one_is_refused(
    coordinator_client, forvaltning_a, years_ahead
):
    year = datetime.date.today().year + years_ahead
    data = open_form(forvaltning_a, year=str(year))
    response = coordinator_client.post(reverse("reports:round_create"), data)

    assert response.status_code == 400
    assert "Efterregistrering gäller bara ett år som har passerat" in (
        response.content.decode()
    )
    assert not FollowUpRound.objects.exists()


def test_the_coordinator_fills_submits_and_approves_on_the_organisations_behalf(
    coordinator_client, coordinator, round_2012, forvaltning_a
):
    report = round_2012.reports.get(organisation=forvaltning_a)
    page = coordinator_client.get(report.get_absolute_url())
    assert f"åt {forvaltning_a.name}" in page.content.decode()

    saved = coordinator_client.post(
        reverse("reports:report_save", args=[report.pk]), filled(report)
    )
    submitted = coordinator_client.post(
        reverse("reports:report_submit", args=[report.pk])
    )
    approved = coordinator_client.post(
        reverse("reports:report_approve", args=[report.pk])
    )

    assert [saved.status_code, submitted.status_code, approved.status_code] == [302] * 3
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.APPROVED
    assert report.submitted_by == coordinator
    events = report.events.exclude(kind=ReportEvent.Kind.CREATED)
    assert {(event.kind, event.by) for event in events} == {
        ("saved", coordinator),
        ("submitted", coordinator),
        ("approved", coordinator),
    }
    assert report.history.first().history_user == coordinator


def test_no_reminder_is_sent_for_a_back_filling_round(
    round_2012, follow_up_round, reporter_a, reporter_b
):
    for user in (reporter_a, reporter_b):
        user.email = f"{user.username}@skara.example"
        user.save()
    # Before and after both deadlines: the ordinary 2017 round is reminded of, the
    # back-filling 2012 round never, at any stage.
    for today in (
        PAST_DEADLINE - datetime.timedelta(days=10),
        PAST_DEADLINE + datetime.timedelta(days=1),
        datetime.date(2017, 12, 1),
    ):
        call_command("send_reminders", "--today", today.isoformat(), stdout=StringIO())

    reminded = set(ReminderSent.objects.values_list("key", flat=True))
    assert reminded == {str(report.pk) for report in follow_up_round.reports.all()}
    assert mail.outbox
    assert all("2012" not in message.subject for message in mail.outbox)
    assert not ReportEvent.objects.filter(
        report__round=round_2012, kind=ReportEvent.Kind.REMINDER
    ).exists()


def test_the_2012_ks_report_shows_the_approved_back_filled_reports(
    coordinator_client, round_2012, forvaltning_a, forvaltning_b, kommun, plan_2012
):
    report = round_2012.reports.get(organisation=forvaltning_a)
    coordinator_client.post(
        reverse("reports:report_submit", args=[report.pk]), filled(report)
    )
    coordinator_client.post(reverse("reports:report_approve", args=[report.pk]))

    data = year_end_data(kommun, 2012)

    assert [section.organisation for section in data.organisations] == [forvaltning_a]
    assert data.not_reported == [forvaltning_b]
    (goal_section,) = data.goals
    assert goal_section.goal == plan_2012
    assert [a.report.organisation for a in goal_section.assessments] == [forvaltning_a]


def test_the_list_and_the_overview_say_back_filling_not_overdue(
    coordinator_client, round_2012
):
    listed = coordinator_client.get(reverse("reports:round_list")).content.decode()
    overview = coordinator_client.get(round_2012.get_absolute_url()).content.decode()

    assert "Efterregistrering" in listed
    assert "Efterregistrering" in overview
    assert "(passerad)" not in overview
    assert not round_2012.is_late


def test_an_ordinary_round_past_its_deadline_is_late(
    follow_up_round, coordinator_client
):
    overview = coordinator_client.get(follow_up_round.get_absolute_url())

    assert follow_up_round.is_late
    assert "(passerad)" in overview.content.decode()
    assert "Efterregistrering" not in overview.content.decode()
