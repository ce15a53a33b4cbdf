"""The kommun's own status scale (issue 15): the words a kommun uses for the five
statuses, how its coordinator names them, and where they are read and shown."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Status, StatusTerm
from actions.status_scale import (
    STANDARD,
    StatusScale,
    label_statuses,
    scale_for,
    scales_for,
)
from actions.templatetags.action_status import status_badge
from tests.actions.conftest import make_action
from tests.actions.test_bulk_update import edit, exported, upload
from tests.html_forms import page_form

pytestmark = pytest.mark.django_db

WORDS = [
    ("Klar", Status.DONE),
    ("Påbörjad", Status.IN_PROGRESS),
    ("Ej påbörjad", Status.PLANNED),
    ("Ej aktuell", Status.CANCELLED),
    ("Avslutad", Status.DONE),  # a second word for done: read, never shown
]


def name_scale(kommun, terms=WORDS) -> None:
    for position, (term, status) in enumerate(terms, start=1):
        StatusTerm.objects.create(
            kommun=kommun, term=term, status=status, position=position
        )


def scale_url(kommun) -> str:
    return reverse("actions:status_scale", args=[kommun.pk])


# --- the mapping ---------------------------------------------------------------------


def test_a_status_is_shown_by_the_first_term_that_means_it():
    scale = StatusScale(tuple(WORDS))

    assert scale.label(Status.DONE) == "Klar"
    assert scale.label(Status.PLANNED) == "Ej påbörjad"


def test_a_status_without_a_term_keeps_its_swedish_name():
    scale = StatusScale(tuple(WORDS))

    assert scale.label(Status.POSTPONED) == "Uppskjuten"
    assert STANDARD.label(Status.DONE) == "Genomförd"


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("Klar", Status.DONE),
        ("  klar ", Status.DONE),
        ("AVSLUTAD", Status.DONE),
        ("ej   påbörjad", Status.PLANNED),
        ("Genomförd", Status.DONE),  # the standard Swedish name
        ("Postponed", Status.POSTPONED),  # the English name
        ("in_progress", Status.IN_PROGRESS),  # the code
    ],
)
def test_a_term_is_read_whatever_its_case_and_spaces(typed, status):
    assert StatusScale(tuple(WORDS)).status_for(typed) == status


def test_a_word_of_no_status_is_read_as_none():
    assert StatusScale(tuple(WORDS)).status_for("Kanske") is None
    assert STANDARD.status_for("") is None


def test_the_kommuns_terms_win_over_a_standard_name():
    scale = StatusScale((("Planerad", Status.IN_PROGRESS),))

    assert scale.status_for("planerad") == Status.IN_PROGRESS


def test_choices_label_every_status_in_the_kommuns_words():
    choices = dict(StatusScale(tuple(WORDS)).choices())

    assert choices == {
        "planned": "Ej påbörjad",
        "in_progress": "Påbörjad",
        "done": "Klar",
        "postponed": "Uppskjuten",
        "cancelled": "Ej aktuell",
    }


def test_scales_of_several_kommuner_load_in_one_query(
    kommun, other_kommun, django_assert_num_queries
):
    name_scale(kommun)

    with django_assert_num_queries(1):
        scales = scales_for([kommun.pk, other_kommun.pk])

    assert scales[kommun.pk].label(Status.DONE) == "Klar"
    assert scales[other_kommun.pk] == STANDARD


def test_actions_of_two_kommuner_are_labelled_each_in_its_own_words(
    kommun, plan, other_plan, django_assert_num_queries
):
    name_scale(kommun)
    ours = make_action(plan, status=Status.DONE)
    theirs = make_action(other_plan, status=Status.DONE)
    actions = list(type(ours).objects.select_related("plan").order_by("pk"))

    with django_assert_num_queries(1):
        label_statuses(actions)

    assert [action.status_label for action in actions] == ["Klar", "Genomförd"]
    assert [action.pk for action in actions] == [ours.pk, theirs.pk]


def test_known_scales_are_not_read_again(
    kommun, plan, other_plan, django_assert_num_queries
):
    name_scale(kommun)
    ours = make_action(plan, status=Status.DONE)
    theirs = make_action(other_plan, status=Status.DONE)
    known = scales_for([kommun.pk])
    only_ours = list(type(ours).objects.filter(pk=ours.pk).select_related("plan"))
    with django_assert_num_queries(0):
        label_statuses(only_ours, known=known)
    assert only_ours[0].status_label == "Klar"
    # A kommun not known is read.
    both = list(type(ours).objects.select_related("plan").order_by("pk"))
    with django_assert_num_queries(1):
        label_statuses(both, known=known)
    assert [action.status_label for action in both] == ["Klar", "Genomförd"]
    assert both[1].pk == theirs.pk


def test_the_list_reads_the_scale_once(reader_client, kommun, plan):
    name_scale(kommun)
    make_action(plan, status=Status.DONE)
    reader_client.get(reverse("actions:list"))
    with CaptureQueriesContext(connection) as queries:
        response = reader_client.get(reverse("actions:list"))
    assert ">Klar</span>" in response.content.decode()
    read = [q for q in queries.captured_queries if "actions_statusterm" in q["sql"]]
    assert len(read) == 1


# --- the page ------------------------------------------------------------------------


def post_rows(client, kommun, *rows, delete=()):
    """Fill the page's rows in order: (term, status, position) each."""
    url = scale_url(kommun)
    form = page_form(client.get(url), "terms-TOTAL_FORMS")
    for index, (term, status, position) in enumerate(rows):
        form[f"terms-{index}-term"] = [term]
        form[f"terms-{index}-status"] = [status]
        form[f"terms-{index}-position"] = [position]
    for index in delete:
        form[f"terms-{index}-DELETE"] = ["on"]
    return client.post(url, form)


def test_the_coordinator_names_the_scale(coordinator_client, coordinator, kommun):
    response = post_rows(
        coordinator_client,
        kommun,
        ("Klar", "done", "1"),
        ("Påbörjad", "in_progress", ""),
    )

    assert response.status_code == 302
    terms = StatusTerm.objects.filter(kommun=kommun).order_by("position", "pk")
    assert [(t.term, t.status, t.position) for t in terms] == [
        ("Klar", "done", 1),
        ("Påbörjad", "in_progress", 1),
    ]
    assert scale_for(kommun).label(Status.IN_PROGRESS) == "Påbörjad"
    assert terms[0].history.first().history_user == coordinator


def test_the_page_shows_how_each_status_is_shown(coordinator_client, kommun):
    name_scale(kommun)

    html = coordinator_client.get(scale_url(kommun)).content.decode()

    assert "Statusskala för Skara kommun" in html
    assert "<td>Klar</td>" in html
    assert "<td>Uppskjuten</td>" in html


def test_a_row_is_removed(coordinator_client, kommun):
    name_scale(kommun, WORDS[:2])

    response = post_rows(coordinator_client, kommun, delete=[1])

    assert response.status_code == 302
    assert list(StatusTerm.objects.values_list("term", flat=True)) == ["Klar"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("Klar", "done", "1"), ("KLAR ", "cancelled", "2")],
            "Skalan har redan den här termen.",
        ),
        (
            [("K" * 41, "done", "1")],
            "En term får vara högst 40 tecken (den här har 41).",
        ),
        ([("Klar", "", "1")], "Detta fält måste fyllas i."),
    ],
)
def test_a_scale_with_an_error_is_not_saved(coordinator_client, kommun, rows, message):
    response = post_rows(coordinator_client, kommun, *rows)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StatusTerm.objects.exists()


def test_an_emptied_term_asks_for_a_term_or_removal(coordinator_client, kommun):
    name_scale(kommun, WORDS[:1])

    response = post_rows(coordinator_client, kommun, ("", "done", "1"))

    html = response.content.decode()
    assert "Skriv en term, eller kryssa i Ta bort för att ta bort raden." in html
    assert StatusTerm.objects.get().term == "Klar"


def test_a_term_of_another_kommun_is_no_duplicate(
    coordinator_client, kommun, other_kommun
):
    name_scale(other_kommun)

    post_rows(coordinator_client, kommun, ("Klar", "done", "1"))

    assert StatusTerm.objects.filter(kommun=kommun).count() == 1


def test_an_example_fills_an_empty_scale_and_never_replaces_one(
    coordinator_client, kommun
):
    preset = reverse("actions:status_scale_preset", args=[kommun.pk])

    coordinator_client.post(preset, {"preset": "bokstaver"})
    response = coordinator_client.post(preset, {"preset": "ord"}, follow=True)

    assert [t.term for t in StatusTerm.objects.order_by("position")] == list("ABCD")
    assert "Ett exempel kan bara fylla i en tom skala." in response.content.decode()


def test_a_reader_may_not_open_the_scale(reader_client, kommun):
    assert reader_client.get(scale_url(kommun)).status_code == 403


def test_a_reporter_may_not_change_the_scale(reporter_a_client, kommun):
    response = reporter_a_client.post(scale_url(kommun), {})

    assert response.status_code == 403


def test_another_kommuns_coordinator_does_not_find_the_scale(
    other_coordinator_client, kommun
):
    name_scale(kommun)

    response = other_coordinator_client.get(scale_url(kommun))

    assert response.status_code == 404
    preset = reverse("actions:status_scale_preset", args=[kommun.pk])
    assert other_coordinator_client.post(preset, {"preset": "ord"}).status_code == 404


def test_the_kommuns_page_links_to_the_scale_for_its_coordinator_only(
    coordinator_client, reader_client, kommun
):
    page = reverse("intkommun:organisation_detail", args=[kommun.pk])

    assert scale_url(kommun) in coordinator_client.get(page).content.decode()
    assert scale_url(kommun) not in reader_client.get(page).content.decode()


# --- where the words are shown and read ----------------------------------------------


def test_the_list_shows_the_kommuns_term_and_filters_by_it(reader_client, kommun, plan):
    name_scale(kommun)
    make_action(plan, status=Status.DONE)

    response = reader_client.get(reverse("actions:list"))

    html = response.content.decode()
    assert ">Klar</span>" in html
    assert ">Genomförd<" not in html
    choices = dict(response.context["filter"].form.fields["status"].choices)
    assert choices["done"] == "Klar"


def test_the_action_shows_the_kommuns_term(reader_client, kommun, plan):
    name_scale(kommun)
    action = make_action(plan, status=Status.CANCELLED)

    html = reader_client.get(action.get_absolute_url()).content.decode()

    assert ">Ej aktuell</span>" in html


def test_a_kommun_without_a_scale_keeps_the_usual_names(reader_client, plan):
    make_action(plan, status=Status.DONE)

    html = reader_client.get(reverse("actions:list")).content.decode()

    assert ">Genomförd</span>" in html


def test_the_export_writes_the_kommuns_term(coordinator_client, kommun, plan):
    name_scale(kommun)
    make_action(plan, status=Status.IN_PROGRESS)

    sheet = exported(coordinator_client).active

    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Status") + 1).value == "Påbörjad"


def test_bulk_update_reads_the_kommuns_term(coordinator_client, kommun, action_a):
    name_scale(kommun)
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="klar")

    preview = coordinator_client.get(upload(coordinator_client, workbook).url)

    plan = preview.context["plan"]
    assert not plan.problems
    [change] = plan.changes
    assert [(f.name, f.old, f.new, f.value) for f in change.fields] == [
        ("status", "Ej påbörjad", "Klar", Status.DONE)
    ]


def test_bulk_update_refuses_a_word_of_no_status_and_names_the_terms(
    coordinator_client, kommun, action_a
):
    name_scale(kommun)
    workbook = exported(coordinator_client)
    edit(workbook, action_a.pk, Status="Kanske")

    preview = coordinator_client.get(upload(coordinator_client, workbook).url)

    [problem] = preview.context["plan"].problems
    assert problem.message == (
        "Okänd status ”Kanske”. Skriv en av: Klar, Påbörjad, Ej påbörjad, "
        "Ej aktuell, Avslutad."
    )
    assert "Okänd status ”Kanske”" in preview.content.decode()


def test_the_status_badge_writes_the_kommuns_word_escaped_and_capitalised():
    assert status_badge("done", "klar <i>nu</i>") == (
        '<span class="badge status-badge status-done">Klar &lt;i&gt;nu&lt;/i&gt;</span>'
    )
