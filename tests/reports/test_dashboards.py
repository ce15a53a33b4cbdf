"""The start page: each role's dashboard (DESIGN §1)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from actions.models import Action, ActionUpdate
from intkommun.models import Membership
from projects import key_figures
from projects.models import FundApplication, InternationalFund, Project
from reports import dashboards as dashboards_module
from reports.dashboards import dashboards
from reports.models import AnnualReport, YearEndReport
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.reports.conftest import make_project, submitted
from tests.strategy_factories import StrategyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2017, 11, 20)


def action(plan, title: str, ends_on: datetime.date, *, responsible=(), **fields):
    created = Action.objects.create(
        plan=plan, title=title, ends_on=ends_on, starts_on=None, **fields
    )
    created.responsible_organisations.set(responsible)
    return created


@pytest.fixture
def actions(plan, forvaltning_a, forvaltning_b):
    return {
        "overdue": action(
            plan,
            "Genomföra Europaveckan",
            datetime.date(2017, 5, 31),
            responsible=[forvaltning_a],
        ),
        "done_late": action(
            plan, "Avslutad åtgärd", datetime.date(2017, 5, 31), status="done"
        ),
        "soon": action(
            plan,
            "Vänortsutbyte på Island",
            datetime.date(2017, 12, 10),
            responsible=[forvaltning_b],
        ),
        "later": action(plan, "Nätverksträff 2018", datetime.date(2018, 3, 1)),
    }


def only(user, today=TODAY):
    (board,) = dashboards(user, today)
    return board


def test_coordinator_sees_overdue_and_due_soon_actions(coordinator, actions):
    board = only(coordinator)
    assert board.role == Membership.Role.COORDINATOR
    assert [a.title for a in board.lists.overdue.items] == ["Genomföra Europaveckan"]
    assert [a.title for a in board.lists.due_soon.items] == ["Vänortsutbyte på Island"]


def test_coordinator_sees_the_same_key_figures_as_the_ks_report(
    coordinator, kommun, forvaltning_a
):
    make_project(
        forvaltning_a,
        title="Elevutbyte",
        kind=Project.Kind.EU_PROJECT,
        status=Project.Status.GRANTED,
        submitted_on=datetime.date(2017, 2, 1),
        decision_on=datetime.date(2017, 5, 15),
        starts_on=datetime.date(2017, 9, 1),
        ends_on=datetime.date(2018, 8, 31),
        total_budget=Decimal("100000"),
        municipality_budget=Decimal("100000"),
        eu_grant=Decimal("80000"),
    )
    board = only(coordinator)
    assert board.figures == key_figures.key_figures(kommun, 2017)
    assert board.figures.external_funding_sek == Decimal("80000.00")
    assert dict(board.funding_years)[2017] == Decimal("80000.00")
    assert "2017: 80\xa0000\xa0kr" in board.funding_chart.description


def test_coordinator_sees_the_open_round_counted_and_the_reports_to_review(
    coordinator, reporter_a, report_a, report_b
):
    submitted(report_a, reporter_a)
    (status,) = only(coordinator).lists.rounds
    assert [r.organisation.name for r in status.to_review] == [
        report_a.organisation.name
    ]
    counts = {value: count for value, _label, count in status.counts}
    assert counts == {"draft": 1, "submitted": 1, "returned": 0, "approved": 0}
    assert status.total == 2 and status.waiting_for_review == 1


def test_the_start_page_lists_the_longest_waiting_reports_and_links_to_all(
    coordinator,
    coordinator_client,
    reporter_a,
    reporter_b,
    report_a,
    report_b,
    monkeypatch,
):
    monkeypatch.setattr(dashboards_module, "REPORTS_TO_REVIEW_SHOWN", 1)
    for report, reporter, day in [
        (report_a, reporter_a, 20),
        (report_b, reporter_b, 10),
    ]:
        submitted(report, reporter)
        AnnualReport.objects.filter(pk=report.pk).update(
            submitted_at=datetime.datetime(2017, 11, day, tzinfo=datetime.UTC)
        )
    (status,) = only(coordinator).lists.rounds
    # Only the first, and the one that has waited longest: report B.
    assert [r.pk for r in status.to_review] == [report_b.pk]
    assert status.waiting_for_review == 2

    page = coordinator_client.get(reverse("start")).content.decode()
    assert "Väntar på din granskning" in page
    assert report_b.get_absolute_url() in page
    assert report_a.get_absolute_url() not in page
    assert "Se alla 2 redovisningar" in page
    assert f'href="{report_b.round.get_absolute_url()}"' in page
    filtered = f"{reverse('reports:report_list')}?round={report_b.round_id}"
    assert f"{filtered}&amp;status=submitted" in page


def test_coordinator_sees_applications_awaiting_decision_and_documents_to_review(
    coordinator, kommun, forvaltning_a
):
    fund = InternationalFund.objects.create(
        kommun=kommun, year=2017, budget=Decimal("100000")
    )
    FundApplication.objects.create(
        fund=fund,
        applicant=forvaltning_a,
        purpose="Studieresa till Bryssel",
        amount_requested=Decimal("20000"),
        submitted_on=datetime.date(2017, 10, 1),
    )
    make_project(
        forvaltning_a,
        title="Ansökt projekt",
        status=Project.Status.SUBMITTED,
        submitted_on=datetime.date(2017, 9, 1),
    )
    StrategyFactory(
        kommun=kommun, title="Gammal policy", next_review_on=datetime.date(2017, 12, 1)
    )
    board = only(coordinator)
    assert [a.purpose for a in board.lists.fund_applications.items] == [
        "Studieresa till Bryssel"
    ]
    assert [p.title for p in board.lists.project_applications.items] == [
        "Ansökt projekt"
    ]
    assert [s.title for s in board.lists.due_for_review.items] == ["Gammal policy"]


def test_coordinator_sees_the_latest_logged_progress(coordinator, actions):
    ActionUpdate.objects.create(
        action=actions["overdue"],
        author=coordinator,
        occurred_on=datetime.date(2017, 5, 12),
        text="Europaveckan genomförd.",
        participants=140,
        young_participants=60,
    )
    assert [u.text for u in only(coordinator).lists.latest_updates] == [
        "Europaveckan genomförd."
    ]


def test_nothing_of_another_kommun_reaches_the_dashboard(
    coordinator, other_coordinator, actions
):
    board = only(other_coordinator)
    assert board.kommun == other_coordinator.memberships.get().organisation
    assert board.lists.overdue.items == [] and board.lists.due_soon.items == []
    assert board.lists.latest_updates == [] and board.lists.rounds == []


def test_reporter_sees_own_actions_report_and_projects_only(
    reporter_a, forvaltning_a, forvaltning_b, actions, report_a, report_b
):
    make_project(forvaltning_a, title="Elevutbyte med Radviliskis")
    make_project(forvaltning_b, title="Hållbar stadsutveckling")
    make_project(forvaltning_a, title="Avslutat projekt", status=Project.Status.CLOSED)
    board = only(reporter_a)
    assert board.role == Membership.Role.REPORTER
    assert [a.title for a in board.my_actions.items] == ["Genomföra Europaveckan"]
    assert [mine.report for mine in board.my_reports] == [report_a]
    assert board.my_reports[0].days_left == 10
    assert [p.title for p in board.my_projects.items] == ["Elevutbyte med Radviliskis"]
    assert board.lists is None and board.figures is None


def test_reader_sees_finalised_ks_reports_and_key_figures(reader, kommun):
    YearEndReport.objects.create(
        kommun=kommun,
        year=2016,
        status="adopted",
        file="ks-rapporter/2016.pdf",
        sha256="0" * 64,
        adopted_at=timezone.now(),
        ks_paragraph="§ 12",
    )
    YearEndReport.objects.create(kommun=kommun, year=2017, status="draft")
    board = only(reader)
    assert board.role == Membership.Role.READER
    assert [report.year for report in board.year_end_reports] == [2016]
    assert board.figures == key_figures.key_figures(kommun, TODAY.year)


def test_lists_are_cut_short_but_count_everything(coordinator, plan):
    for number in range(12):
        action(plan, f"Försenad {number}", datetime.date(2017, 1, 1))
    board = only(coordinator)
    assert len(board.lists.overdue.items) == 8
    assert board.lists.overdue.total == 12 and board.lists.overdue.has_more


def test_dashboard_queries_do_not_grow_with_the_register(
    coordinator_client, plan, reporter_a, report_a, report_b
):
    def queries() -> int:
        cache.clear()  # the key figures and lists computed, not read from the cache
        with CaptureQueriesContext(connection) as captured:
            response = coordinator_client.get(reverse("start"))
        assert response.status_code == 200
        return len(captured.captured_queries)

    queries()  # the first call also fills Django's own caches
    before = queries()
    for number in range(20):
        action(plan, f"Försenad {number}", datetime.date(2017, 1, 1))
        action(plan, f"Snart {number}", datetime.date(2017, 12, 1))
    assert queries() == before


def action_queries(client) -> tuple[str, list[str]]:
    """The start page's text and the queries that listed actions."""
    with CaptureQueriesContext(connection) as captured:
        text = client.get(reverse("start")).content.decode()
    sql = [query["sql"] for query in captured.captured_queries]
    return text, [query for query in sql if query.startswith('SELECT "actions_action"')]


def test_coordinator_lists_are_kept_until_the_kommun_changes(
    coordinator_client, kommun, plan, actions, other_kommun
):
    text, read = action_queries(coordinator_client)
    assert "Genomföra Europaveckan" in text and read
    text, read = action_queries(coordinator_client)
    assert "Genomföra Europaveckan" in text and read == []

    other_plan = StrategyFactory(kommun=other_kommun)
    action(other_plan, "Försenad i grannkommunen", datetime.date(2017, 1, 1))
    assert action_queries(coordinator_client)[1] == []

    action(plan, "Ny försenad åtgärd", datetime.date(2017, 1, 1))
    text, read = action_queries(coordinator_client)
    assert "Ny försenad åtgärd" in text and read
    assert "Försenad i grannkommunen" not in text


def test_another_coordinator_of_the_kommun_is_shown_the_kept_lists(
    coordinator_client, kommun, actions
):
    colleague = UserFactory(username="kollega.samordnare")
    Membership.objects.create(
        user=colleague, organisation=kommun, role=Membership.Role.COORDINATOR
    )
    action_queries(coordinator_client)
    text, read = action_queries(client_for(colleague))
    assert "Genomföra Europaveckan" in text and read == []


def test_the_lists_are_rendered_again_for_another_day_and_language(coordinator, kommun):
    today = dashboards_module.lists_version(kommun, TODAY)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert dashboards_module.lists_version(kommun, tomorrow) != today
    with translation.override("en"):
        assert dashboards_module.lists_version(kommun, TODAY) != today
    assert dashboards_module.lists_version(kommun, TODAY) == today


def test_start_page_shows_each_roles_dashboard(
    coordinator_client, reporter_a_client, reader_client, actions, report_a
):
    text = coordinator_client.get(reverse("start")).content.decode()
    assert "Försenade åtgärder" in text
    assert "Genomföra Europaveckan" in text
    assert "Ansökningar som väntar på beslut" in text

    text = reporter_a_client.get(reverse("start")).content.decode()
    assert "Min årsredovisning" in text
    assert "Försenade åtgärder" not in text
    assert "Genomföra Europaveckan" in text

    text = reader_client.get(reverse("start")).content.decode()
    assert "Rapporter till kommunstyrelsen" in text
    assert f"Nyckeltal {timezone.localdate().year}" in text


def test_start_page_without_membership_says_what_to_do(client):
    client.force_login(UserFactory(username="ny.anvandare"))
    text = client.get(reverse("start")).content.decode()
    assert "Be din administratör" in text


def test_progress_by_a_removed_user_shows_as_unknown(
    coordinator, coordinator_client, actions
):
    update = ActionUpdate.objects.create(
        action=actions["overdue"],
        author=None,
        occurred_on=datetime.date(2017, 5, 12),
        text="Loggat av en användare som har tagits bort.",
    )
    for url in (reverse("start"), update.action.get_absolute_url()):
        response = coordinator_client.get(url)
        text = response.content.decode()
        assert response.status_code == 200
        assert "Loggat av en användare som har tagits bort." in text
        assert "okänd" in text
