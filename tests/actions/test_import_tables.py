"""Issue 15: a plan's table in any layout (the user says which column is which,
every other column is kept in the description) and a preview the user corrects
row by row before the import, which stays all or nothing."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions import import_rows, services
from actions.models import Action, ActionImport, ImportColumnMapping
from actions.plan_columns import DESCRIPTION, suggest
from actions.plan_parsing import ParsedAction, apply_columns, parse_docx, parse_xlsx
from intkommun.versioning import current_version
from strategies.models import Goal
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db

AGENCY_HEADER = [
    "Insats",
    "Huvudansvarig",
    "Samarbetspartners",
    "När",
    "Förväntat resultat",
    "Resurser",
]
AGENCY_ROWS = [
    [
        "Arrangera en EU-dag för gymnasieelever",
        "Kultur- och fritidsförvaltningen",
        "Europa Direkt",
        "maj 2017",
        "200 elever deltar",
        "20 000 kr",
    ],
    [
        "Ge projektledare en kurs om EU:s fonder",
        "KS",
        "Region Exempel",
        "hösten 2017",
        "Tre ansökningar",
        "",
    ],
]
# A template whose headers nobody recognises: the user says which is which.
UNKNOWN_HEADER = ["Vad", "Vem leder", "Vilka mer", "Period", "Kommentar"]
UNKNOWN_ROWS = [
    ["Besöka Europaparlamentet", "KS", "Fullmäktiges presidium", "2017", "Resa"],
    ["Samla EU-samordnarna", "KS", "Förvaltningarna", "juni 2017", ""],
]
UNKNOWN_COLUMNS = ["title", "responsible_text", "participants_text", "timing_text", ""]


def xlsx(rows, merge: str = "") -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    if merge:
        workbook.active.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def word(*tables, heading: str = "") -> bytes:
    document = docx.Document()
    if heading:
        document.add_paragraph(heading)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for cells, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(cells.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def stage(client, plan, name: str, data: bytes) -> ActionImport:
    response = client.post(
        reverse("actions:import"),
        {"plan": plan.pk, "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302, response.content.decode()
    return ActionImport.objects.latest("pk")


def preview_url(staged) -> str:
    return reverse("actions:import_preview", args=[staged.pk])


def columns_post(client, staged, columns, *, version=None, **extra):
    data = {f"table-0-column_{n}": target for n, target in enumerate(columns)}
    data["version"] = current_version(staged) if version is None else version
    return client.post(
        reverse("actions:import_columns", args=[staged.pk]), {**data, **extra}
    )


def rows_data(staged, **changes) -> dict:
    """The preview's row form as the page shows it, with ``changes`` typed in."""
    staged.refresh_from_db()
    rows = services.staged_plan(staged).actions
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
        "version": current_version(staged) or "",
    }
    for n, row in enumerate(rows):
        for name, value in vars(row).items():
            data[f"rows-{n}-{name}"] = value
    return {**data, **changes}


def post_rows(client, staged, data, op="save"):
    url = reverse("actions:import_rows", args=[staged.pk])
    return client.post(url, {**data, "op": op})


def titles(plan) -> list[str]:
    return list(
        Action.objects.filter(plan=plan)
        .order_by("position")
        .values_list("title", flat=True)
    )


# Recognising more column names


def test_agency_headers_are_recognised_and_other_columns_kept_in_the_description():
    plan = parse_xlsx(xlsx([AGENCY_HEADER, *AGENCY_ROWS]))
    assert plan.is_valid and not plan.tables
    first = plan.actions[0]
    assert first.title == "Arrangera en EU-dag för gymnasieelever"
    assert first.responsible_text == "Kultur- och fritidsförvaltningen"
    assert first.participants_text == "Europa Direkt"
    assert first.timing_text == "maj 2017"
    assert (
        first.description
        == "Förväntat resultat: 200 elever deltar\nResurser: 20 000 kr"
    )
    # An empty cell adds no empty line.
    assert plan.actions[1].description == "Förväntat resultat: Tre ansökningar"


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Aktivitet", "title"),
        ("Åtgärder", "title"),
        ("Ansvarig part", "responsible_text"),
        ("I samverkan med", "participants_text"),
        ("Medverkande:", "participants_text"),
        ("Tidplan", "timing_text"),
        ("Tid", "timing_text"),
        ("Klart", "timing_text"),
        ("Insatsområde", "focus_area"),
        ("Område", "focus_area"),
        ("Delmål", "goal_text"),
        ("MÅL (nummer)", "goal_text"),
        ("Förväntat resultat", DESCRIPTION),
    ],
)
def test_column_names_are_recognised_from_the_vocabulary(header, target):
    assert suggest(["Åtgärd", header])[1] == (
        DESCRIPTION if target == "title" else target
    )
    assert suggest([header])[0] == target


def test_a_recognised_column_twice_takes_the_first_and_keeps_the_second_as_text():
    assert suggest(["Åtgärd", "Tid", "Klart"]) == ["title", "timing_text", DESCRIPTION]


# Tables whose columns the user maps


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
def test_an_unknown_table_asks_for_its_columns_with_the_same_message(
    coordinator_client, plan, fmt
):
    rows = [UNKNOWN_HEADER, *UNKNOWN_ROWS]
    data = {
        "xlsx": lambda: xlsx(rows),
        "docx": lambda: word(rows),
        "csv": lambda: "\n".join(";".join(row) for row in rows).encode(),
    }[fmt]()
    staged = stage(coordinator_client, plan, f"plan.{fmt}", data)
    page = coordinator_client.get(preview_url(staged)).content.decode()
    assert "Kolumnerna i en tabell kändes inte igen" in page
    assert "sparas i varje åtgärds beskrivning under sin rubrik" in page
    for header in UNKNOWN_HEADER:
        assert f">{header}</label>" in page
    assert "T.ex.: Besöka Europaparlamentet" in page
    assert not Action.objects.exists()


def test_a_header_below_a_title_row_and_merged_cells_are_read(coordinator_client, plan):
    rows = [
        ["Handlingsplan för EU-arbete 2017", None, None, None, None],
        [None] * 5,
        UNKNOWN_HEADER,
        ["1. Nätverk", "1. Nätverk", "1. Nätverk", "1. Nätverk", "1. Nätverk"],
        *UNKNOWN_ROWS,
    ]
    parsed = parse_xlsx(xlsx(rows, merge="A4:E4"))
    [table] = parsed.tables
    assert table.headers == UNKNOWN_HEADER
    mapped = apply_columns(parsed, [UNKNOWN_COLUMNS])
    assert [(a.focus_area, a.title, a.source) for a in mapped.actions] == [
        ("Nätverk", "Besöka Europaparlamentet", "rad 5"),
        ("Nätverk", "Samla EU-samordnarna", "rad 6"),
    ]
    assert mapped.actions[0].description == "Kommentar: Resa"
    assert mapped.is_valid


def test_a_word_table_keeps_its_place_among_block_text_actions():
    document = docx.Document()
    document.add_paragraph("Åtgärd: Före tabellen")
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=5)
    for cells, values in zip(table.rows, [UNKNOWN_HEADER, *UNKNOWN_ROWS], strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Åtgärd: Efter tabellen")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_docx(buffer.getvalue())
    assert [a.title for a in parsed.actions] == ["Före tabellen", "Efter tabellen"]
    assert parsed.tables[0].source == "tabell 1" and not parsed.is_valid
    mapped = apply_columns(parsed, [UNKNOWN_COLUMNS])
    assert [a.title for a in mapped.actions] == [
        "Före tabellen",
        "Besöka Europaparlamentet",
        "Samla EU-samordnarna",
        "Efter tabellen",
    ]
    assert mapped.actions[1].source == "tabell 1 rad 2"
    # A layout table is left out only when the user says it holds no actions.
    assert [a.title for a in apply_columns(parsed, [None]).actions] == [
        "Före tabellen",
        "Efter tabellen",
    ]


def test_mapping_the_columns_then_importing_keeps_every_column(
    coordinator_client, plan
):
    staged = stage(
        coordinator_client, plan, "mall.xlsx", xlsx([UNKNOWN_HEADER, *UNKNOWN_ROWS])
    )
    response = columns_post(coordinator_client, staged, UNKNOWN_COLUMNS)
    assert response.status_code == 302
    page = coordinator_client.get(preview_url(staged)).content.decode()
    assert "1 åtgärd har en beskrivning av källans övriga kolumner" in page
    assert not Action.objects.exists()
    coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), rows_data(staged)
    )
    action = Action.objects.get(title="Besöka Europaparlamentet")
    assert action.responsible_text == "KS"
    assert action.participants_text == "Fullmäktiges presidium"
    assert action.timing_text == "2017"
    assert action.description == "Kommentar: Resa"
    assert Action.objects.count() == 2


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (["", "responsible_text", "", "", ""], "Ange vilken kolumn som är åtgärd"),
        (
            ["title", "timing_text", "", "timing_text", ""],
            "Bara en kolumn kan vara Tidpunkt.",
        ),
    ],
)
def test_a_mapping_without_action_or_with_a_field_twice_is_refused_at_the_column(
    coordinator_client, plan, columns, message
):
    staged = stage(
        coordinator_client, plan, "mall.xlsx", xlsx([UNKNOWN_HEADER, *UNKNOWN_ROWS])
    )
    response = columns_post(coordinator_client, staged, columns)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page and "_error" in page
    staged.refresh_from_db()
    assert staged.columns is None
    assert not ImportColumnMapping.objects.exists()


def test_the_mapping_is_remembered_for_the_kommun_and_offered_next_time(
    coordinator_client, coordinator, plan, other_plan, other_kommun
):
    first = stage(
        coordinator_client, plan, "mall.xlsx", xlsx([UNKNOWN_HEADER, *UNKNOWN_ROWS])
    )
    columns_post(coordinator_client, first, UNKNOWN_COLUMNS)
    mapping = ImportColumnMapping.objects.get()
    assert mapping.columns == UNKNOWN_COLUMNS and mapping.kommun == plan.kommun
    assert mapping.history.count() == 1

    again = stage(
        coordinator_client, plan, "mall2.xlsx", xlsx([UNKNOWN_HEADER, UNKNOWN_ROWS[0]])
    )
    page = coordinator_client.get(preview_url(again)).content.decode()
    assert "importerats förut" in page
    assert '<option value="responsible_text" selected>' in page

    # Another kommun's coordinator is offered only what the headers say.
    other = client_for(member(other_kommun, "coordinator", "annan_samordnare"))
    theirs = stage(
        other, other_plan, "mall.xlsx", xlsx([UNKNOWN_HEADER, *UNKNOWN_ROWS])
    )
    assert "importerats förut" not in other.get(preview_url(theirs)).content.decode()


def test_a_table_marked_as_holding_no_actions_is_left_out_and_not_remembered(
    coordinator_client, plan
):
    data = word(
        [UNKNOWN_HEADER, *UNKNOWN_ROWS], [["Åtgärd", "Tidpunkt"], ["A", "2017"]]
    )
    staged = stage(coordinator_client, plan, "plan.docx", data)
    columns_post(
        coordinator_client,
        staged,
        ["", "", "", "", ""],
        **{"table-0-has_no_actions": "on"},
    )
    staged.refresh_from_db()
    assert services.staged_plan(staged).is_valid
    assert [a.title for a in services.staged_plan(staged).actions] == ["A"]
    assert not ImportColumnMapping.objects.exists()


def test_a_mal_column_links_the_plans_goal_or_stays_in_the_description(
    coordinator_client, plan
):
    Goal.objects.create(strategy=plan, label="2", text="Fler EU-projekt")
    rows = [
        ["Åtgärd", "Mål"],
        ["Söka medel", "Mål 2"],
        ["Ordna en EU-dag", "Fler besökare"],
    ]
    staged = stage(coordinator_client, plan, "plan.xlsx", xlsx(rows))
    coordinator_client.post(reverse("actions:import_confirm", args=[staged.pk]))
    funded = Action.objects.get(title="Söka medel")
    assert [g.text for g in funded.goals.all()] == ["Fler EU-projekt"]
    assert funded.description == ""
    day = Action.objects.get(title="Ordna en EU-dag")
    assert not day.goals.exists()
    assert day.description == "Mål: Fler besökare"


# Correcting the rows


@pytest.fixture
def staged(coordinator_client, plan) -> ActionImport:
    rows = [
        ["Åtgärd", "Tidpunkt", "Ansvarig"],
        ["Söka medel; skriva ansökningar", "2017", "KS"],
        ["Ordna en EU-dag", "maj", "KS"],
        ["för gymnasieelever", "", "Skolan"],
        ["Ta bort mig", "", ""],
    ]
    return stage(coordinator_client, plan, "plan.xlsx", xlsx(rows))


def test_the_preview_shows_each_row_editable_with_its_dates_read_in_the_plans_year(
    coordinator_client, staged
):
    page = coordinator_client.get(preview_url(staged)).content.decode()
    assert 'name="rows-1-timing_text"' in page
    assert "1 maj 2017 – 31 maj 2017" in page
    assert "<legend" in page and "Rad 2" in page


def test_an_edited_row_is_kept_and_imported_as_edited(coordinator_client, staged, plan):
    data = rows_data(
        staged, **{"rows-1-timing_text": "juni", "rows-1-title": "Ordna  en\r\nEU-dag"}
    )
    post_rows(coordinator_client, staged, data)
    staged.refresh_from_db()
    assert staged.rows[1]["timing_text"] == "juni"
    assert staged.history.first().history_user is not None
    page = coordinator_client.get(preview_url(staged)).content.decode()
    assert "1 juni 2017 – 30 juni 2017" in page
    coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), rows_data(staged)
    )
    action = Action.objects.get(title="Ordna en EU-dag")
    assert (action.timing_text, action.starts_on.isoformat()) == ("juni", "2017-06-01")


def test_a_row_is_dropped_merged_and_split_before_the_import(
    coordinator_client, staged, plan
):
    post_rows(coordinator_client, staged, rows_data(staged), op="drop-3")
    post_rows(coordinator_client, staged, rows_data(staged), op="merge-1")
    post_rows(coordinator_client, staged, rows_data(staged), op="semicolons-0")
    staged.refresh_from_db()
    merged = staged.rows[2]
    assert merged["title"] == "Ordna en EU-dag för gymnasieelever"
    assert merged["responsible_text"] == "KS; Skolan"
    assert merged["source"] == "rad 3 + rad 4"
    data = rows_data(staged, **{"rows-2-split_before": "FÖR gymnasie"})
    post_rows(coordinator_client, staged, data, op="split-2")
    coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), rows_data(staged)
    )
    assert titles(plan) == [
        "Söka medel",
        "skriva ansökningar",
        "Ordna en EU-dag",
        "för gymnasieelever",
    ]


def test_a_split_at_text_not_in_the_title_is_an_error_at_the_field(
    coordinator_client, staged
):
    data = rows_data(staged, **{"rows-1-split_before": "finns inte"})
    response = post_rows(coordinator_client, staged, data, op="split-1")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_rows-1-split_before_error"' in page
    assert "Texten finns inte i åtgärden." in page
    assert 'href="#id_rows-1-split_before"' in page
    staged.refresh_from_db()
    assert staged.rows is None


def test_an_emptied_title_is_an_error_and_nothing_is_imported(
    coordinator_client, staged
):
    data = rows_data(staged, **{"rows-2-title": "  "})
    response = coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), data
    )
    assert response.status_code == 200
    assert "Rad 3, Åtgärd" in response.content.decode()
    assert not Action.objects.exists()
    staged.refresh_from_db()
    assert staged.is_pending and staged.rows is None


def test_the_corrected_import_is_all_or_nothing(
    coordinator_client, staged, monkeypatch
):
    original = Action.save

    def fail_on_third(self, *args, **kwargs):
        if self.title == "för gymnasieelever":
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Action, "save", fail_on_third)
    data = rows_data(staged, **{"rows-0-title": "Söka medel"})
    with pytest.raises(RuntimeError):
        coordinator_client.post(
            reverse("actions:import_confirm", args=[staged.pk]), data
        )
    assert not Action.objects.exists()
    staged.refresh_from_db()
    assert staged.is_pending and staged.rows is None


def test_a_stale_second_session_saves_nothing_and_says_who_changed_the_rows(
    coordinator_client, staged, kommun
):
    colleague = member(kommun, "coordinator", "kollega")
    colleague.first_name, colleague.last_name = "Karin", "Kollega"
    colleague.save()
    theirs = client_for(colleague)
    mine = rows_data(staged, **{"rows-1-timing_text": "juni"})  # my page, loaded now
    post_rows(theirs, staged, rows_data(staged), op="drop-3")
    response = coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), mine
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Karin Kollega ändrade förhandsgranskningen" in page
    assert "Inget har sparats" in page
    assert not Action.objects.exists()
    staged.refresh_from_db()
    assert len(staged.rows) == 3 and staged.rows[1]["timing_text"] == "maj"
    # The page now carries the newest version: saving again is a conscious choice.
    assert f'name="version" value="{current_version(staged)}"' in page
    mine["version"] = current_version(staged)
    post_rows(coordinator_client, staged, mine)
    staged.refresh_from_db()
    assert len(staged.rows) == 4 and staged.rows[1]["timing_text"] == "juni"


def test_an_import_applied_twice_imports_once(coordinator_client, staged, plan):
    data = rows_data(staged)
    url = reverse("actions:import_confirm", args=[staged.pk])
    coordinator_client.post(url, data)
    again = coordinator_client.post(url, data, follow=True)
    assert "redan hanterad" in again.content.decode()
    assert Action.objects.count() == 4


def test_undoing_the_corrections_brings_back_the_parsed_rows(
    coordinator_client, staged
):
    post_rows(coordinator_client, staged, rows_data(staged), op="drop-0")
    post_rows(coordinator_client, staged, rows_data(staged), op="reset")
    staged.refresh_from_db()
    assert staged.rows is None
    assert len(services.staged_plan(staged).actions) == 4


def test_only_the_kommuns_coordinator_corrects_a_preview(
    staged, reporter_a_client, other_coordinator_client
):
    url = reverse("actions:import_rows", args=[staged.pk])
    assert reporter_a_client.post(url, rows_data(staged)).status_code == 403
    assert other_coordinator_client.post(url, rows_data(staged)).status_code == 404
    staged.refresh_from_db()
    assert staged.rows is None


# The row operations themselves


def row(title: str, **fields) -> ParsedAction:
    values = {
        "focus_area": "",
        "participants_text": "",
        "timing_text": "",
        "responsible_text": "",
        "source": "rad 1",
    }
    return ParsedAction(title=title, **{**values, **fields})


def test_merging_loses_nothing_of_either_row():
    first = row("A", focus_area="Nätverk", timing_text="2017", description="X: 1")
    second = row(
        "B",
        focus_area="Projekt",
        timing_text="2017",
        description="Y: 2",
        source="rad 2",
    )
    [merged] = import_rows.merge_with_next([first, second], 0)
    assert merged.title == "A B"
    assert merged.timing_text == "2017"
    assert merged.focus_area == "Nätverk"
    assert merged.description == "X: 1\nY: 2\nFokusområde: Projekt"


def test_the_last_row_has_nothing_to_merge_with_and_a_title_without_semicolon_no_split():
    with pytest.raises(import_rows.RowOperationRefused):
        import_rows.merge_with_next([row("A")], 0)
    with pytest.raises(import_rows.RowOperationRefused):
        import_rows.split_on_semicolons([row("A")], 0)
    with pytest.raises(import_rows.RowOperationRefused):
        import_rows.split_before([row("A och B")], 0, "A och")
