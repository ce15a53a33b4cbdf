"""Opening, listing, closing and reopening follow-up rounds, and who may."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from intkommun.models import Organisation
from reports import services
from reports.models import AnnualReport, FollowUpRound, ReportEvent
from strategies.models import Goal
from tests.factories import OrganisationFactory
from tests.reports.conftest import DEADLINE, YEAR, submitted
from tests.strategy_factories import GoalFactory, StrategyFactory
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db

Kind = Organisation.Kind


def future(days: int = 30) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_round_open_creates_one_draft_per_chosen_organisation_with_every_goal(
    follow_up_round, forvaltning_a, forvaltning_b, goals
):
    reports = follow_up_round.reports.order_by("organisation__name")
    assert [r.organisation for r in reports] == [forvaltning_a, forvaltning_b]
    for report in reports:
        assert report.status == AnnualReport.Status.DRAFT
        assessed = report.goal_assessments.order_by("position")
        assert [a.goal for a in assessed] == goals
        assert [a.goal_text for a in assessed] == [goal.text for goal in goals]
        assert all(a.assessment == "" for a in assessed)


def test_round_open_by_default_lets_every_namnd_forvaltning_and_bolag_report(
    kommun, coordinator, forvaltning_a, enhet_a
):
    ks = OrganisationFactory(parent=kommun, name="Kommunstyrelsen", kind=Kind.NAMND)
    bolag = OrganisationFactory(parent=kommun, name="Bostadsbolaget", kind=Kind.BOLAG)
    OrganisationFactory(parent=kommun, name="Europa Direkt", kind=Kind.EXTERN)
    OrganisationFactory(parent=kommun, name="Nedlagd", is_active=False)

    follow_up_round = services.round_open(
        kommun=kommun, year=YEAR, deadline=DEADLINE, by=coordinator
    )

    organisations = {r.organisation for r in follow_up_round.reports.all()}
    assert organisations == {ks, bolag, forvaltning_a}


def test_only_goals_of_documents_in_force_during_the_year_are_assessed(
    kommun, coordinator, forvaltning_a, goals
):
    expired = StrategyFactory(kommun=kommun, valid_until=datetime.date(2016, 12, 31))
    GoalFactory(strategy=expired, text="Ett mål i en utgången strategi")
    draft = StrategyFactory(kommun=kommun, adopted_on=None)
    GoalFactory(strategy=draft, text="Ett mål i ett utkast")

    follow_up_round = services.round_open(
        kommun=kommun,
        year=YEAR,
        deadline=DEADLINE,
        organisations=[forvaltning_a],
        by=coordinator,
    )

    report = follow_up_round.reports.get()
    assert [a.goal for a in report.goal_assessments.all()] == goals


def test_a_document_for_another_organisation_is_not_assessed_by_this_one(
    kommun, coordinator, forvaltning_a, forvaltning_b, goals
):
    for_b = StrategyFactory(kommun=kommun)
    for_b.applies_to.set([forvaltning_b])
    goal_b = GoalFactory(strategy=for_b, text="Förvaltning B:s eget mål")

    follow_up_round = services.round_open(
        kommun=kommun,
        year=YEAR,
        deadline=DEADLINE,
        organisations=[forvaltning_a, forvaltning_b],
        by=coordinator,
    )

    report_a = follow_up_round.reports.get(organisation=forvaltning_a)
    report_b = follow_up_round.reports.get(organisation=forvaltning_b)
    assert goal_b not in [a.goal for a in report_a.goal_assessments.all()]
    assert goal_b in [a.goal for a in report_b.goal_assessments.all()]


def test_opening_is_recorded_with_who_and_when(follow_up_round, coordinator):
    follow_up_round.refresh_from_db()
    assert follow_up_round.created_by == coordinator
    assert follow_up_round.history.first().history_user == coordinator
    for report in follow_up_round.reports.all():
        event = report.events.get()
        assert (event.kind, event.by) == (ReportEvent.Kind.CREATED, coordinator)
        assert event.at is not None


def test_the_organisations_contact_person_becomes_the_reports_contact(
    kommun, coordinator, forvaltning_a
):
    from tests.factories import member

    contact = member(forvaltning_a, "reporter", "kontakt", is_contact_person=True)
    follow_up_round = services.round_open(
        kommun=kommun,
        year=YEAR,
        deadline=DEADLINE,
        organisations=[forvaltning_a],
        by=coordinator,
    )
    assert follow_up_round.reports.get().contact_person == contact


def test_round_open_refuses_another_kommuns_organisation(
    kommun, other_kommun, coordinator
):
    foreign = OrganisationFactory(parent=other_kommun)
    with pytest.raises(ValidationError):
        services.round_open(
            kommun=kommun,
            year=YEAR,
            deadline=DEADLINE,
            organisations=[foreign],
            by=coordinator,
        )
    assert not FollowUpRound.objects.exists()


def test_only_a_coordinator_of_the_kommun_opens_a_round(
    kommun, reporter_a, other_coordinator
):
    for user in (reporter_a, other_coordinator):
        with pytest.raises(PermissionDenied):
            services.round_open(kommun=kommun, year=YEAR, deadline=DEADLINE, by=user)
    assert not FollowUpRound.objects.exists()


def test_the_open_form_ticks_every_namnd_forvaltning_and_bolag(
    coordinator_client, kommun, forvaltning_a, enhet_a
):
    response = coordinator_client.get(reverse("reports:round_create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["organisations"].queryset) == {forvaltning_a, enhet_a}
    assert form.fields["organisations"].initial == [forvaltning_a.pk]


def test_coordinator_opens_a_round_through_the_form(
    coordinator_client, kommun, forvaltning_a, forvaltning_b, enhet_a, goals
):
    response = coordinator_client.post(
        reverse("reports:round_create"),
        {
            "year": "2017",
            "deadline": future(),
            "instructions": "Redovisa före sista november.",
            "organisations": [forvaltning_a.pk, enhet_a.pk],
        },
    )
    follow_up_round = FollowUpRound.objects.get(kommun=kommun, year=2017)
    assert response.status_code == 302
    assert response.url == follow_up_round.get_absolute_url()
    assert {r.organisation for r in follow_up_round.reports.all()} == {
        forvaltning_a,
        enhet_a,
    }
    assert follow_up_round.instructions == "Redovisa före sista november."


def test_a_second_round_for_the_same_year_is_refused_next_to_the_field(
    coordinator_client, follow_up_round, forvaltning_a
):
    response = coordinator_client.post(
        reverse("reports:round_create"),
        {"year": str(YEAR), "deadline": future(), "organisations": [forvaltning_a.pk]},
    )
    assert response.status_code == 400
    assert "year" in response.context["form"].errors
    assert FollowUpRound.objects.count() == 1


def test_a_deadline_in_the_past_is_refused(coordinator_client, forvaltning_a):
    response = coordinator_client.post(
        reverse("reports:round_create"),
        {"year": "2017", "deadline": "2017-11-30", "organisations": [forvaltning_a.pk]},
    )
    assert response.status_code == 400
    assert "deadline" in response.context["form"].errors
    assert not FollowUpRound.objects.exists()


@pytest.mark.parametrize("client_name", ["reporter_a_client", "reader_client"])
def test_reporters_and_readers_cannot_open_a_round(
    request, client_name, kommun, forvaltning_a
):
    client = request.getfixturevalue(client_name)
    url = reverse("reports:round_create")
    assert client.get(url).status_code == 403
    data = {"year": "2017", "deadline": future(), "organisations": [forvaltning_a.pk]}
    assert client.post(url, data).status_code == 403
    assert not FollowUpRound.objects.exists()


def test_round_list_shows_only_the_users_own_kommun(
    reader_client, other_coordinator_client, follow_up_round
):
    url = reverse("reports:round_list")
    assert list(reader_client.get(url).context["object_list"]) == [follow_up_round]
    assert list(other_coordinator_client.get(url).context["object_list"]) == []


def test_overview_lists_every_organisation_with_status_and_contact(
    coordinator_client, follow_up_round, report_a, report_b, reporter_a
):
    submitted(report_a, reporter_a)
    response = coordinator_client.get(follow_up_round.get_absolute_url())
    assert response.status_code == 200
    rows = {r.organisation.name: r for r in response.context["reports"]}
    assert rows[report_a.organisation.name].status == "submitted"
    assert rows[report_a.organisation.name].changes[0].kind == "submitted"
    assert rows[report_b.organisation.name].status == "draft"
    text = response.content.decode()
    assert "Anna Exempelperson" in text
    assert report_a.get_absolute_url() in text
    assert response.context["can_manage"] is True


def test_reporter_sees_the_overview_but_links_only_to_their_own_report(
    reporter_a_client, follow_up_round, report_a, report_b
):
    response = reporter_a_client.get(follow_up_round.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert report_a.get_absolute_url() in text
    assert report_b.get_absolute_url() not in text
    assert response.context["can_manage"] is False
    assert reverse("reports:round_close", args=[follow_up_round.pk]) not in text


def test_another_kommuns_round_is_not_found(other_coordinator_client, follow_up_round):
    url = follow_up_round.get_absolute_url()
    assert other_coordinator_client.get(url).status_code == 404
    close = reverse("reports:round_close", args=[follow_up_round.pk])
    assert other_coordinator_client.post(close).status_code == 404
    follow_up_round.refresh_from_db()
    assert follow_up_round.is_open


def test_coordinator_closes_and_reopens_a_round(
    coordinator_client, coordinator, follow_up_round
):
    close = reverse("reports:round_close", args=[follow_up_round.pk])
    assert coordinator_client.post(close).status_code == 302
    follow_up_round.refresh_from_db()
    assert not follow_up_round.is_open
    assert follow_up_round.closed_at is not None
    assert follow_up_round.history.first().history_user == coordinator

    reopen = reverse("reports:round_reopen", args=[follow_up_round.pk])
    assert coordinator_client.post(reopen).status_code == 302
    follow_up_round.refresh_from_db()
    assert follow_up_round.is_open
    assert follow_up_round.closed_at is None


@pytest.mark.parametrize("client_name", ["reporter_a_client", "reader_client"])
def test_only_a_coordinator_closes_reopens_or_changes_a_round(
    request, client_name, follow_up_round
):
    client = request.getfixturevalue(client_name)
    pk = follow_up_round.pk
    assert client.post(reverse("reports:round_close", args=[pk])).status_code == 403
    follow_up_round.refresh_from_db()
    assert follow_up_round.is_open

    services.round_close(follow_up_round=follow_up_round, by=follow_up_round.created_by)
    assert client.post(reverse("reports:round_reopen", args=[pk])).status_code == 403
    update = reverse("reports:round_update", args=[pk])
    assert client.post(update, {"deadline": future()}).status_code == 403
    follow_up_round.refresh_from_db()
    assert not follow_up_round.is_open
    assert follow_up_round.deadline == DEADLINE


def test_coordinator_moves_the_deadline(coordinator_client, follow_up_round):
    response = coordinator_client.post(
        reverse("reports:round_update", args=[follow_up_round.pk]),
        {
            "deadline": "2017-12-15",
            "instructions": "Ny sista dag.",
            **loaded_version(follow_up_round),
        },
    )
    assert response.status_code == 302
    follow_up_round.refresh_from_db()
    assert follow_up_round.deadline == datetime.date(2017, 12, 15)


def test_closing_needs_post(coordinator_client, follow_up_round):
    close = reverse("reports:round_close", args=[follow_up_round.pk])
    assert coordinator_client.get(close).status_code == 405


def test_a_new_goal_is_added_when_the_report_page_is_opened(
    reporter_a_client, report_a, plan
):
    new_goal = GoalFactory(strategy=plan, order=3, label="d", text="Ett nytt mål")
    reporter_a_client.get(report_a.get_absolute_url())
    assert report_a.goal_assessments.filter(goal=new_goal).count() == 1
    reporter_a_client.get(report_a.get_absolute_url())
    assert report_a.goal_assessments.filter(goal=new_goal).count() == 1


def test_a_submitted_report_keeps_the_goals_it_was_assessed_on(
    reporter_a_client, reporter_a, report_a, plan
):
    report = submitted(report_a, reporter_a)
    GoalFactory(strategy=plan, order=3, kind=Goal.Kind.GOAL, text="Ett senare mål")
    reporter_a_client.get(report.get_absolute_url())
    assert report.goal_assessments.count() == 2


def test_a_superuser_first_chooses_the_kommun(kommun, other_kommun, forvaltning_a):
    from tests.conftest import client_for
    from tests.factories import UserFactory

    admin = client_for(UserFactory(username="admin", is_superuser=True))
    url = reverse("reports:round_create")
    choose = admin.get(url)
    assert choose.templates[0].name == "reports/choose_kommun.html"
    assert set(choose.context["kommuner"]) == {kommun, other_kommun}
    form = admin.get(url, {"kommun": kommun.pk})
    assert form.context["kommun"] == kommun
    assert admin.get(url, {"kommun": "x"}).status_code == 403
