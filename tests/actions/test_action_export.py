"""The action list as Excel (actions/exports.py): what each cell holds, and a
query count that does not grow with the list."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actions import services
from actions.exports import ACTION_COLUMNS as COLUMNS
from actions.models import Action, ActivityType, Status, StatusTerm
from intkommun.exports import DATE_FORMAT, MONEY_FORMAT, build_xlsx
from intkommun.versioning import current_version, with_versions
from tests.actions.conftest import make_action
from tests.spreadsheets import assert_text, exported_rows

pytestmark = pytest.mark.django_db

EXPORT = reverse("actions:export")
BOTH = "Barn- och utbildningsförvaltningen, Samhällsbyggnadsförvaltningen"


def test_each_cell_keeps_its_type_format_and_words(
    coordinator_client,
    coordinator,
    kommun,
    plan,
    focus_area,
    forvaltning_a,
    forvaltning_b,
):
    StatusTerm.objects.create(kommun=kommun, term="Klar", status=Status.DONE)
    action = make_action(
        plan,
        responsible=[forvaltning_b, forvaltning_a],
        focus_area=focus_area,
        reference="2.3",
        status=Status.DONE,
        ends_on=datetime.date(2017, 5, 31),
        activity_type=ActivityType.EU_PROJECT,
        budget=Decimal("12500.50"),
    )
    services.action_update_add(
        action=action,
        by=coordinator,
        occurred_on=datetime.date(2017, 5, 3),
        text="Affischer tryckta.",
    )
    (row,) = exported_rows(coordinator_client.get(EXPORT), COLUMNS)
    # Several organisations in one cell, by name, whatever order they were added in.
    assert_text(row["Responsible organisations"], BOTH)
    assert_text(row["Status"], "Klar")  # the kommun's own word
    assert_text(row["Action plan"], plan.title)
    assert_text(row["Focus area"], focus_area.title)
    assert_text(row["Reference number"], "2.3")
    with translation.override("sv"):
        assert_text(row["Activity type"], str(ActivityType.EU_PROJECT.label))
    assert_text(row["Overdue"], "Nej")  # done, so not overdue
    assert_text(row["Ongoing"], "Nej")
    budget = row["Budget (SEK)"]
    assert (budget.value, budget.data_type) == (12500.5, "n")
    assert budget.number_format == MONEY_FORMAT
    for header, day in [
        ("Starts on", datetime.date(2017, 5, 1)),
        ("Ends on", datetime.date(2017, 5, 31)),
        ("Latest update", datetime.date(2017, 5, 3)),
    ]:
        assert row[header].is_date
        assert row[header].value.date() == day
        assert row[header].number_format == DATE_FORMAT
    assert_text(row["Latest update text"], "Affischer tryckta.")
    assert (row["Id"].value, row["Id"].data_type) == (action.pk, "n")
    assert row["Version"].value == current_version(action)
    assert row["New progress note"].value is None


def test_an_empty_action_leaves_its_cells_empty_and_a_late_one_is_overdue(
    reader_client, plan
):
    make_action(plan, is_ongoing=False, ends_on=datetime.date(2017, 5, 31))
    (row,) = exported_rows(reader_client.get(EXPORT), COLUMNS)
    assert_text(row["Overdue"], "Ja")
    for header in ["Responsible organisations", "Focus area", "Budget (SEK)"]:
        assert row[header].value is None


def test_the_columns_keep_their_widths(reader_client, action_a):
    sheet = load_workbook(io.BytesIO(reader_client.get(EXPORT).getvalue())).active
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    assert widths == [column.width for column in COLUMNS]


def export_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(EXPORT).getvalue()
    return len(queries)


def test_the_export_reads_as_many_queries_for_many_actions_as_for_one(
    coordinator_client, coordinator, plan, focus_area, forvaltning_a, forvaltning_b
):
    def add_action():
        action = make_action(
            plan, responsible=[forvaltning_a, forvaltning_b], focus_area=focus_area
        )
        services.action_update_add(
            action=action, by=coordinator, occurred_on=plan.valid_from, text="Gjort."
        )

    add_action()
    one = export_queries(coordinator_client)
    for _ in range(4):
        add_action()
    assert export_queries(coordinator_client) == one


def test_rows_not_prepared_still_name_their_organisations(
    action_a, forvaltning_a, forvaltning_b
):
    action_a.responsible_organisations.add(forvaltning_b)
    rows = with_versions(Action.objects.filter(pk=action_a.pk).with_latest_update())
    sheet = load_workbook(build_xlsx("Åtgärder", COLUMNS, rows)).active
    with translation.override("en"):
        headers = [str(column.header) for column in COLUMNS]
    column = headers.index("Responsible organisations") + 1
    assert sheet.cell(row=2, column=column).value == BOTH
