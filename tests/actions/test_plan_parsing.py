from __future__ import annotations

import io
from datetime import date

import docx
import openpyxl
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.plan_parsing import (
    ParsedAction,
    ParsedPlan,
    Problem,
    parse_csv,
    parse_docx,
    parse_text,
    parse_upload,
    parse_xlsx,
)
from intkommun.demo import SEED_FOLDER

NO_ACTIONS = (
    "Inga åtgärder hittades. Åtgärder läses ur tabeller, ur block som börjar med "
    "”Åtgärd:” och ur punktlistor."
)
SKARA_SEED = SEED_FOLDER / "001_eb7c21d3ea54bc9a.txt"
SKARA_AREAS = [
    "Internationella nätverk, kontakter och relationer",
    "Omvärldsspaning, intressebevakning och kunskapsutbyten",
    "Transnationella projekt",
]


@pytest.fixture(scope="module")
def skara() -> ParsedPlan:
    return parse_text(SKARA_SEED.read_text(encoding="utf-8"))


def fields(action: ParsedAction) -> tuple[str, str, str, str]:
    return (
        action.title,
        action.participants_text,
        action.timing_text,
        action.responsible_text,
    )


# The Skara plan (seeds/001)


def test_skara_plan_gives_22_actions_without_problems(skara):
    assert len(skara.actions) == 22
    assert skara.problems == []
    assert skara.is_valid


def test_skara_focus_areas_are_the_section_headings_of_the_action_part(skara):
    assert skara.focus_areas == SKARA_AREAS


def test_skara_actions_outside_numbered_sections_have_no_focus_area(skara):
    areas = [action.focus_area for action in skara.actions]
    assert (
        areas
        == [""] * 5
        + [SKARA_AREAS[0]] * 5
        + [SKARA_AREAS[1]] * 6
        + [SKARA_AREAS[2]] * 4
        + [""] * 2
    )


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (
            0,
            (
                "Framtagande av enkel ansökningsmall",
                "",
                "januari-februari 2017",
                "Internationell samordnare",
            ),
        ),
        (
            1,
            (
                "Arbeta för en ökad grad av extern finansiering för kommunens "
                "verksamhetsutveckling",
                "Samtliga förvaltningar och kommunala bolag",
                "Långsiktigt arbete med start våren 2017 och fortsättningsvis framåt",
                "Internationell samordnare",
            ),
        ),
        (
            5,
            (
                "Beskriv och vidareutveckla vänortsarbetet. Förbereda och Nordiskt "
                "vänortsutbyte på Island i augusti 2017",
                "",
                "2017",
                "KF/KS, Vänortsgruppen, internationell samordnare",
            ),
        ),
        (
            10,
            (
                "Genomföra Europaveckan i syfte att erbjuda kommuninvånarna information "
                "och kunskap för att kunna utgöra världsmedborgare och tillvarata sina "
                "medborgerliga rättigheter i ett nytt Europa",
                "Skaras invånare samt medarbetare i kommunen",
                "Maj 2017",
                "Internationell samordnare i samarbete med V6 och Europa Direkt",
            ),
        ),
        (
            12,
            (
                "Vidareutveckla och ta till vara på befintliga internationella kontakter "
                "med strategiska partners genom samarbeten, nätverksträffar och "
                "utbildningstillfällen",
                "",
                "Hela 2017",
                "Internationell samordnare",
            ),
        ),
        (
            16,
            (
                "Sondera och specificera vilka behov finns ute i kommunens förvaltningar "
                "och bolag, som kan ”problemlösas” genom EU-projekt?",
                "Relevant personal för alla förvaltningar och bolag",
                "Våren-hösten 2017 för att 2018 kunna söka medel",
                "Respektive förvaltning med stöd av internationella samordnare i "
                "samarbete med Potential 12 och Europa Direkt",
            ),
        ),
        (
            20,
            (
                "Utvärdering av 2017 års internationella arbete",
                "Rapportering till KS",
                "december 2017",
                "Internationell samordnare",
            ),
        ),
    ],
)
def test_skara_actions_keep_the_four_fields_as_written(skara, index, expected):
    assert fields(skara.actions[index]) == expected


def test_skara_action_over_two_lines_is_joined_with_a_space(skara):
    assert skara.actions[-1].title == (
        "Revidering och komplettering av handlingsplan genomförande "
        "Strategi för ökad internationalisering"
    )
    assert skara.actions[-1].timing_text == "januari 2018"


def test_skara_markdown_emphasis_is_dropped_from_the_title(skara):
    assert skara.actions[18].title == (
        "Utbildning om Möjligheter med EU för att realisera konkreta projekt"
    )


def test_skara_sources_number_the_blocks(skara):
    assert [a.source for a in skara.actions[:2]] == ["block 1", "block 2"]


# Block text

BLOCK = """\
Åtgärd: Genomföra Europaveckan
Medverkande: Skolan
Tidpunkt: Maj 2017
Ansvarig: Internationell samordnare
"""


@pytest.mark.parametrize(
    "text",
    [
        BLOCK,
        BLOCK.replace("\n", "\n\n"),
        BLOCK.replace("\n", "\r\n"),
        BLOCK.upper()
        .replace("GENOMFÖRA EUROPAVECKAN", "Genomföra Europaveckan")
        .replace("SKOLAN", "Skolan")
        .replace("MAJ", "Maj")
        .replace("INTERNATIONELL SAMORDNARE", "Internationell samordnare"),
        BLOCK.replace(": ", " : "),
        BLOCK.replace(": ", ":"),
        "Action: Genomföra Europaveckan\nParticipants: Skolan\nTiming: Maj 2017\n"
        "Responsible: Internationell samordnare\n",
        "**Åtgärd:** Genomföra Europaveckan\n**Medverkande:** Skolan\n"
        "**Tidpunkt:** Maj 2017\n**Ansvarig:** Internationell samordnare\n",
        "  Åtgärd:\u00a0 Genomföra   Europaveckan  \nMedverkande: Skolan\n"
        "Tidpunkt: Maj 2017\nAnsvarig: Internationell samordnare",
    ],
    ids=[
        "plain",
        "blank-lines",
        "crlf",
        "upper-case-labels",
        "space-before-colon",
        "no-space-after-colon",
        "english",
        "markdown-bold-labels",
        "extra-whitespace",
    ],
)
def test_block_variants_give_the_same_action(text):
    plan = parse_text(text)
    assert [fields(a) for a in plan.actions] == [
        (
            "Genomföra Europaveckan",
            "Skolan",
            "Maj 2017",
            "Internationell samordnare",
        )
    ]
    assert plan.problems == []


@pytest.mark.parametrize("empty", ["-", "–", "—", ""])
def test_dash_or_nothing_in_a_field_means_empty(empty):
    plan = parse_text(f"Åtgärd: Mall\nMedverkande: {empty}\nTidpunkt: 2017\n")
    assert plan.actions[0].participants_text == ""
    assert plan.actions[0].responsible_text == ""


def test_a_dash_inside_a_value_is_kept():
    plan = parse_text("Åtgärd: Mall\nTidpunkt: januari-februari 2017\n")
    assert plan.actions[0].timing_text == "januari-februari 2017"


def test_block_without_action_is_a_problem_and_the_rest_is_read():
    plan = parse_text(
        "Åtgärd: Första\nAnsvarig: A\n\nProsa emellan.\n\n"
        "Medverkande: B\nTidpunkt: 2017\n\nÅtgärd: Tredje\n"
    )
    assert [a.title for a in plan.actions] == ["Första", "Tredje"]
    assert plan.problems == [Problem("block 2", "Åtgärd saknas.")]
    assert not plan.is_valid


def test_empty_action_label_is_a_problem():
    plan = parse_text("Åtgärd: -\nAnsvarig: A\n")
    assert plan.problems == [Problem("block 1", "Åtgärd saknas.")]


def test_prose_between_blocks_is_ignored():
    plan = parse_text(
        "Inledning\n\nDen här planen beskriver arbetet.\n\n"
        "Åtgärd: A\nAnsvarig: X\n\n- en punkt\n- en till\n\nÅtgärd: B\n"
    )
    assert [(a.title, a.responsible_text) for a in plan.actions] == [
        ("A", "X"),
        ("B", ""),
    ]


def test_prose_right_after_a_blank_line_does_not_join_the_last_field():
    plan = parse_text("Åtgärd: A\nAnsvarig: X\n\nLöpande text om något annat.\n")
    assert plan.actions[0].responsible_text == "X"


def test_a_repeated_field_starts_a_new_block():
    plan = parse_text("Åtgärd: A\nTidpunkt: 2017\nTidpunkt: 2018\n")
    assert plan.actions[0].timing_text == "2017"
    assert plan.problems == [Problem("block 2", "Åtgärd saknas.")]


def test_a_label_must_start_the_line_and_have_a_colon():
    plan = parse_text(
        "Tidpunkt för aktualitetsprövning är varje mandatperiod.\n"
        "Åtgärdsplanen antogs.\n\nÅtgärd: A\n"
    )
    assert [a.title for a in plan.actions] == ["A"]
    assert plan.problems == []


def test_numbered_list_in_introduction_is_not_a_focus_area():
    plan = parse_text(
        "Prioriterade områden\n\n1. Nätverk\n2. Omvärld\n3. Projekt\n\n"
        "Åtgärd: Före\n\n1. Nätverk och relationer\n\nÅtgärd: Efter\n"
    )
    assert [(a.title, a.focus_area) for a in plan.actions] == [
        ("Före", ""),
        ("Efter", "Nätverk och relationer"),
    ]
    assert plan.focus_areas == ["Nätverk och relationer"]


def test_a_subheading_inside_a_focus_area_keeps_it():
    plan = parse_text("2) Omvärld\n\nÅtgärder\n\nÅtgärd: A\n\nÅtgärd: B\n")
    assert [a.focus_area for a in plan.actions] == ["Omvärld", "Omvärld"]


def test_an_unnumbered_heading_after_actions_ends_the_focus_area():
    plan = parse_text("1. Nätverk\n\nÅtgärd: A\n\nUppföljning\n\nÅtgärd: B\n")
    assert [a.focus_area for a in plan.actions] == ["Nätverk", ""]


def test_markdown_headings_can_be_focus_areas():
    plan = parse_text("## 1. Nätverk\n\nÅtgärd: A\n")
    assert plan.focus_areas == ["Nätverk"]


def test_a_lone_asterisk_is_kept():
    plan = parse_text("Åtgärd: Budget* enligt beslut\n")
    assert plan.actions[0].title == "Budget* enligt beslut"


@pytest.mark.parametrize("text", ["", "   \n\n", "Bara prosa här.", "\x00\x01\x02"])
def test_text_without_actions_is_a_problem(text):
    plan = parse_text(text)
    assert plan.actions == []
    assert plan.problems == [Problem("texten", NO_ACTIONS)]
    assert not plan.is_valid


def test_rows_pasted_from_a_spreadsheet_are_read_as_a_table():
    plan = parse_text(
        "Tidpunkt\tÅtgärd\tAnsvarig\n2017\tGenomföra Europaveckan\tSamordnare\n"
    )
    assert [fields(a) for a in plan.actions] == [
        ("Genomföra Europaveckan", "", "2017", "Samordnare")
    ]
    assert plan.actions[0].source == "rad 2"


def test_a_tab_after_a_label_is_still_block_text():
    plan = parse_text("Åtgärd:\tA\nAnsvarig:\tB\n")
    assert [fields(a) for a in plan.actions] == [("A", "", "", "B")]


def test_a_long_line_of_asterisks_is_read_quickly():
    plan = parse_text("Åtgärd: " + "*a " * 50_000)
    # Read to the end, and then refused as longer than an action's title holds.
    assert plan.problems[0].message.startswith("Åtgärd är längre än")


@given(st.text())
def test_any_text_never_raises(text):
    assert isinstance(parse_text(text), ParsedPlan)


@given(
    st.lists(
        st.sampled_from(
            [
                *("Åtgärd: A", "Medverkande: B", "Tidpunkt: 2017", "Ansvarig: C"),
                *("Åtgärd:", "Ansvarig: -", "1. Nätverk", "2. Omvärld", "Rubrik"),
                *("", "", "prosa.", "- punkt", "Action: X", "\tÅtgärd\tAnsvarig"),
            ]
        ),
        max_size=20,
    ).map("\n".join)
)
def test_any_mix_of_block_lines_never_raises_and_every_action_has_a_title(text):
    plan = parse_text(text)
    assert all(action.title for action in plan.actions)
    assert set(plan.focus_areas) <= {a.focus_area for a in plan.actions}


# CSV


def csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    lines = [delimiter.join(f'"{cell}"' for cell in row) for row in rows]
    return "\r\n".join(lines).encode(encoding)


SWEDISH_ROWS = [
    ["Ansvarig", "Tidpunkt", "Fokusområde", "Åtgärd", "Medverkande"],
    ["Samordnare", "Maj 2017", "Omvärld", "Genomföra Europaveckan", "Skolan"],
    ["", "", "", "", ""],
    ["KF/KS, Vänortsgruppen", "2017", "Nätverk", "Vänortsutbyte; Island", "-"],
]
ENGLISH_ROWS = [
    ["TIMING", "action", "Focus area", "Responsible", "participants"],
    ["Maj 2017", "Genomföra Europaveckan", "Omvärld", "Samordnare", "Skolan"],
    ["", "", "", "", ""],
    ["2017", "Vänortsutbyte; Island", "Nätverk", "KF/KS, Vänortsgruppen", "-"],
]
EXPECTED_ROWS = [
    ("Omvärld", "Genomföra Europaveckan", "Skolan", "Maj 2017", "Samordnare", "rad 2"),
    ("Nätverk", "Vänortsutbyte; Island", "", "2017", "KF/KS, Vänortsgruppen", "rad 4"),
]


def as_tuples(plan: ParsedPlan) -> list[tuple[str, ...]]:
    return [
        (a.focus_area, *fields(a), a.source)  # type: ignore[misc]
        for a in plan.actions
    ]


@pytest.mark.parametrize("rows", [SWEDISH_ROWS, ENGLISH_ROWS], ids=["sv", "en"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_is_read_with_any_header_order_delimiter_and_encoding(
    rows, delimiter, encoding
):
    plan = parse_csv(csv_bytes(rows, delimiter, encoding))
    assert as_tuples(plan) == EXPECTED_ROWS
    assert plan.focus_areas == ["Omvärld", "Nätverk"]
    assert plan.is_valid


def test_csv_keeps_quoted_line_breaks_as_spaces():
    data = 'Åtgärd;Tidpunkt\n"Revidering av\nhandlingsplan";januari 2018\n'.encode()
    plan = parse_csv(data)
    assert plan.actions[0].title == "Revidering av handlingsplan"


def test_csv_header_may_follow_a_title_row():
    plan = parse_csv("Handlingsplan 2017\n\nÅtgärd;Ansvarig\nA;B\n".encode())
    assert as_tuples(plan) == [("", "A", "", "", "B", "rad 4")]


def test_csv_row_without_action_is_a_problem_naming_the_row():
    plan = parse_csv("Åtgärd;Ansvarig\nA;B\n;C\n".encode())
    assert [a.title for a in plan.actions] == ["A"]
    assert plan.problems == [Problem("rad 3", "Åtgärd saknas.")]


def test_csv_without_action_column_waits_for_the_user_to_map_its_columns():
    plan = parse_csv(b"Vad;Medverkande;Ansvarig\nA;B;C\n")
    assert plan.actions == [] and plan.problems == [] and not plan.is_valid
    [table] = plan.tables
    assert table.headers == ["Vad", "Medverkande", "Ansvarig"]
    assert table.suggested == ["", "participants_text", "responsible_text"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen är tom."),
        (b"   \r\n", "Filen är tom."),
        (b"\x00\xff\x00binary", "Filen går inte att läsa som text."),
        (bytes(range(256)) * 4, "Filen går inte att läsa som text."),
        (b"bara en rad utan kolumner", "Kolumnen Åtgärd saknas i kalkylbladet."),
        (b'"' + b"x" * 200_000, "Filen går inte att läsa som CSV."),
        (b"\xc3\x85tg\xc3\xa4rd;Ansvarig\n", NO_ACTIONS),
    ],
    ids=["empty", "blank", "nul", "all-bytes", "no-header", "huge-field", "no-rows"],
)
def test_malformed_csv_is_a_problem(data, message):
    plan = parse_csv(data)
    assert plan.actions == []
    assert [problem.message for problem in plan.problems] == [message]


# XLSX


def xlsx_bytes(*sheets: list[list[object]], merge: str = "") -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets, start=1):
        sheet = workbook.create_sheet(f"Blad{number}")
        for row in rows:
            sheet.append(row)
        if merge and number == len(sheets):
            sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("rows", [SWEDISH_ROWS, ENGLISH_ROWS], ids=["sv", "en"])
def test_xlsx_is_read_with_swedish_or_english_headers_in_any_order(rows):
    plan = parse_xlsx(xlsx_bytes(rows))
    assert as_tuples(plan) == EXPECTED_ROWS
    assert plan.is_valid


def test_xlsx_dates_numbers_and_merged_focus_cells_become_text():
    rows: list[list[object]] = [
        ["Handlingsplan för internationellt arbete"],
        ["Prioriterat område", "Åtgärd", "Tidpunkt", "Ansvarig"],
        ["Projekt", "Ansökan", date(2017, 5, 9), "Samordnare"],
        [None, "Uppföljning", 2017, None],
    ]
    plan = parse_xlsx(xlsx_bytes(rows, merge="A3:A4"))
    assert as_tuples(plan) == [
        ("Projekt", "Ansökan", "", "2017-05-09", "Samordnare", "rad 3"),
        ("Projekt", "Uppföljning", "", "2017", "", "rad 4"),
    ]


def test_xlsx_row_merged_across_the_table_is_a_focus_area():
    rows: list[list[object]] = [
        ["Åtgärd", "Medverkande", "Tidpunkt", "Ansvarig"],
        ["1. Transnationella projekt", None, None, None],
        ["Sondera behov", "Förvaltningarna", "Våren 2017", "Samordnare"],
    ]
    plan = parse_xlsx(xlsx_bytes(rows, merge="A2:D2"))
    assert plan.focus_areas == ["Transnationella projekt"]
    assert [(a.focus_area, a.title) for a in plan.actions] == [
        ("Transnationella projekt", "Sondera behov")
    ]


def test_xlsx_reads_the_first_sheet_with_an_action_column():
    cover: list[list[object]] = [["Skara kommun"], ["Handlingsplan"]]
    plan = parse_xlsx(xlsx_bytes(cover, [["Åtgärd"], ["A"]]))
    assert [a.title for a in plan.actions] == ["A"]


def test_xlsx_row_without_action_is_a_problem_naming_the_row():
    rows: list[list[object]] = [["Åtgärd", "Ansvarig"], ["A", "B"], [None, "C"]]
    plan = parse_xlsx(xlsx_bytes(rows))
    assert plan.problems == [Problem("rad 3", "Åtgärd saknas.")]


def test_xlsx_without_action_column_waits_for_the_user_to_map_its_columns():
    plan = parse_xlsx(xlsx_bytes([["Vad", "Ansvarig", "Tidpunkt"], ["A", "B", 1]]))
    assert plan.actions == [] and plan.problems == []
    assert plan.tables[0].source == "kalkylbladet"
    assert plan.tables[0].rows == [["A", "B", "1"]]


def test_empty_xlsx_is_a_problem():
    plan = parse_xlsx(xlsx_bytes([]))
    assert plan.problems == [Problem("filen", "Kolumnen Åtgärd saknas i kalkylbladet.")]


# DOCX


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def test_docx_table_is_read_and_the_heading_above_gives_its_focus_area():
    def build(document):
        document.add_heading("Handlingsplan 2017", level=0)
        document.add_paragraph("Planen beskriver vem som gör vad.")
        document.add_heading("2. Omvärldsspaning", level=1)
        add_table(
            document,
            [
                ["Tidpunkt", "Åtgärd", "Ansvarig", "Medverkande"],
                ["Maj 2017", "Genomföra Europaveckan", "Samordnare", "-"],
                ["", "", "", ""],
                ["2017", "", "Samordnare", ""],
            ],
        )

    plan = parse_docx(docx_bytes(build))
    assert as_tuples(plan) == [
        (
            "Omvärldsspaning",
            "Genomföra Europaveckan",
            "",
            "Maj 2017",
            "Samordnare",
            "tabell 1 rad 2",
        )
    ]
    assert plan.problems == [Problem("tabell 1 rad 4", "Åtgärd saknas.")]


def test_docx_block_text_is_read_like_pasted_text():
    def build(document):
        document.add_paragraph("Prioriterade områden")
        for area in ("1. Nätverk", "2. Omvärld"):
            document.add_paragraph(area)
        document.add_paragraph("Åtgärd: Framtagande av enkel ansökningsmall")
        document.add_paragraph("Medverkande: -")
        document.add_paragraph("1. Nätverk, kontakter och relationer")
        document.add_paragraph("Internationaliseringen knyter nya band.")
        paragraph = document.add_paragraph("Åtgärd: Revidering av handlingsplan")
        paragraph.add_run().add_break()
        paragraph.add_run("Strategi för ökad internationalisering")
        document.add_paragraph("Tidpunkt: januari 2018")
        document.add_paragraph("Ansvarig: Internationell samordnare")

    plan = parse_docx(docx_bytes(build))
    assert as_tuples(plan) == [
        ("", "Framtagande av enkel ansökningsmall", "", "", "", "block 1"),
        (
            "Nätverk, kontakter och relationer",
            "Revidering av handlingsplan Strategi för ökad internationalisering",
            "",
            "januari 2018",
            "Internationell samordnare",
            "block 2",
        ),
    ]
    assert plan.problems == []


def test_docx_two_column_label_table_is_read_as_a_block():
    def build(document):
        add_table(
            document,
            [
                ["Åtgärd", "Genomföra Europaveckan"],
                ["Tidpunkt:", "Maj 2017"],
                ["Ansvarig", "Samordnare"],
            ],
        )

    plan = parse_docx(docx_bytes(build))
    assert [fields(a) for a in plan.actions] == [
        ("Genomföra Europaveckan", "", "Maj 2017", "Samordnare")
    ]


def test_docx_heading_numbered_by_word_is_a_focus_area():
    def build(document):
        heading = document.add_heading("Transnationella projekt", level=1)
        numbering = OxmlElement("w:numPr")
        number = OxmlElement("w:numId")
        number.set(qn("w:val"), "1")
        numbering.append(number)
        heading._p.get_or_add_pPr().append(numbering)
        document.add_paragraph("Åtgärd: Sondera behov")

    plan = parse_docx(docx_bytes(build))
    assert plan.focus_areas == ["Transnationella projekt"]


def test_docx_table_without_action_column_waits_for_the_user_to_map_its_columns():
    def build(document):
        add_table(document, [["Vad", "Ansvarig", "Tidpunkt"], ["A", "B", "2017"]])

    plan = parse_docx(docx_bytes(build))
    assert plan.actions == [] and plan.problems == []
    assert plan.tables[0].source == "tabell 1"
    assert plan.tables[0].row_source(0) == "tabell 1 rad 2"


def test_docx_without_actions_is_a_problem():
    plan = parse_docx(docx_bytes(lambda document: document.add_paragraph("Hej.")))
    assert plan.problems == [Problem("filen", NO_ACTIONS)]


@pytest.mark.parametrize(
    "data",
    [b"", b"not a word file", b"PK\x03\x04broken zip", xlsx_bytes([["Åtgärd"]])],
    ids=["empty", "text", "broken-zip", "an-xlsx-file"],
)
def test_not_a_docx_is_a_problem(data):
    plan = parse_docx(data)
    assert plan.problems == [
        Problem("filen", "Filen går inte att läsa som en Word-fil (.docx).")
    ]


@pytest.mark.parametrize(
    "data",
    [b"", b"not a workbook", b"PK\x03\x04broken zip", docx_bytes(lambda d: None)],
    ids=["empty", "text", "broken-zip", "a-docx-file"],
)
def test_not_an_xlsx_is_a_problem(data):
    plan = parse_xlsx(data)
    assert plan.problems == [
        Problem("filen", "Filen går inte att läsa som en Excel-fil (.xlsx).")
    ]


# Upload


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("plan.txt", b"\xc3\x85tg\xc3\xa4rd: A\n"),
        ("PLAN.TXT", "Åtgärd: A\n".encode("cp1252")),
        ("plan.csv", "Åtgärd;Ansvarig\nA;\n".encode()),
        ("plan.tsv", "Åtgärd\tAnsvarig\nA\t\n".encode()),
        ("plan.xlsx", xlsx_bytes([["Åtgärd"], ["A"]])),
        ("Handlingsplan 2017.DOCX", docx_bytes(lambda d: d.add_paragraph("Åtgärd: A"))),
    ],
)
def test_upload_is_read_by_its_extension(filename, data):
    plan = parse_upload(filename, data)
    assert [a.title for a in plan.actions] == ["A"]
    assert plan.is_valid


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("plan.pdf", "PDF-filer kan inte läsas."),
        ("plan.doc", "Äldre Word-filer (.doc) kan inte läsas."),
        ("plan.xls", "Äldre Excel-filer (.xls) kan inte läsas."),
        ("plan.odt", "Filtypen stöds inte."),
        ("plan", "Filtypen stöds inte."),
        ("", "Filtypen stöds inte."),
    ],
)
def test_upload_of_an_unsupported_type_is_a_problem(filename, message):
    plan = parse_upload(filename, b"data")
    assert plan.actions == []
    assert len(plan.problems) == 1
    assert plan.problems[0].message.startswith(message)


def test_upload_of_an_empty_file_is_a_problem():
    assert parse_upload("plan.docx", b"").problems == [
        Problem("filen", "Filen är tom.")
    ]


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(["a.txt", "a.csv", "a.xlsx", "a.docx", "a.tsv", "a.bin"]),
    st.binary(max_size=300) | st.just(b"PK\x03\x04") | st.binary().map(b"PK".__add__),
)
def test_upload_of_any_bytes_never_raises(filename, data):
    assert isinstance(parse_upload(filename, data), ParsedPlan)
