"""The project list: scoped, filtered, sorted, paginated and exported alike."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from projects.exports import PROJECT_COLUMNS
from projects.models import FundingProgramme, Project
from tests.projects.conftest import make_project
from tests.spreadsheets import assert_text, exported_rows, hostile

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")
EXPORT = reverse("projects:export")


def titles(response) -> list[str]:
    return [project.title for project in response.context["object_list"]]


def test_the_list_shows_only_the_own_kommuns_projects(
    reader_client, project_a, project_b, foreign_project
):
    assert set(titles(reader_client.get(LIST))) == {project_a.title, project_b.title}


def test_filter_by_status_kind_programme_and_text(
    reader_client, project_a, project_b, forvaltning_b
):
    exchange = make_project(forvaltning_b, title="Vänortsläger", kind="exchange")
    exchange.partners.create(name="Radviliskio gimnazija", country="LT")
    assert titles(reader_client.get(LIST, {"status": "granted"})) == [project_a.title]
    assert titles(reader_client.get(LIST, {"kind": "exchange"})) == [exchange.title]
    programme = project_a.programme.pk
    assert titles(reader_client.get(LIST, {"programme": programme})) == [
        project_a.title
    ]
    assert titles(reader_client.get(LIST, {"q": "elev"})) == [project_a.title]
    assert titles(reader_client.get(LIST, {"q": "gimnazija"})) == [exchange.title]


def test_filter_by_owner_includes_the_units_below_it(
    reader_client, project_a, project_b, enhet_a
):
    school = make_project(enhet_a, title="Skolans projekt")
    response = reader_client.get(LIST, {"owner": project_a.owner.pk})
    assert set(titles(response)) == {project_a.title, school.title}


def test_filter_by_year_active(reader_client, project_a, forvaltning_b):
    later = make_project(
        forvaltning_b,
        title="Senare projekt",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
    )
    open_ended = make_project(
        forvaltning_b, title="Utan slut", starts_on=datetime.date(2016, 1, 1)
    )
    assert set(titles(reader_client.get(LIST, {"year": "2018"}))) == {
        project_a.title,
        open_ended.title,
    }
    assert set(titles(reader_client.get(LIST, {"year": "2020"}))) == {
        later.title,
        open_ended.title,
    }


def test_sorting_puts_empty_dates_last_both_ways(reader_client, project_a, project_b):
    assert titles(reader_client.get(LIST, {"o": "starts_on"})) == [
        project_a.title,
        project_b.title,
    ]
    assert titles(reader_client.get(LIST, {"o": "-starts_on"})) == [
        project_a.title,
        project_b.title,
    ]
    assert titles(reader_client.get(LIST, {"o": "-title"})) == [
        project_b.title,
        project_a.title,
    ]


def test_the_list_is_paginated_and_keeps_the_filter(reader_client, forvaltning_a):
    Project.objects.bulk_create(
        Project(owner=forvaltning_a, title=f"Projekt {number:02d}", kind="exchange")
        for number in range(55)
    )
    response = reader_client.get(LIST, {"kind": "exchange", "page": "2"})
    assert len(response.context["object_list"]) == 5
    assert response.context["query_string"] == "kind=exchange"


def test_an_invalid_filter_shows_nothing_instead_of_everything(
    reader_client, project_a
):
    response = reader_client.get(LIST, {"status": "no-such-status"})
    assert titles(response) == []


def test_the_export_has_the_filtered_projects_with_kronor(
    reader_client, project_a, project_b, foreign_project
):
    response = reader_client.get(EXPORT, {"status": "granted"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    with translation.override("sv"):
        headers = [str(column.header) for column in PROJECT_COLUMNS]
    assert list(rows[0]) == headers
    assert len(rows) == 2
    row = dict(zip(headers, rows[1], strict=True))
    with translation.override("sv"):
        assert row[str(_("Title"))] == project_a.title
        assert row[str(_("EU grant (SEK)"))] == pytest.approx(434443.50)
        assert row[str(_("Currency"))] == "EUR"
        assert row[str(_("Decision on"))] == datetime.datetime(2017, 5, 15)
        assert row[str(_("Partner countries"))] is None


def test_the_export_of_everything_leaves_out_other_kommuner(
    reader_client, project_a, project_b, foreign_project
):
    response = reader_client.get(EXPORT)
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    exported = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert exported == {project_a.title, project_b.title}


def test_a_programme_of_another_kommun_is_not_offered_in_the_filter(
    reader_client, project_a, other_kommun
):
    FundingProgramme.objects.create(kommun=other_kommun, code="EGEN", name_sv="Egen")
    response = reader_client.get(LIST)
    offered = set(response.context["filter"].form.fields["programme"].queryset)
    assert offered == {project_a.programme}


def test_text_typed_as_a_formula_is_exported_as_text_and_money_as_numbers(
    reader_client, kommun, forvaltning_a
):
    programme = FundingProgramme.objects.create(
        kommun=kommun, code="EGEN", name_sv=hostile(0)
    )
    forvaltning_a.name = hostile(1)
    forvaltning_a.save()
    make_project(
        forvaltning_a,
        title=hostile(2),
        acronym=hostile(3, length=40),
        reference_number=hostile(4),
        programme=programme,
        total_budget=Decimal("120000.50"),
    )
    (row,) = exported_rows(reader_client.get(EXPORT), PROJECT_COLUMNS)
    for header, value in [
        ("Title", hostile(2)),
        ("Acronym", hostile(3, length=40)),
        ("Funder's reference number", hostile(4)),
        ("Owner organisation", hostile(1)),
        ("Funding programme", hostile(0)),
    ]:
        assert_text(row[header], value)
    assert row["Total budget"].data_type == "n"
    assert row["Total budget"].value == pytest.approx(120000.50)
