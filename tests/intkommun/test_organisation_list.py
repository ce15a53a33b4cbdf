"""The organisation list: the tree unfiltered, a flat table once filtered or sorted,
and an export of exactly the rows shown."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from intkommun.models import Organisation
from intkommun.organisation_list import ORGANISATION_COLUMNS
from tests.factories import OrganisationFactory
from tests.spreadsheets import exported_rows

pytestmark = pytest.mark.django_db

URL = "intkommun:organisation_list"


@pytest.fixture
def organisations(kommun, forvaltning_a, enhet_a, forvaltning_b, other_kommun):
    OrganisationFactory(parent=other_kommun, name="Essunga förvaltning")
    old = OrganisationFactory(
        parent=kommun, name="Gamla nämnden", kind=Organisation.Kind.NAMND
    )
    old.is_active = False
    old.save()
    return old


def page(client, **query) -> str:
    response = client.get(reverse(URL), query)
    assert response.status_code == 200
    return response.content.decode()


def test_unfiltered_is_the_tree_and_a_filter_makes_a_flat_table(
    coordinator_client, organisations
):
    tree = page(coordinator_client)
    assert "tree-depth-2" in tree  # Katedralskolan under its förvaltning
    assert "Essunga" not in tree
    flat = page(coordinator_client, kind="enhet")
    assert "tree-depth" not in flat
    assert "Katedralskolan" in flat
    assert "Samhällsbyggnadsförvaltningen" not in flat
    assert "1 organisation" in flat


def test_filters_by_active_text_and_part_of(
    coordinator_client, organisations, forvaltning_a
):
    inactive = page(coordinator_client, active="no")
    assert "Gamla nämnden" in inactive and "Katedralskolan" not in inactive
    searched = page(coordinator_client, q="katedral")
    assert "Katedralskolan" in searched and "Gamla nämnden" not in searched
    below = page(coordinator_client, within=forvaltning_a.pk)
    assert "Katedralskolan" in below
    assert "Samhällsbyggnadsförvaltningen" not in below


def test_sorting_by_name_both_ways(coordinator_client, organisations):
    up = page(coordinator_client, o="name")
    down = page(coordinator_client, o="-name")
    a, b = "Barn- och utbildningsförvaltningen</a>", "Samhällsbyggnadsförvaltningen</a>"
    assert up.index(a) < up.index(b)
    assert down.index(b) < down.index(a)
    assert 'aria-sort="descending"' in down


def test_export_has_the_filtered_organisations_and_their_people(
    coordinator_client, organisations, reporter_a
):
    response = coordinator_client.get(
        reverse("intkommun:organisation_export"), {"kind": "forvaltning"}
    )
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="organisationer-{today}.xlsx"'
    )
    rows = exported_rows(response, ORGANISATION_COLUMNS)
    assert [row["Name"].value for row in rows] == [
        "Barn- och utbildningsförvaltningen",
        "Samhällsbyggnadsförvaltningen",
    ]
    first = rows[0]
    assert first["Part of"].value == "Skara kommun"
    assert first["Active"].value == "Ja"
    assert first["People with roles"].value == 1
    assert rows[1]["People with roles"].value == 0
    everything = exported_rows(
        coordinator_client.get(reverse("intkommun:organisation_export")),
        ORGANISATION_COLUMNS,
    )
    names = {row["Name"].value for row in everything}
    assert "Essunga förvaltning" not in names
    assert names >= {"Skara kommun", "Gamla nämnden", "Katedralskolan"}
    assert Organisation.objects.count() > len(names)
