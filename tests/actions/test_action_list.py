from __future__ import annotations

import datetime
import io

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.exports import ACTION_COLUMNS as COLUMNS
from actions.models import Status
from tests.actions.conftest import make_action
from tests.spreadsheets import assert_text, exported_rows, hostile

pytestmark = pytest.mark.django_db

LIST = reverse("actions:list")


def titles(response) -> set[str]:
    return {action.title for action in response.context["object_list"]}


def test_list_shows_only_the_own_kommuns_actions(
    reader_client, action_a, foreign_action
):
    response = reader_client.get(LIST)
    assert titles(response) == {action_a.title}


def test_filter_by_text_status_and_responsible_organisation(
    reader_client, action_a, action_b, forvaltning_b
):
    assert titles(reader_client.get(LIST, {"q": "europaveckan"})) == {action_a.title}
    action_b.status = Status.DONE
    action_b.save()
    assert titles(reader_client.get(LIST, {"status": "done"})) == {action_b.title}
    response = reader_client.get(LIST, {"responsible": forvaltning_b.pk})
    assert titles(response) == {action_b.title}


def test_filter_overdue_and_by_year(reader_client, plan, action_a):
    late = make_action(
        plan,
        title="Försenad åtgärd",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 2, 28),
    )
    assert titles(reader_client.get(LIST, {"overdue": "yes"})) == {
        action_a.title,
        late.title,
    }
    action_a.status = Status.DONE
    action_a.save()
    assert titles(reader_client.get(LIST, {"overdue": "yes"})) == {late.title}
    assert titles(reader_client.get(LIST, {"year": "2018"})) == {late.title}


def test_my_actions_are_those_of_the_reporters_organisations(
    reporter_a_client, action_a, action_b
):
    response = reporter_a_client.get(reverse("actions:mine"))
    assert titles(response) == {action_a.title}


def test_the_list_shows_the_latest_update(coordinator_client, coordinator, action_a):
    from actions import services

    services.action_update_add(
        action=action_a,
        by=coordinator,
        occurred_on=datetime.date(2017, 5, 3),
        text="Affischer tryckta.",
    )
    services.action_update_add(
        action=action_a,
        by=coordinator,
        occurred_on=datetime.date(2017, 5, 10),
        text="Utställningen öppnad.",
    )
    row = coordinator_client.get(LIST).context["object_list"][0]
    assert row.latest_update_on == datetime.date(2017, 5, 10)
    assert row.latest_update_text == "Utställningen öppnad."


def responsible_cells(response) -> dict[str, str]:
    """Each row's action title and its Responsible cell, as the page shows them."""
    rows = lxml.html.fromstring(response.content).xpath("//tbody/tr")
    return {
        row.xpath("string(th/a)").strip(): row.xpath("string(td[1])").strip()
        for row in rows
    }


def test_an_action_without_responsible_text_shows_its_organisations(
    coordinator_client, plan, forvaltning_a, forvaltning_b
):
    make_action(plan, title="Med text", responsible_text="Kommunstyrelsen")
    make_action(plan, title="Utan text", responsible=[forvaltning_b, forvaltning_a])
    make_action(plan, title="Utan ansvarig")
    cells = responsible_cells(coordinator_client.get(LIST))
    assert cells == {
        "Med text": "Kommunstyrelsen",
        # In name order, as on the action's own page.
        "Utan text": f"{forvaltning_a.name}, {forvaltning_b.name}",
        "Utan ansvarig": "–",
    }


def test_the_organisations_of_a_page_are_read_in_one_query(
    coordinator_client, plan, forvaltning_a, forvaltning_b
):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(LIST).status_code == 200
        return len(queries)

    make_action(plan, title="Första", responsible=[forvaltning_a])
    coordinator_client.get(LIST)  # the caches warm
    one_row = queries_for_page()
    for number in range(3):
        make_action(plan, title=f"Fler {number}", responsible=[forvaltning_b])
    assert queries_for_page() == one_row


def test_excel_export_has_the_plans_four_columns_first_and_the_filter_applied(
    reader_client, action_a, action_b
):
    response = reader_client.get(reverse("actions:export"), {"q": "vänort"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument"
    )
    # Named after the list and the day, in a header a browser reads (RFC 6266).
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''%C3%A5tg%C3%A4rder-{today}.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Åtgärd", "Medverkande", "Tidpunkt", "Ansvarig"]
    assert "Id" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    assert rows[0][0] == action_b.title
    assert rows[0][header.index("Id")] == action_b.pk
    assert rows[0][header.index("Startdatum")].date() == action_b.starts_on


def test_list_requires_login(client):
    assert client.get(LIST).status_code == 302


def test_text_typed_as_a_formula_is_exported_as_text(
    reporter_a_client, reporter_a, plan, focus_area, forvaltning_a
):
    from actions import services

    plan.title = hostile(0)
    plan.save()
    focus_area.title = hostile(1)
    focus_area.save()
    forvaltning_a.name = hostile(2)
    forvaltning_a.save()
    typed = {
        "title": hostile(3),
        "participants_text": hostile(4),
        "timing_text": hostile(5),
        "responsible_text": hostile(0),
        "reference": hostile(1, length=20),
    }
    action = make_action(
        plan, responsible=[forvaltning_a], focus_area=focus_area, **typed
    )
    services.action_update_add(
        action=action,
        by=reporter_a,
        occurred_on=datetime.date(2017, 5, 3),
        text=hostile(2),
    )
    (row,) = exported_rows(reporter_a_client.get(reverse("actions:export")), COLUMNS)
    for header, value in [
        ("Action", typed["title"]),
        ("Participants", typed["participants_text"]),
        ("Timing", typed["timing_text"]),
        ("Responsible", typed["responsible_text"]),
        ("Reference number", typed["reference"]),
        ("Action plan", hostile(0)),
        ("Focus area", hostile(1)),
        ("Responsible organisations", hostile(2)),
        ("Latest update text", hostile(2)),
    ]:
        assert_text(row[header], value)
    assert (row["Id"].value, row["Id"].data_type) == (action.pk, "n")
    assert row["Starts on"].is_date


def test_the_goal_filter_offers_the_plans_goals_and_filters_by_them(
    reader_client, plan, action_a, action_b
):
    from strategies.models import Goal

    unlinked = Goal.objects.create(strategy=plan, label="1", text="Fler utbyten")
    linked = Goal.objects.create(strategy=plan, label="2", text="Fler EU-projekt")
    action_b.goals.add(linked)
    response = reader_client.get(reverse("actions:list"))
    offered = list(response.context["filter"].form.fields["goal"].queryset)
    assert offered == [unlinked, linked]
    assert titles(reader_client.get(reverse("actions:list"), {"goal": linked.pk})) == {
        action_b.title
    }
