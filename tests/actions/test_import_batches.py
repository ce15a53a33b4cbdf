"""Issue 12, "No lost data": an import never doubles a plan, can be undone as one
batch, and never writes outside its target plan. Every behaviour is checked with
each of the four ways a plan comes in: pasted text, .docx, .xlsx and .csv."""

from __future__ import annotations

import datetime
import io
import threading

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from openpyxl import Workbook

from actions import services
from actions.models import Action, ActionImport
from actions.plan_parsing import title_key
from strategies.models import FocusArea, Strategy
from tests.actions.conftest import make_action

pytestmark = pytest.mark.django_db

FORMATS = ("text", "docx", "xlsx", "csv")
HEADER = ("Fokusområde", "Åtgärd", "Tidpunkt", "Ansvarig")
AREA = "Internationella nätverk"
ROWS = [
    (AREA, "Genomföra Europaveckan", "Maj 2017", "Internationell samordnare"),
    (AREA, "Ta fram en ansökningsmall", "januari-februari 2017", "KS"),
]
# The same plan typed again by someone else: other case, other spacing.
MESSY_ROWS = [
    (AREA, "  genomföra   EUROPAVECKAN ", "Maj 2017", "Internationell samordnare"),
    (AREA, "TA FRAM en  ansökningsmall", "januari-februari 2017", "KS"),
]


def as_text(rows) -> str:
    """Skara's block format; each focus area a numbered heading."""
    lines, areas = [], list(dict.fromkeys(row[0] for row in rows))
    for number, area in enumerate(areas, start=1):
        lines += [f"{number}. {area}", ""]
        for _, title, timing, responsible in (r for r in rows if r[0] == area):
            lines += [f"Åtgärd: {title}", f"Tidpunkt: {timing}"]
            lines += [f"Ansvarig: {responsible}", ""]
    return "\n".join(lines)


def as_docx(rows) -> bytes:
    document = docx.Document()
    document.add_paragraph("Handlingsplan för internationellt arbete")
    table = document.add_table(rows=0, cols=len(HEADER))
    for values in (HEADER, *rows):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_xlsx(rows) -> bytes:
    workbook = Workbook()
    for values in (HEADER, *rows):
        workbook.active.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(rows) -> bytes:
    lines = [";".join(values) for values in (HEADER, *rows)]
    return "\r\n".join(lines).encode("utf-8")


def start_import(client, plan, fmt: str, rows) -> ActionImport:
    """Upload or paste the rows as the coordinator would; the staged import."""
    if fmt == "text":
        data = {"plan": plan.pk, "text": as_text(rows)}
    else:
        builder = {"docx": as_docx, "xlsx": as_xlsx, "csv": as_csv}[fmt]
        data = {
            "plan": plan.pk,
            "file": SimpleUploadedFile(f"plan.{fmt}", builder(rows)),
        }
    response = client.post(reverse("actions:import"), data)
    assert response.status_code == 302, response.content.decode()
    return ActionImport.objects.latest("pk")


def confirm(client, staged, **data):
    return client.post(
        reverse("actions:import_confirm", args=[staged.pk]), data, follow=True
    )


def preview(client, staged) -> str:
    return client.get(
        reverse("actions:import_preview", args=[staged.pk])
    ).content.decode()


def undo(client, staged):
    return client.post(reverse("actions:import_undo", args=[staged.pk]), follow=True)


def imported(client, plan, fmt: str, rows=ROWS) -> ActionImport:
    staged = start_import(client, plan, fmt, rows)
    confirm(client, staged)
    staged.refresh_from_db()
    assert staged.state == ActionImport.State.APPLIED
    return staged


@pytest.fixture(params=FORMATS)
def fmt(request) -> str:
    return request.param


# Idempotent


def test_importing_the_same_plan_twice_adds_its_actions_once(
    coordinator_client, plan, fmt
):
    imported(coordinator_client, plan, fmt)
    europaveckan = Action.objects.get(title="Genomföra Europaveckan")

    again = start_import(coordinator_client, plan, fmt, MESSY_ROWS)
    page = preview(coordinator_client, again)
    assert page.count("Finns redan") == 2
    assert europaveckan.get_absolute_url() in page
    assert "0 åtgärder kommer att importeras" in page
    assert "2 åtgärder finns redan i planen" in page

    response = confirm(coordinator_client, again)
    assert "2 åtgärder fanns redan i planen och importerades inte." in (
        response.content.decode()
    )
    assert Action.objects.filter(plan=plan).count() == 2
    again.refresh_from_db()
    assert (again.applied_count, again.skipped_count) == (0, 2)


def test_import_anyway_ticked_on_a_row_adds_that_row_only(
    coordinator_client, plan, fmt
):
    imported(coordinator_client, plan, fmt)
    again = start_import(coordinator_client, plan, fmt, MESSY_ROWS)
    assert 'name="import_anyway" value="2"' in preview(coordinator_client, again)
    assert "Importera ändå" in preview(coordinator_client, again)

    confirm(coordinator_client, again, import_anyway=["2"])

    titles = sorted(Action.objects.filter(plan=plan).values_list("title", flat=True))
    assert titles == [
        "Genomföra Europaveckan",
        "TA FRAM en ansökningsmall",
        "Ta fram en ansökningsmall",
    ]
    assert Action.objects.get(title="TA FRAM en ansökningsmall").import_batch == again


def test_a_confirm_posted_twice_adds_the_actions_once(coordinator_client, plan, fmt):
    staged = start_import(coordinator_client, plan, fmt, ROWS)
    confirm(coordinator_client, staged)
    second = confirm(coordinator_client, staged)
    assert "Den här importen är redan hanterad." in second.content.decode()
    assert Action.objects.filter(plan=plan).count() == 2


def test_the_same_plan_confirmed_in_two_tabs_is_imported_once(
    coordinator_client, plan, fmt
):
    first_tab = start_import(coordinator_client, plan, fmt, ROWS)
    second_tab = start_import(coordinator_client, plan, fmt, ROWS)
    assert "Finns redan" not in preview(coordinator_client, second_tab)
    confirm(coordinator_client, first_tab)
    confirm(coordinator_client, second_tab)
    assert Action.objects.filter(plan=plan).count() == 2


def test_a_row_that_matches_an_action_typed_by_hand_is_not_imported(
    coordinator_client, plan
):
    by_hand = make_action(plan, title="Genomföra \n Europaveckan  ")
    staged = start_import(coordinator_client, plan, "csv", MESSY_ROWS)
    assert by_hand.get_absolute_url() in preview(coordinator_client, staged)
    confirm(coordinator_client, staged)
    assert Action.objects.filter(plan=plan).count() == 2


def test_rows_that_repeat_each_other_in_one_file_are_flagged_and_kept(
    coordinator_client, plan
):
    """An adopted plan may list one action under several focus areas (Skara's
    does); the repeat is shown, and saved as the plan says."""
    rows = [*ROWS, ("Transnationella projekt", *MESSY_ROWS[0][1:])]
    staged = start_import(coordinator_client, plan, "xlsx", rows)
    assert "Upprepar rad 1" in preview(coordinator_client, staged)
    confirm(coordinator_client, staged)
    assert Action.objects.filter(plan=plan).count() == 3


def test_titles_match_whatever_their_case_and_spacing():
    assert title_key("  Genomföra\n EUROPAVECKAN\t") == title_key(
        "genomföra europaveckan"
    )
    assert title_key("Genomföra Europaveckan") != title_key("Genomför Europaveckan")


# Batches and undo


def test_undo_removes_exactly_the_batch_restorably_and_keeps_it_in_history(
    coordinator_client, coordinator, plan, fmt
):
    earlier = make_action(plan, title="Vidareutveckla vänortsarbetet")
    staged = imported(coordinator_client, plan, fmt)
    assert staged.actions.count() == 2
    assert "Ångra importen" in preview(coordinator_client, staged)

    response = undo(coordinator_client, staged)

    assert "Importen ångrades: 2 åtgärder togs bort." in response.content.decode()
    assert list(Action.objects.filter(plan=plan)) == [earlier]
    staged.refresh_from_db()
    assert staged.state == ActionImport.State.UNDONE
    assert staged.undone_by == coordinator
    removed = Action.objects.removed()
    assert set(removed) == set(staged.actions.with_removed())
    assert earlier not in removed
    assert {action.removed_by for action in removed} == {coordinator}
    removals = Action.history.filter(removed_at__isnull=False)
    assert removals.count() == 2
    assert {r.history_user for r in removals} == {coordinator}
    assert all("Importen ångrades" in r.history_change_reason for r in removals)


def test_undo_is_refused_after_an_action_was_edited_and_says_by_whom(
    coordinator_client, reporter_a, plan, fmt
):
    staged = imported(coordinator_client, plan, fmt)
    edited = Action.objects.get(title="Ta fram en ansökningsmall")
    edited.timing_text = "Hösten 2017"
    edited._history_user = reporter_a
    edited.save()

    response = undo(coordinator_client, staged)

    page = response.content.decode()
    assert "Importen ångrades inte" in page
    assert f"ändrad av {reporter_a.get_full_name()} " in page
    assert Action.objects.filter(plan=plan).count() == 2
    staged.refresh_from_db()
    assert staged.state == ActionImport.State.APPLIED


def test_undo_is_refused_after_a_progress_entry_and_says_how_many(
    coordinator_client, coordinator, plan, fmt
):
    staged = imported(coordinator_client, plan, fmt)
    logged = Action.objects.get(title="Genomföra Europaveckan")
    for text in ("Planeringsmöte", "Europaveckan genomförd"):
        services.action_update_add(
            action=logged,
            by=coordinator,
            occurred_on=datetime.date(2017, 5, 9),
            text=text,
        )

    page = undo(coordinator_client, staged).content.decode()

    assert "Genomföra Europaveckan</a>: har 2 loggposter" in page
    assert Action.objects.filter(plan=plan).count() == 2


def test_a_second_undo_of_the_same_batch_is_refused_politely(
    coordinator_client, plan, fmt
):
    staged = imported(coordinator_client, plan, fmt)
    undo(coordinator_client, staged)
    make_action(plan, title="Ny åtgärd efter ångrad import")
    second = undo(coordinator_client, staged).content.decode()
    assert "Importen har redan ångrats." in second
    assert Action.objects.filter(plan=plan).count() == 1


def test_reporter_reader_and_another_kommuns_coordinator_cannot_undo(
    coordinator_client,
    reporter_a_client,
    reader_client,
    other_coordinator_client,
    plan,
    fmt,
):
    staged = imported(coordinator_client, plan, fmt)
    url = reverse("actions:import_undo", args=[staged.pk])
    assert reporter_a_client.post(url).status_code == 403
    assert reader_client.post(url).status_code == 403
    assert other_coordinator_client.post(url).status_code == 404
    assert coordinator_client.get(url).status_code == 405
    assert Action.objects.filter(plan=plan).count() == 2


def test_coordinator_sees_the_plans_past_imports_with_who_how_many_and_state(
    coordinator_client, coordinator, plan
):
    undone = imported(coordinator_client, plan, "csv")
    undo(coordinator_client, undone)
    kept = imported(coordinator_client, plan, "xlsx")
    page = coordinator_client.get(reverse("actions:import_list", args=[plan.pk]))
    text = page.content.decode()
    assert "Importer till Handlingsplan 2017" in text
    assert text.count(coordinator.get_full_name()) >= 2
    assert "Ångrad" in text and "Importerad" in text
    assert reverse("actions:import_undo", args=[kept.pk]) in text
    assert reverse("actions:import_undo", args=[undone.pk]) not in text
    start = coordinator_client.get(reverse("actions:import")).content.decode()
    assert "Tidigare importer" in start
    assert reverse("actions:import_list", args=[plan.pk]) in start


def test_only_the_kommuns_coordinator_sees_the_list_of_imports(
    reporter_a_client, reader_client, other_coordinator_client, plan
):
    url = reverse("actions:import_list", args=[plan.pk])
    assert reporter_a_client.get(url).status_code == 403
    assert reader_client.get(url).status_code == 403
    assert other_coordinator_client.get(url).status_code == 404


# Never outside the target plan


@pytest.fixture
def policy(kommun, plan_type) -> Strategy:
    """The document the plan implements, adopted by fullmäktige."""
    policy = Strategy.objects.create(
        kommun=kommun,
        document_type=plan_type,
        title="Policy för internationellt arbete",
    )
    FocusArea.objects.create(strategy=policy, number=1, title=AREA)
    return policy


def test_new_focus_areas_land_on_the_target_plan_never_on_its_parent(
    coordinator_client, plan, policy, fmt
):
    plan.parent = policy
    plan.save()
    rows = [
        *ROWS,
        ("Transnationella projekt", "Sondera behov av EU-projekt", "2017", "KS"),
    ]
    staged = start_import(coordinator_client, plan, fmt, rows)
    page = preview(coordinator_client, staged)
    assert (
        "Nya fokusområden som skapas i Handlingsplan 2017: Transnationella projekt"
        in page
    )

    confirm(coordinator_client, staged)

    assert list(policy.focus_areas.values_list("title", flat=True)) == [AREA]
    created = FocusArea.objects.get(title="Transnationella projekt")
    assert created.strategy == plan
    # An area the policy has is still used, not copied.
    assert (
        Action.objects.get(title="Genomföra Europaveckan").focus_area.strategy == policy
    )
    assert Action.objects.get(title__startswith="Sondera").focus_area == created


def test_a_skipped_row_creates_no_focus_area(coordinator_client, plan, fmt):
    imported(coordinator_client, plan, fmt)
    moved = [("Nytt område", *row[1:]) for row in MESSY_ROWS]
    again = start_import(coordinator_client, plan, fmt, moved)
    assert "Nya fokusområden" not in preview(coordinator_client, again)
    confirm(coordinator_client, again)
    assert not FocusArea.objects.filter(title="Nytt område").exists()


# The management command


def test_command_skips_actions_already_in_the_plan_and_reports_them(
    plan, tmp_path, capsys
):
    source = tmp_path / "plan.csv"
    source.write_bytes(as_csv(ROWS))
    call_command("import_actions", str(source), plan=plan.pk)
    source.write_bytes(as_csv(MESSY_ROWS))
    call_command("import_actions", str(source), plan=plan.pk)
    out = capsys.readouterr().out
    assert (
        "Finns redan i planen, importerades inte: rad 1 genomföra EUROPAVECKAN" in out
    )
    assert "0 åtgärder importerades" in out
    assert Action.objects.filter(plan=plan).count() == 2


def test_command_imports_existing_actions_when_told_and_can_be_undone(
    coordinator_client, plan, tmp_path
):
    source = tmp_path / "plan.xlsx"
    source.write_bytes(as_xlsx(ROWS))
    call_command("import_actions", str(source), plan=plan.pk)
    call_command("import_actions", str(source), plan=plan.pk, import_existing=True)
    assert Action.objects.filter(plan=plan).count() == 4
    latest = ActionImport.objects.latest("pk")
    assert latest.source_name == "plan.xlsx"
    undo(coordinator_client, latest)
    assert Action.objects.filter(plan=plan).count() == 2


@pytest.mark.django_db(transaction=True)
def test_confirms_racing_each_other_never_double_the_plan(coordinator, plan):
    """A double click (the same import twice) and a second tab (another import of
    the same file) confirmed at one moment: the locks let one of them in at a time."""
    first, second = (
        services.staged_import_create(by=coordinator, plan=plan, text=as_text(ROWS))
        for _ in range(2)
    )
    start = threading.Barrier(3)
    outcomes = []

    def confirm_now(staged):
        start.wait()
        try:
            result = services.staged_import_apply(staged=staged, by=coordinator)
            outcomes.append(len(result.created))
        except (services.ImportRefused, OperationalError):
            # Refused as handled, or (SQLite) the database was busy: nothing saved.
            outcomes.append(0)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm_now, args=(s,)) for s in (first, first, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    titles = list(Action.objects.filter(plan=plan).values_list("title", flat=True))
    assert sorted(titles) == sorted(set(titles))
    assert sum(outcomes) == len(titles)


def test_undo_is_refused_when_a_project_links_to_an_action(
    coordinator_client, plan, forvaltning_a
):
    from projects.models import Project

    staged = imported(coordinator_client, plan, "text")
    project = Project.objects.create(owner=forvaltning_a, title="Ungdomsutbyte Litauen")
    project.actions.add(Action.objects.get(title="Genomföra Europaveckan"))

    page = undo(coordinator_client, staged).content.decode()

    assert f"är kopplad till projektet {project}" in page
    assert Action.objects.filter(plan=plan).count() == 2
