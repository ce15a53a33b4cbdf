"""The list's filters, sorting and pages, and its Excel export."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from openpyxl import load_workbook

from strategies.exports import COLUMNS
from strategies.models import DocumentType, Strategy
from tests.factories import UserFactory
from tests.spreadsheets import assert_text, exported_rows, hostile
from tests.strategy_factories import GoalFactory, StrategyFactory, default_type

pytestmark = pytest.mark.django_db

LIST = reverse("strategies:list")
EXPORT = reverse("strategies:export")


def titles(response) -> list[str]:
    return [strategy.title for strategy in response.context["object_list"]]


@pytest.fixture
def documents(kommun, forvaltning_a, forvaltning_b):
    """Essunga's plan, Skövde's policy and a draft, moved into one kommun."""
    plan = StrategyFactory(
        kommun=kommun,
        document_type=default_type("Plan"),
        title="Internationell strategisk plan",
        adopted_on=datetime.date(2017, 2, 20),
        paragraph="§ 4",
        diary_number="2016.000193",
        valid_from=datetime.date(2017, 1, 1),
        valid_until=datetime.date(2019, 12, 31),
        document_owner="Kommunchef",
        applies_to_text="Samtliga nämnder",
    )
    GoalFactory(strategy=plan, text="Ökad extern finansiering.")
    policy = StrategyFactory(
        kommun=kommun,
        title="Policy för internationellt arbete",
        adopted_on=datetime.date(2016, 6, 20),
        diary_number="KS2016.0110",
    )
    policy.applies_to.set([forvaltning_a])
    draft = StrategyFactory(
        kommun=kommun,
        title="Riktlinjer för vänortsarbete",
        adopted_on=None,
        document_type=default_type("Riktlinjer"),
        diary_number="",
    )
    draft.applies_to.set([forvaltning_b])
    return plan, policy, draft


def test_list_filters_by_document_type(coordinator_client, documents):
    response = coordinator_client.get(LIST, {"document_type": "Plan"})
    assert titles(response) == ["Internationell strategisk plan"]


def test_list_filters_by_derived_status(coordinator_client, documents):
    assert titles(coordinator_client.get(LIST, {"status": "expired"})) == [
        "Internationell strategisk plan"
    ]
    assert titles(coordinator_client.get(LIST, {"status": "draft"})) == [
        "Riktlinjer för vänortsarbete"
    ]
    assert titles(coordinator_client.get(LIST, {"status": "in_force"})) == [
        "Policy för internationellt arbete"
    ]


def test_text_search_finds_diary_number_and_goal_text(coordinator_client, documents):
    assert titles(coordinator_client.get(LIST, {"q": "KS2016.0110"})) == [
        "Policy för internationellt arbete"
    ]
    assert titles(coordinator_client.get(LIST, {"q": "extern finansiering"})) == [
        "Internationell strategisk plan"
    ]


def test_organisation_filter_finds_documents_for_it_and_for_everyone(
    coordinator_client, documents, forvaltning_a, enhet_a
):
    # The plan applies to all (no organisations chosen); the policy to förvaltning A,
    # and so to the school below it; the draft to förvaltning B only.
    expected = ["Internationell strategisk plan", "Policy för internationellt arbete"]
    for organisation in (forvaltning_a, enhet_a):
        response = coordinator_client.get(LIST, {"organisation": organisation.pk})
        assert sorted(titles(response)) == expected


def test_year_filter_finds_documents_valid_during_the_year(
    coordinator_client, documents
):
    response = coordinator_client.get(LIST, {"year": "2021"})
    assert "Internationell strategisk plan" not in titles(response)
    response = coordinator_client.get(LIST, {"year": "2018"})
    assert "Internationell strategisk plan" in titles(response)


def test_list_sorts_by_a_column_both_ways(coordinator_client, documents):
    ascending = titles(coordinator_client.get(LIST, {"o": "adopted"}))
    assert ascending[:2] == [
        "Policy för internationellt arbete",
        "Internationell strategisk plan",
    ]
    descending = titles(coordinator_client.get(LIST, {"o": "-adopted"}))
    assert descending.index("Internationell strategisk plan") < descending.index(
        "Policy för internationellt arbete"
    )
    header = coordinator_client.get(LIST, {"o": "adopted"}).context["sort"]["adopted"]
    assert header == {"next": "-adopted", "aria": "ascending"}


def test_list_is_paginated_and_keeps_the_filter_in_page_links(
    coordinator_client, kommun
):
    for number in range(30):
        StrategyFactory(kommun=kommun, title=f"Plan {number:02d}")
    response = coordinator_client.get(LIST, {"q": "Plan", "page": 2})
    assert len(response.context["object_list"]) == 5
    assert response.context["query_string"] == "q=Plan"


def test_kommun_filter_is_offered_only_to_those_who_see_several(
    client, coordinator_client, strategy, other_strategy
):
    assert "kommun" not in coordinator_client.get(LIST).context["filter"].form.fields
    client.force_login(UserFactory(username="admin", is_superuser=True))
    response = client.get(LIST, {"kommun": other_strategy.kommun_id})
    assert titles(response) == [other_strategy.title]


def test_who_sees_several_kommuner_sees_each_rows_and_each_bodys_kommun(
    client, coordinator_client, strategy, other_strategy, forvaltning_a
):
    strategy.adopted_by = forvaltning_a
    strategy.save()
    own = coordinator_client.get(LIST).content.decode()
    assert f">{forvaltning_a.name}</option>" in own
    assert f"{forvaltning_a.name} ({forvaltning_a.kommun.name})" not in own
    client.force_login(UserFactory(username="admin", is_superuser=True))
    every = client.get(LIST).content.decode()
    # Both option lists name the body's kommun; 'Adopted by' only adopting bodies.
    option = f">{forvaltning_a.name} ({forvaltning_a.kommun.name})</option>"
    assert every.count(option) == 2
    for document in (strategy, other_strategy):
        row = every.split(f">{document.title}</a>")[1].split("</th>")[0]
        assert document.kommun.name in row


def test_invalid_filter_shows_no_documents_and_the_error(coordinator_client, documents):
    response = coordinator_client.get(LIST, {"status": "nonsense"})
    assert titles(response) == []
    assert "status" in response.context["filter"].form.errors


# -- Excel --------------------------------------------------------------------------------


def export_rows(client, **params) -> list[tuple]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    return list(sheet.iter_rows(values_only=True))


def column(name: str) -> int:
    """The position of a column, named by its English message id."""
    with translation.override("en"):
        return [str(c.header) for c in COLUMNS].index(name)


def test_export_has_one_row_per_document_with_real_dates(coordinator_client, documents):
    header, *rows = export_rows(coordinator_client, document_type="Plan")
    assert list(header) == [str(c.header) for c in COLUMNS]
    assert len(rows) == 1
    row = rows[0]
    assert row[column("Title")] == "Internationell strategisk plan"
    assert row[column("Diary number")] == "2016.000193"
    assert row[column("Paragraph")] == "§ 4"
    assert row[column("Adopted on")] == datetime.datetime(2017, 2, 20)
    assert row[column("Valid until")] == datetime.datetime(2019, 12, 31)
    assert row[column("Applies to")] == "Samtliga nämnder"
    assert row[column("Number of goals")] == 1


def test_export_applies_the_same_filter_and_order_as_the_list(
    coordinator_client, documents
):
    params = {"status": "in_force", "o": "title"}
    listed = titles(coordinator_client.get(LIST, params))
    _header, *rows = export_rows(coordinator_client, **params)
    assert [row[column("Title")] for row in rows] == listed


def test_export_leaves_out_other_kommuners_documents(
    coordinator_client, strategy, other_strategy
):
    _header, *rows = export_rows(coordinator_client)
    assert [row[column("Title")] for row in rows] == [strategy.title]


def test_export_needs_a_login(client, strategy):
    assert client.get(EXPORT).status_code == 302


def test_text_typed_as_a_formula_is_exported_as_text(coordinator_client, kommun):
    own_type = DocumentType.objects.create(kommun=kommun, name=hostile(0, length=80))
    replaced = StrategyFactory(kommun=kommun, title=hostile(1), adopted_on=None)
    typed = {
        "title": hostile(2),
        "version_text": hostile(3, length=100),
        "adopted_by_text": hostile(3),
        "paragraph": hostile(4, length=30),
        "diary_number": hostile(5, length=60),
        "document_owner": hostile(0),
        "prepared_by": hostile(4),
        "applies_to_text": hostile(1),
        "review_interval": hostile(2, length=120),
    }
    StrategyFactory(
        kommun=kommun,
        document_type=own_type,
        replaces=replaced,
        parent=replaced,
        **typed,
    )
    rows = exported_rows(coordinator_client.get(EXPORT), COLUMNS)
    (row,) = [row for row in rows if row["Title"].value == typed["title"]]
    for header, value in [
        ("Document type", own_type.name),
        ("Title", typed["title"]),
        ("Version", typed["version_text"]),
        ("Adopted by", typed["adopted_by_text"]),
        ("Paragraph", typed["paragraph"]),
        ("Diary number", typed["diary_number"]),
        ("Document owner", typed["document_owner"]),
        ("Prepared by", typed["prepared_by"]),
        ("Applies to", typed["applies_to_text"]),
        ("Replaces", replaced.title),
        ("Implements", replaced.title),
        ("Review interval", typed["review_interval"]),
    ]:
        assert_text(row[header], value)
    assert row["Adopted on"].is_date
    assert row["Number of goals"].data_type == "n"


def type_choices(client) -> list[str]:
    form = client.get(LIST).context["filter"].form
    return [value for value, _label in form.fields["document_type"].choices if value]


def test_type_choices_follow_the_first_kommuns_list_then_the_others(
    client, kommun, other_kommun
):
    """Essunga (first by name) has its own list; Skara still has the defaults.
    Someone who sees both gets Essunga's order, then the defaults it lacks."""
    assert sorted([kommun.name, other_kommun.name])[0] == other_kommun.name
    defaults = list(DocumentType.objects.defaults().values_list("name", flat=True))
    DocumentType.objects.create(kommun=other_kommun, name="Verksamhetsplan", order=1)
    DocumentType.objects.create(kommun=other_kommun, name="Policy", order=2)
    both = UserFactory(username="bada")
    for organisation in (kommun, other_kommun):
        both.memberships.create(organisation=organisation, role="reader")
    client.force_login(both)
    expected = ["Verksamhetsplan", "Policy"] + [n for n in defaults if n != "Policy"]
    assert type_choices(client) == expected
    # Only the kommun with the defaults: the defaults in their order.
    skara = UserFactory(username="skara_lasare")
    skara.memberships.create(organisation=kommun, role="reader")
    client.force_login(skara)
    assert type_choices(client) == defaults
    # Only Essunga: its own list alone.
    essunga = UserFactory(username="essunga_lasare")
    essunga.memberships.create(organisation=other_kommun, role="reader")
    client.force_login(essunga)
    assert type_choices(client) == ["Verksamhetsplan", "Policy"]


def test_adopted_by_offers_only_the_bodies_that_adopted_a_document(
    coordinator_client, kommun, forvaltning_a, forvaltning_b
):
    adopted = StrategyFactory(kommun=kommun, title="Antagen", adopted_by=forvaltning_a)
    StrategyFactory(kommun=kommun, title="Utan beslut", adopted_by=None)
    form = coordinator_client.get(LIST).context["filter"].form
    offered = [value for value, _label in form.fields["adopted_by"].widget.choices]
    assert offered == ["", forvaltning_a.pk]
    applies_to = {value for value, _label in form.fields["organisation"].widget.choices}
    assert {kommun.pk, forvaltning_a.pk, forvaltning_b.pk} <= applies_to
    response = coordinator_client.get(LIST, {"adopted_by": forvaltning_a.pk})
    assert titles(response) == [adopted.title]


def test_each_row_shows_its_status_as_the_document_page_works_it_out(
    coordinator_client, documents
):
    plan, policy, draft = documents
    today = datetime.date.today()
    successor = StrategyFactory(
        kommun=policy.kommun,
        title="Ny policy för internationellt arbete",
        adopted_on=datetime.date(2020, 3, 1),
        replaces=policy,
    )
    upcoming = StrategyFactory(
        kommun=policy.kommun,
        title="Kommande handlingsplan",
        adopted_on=today - datetime.timedelta(days=1),
        valid_from=today + datetime.timedelta(days=30),
    )
    html = coordinator_client.get(LIST).content.decode()
    expected = [
        (policy, Strategy.Status.REPLACED),
        (plan, Strategy.Status.EXPIRED),
        (draft, Strategy.Status.DRAFT),
        (successor, Strategy.Status.IN_FORCE),
        (upcoming, Strategy.Status.UPCOMING),
    ]
    with translation.override("sv"):
        for strategy, status in expected:
            assert strategy.status_on(today) == status
            row = html.split(f">{strategy.title}</a>")[1].split("</tr>")[0]
            assert f">{capfirst(status.label)}</span>" in row
    # Filtering by status still works it out in the database.
    assert titles(coordinator_client.get(LIST, {"status": "replaced"})) == [
        policy.title
    ]
