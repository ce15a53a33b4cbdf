"""Issue 15: plans published as prose and bullet lists. Every commitment becomes a
row with the timing and the co-actors found in its sentence, a heading above a list
is offered as the focus area, and no sentence of the input is lost: what does not
become an action is listed for the user. The plans here are invented, in the shapes
real plans take."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions import import_rows, services
from actions.models import Action, ActionImport
from actions.plan_parsing import ParsedPlan, parse_docx, parse_text, parse_upload
from actions.plan_prose import Passage, co_actors, commitments, sentences
from intkommun.versioning import current_version

pytestmark = pytest.mark.django_db

EU_PLAN = """\
Kommunen åtar sig att:
 • Arrangera en EU-dag för gymnasieelever under Europaveckan 2026 (4–10 maj)
   tillsammans med Europa Direkt.
 • Ge projektledare en kurs om EU:s fonder hösten 2026 med stöd av Region Exempel.
 • Efter valet 2026 erbjuda nya förtroendevalda en introduktion om EU.
   Under mandatperioden besöka Europaparlamentet med fullmäktiges presidium.
 • Fortsätta söka EU-medel för skolornas utbyten.

Stärka EU-kompetensen
 • ta fram en EU-guide för förvaltningarna,
 • två gånger per år samla kommunens EU-samordnare.
"""


def rows(plan: ParsedPlan) -> list[tuple[str, str, str, str]]:
    return [
        (a.focus_area, a.title, a.participants_text, a.timing_text)
        for a in plan.actions
    ]


# The layouts of the issue


def test_a_bullet_plan_gives_every_commitment_with_its_timing_and_co_actors():
    plan = parse_text(EU_PLAN)
    assert plan.is_valid and plan.problems == []
    assert rows(plan) == [
        (
            "",
            "Arrangera en EU-dag för gymnasieelever under Europaveckan 2026 (4–10 maj) "
            "tillsammans med Europa Direkt.",
            "Europa Direkt",
            "under Europaveckan 2026 (4–10 maj)",
        ),
        (
            "",
            "Ge projektledare en kurs om EU:s fonder hösten 2026 med stöd av "
            "Region Exempel.",
            "Region Exempel",
            "hösten 2026",
        ),
        (
            "",
            "Efter valet 2026 erbjuda nya förtroendevalda en introduktion om EU.",
            "",
            "Efter valet 2026",
        ),
        (
            "",
            "Under mandatperioden besöka Europaparlamentet med fullmäktiges presidium.",
            "",
            "Under mandatperioden",
        ),
        ("", "Fortsätta söka EU-medel för skolornas utbyten.", "", "Fortsätta"),
        (
            "Stärka EU-kompetensen",
            "ta fram en EU-guide för förvaltningarna",
            "",
            "",
        ),
        (
            "Stärka EU-kompetensen",
            "två gånger per år samla kommunens EU-samordnare.",
            "",
            "två gånger per år",
        ),
    ]
    assert plan.focus_areas == ["Stärka EU-kompetensen"]
    assert [a.source for a in plan.actions][2:4] == ["punkt 3, del 1", "punkt 3, del 2"]


def test_the_lead_in_is_kept_as_text_that_did_not_become_an_action():
    plan = parse_text(EU_PLAN)
    assert plan.left_out == [Passage("stycke 1", "Kommunen åtar sig att:", 0, "")]


@pytest.mark.parametrize(
    ("sentence", "participants"),
    [
        ("Ordna en Europadag i samarbete med Europa Direkt Skaraborg.", "Europa Direkt Skaraborg"),
        ("Ordna en Europadag i samverkan med näringslivet, varje år.", "näringslivet"),
        ("Söka medel tillsammans med Länsstyrelsen för att stärka skolan.", "Länsstyrelsen"),
        ("Ge en kurs med stöd av Region Exempel hösten 2026.", "Region Exempel"),
        ("Ge en kurs med stöd från Tillväxtverket.", "Tillväxtverket"),
        ("Ordna en skoldag där elever från vänorten deltar.", "elever från vänorten"),
        ("Ordna ett läger där unga från tre länder medverkar i juni 2026.", "unga från tre länder"),
        (
            "Tillsammans med Föreningen Norden ordna en vänortsdag där skolorna deltar.",
            "Föreningen Norden; skolorna",
        ),
        ("Besöka Europaparlamentet med fullmäktiges presidium.", ""),
    ],
)  # fmt: skip
def test_co_actors_are_read_from_the_sentence(sentence, participants):
    assert co_actors(sentence) == participants


def test_a_co_actor_ends_where_the_timing_phrase_starts():
    assert co_actors("Ordna en mässa tillsammans med Almi Företagspartner 2027.") == (
        "Almi Företagspartner"
    )


def test_two_sentences_with_their_own_timing_are_two_commitments_and_merge_back():
    text = "Efter valet 2026 ge en introduktion. Under mandatperioden besöka Bryssel."
    assert commitments(text) == [
        "Efter valet 2026 ge en introduktion.",
        "Under mandatperioden besöka Bryssel.",
    ]
    plan = parse_text(f"• {text}\n")
    merged = import_rows.merge_with_next(plan.actions, 0)
    assert merged[0].title == text
    assert merged[0].timing_text == "Efter valet 2026; Under mandatperioden"


@pytest.mark.parametrize(
    "text",
    [
        "Ge en kurs hösten 2026. Kursen ska vara öppen för alla förvaltningar.",
        "Kursen ska vara öppen för alla. Den ges hösten 2026.",
        "Ta fram en EU-guide, t.ex. med stöd av regionen. Sprida den till alla.",
    ],
)
def test_a_bullet_with_one_timing_stays_one_commitment(text):
    assert commitments(text) == [text]


def test_a_sentence_without_its_own_timing_stays_with_the_commitment_before_it():
    text = (
        "Hösten 2026 ge en kurs. Kursen är öppen för alla. Våren 2027 följa upp kursen."
    )
    assert commitments(text) == [
        "Hösten 2026 ge en kurs. Kursen är öppen för alla.",
        "Våren 2027 följa upp kursen.",
    ]


def test_abbreviations_do_not_end_a_sentence():
    assert sentences("Samla bl.a. Region Exempel. Ordna t.ex. En dag.") == [
        "Samla bl.a. Region Exempel.",
        "Ordna t.ex. En dag.",
    ]


def test_numbered_and_lettered_lists_are_items_and_a_numbered_heading_a_focus_area():
    plan = parse_text(
        "2. Unga och utbyten\n"
        "Vi ska:\n"
        "1. Ordna ett ungdomsutbyte sommaren 2027.\n"
        "2. Ta emot praktikanter från vänorten.\n"
        "\n"
        "Därtill ska nämnderna:\n"
        "a) rapportera sina utbyten årligen,\n"
        "b) dela erfarenheter i nätverket.\n"
    )
    assert [(a.focus_area, a.title, a.timing_text) for a in plan.actions] == [
        ("Unga och utbyten", "Ordna ett ungdomsutbyte sommaren 2027.", "sommaren 2027"),
        ("Unga och utbyten", "Ta emot praktikanter från vänorten.", ""),
        ("Unga och utbyten", "rapportera sina utbyten årligen", "årligen"),
        ("Unga och utbyten", "dela erfarenheter i nätverket.", ""),
    ]
    assert plan.focus_area_numbers == {"Unga och utbyten": 2}


def test_a_web_pages_text_without_bullets_takes_each_line_after_the_lead_in():
    plan = parse_text(
        "Det här gör vi 2026\n"
        "Kommunen ska under året:\n"
        "Arrangera en EU-dag i maj 2026.\n"
        "Ge projektledare en kurs om fonder och\n"
        "Europeiska socialfonden hösten 2026.\n"
        "Samla EU-samordnarna två gånger per år\n"
        "\n"
        "Kontakta oss om du har frågor.\n"
    )
    assert [a.title for a in plan.actions] == [
        "Arrangera en EU-dag i maj 2026.",
        "Ge projektledare en kurs om fonder och Europeiska socialfonden hösten 2026.",
        "Samla EU-samordnarna två gånger per år",
        "Kontakta oss om du har frågor.",
    ]
    # The heading above the lead-in is offered as the focus area.
    assert {a.focus_area for a in plan.actions} == {"Det här gör vi 2026"}


def test_an_indented_or_lower_case_line_continues_the_bullet():
    plan = parse_text(
        "- Ge en kurs om fonder\n"
        "  tillsammans med Region Exempel.\n"
        "- Samla samordnarna\n"
        "med stöd av Europa Direkt.\n"
    )
    assert [(a.title, a.participants_text) for a in plan.actions] == [
        ("Ge en kurs om fonder tillsammans med Region Exempel.", "Region Exempel"),
        ("Samla samordnarna med stöd av Europa Direkt.", "Europa Direkt"),
    ]


def test_a_responsible_named_in_the_bullet_goes_to_ansvarig():
    plan = parse_text(
        "* Ge en kurs om fonder hösten 2026 (Ansvarig: Kommunledningskontoret)\n"
        "* Ordna en vänortsdag. Ansvarig: Kultur- och fritidsnämnden\n"
    )
    assert [(a.title, a.responsible_text) for a in plan.actions] == [
        ("Ge en kurs om fonder hösten 2026", "Kommunledningskontoret"),
        ("Ordna en vänortsdag.", "Kultur- och fritidsnämnden"),
    ]


def test_markdown_bullets_and_headings_are_read():
    plan = parse_text(
        "## Internationella nätverk\n\n"
        "* Delta i **Eurocities** möten *varje år*.\n"
        "+ Söka medlemskap i ett nätverk för unga.\n"
    )
    assert [(a.focus_area, a.title) for a in plan.actions] == [
        ("Internationella nätverk", "Delta i Eurocities möten varje år."),
        ("Internationella nätverk", "Söka medlemskap i ett nätverk för unga."),
    ]


def test_a_heading_above_prose_ends_the_focus_area_and_its_prose_is_left_out():
    plan = parse_text(
        "Stärka EU-kompetensen\n"
        "• Ta fram en EU-guide.\n"
        "\n"
        "Uppföljning\n"
        "\n"
        "Planen följs upp årligen av kommunstyrelsen.\n"
        "\n"
        "• Redovisa uppföljningen för fullmäktige.\n"
    )
    assert [(a.focus_area, a.title) for a in plan.actions] == [
        ("Stärka EU-kompetensen", "Ta fram en EU-guide."),
        ("", "Redovisa uppföljningen för fullmäktige."),
    ]
    assert [(p.text, p.at) for p in plan.left_out] == [
        ("Uppföljning", 1),
        ("Planen följs upp årligen av kommunstyrelsen.", 1),
    ]


def test_a_plan_of_labelled_blocks_is_still_read_as_blocks():
    plan = parse_text(
        "Inledning\n"
        "• Planen gäller 2017.\n\n"
        "Åtgärd: Ordna en EU-dag\nTidpunkt: maj\nAnsvarig: KS\n"
    )
    assert [(a.title, a.timing_text) for a in plan.actions] == [
        ("Ordna en EU-dag", "maj")
    ]
    assert plan.left_out == []


def test_prose_without_any_list_is_no_actions_and_says_where_actions_are_read():
    plan = parse_text("Kommunen arbetar internationellt.\n\nDet gör vi varje år.\n")
    assert plan.actions == []
    assert "punktlistor" in plan.problems[0].message


def test_the_left_out_text_survives_the_staged_json():
    plan = parse_text(EU_PLAN)
    assert ParsedPlan.from_json(plan.as_json()) == plan


# Word: lists and paragraphs


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_plan_with_list_styles_and_headings_is_read():
    def build(document):
        document.add_heading("Handlingsplan för EU-arbetet", 1)
        document.add_paragraph("Planen beslutas av kommunfullmäktige.")
        document.add_heading("Stärka EU-kompetensen", 2)
        document.add_paragraph(
            "Ge projektledare en kurs hösten 2026 med stöd av Region Exempel.",
            style="List Bullet",
        )
        document.add_paragraph(
            "Efter valet 2026 ge en introduktion. Under mandatperioden besöka Bryssel.",
            style="List Number",
        )

    plan = parse_docx(docx_bytes(build))
    assert [(a.focus_area, a.title, a.participants_text, a.timing_text) for a in plan.actions] == [
        (
            "Stärka EU-kompetensen",
            "Ge projektledare en kurs hösten 2026 med stöd av Region Exempel.",
            "Region Exempel",
            "hösten 2026",
        ),
        ("Stärka EU-kompetensen", "Efter valet 2026 ge en introduktion.", "", "Efter valet 2026"),
        ("Stärka EU-kompetensen", "Under mandatperioden besöka Bryssel.", "", "Under mandatperioden"),
    ]  # fmt: skip
    assert [p.text for p in plan.left_out] == [
        "Handlingsplan för EU-arbetet",
        "Planen beslutas av kommunfullmäktige.",
    ]


def test_word_paragraphs_after_a_lead_in_are_the_commitments():
    def build(document):
        document.add_heading("Unga och utbyten", 2)
        document.add_paragraph("Vi ska:")
        document.add_paragraph(
            "Ordna en skoldag där elever från vänorten deltar, våren 2027."
        )
        document.add_paragraph("Sedan 1993 ta emot praktikanter.")
        document.add_heading("Uppföljning", 2)
        document.add_paragraph("Planen följs upp varje år.")

    plan = parse_docx(docx_bytes(build))
    assert [(a.focus_area, a.title, a.participants_text, a.timing_text) for a in plan.actions] == [
        (
            "Unga och utbyten",
            "Ordna en skoldag där elever från vänorten deltar, våren 2027.",
            "elever från vänorten",
            "våren 2027",
        ),
        ("Unga och utbyten", "Sedan 1993 ta emot praktikanter.", "", "Sedan 1993"),
    ]  # fmt: skip
    assert [p.text for p in plan.left_out] == [
        "Vi ska:",
        "Uppföljning",
        "Planen följs upp varje år.",
    ]


def test_a_word_list_numbered_by_the_paragraph_itself_is_a_list():
    def build(document):
        document.add_paragraph("Kommunen åtar sig att")
        item = document.add_paragraph("Ordna en EU-dag i maj 2026.")
        number = item._p.get_or_add_pPr().get_or_add_numPr()
        number.get_or_add_numId().val = 1
        number.get_or_add_ilvl().val = 0

    plan = parse_docx(docx_bytes(build))
    assert [a.title for a in plan.actions] == ["Ordna en EU-dag i maj 2026."]


def test_a_text_file_upload_is_read_as_prose_too():
    plan = parse_upload("plan.txt", EU_PLAN.encode("utf-8"))
    assert len(plan.actions) == 7


# Pasted rows of a spreadsheet with headers nobody told us


def test_pasted_tab_separated_rows_with_unknown_headers_ask_for_their_columns():
    plan = parse_text(
        "Vad\tVem leder\tPeriod\n"
        "Besöka Europaparlamentet\tKS\t2026\n"
        "Samla EU-samordnarna\tKS\tjuni 2026\n"
    )
    assert plan.actions == [] and plan.problems == []
    (table,) = plan.tables
    assert table.headers == ["Vad", "Vem leder", "Period"]
    assert table.source == "texten"
    assert len(table.rows) == 2


def test_a_block_with_a_tab_after_its_label_stays_block_text():
    plan = parse_text("Åtgärd:\tOrdna en EU-dag\nAnsvarig:\tKS\n")
    assert [(a.title, a.responsible_text) for a in plan.actions] == [
        ("Ordna en EU-dag", "KS")
    ]


# No sentence is ever lost


_WORD = st.text(alphabet="abcdefghijklmnoprstuvyåäö", min_size=2, max_size=8).filter(
    lambda word: word not in {"och", "med", "av", "om", "att"}
)
_TIMINGS = st.sampled_from(
    ["", " hösten 2026", " under mandatperioden", " senast i juni 2027", " varje år"]
)


@st.composite
def _sentence(draw) -> str:
    words = draw(st.lists(_WORD, min_size=2, max_size=8))
    return words[0].capitalize() + " " + " ".join(words[1:]) + draw(_TIMINGS) + "."


@st.composite
def _paragraph(draw) -> tuple[str, list[str]]:
    """A paragraph of the plan's text and the sentences it holds."""
    kind = draw(
        st.sampled_from(["bullet", "bullet", "numbered", "prose", "heading", "lead-in"])
    )
    if kind == "heading":
        words = draw(st.lists(_WORD, min_size=1, max_size=4))
        heading = words[0].capitalize() + " " + " ".join(words[1:])
        return heading.strip(), [heading.strip()]
    if kind == "lead-in":
        words = draw(st.lists(_WORD, min_size=2, max_size=5))
        lead_in = words[0].capitalize() + " " + " ".join(words[1:]) + ":"
        return lead_in, [lead_in]
    said = draw(st.lists(_sentence(), min_size=1, max_size=3))
    text = " ".join(said)
    if kind == "bullet":
        text = draw(st.sampled_from(["• ", "- ", "– ", "* ", " ▪ "])) + text
    elif kind == "numbered":
        text = "1. " + text + "\n2. " + said[0]
    return text, said


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_paragraph(), min_size=1, max_size=12),
    st.lists(st.sampled_from(["\n", "\n\n"]), min_size=12, max_size=12),
)
def test_the_prose_reader_never_loses_a_sentence(paragraphs, breaks):
    text = "• Ta fram en EU-guide.\n" + "".join(
        paragraph + gap for (paragraph, _), gap in zip(paragraphs, breaks, strict=False)
    )
    plan = parse_text(text)
    kept = [
        *(a.title for a in plan.actions),
        *(a.responsible_text for a in plan.actions),
        *plan.focus_areas,
        *(p.text for p in plan.left_out),
        *(p.focus_area for p in plan.left_out),
    ]
    kept = [re.sub(r"\s+", " ", text) for text in kept]
    for _, said in paragraphs:
        for sentence in said:
            assert any(sentence in text for text in kept), sentence


# The preview: the text left out, made into a row, and the import


@pytest.fixture
def staged(coordinator_client, plan) -> ActionImport:
    response = coordinator_client.post(
        reverse("actions:import"),
        {"plan": plan.pk, "file": SimpleUploadedFile("plan.txt", EU_PLAN.encode())},
    )
    assert response.status_code == 302
    return ActionImport.objects.latest("pk")


def rows_data(staged) -> dict:
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
    return data


def test_the_preview_lists_the_text_left_out_with_a_button_to_make_it_a_row(
    coordinator_client, staged
):
    page = coordinator_client.get(reverse("actions:import_preview", args=[staged.pk]))
    html = page.content.decode()
    assert "1 textstycke blev ingen åtgärd" in html
    assert "Kommunen åtar sig att:" in html
    assert 'value="add-0"' in html
    assert "4 maj 2026 – 10 maj 2026" in html  # the dates read, in the plan's year


def test_a_passage_made_a_row_is_imported_and_no_longer_left_out(
    coordinator_client, staged, plan
):
    url = reverse("actions:import_rows", args=[staged.pk])
    response = coordinator_client.post(url, {**rows_data(staged), "op": "add-0"})
    assert response.status_code == 302
    staged.refresh_from_db()
    assert staged.rows[0]["title"] == "Kommunen åtar sig att:"
    assert services.staged_plan(staged).left_out == []
    coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), rows_data(staged)
    )
    assert Action.objects.filter(plan=plan).count() == 8


def test_a_prose_plan_imports_with_its_timing_read_in_the_plans_year(
    coordinator_client, staged, plan
):
    coordinator_client.post(
        reverse("actions:import_confirm", args=[staged.pk]), rows_data(staged)
    )
    action = Action.objects.get(plan=plan, title__startswith="Arrangera en EU-dag")
    assert action.timing_text == "under Europaveckan 2026 (4–10 maj)"
    assert (action.starts_on.isoformat(), action.ends_on.isoformat()) == (
        "2026-05-04",
        "2026-05-10",
    )
    assert action.participants_text == "Europa Direkt"
    guide = Action.objects.get(
        plan=plan, title="ta fram en EU-guide för förvaltningarna"
    )
    assert guide.focus_area.title == "Stärka EU-kompetensen"


def test_a_passage_too_long_for_an_action_is_refused_with_a_message():
    long = Passage("stycke 3", "Ord " * 300, 0, "")
    with pytest.raises(
        import_rows.RowOperationRefused, match="längre än 1\u00a0000 tecken"
    ):
        import_rows.add_passage([], long)


@pytest.mark.parametrize(
    ("sentence", "participants"),
    [
        ("Ordna en dag tillsammans med Kultur- och fritidsförvaltningen.", "Kultur- och fritidsförvaltningen"),
        ("Vi ska i samarbete med Länsstyrelsen i Västra Götaland ordna en kurs.", "Länsstyrelsen i Västra Götaland"),
        ("Ordna en dag med stöd av Europa Direkt och kommunens skolor.", "Europa Direkt"),
    ],
)  # fmt: skip
def test_a_capitalised_name_ends_at_the_verb_after_it(sentence, participants):
    assert co_actors(sentence) == participants
