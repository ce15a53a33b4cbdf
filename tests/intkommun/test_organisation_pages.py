from __future__ import annotations

import pytest
from django.urls import reverse

from intkommun.models import Organisation
from tests.versions import loaded_version

pytestmark = pytest.mark.django_db


def detail(organisation):
    return reverse("intkommun:organisation_detail", args=[organisation.pk])


def update(organisation):
    return reverse("intkommun:organisation_update", args=[organisation.pk])


def test_every_page_requires_login(client, forvaltning_a):
    for url in (
        reverse("start"),
        reverse("intkommun:organisation_list"),
        detail(forvaltning_a),
        update(forvaltning_a),
        reverse("intkommun:organisation_create"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_start_page_shows_kommun_and_role_in_swedish(reader_client):
    response = reader_client.get(reverse("start"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Skara kommun" in text
    assert "Läsare" in text
    assert '<html lang="sv">' in text


def test_organisation_list_shows_only_own_kommun(
    reader_client, forvaltning_a, other_kommun
):
    response = reader_client.get(reverse("intkommun:organisation_list"))
    text = response.content.decode()
    assert forvaltning_a.name in text
    assert other_kommun.name not in text


def test_another_kommuns_organisation_is_not_found(other_coordinator_client, kommun):
    assert other_coordinator_client.get(detail(kommun)).status_code == 404
    assert other_coordinator_client.get(update(kommun)).status_code == 404


def test_reader_may_look_but_not_edit(reader_client, forvaltning_a):
    assert reader_client.get(detail(forvaltning_a)).status_code == 200
    assert reader_client.get(update(forvaltning_a)).status_code == 403
    response = reader_client.post(update(forvaltning_a), {"name": "Nytt namn"})
    assert response.status_code == 403
    forvaltning_a.refresh_from_db()
    assert forvaltning_a.name == "Barn- och utbildningsförvaltningen"


def test_reporter_cannot_create_organisations(reporter_a_client):
    assert (
        reporter_a_client.get(reverse("intkommun:organisation_create")).status_code
        == 403
    )


def test_coordinator_renames_an_organisation_and_history_records_it(
    coordinator_client, coordinator, kommun, forvaltning_a
):
    response = coordinator_client.post(
        update(forvaltning_a),
        {
            "kind": "forvaltning",
            "name": "Bildningsförvaltningen",
            "short_name": "BIF",
            "parent": kommun.pk,
            "is_active": "on",
            **loaded_version(forvaltning_a),
        },
    )
    assert response.status_code == 302
    forvaltning_a.refresh_from_db()
    assert forvaltning_a.name == "Bildningsförvaltningen"
    latest = forvaltning_a.history.first()
    assert latest.history_user == coordinator
    assert latest.history_type == "~"


def test_coordinator_creates_a_unit_under_a_forvaltning(
    coordinator_client, forvaltning_a
):
    response = coordinator_client.post(
        reverse("intkommun:organisation_create"),
        {"kind": "enhet", "name": "Gymnasieskolan", "parent": forvaltning_a.pk},
    )
    assert response.status_code == 302
    created = Organisation.objects.get(name="Gymnasieskolan")
    assert created.kommun == forvaltning_a.kommun


def test_coordinator_cannot_place_an_organisation_in_another_kommun(
    coordinator_client, other_kommun
):
    response = coordinator_client.post(
        reverse("intkommun:organisation_create"),
        {"kind": "forvaltning", "name": "Smygförvaltningen", "parent": other_kommun.pk},
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Smygförvaltningen").exists()


def test_an_organisation_cannot_be_placed_under_its_own_unit(
    coordinator_client, kommun, forvaltning_a, enhet_a
):
    response = coordinator_client.post(
        update(forvaltning_a),
        {
            "kind": "forvaltning",
            "name": forvaltning_a.name,
            "parent": enhet_a.pk,
            **loaded_version(forvaltning_a),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["parent"]
    assert errors == [
        "En organisation kan inte ingå i sig själv eller i sina egna enheter."
    ]
    forvaltning_a.refresh_from_db()
    assert forvaltning_a.parent == kommun


def test_a_missing_name_is_reported_in_swedish_next_to_the_field(
    coordinator_client, kommun
):
    response = coordinator_client.post(
        reverse("intkommun:organisation_create"),
        {"kind": "forvaltning", "name": "", "parent": kommun.pk},
    )
    assert response.context["form"].errors["name"] == ["Detta fält måste fyllas i."]
    assert 'id="error_1_id_name"' in response.content.decode()


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (23, 54, 93)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_coordinator_uploads_the_kommuns_logo(
    coordinator_client, kommun, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    response = coordinator_client.post(
        update(kommun),
        {
            "name": kommun.name,
            "short_name": "Skara",
            "population": "18900",
            "population_source": "SCB, 31 december 2025",
            "logo": SimpleUploadedFile("skara.png", png_bytes(), "image/png"),
            "open_data_licence": "CC-BY-4.0",
            "is_active": "on",
            **loaded_version(kommun),
        },
    )
    assert response.status_code == 302
    kommun.refresh_from_db()
    assert kommun.logo.name.startswith("logos/")
    assert kommun.open_data_licence == "CC-BY-4.0"
    assert (kommun.population, kommun.population_source) == (
        18900,
        "SCB, 31 december 2025",
    )
    page = coordinator_client.get(kommun.get_absolute_url()).content.decode()
    assert "18\xa0900" in page and "SCB, 31 december 2025" in page


def test_a_file_that_is_not_an_image_is_refused_as_logo(coordinator_client, kommun):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coordinator_client.post(
        update(kommun),
        {
            "name": kommun.name,
            "logo": SimpleUploadedFile("logo.png", b"MZ not an image", "image/png"),
            "is_active": "on",
            **loaded_version(kommun),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    kommun.refresh_from_db()
    assert not kommun.logo


def test_only_a_kommun_has_a_logo_field(coordinator_client, forvaltning_a):
    response = coordinator_client.get(update(forvaltning_a))
    assert "logo" not in response.context["form"].fields
