"""The KS report and the pre-filled annual report show each year as it stood at its
end: what is changed, logged or removed later never leaks into a past year, while
progress back-filled with a date in the year does count."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions import services as action_services
from actions.models import Action, ActionUpdate
from intkommun.exports import MONEY_FORMAT
from projects.models import Project
from reports.facts import live_facts
from reports.year_end.data import YEARS_SHOWN, year_end_data
from reports.year_end.figures_export import figures_xlsx
from tests.reports.conftest import YEAR
from tests.strategy_factories import FocusAreaFactory

pytestmark = pytest.mark.django_db

Status = Project.Status


def moment(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def saved_on(obj: Any, when: datetime.datetime, **fields: Any) -> Any:
    """Save ``obj`` (with ``fields`` changed) as if on ``when``: its history record
    carries that date."""
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._history_date = when
    obj.save()
    del obj._history_date
    return obj


def dated_action(plan: Any, area: Any, owner: Any, **fields: Any) -> Action:
    """An action of the 2017 plan registered in March 2017, in progress."""
    values = {
        "plan": plan,
        "focus_area": area,
        "title": "Vidareutveckla skolutbyten",
        "reference": "1.1",
        "timing_text": "Hela 2017",
        "starts_on": datetime.date(YEAR, 1, 1),
        "ends_on": datetime.date(YEAR, 12, 31),
        "status": "in_progress",
    }
    action = saved_on(Action(**{**values, **fields}), moment(YEAR, 3, 1))
    action.responsible_organisations.set([owner])
    return action


def logged(action: Action, on: datetime.date, when: datetime.datetime, **fields):
    """A progress entry dated ``on`` and registered at ``when``."""
    entry = ActionUpdate(action=action, occurred_on=on, text=f"Logg {on}", **fields)
    entry.save()
    ActionUpdate.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def area(plan) -> Any:
    return FocusAreaFactory(strategy=plan, number=1, title="Internationella nätverk")


@pytest.fixture
def action(plan, area, forvaltning_a) -> Action:
    action = dated_action(plan, area, forvaltning_a)
    logged(action, datetime.date(YEAR, 6, 1), moment(YEAR, 6, 1))
    return action


def report_action(kommun: Any, year: int = YEAR) -> Action:
    (plan_section,) = year_end_data(kommun, year).plans
    (area,) = plan_section.areas
    (shown,) = area.actions
    return shown


# --- actions ----------------------------------------------------------------------


def test_progress_logged_today_does_not_change_a_past_year(kommun, action, coordinator):
    action_services.action_update_add(
        action=action,
        by=coordinator,
        occurred_on=timezone.localdate(),
        text="Klart i år.",
        new_status="done",
    )

    shown = report_action(kommun)
    assert shown.status == "in_progress"
    assert shown.get_status_display() == "Pågår"
    assert shown.latest_update_on == datetime.date(YEAR, 6, 1)
    assert data_statuses(kommun) == {"in_progress": 1}
    assert Action.objects.get(pk=action.pk).status == "done"  # today, live


def data_statuses(kommun: Any, year: int = YEAR) -> dict[str, int]:
    return year_end_data(kommun, year).current.actions_by_status


def test_a_status_edited_after_the_year_keeps_the_status_at_year_end(kommun, action):
    saved_on(action, moment(YEAR, 11, 1), status="postponed")
    saved_on(action, moment(YEAR + 1, 2, 1), status="cancelled", title="Omdöpt")

    shown = report_action(kommun)
    assert shown.status == "postponed"
    assert shown.title == "Vidareutveckla skolutbyten"


def test_progress_back_filled_with_a_date_in_the_year_counts(kommun, action):
    saved_on(action, moment(YEAR, 9, 1), status="in_progress")
    # Registered years later, about November of the year.
    logged(
        action,
        datetime.date(YEAR, 11, 20),
        moment(YEAR + 5, 1, 1),
        new_status="done",
    )

    shown = report_action(kommun)
    assert shown.status == "done"
    assert shown.latest_update_on == datetime.date(YEAR, 11, 20)


def test_a_change_after_the_back_filled_entry_date_but_in_the_year_wins(kommun, action):
    logged(action, datetime.date(YEAR, 5, 1), moment(YEAR + 5, 1, 1), new_status="done")
    saved_on(action, moment(YEAR, 10, 1), status="postponed")

    assert report_action(kommun).status == "postponed"


def test_progress_dated_after_the_year_never_counts(kommun, action):
    logged(
        action, datetime.date(YEAR + 1, 1, 2), moment(YEAR + 1, 1, 2), new_status="done"
    )

    shown = report_action(kommun)
    assert shown.status == "in_progress"
    assert shown.latest_update_on == datetime.date(YEAR, 6, 1)


def test_an_action_back_filled_later_starts_from_its_first_status(
    kommun, plan, area, forvaltning_a
):
    action = Action.objects.create(
        plan=plan,
        focus_area=area,
        title="Efterregistrerad",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        status="planned",
    )
    action.status = "done"
    action.save()

    assert report_action(kommun).status == "planned"

    logged(action, datetime.date(YEAR, 8, 1), timezone.now(), new_status="in_progress")
    assert report_action(kommun).status == "in_progress"


def test_an_action_removed_after_the_year_stays_in_it(kommun, action, coordinator):
    action._history_date = moment(YEAR + 1, 3, 1)
    action.remove(by=coordinator)

    assert report_action(kommun).pk == action.pk
    assert year_end_data(kommun, YEAR).current.actions_total == 1


def test_an_action_removed_before_the_end_of_the_year_is_not_in_it(
    kommun, action, coordinator
):
    action._history_date = moment(YEAR, 12, 1)
    action.remove(by=coordinator)

    assert year_end_data(kommun, YEAR).plans == []


def test_dates_moved_after_the_year_do_not_move_the_action_out_of_it(kommun, action):
    saved_on(
        action,
        moment(YEAR + 1, 1, 15),
        starts_on=datetime.date(YEAR + 1, 1, 1),
        ends_on=datetime.date(YEAR + 1, 12, 31),
    )

    assert report_action(kommun).pk == action.pk


# --- standing commitments ---------------------------------------------------------


@pytest.fixture
def standing(plan, forvaltning_a) -> list[Action]:
    """Thirteen standing tasks of the plan; progress logged on two of them."""
    actions = []
    for number in range(13):
        action = saved_on(
            Action(
                plan=plan,
                title=f"Löpande uppgift {number}",
                position=number,
                is_ongoing=number % 2 == 0,
                timing_text="Löpande" if number % 2 == 0 else "",
                status="in_progress",
            ),
            moment(YEAR, 1, 10),
        )
        action.responsible_organisations.set([forvaltning_a])
        actions.append(action)
    logged(actions[0], datetime.date(YEAR, 4, 1), moment(YEAR, 4, 1))
    logged(actions[5], datetime.date(YEAR - 1, 4, 1), moment(YEAR - 1, 4, 1))
    return actions


def test_a_plan_of_standing_commitments_lists_them_all(kommun, plan, standing):
    (section,) = year_end_data(kommun, YEAR).plans

    assert section.plan == plan
    assert section.areas == []
    assert [a.title for a in section.standing] == [a.title for a in standing]
    assert section.standing[0].latest_update_on == datetime.date(YEAR, 4, 1)
    assert section.standing[5].latest_update_on == datetime.date(YEAR - 1, 4, 1)
    assert section.standing[1].latest_update_on is None
    assert section.action_count == 13


def test_standing_commitments_of_a_plan_not_in_force_are_left_out(
    kommun, plan, standing
):
    assert year_end_data(kommun, YEAR + 3).plans == []


def test_dated_actions_stay_in_their_focus_area_beside_the_standing_ones(
    kommun, action, standing
):
    (section,) = year_end_data(kommun, YEAR).plans

    assert [a.pk for a in section.areas[0].actions] == [action.pk]
    assert len(section.standing) == 13


def test_the_prefilled_annual_report_lists_standing_commitments_as_of_year_end(
    forvaltning_a, action, standing, coordinator
):
    action_services.action_update_add(
        action=action,
        by=coordinator,
        occurred_on=timezone.localdate(),
        text="Klart i år.",
        new_status="done",
    )

    facts = live_facts(forvaltning_a, YEAR)

    statuses = {fact.title: fact.status for fact in facts.actions}
    assert len(statuses) == 14
    assert statuses["Vidareutveckla skolutbyten"] == "in_progress"


def test_the_plan_section_prints_standing_commitments_under_their_own_heading(
    reader_client, kommun, standing
):
    response = reader_client.get(
        reverse("reports:year_end_preview", args=[kommun.pk, YEAR])
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>Löpande åtaganden</caption>" in page
    assert page.count("Löpande uppgift") == 13
    assert "31 december respektive år" in page
    assert "ingen status per år" not in page


# --- projects and key figures -----------------------------------------------------


@pytest.fixture
def project(forvaltning_a) -> Project:
    """An EU project granted in 2017 and registered then."""
    project = Project(
        owner=forvaltning_a,
        title="Elevutbyte i Europa",
        kind=Project.Kind.EU_PROJECT,
        status=Status.GRANTED,
        submitted_on=datetime.date(YEAR, 2, 1),
        decision_on=datetime.date(YEAR, 6, 1),
        starts_on=datetime.date(YEAR, 8, 1),
        ends_on=datetime.date(YEAR + 2, 6, 30),
        municipality_budget=Decimal("400000"),
        eu_grant=Decimal("300000"),
    )
    project.full_clean()
    return saved_on(project, moment(YEAR, 6, 2))


def figures_of(kommun: Any) -> Any:
    return year_end_data(kommun, YEAR).current.figures


def test_projects_edited_after_the_year_keep_their_year_end_figures(
    kommun, project, coordinator
):
    before = year_end_data(kommun, YEAR)
    workbook_before = sheet_values(load_workbook(figures_xlsx(before.years)))
    saved_on(
        project,
        moment(YEAR + 1, 3, 1),
        eu_grant=Decimal("10000"),
        status=Status.CLOSED,
        starts_on=datetime.date(YEAR + 1, 1, 1),
        decision_on=datetime.date(YEAR, 12, 1),
    )
    project._history_date = moment(YEAR + 2, 1, 1)
    project.remove(by=coordinator)

    after = year_end_data(kommun, YEAR)
    assert after.current.figures == before.current.figures
    assert after.current.figures.external_funding_sek == Decimal("300000.00")
    assert after.current.figures.active_eu_projects == 1
    assert [(p.title, p.status, p.eu_grant) for p in after.eu_projects] == [
        ("Elevutbyte i Europa", Status.GRANTED, Decimal("300000"))
    ]
    assert sheet_values(load_workbook(figures_xlsx(after.years))) == workbook_before


def test_an_application_decided_after_the_year_shows_as_submitted_in_it(
    kommun, forvaltning_a
):
    project = Project(
        owner=forvaltning_a,
        title="Ansökan om nätverksprojekt",
        status=Status.SUBMITTED,
        submitted_on=datetime.date(YEAR, 10, 1),
    )
    saved_on(project, moment(YEAR, 10, 1))
    saved_on(
        project,
        moment(YEAR + 1, 2, 1),
        status=Status.REJECTED,
        decision_on=datetime.date(YEAR + 1, 2, 1),
    )

    data = year_end_data(kommun, YEAR)
    assert [(p.title, p.status) for p in data.applications] == [
        ("Ansökan om nätverksprojekt", Status.SUBMITTED)
    ]
    assert data.current.figures.applications.rejected == 0
    assert year_end_data(kommun, YEAR + 1).current.figures.applications.rejected == 1


def test_a_grant_registered_only_after_the_year_counts_from_the_next_report(
    kommun, forvaltning_a
):
    project = Project(
        owner=forvaltning_a,
        title="Sent registrerat beslut",
        kind=Project.Kind.EU_PROJECT,
        status=Status.SUBMITTED,
        submitted_on=datetime.date(YEAR, 3, 1),
        eu_grant=Decimal("50000"),
    )
    saved_on(project, moment(YEAR, 3, 1))
    saved_on(
        project,
        moment(YEAR + 1, 1, 10),
        status=Status.GRANTED,
        decision_on=datetime.date(YEAR, 12, 20),
    )

    assert figures_of(kommun).external_funding_sek == Decimal("0.00")


def test_a_project_back_filled_later_counts_in_the_years_of_its_dates(
    kommun, forvaltning_a
):
    project = Project(
        owner=forvaltning_a,
        title="Efterregistrerat projekt",
        kind=Project.Kind.EU_PROJECT,
        status=Status.CLOSED,
        submitted_on=datetime.date(YEAR - 1, 3, 1),
        decision_on=datetime.date(YEAR, 1, 15),
        starts_on=datetime.date(YEAR, 2, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        eu_grant=Decimal("70000"),
    )
    project.save()

    figures = figures_of(kommun)
    assert figures.active_eu_projects == 1
    assert figures.external_funding_sek == Decimal("70000.00")


def test_young_participants_of_an_action_removed_after_the_year_still_count(
    kommun, action, coordinator
):
    logged(
        action,
        datetime.date(YEAR, 9, 1),
        moment(YEAR, 9, 1),
        participants=5,
        young_participants=4,
    )
    action._history_date = moment(YEAR + 1, 1, 5)
    action.remove(by=coordinator)

    assert figures_of(kommun).young_participants == 4


# --- years shown and the Excel appendix -------------------------------------------


def test_key_figures_span_five_years_once_the_register_is_old_enough(
    kommun, project, forvaltning_a
):
    old = Project(
        owner=forvaltning_a,
        title="Gammal ansökan",
        status=Status.SUBMITTED,
        submitted_on=datetime.date(YEAR - 9, 5, 1),
    )
    saved_on(old, moment(YEAR - 9, 5, 1))

    years = [y.year for y in year_end_data(kommun, YEAR).years]
    assert years == list(range(YEAR - YEARS_SHOWN + 1, YEAR + 1))


def test_key_figures_begin_with_the_first_year_of_the_register(kommun, project):
    assert [y.year for y in year_end_data(kommun, YEAR + 1).years] == [YEAR, YEAR + 1]


def test_an_empty_register_shows_only_the_year(kommun):
    assert [y.year for y in year_end_data(kommun, YEAR).years] == [YEAR]


def sheet_values(workbook: Any) -> list[tuple]:
    return list(workbook.active.iter_rows(values_only=True))


def test_everyone_in_the_kommun_downloads_the_key_figures_as_excel(
    reader_client, kommun, project, action
):
    response = reader_client.get(
        reverse("reports:year_end_figures", args=[kommun.pk, YEAR])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('nyckeltal-skara-kommun-2017.xlsx"')
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    # The plan was adopted in December 2016: the register begins then.
    assert rows[0] == ("Nyckeltal", "2016", "2017")
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Åtgärder i handlingsplanen"] == (0, 1)
    assert by_label["– Pågår"] == (0, 1)
    assert by_label["Beviljad extern finansiering"] == (0, Decimal("300000.00"))
    # Money in the money rows' year columns only: counts stay plain numbers.
    formats = {
        row[0].value: [cell.number_format for cell in row[1:]]
        for row in sheet.iter_rows(min_row=2)
    }
    assert formats["Beviljad extern finansiering"] == [MONEY_FORMAT, MONEY_FORMAT]
    assert formats["Åtgärder i handlingsplanen"] == ["General", "General"]


# --- the number of queries --------------------------------------------------------


def _queries(kommun: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        year_end_data(kommun, YEAR)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_history_or_actions(
    kommun, plan, area, forvaltning_a, action, standing, project
):
    small = _queries(kommun)
    for number in range(10):
        more = dated_action(plan, area, forvaltning_a, reference=f"2.{number}")
        saved_on(more, moment(YEAR + 1, 1, 1), status="done")
        logged(
            more, datetime.date(YEAR, 7, 1), moment(YEAR + 2, 1, 1), new_status="done"
        )
        saved_on(Action(plan=plan, title=f"Till {number}"), moment(YEAR, 2, 1))

    assert _queries(kommun) == small
