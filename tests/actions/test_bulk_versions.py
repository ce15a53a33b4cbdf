"""The bulk update compares each cell with what the spreadsheet saw at export, so a
change made in intkommun after the export is never silently reverted (issue 12)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, ActionImport, ActionUpdate, Status
from intkommun.versioning import current_version, version_records
from tests.actions.conftest import make_action
from tests.actions.test_bulk_update import confirm, edit, exported, upload
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db


def log_postponed(client, action) -> None:
    """A colleague logs progress with the new status Uppskjuten, through HTTP."""
    response = client.post(
        reverse("actions:add_update", args=[action.pk]),
        {
            "occurred_on": "2017-04-20",
            "text": "Skjuts upp till hösten.",
            "new_status": Status.POSTPONED,
        }
        | loaded_version(action),
    )
    assert response.status_code == 302


def preview_of(client, workbook):
    return client.get(upload(client, workbook).url)


def test_export_carries_each_actions_version_next_to_its_id(
    coordinator_client, action_a
):
    sheet = exported(coordinator_client).active
    header = [cell.value for cell in sheet[1]]
    version = header.index("Version")
    assert header[version - 1] == "Id"
    assert sheet.cell(row=2, column=version + 1).value == (
        action_a.history.latest().history_id
    )
    assert "skrivs över" in sheet.cell(row=1, column=version + 1).comment.text


def test_a_colleagues_status_survives_an_old_file_that_left_it_alone(
    coordinator_client, reporter_a_client, action_a, action_b
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(workbook, action_b.pk, Status="Pågår")

    preview = preview_of(coordinator_client, workbook)

    plan = preview.context["plan"]
    assert [change.action.pk for change in plan.changes] == [action_b.pk]
    assert not plan.conflicts
    assert "Uppskjuten" not in preview.content.decode()
    confirm(coordinator_client, preview)
    action_a.refresh_from_db()
    action_b.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert action_b.status == Status.IN_PROGRESS
    assert ActionUpdate.objects.filter(action=action_a).count() == 1


def test_an_unchanged_file_changes_nothing_even_after_colleagues_edits(
    coordinator_client, reporter_a_client, action_a, action_b
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    preview = preview_of(coordinator_client, workbook)
    plan = preview.context["plan"]
    assert plan.changes == []
    assert plan.unchanged == 2
    assert "Filen ändrar ingenting." in preview.content.decode()


def test_a_change_to_another_field_of_a_changed_action_is_applied_unflagged(
    coordinator_client, reporter_a_client, action_a
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(workbook, action_a.pk, Slutdatum=datetime.datetime(2017, 6, 30))
    preview = preview_of(coordinator_client, workbook)
    (change,) = preview.context["plan"].changes
    assert not change.is_conflict
    confirm(coordinator_client, preview)
    action_a.refresh_from_db()
    assert (action_a.status, action_a.ends_on) == (
        Status.POSTPONED,
        datetime.date(2017, 6, 30),
    )


def test_a_stale_row_with_a_real_edit_is_flagged_and_kept_back_without_the_tick(
    coordinator_client, reporter_a_client, reporter_a, action_a, action_b
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(workbook, action_a.pk, Status="Genomförd")
    edit(workbook, action_b.pk, Status="Pågår")

    preview = preview_of(coordinator_client, workbook)

    (conflict,) = preview.context["plan"].conflicts
    assert conflict.action == action_a
    assert [(f.seen, f.old, f.new) for f in conflict.fields] == [
        ("Planerad", "Uppskjuten", "Genomförd")
    ]
    text = preview.content.decode()
    assert f"Ändrad av {reporter_a.get_full_name()} " in text
    assert ", efter exporten" in text
    assert "Skriv över ändå" in text
    response = confirm(coordinator_client, preview)
    assert response.url == reverse("actions:list")
    action_a.refresh_from_db()
    action_b.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert action_b.status == Status.IN_PROGRESS
    assert ActionImport.objects.get().applied_count == 1


def test_a_stale_row_is_overwritten_when_the_user_ticks_it(
    coordinator_client, reporter_a_client, coordinator, action_a
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(
        workbook,
        action_a.pk,
        Status="Genomförd",
        **{"Ny framstegsanteckning": "Genomförd ändå."},
    )
    preview = preview_of(coordinator_client, workbook)
    (conflict,) = preview.context["plan"].conflicts

    confirm(coordinator_client, preview, overwrite=[conflict.row])

    action_a.refresh_from_db()
    assert action_a.status == Status.DONE
    assert action_a.history.first().history_user == coordinator
    assert action_a.updates.filter(text="Genomförd ändå.").exists()


def test_a_file_with_only_conflicts_and_no_tick_saves_nothing(
    coordinator_client, reporter_a_client, action_a
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(workbook, action_a.pk, Status="Genomförd")
    preview = preview_of(coordinator_client, workbook)
    response = confirm(coordinator_client, preview)
    assert response.url == preview.request["PATH_INFO"]
    action_a.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert ActionImport.objects.get().state == ActionImport.State.PENDING


def test_a_new_progress_note_on_a_changed_action_is_not_a_conflict(
    coordinator_client, reporter_a_client, action_a
):
    workbook = exported(coordinator_client)
    log_postponed(reporter_a_client, action_a)
    edit(workbook, action_a.pk, **{"Ny framstegsanteckning": "Lokal tidsplan klar."})
    preview = preview_of(coordinator_client, workbook)
    (change,) = preview.context["plan"].changes
    assert not change.is_conflict
    confirm(coordinator_client, preview)
    action_a.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    assert action_a.updates.filter(text="Lokal tidsplan klar.").exists()


def test_a_change_made_between_preview_and_confirm_sends_the_user_back(
    coordinator_client, reporter_a_client, action_a
):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Genomförd")
    preview = preview_of(coordinator_client, workbook)
    assert not preview.context["plan"].conflicts
    log_postponed(reporter_a_client, action_a)

    response = confirm(coordinator_client, preview)

    assert response.url == preview.request["PATH_INFO"]
    action_a.refresh_from_db()
    assert action_a.status == Status.POSTPONED
    fresh = coordinator_client.get(response.url)
    assert "har ändrats i intkommun sedan du öppnade förhandsvisningen" in (
        fresh.content.decode()
    )
    assert [c.action for c in fresh.context["plan"].conflicts] == [action_a]


def test_a_confirm_without_the_previewed_plan_changes_nothing(
    coordinator_client, action_a
):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Genomförd")
    staged_url = upload(coordinator_client, workbook).url
    staged = ActionImport.objects.get()
    coordinator_client.post(reverse("actions:bulk_confirm", args=[staged.pk]))
    action_a.refresh_from_db()
    assert action_a.status == Status.PLANNED
    assert "bekräfta från förhandsvisningen" in (
        coordinator_client.get(staged_url).content.decode()
    )


def without_version_column(workbook):
    sheet = workbook.active
    sheet.delete_cols([cell.value for cell in sheet[1]].index("Version") + 1)
    return workbook


def test_a_file_without_versions_is_compared_with_today_and_says_so(
    coordinator_client, reporter_a_client, action_a
):
    workbook = without_version_column(exported(coordinator_client))
    log_postponed(reporter_a_client, action_a)
    preview = preview_of(coordinator_client, workbook)
    plan = preview.context["plan"]
    assert not plan.has_versions
    assert "Filen har ingen kolumn Version" in preview.content.decode()
    (change,) = plan.changes
    assert [(f.old, f.new) for f in change.fields] == [("Uppskjuten", "Planerad")]


def test_a_file_without_versions_never_saves_a_change_the_preview_did_not_show(
    coordinator_client, reporter_a_client, action_a, action_b
):
    workbook = without_version_column(exported(coordinator_client))
    edit(workbook, action_b.pk, Status="Pågår")
    preview = preview_of(coordinator_client, workbook)
    log_postponed(reporter_a_client, action_a)

    response = confirm(coordinator_client, preview)

    assert response.url == preview.request["PATH_INFO"]
    action_a.refresh_from_db()
    action_b.refresh_from_db()
    assert (action_a.status, action_b.status) == (Status.POSTPONED, Status.PLANNED)


def test_a_file_with_versions_gives_no_such_warning(coordinator_client, action_a):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Genomförd")
    preview = preview_of(coordinator_client, workbook)
    assert "Filen har ingen kolumn Version" not in preview.content.decode()


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("gammal", "”gammal” är ingen version."),
        ("", "Cellen Version är tom."),
    ],
)
def test_an_unreadable_version_cell_is_a_problem_on_its_row(
    coordinator_client, action_a, version, message
):
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Version=version or None, Status="Genomförd")
    preview = preview_of(coordinator_client, workbook)
    assert preview.status_code == 200
    (problem,) = preview.context["plan"].problems
    assert problem.source == "rad 2"
    assert problem.message.startswith(message)
    assert message in preview.content.decode()


def test_a_version_of_another_action_is_a_problem_not_a_comparison(
    coordinator_client, action_a, action_b
):
    workbook = exported(coordinator_client)
    other_version = action_b.history.latest().history_id
    edit(workbook, action_a.pk, Version=other_version, Status="Genomförd")
    preview = preview_of(coordinator_client, workbook)
    assert not preview.context["plan"].is_valid
    assert (
        f"{other_version} är ingen version av åtgärd {action_a.pk}."
        in preview.content.decode()
    )


def test_version_records_finds_each_rows_version_in_one_query(
    plan, django_assert_num_queries
):
    first, second = make_action(plan), make_action(plan, title="Vänort")
    exported = current_version(first)
    first.status = Status.DONE
    first.save()
    pairs = [(first.pk, exported), (second.pk, current_version(second))]
    with django_assert_num_queries(1):
        found = version_records(Action, pairs)
    assert found[pairs[0]].status == Status.PLANNED
    assert found[pairs[1]].title == "Vänort"


def test_version_records_ignores_a_version_of_another_object(plan):
    first, second = make_action(plan), make_action(plan, title="Vänort")
    assert version_records(Action, [(first.pk, current_version(second))]) == {}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_export_reads_versions_without_a_query_per_row(coordinator_client, plan):
    make_action(plan)
    few = count_queries(coordinator_client, reverse("actions:export"))
    for number in range(5):
        make_action(plan, title=f"Åtgärd {number}")
    assert count_queries(coordinator_client, reverse("actions:export")) == few


def test_the_preview_reads_versions_without_a_query_per_row(
    coordinator_client, plan, action_a
):
    def preview_queries() -> int:
        workbook = exported(coordinator_client)
        edit(workbook, action_a.pk, Status="Genomförd")
        return count_queries(
            coordinator_client, upload(coordinator_client, workbook).url
        )

    few = preview_queries()
    for number in range(5):
        make_action(plan, title=f"Åtgärd {number}")
    assert preview_queries() == few
