"""Bulk update by spreadsheet: the export, edited, comes back as one confirmed change."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action, ActionImport, ActionUpdate, Status

pytestmark = pytest.mark.django_db


def exported(client, **filters):
    response = client.get(reverse("actions:export"), filters)
    return load_workbook(io.BytesIO(response.getvalue()))


def edit(workbook, action_id, **values) -> None:
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Id")].value == action_id:
            for column, value in values.items():
                row[header.index(column)].value = value


def upload(client, workbook, name="atgarder.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return client.post(
        reverse("actions:bulk_update"),
        {"file": SimpleUploadedFile(name, buffer.getvalue())},
    )


def confirm(client, preview, overwrite=()):
    """Press the preview's save button, with the rows ticked "Overwrite anyway"."""
    staged = preview.context["staged"]
    return client.post(
        reverse("actions:bulk_confirm", args=[staged.pk]),
        {"plan": preview.context["plan"].digest, "overwrite": list(overwrite)},
    )


def test_preview_lists_each_changed_field_and_confirm_applies_all(
    coordinator_client, coordinator, action_a, action_b
):
    workbook = exported(coordinator_client)
    edit(
        workbook,
        action_a.pk,
        Status="Genomförd",
        **{"Ny framstegsanteckning": "Klart."},
    )
    edit(workbook, action_b.pk, Slutdatum=datetime.datetime(2017, 6, 30))
    response = upload(coordinator_client, workbook)
    preview = coordinator_client.get(response.url)
    changes = {c.action.pk: c for c in preview.context["plan"].changes}
    assert [(f.name, f.old, f.new) for f in changes[action_a.pk].fields] == [
        ("status", "Planerad", "Genomförd")
    ]
    assert changes[action_a.pk].note == "Klart."
    assert [(f.name, f.new) for f in changes[action_b.pk].fields] == [
        ("ends_on", "30 juni 2017")
    ]
    action_a.refresh_from_db()
    assert action_a.status == Status.PLANNED

    done = coordinator_client.get(confirm(coordinator_client, preview).url)
    assert "2 åtgärder uppdaterades." in done.content.decode()
    action_a.refresh_from_db()
    action_b.refresh_from_db()
    assert action_a.status == Status.DONE
    assert action_b.ends_on == datetime.date(2017, 6, 30)
    assert ActionUpdate.objects.get(action=action_a).text == "Klart."
    assert action_a.history.first().history_user == coordinator
    latest = action_b.history.first()
    assert (latest.ends_on, latest.history_user) == (
        datetime.date(2017, 6, 30),
        coordinator,
    )


def test_one_bad_row_means_nothing_is_changed(coordinator_client, action_a, action_b):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Genomförd")
    edit(workbook, action_b.pk, Status="Kanske")
    response = upload(coordinator_client, workbook)
    preview = coordinator_client.get(response.url)
    assert "Okänd status" in preview.content.decode()
    confirm(coordinator_client, preview)
    assert set(Action.objects.values_list("status", flat=True)) == {Status.PLANNED}


def test_an_end_before_the_start_is_refused(coordinator_client, action_a):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Slutdatum=datetime.datetime(2017, 1, 1))
    preview = coordinator_client.get(upload(coordinator_client, workbook).url)
    assert not preview.context["plan"].is_valid
    assert "Slutet kan inte vara före starten." in preview.content.decode()


def test_another_kommuns_action_id_is_a_problem_not_a_change(
    coordinator_client, action_a, foreign_action
):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Id=foreign_action.pk, Status="Genomförd")
    preview = coordinator_client.get(upload(coordinator_client, workbook).url)
    assert not preview.context["plan"].is_valid
    foreign_action.refresh_from_db()
    assert foreign_action.status == Status.PLANNED


def test_a_file_without_id_column_is_refused(coordinator_client, action_a):
    workbook = exported(coordinator_client)
    workbook.active.delete_cols([c.value for c in workbook.active[1]].index("Id") + 1)
    preview = coordinator_client.get(upload(coordinator_client, workbook).url)
    assert "Id" in preview.context["plan"].problems[0].message


def test_only_excel_files_are_accepted(coordinator_client):
    response = coordinator_client.post(
        reverse("actions:bulk_update"),
        {"file": SimpleUploadedFile("atgarder.csv", b"Id;Status")},
    )
    assert response.context["form"].errors["file"]
    assert not ActionImport.objects.exists()


def test_reporters_cannot_bulk_update(reporter_a_client):
    assert reporter_a_client.get(reverse("actions:bulk_update")).status_code == 403


def test_a_file_whose_titles_begin_with_formula_characters_is_read_back(
    coordinator_client, action_a, action_b
):
    for action, title in [(action_a, "=1+1 Europaveckan"), (action_b, "- vänorter")]:
        action.title = title
        action.save()
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Genomförd")
    edit(workbook, action_b.pk, Status="Pågår")
    preview = coordinator_client.get(upload(coordinator_client, workbook).url)
    assert preview.context["plan"].is_valid
    confirm(coordinator_client, preview)
    statuses = dict(Action.objects.values_list("title", "status"))
    assert statuses == {
        "=1+1 Europaveckan": Status.DONE,
        "- vänorter": Status.IN_PROGRESS,
    }


def test_a_date_in_1800_is_refused_in_swedish(coordinator_client, action_a):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Slutdatum=datetime.datetime(1800, 1, 1))
    preview = coordinator_client.get(upload(coordinator_client, workbook).url)
    assert not preview.context["plan"].is_valid
    assert "Ange ett datum mellan 1900-01-01 och 2100-12-31." in (
        preview.content.decode()
    )


def test_one_updated_action_is_said_in_the_singular(coordinator_client, action_a):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Genomförd")
    preview = coordinator_client.get(upload(coordinator_client, workbook).url)
    done = coordinator_client.get(confirm(coordinator_client, preview).url)
    assert "1 åtgärd uppdaterades." in done.content.decode()
